"""What every question about a pair's facts shares: the scope the sidebar selects, the limits
of a list, the scope's filters as SQL, and its date range as the monthly aggregates see it.

A scope is a pair, a date range and the sidebar's filters (metric, kind, language, source,
confidence); facts whose date is unknown stay in every range so that nothing the ETL found
disappears from view. The tables read here (etl/aggregate.py's `agg_facts`, `agg_slices`,
`agg_unsure`) carry each fact's language, outlet and confidence, so every filter is a
condition on the table read, never a join.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dyad.queries.meta import date_bounds

REVIEW_THRESHOLD = 0.6  # facts less sure than this are listed "to review" on Sources
COOPERATION = ("joint_ventures", "flights_per_week", "investment_portfolio")
METRICS = ("trade_turnover", "joint_ventures", "flights_per_week", "documents_signed",
           "investment_portfolio")
KINDS = ("actual", "forecast", "target")
CONFIDENCE_STEPS = 20  # as etl/aggregate.py: agg_slices' confidence steps (the slider's 0.05)

# The outlet an article came from: its URL's host, else its file name.
OUTLET = (r"coalesce(nullif(regexp_extract(d.url, '^[A-Za-z]+://(?:www\.)?([^/:?#]+)', 1), ''),"
          " d.source)")

PAGE = 100        # rows of a paged list (Sources, Review, the tables under charts)
MAX_ROWS = 1000   # the most rows any one query returns (the newest first)
POINTS = 1000     # a chart plots each fact up to this many; past it, one point per month

FACT_COLUMNS = """f.fact_id, f.doc_id, f.pair, f.metric, f.kind, f.value, f.unit, f.qualifier,
       f.date, f.date_precision, f.period, f.target_year, f.start, f."end",
       f.confidence, f.block, f.status, f.reviewed_by, f.reviewed_at, f.review_note"""
DOC_COLUMNS = ["source", "title", "url", "lang", "outlet"]
# a fact row as the pages get it: the fact, its evidence, its article (agg_facts `f`)
ROW_COLUMNS = f"{FACT_COLUMNS}, f.evidence, f.source, f.title, f.url, f.lang, f.outlet"
IN_RANGE = "(f.date BETWEEN ? AND ? OR f.date IS NULL)"
NEWEST = " ORDER BY f.date DESC NULLS LAST, f.metric, f.kind, f.start, f.fact_id"


@dataclass(frozen=True)
class Scope:
    """What the sidebar selects. Empty tuples mean "all"."""
    pair: str
    start: date
    end: date
    metrics: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    min_confidence: float = 0.0
    pairs: tuple[str, ...] = ()  # pairs to compare with `pair`

    @property
    def params(self) -> list[object]:
        return [self.pair, self.start, self.end]

    @property
    def all_pairs(self) -> tuple[str, ...]:
        return (self.pair, *[p for p in self.pairs if p != self.pair])

    @property
    def narrowed(self) -> bool:
        """Whether a filter besides metric and kind is set (what agg_months has no column of)."""
        return bool(self.langs or self.outlets or self.min_confidence > 0)


def filters(scope: Scope, metrics: tuple[str, ...] | None = None, f: str = "f",
            confidence: bool = True, kinds: bool = True) -> tuple[str, list[object]]:
    """SQL conditions (each starting with AND) on a table (alias `f`) with the columns
    metric, kind, lang, outlet and confidence for the scope's filters: `metrics` are a
    page's own, narrowed by the sidebar's. `confidence=False` leaves the minimum confidence
    to the caller (agg_slices asks it of its steps)."""
    sql, params = "", list[object]()
    for column, values in ((f"{f}.metric", metrics or scope.metrics),
                           (f"{f}.kind", scope.kinds if kinds else ()),
                           (f"{f}.lang", scope.langs), (f"{f}.outlet", scope.outlets)):
        if values:
            sql += f" AND list_contains(?::VARCHAR[], {column})"
            params.append(tuple(values))
    if metrics and scope.metrics:  # a page's own metrics, narrowed by the sidebar's
        sql += f" AND list_contains(?::VARCHAR[], {f}.metric)"
        params.append(tuple(scope.metrics))
    if confidence and scope.min_confidence > 0:
        sql += f" AND {f}.confidence >= ?"
        params.append(scope.min_confidence)
    return sql, params


def confidence_step(minimum: float) -> tuple[int, float | None]:
    """(k, bound) for a minimum confidence: the facts of confidence step k and up (at least
    k / CONFIDENCE_STEPS sure: agg_slices' rows with k in lo..hi) are at least that sure;
    when the minimum is not a step the facts from it up to `bound` (the next step, k) are
    in step k - 1 with less sure ones, and must be read from agg_facts. `bound` is None
    when the minimum is a step."""
    if minimum <= 0:
        return 0, None
    k = round(minimum * CONFIDENCE_STEPS)
    if k / CONFIDENCE_STEPS == minimum:
        return k, None
    below = int(minimum * CONFIDENCE_STEPS)  # the step the minimum falls in
    while below / CONFIDENCE_STEPS > minimum:  # a product that rounded up
        below -= 1
    while (below + 1) / CONFIDENCE_STEPS <= minimum:
        below += 1
    return below + 1, (below + 1) / CONFIDENCE_STEPS


def _month(d: date) -> date:
    return d.replace(day=1)


def _next_month(d: date) -> date:
    return (d.replace(day=1) + timedelta(days=32)).replace(day=1)


@dataclass(frozen=True)
class Months:
    """A date range as the monthly aggregates see it: the whole months in it (`first` to
    `last`, month starts; None when there is none) and the part months at either end as
    date ranges (`parts`), which are counted from the facts themselves. A month is whole
    when the part of it that holds data (`date_bounds`) is in the range."""
    first: date | None
    last: date | None
    parts: tuple[tuple[date, date], ...]

    @property
    def whole(self) -> bool:
        return not self.parts

    def slices(self, m: str) -> tuple[str, list[object]]:
        """The condition on a month column `m` keeping the whole months and undated facts."""
        if self.first is None or self.last is None:
            return f"{m} IS NULL", []
        return f"({m} BETWEEN ? AND ? OR {m} IS NULL)", [self.first, self.last]

    def whole_dates(self, column: str) -> tuple[str, list[object]]:
        """The condition on a date column keeping the whole months' days and unknown dates."""
        if self.first is None or self.last is None:
            return f"{column} IS NULL", []
        return (f"({column} BETWEEN ? AND ? OR {column} IS NULL)",
                [self.first, _next_month(self.last) - timedelta(days=1)])

    def dated(self, column: str) -> tuple[str, list[object]]:
        """The condition on a date column keeping the part months' days (FALSE if none)."""
        if not self.parts:
            return "FALSE", []
        return ("(" + " OR ".join(f"{column} BETWEEN ? AND ?" for _ in self.parts) + ")",
                [d for part in self.parts for d in part])


def months(scope: Scope) -> Months:
    """The scope's date range in whole months and part months."""
    lo, hi = date_bounds()
    start, end = scope.start, scope.end
    if start > end:
        return Months(None, None, ())
    first = _month(start) if start <= lo or start.day == 1 else _next_month(start)
    last = (_month(end) if end >= hi or (end + timedelta(days=1)).day == 1
            else _month(_month(end) - timedelta(days=1)))
    if first > last:  # no whole month: one or two part months
        if _month(start) == _month(end):
            return Months(None, None, ((start, end),))
        return Months(None, None, ((start, _next_month(start) - timedelta(days=1)),
                                   (_month(end), end)))
    parts = []
    if first != _month(start):
        parts.append((start, first - timedelta(days=1)))
    if last != _month(end):
        parts.append((_next_month(last), end))
    return Months(first, last, tuple(parts))


def whole_months(scope: Scope) -> bool:
    """True when the range holds whole months of the data: the monthly aggregates answer."""
    return months(scope).whole


def aggregated(scope: Scope) -> bool:
    """Whether `agg_months` answers for the scope alone: its filters are columns of it
    (metric, kind) and the range is whole months. Else the month rows are combined from
    agg_slices, and the part months at the ends counted from agg_facts."""
    return not scope.narrowed and whole_months(scope)
