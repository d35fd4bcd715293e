"""Amounts of money, counts of participating countries, and who gave the money, in one normalised sentence.

All three functions take the matching copy of ONE sentence (``normalize.norm(raw)``); hits index into it.
Word lists are data: ``data/currencies.csv`` (names, signs, fallback rates), ``data/number_words.csv`` (number and
scale words) and ``data/amount_cues.csv`` (qualifiers, kind cues, donor cues, count nouns, price words). Dollar values
come from ``fx.usd_rate`` at the day given to ``find_amounts`` (``convert`` redoes one at another day).

Money = ``[qualifier] [sign] NUMBER [SCALE [و NUMBER SCALE | ونصف]] CURRENCY|sign [qualifier]``. A currency word or
sign is required, so distances, people, years, percentages and factors ("عشرة أضعاف") never become money. A scale
word alone counts only in the singular or dual ("مليار دولار" = 1e9, "ملياري دولار" = 2e9; "مليارات الدولارات" is
vague and skipped). "5 و7 مليارات" / "بين 5 و7 مليارات" / "5-7 مليارات" give the upper bound with ``up_to``.
A conversion right after an amount ("2 مليار يورو (2.2 مليار دولار)") is not a second amount: it is noted on the first
(``alt_value``/``alt_currency``) and, in dollars, becomes its ``value_usd`` (``rate_source`` "stated"). A bare figure
of aid with no scale word ("43.9 دولار") is read as billions and flagged ``scale_inferred``; a price is not aid.

Counts = ``[qualifier] NUMBER (دولة|دول|بلدا|وفدا|عضوا|...)`` or ``(الوفود|الدول|دول الناتو|...) الـ NUMBER``.

Speed: nothing scans a sentence with a big regex. Digits, signs, scale words and count nouns are located with
``str.find`` on short stems, the stems of a list of cue phrases (and the currency words) in one automaton pass, and the
grammar is then matched anchored at those few places.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Literal, cast

from dashboard.extract.fx import usd_rate
from dashboard.extract.lexicon import read_table, split_variants
from dashboard.extract.memo import per_article
from dashboard.extract.normalize import norm
from dashboard.extract.numbers import (
    AR,
    FRACTION_PATTERN,
    FRACTIONS,
    NUMBER_PATTERN,
    NUMBER_WORDS,
    SCALE_PATTERN,
    SCALES,
    alternation,
    parse_matched,
    scale_of,
)
from dashboard.extract.scan import automaton
from dashboard.extract.types import AmountHit, AmountKind, CountHit, CountryHit, OfficialHit, Qualifier

__all__ = ["convert", "currency_issuer", "find_amounts", "find_counts", "find_donor", "find_giver"]

_WS = re.compile(r"\s+")
_NB = rf"(?![{AR}])"  # right word boundary
_LB = rf"(?<![{AR}])"  # left word boundary
_PRONOUNS = ("هما", "هم", "ها", "نا", "ه")
_OPENING_MARKS = "\"'«“‘([{"
_FUNCTION_WORDS = frozenset({"من", "ما", "في", "الي", "حتي", "علي", "عن", "بين", "او", "اي", "قد", "لا"})


def _key(s: str) -> str:
    """Matching form of a data-file entry."""
    return _WS.sub(" ", norm(s).strip())


def _k(s: str) -> str:
    """Lookup key of a matched (already normalised) span."""
    return _WS.sub(" ", s.strip()) if (" " in s or "\n" in s) else s


_alt = alternation  # alternation of normalised words, longest first, grouped by first letter (numbers.alternation)


def _find_all(text: str, stems: Iterable[str], lo: int = 0, hi: int | None = None) -> list[int]:
    """Sorted positions of every occurrence of ``stems`` in ``text[lo:hi]`` (``str.find``: far cheaper than a regex
    scan of the whole sentence)."""
    out: list[int] = []
    for st in stems:
        i = text.find(st, lo, hi)
        while i >= 0:
            out.append(i)
            i = text.find(st, i + 1, hi)
    out.sort()
    return out


def _has_any(text: str, stems: Iterable[str]) -> bool:
    """``any(st in text for st in stems)`` without the generator: the gates run on every sentence, most of them with
    none of the stems, and setting up a generator each time costs as much as the lookups."""
    for st in stems:
        if st in text:
            return True
    return False


def _cover(stems: Iterable[str], n: int) -> tuple[str, ...]:
    """Few substrings of ``n`` letters (or whole stems, when shorter) such that every stem holds one: a text without
    any of them holds no stem, and looking for the few first rejects most texts in fewer ``str.find`` scans ("ليون"
    stands for مليون، بليون، ترليون and تريليون). Greedy: the substring in the most stems left, first in order."""
    left = sorted(set(stems))
    out: list[str] = []
    while left:
        subs = sorted({w[i : i + n] for w in left for i in range(len(w) - n + 1)} | {w for w in left if len(w) < n})
        best = max(subs, key=lambda sub: sum(sub in w for w in left))
        out.append(best)
        left = [w for w in left if best not in w]
    return tuple(out)


def _word_start(s: str, pos: int) -> int:
    return s.rfind(" ", 0, pos) + 1


def _words_back(s: str, ws: int, n: int) -> int:
    """Start of the word ``n`` words before the word starting at ``ws`` (or of the first word)."""
    for _ in range(n):
        j = ws - 1
        while j >= 0 and s[j] == " ":
            j -= 1
        if j < 0:
            return ws
        ws = s.rfind(" ", 0, j) + 1
    return ws


def _stems(phrases: Iterable[str]) -> dict[str, set[int]]:
    """stem -> word offsets, to find ``phrases`` fast: each phrase is found through its first word that is not a
    function word and has three letters or more (the noun or verb: "دولار" in "دولار امريكي", "الان" in "الي حد
    الان"), and is then matched from that word's start, ``offset`` words back. Stems that contain a shorter stem are
    dropped (the shorter one finds them too)."""
    raw: dict[str, set[int]] = {}
    for ph in phrases:
        words = ph.split() or [ph]
        content = [i for i, w in enumerate(words) if w not in _FUNCTION_WORDS]
        k = next((i for i in content if len(words[i]) >= 3), content[0] if content else 0)
        raw.setdefault(words[k], set()).add(k)
    out: dict[str, set[int]] = {}
    for st in sorted(raw, key=len):
        short = next((o for o in out if o in st), None)
        if short is not None:
            out[short] |= raw[st]
        else:
            out[st] = set(raw[st])
    return out


class _Phrases:
    """Find whole phrases of a list, with clitics ``prefix`` before and ``suffix`` after, fast (see ``_stems``).

    With ``suffixed``, a phrase ending in ة (ه in the matching copy) is also found with a pronoun suffix, where ة is
    written ت ("حاجة" -> "حاجتها"). ``key(match)`` gives the listed phrase a match stands for.
    """

    def __init__(self, phrases: Iterable[str], prefix: str = "", suffix: str = "", suffixed: bool = False) -> None:
        self.keys: dict[str, str] = {}
        stem_words: list[str] = []
        for ph in phrases:
            self.keys[ph] = ph
            stem_words.append(ph)
            if suffixed and ph.endswith("ه") and " " not in ph:
                for pron in _PRONOUNS:
                    self.keys.setdefault(ph[:-1] + "ت" + pron, ph)
                stem_words.append(ph[:-1] + "ت")  # finds every suffixed form
        self.regex = re.compile(rf"{prefix}(?P<c>{_alt(self.keys)}){suffix}{_NB}")
        self.stems = _stems(stem_words)
        # Every stem found in one automaton pass (a list of 80 stems took 80 ``str.find`` scans of the sentence); each
        # carries its length less one and its word offsets
        self._stem_words = automaton({st: (len(st) - 1, tuple(sorted(o))) for st, o in self.stems.items()})

    def key(self, m: re.Match[str]) -> str:
        return self.keys[_k(m.group("c"))]

    def __call__(self, text: str, lo: int = 0, hi: int | None = None) -> list[re.Match[str]]:
        """Matches in ``text`` that start in ``[lo, hi)``, in order, not overlapping (the longest at a start)."""
        starts: set[int] = set()
        if self.stems:
            for last, (back, offsets) in self._stem_words.iter(text):
                ws = _word_start(text, last - back)
                for k in offsets:
                    starts.add(_words_back(text, ws, k) if k else ws)
        if not starts:
            return []
        out: list[re.Match[str]] = []
        end = -1
        for s in sorted(starts):
            while s < len(text) and text[s] in _OPENING_MARKS:  # a word right after a quote mark: "سنقدم
                s += 1
            if s < end or s < lo or (hi is not None and s >= hi):
                continue
            m = self.regex.match(text, s)
            if m is not None:
                out.append(m)
                end = m.end()
        return out


# ---------------------------------------------------------------------------------------------------------------
# data


@dataclasses.dataclass(frozen=True)
class _Currencies:
    names: dict[str, str]  # spelling -> code
    bare: dict[str, list[tuple[str, re.Pattern[str]]]]  # shared spelling -> [(code, context regex)]
    symbols: dict[str, str]
    issuers: dict[str, str]  # code -> the ISO3 of the one country that issues it, where that names a giver


@cache
def _currencies() -> _Currencies:
    rows = read_table("currencies.csv")
    names: dict[str, str] = {}
    bare: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    symbols: dict[str, str] = {}
    issuers: dict[str, str] = {}
    for row in rows:
        code = row["code"]
        if row.get("issuer"):
            issuers[code] = row["issuer"]
        for name in split_variants(row["names"]):
            names[_key(name)] = code
        context = [_key(w) for w in split_variants(row.get("context", ""))]
        if context:
            ctx = re.compile(_alt(context))
            for name in split_variants(row.get("bare_names", "")):
                bare.setdefault(_key(name), []).append((code, ctx))
        for sym in split_variants(row.get("symbols", "")):
            symbols[_key(sym)] = code
    return _Currencies(names, bare, symbols, issuers)


def currency_issuer(code: str) -> str:
    """The one country that issues currency ``code`` when that names an amount's giver (GBP -> GBR), else ""
    (``issuer`` in ``data/currencies.csv``)."""
    return _currencies().issuers.get(code, "")


@cache
def _cues() -> dict[str, list[tuple[str, str, str]]]:
    """role -> [(normalised cue, value, scope)] from ``amount_cues.csv``."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for row in read_table("amount_cues.csv"):
        for cue in split_variants(row["cue"]):
            out.setdefault(row["role"], []).append((_key(cue), row.get("value", ""), row.get("scope", "")))
    return out


_CUR = _currencies()
_CUE = _cues()


def _words(role: str) -> list[str]:
    return [c for c, _, _ in _CUE.get(role, [])]


def _lookup(role: str) -> dict[str, str]:
    return {c: v for c, v, _ in _CUE.get(role, [])}


_CLAUSE_CHARS_SET = "،;؛:()[]!?؟"
_CLITIC_GLUED = "(?:[وف]?[بل]?)"
_PRONOUN = "(?:هما|هم|ها|نا|ه)?"
_PRONOUN_NO_H = "(?:هما|هم|ها|نا)?"  # a bare ه suffix would read مجموعه (group) as مجموع (total)
_DEF_CLITIC = "(?:[وف]?(?:بال|كال|لل|ال|[بلك])?)"

# ---------------------------------------------------------------------------------------------------------------
# money grammar

_SYM = _alt(_CUR.symbols)
_CURWORDS = _alt(set(_CUR.names) | set(_CUR.bare))
# matched AT a digit, a sign, or a word start (clitics before a number are skipped by the caller)
_MONEY_AT = re.compile(
    rf"(?P<sym1>{_SYM})?\s?"
    rf"(?:(?P<num>{NUMBER_PATTERN})(?:\s*(?P<scale>{SCALE_PATTERN}))?"
    rf"|(?:(?P<frac>{FRACTION_PATTERN})\s+(?:ال)?)?(?P<bscale>{SCALE_PATTERN}))"
    rf"(?P<comp>\s+و\s?(?:(?P<num2>{NUMBER_PATTERN})\s*(?P<scale2>{SCALE_PATTERN})"
    rf"|(?P<half>نصف)(?:\s+(?:ال)?{SCALE_PATTERN})?))?"
    rf"(?:\s*(?P<cur>{_CURWORDS}){_NB}|\s?(?P<sym2>{_SYM}))?"
)
_SIGNS = "".join(sorted({c for sym in _CUR.symbols for c in sym if not c.isalnum()}))
_DIGIT_OR_SIGN = re.compile("[0-9" + re.escape(_SIGNS) + "]")
_BIG_SCALE_STEMS = tuple(_stems(w for w, (v, _f) in SCALES.items() if v >= 1e6))  # مليون مليار بليون تريليون
_BIG_SCALE_KEYS = _cover(_BIG_SCALE_STEMS, 4)  # ليون ليار ايين: 3 scans, not 7, reject a sentence without them
_ALL_SCALE_STEMS = tuple(_stems(SCALES))
_CURRENCY_STEMS = tuple(_stems(set(_CUR.names) | set(_CUR.bare)))
_CURRENCY_SHORT = tuple(st for st in _CURRENCY_STEMS if len(st) < 3)  # "ين": only as a whole word
_CURRENCY_LONG = tuple(st for st in _CURRENCY_STEMS if len(st) >= 3)
# one pass, not 21 stems and 6 signs looked up in turn (the gate asks only whether there is a first hit)
_CURRENCY_OR_SIGN = automaton({w: w for w in _CURRENCY_LONG + tuple(_SIGNS)})
_LATIN_CODES = tuple(sym for sym in _CUR.symbols if re.search("[a-z]", sym))
_LATIN_CODE_RE = re.compile(rf"(?<![a-z])(?:{_alt(_LATIN_CODES)})(?![a-z])") if _LATIN_CODES else None
_ASCII_LETTER = re.compile("[a-z]")
_PRICE_WORDS = _Phrases(_words("price_word"), prefix=_DEF_CLITIC)
_IMPLIED_AFTER_RE = re.compile(
    rf"\s*(?:$|[{re.escape(''.join(_CLAUSE_CHARS_SET))}.,]|(?:{_alt(_words('implied_after'))}){_NB})"
)
_SCALE_WORD_SPAN = 4  # words a number in words may take before its scale word ("ثلاثمائة وخمسة وعشرين مليون")

_QUAL_BEFORE = _lookup("qual_before")
_QUAL_AFTER = _lookup("qual_after")
_QUAL_BEFORE_RE = re.compile(rf"{_LB}{_CLITIC_GLUED}\s?(?P<q>{_alt(_QUAL_BEFORE)})\s*$")
_QUAL_AFTER_RE = re.compile(rf"\s*(?P<q>{_alt(_QUAL_AFTER)}){_NB}")
_RANGE_BEFORE_RE = re.compile(
    rf"{_LB}(?:بين\s+{NUMBER_PATTERN}\s*و|من\s+{NUMBER_PATTERN}\s*(?:الي|حتي|-)|{NUMBER_PATTERN}\s*-)\s*$"
)
_EQUIV_RE = re.compile(
    rf"(?:\s*(?:{_alt(_words('equivalent_skip'))}){_NB})?\s*[،,/-]?\s*(?P<open>[(\[])?\s*(?:(?P<w>{_alt(_words('equivalent'))}){_NB}\s*)?(?:(?P<q>{_alt(_QUAL_BEFORE)})\s*)?"
)
_EQUIV_TOLERANCE = 0.3  # a restatement without a joining word or bracket must agree with today's rate within 30 %
_AID_WORDS = _Phrases(_words("aid_word"), prefix=_DEF_CLITIC, suffix=_PRONOUN)
_BARE_MAX = 1000  # a bare figure below this, of aid, with no scale word, is missing its scale word
_BARE_PACKAGE_MILLIONS = 100  # ... a package from 100 up is in millions ("حزمة بقيمة 400 دولار"), else billions

_KIND: dict[str, tuple[str, str]] = {c: (v, s) for c, v, s in _CUE["kind"]}
_KIND_CUES = _Phrases(_KIND, prefix=_DEF_CLITIC, suffix=_PRONOUN_NO_H, suffixed=True)
_KIND_RANK: dict[str, int] = {
    _key(c): int(row.get("rank") or 1)
    for row in read_table("amount_cues.csv") if row["role"] == "kind" for c in split_variants(row["cue"])
}
_KIND_BLOCK = _Phrases(_words("kind_block"), prefix="[وف]?")
_RELATIVE_BEFORE_RE = re.compile(rf"{_LB}[وف]?(?:{_alt(_words('relative'))})\s*$")
_SUPERLATIVE_RE = re.compile(rf"{_LB}[وف]?(?:{_alt(_words('superlative'))})(?![{AR}])")
_UNTIL_STEMS = tuple(_stems(_words("until_word")))
_YEAR = r"(?P<y>(?:19|20)[0-9]{2})(?![0-9])"
_UNTIL_RE = re.compile(rf"{_LB}[وف]?(?:{_alt(_words('until_word'))})\s*(?:عام|سنه|العام)?\s*{_YEAR}")
_SINCE_RE = re.compile(rf"{_LB}[وف]?(?:{_alt(_words('since_word'))})\s+(?:\S+\s+){{0,3}}?{_YEAR}")
_BREAKDOWN = _Phrases(_words("breakdown"), prefix="[وف]?", suffix=_PRONOUN)
_KIND_WEAK = _lookup("kind_weak")
_KIND_WEAK_CUES = _Phrases(_KIND_WEAK, prefix="[وف]?", suffix=_PRONOUN)
_CLAUSE_CHARS = tuple(_CLAUSE_CHARS_SET)


def _has_digit_or_sign(sentence: str) -> bool:
    """Whether ``sentence`` holds a digit or a currency sign. Not remembered: the pipeline asks for the counts of
    every sentence of an article before it asks for their amounts, so a memory of the last sentence never served."""
    return _DIGIT_OR_SIGN.search(sentence) is not None


def _has_big_scale(sentence: str) -> bool:
    """Whether ``sentence`` holds a scale word of a million or more (its stem), looked for only when one of the
    stems' few common substrings (``_BIG_SCALE_KEYS``) is there: most sentences have neither."""
    return _has_any(sentence, _BIG_SCALE_KEYS) and _has_any(sentence, _BIG_SCALE_STEMS)


def _money_gate(sentence: str) -> bool:
    """Cheap necessary test: a digit, sign or big scale word, and a currency word or sign."""
    if not (_has_digit_or_sign(sentence) or _has_big_scale(sentence)):
        return False
    if next(_CURRENCY_OR_SIGN.iter(sentence), None) is not None:
        return True
    for st in _CURRENCY_SHORT:  # "ين": a whole word only
        i = sentence.find(" " + st)
        while i >= 0:
            j = i + 1 + len(st)
            if j >= len(sentence) or not _is_letter(sentence[j]):
                return True
            i = sentence.find(" " + st, j)
    return bool(_LATIN_CODE_RE and _ASCII_LETTER.search(sentence) and _LATIN_CODE_RE.search(sentence))


def _is_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a"


def _qualifier_before(sentence: str, start: int) -> tuple[Qualifier | None, int]:
    m = _QUAL_BEFORE_RE.search(sentence, max(0, start - 40), start)
    if m:
        return cast(Qualifier, _QUAL_BEFORE[_k(m.group("q"))]), m.start("q")
    return None, start


def _currency(cur: str | None, sym: str | None, sentence: str) -> str | None:
    if cur:
        k = _k(cur)
        if k in _CUR.names:
            return _CUR.names[k]
        for code, ctx in _CUR.bare.get(k, []):
            if ctx.search(sentence):
                return code
        return None
    if sym:
        return _CUR.symbols.get(_k(sym))
    return None


def _value(m: re.Match[str]) -> tuple[float, int] | None:
    """(value, start of the value) of a money match, or None when it is vague or not a number."""
    if m.group("num") is not None:
        num = parse_matched(m.group("num"))
        if num is None:
            return None
        start = m.start("num")
        scale_word = m.group("scale")
        if scale_word is None:
            if m.group("comp"):
                return None  # "5 و7 مليارات": the caller reads it as a range
            return num, start
        sc = scale_of(scale_word)
        if sc is None:
            return None
        value = num * sc[0]
    else:
        sc = scale_of(m.group("bscale") or "")
        if sc is None:
            return None
        frac = m.group("frac")
        if frac is not None:
            mult = FRACTIONS[_k(frac)]
            start = m.start("frac")
        elif sc[1] == "plural":
            return None  # "مليارات الدولارات": vague
        else:
            mult = 2.0 if sc[1] == "dual" else 1.0
            start = m.start("bscale")
        value = mult * sc[0]
    if m.group("comp"):
        if m.group("half") is not None:
            value += 0.5 * sc[0]
        else:
            num2 = parse_matched(m.group("num2") or "")
            sc2 = scale_of(m.group("scale2") or "")
            if num2 is None or sc2 is None or sc2[0] >= sc[0]:
                return None
            value += num2 * sc2[0]
    return value, start


def _read_amount(
    sentence: str, m: re.Match[str], implied: str | None = None
) -> tuple[int, int, float, str, Qualifier, bool] | None:
    """(start, end, value, currency, qualifier, has a scale word) of a money match, or None when it is not money.
    ``implied``: the currency of a match that has none."""
    cur, sym1, sym2 = m.group("cur"), m.group("sym1"), m.group("sym2")
    if not (cur or sym1 or sym2 or implied):
        return None
    code = _currency(cur, sym1 or sym2, sentence) if (cur or sym1 or sym2) else implied
    if code is None:
        return None
    got = _value(m)
    is_range = False
    if got is None and m.group("num2") is not None:  # "5 و7 مليارات", "5 مليارات و7 مليارات": the upper bound
        num2 = parse_matched(m.group("num2") or "")
        sc2 = scale_of(m.group("scale2") or "")
        got = (num2 * sc2[0], m.start("num2")) if num2 is not None and sc2 is not None else None
        is_range = True
    if got is None or got[0] <= 0:
        return None
    value, start = got
    end = m.end()
    qual: Qualifier | None
    if is_range:
        qual, start = "up_to", m.start()
    else:
        if sym1:
            start = m.start("sym1")
        qual, qstart = _qualifier_before(sentence, start)
        start = min(start, qstart)
        if qual is None:
            w = sentence[max(0, start - 40) : start]
            if ("-" in w or "بين" in w or "من" in w) and _RANGE_BEFORE_RE.search(sentence, max(0, start - 40), start):
                qual = "up_to"
    after = _QUAL_AFTER_RE.match(sentence, end)
    if after:
        if qual is None:
            qual = cast(Qualifier, _QUAL_AFTER[_k(after.group("q"))])
        end = after.end()
    has_scale = bool(m.group("scale") or m.group("bscale") or m.group("scale2"))
    return start, end, round(value, 6), code, qual or "exact", has_scale


@per_article(64)
def _clauses(sentence: str) -> tuple[int, ...]:
    """Positions of clause boundaries: punctuation, a comma that is not inside a number, " - ". Remembered for the
    article: ``find_giver`` asks again for each amount of a sentence ``find_amounts`` has cut already (a fifth of its
    time)."""
    out = _find_all(sentence, _CLAUSE_CHARS)
    i = sentence.find(",")
    while i >= 0:
        if not (0 < i < len(sentence) - 1 and sentence[i - 1].isdigit() and sentence[i + 1].isdigit()):
            out.append(i)
        i = sentence.find(",", i + 1)
    i = sentence.find(" - ")
    while i >= 0:
        out.append(i + 1)
        i = sentence.find(" - ", i + 1)
    out.sort()
    return tuple(out)


def _clause_of(bounds: Sequence[int], start: int, end: int, n: int) -> tuple[int, int]:
    lo, hi = 0, n
    for b in bounds:
        if b < start:
            lo = b + 1
        elif b >= end:
            hi = b
            break
    return lo, hi


@dataclasses.dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    kind: str
    scope: str
    rank: int
    key: str


def _kind(
    sentence: str, start: int, end: int, qualifier: Qualifier, bounds: Sequence[int], cues: Sequence[_Cue],
    others: Sequence[int] = (),
) -> tuple[AmountKind, str | None]:
    """The kind of the amount at ``[start, end)`` from the best cue (see ``amount_cues.csv``): the lowest rank, then
    the nearest, in the amount's clause; else a sentence-scope cue of an earlier clause.

    A package cue of an earlier clause does not reach past another amount (``others``: their starts): "حزمة بقيمة 500
    مليون دولار، تاركة 3.8 مليار دولار" makes only the first a package."""
    lo, hi = _clause_of(bounds, start, end, len(sentence))
    best: tuple[int, int, _Cue] | None = None  # (rank, distance, cue)
    for c in cues:
        if c.end <= lo or c.start >= hi or start <= c.start < end:
            continue
        dist = start - c.end if c.end <= start else c.start - end
        if best is None or (c.rank, dist) < best[:2]:
            best = (c.rank, dist, c)
    if best is None:
        for c in cues:  # earlier clauses: sentence-scope cues only
            if c.kind == "package" and any(c.end <= o < start for o in others):
                continue
            if c.end <= lo and c.scope == "sentence":
                if best is None or (c.rank, start - c.end) < best[:2]:
                    best = (c.rank, start - c.end, c)
    if best is None:  # قدمت 8 مليارات يورو، منذ بداية الحرب: a running total said right after it, past the comma,
        # or "since the war began" further on with no other amount between (منحت 9 مليارات يورو، ...، منذ اندلاع الحرب)
        after = [c for c in cues if c.kind == "cumulative_total" and (hi <= c.start <= hi + 4 or (
            hi <= c.start and c.key.startswith("منذ") and not any(end <= o < c.start for o in others)))]
        if after:
            return "cumulative_total", after[0].key
    if best is not None:
        return cast(AmountKind, best[2].kind), best[2].key
    if qualifier in ("about", "more_than", "at_least"):
        weak = _KIND_WEAK_CUES(sentence, 0, start)
        if weak:
            key = _KIND_WEAK_CUES.key(weak[-1])
            return cast(AmountKind, _KIND_WEAK[key]), key
    return "other", None


def _kind_cues(sentence: str, on: dt.date | None) -> tuple[list[_Cue], list[_Cue]]:
    """Kind cues of ``sentence``: (main cues, verbs of a relative clause). Cues inside a blocking phrase are dropped
    ("بإجمالي" in "حزمة بإجمالي 225 مليون": worth a total of). A relative-clause verb counts only when no main cue
    decides ("إجمالي المساعدات التي تعهدت بها": the total, not a pledge). "حتى 2029" is a pledge when the year is not
    before the year of ``on`` (any year without ``on``); "منذ 24 فبراير 2022" is a running total."""
    main: list[_Cue] = []
    relative: list[_Cue] = []
    matches = _KIND_CUES(sentence)
    if matches:
        blocks = [(b.start(), b.end()) for b in _KIND_BLOCK(sentence)]
        for m in matches:
            if any(a <= m.start("c") < b for a, b in blocks):
                continue
            key = _KIND_CUES.key(m)
            kind, scope = _KIND[key]
            cue = _Cue(m.start(), m.end(), kind, scope, _KIND_RANK.get(key, 1), key)
            if _RELATIVE_BEFORE_RE.search(sentence, max(0, m.start() - 12), m.start()):
                relative.append(cue)
            else:
                main.append(cue)
    if "منذ" in sentence:
        for u in _SINCE_RE.finditer(sentence):  # "منذ 24 فبراير 2022": since a day of a year, a running total
            if on is None or int(u.group("y")) <= on.year:
                main.append(_Cue(u.start(), u.end(), "cumulative_total", "sentence", 1, _k(u.group())))
    if _has_any(sentence, _UNTIL_STEMS):
        for u in _UNTIL_RE.finditer(sentence):
            if on is None or int(u.group("y")) >= on.year:
                main.append(_Cue(u.start(), u.end(), "pledge", "sentence", 1, _k(u.group())))
    if main and "منذ" in sentence:  # أكبر حزمة منذ بدء الحرب: the biggest since, not a running total
        main = [c for c in main if not (c.kind == "cumulative_total" and sentence.startswith("منذ", c.start)
                                        and _SUPERLATIVE_RE.search(sentence, max(0, c.start - 45), c.start))]
    return main, relative


def _money_matches(sentence: str) -> Iterable[tuple[re.Match[str], bool]]:
    """Money grammar matches tried at every digit-run start and sign, and before every scale word: (match, whether
    its currency is implied). After a first amount, a number with a scale word and no currency takes that amount's
    currency when the clause ends there or an ``implied_after`` word follows."""
    anchors = [
        (i, True)
        for i in (m.start() for m in _DIGIT_OR_SIGN.finditer(sentence))
        if i == 0 or sentence[i - 1] not in "0123456789.,"  # the first digit of a number, or a sign
    ]
    anchors += [(p, False) for p in _find_all(sentence, _ALL_SCALE_STEMS)]
    anchors.sort()
    done = 0
    for g, is_digit in anchors:
        if g < done:
            continue
        if is_digit:
            cands = [g]
        else:  # a number in words may come first: try from a few words back, farthest first
            ws = _word_start(sentence, g)
            cands = []
            for n in range(_SCALE_WORD_SPAN, -1, -1):
                c = _words_back(sentence, ws, n)
                if c < done or (cands and c <= cands[-1]):
                    continue
                cands.append(c)
                j = c
                while j < g and sentence[j] in "وفبل" and j - c < 2:  # "بخمسة", "وبمليار"
                    j += 1
                    cands.append(j)
        for c in cands:
            m = _MONEY_AT.match(sentence, c)
            if m is None or m.end() <= g:
                continue
            if m.group("cur") or m.group("sym1") or m.group("sym2"):
                yield m, False
                done = m.end()
                break
            if done and (m.group("scale") or m.group("bscale")) and _IMPLIED_AFTER_RE.match(sentence, m.end()):
                yield m, True  # "55 مليار دولار، جاء أكثر من 35 مليارا منها من الولايات المتحدة"
                done = m.end()
                break


def find_amounts(sentence: str, on: dt.date | None = None) -> list[AmountHit]:
    """Amounts of money in one normalised sentence, in order; ``value_usd`` at the rate of day ``on`` (``None``: the
    latest rate), unless the sentence states the dollar figure itself."""
    if not isinstance(sentence, str) or not _money_gate(sentence):
        return []
    raw: list[tuple[int, int, float, str, Qualifier, bool]] = []
    for m, implied in _money_matches(sentence):
        a = _read_amount(sentence, m, raw[-1][3] if implied and raw else None)
        if a is not None:
            raw.append(a)
    if not raw:
        return []
    bounds = _clauses(sentence)
    cues, relative = _kind_cues(sentence, on)
    starts = [a[0] for a in raw]
    hits: list[AmountHit] = []
    prices = [p.start() for p in _PRICE_WORDS(sentence)]
    for start, end, value, code, qual, has_scale in raw:
        if prices and any(_clause_of(bounds, start, end, len(sentence))[0] <= p < start for p in prices):
            continue  # "سعر القذيفة 3 آلاف دولار": a price, not aid
        if hits and _merge_equivalent(sentence, hits, start, value, code):
            prev = hits[-1]
            if prev.kind == "other":  # a cue behind the restatement: "100 مليون جنيه (130 مليون دولار) أعلن عنها"
                close = re.match(r"\s*[)\]]", sentence[end:])
                after = end + (close.end() if close else 0)
                kind, cue = _kind(sentence, prev.start, after, prev.qualifier, bounds, cues, [])
                hits[-1] = dataclasses.replace(prev, kind=kind, kind_cue=cue)
            continue
        others = [o for o in starts if o != start]
        kind, cue = _kind(sentence, start, end, qual, bounds, cues, others)
        if kind == "other" and relative:
            kind, cue = _kind(sentence, start, end, qual, bounds, relative, others)
        if kind == "other" and hits:  # بإجمالي 12 مليار يورو، بواقع 8 مليارات: a part of the sum before it
            whole = next((h for h in hits if h.kind != "other" and _BREAKDOWN(sentence, h.end, start)), None)
            if whole is not None:
                kind, cue = whole.kind, f"part of {whole.text}"
        inferred = False
        if not has_scale and value < _BARE_MAX and kind != "other" and _AID_WORDS(sentence):
            # "بلغ إجمالي المساعدات 43.9 دولار": the scale word fell out of the copy
            millions = kind == "package" and value >= _BARE_PACKAGE_MILLIONS
            value, inferred = round(value * (1e6 if millions else 1e9), 6), True
        # built once with its dollar value (what ``convert`` would give it): ``dataclasses.replace`` costs twice a
        # construction; a restatement that follows only notes itself on it
        usd, rate, rate_date, source = _dollars(value, code, on)
        hits.append(AmountHit(start, end, sentence[start:end], value, code, qual, usd, kind, cue, usd_rate=rate,
                              rate_date=rate_date, rate_source=source, scale_inferred=inferred))
    return hits


_Dollars = tuple[float | None, float | None, dt.date | None, str | None]  # value_usd, usd_rate, rate_date, rate_source


def _dollars(value: float, code: str, on: dt.date | None) -> _Dollars:
    """(value in US dollars, the rate, its day, its source) of ``value`` ``code`` at day ``on``; all ``None`` without
    a rate."""
    rate = usd_rate(code, on)
    if rate is None:
        return None, None, None, None
    return round(value * rate.usd_per_unit, 2), rate.usd_per_unit, rate.date, rate.source


def convert(hit: AmountHit, on: dt.date | None) -> AmountHit:
    """``hit`` with ``value_usd`` at the exchange rate of day ``on`` (``None``: the latest rate), and the rate, its day
    and its source; a dollar figure stated in the text is kept as it is."""
    if hit.rate_source == "stated":
        return hit
    usd, rate, rate_date, source = _dollars(hit.value, hit.currency, on)
    return dataclasses.replace(hit, value_usd=usd, usd_rate=rate, rate_date=rate_date, rate_source=source)


def _merge_equivalent(sentence: str, hits: list[AmountHit], start: int, value: float, code: str) -> bool:
    """True when the amount at ``start`` restates the previous one in another currency ("(أي 2.2 مليار دولار)",
    "، أو نحو 540 مليون دولار"): it is then noted on the previous one (``alt_value``/``alt_currency``) and, when it is
    in dollars, becomes its ``value_usd``. Without a bracket or a joining word (أي، ما يعادل، أو ...) the two figures
    must also agree with the latest exchange rate, so "5 مليارات يورو و3 مليارات دولار" stays two amounts."""
    prev = hits[-1]
    if prev.currency == code or start < prev.end or prev.alt_currency is not None:
        return False
    m = _EQUIV_RE.fullmatch(sentence, prev.end, start)
    if not m:
        return False
    if not (m.group("open") or m.group("w")):
        a, b = usd_rate(prev.currency), usd_rate(code)
        if a is None or b is None or prev.value <= 0:
            return False
        ratio = (value * b.usd_per_unit) / (prev.value * a.usd_per_unit)
        if abs(ratio - 1) > _EQUIV_TOLERANCE:
            return False
    if code == "USD":
        hits[-1] = dataclasses.replace(prev, alt_value=value, alt_currency=code, value_usd=value,
                                       usd_rate=value / prev.value, rate_date=None, rate_source="stated")
    else:
        hits[-1] = dataclasses.replace(prev, alt_value=value, alt_currency=code)
    return True


# ---------------------------------------------------------------------------------------------------------------
# counts

Unit = Literal["countries", "delegations", "members"]
_UNITS: dict[str, str] = _lookup("count_unit")
_DEFS: dict[str, str] = _lookup("count_def")
_COUNT_STEMS = tuple(_stems(_UNITS))  # every definite noun holds one of them too
_NUMBER_WORD_STEMS = tuple(_stems(w for ws in (NUMBER_WORDS,) for w in ws))
_UNIT_RE = re.compile(rf"(?P<unit>{_alt(_UNITS)}){_NB}")
_COUNT_DEF_RE = re.compile(
    rf"[وفبل]?(?P<noun>{_alt(_DEFS)})\s+ال\s?(?P<num>{NUMBER_PATTERN})(?![{AR}0-9])"
    rf"(?P<after>\s+(?:{_alt(_words('count_member_after'))}){_NB})?"
)
_NUM_FULL_RE = re.compile(rf"{_CLITIC_GLUED}\s?(?P<num>{NUMBER_PATTERN})\s*")
_DIGITS_BEFORE_RE = re.compile(r"[0-9][0-9.,]*\s*$")
_COUNT_BLOCK_RE = re.compile(rf"\s*(?:\S+\s+){{0,2}}?{_DEF_CLITIC}(?:{_alt(_words('count_block'))}){_NB}")
_COUNT_BLOCK_BEFORE_RE = re.compile(rf"{_LB}(?:{_alt(_words('count_block_before'))})\s*$")
_MAX_COUNT = 250
_NUMBER_WORDS_SPAN = 4  # words a number in words may take ("ثلاثمائة وخمسة وعشرين")


def _count_hit(sentence: str, start: int, end: int, value: int, unit: str, qual: Qualifier | None) -> CountHit:
    q, qstart = _qualifier_before(sentence, start)
    if q is not None:
        qual, start = q, min(start, qstart)
    return CountHit(start, end, sentence[start:end], value, qual or "exact", cast(Unit, unit))


def _number_before(sentence: str, p: int, lo: int) -> re.Match[str] | None:
    """The number that ends right before ``p`` (spaces allowed), starting at or after ``lo``."""
    ws = _word_start(sentence, p)
    if ws < p:  # glued: "50دولة"
        return _NUM_FULL_RE.fullmatch(sentence, ws, p) if sentence[ws:p].isdigit() else None
    if _DIGITS_BEFORE_RE.search(sentence, max(lo, p - 24), p):
        c = _words_back(sentence, ws, 1)
        return _NUM_FULL_RE.fullmatch(sentence, c, p) if c >= lo else None
    for n in range(_NUMBER_WORDS_SPAN, 0, -1):  # farthest first: "ثلاثة وثلاثين" before "وثلاثين"
        c = _words_back(sentence, ws, n)
        if c < lo:
            continue
        m = _NUM_FULL_RE.fullmatch(sentence, c, p)
        if m is not None:
            return m
    return None


def find_counts(sentence: str) -> list[CountHit]:
    """Numbers of countries, delegations or member states in one normalised sentence, in order.

    Each count noun is found first (``str.find`` on its stem); the number is then read right before it ("50 دولة")
    or, for a definite noun, right after it ("الوفود الـ 33").
    """
    if not isinstance(sentence, str) or not _has_any(sentence, _COUNT_STEMS):
        return []
    if not (_has_digit_or_sign(sentence) or _has_any(sentence, _NUMBER_WORD_STEMS)):
        return []
    hits: list[CountHit] = []
    done = 0
    for p in _find_all(sentence, _COUNT_STEMS):
        if p < done:
            continue
        ws = _word_start(sentence, p)
        d = _COUNT_DEF_RE.match(sentence, ws)
        if d is not None:
            value = parse_matched(d.group("num"))
            if value is not None and value == int(value) and 2 <= value <= _MAX_COUNT:
                if not _COUNT_BLOCK_BEFORE_RE.search(sentence, max(0, ws - 12), ws):  # "مجموعة الدول السبع"
                    unit = "members" if d.group("after") else _DEFS[_k(d.group("noun"))]
                    hits.append(_count_hit(sentence, d.start("noun"), d.end(), int(value), unit, None))
                    done = d.end()
                    continue
        if ws < p and not sentence[ws:p].isdigit():
            continue  # the noun must start a word (or follow its digits: "50دولة")
        u = _UNIT_RE.match(sentence, p)
        if u is None:
            continue
        m = _number_before(sentence, p, done)
        if m is None:
            continue
        value = parse_matched(m.group("num"))
        if value is None or value != int(value) or not 2 <= value <= _MAX_COUNT:
            continue
        unit = _UNITS[_k(u.group("unit"))]
        if unit == "members" and _COUNT_BLOCK_RE.match(sentence, u.end()):
            continue  # "50 عضوا في الكونغرس"
        end = u.end()
        qual: Qualifier | None = None
        after = _QUAL_AFTER_RE.match(sentence, end)
        if after:
            qual = cast(Qualifier, _QUAL_AFTER[_k(after.group("q"))])
            end = after.end()
        hits.append(_count_hit(sentence, m.start("num"), end, int(value), unit, qual))
        done = end
    return hits


# ---------------------------------------------------------------------------------------------------------------
# donors

_GROUPS: dict[str, str | None] = {c: "ALL" for c in _words("donor_all")}
_GROUPS.update({c: None for c in _words("donor_org")})
_GROUP_CUES = _Phrases(_GROUPS, prefix="[وفبل]?")
_VERB_CUES = _Phrases(_words("donor_verb"), prefix="[وف]?", suffix=_PRONOUN)
_DONOR_FROM_RE = re.compile(rf"\s*[،,]?\s*(?:{_alt(_words('donor_from'))})\s+")
_RECIPIENT_BEFORE_RE = re.compile(rf"(?:{_LB}(?:{_alt(_words('recipient_marker'))})\s*|(?:^|[^{AR}])[وف]?ل\s?)$")
_LOCATION_BEFORE_RE = re.compile(rf"(?:{_LB}(?:{_alt(_words('location_marker'))})\s*|(?:^|[^{AR}])[وف]?ب)$")
_HELD_BEFORE_RE = re.compile(rf"{_LB}(?:{_alt(_words('held_marker'))})\s+(?:في|ب)\s*$")
_L_INITIAL = tuple(_words("l_initial_country"))
_RECIPIENT_ISO3 = frozenset(c.upper() for c in _words("recipient_country") + _words("never_donor"))
_PREDICATE_BEFORE_RE = re.compile(rf"{_LB}[وف]?(?:{_alt(_words('predicate_before'))})\s*$")
_SUBJECT_GAP_WORDS = 4  # words allowed between a verb and its subject ("أعلنت وزارة الدفاع الأمريكية")


def _is_recipient(sentence: str, c: CountryHit) -> bool:
    if c.iso3 in _RECIPIENT_ISO3:
        return True
    t = c.text[1:] if c.text[:1] in ("و", "ف") else c.text
    if t.startswith("ل") and not t.startswith(_L_INITIAL):
        return True  # the clitic "to" is inside the hit: "لبولندا", "للولايات المتحده"
    return bool(_RECIPIENT_BEFORE_RE.search(sentence, max(0, c.start - 14), c.start))


def _candidates(
    sentence: str, countries: Sequence[CountryHit], officials: Sequence[OfficialHit] = ()
) -> list[tuple[int, int, str | None]]:
    """Possible givers in order: (start, end, ISO3 | "ALL" | None for an organisation). A group after "من أكبر"
    ("من أكبر الداعمين": one of the biggest backers) describes the subject and is no giver itself."""
    groups = [(m.start("c"), m.end("c"), _GROUPS[_GROUP_CUES.key(m)]) for m in _GROUP_CUES(sentence)]
    out = [
        g for g in groups
        if not _PREDICATE_BEFORE_RE.search(sentence, max(0, g[0] - 20), g[0])
        and not _RECIPIENT_BEFORE_RE.search(sentence, max(0, g[0] - 14), g[0])  # "انضمت إلى الناتو"
    ]
    for o in officials:  # a named office-holder speaks for their country: "وقال هيغسيث إن بلاده خصصت ..."
        if o.iso3 and o.iso3 not in _RECIPIENT_ISO3 and not any(s <= o.start < e for s, e, _ in out):
            out.append((o.start, o.end, o.iso3))
    for c in countries:
        if any(s <= c.start < e for s, e, _ in groups):
            continue  # "داعمو أوكرانيا", "دول الناتو"
        if _is_recipient(sentence, c) or any(s <= c.start < e for s, e, _ in out):
            continue
        if c.via == "capital" and _LOCATION_BEFORE_RE.search(sentence, max(0, c.start - 10), c.start):
            continue  # "في لندن" is where, not who
        if _HELD_BEFORE_RE.search(sentence, max(0, c.start - 30), c.start):
            continue  # "القمة المنعقدة في فرنسا"
        out.append((c.start, c.end, c.iso3))
    out.sort(key=lambda x: x[0])
    # "Britain and its allies pledged": the country with its allies is the donors together
    return [(st, en, "ALL") if who and who != "ALL" and _WITH_ALLIES_RE.match(sentence, en) else (st, en, who)
            for st, en, who in out]


_WITH_ALLIES_RE = re.compile(r"\s*و\s?(?:ال)?(?:حلفاء|حلفاو|حلفائ|شركاء|شركاو|شركائ)[\u0621-\u064a]*")


def find_donor(
    sentence: str, amount: AmountHit, countries: Sequence[CountryHit], officials: Sequence[OfficialHit] = ()
) -> str | None:
    """Who gave ``amount``: an ISO3 code, ``"ALL"`` for the donors together, or ``None`` when the sentence does not say
    (or names an organisation); see ``find_giver``."""
    return find_giver(sentence, amount, countries, officials)[1]


def find_giver(
    sentence: str, amount: AmountHit, countries: Sequence[CountryHit], officials: Sequence[OfficialHit] = ()
) -> tuple[bool, str | None]:
    """(whether the sentence names a giver of ``amount``, who: an ISO3 code, ``"ALL"`` for the donors together, or
    ``None`` for an organisation such as the EU).

    In order: "من + COUNTRY/group" right after the amount; a country or group right before the amount in the same
    clause ("وفرنسا 3 مليارات"); the subject of the nearest giving verb before the amount (after the verb, else before
    it); else the nearest country or group before the amount in its clause, else in its sentence. Named
    office-holders (``officials``) stand for their country. The receiver (Ukraine, or a country after لـ / إلى / من أجل
    / لصالح) and Russia are never the giver, a capital after في is a place, and a funding gap has no giver.
    """
    cands = _candidates(sentence, countries, officials)
    m = _DONOR_FROM_RE.match(sentence, amount.end)
    if m:
        for s, e, who in cands:
            if s <= m.end() < e or s == m.end():
                return True, who
    if amount.kind == "funding_gap":
        return True, None
    if not cands:
        return False, None
    lo, _hi = _clause_of(_clauses(sentence), amount.start, amount.end, len(sentence))
    before = [c for c in cands if c[1] <= amount.start]
    if before and before[-1][0] >= lo and len(sentence[before[-1][1] : amount.start].split()) <= 1:
        return True, before[-1][2]
    verbs = _VERB_CUES(sentence, 0, amount.start)
    if verbs:
        verb = verbs[-1]
        for s, _e, who in before:
            if s >= verb.end():
                if len(sentence[verb.end() : s].split()) <= _SUBJECT_GAP_WORDS:
                    return True, who
                break
        prior = [c for c in before if c[1] <= verb.start()]
        return (True, prior[-1][2]) if prior else (False, None)
    in_clause = [c for c in before if c[0] >= lo]
    if in_clause:
        return True, in_clause[-1][2]
    return (True, before[-1][2]) if before else (False, None)
