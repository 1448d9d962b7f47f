"""Charts as files for reports: PNG at print resolution, SVG, and standalone HTML.

PNG and SVG come from kaleido 1.x driving Debian's Chromium. One kaleido server is started
on the first image and then reused by every image of every session (an image takes ~0.2 s
instead of ~3 s for a browser per image); a lock serialises the calls, because the server
answers one request at a time. The standalone HTML carries plotly.js inline, so it opens
offline.
"""
from __future__ import annotations

import threading
import warnings

import kaleido
import plotly.graph_objects as go

WIDTH, HEIGHT = 1100, 600
PNG_SCALE = 3  # 3300 x 1800 px: 300 dpi across an 11-inch report page
_lock = threading.Lock()
_started = False


def _server() -> None:
    """Start the one kaleido server of this process (under `_lock`)."""
    global _started
    if not _started:
        kaleido.start_sync_server(mathjax=False, timeout=60, silence_warnings=True)
        _started = True


def image(fig: go.Figure, fmt: str) -> bytes:
    """The chart as 'png' or 'svg' bytes, laid out for a report page."""
    fig = go.Figure(fig)
    fig.update_layout(height=max(fig.layout.height or HEIGHT, 420))
    opts = {"format": fmt, "width": WIDTH, "height": fig.layout.height,
            "scale": PNG_SCALE if fmt == "png" else 1}
    with _lock:
        _server()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return bytes(kaleido.calc_fig_sync(fig.to_dict(), opts=opts))


def html(fig: go.Figure, title: str) -> bytes:
    """A standalone HTML page: the interactive chart with plotly.js inline."""
    page = fig.to_html(full_html=True, include_plotlyjs=True, config={"displaylogo": False})
    return page.replace("<head>", f"<head><title>{_escape(title)}</title>", 1).encode("utf-8")


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
