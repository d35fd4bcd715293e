"""The app in a real browser: pages draw, filters reduce rows and live in the URL, both PNG exports work, the map
draws offline, and article text cannot inject markup."""

from __future__ import annotations

import datetime as dt
import re
import struct
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import Page, expect

from dashboard.filters import Filters
from dashboard.views.common import article_url

pytestmark = pytest.mark.e2e
PNG = b"\x89PNG\r\n\x1a\n"
CHART_PAGES = {"": 1, "aid": 4, "systems": 2, "attendance": 6, "timeline": 2}


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG, "not a PNG"
    return struct.unpack(">II", data[16:24])


def wait_idle(page: Page) -> None:
    page.wait_for_selector('[data-testid="stAppViewContainer"]')
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def open_page(page: Page, app_url: str, path: str = "", query: str = "") -> None:
    page.goto(f"{app_url}/{path}{'?' + query if query else ''}")
    wait_idle(page)
    problems = page.get_by_test_id("stException").all_inner_texts()
    problems += [t for t in page.get_by_test_id("stAlert").all_inner_texts() if "could not be loaded" in t]
    assert not problems, problems[0][:2000]


def charts_drawn(page: Page, n: int) -> None:
    charts = page.get_by_test_id("stPlotlyChart")
    expect(charts).to_have_count(n, timeout=60_000)
    for i in range(n):
        expect(charts.nth(i).locator(".main-svg").first).to_be_attached(timeout=30_000)


def metric_value(page: Page, label: str):
    """The value element of the metric whose label starts with ``label``."""
    m = page.get_by_test_id("stMetric").filter(has=page.get_by_test_id("stMetricLabel").filter(
        has_text=re.compile("^" + re.escape(label)))).first
    return m.get_by_test_id("stMetricValue")


def metric(page: Page, label: str) -> int:
    """The metric's value, once the page has drawn its charts (so the metrics above them are final)."""
    expect(page.get_by_test_id("stPlotlyChart").first.locator(".main-svg").first).to_be_attached(timeout=60_000)
    return int(metric_value(page, label).inner_text().replace(",", ""))


def test_each_page_draws(page, app_url):
    for path, n in CHART_PAGES.items():
        open_page(page, app_url, path)
        charts_drawn(page, n)
        assert not page.get_by_test_id("stException").count(), path
    open_page(page, app_url, "articles")
    expect(page.locator(".article-text")).to_be_visible()
    open_page(page, app_url, "data")
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    assert not [u for u in page.blocked if "plot.ly" in u or "streamlit.io" in u], page.blocked


def select_country(page: Page, text: str) -> None:
    box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
    box.click()
    page.keyboard.type(text)
    page.get_by_role("option").filter(has_text=re.compile(text, re.I)).first.click()
    page.keyboard.press("Escape")
    wait_idle(page)


def test_country_filter_reduces_rows_and_lives_in_the_url(page, app_url, pw_browser):
    open_page(page, app_url)
    before = metric(page, "Articles ·")
    assert before >= 25
    select_country(page, "POL")
    expect(page).to_have_url(re.compile(r"countries=POL"))
    expect(metric_value(page, "Articles ·")).not_to_have_text(f"{before:,}", timeout=30_000)
    after = metric(page, "Articles ·")
    assert 0 < after < before
    # the filter survives a page switch, and the URL keeps it
    page.get_by_test_id("stSidebarNav").get_by_text("Data").click()
    wait_idle(page)
    expect(page).to_have_url(re.compile(r"/data\?.*countries=POL"))
    # a copied link opens the same view in a fresh session
    url = page.url.replace("/data", "/")
    fresh = pw_browser.new_page()
    try:
        fresh.goto(url)
        wait_idle(fresh)
        expect(fresh.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first).to_contain_text("POL")
        assert metric(fresh, "Articles ·") == after
    finally:
        fresh.close()


def test_modebar_png(page, app_url):
    open_page(page, app_url, "aid", "countries=DEU")
    charts_drawn(page, CHART_PAGES["aid"])
    chart = page.get_by_test_id("stPlotlyChart").first
    chart.hover()
    with page.expect_download() as dl:
        chart.get_by_role("button", name="Download plot as a PNG").click()
    d = dl.value
    assert d.suggested_filename == "ramstein_aid_latest-cumulative-totals_DEU.png"
    data = open(d.path(), "rb").read()
    w, h = png_size(data)
    box = chart.locator(".main-svg").first.bounding_box()
    assert (w, h) == (round(box["width"] * 2), round(box["height"] * 2))
    assert len(data) > 10_000


def test_server_png_button(page, app_url):
    open_page(page, app_url, "attendance")
    charts_drawn(page, 6)
    button = page.get_by_test_id("stDownloadButton").filter(has_text="Download PNG").nth(4)  # the world map
    with page.expect_download(timeout=90_000) as dl:
        button.click()
    d = dl.value
    assert d.suggested_filename == "ramstein_attendance_world-map_all.png"
    data = open(d.path(), "rb").read()
    assert png_size(data) == (2400, 1000)
    assert len(data) > 100_000  # country shapes drawn


def test_world_map_offline(page, app_url):
    open_page(page, app_url, "attendance")
    charts_drawn(page, 6)
    geo = page.get_by_test_id("stPlotlyChart").nth(4)
    expect(geo.locator("path.choroplethlocation").first).to_be_attached(timeout=30_000)
    assert geo.locator("path.choroplethlocation").count() >= 5
    assert geo.locator(".countries path, path.countries").count() >= 1 or geo.locator(".layer.countries").count()
    assert not page.blocked or all("plot.ly" not in u for u in page.blocked), page.blocked


def test_article_markup_is_text(page, app_url, script_article_id):
    aid = script_article_id
    open_page(page, app_url, "articles", f"article={aid}")
    text = page.locator(".article-text")
    expect(text).to_contain_text("<script>window.__pwned = 2</script>")
    assert text.locator("script, img").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    direction = text.evaluate("e => getComputedStyle(e).direction")
    assert direction == "rtl"


def test_upload_adds_articles_and_reports_bad_files(page, app_url):
    open_page(page, app_url)
    before = metric(page, "Articles ·")
    uploader = page.get_by_test_id("stFileUploaderDropzoneInput")
    uploader.set_input_files([
        {"name": "up_one.txt", "mimeType": "text/plain",
         "buffer": "اجتماع في بروكسل\n\nعقد وزراء دفاع بولندا وألمانيا اجتماعا في بروكسل أمس.\n".encode()},
        {"name": "broken.json", "mimeType": "application/json", "buffer": b'{"text": '},
    ])
    expect(metric_value(page, "Articles ·")).to_have_text(f"{before + 1:,}", timeout=60_000)
    expect(page.get_by_test_id("stSidebar")).to_contain_text("broken.json")


@pytest.mark.parametrize(("aid", "title"), [
    pytest.param("records#1", "سجل بلا معرف أول", id="record-without-id"),
    pytest.param("records#2", "سجل بلا معرف ثان", id="second-record-without-id"),
    pytest.param("a+b", "معرف فيه علامة جمع", id="plus"),
    pytest.param("x&y", "معرف فيه علامة و", id="ampersand"),
])
def test_article_links_open_the_right_article_and_keep_filters(page, app_url, aid, title):
    """The link the tables build for an id that needs encoding opens that article, with the filters kept."""
    link = article_url(aid, Filters(date_from=dt.date(2025, 1, 1), lang="ar").to_query())
    open_page(page, app_url, link)
    picked = page.get_by_test_id("stMain").get_by_test_id("stSelectbox").first.get_by_role("combobox")
    expect(picked).to_have_value(re.compile(re.escape(title)))
    q = parse_qs(urlsplit(page.url).query)
    assert q["article"] == [aid] and q["from"] == ["2025-01-01"] and q["lang"] == ["ar"], page.url


def test_article_fields_render_as_text(page, app_url):
    """Outlet and URL of a record try Markdown: no image is fetched, no link or maths is drawn, the text is shown."""
    open_page(page, app_url, "articles", f"article={quote('records#1', safe='')}")
    meta = page.locator(".article-meta")
    expect(meta).to_contain_text("![pixel](http://tracker.invalid/p.png)")
    expect(page.locator(".article-url")).to_contain_text("a`b`)![i](http://tracker.invalid/i.png)")
    main = page.get_by_test_id("stMain")
    assert main.locator("img[src*='invalid'], a[href*='invalid'], .katex, code").count() == 0
    assert not [u for u in page.blocked if "invalid" in u], page.blocked


# Visible text nodes that contain Latin letters, outside what may stay Latin in Arabic mode: values from files shown
# verbatim (.plain-caption: corpus folder, ids, file names, outlets), icon ligatures, and the file uploader's own
# chrome ("Upload", "20MB per file"), which Streamlit does not let an app translate.
KEEP_LATIN = ('script, style, .plain-caption, [data-testid="stIconMaterial"], [data-testid="stFileUploader"], '
              'a[href^="#"]')
LATIN_TEXT_JS = """() => { const out = []; const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (w.nextNode()) { const n = w.currentNode; const t = n.textContent.trim(); const e = n.parentElement;
    if (!t || !e || !/[A-Za-z]/.test(t)) continue;
    if (e.closest('""" + KEEP_LATIN + """')) continue;
    const r = e.getBoundingClientRect(); const cs = getComputedStyle(e);
    if (r.width === 0 || r.height === 0 || cs.visibility === "hidden" || cs.display === "none") continue;
    out.push(t); }
  return out; }"""
CODES = re.compile(r"\b(?:English|CSV|Parquet|ZIP|PNG|US\$|syn_\d+|zz_script_article|records#\d|[A-Z]{3})\b"
                   r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)+\b")  # ... and outlets' domain names (names, not words)


@pytest.mark.parametrize("path", ["", "aid", "systems", "attendance", "timeline", "meeting", "articles", "data"])
def test_arabic_mode_has_no_english_text(page, app_url, path):
    open_page(page, app_url, path, "lang=ar")
    expect(page.locator("h1").first).to_be_visible(timeout=60_000)
    if path in CHART_PAGES:  # the whole page is drawn, down to its last chart
        charts_drawn(page, CHART_PAGES[path])
    wait_idle(page)
    latin = [t for t in page.evaluate(LATIN_TEXT_JS) if re.search(r"[A-Za-z]", CODES.sub("", t))]
    assert not latin, latin[:10]
    expect(page.get_by_test_id("stMainBlockContainer")).to_have_css("direction", "rtl")
    expect(page.get_by_test_id("stSidebarContent")).to_have_css("direction", "rtl")
