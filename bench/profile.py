"""Where extraction spends its time: cProfile over the benchmark corpus, in one process.

Reads the first N pages of bench/corpus/pages-1000 (generated if missing) with
etl.ingest and runs etl.pipeline.extract on each, once unprofiled (articles/s) and
once under cProfile; prints the time per module (own time, summed) and the top
lines by cumulative and by own time. Profile before optimising, and after.

    python -m bench.profile [N] [--save FILE.pstats]
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections import Counter
from pathlib import Path

from bench import corpus
from bench.run import WORK
from etl.ingest import iter_paths, read_document
from etl.pipeline import extract

ROOT = str(Path(__file__).resolve().parent.parent) + "/"


def by_module(stats: pstats.Stats) -> list[tuple[str, float]]:
    """Own time summed per source file (etl modules by name, C calls by kind)."""
    total: Counter[str] = Counter()
    for (file, _, name), (_, _, own, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        if file.startswith(ROOT):
            key = file.removeprefix(ROOT)
        elif "site-packages/" in file:
            key = file.split("site-packages/")[1].split("/")[0]
        elif file == "~":
            key = "re (C)" if "re.Pattern" in name or "re.Match" in name else "builtins (C)"
        else:
            key = Path(file).name
        total[key] += own
    return total.most_common()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, nargs="?", default=1000)
    ap.add_argument("--save", type=Path, default=None)
    ap.add_argument("--top", type=int, default=15)
    a = ap.parse_args(argv)
    folder = corpus.generate(WORK / "pages-1000", 1000)
    items = list(iter_paths([str(folder)]))[: a.n]
    extract(read_document(*items[0]))  # load vocabularies and compile patterns first

    def work() -> None:
        for source, path, meta in items:
            extract(read_document(source, path, meta))

    t0 = time.perf_counter()
    work()
    print(f"{len(items) / (time.perf_counter() - t0):.1f} articles/s unprofiled, one core")
    prof = cProfile.Profile()
    prof.enable()
    work()
    prof.disable()
    if a.save:
        prof.dump_stats(a.save)
    stats = pstats.Stats(prof, stream=sys.stdout)
    modules = by_module(stats)
    whole = sum(t for _, t in modules)
    print(f"\nown time per module ({whole:.1f} s profiled):")
    for name, t in modules[:a.top]:
        print(f"  {t:6.2f} s {100 * t / whole:5.1f} %  {name}")
    stats.sort_stats("cumulative").print_stats(a.top)
    stats.sort_stats("tottime").print_stats(a.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
