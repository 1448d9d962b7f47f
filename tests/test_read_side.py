"""Unit tests of the read side: formatting, CSV exports, evidence HTML and the queries,
the last on the real demo database."""
from __future__ import annotations

import codecs
import csv
import io
import os
import shutil
import subprocess
import sys
from datetime import date

import duckdb
import pandas as pd
import pytest

from dyad import db, evidence, exports, fmt, queries
from etl.aggregate import aggregate

# --- fmt: numbers as people write them ---------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    (4e9, "$4.0 bn"),
    (10e9, "$10.0 bn"),
    (301.9e6, "$301.9 mn"),
    (1.25e12, "$1.2 tn"),
    (950_000, "$950,000"),
    (None, "–"),
    (float("nan"), "–"),
])
def test_money(value, expected):
    assert fmt.money(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (6500, "6,500"), (40, "40"), (22.0, "22"), (1_234_567, "1,234,567"), (6.5, "6.5"),
])
def test_count(value, expected):
    assert fmt.count(value) == expected


@pytest.mark.parametrize(("value", "unit", "qualifier", "expected"), [
    (8e9, "USD", "gte", "over $8.0 bn"),
    (1e9, "USD", "approx", "about $1.0 bn"),
    (40, "count", "gte", "over 40"),
    (6500, "count", "eq", "6,500"),
    (5e6, "USD", "lte", "up to $5.0 mn"),
])
def test_figure(value, unit, qualifier, expected):
    assert fmt.figure(value, unit, qualifier) == expected


@pytest.mark.parametrize(("value", "precision", "expected"), [
    (date(2025, 11, 15), "day", "15 Nov 2025"),
    (pd.Timestamp("2025-11-15"), "month", "Nov 2025"),
    ("2021-12-06", "year", "2021"),
    (None, "day", "date unknown"),
    (pd.NaT, None, "date unknown"),
])
def test_day(value, precision, expected):
    assert fmt.day(value, precision) == expected


def test_timestamp():
    assert fmt.timestamp("2026-11-21T12:39:57+00:00") == "21 Nov 2026 12:39 UTC"
    assert fmt.timestamp("2026-11-21T12:39:57") == "21 Nov 2026 12:39"
    assert fmt.timestamp("yesterday") == "yesterday"


def test_text_of_missing_cells():
    assert fmt.text(None) == fmt.text(float("nan")) == fmt.text(pd.NA) == ""
    assert fmt.text("Договор") == "Договор"


def test_names():
    assert fmt.pair_name("KAZ-UZB") == "Kazakhstan – Uzbekistan"
    assert fmt.pair_name("XKX-KAZ") == "Kosovo – Kazakhstan"
    assert fmt.pair_name("QQQ-KAZ") == "QQQ – Kazakhstan"
    assert fmt.metric("flights_per_week") == "Flights per week"
    assert fmt.kind("forecast") == "Expected"


def test_md_escape_makes_links_and_latex_inert():
    assert fmt.md_escape("$4.0 bn [x](javascript:1)") == r"\$4\.0 bn \[x\]\(javascript\:1\)"


# --- exports: Excel-safe CSV -------------------------------------------------------

def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_has_bom_and_keeps_cyrillic():
    data = exports.to_csv(pd.DataFrame({"Title": ["Договор о воде"], "Value": [4e9]}))
    assert data.startswith(codecs.BOM_UTF8)
    assert _rows(data) == [["Title", "Value"], ["Договор о воде", "4000000000"]]


@pytest.mark.parametrize("cell", ["=SUM(A1)", "+1", "-2+3", "@cmd", "\tx", "=HYPERLINK(\"x\")"])
def test_csv_neutralises_formula_cells(cell):
    rows = _rows(exports.to_csv(pd.DataFrame({"Title": [cell], cell: ["ok"]})))
    assert rows[0][1] == "'" + cell  # header cells too
    assert rows[1][0] == "'" + cell
    for row in rows:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@", "\t"))


def test_csv_writes_dates_and_blanks_plainly():
    df = pd.DataFrame({"Date": [date(2025, 11, 15), None], "N": [pd.NA, 6.5]})
    assert _rows(exports.to_csv(df))[1:] == [["2025-11-15", ""], ["", "6.5"]]


def test_file_name_is_safe():
    assert exports.file_name("KAZ-UZB", "documents by type") == "dyad-kaz-uzb-documents-by-type.csv"


# --- evidence: escaped, highlighted ------------------------------------------------

@pytest.mark.parametrize(("sentence", "value", "figure"), [
    ("Товарооборот с начала года составил 4 миллиарда долларов.", 4e9, "4 миллиарда"),
    ("Создано 6,5 тысячи совместных предприятий.", 6500, "6,5 тысячи"),
    ("осуществляется более 40 авиарейсов в неделю", 40, "40"),
    ("на сумму  свыше  двух  миллиардов  долларов", 2e9, "двух  миллиардов"),
    ("достигнут отметки в четыре миллиарда долларов", 4e9, "четыре миллиарда"),
    ("Всего было подписано 22 документа в 2021 году", 22, "22"),
    ("Это просто слова без чисел", 5, None),
])
def test_figure_span(sentence, value, figure):
    span = evidence.figure_span(sentence, value)
    assert (sentence[span[0]:span[1]] if span else None) == figure


def test_highlight_escapes_article_html():
    text = "<script>alert('x')</script> Создано 6,5 тысячи <b>СП</b>. Конец <img src=x onerror=1>"
    start = text.index("Создано")
    end = text.index(" Конец")
    out = evidence.highlight(text, start, end, 6500)
    assert "<script>" not in out and "<img" not in out and "<b>" not in out
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in out
    assert "<mark" in out and '6,5 тысячи</strong>' in out
    assert "&lt;b&gt;СП&lt;/b&gt;" in out


def test_highlight_context_window():
    text = "a" * 1000 + "Подписано 22 документа." + "b" * 1000
    out = evidence.highlight(text, 1000, 1023, 22, context=50)
    assert out.count("a") < 100 and "…" in out
    assert "aaaa" in evidence.highlight(text, 1000, 1023, 22, context=None)


# --- db: paths, missing file, rebuilds ---------------------------------------------

def test_db_path_follows_env(monkeypatch, tmp_path):
    monkeypatch.setenv("DYAD_DB", str(tmp_path / "x.duckdb"))
    assert db.db_path() == tmp_path / "x.duckdb"
    monkeypatch.delenv("DYAD_DB")
    assert db.db_path() == db.ROOT / "data" / "dyad.duckdb"


def test_missing_database_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("DYAD_DB", str(tmp_path / "nope.duckdb"))
    assert not db.available()
    with pytest.raises(db.NoDatabase, match="python -m etl build"):
        queries.pairs()


def test_not_a_dyad_database(monkeypatch, tmp_path):
    path = tmp_path / "empty.duckdb"
    duckdb.connect(str(path)).close()
    monkeypatch.setenv("DYAD_DB", str(path))
    assert not db.available()


def test_rebuild_is_picked_up_without_restart(demo_db, monkeypatch, tmp_path):
    live = tmp_path / "live.duckdb"
    shutil.copy(demo_db, live)
    monkeypatch.setenv("DYAD_DB", str(live))
    before = queries.pairs()
    assert "KAZ-UZB" in before
    # what the ETL does: build a new file, then os.replace it over the old one
    new = tmp_path / "new.duckdb"
    shutil.copy(demo_db, new)
    with duckdb.connect(str(new)) as con:
        con.execute("UPDATE facts SET pair = 'AAA-BBB' WHERE pair = 'KAZ-TJK'")
        con.execute("DELETE FROM signed_documents WHERE pair = 'KAZ-TJK'")
        aggregate(con)  # as the ETL's build does
        con.execute("CHECKPOINT")
    os.replace(new, live)
    after = queries.pairs()
    assert "AAA-BBB" in after and "KAZ-TJK" not in after


def test_charts_are_built_once_per_file_version_and_rebuilt_after_a_rebuild(demo_db, monkeypatch,
                                                                              tmp_path):
    from dyad import catalog

    live = tmp_path / "live.duckdb"
    shutil.copy(demo_db, live)
    monkeypatch.setenv("DYAD_DB", str(live))
    lo, hi = queries.date_bounds()
    scope = queries.Scope("KAZ-UZB", lo, hi)
    first = catalog.build("trade", scope)
    assert catalog.build("trade", scope) is first  # shared, not rebuilt
    assert first.drawn is not None and first.drawn.to_dict()["data"]  # converted once
    new = tmp_path / "new.duckdb"
    shutil.copy(demo_db, new)
    with duckdb.connect(str(new)) as con:
        con.execute("DELETE FROM facts WHERE metric = 'trade_turnover'")
        aggregate(con)
        con.execute("CHECKPOINT")
    os.replace(new, live)
    assert catalog.build("trade", scope).frame.empty


def test_the_full_block_check_runs_in_the_background_and_is_reported(demo_db, monkeypatch,
                                                                      tmp_path):
    live = tmp_path / "live.duckdb"
    shutil.copy(demo_db, live)
    monkeypatch.setenv("DYAD_DB", str(live))
    assert db.problem() is None  # the quick check; the full one starts in a thread
    assert db.problem(wait=True) is None and db.available()


def test_a_database_lacking_tables_names_them(demo_db, monkeypatch, tmp_path):
    old = tmp_path / "old.duckdb"
    shutil.copy(demo_db, old)
    with duckdb.connect(str(old)) as con:
        con.execute("DROP TABLE agg_slices")
        con.execute("DROP TABLE agg_unsure")
    monkeypatch.setenv("DYAD_DB", str(old))
    message = db.problem() or ""
    assert "has no table agg_slices, agg_unsure" in message
    assert "python -m etl build" in message


def test_a_full_check_of_an_old_version_leaves_the_new_connection_alone(demo_db, monkeypatch,
                                                                         tmp_path):
    # The full check starts seconds after a version is first seen; by then a rebuild may
    # have replaced the file and the pages read the new version on a kept connection.
    live = tmp_path / "live.duckdb"
    shutil.copy(demo_db, live)
    monkeypatch.setenv("DYAD_DB", str(live))
    old = db.version()
    assert db.problem() is None  # connects to the old version
    st = live.stat()
    os.utime(live, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # a new version
    queries.pairs()
    kept = db._CONNECTIONS._open[str(live)]
    assert kept[0] == db.version() != old
    assert db._full_problem(old) is None
    assert db._CONNECTIONS._open[str(live)][1] is kept[1]  # not closed, not reopened
    queries.options()  # and the new version still reads on it
    assert db._CONNECTIONS._open[str(live)][1] is kept[1]


def test_connections_are_read_only_and_kept_per_file_version(demo_db, monkeypatch):
    opened = []
    real_connect = duckdb.connect

    def spy(path, *args, **kwargs):
        opened.append(kwargs.get("read_only"))
        return real_connect(path, *args, **kwargs)

    monkeypatch.setattr(db.duckdb, "connect", spy)
    db._cached.cache_clear()
    db._CONNECTIONS.close()
    queries.pairs()
    queries.options()
    assert opened == [True]  # one read-only connection, kept for the next query
    # it holds no write lock: another process reads (`etl check`) while it is open
    code = f"import duckdb; duckdb.connect({str(demo_db)!r}, read_only=True).close()"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_results_are_cached_per_file_version(demo_db, monkeypatch):
    db._cached.cache_clear()
    queries.pairs()
    monkeypatch.setattr(db.duckdb, "connect", None)  # a second read must not connect
    queries.pairs()


# --- queries on the demo database --------------------------------------------------

@pytest.fixture
def kaz_uzb(demo_db) -> queries.Scope:
    lo, hi = queries.date_bounds()
    return queries.Scope("KAZ-UZB", lo, hi)


def test_pairs_and_bounds(demo_db):
    pairs = queries.pairs()
    assert pairs[0] == "KAZ-UZB"
    assert {"KAZ-UZB", "KAZ-TJK"} <= set(pairs)
    lo, hi = queries.date_bounds()
    assert lo <= date(2021, 12, 6) and hi >= date(2026, 2, 17)


def test_latest_trade_is_four_billion(kaz_uzb):
    latest = queries.latest(kaz_uzb)
    trade = latest[(latest.metric == "trade_turnover") & (latest.kind == "actual")].iloc[0]
    assert trade["value"] == 4e9
    assert pd.Timestamp(trade["date"]).date() == date(2025, 11, 15)
    assert fmt.figure(trade["value"], trade["unit"], trade["qualifier"]) == "$4.0 bn"
    assert trade["evidence"] and trade["source"]
    assert latest.groupby(["metric", "kind"]).size().max() == 1


def test_documents_signed_per_event(kaz_uzb):
    facts = queries.facts(kaz_uzb, ("documents_signed",))
    assert set(facts["metric"]) == {"documents_signed"}
    assert {22, 8} <= set(facts["value"].astype(int))


def test_date_range_filters_dated_facts(demo_db):
    recent = queries.facts(queries.Scope("KAZ-UZB", date(2025, 1, 1), date(2025, 12, 31)))
    dated = recent.dropna(subset=["date"])
    assert not dated.empty
    assert (pd.to_datetime(dated["date"]) >= pd.Timestamp("2025-01-01")).all()
    assert 22 not in set(recent.loc[recent.metric == "documents_signed", "value"])


def test_values_from_the_url_are_bound_not_spliced(demo_db):
    lo, hi = queries.date_bounds()
    evil = queries.Scope("KAZ-UZB' OR '1'='1", lo, hi)
    assert queries.facts(evil).empty
    assert queries.facts(queries.Scope("KAZ-UZB", lo, hi), ("x') OR ('1'='1",)).empty


def test_to_review_is_below_threshold(kaz_uzb):
    review = queries.to_review(kaz_uzb)
    assert (review["confidence"] < queries.REVIEW_THRESHOLD).all()


def test_document_text_holds_the_evidence(kaz_uzb):
    facts = queries.facts(kaz_uzb)
    texts = queries.document_texts(tuple(facts["doc_id"]))
    assert set(texts) == set(facts["doc_id"])
    assert queries.document_texts(("no-such-doc",)) == {}
    for fact in facts.itertuples():
        text = texts[fact.doc_id]
        assert text[fact.start:fact.end].strip()
        assert fact.evidence.split()[0] in text[fact.start:fact.end]
