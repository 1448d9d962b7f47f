"""Query results shaped into the frames the pages show, with people's column names.

Each function takes a frame from `queries` and returns the frame a table or chart
displays; the CSV download is made from that same frame, so it holds exactly
what is on screen.
"""
from __future__ import annotations

import pandas as pd

from dyad import fmt


def _dates(df: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(df["date"]).dt.date


def _figures(df: pd.DataFrame) -> list[str]:
    return [fmt.figure(v, u, q) for v, u, q in zip(df["value"], df["unit"], df["qualifier"],
                                                   strict=True)]


def _source(df: pd.DataFrame) -> pd.Series:
    return df["title"].fillna(df["source"]) if "title" in df else df["source"]


def facts_table(df: pd.DataFrame) -> pd.DataFrame:
    """One row per fact: what it says, when, how sure, where it stands."""
    return pd.DataFrame({
        "Date": _dates(df),
        "Metric": df["metric"].map(fmt.metric),
        "Kind": df["kind"].map(fmt.kind),
        "Figure": _figures(df),
        "Value": df["value"],
        "Unit": df["unit"],
        "Period": df["period"],
        "Target year": df["target_year"],
        "Confidence": df["confidence"].round(2),
        "Block": df["block"],
        "Source": df["source"],
        "Article": df["title"],
        "Evidence": df["evidence"],
    })


def latest_table(df: pd.DataFrame) -> pd.DataFrame:
    """The overview cards as a table."""
    return pd.DataFrame({
        "Metric": df["metric"].map(fmt.metric),
        "Kind": df["kind"].map(fmt.kind),
        "Figure": _figures(df),
        "Value": df["value"],
        "Unit": df["unit"],
        "Date": _dates(df),
        "Period": df["period"],
        "Target year": df["target_year"],
        "Source": df["source"],
        "Article": df["title"],
    })


def trade_series(df: pd.DataFrame) -> pd.DataFrame:
    """Trade turnover facts as the Trade chart plots them, oldest first."""
    df = df.sort_values("date", na_position="first")
    df = df[df["date"].notna()]
    return pd.DataFrame({
        "Date": _dates(df),
        "Series": df["kind"].map(fmt.kind),
        "Value (USD)": df["value"],
        "Figure": _figures(df),
        "Period": df["period"],
        "Target year": df["target_year"],
        "Source": _source(df),
    }).reset_index(drop=True)


def metric_series(df: pd.DataFrame, metric: str) -> pd.DataFrame:
    """One cooperation metric over time, as its chart plots it."""
    df = df[(df["metric"] == metric) & df["date"].notna()].sort_values("date")
    unit = "USD" if (df["unit"] == "USD").any() else "count"
    return pd.DataFrame({
        "Date": _dates(df),
        "Series": df["kind"].map(fmt.kind),
        f"Value ({unit})": df["value"],
        "Figure": _figures(df),
        "Period": df["period"],
        "Source": _source(df),
    }).reset_index(drop=True)


def events_table(df: pd.DataFrame) -> pd.DataFrame:
    """Documents signed per event: one row per documents_signed fact, oldest first."""
    df = df[df["metric"] == "documents_signed"].sort_values("date", na_position="first")
    return pd.DataFrame({
        "Date": _dates(df),
        "Documents signed": df["value"].astype("int64"),
        "Article": _source(df),
        "Evidence": df["evidence"],
    }).reset_index(drop=True)


def signed_table(df: pd.DataFrame) -> pd.DataFrame:
    """The signed documents with their titles, type and sector."""
    return pd.DataFrame({
        "Date": _dates(df),
        "No.": df["seq"],
        "Title": df["title"],
        "Type": df["doc_type"].map(fmt.label),
        "Sector": df["sector"].map(fmt.label),
        "Article": df["article"].fillna(df["source"]),
    }).reset_index(drop=True)


def tally(df: pd.DataFrame, column: str, label: str) -> pd.DataFrame:
    """How many signed documents per type or sector, most first."""
    counts = df[column].map(fmt.label).value_counts()
    return pd.DataFrame({label: counts.index.astype(str), "Documents": counts.to_numpy()})


def pick(df: pd.DataFrame, metric: str, kind: str = "actual") -> pd.Series | None:
    """The row of `queries.latest` for one (metric, kind), or None."""
    hit = df[(df["metric"] == metric) & (df["kind"] == kind)]
    return None if hit.empty else hit.iloc[0]


def against_target(actual: pd.Series | None, target: pd.Series | None) -> tuple[float, str] | None:
    """How far the reported turnover is towards the announced target, and that in words."""
    if actual is None or target is None or not target["value"]:
        return None
    share = float(actual["value"]) / float(target["value"])
    by = f" by {int(target['target_year'])}" if pd.notna(target["target_year"]) else ""
    text = (f"{fmt.money(actual['value'])} ({fmt.day(actual['date'], actual['date_precision'])})"
            f" is {fmt.percent(share)} of the {fmt.money(target['value'])} target{by}"
            f" (announced {fmt.day(target['date'], target['date_precision'])})")
    return share, text
