"""Corrections live apart from the database and survive every rebuild."""
import csv
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent


def build(raw, db, corrections):
    env = {"DYAD_CORRECTIONS": str(corrections), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "etl", "build", "--raw", str(raw), "--db", str(db)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)


def q(db, sql, *params):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def test_correct_reject_confirm_are_reapplied_on_rebuild(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    db, corr = tmp_path / "dyad.duckdb", tmp_path / "corrections.csv"
    assert build(raw, db, corr).returncode == 0
    target = q(db, "SELECT fact_id FROM facts WHERE metric = 'joint_ventures'")[0][0]
    wrong = q(db, "SELECT fact_id FROM facts WHERE metric = 'flights_per_week'")[0][0]
    sure = q(db, "SELECT fact_id FROM facts WHERE metric = 'documents_signed' AND value = 22")[0][0]
    with corr.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["fact_id", "action", "field", "value", "who", "at", "reason"])
        w.writerow([target, "correct", "value", "6600", "aigerim", "2026-01-05T10:00:00", "typo"])
        w.writerow([wrong, "reject", "", "", "aigerim", "2026-01-05T10:01:00", "route figure"])
        w.writerow([sure, "confirm", "", "", "timur", "2026-01-06T09:00:00", ""])
        w.writerow(["0000gone0000", "reject", "", "", "timur", "2026-01-06T09:00:00", ""])
    before = corr.read_bytes()
    for _ in range(2):  # a rebuild re-applies, a second one too
        assert build(raw, db, corr).returncode == 0
        assert q(db, "SELECT value, status, reviewed_by FROM facts WHERE fact_id = ?", target) == [
            (6600.0, "corrected", "aigerim")]
        assert q(db, "SELECT status FROM facts WHERE fact_id = ?", wrong) == [("rejected",)]
        assert q(db, "SELECT status FROM facts WHERE fact_id = ?", sure) == [("confirmed",)]
        assert q(db, "SELECT fact_id FROM orphaned_corrections") == [("0000gone0000",)]
    assert corr.read_bytes() == before  # a build never writes the corrections


def test_bad_rows_and_a_cp1251_file_do_not_stop_the_build(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    db, corr = tmp_path / "dyad.duckdb", tmp_path / "corrections.csv"
    assert build(raw, db, corr).returncode == 0
    jv = q(db, "SELECT fact_id FROM facts WHERE metric = 'joint_ventures'")[0][0]
    flights = q(db, "SELECT fact_id FROM facts WHERE metric = 'flights_per_week'")[0][0]
    rows = ("fact_id,action,field,value,who,at,reason\n"
            f"{jv},correct,value,\"6,6 тыс.\",Айгерим,2026-01-05,опечатка\n"
            f"{jv},correct,date,2025-13-01,Айгерим,2026-01-05,\n"
            f"{flights},reject,,,Айгерим,2026-01-05,маршрут\n")
    corr.write_bytes(rows.encode("cp1251"))
    p = build(raw, db, corr)
    assert p.returncode == 0, p.stderr
    assert q(db, "SELECT status, reviewed_by FROM facts WHERE fact_id = ?", flights) == [
        ("rejected", "Айгерим")]
    assert q(db, "SELECT value, status FROM facts WHERE fact_id = ?", jv) == [(6500.0, "extracted")]
    assert q(db, "SELECT count(*) FROM orphaned_corrections WHERE fact_id = ?", jv) == [(2,)]
