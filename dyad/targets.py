"""Target tracker: every announced target with the actual figures since, the yearly pace still
needed and a status (met, missed, on track, behind).

Reads the facts frame of `queries.facts_of_pairs` (targets, actuals and forecasts of one
metric); writes the tracker's frames. A target restated by later articles is one target:
statements of the same pair and metric whose values agree within 2 % and whose deadlines
agree (or one of them names none) are grouped, the earliest is "announced", the first
deadline stated is the deadline, and every statement stays in the target's history.

"$10 bn within five years", said in 2021, is due at the end of 2026. The status is the first
rule that holds, in order (see STATUS_RULES below, which the Targets page shows as it is).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from dyad import fmt
from dyad.i18n import t

STATUS_RULES = """\
- **met**: an actual figure since the announcement reaches the target;
- **missed**: the deadline year is over and it was not reached;
- **no data**: no deadline, or no actual figure since the announcement;
- **on track**: the latest actual is at or above the straight line from the baseline (the
  last actual or expected figure on or before the announcement, else the first actual
  since) to the target at the end of the deadline year; with a single figure and no
  baseline, when the growth still needed is at most 10 % a year;
- **behind**: otherwise."""
TOLERANCE = 0.02
PLAUSIBLE_GROWTH = 0.10
STATUSES = ("met", "missed", "on track", "behind", "no data")


@dataclass
class Target:
    pair: str
    metric: str
    unit: str
    value: float
    deadline: int | None
    statements: list[Any] = field(default_factory=list)  # fact rows (dicts)

    @property
    def announced(self) -> date | None:
        dates = [s["date"] for s in self.statements if pd.notna(s["date"])]
        return pd.Timestamp(min(dates)).date() if dates else None

    @property
    def target_id(self) -> str:
        return min(str(s["fact_id"]) for s in self.statements)


def group(facts: pd.DataFrame) -> list[Target]:
    """The targets among the facts, restatements grouped, oldest announcement first."""
    found: list[Target] = []
    rows = facts[facts["kind"] == "target"].sort_values("date", na_position="last", kind="stable")
    for row in rows.to_dict("records"):  # dicts: iterrows cost seconds for 1,000 facts
        year = int(row["target_year"]) if pd.notna(row["target_year"]) else None
        for tg in found:
            if (tg.pair == row["pair"] and tg.metric == row["metric"]
                    and abs(tg.value - row["value"]) <= TOLERANCE * max(tg.value, 1)
                    and (tg.deadline is None or year is None or tg.deadline == year)):
                tg.statements.append(row)
                tg.deadline = tg.deadline or year
                break
        else:
            found.append(Target(row["pair"], row["metric"], row["unit"], float(row["value"]),
                                year, [row]))
    return found


def _year_fraction(a: date, b: date) -> float:
    return (b - a).days / 365.25


def _same(facts: pd.DataFrame, pair: str, metric: str) -> list[dict[str, Any]]:
    """The dated facts of a pair and metric as plain rows with a `day`, oldest first
    (plain Python: pandas filters per target cost ~10 ms each, a second for 95 targets)."""
    same = facts.loc[(facts["pair"] == pair) & (facts["metric"] == metric)
                     & facts["date"].notna(), ["fact_id", "kind", "value", "date"]]
    rows = [{"fact_id": f, "kind": k, "value": v, "day": d.date()}
            for f, k, v, d in zip(same["fact_id"], same["kind"], same["value"],
                                  pd.to_datetime(same["date"]), strict=True)]
    return sorted(rows, key=lambda r: r["day"])


def assess(tg: Target, facts: pd.DataFrame, today: date,
           same: list[dict[str, Any]] | None = None) -> dict[str, object]:
    """The tracker's row for one target: progress, pace still needed and status. `same`:
    `_same(facts, tg.pair, tg.metric)`, if already made."""
    if same is None:
        same = _same(facts, tg.pair, tg.metric)
    announced = tg.announced
    since = [r for r in same if r["kind"] == "actual" and r["day"] >= announced] \
        if announced else []
    before = [r for r in same if r["kind"] in ("actual", "forecast") and r["day"] <= announced] \
        if announced else []
    latest = since[-1] if since else None
    baseline = before[-1] if before else (since[0] if since else None)
    end = date(tg.deadline, 12, 31) if tg.deadline else None

    needed = growth = expected = None
    if latest is not None and tg.deadline:
        years_left = max(tg.deadline - latest["day"].year, 1)
        gap = tg.value - float(latest["value"])
        needed = max(gap, 0.0) / years_left
        growth = ((tg.value / float(latest["value"])) ** (1 / years_left) - 1
                  if latest["value"] > 0 and gap > 0 else 0.0)
    if (baseline is not None and latest is not None and end and announced
            and baseline["fact_id"] != latest["fact_id"]):
        span = _year_fraction(announced, end) or 1.0
        done = min(max(_year_fraction(announced, latest["day"]) / span, 0.0), 1.0)
        expected = float(baseline["value"]) + (tg.value - float(baseline["value"])) * done

    if any(r["value"] >= tg.value for r in since):
        status = "met"
    elif end and today > end:
        status = "missed"
    elif latest is None or not end:
        status = "no data"
    elif expected is not None:
        status = "on track" if float(latest["value"]) >= expected else "behind"
    else:
        status = "on track" if (growth or 0) <= PLAUSIBLE_GROWTH else "behind"

    money = tg.unit == "USD"
    num = fmt.money if money else fmt.count
    return {
        "Pair": tg.pair,
        "Metric": fmt.metric(tg.metric),
        "Target": num(tg.value),
        "Target value": tg.value,
        "Announced": announced,
        "Deadline": tg.deadline,
        "Latest actual": num(latest["value"]) if latest is not None else "–",
        "Latest actual value": float(latest["value"]) if latest is not None else None,
        "As of": latest["day"] if latest is not None else None,
        "Progress": (float(latest["value"]) / tg.value) if latest is not None else None,
        "Expected by now": num(expected) if expected is not None else "–",
        "Needed per year": (num(needed) if needed is not None else "–"),
        "Growth needed per year": fmt.percent(growth) if growth is not None else "–",
        "Status": t(status),
        "Restated": len(tg.statements),
        "target_id": tg.target_id,
    }


def tracker(facts: pd.DataFrame, today: date | None = None) -> pd.DataFrame:
    """One row per target (restatements grouped), as the Targets page lists them."""
    today = today or date.today()
    found = group(facts)
    same = {k: _same(facts, *k) for k in {(tg.pair, tg.metric) for tg in found}}
    rows = [assess(tg, facts, today, same[tg.pair, tg.metric]) for tg in found]
    columns = ["Pair", "Metric", "Target", "Target value", "Announced", "Deadline",
               "Latest actual", "Latest actual value", "As of", "Progress", "Expected by now",
               "Needed per year", "Growth needed per year", "Status", "Restated", "target_id"]
    return pd.DataFrame(rows, columns=columns)


def history(facts: pd.DataFrame, target_id: str) -> pd.DataFrame:
    """Every statement of one target, oldest first: who said it, when, with which deadline."""
    for tg in group(facts):
        if tg.target_id == target_id:
            rows = sorted(tg.statements, key=lambda s: (pd.isna(s["date"]), s["date"]))
            return pd.DataFrame({
                "Date": [pd.Timestamp(s["date"]).date() if pd.notna(s["date"]) else None
                         for s in rows],
                "Figure": [fmt.figure(s["value"], s["unit"], s["qualifier"]) for s in rows],
                "By year": [s["target_year"] for s in rows],
                "Source": [s["outlet"] for s in rows],
                "Article": [fmt.text(s["title"]) or s["source"] for s in rows],
                "Evidence": [s["evidence"] for s in rows],
            })
    return pd.DataFrame(columns=["Date", "Figure", "By year", "Source", "Article", "Evidence"])


def path_frame(facts: pd.DataFrame, target_id: str) -> pd.DataFrame:
    """What the target chart plots: the actuals of the target's pair and metric and the
    target's statements, one row per point."""
    for tg in group(facts):
        if tg.target_id != target_id:
            continue
        same = facts[(facts["pair"] == tg.pair) & (facts["metric"] == tg.metric)
                     & facts["date"].notna() & (facts["kind"] == "actual")]
        rows = [("Actual", s["date"], s["value"], s["outlet"]) for _, s in same.iterrows()]
        rows += [("Target", s["date"], tg.value, s["outlet"]) for s in tg.statements
                 if pd.notna(s["date"])]
        df = pd.DataFrame(rows, columns=["Series", "Date", "Value", "Source"])
        df["Date"] = pd.to_datetime(df["Date"]).dt.date
        df["Deadline"] = tg.deadline
        df["Unit"] = tg.unit
        return df.sort_values(["Series", "Date"]).reset_index(drop=True)
    return pd.DataFrame(columns=["Series", "Date", "Value", "Source", "Deadline", "Unit"])
