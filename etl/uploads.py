"""Uploads → files under the raw folder and rows in its manifest.csv, ready for a build.

The dashboard's "Add articles" page runs this as a subprocess (it never imports `etl`):

    python -m etl.uploads add FILE [FILE ...] [--name NAME ...] [--url URL] [--date YYYY-MM-DD]
                              [--raw DIR] [--build]

and reads one JSON object per file on stdout: `{"name", "status": stored | duplicate |
rejected, "file" (relative to the raw folder), "reason", "sha256"}`. Exit 0 when every file
was stored or already there, 1 when some were rejected, 2 for bad usage (too many files).

Rules, each for a reason:
- the type is decided by the content (`ingest.read_bytes`), never by the name, and the
  stored name gets the extension of what the file is; unreadable files are rejected with
  the reader's one-line reason before anything is written;
- limits: MAX_FILES per upload, MAX_FILE_BYTES per file;
- names are sanitised: only the last path component is kept (so `../` and folders are
  gone), control and reserved characters are dropped, a leading dot too (hidden files are
  not read), Unicode letters stay; files land in `<raw>/uploads/`, never outside;
- the same content twice is stored once (SHA-256 over the raw folder's files of that size);
  a second upload of it with a url or date only updates its manifest row;
- a file is written to a hidden temporary name and `os.replace`d into place, and the
  manifest is rewritten the same way, so a build running meanwhile sees the file whole or
  not at all; the build that follows waits for the running one (etl.store.build_lock), so
  an upload during a build is never lost. Concurrent uploads take `<raw>/.uploads.lock`.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import fcntl
import hashlib
import io
import json
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from etl import paths
from etl.ingest import UnreadableFile, read_bytes
from etl.manifest import COLUMNS, MANIFEST_NAME, _sniff_delimiter

MAX_FILES = 20
MAX_FILE_BYTES = 20 * 1024 * 1024
UPLOAD_DIR = "uploads"
MAX_NAME_BYTES = 120
EXTENSIONS = {"pdf": ".pdf", "html": ".html", "md": ".md", "txt": ".txt"}
_RESERVED = re.compile(r"[\x00-\x1f\x7f<>:\"|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
# the manifest header names the ETL accepts (etl/manifest.py) for the fields written here
_FIELD_OF = {"file": "file", "filename": "file", "file_name": "file", "path": "file",
             "url": "url", "link": "url", "source_url": "url", "published": "published",
             "date": "published", "published_at": "published", "pub_date": "published",
             "publication_date": "published", "title": "title", "headline": "title",
             "lang": "lang", "language": "lang"}


@dataclass
class Stored:
    name: str             # the name it was uploaded under
    status: str           # stored | duplicate | rejected
    file: str = ""        # where it is, relative to the raw folder (POSIX)
    reason: str = ""
    sha256: str = ""


def safe_name(name: str, fmt: str) -> str:
    """A file name that stays in its folder: 'Отчёт 2025.txt', never '../x' or '.hidden'."""
    base = unicodedata.normalize("NFC", name).replace("\\", "/").split("/")[-1]
    stem, ext = os.path.splitext(base)
    if ext.lower() not in (".txt", ".md", ".html", ".htm", ".pdf", ".markdown", ".xhtml"):
        stem = base  # 'report.2025' keeps its dot; the extension comes from the content
    stem = _RESERVED.sub("", stem)
    stem = "_".join(stem.split()).strip("._-")
    while len(stem.encode("utf-8")) > MAX_NAME_BYTES:
        stem = stem[:-1]
    if stem in ("", ".", ".."):
        stem = "upload"
    return stem + EXTENSIONS[fmt]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _existing_copy(raw: Path, data: bytes, digest: str) -> str | None:
    """The raw folder's file with the same bytes, if any (relative POSIX path)."""
    for folder, dirs, files in os.walk(raw):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in files:
            if f.startswith("."):
                continue
            p = Path(folder, f)
            try:
                if p.stat().st_size == len(data) and _sha256(p.read_bytes()) == digest:
                    return p.relative_to(raw).as_posix()
            except OSError:
                continue
    return None


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _locked(raw: Path) -> Iterator[None]:
    raw.mkdir(parents=True, exist_ok=True)
    with open(raw / ".uploads.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def _manifest_rows(raw: Path) -> tuple[str, list[str], list[list[str]]]:
    """(delimiter, header, rows) of the raw folder's manifest; a fresh one if it is missing."""
    path = raw / MANIFEST_NAME
    if not path.exists():
        return ",", list(COLUMNS), []
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    first = next((ln for ln in text.split("\n") if ln.strip()), ",".join(COLUMNS))
    delim = _sniff_delimiter(first)
    records = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delim)
               if any(c.strip() for c in r)]
    return delim, records[0] if records else list(COLUMNS), records[1:]


def add_manifest_rows(raw: Path, entries: list[dict[str, str]]) -> None:
    """Append a row per entry (file, url, published) to the raw folder's manifest.csv, in
    its own columns and delimiter; a file already listed keeps its other fields (title,
    lang) and gets the new url/date. Rewritten atomically."""
    if not entries:
        return
    path = raw / MANIFEST_NAME
    delim, header, rows = _manifest_rows(raw)
    fields = [_FIELD_OF.get(h.strip().lower(), "") for h in header]
    widened = False
    for key in ("file", "url", "published"):
        if key not in fields:  # a manifest without the column gets it
            header.append(key)
            fields.append(key)
            widened = True
    file_col = fields.index("file")
    out = io.StringIO()
    w = csv.writer(out, delimiter=delim, lineterminator="\n")
    old = path.read_bytes().decode("utf-8-sig", errors="replace") if path.exists() else ""
    if not old.strip() or widened:
        old = ""  # new or widened: write the header (and the rows) anew
        w.writerow(header)
        for r in rows:
            w.writerow(r + [""] * (len(header) - len(r)))
    elif not old.endswith("\n"):
        old += "\n"
    for entry in entries:
        previous = next((r for r in reversed(rows)
                         if len(r) > file_col and r[file_col].strip() == entry["file"]), None)
        row = list(previous) + [""] * (len(header) - len(previous)) if previous else [""] * len(
            header)
        for i, field in enumerate(fields):
            if field in entry and (entry[field] or field == "file"):
                row[i] = entry[field]
        if previous is None or row != list(previous) + [""] * (len(header) - len(previous)):
            w.writerow(row)
    _write_atomic(path, old.encode("utf-8") + out.getvalue().encode("utf-8"))


def store(raw: Path, name: str, data: bytes, url: str | None = None,
          published: date | None = None) -> Stored:
    """Store one upload under `<raw>/uploads/` (see the module doc for the rules)."""
    if len(data) > MAX_FILE_BYTES:
        return Stored(name, "rejected", reason=f"too large: {len(data) / 2**20:.1f} MB > "
                      f"{MAX_FILE_BYTES // 2**20} MB")
    try:
        _, fmt = read_bytes(data, name)
    except UnreadableFile as e:
        return Stored(name, "rejected", reason=str(e))
    digest = _sha256(data)
    entry = {"url": url or "", "published": published.isoformat() if published else ""}
    with _locked(raw):
        existing = _existing_copy(raw, data, digest)
        if existing:
            if url or published:
                add_manifest_rows(raw, [{"file": existing, **entry}])
            return Stored(name, "duplicate", existing, "already stored", digest)
        folder = raw / UPLOAD_DIR
        target = folder / safe_name(name, fmt)
        if target.exists():  # another file under that name: keep both
            target = target.with_name(f"{target.stem}-{digest[:8]}{target.suffix}")
        _write_atomic(target, data)
        rel = target.relative_to(raw).as_posix()
        add_manifest_rows(raw, [{"file": rel, **entry}])
    return Stored(name, "stored", rel, "", digest)


def _url(s: str) -> str:
    if not re.match(r"https?://[^\s/]+", s):
        raise argparse.ArgumentTypeError(f"not an http(s) URL: {s!r}")
    return s


def _date(s: str) -> date:
    try:
        return date.fromisoformat(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {s!r}") from None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m etl.uploads", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    add = sub.add_parser("add", help="store files under the raw folder and list them in its "
                         "manifest")
    add.add_argument("files", nargs="+", metavar="FILE")
    add.add_argument("--name", action="append", default=[],
                     help="the name each FILE was uploaded under (in order; default its own)")
    add.add_argument("--url", type=_url, default=None)
    add.add_argument("--date", type=_date, default=None, help="published, YYYY-MM-DD")
    add.add_argument("--raw", default=None, help="raw folder (default data/raw or $DYAD_RAW)")
    add.add_argument("--build", action="store_true", help="rebuild the database afterwards")
    a = ap.parse_args(argv)
    if len(a.files) > MAX_FILES:
        print(f"dyad: too many files: {len(a.files)} > {MAX_FILES} per upload", file=sys.stderr)
        return 2
    raw = Path(a.raw) if a.raw else paths.raw_dir()
    names = a.name + [Path(f).name for f in a.files[len(a.name):]]
    results = []
    for path, name in zip(a.files, names, strict=True):
        try:
            size = os.path.getsize(path)
            if size > MAX_FILE_BYTES:
                res = Stored(name, "rejected", reason=f"too large: {size / 2**20:.1f} MB > "
                             f"{MAX_FILE_BYTES // 2**20} MB")
            else:
                res = store(raw, name, Path(path).read_bytes(), a.url, a.date)
        except OSError as e:
            res = Stored(name, "rejected", reason=f"cannot read: {e.strerror or e}")
        results.append(res)
        print(json.dumps(asdict(res), ensure_ascii=False), flush=True)
    if a.build and any(r.status == "stored" for r in results):
        from etl import cli

        built = cli.main(["build", "--raw", str(raw)])
        if built >= 2:  # the build itself failed (1 only means some raw file is unreadable)
            return built
    return 1 if any(r.status == "rejected" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
