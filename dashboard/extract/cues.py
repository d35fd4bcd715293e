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
def trigger_regex() -> tuple[re.Pattern[str], tuple[TriggerRule, ...]]:
    """All triggers in one alternation, more specific kinds first (at one position the first alternative wins):
    group ``r<i>`` is rule ``i`` of the returned rules."""
    rules = sorted(trigger_rules(), key=lambda r: _KIND_ORDER.index(r.kind))
    body = "|".join(f"(?P<r{i}>{_pattern(r)})" for i, r in enumerate(rules))
    return re.compile(f"(?<![{LETTER}]){PRE}(?:{body})(?![{LETTER}])"), tuple(rules)


def _pattern(rule: TriggerRule) -> str:
    src = rule.regex.pattern
    inner = src[src.index(PRE) + len(PRE) :]
    return inner[: inner.rindex(f"(?![{LETTER}])")]


class GatedPattern:
    """A compiled cue alternation behind a literal gate: every match contains one of ``gate``'s plain words (found by
    reading the patterns), and a plain alternation of words is scanned many times faster than the cue regex with its
    clitics and boundaries. Where the gate finds nothing the cue regex is not run. Same ``search``/``finditer`` as a
    compiled pattern."""

    def __init__(self, regex: re.Pattern[str], gate: re.Pattern[str] | None) -> None:
        self.regex, self.gate, self.pattern = regex, gate, regex.pattern

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self.gate is not None and self.gate.search(text, pos, endpos) is None:
            return None
        return self.regex.search(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        if self.gate is not None and self.gate.search(text, pos, endpos) is None:
            return iter(())
        return self.regex.finditer(text, pos, endpos)


def _required(seq: Any) -> set[str] | None:
    """Plain strings one of which every match of the parsed sequence ``seq`` contains (None when none is sure)."""
    options: list[set[str]] = []
    run = ""
    for op, arg in [*list(seq), (None, None)]:
        if op is sre_c.LITERAL:
            run += chr(arg)
            continue
        if run:
            options.append({run})
            run = ""
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
    options = [o for o in options if min(map(len, o)) >= 2]
    return max(options, key=lambda o: (min(map(len, o)), -len(o))) if options else None


def literal_gate(patterns: list[str]) -> re.Pattern[str] | None:
    """A plain alternation of the words one of which every match of any of ``patterns`` contains, or None."""
    words: set[str] = set()
    for p in patterns:
        got = _required(sre_p.parse(p))
        if got is None:
            return None
        words |= got
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def gated(regex: re.Pattern[str]) -> GatedPattern:
    """``regex`` behind the literal gate read from its own pattern (none when no literal is sure, or the pattern
    ignores case)."""
    gate = None if regex.flags & re.IGNORECASE else literal_gate([regex.pattern])
    return GatedPattern(regex, gate)


@cache
def cue_words(kind: str) -> str:
    """The cues of ``kind`` as one bare alternation ``(?:a|b|…)``, for a pattern that places the words itself."""
    pats = [row["pattern"] for row in read_table("event_cues.csv") if row["kind"] == kind]
    if not pats:
        raise KeyError(kind)
    return "(?:" + "|".join(pats) + ")"


@cache
def cue_regex(kind: str) -> GatedPattern:
    """One alternation of every cue of ``kind`` in event_cues.csv, behind its literal gate."""
    pats = [row["pattern"] for row in read_table("event_cues.csv") if row["kind"] == kind]
    if not pats:
        raise KeyError(kind)
    # the leading boundary written once for all cues (a|b|c with the same lookbehind in front of each is the same
    # pattern, but the engine would test the lookbehind once per cue at every position)
    bare = [wrap(p, clitics=kind not in ("nonfact", "since"), lead=False) for p in pats]
    regex = re.compile(f"(?<![{LETTER}])(?:" + "|".join(bare) + ")")
    return GatedPattern(regex, literal_gate(pats))
