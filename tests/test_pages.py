"""Every page run with Streamlit's AppTest on the real demo database."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = ["pages/overview.py", "pages/trade.py", "pages/agreements.py",
         "pages/cooperation.py", "pages/timeline.py", "pages/targets.py",
         "pages/corroboration.py", "pages/compare.py", "pages/sources.py", "pages/review.py"]
ALL_PAGES = [*PAGES, "pages/upload.py", "pages/embed.py"]


def run(page: str = "pages/overview.py", timeout: int = 30, **query: str) -> AppTest:
    """The app as a user reaches `page`: app.py first, then a switch; no exception allowed."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.query_params.update(query)
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def frames(at: AppTest) -> list:
    return [d.value for d in at.dataframe]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_tables_and_downloads(demo_db, page):
    at = run(page)
    assert at.title[0].value
    assert at.selectbox(key="pair").value == "KAZ-UZB"
    assert at.dataframe, "every page shows at least one table"
    labels = [b.label for b in at.download_button]
    assert len(labels) >= len(at.dataframe), "every table has its CSV download"


def test_overview_shows_latest_figures(demo_db):
    m = metrics(run())
    assert m["Trade turnover"] == "$4.0 bn"
    assert m["Joint ventures"] == "6,500"
    assert m["Flights per week"] == "over 40"
    assert m["Investment portfolio"] == "over $8.0 bn"
    at = run()
    captions = " ".join(c.value for c in at.caption)
    assert "15 Nov 2025" in captions  # the card's date
    assert at.get("progress"), "trade against the announced target"


def test_switching_the_pair_changes_the_cards(demo_db):
    at = run()
    before = metrics(at)
    at.selectbox(key="pair").set_value("KAZ-TJK").run()
    assert not at.exception
    after = metrics(at)
    assert after != before
    assert after["Trade turnover"] == "–"


def test_the_pair_comes_from_the_url_and_survives_page_changes(demo_db):
    at = run(pair="KAZ-TJK")
    assert at.selectbox(key="pair").value == "KAZ-TJK"
    at.switch_page("pages/agreements.py").run()
    assert at.selectbox(key="pair").value == "KAZ-TJK"
    assert "KAZ-TJK" in at.caption[0].value


def test_choosing_the_best_covered_pair_again_switches_back(demo_db):
    """The first pair is no longer the widget's default (which a bound widget leaves out
    of the URL): picking it after another is a change like any other."""
    at = run()
    at.selectbox(key="pair").set_value("KAZ-TJK").run()
    at.selectbox(key="pair").set_value("KAZ-UZB").run()
    assert "KAZ-UZB" in at.caption[0].value
    assert metrics(at)["Trade turnover"] == "$4.0 bn"


def test_a_pair_widget_that_lost_its_state_keeps_the_pair_shown(demo_db):
    """What `make load` saw under saturation: a page change racing a pending rerun left
    the pair widget without its value; the session goes on with the pair it showed."""
    at = run(pair="KAZ-TJK")
    at.selectbox(key="pair").set_value(None)
    at.query_params.pop("pair", None)
    at.switch_page("pages/agreements.py").run()
    assert not at.exception
    assert at.selectbox(key="pair").value == "KAZ-TJK"
    assert "KAZ-TJK" in at.caption[0].value


def test_an_unknown_pair_in_the_url_is_ignored(demo_db):
    at = run(pair="XXX' OR 1=1 --")
    assert at.selectbox(key="pair").value == "KAZ-UZB"


def test_trade_plots_actual_expected_and_target(demo_db):
    at = run("pages/trade.py")
    chart = at.get("plotly_chart")[0]
    spec = chart.proto.spec
    assert '"Actual"' in spec and '"Target"' in spec
    table = frames(at)[0]
    assert {"Actual", "Target"} <= set(table["Kind"])
    assert "$4.0 bn" in set(table["Figure"])


def test_agreements_lists_documents_per_event(demo_db):
    at = run("pages/agreements.py")
    events = frames(at)[0]
    assert 22 in set(events["Documents signed"])
    assert 8 in set(events["Documents signed"])
    signed = frames(at)[-1]
    assert {"Title", "Type", "Sector"} <= set(signed.columns)
    assert len(signed) >= 1


def test_agreements_date_range_from_the_url(demo_db):
    at = run("pages/agreements.py", dates=["2025-01-01", "2025-12-31"])
    events = frames(at)[0]
    assert 22 not in set(events["Documents signed"])


def test_cooperation_shows_its_three_metrics(demo_db):
    at = run("pages/cooperation.py")
    m = metrics(at)
    assert m["Joint ventures"] == "6,500"
    assert m["Flights per week"] == "over 40"
    assert m["Investment portfolio"] == "over $8.0 bn"
    assert len(at.get("plotly_chart")) == 3


def test_sources_highlights_each_fact_in_its_document(demo_db):
    at = run("pages/sources.py")
    facts = max((f for f in frames(at) if "Evidence" in f.columns), key=len)  # "Every fact"
    assert len(at.main.expander) == len(facts)
    marked = [h.proto.body for h in at.get("html")]
    assert marked and all("<mark" in body for body in marked)
    assert any("4 миллиарда</strong>" in body for body in marked)


def test_sources_lists_facts_to_review(demo_db):
    at = run("pages/sources.py")
    assert any("To review" in h.value for h in at.subheader)


def test_article_html_is_shown_as_text(demo_db, tmp_path, monkeypatch):
    db = tmp_path / "evil.duckdb"
    shutil.copy(demo_db, db)
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE document_texts SET text = text || ?",
                    ["\n<script>alert('x')</script><img src=x onerror=alert(1)>"])
    monkeypatch.setenv("DYAD_DB", str(db))
    at = run("pages/sources.py")
    at.toggle(key="whole_documents").set_value(True).run()
    bodies = [h.proto.body for h in at.get("html")]
    assert any("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in b for b in bodies)
    assert not any("<script" in b or "<img" in b for b in bodies)


def test_every_page_is_in_the_navigation():
    app = Path(APP).read_text(encoding="utf-8")
    on_disk = {f"pages/{p.name}" for p in (Path(APP).parent / "pages").glob("*.py")}
    assert on_disk == set(ALL_PAGES)
    assert all(f'"{p}"' in app for p in ALL_PAGES)


@pytest.mark.parametrize("page", [p for p in ALL_PAGES if p != "pages/upload.py"])
def test_missing_database_shows_a_message(page, tmp_path, monkeypatch):
    monkeypatch.setenv("DYAD_DB", str(tmp_path / "missing.duckdb"))
    at = AppTest.from_file(APP, default_timeout=30).run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    assert not at.exception
    assert "No database yet" in at.info[0].value
    assert "python -m etl build" in at.info[0].value
