"""Sentence spans. A sentence ends at . ! ? ؟ … followed by space (closing quotes stay with it), at a full stop
glued to the next Arabic word (two letters or more on each side), or at a line break (not at a hard wrap inside a
sentence).

Never on the Arabic comma "،": Arabic news runs whole paragraphs through commas. Decimals ("66.5") and
abbreviations without a following space do not end a sentence.

A sentence longer than ``MAX_SENTENCE_CHARS`` (a run-on text without full stops, a table flattened into one line) is
split into pieces of at most that length: at the last comma (Arabic or Latin) or semicolon in the second half of the
piece, else at the last space, else mid-word. Every extractor works one sentence at a time and some compare each
cue with the rest of its sentence, so this bound keeps the cost of an article linear in its length.
"""

from __future__ import annotations

import re

__all__ = ["MAX_SENTENCE_CHARS", "sentence_spans"]

MAX_SENTENCE_CHARS = 2000  # real news sentences stay far below (the seeds' longest is about 400 characters)

# [.!?؟…]+["'”’»)\]]*[ \t]+ or \n+, written to start with one character class: the engine then skips straight to
# those characters instead of trying both branches at every position of the text
_END = re.compile(
    r"""[.!?؟…\n](?:(?<=[.!?؟…])[.!?؟…]*["'”’»)\]]*[ \t]+|(?<=\n)\n*"""
    # a full stop glued to the next sentence (scraped text: «…لأوكرانيا".وأشار»): an Arabic word of two letters or
    # more (or its closing quote or bracket) before it, one after it; single letters are an abbreviation (أ.ف.ب)
    r"""|(?:(?<=[\u0621-\u064a]{2}[.!?؟])|(?<=[\u0621-\u064a]{2}["”»)][.!?؟]))(?=[\u0621-\u064a]{2}))"""
)
_SOFT_BREAK = re.compile(r"[،,;؛]\s")


_WRAP_MIN, _WRAP_MAX = 15, 80  # a hard-wrapped line: long enough to be prose, short enough to be a wrap


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank sentence in ``text``, trimmed of surrounding spaces; none is longer than
    ``MAX_SENTENCE_CHARS``.

    A single line break inside a sentence that was hard-wrapped (a line of prose that ends without punctuation,
    followed by an Arabic word) does not end it; the text's first line (the title) always does, unless it ends with
    a word no sentence ends with."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _END.finditer(text):
        if _wrapped(text, m):
            continue
        _add(text, pos, m.end(), spans)
        pos = m.end()
    _add(text, pos, len(text), spans)
    return spans


def _wrapped(text: str, m: re.Match[str]) -> bool:
    if m.group() != "\n":
        return False
    line_start = text.rfind("\n", 0, m.start()) + 1
    line = text[line_start : m.start()].strip()
    nxt = text[m.end() : m.end() + 1]
    if not ("\u0621" <= nxt <= "\u064a") or not _WRAP_MIN <= len(line) <= _WRAP_MAX or line[-1:] in _STOPS \
            or not _ARABIC_LETTER.search(line) or _DATE_LINE.search(line):
        # a line without an Arabic word (a byline: "Name, 02.03.2024, 10:15"), or a date line of a few words ending
        # in its year (الأحد 14 يناير 2024: a page's date), is not wrapped prose
        return False
    return line_start > 0 or bool(_OPEN_END.search(line))  # a title ends a sentence unless it cannot end one


_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_DATE_LINE = re.compile(r"^(?:\S+\s+){0,3}\d{1,2}\s+\S+\s+(?:19|20)\d\d$")
_STOPS = set(".!?؟…:\"'”’»)]")
# a word no sentence ends with: a particle or preposition waiting for what follows
_OPEN_END = re.compile(r"(?<![\u0621-\u064a])(?:ان|إن|أن|في|من|على|إلى|الى|عن|مع|بين|الذي|التي|قد|لم|لن|و)$")


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while True:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start <= MAX_SENTENCE_CHARS:
            break
        cut = _cut(text, start, start + MAX_SENTENCE_CHARS)
        _add(text, start, cut, spans)
        start = cut
    if end > start:
        spans.append((start, end))


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end a piece of an over-long sentence that starts at ``start`` and may not reach past ``limit``."""
    half = start + MAX_SENTENCE_CHARS // 2
    last = None
    for m in _SOFT_BREAK.finditer(text, half, limit):
        last = m
    if last is not None:
        return last.start() + 1
    space = max(text.rfind(" ", half, limit), text.rfind("\t", half, limit))
    return space + 1 if space > start else limit
