"""Collector benchmark: pages per second from a loopback web site, per-host delay 0.

Serves N Arabic article pages (tests/webpages.py) and an RSS feed of them from 127.0.0.1 (tests/webserver.py: the same
site the collector's tests use), runs ``dashboard.collect.collect`` into a temporary folder with ``delay=0`` and
prints articles per second (fetching, robots.txt, extraction with trafilatura, writing JSON Lines and the gzipped raw
HTML). One host, so one request at a time: this measures the collector's own cost per page, not the network.

    .venv/bin/python scripts/bench_collect.py [--pages 300] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from dashboard.collect import Settings, collect  # noqa: E402
from tests.webpages import article, article_page, rss  # noqa: E402
from tests.webserver import Site  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pages", type=int, default=300)
    p.add_argument("--repeat", type=int, default=3)
    a = p.parse_args()
    rates = []
    with Site() as site:
        site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
        items = []
        for n in range(a.pages):
            url = site.add(f"/news/{n}.html", article_page(n, url=site.url(f"/news/{n}.html")))
            items.append((url, article(n)[0], "Thu, 13 Feb 2025 09:30:00 +0300"))
        feed = site.add("/feed.xml", rss(items), "application/rss+xml")
        settings = Settings(delay=0.0, timeout=10.0, retries=0)
        for _ in range(a.repeat):
            with tempfile.TemporaryDirectory() as tmp:
                t0 = time.perf_counter()
                r = collect(Path(tmp) / "c", [feed], (), settings)
                dt = time.perf_counter() - t0
                assert len(r.saved) == a.pages, (len(r.saved), [o.reason for o in r.failed][:3])
                rates.append(a.pages / dt)
                print(f"{a.pages} pages in {dt:.2f} s: {a.pages / dt:.1f} pages/s")
    print(f"median: {statistics.median(rates):.1f} pages/s (loopback, one host, delay 0)")


if __name__ == "__main__":
    main()
