"""The questions the dashboard asks the database, each one SQL with bound parameters.

Reads the tables of etl/schema.sql through `db.query` (read-only, cached per file
version). Every value that comes from a user or the URL is a `?` parameter.
A scope is a pair, a date range and the sidebar's filters (metric, kind, language,
source, confidence); facts whose date is unknown stay in every range so that nothing
the ETL found disappears from view. Rejected facts (the Review page) are hidden from
every chart and table except Review's own.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from dyad.db import query

REVIEW_THRESHOLD = 0.6  # facts less sure than this are listed "to review" on Sources
COOPERATION = ("joint_ventures", "flights_per_week", "investment_portfolio")
METRICS = ("trade_turnover", "joint_ventures", "flights_per_week", "documents_signed",
           "investment_portfolio")
KINDS = ("actual", "forecast", "target")

# The outlet an article came from: its URL's host, else its file name.
OUTLET = (r"coalesce(nullif(regexp_extract(d.url, '^[A-Za-z]+://(?:www\.)?([^/:?#]+)', 1), ''),"
          " d.source)")


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


def pairs() -> list[str]:
    """Every pair with a fact or a signed document, the best covered first."""
    return query("SELECT pair FROM agg_pairs ORDER BY n DESC, pair")["pair"].tolist()


def date_bounds() -> tuple[date, date]:
    """The first and last dated fact or signed document (today when there is none)."""
    df = query("SELECT lo, hi FROM agg_bounds")
    lo, hi = (df.iloc[0]["lo"], df.iloc[0]["hi"]) if len(df) else (None, None)
    if pd.isna(lo) or pd.isna(hi):
        today = date.today()
        return today, today
    return pd.Timestamp(lo).date(), pd.Timestamp(hi).date()


def options() -> dict[str, list[str]]:
    """The values the sidebar's filters offer: languages and sources in the database."""
    df = query("SELECT what, value FROM agg_options "
               "ORDER BY what, CASE what WHEN 'lang' THEN 0 ELSE -n END, value")
    return {w: df.loc[df["what"] == w, "value"].tolist() for w in ("lang", "source")}


PAGE = 100        # rows of a paged list (Sources, Review, the tables under charts)
MAX_ROWS = 1000   # the most rows any one query returns (the newest first)
POINTS = 1000     # a chart plots each fact up to this many; past it, one point per month


def _filters(scope: Scope, metrics: tuple[str, ...] | None = None,
             f: str = "f") -> tuple[str, list[object]]:
    """SQL conditions on facts (alias `f`) for the scope's filters; language and source
    are asked of the documents in a semi-join, so that no query joins a whole pair."""
    sql, params = "", list[object]()
    for column, values in ((f"{f}.metric", metrics or scope.metrics), (f"{f}.kind", scope.kinds)):
        if values:
            sql += f" AND list_contains(?::VARCHAR[], {column})"
            params.append(tuple(values))
    if metrics and scope.metrics:  # a page's own metrics, narrowed by the sidebar's
        sql += f" AND list_contains(?::VARCHAR[], {f}.metric)"
        params.append(tuple(scope.metrics))
    if scope.min_confidence > 0:
        sql += f" AND {f}.confidence >= ?"
        params.append(scope.min_confidence)
    docs = [(c, v) for c, v in (("a.lang", scope.langs), ("a.outlet", scope.outlets)) if v]
    if docs:  # the pair's articles in that language / from that source (etl/aggregate.py)
        sql += (f" AND {f}.doc_id IN (SELECT a.doc_id FROM agg_doc_pairs a"
                f" WHERE a.pair = {f}.pair AND "
                + " AND ".join(f"list_contains(?::VARCHAR[], {c})" for c, _ in docs) + ")")
        params += [tuple(v) for _, v in docs]
    return sql, params


_FACT_COLUMNS = """f.fact_id, f.doc_id, f.pair, f.metric, f.kind, f.value, f.unit, f.qualifier,
       f.date, f.date_precision, f.period, f.target_year, f.start, f."end",
       f.confidence, f.block, f.status, f.reviewed_by, f.reviewed_at, f.review_note"""
_DOC_COLUMNS = ["source", "title", "url", "lang", "outlet"]
_IN_RANGE = "(f.date BETWEEN ? AND ? OR f.date IS NULL)"
_NEWEST = " ORDER BY f.date DESC NULLS LAST, f.metric, f.kind, f.start, f.fact_id"


def _enrich(df: pd.DataFrame, evidence: bool = True) -> pd.DataFrame:
    """Fact rows with their evidence and their article's source, title, url, language and
    outlet, looked up for these rows only (primary-key lookups, not a join of the pair)."""
    df = df.reset_index(drop=True)
    if "evidence" not in df and not evidence:
        df["evidence"] = None
    if "evidence" not in df:
        ids = tuple(sorted(set(df["fact_id"])))
        ev = query("SELECT fact_id, evidence FROM evidence "
                   "WHERE list_contains(?::VARCHAR[], fact_id)", [ids]) if ids else None
        by_id = dict(zip(ev["fact_id"], ev["evidence"], strict=True)) if ev is not None else {}
        df["evidence"] = df["fact_id"].map(by_id)
    if "source" not in df:
        docs = tuple(sorted(set(df["doc_id"])))
        d = query(f"SELECT d.doc_id, d.source, d.title, d.url, d.lang, {OUTLET} AS outlet "
                  "FROM documents d WHERE list_contains(?::VARCHAR[], d.doc_id)",
                  [docs]) if docs else pd.DataFrame(columns=["doc_id", *_DOC_COLUMNS])
        df = df.merge(d, on="doc_id", how="left")
    return df


def _whole_months(scope: Scope) -> bool:
    """True when the range holds whole months of the data: the monthly aggregates answer."""
    lo, hi = date_bounds()
    return ((scope.start <= lo or scope.start.day == 1)
            and (scope.end >= hi or (scope.end + timedelta(days=1)).day == 1))


def aggregated(scope: Scope) -> bool:
    """Whether `agg_months` answers for the scope: its filters are columns of it (metric,
    kind) and the range is whole months. Else queries aggregate the facts in SQL."""
    return not (scope.langs or scope.outlets or scope.min_confidence > 0) and _whole_months(scope)


def _months(scope: Scope, metrics: tuple[str, ...] | None = None,
            pair: str | None = None) -> tuple[str, list[object]]:
    """SQL of the month rows (agg_months' columns) of a pair in the scope: read from
    agg_months when it answers, else the same aggregation over the filtered facts."""
    if aggregated(scope):
        where, params = _filters(scope, metrics, f="m")
        return ("SELECT * FROM agg_months m WHERE m.pair = ? AND (m.month BETWEEN "
                "date_trunc('month', ?::DATE) AND ? OR m.month IS NULL)" + where,
                [pair or scope.pair, scope.start, scope.end, *params])
    where, params = _filters(scope, metrics)
    return (f"""SELECT {_FACT_COLUMNS}, date_trunc('month', f.date)::DATE AS month,
                   count(*) OVER w AS n, min(f.value) OVER w AS min_value,
                   max(f.value) OVER w AS max_value
            FROM facts f
            WHERE f.pair = ? AND {_IN_RANGE} AND f.status <> 'rejected' {where}
            WINDOW w AS (PARTITION BY f.metric, f.kind, date_trunc('month', f.date))
            QUALIFY row_number() OVER (w ORDER BY f.date DESC NULLS LAST,
                                       f.confidence DESC, f.fact_id) = 1""",
            [pair or scope.pair, scope.start, scope.end, *params])


def count_facts(scope: Scope, metrics: tuple[str, ...] | None = None,
                pair: str | None = None) -> int:
    """How many facts `facts` would list without a limit."""
    if aggregated(scope):
        sql, params = _months(scope, metrics, pair)
        df = query(f"SELECT coalesce(sum(n), 0) AS n FROM ({sql})", params)
    else:
        where, params = _filters(scope, metrics)
        df = query(f"SELECT count(*) AS n FROM facts f WHERE f.pair = ? AND {_IN_RANGE}"
                   f" AND f.status <> 'rejected' {where}",
                   [pair or scope.pair, scope.start, scope.end, *params])
    return int(df["n"].iloc[0])


def facts(scope: Scope, metrics: tuple[str, ...] | None = None, pair: str | None = None,
          limit: int = MAX_ROWS, offset: int = 0, evidence: bool = True) -> pd.DataFrame:
    """One page of the pair's facts in the range, newest first, with evidence (unless
    `evidence` is False: None) and source: at most `limit` rows from `offset`
    (`count_facts` says how many there are)."""
    where, params = _filters(scope, metrics)
    limit = min(limit, MAX_ROWS)
    since, since_params = _since(scope, metrics, pair, offset + limit)
    df = query(f"SELECT {_FACT_COLUMNS} FROM facts f WHERE f.pair = ? AND {_IN_RANGE}"
               f" AND f.status <> 'rejected' {where}{since}{_NEWEST} LIMIT ? OFFSET ?",
               [pair or scope.pair, scope.start, scope.end, *params, *since_params, limit,
                offset])
    return _enrich(df, evidence)


def _since(scope: Scope, metrics: tuple[str, ...] | None, pair: str | None,
           rows: int) -> tuple[str, list[object]]:
    """A condition keeping the newest months that hold the first `rows` facts newest first
    (counted in agg_months): with the facts sorted by (pair, metric, date), DuckDB's zone
    maps then skip the older blocks instead of sorting the whole pair. Empty when the
    aggregates do not answer or when the undated facts (listed last) are needed too."""
    if not aggregated(scope) or rows <= 0:
        return "", []
    sql, params = _months(scope, metrics, pair)
    df = query(f"""SELECT min(month) FILTER (WHERE before < ?) AS since,
                          coalesce(max(upto), 0) AS dated FROM (
                       SELECT month, sum(n) OVER w - n AS before, sum(n) OVER w AS upto
                       FROM (SELECT month, sum(n) AS n FROM ({sql}) WHERE month IS NOT NULL
                             GROUP BY month)
                       WINDOW w AS (ORDER BY month DESC ROWS UNBOUNDED PRECEDING)
                   )""", [rows, *params])
    if df.empty or pd.isna(df["since"].iloc[0]) or int(df["dated"].iloc[0]) < rows:
        return "", []
    return " AND f.date >= ?", [pd.Timestamp(df["since"].iloc[0]).date()]


def facts_csv(scope: Scope, metrics: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Every fact `facts` pages through, in one query: what a paged table's CSV holds.
    Only run when the download is asked for, never in a page's script run."""
    where, params = _filters(scope, metrics)
    return query(f"""SELECT {_FACT_COLUMNS}, e.evidence, d.source, d.title, d.url, d.lang,
                            {OUTLET} AS outlet
                     FROM facts f LEFT JOIN evidence e USING (fact_id)
                     LEFT JOIN documents d USING (doc_id)
                     WHERE f.pair = ? AND {_IN_RANGE} AND f.status <> 'rejected' {where}
                     {_NEWEST}""", [scope.pair, scope.start, scope.end, *params])


def series(scope: Scope, metrics: tuple[str, ...], pair: str | None = None) -> pd.DataFrame:
    """What a chart over time plots, oldest first: each fact while there are at most
    POINTS of them, else one row per (metric, kind, month): the month's newest fact with
    `n`, `min_value` and `max_value` of the month. Either way fact columns and source."""
    sql, params = _months(scope, metrics, pair)
    months = query(f"SELECT * FROM ({sql}) ORDER BY month NULLS FIRST, metric, kind", params)
    if int(months["n"].sum()) <= POINTS:
        df = facts(scope, metrics, pair, limit=POINTS)
        return df.iloc[::-1].reset_index(drop=True)
    return _enrich(months, evidence="documents_signed" in metrics)  # events list theirs


def facts_of_pairs(scope: Scope, pairs_: tuple[str, ...],
                   metrics: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Like `facts` for several pairs at once (Targets): each pair's newest MAX_ROWS."""
    frames = [facts(scope, metrics, pair=p) for p in pairs_]
    frames = [f for f in frames if len(f)]
    return (pd.concat(frames, ignore_index=True) if frames else facts(scope, metrics, pairs_[0])
            ).sort_values(["pair", "date", "metric", "kind"], na_position="last")


def series_of_pairs(scope: Scope, pairs_: tuple[str, ...],
                    metrics: tuple[str, ...]) -> pd.DataFrame:
    """`series` of several pairs (Compare)."""
    frames = [series(scope, metrics, pair=p) for p in pairs_]
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else series(scope, metrics, pairs_[0])


def latest(scope: Scope) -> pd.DataFrame:
    """The newest fact of each (metric, kind); among same-day facts the surest."""
    if aggregated(scope):
        sql, params = _months(scope)
    else:  # the newest per (metric, kind) straight from the facts: no month window needed
        where, params = _filters(scope)
        sql = (f"SELECT {_FACT_COLUMNS} FROM facts f WHERE f.pair = ? AND {_IN_RANGE}"
               f" AND f.status <> 'rejected' {where}")
        params = [*scope.params, *params]
    newest = f"""SELECT m.fact_id FROM ({sql}) m
                  QUALIFY row_number() OVER (
                      PARTITION BY m.metric, m.kind
                      ORDER BY m.date DESC NULLS LAST, m.confidence DESC, m.fact_id) = 1"""
    if aggregated(scope):  # the ids from narrow columns, then only their rows' texts
        ids = tuple(query(newest, params)["fact_id"])
        df = query(f"SELECT * FROM ({sql}) m WHERE list_contains(?::VARCHAR[], m.fact_id)"
                   " ORDER BY m.metric, m.kind", [*params, ids])
    else:
        df = query(f"""SELECT * FROM ({sql}) m
                       QUALIFY row_number() OVER (
                           PARTITION BY m.metric, m.kind
                           ORDER BY m.date DESC NULLS LAST, m.confidence DESC, m.fact_id) = 1
                       ORDER BY m.metric, m.kind""", params)
    return _enrich(df)


def _unsure(scope: Scope, threshold: float) -> tuple[str, list[object]]:
    """FROM and WHERE of the scope's facts less sure than `threshold`: from agg_review (the
    facts under REVIEW_THRESHOLD sorted by pair and confidence, etl/aggregate.py) when it
    holds them all, else from `facts`."""
    where, params = _filters(scope)
    table = "agg_review" if threshold <= REVIEW_THRESHOLD else "facts"
    status = "" if table == "agg_review" else " AND f.status <> 'rejected'"
    return (f"FROM {table} f WHERE f.pair = ? AND {_IN_RANGE}{status} {where}"
            " AND f.confidence < ?", [*scope.params, *params, threshold])


def to_review(scope: Scope, threshold: float = REVIEW_THRESHOLD,
              limit: int = PAGE) -> pd.DataFrame:
    """The least sure facts under the threshold, at most `limit` of them."""
    sql, params = _unsure(scope, threshold)
    ids = query(f"SELECT f.fact_id {sql} ORDER BY f.confidence, f.date DESC NULLS LAST,"
                " f.fact_id LIMIT ?", [*params, min(limit, MAX_ROWS)])["fact_id"]
    df = query(f"SELECT {_FACT_COLUMNS} FROM facts f WHERE list_contains(?::VARCHAR[], f.fact_id)",
               [tuple(ids)])
    order = {fid: i for i, fid in enumerate(ids)}
    df = df.sort_values("fact_id", key=lambda s: s.map(order)).reset_index(drop=True)
    return _enrich(df)


def count_to_review(scope: Scope, threshold: float = REVIEW_THRESHOLD) -> int:
    sql, params = _unsure(scope, threshold)
    return int(query(f"SELECT count(*) AS n {sql}", params)["n"].iloc[0])


def _review_where(scope: Scope | None, sources: tuple[str, ...]) -> tuple[str, list[object]]:
    if sources:
        return ("f.doc_id IN (SELECT doc_id FROM documents WHERE "
                "list_contains(?::VARCHAR[], source))", [tuple(sources)])
    assert scope is not None
    where, params = _filters(scope)
    return f"f.pair = ? AND {_IN_RANGE}" + where, scope.params + params


def review_facts(scope: Scope | None = None, sources: tuple[str, ...] = (),
                 limit: int = PAGE, offset: int = 0) -> pd.DataFrame:
    """One page of facts for the Review page, rejected ones included: the scope's pair and
    range, or every fact of the documents stored under `sources` (the files just uploaded)."""
    where, params = _review_where(scope, sources)
    order = " ORDER BY f.doc_id, f.start, f.fact_id" if sources else _NEWEST
    limit = min(limit, MAX_ROWS)
    if scope is not None and not sources:  # rejected facts only add rows past the cutoff
        since, since_params = _since(scope, None, None, offset + limit)
        where, params = where + since, [*params, *since_params]
    df = _enrich(query(f"SELECT {_FACT_COLUMNS} FROM facts f WHERE {where}{order} LIMIT ? "
                       "OFFSET ?", [*params, limit, offset]))
    return df.sort_values(["source", "start"], kind="stable") if sources else df


def review_facts_csv(scope: Scope | None = None, sources: tuple[str, ...] = ()) -> pd.DataFrame:
    """Every fact `review_facts` pages through, in one query (the Review table's CSV)."""
    where, params = _review_where(scope, sources)
    order = " ORDER BY d.source, f.start, f.fact_id" if sources else _NEWEST
    return query(f"""SELECT {_FACT_COLUMNS}, e.evidence, d.source, d.title, d.url, d.lang,
                            {OUTLET} AS outlet
                     FROM facts f LEFT JOIN evidence e USING (fact_id)
                     LEFT JOIN documents d USING (doc_id) WHERE {where}{order}""", params)


def count_review_facts(scope: Scope | None = None, sources: tuple[str, ...] = ()) -> int:
    where, params = _review_where(scope, sources)
    return int(query(f"SELECT count(*) AS n FROM facts f WHERE {where}", params)["n"].iloc[0])


def fact(fact_id: str) -> pd.Series | None:
    df = query(f"SELECT {_FACT_COLUMNS} FROM facts f WHERE f.fact_id = ?", [fact_id])
    return None if df.empty else _enrich(df).iloc[0]


_SIGNED = """
    FROM agg_signed s
    WHERE s.pair = ? AND (s.date BETWEEN ? AND ? OR s.date IS NULL)
"""


def signed_documents(scope: Scope, pair: str | None = None, limit: int | None = MAX_ROWS,
                     offset: int = 0) -> pd.DataFrame:
    """Documents signed at the pair's events, the newest events first, at most `limit`
    (None: every one, for a CSV download only)."""
    return query("""
        SELECT s.doc_id, s.seq, s.title, s.doc_type, s.sector, s.date, s.start, s."end",
               s.source, s.article, s.url""" + _SIGNED + """
        ORDER BY s.date DESC NULLS LAST, s.doc_id, s.seq LIMIT ? OFFSET ?
    """, [pair or scope.pair, scope.start, scope.end,
          None if limit is None else min(limit, MAX_ROWS), offset])


def count_signed(scope: Scope) -> int:
    return int(query("SELECT count(*) AS n" + _SIGNED, scope.params)["n"].iloc[0])


def signed_tally(scope: Scope, column: str) -> pd.DataFrame:
    """Signed documents per doc_type or sector (`column`), most first: (value, n)."""
    assert column in ("doc_type", "sector")
    return query(f"SELECT s.{column} AS value, count(*) AS n" + _SIGNED
                 + " GROUP BY value ORDER BY n DESC, value", scope.params)


def document_texts(doc_ids: tuple[str, ...]) -> dict[str, str]:
    """The cleaned texts the facts' offsets point into, in one query."""
    df = query("SELECT doc_id, text FROM document_texts WHERE list_contains(?::VARCHAR[], doc_id)",
               [tuple(sorted(set(doc_ids)))])
    return dict(zip(df["doc_id"], df["text"], strict=True))


def rejected_files() -> pd.DataFrame:
    return query("SELECT source, reason FROM rejected_files ORDER BY source")


def orphaned_corrections() -> pd.DataFrame:
    return query("SELECT fact_id FROM orphaned_corrections ORDER BY fact_id")


def build_info() -> dict[str, str]:
    df = query("SELECT key, value FROM build_info")
    return dict(zip(df["key"], df["value"], strict=True))


# --- several pairs: Compare, Timeline -------------------------------------------------

_DOC_PAIRS = """
    SELECT doc_id, pair FROM documents WHERE pair IS NOT NULL
    UNION SELECT doc_id, pair FROM facts WHERE status <> 'rejected'
    UNION SELECT doc_id, pair FROM signed_documents
"""


def pair_summary(scope: Scope) -> pd.DataFrame:
    """Per pair in the range: documents signed (each event counted once, at the largest
    figure reported for it) and the latest actual trade turnover."""
    if _whole_months(scope):
        trade = """SELECT pair, value AS latest_trade, date AS trade_date, confidence
                   FROM agg_months
                   WHERE metric = 'trade_turnover' AND kind = 'actual'
                     AND (month BETWEEN date_trunc('month', ?::DATE) AND ? OR month IS NULL)"""
    else:
        trade = """SELECT pair, value AS latest_trade, date AS trade_date, confidence FROM facts
                   WHERE metric = 'trade_turnover' AND kind = 'actual' AND status <> 'rejected'
                     AND (date BETWEEN ? AND ? OR date IS NULL)"""
    return query(f"""
        WITH docs AS (
            SELECT pair, sum(n) AS documents_signed FROM agg_events
            WHERE date BETWEEN ? AND ? OR date IS NULL GROUP BY pair
        ), trade AS (
            {trade}
            QUALIFY row_number() OVER (PARTITION BY pair
                                       ORDER BY trade_date DESC NULLS LAST,
                                                confidence DESC) = 1
        )
        SELECT p.pair, split_part(p.pair, '-', 1) AS country_a,
               split_part(p.pair, '-', 2) AS country_b,
               coalesce(docs.documents_signed, 0) AS documents_signed,
               trade.latest_trade, trade.trade_date
        FROM agg_pairs p LEFT JOIN docs USING (pair) LEFT JOIN trade USING (pair)
        ORDER BY p.pair
    """, [scope.start, scope.end, scope.start, scope.end])


def coverage(scope: Scope, pairs_: tuple[str, ...]) -> pd.DataFrame:
    """Articles per pair, month, language and source (outlet) in the range."""
    if _whole_months(scope):
        sql = """SELECT pair, month, lang, outlet, articles FROM agg_coverage
                 WHERE list_contains(?::VARCHAR[], pair)
                   AND month BETWEEN date_trunc('month', ?::DATE) AND ?"""
        params: list[object] = [tuple(pairs_), scope.start, scope.end]
        for column, values in (("lang", scope.langs), ("outlet", scope.outlets)):
            if values:
                sql += f" AND list_contains(?::VARCHAR[], {column})"
                params.append(tuple(values))
        return query(sql + " ORDER BY month, pair, lang, outlet", params)
    sql = f"""
        SELECT dp.pair, date_trunc('month', d.date) AS month,
               coalesce(d.lang, '?') AS lang, {OUTLET} AS outlet, count(*) AS articles
        FROM ({_DOC_PAIRS}) dp JOIN documents d USING (doc_id)
        WHERE list_contains(?::VARCHAR[], dp.pair) AND d.date BETWEEN ? AND ?
    """
    params = [tuple(pairs_), scope.start, scope.end]
    for column, values in (("d.lang", scope.langs), (OUTLET, scope.outlets)):
        if values:
            sql += f" AND list_contains(?::VARCHAR[], {column})"
            params.append(tuple(values))
    return query(sql + " GROUP BY ALL ORDER BY month, dp.pair, lang, outlet", params)


def _docs_since(scope: Scope, rows: int) -> tuple[str, list[object]]:
    """A condition keeping the newest months that hold the pair's newest `rows` dated
    articles (counted in agg_coverage, which counts agg_doc_pairs' dated rows): agg_doc_pairs
    is sorted by (pair, date), so zone maps skip the older blocks instead of sorting every
    article of the pair (1.3 M for the best-covered pair at 10 M facts: 45-55 ms).
    Empty unless the range is whole months (the counts are per month)."""
    if not _whole_months(scope) or rows <= 0:
        return "", []
    sql = ("SELECT month, sum(articles) AS n FROM agg_coverage WHERE pair = ?"
           " AND month BETWEEN date_trunc('month', ?::DATE) AND ?")
    params: list[object] = scope.params
    for column, values in (("lang", scope.langs), ("outlet", scope.outlets)):
        if values:
            sql += f" AND list_contains(?::VARCHAR[], {column})"
            params = [*params, tuple(values)]
    df = query(f"""SELECT min(month) AS since, max(upto) AS dated FROM (
                       SELECT month, sum(n) OVER w - n AS before, sum(n) OVER w AS upto
                       FROM ({sql} GROUP BY month)
                       WINDOW w AS (ORDER BY month DESC ROWS UNBOUNDED PRECEDING)
                   ) WHERE before < ?""", [*params, rows])
    if df.empty or pd.isna(df["since"].iloc[0]) or int(df["dated"].iloc[0]) < rows:
        return "", []
    return " AND (a.date >= ? OR a.date IS NULL)", [pd.Timestamp(df["since"].iloc[0]).date()]


HEAD = 1500  # the characters of an article's text read for what kind of event it reports


def documents_of_pair(scope: Scope, limit: int = MAX_ROWS,
                      events: Sequence[tuple[str, str]] = ()) -> pd.DataFrame:
    """The pair's articles in the range (Timeline: one event per date): the newest
    `limit`, oldest first. `events`: (kind, regular expression) pairs; each adds a column
    `event_<kind>`, whether the first HEAD characters of the text match it (case-blind),
    asked of the database so that the texts stay there."""
    sql = """SELECT a.doc_id FROM agg_doc_pairs a
             WHERE a.pair = ? AND (a.date BETWEEN ? AND ? OR a.date IS NULL)"""
    params: list[object] = scope.params
    for column, values in (("a.lang", scope.langs), ("a.outlet", scope.outlets)):
        if values:
            sql += f" AND list_contains(?::VARCHAR[], {column})"
            params = [*params, tuple(values)]
    since, since_params = _docs_since(scope, min(limit, MAX_ROWS))
    ids = tuple(query(sql + since + " ORDER BY a.date DESC NULLS FIRST, a.doc_id DESC LIMIT ?",
                      [*params, *since_params, min(limit, MAX_ROWS)])["doc_id"])
    # two primary-key lookups, not one join: each a scan of one narrow column
    df = query(f"""SELECT d.doc_id, d.source, d.url, d.title, d.lang, d.date, d.date_precision,
                          {OUTLET} AS outlet
                   FROM documents d WHERE list_contains(?::VARCHAR[], d.doc_id)
                   ORDER BY d.date NULLS LAST, d.source""", [ids])
    if events:
        flags = ", ".join(f"regexp_matches(left(t.text, {HEAD}), ?) AS \"event_{kind}\""
                          for kind, _ in events)
        kinds = query(f"SELECT t.doc_id, {flags} FROM document_texts t "
                      "WHERE list_contains(?::VARCHAR[], t.doc_id)",
                      [*(f"(?i){words}" for _, words in events), ids])
        df = df.merge(kinds, on="doc_id", how="left")
        for kind, _ in events:
            df[f"event_{kind}"] = df[f"event_{kind}"].fillna(False).astype(bool)
    return df
