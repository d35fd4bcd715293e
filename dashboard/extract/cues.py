"""Compiled trigger and cue patterns from ``event_triggers.csv`` and ``event_cues.csv``."""

from __future__ import annotations

import re
import re._constants as sre_c
import re._parser as sre_p
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from .lexicon import read_table
from .scan import WordMasks

LETTER = "\u0621-\u064aa-z"
# و/ف, then ب/ل/ك, then ال or ل (for لل): لمجموعه، للمجموعه، والاجتماع، بالاجتماع، فالقمه
PRE = "(?:[وف])?(?:[بلك])?(?:ال|ل)?"


def wrap(pattern: str, clitics: bool = True, lead: bool = True) -> str:
    """Clitics in front, Arabic/Latin letter boundaries around (``lead=False``: the caller writes the leading one)."""
    pre = PRE if clitics else ""
    return f"{f'(?<![{LETTER}])' if lead else ''}{pre}(?:{pattern})(?![{LETTER}])"


@dataclass(frozen=True, slots=True)
class TriggerRule:
    kind: str
    regex: re.Pattern[str]
    event_type: str
    note: str


@cache
def trigger_rules() -> tuple[TriggerRule, ...]:
    rules = []
    for row in read_table("event_triggers.csv"):
        rules.append(TriggerRule(row["kind"], re.compile(wrap(row["pattern"])), row["event_type"], row["note"]))
    return tuple(rules)


_KIND_ORDER = ("meeting", "group", "nato", "call", "talks", "visit_verb", "verb", "noun")


@cache
def _sorted_rules() -> tuple[TriggerRule, ...]:
    return tuple(sorted(trigger_rules(), key=lambda r: _KIND_ORDER.index(r.kind)))


@cache
def _triggers() -> Alternation:
    return Alternation([f"(?P<r{i}>{_pattern(r)})" for i, r in enumerate(_sorted_rules())], f"(?<![{LETTER}]){PRE}",
                       f"(?![{LETTER}])")


def trigger_regex() -> tuple[re.Pattern[str], tuple[TriggerRule, ...]]:
    """All triggers in one alternation, more specific kinds first (at one position the first alternative wins):
    group ``r<i>`` is rule ``i`` of the returned rules."""
    return _triggers().regex, _sorted_rules()


def trigger_alternation() -> Alternation:
    """``trigger_regex`` as an ``Alternation`` (to be read in one scan with other alternations)."""
    return _triggers()


def _pattern(rule: TriggerRule) -> str:
    src = rule.regex.pattern
    inner = src[src.index(PRE) + len(PRE) :]
    return inner[: inner.rindex(f"(?![{LETTER}])")]


class Alternation:
    """An alternation of patterns (between ``before`` and ``after``) that runs only the alternatives which can match.

    Each alternative's required plain words (read from its pattern) are looked up in one automaton
    pass over the text; an alternative none of whose words is there cannot match, and is left out of the regex that
    runs (compiled once for each set of alternatives). Leaving out an alternative that cannot match changes no match,
    so ``search``/``finditer`` find what the whole alternation finds, a few alternatives at a time instead of all."""

    _CACHE = 4096  # compiled subsets kept per alternation
    # A set of alternatives is compiled on its third request; until then the whole alternation runs (the same
    # matches). Compiling a cut of the trigger alternation takes about half a millisecond, more than running the whole
    # one a few times: real articles bring a new set of triggers in one request of three at first and one in six after
    # a hundred articles (the development set), so most sets would never pay for their compilation.
    _COMPILE_AT = 3

    def __init__(self, alternatives: list[str], before: str = "", after: str = "", flags: int = 0) -> None:
        self.alternatives, self.before, self.after, self.flags = tuple(alternatives), before, after, flags
        self.regex = re.compile(f"{before}(?:{'|'.join(alternatives)}){after}", flags)
        self.pattern = self.regex.pattern
        bits: dict[str, int] = {}
        always = 0  # alternatives with no sure word (or a pattern that ignores case): always run
        for i, alt in enumerate(alternatives):
            words = None if flags & re.IGNORECASE else _required(sre_p.parse(alt))
            if words is None:
                always |= 1 << i
            for w in words or ():
                bits[w] = bits.get(w, 0) | 1 << i
        self._words = WordMasks(bits) if bits else None
        self._always, self._all = always, (1 << len(alternatives)) - 1
        self._compiled: dict[int, re.Pattern[str]] = {self._all: self.regex}
        self._asked: dict[int, int] = {}  # requests of each set not compiled yet

    def regex_for(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Pattern[str] | None:
        """The alternation cut to the alternatives that can match inside ``text[pos:endpos]``, None when none can."""
        found = 0
        if self._words is not None and self._always != self._all:
            found = self._words.mask(text, pos, endpos, self._all & ~self._always)
        return self.regex_with(found)

    @property
    def word_bits(self) -> dict[str, int]:
        """The required words, each with the bits of the alternatives it lets run."""
        return dict(self._words.bits) if self._words is not None else {}

    def regex_with(self, found: int) -> re.Pattern[str] | None:
        """The alternation cut to the alternatives of ``found`` (the bits of the words present, as ``word_bits`` gives
        them) and those that always run; None when none is left. ``found`` may hold more than the words of the text
        searched (those of a longer text it is part of): an alternative whose words are absent cannot match, so an
        extra one changes no match."""
        ids = self._always | (found & self._all)
        if not ids:
            return None
        got = self._compiled.get(ids)
        if got is None:
            asked = self._asked.get(ids, 0) + 1
            if asked < self._COMPILE_AT:
                if len(self._asked) >= self._CACHE:
                    self._asked = {}
                self._asked[ids] = asked
                return self.regex
            self._asked.pop(ids, None)
            if len(self._compiled) >= self._CACHE:
                self._compiled = {self._all: self.regex}
            body = "|".join(alt for i, alt in enumerate(self.alternatives) if ids >> i & 1)
            got = self._compiled[ids] = re.compile(f"{self.before}(?:{body}){self.after}", self.flags)
        return got

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        regex = self.regex_for(text, pos, endpos)
        return None if regex is None else regex.search(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        regex = self.regex_for(text, pos, endpos)
        return iter(()) if regex is None else regex.finditer(text, pos, endpos)


class Alternations:
    """Several alternations whose words the caller looks up together, in one automaton pass over a text (over
    ``word_bits``), instead of one pass per alternation and per call. ``regex(name, found)`` is then alternation
    ``name`` cut to the alternatives the pass allows: the same matches as ``regex_for`` on the text or on any part of
    it."""

    def __init__(self, alternations: dict[str, Alternation]) -> None:
        self._at: dict[str, tuple[Alternation, int]] = {}
        bits: dict[str, int] = {}
        offset = 0
        for name, alt in alternations.items():
            self._at[name] = (alt, offset)
            for w, b in alt.word_bits.items():
                bits[w] = bits.get(w, 0) | b << offset
            offset += len(alt.alternatives)
        self._bits = bits
        self.width = offset  # the bits the alternations use: those above are free for the caller's own words

    @property
    def word_bits(self) -> dict[str, int]:
        """Every alternation's words, each with its bits (an alternation's, shifted past those before it)."""
        return dict(self._bits)

    def regex(self, name: str, found: int) -> re.Pattern[str] | None:
        """Alternation ``name`` cut to the alternatives of ``found`` (the union of the bits of the words in the text
        searched, or in a text that holds it); None when none can match."""
        alt, offset = self._at[name]
        return alt.regex_with(found >> offset)


_SPELL = 64  # the most strings a run of plain pieces is spelled out into


def _strings(seq: Any) -> set[str] | None:
    """Every string the parsed sequence ``seq`` matches, when it matches few plain strings (None otherwise).
    Lookbehinds, negative lookaheads and anchors match the empty string: they add nothing to what is matched (a
    positive lookahead makes it None: what it reads is for ``_seen``)."""
    out = {""}
    for op, arg in seq:
        if op is sre_c.LITERAL:
            got: set[str] | None = {chr(arg)}
        elif op is sre_c.IN:
            got = {chr(a) for o, a in arg if o is sre_c.LITERAL} if all(o is sre_c.LITERAL for o, _ in arg) else None
        elif op is sre_c.SUBPATTERN:
            got = _strings(arg[3]) if not (arg[1] or arg[2]) else None
        elif op is sre_c.BRANCH:
            parts = [_strings(b) for b in arg[1]]
            got = None if any(p is None for p in parts) else set().union(*parts)  # type: ignore[arg-type]
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT) and arg[1] <= 1:
            sub = _strings(arg[2])
            got = None if sub is None else sub | {""} if arg[0] == 0 else sub
        elif op is sre_c.ASSERT_NOT or op is sre_c.AT or (op is sre_c.ASSERT and arg[0] == -1):
            got = {""}
        else:
            got = None
        if got is None or len(out) * len(got) > _SPELL:
            return None
        out = {a + b for a in out for b in got}
    return out


def _seen(seq: Any) -> set[str]:
    """Plain strings one of which a text holds where the parsed sequence ``seq`` matches: what it matches, spelled
    out as far as it is few plain strings, then what a positive lookahead there reads (من(?= بدايه| بدء) -> "من بدايه"
    or "من بدء"); {""} when nothing is sure."""
    out = {""}
    for op, arg in seq:
        got = _strings([(op, arg)])
        if got is None:  # the text goes on with what this piece reads, then the spelling stops
            if op is sre_c.ASSERT and arg[0] == 1:
                got = _seen(arg[1])
            elif op is sre_c.SUBPATTERN and not (arg[1] or arg[2]):
                got = _seen(arg[3])
            elif op is sre_c.BRANCH:
                got = set().union(*(_seen(b) for b in arg[1]))
            if got is not None and len(out) * len(got) <= _SPELL:
                out = {a + b for a in out for b in got}
            return out
        if len(out) * len(got) > _SPELL:
            return out
        out = {a + b for a in out for b in got}
    return out


def _covering(words: set[str]) -> set[str]:
    """``words`` less those that hold another of them: a text holding any of ``words`` holds one of these."""
    short = sorted(words, key=len)
    return {w for i, w in enumerate(short) if not any(v in w for v in short[:i])}


def _required(seq: Any) -> set[str] | None:
    """Plain strings one of which every match of the parsed sequence ``seq`` contains, or its lookahead reads (None
    when none is sure).

    Each run of pieces that match few plain strings (ترا(?:س|ست)، يوم (?:نفسه|ذاته|عينه)) is spelled out: every
    match holds one of the run's strings. A positive lookahead at the end of a run adds what it reads: من(?= بدايه)
    is found only in a text holding "من بدايه". Of the sets found, the rarest is kept (``_share``): fewer texts let
    the pattern run."""
    options: list[set[str]] = []
    run = {""}
    for op, arg in [*list(seq), (None, None)]:
        piece = _strings([(op, arg)]) if op is not None else None
        if piece is not None and len(run) * len(piece) <= _SPELL:
            run = {a + b for a in run for b in piece}
            continue
        if op is not None and len(run) * len(ahead := _seen([(op, arg)])) <= _SPELL:
            options.append({a + b for a in run for b in ahead})  # the run, then what the text holds after it
        if op is sre_c.ASSERT and arg[0] == 1:
            continue  # it reads ahead without moving: the run goes on after it
        if "" not in run:
            options.append(run)
        run = {""} if piece is None else piece
        if piece is not None:
            continue
        if op is sre_c.SUBPATTERN:
            got = _required(arg[3])
        elif op is sre_c.BRANCH:
            parts = [_required(b) for b in arg[1]]
            got = None if any(p is None for p in parts) else set().union(*parts)  # type: ignore[arg-type]
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT) and arg[0] >= 1:
            got = _required(arg[2])
        else:
            got = None
        if got:
            options.append(got)
    options = [c for o in options if min(map(len, c := _covering(o))) >= 2]
    return min(options, key=_share) if options else None


def _share(words: set[str]) -> float:
    """How often a text would hold one of ``words`` if each letter were one of three, equally likely: the measure by
    which the rarest set of gate words is chosen (one long word before many short ones, a few words before many)."""
    return sum(3.0 ** -len(w) for w in words)


def gate_words(regex: re.Pattern[str]) -> tuple[str, ...]:
    """Plain words one of which every match of ``regex`` holds, read from its pattern as ``Alternation`` reads an
    alternative's (ValueError when no word is sure): a text with none of them need not be searched."""
    words = None if regex.flags & re.IGNORECASE else _required(sre_p.parse(regex.pattern))
    if not words:
        raise ValueError(f"no sure word in {regex.pattern!r}")
    return tuple(sorted(words))


def gated(regex: re.Pattern[str]) -> Alternation:
    """``regex`` behind the plain words read from its own pattern (an alternation of one): it runs only on a text
    that holds one of them (always, when no word is sure or the pattern ignores case)."""
    return Alternation([regex.pattern], flags=regex.flags)


@cache
def cue_words(kind: str) -> str:
    """The cues of ``kind`` as one bare alternation ``(?:a|b|…)``, for a pattern that places the words itself."""
    pats = [row["pattern"] for row in read_table("event_cues.csv") if row["kind"] == kind]
    if not pats:
        raise KeyError(kind)
    return "(?:" + "|".join(pats) + ")"


@cache
def cue_regex(kind: str) -> Alternation:
    """One alternation of every cue of ``kind`` in event_cues.csv, run on the cues whose words are in the text."""
    pats = [row["pattern"] for row in read_table("event_cues.csv") if row["kind"] == kind]
    if not pats:
        raise KeyError(kind)
    # the leading boundary written once for all cues (a|b|c with the same lookbehind in front of each is the same
    # pattern, but the engine would test the lookbehind once per cue at every position)
    bare = [wrap(p, clitics=kind not in ("nonfact", "since"), lead=False) for p in pats]
    return Alternation(bare, f"(?<![{LETTER}])")
