"""The matching copy and its offset map."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.extract.normalize import norm, normalize
from dashboard.extract.sentences import sentence_spans

P = pytest.param

FOLDING = [
    P("أوكرانيا", "اوكرانيا", id="hamza-above-alef"),
    P("إيطاليا", "ايطاليا", id="hamza-below-alef"),
    P("آذار", "اذار", id="madda-alef"),
    P("ٱلله", "الله", id="wasla-alef"),
    P("على", "علي", id="alef-maqsura-to-ya"),
    P("الأمريكى", "الامريكي", id="egyptian-final-ya"),
    P("المملكة المتحدة", "المملكه المتحده", id="ta-marbuta"),
    P("شدَّد", "شدد", id="shadda-fatha"),
    P("تقريباً", "تقريبا", id="tanwin-fath"),
    P("مُجَمَّعَة", "مجمعه", id="full-harakat"),
    P("الـ 33", "ال 33", id="tatweel-before-number"),
    P("لـ300", "ل300", id="tatweel-glued-number"),
    P("بـ“Backstop”", 'ب"backstop"', id="tatweel-curly-quotes-latin"),
    P("٢٠٢٢", "2022", id="arabic-indic-digits"),
    P("۱۴۰۳", "1403", id="persian-digits"),
    P("٢٫٥ مليار", "2.5 مليار", id="arabic-decimal-separator"),
    P("١٬٣٠٠", "1,300", id="arabic-thousands-separator"),
    P("“الحلفاء”", '"الحلفاء"', id="curly-double-quotes"),
    P("«الناتو»", '"الناتو"', id="guillemets"),
    P("‘كلمة’", "'كلمه'", id="curly-single-quotes"),
    P("أوكرانيا – روسيا", "اوكرانيا - روسيا", id="en-dash"),
    P("الحرب—الطويلة", "الحرب-الطويله", id="em-dash"),
    P("بروكسل\u00a0اليوم", "بروكسل اليوم", id="no-break-space"),
    P("\u200fالناتو\u200e", "الناتو", id="bidi-marks"),
    P("كي\u200cيف", "كييف", id="zero-width-non-joiner"),
    P("\ufeffأوكرانيا", "اوكرانيا", id="bom-inside-text"),
    P("\u202bأوكرانيا\u202c", "اوكرانيا", id="embedding-marks"),
    P("ﻻ", "لا", id="lam-alef-ligature"),
    P("ﺑﺮوﻛﺴﻞ", "بروكسل", id="presentation-forms"),
    P("الولايات المتحدةولم", "الولايات المتحده ولم", id="glued-after-ta-marbuta"),
    P("هيجسيث،اجتماع", "هيجسيث، اجتماع", id="glued-after-arabic-comma"),
    P("NATO UDCG", "nato udcg", id="latin-lower"),
    P("مسؤول", "مسؤول", id="waw-hamza-kept"),
    P("رئيس", "رئيس", id="ya-hamza-kept"),
    P("السلام\r\nعليكم", "السلام\n\nعليكم", id="crlf-to-newlines"),
    P("İstanbul", "İstanbul", id="non-ascii-capital-untouched"),
]


@pytest.mark.parametrize(("raw", "expected"), FOLDING)
def test_folding(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected


@pytest.mark.parametrize(("raw", "expected"), FOLDING)
def test_every_word_maps_back_to_its_original(raw: str, expected: str) -> None:
    nt = normalize(raw)
    for m in re.finditer(r"[^\s\"'،\-]+", nt.text):
        back = nt.raw(m.start(), m.end())
        assert norm(back).strip("\"' ،-") == m.group().strip("\"' ،-") or "\u200c" in raw


def test_offsets_on_a_glued_sentence() -> None:
    raw = "بالإضافة أن الولايات المتحدةولم تترأس اجتماعاً"
    nt = normalize(raw)
    i = nt.text.index("ولم")
    assert nt.raw(i, i + 3) == "ولم"
    j = nt.text.index("المتحده")
    assert nt.raw(j, j + len("المتحده")) == "المتحدة"
    k = nt.text.index("اجتماعا")
    assert nt.raw(k, k + len("اجتماعا")) == "اجتماعاً"


def test_plain_text_costs_no_map() -> None:
    nt = normalize("اجتماع في بروكسل")
    assert nt._points == [] and nt.text == "اجتماع في بروكسل"


def test_norm_is_idempotent_on_lexicon_entries() -> None:
    for word in ["أوكرانيا", "الولايات المتحدة", "شُويغو", "تشرين الأول"]:
        assert norm(norm(word)) == norm(word)


@given(st.text(max_size=300))
def test_normalize_never_raises_and_maps_inside_the_original(s: str) -> None:
    nt = normalize(s)
    for i in range(0, len(nt.text) + 1, max(1, len(nt.text) // 7 or 1)):
        j = nt.orig_index(i)
        assert 0 <= j <= len(s)
    a, b = nt.span(0, len(nt.text))
    assert 0 <= a <= b <= len(s)


@given(st.text(alphabet="أإآاىيةهـًٌٍَُِّْ ،.٠١٢abcABC\u200f\n", max_size=200))
def test_offsets_monotonic(s: str) -> None:
    nt = normalize(s)
    idx = [nt.orig_index(i) for i in range(len(nt.text))]
    assert idx == sorted(idx)


SENTENCES = [
    P("اجتمع الوزراء في بروكسل. وأعلنوا دعمهم.", 2, id="full-stop"),
    P("هل سيحضر الوزير؟ لم يتأكد ذلك بعد.", 2, id="arabic-question-mark"),
    P("قال الوزير، في كلمة أمام الصحفيين، إن الدعم مستمر، وإن الحلفاء متفقون.", 1, id="never-on-arabic-comma"),
    P("قدمت واشنطن 66.5 مليار دولار. وهذا رقم كبير.", 2, id="decimal-is-not-an-end"),
    P('وقال: "الدعم مستمر." ثم غادر.', 2, id="closing-quote-stays"),
    P("العنوان\n\nالفقرة الأولى", 2, id="line-breaks"),
    P("للمرة الأولى.. غياب الوزير", 2, id="double-dot-headline"),
    P("   ", 0, id="blank"),
    P("انتهى الاجتماع!!! وبدأ غيره", 2, id="exclamations"),
    P("أكد وزير الدفاع البريطاني، إن\nبريطانيا وحلفاءها تعهدوا بتقديم\nمساعدات عسكرية جديدة.", 1,
      id="hard-wrapped-sentence"),
    P("عنوان الخبر عن اجتماع الحلفاء اليوم\nاجتمع الوزراء في بروكسل.", 2, id="a-title-line-ends"),
    P("العالم\nنشر\nوصل الرئيس إلى واشنطن.", 3, id="short-site-lines-end"),
    P("اجتمع الوزراء في بروكسل اليوم.\nوأعلنوا دعمهم.", 2, id="a-line-that-ends-with-a-stop"),
    P("تقرير عن اجتماع الوزراء\nJohn Smith, 02.03.2024, 10:15\nسيجتمع الوزراء في روما الشهر المقبل.", 3,
      id="a-byline-without-arabic-is-not-wrapped-prose"),
    P("الرئيسية\nالأحد 14 يناير 2024\nبحث وزير الدفاع الإيطالي هاتفيا مع نظيره الأوكراني الدعم.", 3,
      id="a-date-line-is-not-wrapped-prose"),
    P("الرئيسية\nقال الوزير إن بلاده ستواصل تقديم\nالدعم العسكري لأوكرانيا.", 2, id="a-wrapped-line-still-joins"),
]


@pytest.mark.parametrize(("text", "n"), SENTENCES)
def test_sentence_count(text: str, n: int) -> None:
    assert len(sentence_spans(norm(text))) == n


@given(st.text(max_size=300))
def test_sentences_are_ordered_nonblank_slices(s: str) -> None:
    spans = sentence_spans(s)
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(s)
        assert s[a:b].strip()
        last = b


def _walked(s: str) -> tuple[str, list[int]]:
    """The copy and the original index of each of its characters, the plain way: one regex scan of the changes and a
    walk over them (``_char_map``), which the array pass must equal."""
    from dashboard.extract import normalize as nz

    events = list(nz._EVENTS.finditer(s))
    if not events:
        text, points, shifts = s.translate(nz._TABLE), [], []
    else:
        text, points, shifts = nz._char_map(s, events)
    walked = nz.NormText(s, text, points, shifts)
    return text, [walked.orig_index(i) for i in range(len(text) + 1)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="أإآاىيةهـًٌٍَُِّْ ،.٠١٢abcABC\u200f\u200b\n\t“”ﻻ\U0001f600لمنك", max_size=120),
       st.integers(min_value=0, max_value=12))
def test_the_array_pass_equals_the_walk(s: str, repeat: int) -> None:
    """Vowelled text and glued words go through arrays (normalize._vectorised, for texts as long as an article); the
    copy and every offset are those of the walk over the changes; the text the arrays leave to the walk (a
    presentation form, an emoji) gets the walk's."""
    from dashboard.extract.normalize import _ARRAYS_FROM, _vectorised

    text, offsets = _walked(s)
    arrays = _vectorised(s)
    if arrays is not None:
        assert (arrays.text, [arrays.orig_index(i) for i in range(len(arrays.text) + 1)]) == (text, offsets)
    long = s * repeat + "ا" * _ARRAYS_FROM  # as long as an article: normalize takes the arrays when it can
    nt = normalize(long)
    assert (nt.text, [nt.orig_index(i) for i in range(len(nt.text) + 1)]) == _walked(long)


@pytest.mark.parametrize(("raw", "arrays"), [
    ("وَزِيرُ الدِّفَاعِ", True), ("الولايات المتحدةولم تترأس", True), ("هيجسيث،اجتماع", True),
    ("ﻻ يحضر", False), ("اجتماع 😀", False),
], ids=["vowelled", "glued-after-ta-marbuta", "glued-after-comma", "presentation-form", "emoji"])
def test_which_texts_take_the_array_pass(raw: str, arrays: bool) -> None:
    from dashboard.extract.normalize import _vectorised

    assert (_vectorised(raw) is not None) == arrays
    assert (normalize(raw).text, [normalize(raw).orig_index(i) for i in range(len(normalize(raw).text) + 1)]) \
        == _walked(raw)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=".!?؟…\"'”’»)] \t\nاب1،", max_size=80))
def test_sentence_ends_are_found_as_the_plain_pattern_finds_them(s: str) -> None:
    """sentences._END is written to start with one character class (for speed); it finds what the plain pattern
    finds."""
    from dashboard.extract.sentences import _END

    plain = re.compile(r"""(?:[.!?؟…]+["'”’»)\]]*[ \t]+)|\n+"""
                       # a full stop glued to the next sentence between Arabic words of two letters or more
                       r"""|(?<=[\u0621-\u064a]{2})[.!?؟](?=[\u0621-\u064a]{2})"""
                       r"""|(?<=[\u0621-\u064a]{2}["”»)])[.!?؟](?=[\u0621-\u064a]{2})""")
    assert [m.span() for m in _END.finditer(s)] == [m.span() for m in plain.finditer(s)]
