"""manifest.csv: what a folder says about its files.

Columns `file,url,published,title,lang`; all but `file` may be empty or missing.
The `file` column is relative to the manifest's folder (`sub/x.txt` works).
Nothing here raises on bad input: every problem becomes a one-line warning and
the row (or the field) is dropped, so one bad manifest row never stops a run.
"""
from __future__ import annotations

import csv
import io
import posixpath
import re
import unicodedata
from datetime import date
from pathlib import Path

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


def read_manifest(path: Path) -> tuple[dict[str, DocMeta], list[str]]:
    """(relative file name → DocMeta, warnings). Never raises.

    Bad dates → warning, `published` None. Duplicate file rows → warning, the
    last row wins. Rows naming files that are not there → warning (the row is
    still kept: the file may appear later). Not a CSV at all → warning, empty.
    """
    path = Path(path)
    where = str(path)
    warnings: list[str] = []
    try:
        data = path.read_bytes()
    except OSError as e:
        return {}, [f"{where}: cannot read manifest ({e.strerror or e}); ignored"]
    try:
        text = _decode(data)
    except Exception as e:  # UnreadableFile and anything odd: a manifest is optional
        return {}, [f"{where}: not a CSV manifest ({e}); ignored"]
    text = text.lstrip("\ufeff")
    first = next((ln.rstrip("\n") for ln in io.StringIO(text) if ln.strip()), None)
    if first is None:
        return {}, [f"{where}: empty manifest; ignored"]
    try:
        return _read_rows(path, text, first, warnings)
    except csv.Error as e:
        return {}, [f"{where}: not a CSV manifest ({e}); ignored"]


def _read_rows(path: Path, text: str, first: str,
               warnings: list[str]) -> tuple[dict[str, DocMeta], list[str]]:
    """The rows of a decoded manifest, read one at a time: a corpus of 100,000 files has a
    manifest as long, and only its entries, not a parsed copy of every record, are kept."""
    where = str(path)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(first))
    # Row numbers are CSV record numbers with the header as row 1, like a spreadsheet.
    rows = ((i, r) for i, r in enumerate(records, start=1)
            if any(c.strip() for c in r) and not r[0].lstrip().startswith("#"))
    first_row = next(rows, None)
    if first_row is None:
        return {}, [f"{where}: empty manifest; ignored"]
    header_row = first_row[1]
    header = [c.strip().lower() for c in header_row]
    cols: dict[str, int] = {}
    for i, h in enumerate(header):
        key = _ALIASES.get(h)
        if key and key not in cols:
            cols[key] = i
    if "file" not in cols:
        return {}, [f"{where}: not a manifest (no 'file' column in header "
                    f"{','.join(header)[:80]!r}); ignored"]
    unknown = [h for h in header if h and h not in _ALIASES]
    if unknown:
        warnings.append(f"{where}: unknown columns ignored: {', '.join(unknown)}")

    out: dict[str, DocMeta] = {}
    seen: dict[str, int] = {}
    folder = path.parent
    for rowno, row in rows:
        def cell(key: str, row: list[str] = row) -> str | None:
            i = cols.get(key)
            if i is None or i >= len(row):
                return None
            v = row[i].strip()
            return v or None

        raw_name = cell("file")
        if raw_name is None:
            warnings.append(f"{where} row {rowno}: no file name; skipped")
            continue
        name = normalize_name(raw_name)
        if name is None:
            warnings.append(f"{where} row {rowno}: file {raw_name!r} is outside the "
                            "manifest's folder; skipped")
            continue
        if len(row) > len(header):
            warnings.append(f"{where} row {rowno}: {len(row) - len(header)} extra "
                            "field(s) ignored")
        published = None
        raw_date = cell("published")
        if raw_date is not None:
            try:
                published = parse_date(raw_date)
            except ValueError:
                warnings.append(f"{where} row {rowno}: bad date {raw_date!r}; "
                                "published left empty")
        lang = cell("lang")
        if lang is not None:
            if _LANG.fullmatch(lang):
                lang = lang.lower().replace("_", "-")
            else:
                warnings.append(f"{where} row {rowno}: bad lang {lang!r}; left empty")
                lang = None
        meta = DocMeta(url=cell("url"), published=published, title=cell("title"), lang=lang)
        if name in seen:
            same = "identical " if out[name] == meta else ""
            warnings.append(f"{where} row {rowno}: {same}duplicate entry for {name!r} "
                            f"(first at row {seen[name]}); the last row wins")
        elif not (folder / name).exists():
            warnings.append(f"{where} row {rowno}: file {name!r} not found next to the "
                            "manifest")
        seen[name] = rowno
        out[name] = meta
    return out, warnings


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
