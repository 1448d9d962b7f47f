"""The ETL's command line: `extract` (the contract in ../shared/CONTRACT.md), `build`, `check`.

stdout carries only facts (JSON Lines) so analysts can pipe it; progress and
one line per unreadable file go to stderr. Exit 0 when every file was read,
1 when some failed (the others are still extracted), 2 for bad usage, 3 when
`build --no-wait` finds another build running.

A document longer than MAX_DOC_CHARS (a 50 MB dump, a 5 MB line with no
newline) is extracted in pieces cut at paragraph, line, sentence or word
boundaries: each piece is a document of its own (same source, its own doc_id
and offsets), so time grows linearly with the file and memory stays that of
one piece (measured: a 5 MB line took 38 s whole, a 50 MB text more than 3
minutes of CPU without finishing; in pieces, see tests/test_hostile_input.py).
"""
from __future__ import annotations

import argparse
import contextlib
import ctypes
import dataclasses
import functools
import itertools
import json
import multiprocessing
import os
import re
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from etl import paths
from etl.ingest import RawDocument, UnreadableFile, iter_paths, read_document
from etl.model import DocMeta, Extraction
from etl.pipeline import extract

if TYPE_CHECKING:
    from etl.store import Batch

POOL_MIN_FILES = 64  # below this, starting worker processes costs more than it saves
BATCH_FILES = 32  # files per task a worker extracts and hands back at once
AHEAD = 4  # tasks in flight per worker: enough to keep it busy, few enough to bound memory
MAX_DOC_CHARS = 200_000  # longer documents are extracted in pieces (see the module doc)
EXIT_BUSY = 3  # `build --no-wait` while another build holds the lock

# Where a piece may end, best first; each is searched in the second half of the window.
_CUTS = ("\n\n", "\n", ". ", "! ", "? ", " ")


def pieces(raw: RawDocument, limit: int = MAX_DOC_CHARS) -> list[RawDocument]:
    """The document itself, or consecutive pieces of at most `limit` characters that
    together hold all of its text, each cut after a paragraph, line, sentence or word."""
    text = raw.text
    if len(text) <= limit:
        return [raw]
    out: list[RawDocument] = []
    pos = 0
    while pos < len(text):
        end = min(pos + limit, len(text))
        if end < len(text):
            for sep in _CUTS:
                at = text.rfind(sep, pos + limit // 2, end)
                if at != -1:
                    end = at + len(sep)
                    break
        if text[pos:end].strip():
            out.append(dataclasses.replace(raw, text=text[pos:end]))
        pos = end
    return out


Result = list[Extraction] | tuple[str, str]  # a file's documents, or (source, reason)
Job = tuple[str, str, DocMeta, date | None]  # source, path, manifest row, reference date

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable(name: str) -> str:
    """A file name as one line of valid UTF-8: bytes that are not UTF-8 (which Python
    keeps as lone surrogates) and control characters such as a newline are written
    as escapes (bad\\xff.txt, new\\nline.txt), so a name can neither split the one-line
    report nor make stdout, stderr or the database refuse the text."""
    if not _UNPRINTABLE.search(name):
        return name
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], name)


def _warn(msg: str) -> None:
    print(f"warning: {printable(msg)}", file=sys.stderr)


def _one(job: Job) -> Result:
    source, path, meta, reference = job
    try:
        raw = read_document(source, Path(path), meta)
        return [extract(piece, reference) for piece in pieces(raw)]
    except UnreadableFile as e:
        return source, str(e)
    except Exception as e:  # a bug on one page must not cost the others
        return source, f"extraction failed: {type(e).__name__}: {e}"


_KEEP_FDS_FROM_WORKERS: list[int] = []  # the build lock: a worker must never hold it


def _worker_init() -> None:
    """In each pool worker: die with the parent (a SIGKILLed build must not leave workers
    running, holding the build lock it inherited), and drop the inherited lock."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (Linux)
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)
    for fd in _KEEP_FDS_FROM_WORKERS:
        with contextlib.suppress(OSError):
            os.close(fd)


T = TypeVar("T")
R = TypeVar("R")


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _in_order(pool: Executor, fn: Callable[[T], R], items: Iterable[T], ahead: int) -> Iterator[R]:
    """`pool.map(fn, items)`, but reading `items` lazily and keeping at most `ahead` tasks
    in flight, so neither the work list nor finished results pile up in memory."""
    pending: deque = deque()
    for item in items:
        pending.append(pool.submit(fn, item))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _pooled(fn: Callable[[list], R], work: Iterator, jobs: int, size: int) -> Iterator[R]:
    """fn over consecutive chunks of `work`, in order: in this process for one job or few
    files, else in `jobs` forked workers that die with this process. The workers are
    forked before `work` is first read: what walking a folder holds (its manifests' index,
    a folder's names) is the parent's, and the workers need not copy it."""
    if jobs <= 1:
        yield from map(fn, _chunks(work, size))
        return
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                             initializer=_worker_init) as pool:
        pool.submit(int).result()  # forks every worker now (the fork start method does)
        head = list(itertools.islice(work, POOL_MIN_FILES))
        chunks = _chunks(itertools.chain(head, work), size)
        if len(head) < POOL_MIN_FILES:
            yield from map(fn, chunks)
            return
        yield from _in_order(pool, fn, chunks, AHEAD * jobs)


def _work(paths_: list[str], reference: date | None) -> Iterator[Job]:
    return ((printable(source), str(path), meta, reference)
            for source, path, meta in iter_paths(paths_, warn=_warn))


def _many(jobs_: list[Job]) -> list[Result]:
    return [_one(job) for job in jobs_]


def run(paths_: list[str], reference: date | None, jobs: int = 1) -> Iterator[Result]:
    """Per file in input order, streamed: its extractions, or (source, reason) if unreadable."""
    for results in _pooled(_many, _work(paths_, reference), jobs, 16):
        yield from results


def _batch(root: str, jobs_: list[Job]) -> Batch:
    """In a worker: a chunk of files → the rows the database gets (sources relative to
    the raw folder `root`) and the files that could not be read."""
    from etl.store import batch

    good: list[Extraction] = []
    rejected: list[tuple[str, str]] = []
    for res in map(_one, jobs_):
        if isinstance(res, tuple):
            rejected.append(res)
            continue
        for ex in res:
            # the database stores paths relative to the raw folder: portable
            ex.source = os.path.relpath(ex.source, root)
            for f in ex.facts:
                f.source = ex.source
            good.append(ex)
    return batch(good, rejected)


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
        for ex in res:
            for f in ex.facts:
                n_facts += 1
                out.write(json.dumps(f.to_json(), ensure_ascii=False) + "\n")
    print(f"dyad: {n_facts} facts from {n_docs} files, {failed} unreadable", file=sys.stderr)
    return 1 if failed else 0


def cmd_build(a: argparse.Namespace) -> int:
    from etl.store import BuildBusy, build_lock, database_problem, rejected_report, write_database

    db = Path(a.db) if a.db else paths.db_path()
    raw = a.raw or str(paths.raw_dir())
    if not Path(raw).is_dir():
        print(f"dyad: no raw folder at {raw}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    try:
        with build_lock(db, wait=not a.no_wait) as lock:
            if db.exists() and (problem := database_problem(db)):
                print(f"dyad: {db} is damaged ({problem}); rebuilding it from {raw}",
                      file=sys.stderr)
            rejected: list[tuple[str, str]] = []
            shown_raw = printable(raw)

            def batches() -> Iterator[Batch]:
                work = _work([raw], a.reference_date)
                for b in _pooled(functools.partial(_batch, shown_raw), work, a.jobs,
                                 BATCH_FILES):
                    for source, reason in b.rejected:
                        rejected.append((os.path.relpath(source, shown_raw), reason))
                        print(f"dyad: cannot read {source}: {reason}", file=sys.stderr)
                    yield b

            _KEEP_FDS_FROM_WORKERS[:] = [lock.fileno()]
            try:
                counts = write_database(db, batches(), rejected, paths.corrections_path())
            finally:
                _KEEP_FDS_FROM_WORKERS.clear()
    except BuildBusy as e:
        print(f"dyad: {e}; not building (run again later, or without --no-wait to wait)",
              file=sys.stderr)
        return EXIT_BUSY
    print(f"dyad: built {db} in {time.perf_counter() - t0:.1f} s: {counts['documents']} documents, "
          f"{counts['facts']} facts, {counts['signed_documents']} signed documents, "
          f"{len(rejected)} rejected files" + (f" (listed in {rejected_report(db)})"
                                               if rejected else ""), file=sys.stderr)
    return 1 if rejected else 0


def cmd_check(a: argparse.Namespace) -> int:
    """Exit 0 when the database opens and every table reads back whole, else 1 with why."""
    from etl.store import database_problem

    db = Path(a.db) if a.db else paths.db_path()
    problem = database_problem(db, deep=True)
    if problem:
        print(f"dyad: {db}: {problem}", file=sys.stderr)
        return 1
    if not a.quiet:
        print(f"dyad: {db} is readable", file=sys.stderr)
    return 0


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
    bd.add_argument("--no-wait", action="store_true",
                    help=f"if another build is running, exit {EXIT_BUSY} instead of waiting")
    bd.set_defaults(func=cmd_build)
    ck = sub.add_parser("check", help="exit 0 if the database is whole and readable, else 1")
    ck.add_argument("--db", default=None, help="database file (default data/dyad.duckdb)")
    ck.add_argument("--quiet", action="store_true", help="say nothing when it is fine")
    ck.set_defaults(func=cmd_check)
    a = ap.parse_args(argv)
    return int(a.func(a))
