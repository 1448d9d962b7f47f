"""Every chart of the dashboard by name: what it shows, built from a scope alone.

A page draws `build("trade", scope)`; the embedded-chart page draws the same chart from
the URL (`/embed?chart=trade&pair=KAZ-UZB&dates=...`), the brief puts several in one file,
and every export (CSV, PNG, SVG, HTML) is made from the `Chart` this returns, so all of
them hold exactly the same data. `extra` carries what a chart needs beyond the scope (the
Targets chart's target).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go

from dyad import charts, claims, maps, queries, tables, targets, timeline
from dyad.i18n import t
from dyad.memo import per_version
from dyad.queries import Scope


class _Converted(go.Figure):
    """A figure whose `to_dict()` was computed once. `st.plotly_chart` calls `to_dict()` on
    every run (a deep copy of every trace: 0.1-0.4 s for a big chart, measured at 10 M
    facts); a chart shared by every session (dyad/memo.py) converts once."""

    def __init__(self, spec: dict) -> None:
        super().__init__()
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec


@dataclass
class Chart:
    id: str
    title: str
    frame: pd.DataFrame
    figure: go.Figure | None
    scope: Scope
    extra: dict[str, str] = field(default_factory=dict)

    @cached_property
    def drawn(self) -> go.Figure | None:
        """`figure` for `st.plotly_chart`, converted to its dict once (read-only)."""
        return None if self.figure is None else _Converted(self.figure.to_dict())


Builder = Callable[[Scope, Mapping[str, str]], tuple[pd.DataFrame, go.Figure | None]]


def _trade(s: Scope, _: Mapping[str, str]) -> tuple[pd.DataFrame, go.Figure | None]:
    df = tables.trade_series(queries.series(s, ("trade_turnover",)))
    return df, charts.over_time(df, "Value (USD)", money=True) if len(df) else None


def _metric(metric: str) -> Builder:
    def build(s: Scope, _: Mapping[str, str]) -> tuple[pd.DataFrame, go.Figure | None]:
        among = queries.COOPERATION if metric in queries.COOPERATION else (metric,)
        df = tables.metric_series(queries.series_among(s, metric, among), metric)
        if df.empty:
            return df, None
        return df, charts.over_time(df, df.columns[2], money=metric == "investment_portfolio",
                                    height=260)
    return build


def _per_event(s: Scope, _: Mapping[str, str]) -> tuple[pd.DataFrame, go.Figure | None]:
    df = tables.events_table(queries.series(s, ("documents_signed",)))
    return df, charts.per_event(df) if len(df) else None


def _tally(column: str, label: str) -> Builder:
    def build(s: Scope, _: Mapping[str, str]) -> tuple[pd.DataFrame, go.Figure | None]:
        df = tables.tally(queries.signed_tally(s, column), label)
        return df, charts.bars(df, label) if len(df) else None
    return build


def compare_metric(s: Scope) -> str:
    return s.metrics[0] if s.metrics else "trade_turnover"


def _compare(s: Scope, _: Mapping[str, str]) -> tuple[pd.DataFrame, go.Figure | None]:
    metric = compare_metric(s)
    df = tables.pair_series(queries.series_of_pairs(s, s.all_pairs, (metric,)))
    money = metric in ("trade_turnover", "investment_portfolio")
    return df, charts.by_pair(df, money=money) if len(df) else None


def _matrix(value: str) -> Builder:
    def build(s: Scope, _: Mapping[str, str]) -> tuple[pd.DataFrame, go.Figure | None]:
        df = tables.pair_matrix(queries.pair_summary(s))
        return df, charts.heatmap(df, value, money=value == "Latest trade") if len(df) else None
    return build


def _network(s: Scope, _: Mapping[str, str]) -> tuple[pd.DataFrame, go.Figure | None]:
    df = tables.pair_matrix(queries.pair_summary(s))
    return df, maps.network(df) if len(df) else None


def _map(s: Scope, _: Mapping[str, str]) -> tuple[pd.DataFrame, go.Figure | None]:
    df = tables.pair_matrix(queries.pair_summary(s))
    return df, maps.world_map(df) if len(df) else None


def _timeline(s: Scope, _: Mapping[str, str]) -> tuple[pd.DataFrame, go.Figure | None]:
    df = timeline.events(queries.documents_of_pair(s, events=timeline.EVENT_WORDS),
                         queries.facts(s, evidence=False),
                         queries.signed_documents(s))
    return df, charts.timeline(df) if len(df) else None


def _coverage(s: Scope, _: Mapping[str, str]) -> tuple[pd.DataFrame, go.Figure | None]:
    df = timeline.coverage(queries.coverage(s, s.all_pairs))
    return df, charts.coverage(df) if len(df) else None


@per_version()
def target_facts(s: Scope) -> pd.DataFrame:
    """The facts the Targets page reads (every metric of the scope's pairs); shared."""
    return queries.facts_of_pairs(s.__class__(s.pair, s.start, s.end, pairs=s.pairs,
                                              langs=s.langs, outlets=s.outlets,
                                              min_confidence=s.min_confidence),
                                  s.all_pairs)


@per_version()
def _tracker(s: Scope, today: date) -> pd.DataFrame:
    return targets.tracker(target_facts(s), today)


def target_tracker(s: Scope) -> pd.DataFrame:
    """`targets.tracker` of `target_facts(s)` as of today; shared, do not change it."""
    return _tracker(s, date.today())


@per_version()
def target_history(s: Scope, target_id: str) -> pd.DataFrame:
    return targets.history(target_facts(s), target_id)


@per_version()
def event_details(s: Scope, days: tuple[date, ...]) -> dict[date, tuple[pd.DataFrame,
                                                                      pd.DataFrame]]:
    """For each of `days` (the Timeline's events drawn open): its signed documents and its
    facts, as tables (grouped once, not filtered again per event)."""
    facts = queries.facts(s, evidence=False)
    signed = queries.signed_documents(s)
    by_day: dict[date, list[pd.DataFrame]] = {}
    for i, (df, table) in enumerate(((signed, tables.signed_table), (facts, tables.facts_table))):
        day = pd.to_datetime(df["date"]).dt.date
        df = df[day.isin(days)].reset_index(drop=True)
        if df.empty:
            continue
        shown = table(df)
        if i == 1:
            shown = shown.drop(columns=["Value", "Unit", "Block", "Evidence"])
        for d, part in shown.groupby(pd.to_datetime(df["date"]).dt.date.to_numpy(), sort=False):
            by_day.setdefault(d, [signed.iloc[:0], facts.iloc[:0]])[i] = part.reset_index(
                drop=True)
    return {d: (parts[0], parts[1]) for d, parts in by_day.items()}


@per_version()
def claims_of(s: Scope) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The Corroboration page's claims of the newest MAX_ROWS facts, and their conflicts."""
    table = claims.claims(queries.facts(s, evidence=False))
    return table, claims.conflicts(table)


def _target(s: Scope, extra: Mapping[str, str]) -> tuple[pd.DataFrame, go.Figure | None]:
    facts = target_facts(s)
    target_id = extra.get("target") or next(iter(target_tracker(s)["target_id"]), "")
    df = targets.path_frame(facts, target_id)
    money = bool((df["Unit"] == "USD").any())
    return df, charts.target_path(df, money=money) if len(df) else None


def _claims(s: Scope, _: Mapping[str, str]) -> tuple[pd.DataFrame, go.Figure | None]:
    metric = compare_metric(s)
    df = claims.claims(queries.facts(s, (metric,), evidence=False)).drop(
        columns=["claim_id", "group"])
    money = metric in ("trade_turnover", "investment_portfolio")
    return df, charts.claims(df, money=money) if len(df) else None


CHARTS: dict[str, tuple[str, Builder]] = {
    "trade": ("Trade turnover", _trade),
    "joint_ventures": ("Joint ventures", _metric("joint_ventures")),
    "flights_per_week": ("Flights per week", _metric("flights_per_week")),
    "investment_portfolio": ("Investment portfolio", _metric("investment_portfolio")),
    "documents-per-event": ("Documents signed per event", _per_event),
    "documents-by-type": ("Documents by type", _tally("doc_type", "Type")),
    "documents-by-sector": ("Documents by sector", _tally("sector", "Sector")),
    "compare": ("Pairs compared", _compare),
    "matrix-documents": ("Documents signed, every pair", _matrix("Documents signed")),
    "matrix-trade": ("Latest trade turnover, every pair", _matrix("Latest trade")),
    "network": ("Network of documents signed", _network),
    "map": ("Map of the pairs", _map),
    "timeline": ("Events", _timeline),
    "coverage": ("Coverage: articles per month", _coverage),
    "target": ("Target and actual figures", _target),
    "claims": ("Claims by period", _claims),
}


def build(chart_id: str, scope: Scope, extra: Mapping[str, str] | None = None) -> Chart:
    """The chart `chart_id` for a scope; KeyError for an unknown id. Built once per
    database version, language and arguments (dyad/memo.py): do not change what it returns."""
    if chart_id not in CHARTS:
        raise KeyError(chart_id)
    return _build(chart_id, scope, tuple(sorted((extra or {}).items())))


@per_version()
def _build(chart_id: str, scope: Scope, extra: tuple[tuple[str, str], ...]) -> Chart:
    title, builder = CHARTS[chart_id]
    frame, figure = builder(scope, dict(extra))
    return Chart(chart_id, t(title), frame, figure, scope, dict(extra))
