"""Dashboard benchmark.

1. Start-up: wall time from launching ``streamlit run dashboard/app.py`` to the first chart drawn in a real browser
   (Playwright + /usr/bin/chromium), on the seeds and on a folder of N synthetic .txt articles (through the real
   loader; cold = empty loader cache, warm = second start).
2. Filter change: server time of one rerun after a filter change, per page, on 10,000 synthetic articles (tables
   built directly, so only the dashboard is measured), via streamlit's AppTest, plus ``filters.apply`` alone.

    .venv/bin/python scripts/bench_app.py                # both parts (about 2 minutes on 2 cores)
    .venv/bin/python scripts/bench_app.py --skip-browser --articles 10000
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import app_server  # noqa: E402  (tests/app_server.py: the same server start as the browser tests)

PAGES = ["views/overview.py", "views/aid.py", "views/attendance.py", "views/timeline.py", "views/articles.py",
         "views/data.py"]


def startup(corpus: Path, cache: Path) -> dict[str, float]:
    """Seconds from Popen to: health ok, first metric shown, first chart's SVG in the page."""
    from playwright.sync_api import sync_playwright

    env = {"RAMSTEIN_CACHE": str(cache), "BROWSER_PATH": str(ROOT / "bin" / "chromium-offline")}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        t0 = time.perf_counter()
        proc, url = app_server.start(corpus, env)
        try:
            app_server.wait_healthy(proc, url, timeout=600)
            t_health = time.perf_counter() - t0
            page.goto(url)
            page.get_by_test_id("stMetric").first.wait_for(timeout=600_000)
            t_first = time.perf_counter() - t0
            page.get_by_test_id("stPlotlyChart").first.locator(".main-svg").first.wait_for(timeout=600_000)
            t_chart = time.perf_counter() - t0
        finally:
            app_server.stop(proc)
            browser.close()
    return {"health": t_health, "first_content": t_first, "first_chart": t_chart}


def filter_change(n: int, repeats: int) -> None:
    from streamlit.testing.v1 import AppTest
    from synthetic import make_corpus

    from dashboard import export, filters
    from dashboard.filters import Filters
    from dashboard.views import common

    t = time.perf_counter()
    corpus = make_corpus(n, seed=1)
    print(f"synthetic corpus: {n:,} articles, {len(corpus.events):,} events, {len(corpus.participants):,} "
          f"participants, {len(corpus.spans):,} spans (built in {time.perf_counter() - t:.1f} s)")
    times = []
    for _ in range(20):
        t = time.perf_counter()
        filters.apply(corpus, Filters(countries=("POL",), date_from=dt.date(2023, 1, 1), event_types=("udcg_meeting",)))
        times.append(time.perf_counter() - t)
    print(f"filters.apply alone: median {statistics.median(times) * 1000:.1f} ms")

    common.read_corpus = lambda _p: corpus
    export.png_status = lambda: (True, "")
    os.environ["RAMSTEIN_CORPUS"] = tempfile.mkdtemp(prefix="bench-")
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=120)
    t = time.perf_counter()
    at.run()
    print(f"first run (corpus handed over, options, overview): {time.perf_counter() - t:.2f} s")
    choices = [["POL"], ["DEU"], ["POL", "GBR"], []]
    print(f"{'page':<22}{'median s':>10}{'max s':>8}   (rerun after a country-filter change, {repeats} runs)")
    worst = 0.0
    for page in PAGES:
        at.switch_page(page).run()
        runs = []
        for i in range(repeats):
            at.multiselect(key="f_countries").set_value(choices[i % len(choices)])
            t = time.perf_counter()
            at.run()
            runs.append(time.perf_counter() - t)
            assert not at.exception, at.exception
        worst = max(worst, statistics.median(runs))
        print(f"{page:<22}{statistics.median(runs):>10.3f}{max(runs):>8.3f}")
    print(f"slowest page median: {worst:.3f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000, help="synthetic articles for both parts")
    ap.add_argument("--startup-articles", type=int, default=1_000,
                    help="synthetic .txt articles for the start-up test through the loader (0: seeds only)")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--skip-browser", action="store_true")
    args = ap.parse_args()
    if not args.skip_browser:
        from synthetic import write_articles

        with tempfile.TemporaryDirectory(prefix="bench-cache-") as cache:
            for label, folder in [("seeds", ROOT / "seeds")] + (
                    [(f"{args.startup_articles:,} synthetic", None)] if args.startup_articles else []):
                if folder is None:
                    folder = write_articles(Path(tempfile.mkdtemp(prefix="bench-corpus-")), args.startup_articles)
                for state in ("cold", "warm"):
                    r = startup(folder, Path(cache))
                    print(f"start-up {label:<18} {state}: health {r['health']:.2f} s, first content "
                          f"{r['first_content']:.2f} s, first chart visible {r['first_chart']:.2f} s")
    filter_change(args.articles, args.repeats)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
