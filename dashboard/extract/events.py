"""Events of one article: triggers -> event drafts with date, place, attendance and participants.

The model, sentence by sentence in reading order:

- A format's name (``group`` triggers: مجموعة الاتصال الدفاعية، تحالف الراغبين…) is not a meeting by itself; it sets the
  article's *topic* (the format a bare "the meeting" refers to).
- A meeting noun with a group right after it (اجتماع مجموعة رامشتاين), a meeting verb (يجتمع الوزراء), a call, talks,
  a meeting with NATO, or two leaders meeting make an event *mention*.
- A mention is a new event unless it refers back: a demonstrative (هذا الاجتماع), or a definite noun (الاجتماع،
  المحادثة الهاتفية) without a date of its own, refers to the latest event with the same noun (else the latest event).
- Cues in the sentence give roles: chair / host / convener, absent, attendee, call parties. Counts of countries go to
  the event of their sentence, or to the latest event when the sentence speaks of participants.
- Dates: the nearest date after the mention in its clause; dates after منذ (since) are not event dates. The
  article's lead event with no date of its own takes the latest day-anchor before it (اليوم، أمس، a weekday), else
  the publication date; the basis says so.
- Mentions of one event inside one article are merged (same type, compatible date, compatible parties).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

import ahocorasick

from .cues import Alternations, cue_regex, cue_words, gate_words, trigger_alternation, trigger_regex
from .dates import has_future_marker
from .scan import WordSet, automaton
from .types import CountHit, CountryHit, DateHit, Hit, OfficialHit, PlaceHit

__all__ = ["FALLBACK_DATE_BASIS", "EventDraft", "Role", "SentenceFacts", "build_events"]

# formats an article can be "about": a bare "the meeting" later on is a meeting of that format (NATO is not one)
TOPIC_TYPES = ("udcg_meeting", "coalition_meeting", "armaments_meeting")

# adjectives and ordinals allowed between a meeting noun and the group it belongs to
_BETWEEN = re.compile(
    r"^(?:\s+(?:ال)?(?:اخير|اخيره|قادم|قادمه|مقبل|مقبله|دوري|شهري|طارئ|استثنائي|مرتقب|اول|اولي|ثاني|ثالث|رابع|خامس|"
    r"جديد|افتراضي|وزاري|حادي|عاشر|عشرين|ثلاثين|[\u0621-\u064a]+(?:ون|ين))|\s+ال\s?\d+|\s+\d+)*\s*$"
)
_DEFINITE = re.compile(r"^(?:[وف])?(?:[بلك])?(?:ال|ل(?=ل))")
_QUOTE_PAIRS = re.compile(r'"[^"]*"')
_CUT_WORDS = ("فيما", "بينما", "في حين", "في المقابل", "لكن", "غير ان")
_CLAUSE_CUT = re.compile(rf"،?\s*(?:{'|'.join(_CUT_WORDS)})\s|؛|:")
_CUT_TEXT = (*_CUT_WORDS, "؛", ":")  # every clause cut holds one of these
_JOINER = re.compile(r"^[\s،,]*(?:و|مع|و ?مع|ومع|،)?\s*$")
_NOUN_KEY = {
    "اجتماع": "اجتماع", "قمه": "قمه", "قمت": "قمه", "لقاء": "لقاء", "مؤتمر": "مؤتمر", "جلس": "جلسه",
    "اتصال": "اتصال", "مكالم": "اتصال", "محادث": "محادثه", "مباحث": "محادثه",
}
_ANCHOR_BASES = frozenset({"today", "yesterday", "day_before_yesterday", "weekday"})
_SIDED = frozenset({"phone_call", "bilateral_meeting", "other_meeting"})
# بين الرئيسين الأمريكي والروسي، وزيرا الدفاع البريطاني والألماني
_DUAL_TITLES = (r"(?:ال)?(?:رئيسين|وزيرين|زعيمين|جانبين|بلدين|قائدين|وفدين)|"
                r"(?:رئيسا|وزيرا|زعيما|قائدا|رئيسي|وزيري|زعيمي|قائدي|وفدا|وفدي)(?: [\u0621-\u064a]+)?")
_DUAL = re.compile(_DUAL_TITLES + r"\s*$")
# a side marker right before a name or demonym: a word (بين، مع، نظيره، وزيري الدفاع) or a clitic on it (و، ب)
_L = "\u0621-\u064a"


def _side_marker(words: str, clitics: str) -> re.Pattern[str]:
    return re.compile(rf"(?:(?<![{_L}])(?:{words}|نظير(?:ه|ها|هم|يه)|{_DUAL_TITLES})\s+|(?<![{_L}])(?:{clitics}))$")


# ب marks a side (اتصل بنظيره) but not a topic (الحرب بأوكرانيا); a visit's side also follows إلى (زار ... إلى أوكرانيا)
_SIDE_BEFORE = _side_marker("بين|مع", "و|(?<!الحرب )(?<!الوضع )(?<!الازمه )(?<!الصراع )(?<!السلام )ب")
_VISIT_SIDE_BEFORE = _side_marker("بين|مع|الي", "و|ب|ل|الي")
# "the (new / current / next) meeting of the group": up to two adjectives between the noun and the group
_OF_THE_GROUP = re.compile(r"^\s*(?:ال[\u0621-\u064a]+\s+){0,2}(?:لل|ل|ال)مجموعه")
# a meeting word that speaks of a background meeting: never dated by the publication date
_BACKGROUND = re.compile(rf"^\s*(?:ال)?{cue_words('background')}(?![\u0621-\u064a])")
# the lead event (an article's first) is the news when at most this many sentences of prose come before it: undated,
# it takes the nearest day before it in the text or the publication date (the dev set: 3 and 99 score the same on the
# first 123 articles; 4 or more find two more leads among 28 later ones, after a site's header and a date line)
_LEAD_PROSE = 6
FALLBACK_DATE_BASIS = "publication date (no date in the text)"  # the lead event's day when the text gives none
_SIDELINE_BASIS = "the day of the event it was on the sidelines of"
# a date further than this after a meeting word that refers back to an event is not that word's own date (على هامش
# الاجتماع … التقدم المحرز خلال العام الماضي)
_OWN_DATE_REACH = 80
_BACKGROUND_BEFORE = re.compile(rf"(?<![\u0621-\u064a]){cue_words('background_before')}\s+$")


def _is_background(text: str, men: _Mention) -> bool:
    """The meeting word speaks of a past meeting: الاجتماع السابق، القمة الأخيرة، آخر قمة."""
    return bool(_BACKGROUND.match(text[men.end : men.end + 12])
                or _BACKGROUND_BEFORE.search(text, max(0, men.start - 8), men.start))
# "every meeting": a generic statement, not an event
_GENERIC = re.compile(rf"(?<![\u0621-\u064a]){cue_words('generic')}\s+$")
# the Ramstein base, or the defence ministers of Ukraine's backers: the Ramstein group described, not named
_DESCRIBED_UDCG = re.compile(
    r"(?:وزراء|وزيرات) (?:ال)?دفاع (?:[\u0621-\u064a\d]+ ){0,3}?(?:ال)?(?:دول|بلدان|حلفاء|شركاء)"
    r"(?: ال[\u0621-\u064a]+)? "
    r"(?:ال)?(?:داعمه|الداعمه|المانحه|الحليفه|الغربيه|الصديقه)(?: ل ?اوكرانيا| لكييف)?|"
    r"(?:وزراء|وزيرات) (?:ال)?دفاع (?:ال)?(?:دول |بلدان )?(?:ال)?غربيه|"
    r"(?:الدول|حلفاء|شركاء|داعمي|داعمو) (?:ال)?(?:داعمه |الغربيه )?(?:ل ?اوكرانيا|كييف)"
)
_MEETING_WORD = re.compile(r"(?:ال)?(?:اجتماع|قمه|لقاء|محادثات|مؤتمر|جلسه)")
# verbs of a visit count as a hint only at a word's start, after these clitics (زار، يزور، وصل، سيصل، تتجه), not
# inside وزارة, اتصل or التوجه
_VISIT_STEMS = ("زار", "زور", "وصل", "صل", "تجه", "توجه", "وقع")
_VISIT_PREFIX = re.compile("[وف]?س?[يت]?")
_ARABIC_LETTERS = frozenset(map(chr, range(0x621, 0x64B)))
_WORD_CHARS = "\u0621-\u064aa-z"  # a word: a run of these (Arabic letters, Latin lower case), as a regex class
# A cheap gate before the trigger regex: every trigger contains one of these stems (found in one pass of a word
# automaton). tests/test_lexicons.py checks the gate against every trigger pattern.
_HINT = WordSet([
    "اجتماع", "قمه", "قمت", "لقاء", "لقائ", "مؤتمر", "جلس", "دوره", "مجموع", "تحالف", "ائتلاف", "تسل", "مجلس", "لجنه",
    "وزراء", "وزيرات", "اتصال", "اتصل", "مكالم", "محادث", "مباحث", "مفاوض", "هاتف", "التق", "ستقبل", "ستضيف", "ستضاف",
    "جتمع", "لتقي", "التام", "لتئم", "عقد", "تحدث", "تحادث", "رام", "رمشت", "رمست", "حديث", "اتحاد", "ناتو", "اطلسي",
    "حلف", "زياره", "زيارت", "مثلث", "توقيع", "udcg", "ramstein",
    *_VISIT_STEMS,
])
_AT_NATO = re.compile(r"(?<![\u0621-\u064a])في (?:مقر )?(?:حلف )?(?:الناتو|شمال الاطلسي)(?![\u0621-\u064a])")
_MEMBERSHIP_WORD = re.compile(r"(?:عضويه|انضمام|اعضاء|عضو|عضوا|دول|حلفاء|شركاء|شريك)\s*\S*\s*$")
_HABITUAL = re.compile(r"^\s*(?:ال)?(?:شهري|دوري|منتظم|سنوي|اسبوعي|متكرر)|(?<![\u0621-\u064a])(?:شهريا|دوريا|بانتظام|"
                       r"اسبوعيا|سنويا|كل شهر|كل اسبوع|عاده ما)(?![\u0621-\u064a])")
# a meeting noun with the article: a sentence with no event of its own may speak of the latest one
_REF_NOUN = re.compile(r"(?<![\u0621-\u064a])(?:[وفبل])?(?:ال|لل)(?:اجتماع|قمه|لقاء|محادثات|مؤتمر)")
_PRESS = re.compile(r"^\s*(?:ال)?صحف(?:ي|يا|يه)")
_TAKE_PART_IN = re.compile(r"(?<![\u0621-\u064a])(?:(?:س)?(?:ي|ت)?شارك(?:ت|وا|ون|ان)?|حضر(?:ت|وا)?|(?:ي|ت)حضر(?:ون)?)"
                           r"\s+(?:[\u0621-\u064a]+\s+)?في\s*$")
_JOINT_PRESS = re.compile(r"\s*(?:ال)?صحف(?:ي|يا|يه)(?: (?:ال)?مشترك(?:ا|ه)?)?"
                          r"(?: (?:س)?(?:ي|ت)?عقد(?:ه|ها|اه|وه|ت)?)? (?:مع|بين) ")  # مؤتمر صحفي عقده مع نظيره


@dataclass
class SentenceFacts:
    """Hits of one sentence, indexed into ``text`` (its matching copy)."""

    index: int
    text: str
    dates: list[DateHit] = field(default_factory=list)
    countries: list[CountryHit] = field(default_factory=list)
    places: list[PlaceHit] = field(default_factory=list)
    officials: list[OfficialHit] = field(default_factory=list)
    counts: list[CountHit] = field(default_factory=list)
    ordinals: list[Hit] = field(default_factory=list)  # hits with an int ``value``


@dataclass(frozen=True, slots=True)
class Role:
    iso3: str
    role: str  # chair | absent | party | attendee
    via: str
    sentence: int
    hit: Hit


@dataclass
class EventDraft:
    event_type: str
    sentence: int
    trigger: Hit
    noun: str | None
    date: DateHit | None = None
    date_sentence: int | None = None
    date_basis: str = ""
    location: PlaceHit | None = None
    location_sentence: int | None = None
    count: CountHit | None = None
    count_sentence: int | None = None
    meeting_number: int | None = None
    roles: list[Role] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    future: bool = False
    fallback_date: str | None = None  # ISO from the publication date / anchor, when the text gave none
    type_basis: str = ""  # "described": the Ramstein group described, not named (checked against the calendar)
    needs_sides: bool = False  # talks / a visit / "a meeting with": an event only with a date or two sides
    same_day_as: EventDraft | None = None  # "that evening": dated like this earlier event once it is dated
    sideline_of: EventDraft | None = None  # "on the sidelines of": placed like that event once it is placed
    background: bool = False  # "the previous meeting": never dated by the publication date
    time_ref: bool = False  # قبيل قمة مقررة الشهر المقبل: named as the time of another event of its sentence

    def has_role(self, iso3: str, role: str) -> bool:
        return any(r.iso3 == iso3 and r.role == role for r in self.roles)

    def add_role(self, role: Role) -> None:
        if not self.has_role(role.iso3, role.role):
            self.roles.append(role)

    def parties(self) -> set[str]:
        return {r.iso3 for r in self.roles if r.role == "party"}


@dataclass(frozen=True, slots=True)
class _Mention:
    kind: str  # group | noun | verb | call | talks | visit_verb | nato | group_meeting
    event_type: str  # "" when it must be inferred
    start: int
    end: int
    text: str


def _noun_key(text: str) -> str | None:
    bare = _DEFINITE.sub("", text.split()[0]) if text.split() else text
    for stem, key in _NOUN_KEY.items():
        if bare.startswith(stem):
            return key
    return None


def hints(sentence: str) -> set[int]:
    """Where the gate's stems are: the start of each stem, or for a visit verb the start of its word."""
    out: set[int] = set()
    for start, stem in _HINT.finditer(sentence):
        at = _hint_at(sentence, start, stem)
        if at is not None:
            out.add(at)
    return out


def _hint_at(sentence: str, start: int, stem: str) -> int | None:
    """The place a stem found at ``start`` gives (see ``hints``), None for a visit stem inside a word."""
    if stem in _VISIT_STEMS:
        k = start
        while k > 0 and sentence[k - 1] in _ARABIC_LETTERS:
            k -= 1
        if not _VISIT_PREFIX.fullmatch(sentence, k, start):
            return None
        return k
    return start


# read backwards from a stem (on the reversed sentence): the rest of its word, then up to two more words before it;
# the end of each group is the start of a word in the sentence
_WORD, _GAP = f"[{_WORD_CHARS}]", f"[^{_WORD_CHARS}]"
_WORDS_BEFORE = re.compile(f"({_WORD}*)(?:{_GAP}+({_WORD}+)(?:{_GAP}+({_WORD}+))?)?")


def trigger_starts(sentence: str, at: set[int] | None = None) -> list[int]:
    """The places a trigger can start: the start of a gate stem's word or of one of the two words before it (a word
    is a run of ``_WORD_CHARS``; ``at``: the sentence's ``hints`` when known). The words are read backwards with one
    regex match per stem, on the reversed sentence, rather than character by character."""
    found: set[int] = set()
    if at is None:
        at = hints(sentence)
    if not at:
        return []
    n = len(sentence)
    back = sentence[::-1]
    for h in at:
        m = _WORDS_BEFORE.match(back, n - h)
        assert m is not None  # it matches the empty string
        found.add(n - m.end(1))
        if (e := m.end(2)) >= 0:
            found.add(n - e)
            if (e := m.end(3)) >= 0:
                found.add(n - e)
    return sorted(found)


# the alternations the reader runs on a sentence: their words are looked up in one pass over it (see _Cues)
_CUE_KINDS = ("absent", "attend", "chair", "convene", "coref", "former", "future", "membership", "nonfact", "report",
              "same_day", "sideline", "since", "travel")


@cache
def _alternations() -> Alternations:
    return Alternations({"trigger": trigger_alternation(), **{k: cue_regex(k) for k in _CUE_KINDS}})


# patterns the reader runs on a sentence or on a piece of it, each with plain words one of which its every match holds:
# the words are looked up in the same pass as the cues' (``_Cues.holds``), so that a sentence with none of them is
# not scanned for the pattern (most sentences have no clause cut, no meeting noun, no habit, no "at NATO")
_FLAG_WORDS: dict[str, tuple[str, ...]] = {
    "cut": _CUT_TEXT,
    "ref_noun": gate_words(_REF_NOUN),
    "habitual": gate_words(_HABITUAL),
    "at_nato": gate_words(_AT_NATO),
}


@cache
def _flag_bits() -> dict[str, int]:
    """Each flag's bit in ``_Cues``' scan: above the bits the alternations use."""
    return {name: 1 << (_alternations().width + k) for k, name in enumerate(_FLAG_WORDS)}


@cache
def _words() -> ahocorasick.Automaton:
    """The words a sentence is read for in one pass: those of the alternations, of the flags and the gate's stems, each
    with (its bits in ``_alternations()`` and ``_flag_bits()``, the stem or "")."""
    values: dict[str, tuple[int, str]] = {w: (b, "") for w, b in _alternations().word_bits.items()}
    for name, bit in _flag_bits().items():
        for w in _FLAG_WORDS[name]:
            values[w] = (values.get(w, (0, ""))[0] | bit, "")
    for stem in _HINT.words:
        values[stem] = (values.get(stem, (0, ""))[0], stem)
    return automaton(values)


class _Cues:
    """The cues and triggers of one sentence, for searches in the sentence or in a piece of it.

    The reader runs a dozen cue alternations on each sentence, most of them once per mention and on a window of it.
    Each such search would first look up the alternation's words in its text (one automaton pass per call); here the
    words of all of them, and the trigger gate's stems (``hints``), are looked up once, in one pass over the whole
    sentence. Words found elsewhere in the sentence only let run alternatives that cannot match in the piece
    searched: the matches are the same. The sentence's clause cuts are kept here too (one object per sentence of the
    article being read: nothing is kept from one article to the next)."""

    __slots__ = ("_cuts", "_found", "_hints", "_sentence")

    def __init__(self, sentence: str) -> None:
        self._sentence = sentence
        self._found = 0
        self._hints: set[int] | None = None
        self._cuts: tuple[list[int], list[int]] | None = None

    def hints(self) -> set[int]:
        """``hints(sentence)``, read in the pass that finds the alternations' words."""
        if self._hints is None:
            self._read()
            assert self._hints is not None
        return self._hints

    def _read(self) -> None:
        """The one pass: the alternations' bits of the words found, and the places the stems give."""
        found, at = 0, set()
        for last, (bits, stem) in _words().iter(self._sentence) if self._sentence else ():
            found |= bits
            if stem and (h := _hint_at(self._sentence, last - len(stem) + 1, stem)) is not None:
                at.add(h)
        self._found, self._hints = found, at

    def holds(self, flag: str) -> bool:
        """The sentence holds one of the words of ``_FLAG_WORDS[flag]`` (else the pattern behind them cannot match in
        it, nor in a piece of it)."""
        if self._hints is None:
            self._read()
        return bool(self._found & _flag_bits()[flag])

    def cuts(self) -> tuple[list[int], list[int]]:
        """The sentence's clause cuts (see ``_clause``), worked out on the first call: many mentions and cues ask."""
        if self._cuts is None:
            self._cuts = _cuts(self._sentence) if self.holds("cut") else ([], [])
        return self._cuts

    def regex(self, kind: str) -> re.Pattern[str] | None:
        """Cue ``kind`` (or "trigger") cut to the alternatives whose words are in the sentence; None when none are."""
        if self._hints is None:
            self._read()
        return _alternations().regex(kind, self._found)

    def search(self, kind: str, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """``cue_regex(kind).search(text, pos, endpos)``, ``text`` being the sentence or a slice of it."""
        regex = self.regex(kind)
        return None if regex is None else regex.search(text, pos, endpos)

    def finditer(self, kind: str, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """``cue_regex(kind).finditer(text, pos, endpos)``, ``text`` being the sentence or a slice of it."""
        regex = self.regex(kind)
        return iter(()) if regex is None else regex.finditer(text, pos, endpos)


def find_mentions(sentence: str, cues: _Cues | None = None) -> list[_Mention]:
    """Trigger mentions in one sentence, longest first where they overlap, in order (``cues``: the sentence's)."""
    cues = cues or _Cues(sentence)
    candidates = trigger_starts(sentence, cues.hints())
    regex = cues.regex("trigger") if candidates else None
    if regex is None:
        return []
    rules = trigger_regex()[1]
    out: list[_Mention] = []
    pos = 0
    for c in candidates:
        if c < pos:
            continue
        m = regex.match(sentence, c)
        if m is None or m.end() == m.start() or not m.lastgroup:
            continue
        pos = m.end()
        rule = rules[int(m.lastgroup[1:])]
        men = _Mention(rule.kind, rule.event_type, m.start(), m.end(), m.group())
        if men.kind == "noun" and _PRESS.match(sentence[men.end :]) and not _JOINT_PRESS.match(sentence, men.end):
            continue  # مؤتمر صحفي: a press conference is not a meeting (a joint one with a foreign leader is talks)
        out.append(men)
    # a meeting verb right before a meeting noun: the noun carries the mention (انعقد اجتماع، عقدوا اجتماعا)
    out = [m for k, m in enumerate(out)
           if not (m.kind == "verb" and k + 1 < len(out) and out[k + 1].kind in ("noun", "nato", "meeting")
                   and len(sentence[m.end : out[k + 1].start].split()) <= 1)]
    # a meeting noun (or verb) right before a group: one mention of that group's meeting
    merged: list[_Mention] = []
    i = 0
    while i < len(out):
        cur = out[i]
        nxt = out[i + 1] if i + 1 < len(out) else None
        if cur.kind == "nato" and nxt is not None and nxt.kind == "noun" and not sentence[cur.end : nxt.start].strip():
            # عقد وزراء دفاع الحلف اجتماعا في 5 يونيو: the body and its meeting noun are one mention (the noun's date
            # is the meeting's)
            merged.append(_Mention("nato", cur.event_type, cur.start, nxt.end, sentence[cur.start : nxt.end]))
            i += 2
            continue
        if cur.kind in ("noun", "verb") and nxt is not None and nxt.kind in ("group", "nato"):
            gap = sentence[cur.end : nxt.start]
            if _BETWEEN.match(gap) or (cur.kind == "verb" and len(gap.split()) <= 3):
                text = sentence[cur.start : nxt.end]
                kind = "group_meeting" if nxt.kind == "group" else "nato"  # اجتماع وزراء دفاع الناتو: one mention
                merged.append(_Mention(kind, nxt.event_type, cur.start, nxt.end, text))
                i += 2
                continue
        # اجتماعات وزراء دفاع الحلف ومجموعة رامشتاين: a group of another format joined by "and" to a meeting shares
        # its meeting noun (two meetings, as on the days both sit in Brussels)
        joined = (cur.kind == "group" and cur.event_type in TOPIC_TYPES and bool(merged)
                  and merged[-1].kind in ("group_meeting", "nato") and _joined(sentence, merged[-1], cur))
        if cur.kind == "meeting" or joined or (cur.kind == "group" and cur.event_type in TOPIC_TYPES
                                               and _TAKE_PART_IN.search(sentence, max(0, cur.start - 24), cur.start)):
            # اجتماع رامشتاين؛ شاركوا في تحالف الراغبين اليوم: taking part in the format is taking part in its meeting
            cur = _Mention("group_meeting", cur.event_type, cur.start, cur.end, cur.text)
        merged.append(cur)
        i += 1
    return merged


_COMMA_AND = re.compile(r"،\s*و(?=[\u0621-\u064a])(?!ال)")  # not "، والأوكراني": a list goes on


def _spoke_is_no_call(s: SentenceFacts, ms: list[_Mention], m: _Mention) -> bool:
    """"Spoke with" (``m``) is no call: beside a meeting, a visit or another mention, or with no day, in its part
    of the sentence (cut at a comma followed by "and"); or as a verbal noun ("to speak")."""
    cuts = [c.start() for c in _COMMA_AND.finditer(s.text)]
    lo = max([c for c in cuts if c < m.start], default=0)
    hi = min([c for c in cuts if c > m.end], default=len(s.text))
    part = s.text[lo:hi]
    return (any(o.kind != "group" and o is not m and lo <= o.start < hi for o in ms)
            or not any(lo <= d.start < hi for d in s.dates)
            or _MEETING_WORD.search(part) is not None or "زيار" in part or m.text.startswith(("لل", "ال")))


def _joined(sentence: str, a: _Mention, b: _Mention) -> bool:
    """``b`` follows ``a`` joined by "and" alone, and names another format (وزراء دفاع الحلف ومجموعة الاتصال)."""
    gap = sentence[a.end : b.start].strip()
    return a.event_type != b.event_type and (gap == "و" or (not gap and b.text[:1] == "و"))


def _in_quotes(sentence: str) -> list[tuple[int, int]]:
    if '"' not in sentence:  # most sentences quote nobody: no regex scan
        return []
    return [(m.start(), m.end()) for m in _QUOTE_PAIRS.finditer(sentence)]


def _opens_quote(sentence: str, pos: int, spans: list[tuple[int, int]]) -> bool:
    """The quotation starts with this word: a quoted description of the meeting ("اجتماعا افتراضيا لتحالف …"), not a
    meeting word inside a figurative saying."""
    return any(s < pos <= s + 2 for s, _ in spans)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < pos < e for s, e in spans)


# منذ أن قرر التحالف، في مارس الماضي، توسيع مهامه: a date set off by commas inside a "since" clause of a few words
_SINCE_CLAUSE_DATE = re.compile(r"\s*ان\s+(?:[\u0621-\u064a]+\s+){0,4}?[\u0621-\u064a]+\s*،\s*(?:في\s+)?")


_ANNIVERSARY = re.compile(r"(?<![\u0621-\u064a])(?:[وبل])?(?:ال|لل)?ذكري(?: (?:ال)?[\u0621-\u064a]+){0,2}")


_DEADLINE = re.compile(r"(?<![\u0621-\u064a])(?:بحلول|(?:حتي|لغايه) (?=عام|سنه))\s*(?:نهايه\s+|مطلع\s+)?$")


_INVASION_BEFORE = re.compile(r"(?<![\u0621-\u064a])(?:ال)?(?:غزو|اجتياح)[\u0621-\u064a]*"
                              r"(?: (?:ل|ال)?[\u0621-\u064a]+){0,2}\s*(?:في|خلال)?\s*$")


def _since_dates(sentence: str, dates: list[DateHit], cues: _Cues, first_event: int = 0) -> set[int]:
    """Indexes of dates that start a period (منذ …), are remembered (ذكرى …), are a deadline (بحلول …) or, after
    ``first_event`` (where the sentence's first event is named), the invasion's, rather than date an event."""
    out: set[int] = set()
    if not dates:
        return out
    since = [m.end() for m in cues.finditer("since", sentence)]
    if "ذكر" in sentence:  # في ذكرى انضمام ألمانيا إلى الحلف في 6 مايو 1955: the day remembered, not the event's
        since += [m.end() for m in _ANNIVERSARY.finditer(sentence)]
    for i, d in enumerate(dates):
        if d.basis == "since":  # منذ 3 أيام: the grammar kept منذ inside the hit
            out.add(i)
        for_year = d.text.startswith(("عام", "سنه")) and sentence[max(0, d.start - 1) : d.start] == "ل"
        if for_year or _DEADLINE.search(sentence, max(0, d.start - 16), d.start):
            out.add(i)  # هدف الإنفاق بحلول عام 2035، تعهدات لعام 2026: a deadline or a year aid is for, not a day
        if d.start > first_event and _INVASION_BEFORE.search(sentence, max(0, d.start - 40), d.start):
            out.add(i)  # اتفقوا ... بعد غزوها أوكرانيا في 2022: the invasion's date (one set before the event, "after
            # the invasion in 2022, they met", still gives the year)
        for end in since:
            if 0 <= d.start - end <= 80 and ("،" not in sentence[end : d.start]
                                             or _SINCE_CLAUSE_DATE.fullmatch(sentence, end, d.start)):
                out.add(i)
    return out


def _future_at(sentence: str, pos: int, quotes: list[tuple[int, int]], cues: _Cues) -> bool:
    """The clause of ``pos`` speaks of the future, quotations left out (قال خلال مؤتمر صحفي: "سنقدم ..." is past)."""
    c0, c1 = _clause(sentence, pos, cues)
    where = _WHERE.search(sentence, pos, c1)  # زيارة … إلى كييف، حيث من المتوقع أن يلتقي: the visit itself is now
    c1 = where.start() if where is not None else c1
    pieces, at = [], c0
    for qs, qe in quotes:  # the clause with each quotation blanked out
        if qe <= c0 or qs >= c1:
            continue
        pieces.append(sentence[at : max(at, qs + 1)])
        at = max(at, min(qe - 1, c1))
    pieces.append(sentence[at:c1])
    # pieces joined by a space can make words the sentence does not have: its cues' scan holds only for one piece
    return _is_future(" ".join(pieces), cues if len(pieces) == 1 else None)


def _is_future(text: str, cues: _Cues | None) -> bool:
    """The clause speaks of the future: the date grammar's future markers (سـ + a known verb, سوف، لن، من المقرر…)
    or the event cues' own (المقبل، القادم، ينبغي أن…). ``cues``: those of the sentence ``text`` is a slice of."""
    if has_future_marker(text):
        return True
    return (cues.search("future", text) if cues is not None else cue_regex("future").search(text)) is not None


_Actor = tuple[int, int, str, str, Hit]  # start, end, ISO3, via, the hit


def _actors(s: SentenceFacts) -> list[_Actor]:
    """Countries acting in the sentence: officials (with a country), then names, capitals, institutions and demonyms
    not inside an official's span. A demonym alone (الغزو الروسي) acts only right after a cue or inside a chain (see
    ``_chain_after``). (start, end, iso3, via, hit), in order."""
    out: list[_Actor] = []
    for o in s.officials:
        if o.iso3 and len(o.iso3) == 3:
            out.append((o.start, o.end, o.iso3, "official", o))
    for c in s.countries:
        if any(a[0] <= c.start < a[1] for a in out):
            continue
        out.append((c.start, c.end, c.iso3, c.via, c))
    out.sort(key=lambda a: a[0])
    return out


def _clause(sentence: str, pos: int, cues: _Cues) -> tuple[int, int]:
    """(start, end) of the clause around ``pos``: between the clause cuts (فيما، بينما، لكن، ؛، :) on either side
    (``cues``: the sentence's, which keep its cuts)."""
    cuts = cues.cuts()
    k = bisect.bisect_right(cuts[0], pos)  # cuts that end at or before pos
    start = cuts[0][k - 1] if k else 0
    j = bisect.bisect_right(cuts[1], pos)  # the first cut that starts after pos
    end = cuts[1][j] if j < len(cuts[1]) else len(sentence)
    return start, end


def _cuts(sentence: str) -> tuple[list[int], list[int]]:
    """The sentence's clause cuts: their ends and their starts (both sorted). ``_Cues.cuts`` runs it only on a sentence
    that holds one of ``_CUT_TEXT`` (the regex tries every position)."""
    spans = [(m.start(), m.end()) for m in _CLAUSE_CUT.finditer(sentence)]
    return [e for _, e in spans], [s for s, _ in spans]


# و + up to three words (a title or a demonym) before the next actor: "… ستارمر والرئيس الفرنسي ماكرون"
_TITLED_JOINER = re.compile(r"^[\s،,]*(?:و|مع|ومع)\s*(?:[\u0621-\u064a]+\s+){0,3}$")


def _chain_after(sentence: str, actors: list[_Actor], pos: int, limit: int
                 ) -> list[_Actor]:
    """The first actor within ``limit`` characters after ``pos``, and those joined to it by و / مع / ،."""
    chain: list[_Actor] = []
    for a in actors:
        if a[0] < pos:
            continue
        if not chain:
            if a[3] == "demonym" and (a[0] - pos > 3 and not _DUAL.search(sentence[pos : a[0]])
                                      and not _PEOPLE_OF.fullmatch(sentence[pos : a[0]])):
                continue  # غياب أمريكي، ترأس البريطاني: a demonym acts only right after the cue (or its people)
            if a[0] - pos > limit:
                break
            chain.append(a)
            continue
        gap = sentence[chain[-1][1] : a[0]]
        if (len(gap) <= 12 and _JOINER.match(gap)) or (len(gap) <= 32 and _TITLED_JOINER.match(gap)):
            chain.append(a)
        else:
            break
    return chain


# people of a country before its demonym: لن يحضر أي مسؤولين أمريكيين
_PEOPLE_OF = re.compile(rf"\s*(?:اي\s+)?(?:ال)?{cue_words('people_of')}\s+")
_REPORTED = re.compile(rf"(?<![\u0621-\u064a]){cue_words('reported')}(?![\u0621-\u064a])")
_REL_PRONOUNS = "الذي|التي|اللذان|اللتان|الذين|اللذين|اللتين"
_RELATIVE = re.compile(rf"(?:{_REL_PRONOUNS})\s*(?:قد\s+)?$")


def _role_targets(sentence: str, cues: _Cues, actors: list[_Actor], cue_start: int, cue_end: int,
                  reported_skip: bool = False, subject_only: bool = False) -> list[_Actor]:
    """Who a chair/absent cue is about: the antecedent right before a relative pronoun (X، التي ترأست … مع Y), else
    the actors after the cue (VSO: ستستضيف فرنسا), else the nearest actor before it in the clause (SVO)."""
    c0, c1 = _clause(sentence, cue_start, cues)
    since = cues.search("since", sentence, cue_end, c1)  # استضافت اجتماعات منذ هجوم روسيا: not who hosts
    c1 = since.start() if since is not None else c1
    after = [a for a in _chain_after(sentence, actors, cue_end, 40) if a[1] <= c1
             and not (a[3] == "capital" and _IN_PLACE.search(sentence, max(0, a[0] - 8), a[0]))]  # عقدها في باريس
    rel = _RELATIVE.search(sentence, max(c0, cue_start - 12), cue_start)
    resumptive = bool(re.search(r"(?:ه|ها)$", sentence[cue_start:cue_end]))  # ترأسه: "which X chaired": X follows
    if rel is not None and not resumptive:
        ante = [a for a in actors if a[1] <= rel.start() and rel.start() - a[1] <= 3 and a[3] != "demonym"]
        if ante:
            with_mit = [a for a in after if re.search(r"مع\s*$", sentence[max(cue_end, a[0] - 6) : a[0]])]
            return ante[-1:] + with_mit
    before = [a for a in actors if c0 <= a[0] < cue_start and a[1] <= cue_end and a[3] != "demonym"
              and not (reported_skip and _REPORTED.search(sentence, a[1], cue_start))]
    # (subject_only: يتولى X ترؤس التحالف: X, who comes before); المملكة المتحدة ستقود اجتماع مجموعة الاتصال على
    # أوكرانيا: a country after the meeting word is in the object, and the subject came before
    if after and not subject_only and not (before and _MEETING_WORD.search(sentence, cue_end, after[0][0])):
        return after
    chain = before[-1:]
    for a in reversed(before[:-1]):  # رئيس الوزراء البريطاني والرئيس الفرنسي سيرأسان: the whole subject
        gap = sentence[a[1] : chain[0][0]]
        if a[1] <= chain[0][0] and (_JOINER.match(gap) or (len(gap) <= 32 and _TITLED_JOINER.match(gap))):
            chain.insert(0, a)
        else:
            break
    return chain


_NO_AGENT = re.compile(r"(?<![\u0621-\u064a])(?:ال)?(?:مقرر|متوقع|منتظر|مزمع|يتم|تم|سيتم|ستتم|يجري|سيجري)\s+$")
_IN_THE_CAPITAL = re.compile(r"(?<![\u0621-\u064a])(?:في|ب)\s*(?:ال)?(?:عاصمه|مدينه)\s+(?:ال[\u0621-\u064a]+\s+)?$")
_IN_PLACE = re.compile(r"(?<![\u0621-\u064a])(?:في|ب)\s*$")
_ANY_BEFORE = re.compile(r"(?<![\u0621-\u064a])اي\s*$")


def _nonfactual(sentence: str, start: int, cues: _Cues) -> bool:
    """A denial, refusal, intention or condition before the mention in its clause (نفى إجراء أي اتصال، لا يعتزم
    الاتصال، في حال انعقاد), or "any" right before it."""
    c0, _ = _clause(sentence, start, cues)
    lo = max(c0, start - 60)
    window = sentence[lo:start]
    if "اي" in window and _ANY_BEFORE.search(window):  # the plain test first: the regex tries every position
        return True
    return any(m.end() >= len(window) - 45 for m in cues.finditer("nonfact", window))


def _coref_before(sentence: str, start: int, cues: _Cues) -> bool:
    """A demonstrative right before the mention (هذا الاجتماع): the event is one already reported."""
    return any(m.end() >= start - 1 for m in cues.finditer("coref", sentence, max(0, start - 8), start))


_FRAME_BEFORE = re.compile(rf"{cue_words('frame')}\s*(?:ال)?$")
# NATO named as a frame, not as who meets: its secretary general, headquarters, membership, accession
_NATO_FRAME_BEFORE = re.compile(rf"(?:{cue_words('nato_frame')}\s*|{cue_words('member_in')}\s+(?:في|ب)\s*)"
                                r"(?:ل|ال|لل)?(?:حلف\s*)?[\"«(]?\s*$")
# a plural body as the subject: ministers, leaders, ambassadors meet (not two leaders)
_PLURAL_BODY = re.compile(r"(?<![\u0621-\u064a])(?<!رئيس )(?<!رئيسه )(?<!مجلس )(?<!رئاسه )(?:[وفلب])?(?:ال)?"
                          rf"{cue_words('plural_body')}(?![\u0621-\u064a])|"
                          r"\d+ (?:من )?(?:رئيس|زعيم|قائد|وزير|مسؤول)|"  # نحو 20 رئيس دولة
                          r"(?:\d+|(?:عشر|ثلاث|اربع|خمس|ست|سبع|ثمان|تسع)(?:ين|ون)) (?:دوله|دول|بلدا)"
                          r"(?![\u0621-\u064a])")  # اجتماع يضم أكثر من 40 دولة، اجتماعا لنحو عشرين دولة
_HOSTS = re.compile(r"(?<![\u0621-\u064a])(?:[وف])?(?:س)?(?:ي|ت)?(?:ستضيف|حتضن)|(?<![\u0621-\u064a])(?:[وف])?"
                    r"(?:استضاف|احتضن)(?:ت)?")
_MANY_SIDES_ADJ = re.compile(rf"\s+(?:ال)?{cue_words('many_sides')}(?![\u0621-\u064a])")
_UKRAINE = re.compile(cue_words("ukraine"))
# "with the defence ministers of 50 countries", "with senior officials of allied countries": many sides, not two
_WITH_MANY = re.compile(r"\s*(?:[\u0621-\u064a-]+\s+){0,2}?مع\s+(?:(?:ال)?كبار\s+)?(?:ال)?"
                        rf"{cue_words('with_many')}(?![\u0621-\u064a])")
_WITH_SIDE = re.compile(r"^\s*(?:[\u0621-\u064a-]+\s+){0,2}?(?:مع|بين)\s")  # لقاء مع، لقاء ثنائي بين
# القمة البريطانية-الفرنسية في لندن بين: adjectives and a place between the noun and بين
_BETWEEN_SIDES = re.compile(r"\s*(?:(?:(?:ال)?[\u0621-\u064a-]+|في [\u0621-\u064a]+)\s+){0,2}?بين\s")  # لقاء متوتر بين
_BETWEEN_MANY = re.compile(r"\s*(?:(?:(?:ال)?[\u0621-\u064a-]+|في [\u0621-\u064a]+)\s+){0,2}?بين\s+\S+(?:\s+\S+)?\s+و"
                           r"(?:ال)?(?:حلفائ|شركائ|نظرائ|قاده|زعماء|رؤساء|وزراء)")
_HOST_BEFORE = re.compile(r"(?:ستضيف|استضاف|استضافت)\s*(?:(?:ال)?مدينه\s*|(?:ال)?عاصمه\s*(?:ال[\u0621-\u064a]+\s*)?)?$")
# the ministers of "the member states" right after a meeting word (اجتماع وزراء خارجية الدول الأعضاء)
_MEMBER_MINISTERS = re.compile(r"\s*(?:(?:ال)?[\u0621-\u064a]+\s+){0,2}?(?:ل|ال|لل)?(?:وزراء|وزيرات)\s+(?:ال)?"
                               r"(?:دفاع|خارجيه)\s+(?:ال)?دول\s+(?:ال)?اعضاء(?![\u0621-\u064a])")
_EU = re.compile(r"(?<![\u0621-\u064a])(?:[وبل])?(?:ال|لل)اتحاد (?:ال)?اوروبي")
_COUNTERPARTS = re.compile(r"نظرائ(?:ه|ها|هم)")
_AND_COUNTERPART = re.compile(r"(?<![\u0621-\u064a])و\s?نظير(?:ه|ها)(?![\u0621-\u064a])")
# an arrival (وصل إلى، يصل إلى، تتجه إلى) is a visit only when it reaches a place: a country or a city of the gazetteer
_ARRIVAL = re.compile(r"صل|تجه|توجه")
# تتجه إلى is also "tends to" (تتجه ألمانيا إلى تزويد ...): the place must come right after إلى
_HEADS = re.compile(r"تجه|توجه")
# where an arrival goes (ليصل إلى، وصل لكييف); not the start of اليوم
_TO_DEST = re.compile(r"(?<![\u0621-\u064a])(?:الي(?![\u0621-\u064a])|ل) ?")
_CAPITAL_OF = re.compile(r"(?:ال)?(?:عاصمه|مدينه)(?: ال[\u0621-\u064a]+)? ?")
_TO_PLACE = re.compile(r"(?<![\u0621-\u064a])الي ")  # a visit's side after إلى only: ل may be "for" (زيارة لزيلينسكي)
_TITLED_BEFORE = re.compile(r"(?<![\u0621-\u064a])(?:وزير|وزيري|وزيرا|وزراء|رئيس|رئيسي|رئيسا)\s+"
                            r"(?:ال[\u0621-\u064a]+\s+){0,3}(?:و?ال[\u0621-\u064a]+\s+)?$")
_WHERE_IN = re.compile(r"(?<![\u0621-\u064a])(?:غرب|شرق|شمال|جنوب|وسط|في|ب)\s*$")
_SPOKE = re.compile(r"(?:[وف]|لل|ال)?(?:س)?(?:ي|ت)?(?:تحدث|تحادث)")  # تحدث، وتحدثت، سيتحدث; للتحدث (to speak)
_SPOKE_TO = re.compile(r"(?<![\u0621-\u064a])(?:مع|الي)(?![\u0621-\u064a])")
_HIS_VISIT = re.compile(r"(?:[وفبل])?زيارت(?:ه|ها|هم|هما)(?![\u0621-\u064a])")
_SIGNS = re.compile(r"[وف]?(?:س)?(?:ي|ت)?وقع|[وفبل]?توقيع")
_VISITS = re.compile(r"(?:^|[وفس])(?:ي|ت)?زور|زار")  # زار، يزور: the country visited is the object


def _place_in(s: SentenceFacts, lo: int, hi: int) -> bool:
    """Whether a country or a place of the sentence starts in ``[lo, hi]``."""
    return any(lo <= h.start <= hi for h in [*s.countries, *s.places])


def _arrives_at_place(s: SentenceFacts, end: int, heads: bool = False) -> bool:
    """Whether the first "to" (إلى، ل) within seven words after an arrival verb ending at ``end`` reaches a country
    or a place of the sentence within three words (إلى العاصمة الأوكرانية كييف); after a verb of heading
    (``heads``: تتجه إلى) only right after إلى, or after "the capital"/"the city" and its adjective."""
    m = _TO_DEST.search(s.text, end, end + 80)
    # a clitic ل that reaches no place (وصل الأمين العام لحلف الناتو ... إلى فيلنيوس) is not where he went: read on
    while m is not None and not m.group().startswith("الي") and not _place_in(s, m.start(), m.end() + 25):
        m = _TO_DEST.search(s.text, m.end(), end + 80)
    if m is None:
        return False
    if heads:
        at = m.end()
        city = _CAPITAL_OF.match(s.text, at)
        reach = [at, city.end()] if city is not None else [at]
        if city is not None and city.group().strip().startswith("ال") and " " in city.group().strip():
            reach.append(at + city.group().find(" ") + 1)  # العاصمة الأوكرانية: the adjective is the country
        return any(h.start in reach for h in [*s.countries, *s.places])
    return _place_in(s, m.start(), m.end() + 25)


_TO_ATTEND = re.compile(rf"(?<![\u0621-\u064a])(?:{cue_words('to_attend')}|"
                        rf"لعقد اجتماع مع (?:ال)?{cue_words('with_many')})(?![\u0621-\u064a])")
_SEQUEL = re.compile(rf"(?<![\u0621-\u064a]){cue_words('sequel')}(?![\u0621-\u064a])"
                     rf"(?!\s+{cue_words('time_span')}(?![\u0621-\u064a]))")
_DIRECTED = re.compile(cue_words("directed"))
_POSSESSIVE = re.compile(r"(?:اتصال|مكالمت|محادثت)(?:ه|ها)(?![\u0621-\u064a])")


_MEETS = re.compile(r"(?:[وف])?(?:س)?(?:ي|ت)?(?:لتقي|التقي|التقت|جتمع|اجتمع|اجتمعت)(?![\u0621-\u064a])")
_THING_BEFORE = re.compile(r"(?<![\u0621-\u064a])(?:ال)?(?:حدود|اراضي|اجواء|عاصمه|مدينه|قاعده|سفاره|جيش|قوات)"
                           r"(?:\s+بين)?\s*$")
_DAY_SHIFT = re.compile(r"(?<![\u0621-\u064a])(?P<dir>بعد|قبل) (?P<n>يوم|يومين|ثلاثه ايام) (?:من|علي) ?$")


def _day_shift(sentence: str, start: int) -> int:
    """Days from the day the text is about to an event named right after "a day / two days after (before)": صدر
    البيان بعد يومين من اتصال هاتفي puts the call two days earlier."""
    m = _DAY_SHIFT.search(sentence, max(0, start - 24), start)
    if m is None:
        return 0
    n = {"يوم": 1, "يومين": 2, "ثلاثه ايام": 3}[m["n"]]
    return -n if m["dir"] == "بعد" else n


def _days_on(iso: str, days: int) -> str:
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=days)).isoformat()


def _shift_basis(days: int) -> str:
    return f"; {days:+d} day(s), as the text puts it before or after that day"


# X، الذي استقبله رئيس الوزراء البولندي، ...: a relative clause set off by commas (an aside)
_ASIDE = re.compile(rf"،\s*(?:{_REL_PRONOUNS})\s[^،.]*،")
_WORDS_THEN_BETWEEN = re.compile(r"(?:\s+[^\s،.]+){0,6}?\s+بين\s")


def _side_actors(sentence: str, cues: _Cues, men: _Mention, seg: tuple[int, int], actors: list[_Actor]
                 ) -> list[_Actor]:
    """The sides a call, talks or a visit names in its clause: officials, capitals and institutions, and names or
    demonyms after a side marker (مع، بين، و، نظيره); not a capital that says where (في باريس), nothing quoted."""
    c0, c1 = _clause(sentence, men.start, cues)
    lo, hi = max(c0, seg[0]), min(c1, seg[1])
    sequel = _SEQUEL.search(sentence, men.end, hi)  # في أعقاب محادثة أجراها مع بوتين: another event's sides
    hi = sequel.start() if sequel is not None else hi
    where = _WHERE.search(sentence, men.end, hi)  # لقاء بين X و Y، حيث ... شروط موسكو: a clause about something else
    hi = where.start() if where is not None else hi
    opened = [w.end() for w in _WHERE.finditer(sentence, lo, men.start)]
    if opened:  # يعتزم السفر إلى فيينا حيث يلتقي X وY: when that clause names two sides, they are the sides
        comma = sentence.find("،", men.end, seg[1])
        inner = _side_actors(sentence, cues, men, (opened[-1], comma if comma >= 0 else seg[1]), actors)
        if len({a[2] for a in inner}) >= 2:
            return inner
    if men.kind == "talks":  # محادثات بين X و Y; X أجرى محادثات مع Y (the subject before it too)
        agent = re.match(r"\s*مع\s", sentence[men.end :]) and not _DEFINITE.match(men.text)  # المحادثات مع: known ones
        between = _WORDS_THEN_BETWEEN.match(sentence, men.end)  # محادثات دارت أمس في أنقرة بين X و Y
        lo, hi = (lo if agent else men.end), min(hi, (between.end() if between else men.end) + 60)
    elif men.kind == "noun" and _BETWEEN_SIDES.match(sentence, men.end, men.end + 45):
        lo = men.end  # أبدى رئيس الوزراء ارتياحه للقاء المقرر بين الرئيسين الأوكراني والأمريكي: the two after بين
    side_before = _VISIT_SIDE_BEFORE if men.kind == "visit_verb" else _SIDE_BEFORE
    quotes = _said_quotes(sentence, actors)
    out = []
    visited = _visited(sentence, men, hi, actors) if men.kind == "visit_verb" else None
    signer = None  # وقعت هولندا اتفاقية مع أوكرانيا: the country right after a verb of signing is a side
    if men.kind == "visit_verb" and _SIGNS.match(men.text):
        signer = next((a for a in actors if men.end < a[0] <= men.end + 2 and a[3] == "name"), None)
    # X، الذي استقبله رئيس الوزراء البولندي، توجه إلى برلين: who an aside names is not a side outside it
    asides = [(m.start(), m.end()) for m in _ASIDE.finditer(sentence) if not m.start() <= men.start < m.end()]
    for a in actors:
        if not lo <= a[0] < hi or _inside(a[0], quotes) or _inside(a[0], asides):
            continue
        if a is visited or a is signer:
            out.append(a)
            continue
        before = sentence[max(0, a[0] - 24) : a[0]]
        if a[3] == "capital" and re.search(r"(?<![\u0621-\u064a])(?:في|من)\s*$", before):
            continue  # في اجتماع في باريس، قادما من بوخارست: where, not who
        if a[3] in ("demonym", "name") and _THING_BEFORE.search(before):
            continue  # عند الحدود البولندية، في العاصمة البريطانية: a place's adjective, not a side
        if a[3] in ("official", "capital", "institution") or side_before.search(before) \
                or (a[3] == "demonym" and _TITLED_BEFORE.search(sentence, max(0, a[0] - 30), a[0])):
            out.append(a)
    for a in list(out):  # وزيري الدفاع الروسي والأميركي: the names joined to a side are sides too
        out.extend(b for b in _chain_after(sentence, actors, a[0], 40)[1:] if b not in out and b[0] < hi)
    return sorted(out, key=lambda a: a[0])


def _visited(sentence: str, men: _Mention, hi: int, actors: list[_Actor]) -> _Actor | None:
    """The other side of a visit: the country زار/يزور takes as object (يزور الرئيس الأوكراني اليوم فرنسا; not one
    after غرب or في), else the country named within three words after إلى (إلى مدينة خاركيف الأوكرانية)."""
    if _VISITS.search(men.text):
        for a in actors:
            if men.end <= a[0] < hi and a[3] in ("name", "capital") \
                    and not _WHERE_IN.search(sentence, max(0, a[0] - 8), a[0]):
                return a
    to = _TO_PLACE.search(sentence, men.start + 3, min(hi, men.end + 80))
    if to is None:
        return None
    first = next((a for a in actors if a[0] >= to.end()), None)
    return first if first is not None and first[0] <= to.end() + 25 and first[3] in ("name", "demonym") else None


# "the meeting, which was held on …": a relative clause about the meeting itself keeps its date
_HELD = re.compile(r"(?:\s+[\u0621-\u064a]+،?){0,2}?\s+(?:قد\s+)?"
                   r"(?:عقد|عقدت|انعقد|انعقدت|جري|جرت|اقيم|اقيمت|التام|التامت|يعقد|تعقد|سيعقد|ستعقد|"
                   r"يبدا|تبدا|بدا|بدات|ينطلق|تنطلق|انطلق|انطلقت|سينطلق|ستنطلق|يستمر|تستمر|"
                   r"ينعقد|تنعقد|سينعقد|ستنعقد|سيجري|ستجري|اجراها|اجراه|اجرتها|اجراهما|اجرياها)(?![\u0621-\u064a])")
# ... of which only a meeting is "convened" (عقدت، انعقدت، التأمت): such a clause may come after the meeting's group
# and its members (اجتماعات وزراء الناتو في بروكسل التي انعقدت الخميس)
_CONVENED = re.compile(r"(?:\s+[\u0621-\u064a]+،?){0,2}?\s+(?:قد\s+)?(?:عقد|عقدت|انعقد|انعقدت|التام|التامت|ينعقد|"
                       r"تنعقد|سينعقد|ستنعقد|يعقد|تعقد|سيعقد|ستعقد)(?![\u0621-\u064a])")
_COMMA = re.compile(r"[،,]")
_BETWEEN_THE_TWO = re.compile(rf"\s*بين\s+(?:{_DUAL_TITLES})(?![\u0621-\u064a])")
_WHERE = re.compile(r"(?<![\u0621-\u064a])(?:و)?حيث(?![\u0621-\u064a])")
# a clause about something else: a relative clause, a time clause, and "amid" (في ظل، وسط: the background of the news)
_BARRIER = re.compile(r"(?<![\u0621-\u064a])(?:وهي|وهو|التي|الذي|اللذين|حيث|بعد ان|قبل ان|عندما|حين|وكان|وكانت|"
                      r"في ظل|وسط)(?![\u0621-\u064a])")


_CALLED_FOR = re.compile(r"(?<![\u0621-\u064a])(?:دعا|دعت|دعوا)\s+$")
# a that-clause (أن، إن، بأن) after a meeting holds what was said there; "أنه سيعقد" is still about the meeting
_THAT = re.compile(r"(?<![\u0621-\u064a])(?:ان|بان)(?:ه|ها|هم)?(?![\u0621-\u064a])")


def _pick_date(s: SentenceFacts, cues: _Cues, seg_start: int, seg_end: int, trig_start: int, trig_end: int,
               skip: set[int], first: bool) -> DateHit | None:
    """The date of a mention: the nearest after it in its segment, unless a relative clause (وهي، الذي، بعد أن…) comes
    between; a date before it only for the sentence's first mention."""
    best: DateHit | None = None
    best_d = 10**9
    for i, d in enumerate(s.dates):
        if i in skip or not (seg_start <= d.start < seg_end):
            continue
        if d.start >= trig_end:
            b = _BARRIER.search(s.text, trig_end, d.start)
            # a relative clause (للدول التي تقدم المساعدة، في 8 سبتمبر) ends at its comma: the date after it is back
            # in the main clause
            # (the meeting, which was held on …, only within two words of the meeting word: للحرب التي بدأت في 24
            # فبراير 2022 further on is about the war)
            gap = len(s.text[trig_end : b.start()].split()) if b is not None else 0
            held = b is not None and _HELD.match(s.text, b.end()) is not None and (
                gap <= 2 or (gap <= 8 and _CONVENED.match(s.text, b.end()) is not None))
            if b is not None and not held and not _COMMA.search(s.text, b.end(), d.start):
                continue
            that = _THAT.search(s.text, trig_end, d.start)
            if that is not None and not _CONVENED.match(s.text, that.end()):
                continue  # أكد بيان القمة أن الدول سترفع الإنتاج العام المقبل: what it said, not when it met
            # a relative clause that says when the meeting was held (التي انعقدت الخميس) states its own day
            own_day = b is not None and held and not _COMMA.search(s.text, b.end(), d.start)
            dist = -1 if own_day else d.start - trig_end
        elif d.end <= trig_start and first:
            if _announced_on(s.text, cues, d, trig_start):
                continue  # أعلن زيلينسكي، السبت، أنه سيشارك في القمة: the day it was said, not the summit's
            if _CALLED_FOR.search(s.text, max(0, d.start - 12), d.start) \
                    and re.fullmatch(r"\s*الي\s*", s.text[d.end : trig_start]):
                continue  # التي دعت الأحد إلى الاجتماع: the day she called for it, not the meeting's
            if any(a.start() < d.start and d.end < a.end() <= trig_start
                   for a in _ASIDE.finditer(s.text, max(0, d.start - 80), trig_start)):
                continue  # عقد التحالف، الذي أطلقته لندن في مارس، اجتماعا: the aside's own date
            dist = (trig_start - d.end) + 15
        else:
            continue
        if dist < best_d:
            best, best_d = d, dist
    if best is not None and best.basis == "period" and best.start >= trig_end:
        # قمة الحلف هذا العام يومي 9 و10 يوليو: "this year" and then the days, one date: the finer one
        finer = next((d for i, d in enumerate(s.dates) if i not in skip and best.end <= d.start <= best.end + 8
                      and d.start < seg_end and d.basis in ("month_name", "day_of_month", "explicit")), None)
        if finer is not None:
            return finer
    return best


def _announced_on(sentence: str, cues: _Cues, d: DateHit, trig_start: int) -> bool:
    """The date dates a report (أعلن، قال، أكد … DATE … أنه/أن …) of an event still to come, not the event."""
    said = cues.search("report", sentence, max(0, d.start - 45), d.start)
    return (said is not None and _REPORTED.search(sentence, d.end, trig_start) is not None
            and _is_future(sentence[d.end : trig_start + 20], cues))  # … أنه سيشارك في القمة: what is to come


def _bare_weekday(d: DateHit) -> bool:
    """A weekday named without مقبل/ماضي: which week it is in is a guess."""
    return d.basis == "weekday" and not _DIRECTED.search(d.text)


def _week_apart(a: DateHit, b: DateHit) -> bool:
    """One of two day dates is a bare weekday a week away from the other: the same day, read in the wrong week
    (الثلاثاء القادم ... اجتماع التحالف (الثلاثاء))."""
    if not (a.value and b.value and len(a.value) == 10 and len(b.value) == 10):
        return False
    da, db = a.date, b.date
    return da is not None and db is not None and abs((da - db).days) == 7 and (_bare_weekday(a) or _bare_weekday(b))


# a quotation that opens in the first person: a pronoun, لقد, or a verb of سـ + أ/ن (سأجري، سنرسل)
_FIRST_PERSON = re.compile(r'"\s*(?:[وف]?(?:انا|نحن|اننا|انني|لقد)(?![\u0621-\u064a])|س[ان][\u0621-\u064a]{2,})')


def _said_quotes(sentence: str, actors: list[_Actor]) -> list[tuple[int, int]]:
    """The quotations of a sentence whose words are someone's saying, not a statement of fact: a ministry's statement
    quoted in the third person ("وزير الدفاع الإيطالي أجرى اليوم مباحثات هاتفية مع نظيره الأوكراني") reports facts,
    unlike a saying ("ليس اجتماع رامشتاين بل حرب")."""
    return [q for q in _in_quotes(sentence) if not _statement(sentence, q, actors)]


def _statement(sentence: str, quote: tuple[int, int], actors: list[_Actor]) -> bool:
    """A quotation that reports in the third person what an office-holder did (a ministry's statement: "وزير الدفاع
    الإيطالي أجرى اليوم مباحثات هاتفية مع نظيره الأوكراني"): an office-holder named near its start, and it does not
    open in the first person ("سأجري محادثات هاتفية مع الرئيس الروسي": a plan said by the speaker)."""
    q0, q1 = quote
    return (not _FIRST_PERSON.match(sentence, q0)
            and any(q0 < a[0] < min(q1, q0 + 32) and a[3] == "official" for a in actors))


_GROUP_CLITIC = re.compile(r"(?:[وف])?(?:لل|[بل])(?=حلف|ناتو|ال)")


def _clitic_len(text: str) -> int:
    """Length of the clitics a group's name was found with (بحلف -> 1, وللناتو -> 3)."""
    m = _GROUP_CLITIC.match(text)
    return m.end() if m else 0


def _meeting_before(ms: list[_Mention], m: _Mention) -> bool:
    """The mention nearest before ``m`` is a meeting (not a group's name, nor a call): التي عقدت is its being held.
    After a group's name (مجموعة الاتصال الدفاعية، التي تجتمع الثلاثاء المقبل) the verb is that group's meeting."""
    before = [o for o in ms if o.end <= m.start]
    return bool(before) and before[-1].kind not in ("group", "call")


def _compatible_dates(a: EventDraft, b: EventDraft) -> bool:
    if a.date is None or b.date is None or a.date.value is None or b.date.value is None:
        return True
    va, vb = a.date.value, b.date.value
    n = min(len(va), len(vb))
    return va[:n] == vb[:n] or _week_apart(a.date, b.date)


_TIME_REF_BEFORE = re.compile(r"(?<![\u0621-\u064a])(?:قبل|قبيل|بعد|عقب|اثر|اعقاب)\s+$")
_THESE_DAYS = frozenset({"today", "tonight", "yesterday", "tomorrow", "day_before_yesterday", "day_after_tomorrow"})


def _current_vs_background(a: EventDraft, b: EventDraft, published: dt.date | None) -> bool:
    """One mention has no date and speaks of the present (it will take the publication day), the other is dated
    weeks before the publication: the news and a background event, not one event (زيارة مفاجئة ... وزار كييف في
    أبريل الماضي)."""
    if published is None:  # undated: "today" and a month "last" or "next" (يونيو الماضي) are still two times
        return any(x.date is not None and x.date.basis in _THESE_DAYS and y.date is not None
                   and y.date.basis.split(":")[0] in ("month_name", "period") and _DIRECTED.search(y.date.text)
                   for x, y in ((a, b), (b, a)))
    for undated, dated in ((a, b), (b, a)):
        if (undated.date is None or undated.date.value is None) and not undated.future and not undated.background \
                and dated.date is not None and dated.date.value:
            start = dated.date.date
            if start is not None and len(dated.date.value) == 10 and (published - start).days > 7:
                return True
            if len(dated.date.value) < 10 and dated.date.value < published.isoformat()[: len(dated.date.value)]:
                return True  # an earlier month or year
    return False


def _compatible(a: EventDraft, b: EventDraft, published: dt.date | None = None) -> bool:
    # اجتمع المستشارون الأحد ... قبل قمة للتحالف الأسبوع المقبل: a meeting and the next one
    for x, y in ((a, b), (b, a)):
        if x.time_ref and not y.time_ref and x.date is not None and x.date != y.date \
                and x.sentence in {y.sentence, *y.sentences}:
            return False
    if (a.event_type != b.event_type and not _described_as(a, b) and not _described_as(b, a)) \
            or not _compatible_dates(a, b) or _current_vs_background(a, b, published):
        return False
    if a.background != b.background and a.date is not None and b.date is not None and a.date.text != b.date.text:
        return False  # يجتمع التحالف الثلاثاء ... خلال آخر قمة عقدها في 6 يناير: the news and the one before it
    if a.event_type in ("phone_call", "bilateral_meeting", "other_meeting"):
        pa, pb = a.parties(), b.parties()
        if pa and pb and not (pa <= pb or pb <= pa):
            return False
    if a.location and b.location and a.location.location != b.location.location:
        return "Virtual" in (a.location.location, b.location.location)
    return True


def _nearer(a: DateHit, b: DateHit, published: dt.date | None) -> bool:
    """Whether day ``a`` is nearer ``published`` than day ``b`` (False without a publication date)."""
    if published is None or a.date is None or b.date is None:
        return False
    return abs((a.date - published).days) < abs((b.date - published).days)


_NAMED_FORMATS = frozenset({"udcg_meeting", "coalition_meeting"})


def _described_as(a: EventDraft, b: EventDraft) -> bool:
    """``a`` is a meeting of many described, not named ("شركاء أوكرانيا يلتقون في ألمانيا", other_meeting), and ``b``
    the Ramstein group's or the coalition's meeting named: the one meeting, told twice."""
    return a.event_type == "other_meeting" and a.type_basis == "described" and b.event_type in _NAMED_FORMATS


def _merge_into(keep: EventDraft, other: EventDraft, published: dt.date | None = None) -> None:
    if _described_as(keep, other):  # the format named wins over the meeting described
        keep.event_type, keep.type_basis = other.event_type, other.type_basis
    if (keep.date is None or keep.date.value is None) and other.date is not None:
        keep.date, keep.date_sentence = other.date, other.date_sentence
    elif keep.date is not None and other.date is not None and _week_apart(keep.date, other.date) \
            and _bare_weekday(keep.date) \
            and (not _bare_weekday(other.date) or _nearer(other.date, keep.date, published)):
        # the weekday whose week was said; of two weekdays said alone, the one nearer the publication day
        keep.date, keep.date_sentence = other.date, other.date_sentence
    elif (keep.date is not None and other.date is not None and keep.date.value and other.date.value
          and len(other.date.value) > len(keep.date.value)):
        keep.date, keep.date_sentence = other.date, other.date_sentence  # the finer of two compatible dates
    if keep.location is None and other.location is not None:
        keep.location, keep.location_sentence = other.location, other.location_sentence
    if keep.count is None and other.count is not None:
        keep.count, keep.count_sentence = other.count, other.count_sentence
    if keep.meeting_number is None:
        keep.meeting_number = other.meeting_number
    if keep.sideline_of is None and other.sideline_of is not keep:
        keep.sideline_of = other.sideline_of
    for r in other.roles:
        keep.add_role(r)
    keep.sentences = sorted(set(keep.sentences) | set(other.sentences))
    keep.future = keep.future and other.future
    keep.needs_sides = keep.needs_sides and other.needs_sides  # a summit merged into "the talks" is a meeting anyway


_Here = list[tuple[EventDraft, int, int]]  # events mentioned in a sentence, with their trigger span


@dataclass(frozen=True, slots=True)
class _When:
    """A mention's date, the sentence it was read in, how it was found, and the event it was taken from."""

    date: DateHit | None
    sentence: int | None
    basis: str
    main: EventDraft | None


def _travel_day(sentence: str, cues: _Cues, men: _Mention, date: DateHit) -> bool:
    """The date is governed by a travel verb (يتوجه الوزراء يوم الاثنين للمشاركة في الاجتماع): the day of the trip."""
    if date.end <= men.start:
        window = sentence[max(0, date.start - 50) : date.start]
    else:
        window = sentence[men.end : date.start]
    hits = list(cues.finditer("travel", window))
    return bool(hits) and not _MEETING_WORD.search(window, hits[-1].end())


class _Reader:
    """Reads an article's sentences in order, keeping the state a reader keeps: the events so far, the latest one,
    the format the article is about, and the day-anchors seen."""

    def __init__(self, sentences: list[SentenceFacts]) -> None:
        self.sentences = sentences
        self.cues = [_Cues(s.text) for s in sentences]
        self.mentions = [find_mentions(s.text, c) for s, c in zip(sentences, self.cues, strict=True)]
        self.first_group = next((m.event_type for ms in self.mentions for m in ms
                                 if m.kind in ("group", "group_meeting") and m.event_type in TOPIC_TYPES), "")
        self.topic = ""
        self.events: list[EventDraft] = []
        self.latest: EventDraft | None = None
        self.anchors: list[tuple[int, DateHit]] = []  # day-anchors (اليوم، أمس، a weekday) by sentence
        self._ukraine: list[bool | None] = [None] * len(sentences)  # sentences that speak of Ukraine (see on_ukraine)
        self.actors: list[_Actor] = []  # the countries acting in the sentence being read
        self.cue: _Cues = _Cues("")  # the cues of the sentence being read

    def on_ukraine(self, j: int) -> bool:
        """Sentence ``j`` speaks of Ukraine: looked up when first asked (few sentences are ever asked)."""
        got = self._ukraine[j]
        if got is None:
            got = self._ukraine[j] = _UKRAINE.search(self.sentences[j].text) is not None
        return got

    def latest_with(self, noun: str | None) -> EventDraft | None:
        if noun is not None:
            for ev in reversed(self.events):
                if ev.noun == noun:
                    return ev
        return self.latest

    def read(self, s: SentenceFacts, ms: list[_Mention], cues: _Cues) -> None:
        self.cue = cues
        here: _Here = []
        quotes: list[tuple[int, int]] = []
        actors: list[_Actor] | None = None
        # يتوجه وزراء الدفاع إلى ألمانيا للمشاركة في اجتماع: the trip of many is not a meeting of its own
        ms = [m for m in ms if not (m.kind == "visit_verb" and _HEADS.search(m.text)
                                    and _PLURAL_BODY.match(s.text, m.end + 1, m.end + 14))]
        # تحدث معه خلال زيارته لفيينا: "spoke with" beside a meeting or a visit is that meeting, not a call; and it is
        # a call only on a day the sentence gives (قال إنه تحدث مع الرئيس البولندي: when they met, perhaps), not
        # "to speak"
        # "a day of its sentence", "beside a meeting": within its part of the sentence up to a comma and "and" (تحدث
        # إلى X، الأحد، واستقبل Y: the reception is another statement)
        ms = [m for m in ms if not (m.kind == "call" and _SPOKE.match(m.text) and _spoke_is_no_call(s, ms, m))]
        # يستضيف الرئيس الفرنسي اجتماعا لتحالف الراغبين: the host of a meeting, not a visit
        ms = [m for m in ms if not (m.kind == "visit_verb" and _HOSTS.match(m.text)
                                    and any(o.kind != "group" and o.start > m.end for o in ms))]
        # اجتماعات وزراء الناتو التي انعقدت الخميس: the verb of a relative clause is the meeting before it being held
        ms = [m for m in ms if not (m.kind == "verb" and _RELATIVE.search(s.text, max(0, m.start - 12), m.start)
                                    and _meeting_before(ms, m))]
        evm = [m for m in ms if m.kind != "group"]  # mentions that can be events cut the sentence into segments
        if evm:  # the per-sentence context, worked out only where an event may start
            skip, actors = _since_dates(s.text, s.dates, cues, evm[0].start), _actors(s)
            quotes = _said_quotes(s.text, actors)
            self.actors = actors
        for men in ms:
            if men.kind == "group":
                if men.event_type in TOPIC_TYPES:
                    self.topic = men.event_type
                continue
            if (_inside(men.start, quotes) and men.kind != "group_meeting" and not _opens_quote(s.text, men.start,
                                                                                              quotes)) \
                    or _nonfactual(s.text, men.start, cues):
                continue
            j = evm.index(men)
            # a meeting joined by "and" to the next one shares its words up to the one after (... ومجموعة الاتصال
            # التي عقدت الأربعاء: both on Wednesday)
            k = j + 1 if j + 1 < len(evm) and evm[j + 1].kind == "group_meeting" and _joined(s.text, men, evm[j + 1]) \
                else j
            seg = (evm[j - 1].end if j > 0 else 0, evm[k + 1].start if k < len(evm) - 1 else len(s.text))
            date = _pick_date(s, cues, seg[0], seg[1], men.start, men.end, skip, first=j == 0)
            if date is None and men.kind == "talks" and "مفاوض" in men.text:
                continue  # يدير المفاوضات مع الطرفين: negotiations are a process; a round of them has its day
            when = _When(date, s.index if date is not None else None, "", None)
            if date is not None and _travel_day(s.text, cues, men, date):
                month = date.value[:7] if date.value and len(date.value) == 10 else None
                when = _When(dataclasses.replace(date, value=month, precision="month" if month else None),
                             s.index, "month of the travel day (the meeting's own day is not given)", None)
            elif date is None:
                when = self.inherit(s, men, seg, here) or when
            self.mention(s, ms, men, when, seg, _future_at(s.text, men.start, quotes, cues), actors or [],
                         here)
        for d in s.dates:
            if d.basis in _ANCHOR_BASES and d.value and not d.quoted and len(d.value) == 10:
                self.anchors.append((s.index, d))
        # a sentence with no event of its own speaks of the latest one through a meeting noun or a count (looked for
        # only when there is a latest event)
        has_ref_noun = bool(here) or (self.latest is not None and cues.holds("ref_noun")
                                            and _REF_NOUN.search(s.text) is not None)
        # ... and its chairs through the name of its group (ويتولى ماكرون وستارمر ترؤس تحالف الراغبين)
        group_at = [m.start for m in ms if m.kind == "group" and self.latest is not None
                    and m.event_type == self.latest.event_type]
        if here or (self.latest is not None and (has_ref_noun or s.counts or group_at)):
            if actors is None:
                actors = _actors(s)
                quotes = _said_quotes(s.text, actors)
            self.attach(s, here, has_ref_noun, actors, quotes, group_at)

    @staticmethod
    def two_leaders(s: SentenceFacts, men: _Mention, actors: list[_Actor]) -> tuple[_Actor, _Actor] | None:
        """The meeting noun is followed by an official "and his counterpart" of another country (قمة الرئيس الأمريكي
        ترامب ونظيره الروسي بوتين): a meeting of those two, whatever format the article is about."""
        after = [a for a in actors if men.end <= a[0] <= men.end + 70 and a[3] in ("official", "demonym")]
        if not after or after[0][0] - men.end > 12:
            return None
        second = next((a for a in after if a[2] != after[0][2]), None)
        if second is None or _AND_COUNTERPART.search(s.text, after[0][1], second[0]) is None:
            return None
        return after[0], second

    def untyped(self, s: SentenceFacts, men: _Mention, actors: list[_Actor]) -> tuple[str, str, bool]:
        """(type, type basis, needs sides) of a meeting word that no format's name types: ministers or leaders of
        several countries meeting on Ukraine (another multilateral meeting, which the calendar may name), or two
        countries' officials in its clause (talks between them)."""
        i = s.index
        ukraine = any(self.on_ukraine(j) for j in (i - 1, i, i + 1) if 0 <= j < len(self._ukraine))
        if ukraine and _PLURAL_BODY.search(s.text, max(0, men.start - 40), men.end + 40):
            return "other_meeting", "described", False
        if ukraine and _HOSTS.search(s.text, max(0, men.start - 45), men.start):
            return "other_meeting", "described", False  # يستضيف ماكرون اجتماعا عن أوكرانيا: a host gathers many
        c0, c1 = _clause(s.text, men.start, self.cue)
        # officials, and the nationality of a title before it (وزيري الدفاع والخارجية الأميركيين)
        officials = {a[2] for a in actors if c0 <= a[0] < c1 and (a[3] == "official" or (
            a[3] == "demonym" and _TITLED_BEFORE.search(s.text, max(0, a[0] - 30), a[0])))}
        if _MANY_SIDES_ADJ.match(s.text, men.end):  # قمة دولية، اجتماع متعدد الأطراف: not two sides
            return ("other_meeting", "described", False) if ukraine else ("", "", False)
        if len(officials) >= 2:
            return "bilateral_meeting", "", True
        return "", "", False

    def inherit(self, s: SentenceFacts, men: _Mention, seg: tuple[int, int], here: _Here) -> _When | None:
        """The date of a mention that has none of its own but is tied to an event already read: on the sidelines of
        the event before it in the sentence (على هامش), or on the same day / that evening (في اليوم نفسه، مساء)."""
        side = self.cue.search("sideline", s.text, max(0, men.start - 160), men.start)
        if side is not None:
            main = next((h[0] for h in reversed(here) if h[1] >= side.end()), here[-1][0] if here else None)
            if main is not None and main.date is not None and main.date.value:
                return _When(main.date, main.date_sentence, _SIDELINE_BASIS, main)
        if self.cue.search("same_day", s.text, seg[0], seg[1]) is not None:
            before = [h[0] for h in here] + self.events[::-1]
            prev = next((e for e in before if e.date is not None and e.date.value and len(e.date.value) == 10), None)
            if prev is not None:
                return _When(prev.date, prev.date_sentence, "the day of the event reported before it", None)
            if before:  # the event before has no date yet (the lead, dated at the end): follow it
                return _When(None, None, "the day of the event reported before it", before[0])
        return None

    def mention(self, s: SentenceFacts, ms: list[_Mention], men: _Mention, when: _When,
                seg: tuple[int, int], future: bool, actors: list[_Actor], here: _Here) -> None:
        date = when.date
        noun = _noun_key(men.text)
        # زيارته (his visit) is definite too: the visit already reported, unless it says where it went
        definite = bool(_DEFINITE.match(men.text) or _HIS_VISIT.match(men.text)) \
            or _coref_before(s.text, men.start, self.cue)
        etype = men.event_type
        strong = bool(etype)  # the type is stated, not inferred from the article's topic
        if men.kind == "group_meeting" and etype in TOPIC_TYPES:
            self.topic = etype
        if men.kind in ("noun", "nato") and men.text.endswith("هما") and self.latest is not None \
                and self.latest.event_type in _SIDED and len(self.latest.parties()) == 2:
            return  # وخلال اجتماعهما بحث الوزيران: "their (two) meeting" is the talks of the two just reported
        type_basis = ""
        pair: tuple[_Actor, _Actor] | None = None
        if men.kind == "visit_verb" and _PLURAL_BODY.match(s.text, men.end + 1, men.end + 14):
            men = dataclasses.replace(men, kind="verb", event_type="")  # التقى وزراء الدفاع: they meet, not two sides
            etype, strong = "", False
        if men.kind == "visit_verb" and _ARRIVAL.search(men.text) \
                and not _arrives_at_place(s, men.end, bool(_HEADS.search(men.text))):
            return  # ليصل إلى الحلف بأكمله: reaching is not arriving somewhere
        trip = men.text.find("زيار")
        if men.kind == "visit_verb" and trip >= 0 and not _arrives_at_place(s, men.start + trip + 5) \
                and not _place_in(s, men.end + 1, men.end + 1):
            return  # زيارة وزير الدفاع إلى الحلف: a visit to a place (or of it: بزيارة كييف), or none
        needs_sides = men.kind in ("talks", "visit_verb")
        if men.kind in ("noun", "verb"):
            after = s.text[men.end : men.end + 25]
            groups = [m2 for m2 in ms if m2.kind == "group"]
            # "in the countries of the contact group", "under its umbrella": the frame, not who meets
            # (a clitic the group's name was read with is part of what comes before it: الدول الأعضاء بحلف الناتو)
            groups = [g for g in groups if not (_NATO_FRAME_BEFORE if g.event_type == "nato_meeting" else _FRAME_BEFORE)
                      .search(s.text, max(0, g.start - 16), g.start + _clitic_len(g.text))]
            group_here = min(groups, key=lambda g: abs(g.start - men.start)).event_type if groups else ""
            if not group_here and _MEMBER_MINISTERS.match(s.text, men.end, men.end + 40) \
                    and any(m2.kind == "group" and m2.event_type == "nato_meeting" for m2 in ms) \
                    and not _EU.search(s.text):
                group_here = "nato_meeting"  # في مقر الناتو ... يجتمع وزراء خارجية الدول الأعضاء: NATO's members
            pair = self.two_leaders(s, men, actors) if men.kind == "noun" and not group_here else None
            if pair is not None:
                etype, strong = "bilateral_meeting", True  # قمة ترامب ونظيره الروسي بوتين: those two are its sides
            elif _OF_THE_GROUP.match(after) and self.topic:
                etype, strong = self.topic, True
            elif not group_here and any(p.location == "Ramstein" for p in s.places):
                etype, strong, type_basis = "udcg_meeting", True, "described"  # ministers meet at Ramstein
            elif men.kind == "noun" and not group_here and _BETWEEN_MANY.match(s.text, men.end, men.end + 60):
                etype, strong, type_basis = "other_meeting", True, "described"  # اجتماع بين بايدن وحلفائه: many
            elif men.kind == "noun" and not group_here and ((_WITH_SIDE.match(after) and not definite
                                                            and not _WITH_MANY.match(s.text, men.end, men.end + 60))
                                                           or _BETWEEN_SIDES.match(s.text, men.end, men.end + 45)):
                etype, strong, needs_sides = "bilateral_meeting", True, True
            elif men.kind == "noun" and not group_here and not definite and "قمه" in men.text \
                    and not _EU.search(s.text) and any(m2.kind == "group" and m2.event_type == "nato_meeting"
                                                       for m2 in ms):
                etype, strong = "nato_meeting", True  # في قمة انعقدت في مدريد، اتفقت دول الحلف: NATO's
            else:
                # a group named beside an indefinite noun states the type (يعقد وزراء دفاع الاتحاد الأوروبي اجتماعا)
                etype, strong = group_here or self.topic or self.first_group, bool(group_here) and not definite
                if not etype and _DESCRIBED_UDCG.search(s.text):
                    etype, type_basis = "udcg_meeting", "described"
                elif not etype:
                    etype, type_basis, needs_sides = self.untyped(s, men, actors)
                if not etype and self.latest is not None and (definite or men.kind == "verb"):
                    etype = self.latest.event_type  # ستجتمع المجموعة، الاجتماع: the meeting reported before
                    type_basis = self.latest.type_basis
        if not etype:
            return
        habit = _HABITUAL.search(s.text[men.end : men.end + 45]) if self.cue.holds("habitual") else None
        generic = _GENERIC.search(s.text, max(0, men.start - 8), men.start)
        if men.kind in ("noun", "verb", "group_meeting", "nato") and (habit or generic):
            return  # اجتماعات شهرية، كل اجتماع للتحالف: a habit or a generic statement, not an event
        ref = self.reference(s, men, noun, etype, strong, definite, date, here)
        if ref is not None:
            ev = ref
            if ev.date is None and date is not None:
                ev.date, ev.date_sentence, ev.date_basis = date, when.sentence, when.basis
        else:
            ev = EventDraft(etype, s.index, Hit(men.start, men.end, men.text), noun, date=date,
                            date_sentence=when.sentence, date_basis=when.basis, future=future, type_basis=type_basis,
                            background=_is_background(s.text, men), needs_sides=needs_sides,
                            time_ref=bool(_TIME_REF_BEFORE.search(s.text, max(0, men.start - 12), men.start)))
            self.events.append(ev)
        if when.main is not None and when.basis == _SIDELINE_BASIS:
            ev.sideline_of = when.main
        if when.main is not None and when.date is None and ev.date is None:
            ev.same_day_as = when.main
        elif when.main is not None and ev.location is None and when.main.location is not None:
            ev.location, ev.location_sentence = when.main.location, when.main.location_sentence
        if ev.location is None and ev.event_type != "phone_call":
            at = _AT_NATO.search(s.text, men.end, men.end + 80) if self.cue.holds("at_nato") else None
            if at is not None and not _MEMBERSHIP_WORD.search(s.text[max(0, at.start() - 12) : at.start()]):
                # "يجتمع الوزراء في الناتو": at NATO, i.e. its headquarters in Brussels
                ev.location = PlaceHit(at.start(), at.end(), at.group(), "Brussels", "venue")
                ev.location_sentence = s.index
        if s.index not in ev.sentences:
            ev.sentences.append(s.index)
        if here and here[-1][0] is not ev and self.cue.search("sideline", s.text, max(0, men.start - 16), men.start):
            prev = here[-1][0]  # اجتماعا … على هامش قمة الناتو في لاهاي: the talks before were on its sidelines
            prev.sideline_of = prev.sideline_of or ev
            if prev.date is None and prev.same_day_as is None:
                prev.same_day_as = ev
        here.append((ev, men.start, men.end))
        self.latest = ev
        if ref is None and pair is not None:
            for a in pair:
                ev.add_role(Role(a[2], "party", a[3], s.index, a[4]))
        elif ref is None and (ev.event_type in ("phone_call", "bilateral_meeting") or needs_sides):
            self.sides(s, men, ev, seg, actors, here)

    def reference(self, s: SentenceFacts, men: _Mention, noun: str | None, etype: str, strong: bool, definite: bool,
                  date: DateHit | None, here: _Here) -> EventDraft | None:
        """The event already reported that this mention refers back to, if any."""
        ref: EventDraft | None = None
        prev = here[-1] if here else None
        if (men.kind in ("noun", "verb") and prev is not None and 0 <= men.start - prev[2] <= 30
                and not _CLAUSE_CUT.search(s.text, prev[2], men.start)
                and not (strong and prev[0].event_type != etype)  # الاجتماع بعد قمة ترامب ونظيره: another meeting
                and (date is None or prev[0].date is None or prev[0].date.value == date.value)):
            ref = prev[0]  # وزراء دفاع الناتو يعقدون اجتماعا: the noun right after a mention is that event
        elif men.kind == "group_meeting" or men.event_type:
            same = [e for e in self.events if e.event_type == etype]
            if same and (_coref_before(s.text, men.start, self.cue) or (definite and men.kind != "talks")):
                ref = next((e for e in reversed(same) if e.noun == noun), same[-1])
        else:
            cand = self.latest_with(noun)
            if cand is not None and cand.event_type == "phone_call" and noun != "اتصال":
                cand = next((e for e in reversed(self.events) if e.event_type != "phone_call"), None)
            if cand is not None and strong and cand.event_type != etype:
                cand = None
            if cand is not None and (definite or men.kind == "verb" or (date is None and etype != "bilateral_meeting")):
                ref = cand
        if (ref is not None and date is not None and ref.date is not None and ref.date.value != date.value
                and date.start - men.end <= _OWN_DATE_REACH):
            return None  # its own, different date: another event (not a date far on in the sentence, about else)
        if (ref is not None and date is not None and ref.date is not None and date.text != ref.date.text
                and not ref.background and _is_background(s.text, men)):
            return None  # آخر قمة عقدها في 6 يناير, after the meeting of Tuesday: the one before it
        # وتأتي زيارته في وقت تسعى فيه كندا إلى ...: "his visit", with no place of its own, is the one reported
        if ref is not None and ref.event_type in _SIDED and ref.parties() and not _HIS_VISIT.fullmatch(men.text):
            mine = {a[2] for a in _side_actors(s.text, self.cue, men, (0, len(s.text)), self.actors)}
            if mine and not (mine <= ref.parties() or ref.parties() <= mine):
                return None  # المكالمة مع بوتين after the call with Zelensky: another call
        return ref

    def sides(self, s: SentenceFacts, men: _Mention, ev: EventDraft, seg: tuple[int, int], actors: list[_Actor],
              here: _Here) -> None:
        """Parties of a call or talks: the actors of the mention's clause (for talks, those named after it). A call
        with a list of counterparts (أجرى محادثات هاتفية مع نظرائه الفرنسي والتركي والبريطاني) is one call each."""
        hi = min(_clause(s.text, men.start, self.cue)[1], seg[1])
        if men.kind in ("visit_verb", "talks", "call"):
            cut = max((c.start() for c in _COMMA_AND.finditer(s.text, seg[0], men.start + 2)), default=-1)
            # اتصل بـX وY، الأحد، واستقبل Z W: a new statement begins; so it does when someone is named between the
            # comma and the mention (لم يعلن مضمون مكالمة X وY، وذكرت الوكالة أن Z اتصل بـW)
            named = cut >= 0 and any(cut < a[0] < men.start and a[3] in ("official", "name") for a in actors)
            if cut >= 0 and ((men.kind != "call" and men.start - cut <= 3) or named):
                seg = (cut, seg[1])
        found = _side_actors(s.text, self.cue, men, seg, actors)
        cp = _COUNTERPARTS.search(s.text, men.end, men.end + 30) if ev.event_type == "phone_call" else None
        if cp is not None and not ev.roles:
            listed = [a for a in found if a[0] >= cp.start()]
            caller = [a for a in found if a[0] < men.start]
            if len({a[2] for a in listed}) >= 2 and len({a[2] for a in caller}) == 1:
                for k, a in enumerate(listed):
                    one = ev if k == 0 else dataclasses.replace(ev, roles=[], sentences=list(ev.sentences))
                    if k:
                        self.events.append(one)
                    one.add_role(Role(caller[0][2], "party", caller[0][3], s.index, caller[0][4]))
                    one.add_role(Role(a[2], "party", a[3], s.index, a[4]))
                return
        spoke_to = _SPOKE_TO.search(s.text, men.end, men.end + 80) if _SPOKE.match(men.text) and not ev.roles else None
        if spoke_to is not None:  # تحدثت رئيسة الوزراء إلى الرئيسين الأوكراني والفنلندي: one call with each
            speakers = {a[2]: a for a in found if a[0] < spoke_to.start()}
            heard = {a[2]: a for a in found if a[0] >= spoke_to.end() and a[2] not in speakers}
            if len(speakers) == 1 and len(heard) >= 2:
                (one_caller,) = speakers.values()
                for k, a in enumerate(heard.values()):
                    one = ev if k == 0 else dataclasses.replace(ev, roles=[], sentences=list(ev.sentences))
                    if k:
                        self.events.append(one)
                    one.add_role(Role(one_caller[2], "party", one_caller[3], s.index, one_caller[4]))
                    one.add_role(Role(a[2], "party", a[3], s.index, a[4]))
                return
        for a in found:
            ev.add_role(Role(a[2], "party", a[3], s.index, a[4]))
        if ev.event_type == "phone_call" and not ev.roles and s.index > 0 and _BETWEEN_THE_TWO.match(s.text, men.end):
            prev = self.sentences[s.index - 1]  # مكالمة هاتفية بين الرئيسين: the two named just before
            sides: dict[str, _Actor] = {}
            for a in _actors(prev):
                if a[3] == "official":
                    sides.setdefault(a[2], a)
            if len(sides) == 2:
                for a in sides.values():
                    ev.add_role(Role(a[2], "party", a[3], prev.index, a[4]))
        if ev.event_type == "phone_call" and len(ev.parties()) == 1 and _POSSESSIVE.search(men.text):
            owner = [a for a in actors if a[1] <= men.start and a[3] == "official" and a[2] not in ev.parties()]
            if owner:  # بعد مكالمته الهاتفية مع بوتين: "his" is the sentence's subject
                ev.add_role(Role(owner[0][2], "party", owner[0][3], s.index, owner[0][4]))
        if ev.event_type == "bilateral_meeting" and men.kind == "talks" and len(ev.parties()) < 2:
            ev.event_type = "other_meeting"
        if men.kind == "visit_verb" and ev.location is None:  # وصل إلى كييف، زار لندن: where the visit is
            near = [p for p in s.places if men.start <= p.start < min(hi, men.end + 110) and p.via != "online"]
            to = [p for p in near if re.search(r"(?:الي|ل)\s*$", s.text[max(0, p.start - 5) : p.start])
                  or p.text.startswith("ل")]
            dest = next(iter(to or near), None)  # وصل إلى فيلنيوس قادما من بوخارست: where he went
            if dest is not None:
                ev.location, ev.location_sentence = dest, s.index
        if men.kind == "visit_verb" and _TO_ATTEND.search(s.text, men.end, hi + 40):
            ev.roles.clear()  # يصل إلى ألمانيا لعقد اجتماع مع حلفاء كييف: the trip is for that meeting
        # the other side may be an institution's office-holder (NATO's secretary general visits Kyiv): one country
        # and that office-holder are two sides, though only the country is a party
        institution = len(ev.parties()) == 1 and any(
            not o.iso3 and men.start - 100 <= o.start <= men.end + 100 for o in s.officials) \
            and not any(o.kind not in ("group", "visit_verb") for o in self.mentions[s.index])  # (nor beside a meeting)
        if (men.kind == "visit_verb" or _SPOKE.match(men.text)) and len(ev.parties()) < 2 and not institution:
            self.events.remove(ev)  # "استقبل" with one side named is not talks we can place
            here.pop()
            self.latest = self.events[-1] if self.events else None

    def attach(self, s: SentenceFacts, here: _Here, has_ref_noun: bool, actors: list[_Actor],
               quotes: list[tuple[int, int]], group_at: Sequence[int] = ()) -> None:
        """Roles, attendance counts, places and meeting numbers stated in the sentence; ``group_at``: where the
        sentence names the group of the latest event (its chairs are that meeting's)."""
        def target(pos: int) -> EventDraft | None:
            if here:
                return min(here, key=lambda h: abs(h[1] - pos))[0]
            return self.latest

        # roles need a country to give them to, and an event of the sentence or a meeting noun that refers to one: no
        # actor or no such event, no cue scan (the scans are the costly part of this step)
        cues = self.cue
        roles = bool(actors) and (bool(here) or has_ref_noun)
        for m in (cues.finditer("chair", s.text) if roles or (actors and group_at) else ()):
            if _inside(m.start(), quotes) or re.search(r"(?:لم|لا|لن)\s*$", s.text[max(0, m.start() - 5) : m.start()]):
                continue
            if _NO_AGENT.search(s.text, max(0, m.start() - 10), m.start()):
                continue  # من المقرر عقدها، يتم تنظيمه: it is to be held, nobody named holds it
            ev = target(m.start())
            if ev is None or ev.event_type in ("phone_call", "bilateral_meeting"):
                continue  # (two sides talk: neither chairs)
            of_group = any(m.end() <= g <= m.end() + 12 for g in group_at)  # ترؤس تحالف الراغبين
            if not (here or has_ref_noun or of_group):
                continue
            if (not here and not of_group and not _MEETING_WORD.search(s.text, m.end(), m.end() + 30)
                    and not _RELATIVE.search(s.text, max(0, m.start() - 12), m.start())):
                continue
            if cues.search("former", s.text, m.end(), m.end() + 40):
                continue  # كانت تترأسها الولايات المتحدة في السابق: a former chair
            for a in _role_targets(s.text, cues, actors, m.start(), m.end(), subject_only=of_group):
                ev.add_role(Role(a[2], "chair", a[3], s.index, a[4]))
        if not (here or has_ref_noun or s.counts):
            return  # read for the chairs of the group named only
        for m in (cues.finditer("convene", s.text) if actors and here else ()):
            ev = target(m.start())
            c0, _ = _clause(s.text, m.start(), cues)
            subject = [a for a in actors if c0 <= a[0] and a[1] <= m.start() and a[3] in ("official", "name")
                       and not _inside(a[0], quotes)]
            if ev is not None and here and subject and ev.event_type not in _SIDED:
                a = subject[-1]  # أوستن سيعقد اجتماعا: the one named before the verb convenes it
                ev.add_role(Role(a[2], "chair", a[3], s.index, a[4]))
        for m in (cues.finditer("absent", s.text) if roles else ()):
            ev = target(m.start())
            if _inside(m.start(), quotes) or ev is None or not (here or has_ref_noun):
                continue
            # أشارت فرنسا إلى أنه لن يحضر: the reporter is not who stays away (a host who says he hosted is)
            for a in _role_targets(s.text, cues, actors, m.start(), m.end(), reported_skip=True)[:3]:
                ev.add_role(Role(a[2], "absent", a[3], s.index, a[4]))
        members = [m.end() for m in cues.finditer("membership", s.text)] if s.counts else []
        attend = bool(s.counts) and cues.search("attend", s.text) is not None
        for c in s.counts:
            if any(0 <= c.start - e <= 12 for e in members):
                continue  # مجموعة من نحو 50 دولة: the group's size, not this meeting's attendance
            ev = target(c.start) if (here or attend or has_ref_noun) else None
            if ev is not None and ev.count is None and ev.event_type != "phone_call":
                ev.count, ev.count_sentence = c, s.index
        located: set[int] = set()
        for p in sorted(s.places, key=lambda p: (not any(h[2] <= p.start for h in here), p.start)):
            before = s.text[max(0, p.start - 6) : p.start]
            if (p.via != "online" and not re.search(r"(?:في|ب|داخل)\s*$", before) and not p.text.startswith(("ب", "في"))
                    and not _HOST_BEFORE.search(s.text, max(0, p.start - 14), p.start)
                    and not _IN_THE_CAPITAL.search(s.text, max(0, p.start - 30), p.start)):
                continue  # "to Kyiv" is not where the meeting is; تستضيف أنقرة القمة، في العاصمة الإسبانية مدريد are
            earlier = [h for h in here if h[2] <= p.start]
            ev = earlier[-1][0] if earlier else target(p.start)
            if ev is not None and ev.location is None and ev.event_type != "phone_call" and id(ev) not in located:
                ev.location, ev.location_sentence = p, s.index
                located.add(id(ev))
        for o in s.ordinals:
            ev = target(o.start)
            if ev is not None and ev.meeting_number is None and here:
                ev.meeting_number = getattr(o, "value", None)

    def place_from_article(self, events: list[EventDraft]) -> None:
        """A meeting (of many, or of two: not a call) whose sentence names no place, in an article that names one
        meeting place only (في قاعدة رامشتاين in another sentence, في مقر الحلف، مؤتمر صحفي مشترك في وارسو): that
        place."""
        places = [(s.index, p) for s in self.sentences for p in s.places
                  if p.via != "online" and (p.text.startswith(("ب", "في"))
                                            or re.search(r"(?:في|ب)\s*$", s.text[max(0, p.start - 6) : p.start]))]
        if len({p.location for _, p in places}) != 1:
            return
        for ev in events:
            if ev.location is None and ev.event_type != "phone_call":
                ev.location_sentence, ev.location = places[0]

    def _prose_before(self, index: int) -> int:
        """How many sentences of prose come before sentence ``index``: a page's address, its date line or an agency
        byline (three words or fewer) is not one."""
        return sum(len(s.text.split()) > 3 for s in self.sentences[:index])

    def finish(self, published_iso: str | None) -> list[EventDraft]:
        """Merge mentions of one event, drop what cannot be placed, date the lead event."""
        published = dt.date.fromisoformat(published_iso) if published_iso else None
        merged: list[EventDraft] = []
        for ev in self.events:
            for keep in merged:
                if _compatible(keep, ev, published):
                    _merge_into(keep, ev, published)
                    break
            else:
                merged.append(ev)
        # talks known only as "the talks with X": no date, fewer than two sides -> not an event we can place
        merged = [e for e in merged if not (e.event_type in ("bilateral_meeting", "other_meeting") and e.date is None
                                            and e.same_day_as is None and e.needs_sides and len(e.parties()) < 2)]
        if merged:
            lead = min(merged, key=lambda e: e.sentence)
            if (lead.date is None or lead.date.value is None) and not lead.future and not lead.background \
                    and self._prose_before(lead.sentence) <= _LEAD_PROSE:
                prior = [(i, d) for i, d in self.anchors if i <= lead.sentence]
                # صدر البيان بعد يومين من اتصال هاتفي: the call is two days before the day the text is about
                shift = _day_shift(self.sentences[lead.sentence].text, lead.trigger.start)
                if prior:
                    lead.date_sentence, lead.date = prior[-1]
                    lead.date_basis = f"nearest day before it in the text ({lead.date.basis})"
                    if shift and lead.date.value and len(lead.date.value) == 10:
                        lead.date = dataclasses.replace(lead.date, value=_days_on(lead.date.value, shift),
                                                        offset_days=None)
                        lead.date_basis += _shift_basis(shift)
                elif published_iso:
                    lead.date_basis = FALLBACK_DATE_BASIS + (_shift_basis(shift) if shift else "")
                    lead.fallback_date = _days_on(published_iso, shift)
        # "talks between the two ministers" with no date, and a call between the same two: the call
        calls = [e.parties() for e in merged if e.event_type == "phone_call" and len(e.parties()) >= 2]
        merged = [e for e in merged if not (e.event_type in ("bilateral_meeting", "other_meeting") and e.date is None
                                            and e.needs_sides and e.parties() and e.parties() in calls)]
        self.place_from_article(merged)
        for ev in merged:
            named = {r.iso3 for r in ev.roles if r.role == "party" and r.via == "official"}
            if ev.event_type == "bilateral_meeting" and len(ev.parties()) >= 3 \
                    and (ev.noun is not None or (_MEETS.match(ev.trigger.text) and len(named) >= 3)):
                # مع نظيرته الألمانية ونظيره البولندي، سيلتقي في لندن الرؤساء X وY وZ: three sides are not two (to
                # meet three named office-holders; a visit or an arrival of several is left as it is)
                ev.event_type = "other_meeting"
            side = ev.sideline_of  # على هامش قمة الناتو في لاهاي: the talks were there too
            if ev.location is None and side is not None and side is not ev and side.location is not None:
                ev.location, ev.location_sentence = side.location, side.location_sentence
            main = ev.same_day_as
            if ev.date is None and main is not None and main is not ev:
                ev.date, ev.date_sentence, ev.fallback_date = main.date, main.date_sentence, main.fallback_date
                ev.date_basis = "the day of the event reported before it"
            if ev.date is not None and not ev.date_basis:
                ev.date_basis = ev.date.basis
        return merged


def build_events(sentences: list[SentenceFacts], published_iso: str | None) -> list[EventDraft]:
    """Event drafts of one article (``sentences`` in reading order)."""
    reader = _Reader(sentences)
    for s, ms, cues in zip(sentences, reader.mentions, reader.cues, strict=True):
        reader.read(s, ms, cues)
    return reader.finish(published_iso)
