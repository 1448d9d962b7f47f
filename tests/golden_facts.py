"""The golden file of the demo corpus's facts: written by `make golden`, read by the tests.

Only what an analyst would notice changing is kept (not offsets or confidence),
so the diff `make golden` shows is the diff in what Dyad claims.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "seeds.jsonl"
KEYS = ("pair", "metric", "kind", "value", "qualifier", "date", "period", "target_year",
        "evidence")


def current() -> list[dict]:
    p = subprocess.run([sys.executable, "-m", "etl", "extract", "data/raw"], cwd=ROOT,
                       capture_output=True, text=True, check=True)
    rows = []
    for line in p.stdout.splitlines():
        f = json.loads(line)
        rows.append({"file": Path(f["source"]).name, **{k: f[k] for k in KEYS}})
    return sorted(rows, key=lambda r: (r["file"], r["pair"], r["metric"], r["kind"], r["value"]))


def write() -> None:
    GOLDEN.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in current()),
                      encoding="utf-8")


if __name__ == "__main__":
    write()
