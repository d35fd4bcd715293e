"""A real `streamlit run` on a free port with a temporary corpus, and Debian chromium driven by Playwright.

Needs: /usr/bin/chromium (apt-get install chromium fonts-noto-core) and the python `playwright` package; no
`playwright install` (the system chromium is used). Every test is marked ``e2e``; they are skipped without
chromium, except in CI (``CI`` set), where a missing browser fails them.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
import app_server  # noqa: E402
from synthetic import write_articles  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
SCRIPT_ARTICLE = "zz_script_article.txt"
SCRIPT_TEXT = ("اختبار عنوان فيه <script>window.__pwned = 1</script> وسم\n\n"
               "قال وزير الدفاع البولندي إن <script>window.__pwned = 2</script> اجتماع مجموعة الاتصال الدفاعية "
               "الخاصة بأوكرانيا عقد في بروكسل يوم 12 فبراير 2025 بمشاركة نحو 50 دولة. "
               '<img src=x onerror="window.__pwned = 3"> وأعلنت ألمانيا عن مساعدات بقيمة 1.5 مليار دولار.\n')

# records without an id (they get "records#1", "records#2") and ids that need encoding in a URL; their outlet and
# URL try Markdown (a tracking image, a link, maths, a backtick)
HOSTILE_OUTLET = "![pixel](http://tracker.invalid/p.png) [click](http://evil.invalid/x) $x^2$ `tick"
HOSTILE_RECORDS = [
    {"title": "سجل بلا معرف أول", "published": "2025-03-05", "outlet": HOSTILE_OUTLET,
     "url": "http://evil.invalid/a`b`)![i](http://tracker.invalid/i.png)",
     "text": "عقد وزراء دفاع بولندا وألمانيا اجتماعا في بروكسل يوم 3 مارس 2025 لبحث دعم أوكرانيا."},
    {"title": "سجل بلا معرف ثان", "published": "2025-03-06", "outlet": HOSTILE_OUTLET,
     "text": "أجرى وزير الدفاع الألماني اتصالا هاتفيا مع نظيره البولندي يوم 4 مارس 2025."},
    {"id": "a+b", "title": "معرف فيه علامة جمع", "published": "2025-03-07",
     "text": "قال وزير الدفاع الفرنسي إن بلاده سترسل مساعدات إلى أوكرانيا يوم 6 مارس 2025."},
    {"id": "x&y", "title": "معرف فيه علامة و", "published": "2025-03-08",
     "text": "أعلنت هولندا يوم 7 مارس 2025 عن حزمة مساعدات عسكرية جديدة لأوكرانيا."},
]

pytestmark = pytest.mark.e2e


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)
            if not os.path.exists(CHROMIUM) and not os.environ.get("CI"):  # in CI a missing browser must fail
                item.add_marker(pytest.mark.skip(reason="needs /usr/bin/chromium (apt-get install chromium)"))


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory) -> Path:
    """The seeds, 24 synthetic articles, and one article that tries to inject script."""
    d = tmp_path_factory.mktemp("corpus")
    write_articles(d, 24, seed=21, extra={SCRIPT_ARTICLE: SCRIPT_TEXT})
    manifest = (d / "manifest.csv").read_text(encoding="utf-8").splitlines()
    for line in (ROOT / "seeds" / "manifest.csv").read_text(encoding="utf-8").splitlines()[1:]:
        manifest.append(line)
    for f in (ROOT / "seeds").glob("*.txt"):
        shutil.copy(f, d / f.name)
    (d / "manifest.csv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    (d / "records.json").write_text(json.dumps(HOSTILE_RECORDS, ensure_ascii=False), encoding="utf-8")
    return d


@pytest.fixture(scope="session")
def script_article_id() -> str:
    return SCRIPT_ARTICLE.removesuffix(".txt")


@pytest.fixture(scope="session")
def app_url(corpus_dir, tmp_path_factory) -> Iterator[str]:
    # pages wait for the first load (the progress page: test_loading_browser)
    yield from served(corpus_dir, tmp_path_factory.mktemp("loader-cache"), tmp_path_factory.mktemp("log"),
                      load_wait="120")


def served(corpus: Path, cache: Path, logs: Path, load_wait: str, preload: bool = True) -> Iterator[str]:
    """The app on ``corpus`` (loader cache in ``cache``, server log in ``logs``) until the generator is closed;
    ``preload=False`` starts reading the corpus on the first visit, not with the server."""
    env = {"BROWSER_PATH": str(ROOT / "bin" / "chromium-offline"), "RAMSTEIN_CACHE": str(cache),
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "PYTHONUNBUFFERED": "1", "RAMSTEIN_LOAD_WAIT": load_wait}
    log = logs / "streamlit.log"
    with log.open("wb") as out:
        proc, url = app_server.start(corpus, env, out, preload=preload)
    try:
        app_server.wait_healthy(proc, url, timeout=60, log=log)
        yield url
    finally:
        app_server.stop(proc)


@pytest.fixture(scope="session")
def pw_browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


LOCAL = ("http://127.0.0.1", "http://localhost", "data:", "blob:", "about:")


@pytest.fixture
def page(pw_browser):
    """A fresh browser context (a new Streamlit session) that blocks every non-local request."""
    ctx = pw_browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    blocked: list[str] = []

    def route(r):
        if r.request.url.startswith(LOCAL):
            return r.continue_()
        blocked.append(r.request.url)
        return r.abort()

    ctx.route("**/*", route)
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    pg.blocked = blocked  # type: ignore[attr-defined]
    yield pg
    ctx.close()
