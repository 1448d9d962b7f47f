"""The pre-aggregated tables (etl/aggregate.py) hold the figures the facts give, the pages'
lists are paged in SQL, and the read side keeps one connection per database version."""
from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dyad import db, queries
from dyad.queries import figures

ROOT = Path(__file__).resolve().parent.parent


def rows(path: Path, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).df()


def _months_from_facts(path: Path) -> pd.DataFrame:
    """agg_months recomputed in pandas from the facts table."""
    f = rows(path, "SELECT * FROM facts WHERE status <> 'rejected'")
    f["month"] = pd.to_datetime(f["date"]).dt.to_period("M").dt.to_timestamp()
    f = f.sort_values(["date", "confidence", "fact_id"], ascending=[False, False, True],
                      na_position="last")
    keys = ["pair", "metric", "kind", "month"]
    g = f.groupby(keys, dropna=False)
    out = g.agg(n=("value", "size"), min_value=("value", "min"), max_value=("value", "max"),
                fact_id=("fact_id", "first")).reset_index()
    return out.sort_values(["pair", "metric", "kind", "fact_id"]).reset_index(drop=True)


def _check(path: Path) -> None:
    agg = rows(path, "SELECT pair, metric, kind, month, n, min_value, max_value, fact_id "
                     "FROM agg_months")
    agg["month"] = pd.to_datetime(agg["month"])
    agg = agg.sort_values(["pair", "metric", "kind", "fact_id"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(agg, _months_from_facts(path), check_dtype=False)
    pairs = rows(path, "SELECT pair, n FROM agg_pairs ORDER BY pair")
    f = rows(path, "SELECT pair FROM facts WHERE status <> 'rejected' "
                   "UNION ALL SELECT pair FROM signed_documents")
    expect = f.groupby("pair").size().rename("n").reset_index()
    pd.testing.assert_frame_equal(pairs, expect, check_dtype=False)


def test_aggregates_equal_the_facts(demo_db):
    _check(demo_db)


def test_aggregates_leave_out_a_rejected_fact(demo_db, tmp_path):
    latest = rows(demo_db, "SELECT fact_id FROM agg_months WHERE pair = 'KAZ-UZB' "
                           "AND metric = 'trade_turnover' AND kind = 'actual' "
                           "ORDER BY month DESC NULLS LAST LIMIT 1")["fact_id"][0]
    fixes = tmp_path / "corrections.csv"
    with open(fixes, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["fact_id", "action", "field", "value", "who", "at", "reason"])
        w.writerow([latest, "reject", "", "", "test", "2026-01-05T10:00:00", "wrong"])
    built = tmp_path / "dyad.duckdb"
    done = subprocess.run([sys.executable, "-m", "etl", "build", "--raw", "data/raw", "--db",
                           str(built)], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={"DYAD_CORRECTIONS": str(fixes), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert rows(built, f"SELECT status FROM facts WHERE fact_id = '{latest}'")["status"][0] \
        == "rejected"
    assert latest not in set(rows(built, "SELECT fact_id FROM agg_months")["fact_id"])
    _check(built)


def _scope() -> queries.Scope:
    lo, hi = queries.date_bounds()
    return queries.Scope("KAZ-UZB", lo, hi)


def test_latest_from_aggregates_equals_latest_from_facts(demo_db):
    scope = _scope()
    assert queries.aggregated(scope)
    latest = queries.latest(scope)
    with duckdb.connect(str(demo_db), read_only=True) as con:
        want = con.execute("""
            SELECT f.metric, f.kind, f.fact_id, f.value, f.date, d.source, d.title, e.evidence
            FROM facts f LEFT JOIN evidence e USING (fact_id) LEFT JOIN documents d USING (doc_id)
            WHERE f.pair = 'KAZ-UZB' AND f.status <> 'rejected'
            QUALIFY row_number() OVER (PARTITION BY f.metric, f.kind
                                       ORDER BY f.date DESC NULLS LAST, f.confidence DESC,
                                                f.fact_id) = 1
            ORDER BY f.metric, f.kind""").df()
    pd.testing.assert_frame_equal(latest[list(want.columns)].reset_index(drop=True), want,
                                  check_dtype=False)
    for metrics in [None, ("trade_turnover",)]:
        assert queries.count_facts(scope, metrics) == len(queries.facts(scope, metrics))


def test_agg_facts_is_every_fact_with_its_evidence_and_article_in_order(demo_db):
    with duckdb.connect(str(demo_db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM agg_facts").fetchone() == \
            con.execute("SELECT count(*) FROM facts").fetchone()
        wrong = con.execute("""
            SELECT count(*) FROM agg_facts a JOIN facts f USING (fact_id)
            LEFT JOIN evidence e USING (fact_id) LEFT JOIN documents d ON d.doc_id = a.doc_id
            WHERE a.value IS DISTINCT FROM f.value OR a.status IS DISTINCT FROM f.status
               OR a.evidence IS DISTINCT FROM e.evidence OR a.title IS DISTINCT FROM d.title
               OR a.lang IS DISTINCT FROM d.lang""").fetchone()
        assert wrong == (0,)
        # stored in the facts' order, so that rowid is a position the other tables keep
        order = con.execute("SELECT rowid, pair, metric, date, fact_id FROM agg_facts").df()
        assert list(order["rowid"]) == list(order.sort_values(
            ["pair", "metric", "date", "fact_id"], na_position="first")["rowid"])
        for table in ("agg_slices",):
            assert con.execute(f"SELECT count(*) FROM {table} s JOIN agg_facts f "
                               "ON f.rowid = s.row WHERE f.fact_id <> s.fact_id").fetchone() \
                == (0,)


def test_the_timeline_reads_the_kinds_of_event_the_build_found(demo_db):
    from dyad import timeline
    from etl import aggregate

    assert aggregate.EVENT_WORDS == timeline.EVENT_WORDS  # repeated: the ETL cannot import dyad
    assert aggregate.HEAD == queries.HEAD
    scope = _scope()
    stored = queries.documents_of_pair(scope, events=timeline.EVENT_WORDS)
    asked = queries.documents_of_pair(scope, events=[(k, w + "|") for k, w in
                                                     timeline.EVENT_WORDS[:1]])
    assert list(stored["doc_id"]) == list(asked["doc_id"])
    assert stored["event_signing"].any() and asked["event_signing"].all()  # "" matches all
    with duckdb.connect(str(demo_db), read_only=True) as con:
        texts = dict(con.execute("SELECT doc_id, text FROM document_texts").fetchall())
    for row in stored.itertuples():
        head = texts.get(row.doc_id, "")[:queries.HEAD]
        assert row.event_visit == bool(re.search(timeline.EVENT_WORDS[1][1], head, re.I))


def test_slices_combined_are_the_months(demo_db):
    with duckdb.connect(str(demo_db), read_only=True) as con:
        months = con.execute("SELECT pair, metric, kind, month, n, min_value, max_value, fact_id "
                             "FROM agg_months ORDER BY ALL").df()
        combined = con.execute("""
            SELECT pair, metric, kind, month, sum(n) OVER w AS n, min(min_value) OVER w AS
                   min_value, max(max_value) OVER w AS max_value, fact_id
            FROM agg_slices WHERE lo = 0 AND NOT whole
            WINDOW w AS (PARTITION BY pair, metric, kind, month)
            QUALIFY row_number() OVER (w ORDER BY date DESC NULLS LAST, confidence DESC,
                                                  fact_id) = 1
            ORDER BY ALL""").df()
        whole = con.execute("SELECT pair, metric, kind, month, n, min_value, max_value, fact_id "
                            "FROM agg_slices WHERE lo = 0 AND whole ORDER BY ALL").df()
    pd.testing.assert_frame_equal(combined, months, check_dtype=False)
    pd.testing.assert_frame_equal(whole, months, check_dtype=False)


def test_a_paged_list_returns_page_two(demo_db):
    scope = _scope()
    every = queries.facts(scope)
    assert len(every) >= 6
    page2 = queries.facts(scope, limit=3, offset=3)
    assert list(page2["fact_id"]) == list(every["fact_id"][3:6])
    assert list(page2["evidence"]) == list(every["evidence"][3:6])
    review = queries.review_facts(scope)
    assert list(queries.review_facts(scope, limit=2, offset=2)["fact_id"]) == \
        list(review["fact_id"][2:4])
    assert queries.count_review_facts(scope) == len(review)
    assert len(queries.facts_csv(scope)) == queries.count_facts(scope)


def test_no_query_returns_more_than_its_limit(demo_db):
    scope = _scope()
    assert len(queries.facts(scope, limit=2)) == 2
    assert len(queries.to_review(scope, threshold=1.0, limit=1)) == 1
    assert len(queries.signed_documents(scope, limit=2)) == 2
    assert len(queries.documents_of_pair(scope, limit=1)) == 1
    assert len(queries.facts(scope, limit=10 ** 9)) <= queries.MAX_ROWS


def test_a_chart_of_many_facts_plots_months(demo_db, monkeypatch):
    scope = _scope()
    each = queries.series(scope, ("trade_turnover",))
    assert "n" not in each and len(each) == queries.count_facts(scope, ("trade_turnover",))
    monkeypatch.setattr(figures, "POINTS", 1)
    months = queries.series(scope, ("trade_turnover",))
    assert months["n"].sum() == len(each)
    assert months["date"].is_monotonic_increasing
    assert months["source"].notna().all()


def test_one_connection_per_database_version(demo_db, monkeypatch):
    db._cached.cache_clear()
    db._CONNECTIONS.close()
    opened = []
    real = duckdb.connect

    def counting(*a, **k):
        opened.append(a)
        return real(*a, **k)

    monkeypatch.setattr(db.duckdb, "connect", counting)
    for i in range(5):
        db.query("SELECT count(*) + ? AS n FROM facts", [i])
    assert len(opened) == 1


@pytest.mark.parametrize("table", ["agg_pairs", "agg_bounds", "agg_options", "agg_months",
                                   "agg_events", "agg_coverage", "agg_facts", "agg_slices",
                                   "agg_unsure", "agg_articles", "agg_trade_days"])
def test_the_dashboard_checks_every_aggregate(table):
    assert table in db.TABLES
