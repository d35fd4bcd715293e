"""The corpus loads in the background: its progress (counts, time left) and the page shown while it runs."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from synthetic import make_corpus, write_articles

from dashboard import export
from dashboard.jobs import LoadJob
from dashboard.loader import LoadStats, load_corpus
from dashboard.views import common

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"


def test_a_load_reports_files_read_then_articles_parsed(tmp_path):
    folder = write_articles(tmp_path / "corpus", 60)
    seen: list[tuple[str, int, int, int, int]] = []
    stop = threading.Event()

    def watch(stats: LoadStats) -> None:
        while not stop.is_set():
            seen.append((stats.phase, stats.files_read, stats.files_total, stats.parsed, stats.to_parse))
            time.sleep(0.001)

    stats = LoadStats()
    watcher = threading.Thread(target=watch, args=(stats,))
    watcher.start()
    corpus = load_corpus(folder, cache_dir=tmp_path / "cache", workers=1, stats=stats)
    stop.set()
    watcher.join()
    phases = [p for p, *_ in seen]
    assert phases.index("reading") < phases.index("parsing") < len(phases)
    assert stats.phase == "done" and stats.files_read == stats.files_total == 60  # articles; the manifest apart
    assert stats.to_parse == stats.parsed == len(corpus.articles) == 60
    parsed = [n for p, _f, _t, n, _ in seen if p == "parsing"]
    assert parsed == sorted(parsed)  # counts only go up
    again = LoadStats()
    load_corpus(folder, cache_dir=tmp_path / "cache", workers=1, stats=again)
    assert again.phase == "done" and again.corpus_cache == "reused" and again.to_parse == 0


def test_time_left_follows_the_rate_so_far():
    s = LoadStats(phase="parsing", parsed=25, to_parse=100, parse_started=100.0)
    assert s.seconds_left(now=110.0) == pytest.approx(30.0)  # 25 in 10 s: 75 more in 30 s
    assert LoadStats(phase="parsing", parsed=0, to_parse=100, parse_started=100.0).seconds_left(now=110.0) is None
    assert LoadStats(phase="building", parsed=100, to_parse=100, parse_started=1.0).seconds_left(now=2.0) is None


def test_a_job_moves_its_bar_forward_and_hands_over_the_result_or_the_error():
    go, marks = threading.Event(), []

    def work(stats: LoadStats) -> str:
        stats.phase, stats.files_read, stats.files_total = "reading", 5, 10
        marks.append(1)
        go.wait(5)
        stats.phase, stats.to_parse, stats.parsed, stats.parse_started = "parsing", 10, 5, time.monotonic() - 1
        marks.append(2)
        go.wait(5)
        return "tables"

    job = LoadJob(work)
    while not marks:
        time.sleep(0.001)
    p = job.progress()
    assert p.phase == "reading" and p.fraction == pytest.approx(0.05) and not job.done
    assert not job.wait(0.01)
    go.set()
    assert job.result() == "tables" and job.done and job.progress().fraction == 1.0

    def fail(_stats: LoadStats) -> str:
        raise OSError("disk gone")

    bad = LoadJob(fail)
    with pytest.raises(OSError, match="disk gone"):
        bad.result()


def test_progress_text_in_both_languages():
    job = LoadJob(lambda s: None)
    job.wait()
    s = LoadStats(phase="parsing", files_read=1200, files_total=1200, parsed=300, to_parse=1000,
                  parse_started=time.monotonic() - 3)
    job.stats, job._done = s, threading.Event()  # a job still parsing
    p = job.progress()
    en, ar = common.progress_text(p, "en"), common.progress_text(p, "ar")
    assert en.startswith("Files read: 1,200 · articles parsed: 300 of 1,000 · about ") and en.endswith(" s left")
    assert "المقالات المحللة: 300 من 1,000" in ar and "الوقت المتبقي" in ar
    assert not any("a" <= ch.lower() <= "z" for ch in ar)


@pytest.fixture
def slow_corpus(monkeypatch, tmp_path):
    """A loader that takes a second (the page shows its progress meanwhile; the browser test looks at it)."""
    corpus = make_corpus(40, seed=3)

    def read(_path, stats=None):
        stats.to_parse, stats.parse_started, stats.phase = 40, time.monotonic(), "parsing"
        for i in range(40):
            stats.parsed = i + 1
            time.sleep(0.025)
        return corpus

    common.load.clear()
    common.signature.clear()
    monkeypatch.setattr(common, "read_corpus", read)
    monkeypatch.setattr(export, "figure_png", lambda *_a, **_k: b"")
    monkeypatch.setenv("RAMSTEIN_CORPUS", str(tmp_path))
    monkeypatch.setenv("RAMSTEIN_LOAD_WAIT", "0")
    yield
    common.load.clear()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_loading_page_gives_way_to_the_pages_when_the_load_ends(slow_corpus, lang):
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()  # the loading page waits for the load, then reruns the app on the corpus
    assert not at.exception
    assert not at.get("progress") and at.get("metric")
    assert at.metric[0].value == "40"


def test_a_preloaded_corpus_is_handed_to_the_first_session_unless_the_folder_changed(tmp_path, monkeypatch):
    folder = write_articles(tmp_path / "corpus", 3)
    calls: list[Path] = []

    def read(path, stats=None):
        calls.append(path)
        return make_corpus(3, seed=1)

    monkeypatch.setattr(common, "read_corpus", read)
    common.load.clear()
    job = common.preload(folder)
    assert job.wait(10) and calls == [folder]
    assert common.load(str(folder), common.folder_signature(str(folder))) is job  # no second load
    common.load.clear()
    again = common.preload(folder)
    again.wait(10)
    (folder / "new.txt").write_text("مقال جديد", encoding="utf-8")
    fresh = common.load(str(folder), common.folder_signature(str(folder)))
    assert fresh is not again and fresh.wait(10) and len(calls) == 3  # the folder changed: loaded anew
    common.load.clear()
