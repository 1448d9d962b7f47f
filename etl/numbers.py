"""Amounts in news text: "свыше 8 млрд долларов" → gte, 8 000 000 000, USD.

Reads a sentence or a whole page and returns every numeric expression in it: its value
in base units (exact Decimal), its currency, its qualifier, its span, and whether it is a
percentage, a year/date or a multiplier (callers ignore those three). The words live in
etl/vocab/{number_words,scales,currencies,qualifiers,number_markers}.csv.

How it reads, top-down:
1. `_atoms`: two compiled scans find digits and number/scale words on a lowercased copy of
   the text of the same length, so every span points into the caller's text;
2. `_numbers` / `_fold_one` turn each run of adjacent atoms into one value ("1 миллиард 86
   миллионов", "two hundred and five", "полтора миллиарда", "6,5 тысячи");
3. `_read_after` / `_read_before`: anchored regexes read what follows a value (долларов, %,
   раза, года, ноября, дан ортиқ) and, on the reversed text, what precedes it ($, свыше,
   почти в, превысил отметку в);
4. `_try_range`: neighbouring values become ranges ("4–6 млрд", "от 4 до 6 млрд");
5. `_finish`: qualifiers, years and dates are settled and `Amount`s built.
Word lists are tries compiled once at import. A 5 KB news page (some 35 numbers) costs
under a millisecond, most of it Python work per number found rather than the scans.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal
from functools import lru_cache
from typing import Any

from etl.vocab import load_table

__all__ = ["Amount", "find_amounts", "format_amount", "parse_number"]


@dataclass(frozen=True)
class Amount:
    value: Decimal              # base units: 4 млрд → Decimal('4000000000'); low end of a range
    value_high: Decimal | None  # high end of a range, else None
    unit: str | None            # 'USD', another ISO code, a measure ('t', 'kWh'), None = a count
    qualifier: str              # eq | gte | lte | approx
    prefix: str                 # qualifier/preposition words before the number, lowercased
    start: int                  # span of the whole expression, qualifier words included
    end: int
    num_start: int              # where the number itself starts (after "$", "свыше")
    is_percent: bool
    is_year: bool               # a year, a date or a day of the month: not an amount
    is_multiplier: bool         # "в 2 раза", "втрое", "100-fold"
    text: str


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


# ---------------------------------------------------------------- atoms and the fold

_NO_WORD = _Word(_ZERO, "")


class _Atom:
    """A digit group, a number word or a scale word. Class attributes are the defaults."""

    alt: Decimal | None = None  # "1,532": 1532 or, before a Russian scale, 1.532
    sep = ""
    looks = ""  # plain digits that look like a year ('Y', 1900-2100) or a day ('D', 1-31)
    frac = False  # has a decimal part
    w: _Word = _NO_WORD  # the vocabulary row of a word atom
    article: Decimal | None = None  # "a billion" → 1, "half a billion" → 0.5

    def __init__(self, s: int, e: int, kind: str, value: Decimal) -> None:
        self.s, self.e, self.kind, self.value = s, e, kind, value


class _Num:
    """A folded value and what its surroundings say; class attributes are the defaults."""

    high: Decimal | None = None
    top: Decimal | None = None  # the largest scale in it (млрд in "4 млрд")
    unit: str | None = None
    yearish = day = strict = bare_q = abbr = mult = date = pct = month = year_mark = False
    frac = False
    q_after = ""
    chain: tuple = ()  # qualifier phrases before it, nearest first: (start, row)

    def __init__(self, s: int, e: int, value: Decimal) -> None:
        self.s, self.e, self.value, self.cur_s, self.end = s, e, value, s, e


def _decimal(digits: str) -> Decimal:
    if not digits.isascii():
        digits = "".join(str(unicodedata.decimal(c)) if c.isdigit() else c for c in digits)
    return Decimal(digits)


def _digit_atom(kind: str, raw: str, s: int, e: int) -> _Atom:
    """kind is the _NUMTOK group: sp "1 200", cm "1,500", dt "1.200.000", pl "4,2"."""
    if kind == "pl":
        if raw.isdigit():
            a = _Atom(s, e, "dig", _decimal(raw))
            if len(raw) <= 4:
                iv = int(raw)
                a.looks = "Y" if 1900 <= iv <= 2100 and len(raw) == 4 else \
                    "D" if 1 <= iv <= 31 else ""
            return a
        flat = raw.replace(",", ".").replace("٫", ".")
        dot = flat.index(".")
        if len(raw) - dot == 4 and dot <= 3:  # 1.500: thousands, or 1.5 before a scale
            a = _Atom(s, e, "dig", _decimal(flat.replace(".", "")))
            a.alt, a.sep = _decimal(flat), raw[dot]
            return a
        a = _Atom(s, e, "dig", _decimal(flat))
    elif kind == "sp":
        a = _Atom(s, e, "dig", _decimal(re.sub(_GSEP, "", raw).replace(",", ".")))
    elif kind == "cm":
        a = _Atom(s, e, "dig", _decimal(raw.replace(",", "")))
        if "." not in raw and raw.count(",") == 1:  # 1,532: thousands, or a decimal comma
            a.alt, a.sep = _decimal(raw.replace(",", ".")), ","
    else:
        a = _Atom(s, e, "dig", _decimal(raw.replace(".", "").replace(",", ".")))
    a.frac = a.value != a.value.to_integral_value() or a.alt is not None
    return a


def _atoms(low: str) -> list[_Atom]:
    out: list[_Atom] = []
    for m in _WORD_SCAN.finditer(" " + low):  # offsets are shifted back by the space
        token, article = m.group()[1:], None
        w = _W_EXACT.get(token)
        if w is None:
            parts = token.split()
            if len(parts) > 1:  # "a billion", "half a billion"
                k = 2 if parts[0] == "half" else 1
                article, token = _ARTICLES.get(" ".join(parts[:k])), " ".join(parts[k:])
            w = _lookup(token, _W_EXACT, _W_PREFIX)
        if w is not None:
            a = _Atom(m.start(), m.end() - 1, w.kind, w.value)
            a.w, a.article, a.frac = w, article, w.kind in ("frac", "half") or article == _HALF
            out.append(a)
    words = len(out)
    n, last = len(low), 0
    for m in _DIGIT_SCAN.finditer(low):
        s = m.start()
        if s < last or (s and (low[s - 1].isalnum() or low[s - 1] == "_")):
            continue  # inside the previous number ("1 200"), or glued: A320, G20
        e = m.end()
        nxt = low[e:e + 1]
        if nxt not in _NUM_INNER and not (nxt in _GSEP_CHARS and low[e + 1:e + 2].isdigit()):
            kind, raw = "pl", m.group()  # a plain integer, the common case
        else:
            t = _NUMTOK.match(low, s)
            if t is None or t.lastgroup is None:
                continue
            kind, raw, e = t.lastgroup, t.group(), t.end()
        last = e
        if kind == "date":
            parts = re.split(r"[./-]", raw)
            y = parts[0] if len(parts[0]) == 4 else parts[-1]
            out.append(_Atom(s, e, "date", _decimal(y if len(y) == 4 else "20" + y)))
        elif kind != "time":
            if s >= 2 and low[s - 1] == "-" and low[s - 2].isalpha():
                continue  # COVID-19, Су-35
            a = _digit_atom(kind, raw, s, e)
            if e < n and low[e].isalpha():
                tight = _TIGHT_SCALE.match(low, e)
                if tight:
                    out.append(a)
                    w = _lookup(tight.group(), _S_EXACT, _S_PREFIX)
                    b = _Atom(e, tight.end(), "scale", w.value)
                    b.w = w
                    out.append(b)
                    continue
                if not _GLUED_OK.match(low, e):
                    continue  # 5G, 3D
            out.append(a)
    if words and len(out) > words:
        out.sort(key=_start)
    return out


def _start(a: _Atom) -> int:
    return a.s


def _place(a: _Atom) -> Decimal:
    """What an additive word may still be followed by: двадцать (пять), сто (двадцать)."""
    v = a.value
    if a.kind != "add" or v < 20:
        return _ONE
    return Decimal(10) if v < 100 else Decimal(100) if v < 1000 else _ONE


def _fold_one(run: list[_Atom], i: int) -> tuple[_Num | None, int]:
    """Fold atoms from run[i] into one value; return it and the index after it."""
    a0 = run[i]
    if a0.kind in ("times", "date"):
        num = _Num(a0.s, a0.e, a0.value)
        num.mult = a0.kind == "times"
        num.date = num.year_mark = a0.kind == "date"
        return num, i + 1
    total, cur, place, last, top = _ZERO, None, _ONE, None, None
    dig: _Atom | None = None
    strict, bare_q, abbr, end, used, j = True, False, False, a0.s, 0, i
    while j < len(run):
        a, k = run[j], run[j].kind
        nxt = run[j + 1] if j + 1 < len(run) else None
        if k == "dig":
            if cur is not None or (last is not None and not (
                    nxt and nxt.kind == "scale" and nxt.value < last)):
                break
            cur, place, dig, strict = a.value, _ZERO, a, False
        elif k in ("add", "frac"):
            if cur is None and (last is None or a.value < last):
                cur = a.value
            elif cur is not None and dig is None and a.value < place:
                cur = _add(cur, a.value)
            else:
                break
            place, strict = _place(a), strict and a.w.strict
        elif k == "mult":
            if cur is None and a.article is not None and j == i:
                cur = a.article  # "a hundred"
            if cur is None or cur >= a.value:
                break
            cur, place, dig = _mul(cur, a.value), a.value if a.value == 100 else _ONE, None
            strict = strict and a.w.strict
        elif k == "scale":
            if last is not None and a.value >= last:
                break
            if cur is None:
                if j > i or (a.article is None and a.w.bare not in ("1", "q")):
                    break
                cur, bare_q = a.article or _ONE, a.article is None and a.w.bare == "q"
            if dig is not None and dig.alt is not None and not (a.w.eng and dig.sep == ","):
                cur = dig.alt  # "1,532 миллиарда", "1.5 billion"; but "1,500 million"
            total = _add(total, _mul(cur, a.value))
            cur, place, last, top, dig, strict = None, a.value, a.value, top or a.value, None, False
        elif k == "half":
            if cur is not None:
                cur, place = _add(cur, _HALF), _ZERO
            elif last is not None and run[j - 1].kind == "scale":
                total, place = _add(total, _mul(last, _HALF)), _ZERO
            else:
                break
        else:
            break
        end, used, j = a.e, used + 1, j + 1
        abbr = k == "scale" and a.w.abbr
    if used == 0:
        return None, max(j, i + 1)
    value = _add(total, cur) if cur is not None else total
    num = _Num(a0.s, end, value)
    num.top, num.strict, num.bare_q, num.abbr = top, strict, bare_q, abbr
    num.frac = any(a.frac for a in run[i:j])
    if used == 1 and a0.looks:
        num.yearish, num.day = a0.looks == "Y", a0.looks == "D"
    return num, j


def _joins(a: _Atom, b: _Atom, gap: str) -> bool:
    """Do two atoms belong to one number: "два миллиарда", "twenty-five", "hundred and five"."""
    if not gap or (gap.isspace() and gap.count("\n") < 2):
        return True
    if gap == "-":
        return a.kind == b.kind == "add"
    words = gap.split()
    return a.kind in ("mult", "scale") and b.kind in ("add", "dig") and len(words) == 1 \
        and words[0] in _AND


def _numbers(low: str) -> list[_Num]:
    """Runs of atoms separated only by spaces (or a hyphen inside "twenty-five"), folded."""
    atoms, nums = _atoms(low), []
    i, n = 0, len(atoms)
    while i < n:
        j = i + 1
        while j < n and _joins(atoms[j - 1], atoms[j], low[atoms[j - 1].e:atoms[j].s]):
            j += 1
        if j == i + 1 and atoms[i].kind == "dig":  # the common case: digits alone
            a = atoms[i]
            num = _Num(a.s, a.e, a.value)
            num.frac = a.frac
            if a.looks:
                num.yearish, num.day = a.looks == "Y", a.looks == "D"
            nums.append(num)
            i = j
            continue
        run, k = atoms[i:j], 0
        while k < len(run):
            folded, k = _fold_one(run, k)
            if folded is not None:
                nums.append(folded)
        i = j
    return nums


# ---------------------------------------------------------------- what stands around a number

def _lookup_row(token: str, exact: dict, prefix: dict) -> Any:
    row = exact.get(token)
    if row is None:
        token = " ".join(token.split())
        row = exact.get(token) or exact.get(token.rstrip(".")) or _lookup(token, exact, prefix)
    return row


@lru_cache(maxsize=8192)
def _after_row(token: str) -> Any:
    """The row of a word after a number (года, долларов, процентов): cached, they repeat."""
    return _lookup_row(token, _TOK_EXACT, _TOK_PREFIX)


def _edges(forms: Iterable[str], first: bool) -> tuple[set, set, set]:
    """What the word at one edge of some form can look like, for a cheap test before a
    regex: its symbol, its one-letter word, or its first (last) two letters."""
    sym: set[str] = set()
    letter: set[str] = set()
    two: set[str] = set()
    for f in forms:
        edge = f.split()[0 if first else -1]
        if len(edge) > 1:
            two.add(edge[:2] if first else edge[-2:])
        else:
            (letter if edge.isalnum() else sym).add(edge)
    return sym, letter, two


_AFTER_SYM, _AFTER_LETTER, _AFTER_TWO = _edges([f for f, _ in _entries(
    [*_AFTER_ROWS, *_rows(_CURRENCIES, kind="modifier"), *_rows(_QUALIFIERS, position="after"),
     *_rows(_MARKERS, kind="suffix")])], first=True)
_BEFORE_SYM, _BEFORE_LETTER, _BEFORE_TWO = _edges([f for f, _ in _entries(
    [*(r for r in _CURRENCIES if r["kind"] == "currency" and r["position"] != "after"),
     *_rows(_QUALIFIERS, position="before")], reverse=True)], first=False)


def _nothing_after(low: str, e: int) -> bool:
    """True when no marker, currency or qualifier can start after position e."""
    n = len(low)
    while e < n and low[e].isspace():
        e += 1
    c = low[e:e + 1]
    return not (c == "-" or c == "." or c in _AFTER_SYM or low[e:e + 2] in _AFTER_TWO
                or (c in _AFTER_LETTER and not low[e + 1:e + 2].isalnum()))


def _nothing_before(low: str, s: int) -> bool:
    """True when no currency sign or qualifier phrase can end before position s."""
    s -= 1
    while s >= 0 and low[s].isspace():
        s -= 1
    if s < 0:
        return True
    c = low[s]
    return not (c in _BEFORE_SYM or (s and low[s - 1:s + 1] in _BEFORE_TWO)
                or (c in _BEFORE_LETTER and (s == 0 or not low[s - 1].isalnum())))


def _read_after(num: _Num, low: str) -> None:
    """Currency, percent, multiplier, year, month or measure; then a trailing qualifier."""
    e = num.e
    if num.mult and _FREQ.match(low, e):
        num.mult = False  # "twice a week" is a count
    if _nothing_after(low, e):
        return
    m = (_AFTER_DOT if num.abbr and low.startswith(".", e) else _AFTER).match(low, e)
    if m is None:  # never: every part of the pattern is optional
        return
    kind: str | None = None
    row: Any = None
    if m.start("cur") >= 0:
        kind, row = "currency", _after_row(m.group("cur"))
    elif m.start("tok") >= 0:
        row = _after_row(m.group("tok"))
        kind = row["kind"]
    taken = True
    if kind == "percent":
        num.pct = True
    elif kind == "times":
        num.mult = not _FREQ.match(low, m.end("tok"))  # "3 раза в неделю" is a count
    elif kind == "year":
        taken = num.year_mark = num.yearish
    elif kind == "month":
        if m.group("tok") == "марта" and _UZBEK.search(low, max(0, num.s - 300), num.e + 300):
            num.mult = True  # Uzbek "2 марта" = twice
        else:
            taken = num.month = num.day
    elif kind == "currency":
        code = row["code"]
        if m.group("mod") and code == "USD":  # канадских долларов
            code = _lookup_row(m.group("mod"), _CUR_EXACT, _CUR_PREFIX)["code"]
        taken = num.unit in (None, code)  # "USD 89.02\nEUR 94.77": EUR is the next one's
        num.unit = num.unit or code
    elif kind == "measure":
        num.unit = row["code"]
    if kind is not None:
        body_end = m.end("body") if kind == "currency" else m.end("tok")
        if not taken:
            m = _AFTER_Q_ONLY.match(low, e)
        else:
            if body_end != m.end("body"):  # "США" belongs to a currency only
                m = _AFTER_Q_ONLY.match(low, body_end)
            e = body_end
    if m is not None and m.start("q") >= 0:
        num.q_after, e = _QUAL[_norm(m.group("q"))]["qualifier"], m.end("q")
    num.end = e


def _read_before(num: _Num, low: str, rlow: str, floor: int) -> None:
    """Currency sign and qualifier phrases before the number, none reaching below floor."""
    if _nothing_before(low, num.s):
        return
    n = len(low)
    m = _BEFORE_R.match(rlow, n - num.s)
    if m is None:  # never: every part of the pattern is optional
        return
    if m.start("c") >= 0:
        if n - m.end("c") < floor:
            return
        num.cur_s = n - m.end("c")
        num.unit = num.unit or _lookup_row(m.group("c")[::-1], _CUR_EXACT, _CUR_PREFIX)["code"]
    for g in _CHAIN:
        if m.start(g) < 0 or n - m.end(g) < floor:
            break
        num.chain += ((n - m.end(g), _QUAL[_norm(m.group(g)[::-1])]),)


def _try_range(a: _Num, b: _Num, low: str) -> bool:
    """Merge b into a when they read as one range: "4–6 млрд", "от 4 до 6 млрд"."""
    if b.cur_s < a.end or b.cur_s - a.end > 8 or a.date or b.date or a.year_mark or \
            a.month or (a.pct and not b.pct) or (a.mult and not b.mult) or \
            (a.unit and b.unit and a.unit != b.unit):
        return False
    if not _DASH_GAP.fullmatch(low, a.end, b.cur_s):
        w = _WORD_GAP.fullmatch(low, a.end, b.cur_s)
        if not w:
            return False
        row = a.chain[0][1] if a.chain else None
        if not (row and row["range_from"] == "1") and not (
                w.group(1) in ("до", "to") and a.top is None and b.top is not None
                and not (row and row["form"] in ("с", "со", "from"))):
            return False
    low_value = a.value
    if a.top is None and b.top is not None:
        if a.value >= 1000 or a.yearish:
            return False
        low_value = _mul(a.value, b.top)  # the scale of "6 млрд" applies to "4"
    if not low_value < b.value:
        return False
    a.value, a.high, a.e, a.end = low_value, b.value, b.e, b.end
    a.unit, a.pct, a.mult, a.top = a.unit or b.unit, b.pct, b.mult, a.top or b.top
    a.year_mark, a.month, a.q_after = b.year_mark, b.month, b.q_after
    a.yearish, a.day, a.frac = a.yearish and b.yearish, a.day and b.day, a.frac or b.frac
    a.strict, a.bare_q = a.strict and b.strict, False
    return True


_BREAKS = (". ", "! ", "? ", "; ", "\n")


def _share_unit(a: _Num, b: _Num, low: str) -> None:
    """"с 800 млн до 1,2 млрд долларов", "from 5 to 7%": the start of a change takes the
    unit (and the scale) of its end."""
    if a.unit is None and not a.pct and a.chain and a.chain[0][1]["form"] in ("с", "со", "from") \
            and 0 <= b.cur_s - a.end <= 6:
        w = _WORD_GAP.fullmatch(low, a.end, b.cur_s)
        if w and w.group(1) in ("до", "to"):
            a.unit, a.pct = b.unit, b.pct
            if a.top is None and b.top is not None and a.value < 1000 and not a.yearish:
                a.value, a.top = _mul(a.value, b.top), b.top  # "from 1 to 2 billion"


def _resolve_do(num: _Num, start: int, low: str, prev: Amount | None) -> str:
    """"до 5 млрд" is a cap (lte) unless the sentence aims at it or it closes "с X до Y"."""
    if prev is not None and prev.prefix in ("с", "со", "from") and \
            not low[prev.end:start].strip(" ,\u00a0"):
        return "eq"
    # the sentence around it, roughly: up to 150 characters each way, cut at . ! ? ; or \n
    left = max([start - 150, 0, *(low.rfind(b, max(0, start - 150), start) + 1
                                  for b in _BREAKS)])
    ends = [i for i in (low.find(b, num.end, num.end + 150) for b in _BREAKS) if i >= 0]
    right = min(ends) if ends else num.end + 150
    found = _TARGET_VERB.search(low, max(0, left - 1), right) or \
        (left == 0 and _TARGET_VERB.match(" " + low[:right]))
    return "eq" if found else "lte"


def _tidy(v: Decimal) -> Decimal:
    """Exact, without exponent noise: Decimal('1532000000'), Decimal('301.9')."""
    try:
        return v.quantize(_ONE, context=_CTX) if v == v.to_integral_value() \
            else v.normalize(context=_CTX)
    except ArithmeticError:
        return v


def _english_before(low: str, s: int) -> bool:
    """Cheap test before looking for "August" in "August 20": a Latin letter or a dot."""
    s -= 1
    while s >= 0 and low[s].isspace():
        s -= 1
    return s >= 0 and (low[s] == "." or "a" <= low[s] <= "z")


def _finish(num: _Num, text: str, low: str, rlow: str, prev: Amount | None,
            floor: int) -> Amount | None:
    """The Amount for num, or None when it is not a number after all ("он", "тысячи")."""
    start, qual, prefix = num.cur_s, "eq", ""
    if num.chain:
        chain = [c for c in num.chain if c[0] >= floor]
        while chain and chain[-1][1]["qualifier"] == "filler":
            chain.pop()  # "на уровне $2 млрд": the prefix is the qualifier, not the filler
        for _, row in chain:
            q = row["qualifier"]
            if q in ("eq", "filler") or (row["range_from"] == "1" and num.high is not None):
                continue
            qual = q
            break
        if chain:
            start = chain[-1][0]
            prefix = " ".join(low[start:num.cur_s].split())
    if qual == "eq" and num.q_after:
        qual = num.q_after
    explicit = qual in ("gte", "lte", "approx")
    if qual == "do":
        qual = _resolve_do(num, start, low, prev)
    year = num.date
    if num.unit is None and not num.pct and not num.mult and num.top is None and not year:
        if num.yearish:
            year = num.year_mark or not explicit
        elif num.month or (num.day and _english_before(low, num.s)
                           and _MONTH_BEFORE_R.match(rlow, len(low) - num.s)):
            year = True
        elif num.strict:
            return None  # "он сказал", "сад"
    if num.bare_q and not explicit and num.unit is None:
        return None  # "тысячи компаний" are thousands of them
    value, high = num.value, num.high
    if num.frac:
        value, high = _tidy(value), None if high is None else _tidy(high)
    return Amount(value, high, num.unit, qual, prefix, start, num.end, num.s, num.pct, year,
                  num.mult, text[start:num.end])


def _find(text: str) -> list[Amount]:
    """Atoms → values → their surroundings → ranges → Amounts, left to right."""
    low = _lower(text)
    rlow = low[::-1]
    nums = _numbers(low)
    floor = 0
    for num in nums:
        _read_before(num, low, rlow, floor)
        _read_after(num, low)
        floor = num.end
    merged: list[_Num] = []
    for b in nums:
        if merged and _try_range(merged[-1], b, low):
            continue
        if merged:
            _share_unit(merged[-1], b, low)
        merged.append(b)
    out: list[Amount] = []
    floor = 0
    for num in merged:
        if num.cur_s < floor:
            continue
        try:
            a = _finish(num, text, low, rlow, out[-1] if out else None, floor)
        except (ArithmeticError, ValueError, KeyError, TypeError):  # never fail a whole page
            a = None
        if a is not None:
            out.append(a)
            floor = a.end
    return out


# ---------------------------------------------------------------- public API

def find_amounts(text: str) -> list[Amount]:
    """Every numeric expression in text, sorted by start, non-overlapping. Never raises."""
    if not isinstance(text, str) or not text:
        return []
    try:
        return _find(text)
    except (ArithmeticError, ValueError, KeyError, TypeError, IndexError):
        return []


def parse_number(s: str) -> Decimal | None:
    """"4,2" → 4.2, "1 200" → 1200, "два" → 2, "полтора" → 1.5, "6,5 тысячи" → 6500;
    None when s is not one number."""
    if not isinstance(s, str):
        return None
    t = s.strip()
    neg = t[:1] in ("-", "−")
    t = t[1:].lstrip() if neg else t
    if not t:
        return None
    try:
        nums = _numbers(_lower(t))
        if len(nums) != 1 or nums[0].s != 0 or nums[0].e != len(t) or nums[0].date:
            return None
        v = _tidy(nums[0].value)
        return _CTX.minus(v) if neg else v
    except (ArithmeticError, ValueError, KeyError, TypeError, IndexError):
        return None


_NAMES = ((Decimal(10**12), "tn"), (Decimal(10**9), "bn"), (Decimal(10**6), "mn"))


def _short(x: Decimal) -> str:
    s = f"{x.quantize(Decimal('0.001')):f}".rstrip("0")
    return s + "0" if s.endswith(".") else s


def _grouped(a: Decimal) -> str:
    if a == a.to_integral_value():
        return f"{int(a):,}"
    return f"{a:,.2f}".rstrip("0").rstrip(".")


def format_amount(value: float | Decimal, unit: str | None) -> str:
    """How people write amounts: "$4.0 bn", "$301.9 mn", "1.5 bn RUB", "6,500"."""
    try:
        d = value if isinstance(value, Decimal) else Decimal(str(value))
        if not d.is_finite():
            return str(value)
        sign, a = ("-" if d < 0 else ""), abs(d)
        if unit in (None, "", "count"):
            return sign + _grouped(a)
        if unit == "%":
            return f"{sign}{_short(a).removesuffix('.0')}%"
        sym, code = ("$", "") if unit == "USD" else ("", f" {unit}")
        for lim, word in _NAMES:
            if a >= lim:
                return f"{sign}{sym}{_short(a / lim)} {word}{code}"
        return f"{sign}{sym}{_grouped(a)}{code}"
    except (ArithmeticError, ValueError, TypeError):
        return str(value)
