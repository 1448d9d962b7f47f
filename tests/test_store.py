"""`python -m etl build`: a real DuckDB file, rebuilt atomically, same input → same database."""
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent


def build(raw, db):
    return subprocess.run([sys.executable, "-m", "etl", "build", "--raw", str(raw), "--db", str(db)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def rows(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_build_loads_documents_facts_evidence_and_signed_documents(demo_db):
    assert rows(demo_db, "SELECT count(*) FROM documents")[0][0] == 5
    n_facts = rows(demo_db, "SELECT count(*) FROM facts")[0][0]
    assert n_facts >= 10
    # every fact has its sentence; keys are unique and not null; relationships hold
    assert rows(demo_db, "SELECT count(*) FROM evidence")[0][0] == n_facts
    assert rows(demo_db, "SELECT count(DISTINCT fact_id) FROM facts")[0][0] == n_facts
    assert rows(demo_db, "SELECT count(*) FROM facts f LEFT JOIN documents d USING (doc_id) "
                         "WHERE d.doc_id IS NULL")[0][0] == 0
    assert rows(demo_db, "SELECT count(*) FROM facts f LEFT JOIN evidence e USING (fact_id) "
                         "WHERE e.fact_id IS NULL")[0][0] == 0
    assert rows(demo_db, "SELECT count(*) FROM facts WHERE pair IS NULL OR metric IS NULL")[0][0] == 0
    # evidence is the text at the fact's offsets
    for text, ev in rows(demo_db, "SELECT substr(t.text, f.start + 1, f.\"end\" - f.start), e.evidence "
                                  "FROM facts f JOIN evidence e USING (fact_id) "
                                  "JOIN document_texts t USING (doc_id)"):
        assert text == ev
    signed = rows(demo_db, "SELECT title, doc_type, sector FROM signed_documents ORDER BY doc_id, seq")
    assert len(signed) >= 9
    assert ("water" in {s[2] for s in signed}) and ("memorandum" in {s[1] for s in signed})


def test_build_twice_gives_the_same_database_and_picks_up_new_files(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    db = tmp_path / "dyad.duckdb"
    assert build(raw, db).returncode == 0
    q = "SELECT fact_id, pair, metric, kind, value FROM facts ORDER BY fact_id"
    first = rows(db, q)
    assert build(raw, db).returncode == 0
    assert rows(db, q) == first
    (raw / "new.txt").write_text(
        "Товарооборот между Туркменистаном и Китаем составил 10 млрд долларов.", encoding="utf-8")
    assert build(raw, db).returncode == 0
    assert ("CHN-TKM",) in rows(db, "SELECT DISTINCT pair FROM facts")
    assert not list(tmp_path.glob(".*building*"))  # no temporary file left behind


def test_reader_keeps_working_while_a_build_replaces_the_file(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    db = tmp_path / "dyad.duckdb"
    build(raw, db)
    reader = duckdb.connect(str(db), read_only=True)
    try:
        before = reader.execute("SELECT count(*) FROM facts").fetchone()
        assert build(raw, db).returncode == 0  # a reader holds the old file open
        assert reader.execute("SELECT count(*) FROM facts").fetchone() == before
    finally:
        reader.close()
    assert rows(db, "SELECT count(*) FROM facts")[0] == before


def test_unreadable_raw_file_is_listed_and_the_rest_is_built(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    (raw / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    db = tmp_path / "dyad.duckdb"
    p = build(raw, db)
    assert p.returncode == 1 and "broken.pdf" in p.stderr
    assert rows(db, "SELECT count(*) FROM documents")[0][0] == 5
    assert rows(db, "SELECT source FROM rejected_files")[0][0].endswith("broken.pdf")
