"""CSV downloads of exactly what a chart or table shows, safe to open in Excel.

UTF-8 with a byte-order mark so Excel reads Cyrillic; a cell that starts with
= + - @ (or a tab / carriage return) would run as a formula there, so it gets a
leading single quote (the OWASP "CSV injection" advice).
"""
from __future__ import annotations

import codecs
import re

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _cell(v: object) -> str:
    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat() if v == v.normalize() else v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def to_csv(df: pd.DataFrame) -> bytes:
    """The frame as Excel-safe CSV bytes (BOM + UTF-8), every cell neutralised."""
    cells = df.astype(object).map(lambda v: neutralise(_cell(v)))
    cells.columns = [neutralise(str(c)) for c in df.columns]
    # CRLF rows (RFC 4180): pandas then quotes every cell holding a CR or an LF, so a line
    # break inside a cell cannot start a row whose first character makes a formula
    return cells.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def with_header(df: pd.DataFrame, header: list[str]) -> bytes:
    """The frame's CSV under `# ` lines naming what it is, its source and its date, e.g.
    `# Source: Dyad database, data version 1a2b3c4d5e6f, built 2026-11-21T12:39:57+00:00`.
    Read it back with `pandas.read_csv(f, comment="#")` or by skipping lines that start
    with '#'."""
    lines = "".join("# " + " ".join(line.split()) + "\n" for line in header)
    return codecs.BOM_UTF8 + lines.encode("utf-8") + to_csv(df)[len(codecs.BOM_UTF8):]


def file_name(*parts: str, ext: str = "csv") -> str:
    """dyad-kaz-uzb-trade.csv: lower case, safe characters only."""
    stem = "-".join(re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-") for p in ("dyad", *parts))
    return f"{stem}.{ext}"
