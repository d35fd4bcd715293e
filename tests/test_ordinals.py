"""Ordinals: parsing every ordinal 1-40 in both genders, and finding the ones that number a meeting."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.extract.normalize import norm, normalize
from dashboard.extract.ordinals import OrdinalHit, find_meeting_ordinals, find_war_year, parse_ordinal
from dashboard.extract.types import Hit

P = pytest.param

# Written out here, independently of data/ordinals.csv, in full spelling (hamza, ta marbuta, alef maqsura).
UNITS_M = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر"]
UNITS_F = ["الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة", "التاسعة",
           "العاشرة"]
TENS = {20: ("العشرون", "العشرين"), 30: ("الثلاثون", "الثلاثين"), 40: ("الأربعون", "الأربعين")}


def _definite(n: int, fem: bool, oblique: bool) -> str:
    """The ordinal n (1-40) with its article, as a news writer would spell it."""
    units = UNITS_F if fem else UNITS_M
    if n <= 10:
        return units[n - 1]
    tens, unit = divmod(n, 10)
    if tens == 1:
        first = ("الحادية" if fem else "الحادي") if unit == 1 else units[unit - 1]
        return f"{first} {'عشرة' if fem else 'عشر'}"
    ten = TENS[tens * 10][1 if oblique else 0]
    if unit == 0:
        return ten
    first = ("الحادية" if fem else "الحادي") if unit == 1 else units[unit - 1]
    return f"{first} و{ten}"


def _indefinite(s: str) -> str:
    """Drop the article from every word: "الحادي والعشرون" -> "حادي وعشرون"."""
    out = []
    for w in s.split():
        if w.startswith("وال"):
            out.append("و" + w[3:])
        elif w.startswith("ال"):
            out.append(w[2:])
        else:
            out.append(w)
    return " ".join(out)


def _all_forms() -> list:
    cases = []
    for n in range(1, 41):
        for fem in (False, True):
            g = "fem" if fem else "masc"
            for oblique in (False, True):
                if oblique and (n < 20):
                    continue
                case = "oblique" if oblique else "nominative"
                d = _definite(n, fem, oblique)
                cases.append(P(d, n, id=f"{n}-{g}-{case}-with-article"))
                cases.append(P(_indefinite(d), n, id=f"{n}-{g}-{case}-no-article"))
                cases.append(P("و" + d, n, id=f"{n}-{g}-{case}-clitic-wa"))
                cases.append(P("ل" + d[1:], n, id=f"{n}-{g}-{case}-clitic-li"))  # ل + ال -> لل
                cases.append(P("ب" + d, n, id=f"{n}-{g}-{case}-clitic-bi"))
    return cases


@pytest.mark.parametrize(("text", "value"), _all_forms())
def test_every_ordinal_in_words(text: str, value: int) -> None:
    assert parse_ordinal(text) == value
    assert parse_ordinal(norm(text)) == value  # the matching copy parses the same


DIGITS = [
    P("20", 20, id="bare-digits"),
    P("الـ20", 20, id="tatweel-article-glued"),
    P("الـ 20", 20, id="tatweel-article-space"),
    P("ال20", 20, id="article-glued-no-tatweel"),
    P("٢٨", 28, id="arabic-indic-digits"),
    P("الـ٣٣", 33, id="article-arabic-indic"),
    P("رقم 12", 12, id="raqm"),
    P("رقم (7)", 7, id="raqm-parentheses"),
    P("(27)", 27, id="parentheses"),
    P("للـ25", 25, id="li-article-digits"),
    P("والـ6", 6, id="wa-article-digits"),
    P("  الـ31 ", 31, id="surrounding-spaces"),
    P("الحادية والثلاثين", 31, id="fem-compound-oblique-mixed"),
    P("الحادية عشر", 11, id="gender-mismatch-teen-still-read"),
    P("الخامس عشرة", 15, id="gender-mismatch-teen-other-way"),
    P("الواحد والعشرون", 21, id="wahid-variant-for-21"),
    P("الاول", 1, id="hamza-less-first"),
    P("الأولى", 1, id="alef-maqsura-first"),
    P("الاولي", 1, id="ya-for-alef-maqsura"),
    P("الثانيه عشره", 12, id="ha-for-ta-marbuta"),
    P("المئة", 100, id="hundredth"),
    P("الحادي و العشرين", 21, id="space-after-wa"),
]


@pytest.mark.parametrize(("text", "value"), DIGITS)
def test_digits_and_spelling_variants(text: str, value: int) -> None:
    assert parse_ordinal(text) == value


NOT_ORDINALS = [
    P("", id="empty"),
    P("للمرة", id="times-word-alone"),
    P("عشرة", id="cardinal-ten"),
    P("الحادي", id="compound-first-half-alone"),
    P("الاجتماع", id="meeting-word"),
    P("20 دولة", id="count-not-ordinal"),
    P("العشرين دولة", id="ordinal-word-with-noun-is-not-whole"),
    P("الأخير", id="last-is-not-a-number"),
    P("2025-06-04", id="iso-date"),
]


@pytest.mark.parametrize("text", NOT_ORDINALS)
def test_not_ordinals(text: str) -> None:
    assert parse_ordinal(text) is None


# (sentence as written, expected meeting numbers)
MEETINGS = [
    P("عقدت مجموعة الاتصال الخاصة بالدفاع عن أوكرانيا اجتماعها الـ25 في قاعدة رامشتاين الجوية", [25],
      id="agency-possessive-tatweel-digits"),
    P("وشارك وزير الدفاع في الاجتماع العشرين لمجموعة الاتصال، بحسب بيان الوزارة", [20],
      id="egyptian-oblique-twentieth"),
    P("انطلقت اليوم أعمال الاجتماع الحادي والثلاثين لمجموعة رامشتاين في مقر الناتو ببروكسل", [31],
      id="gulf-compound-thirty-one"),
    P("الاجتماعُ العشرونَ لمجموعة الاتصال يبحث الدفاع الجوي", [20], id="fully-voweled-nominative"),
    P("تجتمع مجموعة الاتصال للمرة الخامسة عشرة منذ تأسيسها قبل عام ونصف", [15],
      id="levantine-times-fem-teen-since-founding"),
    P("وهي المرة العشرين التي تجتمع فيها الدول المانحة بهذه الصيغة", [20], id="the-nth-time-that-they-meet"),
    P("في النسخة الـ 27 من اجتماعات رامشتاين أعلن الوزراء عن حزم جديدة", [27], id="edition-with-meeting-context"),
    P("يشارك الوزير في رامشتاين 20 الذي يعقد عبر الفيديو", [20], id="series-name-bare-number"),
    P("اجتماع \"رامشتاين-28\" في بروكسل", [28], id="series-name-hyphen-quoted"),
    P("وانعقد الاجتماع رقم 28 لمجموعة الاتصال في العاصمة البلجيكية", [28], id="maghrebi-raqm"),
    P("الاجتماع الـ 28 من مجموعة الاتصال الدفاعية الأوكرانية يعقد اليوم", [28], id="machine-translated-of"),
    P("اجتماع مجموعة الاتصال الـ20 بشأن أوكرانيا ينطلق في رامشتاين", [20], id="number-after-group-name"),
    P("للاجتماع الثاني والعشرين لمجموعة الاتصال الذي عقد افتراضيا", [22], id="clitic-li-on-noun"),
    P("وفي الجولة 12 من المحادثات بين الجانبين", [12], id="round-of-talks"),
    P("ثالث اجتماع لمجموعة الاتصال يعقد في بروكسل", [3], id="construct-ordinal-before-noun"),
    P("في القمة الثانية لتحالف الراغبين في باريس", [2], id="fem-noun-fem-ordinal"),
    P("الجلسة الأولى من المشاورات عقدت صباحا", [1], id="first-session-fem"),
    P("الاجتماع الأول لمجموعة الاتصال عقد في قاعدة رامشتاين", [1], id="first-meeting-masc"),
    P("عقد الاجتماع السادس في بروكسل ثم الاجتماع السابع عبر الفيديو", [6, 7], id="two-meetings-one-sentence"),
    P("في اجتماعها الـ٢٨ الذي استضافه مقر الحلف", [28], id="arabic-indic-digits"),
    P("الدورة الثالثة والثلاثون لاجتماعات المجموعة", [33], id="session-noun-thirty-three"),
]


@pytest.mark.parametrize(("sentence", "numbers"), MEETINGS)
def test_meeting_ordinals(sentence: str, numbers: list[int]) -> None:
    nt = normalize(sentence)
    hits = find_meeting_ordinals(nt.text)
    assert [h.value for h in hits] == numbers
    for h in hits:
        assert isinstance(h, OrdinalHit) and isinstance(h, Hit)
        assert nt.text[h.start : h.end] == h.text
        assert nt.raw(h.start, h.end).strip()  # maps back to the sentence as written


NOT_MEETING_NUMBERS = [
    P("دخلت الحرب في أوكرانيا عامها الرابع دون أفق للحل", id="year-of-war"),
    P("وجاء الاتصال الهاتفي الثاني بين الرئيسين خلال أسبوع", id="second-call-is-not-a-meeting"),
    P("للمرة الأولى منذ تأسيس المنتدى يغيب مسؤول أمريكي كبير", id="first-time-is-not-meeting-one"),
    P("وهي المرة الأولى التي يغيب فيها الوزير عن الاجتماع", id="the-first-time-that"),
    P("على هامش قمة العشرين في جوهانسبرغ", id="g20-summit-genitive"),
    P("خلال اجتماع مجموعة العشرين لوزراء المالية", id="g20-group-name"),
    P("حضر الاجتماع 50 دولة وعدد من المنظمات", id="count-after-meeting-noun"),
    P("حضر الاجتماع 40 من وزراء الدفاع", id="count-of-ministers"),
    P("وكان الاجتماع 12 أكتوبر الماضي قد ركز على الدفاع الجوي", id="day-of-month-after-noun"),
    P("الاجتماع الثالث منذ تولي ترامب منصبه", id="relative-since-inauguration"),
    P("تجتمع المجموعة للمرة الثانية على التوالي في بروكسل", id="consecutive-times"),
    P("ثاني اجتماع لها هذا العام", id="construct-this-year"),
    P("أول اجتماع للمجموعة دون مشاركة أمريكية", id="first-meeting-without"),
    P("طورت الشركة النسخة الثانية من الصاروخ", id="version-of-a-weapon"),
    P("غاب الوزير عن الاجتماع للمرة الثانية", id="absent-for-the-second-time"),
    P("في كلمة أمام مديري التسليح في الاجتماع الأولي", id="initial-meeting-is-not-first"),
    P("بدأ ترامب ولايته الثانية في يناير", id="second-term"),
    P("اجتماع 2025 للمجموعة", id="year-not-number"),
    P("اجتماع الـ50 دولة في رامشتاين", id="indefinite-noun-with-count"),
]


@pytest.mark.parametrize("sentence", NOT_MEETING_NUMBERS)
def test_not_meeting_numbers(sentence: str) -> None:
    assert find_meeting_ordinals(norm(sentence)) == []


@pytest.mark.xfail(strict=True, reason="the meeting verb is near but its subject is not the one 'for the Nth time' "
                   "belongs to; telling them apart needs clause structure")
def test_times_bound_to_another_verb() -> None:
    assert find_meeting_ordinals(norm("عقدت المجموعة اجتماعها الذي غاب عنه الوزير للمرة الثانية")) == []


WAR_YEARS = [
    P("تدخل الحرب الروسية على أوكرانيا عامها الرابع", [4], id="war-enters-fourth-year"),
    P("مع دخول الحرب في أوكرانيا عامها الثالث تتزايد الضغوط", [3], id="with-war-entering-third"),
    P("في العام الثالث للحرب تبدو الجبهة جامدة", [3], id="third-year-of-the-war"),
    P("السنة الثانية من الغزو الروسي كانت الأصعب", [2], id="second-year-of-invasion"),
    P("والنزاع في عامه الخامس", [5], id="conflict-masc-possessive"),
    P("الحرب في عامها الحادي عشر", [11], id="compound-eleventh"),
]


@pytest.mark.parametrize(("sentence", "years"), WAR_YEARS)
def test_war_year(sentence: str, years: list[int]) -> None:
    hits = find_war_year(norm(sentence))
    assert [h.value for h in hits] == years


NOT_WAR_YEARS = [
    P("الحرب في غزة تدخل عامها الثاني", id="another-war"),
    P("مجموعة الاتصال في عامها الرابع تواصل عملها", id="no-war-word"),
    P("ارتفع الإنفاق الدفاعي في عامه الثاني على التوالي رغم الحرب", id="consecutive-year"),
    P("الحرب التي بدأت قبل ثلاث سنوات", id="cardinal-years"),
]


@pytest.mark.parametrize("sentence", NOT_WAR_YEARS)
def test_not_war_year(sentence: str) -> None:
    assert find_war_year(norm(sentence)) == []


def test_day_ordinals_for_the_date_grammar_cover_the_month() -> None:
    from dashboard.extract.ordinals import masculine_ordinals

    days = masculine_ordinals(31)
    assert set(days.values()) == set(range(1, 32))
    for form, n in days.items():
        assert parse_ordinal(form) == n, form


# ------------------------------------------------------------------------------------------ the anchored matching
# Pieces the meeting and war-year patterns are made of, with clitics, digits, stray letters and punctuation between
# them, so that the trigger words sit at every distance from the clitics and numbers around them.
PIECES = [
    "اجتماع", "اجتماعها", "الاجتماع", "للاجتماع", "وبالاجتماع", "قمه", "القمه", "جوله", "الجوله", "دورته", "بدوره",
    "رامشتاين", "مجموعه", "الاتصال", "رقم", "ال", "الـ", "العشرين", "الحادي", "والعشرون", "عشر", "الخامسه", "عشره",
    "الثالث", "ثالث", "ثاني", "ثانيه", "اول", "الاولي", "مره", "المره", "للمره", "عام", "العام", "عامها", "سنه",
    "السنه", "سنتها", "الحرب", "حرب", "غزو", "غزه", "منذ", "علي", "التوالي", "من", "تجتمع", "عقد", "و", "ف", "ب",
    "ل", "20", "3", "2025", "(", ")", "-", "،", ".", "ه", "ا",
]
SEPARATORS = st.sampled_from([" ", " ", " ", "", "  ", "\n"])
SENTENCES = st.lists(st.tuples(st.sampled_from(PIECES), SEPARATORS), max_size=14).map(
    lambda parts: "".join(p + sep for p, sep in parts)
)

WAR_PIECES = [
    "عامها", "عامه", "سنتها", "سنته", "العام", "السنه", "للعام", "بالسنه", "الثالث", "الرابعه", "الحادي", "عشر",
    "والعشرين", "الحرب", "حرب", "للحرب", "الغزو", "من", "في", "علي", "التوالي", "منذ", "غزه", "حزب", "الله", "2",
]
WAR_SENTENCES = st.lists(st.tuples(st.sampled_from(WAR_PIECES), SEPARATORS), max_size=10).map(
    lambda parts: "".join(p + sep for p, sep in parts)
)


@settings(max_examples=1500, deadline=None)
@given(SENTENCES)
def test_anchored_matching_finds_what_a_scan_finds(sentence: str) -> None:
    from dashboard.extract.ordinals import _TRIGGERS, _anchored, _trigger_positions

    for (regex, _words, reach), positions in zip(_TRIGGERS, _trigger_positions(sentence), strict=True):
        scanned = [(m.span(), m.groupdict()) for m in regex.finditer(sentence)]
        anchored = [(m.span(), m.groupdict()) for m in _anchored(regex, sentence, positions, reach)]
        assert anchored == scanned, regex.pattern[:60]


def _war_year_scanned(sentence: str) -> list[OrdinalHit]:
    """find_war_year as it was written before the year-noun gate: every pattern scanned over the sentence."""
    from dashboard.extract import ordinals as o

    if not o._WAR.regex.search(sentence) or o._OTHER_WAR.regex.search(sentence):
        return []
    hits: list[OrdinalHit] = []
    for rx in (o._YEAR_OWN.regex, o._YEAR_OF_WAR.regex):
        for m in rx.finditer(sentence):
            if rx is o._YEAR_OWN.regex and o._relative(sentence[m.end():]):
                continue
            value = o._value(m.group("word"))
            if value and value <= o._MAX_WAR_YEAR:
                hits.append(OrdinalHit(m.start(), m.end(), m.group(0), value, m.group("noun")))
    return o._without_overlaps(hits)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(SENTENCES, WAR_SENTENCES))
def test_war_year_is_the_plain_scan(sentence: str) -> None:
    assert find_war_year(sentence) == _war_year_scanned(sentence)
