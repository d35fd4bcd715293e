"""load_corpus end to end on bad input: every bad file is one clear error row, every good one still loads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from synthetic import write_articles

from dashboard.loader import load_corpus, load_uploads

ROOT = Path(__file__).resolve().parents[1]

GOOD = "اجتماع في بروكسل\n\nاجتمع وزراء دفاع حلف شمال الأطلسي في بروكسل اليوم بمشاركة نحو 30 دولة."
P = pytest.param


BAD_FILES = [
    P("empty.txt", b"", "empty", id="empty"),
    P("blank.txt", b"   \n\n  ", "empty", id="whitespace-only"),
    P("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary", id="binary-png"),
    P("nul.txt", b"\x00\x01\x02\x03" * 200, "binary", id="nul-bytes"),
    P("latin.txt", b"Only English text here, nothing in Arabic at all.", "Arabic", id="no-arabic"),
    P("broken.json", b'{"id": "x", "text": "\xd8\xa7', "JSON", id="malformed-json"),
    P("notext.json", json.dumps({"id": "y", "title": "بلا نص"}).encode(), "text", id="record-without-text"),
    P("page.pdf", b"%PDF-1.7\n", "format", id="unsupported-format"),
]


@pytest.mark.parametrize(("name", "data", "word"), BAD_FILES)
def test_a_bad_file_is_an_error_row_and_the_rest_loads(tmp_path: Path, name: str, data: bytes, word: str) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    corpus = load_corpus(tmp_path, cache=False)
    assert list(corpus.articles["article_id"]) == ["good"]
    assert list(corpus.events["event_type"]) == ["nato_meeting"]
    errors = corpus.errors[corpus.errors["file"] == name]
    assert len(errors) == 1
    assert word.lower() in errors.iloc[0]["error"].lower()


def test_a_folder_of_only_bad_files_loads_empty_tables(tmp_path: Path) -> None:
    for p in BAD_FILES:
        name, data, _ = p.values
        (tmp_path / str(name)).write_bytes(data)  # type: ignore[arg-type]
    corpus = load_corpus(tmp_path, cache=False)
    assert corpus.articles.empty and corpus.events.empty and corpus.meetings.empty
    assert set(corpus.errors["file"]) == {str(p.values[0]) for p in BAD_FILES}


def test_jsonl_with_one_bad_line_keeps_the_good_records(tmp_path: Path) -> None:
    good = json.dumps({"id": "r1", "text": GOOD, "published": "2025-02-12"}, ensure_ascii=False)
    (tmp_path / "feed.jsonl").write_text(good + "\n{not json\n", encoding="utf-8")
    corpus = load_corpus(tmp_path, cache=False)
    assert list(corpus.articles["article_id"]) == ["r1"]
    assert list(corpus.events["date"]) == ["2025-02-12"]
    assert len(corpus.errors) == 1 and corpus.errors.iloc[0]["record"] == 2


def test_windows_1256_file_loads_as_arabic(tmp_path: Path) -> None:
    (tmp_path / "cp.txt").write_bytes(GOOD.encode("cp1256"))
    corpus = load_corpus(tmp_path, cache=False)
    assert corpus.articles.iloc[0]["text"] == GOOD
    assert corpus.articles.iloc[0]["encoding"].lower().replace("-", "") in {"cp1256", "windows1256"}


def test_missing_folder_is_an_error_not_an_exception(tmp_path: Path) -> None:
    corpus = load_corpus(tmp_path / "nope", cache=False)
    assert corpus.articles.empty and len(corpus.errors) == 1


def test_uploads_apply_their_manifest() -> None:
    manifest = b"file,published,outlet\na.txt,2025-06-04,x.com\n"
    corpus = load_uploads([("a.txt", GOOD.encode()), ("manifest.csv", manifest), ("bad.txt", b"")])
    assert list(corpus.articles["outlet"]) == ["x.com"]
    assert list(corpus.events["date"]) == ["2025-06-04"]
    assert list(corpus.errors["file"]) == ["bad.txt"]


def test_undated_article_gets_a_window_from_its_content(tmp_path: Path) -> None:
    text = ("اجتماع رامشتاين\n\nعقدت مجموعة الاتصال الدفاعية الخاصة بأوكرانيا اجتماعها اليوم في بروكسل برئاسة "
            "وزير الدفاع البريطاني جون هيلي، بعد اجتماعها السابق في 12 فبراير 2025.")
    (tmp_path / "undated.txt").write_text(text, encoding="utf-8")
    corpus = load_corpus(tmp_path, cache=False)
    art = corpus.articles.iloc[0]
    assert art["date_window_start"] >= pd.Timestamp("2025-02-12")
    assert art["date_window_basis"]
    assert corpus.articles["published"].isna().all()


def test_an_upload_reporting_a_known_meeting_joins_it(tmp_path: Path) -> None:
    from dashboard.loader import combine

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    base = load_corpus(seeds, cache_dir=tmp_path)
    report = ("غياب أمريكي عن رامشتاين\n\nعقدت مجموعة الاتصال الدفاعية الخاصة بأوكرانيا اجتماعها اليوم الأربعاء في "
              "مقر حلف شمال الأطلسي في بروكسل بحضور ممثلي أكثر من 50 دولة، وغاب عنه وزير الدفاع الأمريكي.")
    manifest = b"file,published,outlet\nnews.txt,2025-06-04,another-outlet.example\n"
    both = combine(base, load_uploads([("news.txt", report.encode()), ("manifest.csv", manifest)]))
    assert len(both.meetings) == len(base.meetings)
    m = both.meetings[both.meetings["reference_number"] == 28].iloc[0]
    assert m["n_articles"] == 2 and m["n_outlets"] == 2
    assert m["attending_min"] == 50 and m["attending_max"] == 50


@pytest.mark.parametrize(("published", "flagged"), [
    P("2023-05-10", False, id="austin-in-office"),
    P("2025-06-04", True, id="austin-after-his-term"),
])
def test_an_official_out_of_office_on_the_date_is_flagged(published: str, flagged: bool) -> None:
    from dashboard.extract.article import extract_article

    text = "قال وزير الدفاع الأمريكي لويد أوستن إن بلاده ستواصل دعم أوكرانيا."
    rows = extract_article("x", text, pd.Timestamp(published).date())
    officials = [s for s in rows.spans if s["kind"] == "official" and "Austin" in s["value"]]
    assert officials
    assert ("not in this office" in officials[0]["value"]) is flagged


_HELD_LOCK = r"""
import sys, threading
sys.path.insert(0, sys.argv[2])
from babel import localedata
from dashboard.loader import load_corpus

held, done = threading.Event(), threading.Event()

def page():  # another thread of the app uses babel (country names) while the corpus loads
    with localedata._cache_lock:
        held.set()
        done.wait(300)

if __name__ == "__main__":  # fork-server workers import this file again
    threading.Thread(target=page, daemon=True).start()
    held.wait()
    corpus = load_corpus(sys.argv[1], cache=False, workers=2)
    done.set()
    print(len(corpus.articles))
"""


def test_a_load_beside_a_thread_holding_a_lock_ends(tmp_path: Path) -> None:
    """Workers forked while another thread held babel's lock waited on it forever (a load that never ended in the
    app); with other threads running, the pool starts its workers from a fork server."""
    folder = write_articles(tmp_path / "corpus", 240, seed=5)
    script = tmp_path / "held_lock.py"
    script.write_text(_HELD_LOCK, encoding="utf-8")
    out = subprocess.run([sys.executable, str(script), str(folder), str(ROOT)], capture_output=True, text=True,
                         timeout=180)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "240"


def test_the_loader_benchmark_runs_and_reports_each_measure(capsys) -> None:
    """The benchmark anyone can rerun (python -m dashboard.bench) still runs: a tiny corpus, one process, no Dask; it
    prints each measure (no timing is asserted)."""
    from dashboard.bench import run

    run(12, workers=1, dask_workers=0)
    out = capsys.readouterr().out
    assert "N=12 articles" in out and "floor" in out and "cold parse, 1 process(es)" in out
    assert "reload from cache:" in out and "(3 times)" in out
    assert "reload after editing one file:" in out and "(three edits in a row)" in out


def test_the_stage_benchmark_times_every_step_and_puts_the_clocks_back() -> None:
    """python -m dashboard.bench --stages: every step of extract_article (by the names it calls) gets a time, and the
    article module's functions are the originals again afterwards (no timing is asserted)."""
    from dashboard.bench import STAGES, stages
    from dashboard.extract import article

    before = {name: getattr(article, name) for name in STAGES}
    got = stages(8)
    assert set(got) == {*STAGES, "rows and offsets", "total"}
    assert all(v >= 0 for k, v in got.items() if k != "rows and offsets")
    assert got["build_events"] > 0 and got["find_dates"] > 0
    assert {name: getattr(article, name) for name in STAGES} == before
    seeds = stages(0, Path(__file__).resolve().parent.parent / "seeds")  # --folder: real articles instead
    assert set(seeds) == set(got) and seeds["total"] > 0
