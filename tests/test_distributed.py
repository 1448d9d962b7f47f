"""The Dask path gives the command line's facts, as Parquet partitioned by year.

One in-process LocalCluster (threads, no worker processes: seconds, not tens of
seconds) runs etl.distributed over the demo articles, from the folder and from an
fsspec URL (memory://, which the in-process workers share), and the facts must be
those `python -m etl extract data/raw` prints.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import fsspec
import pytest
from distributed import LocalCluster

from etl import distributed

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"


def key(pair, metric, kind, value):
    return (pair, metric, kind, round(float(value), 2))


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                      dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="module")
def cli_facts():
    out = subprocess.run([sys.executable, "-m", "etl", "extract", str(RAW)], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    facts = sorted(key(f["pair"], f["metric"], f["kind"], f["value"])
                   for f in map(json.loads, out.splitlines()))
    assert facts, "the demo articles give facts"
    return facts


def parquet_facts(out: Path) -> list[tuple]:
    rows = duckdb.sql(f"""SELECT pair, metric, kind, value, year, date
                          FROM read_parquet('{out}/facts/*/*.parquet', hive_partitioning = true)
                       """).fetchall()
    for *_, year, day in rows:  # the partition is the year of the fact's date
        assert year == (day.year if day else None)
    return sorted(key(*r[:4]) for r in rows)


def test_folder_to_parquet_partitioned_by_year(cluster, cli_facts, tmp_path):
    out = tmp_path / "out"
    counts = distributed.run(str(RAW), str(out), cluster=cluster, files_per_task=2)
    assert counts["files"] == 5 and counts["rejected_files"] == 0
    assert parquet_facts(out) == cli_facts
    assert sorted(p.name for p in (out / "facts").iterdir()) == [
        "year=2021", "year=2025", "year=2026", "year=__HIVE_DEFAULT_PARTITION__"]
    assert len(list((out / "documents").glob("*.parquet"))) == 3  # one file a task

    # the catalog gives the dashboard the database's tables and types over those files
    with duckdb.connect(str(out / "dyad.duckdb"), read_only=True) as con:
        got = sorted(key(*r) for r in con.execute(
            "SELECT pair, metric, kind, value FROM facts").fetchall())
        assert got == cli_facts
        types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                                 "WHERE table_name = 'facts'").fetchall())
        assert types["date"] == "DATE" and types["target_year"] == "INTEGER"
        n_docs, = con.execute("SELECT count(*) FROM documents").fetchone()
        assert n_docs == 5
        evidence, = con.execute("""SELECT count(*) FROM facts JOIN evidence USING (fact_id)
                                   JOIN document_texts USING (doc_id)""").fetchone()
        assert evidence == len(cli_facts)


def test_fsspec_url_to_parquet(cluster, cli_facts, tmp_path):
    fs = fsspec.filesystem("memory")
    for f in RAW.iterdir():
        fs.pipe_file(f"/bench-raw/{f.name}", f.read_bytes())
    out = tmp_path / "out"
    try:
        counts = distributed.run("memory://bench-raw", str(out), cluster=cluster)
    finally:
        fs.rm("/bench-raw", recursive=True)
    assert counts["files"] == 5 and counts["rejected_files"] == 0
    assert parquet_facts(out) == cli_facts
    with duckdb.connect(str(out / "dyad.duckdb"), read_only=True) as con:
        sources = [r[0] for r in con.execute("SELECT source FROM documents ORDER BY 1").fetchall()]
        published = con.execute("SELECT count(published) FROM documents").fetchone()[0]
    assert sources[0] == "memory://bench-raw/000_e82e9d3b7d0d753b.txt"
    assert published == 5, "the manifest among the files is read"


def test_corrections_are_applied_and_orphans_kept(cluster, tmp_path):
    first = distributed.run(str(RAW), str(tmp_path / "plain"), cluster=cluster)
    assert first["facts"]
    with duckdb.connect(str(tmp_path / "plain" / "dyad.duckdb"), read_only=True) as con:
        fact_id, = con.execute("SELECT fact_id FROM facts ORDER BY fact_id LIMIT 1").fetchone()
    fixes = tmp_path / "corrections.csv"
    fixes.write_text("fact_id,action,field,value,who,at,reason\n"
                     f"{fact_id},reject,,,ana,2025-01-01T00:00:00,not this pair\n"
                     "0000000000000000,confirm,,,ana,2025-01-01T00:00:00,gone\n", encoding="utf-8")
    out = tmp_path / "fixed"
    counts = distributed.run(str(RAW), str(out), cluster=cluster, files_per_task=1,
                             corrections_file=fixes)
    assert counts["orphaned_corrections"] == 1
    with duckdb.connect(str(out / "dyad.duckdb"), read_only=True) as con:
        status = dict(con.execute("SELECT fact_id, status FROM facts").fetchall())
        orphans = [r[0] for r in con.execute("SELECT fact_id FROM orphaned_corrections").fetchall()]
    assert status[fact_id] == "rejected"
    assert set(status.values()) == {"extracted", "rejected"}
    assert orphans == ["0000000000000000"]
