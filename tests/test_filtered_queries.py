"""The read side's answers with the sidebar's filters in use (confidence, language, source,
part-month date ranges, metric and kind) equal the same questions asked of the base tables
(facts, evidence, documents) in the plainest way, on a synthetic database with every
language and outlet mixed in each pair (bench/factsdb.py)."""
from __future__ import annotations

import os
from datetime import date

import duckdb
import pandas as pd
import pytest

from bench import factsdb
from dyad import db, queries
from dyad.queries import figures

OUTLET = queries.OUTLET
N_FACTS = 30_000


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    path = tmp_path_factory.mktemp("synthetic") / "facts.duckdb"
    factsdb.build(path, N_FACTS)
    previous = os.environ.get("DYAD_DB")
    os.environ["DYAD_DB"] = str(path)
    with duckdb.connect(str(path), read_only=True) as con:
        every = con.execute(f"""
            SELECT f.*, e.evidence, d.source, d.title, d.url, d.lang, {OUTLET} AS outlet
            FROM facts f LEFT JOIN evidence e USING (fact_id) LEFT JOIN documents d USING (doc_id)
        """).df()
    every["date"] = pd.to_datetime(every["date"])
    yield path, every
    if previous is None:
        os.environ.pop("DYAD_DB", None)
    else:
        os.environ["DYAD_DB"] = previous


PAIR = "KAZ-UZB"
SCOPES = {
    "default": {},
    "confidence on a step": {"min_confidence": 0.7},
    "confidence between steps": {"min_confidence": 0.63},
    "language": {"langs": ("en", "kk")},
    "source": {"outlets": ("kun.uz",)},
    "part months": {"start": date(2019, 3, 15), "end": date(2024, 10, 20)},
    "within one month": {"start": date(2022, 5, 3), "end": date(2022, 5, 27)},
    "two part months": {"start": date(2022, 5, 3), "end": date(2022, 6, 27)},
    "everything": {"min_confidence": 0.55, "langs": ("ru", "uz"), "outlets": ("tass.ru", "24.kg"),
                   "start": date(2005, 2, 2), "end": date(2023, 7, 30), "kinds": ("actual",),
                   "metrics": ("trade_turnover", "joint_ventures")},
}


def scope_of(name: str) -> queries.Scope:
    values = dict(SCOPES[name])
    lo, hi = queries.date_bounds()
    return queries.Scope(PAIR, values.pop("start", lo), values.pop("end", hi), **values)


def truth(every: pd.DataFrame, s: queries.Scope, metrics: tuple[str, ...] | None = None,
          rejected: bool = False) -> pd.DataFrame:
    """The scope's facts, filtered in pandas."""
    f = every[every["pair"] == s.pair]
    if not rejected:
        f = f[f["status"] != "rejected"]
    f = f[f["date"].isna() | f["date"].between(pd.Timestamp(s.start), pd.Timestamp(s.end))]
    for column, values in (("metric", metrics or s.metrics), ("metric", s.metrics if metrics
                                                                else ()),
                           ("kind", s.kinds), ("lang", s.langs), ("outlet", s.outlets)):
        if values:
            f = f[f[column].isin(values)]
    return f[f["confidence"] >= s.min_confidence]


def newest_first(f: pd.DataFrame) -> pd.DataFrame:
    return f.sort_values(["date", "metric", "kind", "start", "fact_id"],
                         ascending=[False, True, True, True, True], na_position="last")


def winners(f: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The newest fact per group: newest date, then surest, then smallest fact_id."""
    ordered = f.sort_values(["date", "confidence", "fact_id"], ascending=[False, False, True],
                            na_position="last")
    return ordered.groupby(keys, dropna=False, sort=False).head(1)


@pytest.fixture(autouse=True)
def _fresh_cache():
    db._cached.cache_clear()


@pytest.mark.parametrize("name", list(SCOPES))
def test_facts_and_their_count(synthetic, name):
    _, every = synthetic
    s = scope_of(name)
    for metrics in (None, ("trade_turnover",), ("documents_signed", "flights_per_week")):
        expect = newest_first(truth(every, s, metrics))
        assert queries.count_facts(s, metrics) == len(expect)
        for limit, offset in ((100, 0), (100, 100), (1000, 0)):
            got = queries.facts(s, metrics, limit=limit, offset=offset)
            want = expect.iloc[offset:offset + limit]
            assert list(got["fact_id"]) == list(want["fact_id"])
            assert list(got["evidence"]) == list(want["evidence"])
            assert list(got["outlet"]) == list(want["outlet"])


@pytest.mark.parametrize("name", list(SCOPES))
def test_latest(synthetic, name):
    _, every = synthetic
    s = scope_of(name)
    want = winners(truth(every, s), ["metric", "kind"]).sort_values(["metric", "kind"])
    got = queries.latest(s)
    assert list(got["fact_id"]) == list(want["fact_id"])
    assert list(got["evidence"]) == list(want["evidence"])
    assert list(got["title"]) == list(want["title"])


def _tidy(df: pd.DataFrame, cols: list[str], key: list[str]) -> pd.DataFrame:
    """The columns compared, in one order; None and NaN both "no language"."""
    df = df[cols].sort_values(key).reset_index(drop=True)
    return df.astype({c: object for c in ("source", "title", "lang", "outlet")}).where(
        df.notna(), None)


@pytest.mark.parametrize("name", list(SCOPES))
def test_monthly_series(synthetic, name, monkeypatch):
    _, every = synthetic
    monkeypatch.setattr(figures, "POINTS", 10)  # one point per month past 10 facts
    s = scope_of(name)
    for metrics in (("trade_turnover",), ("documents_signed",)):
        f = truth(every, s, metrics).assign(month=lambda d: d["date"].dt.to_period("M"))
        if len(f) <= 10:
            continue
        top = winners(f, ["metric", "kind", "month"]).set_index(["metric", "kind", "month"])
        g = f.groupby(["metric", "kind", "month"], dropna=False)["value"]
        want = top.assign(n=g.size(), min_value=g.min(), max_value=g.max()).reset_index()
        got = queries.series(s, metrics)
        got["month"] = pd.to_datetime(got["month"]).dt.to_period("M")
        key = ["metric", "kind", "fact_id"]
        cols = [*key, "n", "min_value", "max_value", "value", "source", "title", "lang",
                "outlet", "date", "status"]
        pd.testing.assert_frame_equal(_tidy(got, cols, key), _tidy(want, cols, key),
                                      check_dtype=False)
        if metrics == ("documents_signed",):  # the events table shows their sentences
            assert (got.set_index("fact_id")["evidence"]
                    == want.set_index("fact_id")["evidence"].reindex(got["fact_id"])).all()


@pytest.mark.parametrize("name", list(SCOPES))
def test_metrics_read_together_plot_as_each_alone(synthetic, name, monkeypatch):
    # Cooperation reads its three metrics' month rows at once; each chart must still get
    # what it would alone, whichever side of POINTS each metric falls on.
    _, every = synthetic
    s = scope_of(name)
    metrics = queries.COOPERATION
    counts = sorted(len(truth(every, s, (m,))) for m in metrics)
    for points in {0, counts[1], counts[-1]}:  # all by month, mixed, all by fact
        monkeypatch.setattr(figures, "POINTS", points)
        together = queries.series_each(s, metrics)
        for m in metrics:
            pd.testing.assert_frame_equal(_nulls(together[m]), _nulls(queries.series(s, (m,))),
                                          obj=f"{m} {points}")


def _nulls(df: pd.DataFrame) -> pd.DataFrame:
    """Missing values as None: a column all null alone reads as object, in a frame of
    several metrics as strings (NaN)."""
    return df.astype(object).where(df.notna(), None)


@pytest.mark.parametrize("name", list(SCOPES))
def test_to_review_and_review(synthetic, name):
    _, every = synthetic
    s = scope_of(name)
    unsure = truth(every, s)
    unsure = unsure[unsure["confidence"] < queries.REVIEW_THRESHOLD].sort_values(
        ["confidence", "date", "fact_id"], ascending=[True, False, True], na_position="last")
    assert list(queries.to_review(s)["fact_id"]) == list(unsure["fact_id"][:queries.PAGE])
    assert queries.count_to_review(s) == len(unsure)
    everything = newest_first(truth(every, s, rejected=True))
    assert queries.count_review_facts(s) == len(everything)
    got = queries.review_facts(s, limit=100, offset=100)
    assert list(got["fact_id"]) == list(everything["fact_id"][100:200])


@pytest.mark.parametrize("name", ["default", "part months", "within one month",
                                  "two part months"])
def test_every_pair_and_coverage_over_part_months(synthetic, name):
    path, every = synthetic
    s = scope_of(name)
    trade = every[(every["metric"] == "trade_turnover") & (every["kind"] == "actual")
                  & (every["status"] != "rejected")]
    trade = trade[trade["date"].isna()
                  | trade["date"].between(pd.Timestamp(s.start), pd.Timestamp(s.end))]
    want = winners(trade, ["pair"]).set_index("pair")["value"]
    got = queries.pair_summary(s).set_index("pair")["latest_trade"].dropna()
    assert got.sort_index().to_dict() == want.sort_index().to_dict()
    with duckdb.connect(str(path), read_only=True) as con:
        articles = con.execute(f"""
            WITH dp AS (
                SELECT doc_id, pair FROM documents WHERE pair IS NOT NULL
                UNION SELECT doc_id, pair FROM facts WHERE status <> 'rejected'
                UNION SELECT doc_id, pair FROM signed_documents
            )
            SELECT dp.pair, date_trunc('month', d.date)::DATE AS month,
                   coalesce(d.lang, '?') AS lang, {OUTLET} AS outlet, count(*) AS articles
            FROM dp JOIN documents d USING (doc_id)
            WHERE dp.pair IN ('KAZ-UZB', 'KAZ-KGZ') AND d.date BETWEEN ? AND ?
            GROUP BY ALL ORDER BY month, dp.pair, lang, outlet""", [s.start, s.end]).df()
    got = queries.coverage(s, ("KAZ-UZB", "KAZ-KGZ"))
    pd.testing.assert_frame_equal(got.reset_index(drop=True), articles, check_dtype=False)


def test_a_minimum_confidence_between_steps_reads_the_step_it_falls_in():
    assert queries.scope.confidence_step(0.7) == (14, None)
    assert queries.scope.confidence_step(0.0) == (0, None)
    assert queries.scope.confidence_step(1.0) == (20, None)
    assert queries.scope.confidence_step(0.63) == (13, 0.65)
    assert queries.scope.confidence_step(0.6000001) == (13, 0.65)


def test_compare_mixes_a_pair_plotted_by_month_with_one_plotted_by_fact(synthetic, monkeypatch):
    from dyad import tables

    monkeypatch.setattr(figures, "POINTS", 100)
    small = queries.pairs()[-1]
    s = queries.Scope(PAIR, *queries.date_bounds(), pairs=(small,))
    assert queries.count_facts(s, ("trade_turnover",), pair=small) <= 100
    df = tables.pair_series(queries.series_of_pairs(s, s.all_pairs, ("trade_turnover",)))
    assert set(df["Pair"]) == {PAIR, small}
    single = df[df["Pair"] == small]
    assert (single["Facts in month"] == 1).all() and (single["Lowest"] == single["Value"]).all()
    assert df.loc[df["Pair"] == PAIR, "Facts in month"].sum() > len(df[df["Pair"] == PAIR])
