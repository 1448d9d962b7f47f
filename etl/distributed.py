"""Extraction past one machine: etl.pipeline.extract per file on Dask workers → Parquet.

Reads a folder, or any fsspec URL (s3://bucket/articles, gs://…, memory://… in tests),
of the files `python -m etl extract` reads, with the manifest.csv files among them.
Writes, under OUT_DIR (a folder or an fsspec URL the workers can write to):

    facts/year=2025/part-00003-0.parquet   the facts, partitioned by the year of their date
                                          (year=__HIVE_DEFAULT_PARTITION__ when unknown),
                                          each file sorted by (pair, metric, date)
    evidence/ documents/ … rejected_files/ every other table of etl/schema.sql but
                                          build_info, one part-NNNNN.parquet per task
                                          (orphaned_corrections: one, by the client)
    dyad.duckdb                           (local OUT_DIR only) a catalog of views over
                                          those files with the database's tables and types,
                                          so the dashboard reads it as it reads a built
                                          database: DYAD_DB=OUT_DIR/dyad.duckdb

Every table has the columns and types of etl/schema.sql, and the corrections file
(data/corrections.csv) is applied as `etl build` applies it. The files are split into
tasks of --files-per-task files; a worker reads, extracts and writes one task's
Parquet itself, so neither the client nor a worker ever holds more than one task's
documents, and the client only gathers counts. With no --scheduler a LocalCluster of
one single-threaded worker process per core runs here; with one, the workers must
have this project importable and reach RAW and OUT (a shared folder or object store).

    python -m etl.distributed RAW_URL OUT_DIR [--scheduler tcp://host:8786]
"""
from __future__ import annotations

import argparse
import os
import posixpath
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from etl import corrections, paths
from etl.aggregate import aggregate
from etl.cli import pieces  # a huge file is extracted in pieces, as `etl extract` does
from etl.corrections import Correction
from etl.ingest import EXTENSIONS, UnreadableFile, iter_paths, read_document
from etl.manifest import MANIFEST_NAME, lookup, read_manifest
from etl.model import DocMeta, Extraction
from etl.paths import SCHEMA_SQL
from etl.pipeline import extract

FILES_PER_TASK = 200
NOT_DATA = ("build_info",)  # tables of etl/schema.sql that hold no rows of the corpus


@dataclass(frozen=True)
class Item:
    """One file to extract: `location` is a local path or a URL of `protocol`."""

    source: str
    location: str
    meta: DocMeta
    protocol: str = "file"


def _is_url(s: str) -> bool:
    return "://" in s and not s.startswith("file://")


def _fs(url: str) -> tuple[Any, str]:
    from fsspec.core import url_to_fs

    return url_to_fs(url)


# --- listing ---------------------------------------------------------------------------

def list_items(raw: str) -> Iterator[Item]:
    """The files to read under `raw` with their manifest metadata, in path order."""
    if not _is_url(raw):
        for source, path, meta in iter_paths([raw.removeprefix("file://")]):
            yield Item(source, str(path), meta)
        return
    fs, root = _fs(raw)
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    root = root.rstrip("/")
    files = sorted(fs.find(root))
    manifests: dict[str, dict[str, DocMeta]] = {}
    for f in files:
        if posixpath.basename(f) == MANIFEST_NAME:
            manifests[posixpath.dirname(f)] = _read_remote_manifest(fs, f)
    for f in files:
        rel = posixpath.relpath(f, root)
        name = posixpath.basename(f)
        hidden = any(part.startswith(".") for part in rel.split("/"))
        if hidden or not name.lower().endswith(EXTENSIONS):
            continue
        yield Item(raw.rstrip("/") + "/" + rel, f, _nearest_meta(manifests, root, f), protocol)


def _read_remote_manifest(fs: Any, path: str) -> dict[str, DocMeta]:
    with tempfile.TemporaryDirectory() as tmp:
        local = Path(tmp) / MANIFEST_NAME
        local.write_bytes(fs.cat_file(path))
        entries, warnings = read_manifest(local)
    for w in warnings:
        print(f"dyad: {path}: {w}", file=sys.stderr)
    return entries


def _nearest_meta(manifests: dict[str, dict[str, DocMeta]], root: str, file: str) -> DocMeta:
    """The nearest manifest at or above the file's folder (within root) that names it."""
    folder, rel = posixpath.dirname(file), posixpath.basename(file)
    while True:
        entries = manifests.get(folder)
        if entries is not None and (hit := lookup(entries, rel)) is not None:
            return hit
        if folder == root or len(folder) <= len(root):
            return DocMeta()
        rel = posixpath.basename(folder) + "/" + rel
        folder = posixpath.dirname(folder)


# --- one task, on a worker -------------------------------------------------------------

def _read(item: Item) -> Any:
    if item.protocol == "file":
        return read_document(item.source, Path(item.location), item.meta)
    import fsspec

    fs = fsspec.filesystem(item.protocol)
    try:
        data = fs.cat_file(item.location)
    except (FileNotFoundError, OSError) as e:
        raise UnreadableFile(f"cannot read: {e}") from None
    with tempfile.TemporaryDirectory() as tmp:  # the reader sniffs the format from the name
        local = Path(tmp) / posixpath.basename(item.location)
        local.write_bytes(data)
        return read_document(item.source, local, item.meta)


def _extract_all(items: list[Item], reference: date | None
                 ) -> tuple[list[Extraction], list[tuple[str, str]]]:
    done: list[Extraction] = []
    rejected: list[tuple[str, str]] = []
    for item in items:
        try:
            done.extend(extract(piece, reference) for piece in pieces(_read(item)))
        except UnreadableFile as e:
            rejected.append((item.source, str(e)))
        except Exception as e:  # a bug on one page must not cost the others
            rejected.append((item.source, f"extraction failed: {type(e).__name__}: {e}"))
    return done, rejected


@cache
def arrow_schemas() -> dict[str, Any]:
    """Each table's Arrow schema, read off etl/schema.sql so Parquet and DuckDB agree."""
    con = duckdb.connect()
    try:
        con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
        names = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() ORDER BY table_name").fetchall()]
        return {t: con.sql(f"SELECT * FROM {t}").to_arrow_table().schema
                for t in names if t not in NOT_DATA}
    finally:
        con.close()


def _table(df: Any, schema: Any) -> Any:
    """A frame of etl.store's rows → an Arrow table of the table's schema (ISO text → DATE)."""
    import pyarrow as pa

    arrays = []
    for field in schema:
        if field.name not in df:  # a column the extraction does not fill (yet)
            arrays.append(pa.nulls(len(df), field.type))
            continue
        col = df[field.name]
        if pa.types.is_date32(field.type):
            arrays.append(pa.array([date.fromisoformat(x) if isinstance(x, str) else None
                                    for x in col], field.type))
        else:
            arrays.append(pa.array(col, field.type, from_pandas=True))
    return pa.Table.from_arrays(arrays, schema=schema)


def extract_task(index: int, items: list[Item], out: str, reference: date | None = None,
                 fixes: tuple[Correction, ...] = ()) -> dict[str, Any]:
    """Extract `items` and write their rows under `out`.

    Returns the rows written per table, and under "orphans" the fact_ids of the
    corrections that found no fact here (the client keeps those no task found).
    """
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    from etl.store import _frames  # the same rows the database gets

    extractions, rejected = _extract_all(items, reference)
    frames = _frames(extractions)
    # sorted like the built database's facts, so each Parquet part's row groups are too
    frames["facts"] = frames["facts"].sort_values(["pair", "metric", "date", "fact_id"],
                                                  na_position="first")
    frames["facts"], orphans = corrections.apply(frames["facts"], list(fixes))
    frames["rejected_files"] = pd.DataFrame(rejected, columns=["source", "reason"])
    schemas = arrow_schemas()
    counts: dict[str, Any] = {}
    for name, df in frames.items():
        if name not in schemas:
            continue
        table = _table(df, schemas[name])
        counts[name] = table.num_rows
        if name == "facts":
            if table.num_rows:
                years = [d.year if d else None for d in table.column("date").to_pylist()]
                table = table.append_column("year", pa.array(years, pa.int32()))
                fs, root = _fs(out) if _is_url(out) else (None, out)
                pq.write_to_dataset(table, f"{root}/facts", partition_cols=["year"],
                                    basename_template=f"part-{index:05d}-{{i}}.parquet",
                                    filesystem=fs)
            continue
        _write(table, out, name, f"part-{index:05d}.parquet")
    counts["files"] = len(items)
    counts["orphans"] = set(orphans)
    return counts


def _write(table: Any, out: str, name: str, file: str) -> None:
    import pyarrow.parquet as pq

    fs, root = _fs(out) if _is_url(out) else (None, out)
    path = f"{root}/{name}/{file}"
    if fs is None:
        os.makedirs(os.path.dirname(path), exist_ok=True)
    else:
        fs.makedirs(posixpath.dirname(path), exist_ok=True)
    pq.write_table(table, path, filesystem=fs)


# --- the client ------------------------------------------------------------------------

def _clear(out: str) -> None:
    """Remove the tables a previous run left under `out` (and nothing else)."""
    if _is_url(out):
        fs, root = _fs(out)
        for t in arrow_schemas():
            if fs.exists(f"{root}/{t}"):
                fs.rm(f"{root}/{t}", recursive=True)
        return
    import shutil

    for t in arrow_schemas():
        shutil.rmtree(Path(out) / t, ignore_errors=True)
    Path(out).mkdir(parents=True, exist_ok=True)


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for it in items:
        batch.append(it)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_catalog(out: str, counts: dict[str, int]) -> Path:
    """OUT/dyad.duckdb: the database's tables as views over the Parquet files, same types."""
    db = Path(out) / "dyad.duckdb"
    tmp = db.with_name(f".{db.name}.building-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
        root = Path(out).resolve()
        for t in arrow_schemas():
            pattern = "*/*.parquet" if t == "facts" else "*.parquet"
            if not any((root / t).glob(pattern)):
                continue  # nothing written: keep the empty table
            cols = con.execute(f"DESCRIBE {t}").fetchall()
            select = ", ".join(f'"{c}"::{typ} AS "{c}"' for c, typ, *_ in cols)
            glob = str(root / t / pattern).replace("'", "''")
            hive = ", hive_partitioning = true" if t == "facts" else ""
            con.execute(f"DROP TABLE {t}")
            con.execute(f"CREATE VIEW {t} AS SELECT {select} FROM read_parquet('{glob}'{hive})")
        con.executemany("INSERT INTO build_info VALUES (?, ?)", [
            ("built_at", time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())),
            ("n_documents", str(counts.get("documents", 0))),
            ("n_facts", str(counts.get("facts", 0))),
            ("data_version", f"parquet-{int(time.time())}"),
            ("parquet", str(root)),
        ])
        aggregate(con)  # materialised: the dashboard's pages read them, not the Parquet
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, db)
    return db


def run(raw: str, out: str, scheduler: str | None = None, files_per_task: int = FILES_PER_TASK,
        reference: date | None = None, cluster: Any = None,
        corrections_file: Path | None = None) -> dict[str, int]:
    """Extract everything under `raw` on a Dask cluster into `out`; returns row counts.

    `cluster` (a LocalCluster, in tests) or `scheduler` (an address) says where;
    with neither, a LocalCluster of one single-threaded worker per core is started.
    The corrections file (default: the build's, etl.paths) is applied as a build does.
    """
    from distributed import Client, LocalCluster, as_completed

    fixes = tuple(corrections.read(corrections_file or paths.corrections_path()))
    _clear(out)
    own = None
    if cluster is None and scheduler is None:
        own = cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1,
                                     processes=True, dashboard_address=None)
    client = Client(scheduler) if scheduler else Client(cluster)
    totals: dict[str, int] = {}
    orphans = {c.fact_id for c in fixes}
    try:
        futures = [client.submit(extract_task, i, chunk, out, reference, fixes, pure=False)
                   for i, chunk in enumerate(_chunks(list_items(raw), files_per_task))]
        for fut in as_completed(futures):
            result = fut.result()
            orphans &= result.pop("orphans")
            for k, v in result.items():
                totals[k] = totals.get(k, 0) + v
            fut.release()
    finally:
        client.close()
        if own is not None:
            own.close()
    schemas = arrow_schemas()
    if "orphaned_corrections" in schemas:
        import pandas as pd

        df = pd.DataFrame({"fact_id": [c.fact_id for c in fixes if c.fact_id in orphans]})
        _write(_table(df, schemas["orphaned_corrections"]), out, "orphaned_corrections",
               "part-00000.parquet")
        totals["orphaned_corrections"] = len(df)
    if not _is_url(out):
        write_catalog(out, totals)
    return totals


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m etl.distributed",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("raw", metavar="RAW_URL", help="a folder or an fsspec URL of articles")
    ap.add_argument("out", metavar="OUT_DIR", help="where the Parquet dataset goes")
    ap.add_argument("--scheduler", default=None, help="a dask-distributed scheduler address")
    ap.add_argument("--files-per-task", type=int, default=FILES_PER_TASK)
    ap.add_argument("--reference-date", type=date.fromisoformat, default=None)
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    counts = run(a.raw, a.out, a.scheduler, a.files_per_task, a.reference_date)
    print(f"dyad: {counts.get('facts', 0)} facts from {counts.get('documents', 0)} documents "
          f"({counts.get('files', 0)} files, {counts.get('rejected_files', 0)} unreadable) "
          f"in {time.perf_counter() - t0:.1f} s → {a.out}", file=sys.stderr)
    return 1 if counts.get("rejected_files") else 0


if __name__ == "__main__":
    raise SystemExit(main())
