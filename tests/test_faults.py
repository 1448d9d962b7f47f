"""Faults: builds killed with SIGKILL, damaged database files; raw files and corrections
are never touched by a build.

A killed build must leave the previous database usable, hold no lock (its pool
workers die with it), and the next build must complete and clear what it left.
A truncated or corrupted database is found (`python -m etl check`, `dyad.db`),
shown as a message instead of a traceback, and rebuilt by `python -m etl build`
and by `make run` (through its `db-ok` step).
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from dyad import db as dyad_db
from etl.store import database_problem

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "raw"
COUNTRIES = ["Казахстаном", "Узбекистаном", "Китаем", "Россией", "Турцией", "Ираном", "Индией"]
CORRECTION = ("fact_id,action,field,value,who,at,reason\n"
              "0123456789abcdef,reject,,,analyst,2025-11-20T10:00:00,not a real fact\n")


def etl(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})})


def digest(*paths: Path) -> dict[str, str]:
    files = [f for p in paths for f in ([p] if p.is_file() else sorted(p.rglob("*")))]
    return {str(f): hashlib.sha256(f.read_bytes()).hexdigest() for f in files if f.is_file()}


def lock_is_free(db: Path, within: float = 3.0) -> bool:
    deadline = time.monotonic() + within
    with open(db.with_name(db.name + ".lock"), "a") as fh:
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() > deadline:
                    return False
                time.sleep(0.05)
            else:
                fcntl.flock(fh, fcntl.LOCK_UN)
                return True


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (OSError, ValueError):
        return []


@pytest.fixture
def raw(tmp_path) -> Path:
    """The demo pages and 65 one-line pages: over 64 files, so the build uses its pool."""
    folder = tmp_path / "raw"
    shutil.copytree(DEMO, folder)
    for i in range(65):
        a, b = COUNTRIES[i % 7], COUNTRIES[(i + 1) % 7]
        (folder / f"s{i:03}.txt").write_text(
            f"Товарооборот между {a} и {b} составил {i + 1} млрд долларов.", encoding="utf-8")
    return folder


def test_a_build_killed_at_any_point_leaves_the_old_database_and_the_next_one_completes(
        tmp_path, raw):
    db = tmp_path / "dyad.duckdb"
    corrections = tmp_path / "corrections.csv"
    corrections.write_text(CORRECTION, encoding="utf-8")
    env = {"DYAD_CORRECTIONS": str(corrections)}
    before = digest(raw, corrections)
    cmd = [sys.executable, "-m", "etl", "build", "--raw", str(raw), "--db", str(db),
           "--jobs", "2"]
    t0 = time.monotonic()
    assert etl(*cmd[3:], env=env).returncode == 0
    full = time.monotonic() - t0
    with duckdb.connect(str(db), read_only=True) as con:
        facts = con.execute("SELECT count(*) FROM facts").fetchone()[0]

    rng = random.Random(20251121)
    points: list[str | float] = ["pool", "swap"] + [rng.uniform(0.05, 1.0) * full
                                                    for _ in range(3)]
    for point in points:
        proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        if point == "pool":  # while the worker processes extract
            while not children(proc.pid) and proc.poll() is None:
                assert time.monotonic() < deadline
                time.sleep(0.005)
        elif point == "swap":  # while the new file is being written
            while not list(tmp_path.glob(".dyad.duckdb.building-*")) and proc.poll() is None:
                assert time.monotonic() < deadline
                time.sleep(0.001)
        else:
            time.sleep(point)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert lock_is_free(db), f"killed at {point}: its workers still hold the build lock"
        assert database_problem(db) is None, f"killed at {point}"
        with duckdb.connect(str(db), read_only=True) as con:
            assert con.execute("SELECT count(*) FROM facts").fetchone()[0] == facts

    done = etl(*cmd[3:], env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert not list(tmp_path.glob(".dyad.duckdb.building-*"))  # leftovers cleared
    assert database_problem(db) is None
    assert digest(raw, corrections) == before  # raw files and corrections untouched


def test_leftover_temporary_files_are_removed_by_the_next_build(tmp_path):
    db = tmp_path / "dyad.duckdb"
    stale = [tmp_path / ".dyad.duckdb.building-99999", tmp_path / ".dyad.duckdb.building-99999.wal",
             tmp_path / ".dyad.duckdb.building-4242.rejected.csv"]
    for f in stale:
        f.write_bytes(b"half a database")
    other = tmp_path / ".other.duckdb.building-1"  # another database's: not ours to remove
    other.write_bytes(b"x")
    assert etl("build", "--raw", str(DEMO), "--db", str(db)).returncode == 0
    assert not any(f.exists() for f in stale) and other.exists()


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "truncated":
        data = data[: len(data) // 2]
    elif how == "header only":
        data = data[:4096]
    elif how == "empty":
        data = bytearray()
    elif how == "not a database":
        data = bytearray("Товарооборот, не база данных\n".encode() * 100)
    elif how == "flipped bytes":
        for i in range(12288, len(data) - 8192, 16384):  # one byte in every block
            data[i] ^= 0xFF
    path.write_bytes(bytes(data))


DAMAGE = ["truncated", "header only", "empty", "not a database", "flipped bytes"]


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_database_is_detected_and_never_a_traceback(demo_db, tmp_path, monkeypatch,
                                                              how):
    db = tmp_path / "dyad.duckdb"
    shutil.copy(demo_db, db)
    _damage(db, how)
    assert database_problem(db) is not None
    monkeypatch.setenv("DYAD_DB", str(db))
    assert not dyad_db.available(wait=True)  # the full check, which pages do not wait for
    assert "python -m etl build" in (dyad_db.problem() or "")
    for sql in ("SELECT count(*) FROM facts", "SELECT * FROM evidence",
                "SELECT * FROM document_texts"):
        try:
            dyad_db.query(sql)
        except dyad_db.NoDatabase as e:
            assert "python -m etl build" in str(e)
    # a page shows the message, not a traceback
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception
    assert "python -m etl build" in at.info[0].value


def test_the_dashboard_says_the_database_is_damaged(demo_db, tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    db = tmp_path / "dyad.duckdb"
    shutil.copy(demo_db, db)
    _damage(db, "flipped bytes")
    monkeypatch.setenv("DYAD_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert "damaged" in at.info[0].value


def test_etl_check_and_build_find_and_rebuild_a_damaged_database(demo_db, tmp_path):
    db = tmp_path / "dyad.duckdb"
    raw = tmp_path / "raw"
    shutil.copytree(DEMO, raw)
    before = digest(raw)
    shutil.copy(demo_db, db)
    assert etl("check", "--db", str(db)).returncode == 0
    _damage(db, "flipped bytes")  # found only by reading every block back
    check = etl("check", "--db", str(db))
    assert check.returncode == 1 and str(db) in check.stderr and "Corrupt" in check.stderr
    done = etl("build", "--raw", str(raw), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert f"{db} is damaged" in done.stderr and "rebuilding it" in done.stderr
    assert etl("check", "--db", str(db), "--quiet").returncode == 0
    assert digest(raw) == before


def test_make_run_rebuilds_a_damaged_database(demo_db, tmp_path):
    """`make run` goes through `db-ok`: build when missing, stale or damaged."""
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    db = tmp_path / "dyad.duckdb"
    raw = tmp_path / "raw"
    shutil.copytree(DEMO, raw)
    shutil.copy(demo_db, db)
    os.utime(db, (time.time() + 60, time.time() + 60))  # newer than raw: make sees it fresh
    _damage(db, "truncated")
    make = ["make", "--no-print-directory", "-o", ".venv/.installed", "db-ok",
            f"DB={db}", f"RAW={raw}", f"PY={sys.executable}"]
    done = subprocess.run(make, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert database_problem(db) is None
    again = subprocess.run(make, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "etl build" not in again.stdout  # whole: not rebuilt
