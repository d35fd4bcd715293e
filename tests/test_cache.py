"""The loader's cache never serves stale tables and never runs code: every input is fingerprinted (manifests
included, contents hashed where size and times cannot prove them unchanged), tables are Arrow and JSON, damaged or
planted files are ignored, and temporary files of killed runs are cleaned up."""

from __future__ import annotations

import ast
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard import cache as cache_mod
from dashboard.loader import LoadStats, load_corpus, wait_for_saves

ROOT = Path(__file__).resolve().parent.parent
P = pytest.param
MEETING = "اجتماع في بروكسل\n\nاجتمع وزراء دفاع حلف شمال الأطلسي في بروكسل اليوم بمشاركة نحو 30 دولة."
CALL = "اتصال هاتفي مع كييف\n\nأجرى وزير الدفاع الأمريكي اتصالا هاتفيا بنظيره الأوكراني اليوم."
MANIFEST = "file,published,outlet,url\na.txt,2025-02-12,first.example,https://first.example/a\n"


def _corpus(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _load(folder: Path, cache: Path) -> tuple[pd.DataFrame, LoadStats]:
    stats = LoadStats()
    corpus = load_corpus(folder, cache_dir=cache, stats=stats)
    return corpus.articles, stats


def _same_size_edit(path: Path, text: str) -> None:
    """Replace the contents with text of the same size, and put the old modification time back."""
    st = path.stat()
    data = text.encode("utf-8")
    assert len(data) == st.st_size
    path.write_bytes(data)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns


# ---------------------------------------------------------------------------------------------------------------------
# what the fingerprint covers


def _edit_outlet(folder: Path) -> None:
    (folder / "manifest.csv").write_text(MANIFEST.replace("first", "second"), encoding="utf-8")


def _edit_date(folder: Path) -> None:
    (folder / "manifest.csv").write_text(MANIFEST.replace("2025-02-12", "2024-11-05"), encoding="utf-8")


def _delete(folder: Path) -> None:
    (folder / "manifest.csv").unlink()


def _same_size_manifest(folder: Path) -> None:
    _same_size_edit(folder / "manifest.csv", MANIFEST.replace("first", "other"))


def _rename_case(folder: Path) -> None:
    (folder / "manifest.csv").rename(folder / "MANIFEST.CSV")
    (folder / "MANIFEST.CSV").write_text(MANIFEST.replace("first", "second"), encoding="utf-8")


MANIFEST_EDITS = [
    P(_edit_outlet, {"outlet": "second.example", "url": "https://second.example/a"}, id="outlet-and-url-edited"),
    P(_edit_date, {"published": pd.Timestamp("2024-11-05")}, id="date-edited"),
    P(_delete, {"outlet": "", "published": None}, id="manifest-deleted"),
    P(_same_size_manifest, {"outlet": "other.example"}, id="same-size-and-mtime"),
    P(_rename_case, {"outlet": "second.example"}, id="renamed-upper-case-and-edited"),
]


@pytest.mark.parametrize(("edit", "expected"), MANIFEST_EDITS)
def test_a_manifest_change_changes_the_tables(tmp_path: Path, edit, expected: dict) -> None:
    folder = _corpus(tmp_path / "corpus", {"a.txt": MEETING, "manifest.csv": MANIFEST})
    before, _ = _load(folder, tmp_path / "cache")
    assert before.iloc[0]["outlet"] == "first.example"
    edit(folder)
    after, stats = _load(folder, tmp_path / "cache")
    assert stats.corpus_cache == "rebuilt"
    for col, value in expected.items():
        got = after.iloc[0][col]
        assert (pd.isna(got) if value is None else got == value), (col, got)


def test_a_manifest_added_in_a_subfolder_counts(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "corpus", {"sub/a.txt": MEETING})
    before, _ = _load(folder, tmp_path / "cache")
    assert before.iloc[0]["outlet"] == ""
    (folder / "sub" / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    after, _ = _load(folder, tmp_path / "cache")
    assert after.iloc[0]["outlet"] == "first.example"


def test_a_manifest_edit_is_seen_after_a_restart(tmp_path: Path) -> None:
    """Two separate processes, as after restarting the app: only the cache on disk links them."""
    folder = _corpus(tmp_path / "corpus", {"a.txt": MEETING, "manifest.csv": MANIFEST})
    code = ("import sys; from dashboard.loader import load_corpus; "
            "print(load_corpus(sys.argv[1], cache_dir=sys.argv[2]).articles.iloc[0]['outlet'])")

    def outlet() -> str:
        out = subprocess.run([sys.executable, "-c", code, str(folder), str(tmp_path / "cache")], cwd=ROOT,
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()

    assert outlet() == "first.example"
    _edit_outlet(folder)
    assert outlet() == "second.example"


def test_an_article_edited_without_changing_size_or_mtime_is_parsed_again(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "corpus", {"a.txt": MEETING, "b.txt": CALL})
    before = load_corpus(folder, cache_dir=tmp_path / "cache")
    assert list(before.events["attending_count"].dropna()) == [30]
    _same_size_edit(folder / "a.txt", MEETING.replace("نحو 30 دولة", "نحو 40 دولة"))
    stats = LoadStats()
    after = load_corpus(folder, cache_dir=tmp_path / "cache", stats=stats)
    assert stats.corpus_cache == "updated" and stats.parsed == 1
    assert list(after.events["attending_count"].dropna()) == [40]
    assert after.articles.set_index("article_id").loc["a", "text"].endswith("نحو 40 دولة.")


@pytest.mark.parametrize(("change", "parsed"), [
    P(lambda f: (f / "c.txt").write_text(CALL, encoding="utf-8"), 1, id="file-added"),
    P(lambda f: (f / "b.txt").unlink(), 0, id="file-deleted"),
    P(lambda f: (f / "b.txt").rename(f / "c.txt"), 1, id="file-renamed"),  # a new article id
])
def test_added_deleted_and_renamed_files(tmp_path: Path, change, parsed: int) -> None:
    folder = _corpus(tmp_path / "corpus", {"a.txt": MEETING, "b.txt": CALL})
    _load(folder, tmp_path / "cache")
    change(folder)
    after, stats = _load(folder, tmp_path / "cache")
    assert sorted(after["file"]) == sorted(p.name for p in folder.iterdir())
    assert stats.corpus_cache == "updated" and stats.parsed == parsed


def test_unchanged_old_files_are_proven_by_stat_without_reading(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _corpus(tmp_path / "corpus", {"a.txt": MEETING, "b.txt": CALL, "manifest.csv": MANIFEST})
    first, stats = _load(folder, tmp_path / "cache")
    assert stats.corpus_cache == "rebuilt" and stats.files_hashed == 3
    # files just written are within the racy window: checked by contents, then trusted once old enough
    _, stats = _load(folder, tmp_path / "cache")
    assert stats.corpus_cache == "reused" and stats.parsed == 0 and stats.files_hashed == 3
    monkeypatch.setattr(cache_mod, "RACY_NS", 0)  # as if two seconds had passed
    _load(folder, tmp_path / "cache")
    third, stats = _load(folder, tmp_path / "cache")
    assert stats.corpus_cache == "reused" and stats.files_hashed == 0
    pd.testing.assert_frame_equal(first, third)


def test_reloaded_tables_are_identical(tmp_path: Path) -> None:
    seeds = ROOT / "seeds"
    fresh = load_corpus(seeds, cache=False)
    load_corpus(seeds, cache_dir=tmp_path)
    stats = LoadStats()
    again = load_corpus(seeds, cache_dir=tmp_path, stats=stats)
    assert stats.corpus_cache == "reused"
    for name, df in fresh.tables().items():
        pd.testing.assert_frame_equal(df, getattr(again, name), obj=name)


# ---------------------------------------------------------------------------------------------------------------------
# no pickle; damaged or planted files are ignored


def test_the_cache_code_does_not_import_pickle() -> None:
    for name in ("loader.py", "cache.py"):
        tree = ast.parse((ROOT / "dashboard" / name).read_text(encoding="utf-8"))
        imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not imported & {"pickle", "cPickle", "dill", "joblib", "shelve", "marshal", "cloudpickle"}, name


class _Payload:
    """Unpickling this creates a file: proof that a pickle was loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_planted_pickles_are_never_loaded(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "corpus", {"a.txt": MEETING, "b.txt": CALL})
    cache = tmp_path / "cache"
    fresh, _ = _load(folder, cache)
    marker = tmp_path / "code-ran"
    evil = pickle.dumps({"fingerprint": "x", "corpus": _Payload(marker), "version": "x", "articles": _Payload(marker)})
    # the names the pickle cache used, and every file of the current cache
    tag = next(cache.glob("corpus-*")).name.removeprefix("corpus-")
    for name in (f"corpus-{tag}.pickle", f"articles-{tag}.pickle"):
        (cache / name).write_bytes(evil)
    for p in cache.rglob("*"):
        if p.is_file():
            p.write_bytes(evil)
    again, stats = _load(folder, cache)
    assert not marker.exists()
    assert stats.corpus_cache == "rebuilt" and stats.parsed == 2  # nothing in the planted files was used
    pd.testing.assert_frame_equal(fresh, again)


def _cache_files(cache: Path, pattern: str) -> list[Path]:
    return sorted(cache.rglob(pattern))


@pytest.mark.parametrize("damage", [
    P(lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]), id="truncated"),
    P(lambda p: p.write_bytes(b"\0" * len(p.read_bytes())), id="zeroed-same-size"),
    P(lambda p: p.unlink(), id="deleted"),
])
def test_a_damaged_table_file_means_parsing_again(tmp_path: Path, damage) -> None:
    folder = _corpus(tmp_path / "corpus", {"a.txt": MEETING, "b.txt": CALL})
    _load(folder, tmp_path / "cache")
    damage(_cache_files(tmp_path / "cache", "events.*.arrow")[0])
    corpus = load_corpus(folder, cache_dir=tmp_path / "cache")
    assert list(corpus.events["event_type"]) == ["nato_meeting", "phone_call"]


@pytest.mark.parametrize("meta", [
    P(lambda m: {**m, "tables": {k: {**v, "file": "../../../etc/passwd"} for k, v in m["tables"].items()}},
      id="path-outside-the-cache"),
    P(lambda m: {**m, "tables": {k: {**v, "types": ["string"]} for k, v in m["tables"].items()}},
      id="wrong-types"),
    P(lambda m: {**m, "format": 1}, id="old-format"),
    P(lambda m: [m], id="not-an-object"),
])
def test_a_tampered_meta_json_is_ignored(tmp_path: Path, meta) -> None:
    folder = _corpus(tmp_path / "corpus", {"a.txt": MEETING})
    _load(folder, tmp_path / "cache")
    path = _cache_files(tmp_path / "cache", "meta.json")[0]
    path.write_text(json.dumps(meta(json.loads(path.read_text()))), encoding="utf-8")
    articles, stats = _load(folder, tmp_path / "cache")
    assert stats.corpus_cache == "rebuilt" and list(articles["article_id"]) == ["a"]


def test_a_damaged_article_line_is_parsed_again(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "corpus", {"a.txt": MEETING, "b.txt": CALL})
    _load(folder, tmp_path / "cache")
    segment = _cache_files(tmp_path / "cache", "seg-*.jsonl")[0]
    lines = segment.read_bytes().splitlines(keepends=True)
    assert len(lines) == 2
    segment.write_bytes(lines[0][:-20] + b'"}]}\n' + lines[1])  # the first line damaged, still JSON-looking
    (folder / "c.txt").write_text(MEETING.replace("اليوم", "أمس"), encoding="utf-8")
    (folder / "manifest.csv").write_text("file,outlet\nc.txt,x\n", encoding="utf-8")  # a new manifest: rebuilt
    _, stats = _load(folder, tmp_path / "cache")
    assert stats.parsed == 2  # the damaged article and the new one; the intact line was reused


# ---------------------------------------------------------------------------------------------------------------------
# temporary files of killed runs


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_temporary_files_of_killed_runs_are_removed(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "corpus", {"a.txt": MEETING})
    cache = tmp_path / "cache"
    _load(folder, cache)
    dead = _dead_pid()
    corpus_dir, articles_dir = next(cache.glob("corpus-*")), next(cache.glob("articles-*"))
    leftovers = [
        corpus_dir / f"events.{dead}-1.arrow.{dead}-2.tmp",  # killed while writing a table
        corpus_dir / f"meta.json.{dead}-3.tmp",
        articles_dir / f"seg-{dead}-4.jsonl.{dead}-5.tmp",  # killed while merging the article lines
        cache / f"corpus-x.pickle.{dead}-6.tmp",  # the pickle cache's temporary files
        corpus_dir / f"events.{dead}-7.arrow",  # a table set whose meta.json was never written
    ]
    old = corpus_dir / "spans.1-8.arrow.1-9.tmp"  # a live process (pid 1), but hours old
    for p in [*leftovers, old]:
        p.write_bytes(b"partial")
    os.utime(old, (0, 0))
    mine = corpus_dir / f"spans.{os.getpid()}-10.arrow.{os.getpid()}-11.tmp"  # being written right now
    mine.write_bytes(b"partial")
    (folder / "b.txt").write_text(CALL, encoding="utf-8")
    _load(folder, cache)
    wait_for_saves()  # an update writes its tables in the background
    assert [p for p in [*leftovers, old] if p.exists()] == []
    assert mine.exists()
