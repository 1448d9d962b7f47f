"""A pair's facts month by month in a scope, from the aggregates, whatever the filters.

A month row (agg_months' columns) is a (metric, kind, month) with its count of facts, their
lowest and highest value, and its newest fact (newest date, then surest, then smallest
fact_id). Without a language, source or confidence filter and over whole months,
`agg_months` holds them. Else they are combined from *candidates*: the rows of
`agg_slices` the filters keep (the facts at least as sure as the minimum, with their count,
range and newest fact: one row per month, or with languages or sources one per month,
language and outlet kept), plus, read from `agg_facts`
one fact at a time, the facts of the part months at either end of the range and, for a
minimum confidence between two of the slider's steps, those from it to the next step.
Combined per month (counts summed, the newest of the newest kept) they are exactly the
month rows of the filtered facts; the newest candidate per (metric, kind) is the newest
fact.
"""
from __future__ import annotations

import pandas as pd

from dyad.db import query
from dyad.queries.scope import Scope, aggregated, confidence_step, filters, months

# a month row's columns (agg_months'), and `row`: its newest fact's rowid in agg_facts
_FACT = """fact_id, doc_id, country_a, country_b, value, unit, qualifier, date, date_precision,
    period, target_year, start, "end", confidence, block, status, reviewed_by, reviewed_at,
    review_note, source, title, url, lang, outlet"""
_CANDIDATE = f"pair, metric, kind, month, n, min_value, max_value, row, {_FACT}"
# a fact's place in the order that makes it its month's newest (the smallest first): newest
# date (unknown last), surest, smallest fact_id, as etl/aggregate.py picks it
NEWEST_KEY = ("(date IS NULL, -coalesce(date_diff('day', DATE '2000-01-01', date), 0), "
              "-confidence, fact_id)")


def candidates(scope: Scope, metrics: tuple[str, ...] | None = None,
               pair: str | None = None) -> tuple[str, list[object]]:
    """SQL of the candidates (columns `_CANDIDATE`) of a pair's facts in the scope."""
    span = months(scope)
    step, bound = confidence_step(scope.min_confidence)
    where, params = filters(scope, metrics, "s", confidence=False)
    in_months, month_params = span.slices("s.month")
    cells = bool(scope.langs or scope.outlets)  # else the whole months' rows
    sql = (f"SELECT {_CANDIDATE} FROM agg_slices s WHERE s.pair = ? AND s.whole = ?"
           f" AND {in_months}{where} AND ? BETWEEN s.lo AND s.hi")
    out: list[object] = [pair or scope.pair, not cells, *month_params, *params, step]
    one_by_one, one_params = span.dated("f.date")
    if bound is not None:  # the whole months' facts from the minimum up to the next step
        whole, whole_params = span.whole_dates("f.date")
        one_by_one = f"({one_by_one} OR ({whole} AND f.confidence < ?))"
        one_params = [*one_params, *whole_params, bound]
    if one_by_one != "FALSE":
        where, params = filters(scope, metrics)
        sql += f"""
            UNION ALL
            SELECT f.pair, f.metric, f.kind, date_trunc('month', f.date)::DATE AS month,
                   1::BIGINT AS n, f.value AS min_value, f.value AS max_value, f.rowid AS row,
                   {_FACT}
            FROM agg_facts f
            WHERE f.pair = ? AND f.status <> 'rejected' AND {one_by_one}{where}"""
        out += [pair or scope.pair, *one_params, *params]
    return sql, out


def rows(scope: Scope, metrics: tuple[str, ...] | None = None, pair: str | None = None,
         with_row: bool = False) -> tuple[str, list[object]]:
    """SQL of the month rows of a pair's facts in the scope (`with_row`: with the `row`
    of each newest fact in agg_facts, which agg_months has not)."""
    if aggregated(scope) and not with_row:
        where, params = filters(scope, metrics, f="m")
        return ("SELECT * FROM agg_months m WHERE m.pair = ? AND (m.month BETWEEN "
                "date_trunc('month', ?::DATE) AND ? OR m.month IS NULL)" + where,
                [pair or scope.pair, scope.start, scope.end, *params])
    sql, params = candidates(scope, metrics, pair)
    fact = ", ".join(f"c.{c.strip()}" for c in _FACT.split(","))
    return (f"""WITH c AS ({sql}), g AS (
                    SELECT metric, kind, month, sum(n)::BIGINT AS n, min(min_value) AS min_value,
                           max(max_value) AS max_value, arg_min(row, {NEWEST_KEY}) AS row
                    FROM c GROUP BY metric, kind, month
                )
                SELECT c.pair, c.metric, c.kind, c.month, g.n, g.min_value, g.max_value, {fact},
                       c.row
                FROM g JOIN c USING (row)""", params)


def counts(scope: Scope, metrics: tuple[str, ...] | None = None,
           pair: str | None = None) -> tuple[str, list[object]]:
    """SQL of (month, n): how many of a pair's facts in the scope each month holds."""
    if aggregated(scope):
        sql, params = rows(scope, metrics, pair)
    else:
        sql, params = candidates(scope, metrics, pair)
    return f"SELECT month, sum(n) AS n FROM ({sql}) GROUP BY month", params


def count(scope: Scope, metrics: tuple[str, ...] | None = None, pair: str | None = None) -> int:
    """How many of a pair's facts are in the scope."""
    sql, params = counts(scope, metrics, pair)
    return int(query(f"SELECT coalesce(sum(n), 0) AS n FROM ({sql})", params)["n"].iloc[0])


def since(scope: Scope, metrics: tuple[str, ...] | None, pair: str | None,
          n_rows: int) -> tuple[str, list[object]]:
    """A condition keeping the newest months that hold the first `n_rows` facts newest
    first: with agg_facts sorted by (pair, metric, date), DuckDB's zone maps then skip the
    older blocks instead of sorting the whole pair. Empty when the undated facts (listed
    last) are needed too."""
    if n_rows <= 0:
        return "", []
    sql, params = counts(scope, metrics, pair)
    df = query(f"""SELECT min(month) FILTER (WHERE before < ?) AS since,
                          coalesce(max(upto), 0) AS dated FROM (
                       SELECT month, sum(n) OVER w - n AS before, sum(n) OVER w AS upto
                       FROM ({sql}) WHERE month IS NOT NULL
                       WINDOW w AS (ORDER BY month DESC ROWS UNBOUNDED PRECEDING)
                   )""", [n_rows, *params])
    if df.empty or pd.isna(df["since"].iloc[0]) or int(df["dated"].iloc[0]) < n_rows:
        return "", []
    return " AND f.date >= ?", [pd.Timestamp(df["since"].iloc[0]).date()]
