"""What the sidebar offers and what the database says about itself: the pairs, the dates of
the data, the filters' languages and sources, the build's stamp; and the small tables
(document texts, files not read, corrections without a fact)."""
from __future__ import annotations

from datetime import date

import pandas as pd

from dyad.db import query


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


def build_info() -> dict[str, str]:
    df = query("SELECT key, value FROM build_info")
    return dict(zip(df["key"], df["value"], strict=True))


def document_texts(doc_ids: tuple[str, ...]) -> dict[str, str]:
    """The cleaned texts the facts' offsets point into, in one query."""
    df = query("SELECT doc_id, text FROM document_texts WHERE list_contains(?::VARCHAR[], doc_id)",
               [tuple(sorted(set(doc_ids)))])
    return dict(zip(df["doc_id"], df["text"], strict=True))


def rejected_files() -> pd.DataFrame:
    return query("SELECT source, reason FROM rejected_files ORDER BY source")


def orphaned_corrections() -> pd.DataFrame:
    return query("SELECT fact_id FROM orphaned_corrections ORDER BY fact_id")
