"""Every pair side by side (Compare: its matrix, network and map): documents signed and the
latest actual trade turnover per pair."""
from __future__ import annotations

import pandas as pd

from dyad.db import query
from dyad.queries.months import NEWEST_KEY
from dyad.queries.scope import Scope, months


def pair_summary(scope: Scope) -> pd.DataFrame:
    """Per pair in the range: documents signed (each event counted once, at the largest
    figure reported for it) and the latest actual trade turnover: its month rows from
    agg_months over the whole months, each day's newest from agg_trade_days in the part
    months."""
    span = months(scope)
    in_months, params = span.slices("month")
    trade = f"""SELECT pair, value, date, confidence, fact_id
                FROM agg_months
                WHERE metric = 'trade_turnover' AND kind = 'actual' AND {in_months}"""
    if not span.whole:  # each pair's newest of each day (agg_trade_days, sorted by date)
        dated, dated_params = span.dated("date")
        trade += f"""
                UNION ALL
                SELECT pair, value, date, confidence, fact_id FROM agg_trade_days WHERE {dated}"""
        params = [*params, *dated_params]
    return query(f"""
        WITH docs AS (
            SELECT pair, sum(n) AS documents_signed FROM agg_events
            WHERE date BETWEEN ? AND ? OR date IS NULL GROUP BY pair
        ), trade AS (  -- the newest (then surest) per pair: an aggregate, not a window
            SELECT pair, arg_min({{'value': value, 'date': date}}, {NEWEST_KEY}) AS top
            FROM ({trade}) GROUP BY pair
        )
        SELECT p.pair, split_part(p.pair, '-', 1) AS country_a,
               split_part(p.pair, '-', 2) AS country_b,
               coalesce(docs.documents_signed, 0) AS documents_signed,
               trade.top.value AS latest_trade, trade.top.date AS trade_date
        FROM agg_pairs p LEFT JOIN docs USING (pair) LEFT JOIN trade USING (pair)
        ORDER BY p.pair
    """, [scope.start, scope.end, *params])
