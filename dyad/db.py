"""Short-lived, read-only DuckDB connections and a cache that notices rebuilds.

Reads: the file at env `DYAD_DB`, else `data/dyad.duckdb` (the same rule as the
ETL's `paths.db_path`, repeated here because the read side never imports `etl`).

The ETL builds into a new file and `os.replace`s it, so a rebuild changes the
file's inode and mtime: results are cached under (path, inode, mtime, size) and
a rebuilt database is picked up on the next query without a restart.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
MISSING_MESSAGE = "No database yet: run `make run` or `python -m etl build`."


class NoDatabase(RuntimeError):
    """The database file is missing or cannot be opened as a Dyad database."""


def db_path() -> Path:
    env = os.environ.get("DYAD_DB")
    return Path(env) if env else ROOT / "data" / "dyad.duckdb"


def _stamp(path: Path) -> tuple[str, int, int, int]:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise NoDatabase(f"{MISSING_MESSAGE} (looked for {path})") from None
    return (str(path), st.st_ino, st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=512)
def _cached(stamp: tuple[str, int, int, int], sql: str, params: tuple[Any, ...]) -> pd.DataFrame:
    try:
        with duckdb.connect(stamp[0], read_only=True) as con:
            return con.execute(sql, list(params)).df()
    except duckdb.CatalogException as e:  # a file, but not one the ETL built
        raise NoDatabase(f"{MISSING_MESSAGE} ({stamp[0]}: {e})") from e
    except duckdb.IOException as e:
        raise NoDatabase(f"{MISSING_MESSAGE} ({stamp[0]}: {e})") from e


def query(sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
    """Run `sql` with every value bound as a parameter; a fresh copy of the cached result."""
    return _cached(_stamp(db_path()), sql, tuple(params)).copy()


def available() -> bool:
    """True when the database exists and has the ETL's tables."""
    try:
        query("SELECT count(*) AS n FROM build_info")
    except NoDatabase:
        return False
    return True
