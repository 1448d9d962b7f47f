"""Extractions → the DuckDB file the dashboard reads, swapped in atomically.

Reads `Extraction`s; writes `data/dyad.duckdb` (schema in etl/schema.sql).
A reader must never see a half-built database, and DuckDB locks a file that
a writer holds, so the build writes a new file beside the old one,
CHECKPOINTs, closes and `os.replace`s it over the old one: readers holding the
old file keep reading it, the next reader opens the new one. Facts are
inserted sorted by (pair, metric, date), the order every page filters in.
Two builds at once would race on the swap; a lock file makes the second wait.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from etl import corrections
from etl.model import Extraction
from etl.paths import SCHEMA_SQL

FACT_COLUMNS = ["fact_id", "doc_id", "pair", "country_a", "country_b", "metric", "kind", "value",
                "unit", "qualifier", "date", "date_precision", "period", "target_year", "start",
                "end", "confidence", "block"]


@contextlib.contextmanager
def build_lock(db: Path, wait: bool = True) -> Iterator[None]:
    """Hold DB.lock for the whole build; a second build waits (or refuses when wait=False)."""
    db.parent.mkdir(parents=True, exist_ok=True)
    with open(db.with_name(db.name + ".lock"), "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise RuntimeError(f"another build of {db} is running") from None
            print(f"dyad: another build of {db} is running; waiting for it", file=sys.stderr)
            fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def fact_id(doc_id: str, metric: str, kind: str, value: float, start: int, pair: str) -> str:
    key = f"{doc_id}|{pair}|{metric}|{kind}|{value:.6g}|{start}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def _frames(extractions: Iterable[Extraction]) -> dict[str, pd.DataFrame]:
    docs, texts, facts, evidence, signed = [], [], [], [], []
    seen: set[str] = set()
    for ex in extractions:
        if ex.doc_id in seen:  # the same text twice (a copy under another name) is one document
            continue
        seen.add(ex.doc_id)
        docs.append((ex.doc_id, ex.source, ex.url, ex.title, ex.lang, ex.published, ex.date,
                     ex.date_precision, ex.pair, len(ex.text)))
        texts.append((ex.doc_id, ex.text))
        for f in ex.facts:
            fid = fact_id(f.doc_id, f.metric, f.kind, f.value, f.start, f.pair)
            a, b = f.pair.split("-")
            facts.append((fid, f.doc_id, f.pair, a, b, f.metric, f.kind, f.value, f.unit,
                          f.qualifier, f.date, f.date_precision, f.period, f.target_year,
                          f.start, f.end, f.confidence, f.block))
            evidence.append((fid, f.evidence))
        for s in ex.signed:
            signed.append((s.doc_id, s.pair, s.seq, s.title, s.doc_type, s.sector, s.date,
                           s.start, s.end))
    facts_df = pd.DataFrame(facts, columns=FACT_COLUMNS).drop_duplicates("fact_id")
    return {
        "documents": pd.DataFrame(docs, columns=[
            "doc_id", "source", "url", "title", "lang", "published", "date", "date_precision",
            "pair", "n_chars"]),
        "document_texts": pd.DataFrame(texts, columns=["doc_id", "text"]),
        "facts": facts_df.sort_values(["pair", "metric", "date", "fact_id"], na_position="first"),
        "evidence": pd.DataFrame(evidence, columns=["fact_id", "evidence"]).drop_duplicates(
            "fact_id"),
        "signed_documents": pd.DataFrame(signed, columns=[
            "doc_id", "pair", "seq", "title", "doc_type", "sector", "date", "start", "end"]),
    }


def write_database(
    db: Path, extractions: Iterable[Extraction], rejected: list[tuple[str, str]],
    corrections_file: Path | None = None,
) -> dict[str, int]:
    """Build a complete database at a temporary path and swap it in; returns row counts."""
    frames = _frames(extractions)
    frames["facts"], orphans = corrections.apply(
        frames["facts"], corrections.read(corrections_file) if corrections_file else [])
    frames["orphaned_corrections"] = pd.DataFrame({"fact_id": orphans})
    tmp = db.with_name(f".{db.name}.building-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
        for table, df in frames.items():
            if len(df):
                con.register("frame", df)
                cols = ", ".join(f'"{c}"' for c in df.columns)
                con.execute(f'INSERT INTO {table} ({cols}) SELECT {cols} FROM frame')
                con.unregister("frame")
        if rejected:
            con.executemany("INSERT OR REPLACE INTO rejected_files VALUES (?, ?)", rejected)
        version = hashlib.sha1("\n".join(sorted(frames["facts"]["fact_id"])).encode()).hexdigest()
        info = {
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "n_documents": str(len(frames["documents"])),
            "n_facts": str(len(frames["facts"])),
            "data_version": version[:12],
        }
        con.executemany("INSERT INTO build_info VALUES (?, ?)", list(info.items()))
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, db)
    return {name: len(df) for name, df in frames.items()}
