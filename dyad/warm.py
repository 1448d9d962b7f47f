"""A new database version warmed before anyone asks: what every page shows by default.

The per-version caches (dyad/db.py's query results, dyad/memo.py's charts, tracker and
claims) are empty after a rebuild, so the first visitor would pay for every query and
chart of the page they open. A watcher thread (`start`, called by app.py on every run,
started once per process, only in a running Streamlit server) looks at the file's version
every INTERVAL seconds; when it changes, it computes what each page shows in its default
view (the best-covered pair over every date, in English) in the background, page by page,
stopping if the version changes again. A visitor arriving meanwhile waits for a result
being computed instead of computing it a second time (single-flight in db and memo).

`DYAD_WARM=0` turns it off (the benchmark's cold runs: bench/dashboard.py); `warm_now()`
warms the current version in the calling thread, then collects the garbage once and
freezes the heap (`settle`), so the collector's full passes stay short.
"""
from __future__ import annotations

import gc
import logging
import os
import threading
import time
from collections.abc import Callable

from dyad import db

INTERVAL = 2.0  # seconds between two looks at the database file's version
_LOG = logging.getLogger(__name__)
_lock = threading.Lock()
_thread: threading.Thread | None = None
_warmed: db.Stamp | None = None


def enabled() -> bool:
    return os.environ.get("DYAD_WARM", "1") != "0"


def start() -> None:
    """Start the watcher thread, once per process (app.py calls it in a running Streamlit
    server only: not in AppTest runs, which share the tests' process)."""
    global _thread
    if not enabled():
        return
    with _lock:
        if _thread is None or not _thread.is_alive():
            _thread = threading.Thread(target=_watch, name="dyad-warm", daemon=True)
            _thread.start()


def _watch() -> None:
    while enabled():
        try:
            warm_now()
        except Exception:  # a damaged file or a bug: the pages meet it and say so
            _LOG.exception("warming the dashboard's caches failed")
        time.sleep(INTERVAL)


def _pages() -> list[tuple[str, Callable[[], object]]]:
    """What each page computes in its default view, in the order of the navigation."""
    from datetime import date

    from dyad import catalog, queries
    from dyad.queries import PAGE, Scope

    pairs = queries.pairs()
    if not pairs:
        return []
    lo, hi = queries.date_bounds()
    s = Scope(pairs[0], lo, hi)

    def sidebar() -> None:
        queries.options()
        queries.build_info()

    def chart(chart_id: str, extra: dict[str, str] | None = None) -> catalog.Chart:
        c = catalog.build(chart_id, s, extra)
        _ = c.drawn  # the figure as st.plotly_chart takes it, converted once
        return c

    def paged(metrics: tuple[str, ...] | None) -> None:
        if queries.count_facts(s, metrics):
            queries.facts(s, metrics, limit=PAGE, offset=0)

    def overview() -> None:
        queries.latest(s)

    def trade() -> None:
        chart("trade")
        paged(("trade_turnover",))

    def agreements() -> None:
        for chart_id in ("documents-per-event", "documents-by-type", "documents-by-sector"):
            chart(chart_id)
        if queries.count_signed(s):
            queries.signed_documents(s, limit=PAGE, offset=0)

    def cooperation() -> None:
        queries.latest(s)
        for metric in queries.COOPERATION:
            chart(metric)
        paged(queries.COOPERATION)

    def timeline_() -> None:
        events = chart("timeline")
        facts = queries.facts(s, evidence=False)
        if len(facts) == queries.MAX_ROWS:
            queries.count_facts(s)
        days: tuple[date, ...] = tuple(events.frame.iloc[::-1].head(100)["Date"]) \
            if len(events.frame) else ()
        catalog.event_details(s, days)
        chart("coverage")

    def targets() -> None:
        tracker = catalog.target_tracker(s)
        if len(tracker):
            chosen = str(tracker["target_id"].iloc[0])
            chart("target", {"target": chosen})
            catalog.target_history(s, chosen)

    def corroboration() -> None:
        facts = queries.facts(s, evidence=False)
        catalog.claims_of(s)
        if len(facts) == queries.MAX_ROWS:
            queries.count_facts(s)
        chart("claims")

    def compare() -> None:
        for chart_id in ("compare", "matrix-documents", "matrix-trade", "network", "map"):
            chart(chart_id)

    def sources() -> None:
        if len(queries.to_review(s)):
            queries.count_to_review(s)
        total = queries.count_facts(s)
        page = queries.facts(s, None, limit=PAGE, offset=0) if total else None
        if page is not None:
            queries.document_texts(tuple(page["doc_id"]))
        queries.rejected_files()

    def review() -> None:
        if queries.count_review_facts(scope=s):
            facts = queries.review_facts(scope=s, offset=0)
            if len(facts):
                queries.document_texts((facts["doc_id"].iloc[0],))
        queries.orphaned_corrections()

    return [("sidebar", sidebar), ("overview", overview), ("trade", trade),
            ("agreements", agreements), ("cooperation", cooperation),
            ("timeline", timeline_), ("targets", targets), ("corroboration", corroboration),
            ("compare", compare), ("sources", sources), ("review", review)]


def warm_now() -> bool:
    """Warm the database's current version unless done: True when this call warmed it.
    Stops (False) when the file changes meanwhile or cannot be read."""
    global _warmed
    try:
        stamp = db.version()
    except db.NoDatabase:
        return False
    if stamp == _warmed or db.problem() is not None:
        return False
    started = time.perf_counter()
    try:
        for name, step in _pages():
            if db.version() != stamp:
                return False
            t0 = time.perf_counter()
            try:
                step()
            except db.NoDatabase:
                raise
            except Exception:  # one page's failure (its visitors will see it): the others
                _LOG.exception("warming the %s page failed", name)
            _LOG.debug("warmed %s in %.2f s", name, time.perf_counter() - t0)
    except db.NoDatabase:  # replaced or damaged meanwhile: the pages say so
        return False
    _warmed = stamp
    settle()
    _LOG.info("warmed the dashboard for %s in %.1f s", stamp[0], time.perf_counter() - started)
    return True


def settle() -> None:
    """Collect the cyclic garbage (the replaced version's results among it) once, then
    freeze what is left (`gc.freeze`): the collector's full passes skip it from then on.

    A full pass over a server's heap (Streamlit, pandas, plotly, the caches) paused every
    thread for 0.15-0.17 s, in the middle of a page's run every few pages (measured at
    10 M facts); over what is new since the freeze it takes ~0.04 s. Unfrozen first, so
    that what the last version's caches dropped is collected, not kept frozen."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
