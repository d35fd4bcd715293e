"""Hijri dates (dashboard/extract/hijri.py through dates.find_dates), checked against hijridate's Umm al-Qura
conversion. Sentences are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from hijridate import Gregorian, Hijri
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.extract.dates import find_dates
from dashboard.extract.hijri import MONTHS, find_hijri
from dashboard.extract.lexicon import read_table, split_variants
from dashboard.extract.normalize import norm

BASE = dt.date(2025, 6, 4)

# every spelling a person may meet, as typed (hamza, ى and ة variants included on purpose)
SPELLINGS: dict[int, list[str]] = {
    1: ["محرم", "المحرم", "محرّم", "محرم الحرام"],
    2: ["صفر", "صفر الخير", "صفر المظفر"],
    3: ["ربيع الأول", "ربيع أول", "ربيع الاول", "ربيع الأوّل"],
    4: ["ربيع الثاني", "ربيع الآخر", "ربيع ثاني", "ربيع آخر", "ربيع الأخير", "ربيع الاخر"],
    5: ["جمادى الأولى", "جمادى الأول", "جمادى أولى", "جماد الأول", "جمادى الاولى", "جمادي الأولى"],
    6: ["جمادى الآخرة", "جمادى الثانية", "جمادى الآخر", "جمادى الثاني", "جماد الثاني", "جماد الآخر",
        "جمادى الأخيرة", "جمادي الاخره"],
    7: ["رجب", "رجب المرجب", "رجب الفرد"],
    8: ["شعبان", "شعبان المعظم"],
    9: ["رمضان", "رمضان المبارك", "رمضان المعظم"],
    10: ["شوال", "شوّال", "شوال المكرم"],
    11: ["ذو القعدة", "ذي القعدة", "ذو القعده", "ذى القعدة"],
    12: ["ذو الحجة", "ذي الحجة", "ذو الحجه", "ذى الحجة"],
}
SPELLING_CASES = [pytest.param(m, w, id=f"m{m:02d}-{w}") for m, ws in SPELLINGS.items() for w in ws]


def _g(y: int, m: int, d: int) -> str:
    return Hijri(y, m, d).to_gregorian().isoformat()


def _hits(raw: str) -> list[tuple[str, str | None, str | None, str]]:
    return [(h.text, h.value, h.precision, h.basis) for h in find_dates(norm(raw), BASE)]


@pytest.mark.parametrize(("month", "word"), SPELLING_CASES)
@pytest.mark.parametrize("marker", ["هـ", "هجرية", ""], ids=["he", "hijriya", "no-marker"])
def test_every_month_spelling(month: int, word: str, marker: str) -> None:
    raw = f"وقّع الطرفان الاتفاق يوم 10 {word} 1445 {marker}، بحسب البيان."
    [hit] = find_dates(norm(raw), BASE)
    assert (hit.value, hit.precision, hit.basis) == (_g(1445, month, 10), "day", "hijri")
    assert hit.text == norm(f"يوم 10 {word} 1445 {marker}".strip())


def test_data_file_and_test_table_list_the_same_spellings() -> None:
    in_file = {" ".join(norm(f).split()): int(r["month"]) for r in read_table("hijri_months.csv")
               if r["kind"] == "month" for f in split_variants(r["forms"])}
    in_tests = {" ".join(norm(w).split()): m for m, ws in SPELLINGS.items() for w in ws}
    assert in_file == MONTHS
    assert in_file == in_tests


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("أعلن ذلك في 14-09-1432 هـ.", "2011-08-14", id="dash-he"),
        pytest.param("أعلن ذلك في 20-02-1430 هـ.", "2009-02-15", id="dash-he-2"),
        pytest.param("صدر القرار بتاريخ 14/9/1432هـ.", "2011-08-14", id="slash-glued"),
        pytest.param("صدر القرار بتاريخ 14.09.1432 ه.", "2011-08-14", id="dots-heh"),
        pytest.param("صدر القرار بتاريخ 1432/09/14 هـ.", "2011-08-14", id="year-first"),
        pytest.param("صدر القرار بتاريخ ١٤-٠٩-١٤٣٢ هـ.", "2011-08-14", id="arabic-indic-digits"),
        pytest.param("صدر القرار بتاريخ 14-09-1432 هجري.", "2011-08-14", id="hijri-word"),
        pytest.param("صدر القرار بتاريخ 1-1-1446 للهجرة.", "2024-07-07", id="lil-hijra"),
    ],
)
def test_numeric_forms(raw: str, expected: str) -> None:
    [hit] = find_dates(norm(raw), BASE)
    assert (hit.value, hit.precision, hit.basis) == (expected, "day", "hijri")
    y, m, d = (int(x) for x in Gregorian.fromisoformat(expected).to_hijri().datetuple())
    assert expected == _g(y, m, d)  # the same answer as the library, both ways


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("رقم القضية 14-09-1432 في السجل.", id="numeric-without-marker"),
        pytest.param("بلغ عدد الجنود 1432 هـ في الميدان.", id="year-alone"),
        pytest.param("ارتفعت الأسعار قبل شهر رمضان.", id="month-without-year"),
        pytest.param("حدث ذلك في 10 رمضان 1300 هـ.", id="year-before-the-tables"),
        pytest.param("حدث ذلك في 10-13-1440 هـ.", id="month-13"),
        pytest.param("التقى رجب طيب أردوغان نظيره الأوكراني.", id="rajab-is-a-name"),
    ],
)
def test_not_a_hijri_date(raw: str) -> None:
    assert [h for h in find_dates(norm(raw), BASE) if h.basis.startswith("hijri")] == []


def test_month_and_year_give_the_month_window() -> None:
    assert _hits("صام المسلمون في رمضان 1446 هـ.") == [("رمضان 1446 ه", "2025-03", "month", "hijri")]
    # ذو الحجة 1445 runs from June into July 2024: only the year is sure
    lo = Hijri(1445, 12, 1).to_gregorian()
    hi = Hijri(1445, 12, Hijri(1445, 12, 1).month_length()).to_gregorian()
    assert (lo.month, hi.month) == (6, 7)
    assert _hits("أدى الحجاج المناسك في ذو الحجة 1445.") == [("ذو الحجه 1445", "2024", "year", "hijri")]


def _year_lengths() -> tuple[int, int]:
    """A Hijri year of 355 days (ذو الحجة has 30) and one of 354, found with the library."""
    long_year = next(y for y in range(1440, 1460) if Hijri(y, 12, 1).month_length() == 30)
    short_year = next(y for y in range(1440, 1460) if Hijri(y, 12, 1).month_length() == 29)
    return long_year, short_year


def test_leap_year_has_day_30_of_dhu_al_hijja() -> None:
    long_year, _ = _year_lengths()
    assert Hijri(long_year, 1, 1).year_length() == 355
    [hit] = find_dates(norm(f"انتهى العام في 30 ذو الحجة {long_year} هـ."), BASE)
    assert (hit.value, hit.precision) == (_g(long_year, 12, 30), "day")
    assert dt.date.fromisoformat(hit.value) + dt.timedelta(days=1) == dt.date.fromisoformat(_g(long_year + 1, 1, 1))


def test_common_year_day_30_falls_back_to_the_month() -> None:
    _, short_year = _year_lengths()
    assert Hijri(short_year, 1, 1).year_length() == 354
    [hit] = find_dates(norm(f"انتهى العام في 30 ذو الحجة {short_year} هـ."), BASE)
    assert hit.precision in ("month", "year")
    assert hit.value is not None and _g(short_year, 12, 29).startswith(hit.value)


def test_gregorian_leap_day() -> None:
    y, m, d = Gregorian(2024, 2, 29).to_hijri().datetuple()
    [hit] = find_dates(norm(f"جرى الاتصال في {d}-{m:02d}-{y} هـ."), BASE)
    assert hit.value == "2024-02-29"


def _hijri_words(y: int, m: int, d: int) -> str:
    return f"{d} {SPELLINGS[m][0]} {y} هـ"


@pytest.mark.parametrize(
    ("template", "with_weekday"),
    [
        pytest.param("الخميس {h} الموافق {g}", True, id="hijri-first-muwafiq"),
        pytest.param("يوم {h} الموافق لـ {g}", True, id="hijri-first-muwafiq-li"),
        pytest.param("{g} الموافق {h}", False, id="gregorian-first-muwafiq"),
        pytest.param("{g} ({h})", False, id="gregorian-first-brackets"),
        pytest.param("{h} - {g}", False, id="dash"),
        pytest.param("{h}، {g}", False, id="comma"),
    ],
)
def test_double_date_that_agrees_is_one_date(template: str, with_weekday: bool) -> None:
    g = dt.date(2025, 2, 13)
    y, m, d = Gregorian(2025, 2, 13).to_hijri().datetuple()
    expr = template.format(h=_hijri_words(y, m, d), g="13 فبراير 2025")
    hits = find_dates(norm(f"عقد الاجتماع {expr} في الرياض."), BASE)
    assert [(h.text, h.value, h.precision, h.basis) for h in hits] == [
        (norm(expr), g.isoformat(), "day", "hijri+gregorian")]


def test_double_date_that_disagrees_is_flagged_not_resolved() -> None:
    # 12 شعبان 1446 is 2025-02-11 in Umm al-Qura; the outlet printed 13 February beside it
    assert _g(1446, 8, 12) == "2025-02-11"
    raw = "الخميس 12 شعبان 1446 هـ الموافق 13 فبراير 2025"
    assert _hits(f"صدر البيان {raw} في الرياض.") == [(norm(raw), "2025-02", "month", "hijri+gregorian:disagree")]


def test_double_date_with_numeric_hijri_and_day_off_by_one() -> None:
    raw = "14-09-1432 هـ الموافق 15 أغسطس 2011"
    [hit] = find_dates(norm(f"وصل الوفد {raw}."), BASE)
    assert (hit.text, hit.value, hit.basis) == (norm(raw), "2011-08", "hijri+gregorian:disagree")


def test_double_date_month_level_agreement_takes_the_day() -> None:
    raw = "15 رمضان 1446 هـ الموافق مارس 2025"
    assert _hits(f"أعلن ذلك {raw}.") == [(norm(raw), "2025-03-15", "day", "hijri+gregorian")]


@pytest.mark.parametrize(
    ("gregorian", "expected", "basis"),
    [
        pytest.param("13 فبراير", "2025-02-13", "hijri+gregorian", id="agrees"),
        pytest.param("15 فبراير", "2025-02", "hijri+gregorian:disagree", id="disagrees"),
    ],
)
def test_double_date_without_gregorian_year_takes_the_hijri_year(gregorian: str, expected: str, basis: str) -> None:
    y, m, d = Gregorian(2025, 2, 13).to_hijri().datetuple()
    raw = f"{_hijri_words(y, m, d)} الموافق {gregorian}"
    far = dt.date(2026, 11, 1)  # a publication date that would put a bare "13 فبراير" in 2026
    hits = find_dates(norm(f"وصل الوفد {raw}."), far)
    assert [(h.text, h.value, h.basis) for h in hits] == [(norm(raw), expected, basis)]


def test_gregorian_date_far_away_is_not_paired() -> None:
    hits = _hits("أعلن ذلك في 15 رمضان 1446 هـ، وكان قد زار كييف في 3 يناير 2024.")
    assert [h[3] for h in hits] == ["hijri", "explicit"]
    assert [h[1] for h in hits] == [_g(1446, 9, 15), "2024-01-03"]


def test_no_year_sentence_is_fast_path() -> None:
    assert find_hijri(" " + norm("قال الوزير إن الدعم مستمر في رمضان.")) == []


_TOKENS = ["14", "09", "1432", "1446", "-", "/", ".", "هـ", "ه", "رمضان", "ذو", "الحجة", "الموافق", "13", "فبراير",
           "2025", "(", ")", "،", "يوم", "الخميس", "من", "شهر", "سنة", "30", "1500", "1343", "0", "لـ"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=14), st.booleans())
def test_never_raises_and_spans_are_exact(tokens: list[str], spaced: bool) -> None:
    s = norm((" " if spaced else "").join(tokens))
    for h in find_dates(s, BASE):
        assert s[h.start : h.end] == h.text
        assert (h.value is None) == (h.precision is None)
