"""Per-article memory (dashboard/extract/memo.py): shared within an article, forgotten at the next one."""

from __future__ import annotations

from dashboard.extract import memo
from dashboard.extract.article import extract_article

TEXT = ("اجتمع وزراء دفاع مجموعة رامشتاين في بروكسل يوم الخميس. وقال وزير الدفاع الأمريكي إن الولايات المتحدة "
        "ستقدم حزمة جديدة. وحضر ممثلو خمسين دولة الاجتماع في بروكسل.")


def test_a_per_article_cache_remembers_until_forget() -> None:
    calls: list[str] = []

    @memo.per_article(8)
    def words(s: str) -> int:
        calls.append(s)
        return len(s.split())

    assert (words("a b"), words("a b")) == (2, 2) and calls == ["a b"]
    memo.forget()
    assert words("a b") == 2 and calls == ["a b", "a b"]


def test_an_article_finds_nothing_remembered_from_the_one_before() -> None:
    """The same article extracted twice: each memory is used exactly as the first time (its hits and misses start
    from nothing), so a sentence seen in an earlier article costs what a new one costs."""
    assert len(memo._CACHES) >= 3  # the sentence words, countries and systems at least
    first = extract_article("a", TEXT, None)
    after_first = [c.cache_info() for c in memo._CACHES]
    assert any(i.hits for i in after_first)  # shared inside the article
    second = extract_article("a", TEXT, None)
    assert [c.cache_info() for c in memo._CACHES] == after_first
    assert second == first
