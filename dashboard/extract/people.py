"""Office-holders in one normalised sentence.

Two kinds of hit:

- a known person (``data/officials.csv``: spellings, role, country, term of office), found by any listed Arabic
  spelling, with transliteration variants (غ/ج/ق, inner long vowels) matched loosely for long names. When a person held
  several posts, the post that covers the publication date is returned; ``in_tenure`` says whether the date falls in
  the term (None without a date).
- a title with a nationality but no known name ("وزير الدفاع الأمريكي"، "وزير الدفاع في المملكة المتحدة"،
  "رئيس وزراء بريطانيا"، "المتحدث باسم الكرملين"، "نظيره الروسي"): ``name_en`` is None, ``iso3`` comes from the
  adjective, country, capital or institution, ``role`` is the Arabic title (``data/titles.csv``). Up to two
  following words that look like a name (not a verb of saying, a function word or an ال-word) are included in the
  hit's span.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from .lexicon import read_table, split_variants
from .normalize import norm
from .places import AR, TrieMatcher, find_countries, loose_phrase, sentence_words, split_article
from .types import CountryHit, OfficialHit

__all__ = ["find_officials"]


@dataclass(frozen=True, slots=True)
class _Tenure:
    person_en: str
    role: str
    iso3: str | None
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True, slots=True)
class _Title:
    role: str  # canonical Arabic title
    iso3: str | None
    org: str | None
    construct: bool  # last word without ال: a country name / capital / institution follows directly
    counterpart: bool


def _date(s: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s) if s else None
    except ValueError:
        return None


class _Tables:
    def __init__(self) -> None:
        self.tenures: dict[str, list[_Tenure]] = {}
        names: dict[str, str] = {}
        exact: set[str] = set()
        for row in read_table("officials.csv"):
            person = row["person_en"]
            self.tenures.setdefault(person, []).append(
                _Tenure(person, row["role"], row["iso3"] or None, _date(row["start"]), _date(row["end"]))
            )
            for raw in split_variants(row["names_ar"]) + split_variants(row.get("extra_ar", "")):
                n = norm(raw)
                exact.add(n)
                names[n] = person
        # loose spellings never override an exact spelling of someone else
        loose: dict[str, object] = {}
        for n, person in names.items():
            for v in loose_phrase(n, vowels=True):
                if v not in exact:
                    loose.setdefault(v, person)
        loose.update(names)
        self.names = TrieMatcher({}, loose)

        article: dict[str, object] = {}
        bare: dict[str, object] = {}
        stop: set[str] = set()
        modifiers: set[str] = set()
        for row in read_table("titles.csv"):
            forms = split_variants(row["ar"])
            if row["kind"] == "stop":
                stop.update(norm(f) for f in forms)
                continue
            if row["kind"] == "modifier":
                modifiers.update(norm(f) for f in forms)
                continue
            canonical = forms[0]
            for raw in forms:
                has_article, stem = split_article(raw)
                last = norm(raw).split(" ")[-1]
                title = _Title(
                    role=canonical,
                    iso3=row.get("iso3") or None,
                    org=row.get("org") or None,
                    construct=row["kind"] == "title" and not last.startswith("ال"),
                    counterpart=row["kind"] == "counterpart",
                )
                (article if has_article else bare).setdefault(stem, title)
        self.titles = TrieMatcher(article, bare)
        self.firsts = self.names.firsts | self.titles.firsts  # a sentence with none of them has no hit
        self.stop = frozenset(stop)
        mods = "|".join(re.escape(x).replace(r"\ ", r"[ \t]+") for x in sorted(modifiers, key=len, reverse=True))
        # words between the title (and nationality) and the name: "الرئيس الأمريكي السابق دونالد ترامب"
        self.modifiers = re.compile(f"(?:[ \t]+(?:{mods})(?![{AR}])){{0,2}}" if mods else "")


@cache
def _tables() -> _Tables:
    return _Tables()


_GAP = re.compile(r"[ \t]*(?:[،,:\-][ \t]*)?")  # between a title and a name: spaces, one comma / colon / dash
_SPACE = re.compile(r"[ \t]*")
_NAME_WORD = re.compile(f"[{AR}]{{2,}}(?![{AR}0-9])")
_FI = re.compile(r"[ \t]*في[ \t]+")
_SPACES_ONLY = re.compile(r"[ \t]+")


def _pick(tenures: list[_Tenure], published: dt.date | None) -> tuple[_Tenure, bool | None]:
    """The post to report: the one covering ``published`` (the latest such), else the nearest; and whether covered."""
    if published is None:
        return max(tenures, key=lambda t: t.start or dt.date.min), None
    covering = [
        t for t in tenures if (t.start is None or t.start <= published) and (t.end is None or published <= t.end)
    ]
    if covering:
        return max(covering, key=lambda t: t.start or dt.date.min), True

    def distance(t: _Tenure) -> int:
        if t.start is not None and published < t.start:
            return (t.start - published).days
        if t.end is not None and published > t.end:
            return (published - t.end).days
        return 0

    return min(tenures, key=distance), False


def _is_name_word(word: str, stop: frozenset[str]) -> bool:
    if word in stop or word.startswith("ال"):
        return False
    if word[0] in "وفبلكس" and (word[1:] in stop or word[1:].startswith("ال")):
        return False
    return True


def find_officials(sentence: str, published: dt.date | None) -> list[OfficialHit]:
    """Known office-holders and titled officials with a nationality in one normalised sentence."""
    if isinstance(published, dt.datetime):  # a datetime (or pandas Timestamp) does not compare with a date
        published = published.date()
    t = _tables()
    present = t.firsts.intersection(sentence_words(sentence))
    if not present:
        return []
    known: dict[int, tuple[int, str]] = {}  # start -> (end, person)
    for start, end, person in t.names.spans(sentence, present):
        known[start] = (end, str(person))
    titles = [(s, e, v) for s, e, v in t.titles.spans(sentence, present) if isinstance(v, _Title)]
    if not titles:  # nothing to qualify with a country: the known names as they are, in order
        return [_person_hit(sentence, start, known[start], t, published) for start in sorted(known)]
    by_start: dict[int, CountryHit] = {c.start: c for c in find_countries(sentence)}

    def person_hit(start: int, from_: int | None = None, iso3: str | None = None) -> OfficialHit:
        return _person_hit(sentence, start if from_ is None else from_, known[start], t, published, iso3)

    hits: list[OfficialHit] = []
    used: set[int] = set()  # starts of known names already reported through a title
    covered_until = -1
    last_role: str | None = None
    for t_start, t_end, title in titles:
        if t_start < covered_until:
            continue
        role = title.role
        if title.counterpart:
            role = last_role or role
        else:
            last_role = title.role
        nats = _nationalities(sentence, title, t_end, by_start)
        nat_end = nats[-1].end if nats else t_end
        after = t.modifiers.match(sentence, nat_end).end()  # type: ignore[union-attr]
        gap = _GAP.match(sentence, after)
        name_at = gap.end() if gap else after
        if name_at in known:  # رئيس الوزراء الهولندي مارك روته: the post of that country, when he held several
            hits.append(person_hit(name_at, iso3=nats[0].iso3 if len(nats) == 1 else title.iso3))
            used.add(name_at)
            covered_until = known[name_at][0]
            continue
        name_end = _extend_over_name(sentence, after, t.stop, by_start) if len(nats) <= 1 else after
        inner = [k for k in known if name_at < k < name_end]
        if inner:  # an unlisted first name before a listed surname: "ديميتري بيسكوف"
            k = inner[0]
            full = known[k][0]
            hits.append(person_hit(k, name_at))
            used.add(k)
            covered_until = full
            continue
        if not nats and not title.iso3 and not title.org:
            continue
        end = name_end if name_end > after else nat_end
        targets: list[str | None] = [n.iso3 for n in nats] or [title.iso3]
        for i, iso3 in enumerate(targets):
            e = nats[i].end if len(nats) > 1 else end
            hits.append(OfficialHit(t_start, e, sentence[t_start:e], None, iso3, role, None))
        covered_until = end
    for start in sorted(known):
        if start not in used and not any(h.start <= start < h.end for h in hits):
            hits.append(person_hit(start))
    hits.sort(key=lambda h: (h.start, h.end))
    return hits


def _person_hit(
    sentence: str, a: int, entry: tuple[int, str], t: _Tables, published: dt.date | None, iso3: str | None = None
) -> OfficialHit:
    """The hit of a known name (``entry``: its end and person), its span from ``a``, with the post held at
    ``published``; among the posts of ``iso3`` when the title before the name gives that country and he held one."""
    end, person = entry
    tenures = t.tenures[person]
    of_country = [x for x in tenures if iso3 is not None and x.iso3 == iso3]
    tenure, ok = _pick(of_country or tenures, published)
    return OfficialHit(a, end, sentence[a:end], person, tenure.iso3, tenure.role, ok)


def _nationalities(sentence: str, title: _Title, end: int, by_start: dict[int, CountryHit]) -> list[CountryHit]:
    """The countries a title is qualified by: an adjective right after it, or في + a country name, or (construct
    title) a country name / capital / institution; then more of the same kind joined by و
    ("وزيرا الدفاع الأمريكي والبريطاني")."""
    pos = _SPACE.match(sentence, end).end()  # type: ignore[union-attr]
    c = by_start.get(pos)
    if c is not None:
        ok = c.via == "demonym" or title.construct or (c.via == "name" and c.text[:1] in "بل")
    else:
        fi = None if title.construct else _FI.match(sentence, end)
        c = by_start.get(fi.end()) if fi is not None else None
        ok = c is not None and c.via == "name"
    if c is None or not ok:
        return []
    nats = [c]
    while True:
        nxt = by_start.get(_SPACE.match(sentence, nats[-1].end).end())  # type: ignore[union-attr]
        if nxt is None or not nxt.text.startswith("و") or nxt.via != c.via:
            return nats
        nats.append(nxt)


def _extend_over_name(sentence: str, pos: int, stop: frozenset[str], countries: dict[int, CountryHit]) -> int:
    """End of up to two name-like words after ``pos`` (an optional comma first); ``pos`` if there are none."""
    gap = _GAP.match(sentence, pos)
    at = gap.end() if gap else pos
    end = pos
    titles = _tables().titles
    for _ in range(2):
        m = _NAME_WORD.match(sentence, at)
        if m is None or at in countries or not _is_name_word(m.group(), stop):
            break
        if titles.regex.match(sentence, at):
            break
        end = m.end()
        nxt = _SPACES_ONLY.match(sentence, end)
        if nxt is None:
            break
        at = nxt.end()
    return end
