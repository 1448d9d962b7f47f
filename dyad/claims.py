"""Corroboration: one figure reported by several sources is one claim with its sources
listed; different figures for the same pair, metric, kind and period are a conflict, shown
side by side and never averaged.

Reads the facts frame of `queries.facts`; writes the Corroboration page's frames. The
period a figure covers is its `period` when the text says so (`2025-YTD`), "by 2026" for a
target with a year, else the month it was reported in. Two figures are the same when they
differ by at most 0.5 %: "$4 bn" and "4 миллиарда" are one claim, "$4.0 bn" and "$4.2 bn"
are two.
"""
from __future__ import annotations

import pandas as pd

from dyad import fmt
from dyad.i18n import t

SAME = 0.005


def period_key(row: pd.Series | dict) -> str:
    if isinstance(row["period"], str) and row["period"]:
        return str(row["period"])
    if pd.notna(row["target_year"]):
        return t("by {year}", year=int(row["target_year"]))
    if pd.notna(row["date"]):
        return pd.Timestamp(row["date"]).strftime("%Y-%m")
    return t("date unknown")


def _sources(rows: list[dict]) -> str:
    """'president.uz (2 articles); news-asia.ru' — every outlet that reported the figure."""
    counts: dict[str, int] = {}
    for r in rows:
        if pd.notna(r["outlet"]):
            counts[r["outlet"]] = counts.get(r["outlet"], 0) + 1
    return "; ".join(f"{o} ({n})" if n > 1 else str(o) for o, n in counts.items())


def claims(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per claim: the figure, its period, how many articles and which sources.
    (Plain Python over the rows: pandas indexing per cluster cost seconds for 1,000 facts.)"""
    columns = ["Metric", "Kind", "Period", "Figure", "Value", "Unit", "Articles", "Sources",
               "First reported", "Last reported", "Conflict", "claim_id", "group"]
    if facts.empty:
        return pd.DataFrame(columns=columns)
    groups: dict[tuple[str, str, str], list[dict]] = {}
    used = ["metric", "kind", "period", "target_year", "date", "value", "unit", "qualifier",
            "doc_id", "outlet", "fact_id"]  # the columns read below: to_dict of all is slow
    for row in facts[used].to_dict("records"):
        groups.setdefault((row["metric"], row["kind"], period_key(row)), []).append(row)
    out = []
    for (metric, kind, key), part in groups.items():
        part = sorted(part, key=lambda r: r["value"])
        clusters: list[list[dict]] = []
        for r in part:
            v = r["value"]
            if clusters and abs(v - clusters[-1][0]["value"]) <= SAME * max(abs(v), 1):
                clusters[-1].append(r)
            else:
                clusters.append([r])
        for rows in clusters:
            first = rows[0]
            dates = [pd.Timestamp(r["date"]).date() for r in rows if pd.notna(r["date"])]
            out.append({
                "Metric": fmt.metric(metric), "Kind": fmt.kind(kind), "Period": key,
                "Figure": fmt.figure(first["value"], first["unit"], first["qualifier"]),
                "Value": float(first["value"]), "Unit": first["unit"],
                "Articles": len({r["doc_id"] for r in rows}), "Sources": _sources(rows),
                "First reported": min(dates) if dates else None,
                "Last reported": max(dates) if dates else None,
                "Conflict": len(clusters) > 1, "claim_id": min(r["fact_id"] for r in rows),
                "group": f"{metric}|{kind}|{key}",
            })
    return pd.DataFrame(out, columns=columns).sort_values(
        ["Conflict", "Metric", "Period", "Value"], ascending=[False, True, False, True]
    ).reset_index(drop=True)


def conflicts(table: pd.DataFrame) -> pd.DataFrame:
    """Claims that disagree, side by side: one row per (metric, kind, period), one pair of
    columns (figure, sources) per differing figure. Nothing is averaged."""
    clash = table[table["Conflict"]]
    if clash.empty:
        return pd.DataFrame(columns=["Metric", "Kind", "Period", "Figure 1", "Sources 1",
                                     "Figure 2", "Sources 2"])
    rows: dict[str, dict[str, object]] = {}  # per group, in the order the groups come
    for claim in clash[["group", "Metric", "Kind", "Period", "Figure", "Sources"]].to_dict(
            "records"):  # records, not iterrows per group: ~10x faster for 1,000 claims
        row = rows.setdefault(claim["group"], {"Metric": claim["Metric"],
                                               "Kind": claim["Kind"], "Period": claim["Period"]})
        n = (len(row) - 1) // 2
        row[f"Figure {n}"] = claim["Figure"]
        row[f"Sources {n}"] = claim["Sources"]
    return pd.DataFrame(list(rows.values()))
