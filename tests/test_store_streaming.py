"""The build streams: rows are inserted batch by batch, never held for the whole corpus,
and the pool's database is the one-job database, row for row."""
from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import weakref
from pathlib import Path

import duckdb

from bench import corpus
from etl import store
from etl.model import Extraction, Fact

ROOT = Path(__file__).resolve().parent.parent
TABLES = {"documents": "doc_id", "document_texts": "doc_id", "facts": "fact_id",
          "evidence": "fact_id", "signed_documents": "doc_id, seq", "rejected_files": "source",
          "orphaned_corrections": "fact_id"}


def _extraction(i: int) -> Extraction:
    doc_id = f"{i:040x}"
    text = f"Товарооборот между Казахстаном и Узбекистаном составил {i + 1} млрд долларов."
    pair = ("KAZ-UZB", "CHN-RUS", "KGZ-TJK")[i % 3]
    facts = [Fact(f"f{i}.txt", doc_id, pair, "trade_turnover", kind, float(i + 1) * 1e9, "USD",
                  "eq", f"202{i % 5}-0{1 + i % 9}-01" if i % 4 else None, "month", None, None,
                  text, 0, len(text), 0.9) for kind in ("actual", "target")]
    return Extraction(f"f{i}.txt", doc_id, text, "ru", None, None, None, None, None, pair, facts)


def test_batches_are_inserted_as_they_come_and_never_held(tmp_path):
    made: list[weakref.ref[store.Batch]] = []
    most = 0

    def batches():
        nonlocal most
        for k in range(60):
            b = store.batch([_extraction(k * 10 + j) for j in range(10)])
            if k == 30:  # the same text again (a copy of a file met before): loaded once
                b = store.batch([_extraction(7), _extraction(k * 10)])
            made.append(weakref.ref(b))
            most = max(most, sum(r() is not None for r in made))
            yield b
            del b

    db = tmp_path / "dyad.duckdb"
    counts = store.write_database(db, batches(), [("bad.pdf", "not a PDF")])
    # the one being inserted and the one before it; the old build held every row to the end
    assert most <= 2
    n = 59 * 10 + 1
    assert counts["documents"] == n and counts["facts"] == 2 * n
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*), count(DISTINCT fact_id) FROM facts").fetchone() == (
            2 * n, 2 * n)
        assert con.execute("SELECT count(*) FROM evidence").fetchone()[0] == 2 * n
        assert con.execute("SELECT count(*) FROM document_texts").fetchone()[0] == n
        order = con.execute("SELECT pair, metric, coalesce(date::VARCHAR, ''), fact_id "
                            "FROM facts").fetchall()
        assert order == sorted(order)  # the sorted copy the pages' zone maps rely on
        assert con.execute("SELECT source FROM rejected_files").fetchall() == [("bad.pdf",)]
    assert not list(tmp_path.glob(".dyad.duckdb.building-*"))


def _dump(db: Path) -> dict[str, list]:
    with duckdb.connect(str(db), read_only=True) as con:
        out = {t: con.execute(f"SELECT * FROM {t} ORDER BY {key}").fetchall()
               for t, key in TABLES.items()}
        out["facts in stored order"] = con.execute("SELECT fact_id FROM facts").fetchall()
        out["build_info"] = con.execute("SELECT * FROM build_info WHERE key <> 'built_at' "
                                        "ORDER BY key").fetchall()
    return out


def test_the_pool_builds_the_one_job_database(tmp_path):
    raw = corpus.generate(tmp_path / "raw", 90, log=False)  # over POOL_MIN_FILES: a pool
    shutil.copy(raw / "000" / "000003.txt", raw / "000" / "copy-of-3.txt")
    (raw / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    dbs = {}
    for jobs in ("1", "2"):
        db = tmp_path / f"jobs{jobs}" / "dyad.duckdb"
        done = subprocess.run([sys.executable, "-m", "etl", "build", "--raw", str(raw), "--db",
                               str(db), "--jobs", jobs], cwd=ROOT, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 1 and "broken.pdf" in done.stderr, done.stderr[-2000:]
        dbs[jobs] = _dump(db)
    one, two = dbs["1"], dbs["2"]
    assert len(one["documents"]) == 90  # the copy is the same document
    assert len(one["facts"]) > 300 and len(one["rejected_files"]) == 1
    assert one == two


def test_corrections_are_applied_in_the_sorted_copy(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    db = tmp_path / "dyad.duckdb"
    fixes = tmp_path / "corrections.csv"

    def build() -> None:
        done = subprocess.run([sys.executable, "-m", "etl", "build", "--raw", str(raw), "--db",
                               str(db)], cwd=ROOT, capture_output=True, text=True, timeout=300,
                              env={"DYAD_CORRECTIONS": str(fixes), "PATH": "/usr/bin:/bin"})
        assert done.returncode == 0, done.stderr[-2000:]

    build()
    with duckdb.connect(str(db), read_only=True) as con:
        a, b = (r[0] for r in con.execute("SELECT fact_id FROM facts ORDER BY fact_id LIMIT 2")
                .fetchall())
    with fixes.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["fact_id", "action", "field", "value", "who", "at", "reason"])
        w.writerow([a, "correct", "pair", "AAA-ZZZ", "aigerim", "2026-01-05T10:00:00", "pair"])
        w.writerow([b, "correct", "date", "2031-02-03", "timur", "2026-01-05T10:01:00", ""])
        w.writerow(["0000000000000000", "reject", "", "", "timur", "2026-01-05T10:02:00", ""])
    build()
    with duckdb.connect(str(db), read_only=True) as con:
        got = dict(con.execute("SELECT fact_id, (pair, country_a, country_b, date::VARCHAR, "
                               "status, reviewed_by) FROM facts WHERE fact_id IN (?, ?)",
                               [a, b]).fetchall())
        assert got[a][:3] == ("AAA-ZZZ", "AAA", "ZZZ") and got[a][4:] == ("corrected", "aigerim")
        assert got[b][3:] == ("2031-02-03", "corrected", "timur")
        assert con.execute("SELECT fact_id FROM orphaned_corrections").fetchall() == [
            ("0000000000000000",)]
        order = con.execute("SELECT pair, metric, coalesce(date::VARCHAR, ''), fact_id "
                            "FROM facts").fetchall()
        assert order == sorted(order) and order[0][0] == "AAA-ZZZ"
