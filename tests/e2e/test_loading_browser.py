"""A cold start in a real browser: the progress bar counts while the articles are parsed, the reference calendar is
drawn meanwhile, and the app switches to its pages by itself when the load ends."""

from __future__ import annotations

import re

import pytest
from conftest import served, write_articles
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.fixture
def cold_app(tmp_path):
    folder = write_articles(tmp_path / "corpus", 400, seed=7)
    # the corpus is read on the first visit (a server that reads it as it starts may be done before the browser
    # arrives), and the page shows its progress at once
    yield from served(folder, tmp_path / "cache", tmp_path, load_wait="0", preload=False)


@pytest.mark.parametrize(("lang", "counts"), [
    ("en", r"Reading files|Files read: [\d,]+ · articles parsed: [\d,]+ of 400|Checking|Building"),
    ("ar", r"قراءة الملفات|المقالات المحللة: [\d,]+ من 400|التحقق|بناء الجداول"),
])
def test_cold_start_shows_progress_then_the_pages(page, cold_app, lang, counts):
    page.goto(f"{cold_app}/?lang={lang}")
    bar = page.get_by_test_id("stProgress")
    expect(bar).to_be_visible(timeout=30_000)
    expect(bar).to_contain_text(re.compile(counts))
    expect(page.get_by_test_id("stPlotlyChart").first.locator(".main-svg").first).to_be_attached()  # the calendar
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=120_000)  # no click: the load ended
    expect(bar).to_have_count(0)
