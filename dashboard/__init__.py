"""Arabic news articles on military support to Ukraine, as tables of events: ``load_corpus(path) -> Corpus``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .loader import load_corpus
    from .schema import Corpus

__all__ = ["Corpus", "load_corpus"]


def __getattr__(name: str) -> Any:
    # lazy, so that importing one room (dashboard.extract.dates) does not load pandas and every extractor
    if name == "load_corpus":
        from .loader import load_corpus

        return load_corpus
    if name == "Corpus":
        from .schema import Corpus

        return Corpus
    raise AttributeError(name)
