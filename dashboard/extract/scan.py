"""Plain words found in one pass over a text: the literal gates in front of the costly patterns.

A regular-expression alternation of plain words (``اجتماع|قمه|لقاء|…``) is tried word by word at every position of the
text. An Aho–Corasick automaton (pyahocorasick) reads each character once, whatever the number of words, so a gate
costs one pass however long its word list is.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping

import ahocorasick

__all__ = ["WordMasks", "WordSet", "automaton"]


def automaton(values: Mapping[str, object]) -> ahocorasick.Automaton:
    """A bare automaton of ``values``' words, each carrying its value: ``automaton.iter(text)`` gives (index of the
    last character, value) of every occurrence. For a pass whose per-hit work is small: a value made for the caller
    (a word's length, its bits, its patterns) spares the lookup and the generator step ``WordSet`` costs per hit."""
    if not values or "" in values:
        raise ValueError("an automaton needs non-empty words")
    a = ahocorasick.Automaton()
    for w, v in values.items():
        a.add_word(w, v)
    a.make_automaton()
    return a


class WordSet:
    """Occurrences of any of ``words`` (plain strings, matched anywhere, overlapping)."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(sorted(set(words), key=lambda w: (-len(w), w)))
        self._automaton = automaton({w: w for w in self.words})

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[tuple[int, str]]:
        """(start, word) of every occurrence inside ``text[pos:endpos]``, overlapping ones included, in order of their
        ends."""
        pos, end = max(pos, 0), min(endpos, len(text))
        if pos >= end:
            return
        for last, word in self._automaton.iter(text, pos, end):
            yield last - len(word) + 1, word

    def __reduce__(self) -> tuple[type[WordSet], tuple[tuple[str, ...]]]:
        return WordSet, (self.words,)


class WordMasks:
    """Plain words, each standing for a set of things (bits of an int): ``mask`` is the union of the bits of the words
    that occur in a text, read in one pass."""

    def __init__(self, bits: dict[str, int]) -> None:
        self.bits = dict(bits)
        self._automaton = automaton(self.bits)

    def mask(self, text: str, pos: int = 0, endpos: int = sys.maxsize, full: int = -1) -> int:
        """The bits of the words inside ``text[pos:endpos]`` (the scan stops once it has every bit of ``full``)."""
        pos, end = max(pos, 0), min(endpos, len(text))
        got = 0
        if pos < end:
            for _, b in self._automaton.iter(text, pos, end):
                got |= b
                if got & full == full:
                    break
        return got

    def __reduce__(self) -> tuple[type[WordMasks], tuple[dict[str, int]]]:
        return WordMasks, (self.bits,)
