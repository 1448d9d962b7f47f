"""Plotly figures drawn from the frames in `tables`; a chart shows its frame and nothing else."""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dyad import fmt

COLOURS = {"Actual": "#1f6f8b", "Expected": "#e0a100", "Target": "#c0392b"}
SYMBOLS = {"Actual": "circle", "Expected": "diamond", "Target": "star"}
ACCENT = "#1f6f8b"


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
        template="plotly_white", height=height, margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": 1.12, "x": 0}, hovermode="closest",
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
    for series in ("Actual", "Expected", "Target"):
        part = df[df["Series"] == series]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=pd.to_datetime(part["Date"]), y=part[value_col], name=series,
            mode="lines+markers" if series == "Actual" and len(part) > 1 else "markers",
            marker={"size": 12, "color": COLOURS[series], "symbol": SYMBOLS[series]},
            line={"color": COLOURS[series]},
            customdata=part[["Figure", "Source"]].to_numpy(),
            hovertemplate="%{customdata[0]}<br>%{x|%d %b %Y}<br>%{customdata[1]}<extra></extra>",
        ))
    if "Target year" in df:
        targets = df[(df["Series"] == "Target") & df["Target year"].notna()]
        for _, row in targets.iterrows():
            fig.add_trace(go.Scatter(
                x=[pd.Timestamp(row["Date"]), pd.Timestamp(int(row["Target year"]), 12, 31)],
                y=[row[value_col]] * 2, mode="lines", showlegend=False, hoverinfo="skip",
                line={"color": COLOURS["Target"], "dash": "dash", "width": 1.5},
            ))
    ends = [pd.Timestamp(int(y), 12, 31) for y in df.get("Target year", pd.Series()).dropna()]
    _pad_dates(fig, pd.Series([*pd.to_datetime(df["Date"]), *ends]))
    return _layout(fig, money=money, height=height, values=df[value_col])


def per_event(df: pd.DataFrame) -> go.Figure:
    """Documents signed at each event, a bar per event date."""
    labels = [f"{d.day} {d.strftime('%b %Y')}" for d in pd.to_datetime(df["Date"])]
    fig = go.Figure(go.Bar(
        x=labels, y=df["Documents signed"], marker_color=ACCENT,
        text=df["Documents signed"], textposition="outside", width=0.5,
        customdata=df[["Article"]].to_numpy(),
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
    fig = go.Figure(go.Bar(
        x=df["Documents"], y=df[label], orientation="h", marker_color=ACCENT,
        text=df["Documents"], textposition="outside", width=0.6,
        hovertemplate="%{y}: %{x}<extra></extra>",
    ))
    fig = _layout(fig, money=False, height=max(160, 36 * len(df) + 70))
    top = int(df["Documents"].max()) if len(df) else 1
    fig.update_xaxes(tickformat=",~r", range=[0, top * 1.15], dtick=1 if top <= 5 else None)
    return fig
