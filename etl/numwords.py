"""Number words, scales, currencies, qualifiers and markers, compiled once at import.

The vocabulary side of reading amounts (etl.numbers): etl/vocab/{number_words,scales,
currencies,qualifiers,number_markers}.csv become lookup dicts (a matched word → its row)
and regex tries (each position costs a character comparison, not one per word). Kept
apart from the grammar in etl.numparse and etl.numbers because it is data compilation:
changing a word list touches only the tables, and reading a rule needs none of this.
Offsets matter everywhere, so `_lower` folds case and apostrophes without moving them.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal
from functools import lru_cache
from typing import Any

from etl.vocab import load_table

# ---------------------------------------------------------------- text and vocabularies

_WS = r"\s"  # hard-wrapped pages break lines inside phrases: "increased by 34\npercent"
_FOLD = (("ё", "е"), ("’", "'"), ("‘", "'"), ("ʻ", "'"), ("ʼ", "'"), ("`", "'"), ("´", "'"))
_ZERO, _ONE, _HALF = Decimal(0), Decimal(1), Decimal("0.5")
# Arithmetic goes through this context, so that no number is ever rounded (only adding and
# multiplying happens here) and the caller's decimal context is left alone.
_CTX = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)
_add, _mul = _CTX.add, _CTX.multiply


def _lower(text: str) -> str:
    """Lowercase with ё→е and one apostrophe, keeping every offset."""
    low = text.lower()
    if len(low) != len(text):  # only 'İ' grows when lowered
        low = text.replace("İ", "I").lower()
    for a, b in _FOLD:  # str.replace is much faster than str.translate on non-ASCII text
        if a in low:
            low = low.replace(a, b)
    return low


@lru_cache(maxsize=4096)
def _norm(form: str) -> str:
    return " ".join(_lower(form).split())


_TAILS = {"word": r"(?!\w)", "prefix": r"\w*", "abbr": r"(?!\w)", "symbol": "", "tight": r"(?!\w)"}


# Word-initial letters, most frequent first: the regex engine tries a trie's branches in
# order, so frequent letters first means fewer comparisons per word.
_LETTERS = "спвнодкмтирзгбаеучшэлфхжцщюяйtaoswcbpfmhdielrngyuvjkqxz"


def _letter_rank(ch: str) -> tuple[int, str]:
    i = _LETTERS.find(ch)
    return (i if i >= 0 else len(_LETTERS), ch)


def _trie(entries: Iterable[tuple[str, str]], reverse: bool = False) -> str:
    """One regex for many literal forms, shaped as a trie so that each position costs a
    character comparison, not one comparison per word. Entries are (form, tail regex)."""
    root: dict = {}
    for form, tail in entries:
        node = root
        for ch in (form[::-1] if reverse else form):
            node = node.setdefault(ch, {})
        node.setdefault("", set()).add(tail)

    def build(node: dict) -> str:
        alts = [(_WS + "+" if ch == " " else re.escape(ch)) + build(node[ch])
                for ch in sorted((k for k in node if k), key=_letter_rank)]
        alts += sorted(node.get("", ()), key=len, reverse=True)
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return build(root)


def _entries(rows: Iterable[dict], reverse: bool = False,
             dot: bool = True) -> list[tuple[str, str]]:
    """(form, tail) pairs for `_trie`; an abbreviation takes its dot unless dot=False."""
    out = []
    for r in rows:
        form, match = _norm(r["form"]), r.get("match") or "word"
        if reverse:  # the tail guards the word's start, which the reversed match reaches last
            tail = r"(?!\w)" if form[0].isalnum() else ""
            out.append((form, tail))
            if match == "abbr":
                out.append((form + ".", tail))
        else:
            tail = _TAILS[match] if form[-1].isalnum() or match == "prefix" else ""
            out.append((form, r"\.?(?!\w)" if match == "abbr" and dot else tail))
    return out


@dataclass(frozen=True, slots=True)
class _Word:
    value: Decimal
    kind: str       # number_words kinds, or 'scale'
    strict: bool = False
    bare: str = ""  # scales: '1', 'q' or ''
    eng: bool = False
    abbr: bool = False


def _index(rows: Iterable[dict], make) -> tuple[dict, dict]:
    exact: dict = {}
    prefix: dict = {}
    for r in rows:
        d = prefix if r.get("match") == "prefix" else exact
        d.setdefault(_norm(r["form"]), make(r))
    return exact, prefix


def _lookup(token: str, exact: dict, prefix: dict) -> Any:
    """The row of a matched word: its exact form, else its longest listed prefix."""
    token = " ".join(token.split())
    hit = exact.get(token)
    if hit is None:
        for k in range(len(token), 0, -1):
            hit = prefix.get(token[:k])
            if hit is not None:
                break
    return hit


_NUMBER_WORDS = load_table("number_words")
_SCALES = load_table("scales")
_CURRENCIES = load_table("currencies")
_QUALIFIERS = load_table("qualifiers")
_MARKERS = load_table("number_markers")


def _scale(r: dict) -> _Word:
    return _Word(Decimal(int(r["multiplier"])), "scale", False, r["bare"], r["lang"] == "en",
                 r["match"] == "abbr")


def _number_word(r: dict) -> _Word:
    return _Word(Decimal(r["value"]), r["kind"], r["strict"] == "1")


_W_EXACT, _W_PREFIX = _index(_NUMBER_WORDS, _number_word)
for _d, _s in zip((_W_EXACT, _W_PREFIX), _index(
        (r for r in _SCALES if r["match"] != "tight"), _scale), strict=True):
    _d.update({k: v for k, v in _s.items() if k not in _d})
_S_EXACT, _S_PREFIX = _index(_SCALES, _scale)
_CUR_EXACT, _CUR_PREFIX = _index(_CURRENCIES, lambda r: r)
_QUAL = {_norm(r["form"]): r for r in _QUALIFIERS}


def _rows(table: Iterable[dict], **where: str) -> list[dict]:
    return [r for r in table if all(r.get(k) == v for k, v in where.items())]


def _marks(kind: str) -> str:
    return _trie(_entries(_rows(_MARKERS, kind=kind)))


# ---------------------------------------------------------------- compiled patterns

_GSEP = "[ \u00a0\u202f\u2009\u2007]"
_GSEP_CHARS = frozenset(" \u00a0\u202f\u2009\u2007")
_NUM_INNER = frozenset(".,:/-٫")  # after a digit run, these may continue the number
_DIGITS = (rf"(?P<sp>\d{{1,3}}(?:{_GSEP}\d{{3}}(?!\d))+(?:[.,]\d+)?)"
           r"|(?P<cm>\d{1,3}(?:,\d{3}(?!\d))+(?:\.\d+)?)"
           r"|(?P<dt>\d{1,3}(?:\.\d{3}(?!\d)){2,}(?:,\d+)?|\d{1,3}\.\d{3},\d+)"
           r"|(?P<pl>\d+(?:[.,٫]\d+)?)")
# English articles stand in the scan only together with the scale they open: "a billion",
# "half a billion", "a hundred" (alone they are too frequent to look at); "and" joins
# numbers as a gap ("two hundred and five").
_ARTICLES = {_norm(r["form"]): Decimal(r["value"]) for r in _NUMBER_WORDS
             if r["kind"] in ("article", "half_article")}
_AND = {_norm(r["form"]) for r in _NUMBER_WORDS if r["kind"] == "and"}
_ATOM_WORDS = _entries([*(r for r in _NUMBER_WORDS if r["kind"] not in ("article", "half_article",
                                                                         "and")),
                        *(r for r in _SCALES if r["match"] != "tight")], dot=False)
_ATOM_WORDS += [(art + " " + form, tail) for art in _ARTICLES for form, tail in _entries(
    [*_rows(_SCALES, lang="en", match="word"), *_rows(_SCALES, lang="en", match="prefix"),
     *_rows(_NUMBER_WORDS, lang="en", kind="mult")])]
# Two scans, each opening with a character class so that the regex engine skips ahead
# fast: digits anywhere (those glued to letters are dropped below), and number words
# after a space, a dash, a bracket or a quote (the text is scanned with a space in front).
_DIGIT_SCAN = re.compile("[0-9\u0660-\u0669\u06f0-\u06f9][0-9\u0660-\u0669\u06f0-\u06f9]*")
_WORD_SCAN = re.compile(rf"[\s\-–—(«\"“/](?:{_trie(_ATOM_WORDS)})")
_NUMTOK = re.compile(
    r"(?P<date>\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})(?!\d)|\d{4}-\d{2}-\d{2}(?!\d))"
    r"|(?P<time>\d{1,2}:\d{2}(?::\d{2})?(?!\d))"
    rf"|{_DIGITS}")
_TIGHT_SCALE = re.compile(_trie(_entries(_SCALES, dot=False)))
_GLUED_OK = re.compile("-?" + _trie(_entries(
    [*(r for r in _MARKERS if r["kind"] not in ("frequency", "month_before")),
     *_rows(_CURRENCIES, kind="currency")])))
# what follows a number: a marker or a currency (one trie for all, the word's row says
# which), then a qualifier ("доллардан астам")
_AFTER_ROWS = [*(r for r in _MARKERS if r["kind"] in ("percent", "times", "year", "month",
                                                     "measure")),
               *(r for r in _CURRENCIES if r["kind"] == "currency" and r["position"] != "before")]
_TOK_EXACT, _TOK_PREFIX = _index(_AFTER_ROWS, lambda r: r)
_US_AFTER = rf"(?:{_WS}*{_trie(_entries(_rows(_CURRENCIES, kind='us_after')))})?"  # долларов США
_AFTER_BODY = (
    rf"(?P<body>(?P<mod>{_trie(_entries(_rows(_CURRENCIES, kind='modifier')))}){_WS}+"
    rf"(?P<cur>{_trie(_entries(r for r in _AFTER_ROWS if r['kind'] == 'currency'))}){_US_AFTER}"
    rf"|(?P<tok>{_trie(_entries(_AFTER_ROWS))}){_US_AFTER})")
_AFTER_Q = (rf"(?:{_WS}*-?{_WS}*(?:{_marks('suffix')}{_WS}*)?"
            rf"(?P<q>{_trie(_entries(_rows(_QUALIFIERS, position='after')))}))?")
_AFTER = re.compile(rf"(?:{_WS}*-?{_WS}*{_AFTER_BODY})?{_AFTER_Q}")
_AFTER_DOT = re.compile(rf"(?:\.{_WS}*{_AFTER_BODY})?{_AFTER_Q}")  # "млрд. долл."
_AFTER_Q_ONLY = re.compile(_AFTER_Q)
_FREQ = re.compile(rf"{_WS}*{_marks('frequency')}")
# what precedes a number, matched on the reversed text: a currency sign, then up to four
# qualifier phrases, nearest first ("превысил" "отметку в" "$" 1 млрд)
_QUAL_R = _trie(_entries(_rows(_QUALIFIERS, position="before"), reverse=True), reverse=True)
_BEFORE_R = re.compile(rf"(?:{_WS}*(?P<c>" + _trie(_entries(
    (r for r in _CURRENCIES if r["kind"] == "currency" and r["position"] != "after"),
    reverse=True), reverse=True) + "))?" + "".join(  # nested: no phrase, no further tries
    rf"(?:{_WS}*(?P<q{i}>{_QUAL_R})" for i in range(4)) + ")?" * 4)
_CHAIN = ("q0", "q1", "q2", "q3")
_MONTH_BEFORE_R = re.compile(rf"{_WS}*" + _trie(_entries(
    _rows(_MARKERS, kind="month_before"), reverse=True), reverse=True))
_DASH_GAP = re.compile(rf"{_WS}*(?:[-–—−‒‐]|\.\.\.|…){_WS}*")
_WORD_GAP = re.compile(rf"{_WS}+(до|to|and|и|то){_WS}+")
_TARGET_VERB = re.compile(r"[^\w]" + _trie(  # searched with one character before the window
    (_norm(r["form"]), "") for r in _rows(_QUALIFIERS, qualifier="target_verb")))
_UZBEK = re.compile(r"[ўқғҳ]|\b(?:o'|g')")
