"""The records that flow between the ETL's steps.

`Fact.to_json` is the contract's fact format (../shared/CONTRACT.md): the
extract command prints it and the store loads the same dict, so the command
line and the database can never disagree.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

METRIC_UNITS: dict[str, str] = {
    "trade_turnover": "USD",
    "joint_ventures": "count",
    "flights_per_week": "count",
    "documents_signed": "count",
    "investment_portfolio": "USD",
}
KINDS = ("actual", "forecast", "target")
QUALIFIERS = ("eq", "gte", "lte", "approx")


def make_pair(a: str, b: str) -> str:
    """The contract's pair key: two ISO3 codes, sorted, joined by '-'."""
    x, y = sorted((a, b))
    return f"{x}-{y}"


@dataclass(frozen=True, slots=True)  # slots: a 100,000-row manifest holds as many
class DocMeta:
    """What a manifest row says about a file; it wins over what the text suggests."""

    url: str | None = None
    published: date | None = None
    title: str | None = None
    lang: str | None = None


@dataclass
class Fact:
    source: str
    doc_id: str
    pair: str
    metric: str
    kind: str
    value: float
    unit: str
    qualifier: str
    date: str | None
    date_precision: str | None
    period: str | None
    target_year: int | None
    evidence: str
    start: int
    end: int
    confidence: float
    block: str = "article"  # not in the contract: which part of the page it came from

    def to_json(self) -> dict:
        """The contract's keys, in the contract's order."""
        d = {k: getattr(self, k) for k in (
            "source", "doc_id", "pair", "metric", "kind", "value", "unit", "qualifier",
            "date", "date_precision", "period", "target_year", "evidence", "start", "end",
            "confidence")}
        v = self.value
        d["value"] = int(v) if float(v).is_integer() else v
        return d


@dataclass
class SignedDocument:
    """One document signed at an event: from a stated list or an enumeration."""

    doc_id: str
    pair: str
    seq: int
    title: str
    doc_type: str
    sector: str
    start: int
    end: int
    date: str | None = None


@dataclass
class Extraction:
    """Everything the ETL learns from one file."""

    source: str
    doc_id: str
    text: str
    lang: str | None
    title: str | None
    url: str | None
    published: str | None
    date: str | None
    date_precision: str | None
    pair: str | None
    facts: list[Fact] = field(default_factory=list)
    signed: list[SignedDocument] = field(default_factory=list)
