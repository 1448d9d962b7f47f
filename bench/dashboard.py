"""The dashboard against a big database: each page's script time and each of its queries.

Runs every page of app.py with Streamlit's AppTest against DYAD_DB=DB, in several views:
the default one (the best-covered pair over the whole date range, the worst case) and the
sidebar's filters in the URL (a minimum confidence, a language, a source, a date range of
part months, all of them at once; `--views` picks), and
  - times each page's script cold, as the first visitor after a rebuild meets it: the
    database gets a new file version (its mtime is bumped, so every per-version cache,
    the kept connection and DuckDB's buffer pool are new), nothing warms it first
    (`DYAD_WARM=0`); the process itself is warm (every page ran once before, so imports
    are done, as in a server that has been up);
  - times it again warm (the same page run again);
  - times it "after warm-up": a new version, dyad/warm.py's warm-up run to its end, then
    the page (what a visitor meets a few seconds after a rebuild). The warm-up computes
    the default view, whose pages it serves from the caches; a filtered view it did not
    compute still finds the connection open and the blocks the default view read in
    DuckDB's buffer pool, and runs every query of its own;
  - records every SQL statement a page sends through `dyad.db.query` on a cold run,
    labelled with the `dyad.queries` function that sent it, and replays each one
    RUNS times the way `dyad.db` runs it (on a kept cursor of the one read-only connection
    kept per file version, `.df()`), uncached, for its median and p95.

    python -m bench.dashboard DB [--runs 20] [--views default,conf,...]   # one JSON object

A page of a filtered view is reported as `pages/<name>[<view>].py`. Run in its own
process: Streamlit, the caches and DYAD_DB stay out of the caller. It bumps DB's mtime.
"""
from __future__ import annotations

import argparse
import ast
import importlib.util
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


# The sidebar's filters in the URL: each view is a page run with these query parameters.
# "lang" and "source" take the most common language and source of the database (filled
# in by `views`); "dates" is a range of part months (the aggregates hold whole months).
VIEWS: dict[str, dict[str, Any]] = {
    "default": {},
    "conf": {"conf": "0.7"},
    "lang": {"lang": None},
    "source": {"source": None},
    "dates": {"dates": ["2019-03-15", "2024-10-20"]},
    "filters": {"conf": "0.6", "lang": None, "source": None,
                "dates": ["2019-03-15", "2024-10-20"]},
}


def views(db_file: str, names: list[str]) -> dict[str, dict[str, Any]]:
    """The views `names` with the database's most common language and source filled in."""
    import duckdb

    with duckdb.connect(db_file, read_only=True) as con:
        top = dict(con.execute("SELECT what, arg_max(value, n) FROM agg_options "
                               "GROUP BY what").fetchall())
    out = {}
    for name in names:
        params = {k: (top.get(k, "") if v is None else v) for k, v in VIEWS[name].items()}
        out[name] = params
    return out


def label(page: str, view: str) -> str:
    """`pages/trade.py` in the default view, `pages/trade[conf].py` in another."""
    return page if view == "default" else page.removesuffix(".py") + f"[{view}].py"


def _new_version(db_file: str) -> None:
    """Make the database a new file version, as a rebuild does: its mtime moves, so
    `dyad.db` and `dyad.memo` miss every cache and the kept connection is reopened; the
    replay connection is closed first so DuckDB opens the file afresh (its buffer pool
    empty) instead of handing back the instance that connection keeps open."""
    import streamlit as st

    for con in reversed(list(_CONNECTIONS.values())):  # the cursors, then the connections
        con.close()
    _CONNECTIONS.clear()
    st.cache_data.clear()
    now = time.time_ns()
    os.utime(db_file, ns=(now, max(now, os.stat(db_file).st_mtime_ns + 1_000_000)))


def _app(query: dict[str, Any]) -> Any:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update(query)
    return at


def _run_page(db_file: str, page: str, query: dict[str, Any], before: Any = None,
              warm_up: bool = False) -> tuple[Any, float]:
    """(AppTest, seconds of the page's script run) for `page` of a new database version.

    The app runs (the default page), the database becomes a new version, then the page
    is reached as a visitor does (the default page: run again; another: a switch); only
    that last run is timed. `warm_up`: dyad/warm.py's warm-up of the new version runs to
    its end before it. `before` is called right before the timed run."""
    at = _app(query)
    at.run()
    _new_version(db_file)
    if warm_up:
        from dyad import warm

        warm.warm_now()
    if before:
        before()
    t0 = time.perf_counter()
    (at.run() if page == page_paths()[0] else at.switch_page(page).run())
    return at, time.perf_counter() - t0


def _record(db_file: str, page: str, query: dict[str, Any]) -> list[tuple[str, str, tuple]]:
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
        _run_page(db_file, page, query, before=patch)
    finally:
        for m in patched:
            m.query = original
    return calls


_CONNECTIONS: dict[str, Any] = {}


def _connection(db_file: str) -> Any:
    """A cursor of the one read-only connection kept per file, kept for the next query:
    as `dyad.db` runs them (it keeps its idle cursors)."""
    import duckdb

    if db_file not in _CONNECTIONS:
        con = duckdb.connect(db_file, read_only=True)
        _CONNECTIONS[db_file] = con
        _CONNECTIONS[db_file + "#cursor"] = con.cursor()
    return _CONNECTIONS[db_file + "#cursor"]


def _replay(db_file: str, sql: str, params: tuple, runs: int) -> dict[str, Any]:
    """`runs` timed runs, or fewer (at least 3) once REPLAY_BUDGET seconds are spent."""
    times, rows = [], 0
    cur = _connection(db_file)
    while len(times) < runs and (len(times) < 3 or sum(times) < REPLAY_BUDGET):
        t0 = time.perf_counter()
        rows = len(cur.execute(sql, list(params)).df())
        times.append(time.perf_counter() - t0)
    return {"median_ms": round(1000 * statistics.median(times), 1),
            "p95_ms": round(1000 * _p95(times), 1), "rows": rows, "runs": len(times)}


def _p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def measure(db_file: str, runs: int = RUNS, max_pages: int | None = None,
            view_names: list[str] | None = None) -> dict[str, Any]:
    """Pages (the first `max_pages`, default page first) and their queries against db_file,
    in each of the views `view_names` (default: every one of VIEWS)."""
    db_file = str(Path(db_file).resolve())
    os.environ["DYAD_DB"] = db_file
    os.environ["DYAD_WARM"] = "0"  # nothing warms a new version unless a run asks for it
    sys.path.insert(0, str(ROOT))
    paths = page_paths()[:max_pages]
    can_warm = importlib.util.find_spec("dyad.warm") is not None  # a tree without dyad/warm.py
    chosen = views(db_file, view_names or list(VIEWS))
    for page in paths:  # a server that has been up: every page ran once, imports are done
        at = _app({})
        at.run()
        if page != paths[0]:
            at.switch_page(page).run()
    pages, queries = [], []
    timed: dict[tuple[str, tuple], dict[str, Any]] = {}  # the sidebar's queries run once
    for view, query in chosen.items():
        for page in paths:
            name = label(page, view)
            at, cold = _run_page(db_file, page, query)
            errors = [str(e.value) for e in at.exception]
            t0 = time.perf_counter()
            at.run()
            warm = time.perf_counter() - t0
            after_warm_up = (_run_page(db_file, page, query, warm_up=True)[1]
                             if can_warm else None)
            pages.append({"page": name, "view": view, "url": query, "cold_s": round(cold, 3),
                          "warm_s": round(warm, 3),
                          "after_warm_up_s": None if after_warm_up is None
                          else round(after_warm_up, 3), "errors": errors[:3]})
            seen = set()
            for qlabel, sql, params in _record(db_file, page, query):
                if (sql, params) in seen:
                    continue  # a page asking twice is served from the cache the second time
                seen.add((sql, params))
                if (sql, params) not in timed:
                    timed[sql, params] = _replay(db_file, sql, params, runs)
                queries.append({"page": name, "view": view, "query": qlabel,
                                **timed[sql, params], "sql": sql,
                                "params": json.loads(json.dumps(params, default=str))})
            print(f"bench: {name}: cold {cold:.2f} s, warm {warm:.2f} s, after warm-up "
                  f"{after_warm_up if after_warm_up is None else round(after_warm_up, 2)} s, "
                  f"load {os.getloadavg()[0]:.1f}", file=sys.stderr)
    return {"pages": pages, "queries": queries, "runs": runs,
            "load_avg_at_end": [round(x, 2) for x in os.getloadavg()]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.dashboard",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("db")
    ap.add_argument("--runs", type=int, default=RUNS)
    ap.add_argument("--max-pages", type=int, default=None,
                    help="run only the first N pages (the default page is first)")
    ap.add_argument("--views", default=",".join(VIEWS),
                    help=f"comma list of: {', '.join(VIEWS)}")
    a = ap.parse_args(argv)
    names = [v for v in a.views.split(",") if v]
    if unknown := [v for v in names if v not in VIEWS]:
        ap.error(f"unknown views: {', '.join(unknown)}")
    json.dump(measure(a.db, a.runs, a.max_pages, names), sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
