"""Numbers, dates and names written the way people write them: $4.0 bn, 6,500, 15 Nov 2025."""
from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

import pandas as pd

COUNTRIES: dict[str, str] = {
    "KAZ": "Kazakhstan", "UZB": "Uzbekistan", "TJK": "Tajikistan", "KGZ": "Kyrgyzstan",
    "TKM": "Turkmenistan", "RUS": "Russia", "CHN": "China", "BLR": "Belarus",
    "AZE": "Azerbaijan", "TUR": "Turkey", "AFG": "Afghanistan", "IRN": "Iran", "IND": "India",
    "PAK": "Pakistan", "KOR": "South Korea", "JPN": "Japan", "USA": "United States",
    "DEU": "Germany", "FRA": "France", "GBR": "United Kingdom",
}

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

_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "mn"))


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is pd.NaT


def money(v: Any) -> str:
    """US dollars: $4.0 bn, $301.9 mn, $950,000."""
    if _missing(v):
        return "–"
    x = float(v)
    sign = "-" if x < 0 else ""
    for scale, word in _SCALES:
        if abs(x) >= scale:
            return f"{sign}${abs(x) / scale:,.1f} {word}"
    return f"{sign}${abs(x):,.0f}"


def count(v: Any) -> str:
    """A count with thousands separators: 6,500; 6.5 stays 6.5."""
    if _missing(v):
        return "–"
    x = float(v)
    return f"{x:,.0f}" if x.is_integer() else f"{x:,.1f}"


def figure(value: Any, unit: str, qualifier: str = "eq") -> str:
    """A fact's value with its qualifier: 'over $8.0 bn', '6,500', 'about 40'."""
    text = money(value) if unit == "USD" else count(value)
    return QUALIFIERS.get(qualifier, "") + text if text != "–" else text


def day(d: Any, precision: str | None = "day") -> str:
    """A date at the precision it is known: 15 Nov 2025, Nov 2025, 2025."""
    if _missing(d):
        return "date unknown"
    if isinstance(d, str):
        d = date.fromisoformat(d[:10])
    if isinstance(d, datetime | pd.Timestamp):
        d = d.date()
    if precision == "year":
        return f"{d.year}"
    if precision == "month":
        return d.strftime("%b %Y")
    return f"{d.day} {d.strftime('%b %Y')}"


def country(code: str) -> str:
    return COUNTRIES.get(code, code)


def pair_name(pair: str) -> str:
    """KAZ-UZB -> Kazakhstan – Uzbekistan."""
    return " – ".join(country(c) for c in pair.split("-"))


def metric(name: str) -> str:
    return METRICS.get(name, name.replace("_", " ").capitalize())


def kind(name: str) -> str:
    return KINDS.get(name, name.capitalize())


def text(v: Any) -> str:
    """A text cell that may be missing (None, NaN, NA) as a plain string."""
    return "" if _missing(v) else str(v)


def fact_title(f: Any, review_below: float) -> str:
    """One line naming a fact, e.g.
    '15 Nov 2025 · Trade turnover (Actual): $4.0 bn · confidence 0.81'."""
    line = (f"{day(f.date, f.date_precision)} · {metric(f.metric)} ({kind(f.kind)}): "
            f"{figure(f.value, f.unit, f.qualifier)} · confidence {f.confidence:.2f}")
    return line + (" · to review" if f.confidence < review_below else "")


def timestamp(iso: str) -> str:
    """2026-11-21T12:39:57+00:00 -> 21 Nov 2026 12:39 UTC (the input when it is no ISO time)."""
    try:
        t = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    zone = " UTC" if t.utcoffset() is not None and not t.utcoffset() else ""
    return f"{day(t)} {t:%H:%M}{zone}"


def label(code: str) -> str:
    """A vocabulary code as a label: foreign_affairs -> Foreign affairs."""
    return str(code).replace("_", " ").capitalize()


def percent(x: float) -> str:
    return f"{x:.0%}"


_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:=")


def md_escape(text: str) -> str:
    """Text from an article, made inert for st.markdown / st.caption (no links, no LaTeX)."""
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in str(text))
