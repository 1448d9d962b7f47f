"""Review decisions → rows of the corrections file the ETL re-applies on every build.

Writes `data/corrections.csv` (env `DYAD_CORRECTIONS`; columns as etl/corrections.py reads
them: fact_id, action, field, value, who, at, reason). The file is plain and diff-able and
lives apart from the derived database: it is only ever appended to, and each append
rewrites the file to a temporary name and `os.replace`s it, under a lock, so a build reading
it meanwhile sees it whole and two reviewers never lose each other's rows.
"""
from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import os
import re
import tempfile
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from pathlib import Path

COLUMNS = ["fact_id", "action", "field", "value", "who", "at", "reason"]
ACTIONS = ("confirm", "correct", "reject")
FIELDS = ("value", "kind", "pair", "date")
KINDS = ("actual", "forecast", "target")
_PAIR = re.compile(r"[A-Z]{3}-[A-Z]{3}")


class BadCorrection(ValueError):
    """A corrected value the ETL could not apply; str() says which and why."""


def normalise(field: str, value: object) -> str:
    """The corrected value as the CSV stores it; BadCorrection when it makes no sense."""
    if field == "value":
        try:
            x = float(str(value).replace(",", ".").replace(" ", "").replace("\u00a0", ""))
        except ValueError:
            raise BadCorrection(f"value: not a number: {value!r}") from None
        if x < 0 or x != x:
            raise BadCorrection(f"value: must be zero or more: {value!r}")
        return f"{x:g}" if abs(x) < 1e15 else repr(x)
    if field == "kind":
        if value not in KINDS:
            raise BadCorrection(f"kind: one of {', '.join(KINDS)}, not {value!r}")
        return str(value)
    if field == "pair":
        codes = str(value).strip().upper().replace("–", "-").replace(" ", "")
        if not _PAIR.fullmatch(codes) or codes[:3] == codes[4:]:
            raise BadCorrection(f"pair: two different ISO3 codes like KAZ-UZB, not {value!r}")
        return "-".join(sorted(codes.split("-")))
    if field == "date":
        try:
            return (value if isinstance(value, date) else date.fromisoformat(str(value))
                    ).isoformat()
        except ValueError:
            raise BadCorrection(f"date: YYYY-MM-DD, not {value!r}") from None
    raise BadCorrection(f"cannot correct {field!r}")


def rows(fact_id: str, action: str, who: str, reason: str = "",
         changes: Mapping[str, object] | None = None, at: datetime | None = None
         ) -> list[dict[str, str]]:
    """The CSV rows of one decision: one for confirm/reject, one per changed field."""
    if action not in ACTIONS:
        raise BadCorrection(f"action: one of {', '.join(ACTIONS)}")
    stamp = (at or datetime.now(UTC)).isoformat(timespec="seconds")
    base = {"fact_id": fact_id, "action": action, "field": "", "value": "",
            "who": who.strip() or "analyst", "at": stamp, "reason": reason.strip()}
    if action != "correct":
        return [base]
    if not changes:
        raise BadCorrection("nothing to correct")
    return [{**base, "field": f, "value": normalise(f, v)} for f, v in changes.items()]


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def append(path: Path, new: list[dict[str, str]]) -> None:
    """Append rows to the corrections file (created with its header), atomically."""
    with _locked(path):
        old = path.read_bytes() if path.exists() else b""
        out = io.StringIO()
        w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        if not old.strip():
            old = b""
            w.writeheader()
        elif not old.endswith(b"\n"):
            old += b"\n"
        w.writerows(new)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            os.fchmod(fd, 0o644)
            with os.fdopen(fd, "wb") as fh:
                fh.write(old + out.getvalue().encode("utf-8"))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise


def read(path: Path) -> list[dict[str, str]]:
    """Every row of the corrections file, oldest first (the Review page's log)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [dict(r) for r in csv.DictReader(fh)]
