"""`make load`: 20 browser sessions against one dashboard server for 2 minutes.

Builds the demo database (`python -m etl build` on data/raw) in a temporary folder
unless --db names one, starts one `streamlit run app.py` on a free port, launches
Debian's Chromium (never a downloaded one) and opens SESSIONS browser contexts in it:
each its own cookies, websocket and Streamlit session, as separate analysts would be.
Each session opens a page by URL, then loops until SECONDS are up, pausing THINK seconds
on average between steps (uniform 0.5x-1.5x; --think 0 hammers), picking at random:
  - (20 %) open a page by URL (/, /trade, /agreements, /cooperation, /sources) with a
    random ?pair= and, half the time, a random &dates= range;
  - (40 %) follow a sidebar link to another page;
  - (40 %) pick another pair in the sidebar's selectbox.
Sessions arrive one a second (--cold: four a second at a fresh server). The first step
of a session ("first-open": a new browser tab loading the app) is reported apart from
the others.
The server gets one visit before the sessions start (a running server has had one;
--cold skips it). A step is timed until the page is ready: the server has run the
page's script to its end and the browser shows its title heading and the caption naming
the pair (charts and tables the browser is still drawing then are counted as "pending",
not waited for: on one 2-core machine the 20 browsers, not the server, are what runs
out of CPU). An error is a step that does not get there within --timeout (a page
showing another pair than the one asked for never gets there), a page showing a
Streamlit exception, or a JavaScript error.

    python -m bench.load [--sessions 20] [--seconds 120] [--think 2] [--db FILE] [--timeout 60]

Prints a summary, writes bench/results/load-<UTC time>.json, exits 1 if any step failed.
`run(sessions, seconds, db)` returns the same dict, for bench.run.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.server import CHROMIUM, CHROMIUM_ARGS, DashboardServer

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
# URL path -> (sidebar link text, the page's title heading)
PAGES = {
    "/": ("Overview", "Overview"),
    "/trade": ("Trade", "Trade turnover"),
    "/agreements": ("Agreements", "Agreements"),
    "/cooperation": ("Cooperation", "Cooperation"),
    "/sources": ("Sources", "Sources"),
}
# what an analyst does next, and how often: mostly within the app, now and then a link
ACTIONS = {"open": 0.2, "navigate": 0.4, "pair": 0.4}

_READY_JS = """([title, pair]) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    const h1 = document.querySelector('[data-testid="stMain"] h1');
    if (!h1 || !h1.innerText.includes(title)) return false;
    const main = document.querySelector('[data-testid="stMain"]');
    return !pair || (main && main.innerText.includes('(' + pair + ')'));
}"""
_PENDING_JS = """() => document.querySelectorAll(
    '[data-testid^="stSkeleton"], [data-testid="stAppSkeleton"]').length"""


_STATE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const main = document.querySelector('[data-testid="stMain"]');
    return {url: location.pathname + location.search,
            state: app && app.getAttribute('data-test-script-state'),
            h1: [...document.querySelectorAll('h1')].map(x => x.innerText),
            skeletons: document.querySelectorAll('[data-testid^="stSkeleton"], '
                                                 + '[data-testid="stAppSkeleton"]').length,
            main: main ? main.innerText.slice(0, 160) : null};
}"""




def _demo_db(folder: Path) -> Path:
    db = folder / "dyad.duckdb"
    subprocess.run([sys.executable, "-m", "etl", "build", "--raw", str(ROOT / "data" / "raw"),
                    "--db", str(db)], cwd=ROOT, check=False, capture_output=True, timeout=600)
    if not db.exists():
        raise SystemExit("bench.load: could not build the demo database")
    return db


def _scope(db: Path) -> tuple[list[str], date, date]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        pairs = [r[0] for r in con.execute(
            "SELECT pair FROM facts GROUP BY pair ORDER BY count(*) DESC, pair").fetchall()]
        lo, hi = con.execute("SELECT min(date), max(date) FROM facts").fetchone()
    return pairs, lo or date(2020, 1, 1), hi or date.today()


class Server(DashboardServer):
    """One `streamlit run app.py` on a free port, its output in a log file."""

    def __init__(self, db: Path, log: Path) -> None:
        try:
            super().__init__({"DYAD_DB": str(db)}, log, timeout=90)
        except RuntimeError as e:
            raise SystemExit(f"bench.load: {e}") from None

    def peak_rss_mb(self) -> float | None:
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    def cpu_seconds(self) -> float | None:
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return None


class Session:
    """One analyst: a browser context with one tab, stepping through pages and filters."""

    def __init__(self, n: int, base: str, pairs: list[str], lo: date, hi: date,
                 timeout_ms: int, seed: int, think: float) -> None:
        self.n, self.base, self.pairs, self.lo, self.hi = n, base, pairs, lo, hi
        self.timeout_ms, self.think = timeout_ms, think
        self.rng = random.Random(seed)
        self.steps: list[dict[str, Any]] = []
        self.js_errors: list[str] = []
        self.path, self.pair = "/", pairs[0]

    def _dates(self) -> str:
        span = (self.hi - self.lo).days
        a = self.lo + timedelta(days=self.rng.randint(0, max(span, 0)))
        b = self.lo + timedelta(days=self.rng.randint(0, max(span, 0)))
        a, b = min(a, b), max(a, b)
        return f"&dates={a.isoformat()}&dates={b.isoformat()}"

    async def _ready(self, page) -> None:
        await page.wait_for_function(_READY_JS, arg=[PAGES[self.path][1], self.pair],
                                     timeout=self.timeout_ms, polling=100)

    async def _step(self, page, action: str) -> None:
        if action in ("open", "first-open"):
            self.path = self.rng.choice(list(PAGES))
            self.pair = self.rng.choice(self.pairs)
            query = f"?pair={self.pair}" + (self._dates() if self.rng.random() < 0.5 else "")
            await page.goto(self.base + self.path + query, timeout=self.timeout_ms)
        elif action == "navigate":
            self.path = self.rng.choice([p for p in PAGES if p != self.path])
            link = page.get_by_test_id("stSidebarNavLink").filter(has_text=PAGES[self.path][0])
            await link.first.click(timeout=self.timeout_ms)
        else:
            self.pair = self.rng.choice([p for p in self.pairs if p != self.pair] or self.pairs)
            box = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first
            await box.click(timeout=self.timeout_ms)
            await page.keyboard.type(self.pair)  # as a person does: type to filter, Enter
            await page.get_by_role("option", name=self.pair, exact=True).wait_for(
                timeout=self.timeout_ms)
            await page.keyboard.press("Enter")
        await self._ready(page)

    async def run(self, browser, until: float) -> None:
        context = await browser.new_context(viewport={"width": 1280, "height": 800},
                                            reduced_motion="reduce")
        page = await context.new_page()
        page.on("pageerror", lambda e: self.js_errors.append(str(e)[:300]))
        action = "first-open"
        while time.monotonic() < until:
            t0 = time.monotonic()
            error = None
            pending = None
            try:
                await self._step(page, action)
                pending = await page.evaluate(_PENDING_JS)
                if await page.get_by_test_id("stException").count():
                    error = "Streamlit exception on the page"
            except Exception as e:  # a timeout, a failed navigation: counted, then go on
                error = f"{type(e).__name__}: {str(e).splitlines()[0][:200]}"
                with contextlib.suppress(Exception):
                    error += " | page: " + json.dumps(await page.evaluate(_STATE_JS),
                                                      ensure_ascii=False)
            self.steps.append({"session": self.n, "action": action, "path": self.path,
                               "pair": self.pair, "seconds": round(time.monotonic() - t0, 3),
                               "pending": pending, "error": error})
            # after an error start over from a URL: the page may be in any state
            action = "open" if error else self.rng.choices(list(ACTIONS),
                                                          list(ACTIONS.values()))[0]
            if self.think:
                await asyncio.sleep(self.think * self.rng.uniform(0.5, 1.5))
        await context.close()


def _percentile(xs: list[float], q: float) -> float | None:
    if not xs:
        return None
    if len(xs) == 1:
        return xs[0]
    return statistics.quantiles(xs, n=100, method="inclusive")[int(q) - 1]


def _summary(steps: list[dict[str, Any]]) -> dict[str, Any]:
    ok = [s["seconds"] for s in steps if not s["error"]]
    return {"steps": len(steps), "errors": sum(1 for s in steps if s["error"]),
            "p50_s": _percentile(ok, 50), "p95_s": _percentile(ok, 95),
            "max_s": max(ok) if ok else None}


async def _drive(base: str, sessions: int, seconds: float, pairs: list[str], lo: date,
                 hi: date, timeout_ms: int, cold: bool, think: float
                 ) -> tuple[list[Session], float]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        if not cold:  # one visit first, as a server that is already running has had
            warm = await browser.new_context()
            page = await warm.new_page()
            await page.goto(base + "/", timeout=timeout_ms)
            await page.wait_for_function(_READY_JS, arg=["Overview", None], timeout=timeout_ms)
            await warm.close()
        t0 = time.monotonic()
        until = t0 + seconds
        group = [Session(i, base, pairs, lo, hi, timeout_ms, seed=i, think=think)
                 for i in range(sessions)]

        async def start(s: Session, delay: float) -> None:
            await asyncio.sleep(delay)  # sessions arrive over the first seconds, not at once
            await s.run(browser, until)

        # one a second (all 20 at work after 20 s of the 120): arriving within 5 s, the 20
        # tabs parsing Streamlit's bundle at once on 2 cores stalled a tab for a minute
        # (a 60 s click timeout, 1 run in 2); --cold keeps a burst of 4 a second
        gap = min(0.25, seconds / 40) if cold else min(1.0, seconds / 120)
        await asyncio.gather(*(start(s, i * gap) for i, s in enumerate(group)))
        await browser.close()
    return group, time.monotonic() - t0


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, timeout=10).stdout.strip()
    except OSError:
        return ""


def run(sessions: int = 20, seconds: float = 120, db: Path | None = None,
        timeout: float = 60, cold: bool = False, think: float = 2.0) -> dict[str, Any]:
    """Drive the dashboard; the results (also written to bench/results/load-<time>.json)."""
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"bench.load needs Debian's chromium at {CHROMIUM} "
                         "(apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="dyad-load-") as tmp:
        db = Path(db) if db else _demo_db(Path(tmp))
        pairs, lo, hi = _scope(db)
        load_before = os.getloadavg()
        server = Server(db, Path(tmp) / "streamlit.log")
        try:
            cpu0 = server.cpu_seconds()
            group, wall = asyncio.run(_drive(server.base, sessions, seconds, pairs, lo, hi,
                                             int(timeout * 1000), cold, think))
            cpu1, rss = server.cpu_seconds(), server.peak_rss_mb()
        finally:
            server.stop()
        log_errors = [ln for ln in (Path(tmp) / "streamlit.log").read_text().splitlines()
                      if "Traceback" in ln or "Error" in ln][:20]
    steps = [s for g in group for s in g.steps]
    by_action: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_page: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in steps:
        by_action[s["action"]].append(s)
        by_page[s["path"]].append(s)
    js_errors = [e for g in group for e in g.js_errors]
    overall = _summary(steps)
    later = _summary([s for s in steps if s["action"] != "first-open"])
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "machine": {"cores": os.cpu_count(), "load_average_before": load_before,
                    "load_average_after": os.getloadavg()},
        "sessions": sessions, "seconds": seconds, "wall_s": round(wall, 1), "cold": cold,
        "think_s": think,
        "database": {"pairs": len(pairs), "dates": [lo.isoformat(), hi.isoformat()]},
        "overall": overall,
        "after_first_open": later,
        "errors": overall["errors"] + len(js_errors),
        "js_errors": js_errors[:20],
        "error_kinds": dict(Counter(s["error"] for s in steps if s["error"]).most_common(10)),
        "by_action": {a: _summary(v) for a, v in sorted(by_action.items())},
        "by_page": {p: _summary(v) for p, v in sorted(by_page.items())},
        "server": {"cpu_s": (round(cpu1 - cpu0, 1) if cpu0 is not None and cpu1 is not None
                             else None), "peak_rss_mb": rss, "log_errors": log_errors},
        "steps_per_s": round(len(steps) / wall, 2) if wall else None,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"load-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    out.write_text(json.dumps({**result, "steps": steps}, indent=1, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    result["file"] = str(out.relative_to(ROOT))
    return result


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=20, help="browser sessions (default 20)")
    ap.add_argument("--seconds", type=float, default=120, help="how long (default 120)")
    ap.add_argument("--db", default=None, help="database to serve (default: the demo, built)")
    ap.add_argument("--timeout", type=float, default=60,
                    help="seconds a step may take before it counts as an error (default 60)")
    ap.add_argument("--think", type=float, default=2.0,
                    help="mean pause between a session's steps in seconds (default 2; 0: none)")
    ap.add_argument("--cold", action="store_true",
                    help="no warm-up visit: every session arrives at a fresh server at once")
    a = ap.parse_args(argv)
    r = run(a.sessions, a.seconds, Path(a.db) if a.db else None, a.timeout, a.cold, a.think)
    o = r["overall"]
    print(f"{r['sessions']} sessions, {r['wall_s']} s, {o['steps']} steps "
          f"({r['steps_per_s']}/s) on {r['machine']['cores']} cores "
          f"(load average before {r['machine']['load_average_before'][0]:.2f})")
    print(f"errors: {r['errors']}   page ready p50 {_fmt(o['p50_s'])} s, "
          f"p95 {_fmt(o['p95_s'])} s, max {_fmt(o['max_s'])} s")
    la = r["after_first_open"]
    print(f"after each session's first page: p50 {_fmt(la['p50_s'])} s, "
          f"p95 {_fmt(la['p95_s'])} s ({la['steps']} steps, think {r['think_s']} s)")
    for name, group in (("action", r["by_action"]), ("page", r["by_page"])):
        for key, s in group.items():
            print(f"  {name} {key:<12} {s['steps']:>5} steps, {s['errors']} errors, "
                  f"p50 {_fmt(s['p50_s'])} s, p95 {_fmt(s['p95_s'])} s")
    if r["error_kinds"]:
        print("error kinds:", json.dumps(r["error_kinds"], ensure_ascii=False))
    print(f"server: {r['server']['cpu_s']} CPU s, peak RSS {r['server']['peak_rss_mb']} MB; "
          f"written {r['file']}")
    return 1 if r["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
