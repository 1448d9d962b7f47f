"""Numbers, dates and names written the way people write them: $4.0 bn, 6,500, 15 Nov 2025
in English; 4,0 млрд $, 6 500, 15 ноя 2025 in Russian (the interface language, `i18n`)."""
from __future__ import annotations

import csv
import math
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from dyad.i18n import MONTHS, lang, t

COUNTRIES_CSV = Path(__file__).resolve().parent / "data" / "countries.csv"


@cache
def countries() -> dict[str, tuple[str, str, float | None, float | None]]:
    """iso3 -> (English name, Russian name, lon, lat) of every country (data/countries.csv)."""
    with COUNTRIES_CSV.open(encoding="utf-8") as fh:
        return {r["iso3"]: (r["name_en"], r["name_ru"],
                            float(r["lon"]) if r["lon"] else None,
                            float(r["lat"]) if r["lat"] else None)
                for r in csv.DictReader(fh)}


COUNTRIES: dict[str, str] = {iso: row[0] for iso, row in countries().items()}

METRICS: dict[str, str] = {
    "trade_turnover": "Trade turnover",
    "joint_ventures": "Joint ventures",
    "flights_per_week": "Flights per week",
    "documents_signed": "Documents signed",
    "investment_portfolio": "Investment portfolio",
}

KINDS: dict[str, str] = {"actual": "Actual", "forecast": "Expected", "target": "Target"}

# How a qualifier reads in front of a figure: "over $8.0 bn", "about $1.0 bn".
QUALIFIERS: dict[str, str] = {"eq": "", "gte": "over ", "lte": "up to ", "approx": "about "}

_SCALES = ((1e12, "tn", "трлн"), (1e9, "bn", "млрд"), (1e6, "mn", "млн"))
NBSP = "\u00a0"


def _grouped(x: float, decimals: int) -> str:
    """1,234.5 in English; 1 234,5 in Russian (a no-break space groups thousands)."""
    s = f"{x:,.{decimals}f}"
    if lang() == "ru":
        s = s.replace(",", NBSP).replace(".", ",")
    return s


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is pd.NaT


def money(v: Any) -> str:
    """US dollars: $4.0 bn, $301.9 mn, $950,000 (4,0 млрд $ in Russian)."""
    if _missing(v):
        return "–"
    x = float(v)
    sign = "-" if x < 0 else ""
    ru = lang() == "ru"
    for scale, word, word_ru in _SCALES:
        if abs(x) >= scale:
            n = _grouped(abs(x) / scale, 1)
            return f"{sign}{n}{NBSP}{word_ru}{NBSP}$" if ru else f"{sign}${n} {word}"
    n = _grouped(abs(x), 0)
    return f"{sign}{n}{NBSP}$" if ru else f"{sign}${n}"


def count(v: Any) -> str:
    """A count with thousands separators: 6,500; 6.5 stays 6.5."""
    if _missing(v):
        return "–"
    x = float(v)
    return _grouped(x, 0) if x.is_integer() else _grouped(x, 1)


def figure(value: Any, unit: str, qualifier: str = "eq") -> str:
    """A fact's value with its qualifier: 'over $8.0 bn', '6,500', 'about 40'."""
    text = money(value) if unit == "USD" else count(value)
    return t(QUALIFIERS.get(qualifier, "")) + text if text != "–" else text


def day(d: Any, precision: str | None = "day") -> str:
    """A date at the precision it is known: 15 Nov 2025, Nov 2025, 2025."""
    if _missing(d):
        return t("date unknown")
    if isinstance(d, str):
        d = date.fromisoformat(d[:10])
    if isinstance(d, datetime | pd.Timestamp):
        d = d.date()
    month = MONTHS[lang()][d.month - 1]
    if precision == "year":
        return f"{d.year}"
    if precision == "month":
        return f"{month} {d.year}"
    return f"{d.day} {month} {d.year}"


def country(code: str) -> str:
    row = countries().get(code)
    if row is None:
        return code
    return row[1] if lang() == "ru" else row[0]


def pair_name(pair: str) -> str:
    """KAZ-UZB -> Kazakhstan – Uzbekistan."""
    return " – ".join(country(c) for c in pair.split("-"))


def metric(name: str) -> str:
    return t(METRICS.get(name, name.replace("_", " ").capitalize()))


def kind(name: str) -> str:
    return t(KINDS.get(name, name.capitalize()))


def text(v: Any) -> str:
    """A text cell that may be missing (None, NaN, NA) as a plain string."""
    return "" if _missing(v) else str(v)


def fact_title(f: Any, review_below: float) -> str:
    """One line naming a fact, e.g.
    '15 Nov 2025 · Trade turnover (Actual): $4.0 bn · confidence 0.81'."""
    line = (f"{day(f.date, f.date_precision)} · {metric(f.metric)} ({kind(f.kind)}): "
            f"{figure(f.value, f.unit, f.qualifier)} · "
            + t("confidence {c}", c=f"{f.confidence:.2f}"))
    return line + (" · " + t("to review") if f.confidence < review_below else "")


def timestamp(iso: str) -> str:
    """2026-11-21T12:39:57+00:00 -> 21 Nov 2026 12:39 UTC (the input when it is no ISO time)."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    offset = moment.utcoffset()
    zone = " UTC" if offset is not None and not offset else ""
    return f"{day(moment)} {moment:%H:%M}{zone}"


def label(code: str) -> str:
    """A vocabulary code as a label: foreign_affairs -> Foreign affairs."""
    return t(str(code).replace("_", " ").capitalize())


def percent(x: float) -> str:
    s = f"{x:.0%}"
    return s.replace("%", NBSP + "%") if lang() == "ru" else s


def review_mark(status: Any, who: Any, at: Any) -> str:
    """'corrected by aigerim, 5 Jan 2026' for a reviewed fact; '' for an extracted one."""
    status = text(status)
    if status not in ("corrected", "confirmed", "rejected"):
        return ""
    when = timestamp(text(at)) if text(at) else ""
    return t(f"{status} by {{who}}, {{when}}", who=text(who) or "?", when=when).rstrip(", ")


_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:=")


def md_escape(text: str) -> str:
    """Text from an article, made inert for st.markdown / st.caption (no links, no LaTeX)."""
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in str(text))
