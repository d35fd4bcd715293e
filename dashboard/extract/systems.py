"""What is given: weapon systems and equipment types named in a sentence, who gives them and in what state the gift
is; and the kind of aid (military, financial, humanitarian) an amount of money is.

Word lists are data: ``data/systems.csv`` (systems, categories, makers, Arabic and Latin spellings; Russian systems
marked ``hostile``) and ``data/system_cues.csv`` (head nouns, vague quantities, status / attack / aid cues, amount
categories). Everything runs on the matching copy of one sentence (``normalize.norm``); hits index into it.

- ``find_systems(sentence)``: every system named, with the head noun before it ("منظومة باتريوت"، "صواريخ من طراز
  ميكا") and its quantity ("30 دبابة" -> 30, "بثلاثة أنظمة باتريوت" -> 3, "عشرات المسيرات" -> dozens). All spellings
  are one trie-shaped regular expression, tried only where a spelling's first word starts; a gate on the sentence's
  set of words (shared with the country matcher) stops sentences that cannot name a system before any regex runs.
- ``describe(sentence, hits, countries, officials)``: status (pledged / delivered / requested / discussed, from the
  nearest cue), the giver (a country adjective right after the name, else the nearest country, official or stand-in
  before it, else after it; never Ukraine, Russia or a receiver after لـ / إلى), and the negatives: a Russian system,
  and a system whose nearest cue is a strike or a destruction, is not aid.
- ``article_systems(sentences)``: the same for a whole article; a pledged or delivered system in a sentence that
  names no giver takes the one country of the sentences just before it ("Macron announced a package ... It includes
  MILAN missiles").
- ``amount_category(sentence, start, end)``: military / financial / humanitarian / mixed / unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import NamedTuple

from .lexicon import read_table, split_variants
from .memo import per_article
from .normalize import norm
from .numbers import FRACTION_PATTERN, FRACTIONS, NUMBER_PATTERN, NUMBER_WORDS, SCALES, parse_matched, scale_of
from .numbers import SCALE_PATTERN as _SCALE
from .places import find_countries, sentence_words
from .types import CountryHit, Hit, OfficialHit

__all__ = ["SystemHit", "amount_category", "arabic_names", "article_systems", "describe", "find_systems"]

AR = "\u0621-\u064a"
_B = f"{AR}a-z0-9"  # what may not touch a name on either side
_PRE = "(?:[وف]?(?:بال|كال|لل|ال|[بلك])?)"
_SUFFIX = "(?:هما|هم|ها|نا|ه)?"
_SEP = r"[\s\-/]*(?:ال)?"  # between the words of a spelling: space, hyphen or nothing, and the article
_WS = re.compile(r"\s+")
#: donors never: the receiver and the attackers
NOT_DONOR = frozenset({"UKR", "RUS", "BLR", "IRN", "PRK"})
_CONTEXT_SENTENCES = 3  # how far back a giver is looked for when the sentence names none


@dataclass(frozen=True, slots=True)
class SystemHit(Hit):
    """A weapon system or equipment type named in a sentence (``start``/``end`` cover its head noun too)."""

    system: str
    category: str
    maker: str
    generic: bool
    hostile: bool
    quantity: float | None = None
    quantity_qualifier: str | None = None  # exact, about, more_than, dozens, hundreds, thousands, several
    status: str = ""  # pledged, delivered, requested, discussed (set by describe)
    donor: str | None = None
    donor_basis: str = ""  # adjective, before, after, context


@dataclass(frozen=True, slots=True)
class _Entry:
    system: str
    category: str
    maker: str
    hostile: bool
    generic: bool
    guard: bool


def _name_key(s: str) -> str:
    """Lookup key of a spelling or a matched name: no separators, no article on the second and later words."""
    if " " not in s and "-" not in s and "/" not in s and "\n" not in s:
        return s
    words = [w for w in re.split(r"[\s\-/]+", s) if w]
    return "".join([words[0], *(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in words[1:])]) if words else ""


def _trie(spellings: Iterable[str]) -> str:
    """One regular expression for all ``spellings``; a space or hyphen in a spelling is ``_SEP``; at each branch the
    longer continuation is tried first."""
    root: dict[str, dict] = {}
    for w in spellings:
        node = root
        for tok in re.findall(r"[\s\-/]+|.", w):
            node = node.setdefault(" " if tok.strip(" -/") == "" else tok, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [(_SEP if ch == " " else re.escape(ch)) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root) if root else "(?!)"


@dataclass(frozen=True)
class _Lexicon:
    entries: dict[str, _Entry]  # name key -> entry
    regex: re.Pattern[str]
    gate_words: frozenset[str]  # one word of every Arabic spelling, as it can be written: the gate
    short: re.Pattern[str]  # spellings with no long Arabic word ("155 ملم", "اف 16"), without boundaries
    starts: frozenset[str]  # the first word of every Arabic spelling with its clitics: where the regex is tried
    digit_starts: tuple[str, ...]  # first tokens that are digits ("155")


_CLITICS = [c + r for c in ("", "و", "ف") for r in ("", "بال", "كال", "لل", "ال", "ب", "ل", "ك")]
_AR_WORD = re.compile(f"[{AR}]+")


@cache
def arabic_names() -> dict[str, str]:
    """How the Arabic pages name each type of equipment (``name_ar`` in systems.csv); named systems are not listed."""
    return {row["system"]: row["name_ar"] for row in read_table("systems.csv") if row.get("name_ar")}


@cache
def _lexicon() -> _Lexicon:
    entries: dict[str, _Entry] = {}
    spellings: list[str] = []
    for row in read_table("systems.csv"):
        e = _Entry(row["system"], row["category"], row.get("maker", ""), row.get("hostile") == "1",
                   row.get("generic") == "1", row.get("guard") == "head")
        for col in ("arabic", "latin"):
            for sp in split_variants(row.get(col, "")):
                sp = norm(sp).lower()
                entries.setdefault(_name_key(sp), e if col == "arabic" else replace(e, guard=False))
                spellings.append(sp)
    block = _Entry("", "", "", False, True, False)
    for sp in _cues().get("not", {}):
        entries[_name_key(sp)] = block
        spellings.append(sp)
    rx = re.compile(f"(?<![{_B}])(?P<pre>{_PRE})(?P<name>{_trie(spellings)})(?:s|ات)?(?![{_B}])")
    firsts: set[str] = set()
    other: set[str] = set()
    for sp in spellings[: len(spellings) - len(_cues().get("not", {}))]:  # a blocking phrase needs no gate
        if re.match("[a-z]", sp):
            continue  # Latin spellings: the gate runs the regex on any sentence with a Latin letter
        words = [(m.start(), m.group()) for m in _AR_WORD.finditer(sp)]
        long = [(i, w) for i, w in words if len(w) >= 3]
        if not long:
            other.add(sp)
            continue
        i, w = long[-1]  # the last long word: rarer than a head word ("جوي" of "دفاع جوي", not "دفاع")
        ends = ("", "ات") if i + len(w) == len(sp) else ("",)
        if i == 0:
            firsts.update(c + w + e for c in _CLITICS for e in ends)
        else:
            firsts.update(a + w + e for a in ("", "ال") for e in ends)
    starts: set[str] = set()
    digit_starts: set[str] = set()
    for sp in spellings:
        if re.match("[a-z]", sp):
            continue
        first = re.split(r"[\s\-/]+", sp)[0]
        m = _AR_WORD.match(first)
        if m is None:
            digit_starts.add(first)
            continue
        w = m.group()
        starts.update(c + w + e for c in _CLITICS for e in ("", "ات"))
    return _Lexicon(entries, rx, frozenset(firsts), re.compile(_trie(other)), frozenset(starts),
                    tuple(sorted(digit_starts)))


@cache
def _cues() -> dict[str, dict[str, str]]:
    """role -> {normalised cue: value} from system_cues.csv."""
    out: dict[str, dict[str, str]] = {}
    for row in read_table("system_cues.csv"):
        for c in split_variants(row["cue"]):
            out.setdefault(row["role"], {})[_WS.sub(" ", norm(c).strip())] = row.get("value", "")
    return out


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=lambda w: (-len(w), w)))


@cache
def _quals() -> dict[str, str]:
    """Qualifier words before a number (نحو، أكثر من) from amount_cues.csv."""
    return {_WS.sub(" ", norm(w).strip()): r["value"] for r in read_table("amount_cues.csv")
            if r["role"] == "qual_before" for w in split_variants(r["cue"])}


@cache
def _regexes() -> dict[str, re.Pattern[str]]:
    c = _cues()
    return {
        "head": re.compile(
            rf"(?<![{AR}]){_PRE}(?:{_alt(c['head'])})(?:\s+(?:من\s+)?(?:{_alt(['طراز', 'نوع'])}))?[\s\"'()«»:]*$"),
        "gap": re.compile(rf"[\s\"'()«»:]*(?:(?:ال)?(?:{_alt(c['adjective'])})[\s\"'()«»:]*)?"
                          rf"(?:(?:ال)?مضاد[ه]?\s+ل[{AR}]+[\s\"'()«»:]*)?(?:(?:من\s+)?(?:طراز|نوع)[\s\"'()«»:]*)?"),
        "number": re.compile(
            rf"(?<![^\s(،,:\"'«])[وفب]?\s?(?:(?P<num>{NUMBER_PATTERN})(?:\s*(?P<scale>{_SCALE}))?"
            rf"|(?P<frac>{FRACTION_PATTERN})\s+(?P<fscale>{_SCALE}))\s*(?:من\s+)?$"),
        "vague": re.compile(rf"(?<![{AR}])[وفب]?(?P<v>{_alt(c['vague'])})\s*(?:من\s+)?$"),
        "qual": re.compile(rf"(?<![{AR}])[وفب]?(?P<q>{_alt(_quals())})\s*$"),
        "cue": re.compile(rf"(?<![{AR}]){_PRE}(?P<c>{_trie(_cue_roles())}){_SUFFIX}(?![{AR}])"),
        "source": re.compile(rf"(?<![{AR}]){_PRE}(?:{_alt(c['source'])})(?:\s+\S+){{0,3}}\s+$"),
        "category": re.compile(rf"(?<![{AR}]){_PRE}(?P<c>{_trie(c['category'])}){_SUFFIX}(?![{AR}])"),
    }


@cache
def _cue_roles() -> dict[str, str]:
    c = _cues()
    return {**{k: f"s:{v}" for k, v in c["status"].items()}, **{k: "attack" for k in c["attack"]},
            **{k: "attack" for k in c["notaid"]}, **{k: "aid" for k in c["aid"]}, **{k: "supply" for k in c["supply"]},
            **{k: "group" for k in c["group"]}}


_LEX = _lexicon()
_RX = _regexes()
_VAGUE = _cues()["vague"]
_CATEGORY = {_name_key(k): v for k, v in _cues()["category"].items()}
_CUE_ROLE_KEYS = {_name_key(k): v for k, v in _cue_roles().items()}
_PRONOUNS = ("", "ه", "ها", "هم", "هما", "نا")
_QUALS = _quals()
_LATIN = re.compile("[a-z]")
_NUMBER_WORDS = frozenset(NUMBER_WORDS) | frozenset(FRACTIONS) | frozenset(SCALES)
_MUNITION = re.compile("ammunition|shells|missiles")  # generic munitions: "X for system Y" is system Y


_DIGIT = re.compile("[0-9]")
#: every byte but a-z and 0-9: what ``_gate`` deletes from a sentence's ASCII characters
_NOT_LATIN_OR_DIGIT = bytes(b for b in range(256) if not (ord("a") <= b <= ord("z") or ord("0") <= b <= ord("9")))


def _gate(sentence: str) -> int:
    """0: no system can be named in ``sentence``; 1: try the combined regex where a spelling's first word starts;
    2: scan the sentence with it (Latin letters, or a spelling that starts with digits or has no long word).

    The Latin letters and digits of the sentence come from two C passes (ASCII only, then a-z and 0-9 only), half
    the cost of a regex search for each: most sentences have neither, and this test runs on every sentence."""
    latin_or_digits = sentence.encode("ascii", "ignore").translate(None, _NOT_LATIN_OR_DIGIT)
    if latin_or_digits:
        if not latin_or_digits.isdigit():
            return 2  # a Latin letter
        if _LEX.short.search(sentence) is not None or any(t in sentence for t in _LEX.digit_starts):
            return 2  # a digit, and a spelling with digits
    return 0 if _LEX.gate_words.isdisjoint(sentence_words(sentence)) else 1


def has_system(sentence: str) -> bool:
    """The gate: whether a spelling of a system may occur in ``sentence``: the last long word of a spelling is a word
    of the sentence (the set of words is shared with the country matcher), or the sentence has Latin letters or a
    spelling without a long Arabic word ("155 ملم"). Only then does the combined regex run."""
    return _gate(sentence) > 0


def _prev_word_starts(sentence: str, pos: int, n: int) -> list[int]:
    """Start positions of the ``n`` words before ``pos``, farthest first (words are separated by spaces)."""
    out: list[int] = []
    j = pos
    while len(out) < n:
        while j > 0 and sentence[j - 1] == " ":
            j -= 1
        if j <= 0:
            break
        j = sentence.rfind(" ", 0, j) + 1
        out.append(j)
    return out[::-1]


def _match_before(rx: re.Pattern[str], sentence: str, pos: int, n: int) -> re.Match[str] | None:
    """``rx`` (ending in ``$``) matched from one of the ``n`` word starts before ``pos`` up to ``pos``; the farthest
    start that matches wins (the longest match)."""
    for p in _prev_word_starts(sentence, pos, n):
        m = rx.match(sentence, p, pos)
        if m is not None:
            return m
    return None


def _anchored(rx: re.Pattern[str], first_words: frozenset[str], sentence: str) -> list[re.Match[str]]:
    """``rx`` tried only where one of ``first_words`` occurs in ``sentence`` (found through the sentence's set of
    words and ``str.find``), leftmost and not overlapping, like ``finditer``."""
    starts: set[int] = set()
    for w in first_words.intersection(sentence_words(sentence)):
        i = sentence.find(w)
        while i >= 0:
            starts.add(i)
            i = sentence.find(w, i + 1)
    out: list[re.Match[str]] = []
    end = 0
    for i in sorted(starts):
        if i < end:
            continue
        m = rx.match(sentence, i)
        if m is not None:
            out.append(m)
            end = m.end()
    return out


def _first_words(phrases: Iterable[str], suffixes: tuple[str, ...]) -> frozenset[str]:
    """The first word of each phrase with every clitic in front (and ``suffixes`` after a one-word phrase)."""
    out: set[str] = set()
    for ph in phrases:
        words = ph.split()
        ends = suffixes if len(words) == 1 else ("",)
        out.update(c + words[0] + e for c in _CLITICS for e in ends)
    return frozenset(out)


_CUE_FIRSTS = _first_words(_cue_roles(), _PRONOUNS)
_CATEGORY_FIRSTS = _first_words(_cues()["category"], _PRONOUNS)


def _name_matches(sentence: str, gate: int) -> list[re.Match[str]]:
    """The combined regex, tried only where a spelling's first word (with its clitics) starts (as the country matcher
    does), or over the whole sentence when the gate says so."""
    if gate == 2:
        return list(_LEX.regex.finditer(sentence))
    return _anchored(_LEX.regex, _LEX.starts, sentence)


def find_systems(sentence: str) -> list[SystemHit]:
    """Systems named in one normalised sentence, in order; generic words next to a named system join it
    ("دبابات ليوبارد" is Leopard, "نظام باتريوت للدفاع الجوي" is Patriot); Russian systems are returned with
    ``hostile`` set (``describe`` drops them)."""
    gate = _gate(sentence) if isinstance(sentence, str) else 0
    return [_system_hit(sentence, f) for f in _found(sentence, gate)] if gate else []


#: a system found in a sentence, before its hit is built: start (with its head noun), end, entry, quantity, qualifier
_Found = tuple[int, int, _Entry, float | None, str | None]


def _system_hit(sentence: str, f: _Found, status: str = "", donor: str | None = None, basis: str = "") -> SystemHit:
    """The hit of ``f``, built once with its status and giver (``dataclasses.replace`` afterwards costs more than
    the whole hit)."""
    start, end, e, qty, qual = f
    return SystemHit(start, end, sentence[start:end], e.system, e.category, e.maker, e.generic, e.hostile, qty, qual,
                     status, donor, basis)


def _found(sentence: str, gate: int) -> list[_Found]:
    """``find_systems`` past its gate (``gate`` is ``_gate(sentence)``, not 0), before the hits are built."""
    found: list[tuple[int, int, int, bool, _Entry]] = []  # start (with head), name start, end, coordinated, entry
    for m in _name_matches(sentence, gate):
        name = m.group("name")
        e = _LEX.entries.get(_name_key(name))
        if e is None:
            continue
        if not e.system:  # a phrase that is not a system ("قوات المدفعية")
            found.append((m.start(), m.start("name"), m.end(), True, e))
            continue
        start = m.start()
        head = _match_before(_RX["head"], sentence, start, 3)
        after_generic = bool(found) and found[-1][4].generic and found[-1][4].system != "" and (
            _RX["gap"].fullmatch(sentence, found[-1][2], max(found[-1][2], m.start("name"))) is not None)
        if e.guard and head is None and not after_generic and not _LATIN.match(name):
            continue
        if head is not None and not e.generic:
            start = head.start()
        found.append((start, m.start(), m.end(), m.group("pre")[:1] in ("و", "ف"), e))
    merged: list[tuple[int, int, _Entry]] = []
    prev: tuple[int, int, int, bool, _Entry] | None = None
    for hit in found:
        s, name_start, end, coordinated, ent = hit
        if prev is not None and merged and prev[4].system and ent.system and not coordinated:
            ps, _pe, pent = merged[-1]
            # a generic word joined to a named system ("دبابات من طراز ليوبارد"، "باتريوت للدفاع الجوي"،
            # "الدفاع الجوي المتطور (باتريوت)"): one item, the named system
            if pent.generic != ent.generic and _RX["gap"].fullmatch(
                    sentence, prev[2], max(prev[2], name_start if not ent.generic else s)):
                merged[-1] = (ps, end, ent if pent.generic else pent)
                prev = hit if not ent.generic else prev
                continue
            # "ذخائر لراجمات هيمارس": munitions of a system count as the system
            if pent.generic and _MUNITION.search(pent.system) and sentence[s:end].lstrip("وف").startswith("ل") and (
                    _RX["gap"].fullmatch(sentence, prev[2], max(prev[2], s))):
                merged[-1] = (ps, end, ent)
                prev = hit
                continue
        merged.append((s, end, ent))
        prev = hit
    merged = [m for m in merged if m[2].system]
    return [(s, e_, ent, *_quantity(sentence, s)) for s, e_, ent in merged]


def _may_hold_number(window: str) -> bool:
    """Cheap test before the number grammar: a digit, or a number, fraction or scale word, in ``window``."""
    if _DIGIT.search(window):
        return True
    return not _NUMBER_WORDS.isdisjoint(window.split()) or any(w[1:] in _NUMBER_WORDS for w in window.split())


def _quantity(sentence: str, start: int) -> tuple[float | None, str | None]:
    """The quantity before a system starting at ``start`` ("30 دبابة", "عشرات المسيرات") and its qualifier."""
    qty: float | None = None
    qual: str | None = None
    lo = max(0, start - 48)
    window = sentence[lo:start]
    m = _match_before(_RX["number"], sentence, start, 6) if _may_hold_number(window) else None
    if m is not None:
        if m.group("num") is not None:
            qty = parse_matched(m.group("num"))
            sc = scale_of(m.group("scale")) if m.group("scale") else None
            if qty is not None and sc is not None:
                qty = qty * sc[0]
        else:
            sc = scale_of(m.group("fscale") or "")
            qty = FRACTIONS[_WS.sub(" ", m.group("frac"))] * sc[0] if sc else None
        if qty is not None and (qty <= 0 or (1990 <= qty <= 2035 and qty == int(qty))):
            qty = None  # a year, not a number of things
        if qty is not None:
            qual = "exact"
            at = m.start("num") if m.group("num") is not None else m.start("frac")
            q = _RX["qual"].search(sentence, max(0, at - 24), at)
            if q is not None:
                qual = _QUALS.get(_WS.sub(" ", q.group("q")), "exact")
    if qty is None:
        v = _match_before(_RX["vague"], sentence, start, 3)
        if v is not None:
            qual = _VAGUE.get(_WS.sub(" ", v.group("v")))
    return qty, qual


def _cue_hits(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, role) of every cue in the sentence, in order."""
    out = []
    for m in _anchored(_RX["cue"], _CUE_FIRSTS, sentence):
        role = _CUE_ROLE_KEYS.get(_name_key(m.group("c")))
        if role is not None:
            out.append((m.start(), m.end(), role))
    return out


_L_COUNTRIES = ("لاتفيا", "لاوس", "ليتوانيا", "لبنان", "ليبيا", "لوكسمبورغ", "لوكسمبورج", "ليبيريا", "ليسوتو",
                "ليختنشتاين")
_TO_BEFORE = re.compile(rf"(?<![{AR}])(?:الي|لصالح|لدعم)\s*$")


def _is_receiver(sentence: str, c: CountryHit) -> bool:
    """A country after لـ / إلى / لصالح receives ("لبولندا"، "إلى فرنسا")."""
    t = c.text[1:] if c.text[:1] in ("و", "ف") else c.text
    if t.startswith("ل") and not t.startswith(_L_COUNTRIES) and c.via == "name":
        return True
    return bool(_TO_BEFORE.search(sentence, max(0, c.start - 8), c.start))


_HOSTILE = frozenset({"RUS", "BLR", "IRN", "PRK"})


def _is_clitic_b(c: CountryHit) -> bool:
    """"بألمانيا" (in Germany) but not "بريطانيا": the hit without its first letter is still the same country."""
    t = c.text[1:] if c.text[:1] in ("و", "ف") else c.text
    if not t.startswith("ب") or c.via != "name":
        return False
    rest = find_countries(t[1:])
    return bool(rest) and rest[0].start == 0 and rest[0].end == len(t) - 1 and rest[0].iso3 == c.iso3


def _givers(sentence: str, countries: Sequence[CountryHit], officials: Sequence[OfficialHit]
            ) -> list[tuple[int, int, str, str]]:
    """(start, end, ISO3, via) of every possible giver in the sentence, in order: not Ukraine or Russia, not a
    receiver (لـ، إلى), not a place (في ألمانيا، بألمانيا), not a source ("صحيفة ... الفرنسية")."""
    out: list[tuple[int, int, str, str]] = []
    for c in countries:
        if c.iso3 in NOT_DONOR or _is_receiver(sentence, c):
            continue
        if _IN_BEFORE.search(sentence, max(0, c.start - 8), c.start) or _is_clitic_b(c):
            continue
        if c.via in ("demonym", "capital") and _match_before(_RX["source"], sentence, c.start, 5):
            continue
        out.append((c.start, c.end, c.iso3, "with" if _WITH_BEFORE.search(sentence, max(0, c.start - 30), c.start)
                    else c.via))
    for o in officials:
        if o.iso3 and o.iso3 not in NOT_DONOR:
            out.append((o.start, o.end, o.iso3, "official"))
    out.sort()
    return out


def _excluded_before(sentence: str, countries: Sequence[CountryHit], pos: int) -> bool:
    """Whether the nearest country before ``pos`` is Russia (a strike or a loss report, not a gift)."""
    before = [c for c in countries if c.end <= pos]
    return bool(before) and before[-1].iso3 == "RUS"


def _ukraine_strikes(sentence: str, countries: Sequence[CountryHit], cue: tuple[int, int, str]) -> bool:
    """Whether the strike is Ukraine's: Ukraine (or Kyiv) right after the strike word ("ضربات كييف بصواريخ أتاكمز",
    "استخدام أوكرانيا صواريخ")."""
    after = [c for c in countries if 0 <= c.start - cue[1] <= 3]
    return bool(after) and after[0].iso3 == "UKR"


# "مع هولندا والولايات المتحدة": partners named with the giver, not the giver
_WITH_BEFORE = re.compile(rf"(?<![{AR}])مع\s+(?:[{AR}]+\s+){{0,3}}?(?:و\s?)?$")
_IN_BEFORE = re.compile(rf"(?<![{AR}])(?:في|داخل)\s*$")


class _Span(NamedTuple):
    """What ``describe`` reads of a system."""

    start: int
    end: int
    hostile: bool


def _hostile_next_to(sentence: str, h: _Span, countries: Sequence[CountryHit]) -> bool:
    """"طائرات روسية مسيرة"، "صواريخ إيرانية": a Russian (or Iranian...) adjective inside or right after the name."""
    for c in countries:
        if c.iso3 not in _HOSTILE or c.via != "demonym":
            continue
        if h.start <= c.start and (c.start < h.end or not sentence[h.end : c.start].strip()):
            return True
        if c.end <= h.start and not sentence[c.end : h.start].strip() and _match_before(
                _RX["head"], sentence, c.start, 2):
            return True  # "طائرات روسية مسيرة" (but not "الأراضي الروسية بصواريخ أتاكمز")
    return False


def describe(sentence: str, hits: Sequence[SystemHit], countries: Sequence[CountryHit],
             officials: Sequence[OfficialHit] = ()) -> list[SystemHit]:
    """``hits`` with status and giver; Russian systems and systems in strike, loss, training or production reports
    are dropped."""
    judged = _judge(sentence, [_Span(h.start, h.end, h.hostile) for h in hits], countries, officials)
    return [replace(hits[k], status=status, donor=donor, donor_basis=basis) for k, status, donor, basis in judged]


def _judge(sentence: str, hits: Sequence[_Span], countries: Sequence[CountryHit], officials: Sequence[OfficialHit]
           ) -> list[tuple[int, str, str | None, str]]:
    """``describe`` on spans: (index in ``hits``, status, giver, basis) of each system kept, in order."""
    if not hits:
        return []
    cues = _cue_hits(sentence)
    status_or_attack = [c for c in cues if c[2] not in ("aid", "supply", "group")]
    groups = [c for c in cues if c[2] == "group"]
    supply = [c for c in cues if c[2] == "supply"]
    has_aid = bool(supply) or any(c[2] == "aid" for c in cues)
    givers = _givers(sentence, countries, officials)
    out: list[tuple[int, str, str | None, str]] = []
    for k, h in enumerate(hits):
        if h.hostile or _hostile_next_to(sentence, h, countries):
            continue
        before = [c for c in status_or_attack if c[1] <= h.start]
        after = [c for c in status_or_attack if c[0] >= h.end]
        cue = before[-1] if before else (after[0] if after else None)
        if cue is None and not has_aid:
            continue  # no word of giving, asking or aid: not about aid
        if cue is not None and cue[2] == "attack":
            aid_between = [c for c in supply if cue[1] <= c[0] and c[1] <= h.start]
            if aid_between:  # "هجمات المسيرات ... وتزويد كييف بصواريخ": the supply is nearer than the strike
                cue = None
            elif _ukraine_strikes(sentence, countries, cue):
                cue = (cue[0], cue[1], "s:used")  # Ukraine strikes with a system it was given
            else:
                continue
        status = cue[2][2:] if cue is not None else "discussed"
        if status in ("pledged", "delivered") and _excluded_before(sentence, countries, h.start) and any(
                c[2] == "attack" for c in status_or_attack):
            continue  # "روسيا ... دمرت دبابات قدمتها ألمانيا"
        status = "delivered" if status == "used" else status
        donor, basis = _donor(sentence, h, givers, groups)
        out.append((k, status, donor, basis))
    return out


def _donor(sentence: str, h: _Span, givers: list[tuple[int, int, str, str]],
           groups: list[tuple[int, int, str]]) -> tuple[str | None, str]:
    # a nationality right after the name: "صواريخ أتاكمز الأمريكية"
    for s, _e, iso3, via in givers:
        if s >= h.end and via == "demonym" and len(sentence[h.end : s].split()) <= 1:
            return iso3, "adjective"
    before = [g for g in givers if g[1] <= h.start]
    if any(g[3] != "with" for g in before):
        before = [g for g in before if g[3] != "with"]
    group_before = [g for g in groups if g[1] <= h.start]
    if group_before and (not before or group_before[-1][0] > before[-1][1]):
        return None, "group"  # "حث الحلفاء على إرسال دبابات": the allies, no one country
    if before:
        return before[-1][2], "before"
    after = [g for g in givers if g[0] >= h.end]
    if after:
        return after[0][2], "after"
    return None, ""


@dataclass(frozen=True, slots=True)
class SentenceInput:
    """What ``article_systems`` needs of one sentence."""

    text: str
    countries: Sequence[CountryHit]
    officials: Sequence[OfficialHit] = ()


def article_systems(sentences: Sequence[SentenceInput]) -> list[tuple[int, SystemHit]]:
    """(sentence index, system) of a whole article, in order. Only sentences the gate passes are read further (and,
    for a pledged or delivered system with no giver in its sentence, the few sentences before it)."""
    out: list[tuple[int, SystemHit]] = []
    for i, s in enumerate(sentences):
        # the gate before the memory: most sentences name no system, and the memory's key hashes every country hit
        gate = _gate(s.text) if isinstance(s.text, str) else 0
        if not gate:
            continue
        for h in _sentence_systems(s.text, gate, tuple(s.countries), tuple(s.officials)):
            if h.donor is None and h.donor_basis != "group" and h.status in ("pledged", "delivered"):
                giver = _giver_before(sentences, i)
                if giver is not None:
                    h = replace(h, donor=giver, donor_basis="context")
            out.append((i, h))
    # a type only discussed, where the article names a system of that category from the same giver, is that system
    # ("قرار بشأن دبابات ليوبارد ... تعارض إرسال الدبابات")
    named = {(h.category, h.donor) for _i, h in out if not h.generic and h.donor}
    return [(i, h) for i, h in out if not (h.generic and h.status == "discussed" and (h.category, h.donor) in named)]


@per_article(512)
def _sentence_systems(text: str, gate: int, countries: tuple[CountryHit, ...], officials: tuple[OfficialHit, ...]
                      ) -> tuple[SystemHit, ...]:
    """``describe(find_systems(text))`` for a sentence its gate (``_gate(text)``) passed, remembered: agency copy
    repeats sentences across outlets (the country matcher remembers them the same way)."""
    found = _found(text, gate)
    if not found:
        return ()
    judged = _judge(text, [_Span(start, end, e.hostile) for start, end, e, _q, _qual in found], countries, officials)
    return tuple(_system_hit(text, found[k], status, donor, basis) for k, status, donor, basis in judged)


def _giver_before(sentences: Sequence[SentenceInput], i: int) -> str | None:
    """The one country that can give in the nearest of the few sentences before ``i`` that name any (none when
    that sentence names several)."""
    for j in range(i - 1, max(-1, i - 1 - _CONTEXT_SENTENCES), -1):
        s = sentences[j]
        named = {g[2] for g in _givers(s.text, s.countries, s.officials)}
        if named:
            return next(iter(named)) if len(named) == 1 else None
    return None


def amount_category(sentence: str, start: int, end: int) -> str:
    """The kind of aid an amount at ``[start, end)`` of ``sentence`` is: military, financial, humanitarian, mixed (two
    kinds named in the amount's clause) or unknown. Cues in the amount's clause count first, then the nearest one in
    the sentence; a (non-Russian) weapon system named in the sentence makes it military."""
    if not isinstance(sentence, str):
        return "unknown"
    found = [(m.start(), m.end(), _CATEGORY[k]) for m in _anchored(_RX["category"], _CATEGORY_FIRSTS, sentence)
             if (k := _name_key(m.group("c"))) in _CATEGORY]
    lo = max((sentence.rfind(ch, 0, start) for ch in "،؛;:"), default=-1) + 1
    his = [i for i in (sentence.find(ch, end) for ch in "،؛;:") if i >= 0]
    hi = min(his) if his else len(sentence)
    clause = {k for s, e, k in found if s >= lo and e <= hi}
    if len(clause) == 1:
        return clause.pop()
    if len(clause) > 1:
        return "mixed"
    if found:
        before = [f for f in found if f[1] <= start]
        return (before[-1] if before else found[0])[2]
    gate = _gate(sentence)
    if gate and any(not e.hostile for _s, _e, e, _q, _qual in _found(sentence, gate)):
        return "military"
    return "unknown"
