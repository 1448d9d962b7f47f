"""`make bench`: time extraction, the build, the dashboard and the natasha peer on this machine.

For each corpus size (BENCH_SIZES, default 1000,10000,100000; `--quick`: 1000) it
generates the pages (bench.corpus, cached under bench/corpus/) and times, as
subprocesses with stdout to /dev/null:
    python -m etl extract DIR --jobs 1      and  --jobs <cores>
    python -m etl build --raw DIR --db F --jobs 1  and  --jobs <cores>
with articles/s, MB/s, CPU use and peak memory (the largest process, from wait4's
rusage, taken by bench.peak so that it is the command's own; and the whole process tree,
sampled with psutil when it is installed). Then
checks the build found the facts the pages were written to hold.

For each fact count (BENCH_FACTS, default 1000000,10000000) it builds a synthetic
database (bench.factsdb, cached) and runs bench.dashboard against it: every page's
script time (AppTest) and every query a page sends (median and p95 over 20 runs).

The peer (bench.peer_natasha) reads the first BENCH_PEER_DOCS pages (default 100) of
the smallest corpus in the same run.

Writes bench/results/<UTC time>.json and latest.json, prints the Markdown table, and
puts it into README.md between <!-- bench:start --> and <!-- bench:end -->.
`python -m bench.run --readme [--resume FILE]` only re-renders the README from latest.json
(or FILE); `--resume FILE` finishes a run that stopped, measuring only what FILE lacks.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from bench import corpus, factsdb

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(os.environ.get("BENCH_DIR", ROOT / "bench" / "corpus"))
RESULTS = ROOT / "bench" / "results"
README = ROOT / "README.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
PY = sys.executable
CORES = os.cpu_count() or 1
# job counts to time (BENCH_JOBS, default one core and every core): a 100 k corpus on one
# core takes half an hour a step, so `BENCH_JOBS=2` measures every core alone
JOBS = sorted({int(j) for j in os.environ.get("BENCH_JOBS", f"1,{CORES}").split(",") if j})
ALL_PAGES_MAX = int(os.environ.get("BENCH_ALL_PAGES_MAX", "10000000"))
GOALS = {"extract_1core_articles_per_s": 1000, "query_p95_ms": 100, "page_script_s": 0.5,
         "memory_growth_max": 1.5, "build_cpu_use_min": 0.8}


def _sizes(env: str, default: str) -> list[int]:
    return [int(x) for x in os.environ.get(env, default).replace("_", "").split(",") if x]


# --- the machine ---------------------------------------------------------------------------

def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text()
                      .splitlines() if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        mem_kb = 0
    versions = {}
    for pkg in ("duckdb", "streamlit", "pandas", "pyarrow", "razdel", "dateparser", "dask",
                "distributed", "natasha", "psutil"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None
    git = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                         text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu, "cores": CORES, "ram_gb": round(mem_kb / 1024 / 1024, 1),
            "os": platform.platform(), "python": platform.python_version(),
            "versions": versions, "git": git + ("+dirty" if dirty else ""),
            "load_avg_at_start": [round(x, 2) for x in os.getloadavg()]}


# --- one timed subprocess ----------------------------------------------------------------

def timed(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run `cmd` (stdout to /dev/null): wall and CPU seconds, peak RSS, exit code.

    The command runs under bench.peak, a small process, so its peak RSS is its own: a
    child started straight from this process would report this process's high-water mark
    whenever that is the larger (see bench/peak.py)."""
    try:
        import psutil
    except ImportError:
        psutil = None
    with tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "peak.json"
        t0 = time.perf_counter()
        p = subprocess.Popen([PY, "-m", "bench.peak", str(report), *cmd], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=err,
                             env={**os.environ, **(env or {})})
        tree_peak = [0]
        done = threading.Event()

        def sample() -> None:
            try:
                proc = psutil.Process(p.pid)
                while not done.is_set():
                    rss = 0
                    for q in proc.children(recursive=True):  # the command and its workers
                        with contextlib.suppress(psutil.Error):
                            rss += q.memory_info().rss
                    tree_peak[0] = max(tree_peak[0], rss)
                    done.wait(0.05)
            except psutil.Error:
                pass

        sampler = threading.Thread(target=sample, daemon=True) if psutil else None
        if sampler:
            sampler.start()
        p.wait()
        wall = time.perf_counter() - t0
        done.set()
        if sampler:
            sampler.join()
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip().splitlines()[-1:]
        try:
            usage = json.loads(report.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # bench.peak itself failed: its exit code says so
            usage = {"exit": p.returncode, "maxrss_kb": 0, "cpu_seconds": 0.0}
    return {"seconds": round(wall, 2), "cpu_seconds": round(usage["cpu_seconds"], 2),
            "peak_rss_mb": round(usage["maxrss_kb"] / 1024, 1),
            "tree_peak_rss_mb": round(tree_peak[0] / 1e6, 1) if psutil else None,
            "exit": usage["exit"], "stderr": tail[0] if tail else ""}


def _rates(run: dict[str, Any], n: int, nbytes: int, jobs: int, startup: float) -> dict:
    s = run["seconds"]
    steady = max(s - startup, 1e-9)
    return {**run, "jobs": jobs, "articles_per_s": round(n / s, 1),
            "mb_per_s": round(nbytes / 1e6 / s, 3),
            "articles_per_s_after_startup": round(n / steady, 1),
            "cpu_use": round(run["cpu_seconds"] / s / jobs, 2)}


def _recall(db: Path, folder: Path) -> dict[str, Any]:
    """Share of the planted facts (pair, metric, kind, value per file) the build found."""
    import duckdb

    planted = {(d["file"], d["pair"], d["metric"], d["kind"], round(d["value"]))
               for d in map(json.loads, (folder / "planted.jsonl").open(encoding="utf-8"))}
    prefix = str(folder).rstrip("/") + "/"
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("""SELECT d.source, f.pair, f.metric, f.kind, f.value
                              FROM facts f JOIN documents d USING (doc_id)""").fetchall()
    found = {(s.removeprefix(prefix), p, m, k, round(v)) for s, p, m, k, v in rows}
    return {"planted": len(planted), "found": len(planted & found),
            "recall": round(len(planted & found) / max(1, len(planted)), 4),
            "other_facts": len(found - planted)}


def bench_extraction(sizes: list[int], out: list[dict] | None = None, save: Any = None,
                     startup: float | None = None) -> tuple[list[dict], dict]:
    """Each size's extract and build runs; `out` holds the rows of a run being resumed (a
    step already measured is kept), `save` is called after each step: a 100 k run takes
    an hour or more, and one cut short keeps what it measured."""
    empty = WORK / "empty"
    empty.mkdir(parents=True, exist_ok=True)
    if startup is None:
        startup = timed([PY, "-m", "etl", "extract", str(empty)])["seconds"]
    out = [] if out is None else out
    for n in sizes:
        t0 = time.perf_counter()
        folder = corpus.generate(WORK / f"pages-{n}", n)
        gen_s = time.perf_counter() - t0
        row = next((d for d in out if d.get("articles") == n), None)
        if row is None:
            nbytes = corpus.corpus_bytes(folder)
            row = {"articles": n, "megabytes": round(nbytes / 1e6, 1),
                   "avg_kb": round(nbytes / n / 1e3, 2), "generate_seconds": round(gen_s, 1)}
            out.append(row)
        nbytes = round(row["megabytes"] * 1e6)
        for step in ("extract", "build"):
            for jobs in JOBS:
                if f"{step}_{jobs}" in row:
                    continue
                print(f"bench: {step} {n} articles, --jobs {jobs}", file=sys.stderr)
                db = WORK / f"build-{n}-{jobs}.duckdb"
                cmd = ([PY, "-m", "etl", "extract", str(folder)] if step == "extract" else
                       [PY, "-m", "etl", "build", "--raw", str(folder), "--db", str(db)])
                run = timed([*cmd, "--jobs", str(jobs)])
                row[f"{step}_{jobs}"] = _rates(run, n, nbytes, jobs, startup)
                if step == "build":
                    if jobs == CORES and run["exit"] == 0:
                        row["recall"] = _recall(db, folder)
                    for leftover in (db, *db.parent.glob(db.name + ".*")):  # .lock, .csv
                        leftover.unlink(missing_ok=True)
                if save:
                    save()
    return out, {"startup_seconds": startup}


def memory_flat(ex: list[dict], step: str) -> float | None:
    """Largest over smallest peak RSS (the largest process) across the corpus sizes."""
    peaks = [row[step]["peak_rss_mb"] for row in ex if step in row]
    return round(max(peaks) / min(peaks), 2) if len(peaks) > 1 else None


def bench_dashboard(fact_counts: list[int], runs: int, out: list[dict] | None = None,
                    save: Any = None) -> list[dict]:
    """Each size's page and query timings; `out` collects them, `save` is called after each."""
    out = [] if out is None else out
    for n in fact_counts:
        if any(d.get("facts") == n and "pages" in d for d in out):
            continue  # measured in the run being resumed
        db = WORK / f"facts-{n}.duckdb"
        t0 = time.perf_counter()
        factsdb.ensure(db, n)
        print(f"bench: dashboard at {n:,} facts", file=sys.stderr)
        # Past ALL_PAGES_MAX facts (default 10 M, every size the issue asks for) only the
        # landing page runs: its queries (the sidebar's, latest) are every page's.
        limit = [] if n <= ALL_PAGES_MAX else ["--max-pages", "1"]
        p = subprocess.run([PY, "-m", "bench.dashboard", str(db), "--runs", str(runs), *limit],
                           cwd=ROOT, stdout=subprocess.PIPE, text=True)  # progress: stderr
        if p.returncode:
            out.append({"facts": n, "error": f"bench.dashboard exit {p.returncode}"})
            continue
        res = json.loads(p.stdout.strip().splitlines()[-1])
        out.append({"facts": n, "db_mb": round(db.stat().st_size / 1e6, 1),
                    "db_seconds": round(time.perf_counter() - t0, 1), **res})
        if save:
            save()
    return out


def bench_peer(folder: Path, docs: int) -> dict:
    print(f"bench: natasha peer on {docs} articles", file=sys.stderr)
    p = subprocess.run([PY, "-m", "bench.peer_natasha", str(folder), "--limit", str(docs)],
                       cwd=ROOT, capture_output=True, text=True)
    if p.returncode:
        return {"available": False, "reason": (p.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(p.stdout.strip().splitlines()[-1])


# --- verdicts and the table ---------------------------------------------------------------

def verdicts(r: dict[str, Any]) -> dict[str, Any]:
    g: dict[str, Any] = {}
    ex = r.get("extraction") or []
    if ex:
        last = ex[-1]
        last = next((row for row in reversed(ex) if "extract_1" in row), last)
        g["extract_1core_articles_per_s"] = {
            "value": last["extract_1"]["articles_per_s"],
            "goal": f">= {GOALS['extract_1core_articles_per_s']}",
            "met": last["extract_1"]["articles_per_s"] >= GOALS["extract_1core_articles_per_s"]}
        for step in dict.fromkeys(["extract_1", f"extract_{CORES}", "build_1", f"build_{CORES}"]):
            growth = memory_flat(ex, step)
            peaks = " / ".join(str(row[step]["peak_rss_mb"]) for row in ex if step in row)
            g[f"memory_flat_{step}"] = {
                "value": growth, "which": f"peak RSS MB {peaks} at "
                + " / ".join(f"{row['articles']:,}" for row in ex if step in row),
                "goal": f"largest/smallest peak RSS across sizes <= "
                        f"{GOALS['memory_growth_max']}",
                "met": None if growth is None else growth <= GOALS["memory_growth_max"]}
        last = next((row for row in reversed(ex) if f"build_{CORES}" in row), last)
        use = last[f"build_{CORES}"]["cpu_use"]
        g["build_uses_every_core"] = {"value": use, "goal": f">= {GOALS['build_cpu_use_min']}",
                                      "met": use >= GOALS["build_cpu_use_min"]}
    dash = [d for d in r.get("dashboard") or [] if "pages" in d]
    full = [d for d in dash if len(d["pages"]) > 1]
    for suffix, group in (("", dash[-1:]), ("_every_page", full[-1:] if full != dash[-1:] else [])):
        for big in group:
            worst = max(big["queries"], key=lambda q: q["p95_ms"])
            g["query_p95_ms" + suffix] = {
                "value": worst["p95_ms"], "at_facts": big["facts"],
                "which": f"{worst['page']} {worst['query']}",
                "goal": f"<= {GOALS['query_p95_ms']} at {big['facts']:,} facts",
                "met": worst["p95_ms"] <= GOALS["query_p95_ms"]}
            for when, key in (("", "cold_s"), ("_after_warm_up", "after_warm_up_s")):
                timed = [p for p in big["pages"] if p.get(key) is not None]
                if not timed:
                    continue
                slow = max(timed, key=lambda p: p[key])
                g["page_script_s" + when + suffix] = {
                    "value": slow[key], "which": slow["page"], "at_facts": big["facts"],
                    "goal": f"<= {GOALS['page_script_s']} at {big['facts']:,} facts",
                    "met": slow[key] <= GOALS["page_script_s"]}
    return g


def _yes(met: bool | None) -> str:
    return {True: "yes", False: "**no**", None: "n/a"}[met]


def table(r: dict[str, Any]) -> str:
    m = r["machine"]
    lines = [f"Measured {r['when']} on {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, "
             f"Python {m['python']}, commit {m['git']}; load average at start "
             f"{', '.join(map(str, m['load_avg_at_start']))} (a shared machine: read the "
             f"figures as lower bounds). Raw figures: `bench/results/latest.json`."
             + (f" Rows missing from that run were measured later on commit "
                f"{m['git_at_resume']}, load average "
                f"{', '.join(map(str, m['load_avg_at_resume']))}." if m.get("git_at_resume")
                else ""), ""]
    ex = r.get("extraction") or []
    if ex:
        lines += ["| articles (avg KB) | step | jobs | articles/s | MB/s | CPU use | "
                  "peak RSS MB (largest process / tree) |", "|---|---|---|---|---|---|---|"]
        for row in ex:
            for step in ("extract", "build"):
                for jobs in sorted({1, CORES, *JOBS}):  # every row measured
                    if f"{step}_{jobs}" not in row:
                        continue
                    s = row[f"{step}_{jobs}"]
                    tree = s["tree_peak_rss_mb"] if s["tree_peak_rss_mb"] is not None else "–"
                    lines.append(f"| {row['articles']:,} ({row['avg_kb']}) | {step} | {jobs} | "
                                 f"{s['articles_per_s']} | {s['mb_per_s']} | {s['cpu_use']} | "
                                 f"{s['peak_rss_mb']} / {tree} |")
        rec = next((row["recall"] for row in reversed(ex) if row.get("recall")), None)
        rec_n = next((row["articles"] for row in reversed(ex) if row.get("recall")), 0)
        lines += ["", f"Process start-up (imports) is {r['extraction_startup_seconds']} s of "
                  "each run. " + (f"The build found {rec['found']:,} of the {rec['planted']:,} "
                                  f"facts planted in the {rec_n:,} pages "
                                  f"(recall {rec['recall']})." if rec else "")]
    peer = r.get("peer") or {}
    if peer.get("available") and ex:
        lines += ["", f"Peer on the same pages ({peer['docs']} articles): natasha "
                  f"({peer['steps']}) {peer['docs_per_s']} articles/s on one core; Dyad's "
                  f"extract {r['peer_ratio']['dyad_articles_per_s']} articles/s (start-up "
                  f"excluded): **{r['peer_ratio']['ratio']}×**."]
    elif peer:
        lines += ["", f"Peer: not run ({peer.get('reason')})."]
    for d in r.get("dashboard") or []:
        if "pages" not in d:
            lines += ["", f"Dashboard at {d['facts']:,} facts: failed ({d.get('error')})."]
            continue
        only = " — the landing page only" if len(d["pages"]) == 1 else ""
        lines += ["", f"Dashboard at {d['facts']:,} facts ({d['db_mb']} MB){only}, default view "
                  "(the best-covered pair, all dates); queries median / p95 ms over "
                  f"{d['runs']} runs, each on a cursor of the one connection `dyad.db` keeps "
                  "per file version:", "",
                  "| page | script cold / after warm-up / warm s | slowest query | "
                  "its median / p95 ms | rows | every query p95 ms |", "|---|---|---|---|---|---|"]
        for p in d["pages"]:
            qs = [q for q in d["queries"] if q["page"] == p["page"]]
            if not qs:
                continue
            w = max(qs, key=lambda q: q["p95_ms"])
            every = ", ".join(f"{q['query'].split('.')[-1]} {q['p95_ms']:.0f}" for q in qs)
            err = f" (error: {p['errors'][0][:60]})" if p["errors"] else ""
            after = "–" if p.get("after_warm_up_s") is None else p["after_warm_up_s"]
            lines.append(f"| {Path(p['page']).stem}{err} | {p['cold_s']} / {after} / "
                         f"{p['warm_s']} | "
                         f"{w['query']} | {w['median_ms']} / {w['p95_ms']} | {w['rows']:,} | "
                         f"{every} |")
    for name, err in (r.get("errors") or {}).items():
        lines += ["", f"The {name} part failed: {err}"]
    g = r.get("goals") or {}
    if g:
        lines += ["", "| goal | measured | met |", "|---|---|---|"]
        for name, v in g.items():
            which = f" ({v['which']})" if v.get("which") else ""
            value = "–" if v["value"] is None else v["value"]
            lines.append(f"| {name.replace('_', ' ')} {v['goal']} | {value}{which} | "
                         f"{_yes(v['met'])} |")
    return "\n".join(lines)


def write_readme(md: str) -> None:
    text = README.read_text(encoding="utf-8")
    if START not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n## Performance\n\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{md}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="1,000 articles and 1 M facts only")
    ap.add_argument("--readme", action="store_true", help="only re-render README from latest")
    ap.add_argument("--skip", default="", help="comma list of: extract, dashboard, peer")
    ap.add_argument("--resume", type=Path, default=None,
                    help="a results file of a run that stopped: run only what it lacks")
    a = ap.parse_args(argv)
    if a.readme:  # from latest.json, or from the --resume file of a run cut short
        r = json.loads((a.resume or RESULTS / "latest.json").read_text(encoding="utf-8"))
        r["goals"] = verdicts(r)
        write_readme(table(r))
        return 0
    sizes = [1000] if a.quick else _sizes("BENCH_SIZES", "1000,10000,100000")
    facts = [1_000_000] if a.quick else _sizes("BENCH_FACTS", "1000000,10000000")
    peer_docs = int(os.environ.get("BENCH_PEER_DOCS", "100"))
    runs = int(os.environ.get("BENCH_RUNS", "20"))
    skip = set(a.skip.split(","))
    when = datetime.now(UTC)
    r: dict[str, Any] = {"when": when.isoformat(timespec="seconds"), "machine": machine(),
                         "settings": {"sizes": sizes, "facts": facts, "peer_docs": peer_docs,
                                      "query_runs": runs, "seed": corpus.SEED}}
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{when.strftime('%Y%m%dT%H%M%SZ')}.json"
    if a.resume:
        out = a.resume
        r = json.loads(out.read_text(encoding="utf-8"))
        r["machine"]["load_avg_at_resume"] = [round(x, 2) for x in os.getloadavg()]
        r["machine"]["git_at_resume"] = machine()["git"]  # what measured the rows added now
        r.pop("errors", None)
        skip |= {name for name, key in (("peer", "peer"),) if key in r}

    def stage(name: str, fn: Any) -> None:
        """Run one part; a failure is recorded, the other parts still run; save as we go."""
        if name in skip:
            return
        try:
            fn()
        except Exception as e:  # one broken part must not cost the hours of the others
            r.setdefault("errors", {})[name] = f"{type(e).__name__}: {e}"
            print(f"bench: {name} failed: {e}", file=sys.stderr)
        out.write_text(json.dumps(r, indent=1, ensure_ascii=False), encoding="utf-8")

    def extraction() -> None:
        def save() -> None:
            out.write_text(json.dumps(r, indent=1, ensure_ascii=False), encoding="utf-8")

        r["extraction"] = r.get("extraction") or []
        _, extra = bench_extraction(sizes, r["extraction"], save,
                                    r.get("extraction_startup_seconds"))
        r["extraction_startup_seconds"] = extra["startup_seconds"]

    def peer() -> None:
        folder = corpus.generate(WORK / f"pages-{min(sizes)}", min(sizes))
        r["peer"] = bench_peer(folder, min(peer_docs, min(sizes)))
        if r["peer"].get("available") and r.get("extraction"):
            dy = r["extraction"][0]["extract_1"]["articles_per_s_after_startup"]
            r["peer_ratio"] = {"dyad_articles_per_s": dy,
                               "natasha_articles_per_s": r["peer"]["docs_per_s"],
                               "ratio": round(dy / r["peer"]["docs_per_s"], 1)}

    def dashboard() -> None:
        def save() -> None:
            out.write_text(json.dumps(r, indent=1, ensure_ascii=False), encoding="utf-8")

        r["dashboard"] = [d for d in r.get("dashboard") or [] if "pages" in d]
        bench_dashboard(facts, runs, r["dashboard"], save)

    stage("extract", extraction)
    stage("peer", peer)
    stage("dashboard", dashboard)
    r["machine"]["load_avg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    r["goals"] = verdicts(r)
    body = json.dumps(r, indent=1, ensure_ascii=False)
    out.write_text(body, encoding="utf-8")
    (RESULTS / "latest.json").write_text(body, encoding="utf-8")
    md = table(r)
    print(md)
    write_readme(md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
