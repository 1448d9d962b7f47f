"""Dates on news pages: datelines, the time a figure covers, the document's date.

Reads the word tables etl/vocab/months.csv and etl/vocab/time_*.csv; writes
nothing. Three pure functions:

- `find_datelines(text, reference)`: every explicit date or timestamp on a page.
- `find_time_expressions(sentence, doc_date)`: the periods ("за январь–август
  2024 года"), target years ("к 2030 году") and horizons ("в ближайшие 5 лет")
  inside one sentence, in the contract's `period` / `target_year` terms.
- `pick_document_date(text, reference, manifest_date, article_span)`: the date
  a document was published, with its precision.

Why regexes and not `dateparser.search_dates`: on whole pages it reads
percentages, vote counts and "6,5" as dates and costs up to a second a page
(../shared/STYLE.md). Every pattern here is anchored on a month word, a
four-digit year with its context words, or a full numeric date, so numbers
alone ("32%", "2488", "13 заседании", "1 ... 6 7 8") never become dates.

Why it is shaped this way: speed (the ETL reads 1,000 pages/s/core). Python's
`re` searches fast only for a pattern that starts with a character class, so
datelines are found from their digits and the word before them is read in
code; time expressions are tried only where an anchor (a year, a number
before a unit, a first word of some rule) stands. Word lists are compiled as
tries and the text is lower-cased once: IGNORECASE and flat alternations were
10x slower. Measured on a loaded 2-core box: find_datelines ~0.2 ms per 5 KB
page; find_time_expressions ~0.4 ms per 5 KB of sentences.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from etl.vocab import load_table

__all__ = ["DateMention", "TimeExpr", "find_datelines", "find_time_expressions",
           "pick_document_date"]


@dataclass(frozen=True)
class DateMention:
    value: date
    precision: str  # 'day' | 'month'
    start: int
    end: int
    has_time: bool  # "16:37" next to it: a timestamp, typical of datelines
    relative: bool  # "Сегодня", "вчера", or a year-less date resolved against the reference


@dataclass(frozen=True)
class TimeExpr:
    kind: str  # 'period' | 'by_year' | 'within_years'
    period: str | None  # contract format: '2018', '2025-01/2025-10', '2025-YTD', '2025/2026'
    year: int | None  # by_year / within_years: the target year; period: its (last) year
    start: int
    end: int
    relative: bool  # derived from the document's date ("last year", "в ближайшие 5 лет")
    n_years: int | None = None  # within_years: the N of "в ближайшие N лет"


# --- the word tables, as regex tries ----------------------------------------

L = r"[^\W\d_]"  # one letter of any script
YEAR = r"(?:19|20)[0-9]{2}(?![0-9])"
TIME = r"(?<![0-9:.,+])(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?![0-9:%])"
APOSTROPHES = "'ʻʼ‘’`"


def _lower(text: str) -> str:
    """Lower case with the same offsets (a few letters, like 'İ', grow when lowered)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _norm(s: str) -> str:
    """Lower case, one space, one apostrophe: the key a matched phrase is looked up by."""
    return " ".join(s.lower().split()).translate(_APOSTROPHE_KEY)


_APOSTROPHE_KEY = {ord(c): "'" for c in APOSTROPHES}


def _trie(forms: Iterable[str]) -> str:
    """A regex matching any of `forms` (normalized), built as a character trie so a
    mismatch costs one comparison; a space matches any whitespace."""
    root: dict = {}
    for form in forms:
        node = root
        for ch in _norm(form):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else f"[{APOSTROPHES}]" if ch == "'" else re.escape(ch))
                + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")" if len(alts) > 1 or "" in node else alts[0]
        return body + "?" if "" in node else body

    return "(?:" + emit(root) + ")"


def _month(name: str, trie: str) -> str:
    """A month word: a listed form plus the letters after it (checked by `_month_no`)."""
    return rf"(?P<{name}>{trie})(?P<{name}_sfx>{L}*)(?:\.(?=\s*[0-9]))?"


def _branches(**branches: str) -> re.Pattern:
    """One scanning regex: each branch a named group, tried in the order given."""
    return re.compile(r"\b(?:" + "|".join(f"(?P<{k}>{v})" for k, v in branches.items()) + ")")


@dataclass(frozen=True)
class _Grammar:
    months: dict[str, tuple[int, bool]]  # form -> (month, takes suffixes)
    phrases: dict[str, tuple[str, str]]  # phrase -> (meaning, role)
    numbers: dict[str, int]
    ordinals: dict[str, int]
    year_pre: dict[str, tuple[str, bool]]  # phrase -> (kind, needs a year word after it)
    year_post: dict[str, str]
    rel_days: dict[str, int]
    datelines: re.Pattern
    month_day_tail: re.Pattern
    year_tail: re.Pattern
    year_scan: re.Pattern
    month_after: re.Pattern
    times: re.Pattern
    time_anchor: re.Pattern
    time_after: re.Pattern
    time_before: re.Pattern
    weekday_before: re.Pattern
    weekday_at: re.Pattern
    marker: re.Pattern
    year_pre_re: re.Pattern
    year_post_re: re.Pattern
    mod_after: re.Pattern
    mod_before: re.Pattern
    comparison: re.Pattern


@cache
def _grammar() -> _Grammar:
    """Compile the patterns once from the vocabularies (first call only)."""
    months = {_norm(r["form"]): (int(r["month"]), r["suffixed"] == "yes")
              for r in load_table("months")}
    phrases = {_norm(r["phrase"]): (r["meaning"], r["role"]) for r in load_table("time_phrases")}
    numbers = {_norm(r["form"]): int(r["value"]) for r in load_table("time_numbers")}
    ordinals = {_norm(r["form"]): int(r["value"]) for r in load_table("time_ordinals")}
    ctx = load_table("time_year_context")
    year_pre = {_norm(r["phrase"]): (r["kind"], r["lang"] == "ru")
                for r in ctx if r["side"] == "pre"}
    year_post = {_norm(r["phrase"]): r["kind"] for r in ctx if r["side"] == "post"}
    rel_days = {_norm(r["form"]): int(r["offset"]) for r in load_table("time_relative_days")}
    weekdays = _trie(r["form"] for r in load_table("time_weekdays"))

    def phrases_where(test: Callable[[str, str], bool]) -> str:
        return _trie(p for p, (meaning, role) in phrases.items() if test(meaning, role))

    mon = _trie(months)
    year_word = rf"(?:\s*(?:г\.|года|год|y\.|ж\.|yil{L}*|йил{L}*|жыл{L}*))?"
    num = rf"(?:[0-9]{{1,2}}(?![0-9])|{_trie(numbers)}(?!{L}))"
    ordn = (rf"(?:[1-4](?:-?(?:й|ый|ий|ом|м|го|ого|st|nd|rd|th))?(?![0-9])(?!{L})"
            rf"|{_trie(ordinals)}(?!{L}))")
    # Words a time expression can start with. Numbers and ordinals count only
    # before a unit ("8 месяцев", "two quarters"), prepositions only before a
    # word that can follow them in some rule ("в прошлом", "за январь", "in
    # the next"); "на ближайшие" is found from "ближайшие".
    starts = [p.split() for p, (meaning, role) in phrases.items()
              if role != "modifier" or meaning == "within_lead"]
    preps = {"с", "со", "в", "во", "за", "по", "до", "к", "in", "for", "by", "over", "within"}
    first_words = {w[0] for w in starts} - preps - {"на", "the", "of", "as"} | {"first"}
    after_prep = [*months, *numbers, *ordinals, "перв", "first", "the", "полугоди",
                  *(w[1] for w in starts if len(w) > 1 and w[0] in preps)]
    units = (r"(?:месяц|мес\.|month|ай|oy|ой|квартал|quarter|тоқсан|chorak|чорак|чейрек|лет|год|"
             r"year|жыл|yil|йил|полугод|half)")
    mods = phrases_where(lambda m, r: m in ("this_year", "last_year") and r != "period")
    # Kazakh, Kyrgyz and Uzbek put the year before the months ("биылғы алты айда")
    mods_before = _trie(r["phrase"] for r in load_table("time_phrases")
                        if r["meaning"] in ("this_year", "last_year") and r["role"] != "period"
                        and r["lang"] not in ("ru", "en"))
    c = re.compile
    return _Grammar(
        months=months, phrases=phrases, numbers=numbers, ordinals=ordinals,
        year_pre=year_pre, year_post=year_post, rel_days=rel_days,
        # Every dateline holds a run of digits: the scan stops only at digits (a
        # pattern that starts with a character class is searched in C), then
        # reads what follows the run; month-first forms ("Aug. 20", "ноябре
        # 2025", "Сегодня 07:58") are read from the word before a bare run.
        datelines=c(
            r"[0-9](?<![0-9.,:/][0-9])(?:[0-9]*(?![0-9])(?P<run>)(?:"
            rf"(?P<ymd>\s*-?\s*(?:жылғы|жылдың|жылдын|жылы|yil(?:ning|gi)?|йил(?:нинг|ги)?)"
            rf"\s*,?\s*(?:(?P<ymd_d>[0-9]{{1,2}})\s*-?\s*)?{_month('ymd_m', mon)})"
            rf"|(?P<dmy>(?:\s*[-–—]\s*[0-9]{{1,2}})?(?:-?(?:st|nd|rd|th|го|е|ое)(?!{L}))?[\s-]*"
            rf"{_month('dmy_m', mon)}(?:[ \t\u00a0,.\-/]{{0,3}}(?P<dmy_y>{YEAR}){year_word})?)"
            r"|(?P<num>(?P<num_s>[-./])(?P<num_b>[0-9]{1,2})(?P=num_s)(?P<num_c>[0-9]{2,4})"
            r"(?![0-9]|[.,/\-][0-9])))"
            # after an English month: "September 1", "Aug. 20"
            r"|(?:(?<=[a-z][ \t\u00a0][0-9])|(?<=[a-z]\.[ \t\u00a0][0-9]))[0-9]?"
            r"(?![0-9]|[.,][0-9])(?P<mdy>)"
            # after a word of 2+ letters: a time ("Сегодня 07:58") or a year ("ноябре 2025")
            rf"|(?:(?<={L}{L}[ \t\u00a0][0-9])|(?<={L},[ \t\u00a0][0-9])|(?<=\sв[ \t][0-9])"
            r"|(?<=\sat[ \t][0-9]))(?:[0-9]?(?=:[0-5][0-9])(?P<rel>)|[0-9]{3}(?![0-9])(?P<my>)))"),
        month_day_tail=c(rf"[0-9]{{1,2}}(?:st|nd|rd|th)?(?:\s*[-–]\s*[0-9]{{1,2}})?"
                         rf"(?!\s*(?:%|per\s?cent|million|billion|thousand|tons?|tonnes|km)(?!{L}))"
                         rf"(?:,?\s*(?P<y>{YEAR}))?"),
        year_tail=c(rf"{YEAR}{year_word}"),
        year_scan=c(r"(?:19|20)(?<![0-9.,][12][09])(?<![0-9][-–—][12][09])[0-9]{2}"
                    r"(?![0-9]|[.,][0-9]|\s*[-–—]\s*[0-9])"),
        month_after=c(rf"[ \t\u00a0,]*(?:[0-9]{{1,2}}\s*-?\s*)?{mon}"),
        times=_branches(
            month_range=rf"(?:(?:с|со|в|во|за|from|in|for|during)\s+)?{_month('mr_a', mon)}"
                        rf"(?:\s*[-–—]\s*|\s+(?:по|до|to|through|till|until)\s+)"
                        rf"{_month('mr_b', mon)}",
            one_month=rf"(?:в|во|за|in|for|during)\s+{_month('om_a', mon)}",
            n_months=rf"(?:(?P<nm_lead>за|по\s+итогам|в|for|over|in|during|after)\s+)?"
                     rf"(?:(?P<nm_first>(?:the\s+)?(?:перв{L}*|first))\s+)?(?P<nm_n>{num})\s*-?\s*"
                     rf"(?P<nm_unit>месяц{L}*|мес\.|months?(?!{L})|ай{L}*|oy{L}*|ой{L}*)",
            half=rf"(?P<hf_n>{ordn})\s+(?:полугоди{L}*|half(?!{L})|жарты\s+жыл{L}*|"
                 rf"жарым\s+жыл{L}*|yarim\s+yil{L}*|ярим\s+йил{L}*)|(?P<hf_bare>полугоди{L}*)"
                 r"|h(?P<hf_h>[12])(?!\w)",
            quarter=rf"(?P<qt_n>{ordn}|{num})\s+(?P<qt_unit>квартал{L}*|quarters?(?!{L})|"
                    rf"тоқсан{L}*|chorak{L}*|чорак{L}*|чейрек{L}*)|q(?P<qt_q>[1-4])(?!\w)",
            year_range=rf"(?<![.,])(?P<yr_a>{YEAR})\s*(?:[-–—]|\s(?:по|to)\s)\s*(?P<yr_b>{YEAR})"
                       r"(?![.,][0-9])",
            year=rf"(?<![.,\-–—])(?P<y_y>{YEAR})(?![.,][0-9]|\s*[-–—]\s*[0-9])",
            within=rf"{phrases_where(lambda m, r: m == 'within_lead')}\s+(?P<wi_n>{num})\s*-?\s*"
                   rf"(?P<wi_unit>лет(?!{L})|года?(?!{L})|years?(?!{L})|жыл{L}*|yil{L}*|йил{L}*)",
            phrase=rf"(?P<ph>{phrases_where(lambda m, r: r != 'modifier')})(?!{L})",
        ),
        # Where a time expression can start: a digit, H1/Q1, or a first word of
        # some rule; `g.times` is only tried there (a full scan costs 7x more).
        time_anchor=c(rf"\b(?:(?:[0-9]{{1,2}}|{_trie([*numbers, *ordinals])})(?![0-9])"
                      rf"(?=(?:-?{L}{{1,3}})?\s*-?\s*{units})|(?:19|20)[0-9]{{2}}(?![0-9])"
                      rf"|[hq][1-4](?!\w)|{_trie(first_words)}(?!{L})|{mon}|перв|полугоди"
                      rf"|{_trie(preps)}\s+(?=[0-9]|{_trie(after_prep)}))"),
        time_after=c(rf"[ \t\u00a0,|·•—–-]{{0,4}}(?:(?:в|at)[ \t]+)?({TIME})"),
        time_before=c(rf"({TIME})[ \t\u00a0,|·•—–-]{{0,4}}\Z"),
        weekday_before=c(rf"(?<!{L}){weekdays}\.?[ \t\u00a0]*,[ \t\u00a0]*\Z"),
        weekday_at=c(rf"{weekdays}(?!{L})"),
        marker=c(rf"(?<!{L}){_trie(r['form'] for r in load_table('time_markers'))}(?!{L})"),
        year_pre_re=c(rf"(?<!{L})(?P<pre>{_trie(year_pre)})\s+(?:the\s+)?\Z"),
        year_post_re=c(rf"\s*(?:-?(?:м|му|го|й|ый|ом)(?!{L}))?\s*-?\s*(?P<post>{_trie(year_post)})"
                       rf"(?!{L})"),
        mod_after=c(rf"[ \t\u00a0,]*(?:(?:of|in)\s+(?:the\s+)?)?(?:(?P<y>{YEAR})"
                    rf"(?:\s*-\s*(?:го|м)(?!{L}))?(?:\s*(?:года|году|год|г\.|yil{L}*|йил{L}*|"
                    rf"жыл{L}*))?|(?P<rel>{mods})(?!{L}))"),
        mod_before=c(rf"(?:(?P<y>{YEAR})\s*-?\s*(?:жылғы|жылдың|жылдын|жылы|йилнинг|йилги|"
                     rf"йил|yilning|yilgi|yil)|(?<!{L})(?P<rel>{mods_before}))[ \t\u00a0]+\Z"),
        comparison=c(rf"(?<!{L}){phrases_where(lambda m, r: m == 'comparison')}(?!{L})"),
    )


def _month_no(g: _Grammar, m: re.Match, group: str) -> int | None:
    """The month a matched word names, or None when the letters after a whole-word
    form make it another word (мартовский, майор)."""
    month, suffixed = g.months[_norm(m.group(group))]
    return month if suffixed or not m.group(group + "_sfx") else None


def _number(g: _Grammar, token: str) -> int | None:
    t = _norm(token)
    return int(t) if t.isdigit() else g.numbers.get(t)


def _ordinal(g: _Grammar, token: str) -> int | None:
    t = _norm(token)
    digits = re.match(r"[0-9]+", t)
    return int(digits.group()) if digits else g.ordinals.get(t)


# --- 1. datelines -----------------------------------------------------------

def _on_or_before(month: int, day: int, reference: date) -> date | None:
    """A year-less day resolved to its latest occurrence not after the reference
    ("15 ноября" read on 2025-11-10 is 2024-11-15: news reports the past)."""
    for y in range(reference.year, reference.year - 5, -1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if d <= reference:
            return d
    return None


def _word_before(low: str, pos: int) -> tuple[int, str]:
    """The word before `pos` over spaces, commas and a dot ("Aug. 20"), and its start."""
    j = pos
    while j > 0 and pos - j < 3 and low[j - 1] in " \t\u00a0,.":
        j -= 1
    k = j
    while k > 0 and low[k - 1].isalpha():
        k -= 1
    return k, low[k:j]


def _month_word(g: _Grammar, word: str) -> int | None:
    """The month a whole word names: a listed form, or a stem plus case endings."""
    if word in g.months:
        return g.months[word][0]
    for n in range(len(word) - 1, 2, -1):
        if (hit := g.months.get(word[:n])) and hit[1]:
            return hit[0]
    return None


def _day(y: int | str | None, mo: int, d: int, ref: date) -> tuple[date, bool] | None:
    """(date, relative); a year-less day is resolved against the reference."""
    if y is None:
        v = _on_or_before(mo, d, ref) if 1 <= d <= 31 else None
        return (v, True) if v else None
    try:
        return date(int(y), mo, d), False
    except ValueError:
        return None


def _dateline(g: _Grammar, text: str, low: str, m: re.Match, ref: date):
    """(start, end, value, precision, relative) for one match of `g.datelines`, or None."""
    kind, grp = m.lastgroup, m.group
    run = low[m.start():m.end("run")] if kind in ("ymd", "dmy", "num") else low[m.start():m.end()]
    if kind == "ymd" and len(run) == 4 and (mo := _month_no(g, m, "ymd_m")):
        if not grp("ymd_d"):
            return m.start(), m.end(), date(int(run), mo, 1), "month", False
        hit = _day(run, mo, int(grp("ymd_d")), ref)
    elif kind == "dmy" and len(run) <= 2 and (mo := _month_no(g, m, "dmy_m")):
        hit = _day(grp("dmy_y"), mo, int(run), ref)
    elif kind == "num":
        b, c, sep = grp("num_b"), grp("num_c"), grp("num_s")
        if len(run) == 4 and len(c) <= 2:  # 2025-09-17
            hit = _day(run, int(b), int(c), ref)
        elif len(run) > 2 or len(c) == 3:
            return None
        elif len(c) == 2:  # "19.07.23": only in the full dd.mm.yy shape, never "1.5.20"
            if len(run) != 2 or len(b) != 2 or sep == "-":
                return None
            y = 2000 + int(c) if 2000 + int(c) <= ref.year + 1 else 1900 + int(c)
            hit = _day(y, int(b), int(run), ref)
        else:  # 25.04.2022; 07/19/2023 is American
            day, month = (b, run) if sep == "/" and int(b) > 12 else (run, b)
            hit = _day(c, int(month), int(day), ref)
    elif kind in ("mdy", "my", "rel"):
        return _word_first(g, text, low, m.start(), run, kind, ref)
    else:
        return None
    return (m.start(), m.end(), hit[0], "day", hit[1]) if hit else None


def _word_first(g: _Grammar, text: str, low: str, pos: int, run: str, kind: str, ref: date):
    """A dateline whose word comes before the digits: "September 1, 2023", "Aug. 20",
    "ноябре 2025", "Сегодня 07:58", "вчера в 18:00"."""
    k, word = _word_before(low, pos)
    if kind == "rel":
        if word in ("в", "at"):
            k, word = _word_before(low, k)
        if word in g.rel_days:
            return k, k + len(word), ref + timedelta(days=g.rel_days[word]), "day", True
        return None
    if not (mo := _month_word(g, word)):
        return None
    if kind == "my" and run[:2] in ("19", "20") and (y := g.year_tail.match(low, pos)):
        return k, y.end(), date(int(run), mo, 1), "month", False
    if kind == "mdy" and text[k:k + 3] != "may" and (  # "may 5" is the verb; "May 5" the month
            t := g.month_day_tail.match(low, pos)):
        hit = _day(t.group("y"), mo, int(run), ref)
        return (k, t.end(), hit[0], "day", hit[1]) if hit else None
    return None


def _alone_on_line(g: _Grammar, low: str, ref: date):
    """"Сегодня" or "today" as a whole line: the page's stamp for the reference day."""
    start = 0
    for line in low.split("\n"):
        if len(line) < 24 and (word := line.strip(" \t\u00a0,.")) in g.rel_days:
            k = start + line.index(word)
            yield k, k + len(word), ref + timedelta(days=g.rel_days[word]), "day", True
        start += len(line) + 1


def find_datelines(text: str, reference: date) -> list[DateMention]:
    """Every explicit date or timestamp in `text`, in order, without overlaps.

    Year-less dates ("15 ноября", "Aug. 20") and relative days ("Сегодня 07:58")
    are resolved against `reference` and never land after it. A time written
    next to a date ("16 ноября 2025 04:57", "15:47, 10 сентября 2024") and a
    weekday before it ("понедельник, 17 ноября 2025") widen the span, so
    `pick_document_date` can tell a timestamp from a page header. A year alone
    ("в 2017 году") is not a dateline: see `find_time_expressions`.
    """
    g, low = _grammar(), _lower(text)
    found = [d for m in g.datelines.finditer(low) if (d := _dateline(g, text, low, m, reference))]
    found.extend(_alone_on_line(g, low, reference))
    out: list[DateMention] = []
    for start, end, value, precision, relative in sorted(found, key=lambda d: d[0]):
        if out and start < out[-1].end:
            continue
        has_time = False
        if t := g.time_after.match(low, end):
            end, has_time = t.end(), True
        elif t := g.time_before.search(low, max(0, start - 14), start):
            start, has_time = t.start(1), True
        if w := g.weekday_before.search(low, max(0, start - 20), start):
            start = w.start()
        out.append(DateMention(value, precision, start, end, has_time, relative))
    return out


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
        if mod.group("rel") and g.phrases[_norm(mod.group("rel"))][0] == "last_year":
            offset = -1
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
    post_kind = g.year_post[_norm(post.group("post"))] if post else None
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
    year = None if doc is None else doc.year - (meaning == "last_year")
    if meaning == "coming_years":
        return TimeExpr("within_years", None, None, m.start(), m.end(), True)
    if meaning == "by_year_end":
        return TimeExpr("by_year", None, year, m.start(), m.end(), True)
    period = None if year is None else f"{year}-YTD" if meaning == "ytd" else str(year)
    return TimeExpr("period", period, year, m.start(), m.end(), True)


# Each branch of `g.times` and the function that reads its match.
_TIME_RULES: dict[str, Callable[[_Grammar, str, re.Match, date | None], TimeExpr | None]] = {
    "month_range": _month_range, "one_month": _one_month, "n_months": _n_months,
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
        if not g.comparison.search(window):
            out.append(e)
    return out


# --- 3. the document's date -------------------------------------------------

HEADER_ZONE = 200  # a portal prints today's date in its first line or two
EDGE = 300  # a stamp belongs to the article when this close to its first or last character
LIST_GAP = 600  # related-news items: a timestamp line, a headline, maybe a lead
LIST_MIN = 3


@dataclass(frozen=True)
class _Seen:
    """What `pick_document_date` knows about one dateline."""

    mention: DateMention
    header: bool  # weekday date at the top of the page: the day it was served
    marked: bool  # "Комментарии", "Updated" beside it: the article's own stamp
    listed: bool  # one of a run of dated lines: a related-news list
    outside: bool  # before the article or after the stamp that ends it
    near_edge: bool  # at the article's top, or the first stamp right after its end
    tail: bool  # with an article span: the first stamp right after the article's end
    inside: bool  # within the article's span


# Rules as a table, best first: the first one a dateline meets is its rank.
_RANKS: tuple[tuple[str, Callable[[_Seen], bool]], ...] = (
    ("stamp with a marker (Комментарии, Updated)", lambda s: s.marked),
    ("timestamp at the article's top or right after it",
     lambda s: s.mention.has_time and s.near_edge),
    ("dateline at the article's top (19.07.23, 25.04.2022)",
     lambda s: s.mention.precision == "day" and s.near_edge and not s.header),
    ("timestamp inside the article", lambda s: s.mention.has_time and s.inside),
    ("a day named in the text (15 ноября в резиденции...)",
     lambda s: s.mention.precision == "day" and s.inside and not s.header),
    ("the page's weekday header: the day it was crawled", lambda s: s.header),
    ("a month named in the article", lambda s: s.inside),
)


def _line_start(text: str, pos: int) -> bool:
    return not text[text.rfind("\n", 0, pos) + 1:pos].strip()


def _related_runs(text: str, mentions: list[DateMention]) -> set[int]:
    """Indexes of datelines that open a line in a run of >= LIST_MIN timestamped
    lines close together: a list of related news, each item a date and a headline."""
    lines = [i for i, m in enumerate(mentions) if m.has_time and _line_start(text, m.start)]
    runs: list[list[int]] = []
    for i in lines:
        if runs and mentions[i].start - mentions[runs[-1][-1]].end <= LIST_GAP:
            runs[-1].append(i)
        else:
            runs.append([i])
    return {i for run in runs if len(run) >= LIST_MIN for i in run}


def _seen(g: _Grammar, text: str, mentions: list[DateMention],
          span: tuple[int, int] | None) -> Iterator[_Seen]:
    a0, a1 = span or (0, len(text))
    listed = _related_runs(text, mentions)
    tail = next((m for m in mentions if m.has_time and a1 <= m.start <= a1 + EDGE), None)
    for i, m in enumerate(mentions):
        line_end = text.find("\n", m.end)
        around = text[max(text.rfind("\n", 0, m.start) + 1, m.start - 25):m.start] + " " + \
            text[m.end:min(m.end + 25, len(text) if line_end < 0 else line_end)]
        yield _Seen(
            mention=m,
            header=m.start < HEADER_ZONE and not m.has_time and bool(
                g.weekday_at.match(_lower(text[m.start:m.start + 16]))),
            marked=bool(g.marker.search(_lower(around))),
            listed=i in listed,
            outside=span is not None and (m.start < a0 - EDGE or (
                m.start >= a1 and m is not tail)),
            near_edge=a0 - EDGE <= m.start <= a0 + EDGE or m is tail,
            tail=m is tail,
            inside=a0 <= m.start < a1,
        )


def _never(s: _Seen, reference: date | None, written: list[int]) -> bool:
    """Datelines that are not the document's whatever their rank: related-news
    items, dates outside the article, relative dates with nothing to read them
    against, and a year-less day in an article whose written years are older."""
    m = s.mention
    if (s.listed and not (s.marked or s.tail)) or (s.outside and not s.header):
        return True
    if m.relative and reference is None:
        return True
    return m.relative and not m.has_time and bool(written) and m.value.year > max(written) + 1


def pick_document_date(text: str, reference: date | None, manifest_date: date | None,
                       article_span: tuple[int, int] | None = None
                       ) -> tuple[date | None, str | None]:
    """The document's date and its precision ('day', 'month', 'year'), or (None, None).

    The manifest wins: it is what the publisher said. Otherwise the datelines
    are ranked by `_RANKS`, ties going to the earliest, because of how news
    pages are built:
    - an article's own stamp carries a time and sits at its top ("24 июля 2025
      г. 09:32") or right after its body ("16 ноября 2025 04:57 Комментарии");
    - a weekday date in the page's first line ("понедельник, 17 ноября 2025") is
      the portal's "today", i.e. the crawl date, good only when nothing else is;
    - related-news lists repeat "timestamp line, headline"; their dates belong
      to other stories and are never used (a run of >= 3 such lines, or, with
      `article_span`, anything after the stamp that ends the article);
    - a day named in the text ("15 ноября в резиденции состоялись переговоры")
      is usually the event the news is about, resolved to the reference year;
      but not when the article's written years are all older than that: an old
      article read today ("in 2017 ... a visit on October 24-25").
    Last comes a year: the latest period year ("в 2017 году") not after the
    reference, with precision 'year'.

    "Сегодня 07:58" and "15 ноября" are read against the page's own weekday
    header when it has one (the portal printed both on the day it served the
    page), else against `reference`; with neither they cannot be dated and
    only mark where the article ends.
    """
    if manifest_date is not None:
        return manifest_date, "day"
    g, low = _grammar(), _lower(text)
    a0, a1 = article_span or (0, len(text))
    mentions = find_datelines(text, reference or date.max)
    header = next((m for m in mentions if m.start < HEADER_ZONE and not m.has_time
                   and not m.relative and g.weekday_at.match(low, m.start)), None)
    if header and (reference is None or header.value < reference):
        reference, mentions = header.value, find_datelines(text, header.value)
    years = [int(m.group()) for m in g.year_scan.finditer(low, a0, a1)
             if (ctx := _year_context(g, low, m.start(), m.end())) and ctx[0] == "period"
             and (reference is None or int(m.group()) <= reference.year)]
    seen = list(_seen(g, text, mentions, article_span))
    written = years + [s.mention.value.year for s in seen
                       if not s.mention.relative and not s.listed and s.inside]
    best: tuple[int, int, DateMention] | None = None
    for s in seen:
        if _never(s, reference, written):
            continue
        rank = next((r for r, (_, rule) in enumerate(_RANKS) if rule(s)), None)
        if rank is not None and (best is None or (rank, s.mention.start) < best[:2]):
            best = (rank, s.mention.start, s.mention)
    if best:
        return best[2].value, best[2].precision
    return (date(max(years), 1, 1), "year") if years else (None, None)
