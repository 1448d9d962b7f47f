"""The ETL's command line: `extract` (the contract in ../shared/CONTRACT.md) and `build`.

stdout carries only facts (JSON Lines) so analysts can pipe it; progress and
one line per unreadable file go to stderr. Exit 0 when every file was read,
1 when some failed (the others are still extracted), 2 for bad usage.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

from etl import paths
from etl.ingest import UnreadableFile, iter_paths, read_document
from etl.model import DocMeta, Extraction
from etl.pipeline import extract

POOL_MIN_FILES = 64  # below this, starting worker processes costs more than it saves


def _one(job: tuple[str, str, DocMeta, date | None]) -> Extraction | tuple[str, str]:
    source, path, meta, reference = job
    try:
        raw = read_document(source, Path(path), meta)
        return extract(raw, reference)
    except UnreadableFile as e:
        return source, str(e)
    except Exception as e:  # a bug on one page must not cost the others
        return source, f"extraction failed: {type(e).__name__}: {e}"


def run(paths_: list[str], reference: date | None, jobs: int = 1
        ) -> Iterator[Extraction | tuple[str, str]]:
    """Extractions (or (source, reason) for unreadable files) in input order, streamed."""
    work = ((source, str(path), meta, reference) for source, path, meta in iter_paths(paths_))
    if jobs <= 1:
        yield from map(_one, work)
        return
    batch = list(work)
    if len(batch) < POOL_MIN_FILES:
        yield from map(_one, batch)
        return
    with ProcessPoolExecutor(jobs) as pool:
        yield from pool.map(_one, batch, chunksize=16)


def _date(s: str) -> date:
    try:
        return date.fromisoformat(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {s!r}") from None


def cmd_extract(a: argparse.Namespace) -> int:
    failed = n_docs = n_facts = 0
    out = sys.stdout
    for res in run(a.paths, a.reference_date, a.jobs):
        if isinstance(res, tuple):
            failed += 1
            print(f"dyad: cannot read {res[0]}: {res[1]}", file=sys.stderr)
            continue
        n_docs += 1
        for f in res.facts:
            n_facts += 1
            out.write(json.dumps(f.to_json(), ensure_ascii=False) + "\n")
    print(f"dyad: {n_facts} facts from {n_docs} files, {failed} unreadable", file=sys.stderr)
    return 1 if failed else 0


def cmd_build(a: argparse.Namespace) -> int:
    from etl.store import build_lock, write_database

    db = Path(a.db) if a.db else paths.db_path()
    raw = a.raw or str(paths.raw_dir())
    if not Path(raw).is_dir():
        print(f"dyad: no raw folder at {raw}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    with build_lock(db):
        rejected: list[tuple[str, str]] = []

        def good() -> Iterator[Extraction]:
            for res in run([raw], a.reference_date, a.jobs):
                if isinstance(res, tuple):
                    rejected.append((os.path.relpath(res[0], raw), res[1]))
                    print(f"dyad: cannot read {res[0]}: {res[1]}", file=sys.stderr)
                else:
                    # the database stores paths relative to the raw folder: portable
                    res.source = os.path.relpath(res.source, raw)
                    for f in res.facts:
                        f.source = res.source
                    yield res

        counts = write_database(db, good(), rejected, paths.corrections_path())
    print(f"dyad: built {db} in {time.perf_counter() - t0:.1f} s: {counts['documents']} documents, "
          f"{counts['facts']} facts, {counts['signed_documents']} signed documents, "
          f"{len(rejected)} rejected files", file=sys.stderr)
    return 1 if rejected else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m etl", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("extract", help="print the facts of files or folders as JSON Lines")
    ex.add_argument("paths", nargs="+", metavar="PATH")
    ex.add_argument("--reference-date", type=_date, default=None,
                    help="'today' for relative and year-less dates (default: manifest date)")
    ex.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    ex.set_defaults(func=cmd_extract)
    bd = sub.add_parser("build", help="build the DuckDB database from the raw folder")
    bd.add_argument("--raw", default=None, help="raw folder (default data/raw or $DYAD_RAW)")
    bd.add_argument("--db", default=None, help="database file (default data/dyad.duckdb)")
    bd.add_argument("--reference-date", type=_date, default=None)
    bd.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="worker processes (default: every core)")
    bd.set_defaults(func=cmd_build)
    a = ap.parse_args(argv)
    return int(a.func(a))
