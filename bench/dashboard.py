"""The dashboard against a big database: each page's script time and each of its queries.

Runs every page of app.py with Streamlit's AppTest against DYAD_DB=DB (the default
scope: the best-covered pair over the whole date range, the worst case), and
  - times each page's script cold (the read side's query cache emptied first) and warm
    (the same page run again);
  - records every SQL statement a page sends through `dyad.db.query` on a cold run,
    labelled with the `dyad.queries` function that sent it, and replays each one
    RUNS times the way `dyad.db` runs it (a cursor of the one read-only connection kept
    per file version, `.df()`), uncached, for its median and p95.

    python -m bench.dashboard DB [--runs 20]   # prints one JSON object

Run in its own process: Streamlit, the caches and DYAD_DB stay out of the caller.
"""
from __future__ import annotations

import argparse
import ast
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
RUNS = 20
TIMEOUT = 900  # seconds AppTest waits for one script run
REPLAY_BUDGET = 5.0  # seconds of replays per query before stopping short of RUNS


def page_paths() -> list[str]:
    """The pages app.py routes to (its `st.Page("pages/x.py", ...)` calls), the default first."""
    pages, default = [], []
    for node in ast.walk(ast.parse(APP.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "Page" and node.args
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            is_default = any(k.arg == "default" and isinstance(k.value, ast.Constant)
                             and k.value.value is True for k in node.keywords)
            (default if is_default else pages).append(node.args[0].value)
    return default + sorted(set(pages) - set(default), key=pages.index)


def _clear_caches() -> None:
    import streamlit as st

    from dyad import db, memo

    for fn in vars(db).values():  # the query cache (not the files read once: outlines, ...)
        if hasattr(fn, "cache_clear"):
            fn.cache_clear()
    memo.clear()  # what is computed per database version: figures, tracker, claims
    st.cache_data.clear()


def _run_page(page: str, first: bool, before: Any = None) -> tuple[Any, float]:
    """(AppTest, seconds of the page's script run) for `page`, caches emptied before it.

    A page other than the default one is reached as a visitor does: the app runs
    (the default page), then switches; only the switch is timed. `before` is called
    right before the timed run.
    """
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    if not first:
        at.run()
    _clear_caches()
    if before:
        before()
    t0 = time.perf_counter()
    (at.run() if first else at.switch_page(page).run())
    return at, time.perf_counter() - t0


def _record(page: str, first: bool) -> list[tuple[str, str, tuple]]:
    """The (label, sql, params) a cold run of `page` sends, in order."""
    from dyad import db

    calls: list[tuple[str, str, tuple]] = []
    original = db.query

    def recording(sql: str, params: Any = ()) -> Any:
        f = sys._getframe(1)
        while f.f_code.co_name.startswith("_") and f.f_back is not None \
                and f.f_back.f_globals.get("__name__") == f.f_globals.get("__name__"):
            f = f.f_back  # a helper's query (queries._enrich) is its caller's (queries.facts)
        label = f"{f.f_globals.get('__name__', '?').removeprefix('dyad.')}.{f.f_code.co_name}"
        calls.append((label, sql, tuple(params)))
        return original(sql, params)

    patched = [m for name, m in sys.modules.items()
               if name.startswith("dyad") and getattr(m, "query", None) is original]

    def patch() -> None:
        for m in patched:
            m.query = recording

    try:
        _run_page(page, first, before=patch)
    finally:
        for m in patched:
            m.query = original
    return calls


_CONNECTIONS: dict[str, Any] = {}


def _connection(db_file: str) -> Any:
    """One read-only connection per file, a cursor per query: as `dyad.db` runs them."""
    import duckdb

    if db_file not in _CONNECTIONS:
        _CONNECTIONS[db_file] = duckdb.connect(db_file, read_only=True)
    return _CONNECTIONS[db_file]


def _replay(db_file: str, sql: str, params: tuple, runs: int) -> dict[str, Any]:
    """`runs` timed runs, or fewer (at least 3) once REPLAY_BUDGET seconds are spent."""
    times, rows = [], 0
    con = _connection(db_file)
    while len(times) < runs and (len(times) < 3 or sum(times) < REPLAY_BUDGET):
        t0 = time.perf_counter()
        with con.cursor() as cur:
            rows = len(cur.execute(sql, list(params)).df())
        times.append(time.perf_counter() - t0)
    return {"median_ms": round(1000 * statistics.median(times), 1),
            "p95_ms": round(1000 * _p95(times), 1), "rows": rows, "runs": len(times)}


def _p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def measure(db_file: str, runs: int = RUNS, max_pages: int | None = None) -> dict[str, Any]:
    """Pages (the first `max_pages`, default page first) and their queries against db_file."""
    os.environ["DYAD_DB"] = str(Path(db_file).resolve())
    sys.path.insert(0, str(ROOT))
    pages, queries = [], []
    timed: dict[tuple[str, tuple], dict[str, Any]] = {}  # the sidebar's queries run once
    for i, page in enumerate(page_paths()[:max_pages]):
        at, cold = _run_page(page, first=i == 0)
        errors = [str(e.value) for e in at.exception]
        t0 = time.perf_counter()
        at.run()
        warm = time.perf_counter() - t0
        pages.append({"page": page, "cold_s": round(cold, 3), "warm_s": round(warm, 3),
                      "errors": errors[:3]})
        seen = set()
        for label, sql, params in _record(page, first=i == 0):
            if (sql, params) in seen:
                continue  # a page asking twice is served from the cache the second time
            seen.add((sql, params))
            if (sql, params) not in timed:
                timed[sql, params] = _replay(os.environ["DYAD_DB"], sql, params, runs)
            queries.append({"page": page, "query": label, **timed[sql, params], "sql": sql,
                            "params": json.loads(json.dumps(params, default=str))})
        print(f"bench: {page}: cold {cold:.2f} s, warm {warm:.2f} s", file=sys.stderr)
    return {"pages": pages, "queries": queries, "runs": runs}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.dashboard",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("db")
    ap.add_argument("--runs", type=int, default=RUNS)
    ap.add_argument("--max-pages", type=int, default=None,
                    help="run only the first N pages (the default page is first)")
    a = ap.parse_args(argv)
    json.dump(measure(a.db, a.runs, a.max_pages), sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
