"""AppTest of the analyst's pages and every control: filters in the URL, the interface
language, the reviewer's name, targets, corroboration, compare, timeline, exports, embeds,
review decisions (with a rebuild) and uploads."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_pages import run as run_page

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def run(page: str = "pages/overview.py", timeout: int = 60, **query) -> AppTest:
    return run_page(page, timeout, **query)


def frame(at: AppTest, column: str):
    """The first table on the page that has `column`."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_every_filter_comes_from_the_url(demo_db):
    at = run("pages/sources.py", metric="Trade turnover", kind="Target", lang="ru",
             source="president.uz", conf="0.7", pairs="KAZ-TJK")
    assert at.multiselect(key="metric").value == ["trade_turnover"]
    assert at.multiselect(key="kind").value == ["target"]
    assert at.multiselect(key="lang").value == ["ru"]
    assert at.multiselect(key="source").value == ["president.uz"]
    assert at.slider(key="conf").value == 0.7
    assert at.multiselect(key="pairs").value == ["KAZ-TJK"]
    facts = frame(at, "Evidence")
    assert len(facts) == 1  # the 2021 target, 0.9 sure, on president.uz
    assert set(facts["Kind"]) == {"Target"} and facts["Confidence"].min() >= 0.7
    assert "president" in at.caption[0].value and "≥ 0" in at.caption[0].value


def test_filters_are_controls_that_narrow_the_view(demo_db):
    at = run("pages/trade.py")
    assert len(frame(at, "Evidence")) == 5
    at.multiselect(key="kind").set_value(["actual"]).run()
    assert set(frame(at, "Evidence")["Kind"]) == {"Actual"}
    at.multiselect(key="kind").set_value([]).run()
    at.slider(key="conf").set_value(0.85).run()
    assert list(frame(at, "Evidence")["Confidence"]) == [0.9]
    at.slider(key="conf").set_value(0.0).run()
    at.multiselect(key="source").set_value(["president.uz"]).run()
    assert len(frame(at, "Evidence")) == 3
    at.multiselect(key="lang").set_value(["ru"]).run()
    at.date_input(key="dates").set_value((date(2025, 1, 1), date(2025, 12, 31))).run()
    assert not at.dataframe  # president.uz reported in 2021 only
    at.multiselect(key="metric").set_value(["joint_ventures"]).run()
    at.multiselect(key="pairs").set_value(["KAZ-TJK"]).run()
    assert not at.exception
    assert any("Nothing" in c.value for c in at.caption)


def test_interface_in_russian(demo_db):
    at = run(ui="ru")
    assert at.title[0].value == "Обзор"
    values = {m.label: m.value for m in at.metric}
    assert values["Товарооборот"] == "4,0\u00a0млрд\u00a0$"
    at.radio(key="ui").set_value("en").run()
    assert at.title[0].value == "Overview"
    at.radio(key="ui").set_value("ru").run()
    at.switch_page("pages/targets.py").run()
    assert at.title[0].value == "Выполнение целей"
    assert "отставание" in set(frame(at, "Статус")["Статус"])


def test_the_reviewers_name_is_remembered(demo_db):
    at = run()
    assert at.text_input(key="who").value == "analyst"
    at.text_input(key="who").set_value("aigerim").run()
    at.switch_page("pages/review.py").run()
    assert at.text_input(key="who").value == "aigerim"
    assert any("aigerim" in c.value for c in at.caption)


def test_targets_page(demo_db):
    at = run("pages/targets.py")
    tracker = frame(at, "Status")
    row = tracker.iloc[0]
    assert (row["Target"], row["Deadline"], row["Restated"]) == ("$10.0 bn", 2026, 3)
    assert row["Status"] in {"behind", "missed"}  # 'missed' once 2026 is over
    assert at.selectbox(key="target").value
    assert len(frame(at, "By year")) == 3  # the target's history
    assert len(at.get("plotly_chart")) == 1
    assert "Target" in at.get("plotly_chart")[0].proto.spec


def test_corroboration_page(demo_db):
    at = run("pages/corroboration.py")
    claims = frame(at, "Sources")
    ten = claims[(claims["Figure"] == "$10.0 bn") & (claims["Period"] == "by 2026")].iloc[0]
    assert ten["Articles"] == 2 and ten["Sources"] == "president.uz (2)"
    assert {m.label: m.value for m in at.metric}["Conflicts"] == "0"
    assert len(at.get("plotly_chart")) == 1


def test_compare_page(demo_db):
    at = run("pages/compare.py", pairs="KAZ-TJK")
    assert len(at.get("plotly_chart")) == 5  # pairs, two matrices, network, map
    assert len(at.tabs) == 2
    assert "KAZ-UZB, KAZ-TJK" in at.subheader[0].value


def test_timeline_page(demo_db):
    at = run("pages/timeline.py")
    events = frame(at, "Event")
    assert len(events) == 3 and len(at.main.expander) == 3
    coverage = frame(at, "New source")
    assert coverage["Articles"].sum() == 4


def test_every_chart_has_its_exports_and_embed_link(demo_db):
    at = run("pages/trade.py")
    labels = [b.label for b in at.download_button]
    assert {"CSV", "PNG", "SVG", "HTML"} <= set(labels)
    code = [c.value for c in at.code]
    assert any("/embed?chart=trade&pair=KAZ-UZB&dates=" in c and "embed=true" in c for c in code)
    assert any(c.startswith("<iframe") for c in code)


def test_pinned_embed(workspace):
    at = run("pages/trade.py")
    at.toggle(key="pin-trade").set_value(True).run()
    link = next(c.value for c in at.code if "/embed?" in c.value)
    assert "snapshot=" in link and "pair=" not in link
    sid = link.split("snapshot=")[1].split("&")[0]
    assert (workspace.embeds / f"{sid}.json").exists()
    at = run("pages/embed.py", snapshot=sid, embed="true")
    assert len(at.get("plotly_chart")) == 1
    assert "pinned to data version" in at.caption[0].value


@pytest.mark.parametrize(("query", "charts"), [
    ({"chart": "trade", "pair": "KAZ-UZB"}, 1),
    ({"chart": "map", "pair": "KAZ-UZB"}, 1),
    ({"chart": "nope"}, 0),
    ({"snapshot": "0123456789abcdef"}, 0),
])
def test_embed_page_shows_the_chart_alone(demo_db, query, charts):
    at = run("pages/embed.py", embed="true", **query)
    assert len(at.get("plotly_chart")) == charts
    assert not at.title and not at.sidebar.selectbox  # no heading, no filters


def test_overview_brief_button(demo_db):
    at = run()
    assert any(b.label == "Country-pair brief (HTML)" for b in at.download_button)


def test_upload_page_controls(demo_db):
    at = run("pages/upload.py")
    assert at.text_input(key="upload_url").value == ""
    at.button[0].click().run()  # submit with no file
    assert any("at least one file" in w.value for w in at.warning)


def test_upload_page_without_a_database(tmp_path, monkeypatch):
    monkeypatch.setenv("DYAD_DB", str(tmp_path / "missing.duckdb"))
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page("pages/upload.py").run()
    assert not at.exception
    assert at.get("file_uploader")


def pick(at: AppTest, metric: str) -> None:
    """Choose the first fact of `metric` in the Review page's fact picker."""
    box = at.selectbox(key="review_fact")
    box.select_index(next(i for i, o in enumerate(box.options) if metric in o)).run()


def test_review_reject_correct_confirm(workspace):
    at = run("pages/review.py", timeout=180)
    table = frame(at, "Status")
    assert set(table["Status"]) == {"Extracted"}
    assert len(at.selectbox(key="review_fact").options) == len(table)

    # reject the flights figure: gone from Cooperation, still listed here as Rejected
    pick(at, "Flights per week")
    at.text_input(key="review_reason").set_value("route, not weekly flights").run()
    at.button(key="reject").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Saved and rebuilt" in s.value for s in at.success), [e.value for e in at.error] + [m.value for m in at.markdown][-5:]
    assert "Rejected" in set(frame(at, "Status")["Status"])
    kept = at.selectbox(key="review_fact")  # the reviewed fact stays selected
    assert "Flights per week" in kept.format_func(kept.value), kept.format_func(kept.value)
    rows = list(csv.DictReader(workspace.corrections.open(encoding="utf-8")))
    assert (rows[-1]["action"], rows[-1]["who"]) == ("reject", "analyst")
    assert rows[-1]["reason"] == "route, not weekly flights"

    # correct the joint ventures: the card shows the new figure and who corrected it
    at.text_input(key="who").set_value("aigerim").run()
    pick(at, "Joint ventures")
    next(n for n in at.number_input if n.label == "Value").set_value(6600.0)  # in the form:
    next(b for b in at.button if b.label == "Save correction").click().run()  # sent on submit
    assert not at.exception, [e.value for e in at.exception]
    at.switch_page("pages/cooperation.py").run()
    cards = {m.label: m.value for m in at.metric}
    assert cards["Joint ventures"] == "6,600"
    assert cards["Flights per week"] == "–"  # rejected: hidden from the charts
    assert any("corrected by aigerim" in c.value for c in at.caption), [c.value for c in at.caption]

    # confirm; the log lists the three decisions, newest first
    at.switch_page("pages/review.py").run()
    pick(at, "Documents signed")
    at.button(key="confirm").click().run()
    assert list(frame(at, "action")["action"]) == ["confirm", "correct", "reject"]
