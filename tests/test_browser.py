"""The dashboard in a real browser: a streamlit server on a free port, Debian's Chromium
driven by Playwright. Screenshots land in test-artifacts/ (gitignored) for a human look."""
from __future__ import annotations

import codecs
import csv
import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
playwright = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


SKELETONS = ", ".join(f'[data-testid="{t}"]' for t in ("stSkeleton", "stSkeletonElement",
                                                     "stAppSkeleton"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(demo_db):
    """`streamlit run app.py` on the demo database; its base URL once healthy."""
    port = free_port()
    log = (ARTIFACTS / "streamlit.log")
    ARTIFACTS.mkdir(exist_ok=True)
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
           "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, "DYAD_DB": str(demo_db)})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium (.ci/run does)")
        pytest.skip("Debian's chromium is not installed")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def page(browser):
    """One tab for the module: the frontend's scripts load once (they take seconds here)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1800}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    playwright.expect.set_options(timeout=30_000)
    yield pg
    context.close()


def settle(page) -> None:
    """Wait until the script run is over and the page shows its elements."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    # lazily loaded elements (charts, tables, date input) show a skeleton until drawn
    page.wait_for_function(f"() => !document.querySelector('{SKELETONS}')")
    page.wait_for_timeout(300)  # let the last deltas paint


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_a_deep_link_on_a_fresh_server_is_routed_by_app_py(server, page):
    # the first visit of this server: Streamlit would run pages/trade.py on its own
    page.goto(server + "/trade?pair=KAZ-TJK")
    playwright.expect(page.get_by_text("Kazakhstan – Tajikistan (KAZ-TJK)")).to_be_visible()
    links = page.get_by_test_id("stSidebarNavLink")
    playwright.expect(links.first).to_have_text(re.compile("Overview"))
    playwright.expect(links).to_have_count(5)
    sidebar = page.get_by_test_id("stSidebar")  # the filters app.py draws are there
    playwright.expect(sidebar.get_by_test_id("stSelectbox")).to_have_count(1)
    playwright.expect(sidebar.get_by_text("Kazakhstan – Tajikistan", exact=True)).to_be_visible()


def test_overview_pair_switch_page_change_and_csv(server, page):
    page.goto(server + "/")
    metric = page.get_by_test_id("stMetricValue").first
    playwright.expect(metric).to_have_text("$4.0 bn")
    settle(page)
    shot(page, "overview")

    # switch the pair: it goes into the URL
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="KAZ-TJK").click()
    page.wait_for_url(re.compile(r"[?&]pair=KAZ-TJK"))
    playwright.expect(metric).to_have_text("–")

    # change page through the navigation: the pair stays in the URL and on screen
    sidebar.get_by_test_id("stSidebarNavLink").filter(has_text="Agreements").click()
    page.wait_for_url(re.compile(r"/agreements\?.*pair=KAZ-TJK"))
    playwright.expect(page.get_by_text("Kazakhstan – Tajikistan (KAZ-TJK)")).to_be_visible()
    settle(page)
    shot(page, "agreements-kaz-tjk")

    # back to the default pair by link; download the per-event table as shown
    page.goto(server + "/agreements?pair=KAZ-UZB")
    playwright.expect(page.get_by_text("Kazakhstan – Uzbekistan (KAZ-UZB)")).to_be_visible()
    settle(page)
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").filter(has_text="Download CSV").first.click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert {"22", "8"} <= {r["Documents signed"] for r in rows}
    assert all(re.search("[а-яА-Я]", r["Article"]) for r in rows)
    shot(page, "agreements")


@pytest.mark.parametrize("path", ["/trade", "/cooperation", "/sources"])
def test_pages_render_without_errors(server, page, path):
    page.goto(server + path)
    playwright.expect(page.get_by_test_id("stDownloadButton").first).to_be_visible()
    settle(page)
    assert page.get_by_test_id("stException").count() == 0
    assert page.get_by_test_id("stDownloadButton").count() >= 2
    shot(page, path.strip("/"))


def test_embedded_page_has_no_navigation(server, page):
    page.goto(server + "/trade?embed=true&pair=KAZ-UZB")
    playwright.expect(page.get_by_text("Every trade figure")).to_be_visible()
    settle(page)
    assert page.get_by_test_id("stSidebarNav").count() == 0
    shot(page, "trade-embedded")
