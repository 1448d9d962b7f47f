"""The dashboard in a real browser: one streamlit server on a free port for the module, on a
writable copy of the demo (raw folder, database, corrections, embeds in a temp folder),
Debian's Chromium driven by Playwright. Read-only tests come first; the last ones upload a
file and correct a fact. Screenshots land in test-artifacts/ (gitignored) for a human look."""
from __future__ import annotations

import codecs
import csv
import io
import os
import re
import shutil
import struct
from pathlib import Path

import pytest

from bench.server import CHROMIUM, CHROMIUM_ARGS, DashboardServer

pytestmark = pytest.mark.browser
playwright = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"


SKELETONS = ", ".join(f'[data-testid="{t}"]' for t in ("stSkeleton", "stSkeletonElement",
                                                     "stAppSkeleton"))


@pytest.fixture(scope="module")
def site(demo_db, tmp_path_factory):
    """A writable copy of the demo for the server: raw folder, database, corrections."""
    root = tmp_path_factory.mktemp("site")
    shutil.copytree(ROOT / "data" / "raw", root / "raw")
    shutil.copy(demo_db, root / "dyad.duckdb")
    return root


@pytest.fixture(scope="module")
def server(site):
    """`streamlit run app.py` on the site's database; its base URL once healthy."""
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        srv = DashboardServer({"DYAD_DB": str(site / "dyad.duckdb"),
                               "DYAD_RAW": str(site / "raw"),
                               "DYAD_CORRECTIONS": str(site / "corrections.csv"),
                               "DYAD_EMBEDS": str(site / "embeds")},
                              ARTIFACTS / "streamlit.log", timeout=60)
    except RuntimeError as e:
        pytest.fail(str(e))
    yield srv.base
    srv.stop()


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
    playwright.expect(links).to_have_count(11)  # the embedded-chart page is hidden
    sidebar = page.get_by_test_id("stSidebar")  # the filters app.py draws are there
    playwright.expect(sidebar.get_by_test_id("stSelectbox")).to_have_count(1)
    playwright.expect(sidebar.get_by_text("Kazakhstan – Tajikistan", exact=True)).to_be_visible()


def test_the_pair_shown_gets_into_the_url(server, page):
    page.goto(server + "/")  # no ?pair=: the best covered is shown
    playwright.expect(page.get_by_text("Kazakhstan – Uzbekistan (KAZ-UZB)")).to_be_visible()
    settle(page)
    page.get_by_test_id("stSidebarNavLink").filter(has_text="Trade").click()
    playwright.expect(page).to_have_url(re.compile(r"/trade\?.*pair=KAZ-UZB"))


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

    # back to the best-covered pair in the sidebar: that too is a choice the URL keeps
    sidebar.get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="KAZ-UZB").click()
    playwright.expect(page).to_have_url(re.compile(r"/agreements\?.*pair=KAZ-UZB"))
    playwright.expect(page.get_by_text("Kazakhstan – Uzbekistan (KAZ-UZB)")).to_be_visible()
    settle(page)
    # download the per-event table as shown
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").filter(has_text="Download CSV").first.click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    text = data.decode("utf-8-sig")
    assert text.startswith("# Dyad: events — Kazakhstan – Uzbekistan (KAZ-UZB)")
    rows = list(csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#")))
    assert {"22", "8"} <= {r["Documents signed"] for r in rows}
    assert all(re.search("[а-яА-Я]", r["Article"]) for r in rows)
    shot(page, "agreements")


# (trade, compare, review, cooperation and upload are driven by the tests further down)
@pytest.mark.parametrize("path", ["/sources", "/timeline", "/targets", "/corroboration"])
def test_pages_render_without_errors(server, page, path):
    page.goto(server + path)
    playwright.expect(page.get_by_test_id("stDownloadButton").first).to_be_visible()
    settle(page)
    assert page.get_by_test_id("stException").count() == 0
    assert page.get_by_test_id("stDownloadButton").count() >= (1 if "review" in path else 2)
    shot(page, path.strip("/").split("?")[0])


def test_embedded_page_has_no_navigation(server, page):
    page.goto(server + "/trade?embed=true&pair=KAZ-UZB")
    playwright.expect(page.get_by_text("Every trade figure")).to_be_visible()
    settle(page)
    assert page.get_by_test_id("stSidebarNav").count() == 0
    shot(page, "trade-embedded")


def download(page, label: str, index: int = 0) -> bytes:
    buttons = page.get_by_test_id("stDownloadButton").filter(
        has=page.get_by_role("button", name=re.compile(rf"^\W*{label}$")))
    with page.expect_download(timeout=60_000) as info:
        buttons.nth(index).click()
    return Path(info.value.path()).read_bytes()


def test_chart_downloads_csv_png_svg_html(server, page):
    page.goto(server + "/trade?pair=KAZ-UZB")
    playwright.expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible()
    settle(page)
    shot(page, "trade")
    text = download(page, "CSV").decode("utf-8-sig")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert header[0].startswith("# Dyad: Trade turnover — Kazakhstan – Uzbekistan (KAZ-UZB)")
    assert "data version" in header[1] and header[2].startswith("# Exported: 20")
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    assert {r["Series"] for r in rows} == {"Actual", "Expected", "Target"}
    assert "4000000000" in {r["Value (USD)"] for r in rows}

    png = download(page, "PNG")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert width == 3300 and height >= 1260  # report resolution
    (ARTIFACTS / "trade-export.png").write_bytes(png)
    svg = download(page, "SVG").decode()
    assert svg.startswith("<svg") and "$10.0 bn" in svg
    page_html = download(page, "HTML").decode()
    assert "<title>Dyad: Trade turnover</title>" in page_html and "Plotly.newPlot" in page_html


def test_country_pair_brief(server, page):
    page.goto(server + "/?pair=KAZ-UZB")
    playwright.expect(page.get_by_test_id("stMetricValue").first).to_have_text("$4.0 bn")
    settle(page)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=re.compile("Country-pair brief")).click()
    brief = Path(info.value.path()).read_text(encoding="utf-8")
    assert brief.startswith("<!doctype html>") and "Key figures" in brief
    assert "$4.0 bn" in brief and "<svg" in brief and "president.uz" in brief
    shutil.copy(info.value.path(), ARTIFACTS / "brief-kaz-uzb.html")


def iframe_page(page, src: str, name: str):
    """A page of another site that embeds `src`; the iframe's frame once the chart is drawn."""
    page.set_content(f"<html><body><h1>Report</h1><iframe id=dyad src=\"{src}\" width=900 "
                     "height=520 style='border:1px solid #ccc'></iframe></body></html>")
    frame = page.frame_locator("#dyad")
    playwright.expect(frame.get_by_test_id("stPlotlyChart")).to_be_visible()
    frame.locator(".main-svg").first.wait_for()
    page.wait_for_timeout(500)
    shot(page, name)
    return frame


def test_embed_link_renders_the_chart_alone_in_an_iframe(server, page):
    page.goto(server + "/trade?pair=KAZ-UZB")
    settle(page)
    page.get_by_role("button", name=re.compile("Embed")).first.click()
    code = page.get_by_test_id("stCode").first
    playwright.expect(code).to_contain_text("/embed?chart=trade")
    link = code.inner_text().strip()
    assert "pair=KAZ-UZB" in link and "embed=true" in link
    frame = iframe_page(page, link, "embed-live")
    playwright.expect(frame.get_by_test_id("stPlotlyChart")).to_have_count(1)
    assert frame.get_by_test_id("stSidebar").count() == 0
    assert frame.get_by_test_id("stHeading").count() == 0
    assert frame.locator("h1").count() == 0


def test_pinned_embed_keeps_its_data_version(server, page, site):
    page.goto(server + "/compare?pair=KAZ-UZB&pairs=KAZ-TJK")
    settle(page)
    shot(page, "compare")
    page.get_by_role("button", name=re.compile("Embed")).nth(3).click()  # the network
    page.get_by_text("Pin to this data version").last.click()
    code = page.get_by_test_id("stCode").filter(has_text="snapshot=").first
    playwright.expect(code).to_be_visible()
    link = code.inner_text().strip()
    assert "snapshot=" in link and list((site / "embeds").glob("*.json"))
    frame = iframe_page(page, link, "embed-pinned")
    playwright.expect(frame.get_by_text(re.compile("pinned to data version"))).to_be_visible()


def test_russian_interface(server, page):
    page.goto(server + "/?ui=ru&pair=KAZ-UZB")
    playwright.expect(page.get_by_role("heading", name="Обзор")).to_be_visible()
    playwright.expect(page.get_by_test_id("stMetricValue").first).to_have_text(
        "4,0\u00a0млрд\u00a0$")
    settle(page)
    shot(page, "overview-ru")


NEW_ARTICLE = ("Астана, 2 декабря. Товарооборот между Казахстаном и Кыргызстаном по итогам "
               "десяти месяцев 2025 года достиг 2 миллиардов долларов, сообщили в министерстве.")


def test_upload_a_file_and_see_its_facts(server, page, site, tmp_path):
    upload = tmp_path / "Новость КАЗ-КГЗ.txt"
    upload.write_text(NEW_ARTICLE, encoding="utf-8")
    page.goto(server + "/upload")
    playwright.expect(page.get_by_text("Add and extract")).to_be_visible()
    page.locator("input[type=file]").set_input_files(str(upload))
    playwright.expect(page.get_by_text("Новость КАЗ-КГЗ.txt")).to_be_visible()
    page.get_by_label("URL (optional)").fill("https://example.kz/news/1")
    page.get_by_role("button", name=re.compile("Add and extract")).click()
    playwright.expect(page.get_by_text("Facts found in these files")).to_be_visible(
        timeout=120_000)
    settle(page)
    shot(page, "upload-facts")
    stored = site / "raw" / "uploads" / "Новость_КАЗ-КГЗ.txt"
    assert stored.read_text(encoding="utf-8") == NEW_ARTICLE
    assert "uploads/Новость_КАЗ-КГЗ.txt,https://example.kz/news/1" in (
        site / "raw" / "manifest.csv").read_text(encoding="utf-8")
    # the new pair is in the database without a restart
    page.goto(server + "/trade?pair=KAZ-KGZ")
    playwright.expect(page.get_by_text("Kazakhstan – Kyrgyzstan (KAZ-KGZ)")).to_be_visible()
    playwright.expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible()


def test_correct_a_fact_rebuild_and_it_stays(server, page, site):
    page.goto(server + "/review?pair=KAZ-UZB")
    settle(page)
    sidebar = page.get_by_test_id("stSidebar")
    name = sidebar.get_by_role("textbox", name="Your name")
    name.fill("e2e tester")
    name.press("Enter")
    settle(page)
    page.get_by_test_id("stMain").get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name=re.compile("Joint ventures")).click()
    settle(page)
    value = page.get_by_test_id("stForm").get_by_label("Value")
    # while Streamlit reruns, the previous fact's form can still stand beside the new one
    playwright.expect(value).to_have_count(1, timeout=30_000)
    playwright.expect(value).to_have_value("6500")
    value.fill("6600")
    page.get_by_role("button", name=re.compile("Save correction")).click()
    playwright.expect(page.get_by_text("Saved and rebuilt.")).to_be_visible(timeout=120_000)
    # the fact just corrected stays selected (its label changed, the picker must not jump)
    picker = page.get_by_test_id("stMain").get_by_test_id("stSelectbox").first
    playwright.expect(picker.locator("input")).to_have_value(re.compile("Joint ventures"))
    rows = list(csv.DictReader((site / "corrections.csv").open(encoding="utf-8")))
    assert (rows[-1]["field"], rows[-1]["value"], rows[-1]["who"]) == ("value", "6600",
                                                                      "e2e tester")
    # rebuild again: the correction is re-applied from the file
    page.get_by_role("button", name=re.compile("Rebuild now")).click()
    playwright.expect(page.get_by_text("Rebuilt; corrections re-applied.")).to_be_visible(
        timeout=120_000)
    settle(page)
    shot(page, "review-corrected")
    page.goto(server + "/cooperation?pair=KAZ-UZB")
    card = page.get_by_test_id("stMetric").filter(has_text="Joint ventures")
    playwright.expect(card.get_by_test_id("stMetricValue")).to_have_text("6,600")
    playwright.expect(page.get_by_text(re.compile("corrected by e2e tester")).first).to_be_visible()
    settle(page)
    shot(page, "cooperation-corrected")
