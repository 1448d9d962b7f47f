"""Timeline of a pair: each event (visit, talks, signing) with its documents and facts; and
coverage, articles per month, language and source, so that a spike from one new source
shows as one colour.

Reads `queries.documents_of_pair`, `queries.facts`, `queries.signed_documents` and
`queries.coverage`; writes the Timeline page's frames. An event is the articles of one
date; what kind of event it was is read from the articles' titles and first lines with the
word table below (stems, five languages), the first match per kind.
"""
from __future__ import annotations

import re

import pandas as pd

from dyad import fmt
from dyad.i18n import t

EVENT_WORDS: list[tuple[str, str]] = [
    ("signing", r"подписа|signed|signing|подпис|imzola|imzoladi|қол қой|кол кой"),
    ("visit", r"визит|visit|прибыл|посети|tashrif|сапар|келді"),
    ("talks", r"переговор|talks|встреч|meeting|саммит|summit|muzokara|келіссөз|сүйлөшүү"),
]
_EVENT_RX = [(kind, re.compile(words, re.IGNORECASE)) for kind, words in EVENT_WORDS]


def event_kinds(text: str) -> list[str]:
    """The kinds of event an article reports, e.g. ['signing', 'talks']; ['report'] if none."""
    found = [kind for kind, rx in _EVENT_RX if rx.search(text or "")]
    return found or ["report"]


def _doc_kinds(doc: dict) -> list[str]:
    """An article's event kinds from its title and the head of its text: the `event_<kind>`
    flags `queries.documents_of_pair(..., events=EVENT_WORDS)` read in the database, else
    its `head` column."""
    if "head" in doc:
        return event_kinds(f"{fmt.text(doc['title'])}\n{fmt.text(doc['head'])[:1500]}")
    found = [kind for kind, rx in _EVENT_RX
             if doc.get(f"event_{kind}") or rx.search(fmt.text(doc["title"]))]
    return found or ["report"]


def events(docs: pd.DataFrame, facts: pd.DataFrame, signed: pd.DataFrame) -> pd.DataFrame:
    """One row per dated event of the pair: kinds, articles, documents signed, facts."""
    columns = ["Date", "Event", "Articles", "Documents signed", "Facts", "Titles", "Sources"]
    dated = docs[docs["date"].notna()].copy()
    if dated.empty:
        return pd.DataFrame(columns=columns)
    dated["day"] = pd.to_datetime(dated["date"]).dt.date
    # facts and signed documents per day, counted once (not filtered again per event)
    n_facts = pd.to_datetime(facts["date"]).dt.date.value_counts().to_dict()
    n_signed = signed.assign(day=pd.to_datetime(signed["date"]).dt.date).groupby("day")[
        "seq"].count().to_dict()
    by_day: dict = {}
    for doc in dated.to_dict("records"):
        by_day.setdefault(doc["day"], []).append(doc)
    rows = []
    for day in sorted(by_day):
        part = by_day[day]
        kinds: list[str] = []
        for doc in part:
            for k in _doc_kinds(doc):
                if k not in kinds:
                    kinds.append(k)
        if len(kinds) > 1 and "report" in kinds:
            kinds.remove("report")
        rows.append({
            "Date": day,
            "Event": ", ".join(t(k) for k in kinds),
            "Articles": len(part),
            "Documents signed": int(n_signed.get(day, 0)),
            "Facts": int(n_facts.get(day, 0)),
            "Titles": " | ".join(fmt.text(d["title"]) or d["source"] for d in part),
            "Sources": "; ".join(sorted({d["outlet"] for d in part})),
        })
    return pd.DataFrame(rows, columns=columns)


def coverage(df: pd.DataFrame) -> pd.DataFrame:
    """Articles per month, pair, language and source; a source's first month is flagged."""
    columns = ["Month", "Pair", "Language", "Source", "Articles", "New source"]
    if df.empty:
        return pd.DataFrame(columns=columns)
    out = pd.DataFrame({
        "Month": pd.to_datetime(df["month"]).dt.strftime("%Y-%m"),
        "Pair": df["pair"], "Language": df["lang"], "Source": df["outlet"],
        "Articles": df["articles"].astype("int64"),
    })
    first = out.groupby("Source")["Month"].transform("min")
    out["New source"] = out["Month"] == first
    return out.reset_index(drop=True)
