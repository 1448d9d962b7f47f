"""A rebuilt database is warmed before anyone asks (dyad/warm.py): afterwards every page's
default view is served from the per-version caches, without one query to DuckDB; and a
result another thread is computing is waited for, not computed twice."""
from __future__ import annotations

import gc
import shutil
import threading
import time

import pytest

from dyad import db, warm
from tests.test_pages import PAGES, run


@pytest.fixture(autouse=True)
def _unfrozen():
    """A warm-up freezes the heap (warm.settle); the other tests' garbage must not stay."""
    yield
    gc.unfreeze()


@pytest.fixture
def new_version(demo_db, tmp_path, monkeypatch):
    live = tmp_path / "live.duckdb"
    shutil.copy(demo_db, live)
    monkeypatch.setenv("DYAD_DB", str(live))
    return live


def test_every_page_is_warm_after_the_warm_up(new_version):
    assert warm.warm_now()
    assert not warm.warm_now()  # once per version
    for page in PAGES:
        before = db._cached.cache_info().misses
        at = run(page)
        assert at.dataframe, page
        assert db._cached.cache_info().misses == before, f"{page} asked DuckDB"


def test_the_warm_up_stops_when_the_file_is_replaced(new_version, monkeypatch):
    stamps = iter([("a", 1, 1, 1), ("a", 1, 1, 1), ("b", 2, 2, 2)])
    monkeypatch.setattr(db, "version", lambda: next(stamps, ("b", 2, 2, 2)))
    monkeypatch.setattr(db, "problem", lambda wait=False: None)
    assert not warm.warm_now()  # the version changed before the first page was warmed


def test_the_watcher_warms_a_new_version_and_can_be_turned_off(new_version, monkeypatch):
    monkeypatch.setattr(warm, "INTERVAL", 0.05)
    monkeypatch.setattr(warm, "_thread", None)
    monkeypatch.setenv("DYAD_WARM", "0")
    warm.start()
    assert warm._thread is None
    monkeypatch.setenv("DYAD_WARM", "1")
    warm.start()
    assert warm._thread is not None and warm._thread.is_alive()
    deadline = time.time() + 60
    while warm._warmed != db.version() and time.time() < deadline:
        time.sleep(0.05)
    assert warm._warmed == db.version()
    monkeypatch.setenv("DYAD_WARM", "0")  # the thread ends at its next look
    warm._thread.join(timeout=5)
    assert not warm._thread.is_alive()


def test_one_computation_for_callers_asking_at_once():
    calls, started = [], threading.Event()

    def slow() -> int:
        calls.append(1)
        started.set()
        time.sleep(0.2)
        return 42

    results: list[int] = []
    first = threading.Thread(target=lambda: results.append(db.single_flight("k", slow)))
    first.start()
    started.wait()
    others = [threading.Thread(target=lambda: results.append(db.single_flight("k", slow)))
              for _ in range(3)]
    for t in others:
        t.start()
    for t in [first, *others]:
        t.join()
    assert results == [42] * 4 and len(calls) == 1
    assert db.single_flight("k", lambda: 7) == 7  # done: the next call computes again


def test_an_error_reaches_every_caller_waiting_for_it():
    started = threading.Event()

    def failing() -> int:
        started.set()
        time.sleep(0.1)
        raise ValueError("boom")

    errors: list[BaseException] = []

    def call() -> None:
        try:
            db.single_flight("e", failing)
        except ValueError as e:
            errors.append(e)

    first = threading.Thread(target=call)
    first.start()
    started.wait()
    second = threading.Thread(target=call)
    second.start()
    first.join()
    second.join()
    assert len(errors) == 2


def test_settling_freezes_the_heap_and_collects_what_was_dropped_since():
    import weakref

    class Node:
        pass

    def cycle() -> tuple[Node, weakref.ref]:
        a, b = Node(), Node()
        a.other, b.other = b, a  # only the cyclic collector frees these
        return a, weakref.ref(a)

    kept, alive = cycle()
    warm.settle()
    assert gc.get_freeze_count() > 0  # the full passes skip what is frozen
    del kept  # garbage now, but frozen: a plain collection leaves it
    gc.collect()
    assert alive() is not None
    warm.settle()  # the next version's: unfrozen, collected
    assert alive() is None
