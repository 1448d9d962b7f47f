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

The steps live in three modules: etl.numwords compiles the word tables, etl.numparse
does steps 1–2 (and `parse_number`), this module steps 3–5 and the public API.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from etl.numparse import (
    _Num,
    _numbers,
    _tidy,
    parse_number,
)
from etl.numwords import (
    _AFTER,
    _AFTER_DOT,
    _AFTER_Q_ONLY,
    _AFTER_ROWS,
    _BEFORE_R,
    _CHAIN,
    _CUR_EXACT,
    _CUR_PREFIX,
    _CURRENCIES,
    _DASH_GAP,
    _FREQ,
    _MARKERS,
    _MONTH_BEFORE_R,
    _QUAL,
    _QUALIFIERS,
    _TARGET_VERB,
    _TOK_EXACT,
    _TOK_PREFIX,
    _UZBEK,
    _WORD_GAP,
    _entries,
    _lookup,
    _lower,
    _mul,
    _norm,
    _rows,
)

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
            if q != "do":
                break  # "почти до 2 млрд", "более чем до": the word before "до" says how exact
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


# the number of an item in a numbered list: "3. Число рейсов ...", "2) Меморандум ..."
_ENUMERATOR = re.compile(r"(?:^|\n)[ \t]*(\d{1,2})[.)][ \t]+(?=[^\W\d_])")


def _find(text: str) -> list[Amount]:
    """Atoms → values → their surroundings → ranges → Amounts, left to right."""
    low = _lower(text)
    rlow = low[::-1]
    nums = _numbers(low)
    if text[:1].isdigit() or "\n" in text:
        enums = {m.start(1) for m in _ENUMERATOR.finditer(text)}
        nums = [n for n in nums if n.s not in enums]
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
