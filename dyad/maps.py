"""The pairs drawn between countries: a network (edges weighted by documents signed) and a
map (the same edges over the countries' outlines).

The map is drawn from `data/world.json` (Natural Earth 1:110m outlines, see
data/make_world.py) as plain filled polygons on longitude/latitude axes: no tiles and no
TopoJSON fetched from a CDN, so it renders offline, in the browser, in kaleido's PNG/SVG
and in the standalone HTML alike.
"""
from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dyad import fmt
from dyad.charts import ACCENT, FONT

WORLD = Path(__file__).resolve().parent / "data" / "world.json"
LAND, INVOLVED, BORDER = "#eef1f4", "#cfe3ea", "#b8c2cc"


@cache
def outlines() -> dict[str, list[list[list[float]]]]:
    return json.loads(WORLD.read_text(encoding="utf-8"))


def centroid(code: str) -> tuple[float, float] | None:
    row = fmt.countries().get(code)
    if row is None or row[2] is None or row[3] is None:
        return None
    return row[2], row[3]


def _width(n: float, top: float) -> float:
    return 1.5 + 8.5 * (n / top) if top else 1.5


def _edges(fig: go.Figure, edges: list[tuple[tuple[float, float], tuple[float, float], float,
                                          str]], top: float, zero: str = "#c4ccd4",
           **style: object) -> None:
    """Edges (a, b, documents, hover) as one trace per line width and colour (`zero`: an
    edge with no document signed): plotly
    validates every trace it is given (190 pairs as 190 traces: ~0.5 s a chart, measured),
    so edges of a width share a trace, cut by gaps; widths are rounded to half a pixel."""
    groups: dict[tuple[float, str], tuple[list[float | None], list[float | None]]] = {}
    for a, b, n, _ in edges:
        width = round(2 * _width(n, top)) / 2
        xs, ys = groups.setdefault((width, ACCENT if n else zero), ([], []))
        xs += [a[0], b[0], None]
        ys += [a[1], b[1], None]
    for (width, colour), (xs, ys) in sorted(groups.items()):
        fig.add_trace(dict(type="scatter", x=np.array(xs, dtype=float),
                           y=np.array(ys, dtype=float), mode="lines",
                           line={"width": width, "color": colour}, hoverinfo="skip",
                           showlegend=False, **style))


def network(df: pd.DataFrame) -> go.Figure:
    """Countries on a circle, an edge per pair as wide as its documents signed."""
    codes = sorted(set(df["Country A"]) | set(df["Country B"]))
    pos = {c: (math.cos(2 * math.pi * i / max(len(codes), 1)),
               math.sin(2 * math.pi * i / max(len(codes), 1))) for i, c in enumerate(codes)}
    top = float(df["Documents signed"].max() or 0) if len(df) else 0.0
    fig = go.Figure()
    edges = [(pos[a], pos[b], float(n or 0), f"{pair}: {fmt.count(float(n or 0))}")
             for a, b, n, pair in zip(df["Country A"], df["Country B"], df["Documents signed"],
                                      df["Pair"], strict=True)]
    _edges(fig, edges, top)
    # the midpoints: each edge's count as text, and its hover
    fig.add_trace(dict(
        type="scatter", x=[(a[0] + b[0]) / 2 for a, b, _, _ in edges],
        y=[(a[1] + b[1]) / 2 for a, b, _, _ in edges],
        mode="text", text=[fmt.count(n) if n else "" for _, _, n, _ in edges],
        textposition="top center", customdata=[h for _, _, _, h in edges],
        hovertemplate="%{customdata}<extra></extra>", showlegend=False))
    fig.add_trace(dict(
        type="scatter", x=[pos[c][0] for c in codes], y=[pos[c][1] for c in codes],
        mode="markers+text",
        text=[fmt.country(c) for c in codes], textposition="top center",
        marker={"size": 18, "color": "#ffffff", "line": {"width": 2, "color": ACCENT}},
        hovertemplate="%{text}<extra></extra>", showlegend=False))
    fig.update_xaxes(visible=False, range=[-1.5, 1.5])
    fig.update_yaxes(visible=False, range=[-1.35, 1.35], scaleanchor="x")
    fig.update_layout(height=420, font=FONT,
                      margin={"l": 10, "r": 10, "t": 20, "b": 10})
    return fig


def _rings(codes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The countries' outlines, one ring after another cut by NaN (a gap, as None is):
    float arrays, which plotly validates at once, not point by point (~0.3 s a map)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for code in codes:
        for ring in outlines().get(code, []):
            xs += [p[0] for p in ring] + [None]
            ys += [p[1] for p in ring] + [None]
    return np.array(xs, dtype=float), np.array(ys, dtype=float)


def world_map(df: pd.DataFrame) -> go.Figure:
    """The pairs over the map: countries of a pair shaded, a line per pair as wide as its
    documents signed, centred on the countries involved."""
    involved = sorted(set(df["Country A"]) | set(df["Country B"]))
    points = [p for p in (centroid(c) for c in involved) if p]
    if points:
        lon_lo, lon_hi = min(p[0] for p in points) - 25, max(p[0] for p in points) + 25
        lat_lo, lat_hi = min(p[1] for p in points) - 15, max(p[1] for p in points) + 15
    else:
        lon_lo, lon_hi, lat_lo, lat_hi = -180, 180, -60, 85
    fig = go.Figure()
    for codes, colour in (([c for c in outlines() if c not in involved], LAND),
                          (involved, INVOLVED)):
        xs, ys = _rings(codes)
        fig.add_trace(dict(type="scatter", x=xs, y=ys, fill="toself", fillcolor=colour,
                           mode="lines", line={"width": 0.6, "color": BORDER}, hoverinfo="skip",
                           showlegend=False))
    top = float(df["Documents signed"].max() or 0) if len(df) else 0.0
    edges = []
    for a_code, b_code, n, pair, latest in zip(df["Country A"], df["Country B"],
                                               df["Documents signed"], df["Pair"],
                                               df["Latest trade"], strict=True):
        a, b = centroid(a_code), centroid(b_code)
        if a and b:
            n = float(n or 0)
            trade = fmt.money(latest) if pd.notna(latest) else "–"
            edges.append((a, b, n, f"{pair}: {fmt.count(n)} · {trade}"))
    _edges(fig, edges, top, zero=ACCENT, opacity=0.8)
    fig.add_trace(dict(  # the hover of each pair, at its line's middle
        type="scatter", x=[(a[0] + b[0]) / 2 for a, b, _, _ in edges],
        y=[(a[1] + b[1]) / 2 for a, b, _, _ in edges],
        mode="markers", marker={"size": 8, "color": ACCENT, "opacity": 0},
        customdata=[h for _, _, _, h in edges], hovertemplate="%{customdata}<extra></extra>",
        showlegend=False))
    fig.add_trace(dict(
        type="scatter", x=[p[0] for p in points], y=[p[1] for p in points], mode="markers+text",
        text=[fmt.country(c) for c in involved if centroid(c)], textposition="top center",
        marker={"size": 9, "color": ACCENT}, hoverinfo="text", showlegend=False))
    fig.update_xaxes(visible=False, range=[lon_lo, lon_hi])
    fig.update_yaxes(visible=False, range=[lat_lo, lat_hi], scaleanchor="x",
                     scaleratio=1 / max(math.cos(math.radians((lat_lo + lat_hi) / 2)), 0.3))
    fig.update_layout(height=460, font=FONT, plot_bgcolor="#f7fbfd",
                      margin={"l": 0, "r": 0, "t": 10, "b": 0})
    return fig
