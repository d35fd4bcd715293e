"""Compiled trigger and cue patterns from ``event_triggers.csv`` and ``event_cues.csv``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import read_table

LETTER = "\u0621-\u064aa-z"
# و/ف, then ب/ل/ك, then ال or ل (for لل): لمجموعه، للمجموعه، والاجتماع، بالاجتماع، فالقمه
PRE = "(?:[وف])?(?:[بلك])?(?:ال|ل)?"


def wrap(pattern: str, clitics: bool = True) -> str:
    """Clitics in front, Arabic/Latin letter boundaries around."""
    pre = PRE if clitics else ""
    return f"(?<![{LETTER}]){pre}(?:{pattern})(?![{LETTER}])"


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


@cache
def cue_regex(kind: str) -> re.Pattern[str]:
    """One alternation of every cue of ``kind`` in event_cues.csv."""
    pats = [row["pattern"] for row in read_table("event_cues.csv") if row["kind"] == kind]
    if not pats:
        raise KeyError(kind)
    return re.compile("|".join(wrap(p, clitics=kind not in ("nonfact", "since")) for p in pats))
