"""The questions the dashboard asks the database, each one SQL with bound parameters.

Reads the tables of etl/schema.sql through `db.query` (read-only, cached per file
version). Every value that comes from a user or the URL is a `?` parameter.
A scope is a pair, a date range and the sidebar's filters (metric, kind, language,
source, confidence); facts whose date is unknown stay in every range so that nothing
the ETL found disappears from view. Rejected facts (the Review page) are hidden from
every chart and table except Review's own.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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


def _filters(scope: Scope, metrics: tuple[str, ...] | None = None) -> tuple[str, list[object]]:
    """SQL conditions (on facts f joined with documents d) for the scope's filters."""
    sql, params = "", list[object]()
    for column, values in (("f.metric", metrics or scope.metrics), ("f.kind", scope.kinds),
                           ("d.lang", scope.langs), (OUTLET, scope.outlets)):
        if values:
            sql += f" AND list_contains(?::VARCHAR[], {column})"
            params.append(tuple(values))
    if metrics and scope.metrics:  # a page's own metrics, narrowed by the sidebar's
        sql += " AND list_contains(?::VARCHAR[], f.metric)"
        params.append(tuple(scope.metrics))
    if scope.min_confidence > 0:
        sql += " AND f.confidence >= ?"
        params.append(scope.min_confidence)
    return sql, params


_COLUMNS = """
SELECT f.fact_id, f.doc_id, f.pair, f.metric, f.kind, f.value, f.unit, f.qualifier,
       f.date, f.date_precision, f.period, f.target_year, f.start, f."end",
       f.confidence, f.block, f.status, f.reviewed_by, f.reviewed_at, f.review_note,
       e.evidence, d.source, d.title, d.url, d.lang, """ + OUTLET + """ AS outlet
FROM facts f
LEFT JOIN evidence e USING (fact_id)
LEFT JOIN documents d USING (doc_id)
"""
_FACTS = _COLUMNS + """
WHERE f.pair = ? AND (f.date BETWEEN ? AND ? OR f.date IS NULL) AND f.status <> 'rejected'
"""


def pairs() -> list[str]:
    """Every pair with a fact or a signed document, the best covered first."""
    df = query("""
        SELECT pair, count(*) AS n FROM (
            SELECT pair FROM facts WHERE status <> 'rejected'
            UNION ALL SELECT pair FROM signed_documents
        ) GROUP BY pair ORDER BY n DESC, pair
    """)
    return df["pair"].tolist()


def date_bounds() -> tuple[date, date]:
    """The first and last dated fact or signed document (today when there is none)."""
    df = query("""
        SELECT min(d) AS lo, max(d) AS hi FROM (
            SELECT date AS d FROM facts UNION ALL SELECT date FROM signed_documents
        )
    """)
    lo, hi = df.iloc[0]["lo"], df.iloc[0]["hi"]
    if pd.isna(lo) or pd.isna(hi):
        today = date.today()
        return today, today
    return pd.Timestamp(lo).date(), pd.Timestamp(hi).date()


def options() -> dict[str, list[str]]:
    """The values the sidebar's filters offer: languages and sources in the database."""
    langs = query("SELECT DISTINCT lang FROM documents WHERE lang IS NOT NULL ORDER BY lang")
    outlets = query(f"SELECT {OUTLET} AS outlet, count(*) AS n FROM documents d "
                    "GROUP BY outlet ORDER BY n DESC, outlet")
    return {"lang": langs["lang"].tolist(), "source": outlets["outlet"].tolist()}


def facts(scope: Scope, metrics: tuple[str, ...] | None = None,
          pair: str | None = None) -> pd.DataFrame:
    """The pair's facts in the range with evidence and source, newest first."""
    where, params = _filters(scope, metrics)
    base = [pair or scope.pair, scope.start, scope.end]
    sql = _FACTS + where + " ORDER BY f.date DESC NULLS LAST, f.metric, f.kind, f.start"
    return query(sql, base + params)


def facts_of_pairs(scope: Scope, pairs_: tuple[str, ...],
                   metrics: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Like `facts` for several pairs at once (Compare, Targets)."""
    where, params = _filters(scope, metrics)
    sql = (_COLUMNS + " WHERE list_contains(?::VARCHAR[], f.pair)"
           " AND (f.date BETWEEN ? AND ? OR f.date IS NULL) AND f.status <> 'rejected'"
           + where + " ORDER BY f.pair, f.date NULLS LAST, f.metric, f.kind")
    return query(sql, [tuple(pairs_), scope.start, scope.end, *params])


def latest(scope: Scope) -> pd.DataFrame:
    """The newest fact of each (metric, kind); among same-day facts the surest."""
    where, params = _filters(scope)
    return query(_FACTS + where + """
        QUALIFY row_number() OVER (
            PARTITION BY f.metric, f.kind
            ORDER BY f.date DESC NULLS LAST, f.confidence DESC, f.fact_id) = 1
        ORDER BY f.metric, f.kind
    """, scope.params + params)


def to_review(scope: Scope, threshold: float = REVIEW_THRESHOLD) -> pd.DataFrame:
    where, params = _filters(scope)
    return query(_FACTS + where + " AND f.confidence < ?"
                 " ORDER BY f.confidence, f.date DESC NULLS LAST",
                 [*scope.params, *params, threshold])


def review_facts(scope: Scope | None = None, sources: tuple[str, ...] = ()) -> pd.DataFrame:
    """Facts for the Review page, rejected ones included: the scope's pair and range, or
    every fact of the documents stored under `sources` (the files just uploaded)."""
    if sources:
        return query(_COLUMNS + " WHERE list_contains(?::VARCHAR[], d.source)"
                     " ORDER BY d.source, f.start", [tuple(sources)])
    assert scope is not None
    where, params = _filters(scope)
    return query(_COLUMNS + " WHERE f.pair = ? AND (f.date BETWEEN ? AND ? OR f.date IS NULL)"
                 + where + " ORDER BY f.date DESC NULLS LAST, f.metric, f.kind, f.start",
                 scope.params + params)


def fact(fact_id: str) -> pd.Series | None:
    df = query(_COLUMNS + " WHERE f.fact_id = ?", [fact_id])
    return None if df.empty else df.iloc[0]


def signed_documents(scope: Scope, pair: str | None = None) -> pd.DataFrame:
    """Documents signed at the pair's events, in article order."""
    return query("""
        SELECT s.doc_id, s.seq, s.title, s.doc_type, s.sector,
               coalesce(s.date, d.date) AS date, s.start, s."end",
               d.source, d.title AS article, d.url
        FROM signed_documents s
        LEFT JOIN documents d USING (doc_id)
        WHERE s.pair = ? AND (coalesce(s.date, d.date) BETWEEN ? AND ?
                              OR coalesce(s.date, d.date) IS NULL)
        ORDER BY date DESC NULLS LAST, s.doc_id, s.seq
    """, [pair or scope.pair, scope.start, scope.end])


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
    return query("""
        WITH ev AS (
            SELECT pair, date, max(value) AS n FROM facts
            WHERE metric = 'documents_signed' AND kind = 'actual' AND status <> 'rejected'
              AND (date BETWEEN ? AND ? OR date IS NULL)
            GROUP BY pair, date
        ), docs AS (SELECT pair, sum(n) AS documents_signed FROM ev GROUP BY pair),
        trade AS (
            SELECT pair, value AS latest_trade, date AS trade_date FROM facts
            WHERE metric = 'trade_turnover' AND kind = 'actual' AND status <> 'rejected'
              AND (date BETWEEN ? AND ? OR date IS NULL)
            QUALIFY row_number() OVER (PARTITION BY pair
                                       ORDER BY date DESC NULLS LAST, confidence DESC) = 1
        ), all_pairs AS (SELECT DISTINCT pair FROM facts WHERE status <> 'rejected'
                         UNION SELECT DISTINCT pair FROM signed_documents)
        SELECT p.pair, split_part(p.pair, '-', 1) AS country_a,
               split_part(p.pair, '-', 2) AS country_b,
               coalesce(docs.documents_signed, 0) AS documents_signed,
               trade.latest_trade, trade.trade_date
        FROM all_pairs p LEFT JOIN docs USING (pair) LEFT JOIN trade USING (pair)
        ORDER BY p.pair
    """, [scope.start, scope.end, scope.start, scope.end])


def coverage(scope: Scope, pairs_: tuple[str, ...]) -> pd.DataFrame:
    """Articles per pair, month, language and source (outlet) in the range."""
    sql = f"""
        SELECT dp.pair, date_trunc('month', d.date) AS month,
               coalesce(d.lang, '?') AS lang, {OUTLET} AS outlet, count(*) AS articles
        FROM ({_DOC_PAIRS}) dp JOIN documents d USING (doc_id)
        WHERE list_contains(?::VARCHAR[], dp.pair) AND d.date BETWEEN ? AND ?
    """
    params: list[object] = [tuple(pairs_), scope.start, scope.end]
    for column, values in (("d.lang", scope.langs), (OUTLET, scope.outlets)):
        if values:
            sql += f" AND list_contains(?::VARCHAR[], {column})"
            params.append(tuple(values))
    return query(sql + " GROUP BY ALL ORDER BY month, dp.pair, lang, outlet", params)


def documents_of_pair(scope: Scope) -> pd.DataFrame:
    """The pair's articles in the range (Timeline: one event per date)."""
    sql = f"""
        SELECT d.doc_id, d.source, d.url, d.title, d.lang, d.date, d.date_precision,
               {OUTLET} AS outlet, left(t.text, 4000) AS head
        FROM ({_DOC_PAIRS}) dp JOIN documents d USING (doc_id)
        LEFT JOIN document_texts t USING (doc_id)
        WHERE dp.pair = ? AND (d.date BETWEEN ? AND ? OR d.date IS NULL)
    """
    params: list[object] = scope.params
    for column, values in (("d.lang", scope.langs), (OUTLET, scope.outlets)):
        if values:
            sql += f" AND list_contains(?::VARCHAR[], {column})"
            params = [*params, tuple(values)]
    return query(sql + " ORDER BY d.date NULLS LAST, d.source", params)
