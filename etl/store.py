"""Extractions → the DuckDB file the dashboard reads, swapped in atomically.

Reads `Extraction`s; writes `data/dyad.duckdb` (schema in etl/schema.sql).
A reader must never see a half-built database, and DuckDB locks a file that
a writer holds, so the build writes a new file beside the old one,
CHECKPOINTs, closes and `os.replace`s it over the old one: readers holding the
old file keep reading it, the next reader opens the new one. Facts are
inserted sorted by (pair, metric, date), the order every page filters in.
Two builds at once would race on the swap; a lock file makes the second wait
(or refuse, `BuildBusy`). A build killed at any point leaves the old file in
place; its half-written temporary file is removed by the next build, which
never reads the old database (a damaged one is simply replaced). The files
that could not be read are listed in the `rejected_files` table and in
`<db>.rejected.csv` beside the database; the raw files themselves are never
moved, changed or deleted.
"""
from __future__ import annotations

import contextlib
import csv
import fcntl
import hashlib
import os
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import duckdb
import pandas as pd

from etl import corrections
from etl.model import Extraction
from etl.paths import SCHEMA_SQL

FACT_COLUMNS = ["fact_id", "doc_id", "pair", "country_a", "country_b", "metric", "kind", "value",
                "unit", "qualifier", "date", "date_precision", "period", "target_year", "start",
                "end", "confidence", "block"]


TABLES = ("documents", "document_texts", "facts", "orphaned_corrections", "evidence",
          "signed_documents", "rejected_files", "build_info")
_TEMP_GLOB = ".{name}.building-*"  # what a build writes before the swap (and DuckDB's .wal)


class BuildBusy(RuntimeError):
    """Another build of the same database holds the lock (raised when not waiting)."""


@contextlib.contextmanager
def build_lock(db: Path, wait: bool = True) -> Iterator[IO[str]]:
    """Hold DB.lock for the whole build; a second build waits (or raises BuildBusy when
    wait=False). The kernel drops the lock when its holder dies, even by SIGKILL."""
    db.parent.mkdir(parents=True, exist_ok=True)
    with open(db.with_name(db.name + ".lock"), "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise BuildBusy(f"another build of {db} is running") from None
            print(f"dyad: another build of {db} is running; waiting for it", file=sys.stderr)
            fcntl.flock(fh, fcntl.LOCK_EX)
        yield fh


def database_problem(db: Path, deep: bool = True) -> str | None:
    """None when `db` opens read-only and has every table; with `deep`, every column of
    every table is also read back (DuckDB checks each block's checksum), which finds a
    truncated or corrupted file. Otherwise a one-line reason."""
    if not db.exists():
        return "no such file"
    try:
        with duckdb.connect(":memory:") as con:
            con.execute("ATTACH ? AS d (READ_ONLY)", [str(db)])
            have = {r[0] for r in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = 'd'").fetchall()}
            missing = [t for t in TABLES if t not in have]
            if missing:
                return f"not a Dyad database (no table {', '.join(missing)})"
            if deep:
                for t in TABLES:
                    con.execute(f"SELECT count(*), max(hash(COLUMNS(*))) FROM d.{t}").fetchall()
    except duckdb.Error as e:
        return f"{type(e).__name__}: {str(e).splitlines()[0][:200]}"
    return None


def _remove_leftovers(db: Path) -> None:
    """Temporary files of builds that were killed; only called under the build lock."""
    for tmp in db.parent.glob(_TEMP_GLOB.format(name=db.name)):
        with contextlib.suppress(OSError):
            tmp.unlink()


def rejected_report(db: Path) -> Path:
    return db.with_name(db.name + ".rejected.csv")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(s: str) -> str:
    """A cell a spreadsheet will not run as a formula (the OWASP CSV-injection advice)."""
    return "'" + s if s.startswith(_FORMULA_START) else s


def _write_rejected(db: Path, rejected: list[tuple[str, str]]) -> Path:
    """`<db>.rejected.csv`: file,reason, one row per unreadable file (a header only when none)."""
    out = rejected_report(db)
    tmp = db.with_name(f".{db.name}.building-{os.getpid()}.rejected.csv")
    with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "reason"])
        w.writerows([_csv_cell(src), _csv_cell(why)] for src, why in sorted(rejected))
    return tmp.replace(out)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def fact_id(doc_id: str, metric: str, kind: str, value: float, start: int, pair: str) -> str:
    key = f"{doc_id}|{pair}|{metric}|{kind}|{value:.6g}|{start}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def _frames(extractions: Iterable[Extraction]) -> dict[str, pd.DataFrame]:
    docs, texts, facts, evidence, signed = [], [], [], [], []
    seen: set[str] = set()
    for ex in extractions:
        if ex.doc_id in seen:  # the same text twice (a copy under another name) is one document
            continue
        seen.add(ex.doc_id)
        docs.append((ex.doc_id, ex.source, ex.url, ex.title, ex.lang, ex.published, ex.date,
                     ex.date_precision, ex.pair, len(ex.text)))
        texts.append((ex.doc_id, ex.text))
        for f in ex.facts:
            fid = fact_id(f.doc_id, f.metric, f.kind, f.value, f.start, f.pair)
            a, b = f.pair.split("-")
            facts.append((fid, f.doc_id, f.pair, a, b, f.metric, f.kind, f.value, f.unit,
                          f.qualifier, f.date, f.date_precision, f.period, f.target_year,
                          f.start, f.end, f.confidence, f.block))
            evidence.append((fid, f.evidence))
        for s in ex.signed:
            signed.append((s.doc_id, s.pair, s.seq, s.title, s.doc_type, s.sector, s.date,
                           s.start, s.end))
    facts_df = pd.DataFrame(facts, columns=FACT_COLUMNS).drop_duplicates("fact_id")
    return {
        "documents": pd.DataFrame(docs, columns=[
            "doc_id", "source", "url", "title", "lang", "published", "date", "date_precision",
            "pair", "n_chars"]),
        "document_texts": pd.DataFrame(texts, columns=["doc_id", "text"]),
        "facts": facts_df.sort_values(["pair", "metric", "date", "fact_id"], na_position="first"),
        "evidence": pd.DataFrame(evidence, columns=["fact_id", "evidence"]).drop_duplicates(
            "fact_id"),
        "signed_documents": pd.DataFrame(signed, columns=[
            "doc_id", "pair", "seq", "title", "doc_type", "sector", "date", "start", "end"]),
    }


def write_database(
    db: Path, extractions: Iterable[Extraction], rejected: list[tuple[str, str]],
    corrections_file: Path | None = None,
) -> dict[str, int]:
    """Build a complete database at a temporary path and swap it in; returns row counts.
    Call it under `build_lock(db)`: it removes what killed builds left behind."""
    _remove_leftovers(db)
    frames = _frames(extractions)
    frames["facts"], orphans = corrections.apply(
        frames["facts"], corrections.read(corrections_file) if corrections_file else [])
    frames["orphaned_corrections"] = pd.DataFrame({"fact_id": orphans})
    tmp = db.with_name(f".{db.name}.building-{os.getpid()}")
    con = duckdb.connect(str(tmp))
    try:
        con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
        for table, df in frames.items():
            if len(df):
                con.register("frame", df)
                cols = ", ".join(f'"{c}"' for c in df.columns)
                con.execute(f'INSERT INTO {table} ({cols}) SELECT {cols} FROM frame')
                con.unregister("frame")
        if rejected:
            con.executemany("INSERT OR REPLACE INTO rejected_files VALUES (?, ?)", rejected)
        version = hashlib.sha1("\n".join(sorted(frames["facts"]["fact_id"])).encode()).hexdigest()
        info = {
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "n_documents": str(len(frames["documents"])),
            "n_facts": str(len(frames["facts"])),
            "data_version": version[:12],
        }
        con.executemany("INSERT INTO build_info VALUES (?, ?)", list(info.items()))
        con.execute("CHECKPOINT")
    finally:
        con.close()
    problem = database_problem(tmp, deep=False)
    if problem:  # never swap in a file the dashboard cannot open
        raise RuntimeError(f"the new database does not read back: {problem}")
    _write_rejected(db, rejected)
    os.replace(tmp, db)
    _fsync_dir(db.parent)
    return {name: len(df) for name, df in frames.items()}
