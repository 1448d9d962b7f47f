"""Extractions → the DuckDB file the dashboard reads, swapped in atomically.

Reads `Extraction`s; writes `data/dyad.duckdb` (schema in etl/schema.sql).
A reader must never see a half-built database, and DuckDB locks a file that
a writer holds, so the build writes a new file beside the old one,
CHECKPOINTs, closes and `os.replace`s it over the old one: readers holding the
old file keep reading it, the next reader opens the new one.

The build streams: the extractions arrive as `Batch`es (the rows of a few dozen
files, made by the workers) and each is inserted as it comes, so the build's
memory is that of a few batches and DuckDB's bounded buffer pool, whatever the
size of the corpus. Facts are staged, then copied once with the corrections
applied, sorted by (pair, metric, date): the order every page filters in (zone
maps skip the rest). A document met twice (the same text under two names) is
kept where it was first met, in input order: the documents table's primary key
finds it (no set of every id in Python: ~8 MB at 100 k documents, and growing).
The aggregates are made under the same buffer pool, on one thread (each thread's
sort and hash tables need their own room: two ran out of memory where one spills
to disk); DuckDB's spill folder is `.<db>.building-<pid>.tmp`, removed with the rest.
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
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from etl import corrections
from etl.aggregate import TABLES as AGGREGATES
from etl.aggregate import aggregate
from etl.model import Extraction
from etl.paths import SCHEMA_SQL

FACT_COLUMNS = ["fact_id", "doc_id", "pair", "country_a", "country_b", "metric", "kind", "value",
                "unit", "qualifier", "date", "date_precision", "period", "target_year", "start",
                "end", "confidence", "block"]


TABLES = ("documents", "document_texts", "facts", "orphaned_corrections", "evidence",
          "signed_documents", "rejected_files", "build_info",
          *AGGREGATES)  # a database from before an aggregate existed is rebuilt
_TEMP_GLOB = ".{name}.building-*"  # what a build writes before the swap (DuckDB's .wal, .tmp/)
# DuckDB's buffer pool in the build: what it holds beyond this (the staged facts, the
# sort, the texts written so far) goes to the file or to the .tmp folder beside it.
BUILD_MEMORY_LIMIT = os.environ.get("DYAD_BUILD_MEMORY", "128MB")
BATCH_TABLES = ("documents", "document_texts", "facts", "evidence", "signed_documents")


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
    try:  # the build's buffer pool: reading every block must not cache the whole file
        with duckdb.connect(":memory:", config={"memory_limit": BUILD_MEMORY_LIMIT}) as con:
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
            if tmp.is_dir() and not tmp.is_symlink():
                shutil.rmtree(tmp)  # DuckDB's spill folder
            else:
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
        "facts": facts_df,  # sorted once, by the build's final copy (_copy_facts)
        "evidence": pd.DataFrame(evidence, columns=["fact_id", "evidence"]).drop_duplicates(
            "fact_id"),
        "signed_documents": pd.DataFrame(signed, columns=[
            "doc_id", "pair", "seq", "title", "doc_type", "sector", "date", "start", "end"]),
    }


@dataclass
class Batch:
    """The rows of some consecutive files, as a worker hands them to the build: one Arrow
    table per table of BATCH_TABLES (absent when empty), and the files that could not be
    read as (source, reason)."""

    tables: dict[str, pa.Table] = field(default_factory=dict)
    rejected: list[tuple[str, str]] = field(default_factory=list)


def batch(extractions: Iterable[Extraction], rejected: Iterable[tuple[str, str]] = ()) -> Batch:
    """`extractions` as the rows the database gets (`_frames`), in Arrow: cheap to pickle
    and read by DuckDB without a copy, so the parent's share of the work stays small."""
    tables = {name: pa.Table.from_pandas(df, preserve_index=False)
              for name, df in _frames(extractions).items() if len(df)}
    return Batch(tables, list(rejected))


def _drop_loaded(con: duckdb.DuckDBPyConnection,
                 tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """The rows of the documents not already loaded (rare: a copy of a file loaded before;
    asked only when inserting the documents met the primary key)."""
    docs = tables.get("documents")
    if docs is None:
        return tables
    again = [r[0] for r in con.execute(
        "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
        [docs.column("doc_id").to_pylist()]).fetchall()]
    if not again:
        return tables
    value_set = pa.array(sorted(again), pa.string())
    out = {}
    for name, t in tables.items():
        if name == "evidence":
            facts = tables.get("facts")
            if facts is None:
                continue
            gone = facts.filter(pc.is_in(facts.column("doc_id"), value_set=value_set))
            keep = pc.invert(pc.is_in(t.column("fact_id"), value_set=gone.column("fact_id")))
        else:
            keep = pc.invert(pc.is_in(t.column("doc_id"), value_set=value_set))
        out[name] = t.filter(keep)
    return out


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table | pd.DataFrame) -> None:
    con.register("_rows", rows)
    try:
        names = rows.column_names if isinstance(rows, pa.Table) else list(rows.columns)
        cols = ", ".join(f'"{c}"' for c in names)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _rows")
    finally:
        con.unregister("_rows")


def _bounded(con: duckdb.DuckDBPyConnection, what: str, run: Callable[[], object]) -> None:
    """`run()` (one statement: DuckDB writes all of it or nothing) within the build's buffer
    pool; if it does not fit there, once more without the limit, said on stderr. A build
    that completes beats a flat memory curve, and the line says what to look at."""
    try:
        run()
    except duckdb.OutOfMemoryException:
        print(f"dyad: {what} did not fit in DYAD_BUILD_MEMORY={BUILD_MEMORY_LIMIT}; "
              "run again without the limit", file=sys.stderr)
        con.execute("RESET memory_limit")
        run()
        with contextlib.suppress(duckdb.OutOfMemoryException):  # what it holds is held:
            con.execute(f"SET memory_limit = '{BUILD_MEMORY_LIMIT}'")  # go on without


def _load(con: duckdb.DuckDBPyConnection, b: Batch, counts: dict[str, int]) -> None:
    """One batch's rows into the tables (facts into the staging `_facts_in`). The documents
    go first: when one of them is in the table already, that INSERT fails whole on the
    primary key, and the batch is loaded without the rows of those documents."""
    tables = b.tables
    docs = tables.get("documents")
    if docs is not None and docs.num_rows:
        try:
            _bounded(con, "loading documents", lambda: _insert(con, "documents", docs))
        except duckdb.ConstraintException:
            tables = _drop_loaded(con, tables)
            if tables["documents"].num_rows:
                _bounded(con, "loading documents",
                         lambda: _insert(con, "documents", tables["documents"]))
        counts["documents"] += tables["documents"].num_rows
    for name, rows in tables.items():
        if name != "documents" and rows.num_rows:
            table = "_facts_in" if name == "facts" else name
            _bounded(con, f"loading {name}",
                     lambda table=table, rows=rows: _insert(con, table, rows))
            counts[name] += rows.num_rows


AGGREGATE_THREADS = 1


def _aggregate(con: duckdb.DuckDBPyConnection) -> None:
    """The agg_* tables (etl/aggregate.py), one at a time, under the build's buffer pool on
    AGGREGATE_THREADS threads, so they spill to disk rather than grow with the corpus (two
    threads each keep their own sort and hash tables: out of memory where one spills)."""
    con.execute(f"SET threads = {AGGREGATE_THREADS}")
    try:
        for name in AGGREGATES:
            _bounded(con, name, lambda name=name: aggregate(con, (name,)))
    finally:
        con.execute("RESET threads")


def _copy_facts(con: duckdb.DuckDBPyConnection, fixes: list[corrections.Correction]) -> list[str]:
    """Staged facts → `facts`, corrections applied, sorted by (pair, metric, date); returns
    the orphaned corrections. Only the corrected facts pass through pandas
    (`corrections.apply`, the same function as always): the rest stay in DuckDB."""
    cols = ", ".join(f'"{c}"' for c in FACT_COLUMNS)
    ids = sorted({c.fact_id for c in fixes})
    picked = [f'CAST("{c}" AS VARCHAR) AS "{c}"' if c == "date" else f'"{c}"'
              for c in FACT_COLUMNS]  # the date as the extractions give it: ISO text
    sub = con.execute(f"SELECT {', '.join(picked)} FROM _facts_in "
                      "WHERE fact_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).df()
    sub["date"] = sub["date"].astype(object)  # a correction may set a datetime.date
    fixed, orphans = corrections.apply(sub, fixes)
    fixed["date"] = [d.isoformat() if isinstance(d, date) else d for d in fixed["date"]]
    types = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE "
                             "table_name = 'facts' AND database_name = current_database() "
                             "ORDER BY column_index").fetchall())
    review = ["status", "reviewed_by", "reviewed_at", "review_note"]
    con.register("_fixed", fixed)
    _bounded(con, "the sorted copy of the facts", lambda: con.execute(f"""
        INSERT INTO facts ({cols}, {", ".join(review)})
        SELECT * FROM (
            SELECT {cols}, 'extracted', NULL, NULL, NULL
            FROM _facts_in WHERE fact_id NOT IN (SELECT fact_id FROM _fixed)
            UNION ALL
            SELECT {", ".join(f'CAST("{c}" AS {types[c]})' for c in FACT_COLUMNS + review)}
            FROM _fixed)
        ORDER BY pair, metric, date NULLS FIRST, fact_id"""))
    con.unregister("_fixed")
    con.execute("DROP TABLE _facts_in")
    return orphans


def _data_version(con: duckdb.DuckDBPyConnection) -> str:
    """sha1 of the sorted fact_ids, one a line: read in chunks, never all at once."""
    h = hashlib.sha1()
    first = True
    res = con.execute("SELECT fact_id FROM facts ORDER BY fact_id")
    while chunk := res.fetchmany(100_000):
        for (fid,) in chunk:
            h.update(fid.encode() if first else b"\n" + fid.encode())
            first = False
    return h.hexdigest()


def _first_taken(batches: Iterable[Batch]) -> Iterator[Batch]:
    """`batches`, its first item already taken from it (and held only until yielded)."""
    it = iter(batches)
    first = next(it, None)

    def rest() -> Iterator[Batch]:
        nonlocal first
        if first is not None:
            b, first = first, None
            yield b
            del b
        yield from it

    return rest()


def write_database(
    db: Path, batches: Iterable[Batch], rejected: list[tuple[str, str]],
    corrections_file: Path | None = None,
) -> dict[str, int]:
    """Build a complete database at a temporary path from `batches` (consumed once, each
    inserted as it arrives) and swap it in; returns row counts. `rejected` is read after
    the last batch (the caller may fill it while the batches stream).
    Call it under `build_lock(db)`: it removes what killed builds left behind."""
    _remove_leftovers(db)
    stream = _first_taken(batches)  # before DuckDB starts threads: a worker pool forks then
    tmp = db.with_name(f".{db.name}.building-{os.getpid()}")
    counts = dict.fromkeys(BATCH_TABLES, 0)
    con = duckdb.connect(str(tmp), config={"memory_limit": BUILD_MEMORY_LIMIT,
                                           "preserve_insertion_order": True})
    try:
        con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
        cols = ", ".join(f'"{c}"' for c in FACT_COLUMNS)
        con.execute(f"CREATE TEMP TABLE _facts_in AS SELECT {cols} FROM facts LIMIT 0")
        for b in stream:  # each batch is dropped once inserted: memory is a batch's
            _load(con, b, counts)
        fixes = corrections.read(corrections_file) if corrections_file else []
        orphans = _copy_facts(con, fixes)
        if orphans:
            _insert(con, "orphaned_corrections", pd.DataFrame({"fact_id": orphans}))
        counts["orphaned_corrections"] = len(orphans)
        _aggregate(con)  # the agg_* tables the pages read, in the same bounded memory
        if rejected:
            con.executemany("INSERT OR REPLACE INTO rejected_files VALUES (?, ?)", rejected)
        info = {
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "n_documents": str(counts["documents"]),
            "n_facts": str(counts["facts"]),
            "data_version": _data_version(con)[:12],
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
    _remove_leftovers(db)  # DuckDB's spill folder, if the sort used it
    return counts
