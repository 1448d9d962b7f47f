"""The questions the dashboard asks the database, each one SQL with bound parameters.

Reads the tables of etl/schema.sql through `db.query` (read-only, cached per file
version). Every value that comes from a user or the URL is a `?` parameter.
A scope is a pair plus a date range; facts whose date is unknown stay in every range
so that nothing the ETL found disappears from view.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from dyad.db import query

REVIEW_THRESHOLD = 0.6  # facts less sure than this are listed "to review" on Sources
COOPERATION = ("joint_ventures", "flights_per_week", "investment_portfolio")


@dataclass(frozen=True)
class Scope:
    pair: str
    start: date
    end: date

    @property
    def params(self) -> list[object]:
        return [self.pair, self.start, self.end]


_FACTS = """
SELECT f.fact_id, f.doc_id, f.pair, f.metric, f.kind, f.value, f.unit, f.qualifier,
       f.date, f.date_precision, f.period, f.target_year, f.start, f."end",
       f.confidence, f.block, e.evidence, d.source, d.title, d.url
FROM facts f
LEFT JOIN evidence e USING (fact_id)
LEFT JOIN documents d USING (doc_id)
WHERE f.pair = ? AND (f.date BETWEEN ? AND ? OR f.date IS NULL)
"""


def pairs() -> list[str]:
    """Every pair with a fact or a signed document, the best covered first."""
    df = query("""
        SELECT pair, count(*) AS n FROM (
            SELECT pair FROM facts UNION ALL SELECT pair FROM signed_documents
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


def facts(scope: Scope, metrics: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The pair's facts in the range with evidence and source, newest first."""
    sql, params = _FACTS, scope.params
    if metrics:
        sql += f" AND f.metric IN ({', '.join('?' for _ in metrics)})"
        params = params + list(metrics)
    sql += " ORDER BY f.date DESC NULLS LAST, f.metric, f.kind, f.start"
    return query(sql, params)


def latest(scope: Scope) -> pd.DataFrame:
    """The newest fact of each (metric, kind); among same-day facts the surest."""
    return query(_FACTS + """
        QUALIFY row_number() OVER (
            PARTITION BY f.metric, f.kind
            ORDER BY f.date DESC NULLS LAST, f.confidence DESC, f.fact_id) = 1
        ORDER BY f.metric, f.kind
    """, scope.params)


def to_review(scope: Scope, threshold: float = REVIEW_THRESHOLD) -> pd.DataFrame:
    return query(_FACTS + " AND f.confidence < ? ORDER BY f.confidence, f.date DESC NULLS LAST",
                 [*scope.params, threshold])


def signed_documents(scope: Scope) -> pd.DataFrame:
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
    """, scope.params)


def document_texts(doc_ids: tuple[str, ...]) -> dict[str, str]:
    """The cleaned texts the facts' offsets point into, in one query."""
    df = query("SELECT doc_id, text FROM document_texts WHERE list_contains(?::VARCHAR[], doc_id)",
               [tuple(sorted(set(doc_ids)))])
    return dict(zip(df["doc_id"], df["text"], strict=True))


def rejected_files() -> pd.DataFrame:
    return query("SELECT source, reason FROM rejected_files ORDER BY source")


def build_info() -> dict[str, str]:
    df = query("SELECT key, value FROM build_info")
    return dict(zip(df["key"], df["value"], strict=True))
