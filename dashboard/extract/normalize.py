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

import numpy as np
from pyarabic import araby

__all__ = ["NormText", "norm", "normalize"]

# pyarabic's letter tables name the marks and letters; the extra marks are Quranic annotation and the bidi /
# zero-width controls that web pages carry.
_DROP = (
    "".join(araby.TASHKEEL) + araby.TATWEEL
    + "\u0653\u0654\u0655\u0656\u0657\u0658\u065f\u0670"
    + "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff\u00ad"
)
_MAP = {
    **dict.fromkeys((araby.ALEF_HAMZA_ABOVE, araby.ALEF_HAMZA_BELOW, araby.ALEF_MADDA, araby.ALEF_WASLA), araby.ALEF),
    araby.ALEF_MAKSURA: araby.YEH,  # ى -> ي (pyarabic's normalize_alef would make it ا: على -> علا)
    araby.TEH_MARBUTA: araby.HEH,
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

# Events that change length: dropped marks, presentation forms, and a word glued after ة or ، (ة can only end a
# word, so a letter right after it starts a new one).


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
        if not self._points:  # nothing dropped or split: the same position
            return i
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


_EVENTS = re.compile(
    "(?P<drop>[" + re.escape(_DROP) + "]+)|(?P<pres>[\ufb50-\ufdff\ufe70-\ufefe])"
    # a letter (not tatweel) glued after ة or ،: the match is that ة or ، and the glue point is its end. Every branch
    # starts with a character class, so the engine scans for those characters fast (a zero-width branch would make
    # it try every position)
    "|(?P<glue>[ة،](?=[\u0621-\u063f\u0641-\u064a]))"
)


def _char_map(original: str, events: list[re.Match[str]]) -> tuple[str, list[int], list[int]]:
    """Text with dropped characters, presentation forms or glued words (``events``: the matches of ``_EVENTS``):
    copy the runs between them with one ``translate`` each, and record a breakpoint wherever the shift between copy
    and original changes."""
    out: list[str] = []
    points: list[int] = []
    shifts: list[int] = []
    n = 0  # length of the copy so far
    prev = 0

    def shift_to(target: int) -> None:
        shift = target - n
        if (shifts[-1] if shifts else 0) != shift:
            points.append(n)
            shifts.append(shift)

    for m in events:
        kind = m.lastgroup
        i = m.end() if kind == "glue" else m.start()
        if i > prev:  # a plain run: one character in the copy for each in the original
            shift_to(prev)
            out.append(original[prev:i].translate(_TABLE))
            n += i - prev
        if kind == "glue":
            shift_to(i)  # the inserted space stands for the letter after it
            out.append(" ")
            n += 1
            prev = i
        elif kind == "pres":
            for c in unicodedata.normalize("NFKC", m.group()).translate(_TABLE):
                shift_to(i)
                out.append(c)
                n += 1
            prev = m.end()
        else:  # dropped marks
            prev = m.end()
    if prev < len(original):
        shift_to(prev)
        out.append(original[prev:].translate(_TABLE))
    return "".join(out), points, shifts


# Texts at least this long (whole articles) go through arrays: their fixed cost, about 25 µs, is more than the walk
# over a line's few changes costs (the source reader normalises many short lines)
_ARRAYS_FROM = 1000
# Per code point of the Basic Multilingual Plane, for the array pass: its copy under _TABLE (_GONE: dropped), and its
# kind (2 = presentation form, 4 = ة or ، that a word may be glued to, 8 = a letter a glued word starts with)
_GONE = 0x110000
_COPY = np.arange(0x10000, dtype=np.uint32)
for _code, _to in _TABLE.items():
    _COPY[_code] = _GONE if _to is None else ord(_to)
_KIND = np.zeros(0x10000, dtype=np.uint8)
_KIND[0xFB50:0xFE00] = 2
_KIND[0xFE70:0xFEFF] = 2
_KIND[[ord("ة"), ord("،")]] = 4
_KIND[0x0621:0x0640] |= 8
_KIND[0x0641:0x064B] |= 8


def _vectorised(original: str) -> NormText | None:
    """The copy and its map made on arrays, for a text whose changes of length are dropped marks and glued words (the
    common case): ``translate`` looks every character up in a dict and ``_char_map`` walks every change in Python;
    this does both for all characters at once. None when the text has a presentation form or a character outside
    the Basic Multilingual Plane (``_char_map`` does those)."""
    codes = np.frombuffer(original.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if not len(codes):
        return NormText(original, "", [], [])
    if int(codes.max()) >= 0x10000:
        return None
    kind = _KIND[codes]
    if (kind & 2).any():
        return None
    copy = _COPY[codes]
    keep = copy != _GONE
    glue = np.zeros(len(codes), dtype=bool)  # a space goes in before this character (a letter glued after ة or ،)
    glue[1:] = ((kind[:-1] & 4) != 0) & ((kind[1:] & 8) != 0)
    if not glue.any():
        if keep.all():
            return NormText(original, copy.tobytes().decode("utf-32-le", "surrogatepass"), [], [])
        out, src = copy[keep], np.flatnonzero(keep)  # src: the original index behind each character of the copy
    else:  # each character of the original gives its inserted space (if any), then itself (unless dropped)
        counts = keep.astype(np.int64) + glue
        first = np.cumsum(counts) - counts  # where each character's output starts in the copy
        out = np.empty(int(counts.sum()), dtype=np.uint32)
        src = np.empty(len(out), dtype=np.int64)
        spaces = np.flatnonzero(glue)
        out[first[spaces]] = 0x20
        src[first[spaces]] = spaces  # the inserted space stands for the letter after it
        kept = np.flatnonzero(keep)
        at = first[kept] + glue[kept]
        out[at] = copy[kept]
        src[at] = kept
    shift = src - np.arange(len(src))
    points = np.flatnonzero(np.diff(shift, prepend=0))  # where the shift changes
    return NormText(original, out.tobytes().decode("utf-32-le", "surrogatepass"), points.tolist(),
                    shift[points].tolist())


def normalize(original: str) -> NormText:
    """Build the matching copy of ``original`` and its offset map."""
    if len(original) >= _ARRAYS_FROM and not original.isascii():
        got = _vectorised(original)
        if got is not None:
            return got
    events = list(_EVENTS.finditer(original))  # one scan: none found is the common case, one translate
    if not events:
        return NormText(original, original.translate(_TABLE), [], [])
    text, points, shifts = _char_map(original, events)
    return NormText(original, text, points, shifts)


def norm(s: str) -> str:
    """Matching form of a lexicon entry or a query (no offsets)."""
    return normalize(s).text
