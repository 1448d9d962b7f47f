"""Shared fixtures: the real demo database, built once per session by the ETL's command.

The read side never imports `etl`; the tests build the database the way a user does,
with `python -m etl build`, and point the dashboard at it through `DYAD_DB`.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory):
    """The database built from data/raw/; DYAD_DB points at it for the whole session."""
    db = tmp_path_factory.mktemp("demo") / "dyad.duckdb"
    cmd = [sys.executable, "-m", "etl", "build", "--raw", "data/raw", "--db", str(db)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    if done.returncode != 0 or not db.exists():
        pytest.fail(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    previous = os.environ.get("DYAD_DB")
    os.environ["DYAD_DB"] = str(db)
    yield db
    if previous is None:
        os.environ.pop("DYAD_DB", None)
    else:
        os.environ["DYAD_DB"] = previous
