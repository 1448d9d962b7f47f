"""The Streamlit pieces every page uses: a table or chart always with its CSV download,
a figure card, and the guard that shows a message instead of a traceback when there is
no database."""
from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dyad import exports, fmt
from dyad.db import MISSING_MESSAGE, available
from dyad.queries import REVIEW_THRESHOLD


def require_db() -> None:
    """Stop the page with a clear message when the database is missing or unreadable."""
    if not available():
        st.info(MISSING_MESSAGE, icon=":material/database:")
        st.stop()


def _column_config(df: pd.DataFrame) -> dict[str, Any]:
    config: dict[str, Any] = {}
    for col in df.columns:
        if str(col).startswith("Value"):
            config[col] = st.column_config.NumberColumn(col, format="localized")
        elif col == "Confidence":
            config[col] = st.column_config.NumberColumn(col, format="%.2f")
        elif col in ("Evidence", "Title", "Article"):
            config[col] = st.column_config.TextColumn(col, width="large")
    return config


def download(df: pd.DataFrame, *parts: str, label: str = "Download CSV") -> None:
    name = exports.file_name(*parts)
    st.download_button(
        label, exports.to_csv(df), file_name=name, mime="text/csv",
        key=f"dl-{name}", on_click="ignore", icon=":material/download:", type="tertiary",
    )


def table(df: pd.DataFrame, *parts: str) -> None:
    """A table and the CSV of exactly that table."""
    if df.empty:
        st.caption("Nothing in this range.")
        return
    st.dataframe(df, hide_index=True, column_config=_column_config(df))
    download(df, *parts)


def chart(fig: go.Figure, df: pd.DataFrame, *parts: str) -> None:
    """A chart and the CSV of exactly the data it plots."""
    if df.empty:
        st.caption("Nothing to chart in this range.")
        return
    st.plotly_chart(fig, config={"displaylogo": False}, key=f"chart-{'-'.join(parts)}")
    download(df, *parts, label="Download chart data (CSV)")


def card(label: str, row: pd.Series | None) -> None:
    """A latest figure with its date and source underneath."""
    with st.container(border=True):
        if row is None:
            st.metric(label, "–")
            st.caption("No figure in this range.")
            return
        st.metric(label, fmt.figure(row["value"], row["unit"], row["qualifier"]))
        when = fmt.day(row["date"], row["date_precision"])
        if isinstance(row["period"], str) and row["period"]:
            when += f" · period {row['period']}"
        if pd.notna(row["target_year"]):
            when += f" · by {int(row['target_year'])}"
        if row["confidence"] < REVIEW_THRESHOLD:
            when += f" · to review (confidence {row['confidence']:.2f})"
        source = fmt.text(row["title"]) or row["source"]
        st.caption(fmt.md_escape(when))
        if isinstance(row["url"], str) and row["url"].startswith(("http://", "https://")):
            st.caption(f"Source: [{fmt.md_escape(source)}](<{row['url']}>)")
        else:
            st.caption(f"Source: {fmt.md_escape(source)}")

