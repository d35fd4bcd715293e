"""Filters (URL form, applying them to a Corpus) and the derived tables the pages show. Pure pandas."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from synthetic import make_corpus

from dashboard import derive, filters
from dashboard.filters import Filters
from dashboard.schema import Corpus, frame


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return make_corpus(400, seed=3)


# ---------------------------------------------------------------------------------------------------------------------
# URL form


@pytest.mark.parametrize(("params", "expected"), [
    pytest.param({}, Filters(), id="nothing"),
    pytest.param({"countries": "POL,deu"}, Filters(countries=("POL", "DEU")), id="countries-upper-cased"),
    pytest.param({"countries": "POL,POL,xx,<script>"}, Filters(countries=("POL",)), id="junk-and-duplicates-dropped"),
    pytest.param({"from": "2024-01-01", "to": "2024-02-01"},
                 Filters(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 2, 1)), id="date-range"),
    pytest.param({"from": "2024-03-01", "to": "2024-01-01"},
                 Filters(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 3, 1)), id="reversed-range-swapped"),
    pytest.param({"from": "2024-13-45"}, Filters(), id="bad-date-ignored"),
    pytest.param({"types": "udcg_meeting,Robert'); DROP"}, Filters(event_types=("udcg_meeting",)), id="bad-type"),
    pytest.param({"lang": "ar"}, Filters(lang="ar"), id="arabic-labels"),
    pytest.param({"lang": "fr"}, Filters(), id="unknown-lang-english"),
    pytest.param({"countries": ["POL", "DEU"]}, Filters(countries=("POL", "DEU")), id="repeated-key-list"),
])
def test_from_query(params, expected):
    assert filters.from_query(params) == expected


codes = st.lists(st.sampled_from(["POL", "DEU", "USA", "GBR", "UKR", "FRA"]), unique=True, max_size=4)
dates = st.one_of(st.none(), st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2027, 1, 1)))


@settings(max_examples=60, deadline=None)
@given(codes, dates, dates, st.lists(st.sampled_from(list(filters.EVENT_TYPES)), unique=True, max_size=3),
       st.sampled_from(["en", "ar"]))
def test_url_round_trip(countries, d0, d1, types, lang):
    if d0 and d1 and d0 > d1:
        d0, d1 = d1, d0
    f = Filters(countries=tuple(countries), date_from=d0, date_to=d1, event_types=tuple(types), lang=lang)
    assert filters.from_query(f.to_query()) == f


def test_slug_is_file_safe_and_says_what():
    f = Filters(countries=("POL", "DEU"), date_from=dt.date(2024, 1, 1), event_types=("udcg_meeting",))
    assert f.slug() == "POL-DEU_2024-01-01-to-end_udcg"
    assert Filters().slug() == "all"
    assert Filters(countries=tuple("ABC DEF GHI JKL MNO".split())).slug() == "5-countries"


def test_from_state_full_range_is_no_date_filter():
    opts = filters.Options(("POL",), ("udcg_meeting",), dt.date(2022, 1, 1), dt.date(2025, 1, 1))
    state = {filters.K_DATES: (dt.date(2022, 1, 1), dt.date(2025, 1, 1)), filters.K_COUNTRIES: ["POL"]}
    assert filters.from_state(state, opts) == Filters(countries=("POL",))
    state[filters.K_DATES] = (dt.date(2023, 1, 1),)  # half-picked range: from that day on
    assert filters.from_state(state, opts).date_from == dt.date(2023, 1, 1)
    assert filters.from_state(state, opts).date_to is None


# ---------------------------------------------------------------------------------------------------------------------
# Applying filters


def test_no_filter_is_identity(corpus):
    assert filters.apply(corpus, Filters()) is corpus


def test_country_filter(corpus):
    out = filters.apply(corpus, Filters(countries=("POL",)))
    assert 0 < len(out.events) < len(corpus.events)
    assert set(out.participants["country"].astype(str)) == {"POL"}
    pol_events = set(corpus.participants.loc[corpus.participants["country"] == "POL", "event_id"])
    ev = corpus.events
    pol_meetings = set(ev.loc[ev["event_id"].isin(pol_events), "meeting_id"].dropna())
    theirs = pol_events | set(ev.loc[ev["meeting_id"].isin(pol_meetings), "event_id"])  # full coverage
    assert set(out.events["event_id"]) == theirs and theirs > pol_events
    assert set(out.mentions["country"].astype(str)) <= {"POL"}
    assert set(out.amounts["donor"].dropna()) <= {"POL"}
    assert set(out.spans["article_id"]) <= set(out.articles["article_id"])
    assert len(out.errors) == len(corpus.errors)  # data-quality rows are never filtered away


def test_a_view_copies_a_table_only_when_it_is_read(corpus):
    """A filtered view cuts each table on first read and keeps it; otherwise it is an ordinary corpus (its tables,
    ``replace``, equality and pickling see the cut tables)."""
    import dataclasses
    import pickle

    f = Filters(countries=("POL",), date_from=dt.date(2022, 6, 1))
    out = filters.apply(corpus, f)
    assert "spans" not in out.__dict__ and "events" not in out.__dict__
    for name, cols in [("articles", ["article_id", "published"]), ("participants", ["country"]),
                       ("mentions", ["country"]), ("amounts", ["donor", "value_usd"]), ("spans", ["kind"])]:
        pd.testing.assert_frame_equal(out.select(name, cols), getattr(filters.apply(corpus, f), name)[cols])
    assert not {"articles", "participants", "mentions", "amounts", "spans"} & set(out.__dict__)  # columns only
    ev = out.events
    assert out.events is ev and "spans" not in out.__dict__ and "articles" not in out.__dict__
    again = filters.apply(corpus, f)
    for name, table in again.tables().items():
        pd.testing.assert_frame_equal(getattr(out, name), table)
    back = pickle.loads(pickle.dumps(filters.apply(corpus, f)))
    assert "_rows" not in back.__dict__
    for name, table in again.tables().items():
        pd.testing.assert_frame_equal(getattr(back, name), table)
    swapped = dataclasses.replace(out, errors=frame("errors"))
    pd.testing.assert_frame_equal(swapped.spans, again.spans)
    with pytest.raises(AttributeError):
        _ = out.no_such_table


@settings(max_examples=60, deadline=None)
@given(keys=st.lists(st.one_of(st.none(), st.sampled_from(["a", "b", "", "ج", "a;b"])), max_size=12),
       pairs=st.lists(st.tuples(st.sampled_from(["a", "b", "", "ج", "z"]), st.integers(0, 9)), max_size=8))
def test_lookup_is_a_first_wins_map(keys, pairs):
    """``derive.lookup`` (matched in Arrow for text keys) = a dict lookup where the first value of a key wins, and
    missing keys (and missing values) give a missing value."""
    mapping = pd.Series([v for _, v in pairs], index=pd.Index([k for k, _ in pairs], dtype="string"), dtype="Int64")
    first: dict[str, int] = {}
    for k, v in pairs:
        first.setdefault(k, v)
    series = pd.Series(keys, dtype="string")
    got = derive.lookup(series, mapping)
    expected = [first.get("" if k is None else k) for k in keys]
    assert [None if pd.isna(x) else int(x) for x in got] == expected
    assert got.index.equals(series.index)


def test_date_filter_drops_undated(corpus):
    f = Filters(date_from=dt.date(2023, 1, 1), date_to=dt.date(2023, 6, 30))
    out = filters.apply(corpus, f)
    d = out.events["date_start"]
    assert d.notna().all() and (d >= "2023-01-01").all() and (d < "2023-07-01").all()
    assert 0 < len(out.events) < len(corpus.events)
    pub = out.articles["published"]
    assert ((pub >= "2023-01-01") & (pub < "2023-07-01")).all()
    assert len(out.meetings) < len(corpus.meetings)


def test_type_filter(corpus):
    out = filters.apply(corpus, Filters(event_types=("nato_meeting",)))
    assert set(out.events["event_type"].astype(str)) == {"nato_meeting"}
    assert set(out.meetings["event_type"].astype(str)) <= {"nato_meeting"}
    assert set(out.articles["article_id"]) == set(out.events["article_id"])
    linked = out.amounts["event_id"].notna()
    assert out.amounts.loc[linked, "event_id"].isin(out.events["event_id"]).all()


def test_filters_combine_as_and(corpus):
    a = filters.apply(corpus, Filters(countries=("DEU",)))
    b = filters.apply(corpus, Filters(countries=("DEU",), event_types=("udcg_meeting",)))
    assert set(b.events["event_id"]) < set(a.events["event_id"])


def test_empty_corpus_and_unknown_country():
    empty = Corpus.empty()
    out = filters.apply(empty, Filters(countries=("POL",), date_from=dt.date(2024, 1, 1), event_types=("x",)))
    assert all(len(df) == 0 for df in out.tables().values())
    opts = filters.options(empty, today=dt.date(2025, 1, 1))
    assert opts.countries == () and opts.date_max == dt.date(2025, 1, 1)


def test_options(corpus):
    opts = filters.options(corpus)
    assert "POL" in opts.countries and "ALL" not in opts.countries
    assert opts.event_types[0] == "udcg_meeting"
    assert opts.date_min <= opts.date_max


# ---------------------------------------------------------------------------------------------------------------------
# Derived tables


def _amounts(rows):
    return frame("amounts", [{"amount_id": f"a{i}", "currency": "USD", **r} for i, r in enumerate(rows)])


def test_same_figure_from_several_articles_is_one_figure():
    am = _amounts([
        {"article_id": "x", "donor": "ALL", "kind": "cumulative_total", "value_usd": 66.5e9, "date_start": "2025-02-12",
         "evidence": "بلغ إجمالي المساعدات 66.5 مليار دولار"},
        {"article_id": "y", "donor": "ALL", "kind": "cumulative_total", "value_usd": 66.5e9,
         "date_start": "2025-02-14"},
        {"article_id": "z", "donor": "ALL", "kind": "pledge", "value_usd": 66.5e9, "date_start": "2025-02-14"},
        {"article_id": "z", "donor": "USA", "kind": "cumulative_total", "value_usd": 65.9e9,
         "date_start": "2025-01-01"},
    ])
    figs = derive.amount_figures(am, frame("articles"))
    assert len(figs) == 3
    total = figs[(figs["donor"] == "ALL") & (figs["kind"] == "cumulative_total")].iloc[0]
    assert total["n_sources"] == 2 and total["article_ids"] == "x;y"
    assert total["date"] == pd.Timestamp("2025-02-12")  # as of the first report
    assert total["evidence"].startswith("بلغ")
    latest = derive.latest_totals(figs)
    assert list(latest["donor"]) == ["ALL", "USA"]
    assert latest["value_usd"].tolist() == [66.5e9, 65.9e9]  # the pledge is not added to the total


def test_latest_total_is_the_latest_not_the_sum():
    am = _amounts([
        {"article_id": "a", "donor": "DEU", "kind": "cumulative_total", "value_usd": 10e9, "date_start": "2023-01-01"},
        {"article_id": "b", "donor": "DEU", "kind": "cumulative_total", "value_usd": 28e9, "date_start": "2024-06-01"},
        {"article_id": "c", "donor": "DEU", "kind": "package", "value_usd": 2e9, "date_start": "2024-07-01"},
    ])
    latest = derive.latest_totals(derive.amount_figures(am, frame("articles")))
    assert latest[["donor", "value_usd"]].values.tolist() == [["DEU", 28e9]]


def test_amount_without_date_takes_article_date():
    arts = frame("articles", [{"article_id": "a", "published": "2024-03-05"}])
    am = _amounts([{"article_id": "a", "donor": "GBR", "kind": "pledge", "value_usd": 1e9}])
    assert derive.amount_figures(am, arts)["date"].iloc[0] == pd.Timestamp("2024-03-05")


def test_role_counts_count_meetings_not_reports():
    ev = frame("events", [
        {"event_id": "e1", "article_id": "a", "event_type": "udcg_meeting", "meeting_id": "m1"},
        {"event_id": "e2", "article_id": "b", "event_type": "udcg_meeting", "meeting_id": "m1"},
        {"event_id": "e3", "article_id": "b", "event_type": "udcg_meeting", "meeting_id": "m2"},
        {"event_id": "e4", "article_id": "c", "event_type": "phone_call"},
    ])
    p = frame("participants", [
        {"event_id": "e1", "country": "USA", "role": "chair"}, {"event_id": "e2", "country": "USA", "role": "chair"},
        {"event_id": "e3", "country": "USA", "role": "absent"}, {"event_id": "e4", "country": "USA", "role": "party"},
    ])
    roles = derive.role_counts(p, ev)
    got = {(r.role, r.event_type): r.meetings for r in roles.itertuples()}
    assert got == {("chair", "udcg_meeting"): 1, ("absent", "udcg_meeting"): 1, ("party", "phone_call"): 1}
    totals = derive.country_totals(roles).set_index("country")
    assert totals.loc["USA", "took_part"] == 1 and totals.loc["USA", "absent"] == 1  # the call is not a meeting


def _reference():
    return pd.DataFrame({"kind": ["udcg_meeting"] * 3, "number": [25, 26, 27],
                         "date": ["2024-12-01", "2025-02-12", "2025-04-11"],
                         "location": ["Ramstein", "Brussels", "Brussels"],
                         "chairs": ["USA", "GBR", "GBR;DEU"], "attendance": ["50", "", ""]})


def test_timeline_reference_backbone():
    meetings = frame("meetings", [
        {"meeting_id": "m26", "event_type": "udcg_meeting", "date_start": "2025-02-12", "reference_number": 26,
         "n_articles": 3, "article_ids": "a;b;c", "event_ids": "e1;e2;e3", "chairs": "GBR"},
        {"meeting_id": "m27", "event_type": "udcg_meeting", "date_start": "2025-04-12", "n_articles": 1,
         "article_ids": "d", "event_ids": "e4", "disagreement": "date: 2025-04-11 vs 2025-04-12"},
        {"meeting_id": "mx", "event_type": "udcg_meeting", "date_start": "2025-06-04", "n_articles": 1,
         "article_ids": "e", "event_ids": "e5"},
    ])
    events = frame("events", [{"event_id": "e1", "article_id": "a", "meeting_id": "m26", "evidence": "<b>اجتماع</b>"}])
    tl = derive.timeline(meetings, events, _reference(), {"GBR": "United Kingdom", "DEU": "Germany"})
    status = dict(zip(tl["date"].dt.strftime("%Y-%m-%d"), tl["status"], strict=True))
    assert status == {"2024-12-01": "not covered", "2025-02-12": "reported", "2025-04-11": "disagreement",
                      "2025-06-04": "not in reference"}
    row = tl[tl["status"] == "reported"].iloc[0]
    assert row["n_articles"] == 3 and row["evidence"] == "<b>اجتماع</b>" and row["number"] == 26
    assert tl.loc[tl["number"] == 27, "chairs"].iloc[0] == "United Kingdom, Germany"


def test_timeline_without_reference_or_meetings_uses_events():
    events = frame("events", [
        {"event_id": "e1", "article_id": "a", "event_type": "udcg_meeting", "date_start": "2025-02-12",
         "meeting_id": "m1", "attending_count": 50, "evidence": "x"},
        {"event_id": "e2", "article_id": "b", "event_type": "udcg_meeting", "date_start": "2025-02-12",
         "meeting_id": "m1", "attending_count": 54},
        {"event_id": "e3", "article_id": "b", "event_type": "phone_call", "date_start": "2025-02-13"},
    ])
    tl = derive.timeline(frame("meetings"), events, None).set_index("event_type")
    assert set(tl.index) == {"udcg_meeting", "phone_call"}
    assert tl.loc["udcg_meeting", "n_articles"] == 2 and tl.loc["udcg_meeting", "attendance"] == "50–54"
    assert tl.loc["udcg_meeting", "status"] == "not in reference"
    assert derive.timeline(frame("meetings"), frame("events"), None).empty


@pytest.mark.parametrize(("kind", "expected"), [
    ("udcg_meeting", "udcg_meeting"), ("UDCG", "udcg_meeting"), ("Coalition of the Willing (leaders)",
                                                                  "coalition_meeting"),
    ("NATO ministerial", "nato_meeting"), ("something else", "other_meeting"), (None, "udcg_meeting"),
])
def test_kind_to_type(kind, expected):
    assert derive.kind_to_type(kind) == expected


def _spans(rows):
    return frame("spans", rows)


def test_highlight_escapes_everything():
    text = 'قال <script>alert("x")</script> إن 50 دولة & "الناتو"'
    out = derive.highlight_html(text, _spans([{"kind": "count", "start": 35, "end": 42, "value": '"><img src=x>'}]))
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<img" not in out and "&quot;&gt;&lt;img" in out
    assert "&amp;" in out


def test_highlight_marks_and_overlaps():
    text = "اجتمع وزراء دفاع 50 دولة في بروكسل\nأمس"
    spans = _spans([
        {"kind": "count", "start": 17, "end": 24, "value": "50"},
        {"kind": "country", "start": 20, "end": 24, "value": "x"},  # overlaps the count: cut, never nested
        {"kind": "place", "start": 28, "end": 34, "value": "Brussels"},
        {"kind": "date", "start": 30, "end": 999, "value": "bad"},  # out of range: skipped
    ])
    out = derive.highlight_html(text, spans)
    assert '<mark class="k-count" title="count: 50">50 دولة</mark>' in out
    assert '<mark class="k-place" title="place: Brussels">بروكسل</mark>' in out
    assert out.count("<mark") == 2 and "<br>" in out
    # the visible text is the article, unchanged
    import re
    assert re.sub(r"<[^>]+>", "", out).replace("<br>", "\n") == text.replace("\n", "")


def test_wrap_escapes_and_cuts():
    w = derive.wrap("<script>" + "كلمة " * 100, width=30, limit=100)
    assert "<script>" not in w and "&lt;script&gt;" in w
    assert w.count("<br>") >= 2 and w.endswith("…")
    assert derive.wrap(pd.NA) == "" and derive.wrap(None) == ""


def test_overview_counts(corpus):
    n = derive.overview_counts(corpus)
    assert n["articles"] == 400 and n["events"] == 400
    assert 0 < n["meetings"] <= 400 and n["countries"] == 20
    assert n["aid_figures"] < len(corpus.amounts)  # repeated figures are one


def test_timeline_reference_only_when_corpus_has_no_meetings():
    tl = derive.timeline(frame("meetings"), frame("events"), _reference())
    assert list(tl["status"]) == ["not covered"] * 3 and (tl["n_articles"] == 0).all()


def test_timeline_reference_attendance_is_a_number_or_range_with_a_source():
    """The reference table's research notes ("not reported in pages read (~50 typical)") never reach the page."""
    from dashboard.meetings import reference_meetings

    ref = reference_meetings()
    tl = derive.timeline(frame("meetings"), frame("events"), ref)
    shown = tl["attendance"]
    assert shown.str.fullmatch(r"(\d+(–\d+)?)?").all(), sorted(set(shown))[:5]
    assert (shown != "").sum() == (ref["attending_low"].notna() | ref["attending_high"].notna()).sum()
    assert tl["ref_source"].str.match(r"https?://").sum() >= len(tl) // 2


@pytest.mark.parametrize(("low", "high", "shown"), [
    pytest.param(50, 50, "50", id="same"), pytest.param(45, 50, "45–50", id="range"),
    pytest.param(None, 40, "40", id="high-only"), pytest.param(pd.NA, pd.NA, "", id="none"),
])
def test_count_range(low, high, shown):
    assert derive.count_range(low, high) == shown


# ---------------------------------------------------------------------------------------------------------------------
# search (issue 7.8)


def _search_corpus() -> Corpus:
    arts = frame("articles", [
        {"article_id": "a", "title": "خبر عن الدفاع",
         "text": "عُقد اجتماع رامشتاين في بروكسل. وقالت ألمانيا إنها ستقدم دعما."},
        {"article_id": "b", "title": "اتصال هاتفي", "text": "بحث الوزيران الوضع في أوكرانيا."},
        {"article_id": "c", "title": "مساعدات جديدة", "text": "أعلنت المملكة المتحدة عن حزمة مساعدات."},
    ])
    mentions = frame("mentions", [{"article_id": "b", "country": "DEU", "count": 1, "first_raw": "برلين"}])
    events = frame("events", [{"event_id": "b1", "article_id": "b", "event_type": "phone_call", "location": "Kyiv"}])
    return Corpus(articles=arts, events=events, participants=frame("participants"), amounts=frame("amounts"),
                  mentions=mentions, spans=frame("spans"), errors=frame("errors"), meetings=frame("meetings"))


@pytest.mark.parametrize(("query", "found"), [
    pytest.param("رامشتاين", ["a"], id="word-in-text-not-title"),
    pytest.param("المانيا", ["a", "b"], id="without-hamza-finds-text-and-fact"),
    pytest.param("Germany", ["b"], id="english-country-name-from-facts"),
    pytest.param("المملكه المتحده", ["c"], id="ta-marbuta-as-heh"),
    pytest.param("عقد", ["a"], id="diacritics-ignored"),
    pytest.param("اتصال Kyiv", ["b"], id="every-word-and-a-place"),
    pytest.param("Phone call", ["b"], id="meeting-type-label"),
    pytest.param("لندن", [], id="no-match"),
])
def test_search_text_and_facts(query, found):
    words = {"DEU": "ألمانيا Germany DEU"}
    types = {"phone_call": "Phone call اتصال هاتفي"}
    idx = derive.search_index(_search_corpus(), words, types)
    assert derive.search(idx, query) == found


def test_match_html_marks_the_sentence():
    out = derive.match_html("<b>قال</b> الوزير. إن ألمانيا ستقدم دعما! ثم غادر.", "المانيا")
    assert out == "إن <mark>ألمانيا</mark> ستقدم دعما!"
    assert derive.match_html("نص بلا تطابق", "بروكسل") == ""


# ---------------------------------------------------------------------------------------------------------------------
# outlets (issue 7.11)


def test_outlet_filter_keeps_that_outlets_articles_and_what_was_found_in_them(corpus):
    f = Filters(outlets=("news.example",))
    out = filters.apply(corpus, f)
    assert 0 < len(out.articles) < len(corpus.articles)
    assert set(out.articles["outlet"].astype(str)) == {"news.example"}
    kept = set(out.articles["article_id"])
    for name in ("events", "amounts", "mentions", "spans"):
        assert set(getattr(out, name)["article_id"]) <= kept, name
    assert set(out.meetings["meeting_id"]) <= set(out.events["meeting_id"].dropna())
    assert "news.example" in filters.options(corpus).outlets


@pytest.mark.parametrize("outlets", [
    pytest.param(("news.example",), id="one"),
    pytest.param(("وكالة, الأنباء", "a&b=c|d"), id="comma-and-url-characters"),
])
def test_outlets_in_the_url(outlets):
    f = Filters(outlets=outlets)
    back = filters.from_query(f.to_query())
    if "a&b=c|d" in outlets:  # the separator cannot be part of a name: it splits
        assert back.outlets[0] == "وكالة, الأنباء"
    else:
        assert back == f


def test_outlet_coverage_days_after_each_meeting(corpus):
    cov = derive.outlet_coverage(corpus.meetings, corpus.events, corpus.articles)
    assert len(cov) and set(cov["outlet"]) <= {"example.com", "news.example"}
    assert (cov["days"] >= 0).all() and (cov["days"] <= 3).all()  # synthetic articles appear 0-2 days after
    assert derive.outlet_coverage(corpus.meetings.head(0), corpus.events, corpus.articles).empty


def test_attendance_reports_one_point_per_meeting_and_count():
    ev = frame("events", [
        {"event_id": f"e{i}", "article_id": a, "event_type": "udcg_meeting", "date_start": "2025-02-12",
         "meeting_id": "m1", "attending_count": n} for i, (a, n) in enumerate([("a", 50), ("b", 50), ("c", 54)])])
    rep = derive.attendance_reports(ev)
    assert sorted(rep["attending_count"].tolist()) == [50, 54] and rep["article_id"].tolist()[0] == "a"


def test_reference_cut_to_a_countrys_meetings():
    """Chaired by the country, or matching one of its corpus meetings by number, else by type and day (± 1)."""
    ref = _reference()
    theirs = frame("meetings", [
        {"meeting_id": "m", "event_type": "udcg_meeting", "date_start": "2024-12-02"},  # #25 a day off, no number
    ])
    got = derive.restrict_reference(ref, None, None, ("udcg_meeting",), ("FRA",), theirs)
    assert list(got["number"]) == [25]
    got = derive.restrict_reference(ref, None, None, ("udcg_meeting",), ("DEU",), theirs.head(0))
    assert list(got["number"]) == [27]  # co-chaired by Germany


_CELLS = st.one_of(st.none(), st.sampled_from(["a", "b", "ب", "a~2", ""]), st.text(max_size=3))


@settings(max_examples=150, deadline=None)
@given(st.lists(_CELLS, max_size=30), st.sets(st.one_of(st.text(max_size=3), st.integers(0, 3)), max_size=6),
       st.sampled_from(["string", "object", "category"]))
def test_isin_is_membership_and_missing_is_never_in(cells, values, dtype):
    from dashboard.derive import isin

    s = pd.Series(cells, dtype=dtype, index=range(10, 10 + len(cells)))
    got = isin(s, values)
    assert got.dtype == bool and list(got.index) == list(s.index)
    assert list(got) == [c is not None and c in values for c in cells]


@settings(max_examples=150, deadline=None)
@given(st.lists(_CELLS, max_size=30), st.lists(st.one_of(st.none(), st.text(max_size=3)), max_size=8),
       st.lists(st.text(max_size=3), max_size=5))
def test_arrow_value_sets_give_the_same_membership(cells, values, more):
    from dashboard.derive import isin, keys, union

    s = pd.Series(cells, dtype="string")
    vs = keys(pd.Series(values, dtype="string"))
    assert sorted(vs.to_pylist()) == sorted({v for v in values if v is not None})  # distinct, no missing
    assert list(isin(s, vs)) == [c is not None and c in values for c in cells]
    both = union(vs, keys(pd.Series(more, dtype="string")))
    assert sorted(both.to_pylist()) == sorted({v for v in [*values, *more] if v is not None})
    assert list(isin(s, both)) == list(isin(s, {v for v in [*values, *more] if v is not None}))
