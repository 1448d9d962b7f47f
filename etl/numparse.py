"""Digits and number words → values: "1 миллиард 86 миллионов", "two hundred and five".

The middle step of reading amounts (etl.numbers): `_atoms` finds digit groups and
number/scale words on a lowercased copy of the text with the same offsets (the tries of
etl.numwords); `_numbers` / `_fold_one` turn each run of adjacent atoms into one value
("полтора миллиарда", "6,5 тысячи", "a billion"). It knows nothing of currencies or
qualifiers, so `parse_number` (one value from a short string) lives here too.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from etl.numwords import (
    _AND,
    _ARTICLES,
    _CTX,
    _DIGIT_SCAN,
    _GLUED_OK,
    _GSEP,
    _GSEP_CHARS,
    _HALF,
    _NUM_INNER,
    _NUMTOK,
    _ONE,
    _S_EXACT,
    _S_PREFIX,
    _TIGHT_SCALE,
    _W_EXACT,
    _W_PREFIX,
    _WORD_SCAN,
    _ZERO,
    _add,
    _lookup,
    _lower,
    _mul,
    _Word,
)

# ---------------------------------------------------------------- atoms and the fold

_RU_ENDING = re.compile(r"-(?:х|ух|ех|ёх|ти|ми|ью)(?![^\W\d_])")

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
            if low.startswith("-", e) and (ending := _RU_ENDING.match(low, e)):
                a.e = ending.end()  # "3-х млрд", "5-ти тысяч": the case ending is the number's
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
    if gap[0] == "." and gap[1:] == " " and a.kind == "scale" and a.w.abbr and b.kind == "dig":
        return True  # "1 млрд. 200 млн.": the abbreviation's dot is no break
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


def _tidy(v: Decimal) -> Decimal:
    """Exact, without exponent noise: Decimal('1532000000'), Decimal('301.9')."""
    try:
        return v.quantize(_ONE, context=_CTX) if v == v.to_integral_value() \
            else v.normalize(context=_CTX)
    except ArithmeticError:
        return v


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
