"""Shared fixtures: the real demo database, built once per session by the ETL's command.

The read side never imports `etl`; the tests build the database the way a user does,
with `python -m etl build`, and point the dashboard at it through `DYAD_DB`.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def _nothing_written_into_the_repo(tmp_path_factory: pytest.TempPathFactory):
    """Every path the dashboard or an upload could write points at a temp folder."""
    guard = tmp_path_factory.mktemp("guard")
    saved = {k: os.environ.get(k) for k in ("DYAD_RAW", "DYAD_CORRECTIONS", "DYAD_EMBEDS")}
    os.environ["DYAD_RAW"] = str(guard / "raw")
    os.environ["DYAD_CORRECTIONS"] = str(guard / "corrections.csv")
    os.environ["DYAD_EMBEDS"] = str(guard / "embeds")
    yield
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


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


@dataclass
class Workspace:
    raw: Path
    db: Path
    corrections: Path
    embeds: Path


@pytest.fixture
def workspace(demo_db, tmp_path, monkeypatch) -> Workspace:
    """A writable copy of the demo: raw folder, database, corrections file, embeds folder,
    with every DYAD_* variable pointing at it (subprocesses inherit them)."""
    ws = Workspace(tmp_path / "raw", tmp_path / "dyad.duckdb", tmp_path / "corrections.csv",
                   tmp_path / "embeds")
    shutil.copytree(ROOT / "data" / "raw", ws.raw)
    shutil.copy(demo_db, ws.db)
    for name, path in (("DYAD_DB", ws.db), ("DYAD_RAW", ws.raw),
                       ("DYAD_CORRECTIONS", ws.corrections), ("DYAD_EMBEDS", ws.embeds)):
        monkeypatch.setenv(name, str(path))
    return ws
