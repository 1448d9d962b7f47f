"""The ETL steps the dashboard starts, each a subprocess (the dashboard never imports `etl`).

`store_uploads` runs `python -m etl.uploads add` on the uploaded files and returns its JSON
lines; `rebuild` runs `python -m etl build` on the raw folder into the database the
dashboard reads. Both pass the environment on, so DYAD_RAW / DYAD_DB / DYAD_CORRECTIONS
point them at the same folders as the dashboard. `on_line` gets each line the step prints
to stderr, for a progress indicator.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dyad import paths
from dyad.db import db_path

TIMEOUT = 900


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        """0: all read; 1: built, some files could not be read (listed on Sources)."""
        return self.returncode in (0, 1)


def run(args: list[str], on_line: Callable[[str], None] | None = None) -> Result:
    """`python -m ARGS...` from the project root; stderr streamed to `on_line`."""
    with tempfile.TemporaryFile() as out:  # a file, not a pipe: no deadlock on big output
        proc = subprocess.Popen([sys.executable, "-m", *args], cwd=paths.ROOT,
                                env=os.environ.copy(), stdout=out, stderr=subprocess.PIPE,
                                text=True, encoding="utf-8", errors="replace")
        err: list[str] = []
        assert proc.stderr is not None
        for line in proc.stderr:
            err.append(line)
            if on_line:
                on_line(line.rstrip())
        code = proc.wait(timeout=TIMEOUT)
        out.seek(0)
        return Result(code, out.read().decode("utf-8", errors="replace"), "".join(err))


def rebuild(on_line: Callable[[str], None] | None = None) -> Result:
    """Rebuild the database from the raw folder, corrections re-applied (waits for a build
    that is already running: the ETL holds a lock)."""
    return run(["etl", "build", "--raw", str(paths.raw_dir()), "--db", str(db_path())], on_line)


def store_uploads(files: list[tuple[str, bytes]], url: str | None = None,
                  published: date | None = None,
                  on_line: Callable[[str], None] | None = None) -> tuple[list[dict], Result]:
    """Hand uploaded (name, bytes) to `etl.uploads`; its verdict per file and the run."""
    with tempfile.TemporaryDirectory(prefix="dyad-upload-") as tmp:
        args = ["etl.uploads", "add", "--raw", str(paths.raw_dir())]
        for i, (name, data) in enumerate(files):
            path = Path(tmp) / f"{i:03d}"
            path.write_bytes(data)
            args.append(f"--name={name}")
        args += [str(Path(tmp) / f"{i:03d}") for i in range(len(files))]
        if url:
            args.append(f"--url={url}")
        if published:
            args += ["--date", published.isoformat()]
        res = run(args, on_line)
    verdicts = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    return verdicts, res
