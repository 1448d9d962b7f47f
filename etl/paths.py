"""Every path the project reads or writes, in one place.

Tests and deployments point Dyad elsewhere through the environment
(`DYAD_DATA`, `DYAD_RAW`, `DYAD_DB`) instead of patching modules.
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOCAB_DIR = Path(__file__).resolve().parent / "vocab"
SCHEMA_SQL = Path(__file__).resolve().parent / "schema.sql"


def data_dir() -> Path:
    return Path(os.environ.get("DYAD_DATA", ROOT / "data"))


def raw_dir() -> Path:
    return Path(os.environ.get("DYAD_RAW", data_dir() / "raw"))


def db_path() -> Path:
    return Path(os.environ.get("DYAD_DB", data_dir() / "dyad.duckdb"))


def corrections_path() -> Path:
    return Path(os.environ.get("DYAD_CORRECTIONS", data_dir() / "corrections.csv"))
