"""Countries and meeting places in one normalised sentence.

Countries come from CLDR (every ISO 3166-1 country, Arabic names via babel; alpha-3 codes from
``data/iso3166.csv``) plus ``data/country_variants.csv``; nationality adjectives are generated from the one-word names
(``روسيا`` -> ``روسي``) plus ``data/demonyms.csv``; capitals and institutions that stand for a country come from
``data/metonyms.csv``. Meeting places (English city names, or "Virtual") come from ``data/places.csv``.

Everything is matched on the normalised text (``norm()``), with the clitics و/ف + ب/ل/ك/ال in front
("وللولايات المتحدة"، "بالصين"، "والبريطانيين"). All spellings of one kind go into one trie-shaped regular expression,
compiled once at import; it runs on a sentence only at the words that can start a spelling of several words, and what
it makes of any other word is worked out once per word (``TrieMatcher.spans``). The longest spelling wins
("غينيا الاستوائية" over "غينيا").
Phrases that contain a name but are not a mention ("المحيطين الهندي والهادئ") sit in the same tries and swallow the
name. Spellings that are also common words ("مالي" 'financial', "كيف" 'how') count only after a cue word.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache

from babel import Locale

from .lexicon import read_table, split_variants
from .memo import per_article
from .normalize import norm
from .types import CountryHit, CountryVia, PlaceHit

__all__ = ["country_name", "country_table", "find_countries", "find_places"]

# ---------------------------------------------------------------------------------------------------------------------
# shared machinery (people.py uses it too)

AR = "\u0621-\u064a\u066e-\u06d3"  # letters of the normalised text (harakat and tatweel are already gone)
LEFT = f"(?<![{AR}])"
RIGHT = f"(?![{AR}])"
PRE_ARTICLE = "[وف]?(?:بال|كال|لل|ال)"  # before the stem of a name that has the article (الصين -> للصين، وبالصين)
PRE_BARE = "[وف]?[بلك]?"  # before a name without the article (فروسيا، كألمانيا)
PRE_ANY = "[وف]?(?:بال|كال|لل|ال|[بلك])?"  # before an adjective (والبريطانيين، الأميركيون)
ADJ_ENDINGS = ("ه", "ين", "ون", "ان", "تين", "تان", "يين", "يون")
_G_LETTERS = "غجق"  # the Latin g of a foreign name is written with any of them (هيغسيث/هيجسيث، شويغو/شويجو)
_LONG_VOWELS = "اوي"
_SPACES = re.compile(r"[\s\-]+")
_WORD = re.compile(f"[{AR}]+")


class _Block:
    """Value of a trie entry that is not a mention: the phrase swallows the name inside it."""

    def __repr__(self) -> str:
        return "BLOCK"


BLOCK = _Block()


def trie_pattern(words: Iterable[str]) -> str:
    """One regular expression matching any of ``words``; at each branch the longer continuation is tried first.

    A space in a word matches any run of spaces or a hyphen. Returns a pattern that matches nothing for no words.
    """
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = []
        for ch in sorted(k for k in node if k):
            esc = r"[\s\-]+" if ch == " " else re.escape(ch)
            branches.append(esc + build(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    if not root:
        return "(?!)"
    return build(root)


def key(s: str) -> str:
    """Dictionary key of a matched span: runs of spaces and hyphens become one space."""
    return _SPACES.sub(" ", s) if ("  " in s or "-" in s or "\n" in s) else s


def loose_variants(word: str, vowels: bool, min_skeleton: int = 5, g_letters: str = _G_LETTERS) -> set[str]:
    """Spellings of a transliterated name that differ in the letter for the Latin g (``g_letters``), in ئ/ي and, if
    ``vowels``, in inner long vowels.

    Only words of 4+ letters are loosened (short keys collide); inner long vowels are made optional only when the
    word keeps ``min_skeleton`` letters without them.
    """
    out = {word}
    if len(word) < 4:
        return out
    options: list[tuple[str, ...]] = []
    inner = range(1, len(word) - 1)
    skeleton = [c for i, c in enumerate(word) if not (i in inner and c in _LONG_VOWELS)]
    drop_vowels = vowels and len(skeleton) >= min_skeleton
    for i, c in enumerate(word):
        if c in g_letters:
            options.append(tuple(g_letters))
        elif vowels and c in "ئي" and i in inner:
            options.append(("ي", "ئ", "") if drop_vowels and c == "ي" else ("ي", "ئ"))
        elif drop_vowels and i in inner and c in "او":
            options.append((c, ""))
        else:
            options.append((c,))
    n = 1
    for o in options:
        n *= len(o)
    if n > 256:  # a very long name: keep the g-variants only
        options = [tuple(g_letters) if c in g_letters else (c,) for c in word]
    for combo in itertools.product(*options):
        out.add("".join(combo))
    return out


def loose_phrase(phrase: str, vowels: bool, g_letters: str = _G_LETTERS) -> set[str]:
    """``loose_variants`` applied word by word to a normalised phrase (in a full name of 2+ words, a word may lose
    its inner long vowels when 4 letters remain: the other word keeps the match specific)."""
    words = phrase.split(" ")
    min_skeleton = 4 if len(words) > 1 else 5
    parts = [sorted(loose_variants(w, vowels, min_skeleton, g_letters)) for w in words]
    n = 1
    for p in parts:
        n *= len(p)
    if n > 1024:
        return {phrase}
    return {" ".join(c) for c in itertools.product(*parts)}


def split_article(raw: str) -> tuple[bool, str]:
    """(has article, normalised stem). Decided on the spelling as written: "ال" is the article, "أل" is not."""
    raw = raw.strip()
    if raw.startswith("ال") and len(raw) > 3:
        return True, norm(raw[2:]).strip()
    return False, norm(raw).strip()


def previous_words(sentence: str, start: int, n: int) -> list[str]:
    """The ``n`` Arabic words before ``start``, nearest first."""
    return _WORD.findall(sentence, max(0, start - 24 * n), start)[::-1][:n]


@per_article(256)
def sentence_words(sentence: str) -> frozenset[str]:
    """The Arabic words of a sentence (computed once per sentence for all the matchers that look at it)."""
    return frozenset(_WORD.findall(sentence))


class TrieMatcher:
    """Spellings with and without the article, as two tries behind their clitic prefixes, plus adjective forms."""

    def __init__(
        self,
        article: Mapping[str, object],
        bare: Mapping[str, object],
        adjectives: Mapping[str, object] | None = None,
    ) -> None:
        self.article = dict(article)
        self.bare = dict(bare)
        self.adjectives = dict(adjectives or {})
        parts = []
        if self.article:
            parts.append(f"(?P<pa>{PRE_ARTICLE})(?P<a>{trie_pattern(self.article)})")
        if self.bare:
            parts.append(f"(?P<pb>{PRE_BARE})(?P<b>{trie_pattern(self.bare)})")
        if self.adjectives:
            alt = "|".join(sorted(ADJ_ENDINGS, key=len, reverse=True))
            parts.append(f"(?P<pd>{PRE_ANY})(?P<d>{trie_pattern(self.adjectives)})(?:{alt})?")
        self.regex = re.compile(LEFT + "(?:" + "|".join(parts or ["(?!)"]) + ")" + RIGHT)
        # Every word that can start a match, with its clitics (and endings, for adjectives): a sentence is searched
        # only at those words, found with set operations and str.find, which is far cheaper than letting the
        # alternation try every word of every sentence.
        firsts: set[str] = set()
        endings: tuple[str, ...]
        for stems, prefixes, endings in (
            (self.article, _expand(PRE_ARTICLE), ("",)),
            (self.bare, _expand(PRE_BARE), ("",)),
            (self.adjectives, _expand(PRE_ANY), ("", *ADJ_ENDINGS)),
        ):
            for stem in stems:
                head = stem.split(" ", 1)[0]
                firsts.update(p + head + e for p in prefixes for e in endings)
        self.firsts = frozenset(firsts)
        # First words after which a match can go on past the word (a spelling of several words, or one with a
        # non-letter in it): only there does the regex have to read the text that follows (see ``spans``).
        self.open_words = frozenset(
            p + lead
            for stems, prefixes in (
                (self.article, _expand(PRE_ARTICLE)),
                (self.bare, _expand(PRE_BARE)),
                (self.adjectives, _expand(PRE_ANY)),
            )
            for stem in stems
            if (lead := _NOT_LETTER.split(stem, 1)[0]) != stem
            for p in prefixes
        )
        self._word_values: dict[str, object] = {}

    def spans(self, sentence: str, words: AbstractSet[str] | None = None) -> list[tuple[int, int, object]]:
        """``(start, end, value)`` of the matches in ``sentence``, left to right and not overlapping, each with its
        table value: what the regex finds tried wherever a first word occurs (tests/test_places.py keeps that plain
        form and compares), found faster. ``words``: the words of the sentence, or any part of them that holds every
        word of ``firsts`` in it (a caller with several matchers intersects the sentence's words with all their first
        words at once).

        A match starts after a non-letter (LEFT), and its first word (clitics, the spelling up to its first non-letter,
        an adjective ending) is a whole word of ``firsts``: so only whole words of ``firsts`` are tried, not every
        place where one occurs inside another word. If that word is not in ``open_words``, the regex cannot read past
        it and succeeds or fails on the word alone, the same wherever it stands: that outcome is worked out once per
        word (``_word_value``, a property of the tables, not of the sentence). Only words of ``open_words``
        ("الولايات" of "الولايات المتحدة") run the regex on the sentence.
        """
        present = self.firsts.intersection(sentence_words(sentence) if words is None else words)
        if not present:
            return []
        starts: dict[int, str] = {}  # start of a whole word of ``firsts`` -> the word
        n = len(sentence)
        for w in present:
            size = len(w)
            i = sentence.find(w)
            while i >= 0:
                j = i + size
                if (i == 0 or sentence[i - 1] not in _LETTERS) and (j == n or sentence[j] not in _LETTERS):
                    starts[i] = w
                i = sentence.find(w, i + 1)
        out: list[tuple[int, int, object]] = []
        end = 0
        values = self._word_values
        for i in sorted(starts):
            if i < end:
                continue
            w = starts[i]
            if w in self.open_words:
                m = self.regex.match(sentence, i)
                if m is None:
                    continue
                end = m.end()
                value = self._value(m)
            else:
                value = values[w] if w in values else self._word_value(w)
                if value is _NO_MATCH:
                    continue
                end = i + len(w)
            if value is not None:
                out.append((i, end, value))
        return out

    def _value(self, m: re.Match[str]) -> object | None:
        """The table value of a match of ``regex`` (None if its spelling is in no table)."""
        g = m.lastgroup
        if g == "a":
            return self.article.get(key(m.group("a")))
        if g == "b":
            return self.bare.get(key(m.group("b")))
        return self.adjectives.get(key(m.group("d")))

    def _word_value(self, word: str) -> object | None:
        """What ``regex`` finds at a whole word that is not in ``open_words``: the value of the word, or
        ``_NO_MATCH``. Kept per word: it depends on the tables only (the regex cannot read past such a word, and
        the letters around it are not letters, as around the word on its own)."""
        m = self.regex.match(word)  # it ends at the end of the word, where RIGHT holds
        value = _NO_MATCH if m is None else self._value(m)
        self._word_values[word] = value
        return value


_NOT_LETTER = re.compile(f"[^{AR}]")
_LETTERS = frozenset(chr(c) for c in (*range(0x621, 0x64B), *range(0x66E, 0x6D4)))  # AR as a set
_NO_MATCH = object()  # ``_word_value`` of a word the regex does not match


def _expand(prefix_regex: str) -> list[str]:
    """All strings matched by one of the clitic prefix patterns above."""
    conj = ["", "و", "ف"]
    if prefix_regex == PRE_ARTICLE:
        rest = ["بال", "كال", "لل", "ال"]
    elif prefix_regex == PRE_BARE:
        rest = ["", "ب", "ل", "ك"]
    else:
        rest = ["", "بال", "كال", "لل", "ال", "ب", "ل", "ك"]
    return [c + r for c in conj for r in rest]


# ---------------------------------------------------------------------------------------------------------------------
# countries


@dataclass(frozen=True, slots=True)
class _Country:
    iso3: str
    via: CountryVia
    strict: bool = False


@cache
def _iso() -> tuple[dict[str, str], dict[str, str]]:
    a2_to_a3 = {r["alpha2"]: r["alpha3"] for r in read_table("iso3166.csv")}
    return a2_to_a3, {v: k for k, v in a2_to_a3.items()}


@cache
def _territories(lang: str) -> Mapping[str, str]:
    return Locale.parse(lang).territories


def country_name(iso3: str, lang: str = "ar") -> str:
    """Display name (CLDR) of an ISO alpha-3 code in "ar" or "en"; the code itself when unknown."""
    a2 = _iso()[1].get(iso3.upper())
    if a2 is None:
        return iso3
    return _territories(lang).get(a2, iso3)


def country_table() -> list[tuple[str, str, str]]:
    """``(iso3, name_en, name_ar)`` of every ISO 3166-1 country, sorted by English name."""
    en, ar = _territories("en"), _territories("ar")
    rows = [(a3, en.get(a2, a3), ar.get(a2, a3)) for a2, a3 in _iso()[0].items()]
    return sorted(rows, key=lambda r: r[1])


def _cldr_forms(name: str) -> list[str]:
    """Matchable forms of a CLDR name: without a parenthesised remark, " - " read as a space."""
    name = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
    name = re.sub(r"\s+-\s+", " ", name)
    return [name] if name else []


def demonym_of(stem: str) -> str:
    """The regular nationality adjective of a one-word country name (normalised, without the article)."""
    if stem.endswith("يا") or stem.endswith("يه"):
        return stem[:-1]
    if stem.endswith("ا") or stem.endswith("ه"):
        return stem[:-1] + "ي"
    if stem.endswith("ي"):
        return stem
    return stem + "ي"


class _Tables:
    """All country spellings, built once."""

    def __init__(self) -> None:
        a2_to_a3, _ = _iso()
        ar = _territories("ar")
        variants = read_table("country_variants.csv")
        drop: set[str] = set()
        strict: dict[str, str] = {}
        self.cues: frozenset[str] = frozenset()
        names: list[tuple[str, str]] = []  # (iso3, raw spelling), explicit variants first (they win a clash)
        blocks: list[str] = []
        media: list[str] = []
        for row in variants:
            kind, iso3 = row["kind"], row["iso3"]
            forms = split_variants(row["variants"])
            if kind == "name":
                names.extend((iso3, f) for f in forms)
            elif kind == "strict":
                strict.update((norm(f), iso3) for f in forms)
            elif kind == "drop":
                drop.update(norm(f) for f in forms)
            elif kind == "not":
                blocks.extend(forms)
            elif kind == "cue":
                self.cues = self.cues | {norm(f) for f in forms}
            elif kind == "media":
                media.extend(norm(f) for f in forms)
        # a demonym up to four words after an outlet's noun is part of its name (وكالة الأنباء الألمانية، صحيفة
        # التلغراف البريطانية): not a mention of the country
        self.media_words = tuple(sorted({m.split()[0] for m in media}))  # a cheap test before the pattern
        outlet = "|".join(sorted(media, key=len, reverse=True))
        self.media = re.compile(rf"(?<![\u0621-\u064a])(?:[وفبل])?(?:ال)?(?:{outlet})"
                                r"(?:[^\S\n]+[^\s،,.:;؛!؟?]+){0,4}[^\S\n]+$") if media else None
        for a2, a3 in a2_to_a3.items():
            if a2 in ar:
                names.extend((a3, f) for f in _cldr_forms(ar[a2]))

        article: dict[str, object] = {}
        bare: dict[str, object] = {}
        adjectives: dict[str, object] = {}
        one_word: list[tuple[str, str]] = []
        for iso3, raw in names:
            if norm(raw) in drop or norm(raw) in strict:
                continue
            has_article, stem = split_article(raw)
            (article if has_article else bare).setdefault(stem, _Country(iso3, "name"))
            if " " not in stem:
                one_word.append((iso3, stem))
        for form, iso3 in strict.items():
            has_article, stem = split_article(form)
            (article if has_article else bare).setdefault(stem, _Country(iso3, "name", strict=True))

        blocked_adj: set[str] = set()
        irregular: list[tuple[str, str]] = []
        for row in read_table("demonyms.csv"):
            forms = [norm(f) for f in split_variants(row["forms"])]
            if row["kind"] == "block":
                blocked_adj.update(forms)
            elif row["kind"] == "plural":
                for f in forms:
                    article.setdefault(f, _Country(row["iso3"], "demonym"))
            elif row["kind"] == "nisba":
                irregular.extend((row["iso3"], f) for f in forms)
        for iso3, form in irregular + [(i, demonym_of(s)) for i, s in one_word]:
            if form in blocked_adj:
                continue
            if " " in form:  # two-word adjective: both words take the same ending, the second may take ال
                first, second = form.split(" ", 1)
                for end in ("", *ADJ_ENDINGS):
                    for art in ("", "ال"):
                        adjectives.setdefault(f"{first}{end} {art}{second}{end}", _Country(iso3, "demonym"))
            else:
                adjectives.setdefault(form, _Country(iso3, "demonym"))

        for row in read_table("metonyms.csv"):
            via: CountryVia = "capital" if row["via"] == "capital" else "institution"
            is_strict = row.get("strict", "") == "yes"
            for raw in split_variants(row["variants"]):
                has_article, stem = split_article(raw)
                target = article if has_article else bare
                for v in sorted(loose_phrase(stem, vowels=False, g_letters="غج")):
                    target.setdefault(v, _Country(row["iso3"], via, strict=is_strict))

        for raw in blocks:
            has_article, stem = split_article(raw)
            (article if has_article else bare)[stem] = BLOCK
        self.matcher = TrieMatcher(article, bare, adjectives)
        self.codes = frozenset(a.lower() for a in a2_to_a3.values())


@cache
def _tables() -> _Tables:
    return _Tables()


_LATIN_CODE = re.compile(r"(?<![a-z0-9._/@\-])[a-z]{3}(?![a-z0-9_/@\-]|\.[a-z0-9])")
_HAS_LATIN = re.compile("[a-z]")
_LATIN_NEIGHBOUR_LEFT = re.compile(r"[a-z0-9][^\S\n]*[\"'(\[]?[^\S\n]*$")
_LATIN_NEIGHBOUR_RIGHT = re.compile(r"[^\S\n]*[\"')\]]?[^\S\n]*[a-z0-9]")


def _is_listed(hits: list[CountryHit], i: int, sentence: str) -> bool:
    """True if hit ``i`` stands in a list with another country ("النيجر ومالي"، "مالي، النيجر")."""
    h = hits[i]
    for j in (i - 1, i + 1):
        if 0 <= j < len(hits) and hits[j].via in ("name", "demonym"):
            a, b = (hits[j], h) if j < i else (h, hits[j])
            gap = sentence[a.end : b.start]
            if len(gap) <= 3 and (gap.strip() in ("،", ",") or (gap.strip() == "" and b.text.startswith("و"))):
                return True
    return False


def _outlets_adjective(media: re.Pattern[str], sentence: str, h: CountryHit, hits: list[CountryHit]) -> bool:
    """Whether demonym ``h`` is the first country word after an outlet's noun (up to four words before it)."""
    if h.via != "demonym":
        return False
    m = media.search(sentence, max(0, h.start - 60), h.start)
    return m is not None and not any(m.start() <= o.start < h.start for o in hits)


def find_countries(sentence: str) -> list[CountryHit]:
    """Countries named, described (adjective), coded (Latin ISO alpha-3) or stood for (capital, institution).

    ``sentence`` is the normalised text of one sentence; hits index into it.
    """
    return list(_find_countries(sentence))


@per_article(512)
def _find_countries(sentence: str) -> tuple[CountryHit, ...]:
    t = _tables()
    hits: list[CountryHit] = []
    strict: set[int] = set()  # starts of the hits that count only after a cue word or in a list (starts are unique)
    for start, end, value in t.matcher.spans(sentence):
        if isinstance(value, _Country):
            hits.append(CountryHit(start, end, sentence[start:end], value.iso3, value.via))
            if value.strict:
                strict.add(start)
    if _HAS_LATIN.search(sentence):
        for m in _LATIN_CODE.finditer(sentence):
            code = m.group()
            if code not in t.codes:
                continue
            # a code inside Latin text ("and", "can", "per" in an English phrase) is not a country
            if _LATIN_NEIGHBOUR_LEFT.search(sentence, 0, m.start()) or _LATIN_NEIGHBOUR_RIGHT.match(
                sentence, m.end(), m.end() + 4
            ):
                continue
            hits.append(CountryHit(m.start(), m.end(), code, code.upper(), "code"))
        hits.sort(key=lambda h: h.start)
    if t.media is not None and any(h.via == "demonym" for h in hits) and any(w in sentence for w in t.media_words):
        hits = [h for h in hits if not _outlets_adjective(t.media, sentence, h, hits)]
    if strict:
        keep = []
        for i, h in enumerate(hits):
            if h.start in strict:
                prev = previous_words(sentence, h.start, 1)
                if not ((prev and prev[0] in t.cues) or _is_listed(hits, i, sentence)):
                    continue
            keep.append(h)
        hits = keep
    return tuple(hits)


# ---------------------------------------------------------------------------------------------------------------------
# places


@dataclass(frozen=True, slots=True)
class _Place:
    location: str
    via: str  # city | venue | online
    strict: bool = False


class _PlaceTables:
    def __init__(self) -> None:
        article: dict[str, object] = {}
        bare: dict[str, object] = {}
        self.cues: dict[str, tuple[frozenset[str], int]] = {}
        rows = read_table("places.csv")
        for row in rows:
            if row["kind"] == "cue":
                words = frozenset(norm(w) for w in split_variants(row["variants"]))
                self.cues[row["location"]] = (words, int(row.get("window") or 1))
        for row in rows:
            kind = row["kind"]
            if kind == "cue":
                continue
            for raw in split_variants(row["variants"]):
                has_article, stem = split_article(raw)
                target = article if has_article else bare
                if kind == "not":
                    target[stem] = BLOCK
                    continue
                place = _Place(row["location"], kind, strict=row.get("strict", "") == "yes")
                spellings = {stem} if kind == "online" else loose_phrase(stem, vowels=False, g_letters="غج")
                for v in sorted(spellings):
                    target.setdefault(v, place)
        self.matcher = TrieMatcher(article, bare)


@cache
def _place_tables() -> _PlaceTables:
    return _PlaceTables()


def find_places(sentence: str) -> list[PlaceHit]:
    """Meeting places in one normalised sentence: cities and venues (English city name), online formats ("Virtual")."""
    t = _place_tables()
    hits: list[PlaceHit] = []
    for start, end, value in t.matcher.spans(sentence):
        if not isinstance(value, _Place):
            continue
        if value.strict:
            group = "online" if value.via == "online" else "city"
            words, window = t.cues.get(group, (frozenset(), 1))
            if not any(w in words for w in previous_words(sentence, start, window)):
                continue
        via = value.via if value.via in ("city", "venue", "online") else "city"
        hits.append(PlaceHit(start, end, sentence[start:end], value.location, via))  # type: ignore[arg-type]
    return hits
