"""Chart builders (DataFrame in, Figure out) and exports (PNG, ZIP, CSV, Excel, Parquet)."""

from __future__ import annotations

import io
import itertools
import json
import os
import shutil
import struct
import zipfile

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest
import streamlit  # noqa: F401  # importing it swaps plotly's default template: the builders must not care
from hypothesis import given, settings
from hypothesis import strategies as hst
from synthetic import make_corpus

from dashboard import charts, derive, export
from dashboard.filters import EVENT_TYPES
from dashboard.schema import frame

TYPES = {k: v[0] for k, v in EVENT_TYPES.items()}
KINDS = {"cumulative_total": "Cumulative total", "pledge": "Pledge", "package": "Package",
         "funding_gap": "Funding gap", "other": "Other"}
NAMES = {"USA": "الولايات المتحدة", "DEU": "ألمانيا", "GBR": "بريطانيا", "ALL": "All donors", "": "not stated"}


@pytest.fixture(scope="module")
def corpus():
    c = make_corpus(150, seed=11)
    # an article that tries to inject markup through its evidence sentence
    ev = c.events.copy()
    ev.loc[ev.index[0], "evidence"] = '<script>alert("x")</script> اجتماع <img src=x onerror=alert(1)>'
    ev.loc[ev.index[0], "attending_count"] = 50
    c.events = ev
    return c


def builders(c):
    """(name, figure) for every builder on corpus ``c``."""
    figs = derive.amount_figures(c.amounts, c.articles)
    roles = derive.role_counts(c.participants, c.events)
    return [
        ("events_by_month", charts.events_by_month(derive.events_by_month(c.events), TYPES, "Events", "all")),
        ("latest_totals", charts.latest_totals(derive.latest_totals(figs), NAMES, "Latest", "all")),
        ("amounts_over_time", charts.amounts_over_time(figs, NAMES, KINDS, "Amounts", "all")),
        ("country_roles", charts.country_roles(derive.role_group(roles, "part"), NAMES, TYPES, "Roles", "all")),
        ("world_map", charts.world_map(derive.country_totals(roles), NAMES, "Map", "all")),
        ("attendance", charts.attendance_over_time(derive.attendance_reports(c.events), TYPES, "Attendance", "all")),
        ("timeline", charts.meetings_timeline(derive.timeline(c.meetings, c.events, None, NAMES), TYPES, "Timeline",
                                              "all")),
    ]


def _colors(fig: go.Figure) -> set[str]:
    spec = json.dumps(fig.to_plotly_json(), default=str)
    return set(pd.Series(spec.split('"')).loc[lambda s: s.str.fullmatch(r"#[0-9a-fA-F]{6}")])


@pytest.mark.parametrize("empty", [False, True], ids=["data", "empty"])
def test_every_builder_has_explicit_template_and_arabic_font(corpus, empty):
    c = corpus
    if empty:
        c = type(corpus)(**{k: v.iloc[:0] for k, v in corpus.tables().items()})
    for name, fig in builders(c):
        assert isinstance(fig, go.Figure), name
        colorway = fig.layout.template.layout.colorway
        assert colorway and colorway[0] != "#000001", f"{name}: streamlit placeholder template"
        assert "#000001" not in _colors(fig), name
        assert fig.layout.font.family.startswith("Noto Naskh Arabic"), name
        assert "DejaVu Sans" in fig.layout.font.family, name
        assert fig.layout.title.text, name
        if empty and name != "world_map":
            assert any("No data" in (a.text or "") for a in fig.layout.annotations), name


def test_figures_have_data(corpus):
    for name, fig in builders(corpus):
        assert len(fig.data) > 0, name
        assert sum(len(t.locations if t.type == "choropleth" else t.x) for t in fig.data) > 0, name


def test_article_text_is_escaped_in_hover_labels(corpus):
    for name, fig in builders(corpus):
        spec = json.dumps(fig.to_plotly_json(), default=str, ensure_ascii=False)
        assert "<script" not in spec and "<img" not in spec, name
    spec = json.dumps(builders(corpus)[5][1].to_plotly_json(), default=str, ensure_ascii=False)
    assert "&lt;script&gt;" in spec  # still there, as text


def test_amount_kinds_are_separate_panels_never_summed():
    am = frame("amounts", [
        {"amount_id": "1", "article_id": "a", "donor": "DEU", "kind": "cumulative_total", "value_usd": 28e9,
         "date_start": "2024-06-01"},
        {"amount_id": "2", "article_id": "b", "donor": "DEU", "kind": "pledge", "value_usd": 5e9,
         "date_start": "2024-06-01"},
        {"amount_id": "3", "article_id": "c", "donor": "DEU", "kind": "pledge", "value_usd": 5e9,
         "date_start": "2024-06-02"},
    ])
    fig = charts.amounts_over_time(derive.amount_figures(am, frame("articles")), NAMES, KINDS, "t")
    ys = sorted(y for t in fig.data for y in t.y)
    assert ys == [5e9, 28e9]  # the repeated pledge is one point; nothing is 33e9
    assert {a.text for a in fig.layout.annotations} >= {"Cumulative total", "Pledge"}
    assert len({t.yaxis for t in fig.data}) == 2


def test_country_roles_stack_meeting_types_per_role():
    roles = pd.DataFrame({"country": ["USA", "USA", "DEU", "GBR"], "role": ["chair", "chair", "attendee", "party"],
                          "event_type": ["udcg_meeting", "nato_meeting", "udcg_meeting", "phone_call"],
                          "meetings": [3, 1, 2, 1]})
    chair = charts.country_roles(derive.role_group(roles, "chair"), NAMES, TYPES, "t")
    assert [t.name for t in chair.data] == [TYPES["udcg_meeting"], TYPES["nato_meeting"]]
    assert list(chair.data[0].y) == [NAMES["USA"]] and chair.layout.barmode == "stack"
    part = charts.country_roles(derive.role_group(roles, "part"), NAMES, TYPES, "t")
    assert {y for t in part.data for y in t.y} == {NAMES["DEU"], NAMES["USA"]}  # a chair takes part; a call is apart
    assert part.layout.xaxis.dtick == 1  # whole meetings
    talks = charts.country_roles(derive.role_group(roles, "talks"), NAMES, TYPES, "t")
    assert [t.name for t in talks.data] == [TYPES["phone_call"]] and list(talks.data[0].y) == [NAMES["GBR"]]


def test_latest_totals_labels_show_sources():
    am = frame("amounts", [
        {"amount_id": str(i), "article_id": a, "donor": "ALL", "kind": "cumulative_total", "value_usd": 66.5e9,
         "date_start": "2025-02-12"} for i, a in enumerate("xyz")])
    fig = charts.latest_totals(derive.latest_totals(derive.amount_figures(am, frame("articles"))), NAMES, "t")
    assert list(fig.data[0].y) == ["All donors"]
    assert fig.data[0].text[0] == "$66.5 bn · 2025-02-12 · 3 sources"
    one = charts.latest_totals(derive.latest_totals(derive.amount_figures(am.iloc[:1], frame("articles"))), NAMES, "t")
    assert one.data[0].text[0].endswith("· 1 source")


def test_world_map_uses_iso3_and_local_base_map(corpus):
    fig = dict(builders(corpus))["world_map"]
    trace = fig.data[0]
    assert trace.type == "choropleth" and trace.locationmode == "ISO-3"
    assert fig.layout.geo.resolution == 110  # world_110m.json, shipped in dashboard/static/
    assert export.TOPOJSON_FILE.exists()
    topo = json.loads(export.TOPOJSON_FILE.read_text(encoding="utf-8"))
    ids = {g.get("id") for g in topo["objects"]["countries"]["geometries"]}
    assert set(trace.locations) <= ids | {"MLT", "SGP", "LUX"}  # tiny states have no 110m shape
    assert export.modebar_config("x")["topojsonURL"] == "app/static/"


def test_timeline_statuses_and_hover():
    ref = pd.DataFrame({"kind": ["udcg_meeting", "udcg_meeting"], "number": [1, 2],
                        "date": ["2022-04-26", "2022-05-23"], "location": ["Ramstein", "Virtual"],
                        "chairs": ["USA", "USA"], "attendance": ["~40", "44"]})
    meetings = frame("meetings", [{"meeting_id": "m1", "event_type": "udcg_meeting", "date_start": "2022-04-26",
                                   "reference_number": 1, "n_articles": 2, "article_ids": "a;b", "event_ids": "e1"}])
    tl = derive.timeline(meetings, frame("events"), ref, {"USA": "United States"})
    fig = charts.meetings_timeline(tl, TYPES, "t", lang="ar")
    names = {t.name for t in fig.data}
    assert names == {charts.STATUS_STYLE["reported"][3], charts.STATUS_STYLE["not covered"][3]}
    hover = fig.data[0].hovertemplate
    for field in ("المكان", "الرئاسة", "دولة", "المقالات"):  # Arabic labels in Arabic mode
        assert field in hover
    assert fig.layout.hoverlabel.align == "right"


def test_a_called_off_reference_meeting_is_not_counted_as_uncovered():
    ref = pd.DataFrame({"kind": ["udcg_meeting", "udcg_meeting"], "number": [24, None],
                        "date": ["2024-09-06", "2024-10-12"], "location": ["Ramstein", "Ramstein"],
                        "format": ["in-person", "not held"], "chairs": ["USA", "USA"], "attendance": ["~50", "n/a"]})
    tl = derive.timeline(frame("meetings"), frame("events"), ref)
    assert list(tl["status"]) == ["not covered", "not held"]
    fig = charts.meetings_timeline(tl, TYPES, "t")
    assert charts.STATUS_STYLE["not held"][2] in {t.name for t in fig.data}


@pytest.mark.parametrize(("value", "text"), [(66.5e9, "$66.5 bn"), (450e6, "$450 m"), (1.2e12, "$1.2 tn"),
                                             (999, "$999"), (None, "–"), (float("nan"), "–")])
def test_usd(value, text):
    assert charts.usd(value) == text


# ---------------------------------------------------------------------------------------------------------------------
# exports


def test_file_names_say_what_and_which_filter():
    stem = export.file_stem("aid", "latest-cumulative-totals", "POL-DEU_2024-01-01-to-end")
    assert stem == "ramstein_aid_latest-cumulative-totals_POL-DEU_2024-01-01-to-end"
    assert export.safe_name("a/b\\c:d*e?") == "a-b-c-d-e"
    cfg = export.modebar_config(stem)
    assert cfg["toImageButtonOptions"] == {"format": "png", "filename": stem, "scale": 2}


def test_csv_has_bom_and_arabic():
    df = frame("events", [{"event_id": "e1", "event_type": "udcg_meeting", "date_start": "2025-02-12",
                           "evidence": "اجتماع مجموعة الاتصال"}])
    data = export.csv_bytes(df)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back.loc[0, "evidence"] == "اجتماع مجموعة الاتصال" and back.loc[0, "date_start"] == "2025-02-12"


def test_excel_all_tables_and_long_or_dirty_cells():
    c = make_corpus(5)
    arts = c.articles.copy()
    arts.loc[arts.index[0], "text"] = "ن" * 40000 + "\x01"
    tables = {**c.tables(), "articles": arts}
    wb = openpyxl.load_workbook(io.BytesIO(export.excel_bytes(tables)), read_only=True)
    assert wb.sheetnames == list(tables)
    rows = list(wb["articles"].iter_rows(values_only=True))
    header = rows[0]
    text = rows[1][header.index("text")]
    assert len(text) == export.XLSX_CELL_LIMIT and "\x01" not in text


def test_parquet_round_trip():
    c = make_corpus(5)
    back = pd.read_parquet(io.BytesIO(export.parquet_bytes(c.events)))
    assert len(back) == len(c.events) and list(back.columns) == list(c.events.columns)
    with zipfile.ZipFile(io.BytesIO(export.parquet_zip(c.tables()))) as zf:
        assert sorted(zf.namelist()) == sorted(f"{t}.parquet" for t in c.tables())


def test_zip_of_charts_uses_renderer_and_unique_names():
    figs = [("a", go.Figure()), ("a", go.Figure()), ("b/c", go.Figure())]
    data = export.figures_zip(figs, render=lambda f: export.PNG_SIGNATURE + b"x")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.namelist() == ["a.png", "a-2.png", "b-c.png"]


def test_png_unavailable_says_how_to_enable(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    ok, why = export.png_status()
    assert not ok and "apt-get install" in why and "/nonexistent/chromium" in why
    monkeypatch.setattr(export, "_started", False)
    with pytest.raises(export.PngUnavailable, match="apt-get install"):
        export.figure_png(go.Figure())


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == export.PNG_SIGNATURE and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


no_browser = export.browser_path() is None or not shutil.which("fc-list")
needs_chromium = pytest.mark.skipif(no_browser and not os.environ.get("CI"),  # in CI a missing browser must fail
                                    reason="server-side PNG needs chromium (apt-get install chromium fonts-noto-core)")


@needs_chromium
def test_png_export_real_kaleido(corpus):
    """One kaleido session: an Arabic chart and the world map render offline to 2x PNGs."""
    figs = dict(builders(corpus))
    fig = figs["latest_totals"]
    fig.update_layout(title_text="آخر إجمالي تراكمي · مجموعة رامشتاين")
    png = export.figure_png(fig, width=800, height=400)
    assert _png_size(png) == (1600, 800) and len(png) > 20_000
    map_png = export.figure_png(figs["world_map"], width=800, height=420)
    assert _png_size(map_png) == (1600, 840)
    assert len(map_png) > 60_000  # country shapes drawn (an empty geo frame compresses to far less)


@pytest.mark.parametrize(("article", "label"), [
    ({"published": pd.Timestamp("2025-06-04")}, "2025-06-04"),
    ({"published": pd.NaT, "date_window_start": pd.Timestamp("2025-02-13"),
      "date_window_end": pd.Timestamp("2025-06-04"), "date_window_basis": "office-holders"},
     "undated: between 2025-02-13 and 2025-06-04 (office-holders)"),
    ({"published": pd.NaT, "date_window_start": pd.Timestamp("2025-02-13"), "date_window_end": pd.NaT},
     "undated: on or after 2025-02-13"),
    ({"published": pd.NaT}, "no publication date"),
])
def test_an_undated_article_shows_its_window_not_a_day(article, label):
    assert derive.published_label(article) == label


# ---------------------------------------------------------------------------------------------------------------------
# charts with 0, 1, 2 and many points (issue 7.6)

DATE_CHARTS = {
    "events_by_month": lambda c, n: charts.events_by_month(derive.events_by_month(c.events).head(n), TYPES, "t"),
    "amounts_over_time": lambda c, n: charts.amounts_over_time(
        derive.amount_figures(c.amounts, c.articles).dropna(subset=["value_usd", "date"]).head(n), NAMES, KINDS, "t"),
    "attendance_over_time": lambda c, n: charts.attendance_over_time(
        derive.attendance_reports(c.events).head(n), TYPES, "t"),
    "meetings_timeline": lambda c, n: charts.meetings_timeline(
        derive.timeline(c.meetings.head(n), c.events if n else c.events.head(0), None), TYPES, "t"),
}
COUNTS = [pytest.param(0, id="none"), pytest.param(1, id="one"), pytest.param(2, id="two"),
          pytest.param(80, id="many")]


def _points(fig: go.Figure) -> int:
    return sum(len(t.x) for t in fig.data if getattr(t, "x", None) is not None)


@pytest.mark.parametrize("n", COUNTS)
@pytest.mark.parametrize("name", list(DATE_CHARTS))
def test_date_charts_read_well_with_few_points(corpus, name, n):
    fig = DATE_CHARTS[name](corpus, n)
    if n == 0:
        assert not fig.data and "No data" in fig.layout.annotations[0].text
        return
    assert 0 < _points(fig) <= n
    for axis in [a for k, a in fig.layout.to_plotly_json().items() if k.startswith("xaxis")]:
        lo, hi = pd.Timestamp(axis["range"][0]), pd.Timestamp(axis["range"][1])
        assert hi - lo >= pd.Timedelta(days=28), (lo, hi)  # a lone point is not a range of hours
        formats = [axis["tickformat"], *(s["value"] for s in axis["tickformatstops"])]
        assert not any(x in f for f in formats for x in ("%H", "%M", "%S", "%L"))  # never a time of day
        assert axis["hoverformat"] == "%Y-%m-%d" and axis["nticks"] <= 8 and "dtick" not in axis
    if name == "events_by_month":
        assert all(w <= 31 * charts.DAY_MS for t in fig.data for w in [t.width])  # a bar is a month, not the plot


@pytest.mark.parametrize("n", COUNTS)
def test_world_map_colour_scale_counts_from_zero(corpus, n):
    totals = derive.country_totals(derive.role_counts(corpus.participants, corpus.events)).head(n)
    if n:
        totals = totals.assign(took_part=1) if n == 1 else totals
    fig = charts.world_map(totals, NAMES, "t")
    if n == 0:
        assert not fig.data
        return
    geo = fig.data[0]
    assert geo.zmin == 0 and geo.zmax >= 1
    if geo.zmax <= 8:
        assert geo.colorbar.dtick == 1  # whole counts, not 0.6 … 1.4


def test_aid_by_donor_per_quarter_never_mixes_kinds():
    rows = [("1", "x", "DEU", "pledge", 1e9, "2024-01-10"), ("2", "y", "DEU", "pledge", 1e9, "2024-01-12"),
            ("3", "y", "DEU", "pledge", 5e8, "2024-02-01"), ("4", "z", "DEU", "package", 2e8, "2024-05-01"),
            ("5", "z", "ALL", "pledge", 9e9, "2024-05-01")]
    am = frame("amounts", [{"amount_id": i, "article_id": a, "donor": d, "kind": k, "value_usd": v, "date_start": t}
                           for i, a, d, k, v, t in rows])
    by = derive.aid_by_donor(derive.amount_figures(am, frame("articles")))
    got = {(str(q.date()), k): v for q, k, v in zip(by["quarter"], by["kind"], by["value_usd"], strict=True)}
    assert got == {("2024-01-01", "pledge"): 1.5e9, ("2024-04-01", "package"): 2e8}  # the repeated 1 bn once
    fig = charts.aid_by_donor(by, NAMES, KINDS, "t")
    assert [a.text for a in fig.layout.annotations] == ["Pledge", "Package"]
    assert {t.name for t in fig.data} == {NAMES["DEU"]}
    assert "No data" in charts.aid_by_donor(by.head(0), NAMES, KINDS, "t").layout.annotations[0].text


@pytest.mark.parametrize("n", COUNTS)
def test_outlet_coverage_chart(corpus, n):
    cov = derive.outlet_coverage(corpus.meetings, corpus.events, corpus.articles).head(n)
    fig = charts.outlet_coverage(cov, TYPES, "t")
    if n == 0:
        assert not fig.data and "No data" in fig.layout.annotations[0].text
        return
    assert len(fig.data[0].x) == len(cov)
    assert fig.data[0].marker.cmin == 0


def test_timeline_groups_hundreds_of_meetings_by_month():
    few = pd.DataFrame({"kind": ["udcg_meeting"] * 3, "number": [1, 2, 3],
                        "date": ["2022-04-26", "2022-06-23", "2022-09-08"], "chairs": ["USA"] * 3})
    days = pd.date_range("2022-01-01", periods=300, freq="D").astype(str)
    many = pd.DataFrame({"kind": ["udcg_meeting"] * 300, "number": range(1, 301), "date": days,
                         "chairs": ["USA"] * 300})
    sparse = charts.meetings_timeline(derive.timeline(frame("meetings"), frame("events"), few), TYPES, "t")
    dense = charts.meetings_timeline(derive.timeline(frame("meetings"), frame("events"), many), TYPES, "t")
    assert list(sparse.data[0].text) == ["1", "2", "3"]
    assert "grouped by month" not in (sparse.layout.title.subtitle.text or "")
    points = sum(len(t.x) for t in dense.data)
    assert points == 10  # 300 days from January: ten months, one marker each
    assert sum(int(c[1]) for t in dense.data for c in t.customdata) == 300  # every meeting is in one marker
    assert "300 meetings, grouped by month" in dense.layout.title.subtitle.text
    ar = charts.meetings_timeline(derive.timeline(frame("meetings"), frame("events"), many), TYPES, "t", lang="ar")
    assert "مجمعة حسب الشهر" in ar.layout.title.subtitle.text and "الاجتماعات" in ar.data[0].hovertemplate


def _label_positions(fig) -> list[tuple[float, pd.Timestamp]]:
    return [(y, pd.Timestamp(x)) for t in fig.data if t.text is not None
            for x, y, s in zip(t.x, t.y, t.text, strict=True) if s]


@pytest.mark.parametrize("n", [2, 5, 40, 120, 150])
def test_timeline_labels_never_overlap(n):
    days = pd.date_range("2022-04-26", periods=n, freq="3D").astype(str)
    ref = pd.DataFrame({"kind": ["udcg_meeting"] * n, "number": range(1, n + 1), "date": days, "chairs": ["USA"] * n})
    tl = derive.timeline(frame("meetings"), frame("events"), ref)
    fig = charts.meetings_timeline(tl, TYPES, "t")
    labels = _label_positions(fig)
    assert labels  # at least the first meeting is labelled
    span = tl["date"].max() - tl["date"].min()
    gap = (span * 1.08 + pd.Timedelta(days=30)) / charts.LABEL_SLOTS
    for lane in {y for y, _ in labels}:
        xs = sorted(x for y, x in labels if y == lane)
        assert all(b - a >= gap for a, b in itertools.pairwise(xs))
    if n <= 5:
        assert len(labels) == n  # meetings far enough apart all keep their numbers


@settings(max_examples=60, deadline=None)
@given(hst.lists(hst.integers(0, 2000), min_size=0, max_size=60), hst.integers(1, 90))
def test_label_mask_keeps_labels_apart_and_drops_only_crowded_ones(days, gap_days):
    dates = pd.Series(pd.Timestamp("2022-01-01") + pd.to_timedelta(days, unit="D"))
    gap = pd.Timedelta(days=gap_days)
    keep = charts.label_mask(dates, gap)
    kept = sorted(dates[keep])
    assert all(b - a >= gap for a, b in itertools.pairwise(kept))
    for x in dates[~keep]:  # a point without a label has a labelled neighbour too close on its left
        assert any(pd.Timedelta(0) <= x - k < gap for k in kept)


def test_images_leave_out_what_only_hovering_shows():
    fig = go.Figure([go.Scatter(x=[1, 2], y=[3, 4], customdata=[["a"], ["b"]], hovertemplate="%{customdata[0]}",
                                hovertext=["x", "y"]),
                     go.Bar(x=[1], y=[2], customdata=[["c"]], texttemplate="%{customdata[0]}")])
    spec = export.for_image(fig)
    assert "customdata" not in spec["data"][0] and "hovertemplate" not in spec["data"][0]
    assert "hovertext" not in spec["data"][0]
    assert list(spec["data"][0]["x"]) == [1, 2] and list(spec["data"][0]["y"]) == [3, 4]
    assert list(spec["data"][1]["customdata"][0]) == ["c"]  # drawn text reads it: kept
    assert fig.data[0].customdata is not None  # the figure on the page keeps its hover data


def _reports(n: int) -> pd.DataFrame:
    return pd.DataFrame({"date_start": pd.date_range("2023-01-01", periods=n, freq="D"),
                         "event_type": ["udcg_meeting"] * n, "attending_count": [40 + i % 15 for i in range(n)],
                         "attending_qualifier": ["about"] * n, "location": ["Ramstein"] * n,
                         "article_id": [f"a{i}" for i in range(n)], "meeting_id": [f"m{i // 2}" for i in range(n)],
                         "evidence": ["اجتماع رامشتاين بمشاركة نحو خمسين دولة"] * n})


@pytest.mark.parametrize("n", [3, charts.DENSE_POINTS])
def test_attendance_shows_each_report_with_its_sentence_while_they_are_few(n):
    fig = charts.attendance_over_time(_reports(n), TYPES, "t")
    assert len(fig.data[0].x) == n and [c[2] for c in fig.data[0].customdata[:2]] == ["a0", "a1"]
    assert all("رامشتاين" in c[3] for c in fig.data[0].customdata)


def test_attendance_of_many_reports_is_one_marker_per_month_with_its_range():
    reports = _reports(charts.DENSE_POINTS + 100)  # 600 days from January 2023: 20 months
    fig = charts.attendance_over_time(reports, TYPES, "t")
    months = reports["date_start"].dt.to_period("M")
    assert len(fig.data[0].x) == months.nunique() == 20
    by_month = reports.groupby(months)["attending_count"]
    assert list(fig.data[0].y) == list(by_month.median())
    assert [int(c[1]) for c in fig.data[0].customdata] == list(by_month.min())
    assert [int(c[2]) for c in fig.data[0].customdata] == list(by_month.max())
    assert sum(int(c[3]) for c in fig.data[0].customdata) == len(reports)
    assert "600 reports, by month" in fig.layout.title.subtitle.text
