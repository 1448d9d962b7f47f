"""One raw document → its Extraction: the ETL's steps in the order data flows.

ingest (done by the caller) → clean → segment → sentences → countries,
dates, numbers → metrics → pairs → signed documents → facts. Each step is its
own module; this one only wires them and decides what a fact inherits from
its block (pair, date, confidence).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from etl.clean import clean_text, doc_id
from etl.countries import Mention, find_countries
from etl.dates import date_in_url, find_datelines, pick_document_date
from etl.documents import signed_documents, signing_context
from etl.ingest import RawDocument
from etl.metrics import (
    CLAUSE_BREAK,
    Figure,
    could_hold_figure,
    find_figures,
    metric_terms,
    money_metric_of,
    worth_reading,
)
from etl.model import METRIC_UNITS, Extraction, Fact, SignedDocument, make_pair
from etl.numbers import find_amounts
from etl.pairs import (
    BlockCountries,
    block_countries,
    domestic_route,
    listed_together,
    sentence_pair,
    without_venues,
)
from etl.segment import Block, segment
from etl.sentences import Sentence, split_sentences

EXTRACTED_ROLES = ("title", "article", "related")
PAIR_CONFIDENCE = {"sentence": 1.0, "block": 0.9, "hub": 0.8}


@dataclass
class _Found:
    figure: Figure
    pair: str
    sentence: Sentence
    block: Block
    how: str
    date: date | None
    precision: str | None


def _in(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """The mentions in [start, end); `mentions` is sorted by start (find_countries' order),
    so two bisections, not a scan per sentence."""
    lo = bisect_left(mentions, start, key=lambda m: m.start)
    hi = bisect_left(mentions, end, lo, key=lambda m: m.start)
    return mentions[lo:hi]


def _block_date(text: str, block: Block, reference: date | None) -> tuple[date | None, str | None]:
    """A related item's own dateline ("23 апреля 2021 16:18"), if it has one."""
    if reference is None:
        return None, None
    lines = [u.text for u in block.units if u.kind == "dateline"] or [text[block.start:block.end]]
    for d in find_datelines(lines[0], reference):
        return d.value, d.precision
    return None, None


# where the words between two figures change hands: a clause break or a conjunction
_SPLIT = re.compile(rf"{CLAUSE_BREAK.pattern}|\s(?:и|а|and|while|whereas)\s")
_COLON = re.compile(r":\s")


def _window(fig: Figure, figures: list[Figure], text: str) -> tuple[int, int]:
    """The stretch of the sentence that belongs to one figure: from the figure before it
    to the figure after it. The words between two figures are split at the first clause
    break or conjunction: "с Кыргызстаном $1,2 млрд, с Таджикистаном — $500 млн", "with
    Kyrgyzstan – $1.3 billion and with Tajikistan – $600 million" give Tajikistan to the
    second figure only."""
    lo, hi = 0, 10**9
    for other in figures:
        if other.amount.end <= fig.amount.start:
            brk = _SPLIT.search(text, other.amount.end, fig.amount.start)
            lo = max(lo, brk.start() if brk else other.amount.end)
        elif other.amount.start >= fig.amount.end:
            brk = _SPLIT.search(text, fig.amount.end, other.amount.start)
            hi = min(hi, brk.start() if brk else other.amount.start)
    return lo, hi


def _after_colon(text: str, lo: int, at: int) -> int | None:
    """Where the clause of a figure at `at` starts when a colon opens it, else None."""
    last = None
    for m in _COLON.finditer(text, lo, at):
        last = m.end()
    return last


def _reading_sentences(text: str, block: Block) -> list[Sentence | None]:
    """The block's sentences, split only on lines that could hold a figure.

    Most lines of a page name no metric word; each of those stands as one None, so
    that "the sentence before" still means what it says for anaphora.
    """
    out: list[Sentence | None] = []
    pos = block.start
    for line in text[block.start:block.end].split("\n"):
        if line.strip():
            if worth_reading(line):
                out.extend(split_sentences(text, pos, pos + len(line)))
            else:
                out.append(None)
        pos += len(line) + 1
    return out


_PREPOSITIONS = {"with", "between", "с", "со", "между"}
_GENITIVE = re.compile(r"[а-яё]*[аяиы]$")  # Казахстана, Китая, России: not Китай, Казахстаном
# a Turkic genitive: Өзбекстанның, Кыргызстандын, O'zbekistonning
_OWNER = re.compile(r"(?:[нтд][ыі]ң|[нтд][ыи]н|ning|нинг)$", re.I)


def _one_country_total(text: str, start: int, in_sentence: list[Mention]) -> bool:
    """A turnover word owned by the one country the sentence names is that country's total
    trade with the world, not the pair's: the owner stands before it ("Kazakhstan's trade
    turnover", "узбекский товарооборот", "Өзбекстанның сауда айналымы") or, in Russian, right
    after it in the genitive ("Товарооборот Узбекистана вырос до 63,6 млрд").
    "Товарооборот Узбекистана с Казахстаном" names two; "trade with Kazakhstan" and
    "тауар айналыммен Қытай" name the partner."""
    if len({m.code for m in in_sentence}) != 1:
        return False
    for t in metric_terms(text):
        if t.label != "trade_turnover" or text[t.start:t.end].split()[-1].lower() in _PREPOSITIONS:
            continue
        for m in in_sentence:
            a, b = m.start - start, m.end - start
            if b <= t.start and (text[b:t.start].strip() in ("'s", "’s") or (
                    not text[b:t.start].strip() and (m.type == "adj" or _OWNER.search(m.form)))):
                return True
            if t.end <= a and not text[t.end:a].strip() and m.type == "name" \
                    and _GENITIVE.match(m.form.lower()):
                return True
    return False


_PARTNER = re.compile(r"(?<![^\W\d_])(?:с|со|with)\s+\Z", re.I)


def _owner(text: str, local: list[Mention]) -> str | None:
    """The country whose trade a clause names with its partner after "с" / "with": Китая in
    "Товарооборот Китая с Казахстаном". It stays the owner of the sentence's later clauses
    that name a partner alone ("..., с Кыргызстаном — 19,7 млрд")."""
    partners = {m.code for m in local if _PARTNER.search(text, max(0, m.start - 6), m.start)}
    owners = {m.code for m in local} - partners
    return owners.pop() if len(partners) == 1 and len(owners) == 1 else None


def _figures_of_block(
    text: str, block: Block, sentences: list[Sentence | None], mentions: list[Mention],
    ctx: BlockCountries, doc_date: date | None,
) -> list[tuple[Figure, Sentence, str | None, str]]:
    out = []
    for i, s in enumerate(sentences):
        if s is None:
            continue
        # what "этот показатель" refers to: the money metric of one of the two sentences
        # before (their metric words are read and cached already)
        before = [p for p in sentences[max(0, i - 2):i][::-1] if p is not None]
        prev = next((m for m in (money_metric_of(p.text) for p in before) if m), None)
        if not could_hold_figure(s.text, prev):
            continue  # no metric word, count noun or anaphora: its numbers are nobody's
        amounts = find_amounts(s.text)
        if amounts:
            in_sentence = _in(mentions, s.start, s.end)
            figures = find_figures(s.text, amounts, doc_date, prev,
                                   [m.start - s.start for m in in_sentence])
            owner = None  # "Товарооборот Китая с Казахстаном ..., с Кыргызстаном — 19,7 млрд"
            for fig in figures:
                if fig.metric == "trade_turnover" and _one_country_total(
                        s.text, s.start, in_sentence):
                    continue
                # countries of the figure's own clause first: "с Россией 26 млрд, а с Китаем 31"
                lo, hi = _window(fig, figures, s.text)
                local = _in(in_sentence, s.start + lo, s.start + hi)
                # "X — второй партнер Y после Z: товарооборот составил ...": a clause a colon
                # opens speaks of the countries it names, or of the pair, not of Z
                third = True
                if (colon := _after_colon(s.text, lo, fig.amount.start)) is not None:
                    named = _in(in_sentence, s.start + colon, s.start + hi)
                    local, third = (named, True) if named else (local, False)
                near = local or in_sentence
                if (fig.metric == "flights_per_week" and domestic_route(near)) or \
                        listed_together(text, near, s.start + fig.amount.start):
                    continue
                pair, how = sentence_pair(near, ctx, s.start + fig.amount.start, third)
                codes = {m.code for m in local}
                if len(codes) == 2:
                    owner = _owner(text, local)
                elif len(codes) == 1 and owner and owner not in codes:
                    pair, how = make_pair(owner, codes.pop()), "sentence"
                out.append((fig, s, pair, how))
    return out


def _merge(found: list[_Found]) -> list[_Found]:
    """One fact per (pair, metric, kind, value) in a document: the best-attested mention.

    A figure repeated in the title, the lead and a quote is one claim. The
    mention kept is the hedged one when they differ ("около $3,5 млрд" beats a
    headline's "$3,5 млрд"), else the one with the most context. The same value
    as both forecast and target is one expectation: the forecast is kept.
    """
    def score(f: _Found) -> tuple:
        return (f.block.role == "article", f.figure.qualifier != "eq",
                f.figure.period is not None or f.figure.target_year is not None,
                f.figure.confidence)

    best: dict[tuple, _Found] = {}
    for f in found:
        key = (f.pair, f.figure.metric, f.figure.kind, round(float(f.figure.value), 2))
        if key not in best or score(f) > score(best[key]):
            best[key] = f
    kept = list(best.values())
    forecasts = {(f.pair, f.figure.metric, round(float(f.figure.value), 2))
                 for f in kept if f.figure.kind == "forecast"}
    return [f for f in kept if not (f.figure.kind == "target" and (
        f.pair, f.figure.metric, round(float(f.figure.value), 2)) in forecasts)]


def extract(raw: RawDocument, reference: date | None = None) -> Extraction:
    """Everything Dyad learns from one document; `reference` is "today" for relative dates."""
    text = clean_text(raw.text)
    did = doc_id(text)
    meta = raw.meta
    # the contract: --reference-date, else the manifest's date, else today; a date the
    # article's own address states (manifest or canonical link) counts as the publisher's
    published = meta.published or date_in_url(meta.url, reference or date.today())
    reference = reference or published or date.today()
    blocks = segment(text)
    article = [b for b in blocks if b.role == "article"]
    span = (article[0].start, article[0].end) if article else None
    doc_date, precision = pick_document_date(text, reference, published, span)
    iso = doc_date.isoformat() if doc_date else None
    mentions = without_venues(text, find_countries(text))

    title_blocks = [b for b in blocks if b.role == "title"]
    title_mentions = [m for b in title_blocks for m in _in(mentions, b.start, b.end)]
    if meta.title:
        title_mentions += find_countries(meta.title)
    main_blocks = title_blocks + article
    main_ctx = block_countries(
        [m for b in article for m in _in(mentions, b.start, b.end)], title_mentions)

    found: list[_Found] = []
    for block in blocks:
        if block.role not in EXTRACTED_ROLES:
            continue
        sentences = _reading_sentences(text, block)
        if block in main_blocks:
            ctx, bdate, bprec = main_ctx, doc_date, precision
        else:
            ctx = block_countries(_in(mentions, block.start, block.end))
            bdate, bprec = _block_date(text, block, reference)
        for fig, s, pair, how in _figures_of_block(
                text, block, sentences, mentions, ctx, bdate or doc_date):
            if pair:
                found.append(_Found(fig, pair, s, block, how, bdate, bprec))

    signs, indefinite = signing_context(" ".join(text[b.start:b.end] for b in article))
    enumerated: list = []
    if signs:  # only an article about signing is split whole, for its list of documents
        headline_starts = {u.start for b in article for u in b.units
                           if u.kind == "short" and not u.text.endswith(":")}
        article_sentences = [s for b in article for s in split_sentences(text, b.start, b.end)]
        enumerated = signed_documents(text, article_sentences, headline_starts)
    stated = any(f.figure.metric == "documents_signed" and f.block.role != "related" for f in found)
    facts = [_fact(raw.source, did, f) for f in _merge(found)]
    if enumerated and not stated and not indefinite and main_ctx.pair:
        first = enumerated[0].sentence
        facts.append(Fact(
            source=raw.source, doc_id=did, pair=main_ctx.pair, metric="documents_signed",
            kind="actual", value=len(enumerated), unit="count", qualifier="eq", date=iso,
            date_precision=precision, period=None, target_year=None, evidence=first.text,
            start=first.start, end=first.end, confidence=0.7 if len(enumerated) > 1 else 0.65,
        ))
    signed = [
        SignedDocument(did, main_ctx.pair, i + 1, d.title, d.doc_type, d.sector, d.start, d.end,
                       iso)
        for i, d in enumerate(enumerated)
    ] if main_ctx.pair else []
    lang = meta.lang or (article[0].lang if article else None)
    return Extraction(
        source=raw.source, doc_id=did, text=text, lang=lang,
        title=meta.title or (text[title_blocks[0].start:title_blocks[0].end] if title_blocks else
                             (article[0].units[0].text[:300] if article else None)),
        url=meta.url, published=meta.published.isoformat() if meta.published else None,
        date=iso, date_precision=precision, pair=main_ctx.pair, facts=facts, signed=signed,
    )


def _fact(source: str, did: str, f: _Found) -> Fact:
    fig = f.figure
    conf = fig.confidence * PAIR_CONFIDENCE.get(f.how, 0.7)
    if f.block.role == "related":
        conf *= 0.85
    value = float(fig.value)
    return Fact(
        source=source, doc_id=did, pair=f.pair, metric=fig.metric, kind=fig.kind,
        value=value, unit=METRIC_UNITS[fig.metric], qualifier=fig.qualifier,
        date=f.date.isoformat() if f.date else None,
        date_precision=f.precision if f.date else None, period=fig.period,
        target_year=fig.target_year, evidence=f.sentence.text, start=f.sentence.start,
        end=f.sentence.end, confidence=round(min(conf, 0.99), 3), block=f.block.role,
    )
