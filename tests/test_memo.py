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


def test_the_warm_up_builds_every_table_the_extraction_builds_on_first_use() -> None:
    """extract.article.warm (run in the background after the app loads a corpus) leaves no table or pattern to build
    for the first article: in a fresh process, every cached builder of the extraction package without arguments has
    been called, except the two the extraction itself never needs on its way (the fallback rates, used only for a
    currency the ECB does not list; the systems page's names)."""
    import subprocess
    import sys
    from pathlib import Path

    script = """
import importlib, inspect, pkgutil
import dashboard.extract as pkg
from dashboard.extract.article import warm
warm()
for m in pkgutil.iter_modules(pkg.__path__):
    mod = importlib.import_module(f"dashboard.extract.{m.name}")
    for name, f in vars(mod).items():
        if hasattr(f, "cache_info") and getattr(f, "__module__", "") == mod.__name__:
            if not inspect.signature(f).parameters and f.cache_info().currsize == 0:
                print(f"{m.name}.{name}")
"""
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True)
    assert sorted(out.stdout.split()) == ["fx._fallbacks", "systems.arabic_names"]


def test_the_app_warms_the_extractor_after_each_load(monkeypatch, tmp_path) -> None:
    from dashboard import loader
    from dashboard.views import common

    started: list[bool] = []
    monkeypatch.setenv("RAMSTEIN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(loader, "warm_in_background", lambda: started.append(True))
    (tmp_path / "corpus").mkdir()
    text = "عنوان\n\nاجتمع وزراء دفاع حلف شمال الأطلسي في بروكسل."
    (tmp_path / "corpus" / "a.txt").write_text(text, encoding="utf-8")
    job = common._load_job(str(tmp_path / "corpus"), "sig")
    assert job.result().load_error == "" and started == [True]
