"""Article sentences → the documents signed at the event, with title, type and sector.

Reads the article's units and sentences; writes `SignedDoc`s. Only an article
that speaks of signing (a "sign" cue anywhere) has signed documents. A
document is a singular document noun followed by what it is about —
"Договора о совместном управлении...", "Меморандум по развитию...",
"Программы взаимодействия между министерствами..." — in prose or in a list
item, never in a headline; "подписанный договор", "документа, который..."
refer back to one already counted and carry no title. Plural nouns
("соглашений", "documents") are stated counts, read by etl.metrics. When the
article says "несколько соглашений" the total cannot be known and no count is
made from the list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from etl.metrics import cues_present
from etl.sentences import Sentence
from etl.vocab import load_table

_PLURAL = re.compile(
    r"(?:ов|ий|ам|ами|ах|ей|ы|documents|agreements|memoranda|memorandums|treaties|"
    r"protocols|contracts|deals|roadmaps|declarations)$", re.I)
_SINGULAR_Y = re.compile(r"(?:программы|декларации|дорожной карты)$", re.I)  # genitive singular
_BACK_REF = re.compile(
    r"(?:подписанн\w*|эт(?:от|ого|ом|им|у|а|ой)|данн\w*|указанн\w*|the|this|that)\s+$", re.I)
_COMPLEMENT = re.compile(
    r"""^\s+(?:о|об|по|между|в\s+(?:сфере|области)|на\s+\d{4}|относительно|
    [а-яё]+(?:ия|ии|ий|ства|тва|ния|ций|ции|ов|ей|ых|их|ого|ой|ий)\b|
    on|between|in\s+the\s+(?:field|area|sphere)|of\s+(?:cooperation|understanding|intent)|for)\b""",
    re.I | re.X,
)
_TITLE_END = re.compile(
    r"[,;:.!?()]|\s[—–]\s|\s(?:и|а также|and)\s+(?=[А-ЯA-Z])"
    r"|\s(?=[а-яё]{3,}(?:ает|яет|ует|ёт|ится|ется|ются|ятся|ают|яют|уют)\b)|$")  # a verb ends it


@dataclass(frozen=True)
class SignedDoc:
    title: str
    doc_type: str
    sector: str
    start: int
    end: int
    sentence: Sentence


@cache
def _noun_rx() -> tuple[re.Pattern[str], list[str]]:
    rows = load_table("doc_types")
    parts = [f"(?P<g{i}>{r['pattern']})" for i, r in enumerate(rows)]
    return re.compile(r"(?<![\w«])«?(?:" + "|".join(parts) + ")", re.I), [r["type"] for r in rows]


@cache
def _sector_rx() -> list[tuple[str, re.Pattern[str]]]:
    return [(r["sector"], re.compile(rf"(?<![\w])(?:{r['pattern']})", re.I))
            for r in load_table("sectors")]


def sector_of(title: str) -> str:
    for sector, rx in _sector_rx():
        if rx.search(title):
            return sector
    return "general"


def _is_plural(noun: str) -> bool:
    word = noun.strip("«»").split()[-1].lower()
    return bool(_PLURAL.search(word)) and not _SINGULAR_Y.search(noun.lower())


def signed_documents(
    text: str, sentences: list[Sentence], headline_spans: set[int]
) -> list[SignedDoc]:
    """Distinct documents named as signed in the article (see the module docstring)."""
    rx, types = _noun_rx()
    found: list[SignedDoc] = []
    seen: set[str] = set()
    for s in sentences:
        if s.start in headline_spans:
            continue
        for m in rx.finditer(s.text):
            noun = m.group(0)
            if _is_plural(noun) or _BACK_REF.search(s.text[: m.start()][-20:]):
                continue
            rest = s.text[m.end():]
            if not _COMPLEMENT.match(rest):
                continue
            stop = _TITLE_END.search(rest, 1)
            tail = rest[: stop.start()] if stop else rest
            title = (noun + tail).strip(" «»\"")[:200]
            key = re.sub(r"\W+", " ", title.lower())[:40]
            if key in seen:
                continue
            seen.add(key)
            dtype = types[int(m.lastgroup[1:])] if m.lastgroup else "other"
            found.append(SignedDoc(title[0].upper() + title[1:], dtype, sector_of(title),
                                   s.start + m.start(), s.start + m.end() + len(tail), s))
    return found


def signing_context(article_text: str) -> tuple[bool, bool]:
    """(the article speaks of signing, it names an unknowable number of documents)."""
    labels = cues_present(article_text, ("sign", "indefinite"))
    return "sign" in labels, "indefinite" in labels
