"""Exports (CSV with a header, PNG, SVG, standalone HTML), embeds, the brief, the review
writer and the interface languages."""
from __future__ import annotations

import ast
import codecs
import csv
import io
import threading
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest

from dyad import (
    brief,
    catalog,
    embeds,
    exports,
    fmt,
    i18n,
    images,
    queries,
    review,
    targets,
    timeline,
)
from etl import corrections as etl_corrections

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def trade(demo_db) -> catalog.Chart:
    lo, hi = queries.date_bounds()
    return catalog.build("trade", queries.Scope("KAZ-UZB", lo, hi))


def test_csv_header_names_source_and_date(trade):
    data = exports.with_header(trade.frame, ["Dyad: Trade turnover — KAZ-UZB",
                                             "Source: Dyad database, data version abc",
                                             "Exported: 2026-01-01T00:00:00+00:00"])
    assert data.startswith(codecs.BOM_UTF8)
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "# Dyad: Trade turnover — KAZ-UZB"
    back = pd.read_csv(io.StringIO(text), comment="#")
    assert list(back.columns) == list(trade.frame.columns)
    assert len(back) == len(trade.frame)  # exactly the chart's data
    assert sorted(back["Value (USD)"]) == sorted(trade.frame["Value (USD)"])


def test_png_svg_html_of_a_chart(trade):
    png = images.image(trade.figure, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(png[16:20], "big")
    assert width == images.WIDTH * images.PNG_SCALE  # report resolution
    svg = images.image(trade.figure, "svg").decode()
    assert svg.startswith("<svg") and "$10.0 bn" in svg  # the axis in people's numbers
    page = images.html(trade.figure, "Dyad: Trade").decode()
    assert page.startswith("<!doctype html>") and "<title>Dyad: Trade</title>" in page
    assert "Plotly.newPlot" in page and "cdn.plot.ly" not in page.split("Plotly.newPlot")[1]


def test_one_kaleido_server_serves_concurrent_sessions(trade):
    out: list[bytes] = []
    workers = [threading.Thread(target=lambda: out.append(images.image(trade.figure, "svg")))
               for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert len(out) == 3 and all(o.startswith(b"<svg") for o in out)
    assert images._started


def test_pinned_embed_keeps_its_data(trade, tmp_path, monkeypatch):
    monkeypatch.setenv("DYAD_EMBEDS", str(tmp_path))
    sid = embeds.pin(trade, {"chart": "trade", "pair": "KAZ-UZB"},
                     {"data_version": "v1", "built_at": "2026-01-01T00:00:00+00:00"})
    assert embeds.pin(trade, {"chart": "trade", "pair": "KAZ-UZB"},
                      {"data_version": "v1"}) == sid  # the same view, the same snapshot
    snap = embeds.load(sid)
    assert snap is not None and snap["data_version"] == "v1" and snap["chart"] == "trade"
    assert len(snap["frame"]) == len(trade.frame)
    assert len(snap["figure"].data) == len(trade.figure.data)
    assert embeds.load("../../etc/passwd") is None and embeds.load("0" * 16) is None
    link = embeds.url("http://h:1", {"chart": "trade", "dates": ["2021-01-01", "2025-01-01"]})
    assert link == "http://h:1/embed?chart=trade&dates=2021-01-01&dates=2025-01-01&embed=true"


def test_brief_is_one_html_file_with_figures_charts_and_sources(demo_db):
    lo, hi = queries.date_bounds()
    page = brief.render(queries.Scope("KAZ-UZB", lo, hi), date(2026, 1, 1))
    assert page.startswith("<!doctype html>") and "<script" not in page
    assert "Kazakhstan – Uzbekistan (KAZ-UZB)" in page
    assert "$4.0 bn" in page and "$10.0 bn" in page and "behind" in page
    assert page.count("<svg") >= 3
    assert "https://president.uz/ru/lists/view/4809" in page


def test_review_rows_are_what_the_etl_applies(tmp_path):
    path = tmp_path / "corrections.csv"
    at = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
    review.append(path, review.rows("f1", "correct", "aigerim", "typo",
                                    {"value": "6 600", "pair": "uzb-kaz",
                                     "date": date(2025, 11, 15)}, at))
    review.append(path, review.rows("f2", "reject", " ", at=at))
    assert review.COLUMNS == etl_corrections.COLUMNS
    rows = etl_corrections.read(path)
    assert [(r.fact_id, r.action, r.field, r.value) for r in rows] == [
        ("f1", "correct", "value", "6600"), ("f1", "correct", "pair", "KAZ-UZB"),
        ("f1", "correct", "date", "2025-11-15"), ("f2", "reject", "", "")]
    assert rows[0].who == "aigerim" and rows[3].who == "analyst"
    assert rows[0].at == "2026-01-05T10:00:00+00:00"
    assert path.read_text(encoding="utf-8").count("fact_id,action") == 1  # one header
    assert not list(tmp_path.glob(".corrections.csv.*"))  # no temp file left


@pytest.mark.parametrize(("field", "value"), [
    ("value", "lots"), ("value", "-5"), ("kind", "guess"), ("pair", "KAZ"), ("pair", "KAZ-KAZ"),
    ("date", "15.11.2025x"), ("metric", "x"),
])
def test_bad_corrections_are_refused(field, value):
    with pytest.raises(review.BadCorrection):
        review.rows("f1", "correct", "a", changes={field: value})


def test_concurrent_appends_lose_no_row(tmp_path):
    path = tmp_path / "corrections.csv"
    workers = [threading.Thread(target=review.append,
                                args=(path, review.rows(f"f{i}", "confirm", "a")))
               for i in range(8)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert sorted(r["fact_id"] for r in review.read(path)) == [f"f{i}" for i in range(8)]


# --- interface languages -------------------------------------------------------------

def _literals() -> set[str]:
    """Every string literal passed to t() in app.py, pages/ and dyad/."""
    found: set[str] = set()
    files = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "dyad").glob("*.py")]
    for f in files:
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                found.add(node.args[0].value)
    return found


def test_every_interface_string_has_its_russian():
    literals = _literals()
    assert len(literals) > 100
    missing = sorted(s for s in literals if s not in i18n.RU)
    assert not missing, missing


def test_names_translated_at_run_time_have_their_russian(demo_db):
    """Chart titles, card labels, statuses, event kinds and the columns of every chart."""
    lo, hi = queries.date_bounds()
    scope = queries.Scope("KAZ-UZB", lo, hi)
    names = {title for title, _ in catalog.CHARTS.values()}
    names |= {label for label, _, _ in brief.CARDS} | set(targets.STATUSES)
    names |= {kind for kind, _ in timeline.EVENT_WORDS} | {"report"}
    for cid in catalog.CHARTS:
        names |= {str(c) for c in catalog.build(cid, scope).frame.columns}
    missing = sorted(n for n in names if n not in i18n.RU)
    assert not missing, missing


def test_russian_numbers_and_dates():
    i18n.set_lang("ru")
    try:
        assert fmt.money(4e9) == "4,0\u00a0млрд\u00a0$"
        assert fmt.count(6500) == "6\u00a0500"
        assert fmt.figure(8e9, "USD", "gte") == "более 8,0\u00a0млрд\u00a0$"
        assert fmt.day(date(2025, 11, 15)) == "15 ноя 2025"
        assert fmt.pair_name("KAZ-UZB") == "Казахстан – Узбекистан"
        assert fmt.metric("trade_turnover") == "Товарооборот"
    finally:
        i18n.set_lang("en")
    assert fmt.money(4e9) == "$4.0 bn"


def test_csv_rows_parse(trade):
    rows = list(csv.reader(io.StringIO(exports.to_csv(trade.frame).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Date", "Series", "Value (USD)"]
