"""Saved web pages (dashboard/pages.py, and .html files through sources.py and the loader)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard import load_corpus
from dashboard.pages import Page, read_page
from dashboard.sources import read_corpus, read_source
from tests.webpages import FOOTER, MENU, READ_ALSO, SITE, article, article_page, index_page


def test_body_keeps_every_paragraph_and_no_site_line() -> None:
    headline, paras = article(3)
    page = read_page(article_page(3, url="https://news.example/2025/a3"))
    assert isinstance(page, Page)
    assert page.text.split("\n") == [headline, *paras]
    for line in (*MENU, *READ_ALSO, *FOOTER, "اقرأ أيضا"):
        assert line not in page.text
    assert (page.title, page.outlet, page.url) == (headline, SITE, "https://news.example/2025/a3")
    assert (page.published, page.published_basis) == (dt.date(2025, 2, 13), "page metadata")


def test_html_file_uses_the_page_title_date_and_site() -> None:
    headline, paras = article(4)
    [art], errors = read_source("saved/a4.html", article_page(4, url="https://news.example/a4").encode())
    assert errors == []
    assert art.title == headline and art.text.split("\n") == [headline, *paras]
    assert (art.published, art.published_basis) == (dt.date(2025, 2, 13), "page metadata")
    assert (art.outlet, art.url, art.format) == (SITE, "https://news.example/a4", "html")


def test_manifest_wins_over_the_page(tmp_path: Path) -> None:
    (tmp_path / "a5.html").write_text(article_page(5), encoding="utf-8")
    (tmp_path / "a6.html").write_text(article_page(6), encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,published,outlet\na5.html,2025-03-01,وكالة أخرى\n", encoding="utf-8")
    articles, errors = read_corpus(tmp_path)
    assert errors == []
    got = {a.article_id: a for a in articles}
    assert (got["a5"].published, got["a5"].published_basis, got["a5"].outlet) == (
        dt.date(2025, 3, 1), "manifest", "وكالة أخرى")
    assert (got["a6"].published, got["a6"].published_basis, got["a6"].outlet) == (
        dt.date(2025, 2, 13), "page metadata", SITE)


def test_a_date_in_the_sidebar_is_not_the_publication_date() -> None:
    markup = article_page(7, published=None).replace(
        "<h3>اقرأ أيضا</h3>", "<h3>اقرأ أيضا</h3><p>آخر تحديث للقائمة 2021-05-05</p>")
    page = read_page(markup)
    assert isinstance(page, Page)
    assert (page.published, page.published_basis) == (None, "")


@pytest.mark.parametrize(
    ("markup", "reason"),
    [
        pytest.param(index_page([(f"/a/{i}", article(i)[0]) for i in range(12)]), "index page", id="index-page"),
        pytest.param("<html><body><nav><a href='/'>الرئيسية</a> <a href='/s'>سياسة</a></nav>"
                     "<footer>جميع الحقوق محفوظة</footer></body></html>", "not an article", id="menu-only"),
        pytest.param("<html><head><title>خبر</title></head><body></body></html>", "not an article", id="empty-body"),
        pytest.param("", "not an HTML page", id="empty-string"),
    ],
)
def test_pages_that_are_not_articles(markup: str, reason: str) -> None:
    got = read_page(markup)
    assert isinstance(got, str) and reason in got


def test_not_an_article_is_an_error_row_and_the_rest_loads(tmp_path: Path) -> None:
    (tmp_path / "good.html").write_text(article_page(1), encoding="utf-8")
    (tmp_path / "index.html").write_text(index_page([(f"/a/{i}", article(i)[0]) for i in range(8)]),
                                         encoding="utf-8")
    corpus = load_corpus(tmp_path, cache=False)
    assert list(corpus.articles["article_id"]) == ["good"]
    assert list(corpus.articles["published_basis"]) == ["page metadata"]
    [err] = corpus.errors.to_dict("records")
    assert err["file"] == "index.html" and "index page" in err["error"]


def test_hijri_dateline_in_a_saved_page_is_read(tmp_path: Path) -> None:
    (tmp_path / "h.html").write_text(article_page(2, hijri="الخميس 14 شعبان 1446 هـ الموافق 13 فبراير 2025م"),
                                     encoding="utf-8")
    corpus = load_corpus(tmp_path, cache=False)
    dates = corpus.spans[corpus.spans["kind"] == "date"]
    assert "2025-02-13" in set(dates["value"])
    assert any("شعبان" in raw and "فبراير" in raw for raw in dates["raw"])
