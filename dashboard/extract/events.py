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

import re
from dataclasses import dataclass, field

from .cues import LETTER, cue_regex, trigger_regex
from .types import CountHit, CountryHit, DateHit, Hit, OfficialHit, PlaceHit

__all__ = ["SentenceFacts", "EventDraft", "Role", "build_events"]

GROUP_TYPES = ("udcg_meeting", "coalition_meeting", "armaments_meeting", "nato_meeting")

# adjectives and ordinals allowed between a meeting noun and the group it belongs to
_BETWEEN = re.compile(
    r"^(?:\s+(?:ال)?(?:اخير|اخيره|قادم|قادمه|مقبل|مقبله|دوري|شهري|طارئ|استثنائي|مرتقب|اول|اولي|ثاني|ثالث|رابع|خامس|"
    r"جديد|افتراضي|وزاري|حادي|عاشر|عشرين|ثلاثين|[\u0621-\u064a]+(?:ون|ين))|\s+ال\s?\d+|\s+\d+)*\s*$"
)
_DEFINITE = re.compile(r"^(?:[وف])?(?:[بلك])?(?:ال|ل(?=ل))")
_QUOTE_PAIRS = re.compile(r'"[^"]*"')
_CLAUSE_CUT = re.compile(r"،?\s*(?:فيما|بينما|في حين|في المقابل|لكن|غير ان)\s|؛|:")
_JOINER = re.compile(r"^[\s،,]*(?:و|مع|و ?مع|ومع|،)?\s*$")
_NOUN_KEY = {
    "اجتماع": "اجتماع", "قمه": "قمه", "قمت": "قمه", "لقاء": "لقاء", "مؤتمر": "مؤتمر", "جلس": "جلسه",
    "اتصال": "اتصال", "مكالم": "اتصال", "محادث": "محادثه", "مباحث": "محادثه",
}
_FUTURE_VERB = re.compile(rf"(?<![{LETTER}])(?:و|ف)?س(?:ي|ت|ن)(?:[\u0621-\u064a]{{3,}})(?![{LETTER}])")
_NOT_FUTURE_VERB = re.compile(r"^(?:و|ف)?(?:سياس|سيطر|سيار|ستار|سنو|سنه|سنوات|ستين|ستون|سيد|سيف|سيناري|سيول|ستراتيج)")
# A cheap gate before the trigger regex: every trigger contains one of these stems (a literal alternation, which the
# regex engine scans fast). tests/test_events_unit.py checks the gate against every trigger pattern.
_HINT = re.compile(
    "اجتماع|قم[هت]|لقاء|مؤتمر|جلس|دوره|مجموع|تحالف|ائتلاف|تسل|مجلس|لجنه|وزراء|وزيرات|اتصال|اتصل|مكالم|محادث|مباحث|"
    "هاتف|التق|استقبل|جتمع|لتقي|عقد|رام|udcg|ramstein"
)
_AT_NATO = re.compile(r"(?<![\u0621-\u064a])في (?:مقر )?(?:حلف )?(?:الناتو|شمال الاطلسي)(?![\u0621-\u064a])")
_MEMBERSHIP_WORD = re.compile(r"(?:عضويه|انضمام|اعضاء|عضو|عضوا|دول|حلفاء|شركاء|شريك)\s*\S*\s*$")
_HABITUAL = re.compile(r"^\s*(?:ال)?(?:شهري|دوري|منتظم|سنوي|اسبوعي|متكرر)")
_PRESS = re.compile(r"^\s*(?:ال)?صحف(?:ي|يا|يه)")


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


def find_mentions(sentence: str) -> list[_Mention]:
    """Trigger mentions in one sentence, longest first where they overlap, in order."""
    if not _HINT.search(sentence):
        return []
    regex, rules = trigger_regex()
    out: list[_Mention] = []
    for m in regex.finditer(sentence):
        rule = rules[int(m.lastgroup[1:])] if m.lastgroup else None
        if rule is None or m.end() == m.start():
            continue
        men = _Mention(rule.kind, rule.event_type, m.start(), m.end(), m.group())
        if men.kind == "noun" and _PRESS.match(sentence[men.end :]):
            continue  # مؤتمر صحفي: a press conference is not a meeting
        out.append(men)
    # a meeting noun (or verb) right before a group: one mention of that group's meeting
    merged: list[_Mention] = []
    i = 0
    while i < len(out):
        cur = out[i]
        nxt = out[i + 1] if i + 1 < len(out) else None
        if cur.kind in ("noun", "verb") and nxt is not None and nxt.kind == "group":
            gap = sentence[cur.end : nxt.start]
            if _BETWEEN.match(gap) or (cur.kind == "verb" and len(gap.split()) <= 3):
                merged.append(_Mention("group_meeting", nxt.event_type, cur.start, nxt.end, sentence[cur.start : nxt.end]))
                i += 2
                continue
        if cur.kind == "group" and re.match(r"^(?:اجتماع|قمه)", cur.text.split()[0].lstrip("وفبلك")):
            cur = _Mention("group_meeting", cur.event_type, cur.start, cur.end, cur.text)
        merged.append(cur)
        i += 1
    return merged


def _in_quotes(sentence: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTE_PAIRS.finditer(sentence)]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < pos < e for s, e in spans)


def _since_dates(sentence: str, dates: list[DateHit]) -> set[int]:
    """Indexes of dates that start a period (منذ …) rather than date an event."""
    out: set[int] = set()
    since = [m.end() for m in cue_regex("since").finditer(sentence)]
    for i, d in enumerate(dates):
        for end in since:
            if 0 <= d.start - end <= 80 and "،" not in sentence[end : d.start]:
                out.add(i)
    return out


def _is_future(sentence: str) -> bool:
    if cue_regex("future").search(sentence):
        return True
    for m in _FUTURE_VERB.finditer(sentence):
        if not _NOT_FUTURE_VERB.match(m.group()):
            return True
    return False


def _actors(s: SentenceFacts) -> list[tuple[int, int, str, str, Hit]]:
    """Countries acting in the sentence: officials (with a country), then names, capitals and institutions not inside
    an official's span. Demonyms alone (الغزو الروسي) are not actors. (start, end, iso3, via, hit), in order."""
    out: list[tuple[int, int, str, str, Hit]] = []
    for o in s.officials:
        if o.iso3 and len(o.iso3) == 3:
            out.append((o.start, o.end, o.iso3, "official", o))
    for c in s.countries:
        if c.via == "demonym":
            continue
        if any(a[0] <= c.start < a[1] for a in out):
            continue
        out.append((c.start, c.end, c.iso3, c.via, c))
    out.sort(key=lambda a: a[0])
    return out


def _clause(sentence: str, pos: int) -> tuple[int, int]:
    start, end = 0, len(sentence)
    for m in _CLAUSE_CUT.finditer(sentence):
        if m.end() <= pos:
            start = m.end()
        elif m.start() > pos:
            end = m.start()
            break
    return start, end


def _chain_after(sentence: str, actors: list[tuple[int, int, str, str, Hit]], pos: int, limit: int
                 ) -> list[tuple[int, int, str, str, Hit]]:
    """The first actor within ``limit`` characters after ``pos``, and those joined to it by و / مع / ،."""
    chain: list[tuple[int, int, str, str, Hit]] = []
    for a in actors:
        if a[0] < pos:
            continue
        if not chain:
            if a[0] - pos > limit:
                break
            chain.append(a)
            continue
        gap = sentence[chain[-1][1] : a[0]]
        if len(gap) <= 12 and _JOINER.match(gap):
            chain.append(a)
        else:
            break
    return chain


def _actor_before(sentence: str, actors: list[tuple[int, int, str, str, Hit]], pos: int, floor: int
                  ) -> list[tuple[int, int, str, str, Hit]]:
    before = [a for a in actors if floor <= a[0] and a[1] <= pos]
    return before[-1:] if before else []


_MEETING_BEFORE_RELATIVE = re.compile(
    r"(?:اجتماع|قمه|لقاء|مؤتمر|محادثات|جلسه)[\u0621-\u064a]*(?:\s+[\u0621-\u064a]+)?\s*(?:الذي|التي)\s*$")
_RELATIVE = re.compile(r"(?:الذي|التي|اللذان|اللتان|الذين|اللذين|اللتين)\s*$")


def _role_targets(sentence: str, actors: list[tuple[int, int, str, str, Hit]], cue_start: int, cue_end: int
                  ) -> list[tuple[int, int, str, str, Hit]]:
    """Who a chair/absent cue is about: a relative clause's antecedent (X، التي ترأست … مع Y), else the actors after
    the cue (VSO: ستستضيف فرنسا), else the nearest actor before it in the clause (SVO)."""
    c0, c1 = _clause(sentence, cue_start)
    head = sentence[max(c0, cue_start - 12) : cue_start]
    if _RELATIVE.search(head) and not _MEETING_BEFORE_RELATIVE.search(sentence[max(c0, cue_start - 40) : cue_start]):
        before = _actor_before(sentence, actors, cue_start, c0)
        after = [a for a in _chain_after(sentence, actors, cue_end, 40) if a[1] <= c1]
        with_mit = [a for a in after if re.search(r"مع\s*$", sentence[max(cue_end, a[0] - 6) : a[0]])]
        return before + with_mit
    after = [a for a in _chain_after(sentence, actors, cue_end, 40) if a[1] <= c1]
    if after:
        return after
    return _actor_before(sentence, actors, cue_start, c0)


def _nonfactual(sentence: str, start: int) -> bool:
    window = sentence[max(0, start - 30) : start]
    return any(m.end() >= len(window) - 22 for m in cue_regex("nonfact").finditer(window))


def _coref_before(sentence: str, start: int) -> bool:
    window = sentence[max(0, start - 8) : start]
    return bool(re.search(r"(?:هذا|هذه|ذلك|تلك|نفس|ذات)\s*$", window))


_REF_NOUN = re.compile(r"(?<![\u0621-\u064a])(?:[وفبل])?(?:ال|لل)(?:اجتماع|قمه|لقاء|محادثات|مؤتمر)")
_BARRIER = re.compile(r"(?<![\u0621-\u064a])(?:وهي|وهو|التي|الذي|اللذين|حيث|بعد ان|قبل ان|عندما|حين)(?![\u0621-\u064a])")


def _pick_date(s: SentenceFacts, seg_start: int, seg_end: int, trig_start: int, trig_end: int, skip: set[int],
               first: bool) -> DateHit | None:
    """The date of a mention: the nearest after it in its segment, unless a relative clause (وهي، الذي، بعد أن…) comes
    between; a date before it only for the sentence's first mention."""
    best: DateHit | None = None
    best_d = 10**9
    for i, d in enumerate(s.dates):
        if i in skip or not (seg_start <= d.start < seg_end):
            continue
        if d.start >= trig_end:
            if _BARRIER.search(s.text, trig_end, d.start):
                continue
            dist = d.start - trig_end
        elif d.end <= trig_start and first:
            dist = (trig_start - d.end) + 15
        else:
            continue
        if dist < best_d:
            best, best_d = d, dist
    return best


def _compatible_dates(a: EventDraft, b: EventDraft) -> bool:
    if a.date is None or b.date is None or a.date.value is None or b.date.value is None:
        return True
    va, vb = a.date.value, b.date.value
    n = min(len(va), len(vb))
    return va[:n] == vb[:n]


def _compatible(a: EventDraft, b: EventDraft) -> bool:
    if a.event_type != b.event_type or not _compatible_dates(a, b):
        return False
    if a.event_type in ("phone_call", "bilateral_meeting", "other_meeting"):
        pa, pb = a.parties(), b.parties()
        if pa and pb and not (pa <= pb or pb <= pa):
            return False
    if a.location and b.location and a.location.location != b.location.location:
        return "Virtual" in (a.location.location, b.location.location)
    return True


def _merge_into(keep: EventDraft, other: EventDraft) -> None:
    if (keep.date is None or keep.date.value is None) and other.date is not None:
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
    for r in other.roles:
        keep.add_role(r)
    keep.sentences = sorted(set(keep.sentences) | set(other.sentences))
    keep.future = keep.future and other.future


def build_events(sentences: list[SentenceFacts], published_iso: str | None) -> list[EventDraft]:
    """Event drafts of one article (``sentences`` in reading order)."""
    mentions = [find_mentions(s.text) for s in sentences]
    # the article's topic format at each point: the latest group named before, else the first named after
    first_group = next((m.event_type for ms in mentions for m in ms
                        if m.kind in ("group", "group_meeting") and m.event_type in GROUP_TYPES[:3]), "")
    topic = ""
    events: list[EventDraft] = []
    latest: EventDraft | None = None
    anchors: list[tuple[int, DateHit]] = []  # day-anchors (اليوم، أمس، a weekday) by sentence

    def latest_with(noun: str | None) -> EventDraft | None:
        if noun is not None:
            for ev in reversed(events):
                if ev.noun == noun:
                    return ev
        return latest

    for s, ms in zip(sentences, mentions, strict=True):
        quotes = _in_quotes(s.text)
        skip = _since_dates(s.text, s.dates)
        future = _is_future(s.text)
        actors = _actors(s)
        here: list[tuple[EventDraft, int, int]] = []  # events mentioned in this sentence with their trigger span
        evm = [m for m in ms if m.kind != "group"]  # mentions that can be events cut the sentence into segments
        for k, men in enumerate(ms):
            j = evm.index(men) if men in evm else -1
            seg_start = evm[j - 1].end if j > 0 else 0
            seg_end = evm[j + 1].start if 0 <= j < len(evm) - 1 else len(s.text)
            if men.kind == "group":
                if men.event_type in GROUP_TYPES[:3]:
                    topic = men.event_type
                continue
            if _inside(men.start, quotes) and men.kind not in ("group_meeting",):
                continue
            if _nonfactual(s.text, men.start):
                continue
            noun = _noun_key(men.text)
            date = _pick_date(s, seg_start, seg_end, men.start, men.end, skip, first=j == 0)
            definite = bool(_DEFINITE.match(men.text)) or _coref_before(s.text, men.start)
            # what type is it?
            etype = men.event_type
            strong = bool(etype)  # the type is stated, not inferred from the article's topic
            if men.kind == "group_meeting" and etype in GROUP_TYPES[:3]:
                topic = etype
            if men.kind in ("noun", "verb"):
                after = s.text[men.end : men.end + 25]
                group_here = next((m2.event_type for m2 in ms if m2.kind == "group"), "")
                if re.match(r"^\s*(?:ال)?(?:قادم|مقبل|اخير|مرتقب)?\s*(?:لل|ل|ال)مجموعه", after) and topic:
                    etype, strong = topic, True
                elif men.kind == "noun" and re.match(r"^\s*مع\s", after) and not definite and not group_here:
                    etype, strong = "bilateral_meeting", True
                else:
                    etype = group_here or topic or first_group
            if not etype:
                continue
            if men.kind == "noun" and _HABITUAL.match(s.text[men.end :]):
                continue  # اجتماعات شهرية: a habit, not an event
            # a reference back to an event already reported?
            ref: EventDraft | None = None
            if men.kind == "group_meeting" or men.event_type:
                same = [e for e in events if e.event_type == etype]
                if same and (_coref_before(s.text, men.start) or (definite and men.kind != "talks")):
                    ref = next((e for e in reversed(same) if e.noun == noun), same[-1])
            else:
                cand = latest_with(noun)
                if cand is not None and cand.event_type == "phone_call" and noun != "اتصال":
                    cand = next((e for e in reversed(events) if e.event_type != "phone_call"), None)
                if cand is not None and strong and cand.event_type != etype:
                    cand = None
                if cand is not None and (definite or men.kind == "verb" or (date is None and etype != "bilateral_meeting")):
                    ref = cand
                    etype = cand.event_type
            if ref is not None and date is not None and ref.date is not None and (ref.date.value or "") != (date.value or ""):
                ref = None  # its own, different date: another event
            is_ref = ref is not None
            if ref is not None:
                ev = ref
                if ev.date is None and date is not None:
                    ev.date, ev.date_sentence = date, s.index
            else:
                ev = EventDraft(etype, s.index, Hit(men.start, men.end, men.text), noun, date=date,
                                date_sentence=s.index if date else None, future=future)
                events.append(ev)
            if ev.location is None and ev.event_type != "phone_call":
                at = _AT_NATO.search(s.text, men.end, men.end + 80)
                if at is not None and not _MEMBERSHIP_WORD.search(s.text[max(0, at.start() - 12) : at.start()]):
                    # "يجتمع الوزراء في الناتو": at NATO, i.e. its headquarters in Brussels
                    ev.location = PlaceHit(at.start(), at.end(), at.group(), "Brussels", "venue")
                    ev.location_sentence = s.index
            if s.index not in ev.sentences:
                ev.sentences.append(s.index)
            here.append((ev, men.start, men.end))
            latest = ev
            # parties of calls and talks: the actors of the mention's clause
            if ev.event_type in ("phone_call", "bilateral_meeting", "other_meeting") and not is_ref:
                c0, c1 = _clause(s.text, men.start)
                lo, hi = max(c0, seg_start), min(c1, seg_end)
                if men.kind == "talks":  # the sides named after it: محادثات بين X و Y / مع Y
                    lo, hi = men.end, min(hi, men.end + 60)
                for a in actors:
                    if lo <= a[0] < hi and (a[3] in ("official", "capital", "institution")
                                            or re.search(r"(?:بين|مع|و|ب)\s*$", s.text[max(0, a[0] - 5) : a[0]])):
                        ev.add_role(Role(a[2], "party", a[3], s.index, a[4]))
                if ev.event_type == "bilateral_meeting" and men.kind == "talks" and len(ev.parties()) < 2:
                    ev.event_type = "other_meeting"
        for d in s.dates:
            if d.basis in ("today", "yesterday", "weekday", "today_weekday", "yesterday_weekday") and d.value \
                    and not d.quoted and len(d.value) == 10:
                anchors.append((s.index, d))
        has_ref_noun = bool(here) or bool(_REF_NOUN.search(s.text))
        if not (here or (latest is not None and (has_ref_noun or s.counts))):
            continue  # nothing in this sentence can speak of an event

        # which event do the sentence's cues speak of?
        def target(pos: int) -> EventDraft | None:
            if here:
                return min(here, key=lambda h: abs(h[1] - pos))[0]
            return latest
        for m in cue_regex("chair").finditer(s.text):
            if _inside(m.start(), quotes) or re.search(r"(?:لم|لا|لن)\s*$", s.text[max(0, m.start() - 5) : m.start()]):
                continue
            ev = target(m.start())
            if ev is None or not (here or has_ref_noun):
                continue
            if not here and not re.search(r"(?:ال)?(?:اجتماع|قمه|لقاء|محادثات|مؤتمر|جلسه)", s.text[m.end() : m.end() + 30]) \
                    and not _RELATIVE.search(s.text[max(0, m.start() - 12) : m.start()]):
                continue
            for a in _role_targets(s.text, actors, m.start(), m.end()):
                ev.add_role(Role(a[2], "chair", a[3], s.index, a[4]))
        for m in cue_regex("absent").finditer(s.text):
            if _inside(m.start(), quotes):
                continue
            ev = target(m.start())
            if ev is None or not (here or has_ref_noun):
                continue
            for a in _role_targets(s.text, actors, m.start(), m.end())[:3]:
                ev.add_role(Role(a[2], "absent", a[3], s.index, a[4]))
        # attendance counts
        members = [m.end() for m in cue_regex("membership").finditer(s.text)]
        attend = bool(cue_regex("attend").search(s.text))
        for c in s.counts:
            if any(0 <= c.start - e <= 12 for e in members):
                continue
            ev = target(c.start) if (here or attend or has_ref_noun) else None
            if ev is not None and ev.count is None and ev.event_type not in ("phone_call",):
                ev.count, ev.count_sentence = c, s.index
        # places: "in X" / "at NATO headquarters" / online
        for p in s.places:
            if not (here or has_ref_noun):
                break
            before = s.text[max(0, p.start - 6) : p.start]
            if p.via != "online" and not re.search(r"(?:في|ب|داخل)\s*$", before) and not p.text.startswith(("ب", "في")):
                continue
            ev = target(p.start)
            if ev is not None and ev.location is None and ev.event_type != "phone_call":
                ev.location, ev.location_sentence = p, s.index
        for o in s.ordinals:
            ev = target(o.start)
            if ev is not None and ev.meeting_number is None and here:
                ev.meeting_number = getattr(o, "value", None)
    # merge mentions of one event
    merged: list[EventDraft] = []
    for ev in events:
        for keep in merged:
            if _compatible(keep, ev):
                _merge_into(keep, ev)
                break
        else:
            merged.append(ev)
    # talks known only as "the talks with X": no date, fewer than two sides -> not an event we can place
    merged = [e for e in merged if not (e.event_type in ("bilateral_meeting", "other_meeting") and e.date is None
                                        and len(e.parties()) < 2)]
    # the lead event without a date: the latest day-anchor before it, else the publication date
    if merged:
        lead = min(merged, key=lambda e: e.sentence)
        if (lead.date is None or lead.date.value is None) and not lead.future and lead.sentence <= 3:
            prior = [d for i, d in anchors if i <= lead.sentence]
            if prior:
                lead.date, lead.date_sentence = prior[-1], None
                lead.date_basis = f"nearest day before it in the text ({prior[-1].basis})"
            elif published_iso:
                lead.date_basis = "publication date (no date in the text)"
                lead.fallback_date = published_iso
    for ev in merged:
        if ev.date is not None and not ev.date_basis:
            ev.date_basis = ev.date.basis
    return merged
