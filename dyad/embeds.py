"""Embed links: a chart alone at a URL, live or pinned to the data version it was made from.

A live link is the embedded-chart page with the view's state in the URL
(`/embed?chart=trade&pair=KAZ-UZB&dates=...&embed=true`): it redraws from the current
database. A pinned link names a snapshot (`/embed?snapshot=3f9c...&embed=true`): the chart's
figure and data as they were, saved with the data version and build time under
`data/embeds/` (env `DYAD_EMBEDS`), so a rebuild never changes what an embedded report shows.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from datetime import UTC, datetime
from io import StringIO
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dyad import paths
from dyad.catalog import Chart

_ID = re.compile(r"[0-9a-f]{16}")


def url(base: str, params: dict[str, Any]) -> str:
    """`base`/embed?...&embed=true; lists become repeated parameters."""
    return f"{base.rstrip('/')}/embed?" + urlencode({**params, "embed": "true"}, doseq=True)


def pin(chart: Chart, params: dict[str, Any], info: dict[str, str]) -> str:
    """Save the chart as it is now; its snapshot id (the same view and data, the same id)."""
    assert chart.figure is not None
    key = json.dumps([info.get("data_version", ""), chart.id, params, chart.extra],
                     sort_keys=True, default=str)
    sid = hashlib.sha1(key.encode()).hexdigest()[:16]
    target = paths.embeds_dir() / f"{sid}.json"
    if target.exists():
        return sid
    snapshot = {
        "id": sid, "chart": chart.id, "title": chart.title, "params": params,
        "data_version": info.get("data_version", ""), "built_at": info.get("built_at", ""),
        "pinned_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "figure": json.loads(pio.to_json(chart.figure)),
        "frame": chart.frame.to_json(orient="split", date_format="iso", force_ascii=False),
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".pin-", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(snapshot, fh, ensure_ascii=False)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return sid


def load(sid: str) -> dict[str, Any] | None:
    """A pinned snapshot: its metadata, `figure` (go.Figure) and `frame` (DataFrame)."""
    if not _ID.fullmatch(sid or ""):
        return None
    path = paths.embeds_dir() / f"{sid}.json"
    if not path.exists():
        return None
    snap = json.loads(path.read_text(encoding="utf-8"))
    snap["figure"] = go.Figure(snap["figure"])
    snap["frame"] = pd.read_json(StringIO(snap["frame"]), orient="split")
    return snap
