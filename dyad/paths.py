"""Where the dashboard writes: the raw folder (uploads), the corrections file and pinned
embeds. The same environment variables as the ETL's `etl/paths.py` (repeated here because
the read side never imports `etl`), so tests point both at one temp folder:
`DYAD_DATA` (default data/), `DYAD_RAW` (data/raw), `DYAD_CORRECTIONS`
(data/corrections.csv), `DYAD_EMBEDS` (data/embeds: snapshots of pinned charts). The
database itself is `dyad.db.db_path()` (`DYAD_DB`).
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    return Path(os.environ.get("DYAD_DATA", ROOT / "data"))


def raw_dir() -> Path:
    return Path(os.environ.get("DYAD_RAW", data_dir() / "raw"))


def corrections_path() -> Path:
    return Path(os.environ.get("DYAD_CORRECTIONS", data_dir() / "corrections.csv"))


def embeds_dir() -> Path:
    return Path(os.environ.get("DYAD_EMBEDS", data_dir() / "embeds"))
