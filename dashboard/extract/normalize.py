"""A matching copy of Arabic text, with a map from every position back to the original.

Matching runs on the copy; what is stored and shown is always the original. The copy:

- drops harakat, tanwin, shadda, superscript alef, tatweel, and bidi / zero-width marks;
- folds hamza-carrying alefs (أ إ آ ٱ) to ا, alef maqsura ى to ي, ta marbuta ة to ه;
- maps Arabic-Indic and Persian digits to ASCII, ٫ to "." and ٬ to ",";
- folds curly quotes and guillemets to ", dashes to "-", no-break and other spaces to " ";
- lower-cases ASCII letters and decomposes presentation forms (ﻻ -> لا);
- splits words glued after ة ("المتحدةولم" -> "المتحده ولم") and after an Arabic comma.

Everything except the presentation forms and the splits is one character to at most one character, so the map is a
short list of breakpoints and costs nothing on text that needs no change.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["NormText", "normalize", "norm"]

_DROP = (
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0656\u0657\u0658\u065f\u0670"  # harakat
    "\u0640"  # tatweel
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff\u00ad"
)
_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي", "ة": "ه",
    "٫": ".", "٬": ",",
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'",
    "–": "-", "—": "-", "‒": "-", "―": "-", "−": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u200a": " ", "\u2002": " ", "\u2003": " ",
    "\t": " ", "\r": "\n", "\u2028": "\n", "\u2029": "\n",
}
for _i in range(10):
    _MAP[chr(0x0660 + _i)] = str(_i)
    _MAP[chr(0x06F0 + _i)] = str(_i)
for _c in range(ord("A"), ord("Z") + 1):
    _MAP[chr(_c)] = chr(_c + 32)

_TABLE: dict[int, str | None] = {ord(c): None for c in _DROP}
_TABLE.update({ord(k): v for k, v in _MAP.items()})

_NEEDS_WORK = re.compile("[" + re.escape(_DROP) + "\ufb50-\ufdff\ufe70-\ufefe]")
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
# ة (already folded to ه in the copy) can only end a word: a letter right after the original ة starts a new word.
_GLUE = re.compile("(?<=[ة،])(?=[\u0621-\u064a])")


@dataclass(frozen=True, slots=True)
class NormText:
    """The original text, its matching copy, and the map between them."""

    original: str
    text: str
    # breakpoints: sorted positions p in `text` from which original index = p + shift
    _points: list[int] = field(default_factory=list, repr=False)
    _shifts: list[int] = field(default_factory=list, repr=False)

    def orig_index(self, i: int) -> int:
        """Index in the original of the character at position ``i`` of the copy (``len(text)`` maps to the end)."""
        if i >= len(self.text):
            return len(self.original)
        k = bisect.bisect_right(self._points, i) - 1
        return i + (self._shifts[k] if k >= 0 else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the copy's slice ``[start:end]``."""
        if end <= start:
            s = self.orig_index(start)
            return s, s
        s = self.orig_index(start)
        last = self.orig_index(end - 1)
        # the original character behind the copy's last character, plus anything dropped right after it inside a word
        e = last + 1
        n = len(self.original)
        while e < n and self.original[e] in _DROP_SET:
            e += 1
        return s, e

    def raw(self, start: int, end: int) -> str:
        s, e = self.span(start, end)
        return self.original[s:e]


_DROP_SET = frozenset(_DROP)


def _char_map(original: str) -> tuple[str, list[int], list[int]]:
    """Slow path for text with dropped characters, presentation forms or glued words."""
    out: list[str] = []
    points: list[int] = []
    shifts: list[int] = []
    glue = {m.start() for m in _GLUE.finditer(original)}

    def emit(chars: str, target: int) -> None:
        for c in chars:
            shift = target - len(out)
            if (shifts[-1] if shifts else 0) != shift:
                points.append(len(out))
                shifts.append(shift)
            out.append(c)

    for i, ch in enumerate(original):
        if i in glue:
            emit(" ", i)  # the inserted space stands for the letter after it
        if ch in _DROP_SET:
            continue
        if _PRESENTATION.match(ch):
            emit(unicodedata.normalize("NFKC", ch).translate(_TABLE), i)
        else:
            emit(ch.translate(_TABLE), i)
    return "".join(out), points, shifts


def normalize(original: str) -> NormText:
    """Build the matching copy of ``original`` and its offset map."""
    if not _NEEDS_WORK.search(original) and not _GLUE.search(original):
        return NormText(original, original.translate(_TABLE), [], [])
    text, points, shifts = _char_map(original)
    return NormText(original, text, points, shifts)


def norm(s: str) -> str:
    """Matching form of a lexicon entry or a query (no offsets)."""
    return normalize(s).text
