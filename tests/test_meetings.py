"""The reference calendar, links to it, canonical meetings across articles, and date windows for undated articles."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import meetings as M
from dashboard.extract.lexicon import DATA_DIR
from dashboard.schema import TABLES, frame

P = pytest.param


def ev(event_id: str, article_id: str, event_type: str = "udcg_meeting", date: str | None = None, **kw: object) -> dict:
    """One events row; ``date`` may be YYYY-MM-DD, YYYY-MM or YYYY (date_start and precision follow)."""
    row: dict[str, object] = {"event_id": event_id, "article_id": article_id, "event_type": event_type}
    if date:
        precision = {10: "day", 7: "month", 4: "year"}[len(date)]
        start = date + {10: "", 7: "-01", 4: "-01-01"}[len(date)]
        row.update(date=date, date_start=start, date_precision=precision, date_basis="explicit")
    row.update(kw)
    return row


def events(*rows: dict) -> pd.DataFrame:
    return frame("events", rows)


def dtype_kinds(df: pd.DataFrame) -> list[str]:
    """Column dtypes with the details that vary between frames (categories, datetime unit) left out."""
    return [re.sub(r"\[.*\]", "", "category" if isinstance(d, pd.CategoricalDtype) else str(d)) for d in df.dtypes]


def articles(outlets: dict[str, str | None]) -> pd.DataFrame:
    return frame("articles", [{"article_id": a, "file": f"{a}.txt", "outlet": o} for a, o in outlets.items()])


def parts(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return frame("participants", [{"event_id": e, "country": c, "role": r} for e, c, r in rows])


# ------------------------------------------------------------------------------------------------------- reference
def test_reference_file_has_a_provenance_header() -> None:
    lines = (DATA_DIR / M.REFERENCE_FILE).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# source:")
    assert any(line.startswith("# how to edit") for line in lines)


def test_reference_lists_the_33_udcg_meetings_in_order() -> None:
    ref = M.reference_meetings()
    udcg = ref[(ref["kind"] == "udcg_meeting") & ref["number"].notna()].sort_values("number")
    assert udcg["number"].tolist() == list(range(1, 34))
    assert udcg["date"].is_monotonic_increasing  # numbered in the order they were held
    assert udcg["date"].iloc[0] == pd.Timestamp("2022-04-26")


def test_reference_values_are_well_formed() -> None:
    ref = M.reference_meetings()
    assert set(ref["kind"]) <= {"udcg_meeting", "coalition_meeting", "nato_meeting", "armaments_meeting"}
    assert ref["date"].notna().all()
    assert set(ref["format"]) <= {"in-person", "virtual", "hybrid", "not held"}
    assert ref["location"].str.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*").all()  # an English city or "Virtual"
    for cell in ref["chairs"].fillna(""):
        assert all(re.fullmatch(r"[A-Z]{3}", c) for c in cell.split(";") if c)
    both = ref["attending_low"].notna() & ref["attending_high"].notna()
    assert (ref.loc[both, "attending_low"] <= ref.loc[both, "attending_high"]).all()
    assert (ref["attending_low"].notna() == ref["attending_high"].notna()).all()


def test_reference_is_a_copy() -> None:
    ref = M.reference_meetings()
    ref.loc[0, "location"] = "Nowhere"
    assert M.reference_meetings().loc[0, "location"] != "Nowhere"


# ------------------------------------------------------------------------------------------------------- linking
LINKS = [
    P(ev("e", "a", date="2025-06-04"), 28, "date", id="28-by-date"),
    P(ev("e", "a", date="2025-04-11"), 27, "date", id="27-by-date"),
    P(ev("e", "a", date="2022-10-12"), 6, "date", id="6-by-date"),
    P(ev("e", "a", date="2022-10-13"), 6, "date", id="a-day-late"),
    P(ev("e", "a", date="2025-06-03"), 28, "date", id="a-day-early-time-zone"),
    P(ev("e", "a", date="2025-06-04", meeting_number=28), 28, "date+ordinal", id="date-and-ordinal-agree"),
    P(ev("e", "a", date="2025-06", meeting_number=28), 28, "ordinal", id="month-date-fits-ordinal"),
    P(ev("e", "a", date="2025-06"), 28, "month", id="only-udcg-meeting-in-the-month"),
    P(ev("e", "a", date="2022-11-18", event_type="armaments_meeting"), 2, "date", id="armaments-directors-2"),
    P(ev("e", "a", event_type="armaments_meeting", meeting_number=1), 1, "ordinal", id="armaments-by-ordinal"),
]


@pytest.mark.parametrize(("row", "number", "basis"), LINKS)
def test_link_reference(row: dict, number: int, basis: str) -> None:
    out = M.link_reference(events(row))
    assert out["reference_number"].iloc[0] == number
    assert out["reference_basis"].iloc[0] == basis


NO_LINKS = [
    P(ev("e", "a", date="2025-06-06"), id="two-days-off"),
    P(ev("e", "a", date="2024-10-12"), id="meeting-not-held"),
    P(ev("e", "a", date="2025-06-04", event_type="phone_call"), id="type-not-in-reference"),
    P(ev("e", "a", date="2025-03-27", event_type="udcg_meeting"), id="coalition-date-other-kind"),
    P(ev("e", "a", date="2025"), id="year-only"),
    P(ev("e", "a"), id="no-date-no-ordinal"),
    P(ev("e", "a", meeting_number=40), id="ordinal-not-in-reference"),
    P(ev("e", "a", date="2025-03", event_type="coalition_meeting"), id="month-with-several-coalition-meetings"),
]


@pytest.mark.parametrize("row", NO_LINKS)
def test_no_link(row: dict) -> None:
    out = M.link_reference(events(row))
    assert pd.isna(out["reference_number"].iloc[0])
    assert out["reference_basis"].iloc[0] == ""


def test_ordinal_only_takes_the_reference_date() -> None:
    out = M.link_reference(events(ev("e", "a", meeting_number=20)))
    row = out.iloc[0]
    assert (row["reference_number"], row["reference_basis"]) == (20, "ordinal")
    assert (row["date"], row["date_precision"], row["date_basis"]) == ("2024-03-19", "day", "reference ordinal")
    assert row["date_start"] == pd.Timestamp("2024-03-19")
    assert dtype_kinds(out) == dtype_kinds(frame("events"))


def test_link_reference_twice_changes_nothing() -> None:
    df = events(ev("a1", "a", meeting_number=20), ev("b1", "b", date="2025-06-04", meeting_number=27),
                ev("c1", "c", date="2025-04-11"))
    once = M.link_reference(df)
    pd.testing.assert_frame_equal(M.link_reference(once), once)


@pytest.mark.parametrize(("date", "kept"), [
    P("2025-06-04", True, id="described-on-the-28th-meeting-day"),
    P("2025-06-05", True, id="described-a-day-after"),
    P("2025-06-20", False, id="described-off-the-calendar"),
    P("2025-06", True, id="described-month-only-is-not-disproved"),
    P(None, True, id="described-undated-is-not-disproved"),
])
def test_described_group_is_the_udcg_only_on_its_calendar(date: str | None, kept: bool) -> None:
    out = M.link_reference(events(ev("e", "a", date=date, type_basis="described"), ev("n", "b", date=date)))
    assert out["event_type"].tolist() == ["udcg_meeting" if kept else "other_meeting", "udcg_meeting"]
    linked = not pd.isna(out["reference_number"].iloc[0])
    if date is None or len(date) == 10:
        assert linked == (kept and date is not None)


@pytest.mark.parametrize(("etype", "date", "want"), [
    P("other_meeting", "2025-03-02", "coalition_meeting", id="leaders-summit-on-a-coalition-day"),
    P("other_meeting", "2023-01-20", "udcg_meeting", id="ministers-meeting-on-a-udcg-day"),
    P("other_meeting", "2024-07-01", "other_meeting", id="off-every-calendar"),
    P("udcg_meeting", "2025-03-27", "coalition_meeting", id="backers-meeting-on-a-coalition-day"),
])
def test_described_meeting_takes_the_calendar_format(etype: str, date: str, want: str) -> None:
    out = M.link_reference(events(ev("e", "a", event_type=etype, date=date, type_basis="described")))
    assert out["event_type"].iloc[0] == want


def test_unnumbered_series_link_by_date_without_a_number() -> None:
    out = M.link_reference(events(ev("e", "a", event_type="coalition_meeting", date="2025-03-28")))
    assert pd.isna(out["reference_number"].iloc[0])
    assert out["reference_basis"].iloc[0] == "date"


def test_conflicting_date_and_ordinal_keeps_the_date_and_says_so() -> None:
    out = M.link_reference(events(ev("e", "a", date="2025-06-04", meeting_number=27)))
    assert out["reference_number"].iloc[0] == 28
    basis = out["reference_basis"].iloc[0]
    assert basis.startswith("conflict:") and "27" in basis and "28" in basis


def test_ordinal_far_from_the_date_is_a_conflict() -> None:
    out = M.link_reference(events(ev("e", "a", date="2023-01-01", meeting_number=20)))
    assert out["reference_number"].iloc[0] == 20
    assert out["reference_basis"].iloc[0].startswith("conflict: ordinal 20 is 2024-03-19")


def test_link_reference_leaves_its_input_alone_and_keeps_rows() -> None:
    df = events(ev("a1", "a", date="2025-06-04"), ev("b1", "b", meeting_number=20), ev("c1", "c", "phone_call"))
    before = df.copy()
    out = M.link_reference(df)
    pd.testing.assert_frame_equal(df, before)
    assert out["event_id"].tolist() == ["a1", "b1", "c1"]
    assert M.link_reference(events()).empty


# ------------------------------------------------------------------------------------------------------- canonical
def canon(evs: pd.DataFrame, participants: pd.DataFrame | None = None,
          arts: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    return M.canonical_meetings(M.link_reference(evs), participants if participants is not None else
                                frame("participants"), arts if arts is not None else frame("articles"))


def test_one_meeting_reported_four_ways_is_one_meeting() -> None:
    # "today" in an article of 4 June, "Wednesday" resolved to 4 June, an explicit date, and a late report that
    # puts it on the 5th; counts 50, "about 40" and none; places Brussels, the video link, and none.
    evs = events(
        ev("a_e1", "a", date="2025-06-04", date_basis="today", location="Brussels", attending_count=50),
        ev("b_e1", "b", date="2025-06-04", date_basis="weekday", attending_count=40),
        ev("c_e1", "c", date="2025-06-04", date_basis="explicit", location="Virtual"),
        ev("d_e1", "d", date="2025-06-05", date_basis="explicit", location="Brussels", attending_count=50),
    )
    out, meetings = canon(evs, arts=articles({"a": "alarabiya.net", "b": "alarabiya.net", "c": None, "d": "aa.com.tr"}))
    assert out["meeting_id"].nunique() == 1
    assert len(meetings) == 1
    m = meetings.iloc[0]
    assert (m["n_events"], m["n_articles"], m["n_outlets"]) == (4, 4, 3)  # c has no outlet: counts on its own
    assert (m["date"], m["date_precision"], m["location"]) == ("2025-06-04", "day", "Brussels")
    assert (m["date_min"], m["date_max"]) == (pd.Timestamp("2025-06-04"), pd.Timestamp("2025-06-05"))
    assert (m["attending_min"], m["attending_max"]) == (40, 50)
    assert m["reference_number"] == 28
    assert "dates: 2025-06-04 (3 articles) vs 2025-06-05 (1)" in m["disagreement"]
    assert "counts: 40–50" in m["disagreement"]
    assert m["article_ids"] == "a;b;c;d"
    assert m["meeting_id"].startswith("udcg_meeting-2025-06-04-")


def test_two_meetings_a_day_apart_in_different_cities_stay_two() -> None:
    evs = events(
        ev("a1", "a", "coalition_meeting", "2025-03-27", location="Paris"),
        ev("b1", "b", "coalition_meeting", "2025-03-28", location="London"),
        ev("c1", "c", "coalition_meeting", "2025-03-27", location="Paris"),
    )
    out, meetings = canon(evs)
    assert len(meetings) == 2
    ids = dict(zip(out["event_id"], out["meeting_id"], strict=True))
    assert ids["a1"] == ids["c1"] != ids["b1"]
    assert sorted(meetings["location"]) == ["London", "Paris"]


def test_days_further_apart_do_not_chain() -> None:
    # 1, 2, 3, 4 June: a meeting spans at most its seed day +- 1, so four days are not one meeting
    evs = events(*(ev(f"e{d}", f"a{d}", "other_meeting", f"2025-06-0{d}") for d in (1, 2, 3, 4)),
                 ev("x", "ax", "other_meeting", "2025-06-02"))
    _, meetings = canon(evs)
    assert meetings["n_events"].tolist() == [4, 1]  # seeded on the 2nd (two articles): 1-3 June, then the 4th
    assert meetings["date"].tolist() == ["2025-06-02", "2025-06-04"]


def test_virtual_and_a_city_are_one_hybrid_meeting() -> None:
    evs = events(ev("a1", "a", "nato_meeting", "2024-08-28", location="Brussels"),
                 ev("b1", "b", "nato_meeting", "2024-08-28", location="Virtual"))
    _, meetings = canon(evs)
    assert len(meetings) == 1
    assert meetings["location"].iloc[0] == "Brussels"
    assert "places: Brussels (1) vs Virtual (1)" in meetings["disagreement"].iloc[0]


def test_different_types_never_merge() -> None:
    evs = events(ev("a1", "a", "udcg_meeting", "2025-06-04"), ev("b1", "b", "nato_meeting", "2025-06-04"))
    assert len(canon(evs)[1]) == 2


def test_month_date_joins_the_only_meeting_of_its_month() -> None:
    evs = events(ev("a1", "a", "other_meeting", "2025-05-14", location="Rome"),
                 ev("b1", "b", "other_meeting", "2025-05"))
    _out, meetings = canon(evs)
    assert len(meetings) == 1
    assert (meetings["date"].iloc[0], meetings["date_precision"].iloc[0]) == ("2025-05-14", "day")
    assert pd.isna(meetings["disagreement"].iloc[0])  # a coarser date that holds the day agrees with it


def test_month_date_with_two_candidates_stays_apart() -> None:
    evs = events(ev("a1", "a", "other_meeting", "2025-05-02"), ev("b1", "b", "other_meeting", "2025-05-20"),
                 ev("c1", "c", "other_meeting", "2025-05"), ev("d1", "d", "other_meeting", "2025-05"))
    _out, meetings = canon(evs)
    assert len(meetings) == 3
    month = meetings[meetings["date_precision"] == "month"]
    assert month["n_events"].tolist() == [2]
    assert month["date"].tolist() == ["2025-05"]


def test_month_date_in_another_city_is_not_joined() -> None:
    evs = events(ev("a1", "a", "other_meeting", "2025-05-14", location="Rome"),
                 ev("b1", "b", "other_meeting", "2025-05", location="Oslo"))
    assert len(canon(evs)[1]) == 2


def test_undated_events_are_meetings_of_their_own_unless_numbered() -> None:
    evs = events(ev("a1", "a", "other_meeting"), ev("b1", "b", "other_meeting"),
                 ev("c1", "c", "udcg_meeting", meeting_number=28), ev("d1", "d", "udcg_meeting", "2025-06-04"))
    out, meetings = canon(evs)
    assert len(meetings) == 3
    ids = dict(zip(out["event_id"], out["meeting_id"], strict=True))
    assert ids["c1"] == ids["d1"]
    assert ids["a1"] != ids["b1"]
    undated = meetings[meetings["event_type"] == "other_meeting"]
    assert undated["date"].isna().all()
    assert all(i.startswith("other_meeting-undated-") for i in undated["meeting_id"])


def test_same_reference_number_wins_over_a_wrong_date() -> None:
    evs = events(ev("a1", "a", date="2025-06-04"), ev("b1", "b", date="2025-06-09", meeting_number=28),
                 ev("c1", "c", date="2025-06-04"))
    _out, meetings = canon(evs)
    assert len(meetings) == 1
    assert meetings["date"].iloc[0] == "2025-06-04"
    dis = meetings["disagreement"].iloc[0]
    assert "2025-06-09 (1)" in dis and "conflicting ordinal" in dis


def test_a_tie_between_dates_goes_to_the_reference_date() -> None:
    # one article says the 27th (a day early), one the 28th: both link to armaments directors no. 1 (28 Sep 2022)
    evs = events(ev("a1", "a", "armaments_meeting", "2022-09-27"), ev("b1", "b", "armaments_meeting", "2022-09-28"))
    m = canon(evs)[1].iloc[0]
    assert (m["date"], m["reference_number"]) == ("2022-09-28", 1)
    assert m["disagreement"] == "dates: 2022-09-28 (1 article) vs 2022-09-27 (1)"


def test_a_tie_without_reference_goes_to_the_earlier_date() -> None:
    evs = events(ev("a1", "a", "other_meeting", "2025-05-15"), ev("b1", "b", "other_meeting", "2025-05-14"))
    assert canon(evs)[1]["date"].tolist() == ["2025-05-14"]


CALLS = [
    P([("UKR", "USA"), ("USA", "UKR")], 1, id="same-parties-any-order"),
    P([("UKR", "USA"), ("UKR",)], 1, id="one-side-named"),
    P([("UKR", "USA"), ("UKR", "FRA")], 2, id="two-calls-one-day"),
    P([("UKR", "USA"), ()], 2, id="call-without-parties-stays-alone"),
    P([(), ()], 2, id="two-calls-without-parties"),
]


@pytest.mark.parametrize(("party_sets", "n_meetings"), CALLS)
def test_calls_join_only_when_parties_fit(party_sets: list[tuple[str, ...]], n_meetings: int) -> None:
    evs = events(*(ev(f"e{i}", f"a{i}", "phone_call", "2025-03-18") for i in range(len(party_sets))))
    ps = parts(*((f"e{i}", c, "party") for i, s in enumerate(party_sets) for c in s))
    assert len(canon(evs, ps)[1]) == n_meetings


def test_chairs_and_absent_are_collected() -> None:
    evs = events(ev("a1", "a", date="2025-06-04"), ev("b1", "b", date="2025-06-04"))
    ps = parts(("a1", "GBR", "chair"), ("b1", "DEU", "chair"), ("b1", "GBR", "chair"), ("a1", "USA", "absent"),
               ("b1", "FRA", "attendee"))
    m = canon(evs, ps)[1].iloc[0]
    assert (m["chairs"], m["absent"]) == ("DEU;GBR", "USA")


def test_meeting_ids_are_stable() -> None:
    rows = [ev("a1", "a", date="2025-06-04"), ev("b1", "b", "coalition_meeting", "2025-03-27", location="Paris"),
            ev("c1", "c", "other_meeting")]
    first = canon(events(*rows))[0].set_index("event_id")["meeting_id"]
    # shuffled, with another article on one meeting and an unrelated meeting added
    more = [rows[2], ev("z1", "z", "nato_meeting", "2024-01-10"), rows[1], rows[0], ev("y1", "y", date="2025-06-04")]
    second = canon(events(*more))[0].set_index("event_id")["meeting_id"]
    assert first.to_dict() == second.loc[first.index].to_dict()
    assert not any(re.search(r"-\d{1,3}$", i) for i in first)  # not a running counter


def test_meetings_table_has_the_schema() -> None:
    evs = events(ev("a1", "a", date="2025-06-04", attending_count=50), ev("b1", "b", "other_meeting"))
    out, meetings = canon(evs)
    assert list(meetings.columns) == list(TABLES["meetings"])
    assert dtype_kinds(meetings) == dtype_kinds(frame("meetings"))
    assert dtype_kinds(out) == dtype_kinds(frame("events"))
    assert out["meeting_id"].notna().all()
    assert meetings["meeting_id"].is_unique
    assert set(out["meeting_id"]) == set(meetings["meeting_id"])


def test_empty_input() -> None:
    out, meetings = M.canonical_meetings(frame("events"), frame("participants"), frame("articles"))
    assert out.empty and meetings.empty
    assert list(meetings.columns) == list(TABLES["meetings"])


def test_ten_thousand_articles_canonicalise() -> None:
    """Every event of a large synthetic corpus lands in exactly one meeting (speed: dashboard.bench)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from synthetic import make_corpus

    corpus = make_corpus(10_000, n_errors=0)
    out, meetings = M.canonical_meetings(M.link_reference(corpus.events), corpus.participants, corpus.articles)
    assert out["meeting_id"].notna().all()
    assert meetings["n_events"].sum() == len(out)


# ------------------------------------------------------------------------------------------------------- windows
def spans(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """(kind, value, raw) rows of one article "x", plus a row of another article that must be ignored."""
    data = [{"article_id": "x", "kind": k, "value": v, "raw": r} for k, v, r in rows]
    data.append({"article_id": "other", "kind": "date", "value": "2026-01-01", "raw": "1 يناير 2026"})
    return frame("spans", data)


def test_window_from_explicit_dates_skips_future_ones() -> None:
    sp = spans(("date", "2022-02-24", "24 فبراير 2022"), ("date", "2025-06-04", "4 يونيو 2025"),
               ("date", "2025-07-21", "21 يوليو المقبل"), ("date", "2030", "عام 2030"))
    start, end, basis = M.infer_date_window(sp, "x")
    assert start == dt.date(2025, 6, 4)
    assert end == dt.date.today()
    assert "2025-06-04" in basis


def test_window_from_a_year_date_only_when_nothing_finer() -> None:
    start, _, _ = M.infer_date_window(spans(("date", "2024", "عام 2024")), "x")
    assert start == dt.date(2024, 1, 1)


def test_window_from_the_war_year() -> None:
    start, end, basis = M.infer_date_window(spans(("war_year", "4", "عامها الرابع")), "x")
    assert (start, end) == (dt.date(2025, 2, 24), dt.date(2026, 2, 23))
    assert "year 4" in basis


def test_window_from_a_meeting_number_starts_after_the_previous_meeting() -> None:
    start, _, basis = M.infer_date_window(spans(("ordinal", "28", "الاجتماع الـ28")), "x")
    assert start == dt.date(2025, 4, 12)  # no. 27 was on 2025-04-11
    assert "no. 28" in basis


def test_window_from_office_holders(monkeypatch: pytest.MonkeyPatch) -> None:
    tenures = {
        "Lloyd Austin": ((dt.date(2021, 1, 22), dt.date(2025, 1, 20)),),
        "Pete Hegseth": ((dt.date(2025, 1, 25), None),),
        "John Healey": ((dt.date(2024, 7, 5), None),),
    }
    monkeypatch.setattr(M, "_tenures", lambda: tenures)
    # a predecessor named beside two office-holders: the stretch when the two were in office together wins
    sp = spans(("official", "Lloyd Austin", "أوستن"), ("official", "Pete Hegseth", "هيغسيث"),
               ("official", "John Healey", "هيلي"), ("war_year", "4", "عامها الرابع"))
    start, end, basis = M.infer_date_window(sp, "x")
    assert (start, end) == (dt.date(2025, 2, 24), dt.date(2026, 2, 23))
    assert "Pete Hegseth" in basis and "Lloyd Austin" not in basis
    # alone, two disjoint tenures tie: the later one is taken
    start, end, _ = M.infer_date_window(spans(("official", "Lloyd Austin", ""), ("official", "Pete Hegseth", "")), "x")
    assert start == dt.date(2025, 1, 25)


def test_window_contradiction_keeps_the_war_year() -> None:
    sp = spans(("war_year", "2", "عامها الثاني"), ("date", "2025-06-04", "4 يونيو 2025"))
    start, end, basis = M.infer_date_window(sp, "x")
    assert (start, end) == (dt.date(2023, 2, 24), dt.date(2024, 2, 23))
    assert "dropped" in basis


def test_no_window_without_evidence() -> None:
    assert M.infer_date_window(spans(("country", "UKR", "أوكرانيا")), "x") == (None, None, "")
    assert M.infer_date_window(frame("spans"), "x") == (None, None, "")


RESOLVE = [
    P(0, dt.date(2025, 6, 4), dt.date(2025, 6, 4), ("2025-06-04", "day"), id="one-day-window"),
    P(-1, dt.date(2025, 6, 5), dt.date(2025, 6, 5), ("2025-06-04", "day"), id="yesterday"),
    P(0, dt.date(2025, 6, 2), dt.date(2025, 6, 20), ("2025-06", "month"), id="same-month"),
    P(-1, dt.date(2025, 6, 1), dt.date(2025, 6, 20), ("2025", "year"), id="yesterday-crosses-into-may"),
    P(-1, dt.date(2025, 6, 2), dt.date(2025, 6, 20), ("2025-06", "month"), id="yesterday-stays-in-june"),
    P(0, dt.date(2025, 2, 24), dt.date(2025, 12, 31), ("2025", "year"), id="same-year"),
    P(1, dt.date(2025, 2, 24), dt.date(2025, 12, 31), ("", ""), id="tomorrow-crosses-new-year"),
    P(0, dt.date(2025, 2, 24), dt.date(2026, 2, 23), ("", ""), id="spans-two-years"),
]


@pytest.mark.parametrize(("offset", "start", "end", "expected"), RESOLVE)
def test_resolve_in_window(offset: int, start: dt.date, end: dt.date, expected: tuple[str, str]) -> None:
    assert M.resolve_in_window(offset, start, end) == expected


# ------------------------------------------------------------------------------------------------------- end to end
ARTICLES = {
    # one meeting (the 28th, Brussels, 4 June 2025) in three outlets' words: "today", "yesterday", an explicit date
    "a.txt": ("2025-06-04", "a.example", "مجموعة رامشتاين تجتمع في بروكسل\n\n"
              "عقدت مجموعة الاتصال الدفاعية الخاصة بأوكرانيا اليوم الأربعاء اجتماعها الـ28 في مقر حلف شمال الأطلسي "
              "في بروكسل، بمشاركة نحو 50 دولة.\nوقال وزير الدفاع البريطاني جون هيلي إن الدعم سيستمر.\n"),
    "b.txt": ("2025-06-05", "b.example", "وزراء الدفاع يبحثون دعم كييف\n\n"
              "اجتمع وزراء دفاع نحو 40 دولة أمس الأربعاء في بروكسل في إطار مجموعة الاتصال الدفاعية الخاصة "
              "بأوكرانيا، لبحث تعزيز الدفاعات الجوية الأوكرانية.\n"),
    "c.txt": ("2025-06-06", "", "حصيلة اجتماع بروكسل\n\n"
              "في الرابع من يونيو 2025 عقد اجتماع مجموعة الاتصال الدفاعية الخاصة بأوكرانيا في بروكسل برئاسة "
              "بريطانيا وألمانيا، وتعهدت الدول بتقديم مساعدات جديدة.\n"),
    # two meetings of the same format a day apart in two cities
    "d.txt": ("2025-03-27", "d.example", "تحالف الراغبين في باريس\n\n"
              "عقد قادة تحالف الراغبين اجتماعا في باريس يوم 27 مارس 2025 لبحث الضمانات الأمنية لأوكرانيا.\n"),
    "e.txt": ("2025-03-28", "e.example", "تحالف الراغبين في لندن\n\n"
              "اجتمع قادة تحالف الراغبين في لندن يوم 28 مارس 2025 لبحث قوة الطمأنة في أوكرانيا.\n"),
}


def _write(folder: Path, files: dict[str, tuple[str, str, str]]) -> Path:
    lines = ["file,published,outlet,url"]
    for name, (published, outlet, text) in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        lines.append(f"{name},{published},{outlet},")
    (folder / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_end_to_end_one_meeting_many_sources(tmp_path: Path) -> None:
    from dashboard import load_corpus

    src = tmp_path / "src"
    src.mkdir()
    corpus = load_corpus(_write(src, ARTICLES), cache=False, cache_dir=tmp_path / "cache")
    out, meetings = M.canonical_meetings(M.link_reference(corpus.events), corpus.participants, corpus.articles)
    udcg = meetings[meetings["event_type"] == "udcg_meeting"]
    assert len(udcg) == 1
    m = udcg.iloc[0]
    assert (m["date"], m["location"], m["reference_number"]) == ("2025-06-04", "Brussels", 28)
    assert (m["n_articles"], m["n_outlets"]) == (3, 3)
    assert (m["attending_min"], m["attending_max"]) == (40, 50)
    coalition = meetings[meetings["event_type"] == "coalition_meeting"].sort_values("date")
    assert coalition["location"].tolist() == ["Paris", "London"]
    assert out.loc[out["article_id"] == "a", "meeting_number"].iloc[0] == 28


def test_end_to_end_window_of_an_undated_article(tmp_path: Path) -> None:
    from dashboard import load_corpus

    src = tmp_path / "src"
    src.mkdir()
    (src / "f.txt").write_text(
        "الحرب في عامها الرابع\n\nمع دخول الحرب في أوكرانيا عامها الرابع، عقدت مجموعة الاتصال اجتماعها الـ28 في "
        "بروكسل، وقال الوزير إن المساعدات التي أقرت في 11 أبريل 2025 وصلت.\n", encoding="utf-8")
    corpus = load_corpus(src, cache=False, cache_dir=tmp_path / "cache")
    assert corpus.articles["published"].isna().all()
    start, end, basis = M.infer_date_window(corpus.spans, "f")
    assert (start, end) == (dt.date(2025, 4, 12), dt.date(2026, 2, 23))
    assert "year 4" in basis and "no. 28" in basis


def test_index_and_odd_precision_survive() -> None:
    evs = events(ev("a1", "a", "other_meeting", "2025-05-14"), ev("b1", "b", "other_meeting", "2025-05-14"),
                 ev("c1", "c", "other_meeting", "2025-05", date_precision="week"))
    evs.index = [10, 20, 30]
    out, meetings = canon(evs)
    assert out.index.tolist() == [10, 20, 30]
    assert out["meeting_id"].nunique() == 1  # "week" is read from the date's shape: a month
    assert meetings["n_events"].tolist() == [3]


def test_a_hand_over_day_dates_nothing() -> None:
    """Two presidents "in office together" only on inauguration day: a successor named, not a window of one day."""
    spans = pd.DataFrame({"article_id": ["a", "a"], "kind": ["official", "official"],
                          "value": ["Joe Biden", "Donald Trump"], "raw": ["بايدن", "ترامب"]})
    assert M.infer_date_window(spans, "a") == (None, None, "")


@pytest.mark.parametrize(("etype", "published", "want"), [
    P("udcg_meeting", "2025-04-10", "2025-04-11", id="the-meeting-the-day-after"),
    P("udcg_meeting", "2025-04-13", "2025-04-11", id="the-meeting-two-days-before"),
    P("udcg_meeting", "2024-10-06", "2024-10-12", id="a-meeting-later-called-off-still-ahead"),
    P("udcg_meeting", "2024-10-14", "", id="a-called-off-meeting-already-past"),
    P("udcg_meeting", "2025-05-01", "", id="no-meeting-near"),
    P("phone_call", "2025-04-10", "", id="calls-have-no-calendar"),
    P("nato_meeting", "2022-07-01", "2022-06-29", id="a-nato-summit-that-closed-the-day-before"),
    P("nato_meeting", "2024-07-05", "2024-07-10", id="a-nato-summit-five-days-ahead"),
    P("nato_meeting", "2024-06-11", "2024-06-13", id="nato-defence-ministers-two-days-ahead"),
    P("nato_meeting", "2022-03-19", "", id="two-nato-meetings-near-say-nothing"),
])
def test_date_from_calendar(etype: str, published: str, want: str) -> None:
    out = M.date_from_calendar(events(ev("e", "a", event_type=etype)), {"a": dt.date.fromisoformat(published)})
    got = out["date"].iloc[0]
    assert ("" if pd.isna(got) else got) == want
    if want:
        assert out["date_basis"].iloc[0] == M.CALENDAR_DATE_BASIS and out["date_precision"].iloc[0] == "day"


@pytest.mark.parametrize(("basis", "want"), [
    P("publication date (no date in the text)", "2025-04-11", id="a-publication-day-fallback-gives-way"),
    P("today", "2025-04-13", id="a-day-the-text-gives-stays"),
])
def test_a_lead_dated_by_its_publication_only_takes_the_calendars_meeting(basis: str, want: str) -> None:
    row = ev("e", "a", date="2025-04-13", date_basis=basis)
    out = M.date_from_calendar(events(row), {"a": dt.date(2025, 4, 13)})
    assert out["date"].iloc[0] == want


@pytest.mark.parametrize(("etype", "raw", "date", "published", "want"), [
    P("udcg_meeting", "الأسبوع المقبل", "2023-02", "2023-02-12", "2023-02-14", id="next-week-holds-one-meeting"),
    P("udcg_meeting", "الأسبوع الماضي", "2023-02", "2023-02-21", "2023-02-14", id="last-week-holds-one-meeting"),
    P("udcg_meeting", "الأسبوع المقبل", "2023-02", "2023-02-01", "2023-02", id="next-week-holds-none"),
    P("udcg_meeting", "الشهر المقبل", "2023-02", "2023-01-20", "2023-02", id="a-month-is-not-a-week"),
    P("nato_meeting", "الأسبوع الماضي", "2023-12", "2023-12-06", "2023-11-28", id="nato-foreign-ministers-last-week"),
    P("nato_meeting", "الأسبوع المقبل", "2022-11", "2022-11-23", "2022-11-29",
      id="nato-foreign-ministers-in-bucharest-next-week"),
])
def test_a_week_the_text_names_is_the_calendars_meeting_in_it(etype: str, raw: str, date: str, published: str,
                                                               want: str) -> None:
    row = ev("e", "a", event_type=etype, date=date, date_raw=raw, date_basis="period")
    out = M.date_from_calendar(events(row), {"a": dt.date.fromisoformat(published)})
    assert out["date"].iloc[0] == want


@pytest.mark.parametrize(("raw", "lo", "hi", "want"), [
    P("يوم 12 فبراير", "2025-02-13", "2025-03-20", "2025-02-12", id="a-window-after-the-day"),
    P("يوم 12 فبراير", "2025-02-01", "2025-02-20", "2025-02-12", id="a-window-around-the-day-two-weeks-at-most"),
    P("يوم 12 فبراير", "2025-01-01", "2025-02-20", "", id="a-window-starting-six-weeks-before-says-nothing"),
    P("يوم الخميس 13 فبراير", "2025-02-10", "2025-03-01", "2025-02-13", id="weekday-and-day"),
    P("في 15 أكتوبر", "2023-01-01", "2025-12-31", "", id="a-window-of-years-says-nothing"),
    P("في 15 أكتوبر", "2024-10-20", "2025-03-01", "2024-10-15", id="the-last-october-before-the-window"),
])
def test_a_day_without_a_year_in_the_window(raw: str, lo: str, hi: str, want: str) -> None:
    assert M.same_in_window(raw, dt.date.fromisoformat(lo), dt.date.fromisoformat(hi)) == want


@pytest.mark.parametrize(("date", "raw", "relative", "published", "want"), [
    P("2024", "هذا العام", True, "2024-12-03", "2024-12-03", id="this-year-near-the-one-meeting"),
    P("2024-12", "هذا الشهر", True, "2024-12-02", "2024-12-03", id="this-month-near-the-one-meeting"),
    P("2024", "عام 2024", False, "2024-12-03", "2024", id="a-printed-year-stays"),
    P("2024", "هذا العام", True, "2024-09-10", "2024", id="this-year-with-no-meeting-near"),
])
def test_this_year_or_month_near_the_calendars_one_meeting(date: str, raw: str, relative: bool, published: str,
                                                           want: str) -> None:
    row = ev("e", "a", event_type="nato_meeting", date=date, date_raw=raw, date_relative=relative,
             date_basis="period" if relative else "explicit")
    out = M.date_from_calendar(events(row), {"a": dt.date.fromisoformat(published)})
    assert out["date"].iloc[0] == want


def test_an_ordinal_overrides_a_date_guessed_from_the_window() -> None:
    row = ev("e", "a", date="2024-02-12", meeting_number=31, date_basis=f"{M.WINDOW_DATE_BASIS} (tenures)")
    out = M.link_reference(events(row))
    assert out["date"].iloc[0] == "2025-10-15" and out["reference_number"].iloc[0] == 31


def _place_from_reference_spec(ev_: pd.DataFrame, ref: pd.DataFrame, basis: list[str],
                               fill_date: dict[int, pd.Timestamp]) -> dict[int, str]:
    """The plain way: for each linked event without a place, the calendar rows of its kind with a place, and the row
    nearest its day (the first of two as near), if within a day."""
    loc = ev_["location"].astype("string").fillna("").str.strip()
    starts = M._period_start(ev_)
    out: dict[int, str] = {}
    for i, b in enumerate(basis):
        if b not in ("date", "date+ordinal", "ordinal") or loc.iloc[i] != "":
            continue
        day = fill_date.get(i, starts.iloc[i])
        rows = ref[(ref["kind"] == ev_["event_type"].astype("string").iloc[i]) & ref["location"].notna()]
        if pd.isna(day) or rows.empty:
            continue
        gap = (rows["date"] - day).abs()
        if gap.min() <= pd.Timedelta(days=1):
            out[i] = str(rows.loc[gap.idxmin(), "location"])
    return out


_HELD = M._held(M._reference())
_NEAR = [(str(k), d) for k, d in zip(_HELD["kind"], _HELD["date"], strict=True)][::3]
_NEAR += [("phone_call", _NEAR[0][1])]  # a kind the calendar does not list


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_NEAR), st.integers(-3, 3), st.sampled_from(["date", "ordinal", "month", ""]),
                          st.sampled_from(["", "", "Brussels"]), st.booleans()), min_size=1, max_size=12))
def test_the_calendar_place_is_the_nearest_meeting_within_a_day(picks: list) -> None:
    """_place_from_reference reads each kind's calendar once, as arrays; it gives the place the plain lookup gives
    (kept in this test): the nearest meeting of the kind within a day, the first of two as near, never over a place
    the text names."""
    rows, basis, fill = [], [], {}
    for i, ((kind, day), shift, b, place, filled) in enumerate(picks):
        date = (day + pd.Timedelta(days=shift)).strftime("%Y-%m-%d")
        rows.append(ev(f"e{i}", f"a{i}", event_type=kind, date=None if filled else date, location=place))
        basis.append(b)
        if filled:
            fill[i] = day + pd.Timedelta(days=shift)
    df = events(*rows)
    out = M._place_from_reference(df, _HELD, basis, fill)
    want = _place_from_reference_spec(df, _HELD, basis, fill)
    got = {i: str(v) for i, (v, lb) in enumerate(zip(out["location"], out["location_basis"], strict=True))
           if not pd.isna(lb) and lb == M.REFERENCE_PLACE_BASIS}
    assert got == want


def test_of_two_calendar_meetings_as_near_the_first_gives_the_place() -> None:
    """An event a day after one meeting and a day before the next takes the first one's place; a nearer calendar row
    without a place, or without a date, gives none."""
    ref = pd.DataFrame({"kind": ["udcg_meeting"] * 4,
                        "date": pd.to_datetime(["2024-01-01", "2024-01-02", None, "2024-01-03"]),
                        "location": pd.array(["Brussels", None, "Kyiv", "Ramstein"], dtype="string")})
    df = events(ev("e", "a", date="2024-01-02"), ev("f", "b", date="2024-01-04"), ev("g", "c", date="2024-01-07"))
    out = M._place_from_reference(df, ref, ["date", "date", "date"], {})
    assert out["location"].tolist()[:2] == ["Brussels", "Ramstein"]
    assert out["location"].fillna("").tolist()[2] == ""
    assert out["location_basis"].tolist()[:2] == [M.REFERENCE_PLACE_BASIS] * 2
