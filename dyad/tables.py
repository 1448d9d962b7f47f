"""Query results shaped into the frames the pages show, with people's column names.

Each function takes a frame from `queries` and returns the frame a table or chart
displays; the CSV download is made from that same frame, so it holds exactly
what is on screen.
"""
from __future__ import annotations

import pandas as pd

from dyad import fmt
from dyad.i18n import t


def _dates(df: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(df["date"]).dt.date


def _figures(df: pd.DataFrame) -> list[str]:
    return [fmt.figure(v, u, q) for v, u, q in zip(df["value"], df["unit"], df["qualifier"],
                                                   strict=True)]


def _source(df: pd.DataFrame) -> pd.Series:
    return df["title"].fillna(df["source"]) if "title" in df else df["source"]


def _reviewed(df: pd.DataFrame) -> list[str]:
    """'corrected by aigerim, 5 Jan 2026 12:00' per fact ('' when not reviewed)."""
    if "status" not in df:
        return [""] * len(df)
    return [fmt.review_mark(s, w, a) for s, w, a in
            zip(df["status"], df["reviewed_by"], df["reviewed_at"], strict=True)]


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
        "Reviewed": _reviewed(df),
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
        "Reviewed": _reviewed(df),
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
        "Reviewed": _reviewed(df),
        **_month_columns(df),
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
        "Reviewed": _reviewed(df),
        **_month_columns(df),
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


def tally(df: pd.DataFrame, label: str) -> pd.DataFrame:
    """How many signed documents per type or sector, most first (`queries.signed_tally`)."""
    counts = df.groupby(df["value"].map(fmt.label), sort=False)["n"].sum()
    counts = counts.sort_values(ascending=False, kind="stable")
    return pd.DataFrame({label: counts.index.astype(str),
                         "Documents": counts.to_numpy().astype("int64")})


def _month_columns(df: pd.DataFrame) -> dict[str, object]:
    """When a series is one row per month (`queries.series` past POINTS facts): how many
    facts the month had and their range, beside its newest figure. Several pairs in one
    series (Compare) may mix months and single facts: a single fact is a point of one."""
    if "n" not in df:
        return {}
    return {"Facts in month": df["n"].fillna(1).astype("int64"),
            "Lowest": df["min_value"].fillna(df["value"]),
            "Highest": df["max_value"].fillna(df["value"])}


def pick(df: pd.DataFrame, metric: str, kind: str = "actual") -> pd.Series | None:
    """The row of `queries.latest` for one (metric, kind), or None."""
    hit = df[(df["metric"] == metric) & (df["kind"] == kind)]
    return None if hit.empty else hit.iloc[0]


def against_target(actual: pd.Series | None, target: pd.Series | None) -> tuple[float, str] | None:
    """How far the reported turnover is towards the announced target, and that in words."""
    if actual is None or target is None or not target["value"]:
        return None
    share = float(actual["value"]) / float(target["value"])
    by = (" " + t("by {year}", year=int(target["target_year"]))
          if pd.notna(target["target_year"]) else "")
    text = t("{actual} ({when}) is {share} of the {target} target{by} (announced {announced})",
             actual=fmt.money(actual["value"]),
             when=fmt.day(actual["date"], actual["date_precision"]), share=fmt.percent(share),
             target=fmt.money(target["value"]), by=by,
             announced=fmt.day(target["date"], target["date_precision"]))
    return share, text


def pair_series(df: pd.DataFrame) -> pd.DataFrame:
    """One metric for several pairs, as the Compare chart plots it."""
    df = df[df["date"].notna()].sort_values(["pair", "date"])
    return pd.DataFrame({
        "Pair": df["pair"],
        "Date": _dates(df),
        "Series": df["kind"].map(fmt.kind),
        "Metric": df["metric"].map(fmt.metric),
        "Value": df["value"],
        "Unit": df["unit"],
        "Figure": _figures(df),
        "Source": df["outlet"],
        **_month_columns(df),
    }).reset_index(drop=True)


def pair_matrix(df: pd.DataFrame) -> pd.DataFrame:
    """Every pair with its documents signed and latest trade (matrix, network and map)."""
    return pd.DataFrame({
        "Pair": df["pair"],
        "Country A": df["country_a"],
        "Country B": df["country_b"],
        "Documents signed": df["documents_signed"].astype("int64"),
        "Latest trade": df["latest_trade"],
        "Trade as of": pd.to_datetime(df["trade_date"]).dt.date,
    }).reset_index(drop=True)


STATUS = {"stored": "Stored", "duplicate": "Already stored", "rejected": "Rejected"}


def upload_table(verdicts: list[dict]) -> pd.DataFrame:
    """What became of each uploaded file."""
    return pd.DataFrame({
        "File": [v.get("name", "") for v in verdicts],
        "Result": [t(STATUS.get(v.get("status", ""), v.get("status", ""))) for v in verdicts],
        "Stored as": [v.get("file", "") for v in verdicts],
        "Why": [v.get("reason", "") for v in verdicts],
    })


def review_table(df: pd.DataFrame) -> pd.DataFrame:
    """Facts for review: every status shown, rejected ones included."""
    return pd.DataFrame({
        "Status": df["status"].map(lambda s: t(str(s).capitalize())),
        "Pair": df["pair"],
        "Date": _dates(df),
        "Metric": df["metric"].map(fmt.metric),
        "Kind": df["kind"].map(fmt.kind),
        "Figure": _figures(df),
        "Confidence": df["confidence"].round(2),
        "Reviewed": _reviewed(df),
        "Note": df["review_note"],
        "Source": df["source"],
        "Evidence": df["evidence"],
    }).reset_index(drop=True)
