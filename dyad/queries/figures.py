"""A pair's figures in a scope: its facts a page at a time, their count, the series a chart
plots, and the latest figure of each metric and kind (Overview, Trade, Cooperation,
Agreements' events, Timeline, Targets, Corroboration, Compare).

Facts are read from `agg_facts` (every fact with its evidence and article, in the order
the facts are stored), never looked up one by one in `evidence` and `documents`; counts,
monthly series and the latest figures come from the monthly aggregates (dyad/queries/
months.py). Rejected facts (the Review page) are left out.
"""
from __future__ import annotations

import pandas as pd

from dyad.db import query
from dyad.queries import months
from dyad.queries.scope import IN_RANGE, MAX_ROWS, NEWEST, POINTS, ROW_COLUMNS, Scope, filters


def _columns(evidence: bool) -> str:
    return ROW_COLUMNS if evidence else ROW_COLUMNS.replace("f.evidence",
                                                            "NULL::VARCHAR AS evidence")


def count_facts(scope: Scope, metrics: tuple[str, ...] | None = None,
                pair: str | None = None) -> int:
    """How many facts `facts` would list without a limit."""
    return months.count(scope, metrics, pair)


def facts(scope: Scope, metrics: tuple[str, ...] | None = None, pair: str | None = None,
          limit: int = MAX_ROWS, offset: int = 0, evidence: bool = True) -> pd.DataFrame:
    """One page of the pair's facts in the range, newest first, with evidence (unless
    `evidence` is False: None) and source: at most `limit` rows from `offset`
    (`count_facts` says how many there are)."""
    where, params = filters(scope, metrics)
    limit = min(limit, MAX_ROWS)
    since, since_params = months.since(scope, metrics, pair, offset + limit)
    return query(f"SELECT {_columns(evidence)} FROM agg_facts f WHERE f.pair = ? AND {IN_RANGE}"
                 f" AND f.status <> 'rejected' {where}{since}{NEWEST} LIMIT ? OFFSET ?",
                 [pair or scope.pair, scope.start, scope.end, *params, *since_params, limit,
                  offset])


def facts_csv(scope: Scope, metrics: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Every fact `facts` pages through, in one query: what a paged table's CSV holds.
    Only run when the download is asked for, never in a page's script run."""
    where, params = filters(scope, metrics)
    return query(f"SELECT {ROW_COLUMNS} FROM agg_facts f WHERE f.pair = ? AND {IN_RANGE}"
                 f" AND f.status <> 'rejected' {where}{NEWEST}",
                 [scope.pair, scope.start, scope.end, *params])


def series(scope: Scope, metrics: tuple[str, ...], pair: str | None = None) -> pd.DataFrame:
    """What a chart over time plots, oldest first: each fact while there are at most
    POINTS of them, else one row per (metric, kind, month): the month's newest fact with
    `n`, `min_value` and `max_value` of the month. Either way fact columns and source."""
    evidence = "documents_signed" in metrics  # the events list theirs
    return _plotted(scope, metrics, pair, _month_rows(scope, metrics, pair, evidence), evidence)


def series_among(scope: Scope, metric: str, among: tuple[str, ...]) -> pd.DataFrame:
    """`series(scope, (metric,))`, its month rows read with those of the metrics `among`:
    charts drawn side by side (Cooperation's three) share one read of the aggregates, not
    one a chart (with filters, each read is ~40-60 ms at 10 M facts; all three in one
    ~70 ms)."""
    evidence = metric == "documents_signed"
    rows = _month_rows(scope, among, None, "documents_signed" in among)
    return _plotted(scope, (metric,), None, rows[rows["metric"] == metric], evidence)


def series_each(scope: Scope, metrics: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """`series(scope, (m,))` of each metric m, from one read of their month rows."""
    return {m: series_among(scope, m, metrics) for m in metrics}


def _month_rows(scope: Scope, metrics: tuple[str, ...], pair: str | None,
                with_row: bool) -> pd.DataFrame:
    sql, params = months.rows(scope, metrics, pair, with_row=with_row)
    return query(f"SELECT * FROM ({sql}) ORDER BY month NULLS FIRST, metric, kind", params)


def _plotted(scope: Scope, metrics: tuple[str, ...], pair: str | None, df: pd.DataFrame,
             evidence: bool) -> pd.DataFrame:
    """`series` from the metrics' month rows: the facts themselves while they are few."""
    if int(df["n"].sum()) <= POINTS:
        return facts(scope, metrics, pair, limit=POINTS).iloc[::-1].reset_index(drop=True)
    if evidence:
        return _evidence(df)
    df = df.drop(columns=["row"], errors="ignore").reset_index(drop=True)
    df["evidence"] = None
    return df


def _evidence(df: pd.DataFrame) -> pd.DataFrame:
    """Rows with a `row` (their fact's rowid in agg_facts) given their evidence, `row`
    dropped: a few rows, each read where the fact is stored (no primary-key lookup)."""
    rows = sorted({int(r) for r in df["row"].dropna()})
    ev = query("SELECT rowid AS row, evidence FROM agg_facts "
               "WHERE rowid IN (SELECT unnest(?::BIGINT[]))", [tuple(rows)]) if rows else None
    by_row = dict(zip(ev["row"], ev["evidence"], strict=True)) if ev is not None else {}
    out = df.drop(columns=["row"]).reset_index(drop=True)
    out["evidence"] = [by_row.get(int(r)) for r in df["row"]]
    return out


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
    """The newest fact of each (metric, kind); among same-day facts the surest: picked among
    the candidates of the monthly aggregates on their narrow columns, then its row read
    from agg_facts (a few rows, each where the fact is stored)."""
    sql, params = months.candidates(scope)
    rows = query(f"SELECT arg_min(row, {months.NEWEST_KEY}) AS row FROM ({sql}) c"
                 " GROUP BY metric, kind", params)["row"]
    df = query(f"SELECT {ROW_COLUMNS} FROM agg_facts f "
               "WHERE f.rowid IN (SELECT unnest(?::BIGINT[]))", [tuple(sorted(map(int, rows)))])
    return df.sort_values(["metric", "kind"]).reset_index(drop=True)
