"""The build's memory stays flat as the corpus grows: the aggregates are made inside the
build's bounded buffer pool (spilling to disk), and what they hold is what they held when
they were window queries made without a limit."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl import aggregate as aggregates
from etl import store
from etl.aggregate import OUTLET, TABLES, aggregate
from etl.paths import SCHEMA_SQL

# agg_months as it was first written, a window per (pair, metric, kind, month): the
# specification the aggregate form must still meet, row for row and in order
WINDOW_MONTHS = f"""
    WITH f AS (
        SELECT *, date_trunc('month', date)::DATE AS month FROM facts
        WHERE status <> 'rejected'
    ), top AS (
        SELECT f.*, count(*) OVER w AS n, min(value) OVER w AS min_value,
               max(value) OVER w AS max_value
        FROM f
        WINDOW w AS (PARTITION BY pair, metric, kind, month)
        QUALIFY row_number() OVER (
            PARTITION BY pair, metric, kind, month
            ORDER BY date DESC NULLS LAST, confidence DESC, fact_id) = 1
    )
    SELECT top.pair, top.metric, top.kind, top.month, top.n, top.min_value, top.max_value,
           top.fact_id, top.doc_id, top.country_a, top.country_b, top.value, top.unit,
           top.qualifier, top.date, top.date_precision, top.period, top.target_year,
           top.start, top."end", top.confidence, top.block, top.status, top.reviewed_by,
           top.reviewed_at, top.review_note,
           d.source, d.title, d.url, d.lang, {OUTLET} AS outlet
    FROM top LEFT JOIN documents d USING (doc_id)
    ORDER BY top.pair, top.metric, top.kind, top.month NULLS FIRST"""



def _facts_db(path: Path, n: int) -> duckdb.DuckDBPyConnection:
    """A database of `n` facts over n/7 documents, with what picking a month's newest fact
    must get right: many facts a month, equal dates and equal confidences (fact_id breaks
    the tie), undated facts, rejected facts, documents without a URL; each fact's sentence
    (~300 characters, as the ETL keeps them) over 30 pairs."""
    con = duckdb.connect(str(path))
    con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
    con.execute(f"""
        INSERT INTO documents
        SELECT printf('%016x', i), printf('raw/%06d.txt', i),
               CASE WHEN i % 5 = 0 THEN NULL ELSE 'https://www.site' || i % 9 || '.kz/n/' || i END,
               'Новость ' || i, ['ru', 'kk', 'en'][1 + i % 3], NULL,
               DATE '2020-01-01' + (i % 900)::INTEGER, 'day',
               ['KAZ-UZB', 'CHN-RUS', NULL][1 + i % 3], 5000
        FROM range({n // 7 + 1}) t(i)""")
    con.execute(f"""
        INSERT INTO facts
        SELECT printf('%016x', hash(i) % 1000000000000), printf('%016x', i // 7),
               printf('K%02d-U%02d', i % 30, i % 30), 'A', 'B',
               ['trade_turnover', 'documents_signed'][1 + i // 3 % 2],
               ['actual', 'forecast', 'target'][1 + i // 6 % 3],
               (i % 50) * 1e8, 'USD', 'eq',
               CASE WHEN i % 13 = 0 THEN NULL ELSE DATE '2015-01-01' + (i * 37 % 2400)::INTEGER END,
               'day', NULL, NULL, i % 3000, i % 3000 + 80, [0.9, 0.55, 0.9, 0.7][1 + i % 4],
               'article', CASE WHEN i % 17 = 0 THEN 'rejected' ELSE 'extracted' END,
               NULL, NULL, NULL
        FROM range({n}) t(i)""")
    con.execute("""INSERT INTO evidence SELECT fact_id, 'Товарооборот ' || fact_id || ' '
                   || repeat('между странами вырос на ', 10) FROM facts""")
    con.execute("CHECKPOINT")
    return con


def test_months_are_what_the_window_picked(tmp_path):
    con = _facts_db(tmp_path / "d.duckdb", 20_000)
    aggregate(con, ("agg_months",))
    got = con.execute("SELECT * FROM agg_months").fetchall()  # the stored order
    want = con.execute(WINDOW_MONTHS).fetchall()
    assert len(got) == len(want) > 500
    assert got == want
    ties = con.execute("""SELECT count(*) FROM (SELECT pair, metric, kind, date, confidence
                          FROM facts GROUP BY ALL HAVING count(*) > 1)""").fetchone()[0]
    assert ties > 100  # the fact_id tie-break was exercised


def test_the_aggregates_fit_in_a_small_buffer_pool(tmp_path, monkeypatch):
    """300,000 facts with their sentences (as many as ~45,000 articles give), 48 MB and one
    thread, as the build runs them: each aggregate fits (the widest made a few pairs at a
    time) rather than fails, and holds what it holds made whole without a limit, row for
    row and in order (agg_facts's order is what agg_slices' rows point into)."""
    con = _facts_db(tmp_path / "d.duckdb", 300_000)
    free = _facts_db(tmp_path / "free.duckdb", 300_000)
    con.execute("SET memory_limit = '48MB'")
    con.execute(f"SET threads = {store.AGGREGATE_THREADS}")
    for name in TABLES:
        monkeypatch.setattr(aggregates, "PIECE_FACTS", 12_000)  # a pair a piece
        aggregate(con, (name,))  # raises OutOfMemoryException if it does not fit
        monkeypatch.setattr(aggregates, "PIECE_FACTS", 10**9)  # one piece
        aggregate(free, (name,))
        order = "" if name != "agg_options" else " ORDER BY ALL"  # a GROUP BY: any order
        assert con.execute(f"SELECT * FROM {name}{order}").fetchall() == \
            free.execute(f"SELECT * FROM {name}{order}").fetchall(), name


def test_an_aggregate_that_does_not_fit_is_made_without_the_limit(tmp_path, monkeypatch,
                                                                    capfd):
    """A build never fails for want of memory in an aggregate: one that does not fit in
    DYAD_BUILD_MEMORY is made again without the limit, and stderr says which."""
    con = _facts_db(tmp_path / "d.duckdb", 30_000)
    free = _facts_db(tmp_path / "free.duckdb", 30_000)
    monkeypatch.setattr(store, "BUILD_MEMORY_LIMIT", "1MB")  # nothing fits in that
    con.execute("SET memory_limit = '1MB'")
    limit = "SELECT current_setting('memory_limit')"
    bounded = con.execute(limit).fetchone()
    store._aggregate(con)
    assert con.execute(limit).fetchone() == bounded  # the limit is back for what follows
    con.execute("RESET memory_limit")
    aggregate(free)
    err = capfd.readouterr().err
    assert "dyad: agg_months did not fit in DYAD_BUILD_MEMORY=1MB; run again without the " \
        "limit" in err
    for name in TABLES:
        order = " ORDER BY ALL" if name == "agg_options" else ""
        assert con.execute(f"SELECT * FROM {name}{order}").fetchall() == \
            free.execute(f"SELECT * FROM {name}{order}").fetchall(), name
    threads = "SELECT current_setting('threads')"
    assert con.execute(threads).fetchone() == free.execute(threads).fetchone()  # reset


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_copy_of_a_document_in_a_later_batch_is_loaded_once(tmp_path, jobs):
    """The documents' primary key finds a copy met before (no set of every id is kept):
    its rows are dropped, and the batch's other documents are loaded."""
    import subprocess
    import sys

    from bench import corpus

    raw = corpus.generate(tmp_path / "raw", 70, log=False)
    (raw / "zzz").mkdir()
    for k in (1, 2, 40):  # after the last batch of the first 70 files: other batches
        (raw / "zzz" / f"copy-{k}.txt").write_bytes((raw / "000" / f"{k:06d}.txt").read_bytes())
    db = tmp_path / "dyad.duckdb"
    done = subprocess.run([sys.executable, "-m", "etl", "build", "--raw", str(raw), "--db",
                           str(db), "--jobs", jobs], cwd=Path(__file__).resolve().parent.parent,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 70
        assert con.execute("SELECT count(*) FROM documents WHERE source LIKE 'zzz/%'"
                           ).fetchone()[0] == 0  # kept where it was first met
        assert con.execute("SELECT count(*), count(DISTINCT fact_id) FROM facts").fetchone() \
            == con.execute("SELECT count(*), count(*) FROM evidence").fetchone()
