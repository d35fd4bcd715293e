"""Arabic date expressions in one sentence, resolved against the publication date.

``find_dates(sentence, published)`` takes the matching copy of one sentence (``normalize.norm``) and returns
``DateHit``s sorted by start, never overlapping (the longest expression wins: "اليوم الأربعاء 4 يونيو 2025" is one
hit). The grammar is a handful of regexes compiled once at import from ``data/date_words.csv`` and
``data/date_future_cues.csv``; day ordinals come from ``ordinals.masculine_ordinals`` and cardinal number words from
``numbers.py``.
dateparser is not used: it misses Levantine month names, double forms, number words and المقبل (see the notes).

What is found (a clitic و ف ب ل ك before the first word is allowed and is not part of the hit; words never match
inside other words):

- day, month, year: ``24 فبراير 2022``, ``5 حزيران/يونيو 2022``, ``تشرين الأول (أكتوبر)``, ``الأول من مارس``,
  ``12 و13 أكتوبر``, ``أكتوبر من العام الماضي``, ``18 أغسطس الماضي``, ``أواخر مايو``; Egyptian/Gulf, Levantine/Iraqi and
  Maghrebi month names. آب and ماي (also ordinary words) count only next to a day, a year, a direction or edge word,
  or after شهر; مارس, جوان, أوت and غشت also after a time preposition (في مارس);
- a weekday, with or without اليوم/أمس/غدا before it, and with its date: ``الأربعاء 4 يونيو 2025``;
- ``12 من الشهر الجاري``; numeric ``12/10/2022`` (day first) and ``2022-10-12``;
- ``عام 2022``, ``مطلع 2023``, and a bare 19xx/20xx after في/منذ/خلال/بحلول (year precision);
- اليوم، الليلة، أمس، البارحة، أول أمس، غدا، بعد غد, with a part of the day (صباح اليوم، مساء أمس) and a weekday;
- a weekday (``يوم الخميس``، ``بعد ظهر يوم الخميس``، ``الجمعة الماضية``، ``الخميس المقبل``);
- a period: ``الأسبوع الماضي``، ``الشهر المقبل``، ``العام الجاري``، ``هذا العام``، ``أواخر الشهر الماضي``, and
  after an edge word the current one: ``بحلول نهاية العام``، ``منتصف الشهر``;
- a count of units from now: ``قبل ثلاث سنوات``، ``منذ 3 أيام``، ``بعد أسبوعين``، ``خلال شهرين``;
- Hijri dates and double dates (Hijri + Gregorian as one expression), read by ``hijri.py``.

Not dates: اليوم in an idiom (حتى اليوم، إلى اليوم، منذ ذلك اليوم، اليوم التالي، روسيا اليوم) and a bare اليوم/غدا
inside quotation marks (figurative: "أمننا اليوم وغدا"); other dates in quotes are returned with ``quoted=True``.
A count of units measured from another event (قبل يومين من الاجتماع، بعد أسبوع على ...) is not returned.

Resolution (``published`` is the base; with ``None`` relative hits keep ``value=None``, ``precision=None`` and their
``offset_days`` when that is a fixed number of days):

- a month without a year: the latest such month, the current one included; the next one (current included) when a
  future cue (سـ + a listed verb, سوف، لن، من المقرر، في حال ...) comes before it in the sentence or right after it
  (a cue further on belongs to another verb: "حذر الثلاثاء من أن حزبه لن يوقع" is last Tuesday); الماضي =
  strictly before the current month (with a day: before the base date), المقبل/القادم = strictly after,
  الجاري/الحالي = this year;
- a weekday: the latest, today included; with a future cue as above today or the next; المقبل/القادم strictly the
  next; الماضي strictly the previous. With اليوم/أمس/غدا before it, that word decides (even if the weekday disagrees);
- a day range ("12 و13 أكتوبر") gives its first day; "12 أو 13 أكتوبر" only the month; a weekday next to a date without
  a year picks, among the neighbouring years, the one where the date falls on that weekday;
- counts: days give a day (and ``offset_days``; after نحو/أكثر من... the finest precision holding ±1 day); months
  and years move the calendar month or year ("قبل ثلاث سنوات" from 2025-06-04 is ``2025``-3 = ``2022``, year
  precision); weeks (±3 days) and خلال (a window from now) give the finest precision that holds the whole window;
- weeks: Arab countries start the week on Saturday, Sunday or Monday, so "الأسبوع الماضي" is the union of the three
  readings, reported as a month if it lies in one month, else a year if in one year, else ``None``.
  No expression is ever reported finer than it is: "الشهر الماضي" is ``YYYY-MM``; "أواخر الشهر الماضي" too.

Basis tags: ``explicit``, ``month_name``, ``day_of_month``, ``today``, ``tonight``, ``yesterday``,
``day_before_yesterday``, ``tomorrow``, ``day_after_tomorrow``, ``weekday``, ``period``, ``ago``, ``since``, ``in``,
``within``, ``hijri``, ``hijri+gregorian``, ``hijri+gregorian:disagree``; an edge word adds ``:early``, ``:mid`` or
``:late`` (أواخر الشهر الماضي -> ``period:late``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterable
from typing import NamedTuple

from .hijri import find_hijri
from .lexicon import read_table, split_variants
from .normalize import norm
from .numbers import WORDS_PATTERN, parse_number
from .ordinals import masculine_ordinals
from .scan import automaton
from .types import DateHit, Precision

__all__ = ["dateline_date", "find_dates", "has_future_marker", "resolve_offset"]

_L = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3"  # letters of the matching copy (no tatweel)
_NA = f"(?![{_L}])"  # no letter after
_CL = "[وف]?[بلك]?"  # clitics before the first word (kept out of the hit)


# --------------------------------------------------------------------------------------------------------- lexicon
def _key(s: str) -> str:
    return " ".join(s.split())


def _forms(cell: str) -> list[str]:
    return [k for k in (_key(norm(f)) for f in split_variants(cell)) if k]


_ROWS = read_table("date_words.csv")


def _rows(kind: str) -> list[dict[str, str]]:
    return [r for r in _ROWS if r["kind"] == kind]


def _words(kind: str) -> list[str]:
    return [f for r in _rows(kind) for f in _forms(r["forms"])]


MONTHS: dict[str, tuple[int, str]] = {
    f: (int(r["value"]), r["tag"]) for r in _rows("month") for f in _forms(r["forms"])
}
WEEKDAYS: dict[str, int] = {f: int(r["value"]) for r in _rows("weekday") for f in _forms(r["forms"])}
_WD_BLOCK_BEFORE: dict[int, set[str]] = {}
_WD_BLOCK_AFTER: dict[int, set[str]] = {}
for _kind, _target in (("weekday_block_before", _WD_BLOCK_BEFORE), ("weekday_block_after", _WD_BLOCK_AFTER)):
    for _r in _rows(_kind):
        _target.setdefault(int(_r["value"]), set()).update(_forms(_r["forms"]))
_RELDAY: dict[str, tuple[int, str]] = {
    f: (int(r["value"]), r["tag"]) for r in _rows("relday") for f in _forms(r["forms"])
}
_PART_RELDAY: dict[str, tuple[int, str]] = {
    f: (int(r["value"]), r["tag"]) for r in _rows("part_relday") for f in _forms(r["forms"])
}
_DIRECTIONS: dict[str, str] = {f: r["value"] for r in _rows("direction") for f in _forms(r["forms"])}
_PERIODS: dict[str, str] = {f: r["value"] for r in _rows("period") for f in _forms(r["forms"])}
_EDGES: dict[str, str] = {f: r["value"] for r in _rows("edge") for f in _forms(r["forms"])}
_UNITS: dict[str, tuple[str, int | None]] = {
    f: (r["value"], int(r["tag"]) if r["tag"] else None) for r in _rows("unit") for f in _forms(r["forms"])
}
_AGO: dict[str, tuple[str, str]] = {f: (r["value"], r["tag"]) for r in _rows("ago") for f in _forms(r["forms"])}
_YEAR_WORDS: dict[str, int] = {f: int(r["value"]) for r in _rows("year_word") for f in _forms(r["forms"])}
_MONTH_PREPS = set(_words("month_prep"))
_TODAY_BLOCK_BEFORE = set(_words("today_block_before"))
_TODAY_BLOCK_AFTER = set(_words("today_block_after"))
_HIJRI = set(_words("hijri_month"))
_GENERAL_NOUNS = set(_words("general_noun"))
# days of the month in words: the ordinal grammar's masculine forms, plus bare forms such as Egyptian "أول يناير"
ORDINALS: dict[str, int] = {
    **{_key(f): n for f, n in masculine_ordinals(31).items()},
    **{f: int(r["value"]) for r in _rows("day_ordinal_bare") for f in _forms(r["forms"])},
}
_FIGURATIVE = {norm("اليوم"), norm("غدا")}  # bare, inside quotes: not a date


def _canon(table: dict, text: str) -> str:
    """The lexicon key of a matched word: spaces collapsed, the ل + ال contraction undone (للعام -> العام)."""
    k = _key(text)
    if k not in table and k.startswith("لل"):
        k = "ال" + k[2:]
    return k


# --------------------------------------------------------------------------------------------------------- regexes
# Speed: every word pattern starts by consuming one non-letter, non-digit character (the text is searched with a space
# in front), so the regex engine only tries positions after a space or a punctuation mark, and every word list is
# compiled as a trie (one branch per first letter), so a failing position costs a few character tests.
def _trie(words: Iterable[str]) -> str:
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return "(?:" + emit(root) + ")"


def _alt(forms: Iterable[str], definite: bool = False) -> str:
    """A trie regex of ``forms`` (longest match first); a space matches any spaces; ``definite`` also accepts the
    ل + ال contraction (العام -> للعام), and the right side must not continue the word."""
    words = set(forms)
    if definite:
        words |= {"لل" + f[2:] for f in words if f.startswith("ال") and len(f) > 3}
    return _trie(words) + _NA


_SEP0 = f"[^{_L}0-9]"  # the character before the first word (consumed; the hit starts after it)


def _lead(*word_lists: Iterable[str], digits: bool = False) -> str:
    """A cheap test at a word start (clitics allowed): is this word one that can begin the expression?"""
    first = {w.split(" ")[0] for words in word_lists for w in words}
    first |= {"لل" + w[2:] for w in first if w.startswith("ال") and len(w) > 3}
    alts = [_trie(first) + _NA] + ([r"(?:ال\s?)?[0-9]"] if digits else [])
    return f"(?=[وف]?[بلك]?(?:{'|'.join(alts)}))"


_WD = _alt(WEEKDAYS, True)
_MON = _alt(MONTHS)
_DIR = _alt(_DIRECTIONS)
_PART = _alt(_words("part"))
_EDGE = _alt(_EDGES)
_ORD = _alt(ORDINALS)
_REL = _alt(_RELDAY, True)
_PREL = _alt(_PART_RELDAY, True)
_PERIOD = _alt(_PERIODS, True)
_PERIOD_MONTH = _alt([f for f, v in _PERIODS.items() if v == "month"], True)
_PERIOD_YEAR = _alt([f for f, v in _PERIODS.items() if v == "year"], True)
_THIS = _alt(_words("this"))
_UNIT = _alt(f for f, (_, c) in _UNITS.items() if c != 2)
_UNIT_ALONE = _alt(f for f, (_, c) in _UNITS.items() if c)
_AGO_WORD = _alt(_AGO)
_QUAL = _alt(_words("qualifier"))
_YW = _alt(_YEAR_WORDS, True)
_YPREP = _alt(_words("year_prep"))
_DAYPFX = _alt(_words("day_prefix"))
_SAME = _alt(_words("same_as"))
_YEAR = "(?:1[89]|20)[0-9]{2}"
_YEAR_END = rf"(?![0-9])(?![.,/][0-9])(?:م{_NA})?"  # "2022م" (ميلادي) is a year too
_SEP = r"\s*[،,]?\s*"

_PARTS = _words("part")
_DAYPFXS = _words("day_prefix")
_LEAD_DMY = _lead(_RELDAY, _PARTS, _DAYPFXS, WEEKDAYS, _EDGES, ORDINALS, ["شهر"], MONTHS, digits=True)
_LEAD_DAYREL = _lead(_RELDAY, _PARTS, _DAYPFXS, WEEKDAYS, ORDINALS, digits=True)
_LEAD_YEAR = _lead(_EDGES, _YEAR_WORDS, _words("year_prep"))
_LEAD_REL = _lead(_PARTS, _RELDAY)
_LEAD_WD = _lead(_PARTS, _DAYPFXS, WEEKDAYS)
_LEAD_PERIOD = _lead(_EDGES, _PERIODS, _words("this"))
_LEAD_AGO = _lead(_AGO)

# a weekday (with اليوم/أمس... and a part of the day before it) or يوم, in front of a date
_PRE = (
    rf"(?:(?:(?P<rel>{_REL}){_SEP})?(?:{_PART}\s+)?(?:{_DAYPFX}\s+)?(?P<wd>{_WD})(?:\s+{_DIR})?{_SEP}(?:{_SAME}\s+)?"
    rf"|{_DAYPFX}\s+)"
)
_DAY = (
    rf"(?:(?:ال\s?)?(?<![0-9.,/])(?P<d>[0-9]{{1,2}})(?![0-9])"
    rf"(?:\s*(?P<rs>-|و|الي|حتي|او)\s*(?P<d2>[0-9]{{1,2}})(?![0-9]))?(?:\s+من{_NA})?"
    rf"|(?P<ord>{_ORD})(?:\s+من{_NA})?)"
)
_MONX = rf"(?P<m1>{_MON})(?:\s*(?:/|\(|-)\s*(?P<m2>{_MON})(?:\s*\))?)?"
_YEARP = (
    rf"(?:{_SEP}(?:(?:من\s+)?{_YW}\s+)?(?P<y>{_YEAR}){_YEAR_END}"
    rf"|\s+(?:من|في)\s+(?:(?P<yp>{_PERIOD_YEAR})\s+(?P<ydir>{_DIR})|{_THIS}\s+(?P<ythis>{_PERIOD_YEAR})))"
)
_DMY_RE = re.compile(
    rf"{_SEP0}{_LEAD_DMY}{_CL}(?P<c>(?P<pre>{_PRE})?(?:(?P<edge>{_EDGE})\s+|(?P<day>{_DAY})\s*)?(?:(?P<shahr>شهر)\s+)?{_MONX}"
    rf"(?:{_YEARP}|\s+(?P<mdir>{_DIR}))?)"
)
_DAYREL_RE = re.compile(
    rf"{_SEP0}{_LEAD_DAYREL}{_CL}(?P<c>(?P<pre>{_PRE})?(?P<day>{_DAY})\s*"
    rf"(?:(?P<pm>{_PERIOD_MONTH})\s+(?P<dir>{_DIR})|{_THIS}\s+(?P<pthis>{_PERIOD_MONTH})))"
)
_YEAR_RE = re.compile(
    rf"{_SEP0}{_LEAD_YEAR}(?:{_CL}(?P<c>(?:(?P<edge>{_EDGE})\s+)?(?P<yw>{_YW})\s+(?P<y>{_YEAR}){_YEAR_END})"
    rf"|[وف]?{_YPREP}\s+(?P<c2>(?P<y2>{_YEAR}){_YEAR_END})(?!\s*[-/]\s*[0-9])"
    rf"|{_CL}(?P<c3>(?P<edge3>{_EDGE})\s+(?P<y3>{_YEAR}){_YEAR_END}))"
)
_SECOND_YEAR = re.compile(rf"\s*(?:و|-|الي|حتي)\s*(?P<y>{_YEAR}){_YEAR_END}")
_NUMERIC_RE = re.compile(
    r"(?<![0-9./-])(?P<c>(?P<d>[0-9]{1,2})(?P<s>[/.-])(?P<m>[0-9]{1,2})(?P=s) ?(?P<y>(?:19|20)[0-9]{2})"
    r"|(?P<y2>(?:19|20)[0-9]{2})(?P<s2>[/.-])(?P<m2>[0-9]{1,2})(?P=s2)(?P<d2>[0-9]{1,2}))(?![0-9])(?![./-][0-9])"
)
_NUMERIC_GATE = re.compile(r"[0-9][/.-][0-9]")  # in every numeric date; found fast (the pattern starts with a digit)
_RELDAY_RE = re.compile(
    rf"{_SEP0}{_LEAD_REL}{_CL}(?P<c>(?:(?P<part>{_PART})\s+(?:{_DAYPFX}\s+)?(?P<prel>{_PREL})|(?P<rel>{_REL}))"
    rf"(?:{_SEP}(?P<par>\()?(?:{_PART}\s+)?(?:{_DAYPFX}\s+)?(?P<wd>{_WD})(?(par)\)|))?)"
)
_WEEKDAY_RE = re.compile(
    rf"{_SEP0}{_LEAD_WD}{_CL}(?P<c>(?:(?P<part>{_PART})\s+)?(?:{_DAYPFX}\s+)?(?P<wd>{_WD})(?:\s+(?P<dir>{_DIR}))?)"
)
_PERIOD_RE = re.compile(
    rf"{_SEP0}{_LEAD_PERIOD}{_CL}(?P<c>(?:(?P<edge>{_EDGE})\s+)?"
    rf"(?:(?P<p>{_PERIOD})\s+(?P<dir>{_DIR})|{_THIS}\s+(?P<p2>{_PERIOD}))|(?P<edge2>{_EDGE})\s+(?P<p3>{_PERIOD}))"
)
_AGO_RE = re.compile(
    rf"{_SEP0}{_LEAD_AGO}{_CL}(?P<c>(?P<prep>{_AGO_WORD})\s+(?:(?P<q>{_QUAL})\s+)?"
    rf"(?:(?P<n>(?<![0-9])[0-9]{{1,4}}(?![0-9.,])|{WORDS_PATTERN})\s*(?P<u>{_UNIT})|(?P<u1>{_UNIT_ALONE})))"
)
_NEXT_WORD = re.compile(rf"\s*([{_L}]+)")
_DIGIT_NEXT = re.compile(r"\s*[0-9]")
_QUOTE = re.compile('"')
_GAP = re.compile(r"[\s،,]*")
_COLON_END = re.compile(r":\s*$")

# future cues
_FUT_ROWS = read_table("date_future_cues.csv")
_FUT_PHRASES = [f for r in _FUT_ROWS if r["kind"] == "phrase" for f in _forms(r["forms"])]
_FUT_STEMS = [f[1:] for r in _FUT_ROWS if r["kind"] == "verb" for f in _forms(r["forms"]) if f.startswith("ي")]
_FUTURE = rf"[وف]?(?:{_trie(_FUT_PHRASES)}|س[يتن]{_trie(_FUT_STEMS)}(?:ون|ان|ين|ن|ه|ها|هم|هما|نا|كم)?){_NA}"
_FUTURE_RE = re.compile(_SEP0 + _FUTURE)

# --------------------------------------------------------------------------------------------------------- prefilter
# One pass finds the words that can anchor a date (a month, a weekday, a period, a day word, a unit, a 4-digit run);
# only the families those words belong to are searched. The pass is an Aho–Corasick automaton over the plain words
# (``_anchor_mask``): a regex tried after every space (``_ANCHOR_RE``, the plain form) cost half of find_dates.
_F_DMY, _F_DAYREL, _F_YEAR, _F_NUM, _F_REL, _F_WD, _F_PERIOD, _F_AGO = (1 << i for i in range(8))
_STOP = {"يوم", "بعد", "اول", "من", "الاول", "الثاني", "ثاني", "الماضيه"}
_KEYS: dict[str, int] = {}


def _add_keys(forms: Iterable[str], bit: int) -> None:
    for form in forms:
        for tok in form.split(" "):
            if tok not in _STOP:
                _KEYS[tok] = _KEYS.get(tok, 0) | bit


_add_keys(MONTHS, _F_DMY)
_add_keys([f for f, v in _PERIODS.items() if v == "month"], _F_DAYREL)
_add_keys(_PERIODS, _F_PERIOD)
_add_keys(list(_RELDAY) + list(_PART_RELDAY), _F_REL)
_add_keys(WEEKDAYS, _F_WD)
_add_keys(_UNITS, _F_AGO)
# The plain form of the prefilter: one pattern tried after every space, which also notes the future cues. Only the
# tables below are built with it; ``_anchor_mask`` gives the same bits and ``_Ctx.future`` looks for the cues only when
# a hit needs them (tests/test_dates.py checks both against this form).
_ANCHOR_RE = re.compile(rf"{_SEP0}(?:{_CL}(?:(?P<w>{_alt(_KEYS, True)})|[0-9]{{4}}(?![0-9]))|(?P<f>{_FUTURE}))")


_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")  # what ``_CL`` matches
_ANCHOR_KEYS = set(_KEYS) | {"لل" + k[2:] for k in _KEYS if k.startswith("ال") and len(k) > 3}  # what ``_alt`` adds


def _anchor_words() -> dict[str, int]:
    """Every word ``_ANCHOR_RE`` takes for an anchor word (a clitic and a key, split as the pattern splits it), with
    its bits."""
    out: dict[str, int] = {}
    for cl in _CLITICS:
        for k in _ANCHOR_KEYS:
            m = _ANCHOR_RE.fullmatch(" " + cl + k)
            if m and m["w"]:
                out[cl + k] = _KEYS[_canon(_KEYS, m["w"])]
    return out


_ANCHOR_WORDS = _anchor_words()
# the keys (and their للـ forms) with their length, and every four-digit string with 0
_ANCHOR_AC = automaton({**{k: len(k) for k in _ANCHOR_KEYS}, **{f"{i:04d}": 0 for i in range(10_000)}})
_CLITIC_SET = frozenset(_CLITICS)
_LETTERS = frozenset(chr(c) for a, b in ((0x621, 0x63A), (0x641, 0x64A), (0x671, 0x6D3)) for c in range(a, b + 1))  # _L
_DIGITS = frozenset("0123456789")
_WORD_CHARS = _LETTERS | _DIGITS


def _anchor_mask(padded: str) -> int:
    """The bits ``_ANCHOR_RE`` finds in ``padded`` (which starts with a space), from one Aho–Corasick pass over the
    plain keys and four-digit strings: a hit counts when the word it ends starts after a non-letter, non-digit and
    before it has at most a clitic (the whole word is then looked up), and when no letter (no digit after a year)
    follows it."""
    mask = 0
    n = len(padded)
    for last, size in _ANCHOR_AC.iter(padded):
        e = last + 1
        if size:
            if e < n and padded[e] in _LETTERS:
                continue
            q = e - size
            for p in range(q - 1, q - 4, -1):  # padded[0] is a space: p never goes below 0
                if padded[p] not in _WORD_CHARS:
                    mask |= _ANCHOR_WORDS.get(padded[p + 1 : e], 0)
                    break
        else:
            if e < n and padded[e] in _DIGITS:
                continue
            q = e - 4
            for p in range(q - 1, q - 4, -1):
                if padded[p] not in _WORD_CHARS:
                    if padded[p + 1 : q] in _CLITIC_SET:
                        mask |= _F_YEAR | _F_NUM
                    break
    return mask


# --------------------------------------------------------------------------------------------------------- resolving
class _Cand(NamedTuple):
    start: int
    end: int
    value: str | None
    precision: Precision | None
    relative: bool
    basis: str
    offset: int | None = None


def resolve_offset(offset_days: int, base: dt.date) -> dt.date:
    """The day ``offset_days`` from ``base`` (for hits that carry ``offset_days`` but were found without a base)."""
    return base + dt.timedelta(days=offset_days)


def has_future_marker(sentence: str) -> bool:
    """Whether the (normalised) sentence speaks of the future: سـ + a known verb, سوف، لن، من المقرر، في حال ..."""
    return _FUTURE_RE.search(" " + sentence) is not None


def _year_str(y: int) -> str:
    if not 1 <= y <= 9999:
        raise ValueError(y)
    return f"{y:04d}"


def _month_str(y: int, m: int) -> str:
    return f"{_year_str(y)}-{m:02d}"


def _shift_month(y: int, m: int, n: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + n
    return t // 12, t % 12 + 1


def _add_months(d: dt.date, n: int) -> dt.date:
    y, m = _shift_month(d.year, d.month, n)
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _coarsen(lo: dt.date, hi: dt.date) -> tuple[str | None, Precision | None]:
    """The finest of day / month / year that holds the whole window [lo, hi]."""
    if lo == hi:
        return lo.isoformat(), "day"
    if (lo.year, lo.month) == (hi.year, hi.month):
        return _month_str(lo.year, lo.month), "month"
    if lo.year == hi.year:
        return _year_str(lo.year), "year"
    return None, None


def week_window(base: dt.date, k: int) -> tuple[dt.date, dt.date]:
    """Week ``k`` from the current one (-1 last week), as the union of Saturday-, Sunday- and Monday-start weeks."""
    backs = [(base.weekday() - first) % 7 for first in (5, 6, 0)]  # days back to the start of the current week
    return base + dt.timedelta(days=7 * k - max(backs)), base + dt.timedelta(days=7 * k - min(backs) + 6)


_IMMINENT_DAYS = 14  # a day and month with no year and no tense, at most this far ahead: this year's, not last year's


def _month_year(base: dt.date, month: int, day: int | None, mode: str) -> int:
    """Year of a month (and day) named without a year; mode recent / upcoming / past / next / current."""
    tgt = (month, day or 0)
    cur = (base.month, base.day if day else 0)
    y = base.year
    if mode == "recent":
        return y if tgt <= cur else y - 1
    if mode == "upcoming":
        return y if tgt >= cur else y + 1
    if mode == "past":
        return y if tgt < cur else y - 1
    if mode == "next":
        return y if tgt > cur else y + 1
    return y


def _weekday_date(base: dt.date, wd: int, mode: str) -> dt.date:
    back = (base.weekday() - wd) % 7
    fwd = (wd - base.weekday()) % 7
    if mode == "past":
        return base - dt.timedelta(days=back or 7)
    if mode == "next":
        return base + dt.timedelta(days=fwd or 7)
    if mode == "upcoming":
        return base + dt.timedelta(days=fwd)
    return base - dt.timedelta(days=back)


@functools.cache
def _number_word(text: str) -> float | None:
    return parse_number(text)


def _valid_day(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------------------- context
class _Ctx:
    """One (padded) sentence and its base date; its future cues and quotes are found when first needed."""

    __slots__ = ("_future", "_quotes", "base", "s")

    def __init__(self, s: str, base: dt.date | None) -> None:
        self.s = s
        self.base = base
        self._future: list[int] | None = None  # start of each future cue
        self._quotes: list[tuple[int, int]] | None = None

    def future(self, end: int) -> bool:
        """Whether a future cue governs an expression ending at ``end``: a cue anywhere before it, or one right
        after it with nothing but spaces and commas between ("في يونيو، ستعقد القمة"). A cue further on belongs to
        another verb: in "حذر الثلاثاء من أن حزبه لن يوقع" the warning was on the past Tuesday."""
        if self._future is None:
            self._future = [m.start() for m in _FUTURE_RE.finditer(self.s)]
        return any(p < end or _GAP.fullmatch(self.s, end, p + 1) for p in self._future)

    def quoted(self, pos: int) -> bool:
        if '"' not in self.s:
            return False
        if self._quotes is None:
            self._quotes = _quote_spans(self.s)
        return any(a < pos < b for a, b in self._quotes)

    def prev_word(self, pos: int) -> str:
        """The word right before ``pos`` (only spaces between), or ""."""
        seg = self.s[max(0, pos - 24) : pos].rstrip()
        return seg[seg.rfind(" ") + 1 :].lstrip('"(')

    def next_word(self, pos: int) -> str:
        m = _NEXT_WORD.match(self.s, pos)
        return m.group(1) if m else ""


def _quote_spans(s: str) -> list[tuple[int, int]]:
    """Spans between paired quotes. An unpaired quote at the start (or end) of the sentence quotes the rest (or what
    came before); an unpaired one after a colon opens a quote; any other stray quote is ignored (machine-translated
    copy scatters them)."""
    qs = [m.start() for m in _QUOTE.finditer(s)]
    spans = [(qs[i], qs[i + 1]) for i in range(0, len(qs) - 1, 2)]
    if len(qs) % 2:
        p = qs[-1]
        if not s[:p].strip() or _COLON_END.search(s, 0, p):
            spans.append((p, len(s)))
        elif not s[p + 1 :].strip(" .،,!؟?"):
            spans.append((-1, p))
    return spans


def _strip_clitic(word: str) -> str:
    return word[1:] if len(word) > 2 and word[0] in "وف" else word


def _base_form(word: str) -> str:
    """``word`` without و/ف and with بال/كال/لل put back to ال (وللأمين -> الامين)."""
    w = _strip_clitic(word)
    if w.startswith("لل") and len(w) > 3:
        return "ال" + w[2:]
    if len(w) > 4 and w[0] in "بك" and w[1:3] == "ال":
        return w[1:]
    return w


def _edge_basis(basis: str, edge: str | None) -> str:
    return f"{basis}:{_EDGES[_key(edge)]}" if edge else basis


# --------------------------------------------------------------------------------------------------------- families
def _dmy(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    base = ctx.base
    start = m.start("c")
    month, guard = MONTHS[_key(m["m1"])]
    month2 = MONTHS[_key(m["m2"])][0] if m["m2"] else month
    day: int | None = None
    if m["d"]:
        day = int(m["d"])
    elif m["ord"]:
        day = ORDINALS[_key(m["ord"])]
        pw = ctx.prev_word(m.start("day"))
        if not m["pre"] and _base_form(pw).startswith("ال") and _canon(_RELDAY, pw) not in _RELDAY:
            day = None  # الأسبوع الأول من أكتوبر: an ordinal of another noun
    if day is not None and not 1 <= day <= 31:
        day = None
    if day is None and (m["d"] or m["ord"]):
        start = m.start("shahr") if m["shahr"] else m.start("m1")
    edge = m["edge"]
    has_context = bool(day or m["y"] or m["ydir"] or m["ythis"] or m["mdir"] or edge or m["shahr"] or m["m2"])
    if guard and not has_context:
        if guard == "strict" or _strip_clitic(ctx.prev_word(start)) not in _MONTH_PREPS:
            return None
    uncertain_day = m["rs"] == "او"
    if day is not None and m["d2"] and not day < int(m["d2"]) <= 31:
        uncertain_day = True  # "31 و2 يونيو" is not a range
    basis = "explicit" if m["y"] else "month_name"
    relative = not m["y"]
    if edge:
        basis = _edge_basis(basis, edge)
    if m["y"]:
        year = int(m["y"])
    elif base is None:
        return _Cand(start, m.end("c"), None, None, True, basis)
    elif m["ydir"] or m["ythis"]:
        year = base.year + {"past": -1, "next": 1}.get(_DIRECTIONS[_key(m["ydir"])] if m["ydir"] else "", 0)
    else:
        mdir = _DIRECTIONS[_key(m["mdir"])] if m["mdir"] else None
        mode = mdir or ("upcoming" if ctx.future(m.end("c")) else "recent")
        year = _month_year(base, month, day if not edge else None, mode)
        if mode == "recent" and day and not edge:
            soon = _valid_day(base.year, month, day)
            if soon is not None and 0 < (soon - base).days <= _IMMINENT_DAYS:
                year = base.year  # "18 أغسطس" on 16 August: two days ahead, not a year ago
        if day and m["wd"] and mode in ("recent", "upcoming"):
            # a weekday next to the date can settle the year: "الخميس 12 أكتوبر"
            wd = WEEKDAYS[_canon(WEEKDAYS, m["wd"])]
            order = (year, year - 1, year + 1) if mode == "recent" else (year, year + 1, year - 1)
            for y in order:
                d = _valid_day(y, month, day)
                if d is not None and d.weekday() == wd:
                    year = y
                    break
    if month2 != month:  # "مايو/يونيو 2022": two months, only the year is sure
        return _Cand(start, m.end("c"), _year_str(year), "year", relative, basis)
    if day is not None and not edge and not uncertain_day:
        d = _valid_day(year, month, day)
        if d is not None:
            return _Cand(start, m.end("c"), d.isoformat(), "day", relative, basis)
    return _Cand(start, m.end("c"), _month_str(year, month), "month", relative, basis)


def _dayrel(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    day = int(m["d"]) if m["d"] else ORDINALS[_key(m["ord"])]
    if not 1 <= day <= 31 or (m["d2"] and m["rs"] == "او"):
        return None
    start, end = m.start("c"), m.end("c")
    if ctx.base is None:
        return _Cand(start, end, None, None, True, "day_of_month")
    shift = {"past": -1, "next": 1}.get(_DIRECTIONS[_key(m["dir"])] if m["dir"] else "", 0)
    y, mo = _shift_month(ctx.base.year, ctx.base.month, shift)
    d = _valid_day(y, mo, day)
    if d is None:
        return _Cand(start, end, _month_str(y, mo), "month", True, "day_of_month")
    return _Cand(start, end, d.isoformat(), "day", True, "day_of_month")


def _year(m: re.Match[str], ctx: _Ctx, out: list[_Cand]) -> None:
    if m["c"]:
        g, y, basis = "c", m["y"], _edge_basis("explicit", m["edge"])
    elif m["c2"]:
        g, y, basis = "c2", m["y2"], "explicit"
    else:
        g, y, basis = "c3", m["y3"], _edge_basis("explicit", m["edge3"])
    out.append(_Cand(m.start(g), m.end(g), y, "year", False, basis))
    if m["yw"] and _YEAR_WORDS.get(_canon(_YEAR_WORDS, m["yw"])) == 2:  # عامي 2022 و2023
        m2 = _SECOND_YEAR.match(ctx.s, m.end(g))
        if m2:
            out.append(_Cand(m2.start("y"), m2.end("y"), m2["y"], "year", False, "explicit"))


def _numeric(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    if m["y"]:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if mo > 12 and d <= 12:  # 10/25/2022: month first after all
            mo, d = d, mo
    else:
        y, mo, d = int(m["y2"]), int(m["m2"]), int(m["d2"])
    date = _valid_day(y, mo, d)
    if date is None:
        return None
    return _Cand(m.start("c"), m.end("c"), date.isoformat(), "day", False, "explicit")


_FILED_BEFORE_DAYS = 2  # "today, Friday" on a page dated up to two days later names the day the copy was written


def _relday(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    start, end = m.start("c"), m.end("c")
    if m["rel"]:
        word = _canon(_RELDAY, m["rel"])
        offset, basis = _RELDAY[word]
    else:
        word = _canon(_PART_RELDAY, m["prel"])
        offset, basis = _PART_RELDAY[word]
    if basis in ("today", "tonight") and not m["wd"]:
        at = m.start("rel") if m["rel"] else m.start("part")
        if _strip_clitic(ctx.prev_word(at)) in _TODAY_BLOCK_BEFORE:
            return None
        nxt = ctx.next_word(end)
        if nxt in _TODAY_BLOCK_AFTER or nxt in ORDINALS:
            return None
    if m["rel"] and not m["wd"] and word in _FIGURATIVE and ctx.quoted(start):
        return None
    if ctx.base is None:
        return _Cand(start, end, None, None, True, basis, offset)
    day = resolve_offset(offset, ctx.base)
    if m["wd"] and basis in ("today", "tonight"):
        wd = WEEKDAYS[_canon(WEEKDAYS, m["wd"])]
        back = (day.weekday() - wd) % 7
        if 0 < back <= _FILED_BEFORE_DAYS:  # اليوم الجمعة on a Saturday page: the copy was filed on the Friday
            return _Cand(start, end, (day - dt.timedelta(days=back)).isoformat(), "day", True, "weekday", None)
    return _Cand(start, end, day.isoformat(), "day", True, basis, offset)


def _weekday(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    start, end = m.start("c"), m.end("c")
    wd = WEEKDAYS[_canon(WEEKDAYS, m["wd"])]
    if _strip_clitic(ctx.prev_word(start)) in _WD_BLOCK_BEFORE.get(wd, ()):
        return None
    if ctx.next_word(end) in _WD_BLOCK_AFTER.get(wd, ()):
        return None
    if ctx.base is None:
        return _Cand(start, end, None, None, True, "weekday")
    direction = _DIRECTIONS[_key(m["dir"])] if m["dir"] else None
    if direction in ("past", "next"):
        mode = direction
    else:
        mode = "upcoming" if ctx.future(end) else "recent"
    return _Cand(start, end, _weekday_date(ctx.base, wd, mode).isoformat(), "day", True, "weekday")


def _period(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    start, end = m.start("c"), m.end("c")
    word = m["p"] or m["p2"] or m["p3"]  # p3: after an edge word, a bare period is the current one (نهاية العام)
    edge = m["edge"] or m["edge2"]
    unit = _PERIODS[_canon(_PERIODS, word)]
    if m["p"] and m["p"].startswith("ال") and start == m.start() + 1 and not edge and unit == "year" \
            and _base_form(ctx.prev_word(start)) in _GENERAL_NOUNS:
        return None  # الأمين العام الحالي: العام is the adjective "general" after these nouns
    basis = _edge_basis("period", edge)
    if ctx.base is None:
        return _Cand(start, end, None, None, True, basis)
    k = {"past": -1, "next": 1}.get(_DIRECTIONS[_key(m["dir"])] if m["dir"] else "current", 0)
    base = ctx.base
    if unit == "week":
        value, prec = _coarsen(*week_window(base, k))
        return _Cand(start, end, value, prec, True, basis)
    if unit == "month":
        y, mo = _shift_month(base.year, base.month, k)
        return _Cand(start, end, _month_str(y, mo), "month", True, basis)
    return _Cand(start, end, _year_str(base.year + k), "year", True, basis)


def _ago(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    s = ctx.s
    start, end = m.start("c"), m.end("c")
    if _DIGIT_NEXT.match(s, end):
        return None  # قبل عام 2022 is a year
    nxt = _strip_clitic(ctx.next_word(end))
    if nxt == "تقريبا":  # بعد ستة أشهر تقريبا من بدء المفاوضات: the count is still measured from what follows
        nxt = _strip_clitic(ctx.next_word(ctx.s.find("تقريبا", end) + len("تقريبا")))
    if nxt in ("من", "علي") or _canon(WEEKDAYS, nxt) in WEEKDAYS or nxt in MONTHS or nxt in _HIJRI \
            or nxt in ("كانون", "تشرين"):
        return None  # قبل يومين من الاجتماع (measured from another event); قبل يوم الخميس; خلال شهر أكتوبر
    direction, basis = _AGO[_key(m["prep"])]
    if m["u"]:
        unit, alone = _UNITS[_key(m["u"])]
        raw = m["n"]
        num = float(raw) if raw.isdigit() else _number_word(raw)
        if num is None or num != int(num) or num < 1:
            return None
        n = int(num)
    else:
        unit, alone = _UNITS[_key(m["u1"])]
        n = alone or 1
    approx = bool(m["q"])
    offset = None
    if unit == "day" and direction != "within" and not approx:
        offset = n * (1 if direction == "1" else -1)
    base = ctx.base
    if base is None:
        return _Cand(start, end, None, None, True, basis, offset)
    sign = 1 if direction in ("1", "within") else -1
    if direction == "within":
        if unit == "day":
            hi = base + dt.timedelta(days=n)
        elif unit == "week":
            hi = base + dt.timedelta(weeks=n)
        elif unit == "month":
            hi = _add_months(base, n)
        else:
            hi = _add_months(base, 12 * n)
        value, prec = _coarsen(base, hi)
        return _Cand(start, end, value, prec, True, basis)
    if unit == "day":
        t = base + dt.timedelta(days=sign * n)
        if approx:
            value, prec = _coarsen(t - dt.timedelta(days=1), t + dt.timedelta(days=1))
            return _Cand(start, end, value, prec, True, basis)
        return _Cand(start, end, t.isoformat(), "day", True, basis, offset)
    if unit == "week":
        t = base + dt.timedelta(weeks=sign * n)
        value, prec = _coarsen(t - dt.timedelta(days=3), t + dt.timedelta(days=3))
        return _Cand(start, end, value, prec, True, basis)
    if unit == "month":
        y, mo = _shift_month(base.year, base.month, sign * n)
        return _Cand(start, end, _month_str(y, mo), "month", True, basis)
    return _Cand(start, end, _year_str(base.year + sign * n), "year", True, basis)


def _hijri(padded: str, cands: list[_Cand]) -> list[_Cand]:
    """Hijri dates; a double date covers the Gregorian hit beside it (the longer hit wins below)."""
    greg = [(c.start, c.end, c.value, not c.relative) for c in cands
            if c.value and (not c.relative or c.basis == "month_name")]
    return [_Cand(h.start, h.end, *_coarsen(h.lo, h.hi), False, h.basis) for h in find_hijri(padded, greg)]


# --------------------------------------------------------------------------------------------------------- main
_FAMILIES = (
    (_F_DMY, _DMY_RE, _dmy),
    (_F_DAYREL, _DAYREL_RE, _dayrel),
    (_F_NUM, _NUMERIC_RE, _numeric),
    (_F_REL, _RELDAY_RE, _relday),
    (_F_WD, _WEEKDAY_RE, _weekday),
    (_F_PERIOD, _PERIOD_RE, _period),
    (_F_AGO, _AGO_RE, _ago),
)


def find_dates(sentence: str, published: dt.date | None) -> list[DateHit]:
    """Date expressions of one normalised sentence, resolved against ``published`` (see the module docstring)."""
    padded = " " + sentence  # every word now has a non-letter before it; offsets are shifted back at the end
    mask = _anchor_mask(padded)
    if not mask:
        return []
    if mask & _F_NUM and not _NUMERIC_GATE.search(padded):
        mask &= ~_F_NUM  # _NUMERIC_RE starts with a lookbehind: the regex engine would try it at every position
    if isinstance(published, dt.datetime):
        published = published.date()
    ctx = _Ctx(padded, published)
    cands: list[_Cand] = []
    for bit, rx, handler in _FAMILIES:
        if mask & bit:
            for m in rx.finditer(padded):
                try:
                    c = handler(m, ctx)
                except (ValueError, OverflowError):  # a base date so near year 1 or 9999 that the result is off range
                    c = None
                if c is not None:
                    cands.append(c)
    if mask & _F_YEAR:
        for m in _YEAR_RE.finditer(padded):
            _year(m, ctx, cands)
        cands.extend(_hijri(padded, cands))
    if not cands:
        return []
    if len(cands) > 1:
        cands.sort(key=lambda c: (c.start - c.end, c.start))
        chosen: list[_Cand] = []
        for c in cands:
            if all(c.end <= o.start or c.start >= o.end for o in chosen):
                chosen.append(c)
        chosen.sort(key=lambda c: c.start)
    else:
        chosen = cands
    return [
        DateHit(c.start - 1, c.end - 1, padded[c.start : c.end], c.value, c.precision, c.relative, c.basis, c.offset,
                ctx.quoted(c.start))
        for c in chosen
    ]


# An agency dateline: a city (and country), then the day the copy was filed, then the agency or a dash
# ("لندن 2 مارس 2025 (شينخوا)"، "القاهرة في 5 مارس 2024 /أ ش أ/"، "بروكسل، 12 فبراير 2025 - ").
_DATELINE_END = re.compile(r"\s*[(/\-–—]")
_DATELINE_PLACE = re.compile(r"\s*(?:[\u0621-\u064a]+[\s،,]*){1,2}(?:في\s*)?")  # one or two words of place
_DATELINE_LINES = 3  # the dateline opens the body: the title (and a site line) may come before it
_DATELINE_REACH = 40  # characters of place names before the date
_DIGIT = re.compile("[0-9]")  # a full date without a base has a year in digits (explicit, numeric or Hijri)


def dateline_date(text: str) -> dt.date | None:
    """The day of an agency dateline at the start of one of the first lines of ``text`` (normalised), when it gives a
    full date (day, month and year): the day the article was written, the base for its relative dates."""
    for line in [ln for ln in text.splitlines() if ln.strip()][:_DATELINE_LINES]:
        head = line[: _DATELINE_REACH + 30]
        if not _DIGIT.search(head):
            continue
        for hit in find_dates(head, None):
            if hit.start > _DATELINE_REACH or hit.relative or hit.value is None or len(hit.value) != 10:
                continue
            if not _DATELINE_END.match(head, hit.end) or not _DATELINE_PLACE.fullmatch(head[: hit.start]):
                continue
            return dt.date.fromisoformat(hit.value)
    return None



# "today" or "yesterday" with a weekday and a full date (اليوم الخميس 9 جوان 2022): the text states its own day
_STATED_DAY = re.compile(r"(?<![\u0621-\u064a])(اليوم|امس)(?=[\s،,]+[\u0621-\u064a]+[\s،,]+\d)")


def stated_today(text: str) -> dt.date | None:
    """The day an undated text was written, when it says so: the first "today" (or "yesterday") followed by a weekday
    and a full date (``اليوم الخميس 9 جوان 2022`` -> 2022-06-09; ``أمس الاثنين 3 مارس 2025`` -> the 4th)."""
    for m in _STATED_DAY.finditer(text):
        for hit in find_dates(text[m.start() : m.start() + 60], None):
            if hit.start == 0 and hit.value is not None and len(hit.value) == 10 and not hit.relative:
                day = dt.date.fromisoformat(hit.value)
                return day + dt.timedelta(days=1) if m.group(1) == "امس" else day
    return None
