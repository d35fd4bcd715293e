"""AppTest: every page runs on the seeds, an empty folder and a folder of bad files; each filter changes what every
page shows; the URL carries the filters both ways. No browser here (see tests/e2e for that)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from synthetic import make_corpus

from dashboard import export
from dashboard.views import common

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
PAGES = ["views/overview.py", "views/aid.py", "views/attendance.py", "views/timeline.py", "views/articles.py",
         "views/data.py"]
BAD_FILES = {
    "empty.txt": b"",
    "binary.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    "broken.json": b'{"id": "x", "text": "\xd8\xa7\xd8\xac',
    "broken.jsonl": b'{"id": "a", "text": 1}\n{not json\n',
    "no_text.csv": b"id,title\n1,\xd8\xb9\xd9\x86\xd9\x88\xd8\xa7\xd9\x86\n",
    "latin.txt": b"Just English text, no Arabic at all.\n",
}


def _no_png(*_a, **_k):
    raise AssertionError("AppTest must not render PNGs (they render on click only)")


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    common.load.clear()
    common.signature.clear()
    monkeypatch.setattr(export, "figure_png", _no_png)
    monkeypatch.delenv("RAMSTEIN_CORPUS", raising=False)
    yield
    common.load.clear()


def app_on(path: Path, monkeypatch, params: dict | None = None) -> AppTest:
    monkeypatch.setenv("RAMSTEIN_CORPUS", str(path))
    at = AppTest.from_file(str(APP), default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    return at.run()


@pytest.fixture(scope="module")
def synth():
    return make_corpus(300, seed=5)


@pytest.fixture
def synth_app(synth, monkeypatch, tmp_path):
    monkeypatch.setattr(common, "read_corpus", lambda _p: synth)
    return lambda params=None: app_on(tmp_path, monkeypatch, params)


def no_exception(at: AppTest, where: str) -> None:
    assert not at.exception, f"{where}: {[e.value for e in at.exception]}"


def metric(at: AppTest, label_start: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label_start))


def snapshot(at: AppTest) -> str:
    """A digest of what a page shows: metrics, tables, charts, choices."""
    parts = [
        [(m.label, m.value) for m in at.metric],
        [df.value.to_json(date_format="iso", default_handler=str) for df in at.dataframe],
        [json.loads(el.proto.spec)["data"] for el in at.get("plotly_chart")],
        [(s.label, list(s.options)) for s in at.selectbox],
        [c.value for c in at.caption],
    ]
    return hashlib.sha1(json.dumps(parts, default=str, ensure_ascii=False).encode()).hexdigest()


# ---------------------------------------------------------------------------------------------------------------------
# every page on real folders, through the real loader


def _bad_folder(tmp_path: Path) -> Path:
    d = tmp_path / "bad"
    d.mkdir()
    for name, data in BAD_FILES.items():
        (d / name).write_bytes(data)
    return d


@pytest.mark.parametrize("kind", ["seeds", "empty", "bad"])
def test_every_page_runs(kind, tmp_path, monkeypatch):
    path = {"seeds": ROOT / "seeds", "empty": tmp_path, "bad": None}[kind] or _bad_folder(tmp_path)
    at = app_on(path, monkeypatch)
    no_exception(at, f"{kind}/overview")
    assert not at.error, [e.value for e in at.error]  # the loader itself worked
    articles = int(metric(at, "Articles").replace(",", ""))
    not_read = int(metric(at, "Files not read").replace(",", ""))
    if kind == "seeds":
        assert articles == 5 and not_read == 0
        assert int(metric(at, "Events").replace(",", "")) > 0
    elif kind == "empty":
        assert articles == 0 and not_read == 0
    else:
        assert articles == 0 and not_read >= len(BAD_FILES) - 1  # each bad file is reported with a reason
    for page in PAGES[1:]:
        at.switch_page(page).run()
        no_exception(at, f"{kind}/{page}")
        assert at.title, page
    if kind == "seeds":
        at.switch_page("views/aid.py").run()
        assert at.get("plotly_chart"), "aid charts"


def test_every_page_runs_with_every_filter_on_seeds(tmp_path, monkeypatch):
    at = app_on(ROOT / "seeds", monkeypatch)
    at.multiselect(key="f_countries").set_value(at.multiselect(key="f_countries").options[:2])
    at.date_input(key="f_dates").set_value((dt.date(2022, 1, 1), dt.date(2025, 12, 31)))
    at.multiselect(key="f_types").set_value(["udcg_meeting"])
    at.run()
    for page in PAGES:
        at.switch_page(page).run()
        no_exception(at, page)


def test_every_page_runs_without_dates(monkeypatch, tmp_path):
    """Articles with no publication date, amounts with no date, half the events undated."""
    c = make_corpus(60, seed=8)
    c.articles["published"] = pd.NaT
    c.amounts["date_start"] = pd.NaT
    c.events.loc[c.events.index[::2], "date_start"] = pd.NaT
    monkeypatch.setattr(common, "read_corpus", lambda _p: c)
    at = app_on(tmp_path, monkeypatch)
    for page in PAGES:
        at.switch_page(page).run()
        no_exception(at, page)
    at.date_input(key="f_dates").set_value((dt.date(2023, 1, 1), dt.date(2023, 12, 31))).run()
    for page in PAGES:
        at.switch_page(page).run()
        no_exception(at, f"dated {page}")


# ---------------------------------------------------------------------------------------------------------------------
# filters change every page


def _filter_changes(at: AppTest, set_filter) -> dict[str, tuple[str, str]]:
    out = {}
    for page in PAGES:
        at.switch_page(page).run()
        no_exception(at, page)
        out[page] = (snapshot(at),)
    set_filter(at)
    for page in PAGES:
        at.switch_page(page).run()
        no_exception(at, page)
        out[page] = (*out[page], snapshot(at))
    return out


@pytest.mark.parametrize("which", ["countries", "dates", "types"])
def test_each_filter_changes_every_page(which, synth_app):
    at = synth_app()
    setters = {
        "countries": lambda a: a.multiselect(key="f_countries").set_value(["POL"]),
        "dates": lambda a: a.date_input(key="f_dates").set_value((dt.date(2023, 1, 1), dt.date(2023, 12, 31))),
        "types": lambda a: a.multiselect(key="f_types").set_value(["udcg_meeting", "nato_meeting"]),
    }
    changes = _filter_changes(at, setters[which])
    same = [p for p, (before, after) in changes.items() if before == after]
    assert not same, f"{which} filter did not change: {same}"


def test_country_filter_reduces_counts(synth_app, synth):
    at = synth_app()
    assert metric(at, "Articles") == f"{len(synth.articles):,}"
    at.multiselect(key="f_countries").set_value(["POL"]).run()
    assert 0 < int(metric(at, "Articles")) < len(synth.articles)
    assert 0 < int(metric(at, "Events")) < len(synth.events)
    assert metric(at, "Countries") == "1"


def test_filters_survive_page_switches(synth_app):
    at = synth_app()
    at.multiselect(key="f_countries").set_value(["DEU"]).run()
    for page in PAGES:
        at.switch_page(page).run()
        assert at.multiselect(key="f_countries").value == ["DEU"], page
        assert at.query_params.get("countries") in ("DEU", ["DEU"]), page


def test_arabic_chart_labels(synth_app):
    at = synth_app()
    at.radio(key="f_lang").set_value("ar").run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"] == "الأحداث شهريا حسب النوع"
    assert spec["layout"]["hoverlabel"]["align"] == "right"


# ---------------------------------------------------------------------------------------------------------------------
# URL


def _qp(at: AppTest) -> dict[str, str]:
    return {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def test_url_round_trip(synth_app):
    at = synth_app()
    at.multiselect(key="f_countries").set_value(["POL", "GBR"])
    at.date_input(key="f_dates").set_value((dt.date(2023, 2, 1), dt.date(2024, 3, 31)))
    at.multiselect(key="f_types").set_value(["udcg_meeting"])
    at.radio(key="f_lang").set_value("ar")
    at.run()
    at.switch_page("views/attendance.py").run()
    url = _qp(at)
    assert url == {"countries": "POL,GBR", "from": "2023-02-01", "to": "2024-03-31", "types": "udcg_meeting",
                   "lang": "ar"}
    shown = snapshot(at)
    # a copied link reopens the same view in a new session
    again = synth_app(url)
    again.switch_page("views/attendance.py").run()
    assert again.multiselect(key="f_countries").value == ["POL", "GBR"]
    assert again.date_input(key="f_dates").value == (dt.date(2023, 2, 1), dt.date(2024, 3, 31))
    assert again.multiselect(key="f_types").value == ["udcg_meeting"]
    assert snapshot(again) == shown


def test_clearing_filters_clears_the_url(synth_app):
    at = synth_app({"countries": "POL", "types": "phone_call"})
    assert at.multiselect(key="f_countries").value == ["POL"]
    at.button(key="f_clear").click().run()
    assert at.multiselect(key="f_countries").value == []
    assert "countries" not in _qp(at) and "types" not in _qp(at)


def test_bad_url_values_are_ignored(synth_app):
    at = synth_app({"countries": "POL,<script>,zz", "from": "not-a-date", "types": "nope_type"})
    no_exception(at, "overview")
    assert at.multiselect(key="f_countries").value == ["POL"]


def test_article_page_follows_url(synth_app, synth):
    aid = synth.articles["article_id"].iloc[7]
    at = synth_app()
    at.switch_page("views/articles.py").run()
    first = at.selectbox(key="art_pick").value
    assert first != aid and _qp(at)["article"] == first
    at.query_params["article"] = aid  # as when a link to the page is opened
    at.run()
    assert at.selectbox(key="art_pick").value == aid
    at.switch_page("views/data.py").run()
    assert "article" not in _qp(at)  # the choice belongs to the Articles page only


# ---------------------------------------------------------------------------------------------------------------------
# PNG availability, uploads


def test_without_chromium_the_buttons_say_how(synth_app, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    at = synth_app()
    assert any("apt-get install" in i.value for i in at.info)
    buttons = at.get("download_button")
    assert buttons and all(b.proto.disabled for b in buttons)
    assert all("apt-get install" in b.proto.help for b in buttons)


def test_with_chromium_buttons_are_ready_but_nothing_rendered(synth_app, monkeypatch):
    monkeypatch.setattr(export, "png_status", lambda: (True, ""))
    at = synth_app()
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download PNG" in labels and any(lbl.startswith("All charts as ZIP") for lbl in labels)
    assert not any(b.proto.disabled for b in at.get("download_button"))


def test_merge_uploads_reports_duplicates(synth):
    up = make_corpus(3, seed=5)  # same ids as the first articles of synth
    merged = common.merge_uploads(synth, up)
    assert len(merged.articles) == len(synth.articles)
    assert merged.errors["error"].str.contains("already in the corpus").sum() == 3
    fresh = make_corpus(3, seed=9)
    fresh.articles["article_id"] = "up_" + fresh.articles["article_id"]
    for name in ("events", "participants", "amounts", "mentions", "spans"):
        getattr(fresh, name)["article_id"] = "up_" + getattr(fresh, name)["article_id"]
    merged = common.merge_uploads(synth, fresh)
    assert len(merged.articles) == len(synth.articles) + 3
    assert str(merged.events["event_type"].dtype) == "category"


@pytest.mark.parametrize(("argv", "env", "expected"), [
    pytest.param([], None, ROOT / "seeds", id="default-seeds"),
    pytest.param(["--corpus", "/data/x"], None, Path("/data/x"), id="argument"),
    pytest.param([], "/data/y", Path("/data/y"), id="env"),
    pytest.param(["--corpus", "/data/x"], "/data/y", Path("/data/x"), id="argument-wins"),
    pytest.param(["--co", "-q"], None, ROOT / "seeds", id="pytest-flags-not-taken-for-corpus"),
])
def test_corpus_path(argv, env, expected, monkeypatch):
    if env:
        monkeypatch.setenv("RAMSTEIN_CORPUS", env)
    assert common.corpus_path(argv) == expected


def test_add_articles_by_url(monkeypatch):
    """The sidebar's "Add articles by URL" fetches with the collector (a local site here) for the session."""
    from tests.webpages import article, article_page
    from tests.webserver import Site

    monkeypatch.setattr(common, "URL_SETTINGS_DELAY", 0.0)
    with Site() as site:
        good = site.add("/a.html", article_page(1, url=site.url("/a.html")))
        at = app_on(ROOT / "seeds", monkeypatch)
        n_base = int(at.session_state["_ctx"].full.articles.shape[0])
        at.text_area(key="url_links").input(f"{good}\n{site.url('/missing.html')}\nnot a link")
        at.button(key="url_fetch").click().run()
    assert not at.exception
    full = at.session_state["_ctx"].full.articles
    assert len(full) == n_base + 1 and article(1)[0] in set(full["title"])
    texts = [t.value for t in at.text]
    assert f"{site.url('/missing.html')}: HTTP 404 (not found)" in texts and "not a link: not an http(s) URL" in texts
    assert any("1 articles added" in c.value for c in at.caption)
