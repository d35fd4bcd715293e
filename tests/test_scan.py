"""The word automata in front of the costly patterns (extract/scan.py) against the plain way to find the same."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.extract.scan import WordMasks, WordSet

# a small alphabet, so that words overlap, repeat and sit at the edges of windows
TEXT = st.text(alphabet="ابتلم ه", max_size=40)
WORDS = st.lists(st.text(alphabet="ابتلم ه", min_size=1, max_size=4), min_size=1, max_size=6)
BOUND = st.integers(min_value=-3, max_value=45)


@settings(max_examples=500, deadline=None)
@given(WORDS, TEXT, BOUND, BOUND)
def test_finditer_gives_every_occurrence(words: list[str], text: str, pos: int, endpos: int) -> None:
    lo, hi = max(pos, 0), min(endpos, len(text))
    expected = {(i, w) for w in set(words) for i in range(lo, hi - len(w) + 1) if text.startswith(w, i)}
    got = list(WordSet(words).finditer(text, pos, endpos))
    assert set(got) == expected
    assert len(got) == len(expected)


@settings(max_examples=500, deadline=None)
@given(WORDS, TEXT, BOUND, BOUND)
def test_mask_is_the_union_of_the_bits_of_the_words_present(words: list[str], text: str, pos: int,
                                                             endpos: int) -> None:
    bits: dict[str, int] = {}
    for i, w in enumerate(words):
        bits[w] = bits.get(w, 0) | 1 << i
    lo, hi = max(pos, 0), min(endpos, len(text))
    expected = 0
    for w, b in bits.items():
        if any(text.startswith(w, i) for i in range(lo, hi - len(w) + 1)):
            expected |= b
    masks = WordMasks(bits)
    assert masks.mask(text, pos, endpos) == expected
    full = (1 << len(words)) - 1
    assert masks.mask(text, pos, endpos, full) & full == expected  # stopping early loses no bit


def test_word_sets_pickle_for_the_worker_processes() -> None:
    ws = pickle.loads(pickle.dumps(WordSet(["اجتماع", "قمه"])))
    assert list(ws.finditer("عقد اجتماع القمه")) == [(4, "اجتماع"), (13, "قمه")]
    wm = pickle.loads(pickle.dumps(WordMasks({"اجتماع": 1, "قمه": 2})))
    assert wm.mask("القمه") == 2


@pytest.mark.parametrize("words", [[], [""], ["ا", ""]], ids=["none", "empty", "one-empty"])
def test_an_empty_word_is_refused(words: list[str]) -> None:
    with pytest.raises(ValueError):
        WordSet(words)
    with pytest.raises(ValueError):
        WordMasks({w: 1 for w in words})
