"""Dates on news pages: datelines, the time a figure covers, the document's date.

Reads the word tables etl/vocab/months.csv and etl/vocab/time_*.csv; writes
nothing. Two pure functions:

- `find_datelines(text, reference)`: every explicit date or timestamp on a page.
- (`etl.periods.find_time_expressions` reads the periods and target years inside
  a sentence with the same word tables, kept in etl.timewords.)
- `pick_document_date(text, reference, manifest_date, article_span)`: the date
  a document was published, with its precision.
- `date_in_url(url, reference)`: the publication day many sites write into an
  article's address (/2021/12/10/, /20180819/, /2025-08-18/).

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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from etl.periods import _year_context
from etl.timewords import (
    _Grammar,
    _grammar,
    _lower,
    _month_no,
    _month_word,
    _norm,
    _word_before,
)

__all__ = ["DateMention", "date_in_url", "find_datelines", "pick_document_date"]


@dataclass(frozen=True)
class DateMention:
    value: date
    precision: str  # 'day' | 'month'
    start: int
    end: int
    has_time: bool  # "16:37" next to it: a timestamp, typical of datelines
    relative: bool  # "Сегодня", "вчера", or a year-less date resolved against the reference


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
    run = low[m.start():m.end("run")] if kind in ("ymd", "dmy", "num", "ago") \
        else low[m.start():m.end()]
    if kind == "ago":  # "2 дня назад": so many days before the reference; a stamp when it
        days = g.ago_units[_norm(grp("ago_u"))] * int(run)  # opens its line
        return (m.start(), m.end(), ref - timedelta(days=days), "day", True,
                _line_start(text, m.start())) if days <= 366 else None
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
    for start, end, value, precision, relative, *stamp in sorted(found, key=lambda d: d[0]):
        if out and start < out[-1].end:
            continue
        has_time = bool(stamp and stamp[0])
        if t := g.time_after.match(low, end):
            end, has_time = t.end(), True
        elif t := g.time_before.search(low, max(0, start - 14), start):
            start, has_time = t.start(1), True
        if w := g.weekday_before.search(low, max(0, start - 20), start):
            start = w.start()
        out.append(DateMention(value, precision, start, end, has_time, relative))
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
    marked: bool  # "Комментарии", "Опубликовано" beside it: the article's own stamp
    updated: bool  # labelled as an edit's date ("Обновлено: 14.03.2024", "Updated:")
    listed: bool  # one of a run of dated lines: a related-news list
    outside: bool  # before the article or after the stamp that ends it
    near_edge: bool  # at the article's top, or the first stamp right after its end
    tail: bool  # with an article span: the first stamp right after the article's end
    head: bool  # with an article span: the stamp the article's text starts right after
    alone: bool  # nothing else on its line ("12 марта 2024 г." under the body)
    inside: bool  # within the article's span


# Rules as a table, best first: the first one a dateline meets is its rank.
_RANKS: tuple[tuple[str, Callable[[_Seen], bool]], ...] = (
    ("stamp with a marker (Комментарии, Опубликовано)", lambda s: s.marked),
    ("stamp labelled as an edit's (Обновлено, Updated)", lambda s: s.updated),
    ("timestamp at the article's top or right after it",
     lambda s: s.mention.has_time and s.near_edge),
    ("a day alone on its line at the article's top or right after it",
     lambda s: s.alone and s.mention.precision == "day" and s.near_edge and not s.header),
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


def _labels(g: _Grammar, text: str, m: DateMention) -> tuple[bool, bool, bool]:
    """(marked, updated, alone) for one dateline. The marker word right before a stamp is
    its label ("Обновлено: 14.03.2024 | Опубликовано: 12.03.2024" labels each date apart);
    else one after it marks it ("12.03.2024 14:20 Комментарии [3]"). Alone: nothing else
    on its line but punctuation."""
    line_end = text.find("\n", m.end)
    line_end = len(text) if line_end < 0 else line_end
    before = _lower(text[max(text.rfind("\n", 0, m.start) + 1, m.start - 25):m.start])
    after = text[m.end:min(m.end + 25, line_end)]
    label = next(reversed(list(g.marker.finditer(before))), None)  # the nearest before it
    if label is not None:
        updated = bool(g.update_marker.fullmatch(before, label.start(), label.end()))
        return not updated, updated, False
    alone = not before.strip() and not text[m.end:line_end].strip(" \t\u00a0.,|·•—–-")
    return bool(g.marker.search(_lower(after))), False, alone


def _seen(g: _Grammar, text: str, mentions: list[DateMention],
          span: tuple[int, int] | None) -> Iterator[_Seen]:
    a0, a1 = span or (0, len(text))
    listed = _related_runs(text, mentions)
    labels = [_labels(g, text, m) for m in mentions]
    # the stamp that ends the article: the first timestamp, labelled date, or date alone on
    # its line right after the article's text ("Дата публикации: 5 марта 2024", "12.03.2024")
    tail = next((m for m, (marked, updated, alone) in zip(mentions, labels, strict=True)
                 if a1 <= m.start <= a1 + EDGE and (m.has_time or marked or updated or alone)),
                None)
    for i, m in enumerate(mentions):
        marked, updated, alone = labels[i]
        yield _Seen(
            mention=m,
            header=m.start < HEADER_ZONE and not m.has_time and bool(
                g.weekday_at.match(_lower(text[m.start:m.start + 16]))),
            marked=marked,
            updated=updated,
            listed=i in listed,
            outside=span is not None and (m.start < a0 - EDGE or (
                m.start >= a1 and m is not tail)),
            near_edge=a0 - EDGE <= m.start <= a0 + EDGE or m is tail,
            tail=m is tail,
            head=span is not None and m.end <= a0 and not text[m.end:a0].strip(),
            alone=alone,
            inside=a0 <= m.start < a1,
        )


def _never(s: _Seen, reference: date | None, written: list[int]) -> bool:
    """Datelines that are not the document's whatever their rank: related-news
    items, dates outside the article, relative dates with nothing to read them
    against, and a year-less day in an article whose written years are older."""
    m = s.mention
    if (s.listed and not (s.marked or s.updated or s.tail or s.head)) or (
            s.outside and not s.header):
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


# --- 4. the date in an article's address ------------------------------------
# A full date as a path's own segments or one segment of its own, digits not touching
# other digits: /2021/12/10/, /2025-08-18/, /20180819/, /2019_06_22-title. Ids such as
# /55590319-... or /304619_... are no date (year 5559, month 46); a year and month alone
# (/2022/april/) is left to the text.
_URL_DATE = re.compile(
    r"(?<![0-9])((?:19|20)[0-9]{2})([/_-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12][0-9]|3[01])(?![0-9])")


def date_in_url(url: str | None, reference: date | None = None) -> date | None:
    """The publication day an article's URL states, if it states one: a publisher's own
    record, as good as a manifest's date. Only the path is read (a query string's dates
    are often a calendar's or a search's), and a day after `reference` ("today") is no
    publication date."""
    if not url:
        return None
    path = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/]*", "", url).split("?")[0].split("#")[0]
    for m in _URL_DATE.finditer(path):
        if m.start() > 0 and path[m.start() - 1] not in "/_-" and m.group(2) == "":
            continue  # eight digits inside a longer token (an id ending "…x20180819")
        try:
            d = date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        except ValueError:  # 2019-02-30
            continue
        if reference is None or d <= reference:
            return d
    return None
