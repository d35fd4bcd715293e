"""parse_number and NUMBER_PATTERN: digits and Arabic number words."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.extract.normalize import norm
from dashboard.extract.numbers import NUMBER_PATTERN, alternation, parse_number

P = pytest.param

PARSE_CASES = [
    P("66.5", 66.5, id="decimal-point"),
    P("1,300", 1300.0, id="thousands-comma"),
    P("1,300,000", 1300000.0, id="thousands-comma-twice"),
    P("12,500.75", 12500.75, id="thousands-comma-and-decimals"),
    P("1,3", 1.3, id="maghrebi-decimal-comma"),
    P("2,75", 2.75, id="decimal-comma-two-digits"),
    P("1.300.000", 1300000.0, id="thousands-dots"),
    P("٦٦٫٥", 66.5, id="arabic-indic-decimal"),
    P("١٬٣٠٠", 1300.0, id="arabic-indic-thousands"),
    P("۴۵", 45.0, id="persian-digits"),
    P(" 33 ", 33.0, id="surrounding-spaces"),
    P("عشرة", 10.0, id="word-ten-teh-marbuta"),
    P("عشر", 10.0, id="word-ten-masculine"),
    P("خمسين", 50.0, id="word-fifty-accusative"),
    P("خمسون", 50.0, id="word-fifty-nominative"),
    P("ثلاثة وثلاثين", 33.0, id="compound-33"),
    P("خمس والثلاثين", 35.0, id="definite-compound-35-after-al"),
    P("خمسة وعشرون", 25.0, id="compound-25"),
    P("ستة  و ستون", 66.0, id="compound-loose-spacing"),
    P("أحد عشر", 11.0, id="eleven"),
    P("اثنتا عشرة", 12.0, id="twelve-feminine"),
    P("سبعة عشر", 17.0, id="seventeen"),
    P("مئة", 100.0, id="hundred-mia"),
    P("مائة وخمسون", 150.0, id="hundred-maa-and-fifty"),
    P("خمسمائة", 500.0, id="five-hundred-one-word"),
    P("ثلاث مئة وخمسة وعشرين", 325.0, id="three-hundred-two-words-and-25"),
    P("مئتين", 200.0, id="two-hundred-dual"),
    P("ثمانية", 8.0, id="eight"),
    P("نصف", 0.5, id="half"),
]


@pytest.mark.parametrize(("token", "expected"), PARSE_CASES)
def test_parse_number(token: str, expected: float) -> None:
    assert parse_number(token) == pytest.approx(expected)


NOT_NUMBERS = [
    P("", id="empty"),
    P("دولة", id="a-noun"),
    P("20%", id="percentage"),
    P("خمسة مليارات", id="scale-is-not-applied-here"),
    P("عشرات", id="tens-of-vague"),
    P("عدة", id="several"),
    P("الثاني", id="ordinal"),
    P("عشرة وعشرون", id="ungrammatical-compound"),
    P("خمسة خمسة", id="repeated-unit"),
    P("12 مايو", id="number-and-month"),
    P("1,2,3", id="list-of-digits"),
    P("أحد", id="ahad-alone-is-not-one"),
]


@pytest.mark.parametrize("token", NOT_NUMBERS)
def test_not_a_number(token: str) -> None:
    assert parse_number(token) is None


NUMBER_RE = re.compile(rf"(?<![\u0621-\u064a0-9.,])(?:{NUMBER_PATTERN})")

PATTERN_CASES = [
    P("قبل ثلاث سنوات من الغزو", "ثلاث", id="words-before-a-noun"),
    P("ارتفع إلى 1,300 قطعة", "1,300", id="thousands-in-text"),
    P("بلغ 66.5 في المئة", "66.5", id="decimal-in-text"),
    P("نحو ثلاثة وثلاثين وفدا", "ثلاثه وثلاثين", id="compound-in-text"),
    P("منذ أحد عشر شهرا", "احد عشر", id="teen-in-text"),
    P("في الذكرى الثالثة", None, id="ordinal-not-matched"),
    P("الخمسينيات", None, id="decade-word-not-matched"),
    P("أستراتيجية ستة", "سته", id="six-not-inside-another-word"),
]


@pytest.mark.parametrize(("text", "expected"), PATTERN_CASES)
def test_number_pattern_in_text(text: str, expected: str | None) -> None:
    m = NUMBER_RE.search(norm(text))
    assert (m.group() if m else None) == expected


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_parse_number_never_raises(s: str) -> None:
    v = parse_number(s)
    assert v is None or isinstance(v, float)


@given(st.text(alphabet="0123456789.,٫٬ ووعشرةثلاثخمسينمائةأحدمليار"))
@settings(max_examples=300, deadline=None)
def test_parse_number_never_raises_on_number_like_text(s: str) -> None:
    v = parse_number(s)
    assert v is None or v >= 0


def _plain_alternation(words: list[str]) -> str:
    """The form ``alternation`` replaces: every word a branch of its own, longest first."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=lambda w: (-len(w), w)))


_WORD = st.text(alphabet="ابت $", max_size=5).map(lambda w: " ".join(w.split()))  # as a data-file entry is


@given(st.lists(_WORD, max_size=10), st.text(alphabet="ابت $\n", max_size=14))
@settings(max_examples=600, deadline=None)
def test_alternation_matches_as_the_plain_one(words: list[str], text: str) -> None:
    for wrap in ("(?P<c>{})", "(?P<c>{})(?![ابت])", "[اب]?(?P<c>{})ت?\\s*$", "(?P<c>{})\\s+(?P<d>{})"):
        grouped = re.compile(wrap.format(alternation(words), alternation(words)))
        plain = re.compile(wrap.format(_plain_alternation(words), _plain_alternation(words)))
        for i in range(len(text) + 1):
            a, b = grouped.match(text, i), plain.match(text, i)
            assert (a and a.span() + a.span("c")) == (b and b.span() + b.span("c"))
        assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]
