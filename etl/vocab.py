"""The one loader for vocabularies: plain CSV files in etl/vocab/.

Word lists are data, not code (natasha/yargy style): a linguist can add a
country form or a trigger word without touching an engine. Lines starting
with '#' are comments; every file has a header row.
"""
from __future__ import annotations

import csv
from functools import cache

from etl.paths import VOCAB_DIR


@cache
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of etl/vocab/NAME.csv as dicts (empty cells are '')."""
    path = VOCAB_DIR / f"{name}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if line.strip() and not line.lstrip().startswith("#"))
        return tuple(
            {k: (v or "").strip() for k, v in row.items() if k is not None}
            for row in csv.DictReader(lines)
        )
