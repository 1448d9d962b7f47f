"""One read-only DuckDB connection per database file version, and a cache that notices rebuilds.

Reads: the file at env `DYAD_DB`, else `data/dyad.duckdb` (the same rule as the
ETL's `paths.db_path`, repeated here because the read side never imports `etl`).

The ETL builds into a new file and `os.replace`s it, so a rebuild changes the
file's inode and mtime: results are cached under (path, inode, mtime, size) and
a rebuilt database is picked up on the next query without a restart.

Opening a connection costs ~55 ms (measured at 10 M facts), more than most queries: the
process keeps one read-only connection per path, opened for one file version, and each
query runs on its own `cursor()` of it (a cursor is a connection of its own to the same
database instance, so Streamlit's session threads can query at the same time).

Two traps, both measured:
- In one process DuckDB hands a new connection to a path the database instance
  already open there, i.e. the *old* file while any connection to it is open. So a
  query for a new file version waits until the queries on the old one are done,
  closes the kept connection to the old one, then connects.
- A truncated or corrupted file fails at open or only when a damaged block is
  read (DuckDB checks block checksums). Every such error becomes `NoDatabase`
  with a clear message, never a traceback; `problem()` says which: at once from a
  quick check (opens, tables there, small tables read), and from a read of every block
  run in a thread once per file version (the pages do not wait for it).
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
MISSING_MESSAGE = "No database yet: run `make run` or `python -m etl build`."
DAMAGED_MESSAGE = ("The database file is damaged or incomplete: run `make run` or "
                   "`python -m etl build` to rebuild it from the raw files.")
TABLES = ("documents", "document_texts", "facts", "orphaned_corrections", "evidence",
          "signed_documents", "rejected_files", "build_info",
          # etl/aggregate.py's tables, which the pages read
          "agg_pairs", "agg_bounds", "agg_options", "agg_months", "agg_events", "agg_coverage",
          "agg_doc_pairs", "agg_signed", "agg_review")

Stamp = tuple[str, int, int, int]


class NoDatabase(RuntimeError):
    """The database file is missing or cannot be opened as a Dyad database."""


def db_path() -> Path:
    env = os.environ.get("DYAD_DB")
    return Path(env) if env else ROOT / "data" / "dyad.duckdb"


def _stamp(path: Path) -> Stamp:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise NoDatabase(f"{MISSING_MESSAGE} (looked for {path})") from None
    return (str(path), st.st_ino, st.st_mtime_ns, st.st_size)


class _Versions:
    """Connections of this process open per path, and the file version they opened:
    a connection to another version of the same path waits until they are closed."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._open: dict[str, tuple[Stamp, int]] = {}

    @contextmanager
    def hold(self, stamp: Stamp) -> Iterator[None]:
        path = stamp[0]
        with self._cond:
            while (cur := self._open.get(path)) and cur[0] != stamp:
                self._cond.wait()
            held = self._open.get(path, (stamp, 0))[1]
            self._open[path] = (stamp, held + 1)
        try:
            yield
        finally:
            with self._cond:
                s, n = self._open[path]
                if n == 1:
                    del self._open[path]
                else:
                    self._open[path] = (s, n - 1)
                self._cond.notify_all()


_VERSIONS = _Versions()


def _unusable(e: duckdb.Error) -> bool:
    """Errors of the file (missing tables, damaged or truncated blocks), not of the SQL."""
    if isinstance(e, duckdb.CatalogException):
        return True
    return not isinstance(e, duckdb.ProgrammingError | duckdb.DataError)


def _message(path: str, e: duckdb.Error) -> str:
    first = str(e).splitlines()[0][:200] if str(e) else type(e).__name__
    base = MISSING_MESSAGE if isinstance(e, duckdb.CatalogException) else DAMAGED_MESSAGE
    return f"{base} ({path}: {first})"


class _Connections:
    """The kept connection per path and the file version it opened. Only called under
    `_VERSIONS.hold(stamp)`: no query on another version of the path is running."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: dict[str, tuple[Stamp, duckdb.DuckDBPyConnection]] = {}

    @contextmanager
    def cursor(self, stamp: Stamp) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:
            kept = self._open.get(stamp[0])
            if kept is None or kept[0] != stamp:
                if kept is not None:  # the old version: close it before connecting again
                    del self._open[stamp[0]]
                    kept[1].close()
                kept = (stamp, duckdb.connect(stamp[0], read_only=True))
                self._open[stamp[0]] = kept
            cur = kept[1].cursor()
        try:
            yield cur
        finally:
            cur.close()

    def close(self) -> None:
        """Close every kept connection (tests; a process about to delete the files)."""
        with self._lock:
            for _, con in self._open.values():
                con.close()
            self._open.clear()


_CONNECTIONS = _Connections()


@lru_cache(maxsize=512)
def _cached(stamp: Stamp, sql: str, params: tuple[Any, ...]) -> pd.DataFrame:
    try:
        with _VERSIONS.hold(stamp), _CONNECTIONS.cursor(stamp) as con:
            return con.execute(sql, list(params)).df()
    except duckdb.Error as e:
        if _unusable(e):
            message = _message(stamp[0], e)
            if not isinstance(e, duckdb.CatalogException):  # a damaged block, not a name
                _CHECKS.damaged(stamp, message)
            raise NoDatabase(message) from e
        raise


def version() -> Stamp:
    """The database file's version (path, inode, mtime, size); NoDatabase when missing."""
    return _stamp(db_path())


def query(sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
    """Run `sql` with every value bound as a parameter; a fresh copy of the cached result."""
    return _cached(_stamp(db_path()), sql, tuple(params)).copy()


def _quick_problem(stamp: Stamp) -> str | None:
    """The synchronous check: the file opens, has every table, and its small tables read."""
    try:
        with _VERSIONS.hold(stamp), _CONNECTIONS.cursor(stamp) as con:
            have = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
            missing = [t for t in TABLES if t not in have]
            if missing:
                return f"{MISSING_MESSAGE} ({stamp[0]} has no table {', '.join(missing)})"
            for t in ("build_info", "agg_pairs", "agg_bounds", "agg_options"):
                con.execute(f"SELECT count(*), max(hash(COLUMNS(*))) FROM {t}").fetchall()
    except duckdb.Error as e:
        return _message(stamp[0], e)
    return None


CHUNK = 2 * 122_880  # rows the full check reads at a time: two of DuckDB's row groups


def _full_problem(stamp: Stamp) -> str | None:
    """Every block of every table read once: DuckDB verifies each block's checksum.

    Read a chunk of rows at a time (a rowid range: DuckDB reads those row groups only),
    resting three times as long as each chunk took, so that on a small machine the pages'
    queries keep most of the cores meanwhile (measured at 10 M facts on 2 busy cores:
    ~12 s at half that rest, against 2.5-4.8 s unthrottled); stopped when the file is
    replaced (its finding would concern a version no page reads any more)."""
    try:
        for t in TABLES:
            with _VERSIONS.hold(stamp), _CONNECTIONS.cursor(stamp) as con:
                row = con.execute(f"SELECT count(*) FROM {t}").fetchone()
            for lo in range(0, max(int(row[0]) if row else 0, 1), CHUNK):
                started = time.perf_counter()
                with _VERSIONS.hold(stamp), _CONNECTIONS.cursor(stamp) as con:
                    con.execute(f"SELECT count(*), max(hash(COLUMNS(*))) FROM {t}"
                                " WHERE rowid >= ? AND rowid < ?", [lo, lo + CHUNK]).fetchall()
                try:
                    if _stamp(Path(stamp[0])) != stamp:
                        return None
                except NoDatabase:
                    return None
                time.sleep(3 * (time.perf_counter() - started))
    except duckdb.Error as e:
        return _message(stamp[0], e)
    return None


class _Checks:
    """Per file version: the quick check's result, and the full check running in a thread
    (started once per version, by the first `problem()` that finds the quick check clean).
    Not an lru_cache: clearing the query cache must not start the full read again."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._quick: dict[Stamp, str | None] = {}
        self._full: dict[Stamp, tuple[threading.Event, list[str | None]]] = {}

    def problem(self, stamp: Stamp, wait: bool) -> str | None:
        with self._lock:
            if stamp not in self._quick:
                self._quick[stamp] = _quick_problem(stamp)
                if len(self._quick) > 8:  # old versions: forget the oldest
                    old = next(iter(self._quick))
                    self._quick.pop(old)
                    self._full.pop(old, None)
            quick = self._quick[stamp]
            if quick is not None:
                return quick
            if stamp not in self._full:
                done, result = threading.Event(), list[str | None]([None])
                self._full[stamp] = (done, result)

                def run() -> None:
                    try:
                        result[0] = _full_problem(stamp)
                    finally:
                        done.set()

                threading.Thread(target=run, name="dyad-db-check", daemon=True).start()
            done, result = self._full[stamp]
        if wait:
            done.wait()
        return result[0] if done.is_set() else None

    def damaged(self, stamp: Stamp, message: str) -> None:
        """A query found a damaged block: later checks of this version say so at once."""
        with self._lock:
            self._quick[stamp] = message


_CHECKS = _Checks()


def problem(wait: bool = False) -> str | None:
    """None when the database is there and (as far as known) whole; else the message a
    page should show. The first call for a file version opens it, checks its tables and
    reads the small ones (a few ms), and starts reading every block of it in a thread
    (measured: 3.3-4.8 s at 10 M facts): its finding is reported by the calls after it
    is done (`wait=True`: wait for it). A damaged block a page's query reads meanwhile
    raises `NoDatabase` with the same message. Later calls are a stat()."""
    try:
        stamp = _stamp(db_path())
    except NoDatabase as e:
        return str(e)
    return _CHECKS.problem(stamp, wait)


def available(wait: bool = False) -> bool:
    """True when the database exists, has the ETL's tables and (as far as known, or once
    the full check is done with `wait=True`) reads back whole."""
    return problem(wait) is None
