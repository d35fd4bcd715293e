"""Ordinal numbers in Arabic news: which meeting of a series a sentence speaks of, and which year of the war.

Everything runs on the matching copy (``normalize(...).text``): hamza-less alefs, ي for ى, ه for ة, ASCII digits, no
tatweel (so "الـ20" arrives as "ال20"). The words come from ``data/ordinals.csv`` (building blocks of the ordinals and
the word classes that decide when an ordinal numbers a meeting); the regexes are built once at import.

What counts as a meeting number (``find_meeting_ordinals``):

- an ordinal right after a meeting noun that is definite: "الاجتماع العشرون", "اجتماعها الـ25", "للاجتماع الحادي
  والثلاثين"; or after a noun followed by a group's name: "اجتماع مجموعة الاتصال الـ20". An ordinal after an indefinite
  noun is a genitive ("قمة العشرين" is the G20 summit), and one right after مجموعة is a name (مجموعة العشرين);
- "رقم 20" after any meeting noun, and a bare or ال-number after a series name: "رامشتاين 20", "رامشتاين-20";
- rounds, editions and sessions (الجولة 12، النسخة الـ27) only in a sentence that also speaks of meeting;
- "للمرة الخامسة عشرة" / "المرة العشرين التي تجتمع" when a meeting verb is near, and never for 1: "للمرة الأولى" is a
  first time, not meeting no. 1;
- a construct ordinal before the noun ("ثالث اجتماع"), 2 and up ("أول اجتماع" is as often "the first meeting since");
- not when words after it make it relative ("الاجتماع الثالث منذ تولي ..."، "على التوالي"), not when a bare number
  counts something or is a day of a month ("الاجتماع 50 دولة", "12 أكتوبر"), and not "الأولي" after a masculine noun
  (الاجتماع الأولي is the initial/preliminary meeting).

Calls (الاتصال الثاني) are not meeting words: their number is not a meeting of a group.

Speed: few sentences hold a meeting number, so no pattern is scanned along a sentence. One automaton pass finds the
words each meeting pattern starts with (meeting nouns, unit ordinals, مره), and a pattern is matched only at the few
positions of clitics before them (``_anchored``); a sentence without a year noun has no war year, whatever else it says.
"""

from __future__ import annotations

import re
import re._parser as sre_p
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .cues import gated
from .lexicon import read_table, split_variants
from .normalize import norm
from .scan import automaton
from .types import Hit

__all__ = ["OrdinalHit", "find_meeting_ordinals", "find_war_year", "parse_ordinal"]


@dataclass(frozen=True, slots=True)
class OrdinalHit(Hit):
    """A number of a meeting (or of a year of the war); ``text`` covers the cue word and the number."""

    value: int
    cue: str = ""  # the normalised word the number is attached to: meeting noun, series name, "مره" or a year noun


# ---------------------------------------------------------------------------------------------------------- lexicon
_NUMBER_KINDS = ("unit", "compound", "teen", "ten", "hundred")
_CLITIC_PREFIXES = (  # longest first
    "وبال", "فبال", "وكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال", "و", "ف", "ب", "ل", "ك",
)


def _lexicon() -> tuple[dict[str, dict[str, set[str]]], dict[str, int], set[str], dict[str, str]]:
    """(kind -> value -> forms, word -> number value, feminine number words, meeting noun -> gender)."""
    by_kind: dict[str, dict[str, set[str]]] = {}
    values: dict[str, int] = {}
    feminine: set[str] = set()
    gender: dict[str, str] = {}
    for row in read_table("ordinals.csv"):
        kind, value = row["kind"], row.get("value", "")
        masc = [norm(f) for f in split_variants(row.get("forms", ""))]
        fem = [norm(f) for f in split_variants(row.get("feminine_forms", ""))]
        by_kind.setdefault(kind, {}).setdefault(value, set()).update(masc + fem)
        if kind in _NUMBER_KINDS:
            for f in masc + fem:
                values[f] = int(value)
            feminine.update(fem)
        elif kind.startswith(("meeting_noun", "session_noun")):
            for f in masc + fem:
                gender[f] = value or "m"
    return by_kind, values, feminine, gender


_BY_KIND, _VALUES, _FEMININE, _GENDER = _lexicon()


def masculine_ordinals(limit: int) -> dict[str, int]:
    """Definite masculine ordinals 1..``limit`` as written (الأول، الحادي عشر، الحادي والعشرون), from ordinals.csv:
    the days of a month for the date grammar (يوم is masculine)."""
    rows = [r for r in read_table("ordinals.csv") if r["kind"] in _NUMBER_KINDS]
    forms = {(r["kind"], int(r["value"])): [norm(f) for f in split_variants(r.get("forms", ""))] for r in rows}
    out: dict[str, int] = {}
    for n in range(1, limit + 1):
        tens, unit = divmod(n, 10)
        if n <= 10:
            words = [f"ال{u}" for u in forms[("unit", n)]]
        elif n < 20:
            words = [f"ال{c} {t}" for c in forms[("compound", unit)] for t in forms[("teen", 10)]]
        elif unit == 0:
            words = [f"ال{t}" for t in forms[("ten", n)]]
        else:
            words = [f"ال{c} وال{t}" for c in forms[("compound", unit)] for t in forms[("ten", tens * 10)]]
        out.update(dict.fromkeys(words, n))
    return out


def _words(*kinds: str) -> list[str]:
    out: set[str] = set()
    for kind in kinds:
        for forms in _BY_KIND.get(kind, {}).values():
            out.update(forms)
    return sorted(out, key=lambda w: (-len(w), w))


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


_U, _C, _T, _D, _H = (_alt(_words(k)) for k in _NUMBER_KINDS)
# an ordinal in words, each part with its article (after a definite noun)
_DEF_WORD = (
    rf"ال(?:{_C})\s+(?:{_T})|ال(?:{_C})\s+و\s?(?:ال)?(?:{_D})|ال(?:{_D})|ال(?:{_U})|ال(?:{_H})"
)
# the same without the leading article (parse_ordinal strips clitics and the article first)
_BARE_WORD = rf"(?:{_C})\s+(?:{_T})|(?:{_C})\s+و\s?(?:ال)?(?:{_D})|(?:{_D})|(?:{_U})|(?:{_H})"
_PRE = r"[وف]?(?:بال|كال|لل|ال|[بلك])"
_DIGITS = r"\d{1,4}(?![\d])(?![.,/:]\d)"

_PARSE_WORD = re.compile(rf"(?:{_PRE})?(?:{_BARE_WORD})")
_PARSE_DIGITS = re.compile(rf"(?:{_PRE})?\s?(?:رقم\s*)?\(?\s*({_DIGITS})\s*\)?")

_NOUN = _alt(_words("meeting_noun", "session_noun"))
_OWN = _alt(_words("meeting_noun_own", "session_noun_own"))
_SERIES = _alt(_words("series_name"))
_GROUP = _alt(_words("group_word"))
_SESSION = set(_words("session_noun", "session_noun_own"))
_SERIES_SET = set(_words("series_name"))
_OWN_SET = set(_words("meeting_noun_own", "session_noun_own"))
_NAME_BEFORE = set(_words("name_before"))

_ORD_AFTER = (
    rf"(?P<word>{_DEF_WORD})"
    rf"|(?P<num>رقم\s*\(?\s*{_DIGITS}\s*\)?)"
    rf"|(?P<art>ال\s?{_DIGITS})"
    rf"|(?P<par>\(\s*{_DIGITS}\s*\))"
    rf"|(?P<bare>{_DIGITS})"
)
_AFTER_NOUN = re.compile(
    rf"(?<!\w)(?P<pre>{_PRE})?(?P<noun>{_NOUN}|{_OWN}|{_SERIES})(?!\w)"
    rf"(?P<gap>(?:\s+[\"(]?(?:[وبل]|لل|ال)?(?:{_GROUP})(?!\w)[\")]?){{0,7}})"
    rf"\s*-?\s*(?:{_ORD_AFTER})(?!\w)"
)
_UNITS_NOT_FIRST = _alt([w for w in _words("unit") if _VALUES.get(w, 0) > 1])
_BEFORE_NOUN = re.compile(rf"(?<!\w)[وف]?(?P<word>{_UNITS_NOT_FIRST})\s+(?P<pre>{_PRE})?(?P<noun>{_NOUN})(?!\w)")
_TIMES = re.compile(
    rf"(?<!\w)[وف]?(?:لل|ال)(?P<noun>{_alt(_words('times_noun'))})\s+(?:(?P<word>{_DEF_WORD})|(?P<art>ال\s?{_DIGITS}))(?!\w)"
)

_PUNCT_FREE_TOKENS = r"(?:\s+[^\s،,.:؛;!?؟]+){0,3}?"
_RELATIVE = re.compile(
    rf"^{_PUNCT_FREE_TOKENS}\s+(?:(?:{_alt(_words('relative_after'))})(?!\w)"
    rf"|(?:{_alt(_words('since_word'))})(?!\w)(?!\s+[لب]?(?:{_alt(_words('founding_word'))})(?!\w)))"
)
_NOT_AFTER = re.compile(rf"^\s*(?:%|(?:{_alt(_words('not_after'))})(?!\w))")
_MIN_AFTER = re.compile(r"^\s+من(?!\w)")
_VERB = re.compile(rf"(?<!\w)[وفسل]?(?:{_alt(_words('meeting_verb'))})(?:ت|وا|ها|ه|ان|ون)?(?!\w)")
_CONTEXT = re.compile(
    rf"(?<!\w)(?:{_PRE})?(?:{_alt(_words('meeting_verb', 'meeting_context'))})(?:ت|وا|ها|ه|ان|ون)?(?!\w)"
)

_YEAR_OWN = gated(re.compile(
    rf"(?<!\w)[وف]?[بل]?(?P<noun>{_alt(_words('year_noun_own'))})\s+(?P<word>{_DEF_WORD})(?!\w)"
))
_WAR_STEMS = _alt(_words("war_word"))
_WAR = gated(re.compile(rf"(?<!\w)(?:{_PRE})?(?:{_WAR_STEMS})(?!\w)"))
_YEAR_OF_WAR = gated(re.compile(
    rf"(?<!\w)[وف]?(?:بال|لل|ال)(?P<noun>{_alt(_words('year_noun'))})\s+(?P<word>{_DEF_WORD})"
    rf"\s+(?:(?:من|على|في)\s+)?(?:{_PRE})?(?:{_WAR_STEMS})(?!\w)"
))
_OTHER_WAR = gated(re.compile(rf"(?<!\w)(?:{_PRE})?(?:{_alt(_words('other_conflict'))})(?!\w)"))


def _reach(pattern: str) -> int:
    """The most characters ``pattern`` can match (the clitics a pattern allows before its trigger word)."""
    return sre_p.parse(pattern).getwidth()[1]


# Where the meeting patterns can start. Each of them begins with optional clitics and then a word of a short list (a
# meeting noun, a unit ordinal, مره); the first chunk of every such word is looked up in one automaton pass, and the
# pattern is matched only at the few positions right before it (see ``_anchored``), not scanned along the sentence.
_AFTER_NOUN_REACH, _BEFORE_NOUN_REACH, _TIMES_REACH = _reach(_PRE), _reach("[وف]"), _reach(r"[وف]?(?:لل|ال)")
_TRIGGERS: tuple[tuple[re.Pattern[str], list[str], int], ...] = (  # pattern, its trigger words, clitics before them
    (_AFTER_NOUN, _words("meeting_noun", "session_noun", "meeting_noun_own", "session_noun_own", "series_name"),
     _AFTER_NOUN_REACH),
    (_BEFORE_NOUN, [w for w in _words("unit") if _VALUES.get(w, 0) > 1], _BEFORE_NOUN_REACH),
    (_TIMES, _words("times_noun"), _TIMES_REACH),
)
_TRIGGER_IDS: dict[str, tuple[int, ...]] = {}
for _i, _trigger in enumerate(_TRIGGERS):
    for _w in _trigger[1]:
        _first = _w.split()[0]  # a word of several: matched from its first chunk on
        _TRIGGER_IDS[_first] = (*_TRIGGER_IDS.get(_first, ()), _i)
# each word carries its length and its patterns: a sentence costs the pass and a few appends
_TRIGGER_WORDS = automaton({w: (len(w) - 1, ids) for w, ids in _TRIGGER_IDS.items()})


def _trigger_positions(sentence: str) -> tuple[list[int], list[int], list[int]]:
    """For each pattern of ``_TRIGGERS``, the positions of its trigger words in ``sentence`` (one pass for all)."""
    found: tuple[list[int], list[int], list[int]] = ([], [], [])
    for last, (back, ids) in _TRIGGER_WORDS.iter(sentence):
        for i in ids:
            found[i].append(last - back)
    return found


def _anchored(regex: re.Pattern[str], sentence: str, positions: Sequence[int], reach: int) -> Iterator[re.Match[str]]:
    """What ``regex.finditer(sentence)`` yields, when every match of ``regex`` has one of the trigger words at
    ``positions``, at most ``reach`` characters after its start.

    ``finditer`` tries each position in turn and, after a match, goes on at its end; a match can only start within
    ``reach`` before a trigger word, so trying those positions alone, in order and past the last match, finds the
    same matches. ``regex.match(sentence, q)`` sees the text before ``q``, so lookbehinds read as they do in a scan.
    """
    end = 0  # past the last match, or the positions tried already
    for p in sorted(positions):
        for q in range(max(p - reach, end), p + 1):
            m = regex.match(sentence, q)
            if m is not None:
                yield m
                end = m.end()
                break
        else:
            end = max(end, p + 1)


def _covering(words: list[str]) -> tuple[str, ...]:
    """``words`` less those that contain another of them: a text holding any of ``words`` holds one of these."""
    short = sorted(set(words), key=len)
    return tuple(w for i, w in enumerate(short) if not any(v in w for v in short[:i]))


# A year of the war needs a year noun ("عامها", "العام"): a sentence without one is done in a few ``str`` lookups,
# before the war and other-conflict patterns run.
_YEAR_NOUNS = _covering([w.split()[0] for w in _words("year_noun_own", "year_noun")])

_TOKEN = re.compile(r"[^\s\d()\-]+")
_DIGIT_RUN = re.compile(r"\d+")

_MAX_MEETING = 300
_MAX_WAR_YEAR = 20


# ---------------------------------------------------------------------------------------------------------- parsing
def _word_value(token: str) -> int | None:
    if token in _VALUES:
        return _VALUES[token]
    for p in _CLITIC_PREFIXES:
        if token.startswith(p) and token[len(p) :] in _VALUES:
            return _VALUES[token[len(p) :]]
    return None


def _value(text: str) -> int | None:
    """Value of a matched ordinal (words summed: الخامس والعشرون = 5 + 20; or the digits)."""
    digits = _DIGIT_RUN.search(text)
    if digits:
        return int(digits.group(0))
    total = 0
    for tok in _TOKEN.findall(text):
        if tok == "و":
            continue
        v = _word_value(tok)
        if v is None:
            return None
        total += v
    return total or None


def parse_ordinal(text: str) -> int | None:
    """The number an ordinal expression stands for, or ``None``.

    Words in both genders, with or without the article and clitics ("العشرون", "الحادي والثلاثين", "الخامسة عشرة",
    "وللمرة" is not an ordinal), or digits ("20", "الـ20", "ال 20", "رقم 20", "(20)"). The whole text must be the
    ordinal. Raw or normalised text are both accepted.
    """
    s = " ".join(norm(text).split())
    if not s:
        return None
    m = _PARSE_DIGITS.fullmatch(s)
    if m:
        return int(m.group(1))
    if _PARSE_WORD.fullmatch(s):
        return _value(s)
    return None


# ---------------------------------------------------------------------------------------------------------- finding
def _relative(rest: str) -> bool:
    return _RELATIVE.match(rest) is not None


def _group_tokens(gap: str) -> list[str]:
    return [t.strip('"()') for t in gap.split()]


def _accept_after_noun(m: re.Match[str], sentence: str) -> int | None:
    noun = m.group("noun")
    pre = m.group("pre") or ""
    gap = _group_tokens(m.group("gap"))
    rest = sentence[m.end() :]
    if gap and gap[-1] in _NAME_BEFORE:
        return None  # مجموعة العشرين: a name
    series = noun in _SERIES_SET
    definite = series or noun in _OWN_SET or "ال" in pre or "لل" in pre or bool(gap)
    kind = next(k for k in ("word", "num", "art", "par", "bare") if m.group(k) is not None)
    if kind != "num" and not definite:
        return None  # قمة العشرين: a genitive, not an ordinal
    if kind == "bare" and not series and not gap and _MIN_AFTER.match(rest) and noun not in _SESSION:
        return None  # "الاجتماع 40 من الوزراء": a count
    if kind in ("num", "art", "par", "bare") and _NOT_AFTER.match(rest):
        return None  # "50 دولة", "12 أكتوبر"
    if noun in _SESSION and not _CONTEXT.search(sentence[: m.start()] + " " + m.group("gap") + " " + rest):
        return None  # النسخة الثانية من الصاروخ: not a meeting
    if _relative(rest):
        return None
    value = _value(m.group(kind))
    if value is None or not 0 < value <= _MAX_MEETING:
        return None
    if value == 1 and kind == "word" and _GENDER.get(noun, "m") == "m" and _tail_word(m.group("word")) in _FEMININE:
        return None  # الاجتماع الأولي: initial, not first
    return value


def _tail_word(text: str) -> str:
    tok = text.split()[-1]
    return tok[2:] if tok.startswith("ال") else tok


def find_meeting_ordinals(sentence: str) -> list[OrdinalHit]:
    """Numbers of meetings in one normalised sentence (see the module docstring for what counts)."""
    after_noun, before_noun, times = _trigger_positions(sentence)
    if not (after_noun or before_noun or times):
        return []
    hits: list[OrdinalHit] = []
    for m in _anchored(_AFTER_NOUN, sentence, after_noun, _AFTER_NOUN_REACH):
        value = _accept_after_noun(m, sentence)
        if value is not None:
            hits.append(OrdinalHit(m.start(), m.end(), m.group(0), value, m.group("noun")))
    for m in _anchored(_BEFORE_NOUN, sentence, before_noun, _BEFORE_NOUN_REACH):
        rest = sentence[m.end() :]
        value = _value(m.group("word"))
        if value and not _relative(rest) and not (m.group("noun") in _SESSION and not _CONTEXT.search(sentence)):
            hits.append(OrdinalHit(m.start(), m.end(), m.group(0), value, m.group("noun")))
    for m in _anchored(_TIMES, sentence, times, _TIMES_REACH):
        value = _value(m.group("word") or m.group("art"))
        if not value or value < 2 or value > _MAX_MEETING or _relative(sentence[m.end() :]):
            continue
        window = sentence[max(0, m.start() - 60) : m.end() + 40]
        if _VERB.search(window):
            hits.append(OrdinalHit(m.start(), m.end(), m.group(0), value, m.group("noun")))
    return _without_overlaps(hits)


def find_war_year(sentence: str) -> list[OrdinalHit]:
    """"في عامها الرابع" (the war in its fourth year) -> value 4, in a sentence about a war that is not another one."""
    for word in _YEAR_NOUNS:  # a loop, not any(): no generator to set up for each sentence
        if word in sentence:
            break
    else:
        return []  # neither year pattern can match
    if not _WAR.search(sentence) or _OTHER_WAR.search(sentence):
        return []
    hits: list[OrdinalHit] = []
    for rx in (_YEAR_OWN, _YEAR_OF_WAR):
        for m in rx.finditer(sentence):
            if rx is _YEAR_OWN and _relative(sentence[m.end() :]):
                continue  # عامها الثاني على التوالي
            value = _value(m.group("word"))
            if value and value <= _MAX_WAR_YEAR:
                hits.append(OrdinalHit(m.start(), m.end(), m.group(0), value, m.group("noun")))
    return _without_overlaps(hits)


def _without_overlaps(hits: list[OrdinalHit]) -> list[OrdinalHit]:
    out: list[OrdinalHit] = []
    for h in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out
