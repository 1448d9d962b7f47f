"""The facts a person checks: Sources' least sure facts ("to review") and the Review page's
list, rejected facts included; one fact by id.

The scope's lists read `agg_facts` and `agg_unsure` (etl/aggregate.py). The files just
uploaded are found by their source in `documents`, their facts in `facts`, and their few
rows completed by primary-key lookups.
"""
from __future__ import annotations

import pandas as pd

from dyad.db import query
from dyad.queries import months
from dyad.queries.scope import (
    DOC_COLUMNS,
    FACT_COLUMNS,
    IN_RANGE,
    MAX_ROWS,
    NEWEST,
    OUTLET,
    PAGE,
    REVIEW_THRESHOLD,
    ROW_COLUMNS,
    Scope,
    filters,
)


def _enrich(df: pd.DataFrame) -> pd.DataFrame:
    """Fact rows of `facts` with their evidence and their article's source, title, url,
    language and outlet, looked up for these rows only (primary-key lookups)."""
    df = df.reset_index(drop=True)
    ids = tuple(sorted(set(df["fact_id"])))
    ev = query("SELECT fact_id, evidence FROM evidence "
               "WHERE list_contains(?::VARCHAR[], fact_id)", [ids]) if ids else None
    by_id = dict(zip(ev["fact_id"], ev["evidence"], strict=True)) if ev is not None else {}
    df["evidence"] = df["fact_id"].map(by_id)
    docs = tuple(sorted(set(df["doc_id"])))
    d = query(f"SELECT d.doc_id, d.source, d.title, d.url, d.lang, {OUTLET} AS outlet "
              "FROM documents d WHERE list_contains(?::VARCHAR[], d.doc_id)",
              [docs]) if docs else pd.DataFrame(columns=["doc_id", *DOC_COLUMNS])
    return df.merge(d, on="doc_id", how="left")


def _unsure_table(threshold: float) -> str:
    """agg_unsure (the facts under REVIEW_THRESHOLD with every column, sorted by pair and
    confidence) when it holds every fact under `threshold`, else agg_facts."""
    return "agg_unsure" if threshold <= REVIEW_THRESHOLD else "agg_facts"


def _unsure(scope: Scope, threshold: float) -> tuple[str, list[object]]:
    """FROM and WHERE of the scope's facts less sure than `threshold`."""
    where, params = filters(scope)
    table = _unsure_table(threshold)
    status = "" if table == "agg_unsure" else " AND f.status <> 'rejected'"
    return (f"FROM {table} f WHERE f.pair = ? AND {IN_RANGE}{status} {where}"
            " AND f.confidence < ?", [*scope.params, *params, threshold])


def to_review(scope: Scope, threshold: float = REVIEW_THRESHOLD,
              limit: int = PAGE) -> pd.DataFrame:
    """The least sure facts under the threshold, at most `limit` of them."""
    sql, params = _unsure(scope, threshold)
    table = _unsure_table(threshold)
    order = " ORDER BY f.confidence, f.date DESC NULLS LAST, f.fact_id"
    # the rows kept found on the narrow columns, then only theirs read whole (2-3x faster
    # at 10 M facts than a top-N carrying every column)
    return query(f"SELECT {ROW_COLUMNS} FROM {table} f WHERE f.rowid IN ("
                 f"SELECT f.rowid {sql}{order} LIMIT ?){order}", [*params, min(limit, MAX_ROWS)])


def count_to_review(scope: Scope, threshold: float = REVIEW_THRESHOLD) -> int:
    sql, params = _unsure(scope, threshold)
    return int(query(f"SELECT count(*) AS n {sql}", params)["n"].iloc[0])


_BY_SOURCE = "f.doc_id IN (SELECT doc_id FROM documents WHERE list_contains(?::VARCHAR[], source))"


def _review_where(scope: Scope | None) -> tuple[str, list[object]]:
    assert scope is not None
    where, params = filters(scope)
    return f"f.pair = ? AND {IN_RANGE}" + where, scope.params + params


def review_facts(scope: Scope | None = None, sources: tuple[str, ...] = (),
                 limit: int = PAGE, offset: int = 0) -> pd.DataFrame:
    """One page of facts for the Review page, rejected ones included: the scope's pair and
    range, or every fact of the documents stored under `sources` (the files just uploaded)."""
    limit = min(limit, MAX_ROWS)
    if sources:
        df = _enrich(query(f"SELECT {FACT_COLUMNS} FROM facts f WHERE {_BY_SOURCE} ORDER BY "
                           "f.doc_id, f.start, f.fact_id LIMIT ? OFFSET ?",
                           [tuple(sources), limit, offset]))
        return df.sort_values(["source", "start"], kind="stable")
    assert scope is not None
    where, params = _review_where(scope)
    # rejected facts only add rows past the cutoff the other facts give
    since, since_params = months.since(scope, None, None, offset + limit)
    return query(f"SELECT {ROW_COLUMNS} FROM agg_facts f WHERE {where}{since}{NEWEST} "
                 "LIMIT ? OFFSET ?", [*params, *since_params, limit, offset])


def review_facts_csv(scope: Scope | None = None, sources: tuple[str, ...] = ()) -> pd.DataFrame:
    """Every fact `review_facts` pages through, in one query (the Review table's CSV)."""
    if sources:
        return query(f"""SELECT {FACT_COLUMNS}, e.evidence, d.source, d.title, d.url, d.lang,
                                {OUTLET} AS outlet
                         FROM facts f LEFT JOIN evidence e USING (fact_id)
                         LEFT JOIN documents d USING (doc_id) WHERE {_BY_SOURCE}
                         ORDER BY d.source, f.start, f.fact_id""", [tuple(sources)])
    where, params = _review_where(scope)
    return query(f"SELECT {ROW_COLUMNS} FROM agg_facts f WHERE {where}{NEWEST}", params)


def count_review_facts(scope: Scope | None = None, sources: tuple[str, ...] = ()) -> int:
    params: list[object]
    if sources:
        sql, params = f"FROM facts f WHERE {_BY_SOURCE}", [tuple(sources)]
    else:
        where, params = _review_where(scope)
        sql = f"FROM agg_facts f WHERE {where}"
    return int(query(f"SELECT count(*) AS n {sql}", params)["n"].iloc[0])


def fact(fact_id: str) -> pd.Series | None:
    df = query(f"SELECT {FACT_COLUMNS} FROM facts f WHERE f.fact_id = ?", [fact_id])
    return None if df.empty else _enrich(df).iloc[0]
