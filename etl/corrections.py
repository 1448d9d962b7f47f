"""Human corrections → applied to the extracted facts on every build.

Reads data/corrections.csv (plain, diff-able, append-only; the dashboard's
Review page writes it) and writes the reviewed columns of the facts table.
Corrections are a source of truth beside the raw files: a build never writes
this file, and a rebuild re-applies every row in file order, so a correction
survives any number of rebuilds. A row whose fact no longer exists (its
document was removed, or the extractor no longer finds it) is kept and
reported as orphaned, never dropped.

Columns: fact_id, action (confirm | correct | reject), field (value, kind,
pair, date, metric, qualifier; for correct), value (the new value), who, at
(ISO timestamp), reason.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

COLUMNS = ["fact_id", "action", "field", "value", "who", "at", "reason"]
ACTIONS = ("confirm", "correct", "reject")
FIELDS = ("value", "kind", "pair", "date", "metric", "qualifier")


@dataclass(frozen=True)
class Correction:
    fact_id: str
    action: str
    field: str
    value: str
    who: str
    at: str
    reason: str


def read(path: Path) -> list[Correction]:
    """The rows of the corrections file; a missing file is no corrections.

    A file saved by a spreadsheet in cp1251 is still read (a human's corrections are
    never dropped for their encoding); a row without a fact_id is skipped.
    """
    if not path.exists():
        return []
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1251", errors="replace")
    return [Correction(**{c: (row.get(c) or "").strip() for c in COLUMNS})
            for row in csv.DictReader(io.StringIO(text, newline=""))
            if (row.get("fact_id") or "").strip()]


def _coerce(field: str, value: str):
    if field == "value":
        return float(value)
    if field == "date":
        return pd.Timestamp(value).date() if value else None
    return value


def apply(facts: pd.DataFrame, corrections: list[Correction]) -> tuple[pd.DataFrame, list[str]]:
    """Facts with status/reviewed_by/reviewed_at/review_note set; and the orphaned fact_ids."""
    facts = facts.copy()
    for col, default in (("status", "extracted"), ("reviewed_by", None), ("reviewed_at", None),
                         ("review_note", None)):
        facts[col] = default
    index = {fid: i for i, fid in zip(facts.index, facts["fact_id"], strict=True)}
    orphans: list[str] = []
    for c in corrections:
        i = index.get(c.fact_id)
        if i is None or c.action not in ACTIONS:
            orphans.append(c.fact_id)
            continue
        if c.action == "correct":
            try:
                if c.field not in FIELDS or (c.field == "pair" and len(c.value.split("-")) != 2):
                    raise ValueError(c.field)
                new = _coerce(c.field, c.value)
            except (ValueError, TypeError):
                # a bad value ("6,6 тыс.", "2025-13-01") cannot be applied: the row stays in
                # the file and is listed with the orphans, the build goes on
                orphans.append(c.fact_id)
                continue
            facts.at[i, c.field] = new
            if c.field == "pair":
                a, b = sorted(c.value.split("-"))
                facts.at[i, "pair"], facts.at[i, "country_a"], facts.at[i, "country_b"] = (
                    f"{a}-{b}", a, b)
            status = "corrected"
        else:
            status = "confirmed" if c.action == "confirm" else "rejected"
        facts.at[i, "status"] = status
        facts.at[i, "reviewed_by"] = c.who or None
        facts.at[i, "reviewed_at"] = c.at or None
        facts.at[i, "review_note"] = c.reason or None
    return facts, orphans
