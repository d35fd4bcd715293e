"""Sentence spans. A sentence ends at . ! ? ؟ … followed by space (closing quotes stay with it), or at a line break.

Never on the Arabic comma "،": Arabic news runs whole paragraphs through commas. Decimals ("66.5") and
abbreviations without a following space do not end a sentence.
"""

from __future__ import annotations

import re

__all__ = ["sentence_spans"]

_END = re.compile(r"""(?:[.!?؟…]+["'”’»)\]]*[ \t]+)|\n+""")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank sentence in ``text``, trimmed of surrounding spaces."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _END.finditer(text):
        _add(text, pos, m.end(), spans)
        pos = m.end()
    _add(text, pos, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
