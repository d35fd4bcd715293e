"""Per-article memory: what one sentence's matchers share, forgotten when the next article starts.

Several matchers read the same facts of a sentence (its words, its clause cuts, its countries); each is worked out
once and kept until ``forget`` (``extract_article`` calls it first). Kept across articles, they would make a
repeated sentence free: real articles rarely repeat one (2 % of the development set's sentences appear in two
articles), the benchmark's synthetic articles nearly always do (244 distinct sentences in 13,680), so such a memory
would measure the benchmark rather than the code.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

__all__ = ["forget", "per_article"]

F = TypeVar("F", bound=Callable[..., Any])
_CACHES: list[Any] = []


def per_article(maxsize: int) -> Callable[[F], F]:
    """``functools.lru_cache(maxsize)``, emptied by ``forget``."""
    def wrap(fn: F) -> F:
        cached = lru_cache(maxsize=maxsize)(fn)
        _CACHES.append(cached)
        return cached  # type: ignore[return-value]
    return wrap


def forget() -> None:
    """Empty every per-article memory (at the start of an article)."""
    for cached in _CACHES:
        cached.cache_clear()
