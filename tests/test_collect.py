"""The collector (dashboard/collect.py) against a web site the tests serve themselves on 127.0.0.1."""

from __future__ import annotations

import csv
import gzip
import itertools
import json
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from dashboard import load_corpus
from dashboard.collect import STATE_DIR, USER_AGENT, Report, Settings, collect, fetch_articles, main
from tests.webpages import article, article_page, index_page, rss
from tests.webserver import HANG, Site, Stream

FAST = Settings(delay=0.0, timeout=1.0, retries=1, backoff=0.05, max_bytes=5 * 1024 * 1024)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DATES = ["Thu, 13 Feb 2025 09:30:00 +0300", "Wed, 12 Feb 2025 09:30:00 +0300", "Mon, 10 Feb 2025 09:30:00 +0300"]


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as s:
        s.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
        for n in (1, 2, 3, 4):
            s.add(f"/news/{n}.html", article_page(n, url=s.url(f"/news/{n}.html")))
        s.add("/private/5.html", article_page(5))
        s.add("/slow.html", HANG)
        s.add("/huge.html", Stream(30 * 1024 * 1024))
        s.add("/report.pdf", PDF, "application/pdf")
        s.add("/fake.html", PDF)  # a PDF served as HTML
        s.add("/section.html", index_page([(f"/news/{n}.html", article(n)[0]) for n in range(1, 9)]))
        s.add("/go.html", "", status=302, headers={"Location": "/private/5.html"})
        items = [(s.url(f"/news/{n}.html"), article(n)[0], DATES[n - 1]) for n in (1, 2, 3)]
        items += [(s.url(p), "عنوان", DATES[0]) for p in ("/private/5.html", "/missing.html", "/slow.html",
                                                            "/huge.html", "/report.pdf")]
        s.add("/feed.xml", rss(items), "application/rss+xml", etag='"v1"')
        yield s


def _urls(site: Site) -> list[str]:
    return [site.url("/news/4.html"), site.url("/news/1.html"), site.url("/section.html"), site.url("/fake.html"),
            site.url("/go.html"), "ftp://127.0.0.1/file.html", "not a url"]


def _reasons(report: Report) -> dict[str, str]:
    return {o.url: o.reason for o in report.failed}


def test_collects_exactly_the_allowed_articles_and_reports_the_rest(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    t0 = time.monotonic()
    r = collect(out, [site.url("/feed.xml")], _urls(site), FAST)
    elapsed = time.monotonic() - t0
    # liveness, not speed: a page that never answers would hold the run for minutes without the timeouts
    assert elapsed < 60
    assert sorted(o.url for o in r.saved) == [site.url(f"/news/{n}.html") for n in (1, 2, 3, 4)]
    reasons = _reasons(r)
    expected = {
        "/private/5.html": "disallowed by robots.txt", "/missing.html": "HTTP 404", "/slow.html": "timed out",
        "/huge.html": "too large", "/report.pdf": "not an HTML page (application/pdf)",
        "/fake.html": "the body is a PDF document", "/section.html": "index page",
        "/go.html": "disallowed by robots.txt",
    }
    for path, why in expected.items():
        assert why in reasons[site.url(path)], (path, reasons[site.url(path)])
    assert "gave up after 2 attempts" in reasons[site.url("/slow.html")]
    assert reasons["ftp://127.0.0.1/file.html"] == reasons["not a url"] == "not an http(s) URL"
    assert len(r.failed) == len(expected) + 2
    # robots.txt kept the collector away; politeness held
    assert "/private/5.html" not in site.paths()
    assert site.max_in_flight == 1
    assert {h.headers.get("user-agent") for h in site.hits} == {USER_AGENT}
    assert site.paths().count("/slow.html") == 2  # one retry

    # every failed URL is a row of the log with its reason
    with open(out / STATE_DIR / "log.csv", encoding="utf-8", newline="") as f:
        log = {row["url"]: row for row in csv.DictReader(f)}
    for url, why in reasons.items():
        assert (log[url]["status"], log[url]["reason"]) == ("failed", why)

    # the loader reads the folder (the state folder is hidden from it)
    corpus = load_corpus(out, cache=False)
    assert corpus.errors.empty
    arts = corpus.articles.set_index("url")
    assert sorted(arts.index) == [site.url(f"/news/{n}.html") for n in (1, 2, 3, 4)]
    for n in (1, 2, 3, 4):
        row = arts.loc[site.url(f"/news/{n}.html")]
        headline, paras = article(n)
        assert row["title"] == headline and row["text"].split("\n") == [headline, *paras]
        assert str(row["published"])[:10] == "2025-02-13" and row["outlet"] == "موقع الأخبار التجريبي"
        raw = gzip.decompress((out / STATE_DIR / "raw" / f"{row['article_id']}.html.gz").read_bytes())
        assert raw.decode("utf-8") == article_page(n, url=site.url(f"/news/{n}.html"))
    assert len(corpus.events) > 0  # the articles go through the extraction like any other


def test_a_rerun_fetches_nothing_new(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    collect(out, [site.url("/feed.xml")], _urls(site), FAST)
    lines = (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    before = len(site.hits)
    r = collect(out, [site.url("/feed.xml")], _urls(site), FAST)
    again = site.paths()[before:]
    assert (r.saved, r.failed, r.skipped) == ([], [], [])
    assert r.known == 5 + 2  # the listed URLs and the two that are not URLs (the unchanged feed lists nothing)
    assert sorted(again) == ["/feed.xml", "/robots.txt"]  # the feed with If-None-Match: 304
    assert site.hits[-1].headers.get("if-none-match") == '"v1"' or site.hits[-2].headers.get("if-none-match") == '"v1"'
    assert (out / "articles.jsonl").read_text(encoding="utf-8").splitlines() == lines


def test_a_new_feed_item_is_fetched_on_the_next_run(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    feed = site.add("/small.xml", rss([(site.url("/news/1.html"), "أ", DATES[0])]), "application/rss+xml")
    collect(out, [feed], (), FAST)
    site.add("/small.xml", rss([(site.url(f"/news/{n}.html"), "أ", DATES[0]) for n in (1, 2)]), "application/rss+xml")
    before = len(site.hits)
    r = collect(out, [feed], (), FAST)
    assert [o.url for o in r.saved] == [site.url("/news/2.html")]
    assert "/news/1.html" not in site.paths()[before:]
    assert len(load_corpus(out, cache=False).articles) == 2


def test_retry_failed_tries_the_failed_ones_again(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    collect(out, (), [site.url("/missing.html")], FAST)
    site.add("/missing.html", article_page(6))
    assert collect(out, (), [site.url("/missing.html")], FAST).known == 1
    r = collect(out, (), [site.url("/missing.html")], FAST, retry_failed=True)
    assert [o.url for o in r.saved] == [site.url("/missing.html")]


def test_since_skips_old_feed_items_without_fetching_them(site: Site, tmp_path: Path) -> None:
    import datetime as dt

    feed = site.add("/dated.xml", rss([(site.url(f"/news/{n}.html"), "أ", DATES[n - 1]) for n in (1, 2, 3)]),
                    "application/rss+xml")
    r = collect(tmp_path / "c", [feed], (), replace(FAST, since=dt.date(2025, 2, 12)))
    assert sorted(o.url for o in r.saved) == [site.url("/news/1.html"), site.url("/news/2.html")]
    assert [o.reason for o in r.skipped] == ["published 2025-02-10 (feed), before --since 2025-02-12"]
    assert "/news/3.html" not in site.paths()


@pytest.mark.parametrize("keyword", ["ألمانيا", "المانيا", "أَلْمَانِيَا"], ids=["hamza", "bare-alef", "harakat"])
def test_keyword_filter_is_normalised(site: Site, tmp_path: Path, keyword: str) -> None:
    for n in (10, 11):  # article 10 is about Germany (ألمانيا), 11 about France
        site.add(f"/k/{n}.html", article_page(n))
    r = collect(tmp_path / "c", (), [site.url("/k/10.html"), site.url("/k/11.html")],
                replace(FAST, keywords=(keyword,)))
    assert [o.url for o in r.saved] == [site.url("/k/10.html")]
    assert [(o.url, o.reason) for o in r.skipped] == [(site.url("/k/11.html"),
                                                       "none of the keywords in the title or text")]


def test_transient_errors_are_retried_with_backoff(site: Site, tmp_path: Path) -> None:
    url = site.add("/flaky.html", article_page(7), fail_first=2)
    [o] = fetch_articles([url], replace(FAST, retries=2, backoff=0.1))
    assert o.status == "saved"
    times = [h.start for h in site.hits if h.path == "/flaky.html"]
    assert len(times) == 3
    assert times[1] - times[0] >= 0.1 and times[2] - times[1] >= 0.2  # doubled


def test_gives_up_after_the_retries(site: Site) -> None:
    url = site.add("/down.html", "", fail_first=10)
    [o] = fetch_articles([url], replace(FAST, retries=1, backoff=0.01))
    assert (o.status, o.reason) == ("failed", "HTTP 503 (server error); gave up after 2 attempts")


def test_one_host_is_fetched_with_the_delay_between_requests(site: Site) -> None:
    urls = [site.url(f"/news/{n}.html") for n in (1, 2, 3)]
    out = fetch_articles(urls, replace(FAST, delay=0.2, workers=4))
    assert [o.status for o in out] == ["saved"] * 3
    hits = sorted(site.hits, key=lambda h: h.start)
    for a, b in itertools.pairwise(hits):
        assert b.start - a.end >= 0.15  # robots.txt included; the server's clock is the same as ours


def test_robots_crawl_delay_is_respected(site: Site) -> None:
    site.add("/robots.txt", "User-agent: *\nCrawl-delay: 1\nDisallow: /private/\n", "text/plain")
    fetch_articles([site.url("/news/1.html"), site.url("/news/2.html")], FAST)
    hits = site.hits
    assert [h.path for h in hits] == ["/robots.txt", "/news/1.html", "/news/2.html"]
    assert hits[1].start - hits[0].end >= 0.9 and hits[2].start - hits[1].end >= 0.9


def test_unreadable_robots_txt_keeps_the_collector_off_the_host(site: Site) -> None:
    site.add("/robots.txt", "", status=500)
    [o] = fetch_articles([site.url("/news/1.html")], replace(FAST, retries=0))
    assert o.status == "failed" and o.reason.startswith("robots.txt could not be read (HTTP 500")
    assert site.paths() == ["/robots.txt"]


def test_missing_robots_txt_allows_everything(site: Site) -> None:
    del site.routes["/robots.txt"]
    [o] = fetch_articles([site.url("/private/5.html")], FAST)
    assert o.status == "saved"


def test_records_have_the_fields_the_loader_reads(site: Site) -> None:
    [o] = fetch_articles([site.url("/news/2.html")], FAST)
    rec = o.record
    assert rec is not None
    assert rec["id"].startswith("127.0.0.1-") and rec["url"] == site.url("/news/2.html")
    assert (rec["published"], rec["published_basis"], rec["title"]) == ("2025-02-13", "page metadata", article(2)[0])
    assert json.loads(json.dumps(rec, ensure_ascii=False)) == rec


def test_cli(site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# test list\n{site.url('/news/3.html')}\n\n{site.url('/missing.html')}\n", encoding="utf-8")
    out = tmp_path / "c"
    assert main([str(out), "--urls", str(listing), "--delay", "0", "--timeout", "1", "--retries", "0"]) == 0
    captured = capsys.readouterr()
    assert "1 saved, 0 skipped, 1 failed" in captured.out
    assert site.url("/missing.html") in captured.err and "HTTP 404" in captured.err
    with pytest.raises(SystemExit):
        main([str(out)])


@pytest.mark.parametrize(
    ("keyword", "text", "found"),
    [
        pytest.param("الناتو", "أكد الأمين العام للناتو دعمه.", True, id="lil-contraction"),
        pytest.param("الناتو", "وبالناتو ترتبط الخطة.", True, id="wa-bi-clitics"),
        pytest.param("أوكرانيا", "قدمت ألمانيا دعما لأوكرانيا.", True, id="li-clitic"),
        pytest.param("أوكرانيا", "قدمت ألمانيا دعما لاوكرانيا.", True, id="bare-alef-in-text"),
        pytest.param("رامشتاين", "اجتماع رامشتاين الخامس والعشرون", True, id="plain"),
        pytest.param("كرانيا", "دعم أوكرانيا مستمر.", False, id="inside-a-word"),
        pytest.param("روسيا", "قال المسؤول إن الدعم مستمر.", False, id="absent"),
    ],
)
def test_keyword_matching(keyword: str, text: str, found: bool) -> None:
    from dashboard.collect import _keyword_re
    from dashboard.extract.normalize import norm

    rx = _keyword_re([keyword])
    assert rx is not None and (rx.search(norm(text)) is not None) is found
