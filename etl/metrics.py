"""Sentences with amounts → metric figures: which metric, kind, qualifier, period, target year.

Reads one sentence at a time with the amounts etl.numbers found in it and the
word tables in etl/vocab (metric_terms, kind_cues, context_cues); writes
`Figure`s that still lack a country pair (etl.pairs adds it). The engine is
small and generic; what a language says lives in the tables:

* an amount belongs to the metric word nearest to it — before it for money
  ("товарооборот ... составил $4 млрд"), after it for counts ("6,5 тысячи
  совместных предприятий") — unless a blocking word is nearer ("экспорт –
  $245 млн": one direction is not turnover);
* a sentence with no metric word that refers back ("этот показатель", "the
  same index") inherits the money metric of the sentence before;
* the kind comes from the cue words before the amount: a past verb makes it
  actual, an aim (довести до, цель, plan to) a target, an expectation a
  forecast, and a bare future ("может достигнуть", "will reach") a forecast
  when it speaks of the current year, else a target. The year is the amount's own:
  "в 2024 году может достичь 5 млрд, а к 2030 году — 10 млрд" is a forecast and a
  target; in "увеличить с 28 до 42" the 28 is where it stands now (actual);
* a time expression after an amount, past a clause break, before the next amount is
  the next amount's ("в 2022 году 1 млрд, а в 2023 году — 1,2 млрд").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache

from etl.matcher import Matcher
from etl.model import METRIC_UNITS
from etl.numbers import Amount
from etl.periods import find_time_expressions
from etl.vocab import load_table

MAX_BEFORE = 160  # chars between a money word and its amount
MAX_AFTER = 45  # chars between an amount and the count noun after it
USD_METRICS = {m for m, u in METRIC_UNITS.items() if u == "USD"}
COUNT_LIMITS = {"joint_ventures": 1_000_000, "flights_per_week": 20_000, "documents_signed": 1_000}


@dataclass(frozen=True)
class Term:
    label: str  # a metric, 'none', a kind, or a cue name
    start: int
    end: int
    factor: int = 1
    weight: float = 1.0
    count_noun: bool = False  # "22 документа": counts only the number before it


@dataclass
class Figure:
    """One metric value found in a sentence, before its pair is known."""

    metric: str
    kind: str
    value: Decimal
    qualifier: str
    period: str | None
    target_year: int | None
    amount: Amount
    confidence: float
    anaphora: bool = False


@cache
def _table(name: str, label: str) -> tuple[Matcher, list[str], list[int], list[float]]:
    """A vocabulary table as a matcher; row order is priority order (first row wins a tie)."""
    rows = load_table(name)
    return (Matcher([r["pattern"] for r in rows]), [r[label] for r in rows],
            [int(r.get("factor") or 1) for r in rows], [float(r.get("weight") or 1) for r in rows])


@lru_cache(maxsize=512)  # a sentence is read for figures, then again as "the sentence before"
def _terms(name: str, label: str, text: str) -> tuple[Term, ...]:
    matcher, labels, factors, weights = _table(name, label)
    return tuple(Term(labels[h.row], h.start, h.end, factors[h.row], weights[h.row])
                 for h in matcher.finditer(text))


@cache
def _reading_matcher() -> Matcher:
    """Every word that can make a sentence hold a figure: metric words, count nouns,
    anaphora ("этот показатель")."""
    return Matcher(
        [r["pattern"] for r in load_table("metric_terms") if r["metric"] in METRIC_UNITS]
        + [r["pattern"] for r in load_table("doc_types") if r["count"] == "yes"]
        + [r["pattern"] for r in load_table("context_cues") if r["cue"] == "anaphora"])


def worth_reading(text: str) -> bool:
    """Could the text hold a figure? A literal scan only (a superset of what matches):
    most lines of a page name no metric word, no count noun and no "этот показатель",
    and need neither sentence splitting nor number parsing."""
    return bool(_reading_matcher().candidates(text))


def metric_terms(text: str) -> list[Term]:
    return list(_terms("metric_terms", "metric", text))


def kind_cues(text: str) -> list[Term]:
    return list(_terms("kind_cues", "kind", text))


def context_cues(text: str) -> list[Term]:
    return list(_terms("context_cues", "cue", text))


@cache
def _cue_matcher(cues: tuple[str, ...]) -> tuple[Matcher, list[str]]:
    rows = [r for r in load_table("context_cues") if r["cue"] in cues]
    return Matcher([r["pattern"] for r in rows]), [r["cue"] for r in rows]


def cues_present(text: str, cues: tuple[str, ...]) -> set[str]:
    """Which of `cues` the text has. For a whole article: only those rows are tried, not the
    ~30 rows of context_cues (a word like " на" makes every text a candidate for some)."""
    matcher, labels = _cue_matcher(cues)
    return {labels[h.row] for h in matcher.finditer(text)}


CLAUSE_BREAK = re.compile(r"[,;(]|\s[—–-]\s")
_OWNER = re.compile(r"(?:'s|’s)\s+")  # "the EU's trade"
# what joins a group word to a country it trades with: "ЕС и Казахстана", "ЕАЭС с Арменией"
_JOINED = re.compile(r"\s*(?:(?:'s|’s)\s+(?:[\w-]+\s+){0,2})?(?:и|and|&|с|со|with|-|–)\s*",
                     re.I)
# "с 28 до 42", "с нынешних 4 млрд до 10", "from $1 billion to $2 billion": where it stands
_FROM = ("с", "со", "from")
_TO = ("до", "to")


def _distance(term: Term, amount: Amount, metric: str, text: str) -> float | None:
    """How far a word stands from an amount, in chars, weighted by which side it is on.

    Money words come before their amount, count nouns after it; a word after the
    amount beyond a comma or a dash belongs to the next clause ("3,8 млрд
    долларов, экспорт — 2,4 млрд": the export is not the 3,8).
    """
    d: float
    if term.end <= amount.num_start:
        d = max(0, amount.start - term.end)
        return d if d <= MAX_BEFORE else None
    if term.start >= amount.end:
        if CLAUSE_BREAK.search(text, amount.end, term.start):
            return None
        d = term.start - amount.end
        if metric in ("none", "group"):
            d = d * 4 + 15
        elif metric in USD_METRICS:
            d = d * 2.5 + 5
        return d if d <= MAX_AFTER * (2.5 if metric in USD_METRICS else 1) else None
    return 0.0  # overlapping: "проекты на $3,5 млрд" matched through the preposition


def _compatible(metric: str, amount: Amount, factor: int) -> bool:
    if metric in USD_METRICS:
        if amount.unit == "USD":
            return True
        # "довести до 10 миллиардов" in a turnover sentence: dollars are implied
        return amount.unit is None and amount.value >= 1_000_000 and amount.value % 1000 == 0
    if amount.unit is not None or amount.value != amount.value.to_integral_value():
        return False
    return 0 < amount.value * factor <= COUNT_LIMITS.get(metric, 10**6)


def _kind(cues: list[Term], amount: Amount, current_year: bool, upto: int = 10**9) -> str:
    """actual | forecast | target from the cue words; see the module docstring.

    An expectation word anywhere before the amount makes it a forecast; one after it
    does too, unless a past verb stands right before the amount: "составил 4,5 млрд, а
    в этом году ожидается 5 млрд" — the 4,5 was reached. Other words after the amount
    count only up to the next number (`upto`): "75 рейсов, ещё 10 планируется открыть"."""
    before = sorted((c for c in cues if c.end <= amount.num_start), key=lambda c: -c.end)
    forecast = [c for c in cues if c.label == "forecast"]
    if any(c.end <= amount.num_start for c in forecast):
        return "forecast"
    before = [c for c in before if amount.start - c.end <= 120]
    if forecast and not (before and before[0].label == "actual"):
        return "forecast"
    after = sorted((c for c in cues if amount.end <= c.start < upto
                    and c.start - amount.end <= 40), key=lambda c: c.start)
    if before and before[0].label == "actual":
        return "actual"
    labels = {c.label for c in before}
    if "target" in labels:
        return "target"
    if "future" in labels:
        return "forecast" if current_year else "target"
    if after:
        first = after[0].label
        if first == "future":
            return "forecast" if current_year else "target"
        return first
    return "actual"


def _qualifier(amount: Amount, cues: list[Term], term: Term, kind: str,
               amounts: list[Amount] = ()) -> str:  # type: ignore[assignment]
    q = amount.qualifier
    prefix = amount.prefix.lower()
    if prefix in ("до", "to") and kind != "actual":
        # "довести до 10 млрд" is the aim itself, not a cap; a reached "— до 3 млрд" keeps
        # what etl.numbers read (lte unless a verb of growth stands in the sentence)
        q = "eq"
    elif prefix == "up to" and kind == "target":
        q = "eq"  # "increase trade up to $1 billion"
    if q == "eq":
        lo, hi = sorted((term.end, amount.start)) if term.end <= amount.start else (0, 0)
        # "превысил отметку в 1 млрд", "exceeded the mark of", "доллардан ашты"; a verb with
        # another amount after it is that one's: "surpassed $1 billion, and we want $2 billion"
        for c in cues:
            if c.label != "gte":
                continue
            if 0 <= c.start - amount.end <= 3 or (lo <= c.start < hi and not any(
                    c.start < o.num_start and o.end <= amount.start and not o.is_year
                    for o in amounts)):
                q = "gte"
                break
    return q


def _time(exprs: list, amount: Amount, kinds: tuple[str, ...], text: str = "",
          following: Amount | None = None):
    """The time expression nearest the amount. One after it, past a clause break, that
    stands before the next amount is that amount's: "в 2022 году 1 млрд, а в 2023 году —
    1,2 млрд", "680 млн, а за семь месяцев — 520 млн"."""
    best, best_d = None, None
    for e in exprs:
        if e.kind not in kinds:
            continue
        if e.base and not (amount.end <= e.start
                           and (following is None or following.start >= e.end)):
            continue  # "exceeded $1.5 bn last year, compared to $1.2 bn in 2023": the 1.2's
        if (following is not None and amount.end <= e.start and e.end <= following.start
                and CLAUSE_BREAK.search(text, amount.end, e.start)):
            continue
        d = amount.start - e.end if e.end <= amount.start else (e.start - amount.end) * 1.5
        if best_d is None or abs(d) < best_d:
            best, best_d = e, abs(d)
    return best


def could_hold_figure(text: str, previous_money_metric: str | None) -> bool:
    """False when find_figures would surely find nothing, whatever the amounts: the sentence
    has no metric word, no count noun, and no money metric before it to refer back to. Cheap
    (the metric words are read once per sentence and cached), so callers ask it before
    parsing numbers."""
    return bool(metric_terms(text) or previous_money_metric
                or _count_nouns_matcher().candidates(text))


def find_figures(
    text: str,
    amounts: list[Amount],
    doc_date: date | None,
    previous_money_metric: str | None = None,
    countries: list[int] = (),  # type: ignore[assignment]
) -> list[Figure]:
    """The metric figures of one sentence.

    `previous_money_metric` feeds anaphora; `countries` are the offsets of country
    mentions in the sentence: a group word ("со странами Центральной Азии") takes an
    amount away from every pair unless a country stands between them ("..., с
    Казахстаном — 4 млрд").
    """
    usable = [a for a in amounts if not (a.is_percent or a.is_year or a.is_multiplier)]
    if not usable:
        return []
    if not could_hold_figure(text, previous_money_metric):
        return []
    terms = metric_terms(text)
    cues = context_cues(text)
    durations = [c for c in cues if c.label == "duration"]
    # "двух стран", "шесть-семь лет", "20 percent": numbers that count something else
    subsets = [c for c in cues if c.label in ("subset", "delta", "subset_after")]
    after = [c for c in cues if c.label == "delta_after"]
    # "300 из которых", "20 of them": a part named right after its number
    parts = [c for c in cues if c.label == "subset_after"]
    usable = [a for a in usable if (a.unit is not None
              or not any(0 <= c.start - a.end <= 2 for c in durations))
              and not any(0 <= a.num_start - c.end <= 4 for c in subsets)
              and not any(0 <= c.start - a.end <= 2 and not text[a.end:c.start].strip()
                          for c in parts)
              and not (a.prefix in ("на", "by") and any(0 <= c.start - a.end <= 12 for c in after))]
    if not usable:
        return []
    cue_labels = {c.label for c in cues}
    anaphora = False
    if previous_money_metric and not any(t.label in USD_METRICS for t in terms):
        for c in cues:
            if c.label == "anaphora":
                terms.append(Term(previous_money_metric, c.start, c.end, 1, 0.85))
                anaphora = True
    if "sign" in cue_labels:
        terms.extend(_count_nouns(text))
    signing = [c for c in cues if c.label in ("sign", "sign_planned")]
    if not terms:
        return []
    exprs = find_time_expressions(text, doc_date)
    if exprs:
        # a number or a word inside a time expression is the time's: "in 9M 2024" is no
        # $9 million, the "may" of "yanvar-may" no modal verb
        def inside(start: int, end: int) -> bool:
            return any(e.start <= start and end <= e.end for e in exprs)
        usable = [a for a in usable if not inside(a.num_start, a.end)]
        kinds = [k for k in kind_cues(text) if not inside(k.start, k.end)]
    else:
        kinds = kind_cues(text)
    current_year = "current_year" in cue_labels or any(
        e.kind == "period" and not e.base and doc_date and e.year == doc_date.year
        for e in exprs
    )
    figures: list[Figure] = []
    for amount in usable:
        ranked = []
        for t in terms:
            if t.start >= amount.end and any(
                    amount.end <= o.start and o.end <= t.start for o in usable):
                continue  # "two neighbours signed 16 agreements": the noun is the 16's
            d = _distance(t, amount, t.label, text)
            if d is not None:
                ranked.append((d, -t.weight, t))
        ranked.sort(key=lambda r: (r[0], r[1]))
        for _, _, term in ranked:
            if term.label == "group":
                # "со странами ЦА: с Казахстаном — 4 млрд" names the partner; "ЕС и
                # Казахстана", "EAEU with Kazakhstan", "the EU's trade with Kazakhstan" the group's
                if any(term.end <= c < amount.start
                       and not _JOINED.fullmatch(text, term.end, c) for c in countries):
                    continue
                break
            if term.label == "none" or (term.label == "trade_turnover" and any(
                    g.label == "group" and _OWNER.fullmatch(text, g.end, term.start)
                    for g in terms)):
                break  # "the EU's trade with Kazakhstan": the group's trade
            if not _compatible(term.label, amount, term.factor):
                continue
            if term.label == "flights_per_week" and "route" in cue_labels:
                break
            if term.count_noun and (term.start < amount.end or any(
                    amount.end <= c.start and c.end <= term.start for c in signing)):
                continue  # "12 банков подписали соглашения": the 12 counts the banks
            if term.label == "documents_signed" and (
                    "cumulative" in cue_labels or _planned(signing, amount)):
                break  # "за 30 лет подписано 300 документов", "планируется подписать 15"
            upto = next((o.start for o in amounts if o.start >= amount.end and not o.is_year),
                        10**9)
            following = next((o for o in usable if o.start >= amount.end), None)
            # "в 2024 году может достичь 5 млрд, а к 2030 году — 10 млрд": a deadline of its
            # own beyond this year makes the 10 an aim, whatever the rest of the sentence says
            deadline = _time(exprs, amount, ("by_year", "within_years"), text, following)
            # "by the end of 2025" said in 2025 speaks of this year as "this year" does
            this_year = (current_year or bool(
                deadline and doc_date and deadline.year == doc_date.year)) and not (
                deadline and deadline.year and doc_date and deadline.year > doc_date.year)
            kind = _kind(kinds, amount, this_year, upto)
            if term.label == "documents_signed":
                kind = "actual"
            elif (kind != "actual" and following is not None
                  and amount.prefix.split(" ", 1)[0] in _FROM and following.prefix in _TO):
                kind = "actual"  # "увеличить с 28 до 42": the 28 is where it stands now
            period = target_year = None
            if kind == "target":
                e = deadline
                if e is None and doc_date:  # "в 2025 году / в следующем году планируется ..."
                    e = _time([x for x in exprs if x.year and x.year >= doc_date.year
                               and (not x.relative or x.year > doc_date.year)],
                              amount, ("period",), text, following)
                target_year = e.year if e else None
            else:
                # a reached figure covers no year after the document's ("в будущем году" is
                # another clause's: "сформировали портфель на $5 млрд, заседание — в будущем году")
                e = _time([x for x in exprs if kind != "actual" or doc_date is None
                           or x.year is None or x.year <= doc_date.year],
                          amount, ("period",), text, following)
                period = e.period if e else None
                if period is None and kind == "forecast" and this_year and doc_date:
                    period = str(doc_date.year)
            conf = 0.9 * term.weight * (0.9 if anaphora and term.weight < 0.9 else 1.0)
            if term.label in USD_METRICS and amount.unit is None:
                conf *= 0.85
            figures.append(Figure(
                metric=term.label,
                kind=kind,
                value=amount.value * term.factor,
                qualifier=_qualifier(amount, cues, term, kind, amounts),
                period=period,
                target_year=target_year,
                amount=amount,
                confidence=round(conf, 3),
                anaphora=anaphora,
            ))
            break
    return figures


def _planned(signing: list[Term], amount: Amount) -> bool:
    """Is the signing word that governs the amount (the nearest before it, else the nearest
    after it) one of signing to come ("планируется подписать 15 документов", "15 agreements
    are to be signed")?"""
    before = [c for c in signing if c.end <= amount.num_start]
    if before:
        return max(before, key=lambda c: c.end).label == "sign_planned"
    later = [c for c in signing if c.start >= amount.end]
    return bool(later) and min(later, key=lambda c: c.start).label == "sign_planned"


@cache
def _count_nouns_matcher() -> Matcher:
    return Matcher([r["pattern"] for r in load_table("doc_types") if r["count"] == "yes"])


def _count_nouns(text: str) -> list[Term]:
    """In a sentence about signing, "22 документа" / "20 agreements" count documents."""
    return [Term("documents_signed", h.start, h.end, count_noun=True)
            for h in _count_nouns_matcher().finditer(text)]


def money_metric_of(text: str) -> str | None:
    """The money metric a sentence speaks of, for the next sentence's anaphora."""
    for t in metric_terms(text):
        if t.label in USD_METRICS and t.weight >= 0.9:
            return t.label
    return None
