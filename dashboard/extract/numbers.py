"""Numbers written in digits or in Arabic words, on the matching copy of the text (``normalize.norm``).

- Digits: ``66.5``; ``1,300`` and ``1,300,000`` (comma groups of exactly three digits are thousands); ``1,3`` (any
  other comma is a decimal comma, as in Maghrebi and machine-translated copy); ``1.300.000`` (two or more dot groups
  are thousands).
- Words: MSA cardinals from ``data/number_words.csv``: ``عشرة``, ``ثلاثة وثلاثين``, ``مئة وخمسون``, ``خمسمائة``,
  ``أحد عشر``. Scale words (ألف، مليون، مليار) are not part of a number here: ``amounts`` applies them.

pyarabic's ``number.text2number`` was not used: it does not read the matching copy (``ثلاثه``, ``الف``, ``مائه``
give 0) and a wrong word silently gives 0 instead of "not a number".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from dashboard.extract.lexicon import read_table, split_variants
from dashboard.extract.normalize import norm

__all__ = ["NUMBER_PATTERN", "alternation", "parse_number"]

AR = "\u0621-\u064a"  # Arabic letters of the matching copy (no harakat, no tatweel)
_WS = re.compile(r"\s+")


def _escape(w: str) -> str:
    return re.escape(w).replace(r"\ ", r"\s+")


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first; a space in an entry matches any run of spaces.

    The words are grouped by their first letter, ``a(?:b|c)|d`` for ``ab|ac|d``: ``re`` tries the branches of an
    alternation one by one, so a list of 250 phrases cost 250 tries at every place a pattern is tried; grouped, it
    costs one try per first letter and then the tries of one group. The result is the same: branches of different
    first letters cannot both match at one place, and each group keeps its words in the order of the plain
    alternation (``tests/test_numbers.py`` checks it against the plain form). One level only: a trie of every letter
    was slower (its nested groups cost more than the tries they save).
    """
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    groups: dict[str, list[str]] = {}
    for w in ordered:
        if w:
            groups.setdefault(w[0], []).append(w[1:])
    parts = [
        _escape(first + rests[0]) if len(rests) == 1 else f"{_escape(first)}(?:{'|'.join(map(_escape, rests))})"
        for first, rests in groups.items()
    ]
    if "" in ordered:
        parts.append("")  # the empty word is the shortest: tried last, as in the plain alternation
    return "|".join(parts)


_alt = alternation


def _key(s: str) -> str:
    return _WS.sub(" ", s.strip())


@cache
def _lexicon() -> dict[str, dict[str, float]]:
    """kind -> {normalised spelling: value} from ``number_words.csv``."""
    out: dict[str, dict[str, float]] = {}
    for row in read_table("number_words.csv"):
        value = float(row["value"])
        for word in split_variants(row["words"]):
            out.setdefault(row["kind"], {})[_key(norm(word))] = value
    return out


_LEX = _lexicon()
_UNITS = _LEX["unit"]
_TEEN_FIRST = {**{w: v for w, v in _UNITS.items() if 3 <= v <= 9}, **_LEX["teen_unit"]}
_TEEN_TEN = _LEX["teen_ten"]
_TENS = _LEX["ten"]
_HUNDREDS = _LEX["hundred"]
FRACTIONS: dict[str, float] = _LEX["fraction"]
#: every spelling of a number word (units, teens' first words, tens, hundreds), for quick presence tests
NUMBER_WORDS: frozenset[str] = frozenset(_UNITS) | frozenset(_TEEN_FIRST) | frozenset(_TENS) | frozenset(_HUNDREDS)
# scale spelling -> (multiplier, form) with form "singular" | "plural" | "dual"
SCALES: dict[str, tuple[float, str]] = {}
for _kind, _form in (("scale", "singular"), ("scale_plural", "plural"), ("scale_dual", "dual")):
    for _w, _v in _LEX[_kind].items():
        SCALES[_w] = (_v, _form)

DIGITS_PATTERN = (
    r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?"  # 1,300 / 1,300,000.5: comma groups of three are thousands
    r"|[0-9]{1,3}(?:\.[0-9]{3}){2,}"  # 1.300.000
    r"|[0-9]+(?:[.,][0-9]+)?)(?![0-9])"  # 66.5 / 1,3 (decimal comma)
)
_COMPONENT = (
    rf"(?:(?P<h>{_alt(set(_HUNDREDS))})"
    rf"|(?P<t>(?:{_alt(set(_TEEN_FIRST))})\s+(?:{_alt(set(_TEEN_TEN))}))"
    rf"|(?P<n>{_alt(set(_TENS))})"
    rf"|(?P<u>{_alt(set(_UNITS))}))(?![{AR}])"
)
_COMPONENT_PLAIN = re.sub(r"\(\?P<\w+>", "(?:", _COMPONENT)
# a definite number puts ال on each part too: الدول الخمس والثلاثين
WORDS_PATTERN = rf"(?:{_COMPONENT_PLAIN}(?:\s+و\s?(?:ال)?{_COMPONENT_PLAIN})*)"
#: Digits or number words; no left boundary (add your own, or a clitic prefix); number words carry a right boundary.
NUMBER_PATTERN: str = rf"(?:{DIGITS_PATTERN}|{WORDS_PATTERN})"
#: Scale words (ألف، مليون، مليار، تريليون, all forms), with a right boundary.
SCALE_PATTERN: str = rf"(?:{_alt(set(SCALES))})(?![{AR}])"
#: Fraction words used before a scale (نصف مليار).
FRACTION_PATTERN: str = rf"(?:{_alt(set(FRACTIONS))})(?![{AR}])"

_DIGITS_RE = re.compile(DIGITS_PATTERN)
_WORDS_RE = re.compile(WORDS_PATTERN)
_COMPONENT_RE = re.compile(_COMPONENT)
_THOUSANDS_COMMA = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_THOUSANDS_DOT = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3}){2,}")


def _parse_digits(t: str) -> float:
    if _THOUSANDS_COMMA.fullmatch(t):
        return float(t.replace(",", ""))
    if _THOUSANDS_DOT.fullmatch(t):
        return float(t.replace(".", ""))
    return float(t.replace(",", "."))


def _parse_words(t: str) -> float | None:
    total = 0.0
    unit = 0.0
    seen: set[str] = set()
    for m in _COMPONENT_RE.finditer(t):
        kind = m.lastgroup or ""
        if kind in seen:
            return None
        seen.add(kind)
        word = _key(m.group())
        if kind == "h":
            total += _HUNDREDS[word]
        elif kind == "n":
            total += _TENS[word]
        elif kind == "u":
            unit = _UNITS[word]
            total += unit
        else:
            first = word.split(" ", 1)[0]
            total += _TEEN_FIRST[first] + 10
    if "t" in seen and ("u" in seen or "n" in seen):
        return None
    if unit >= 10 and "n" in seen:  # "عشرة وعشرون" is not a number
        return None
    return total if seen else None


def parse_number(token: str) -> float | None:
    """The value of one number token (digits or words), or ``None`` if it is not a number.

    ``"66.5"`` -> 66.5, ``"1,300"`` -> 1300, ``"1,3"`` -> 1.3, ``"عشرة"`` -> 10, ``"ثلاثة وثلاثين"`` -> 33,
    ``"نصف"`` -> 0.5. Scale words are not applied (``"خمسة مليارات"`` -> None; see ``amounts.find_amounts``).
    """
    if not isinstance(token, str):
        return None
    return parse_matched(norm(token))


def parse_matched(token: str) -> float | None:
    """``parse_number`` for text that is already the matching copy (no normalisation: for the hot path)."""
    t = _key(token) if " " in token or "\n" in token or "\t" in token else token
    if not t:
        return None
    if _DIGITS_RE.fullmatch(t):
        return _parse_digits(t)
    if t in FRACTIONS:
        return FRACTIONS[t]
    if _WORDS_RE.fullmatch(t):
        return _parse_words(t)
    return None


def scale_of(word: str) -> tuple[float, str] | None:
    """``(multiplier, form)`` of a scale word of the matching copy (``"مليارات"`` -> (1e9, "plural"))."""
    return SCALES.get(_key(word))
