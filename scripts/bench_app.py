"""Dashboard benchmark.

1. Start-up: wall time from launching ``streamlit run dashboard/app.py`` to the first chart drawn in a real browser
   (Playwright + /usr/bin/chromium), on the seeds and on a folder of N synthetic .txt articles (through the real
   loader; cold = empty loader cache, warm = second start).
2. Filter change: server time of one rerun after a filter change, per page, on 10,000 synthetic articles (tables
   built directly, so only the dashboard is measured), via streamlit's AppTest, plus ``filters.apply`` alone.
3. Browser settle time per page (``--settle-articles 10000``): first, the time to the first chart when the server
   has just started, in a new browser and in one that opened the app before; then one server on N synthetic .txt
   articles (parsed into the loader cache first), one browser tab; for each page, the time from clicking it in the
   sidebar until it has settled (script finished, every chart drawn), then from choosing a country until it has
   settled again.
4. Concurrent sessions (``--sessions 8``): one server on N synthetic .txt articles, eight browser tabs (each its own
   session) doing page switches and country-filter changes at the same time; latency of each action from the click
   until the page has settled (URL updated, script finished, charts drawn), median and 90th percentile, and the
   server's peak resident memory.

    .venv/bin/python scripts/bench_app.py                # parts 1 and 2 (about 2 minutes on 2 cores)
    .venv/bin/python scripts/bench_app.py --skip-browser --articles 10000
    .venv/bin/python scripts/bench_app.py --only-sessions --sessions 8 --session-articles 2000
    .venv/bin/python scripts/bench_app.py --only-settle --settle-articles 10000
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

PAGES = ["views/overview.py", "views/aid.py", "views/systems.py", "views/attendance.py", "views/timeline.py",
         "views/meeting.py", "views/articles.py", "views/data.py"]


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
    print(f"memory after building the corpus: {_rss_mb():.0f} MB resident")
    common.read_corpus = lambda _p, _s=None: corpus
    export.png_status = lambda: (True, "")
    os.environ["RAMSTEIN_CORPUS"] = tempfile.mkdtemp(prefix="bench-")
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=120)
    t = time.perf_counter()
    at.run()
    print(f"first run (corpus handed over, options, overview): {time.perf_counter() - t:.2f} s")
    choices = [["POL"], ["DEU"], ["POL", "GBR"], []]
    print(f"{'page':<22}{'median s':>10}{'max s':>8}{'RSS MB':>9}{'peak MB':>9}   (rerun after a country-filter "
          f"change, {repeats} runs; memory of this process after the page's runs, and its peak so far)")
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
        print(f"{page:<22}{statistics.median(runs):>10.3f}{max(runs):>8.3f}{_rss_mb():>9.0f}{_peak_mb():>9.0f}")
    print(f"slowest page median: {worst:.3f} s")
    tables = corpus.tables()
    for label, make in [("Excel of all tables", lambda: export.excel_bytes(tables)),
                        ("Parquet ZIP of all tables", lambda: export.parquet_zip(tables)),
                        ("CSV of events", lambda: export.csv_bytes(tables["events"])),
                        ("CSV of articles (with text)", lambda: export.csv_bytes(tables["articles"]))]:
        t = time.perf_counter()
        size = len(make())
        print(f"export, {label}: {time.perf_counter() - t:.2f} s, {size / 1e6:.1f} MB")


SETTLED_JS = """() => !document.querySelector('[data-testid="stStatusWidget"]')
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('.main-svg'))"""


def _rss_mb() -> float:
    """Resident memory of this process now."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def _peak_rss_mb(pid: int) -> float:
    """The process's peak resident set (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _session(browser, url: str, k: int, actions: int, out: list[tuple[str, float]]) -> None:
    """One tab: open the app, then alternate page switches and country changes, timing each until settled."""
    import re

    ctx = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await ctx.new_page()
    page.set_default_timeout(120_000)
    await page.goto(url)
    await page.get_by_test_id("stPlotlyChart").first.locator(".main-svg").first.wait_for()
    await page.wait_for_function(SETTLED_JS)
    pages = ["Aid totals", "Attending countries", "Ramstein timeline", "Overview"]
    countries = ["POL", "DEU", "GBR", "FRA", "USA", "NLD"]
    for i in range(actions):
        t = time.perf_counter()
        if i % 2 == 0:
            kind = "page switch"
            await page.get_by_test_id("stSidebarNav").get_by_text(pages[(i // 2 + k) % len(pages)]).first.click()
        else:
            kind = "country filter"
            code = countries[(i // 2 + k) % len(countries)]
            box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
            await box.locator("input").first.fill(code)  # fill, not keyboard typing: tabs run side by side
            await page.get_by_role("option").filter(has_text=re.compile(code)).first.click()
            await box.locator("input").first.press("Escape")
            await page.wait_for_url(re.compile(f"countries=[^&]*{code}"))
        await page.wait_for_timeout(50)
        await page.wait_for_function(SETTLED_JS, polling=50)
        out.append((kind, time.perf_counter() - t - 0.05))
        print(f"  session {k} action {i} ({kind}): {out[-1][1]:.2f} s", flush=True)
    await ctx.close()


NEW_TITLE_JS = "(old) => { const h = document.querySelector('h1'); return !!h && h.innerText !== old; }"
PAGE_LABELS = ["Overview", "Aid totals", "What is given", "Attending countries", "Ramstein timeline", "Meeting",
               "Articles", "Data"]


def _warm_server(n_articles: int) -> tuple[object, str, Path]:
    """A server on ``n_articles`` synthetic .txt articles whose loader cache is already filled."""
    from synthetic import write_articles

    folder = write_articles(Path(tempfile.mkdtemp(prefix="bench-settle-")), n_articles)
    cache = tempfile.mkdtemp(prefix="bench-cache-")
    t = time.perf_counter()
    os.environ["RAMSTEIN_CACHE"] = cache
    from dashboard.loader import load_corpus
    load_corpus(folder)
    print(f"parsed {n_articles:,} articles into the loader cache in {time.perf_counter() - t:.1f} s", flush=True)
    time.sleep(2.1)  # files written just before the parse are hashed once more on the next load (cache.RACY_NS);
    load_corpus(folder)  # an archive older than 2 s never is: settle that here, as the server would on its first day
    proc, url = app_server.start(folder, {"RAMSTEIN_CACHE": cache,
                                          "BROWSER_PATH": str(ROOT / "bin" / "chromium-offline")})
    app_server.wait_healthy(proc, url, timeout=600)
    return proc, url, folder


def first_visits(n_articles: int) -> None:
    """Time to the first chart when the server has just started on a cached corpus: in a browser that never opened
    the app, and in one that did before (its HTTP cache holds the app's scripts), with the server restarted on the
    same port in between."""
    from playwright.sync_api import sync_playwright

    port = app_server.free_port()
    start = app_server.free_port
    app_server.free_port = lambda: port  # type: ignore[assignment]  # same origin: the browser's cache applies
    profile = tempfile.mkdtemp(prefix="bench-profile-")
    try:
        proc, url, folder = _warm_server(n_articles)
        for label in ("a browser that never opened the app", "the same browser, server restarted"):
            if proc is None:
                proc, url = app_server.start(folder, {"RAMSTEIN_CACHE": os.environ["RAMSTEIN_CACHE"],
                                                      "BROWSER_PATH": str(ROOT / "bin" / "chromium-offline")})
                app_server.wait_healthy(proc, url, timeout=600)
            try:
                with sync_playwright() as p:
                    ctx = p.chromium.launch_persistent_context(
                        profile, executable_path="/usr/bin/chromium", headless=True,
                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
                        viewport={"width": 1400, "height": 1000})
                    page = ctx.new_page()
                    t = time.perf_counter()
                    page.goto(url)
                    page.get_by_test_id("stPlotlyChart").first.locator(".main-svg").first.wait_for(timeout=600_000)
                    print(f"first chart on {n_articles:,} articles, {label}: {time.perf_counter() - t:.2f} s",
                          flush=True)
                    ctx.close()
            finally:
                app_server.stop(proc)
                proc = None
    finally:
        app_server.free_port = start


def settle(n_articles: int, repeats: int) -> None:
    """Browser-side settle time per page: page switch, then a country-filter change."""
    import re

    from playwright.sync_api import sync_playwright

    proc, url, _folder = _warm_server(n_articles)
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(int(os.environ.get("BENCH_TIMEOUT_MS", "600000")))
            t = time.perf_counter()
            page.goto(url)
            page.get_by_test_id("stPlotlyChart").first.locator(".main-svg").first.wait_for()
            page.wait_for_function(SETTLED_JS)
            print(f"first visit, server warm (corpus handed over, first chart drawn): {time.perf_counter() - t:.2f} s")
            codes = ["POL", "DEU", "GBR", "FRA", "USA", "NLD"]
            for label in PAGE_LABELS[1:] + PAGE_LABELS[:1]:
                print(f"  {label} …", flush=True)
                switch, change = [], []
                for r in range(repeats):
                    other = PAGE_LABELS[0] if label != PAGE_LABELS[0] else PAGE_LABELS[1]
                    page.get_by_test_id("stSidebarNav").get_by_text(other).first.click()
                    page.wait_for_timeout(50)
                    page.wait_for_function(SETTLED_JS, polling=20)
                    old = page.locator("h1").first.inner_text()
                    t = time.perf_counter()
                    page.get_by_test_id("stSidebarNav").get_by_text(label).first.click()
                    page.wait_for_function(NEW_TITLE_JS, arg=old, polling=20)
                    page.wait_for_timeout(50)
                    page.wait_for_function(SETTLED_JS, polling=20)
                    switch.append(time.perf_counter() - t - 0.05)
                    code = codes[r % len(codes)]
                    box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
                    box.click()
                    box.locator("input").first.fill(code)
                    option = page.get_by_role("option").filter(has_text=re.compile(code)).first
                    t = time.perf_counter()
                    try:
                        option.click()
                    except Exception:
                        page.screenshot(path="/tmp/bench_fail.png")
                        raise
                    page.wait_for_url(re.compile(f"countries=[^&]*{code}"))
                    page.wait_for_timeout(50)
                    page.wait_for_function(SETTLED_JS, polling=20)
                    change.append(time.perf_counter() - t - 0.05)
                    page.goto(url)  # back to no filter (a fresh session)
                    page.get_by_test_id("stPlotlyChart").first.locator(".main-svg").first.wait_for()
                    page.wait_for_function(SETTLED_JS)
                print(f"  {label}: open {switch[-1]:.2f} s, country {change[-1]:.2f} s", flush=True)
                rows.append((label, statistics.median(switch), max(switch), statistics.median(change), max(change)))
            browser.close()
    finally:
        app_server.stop(proc)
    print(f"browser settle time on {n_articles:,} articles ({repeats} runs each), seconds")
    print(f"{'page':<22}{'open: median':>14}{'max':>7}{'country: median':>17}{'max':>7}")
    for label, sm, sx, cm, cx in rows:
        print(f"{label:<22}{sm:>14.2f}{sx:>7.2f}{cm:>17.2f}{cx:>7.2f}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")


def sessions(n_articles: int, n_sessions: int, actions: int) -> None:
    import asyncio

    from playwright.async_api import async_playwright
    from synthetic import write_articles

    folder = write_articles(Path(tempfile.mkdtemp(prefix="bench-sessions-")), n_articles)
    cache = tempfile.mkdtemp(prefix="bench-cache-")
    env = {"RAMSTEIN_CACHE": cache, "BROWSER_PATH": str(ROOT / "bin" / "chromium-offline")}
    t = time.perf_counter()
    os.environ["RAMSTEIN_CACHE"] = cache  # parse once into the loader's cache: the server then starts warm
    from dashboard.loader import load_corpus
    load_corpus(folder)
    print(f"parsed {n_articles:,} articles into the loader cache in {time.perf_counter() - t:.1f} s", flush=True)
    proc, url = app_server.start(folder, env)
    results: list[tuple[str, float]] = []
    try:
        app_server.wait_healthy(proc, url, timeout=600)

        async def run() -> float:
            async with async_playwright() as p:
                browser = await p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                                  args=["--no-sandbox", "--disable-gpu",
                                                        "--disable-background-networking"])
                warm = await browser.new_page()  # the first visit parses the corpus; not counted
                t = time.perf_counter()
                await warm.goto(url)
                await warm.get_by_test_id("stPlotlyChart").first.locator(".main-svg").first.wait_for(
                    timeout=900_000)
                first = time.perf_counter() - t
                await warm.close()
                await asyncio.gather(*(_session(browser, url, k, actions, results) for k in range(n_sessions)))
                await browser.close()
                return first

        first = asyncio.run(run())
        peak = _peak_rss_mb(proc.pid)
    finally:
        app_server.stop(proc)
    lat = sorted(x for _k, x in results)
    p90 = lat[min(len(lat) - 1, round(0.9 * (len(lat) - 1)))]
    print(f"{n_sessions} sessions at once on {n_articles:,} articles (first visit, parse included: {first:.1f} s)")
    print(f"  {len(lat)} actions: median {statistics.median(lat):.2f} s, 90th percentile {p90:.2f} s, "
          f"max {lat[-1]:.2f} s")
    for kind in ("page switch", "country filter"):
        xs = sorted(x for k, x in results if k == kind)
        print(f"  {kind:<15} median {statistics.median(xs):.2f} s, max {xs[-1]:.2f} s")
    print(f"  server peak resident memory: {peak:,.0f} MB")
    print(f"  load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000, help="synthetic articles for both parts")
    ap.add_argument("--startup-articles", type=int, default=1_000,
                    help="synthetic .txt articles for the start-up test through the loader (0: seeds only)")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--skip-browser", action="store_true")
    ap.add_argument("--sessions", type=int, default=0, help="concurrent browser sessions for part 3 (0: skip)")
    ap.add_argument("--session-articles", type=int, default=2_000)
    ap.add_argument("--session-actions", type=int, default=8, help="actions per session")
    ap.add_argument("--only-sessions", action="store_true", help="part 4 only")
    ap.add_argument("--settle-articles", type=int, default=0, help="articles for part 3 (0: skip)")
    ap.add_argument("--only-settle", action="store_true", help="part 3 only")
    args = ap.parse_args()
    if args.only_settle:
        first_visits(args.settle_articles or 10_000)
        settle(args.settle_articles or 10_000, args.repeats)
        return 0
    if args.only_sessions:
        sessions(args.session_articles, args.sessions or 8, args.session_actions)
        return 0
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
    if args.settle_articles:
        first_visits(args.settle_articles)
        settle(args.settle_articles, args.repeats)
    if args.sessions:
        sessions(args.session_articles, args.sessions, args.session_actions)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
