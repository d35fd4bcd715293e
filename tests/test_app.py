"""AppTest: every page runs on the seeds, an empty folder and a folder of bad files; each filter changes what every
page shows; the URL carries the filters both ways. No browser here (see tests/e2e for that)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from synthetic import make_corpus

from dashboard import export, filters
from dashboard.views import common

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
PAGES = ["views/overview.py", "views/aid.py", "views/attendance.py", "views/timeline.py", "views/meeting.py",
         "views/articles.py",
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
    monkeypatch.setenv("RAMSTEIN_LOAD_WAIT", "600")  # pages wait for the load (its progress page: test_loading)
    common.load.clear()
    common._filtered.clear()
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
    monkeypatch.setattr(common, "read_corpus", lambda _p, _s=None: synth)
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
    monkeypatch.setattr(common, "read_corpus", lambda _p, _s=None: c)
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


@pytest.mark.parametrize("which", ["countries", "dates", "types", "outlets"])
def test_each_filter_changes_every_page(which, synth_app):
    at = synth_app()
    setters = {
        "countries": lambda a: a.multiselect(key="f_countries").set_value(["POL"]),
        "dates": lambda a: a.date_input(key="f_dates").set_value((dt.date(2023, 1, 1), dt.date(2023, 12, 31))),
        "types": lambda a: a.multiselect(key="f_types").set_value(["udcg_meeting", "nato_meeting"]),
        "outlets": lambda a: a.multiselect(key="f_outlets").set_value(["news.example"]),
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
    buttons = [b for b in at.get("download_button") if not b.key.startswith("dl_")]  # PNG and ZIP, not CSV
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
    assert any("1 article added" in c.value for c in at.caption)


# ---------------------------------------------------------------------------------------------------------------------
# values from files are text, ids in URLs are encoded, uploads are checked by the server (issue 8)

HOSTILE_OUTLET = "![pixel](http://tracker.invalid/p.png) [click](http://evil.invalid/x) $x^2$ `tick :red[red]"
HOSTILE_URL = "http://evil.invalid/a`b`)![i](http://tracker.invalid/i.png)"
HOSTILE_IDS = ["records#1", "a+b", "x&y", "100%", "q?=1&article=other", "tick`id`"]
MARKDOWN_ELEMENTS = ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader",
                     "latex", "code")


def _rename_articles(c, mapping: dict[str, str]):
    """The corpus with some article ids replaced (in every table that carries them)."""
    for name in ("articles", "events", "participants", "amounts", "mentions", "spans"):
        df = getattr(c, name)
        df["article_id"] = df["article_id"].astype("string").replace(mapping)
    m = c.meetings
    m["article_ids"] = m["article_ids"].astype("string").map(
        lambda s: ";".join(mapping.get(x, x) for x in str(s).split(";")) if pd.notna(s) else s)
    return c


def _markdown_bodies(at: AppTest) -> list[str]:
    out = []
    for attr in MARKDOWN_ELEMENTS:
        out += [str(e.value) for e in getattr(at, attr)]
    out += [str(e.label) for e in at.expander]
    return out


@pytest.fixture
def hostile_app(monkeypatch, tmp_path):
    c = make_corpus(40, seed=3)
    latest = c.events.sort_values("date_start", ascending=False)["article_id"].astype(str)
    mapping = dict(zip(list(dict.fromkeys(latest))[:len(HOSTILE_IDS)], HOSTILE_IDS, strict=True))
    c = _rename_articles(c, mapping)
    c.articles["outlet"] = pd.Series(HOSTILE_OUTLET, index=c.articles.index, dtype=c.articles["outlet"].dtype)
    c.articles["url"] = pd.Series(HOSTILE_URL, index=c.articles.index, dtype=c.articles["url"].dtype)
    monkeypatch.setattr(common, "read_corpus", lambda _p, _s=None: c)
    return c, (lambda params=None: app_on(tmp_path, monkeypatch, params))


@pytest.mark.parametrize("aid", HOSTILE_IDS)
def test_article_fields_are_plain_text(hostile_app, aid):
    _c, run = hostile_app
    at = run()
    at.switch_page("views/articles.py").run()
    at.query_params["article"] = aid  # as when a link to the article is opened
    at.run()
    no_exception(at, "articles")
    assert at.selectbox(key="art_pick").value == aid
    bodies = _markdown_bodies(at)
    for bad in ("tracker.invalid", "evil.invalid", "$x^2$", aid):
        assert not [b for b in bodies if bad in b], f"{bad!r} reached Markdown"
    shown = " ".join(h.proto.body for h in at.get("html"))
    assert "![pixel](http://tracker.invalid/p.png)" in shown  # the outlet as text (no Markdown or tags in it)
    assert "a`b`)![i](http://tracker.invalid/i.png)" in shown
    assert "<img" not in shown and "<a " not in shown


def _links(at: AppTest) -> list[str]:
    """The article links of every table on the page."""
    out = []
    for df in at.dataframe:
        for col in df.value.columns:
            out += [u for u in df.value[col] if isinstance(u, str) and u.startswith("articles?")]
    return out


@pytest.mark.parametrize("page", ["views/overview.py", "views/aid.py", "views/timeline.py"])
def test_article_links_encode_ids_and_keep_filters(hostile_app, page):
    from urllib.parse import parse_qs, urlsplit

    c, run = hostile_app
    at = run({"types": "udcg_meeting,phone_call,nato_meeting,coalition_meeting,bilateral_meeting,armaments_meeting,"
                       "other_meeting", "lang": "ar"})
    at.switch_page(page).run()
    links = _links(at)
    assert links, "no article links on the page"
    known = set(c.articles["article_id"].astype(str))
    opened = set()
    for url in links:
        parts = urlsplit(url)
        assert parts.path == "articles" and not parts.fragment, url
        q = parse_qs(parts.query)
        assert len(q["article"]) == 1 and q["article"][0] in known, url
        opened.add(q["article"][0])
        assert q["lang"] == ["ar"] and q["types"][0].startswith("udcg_meeting,phone_call"), url
    if page == "views/overview.py":
        assert opened & set(HOSTILE_IDS)


def test_upload_problems_are_plain_text(synth_app):
    at = synth_app()
    bad = "![x](tracker.invalid)`$y$ [a](evil.invalid).json"
    at.file_uploader(key="uploads").set_value([(bad, b'{"text": ', "application/json")]).run()
    no_exception(at, "upload")
    assert not [b for b in _markdown_bodies(at) if "tracker.invalid" in b]
    assert any(bad in h.proto.body for h in at.get("html"))


UPLOAD_TEXT = "اجتماع في بروكسل\n\nعقد وزراء دفاع بولندا وألمانيا اجتماعا في بروكسل يوم 3 مارس 2025.\n"
OTHER_TEXT = "اتصال هاتفي\n\nأجرى وزير الدفاع الألماني اتصالا هاتفيا مع نظيره البولندي يوم 4 مارس 2025.\n"


def test_uploads_with_the_same_name_are_not_lost(synth_app, synth):
    at = synth_app()
    at.file_uploader(key="uploads").set_value([
        ("same.txt", UPLOAD_TEXT.encode(), "text/plain"), ("same.txt", OTHER_TEXT.encode(), "text/plain"),
        ("twice.txt", OTHER_TEXT.encode(), "text/plain"), ("twice.txt", OTHER_TEXT.encode(), "text/plain"),
    ]).run()
    no_exception(at, "upload")
    assert metric(at, "Articles") == f"{len(synth.articles) + 2:,}"
    problems = " ".join(h.proto.body for h in at.get("html") if "upload-problem" in h.proto.body)
    assert "same.txt" in problems and "same name" in problems
    assert "twice.txt" in problems and "uploaded twice" in problems


def test_upload_size_is_checked_by_the_app(synth_app, synth, monkeypatch):
    monkeypatch.setattr(common, "UPLOAD_LIMIT_MB", 1)
    at = synth_app()
    big = (UPLOAD_TEXT * (2 * 1024 * 1024 // len(UPLOAD_TEXT.encode()) + 1)).encode()
    at.file_uploader(key="uploads").set_value([("big.txt", big, "text/plain"),
                                               ("small.txt", UPLOAD_TEXT.encode(), "text/plain")]).run()
    no_exception(at, "upload")
    assert metric(at, "Articles") == f"{len(synth.articles) + 1:,}"
    problems = " ".join(h.proto.body for h in at.get("html") if "upload-problem" in h.proto.body)
    assert "big.txt" in problems and "upload limit of 1 MB" in problems


def test_server_config_listens_locally_and_caps_uploads():
    import tomllib

    conf = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert conf["server"]["address"] == "127.0.0.1"
    assert conf["server"]["maxUploadSize"] <= common.UPLOAD_LIMIT_MB


# ---------------------------------------------------------------------------------------------------------------------
# issue 7


LATE_RECORD = {"id": "late_upload", "title": "اجتماع رامشتاين بعد نهاية المدونة", "published": "2026-03-02",
               "outlet": "example.org",
               "text": "عقد وزراء دفاع مجموعة الاتصال الدفاعية الخاصة بأوكرانيا اجتماعا في بروكسل يوم 1 مارس 2026 "
                       "برئاسة بريطانيا وألمانيا وبمشاركة نحو 50 دولة. وتعهدت ألمانيا بتقديم مساعدات عسكرية بقيمة "
                       "ملياري يورو."}


def test_upload_after_the_corpus_range_is_on_every_page(synth_app, synth):
    """The date widget's default follows the data: an upload dated after the corpus is not hidden by the old span."""
    at = synth_app()
    span = at.date_input(key="f_dates").value
    assert span[1] < dt.date(2026, 3, 2)
    at.file_uploader(key="uploads").set_value(
        ("late.json", json.dumps(LATE_RECORD, ensure_ascii=False).encode(), "application/json")).run()
    no_exception(at, "upload")
    assert "to" not in _qp(at) and "from" not in _qp(at), _qp(at)
    assert at.date_input(key="f_dates").value[1] >= dt.date(2026, 3, 2)
    assert metric(at, "Articles") == f"{len(synth.articles) + 1:,}"
    for page in PAGES:
        at.switch_page(page).run()
        no_exception(at, page)
        assert "to" not in _qp(at), page
    at.switch_page("views/articles.py").run()
    assert any(LATE_RECORD["title"] in o for o in at.selectbox(key="art_pick").options)
    at.switch_page("views/data.py").run()
    at.segmented_control(key="data_table").set_value("articles").run()
    assert "late_upload" in set(at.dataframe[0].value["Article id"])
    # a range the user sets is a filter, and it stays one
    at.date_input(key="f_dates").set_value((dt.date(2023, 1, 1), dt.date(2023, 12, 31))).run()
    assert _qp(at).get("to") == "2023-12-31"
    assert "late_upload" not in set(at.dataframe[0].value["Article id"])


def _germany_corpus():
    """Meeting 27 (co-chaired by Germany in the reference) reported by an article that names only Britain; meeting
    26 where an article names Germany as attending; a phone call of Germany; Russia only on the phone."""
    from dashboard.schema import Corpus, frame

    arts = frame("articles", [
        {"article_id": a, "file": f"{a}.txt", "title": t, "published": p, "text": t}
        for a, t, p in [("A27", "اجتماع رامشتاين السابع والعشرون", "2025-04-11"),
                        ("B26", "اجتماع رامشتاين السادس والعشرون", "2025-02-12"),
                        ("C27", "تقرير ثان عن الاجتماع", "2025-04-12"),
                        ("D", "اتصال هاتفي", "2025-03-01")]])
    events = frame("events", [
        {"event_id": "e1", "article_id": "A27", "event_type": "udcg_meeting", "date": "2025-04-11",
         "date_start": "2025-04-11", "meeting_id": "m27", "reference_number": 27, "evidence": "اجتماع"},
        {"event_id": "e2", "article_id": "C27", "event_type": "udcg_meeting", "date": "2025-04-11",
         "date_start": "2025-04-11", "meeting_id": "m27", "reference_number": 27, "evidence": "اجتماع"},
        {"event_id": "e3", "article_id": "B26", "event_type": "udcg_meeting", "date": "2025-02-12",
         "date_start": "2025-02-12", "meeting_id": "m26", "reference_number": 26, "evidence": "اجتماع"},
        {"event_id": "e4", "article_id": "D", "event_type": "phone_call", "date": "2025-03-01",
         "date_start": "2025-03-01", "meeting_id": "m_call", "evidence": "اتصال"},
    ])
    parts = frame("participants", [
        {"event_id": "e1", "article_id": "A27", "country": "GBR", "role": "chair"},
        {"event_id": "e2", "article_id": "C27", "country": "UKR", "role": "attendee"},
        {"event_id": "e3", "article_id": "B26", "country": "GBR", "role": "chair"},
        {"event_id": "e3", "article_id": "B26", "country": "DEU", "role": "attendee"},
        {"event_id": "e4", "article_id": "D", "country": "DEU", "role": "party"},
        {"event_id": "e4", "article_id": "D", "country": "RUS", "role": "party"},
    ])
    meetings = frame("meetings", [
        {"meeting_id": "m27", "event_type": "udcg_meeting", "date": "2025-04-11", "date_start": "2025-04-11",
         "reference_number": 27, "chairs": "GBR", "n_events": 2, "n_articles": 2, "article_ids": "A27;C27",
         "event_ids": "e1;e2"},
        {"meeting_id": "m26", "event_type": "udcg_meeting", "date": "2025-02-12", "date_start": "2025-02-12",
         "reference_number": 26, "chairs": "GBR", "n_events": 1, "n_articles": 1, "article_ids": "B26",
         "event_ids": "e3"},
        {"meeting_id": "m_call", "event_type": "phone_call", "date": "2025-03-01", "date_start": "2025-03-01",
         "n_events": 1, "n_articles": 1, "article_ids": "D", "event_ids": "e4"},
    ])
    return Corpus(articles=arts, events=events, participants=parts, amounts=frame("amounts"),
                  mentions=frame("mentions"), spans=frame("spans"), errors=frame("errors"), meetings=meetings)


def _chart(at: AppTest, title: str) -> dict:
    for el in at.get("plotly_chart"):
        spec = json.loads(el.proto.spec)
        if spec["layout"]["title"]["text"].replace("<br>", " ").startswith(title):
            return spec
    raise AssertionError(f"no chart {title!r}")


def _has_data(spec: dict) -> bool:
    return any(len(t.get("x") or t.get("z") or []) for t in spec["data"])


def test_country_filter_means_the_countrys_meetings_everywhere(monkeypatch, tmp_path):
    c = _germany_corpus()
    monkeypatch.setattr(common, "read_corpus", lambda _p, _s=None: c)
    at = app_on(tmp_path, monkeypatch, {"countries": "DEU", "from": "2025-01-01", "to": "2025-06-30"})
    no_exception(at, "overview")
    assert metric(at, "Meetings") == "3"  # 26 and 27 (full coverage: both articles of 27) and the call
    assert metric(at, "Articles") == "4"
    at.switch_page("views/timeline.py").run()
    tl = at.dataframe[0].value
    status = dict(zip(tl["No."].astype("string"), tl["Status"], strict=True))
    assert status["27"] == "Reported" and status["26"] == "Reported", status
    assert status.get("28") == "Not covered (reference only)"  # Germany co-chaired it; no article reports it
    assert "25" not in status  # chaired by the United States alone, Germany not named
    at.switch_page("views/attendance.py").run()
    assert _has_data(_chart(at, "Takes part"))
    assert _has_data(_chart(at, "Meetings each country"))


def test_calls_are_not_meetings_of_a_group(monkeypatch, tmp_path):
    c = _germany_corpus()
    monkeypatch.setattr(common, "read_corpus", lambda _p, _s=None: c)
    at = app_on(tmp_path, monkeypatch)
    at.switch_page("views/attendance.py").run()
    part = _chart(at, "Takes part")
    assert not any("Russia" in str(t.get("y")) for t in part["data"])
    talks = _chart(at, "Phone calls and bilateral talks")
    assert any("Russia" in str(t.get("y")) for t in talks["data"])
    world = _chart(at, "Meetings each country")
    assert "RUS" not in world["data"][0]["locations"]


def test_sessions_share_one_corpus_and_one_copy_of_each_view(synth_app):
    """The corpus is held once for all sessions, and a filtered view asked for by several sessions is cut once."""
    a = synth_app({"countries": "POL", "lang": "ar"})
    b = synth_app({"countries": "POL"})
    c = synth_app({"countries": "DEU"})
    ca, cb, cc = (x.session_state["_ctx"] for x in (a, b, c))
    assert ca.full is cb.full is cc.full
    assert ca.data is cb.data and ca.data is not cc.data
    assert len(ca.data.articles) < len(ca.full.articles)


@pytest.mark.parametrize("page", ["views/overview.py", "views/aid.py", "views/attendance.py"])
def test_values_kept_with_a_view_are_what_the_page_computes(synth_app, page):
    """Figures, counts and roles are kept with the shared view (``common.derived``): drawing the page again, or for
    another session, shows the same, and what is kept equals a fresh computation after the pages used it."""
    from dashboard import derive

    at = synth_app({"countries": "POL"})
    at.switch_page(page).run()
    no_exception(at, page)
    first = snapshot(at)
    other = synth_app({"countries": "POL"}).switch_page(page).run()
    assert snapshot(other) == first
    data = at.session_state["_ctx"].data
    kept = data.__dict__["_derived"]
    assert kept, "the page kept nothing with the view"
    fresh = {"figures": lambda: derive.amount_figures(data.amounts, data.articles),
             "roles": lambda: derive.role_counts(data.participants, data.events)}
    for name, value in kept.items():
        if name in fresh:
            pd.testing.assert_frame_equal(value, fresh[name]())
        elif name == "counts":
            assert value == derive.overview_counts(data)


CODE_LIKE = re.compile(r"^[a-z]+(_[a-z0-9]+)+$")
ARABIC = re.compile(r"[\u0600-\u06FF]")
RAW_CELLS = {"None", "nan", "NaN", "<NA>", "NaT", "none"}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_tables_speak_the_users_language(synth_app, lang):
    """Headers in the chosen language, no codes or ids, no "None", money formatted, the article link first."""
    at = synth_app({"lang": lang})
    at.switch_page("views/articles.py").run()
    seen = 0
    for page in PAGES:
        at.switch_page(page).run()
        no_exception(at, page)
        for df in at.dataframe:
            v = df.value
            seen += 1
            cols = [str(c) for c in v.columns]
            assert not [c for c in cols if CODE_LIKE.match(c)], (page, cols)
            if lang == "ar":
                assert all(ARABIC.search(c) or c in ("US$",) for c in cols), (page, cols)
            links = [c for c in cols if v[c].astype(str).str.startswith("articles?").any()]
            if links:
                assert cols[0] == links[0], (page, cols)
            text = v.drop(columns=links)  # a link cell without a link is empty (None) by design
            cells = {str(x) for x in text.astype("object").to_numpy().ravel()}
            assert not cells & RAW_CELLS, (page, cols)
            assert not text.isna().to_numpy().any(), (page, cols)  # empty cells, not missing markers
            if page == "views/data.py":
                continue  # the Data page shows every column, ids included
            assert not cells & set(filters.EVENT_TYPES), (page, cols)  # type codes are words
            assert not [x for x in cells if re.fullmatch(r"syn_\d+(_[ea]\d+)?", x)], (page, cols)  # no ids
            money = [c for c in cols if c in ("US$", "بالدولار")]
            for c in money:
                shown = v[c][v[c] != ""]
                assert shown.astype(str).str.contains("$" if lang == "en" else "دولار", regex=False).all(), (page, c)
    assert seen >= 8


def test_article_search_normalised_text_and_nothing_selected_without_match(synth_app, synth):
    at = synth_app()
    at.switch_page("views/articles.py").run()
    at.text_input(key="art_q").set_value("رامشتاين").run()  # in texts (and some titles), with or without hamza
    no_exception(at, "search")
    arts = synth.articles
    udcg = set(synth.events.loc[synth.events["event_type"] == "udcg_meeting", "article_id"])  # "Ramstein group"
    expected = arts["text"].str.contains("رامشتاين") | arts["title"].str.contains("رامشتاين") | arts[
        "article_id"].isin(udcg)
    assert 0 < arts["text"].str.contains("رامشتاين").sum() < expected.sum()
    assert f"({int(expected.sum()):,} " in at.selectbox(key="art_pick").label
    in_text = arts.loc[arts["text"].str.contains("رامشتاين"), "article_id"].iloc[0]
    at.selectbox(key="art_pick").set_value(in_text).run()
    assert any("<mark>رامشتاين</mark>" in h.proto.body for h in at.get("html") if "search-hit" in h.proto.body)
    at.text_input(key="art_q").set_value("المانيا").run()
    german = (set(synth.mentions.loc[synth.mentions["country"] == "DEU", "article_id"])
              | set(synth.participants.loc[synth.participants["country"] == "DEU", "article_id"])
              | set(arts.loc[arts["text"].str.contains("ألمانيا"), "article_id"]))
    assert f"({len(german):,} " in at.selectbox(key="art_pick").label
    at.text_input(key="art_q").set_value("كلمة لا ترد أبدا").run()
    assert not at.selectbox and any("No article matches the search" in i.value for i in at.info)


def test_country_picker_finds_arabic_without_hamza_and_english():
    label = common.country_label("DEU")
    for typed in ("ألمانيا", "المانيا", "Germany"):
        assert typed.casefold() in label.casefold()


def test_uploaded_txt_gets_a_publication_date(synth_app):
    """From a dateline on the file's first lines, else from the date the user gives; plurals read right."""
    at = synth_app()
    dated = "اجتماع في بروكسل\n2 مارس 2025\n\nعقد وزراء دفاع بولندا وألمانيا اجتماعا في بروكسل أمس.\n"
    undated = "اتصال هاتفي\n\nأجرى وزير الدفاع الألماني اتصالا هاتفيا مع نظيره البولندي أمس.\n"
    at.file_uploader(key="uploads").set_value([("dated.txt", dated.encode(), "text/plain"),
                                               ("undated.txt", undated.encode(), "text/plain")]).run()
    no_exception(at, "upload")
    assert any("2 articles added" in c.value for c in at.caption)
    at.date_input(key="up_date").set_value(dt.date(2025, 4, 9)).run()
    at.switch_page("views/data.py").run()
    at.segmented_control(key="data_table").set_value("articles").run()
    arts = at.dataframe[0].value.set_index("Article id")
    assert arts.loc["dated", "Published"] == "2025-03-02"
    assert arts.loc["undated", "Published"] == "2025-04-09"


@pytest.mark.parametrize(("n", "en", "ar"), [
    pytest.param(1, "1 article", "مقال واحد", id="one"), pytest.param(2, "2 articles", "مقالان", id="two"),
    pytest.param(5, "5 articles", "5 مقالات", id="few"), pytest.param(11, "11 articles", "11 مقالا", id="many"),
    pytest.param(100, "100 articles", "100 مقال", id="hundred"),
])
def test_plurals(n, en, ar):
    assert common.plural(n, "article", "articles") == en
    assert common.plural_ar(n, "مقال", "مقالان", "مقالات", "مقالا") == ar


@pytest.mark.parametrize("page", PAGES[:-1])
def test_every_table_can_be_downloaded(synth_app, page):
    at = synth_app()
    at.switch_page("views/articles.py").run()
    at.switch_page(page).run()
    tables = len(at.dataframe)
    buttons = [b for b in at.get("download_button") if b.proto.label.startswith("Download this table")]
    assert tables and len(buttons) == tables - sum(1 for df in at.dataframe if df.value.empty)


def test_a_meetings_own_view_reachable_from_the_timeline(synth_app, synth):
    at = synth_app()
    at.switch_page("views/timeline.py").run()
    links = [u for df in at.dataframe for col in df.value.columns for u in df.value[col]
             if isinstance(u, str) and u.startswith("meeting?")]
    assert links
    from urllib.parse import parse_qs, urlsplit

    mid = parse_qs(urlsplit(links[-1]).query)["meeting"][0]
    at.switch_page("views/meeting.py").run()
    at.query_params["meeting"] = mid  # as when the link is opened
    at.run()
    no_exception(at, "meeting")
    assert at.selectbox(key="mt_pick").value == mid
    m = synth.meetings.set_index("meeting_id").loc[mid]
    assert metric(at, "Date") == str(m["date_start"].date())
    reports = at.dataframe[-1].value
    assert len(reports) == int((synth.events["meeting_id"] == mid).sum())  # every article and its sentence
    assert reports.columns[0] == "Article"
