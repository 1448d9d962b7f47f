"""Sentence → the time expressions that qualify a figure: periods, target years, horizons.

Reads one sentence and the document's date; writes `TimeExpr`s in the
contract's terms: "за январь–август 2024 года" → period 2024-01/2024-08, "с
начала года" → 2025-YTD, "к 2030 году" → by_year 2030, "в ближайшие 5 лет"
(said in 2021) → within_years 2026. Rules are tried only where an anchor (a
year, a number before a unit, a rule's first word) stands; see etl/dates.py
for why regexes and tries rather than dateparser.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from etl.timewords import (
    YEARS_BACK,
    _Grammar,
    _grammar,
    _lower,
    _month_no,
    _month_word,
    _norm,
    _number,
    _ordinal,
    _word_before,
)

__all__ = ["TimeExpr", "find_time_expressions"]

_DIGIT = re.compile(r"[0-9]")


@dataclass(frozen=True)
class TimeExpr:
    kind: str  # 'period' | 'by_year' | 'within_years'
    period: str | None  # contract format: '2018', '2025-01/2025-10', '2025-YTD', '2025/2026'
    year: int | None  # by_year / within_years: the target year; period: its (last) year
    start: int
    end: int
    relative: bool  # derived from the document's date ("last year", "в ближайшие 5 лет")
    n_years: int | None = None  # within_years: the N of "в ближайшие N лет"
    base: bool = False  # the period of a comparison's own figure ("compared to $1.2 bn in 2023")


# --- 2. time expressions in a sentence --------------------------------------

def _months_expr(g: _Grammar, s: str, m: re.Match, m1: int, m2: int, doc: date | None,
                 needs_year: bool = False) -> TimeExpr | None:
    """A period of months m1..m2. Its year is the one written after it ("восемь
    месяцев 2021 года", "текущего года", "of 2023") or before it ("биылғы",
    "2024 йилнинг"); else the document's year, or the one before when a period
    counted from January would end after the document's month: such totals are
    reported once complete ("за январь–ноябрь" said in February is last year's;
    "во втором полугодии" said in September may well be a forecast)."""
    if not 1 <= m1 <= m2 <= 12:
        return None
    start, end, y, offset = m.start(), m.end(), None, 0
    mod = g.mod_after.match(s, end) or g.mod_before.search(s, max(0, start - 30), start)
    if mod:
        start, end = min(start, mod.start()), max(end, mod.end())
        y = int(mod.group("y")) if mod.group("y") else None
        if mod.group("rel"):
            offset = -YEARS_BACK.get(g.phrases[_norm(mod.group("rel"))][0], 0)
    elif needs_year:
        return None
    year = y
    if y is None and doc is not None:
        year = doc.year + offset if mod else doc.year - (m1 == 1 and m2 > doc.month)
    period = None if year is None else str(year) if (m1, m2) == (1, 12) else \
        f"{year}-{m1:02d}" if m1 == m2 else f"{year}-{m1:02d}/{year}-{m2:02d}"
    return TimeExpr("period", period, year, start, end, y is None)


def _year_context(g: _Grammar, s: str, start: int, end: int, span: bool = False):
    """(kind, start, end) from the words around a year, or None when they do not
    make it a time expression (a bare year, "с 2015 года", "в 2000 километрах")
    or it belongs to a date. For a span of years "since" opens it: "с 2020 по
    2025 год", "from 2015 to 2017"."""
    pre = g.year_pre_re.search(s, max(0, start - 32), start)
    post = g.year_post_re.match(s, end)
    pre_kind, needs_post = g.year_pre[_norm(pre.group("pre"))] if pre else (None, False)
    post_kind = None if not post else g.year_post[_norm(post.group("post"))] \
        if post.group("post") else "period"
    if span and pre_kind == "ignore":
        pre_kind = "period"
    if pre_kind == "ignore" or (needs_post and not post) or not (pre or post):
        return None
    if _month_word(g, _word_before(s, start)[1]) or g.month_after.match(s, post.end() if post
                                                                      else end):
        return None  # in a date: "15 ноября 2025 года", "2025 жылғы 17 қарашада"
    kind = "by_year" if "by_year" in (pre_kind, post_kind) else pre_kind or post_kind
    return kind, pre.start() if pre else start, post.end() if post else end


def _month_range(g: _Grammar, s: str, m: re.Match, doc: date | None) -> TimeExpr | None:
    a, b = _month_no(g, m, "mr_a"), _month_no(g, m, "mr_b")
    return _months_expr(g, s, m, a, b, doc) if a and b and a < b else None


def _one_month(g: _Grammar, s: str, m: re.Match, doc: date | None) -> TimeExpr | None:
    """"в сентябре 2024 года" is a period; "в сентябре" alone is when something happened."""
    a = _month_no(g, m, "om_a")
    return _months_expr(g, s, m, a, a, doc, needs_year=True) if a else None


def _n_months(g: _Grammar, s: str, m: re.Match, doc: date | None) -> TimeExpr | None:
    """"за 8 месяцев", "first eight months"; a bare "6 месяцев" is a duration,
    but Turkic locatives need no preposition ("алты айда", "9 oyida")."""
    n = _number(g, m.group("nm_n"))
    turkic = m.group("nm_unit")[0] in "аoо"
    if n and n <= 12 and (m.group("nm_lead") or m.group("nm_first") or turkic):
        return _months_expr(g, s, m, 1, n, doc)
    return None


def _n_abbr(g: _Grammar, s: str, m: re.Match, doc: date | None) -> TimeExpr | None:
    """"9M 2024": the first nine months of the year written after it."""
    return _months_expr(g, s, m, 1, int(m.group("na_n")), doc, needs_year=True)


def _half(g: _Grammar, s: str, m: re.Match, doc: date | None) -> TimeExpr | None:
    grp = m.group
    h = int(grp("hf_h")) if grp("hf_h") else 1 if grp("hf_bare") else _ordinal(g, grp("hf_n"))
    return _months_expr(g, s, m, 6 * h - 5, 6 * h, doc) if h in (1, 2) else None


def _quarter(g: _Grammar, s: str, m: re.Match, doc: date | None) -> TimeExpr | None:
    """One quarter ("I квартал", "в третьем квартале", "Q1") or several from
    January ("за три квартала", "за 3 квартала", "first three quarters")."""
    if m.group("qt_q"):
        q, cumulative = int(m.group("qt_q")), False
    else:
        token, unit = _norm(m.group("qt_n")), m.group("qt_unit")
        cumulative = token in g.numbers or (token.isdigit() and unit in (
            "квартала", "кварталов", "quarters"))
        q = (_number if cumulative else _ordinal)(g, token) or 0
    if not 1 <= q <= 4:
        return None
    return _months_expr(g, s, m, 1 if cumulative else 3 * q - 2, 3 * q, doc)


def _year_range(g: _Grammar, s: str, m: re.Match, doc: date | None) -> TimeExpr | None:
    y1, y2 = int(m.group("yr_a")), int(m.group("yr_b"))
    ctx = _year_context(g, s, m.start(), m.end(), span=True)
    return TimeExpr("period", f"{y1}/{y2}", y2, ctx[1], ctx[2], False) \
        if ctx and 0 < y2 - y1 <= 10 else None


def _year(g: _Grammar, s: str, m: re.Match, doc: date | None) -> TimeExpr | None:
    if not (ctx := _year_context(g, s, m.start(), m.end())):
        return None
    y, (kind, start, end) = int(m.group("y_y")), ctx
    if kind == "by_year":
        return TimeExpr("by_year", None, y, start, end, False)
    return TimeExpr("period", f"{y}-YTD" if kind == "ytd" else str(y), y, start, end, False)


def _within(g: _Grammar, s: str, m: re.Match, doc: date | None) -> TimeExpr | None:
    if not (n := _number(g, m.group("wi_n"))):
        return None
    year = None if doc is None else doc.year + n
    return TimeExpr("within_years", None, year, m.start(), m.end(), True, n)


def _phrase(g: _Grammar, s: str, m: re.Match, doc: date | None) -> TimeExpr | None:
    meaning = g.phrases[_norm(m.group("ph"))][0]
    year = None if doc is None else doc.year - YEARS_BACK.get(meaning, 0)
    if meaning == "coming_years":
        return TimeExpr("within_years", None, None, m.start(), m.end(), True)
    if meaning == "by_year_end":
        return TimeExpr("by_year", None, year, m.start(), m.end(), True)
    period = None if year is None else f"{year}-YTD" if meaning == "ytd" else str(year)
    return TimeExpr("period", period, year, m.start(), m.end(), True)


# Each branch of `g.times` and the function that reads its match.
_TIME_RULES: dict[str, Callable[[_Grammar, str, re.Match, date | None], TimeExpr | None]] = {
    "month_range": _month_range, "one_month": _one_month, "n_months": _n_months, "n_abbr": _n_abbr,
    "half": _half, "quarter": _quarter, "year_range": _year_range, "year": _year,
    "within": _within, "phrase": _phrase,
}


def find_time_expressions(sentence: str, doc_date: date | None) -> list[TimeExpr]:
    """The time expressions in one sentence, in order, without overlaps.

    Where two readings overlap the longer wins ("за 8 месяцев 2021 года" is one
    period, not a period plus the year 2021). A year inside a day date ("15
    ноября 2025 года", "2025 жылғы 17 қараша") is that date, not a period. A
    time that follows a comparison word ("по сравнению с аналогичным периодом
    2017 года", "compared to the given period in 2017") is the comparison's
    base, not the figure's period, and is dropped. Relative expressions need
    `doc_date`; without it they keep their span and kind, with period and year
    None. Which expression qualifies which figure, and whether "в 2030 году" is
    a target, is the caller's call.
    """
    g, low = _grammar(), _lower(sentence)
    found, pos = [], 0
    for a in g.time_anchor.finditer(low):
        if a.start() >= pos and (m := g.times.match(low, a.start())):
            pos = m.end()
            if e := _TIME_RULES[m.lastgroup or ""](g, low, m, doc_date):
                found.append(e)
    if not found:
        return []
    chosen: list[TimeExpr] = []
    for e in sorted(found, key=lambda e: (e.start - e.end, e.start)):
        if all(e.end <= c.start or e.start >= c.end for c in chosen):
            chosen.append(e)
    out, prev_end = [], 0
    for e in sorted(chosen, key=lambda e: e.start):
        window = re.split(r"[;:]|[,.](?=\s)", low[max(prev_end, e.start - 40):e.start])[-1]
        prev_end = e.end
        if not (cmp := g.comparison.search(window)):
            out.append(e)
        elif _DIGIT.search(window, cmp.end()):
            # "compared to $1.2 billion in 2023", "против 1,2 млрд в 2023 году": the base has
            # its own figure, and the time is that figure's period (the caller gives it to
            # the amount right before it only)
            out.append(replace(e, base=True))
    return out
