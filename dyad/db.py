"""One read-only DuckDB connection per database file version, and a cache that notices rebuilds.

Reads: the file at env `DYAD_DB`, else `data/dyad.duckdb` (the same rule as the
ETL's `paths.db_path`, repeated here because the read side never imports `etl`).

The ETL builds into a new file and `os.replace`s it, so a rebuild changes the
file's inode and mtime: results are cached under (path, inode, mtime, size) and
a rebuilt database is picked up on the next query without a restart.

Opening a connection costs ~55 ms (measured at 10 M facts), more than most queries: the
process keeps one read-only connection per path, opened for one file version, and each
query runs on a `cursor()` of it no other query is using (a cursor is a connection of its
own to the same database instance, so Streamlit's session threads can query at the same
time); cursors are kept for the next queries, as opening one costs ~3 ms.

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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

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
          "agg_doc_pairs", "agg_signed", "agg_review", "agg_facts", "agg_slices", "agg_unsure",
          "agg_articles", "agg_trade_days")

Stamp = tuple[str, int, int, int]
T = TypeVar("T")


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


class _Superseded(Exception):
    """The kept connection is to another version of the file than the one asked for."""


class _Connections:
    """The kept connection per path and the file version it opened, and its idle cursors:
    a query takes one (or opens one: ~3 ms at 10 M facts, as much as a small query) and
    gives it back, so a page's queries do not each open their own. Only called under
    `_VERSIONS.hold(stamp)`: no query on another version of the path is running, so its
    cursors are all idle when the version changes and are closed with its connection."""

    IDLE = 8  # cursors kept per path: about the sessions that query at the same time

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: dict[str, tuple[Stamp, duckdb.DuckDBPyConnection]] = {}
        self._idle: dict[str, list[duckdb.DuckDBPyConnection]] = {}

    def _drop(self, path: str) -> None:
        for cur in self._idle.pop(path, []):
            cur.close()
        if (kept := self._open.pop(path, None)) is not None:
            kept[1].close()

    @contextmanager
    def cursor(self, stamp: Stamp, reopen: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the kept connection to `stamp`, opened (the old version's closed
        first) when the kept one is another version; with `reopen=False` that raises
        `_Superseded` instead: for readers of a version that may be old by now."""
        path = stamp[0]
        with self._lock:
            kept = self._open.get(path)
            if kept is not None and kept[0] != stamp and not reopen:
                raise _Superseded(path)
            if kept is None or kept[0] != stamp:
                self._drop(path)  # the old version: closed before connecting again
                kept = (stamp, duckdb.connect(path, read_only=True))
                self._open[path] = kept
            idle = self._idle.setdefault(path, [])
            cur = idle.pop() if idle else kept[1].cursor()
        ok = False
        try:
            yield cur
            ok = True
        finally:
            with self._lock:
                same = self._open.get(path, (None,))[0] == stamp
                if ok and same and len(self._idle.setdefault(path, [])) < self.IDLE:
                    self._idle[path].append(cur)
                else:  # after an error, or for a version no longer kept: not reused
                    cur.close()

    def close(self) -> None:
        """Close every kept connection (tests; a process about to delete the files)."""
        with self._lock:
            for path in list(self._open):
                self._drop(path)
            self._idle.clear()


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


class _Flights:
    """Single flight: callers asking for a result another thread is computing wait for it
    instead of computing it again (20 visitors arriving after a rebuild, or a visitor
    meeting the warm-up of dyad/warm.py, run each query and chart once)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: dict[Any, tuple[threading.Event, list[Any]]] = {}

    def run(self, key: Any, compute: Callable[[], T]) -> T:
        with self._lock:
            flight = self._running.get(key)
            owner = flight is None
            if flight is None:
                flight = self._running[key] = (threading.Event(), [None, None])
        done, out = flight
        if not owner:
            done.wait()
            if out[1] is not None:
                raise out[1]
            return out[0]  # type: ignore[no-any-return]
        try:
            out[0] = compute()
            return out[0]  # type: ignore[no-any-return]
        except BaseException as e:
            out[1] = e
            raise
        finally:
            with self._lock:
                del self._running[key]
            done.set()


_FLIGHTS = _Flights()


def single_flight(key: Any, compute: Callable[[], T]) -> T:
    """`compute()`, or the result of the same `key` being computed by another thread."""
    return _FLIGHTS.run(key, compute)


def version() -> Stamp:
    """The database file's version (path, inode, mtime, size); NoDatabase when missing."""
    return _stamp(db_path())


def query(sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
    """Run `sql` with every value bound as a parameter; a fresh copy of the cached result."""
    key = (_stamp(db_path()), sql, tuple(params))
    return _FLIGHTS.run(key, lambda: _cached(*key)).copy()


SMALL = ("build_info", "agg_pairs", "agg_bounds", "agg_options")  # read whole by the quick check
# One statement binds every table (a missing one fails it) and reads the small ones: ~5 ms
# on a new connection at 10 M facts, where listing the catalog (duckdb_tables()) alone
# costs ~15 ms on its first call; the catalog is listed only to name what is missing.
_PROBE = " UNION ALL ".join([f"(SELECT 0, 0 FROM {t} LIMIT 0)" for t in TABLES if t not in SMALL]
                            + [f"(SELECT count(*), max(hash(t)) FROM {t} AS t)" for t in SMALL])


def _quick_problem(stamp: Stamp) -> str | None:
    """The synchronous check: the file opens, has every table, and its small tables read."""
    try:
        with _VERSIONS.hold(stamp), _CONNECTIONS.cursor(stamp) as con:
            try:
                con.execute(_PROBE).fetchall()
            except duckdb.CatalogException:
                have = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()")
                        .fetchall()}
                missing = [t for t in TABLES if t not in have]
                if not missing:
                    raise
                return f"{MISSING_MESSAGE} ({stamp[0]} has no table {', '.join(missing)})"
    except duckdb.Error as e:
        return _message(stamp[0], e)
    return None


def _current(stamp: Stamp) -> bool:
    """The file at the stamp's path is still that version."""
    try:
        return _stamp(Path(stamp[0])) == stamp
    except NoDatabase:
        return False


CHUNK = 2 * 122_880  # rows the full check reads at a time: two of DuckDB's row groups
# seconds the full check waits after a version is first seen (unless asked to wait for it):
# the first visitors' pages and the warm-up (dyad/warm.py) keep the cores meanwhile
FULL_CHECK_DELAY = 10.0


def _full_problem(stamp: Stamp) -> str | None:
    """Every block of every table read once: DuckDB verifies each block's checksum.

    Read a chunk of rows at a time (a rowid range: DuckDB reads those row groups only),
    resting three times as long as each chunk took, so that on a small machine the pages'
    queries keep most of the cores meanwhile (measured at 10 M facts on 2 busy cores:
    ~12 s at half that rest, against 2.5-4.8 s unthrottled). It stops, before its next
    read, when the file is no longer this version: its finding would concern a version no
    page reads any more, and a read for an old version would close the connection the
    pages keep for the new one and open the file again (one such read in the middle of a
    page's first run after a rebuild cost that page a new connection and its buffer pool)."""
    try:
        for t in TABLES:
            if not _current(stamp):
                return None
            with _VERSIONS.hold(stamp), _CONNECTIONS.cursor(stamp, reopen=False) as con:
                row = con.execute(f"SELECT count(*) FROM {t}").fetchone()
            for lo in range(0, max(int(row[0]) if row else 0, 1), CHUNK):
                if not _current(stamp):
                    return None
                started = time.perf_counter()
                with _VERSIONS.hold(stamp), _CONNECTIONS.cursor(stamp, reopen=False) as con:
                    con.execute(f"SELECT count(*), max(hash(COLUMNS(*))) FROM {t}"
                                " WHERE rowid >= ? AND rowid < ?", [lo, lo + CHUNK]).fetchall()
                time.sleep(3 * (time.perf_counter() - started))
    except _Superseded:
        return None
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
        self._hurry: dict[Stamp, threading.Event] = {}

    def problem(self, stamp: Stamp, wait: bool) -> str | None:
        with self._lock:
            if stamp not in self._quick:
                self._quick[stamp] = _quick_problem(stamp)
                if len(self._quick) > 8:  # old versions: forget the oldest
                    old = next(iter(self._quick))
                    self._quick.pop(old)
                    self._full.pop(old, None)
                    self._hurry.pop(old, None)
            quick = self._quick[stamp]
            if quick is not None:
                return quick
            if stamp not in self._full:
                done, result = threading.Event(), list[str | None]([None])
                hurry = threading.Event()
                self._full[stamp], self._hurry[stamp] = (done, result), hurry

                def run() -> None:
                    try:
                        hurry.wait(FULL_CHECK_DELAY)  # the first pages (and dyad/warm.py) first
                        result[0] = _full_problem(stamp)
                    finally:
                        done.set()

                threading.Thread(target=run, name="dyad-db-check", daemon=True).start()
            done, result = self._full[stamp]
            hurry = self._hurry[stamp]
        if wait:
            hurry.set()
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
    reads the small ones (a few ms), and starts reading every block of it in a thread,
    FULL_CHECK_DELAY seconds later (measured: 3.3-4.8 s at 10 M facts): its finding is
    reported by the calls after it is done (`wait=True`: start it now and wait for it).
    A damaged block a page's query reads meanwhile raises `NoDatabase` with the same
    message. Later calls are a stat()."""
    try:
        stamp = _stamp(db_path())
    except NoDatabase as e:
        return str(e)
    return _CHECKS.problem(stamp, wait)


def available(wait: bool = False) -> bool:
    """True when the database exists, has the ETL's tables and (as far as known, or once
    the full check is done with `wait=True`) reads back whole."""
    return problem(wait) is None
