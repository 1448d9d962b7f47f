"""manifest.csv: what a folder says about its files.

Columns `file,url,published,title,lang`; all but `file` may be empty or missing.
The `file` column is relative to the manifest's folder (`sub/x.txt` works).
Nothing here raises on bad input: every problem becomes a one-line warning and
the row (or the field) is dropped, so one bad manifest row never stops a run.

A manifest is read as a stream of lines (a corpus of 100,000 files has a manifest of
100,000 rows, ~16 MB: held whole, its text, decoded copy and parsed entries cost
~100 MB), except a legacy-encoded one (cp1251, KOI8-R, UTF-16 without a BOM), whose
codec only the whole file tells. `read_manifest` returns the entries as a dict (for a
few rows: tests, uploads, the Dask path); the folder walk keeps them in a
`ManifestIndex`, a private SQLite database on disk, so its memory stays that of
SQLite's page cache however long the manifest.
"""
from __future__ import annotations

import codecs
import csv
import io
import os
import posixpath
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Generator, Iterable
from datetime import date
from pathlib import Path
from typing import Protocol

from etl.model import DocMeta

MANIFEST_NAME = "manifest.csv"
COLUMNS = ("file", "url", "published", "title", "lang")
_ALIASES = {
    "file": "file", "filename": "file", "file_name": "file", "path": "file",
    "url": "url", "link": "url", "source_url": "url",
    "published": "published", "date": "published", "published_at": "published",
    "pub_date": "published", "publication_date": "published",
    "title": "title", "headline": "title",
    "lang": "lang", "language": "lang",
}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_YMD = re.compile(r"(\d{4})[./](\d{1,2})[./](\d{1,2})")
_DMY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s.*)?")  # 15.11.2025, the Russian Excel form
_LANG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def parse_date(raw: str) -> date | None:
    """A manifest date: ISO (`2025-11-15`, `2025-11-15T07:58:00+05:00` → its own
    calendar date), `2025/11/15`, `15.11.2025`. Raises ValueError otherwise."""
    s = raw.strip()
    if (m := _ISO.fullmatch(s)) or (m := _YMD.fullmatch(s)):
        y, mo, d = m.groups()
    elif m := _DMY.fullmatch(s):
        d, mo, y = m.groups()
    else:
        raise ValueError(s)
    out = date(int(y), int(mo), int(d))  # ValueError on 2021-13-40
    if not 1900 <= out.year <= 2100:
        raise ValueError(s)
    return out


def normalize_name(name: str) -> str | None:
    """A `file` cell → a clean relative POSIX path (NFC), or None if it leaves
    the manifest's folder or is absolute."""
    s = unicodedata.normalize("NFC", name.strip().replace("\\", "/"))
    if not s or s.startswith("/") or re.match(r"[A-Za-z]:/", s):
        return None
    s = posixpath.normpath(s)
    if s == "." or s == ".." or s.startswith("../"):
        return None
    return s


def _decode(data: bytes) -> str:
    from etl.ingest import decode_text  # lazy: ingest imports this module

    return decode_text(data)


def _sniff_delimiter(header: str) -> str:
    best, best_n = ",", 0
    for d in (",", ";", "\t", "|"):
        cells = [c.strip().strip('"').strip().lower() for c in header.split(d)]
        n = sum(1 for c in cells if c in _ALIASES)
        if n > best_n:
            best, best_n = d, n
    return best


class _Sink(Protocol):
    """Where the rows of a manifest go: a dict (`read_manifest`) or a `ManifestIndex`."""

    def put(self, name: str, rowno: int, meta: DocMeta) -> tuple[int, DocMeta] | None:
        """Keep `meta` for `name`, replacing an earlier row's; that row's (number, entry)."""


class _DictSink:
    def __init__(self) -> None:
        self.out: dict[str, DocMeta] = {}
        self.rows: dict[str, int] = {}

    def put(self, name: str, rowno: int, meta: DocMeta) -> tuple[int, DocMeta] | None:
        before = self.rows.get(name)
        old = None if before is None else (before, self.out[name])
        self.rows[name] = rowno
        self.out[name] = meta
        return old


def read_manifest(path: Path) -> tuple[dict[str, DocMeta], list[str]]:
    """(relative file name → DocMeta, warnings). Never raises.

    Bad dates → warning, `published` None. Duplicate file rows → warning, the
    last row wins. Rows naming files that are not there → warning (the row is
    still kept: the file may appear later). Not a CSV at all → warning, empty.
    """
    sink = _DictSink()
    warnings: list[str] = []
    if not _read(Path(path), sink, warnings.append):
        return {}, warnings
    return sink.out, warnings


_CHUNK = 1 << 16


def _stream_codec(path: Path) -> tuple[str, int, str] | None:
    """(codec, BOM length, errors) to read `path` with line by line, as `decode_text`
    would decode the whole file, or None when only the whole file tells (no BOM and not
    plain UTF-8: NULs, many control bytes, a legacy codepage). One pass over 64 KB chunks."""
    from etl.ingest import _BOMS, _NOT_CONTROL, CONTROL_SHARE_MAX  # lazy: ingest imports us

    with open(path, "rb") as fh:
        head = fh.read(4)
        for bom, enc in _BOMS:
            if head.startswith(bom):  # decode_text: strict, else with replacement characters
                return enc, len(bom), "replace"  # (the same text when strict succeeds)
        fh.seek(0)
        check = codecs.getincrementaldecoder("utf-8")("strict")
        total = controls = 0
        try:
            while chunk := fh.read(_CHUNK):
                if b"\x00" in chunk:
                    return None
                total += len(chunk)
                controls += len(chunk.translate(None, _NOT_CONTROL))
                check.decode(chunk)
            check.decode(b"", final=True)
        except UnicodeDecodeError:
            return None
    if total and controls / total > CONTROL_SHARE_MAX:
        return None
    return "utf-8", 0, "strict"


def _lines(path: Path, codec: tuple[str, int, str] | None, text: str | None,
           newline: str) -> Generator[str, None, None]:
    """The decoded lines of the manifest (split as io.TextIOWrapper with `newline` splits
    them), the BOM and any U+FEFF after it dropped: read from the file with `codec`, or
    from `text`, the whole file decoded when no codec streams it."""
    if codec is None:
        yield from io.StringIO(text or "", newline=newline)
        return
    enc, skip, errors = codec
    with open(path, "rb") as raw:
        raw.seek(skip)
        first = True
        for line in io.TextIOWrapper(raw, encoding=enc, errors=errors, newline=newline):
            if first:
                line = line.lstrip("\ufeff")
                first = not line  # nothing but U+FEFF so far: strip on
                if not line:
                    continue
            yield line


def _read(path: Path, sink: _Sink, warn: Callable[[str], None]) -> bool:
    """The rows of the manifest at `path` into `sink`, problems to `warn`; False when it is
    not a manifest at all (one warning says why, and what went into `sink` must be dropped)."""
    where = str(path)
    text = None
    try:
        codec = _stream_codec(path)
        if codec is None:
            data = path.read_bytes()
    except OSError as e:
        warn(f"{where}: cannot read manifest ({e.strerror or e}); ignored")
        return False
    if codec is None:
        try:
            text = _decode(data).lstrip("\ufeff")
        except Exception as e:  # UnreadableFile and anything odd: a manifest is optional
            warn(f"{where}: not a CSV manifest ({e}); ignored")
            return False
        del data
    try:
        # the header: the first non-blank line, as `for line in StringIO(text)` splits
        head = _lines(path, codec, text, "\n")
        try:
            first = next((ln.rstrip("\n") for ln in head if ln.strip()), None)
        finally:
            head.close()
        if first is None:
            warn(f"{where}: empty manifest; ignored")
            return False
        lines = _lines(path, codec, text, "")
        try:
            return _read_rows(path, lines, first, sink, warn)
        finally:
            lines.close()
    except csv.Error as e:
        warn(f"{where}: not a CSV manifest ({e}); ignored")
    except (OSError, UnicodeDecodeError) as e:  # it vanished or changed since the first pass
        warn(f"{where}: cannot read manifest ({getattr(e, 'strerror', None) or e}); ignored")
    return False


def _read_rows(path: Path, lines: Iterable[str], first: str, sink: _Sink,
               warn: Callable[[str], None]) -> bool:
    """The rows of a decoded manifest, read one at a time into `sink`: a corpus of 100,000
    files has a manifest as long, and only its entries, not a parsed copy of every record,
    are kept."""
    where = str(path)
    records = csv.reader(lines, delimiter=_sniff_delimiter(first))
    # Row numbers are CSV record numbers with the header as row 1, like a spreadsheet.
    rows = ((i, r) for i, r in enumerate(records, start=1)
            if any(c.strip() for c in r) and not r[0].lstrip().startswith("#"))
    first_row = next(rows, None)
    if first_row is None:
        warn(f"{where}: empty manifest; ignored")
        return False
    header_row = first_row[1]
    header = [c.strip().lower() for c in header_row]
    cols: dict[str, int] = {}
    for i, h in enumerate(header):
        key = _ALIASES.get(h)
        if key and key not in cols:
            cols[key] = i
    if "file" not in cols:
        warn(f"{where}: not a manifest (no 'file' column in header "
             f"{','.join(header)[:80]!r}); ignored")
        return False
    unknown = [h for h in header if h and h not in _ALIASES]
    if unknown:
        warn(f"{where}: unknown columns ignored: {', '.join(unknown)}")

    folder = str(path.parent)
    for rowno, row in rows:
        def cell(key: str, row: list[str] = row) -> str | None:
            i = cols.get(key)
            if i is None or i >= len(row):
                return None
            v = row[i].strip()
            return v or None

        raw_name = cell("file")
        if raw_name is None:
            warn(f"{where} row {rowno}: no file name; skipped")
            continue
        name = normalize_name(raw_name)
        if name is None:
            warn(f"{where} row {rowno}: file {raw_name!r} is outside the "
                 "manifest's folder; skipped")
            continue
        if len(row) > len(header):
            warn(f"{where} row {rowno}: {len(row) - len(header)} extra field(s) ignored")
        published = None
        raw_date = cell("published")
        if raw_date is not None:
            try:
                published = parse_date(raw_date)
            except ValueError:
                warn(f"{where} row {rowno}: bad date {raw_date!r}; published left empty")
        lang = cell("lang")
        if lang is not None:
            if _LANG.fullmatch(lang):
                lang = lang.lower().replace("_", "-")
            else:
                warn(f"{where} row {rowno}: bad lang {lang!r}; left empty")
                lang = None
        meta = DocMeta(url=cell("url"), published=published, title=cell("title"), lang=lang)
        before = sink.put(name, rowno, meta)
        if before is not None:
            same = "identical " if before[1] == meta else ""
            warn(f"{where} row {rowno}: {same}duplicate entry for {name!r} "
                 f"(first at row {before[0]}); the last row wins")
        elif not os.path.exists(os.path.join(folder, name)):  # (no Path: it interns parts)
            warn(f"{where} row {rowno}: file {name!r} not found next to the manifest")
    return True


def _key(name: str) -> bytes:
    """A name as SQLite compares it: its UTF-8 bytes (a file name that is not valid UTF-8
    keeps its lone surrogates, which match no manifest row)."""
    return name.encode("utf-8", "surrogatepass")


class ManifestIndex:
    """Manifests in a private SQLite database on disk (`sqlite3.connect("")`: deleted when
    closed; SQLite keeps a ~2 MB page cache and writes the rest to a temporary file), so
    looking up the rows of a 100,000-row manifest costs no more memory than of a 10-row
    one. `con` is a scratch database its user may add tables to (the folder walk keeps
    the folders and files it has seen there too)."""

    def __init__(self) -> None:
        self.con = sqlite3.connect("", isolation_level=None)
        self.con.executescript("""
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE manifest_rows (
                mid INTEGER, name BLOB, folded BLOB, rowno INTEGER,
                url TEXT, published TEXT, title TEXT, lang TEXT,
                PRIMARY KEY (mid, name)) WITHOUT ROWID;
            CREATE INDEX manifest_folded ON manifest_rows (mid, folded);
            BEGIN;""")  # one transaction, never committed: the database is thrown away
        # (with no journal nothing can be rolled back: rows are removed by DELETE)
        self._next = 0

    def add(self, path: Path, warn: Callable[[str], None]) -> int:
        """Read the manifest at `path` (problems to `warn`, as `read_manifest`); its id for
        `get` (an ignored manifest has an id too, naming nothing)."""
        self._next += 1
        if not _read(Path(path), _IndexSink(self.con, self._next), warn):
            # not a manifest after all (a CSV error half-way): none of its rows
            self.con.execute("DELETE FROM manifest_rows WHERE mid = ?", (self._next,))
        return self._next

    def get(self, mid: int, rel: str) -> DocMeta | None:
        """The entry of manifest `mid` for a file at `rel` (POSIX, relative to the
        manifest's folder): exact NFC match first, then a unique case-insensitive one
        (two names that differ only in case match nothing without case), as `lookup`."""
        key = unicodedata.normalize("NFC", rel)
        row = self.con.execute(
            "SELECT url, published, title, lang FROM manifest_rows WHERE mid = ? AND name = ?",
            (mid, _key(key))).fetchone()
        if row is None:
            rows = self.con.execute(
                "SELECT url, published, title, lang FROM manifest_rows "
                "WHERE mid = ? AND folded = ? LIMIT 2", (mid, _key(key.casefold()))).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return None if row is None else _meta(row)

    def close(self) -> None:
        self.con.close()


def _meta(row: tuple[str | None, str | None, str | None, str | None]) -> DocMeta:
    url, published, title, lang = row
    return DocMeta(url=url, published=date.fromisoformat(published) if published else None,
                   title=title, lang=lang)


class _IndexSink:
    def __init__(self, con: sqlite3.Connection, mid: int) -> None:
        self.con, self.mid = con, mid

    def put(self, name: str, rowno: int, meta: DocMeta) -> tuple[int, DocMeta] | None:
        row = (self.mid, _key(name), _key(name.casefold()), rowno, meta.url,
               meta.published.isoformat() if meta.published else None, meta.title, meta.lang)
        # one statement a row; a duplicate name (rare) is then read and replaced
        if self.con.execute("INSERT INTO manifest_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                            "ON CONFLICT DO NOTHING", row).rowcount:
            return None
        old = self.con.execute(
            "SELECT rowno, url, published, title, lang FROM manifest_rows "
            "WHERE mid = ? AND name = ?", row[:2]).fetchone()
        self.con.execute("INSERT OR REPLACE INTO manifest_rows VALUES "
                         "(?, ?, ?, ?, ?, ?, ?, ?)", row)
        return old[0], _meta(old[1:])


def lookup(entries: dict[str, DocMeta], rel: str) -> DocMeta | None:
    """The entry for a file at `rel` (POSIX, relative to the manifest's folder):
    exact NFC match first, then a unique case-insensitive match."""
    key = unicodedata.normalize("NFC", rel)
    hit = entries.get(key)
    if hit is not None:
        return hit
    folded = key.casefold()
    matches = [v for k, v in entries.items() if k.casefold() == folded]
    return matches[0] if len(matches) == 1 else None
