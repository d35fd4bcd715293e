"""AppTest for the "What is given" page (issue 10): it runs on the seeds, an empty folder and a folder of articles
written for this test; its charts and table follow the sidebar filters; the Articles page marks systems."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import export
from dashboard.views import common

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
PAGE = "views/systems.py"
ARTICLES = {
    "a1.txt": ("2023-01-14",
               "بريطانيا ترسل دبابات\n\nأعلنت بريطانيا أنها سترسل 14 دبابة من طراز تشالنجر 2 إلى أوكرانيا."),
    "a2.txt": ("2023-06-02",
               "حزمة أمريكية\n\nقالت وزارة الدفاع الأمريكية إن الحزمة تشمل صواريخ ستينجر وذخائر لراجمات هيمارس."),
    "a3.txt": ("2024-03-10", "ألمانيا وباتريوت\n\nزودت ألمانيا أوكرانيا بثلاثة أنظمة باتريوت خلال العام الماضي."),
    "a4.txt": ("2024-05-01", "قصف روسي\n\nأطلقت روسيا صواريخ إسكندر على مدينة خاركيف فجر اليوم."),
}


def _no_png(*_a, **_k):
    raise AssertionError("AppTest must not render PNGs")


@pytest.fixture(autouse=True)
def _fresh(monkeypatch, tmp_path):
    monkeypatch.setenv("RAMSTEIN_LOAD_WAIT", "600")  # pages wait for the load (its progress page: test_loading)
    monkeypatch.setenv("RAMSTEIN_CACHE", str(tmp_path / "cache"))  # never a cache inside the repository
    common.load.clear()
    common.signature.clear()
    monkeypatch.setattr(export, "figure_png", _no_png)
    yield
    common.load.clear()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    rows = ["file,published,outlet,url"]
    for name, (date, text) in ARTICLES.items():
        (d / name).write_text(text, encoding="utf-8")
        rows.append(f"{name},{date},example.com,")
    (d / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return d


def run_page(path: Path, monkeypatch, params: dict | None = None) -> AppTest:
    monkeypatch.setenv("RAMSTEIN_CORPUS", str(path))
    at = AppTest.from_file(str(APP), default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _table(at: AppTest):
    """The systems table, with its columns under their data names again (the page shows translated headers)."""
    from dashboard.views.common import COLUMNS

    by_header = {h: col for col, pair in COLUMNS.items() for h in pair}
    df = next((df.value for df in at.dataframe if {"System", "المنظومة"} & set(df.value.columns)), None)
    return None if df is None else df.rename(columns=lambda h: by_header.get(h, h))


BAD_FILES = {"empty.txt": b"", "broken.json": b'{"id": "x", "text": "\xd8\xa7', "latin.txt": b"No Arabic here.\n"}


@pytest.mark.parametrize("kind", ["seeds", "empty", "bad"])
def test_page_runs(kind, tmp_path, monkeypatch):
    path = ROOT / "seeds" if kind == "seeds" else tmp_path / kind
    if kind != "seeds":
        path.mkdir()
        for name, data in (BAD_FILES.items() if kind == "bad" else ()):
            (path / name).write_bytes(data)
    at = run_page(path, monkeypatch)
    assert at.title and at.title[0].value == "What is given"
    assert len(at.get("plotly_chart")) == 2


def test_page_shows_systems_by_donor_with_their_sentence(folder, monkeypatch):
    at = run_page(folder, monkeypatch)
    table = _table(at)
    assert set(table["system"]) == {"tanks", "Challenger 2", "Stinger", "HIMARS", "Patriot"}  # no Iskander: a strike
    assert "أنظمة باتريوت" in " ".join(table["raw"]) and all(e for e in table["evidence"])
    bars = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    assert {y for trace in bars for y in trace["y"]} == {"Germany", "United Kingdom", "United States"}
    dots = json.loads(at.get("plotly_chart")[1].proto.spec)["data"]
    assert sum(len(t["x"]) for t in dots) == 5  # the first pledge of each system and donor


def test_country_and_date_filters_apply(folder, monkeypatch):
    at = run_page(folder, monkeypatch, {"countries": "DEU"})
    assert set(_table(at)["system"]) == {"Patriot"}
    at = run_page(folder, monkeypatch, {"from": "2023-01-14", "to": "2023-12-31"})
    assert at.date_input(key="f_dates").value == (dt.date(2023, 1, 14), dt.date(2023, 12, 31))
    assert set(_table(at)["system"]) == {"tanks", "Challenger 2", "Stinger", "HIMARS"}


def test_every_filter_at_once(folder, monkeypatch):
    params = {"countries": "USA,GBR,DEU", "from": "2023-01-14", "to": "2023-12-31", "lang": "ar"}
    at = run_page(folder, monkeypatch, params)
    assert set(_table(at)["donor"]) == {"الولايات المتحدة", "المملكة المتحدة"}
    # no article here reports a meeting: with an event-type filter nothing is left, and the page still draws
    at = run_page(folder, monkeypatch, {**params, "types": "udcg_meeting"})
    assert _table(at) is None and len(at.get("plotly_chart")) == 2
    assert any("لا شيء لعرضه هنا" in c.value for c in at.caption)  # an empty table is a line of text


def test_arabic_labels(folder, monkeypatch):
    at = run_page(folder, monkeypatch, {"lang": "ar"})
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"].startswith("المنظومات")


def test_articles_page_marks_systems(folder, monkeypatch):
    at = run_page(folder, monkeypatch)
    at.switch_page("views/articles.py").run()
    at.query_params["article"] = "a3"
    at.run()
    html_parts = " ".join(str(h.proto.body) for h in at.get("html"))
    assert '<mark class="k-system" title="system: Patriot">' in html_parts
