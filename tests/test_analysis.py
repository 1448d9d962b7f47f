"""Targets, corroboration, timeline and compare: the read side's analysis, on frames written
here (example tables) and on the demo database."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dyad import catalog, claims, queries, targets, timeline

COLUMNS = ["fact_id", "doc_id", "pair", "metric", "kind", "value", "unit", "qualifier", "date",
           "date_precision", "period", "target_year", "confidence", "outlet", "title",
           "source", "evidence", "status", "reviewed_by", "reviewed_at"]


def facts(*rows: tuple) -> pd.DataFrame:
    """(kind, value, date, target_year[, period, outlet]) -> a facts frame of KAZ-UZB trade."""
    out = []
    for i, row in enumerate(rows):
        kind, value, day, year, *rest = row
        period = rest[0] if rest else None
        outlet = rest[1] if len(rest) > 1 else f"site{i}.kz"
        out.append((f"f{i}", f"d{i}", "KAZ-UZB", "trade_turnover", kind, float(value), "USD",
                    "eq", pd.Timestamp(day), "day", period, year, 0.9, outlet, f"t{i}",
                    f"s{i}.txt", "…", "extracted", None, None))
    return pd.DataFrame(out, columns=COLUMNS)


B = 1e9


@pytest.mark.parametrize(("rows", "today", "status"), [
    # "$10 bn within five years", said in 2021 when trade was $4 bn; $9 bn in 2025: on track
    ([("forecast", 4 * B, "2021-12-06", None), ("target", 10 * B, "2021-12-06", 2026),
      ("actual", 9 * B, "2025-11-15", None)], date(2026, 1, 1), "on track"),
    # the same with $4 bn in 2025: behind
    ([("forecast", 4 * B, "2021-12-06", None), ("target", 10 * B, "2021-12-06", 2026),
      ("actual", 4 * B, "2025-11-15", None)], date(2026, 1, 1), "behind"),
    # reached
    ([("target", 10 * B, "2021-12-06", 2026), ("actual", 10.5 * B, "2025-06-01", None)],
     date(2026, 1, 1), "met"),
    # the deadline year is over
    ([("target", 10 * B, "2021-12-06", 2026), ("actual", 6 * B, "2025-06-01", None)],
     date(2027, 2, 1), "missed"),
    # nothing reported since the announcement
    ([("actual", 3 * B, "2020-01-01", None), ("target", 10 * B, "2021-12-06", 2026)],
     date(2026, 1, 1), "no data"),
    # one figure, no baseline: judged by the growth still needed (here 11 % a year: behind)
    ([("target", 10 * B, "2021-12-06", 2030), ("actual", 4 * B, "2022-01-01", None)],
     date(2026, 1, 1), "behind"),
])
def test_target_status(rows, today, status):
    tracker = targets.tracker(facts(*rows), today)
    assert len(tracker) == 1
    assert tracker.iloc[0]["Status"] == status


def test_a_restated_target_is_one_target_with_its_history():
    df = facts(("target", 10 * B, "2021-12-06", 2026), ("target", 10 * B, "2021-12-07", None),
               ("target", 10.1 * B, "2025-11-15", 2026), ("target", 15 * B, "2025-11-15", 2030),
               ("actual", 4 * B, "2025-11-15", None))
    tracker = targets.tracker(df, date(2026, 1, 1))
    assert sorted(tracker["Restated"]) == [1, 3]
    ten = tracker[tracker["Restated"] == 3].iloc[0]
    assert (ten["Announced"], ten["Deadline"]) == (date(2021, 12, 6), 2026)
    assert ten["Needed per year"] == "$6.0 bn" and ten["Growth needed per year"] == "150%"
    history = targets.history(df, ten["target_id"])
    assert list(history["Date"]) == [date(2021, 12, 6), date(2021, 12, 7), date(2025, 11, 15)]


def test_demo_target_is_the_ten_billion_by_2026(demo_db):
    lo, hi = queries.date_bounds()
    tracker = targets.tracker(catalog.target_facts(queries.Scope("KAZ-UZB", lo, hi)),
                              date(2026, 1, 1))
    row = tracker.iloc[0]
    assert (row["Target"], row["Deadline"], row["Latest actual"]) == ("$10.0 bn", 2026, "$4.0 bn")
    assert row["Restated"] == 3 and row["Status"] == "behind"


def test_one_figure_from_several_sources_is_one_claim():
    df = facts(("actual", 4 * B, "2025-11-15", None, "2025-YTD", "kun.uz"),
               ("actual", 4.01 * B, "2025-11-16", None, "2025-YTD", "gazeta.uz"),
               ("actual", 4 * B, "2025-11-17", None, "2025-YTD", "kun.uz"))
    table = claims.claims(df)
    assert len(table) == 1
    claim = table.iloc[0]
    assert claim["Articles"] == 3 and claim["Sources"] == "kun.uz (2); gazeta.uz"
    assert not claim["Conflict"] and claims.conflicts(table).empty


def test_different_figures_for_one_period_are_a_conflict_never_averaged():
    df = facts(("actual", 4 * B, "2025-11-15", None, "2025-YTD", "kun.uz"),
               ("actual", 4.2 * B, "2025-11-20", None, "2025-YTD", "gazeta.uz"),
               ("actual", 3 * B, "2024-11-20", None, "2024-YTD", "kun.uz"))
    table = claims.claims(df)
    assert table["Conflict"].sum() == 2
    side = claims.conflicts(table)
    assert len(side) == 1
    row = side.iloc[0]
    assert (row["Period"], row["Figure 1"], row["Figure 2"]) == ("2025-YTD", "$4.0 bn", "$4.2 bn")
    assert (row["Sources 1"], row["Sources 2"]) == ("kun.uz", "gazeta.uz")
    assert "$4.1 bn" not in set(table["Figure"])


@pytest.mark.parametrize(("text", "kinds"), [
    ("Подписан пакет документов по итогам переговоров", ["signing", "talks"]),
    ("Государственный визит Президента Казахстана", ["visit"]),
    ("Talks in Tashkent", ["talks"]),
    ("Товарооборот вырос на 10 процентов", ["report"]),
])
def test_event_kinds(text, kinds):
    assert timeline.event_kinds(text) == kinds


def test_demo_timeline_and_coverage(demo_db):
    lo, hi = queries.date_bounds()
    s = queries.Scope("KAZ-UZB", lo, hi)
    events = catalog.build("timeline", s).frame
    assert list(events["Date"]) == [date(2021, 12, 6), date(2025, 11, 15), date(2025, 11, 16)]
    assert events.iloc[0]["Documents signed"] == 3 and "signing" in events.iloc[0]["Event"]
    coverage = catalog.build("coverage", s).frame
    assert coverage.groupby("Month")["Articles"].sum().to_dict() == {"2021-12": 2, "2025-11": 2}
    assert set(coverage["Language"]) == {"ru"}


def test_demo_compare_matrix_network_map(demo_db):
    lo, hi = queries.date_bounds()
    s = queries.Scope("KAZ-UZB", lo, hi, pairs=("KAZ-TJK",))
    compare = catalog.build("compare", s)
    assert set(compare.frame["Pair"]) == {"KAZ-UZB"}  # KAZ-TJK reports no trade
    matrix = catalog.build("matrix-documents", s).frame.set_index("Pair")
    assert matrix.loc["KAZ-UZB", "Documents signed"] == 30  # 22 in 2021 + 8 in 2025
    assert matrix.loc["KAZ-TJK", "Documents signed"] == 1
    for cid in ("matrix-documents", "matrix-trade", "network", "map"):
        assert catalog.build(cid, s).figure is not None
    spec = catalog.build("map", s).figure.to_plotly_json()
    assert not any(tr["type"].startswith(("scattergeo", "choropleth")) for tr in spec["data"])


def test_filters_narrow_the_facts(demo_db):
    lo, hi = queries.date_bounds()
    every = queries.facts(queries.Scope("KAZ-UZB", lo, hi))
    assert set(queries.facts(queries.Scope("KAZ-UZB", lo, hi, kinds=("target",)))["kind"]) == {
        "target"}
    sure = queries.facts(queries.Scope("KAZ-UZB", lo, hi, min_confidence=0.8))
    assert 0 < len(sure) < len(every) and (sure["confidence"] >= 0.8).all()
    site = queries.facts(queries.Scope("KAZ-UZB", lo, hi, outlets=("president.uz",)))
    assert set(site["outlet"]) == {"president.uz"}
    assert queries.facts(queries.Scope("KAZ-UZB", lo, hi, langs=("kk",))).empty
    only = queries.facts(queries.Scope("KAZ-UZB", lo, hi, metrics=("joint_ventures",)),
                         ("trade_turnover",))
    assert only.empty  # a page's metric outside the sidebar's choice shows nothing
