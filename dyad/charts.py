"""Plotly figures drawn from the frames in `tables`; a chart shows its frame and nothing else."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dyad import fmt
from dyad.i18n import t

COLOURS = {"actual": "#1f6f8b", "forecast": "#e0a100", "target": "#c0392b"}
SYMBOLS = {"actual": "circle", "forecast": "diamond", "target": "star"}
ACCENT = "#1f6f8b"
# one palette for every chart that colours by pair or source (colour-blind safe, Okabe-Ito)
PALETTE = ["#1f6f8b", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#0072b2",
           "#f0e442", "#7f7f7f", "#000000"]
# Every figure's template: a new figure takes the default one as it is (already validated),
# while `update_layout(template=...)` validates a deep copy of it, ~80 ms a figure.
pio.templates.default = "plotly_white"
FONT = {"family": "Inter, Segoe UI, Helvetica, Arial, sans-serif", "size": 13,
        "color": "#1d2733"}


def _a(values: object) -> np.ndarray:
    """A column as a numpy array: plotly validates a pandas Series through narwhals, ~5x
    slower than the array (measured: 0.22 s against 0.045 s for the trade chart). Traces
    are given to the figure as dicts: a `go.Scatter` is validated when made and again
    when added."""
    return values.to_numpy() if isinstance(values, pd.Series | pd.Index) else np.asarray(values)


def _days(values: pd.Series) -> np.ndarray:
    return pd.to_datetime(values).to_numpy()


def _custom(*columns: object) -> np.ndarray:
    """Hover data: one row per point, a column per value (`customdata[i]` in a template)."""
    return np.column_stack([np.asarray(_a(c), dtype=object) for c in columns])


def _pad_dates(fig: go.Figure, dates: pd.Series) -> go.Figure:
    """A date axis wide enough to read when there are one or two points."""
    if dates.empty:
        return fig
    lo, hi = dates.min(), dates.max()
    pad = max(pd.Timedelta(days=60), (hi - lo) * 0.06)
    fig.update_xaxes(range=[lo - pad, hi + pad], type="date")
    return fig


def money_ticks(top: float) -> list[float]:
    """0 up to past `top` in 4-6 round steps (1, 2, 2.5 or 5 times a power of ten)."""
    if not top or top <= 0:
        return [0.0]
    raw = top / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return [i * step for i in range(int(top // step) + 2)]


def _layout(fig: go.Figure, *, money: bool, height: int = 340,
            values: pd.Series | None = None) -> go.Figure:
    fig.update_layout(
        height=height, margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": 1.12, "x": 0}, hovermode="closest", font=FONT,
        separators=", " if fmt.lang() == "ru" else ".,",
    )
    if money and values is not None and not values.empty:
        ticks = money_ticks(float(values.max()))
        fig.update_yaxes(tickvals=ticks, ticktext=[fmt.money(t) if t else "$0" for t in ticks],
                         range=[0, ticks[-1]])
    else:
        fig.update_yaxes(tickformat=",~r", rangemode="tozero")
    return fig


def over_time(df: pd.DataFrame, value_col: str, *, money: bool, height: int = 340) -> go.Figure:
    """One trace per series (Actual / Expected / Target), the figure as people write it
    on hover; a target with a year is drawn as a dashed line out to that year."""
    fig = go.Figure()
    reviewed = df["Reviewed"] if "Reviewed" in df else pd.Series("", index=df.index)
    for kind in ("actual", "forecast", "target"):
        series = fmt.kind(kind)
        part = df[df["Series"] == series]
        if part.empty:
            continue
        marks = reviewed[part.index].fillna("")
        fig.add_trace(dict(
            type="scatter", x=_days(part["Date"]), y=_a(part[value_col]), name=series,
            mode="lines+markers" if kind == "actual" and len(part) > 1 else "markers",
            marker={"size": 12, "color": COLOURS[kind], "symbol": SYMBOLS[kind],
                    "line": {"width": np.where(_a(marks).astype(bool), 2.5, 0.0),
                             "color": "#111"}},
            line={"color": COLOURS[kind]},
            customdata=_custom(part["Figure"], part["Source"], marks),
            hovertemplate=("%{customdata[0]}<br>%{x|%d %b %Y}<br>%{customdata[1]}"
                           "<br>%{customdata[2]}<extra></extra>"),
        ))
    if "Target year" in df:
        targets = df[(df["Series"] == fmt.kind("target")) & df["Target year"].notna()]
        if len(targets):  # one trace of every dashed line, cut by None (a trace each: slow)
            xs: list[pd.Timestamp | None] = []
            ys: list[float | None] = []
            for day, year, value in zip(targets["Date"], targets["Target year"],
                                        targets[value_col], strict=True):
                xs += [pd.Timestamp(day), pd.Timestamp(int(year), 12, 31), None]
                ys += [value, value, None]
            fig.add_trace(dict(
                type="scatter", x=xs, y=ys, mode="lines", showlegend=False, hoverinfo="skip",
                line={"color": COLOURS["target"], "dash": "dash", "width": 1.5},
            ))
    ends = [pd.Timestamp(int(y), 12, 31) for y in df.get("Target year", pd.Series()).dropna()]
    _pad_dates(fig, pd.Series([*pd.to_datetime(df["Date"]), *ends]))
    return _layout(fig, money=money, height=height, values=df[value_col])


def per_event(df: pd.DataFrame) -> go.Figure:
    """Documents signed at each event, a bar per event date."""
    labels = [fmt.day(d) for d in pd.to_datetime(df["Date"])]
    fig = go.Figure(dict(
        type="bar", x=labels, y=_a(df["Documents signed"]), marker_color=ACCENT,
        text=_a(df["Documents signed"]), textposition="outside", width=0.5,
        customdata=_custom(df["Article"]),
        hovertemplate="%{y} documents<br>%{x}<br>%{customdata[0]}<extra></extra>",
    ))
    fig.update_xaxes(type="category")
    fig = _layout(fig, money=False)
    top = max(1, int(df["Documents signed"].max()))
    fig.update_yaxes(range=[0, top * 1.15], dtick=1 if top <= 5 else None)
    return fig


def bars(df: pd.DataFrame, label: str) -> go.Figure:
    """A horizontal bar per category (document type or sector), largest on top."""
    df = df.iloc[::-1]
    fig = go.Figure(dict(
        type="bar", x=_a(df["Documents"]), y=_a(df[label]), orientation="h", marker_color=ACCENT,
        text=_a(df["Documents"]), textposition="outside", width=0.6,
        hovertemplate="%{y}: %{x}<extra></extra>",
    ))
    fig = _layout(fig, money=False, height=max(160, 36 * len(df) + 70))
    top = int(df["Documents"].max()) if len(df) else 1
    fig.update_xaxes(tickformat=",~r", range=[0, top * 1.15], dtick=1 if top <= 5 else None)
    return fig


def by_pair(df: pd.DataFrame, *, money: bool) -> go.Figure:
    """Several pairs on one chart: a colour per pair, a symbol per kind."""
    fig = go.Figure()
    for i, (pair, part) in enumerate(df.groupby("Pair", sort=False)):
        for kind in ("actual", "forecast", "target"):
            sub = part[part["Series"] == fmt.kind(kind)]
            if sub.empty:
                continue
            fig.add_trace(dict(
                type="scatter", x=_days(sub["Date"]), y=_a(sub["Value"]),
                name=f"{pair} · {fmt.kind(kind)}", legendgroup=pair,
                mode="lines+markers" if kind == "actual" and len(sub) > 1 else "markers",
                marker={"size": 11, "color": PALETTE[i % len(PALETTE)], "symbol": SYMBOLS[kind]},
                line={"color": PALETTE[i % len(PALETTE)]},
                customdata=_custom(sub["Figure"], sub["Source"]),
                hovertemplate=(f"{pair}<br>%{{customdata[0]}}<br>%{{x|%d %b %Y}}"
                               "<br>%{customdata[1]}<extra></extra>"),
            ))
    _pad_dates(fig, pd.to_datetime(df["Date"]))
    return _layout(fig, money=money, height=380, values=df["Value"])


def heatmap(df: pd.DataFrame, value: str, *, money: bool) -> go.Figure:
    """A matrix of every pair: a country per row and per column, the pair's figure in the
    cell (both halves filled, so each country's row reads across)."""
    codes = sorted(set(df["Country A"]) | set(df["Country B"]))
    names = [fmt.country(c) for c in codes]
    z: list[list[float | None]] = [[None] * len(codes) for _ in codes]
    text = [[""] * len(codes) for _ in codes]
    at = {c: i for i, c in enumerate(codes)}
    for country_a, country_b, v in zip(df["Country A"], df["Country B"], df[value],
                                       strict=True):  # not iterrows: 190 pairs a chart
        if pd.isna(v):
            continue
        a, b = at[country_a], at[country_b]
        label = fmt.money(v) if money else fmt.count(v)
        for i, j in ((a, b), (b, a)):
            z[i][j], text[i][j] = float(v), label
    fig = go.Figure(dict(
        type="heatmap", z=z, x=names, y=names, text=text, texttemplate="%{text}", hoverongaps=False,
        colorscale=[[0, "#e8f1f4"], [1, ACCENT]], showscale=False,
        hovertemplate="%{y} – %{x}: %{text}<extra></extra>",
    ))
    fig = _layout(fig, money=False, height=max(300, 48 * len(codes) + 120))
    fig.update_yaxes(autorange="reversed", rangemode=None, tickformat=None)
    return fig


def timeline(df: pd.DataFrame) -> go.Figure:
    """Events on a date axis, a row per kind of event; bigger for more documents and facts."""
    fig = go.Figure(dict(
        type="scatter", x=_days(df["Date"]), y=_a(df["Event"]), mode="markers",
        marker={"size": 14 + 2 * np.minimum(_a(df["Documents signed"]).astype(int)
                                            + _a(df["Facts"]).astype(int), 20),
                "color": ACCENT, "opacity": 0.85},
        customdata=_custom(df["Titles"], df["Documents signed"], df["Facts"]),
        hovertemplate=("%{x|%d %b %Y}: %{y}<br>%{customdata[0]}<br>"
                       "documents %{customdata[1]} · facts %{customdata[2]}<extra></extra>"),
    ))
    _pad_dates(fig, pd.to_datetime(df["Date"]))
    fig = _layout(fig, money=False, height=260)
    fig.update_yaxes(type="category", rangemode=None, tickformat=None)
    return fig


def coverage(df: pd.DataFrame) -> go.Figure:
    """Articles per month stacked by source (colour) and language (pattern)."""
    fig = go.Figure()
    shapes = ["", "/", ".", "x", "-", "+"]
    langs = sorted(set(df["Language"]))
    traces = []  # added at once: a trace a (source, language) is tens of traces
    for i, (source, part) in enumerate(df.groupby("Source", sort=False)):
        for lang, sub in part.groupby("Language"):
            traces.append(dict(
                type="bar", x=_a(sub["Month"]), y=_a(sub["Articles"]), name=f"{source} · {lang}",
                marker={"color": PALETTE[i % len(PALETTE)],
                        "pattern": {"shape": shapes[langs.index(lang) % len(shapes)]}},
                hovertemplate=f"{source} · {lang}<br>%{{x}}: %{{y}}<extra></extra>",
            ))
    fig.add_traces(traces)
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="category", categoryorder="category ascending")
    fig = _layout(fig, money=False, height=320)
    fig.update_yaxes(dtick=1 if df["Articles"].sum() <= 10 else None)
    return fig


def target_path(df: pd.DataFrame, *, money: bool) -> go.Figure:
    """One target: the actual figures, each statement of the target, and a dashed line at
    the target out to its deadline."""
    fig = go.Figure()
    for kind in ("actual", "target"):
        part = df[df["Series"] == fmt.kind(kind)]
        if part.empty:
            continue
        fig.add_trace(dict(
            type="scatter", x=_days(part["Date"]), y=_a(part["Value"]), name=fmt.kind(kind),
            mode="lines+markers" if kind == "actual" and len(part) > 1 else "markers",
            marker={"size": 12, "color": COLOURS[kind], "symbol": SYMBOLS[kind]},
            customdata=_custom(part["Source"]),
            hovertemplate="%{y:,.4s}<br>%{x|%d %b %Y}<br>%{customdata[0]}<extra></extra>",
        ))
    targets = df[df["Series"] == fmt.kind("target")]
    ends = []
    if len(targets) and pd.notna(targets["Deadline"].iloc[0]):
        end = pd.Timestamp(int(targets["Deadline"].iloc[0]), 12, 31)
        ends.append(end)
        fig.add_trace(dict(
            type="scatter", x=[pd.Timestamp(targets["Date"].min()), end],
            y=[targets["Value"].iloc[0]] * 2, mode="lines", showlegend=False, hoverinfo="skip",
            line={"color": COLOURS["target"], "dash": "dash", "width": 1.5}))
    _pad_dates(fig, pd.Series([*pd.to_datetime(df["Date"]), *ends]))
    return _layout(fig, money=money, height=320, values=df["Value"])


def claims(df: pd.DataFrame, *, money: bool) -> go.Figure:
    """Each claim as a dot at its period; two dots in one column are a conflict (red)."""
    fig = go.Figure()
    for conflict, colour in ((False, ACCENT), (True, COLOURS["target"])):
        part = df[df["Conflict"] == conflict]
        if part.empty:
            continue
        fig.add_trace(dict(
            type="scatter", x=_a(part["Period"]), y=_a(part["Value"]), mode="markers",
            name=t("conflict") if conflict else t("agreed"),
            marker={"size": 10 + 4 * np.minimum(_a(part["Articles"]).astype(int), 6),
                    "color": colour},
            customdata=_custom(part["Figure"], part["Sources"], part["Kind"]),
            hovertemplate=("%{customdata[2]} %{x}: %{customdata[0]}<br>%{customdata[1]}"
                           "<extra></extra>"),
        ))
    fig.update_xaxes(type="category", categoryorder="category ascending")
    return _layout(fig, money=money, height=320, values=df["Value"])
