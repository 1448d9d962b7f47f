"""Concurrent use: builds while the dashboard reads, two builds at once, an upload during a build.

Builds run as users run them (`python -m etl build` in a subprocess); the dashboard's
side is `dyad.db`, the module every page reads through, used from several threads the
way Streamlit's sessions use it.
"""
from __future__ import annotations

import fcntl
import itertools
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from dyad import db as dyad_db
from etl.store import build_lock, database_problem

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "raw"
EXTRA = "Товарооборот между Туркменистаном и Китаем составил 10 млрд долларов."


def build(raw: Path, db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "etl", "build", "--raw", str(raw), "--db", str(db), *extra],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen, timeout: float = 120) -> tuple[int, str]:
    _, err = proc.communicate(timeout=timeout)
    return proc.returncode, err


def n_documents(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]


@pytest.fixture
def raws(tmp_path) -> tuple[Path, Path]:
    """Two raw folders: the demo (5 documents) and the demo plus one (6)."""
    a, b = tmp_path / "raw-a", tmp_path / "raw-b"
    shutil.copytree(DEMO, a)
    shutil.copytree(DEMO, b)
    (b / "extra.txt").write_text(EXTRA, encoding="utf-8")
    return a, b


def test_readers_never_see_an_error_or_a_half_built_database(tmp_path, raws, monkeypatch):
    raw_a, raw_b = raws
    db = tmp_path / "dyad.duckdb"
    assert finish(build(raw_a, db))[0] == 0
    monkeypatch.setenv("DYAD_DB", str(db))
    seen: set[int] = set()
    errors: list[BaseException] = []
    stop = threading.Event()
    counter = itertools.count()

    def reader() -> None:
        # a parameter that changes each time: every call really reads the file
        sql = ("SELECT (SELECT count(*) FROM documents) AS d, "
               "(SELECT value FROM build_info WHERE key = 'n_documents') AS n, ? AS i")
        while not stop.is_set():
            try:
                row = dyad_db.query(sql, [next(counter)]).iloc[0]
                assert int(row["d"]) == int(row["n"])  # a whole build, never a part
                seen.add(int(row["d"]))
                time.sleep(0.005)
            except BaseException as e:
                errors.append(e)
                return

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        code, err = finish(build(raw_b, db, "--jobs", "1"))  # 5 documents -> 6
        assert code == 0, err
        time.sleep(0.2)
    finally:
        stop.set()
        for t in threads:
            t.join(30)
    assert not errors, errors[:3]
    assert seen == {5, 6}
    assert dyad_db.query("SELECT count(*) AS n FROM documents")["n"][0] == 6  # the new build
    with open(db.with_name(db.name + ".lock"), "a") as fh:  # no finished build holds the lock
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)


def test_a_query_running_during_a_rebuild_does_not_pin_the_old_file(demo_db, tmp_path,
                                                                     monkeypatch):
    """DuckDB gives a new connection in the same process the database a path already
    has open: while another session's query runs, a rebuilt file would stay unseen."""
    live = tmp_path / "live.duckdb"
    shutil.copy(demo_db, live)
    monkeypatch.setenv("DYAD_DB", str(live))
    assert "KAZ-UZB" in dyad_db.query("SELECT DISTINCT pair FROM facts")["pair"].tolist()
    slow = threading.Thread(target=dyad_db.query, args=(
        "SELECT sum(range) + (SELECT count(*) FROM facts) AS s FROM range(?)",
        [800_000_000 + os.getpid()]))
    slow.start()
    time.sleep(0.3)  # its connection is open now
    new = tmp_path / "new.duckdb"
    shutil.copy(demo_db, new)
    with duckdb.connect(str(new)) as con:
        con.execute("UPDATE facts SET pair = 'AAA-BBB'")
        con.execute("CHECKPOINT")
    os.replace(new, live)
    try:
        after = dyad_db.query("SELECT DISTINCT pair FROM facts")["pair"].tolist()
    finally:
        slow.join(60)
    assert after == ["AAA-BBB"]


def test_a_second_build_waits_for_the_first(tmp_path, raws):
    raw_a, _ = raws
    db = tmp_path / "dyad.duckdb"
    with build_lock(db):  # a build in progress
        second = build(raw_a, db)
        said: list[str] = []
        reader = threading.Thread(target=lambda: said.append(second.stderr.readline()))
        reader.start()
        reader.join(60)
        assert said == [f"dyad: another build of {db} is running; waiting for it\n"]
        time.sleep(0.5)
        assert second.poll() is None and not db.exists()  # still waiting
    code, err = finish(second)
    assert code == 0, err
    assert n_documents(db) == 5


def test_no_wait_refuses_with_a_clear_message(tmp_path, raws):
    raw_a, _ = raws
    db = tmp_path / "dyad.duckdb"
    with build_lock(db):
        code, err = finish(build(raw_a, db, "--no-wait"))
    assert code == 3
    assert f"another build of {db} is running; not building" in err
    assert not db.exists()


def test_two_builds_at_once_both_complete_one_after_the_other(tmp_path, raws):
    """Both builds start while a third holds the lock (so neither can finish before the
    other has started, however fast the machine); once it is released they run one after
    the other and both complete, leaving one sound database and no temp files."""
    raw_a, raw_b = raws
    db = tmp_path / "dyad.duckdb"
    with build_lock(db):
        first, second = build(raw_a, db, "--jobs", "1"), build(raw_b, db, "--jobs", "1")
        for proc in (first, second):
            said: list[str] = []
            reader = threading.Thread(
                target=lambda p=proc, out=said: out.append(p.stderr.readline()))
            reader.start()
            reader.join(60)
            assert said and "waiting for it" in said[0]
    (c1, e1), (c2, e2) = finish(first), finish(second)
    assert (c1, c2) == (0, 0), (e1, e2)
    assert database_problem(db) is None
    assert n_documents(db) in (5, 6)
    assert not list(tmp_path.glob(".*building*"))


def test_an_upload_during_a_build_is_not_lost(tmp_path, raws):
    """The dashboard's upload path (`python -m etl.uploads add --build`) while a build runs:
    the file is stored whole, its build waits for the running one, and it is in the end."""
    raw_a, _ = raws
    for i in range(2):  # a few more pages: the first build takes a moment
        for src in sorted(DEMO.glob("*.txt")):
            (raw_a / f"copy{i}-{src.name}").write_text(
                src.read_text(encoding="utf-8") + f"\n\nКопия {i}.", encoding="utf-8")
    db = tmp_path / "dyad.duckdb"
    first = build(raw_a, db, "--jobs", "1")
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".dyad.duckdb.building-*")):  # it has read raw/ already
        assert first.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    upload = tmp_path / "from-the-browser.txt"
    upload.write_text(EXTRA, encoding="utf-8")
    second = subprocess.Popen(
        [sys.executable, "-m", "etl.uploads", "add", str(upload), "--name", "Новость.txt",
         "--raw", str(raw_a), "--build"], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, env={**os.environ, "DYAD_DB": str(db)})
    (c1, e1), (c2, e2) = finish(first), finish(second)
    assert (c1, c2) == (0, 0), (e1, e2)
    stored = [p for p in raw_a.rglob("*.txt") if p.read_bytes() == upload.read_bytes()]
    assert len(stored) == 1
    with duckdb.connect(str(db), read_only=True) as con:
        sources = {r[0] for r in con.execute("SELECT source FROM documents").fetchall()}
        pairs = {r[0] for r in con.execute("SELECT pair FROM facts").fetchall()}
    assert stored[0].relative_to(raw_a).as_posix() in sources and "CHN-TKM" in pairs
