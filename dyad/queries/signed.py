"""The documents signed at a pair's events (Agreements, Timeline): listed, counted and
tallied by type or sector, from `agg_signed` (each with its date resolved and its
article's source, title and url)."""
from __future__ import annotations

import pandas as pd

from dyad.db import query
from dyad.queries.scope import MAX_ROWS, Scope

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
