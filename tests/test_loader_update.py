"""Reloading after a few files changed: only those files are read and parsed, the saved tables are updated, and the
result is exactly what a full load of the folder gives; the cases that need a full load get one."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from synthetic import write_articles

from dashboard.loader import LoadStats, load_corpus
from dashboard.schema import TABLES, Corpus

ROOT = Path(__file__).resolve().parents[1]
MEETING = ("عقد وزراء دفاع مجموعة الاتصال الدفاعية الخاصة بأوكرانيا اجتماعا في بروكسل يوم 12 فبراير 2025 بمشاركة "
           "نحو 50 دولة، وأعلنت ألمانيا عن مساعدات بقيمة 1.5 مليار يورو.")
CALL = "أجرى وزير الدفاع البريطاني اتصالا هاتفيا مع نظيره الأوكراني يوم 3 مارس 2025 لبحث الدعم العسكري."


def _records(*items: tuple[str, str, str]) -> str:
    return "\n".join(json.dumps({"id": i, "published": d, "text": t}, ensure_ascii=False) for i, d, t in items) + "\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The seeds with their manifest, 25 synthetic articles (also in the manifest), and a subfolder of JSON Lines
    without a manifest."""
    d = tmp_path / "corpus"
    write_articles(d, 25, seed=4)
    manifest = (d / "manifest.csv").read_text(encoding="utf-8").splitlines()
    for line in (ROOT / "seeds" / "manifest.csv").read_text(encoding="utf-8").splitlines()[1:]:
        manifest.append(line + ",")
    for f in (ROOT / "seeds").glob("*.txt"):
        shutil.copy(f, d / f.name)
    (d / "manifest.csv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    (d / "wire").mkdir()
    (d / "wire" / "a.jsonl").write_text(_records(("w1", "2025-02-13", MEETING), ("w2", "2025-03-04", CALL)),
                                        encoding="utf-8")
    (d / "wire" / "b.jsonl").write_text(_records(("w3", "2025-02-14", MEETING)), encoding="utf-8")
    return d


def _edit(rel: str, text: str) -> Callable[[Path], None]:
    return lambda d: (d / rel).write_text(text, encoding="utf-8")


def _append(rel: str, text: str) -> Callable[[Path], None]:
    return lambda d: (d / rel).write_text((d / rel).read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")


def _remove(rel: str) -> Callable[[Path], None]:
    return lambda d: (d / rel).unlink()


def _first_seed(d: Path) -> str:
    return sorted(p.name for p in d.glob("*.txt") if not p.name.startswith("syn"))[0]


def _edit_seed(d: Path) -> None:
    name = _first_seed(d)
    (d / name).write_text((d / name).read_text(encoding="utf-8") + "\n" + CALL, encoding="utf-8")


def _empty_seed(d: Path) -> None:
    (d / _first_seed(d)).write_text("", encoding="utf-8")


def _many(d: Path) -> None:
    for p in sorted(d.glob("syn*.txt")):
        p.write_text(p.read_text(encoding="utf-8") + "\n" + CALL, encoding="utf-8")


CASES = [
    pytest.param(_edit_seed, "updated", id="edit-a-real-article"),
    pytest.param(_empty_seed, "updated", id="an-article-emptied-becomes-an-error-row"),
    pytest.param(_append("wire/a.jsonl", _records(("w4", "2025-02-12", MEETING))), "updated",
                 id="records-added-to-a-file"),
    pytest.param(_edit("wire/c.jsonl", _records(("w5", "2025-02-12", MEETING))), "updated",
                 id="file-added-where-there-is-no-manifest"),
    pytest.param(_remove("wire/b.jsonl"), "updated", id="file-removed-where-there-is-no-manifest"),
    pytest.param(_edit("wire/b.jsonl", "{not json\n"), "updated", id="a-file-turned-unreadable"),
    pytest.param(_edit("extra.txt", MEETING), "rebuilt", id="file-added-beside-a-manifest"),
    pytest.param(lambda d: (d / "manifest.csv").write_text(
        (d / "manifest.csv").read_text(encoding="utf-8").replace("2025", "2024"), encoding="utf-8"), "rebuilt",
        id="manifest-changed"),
    pytest.param(_edit("wire/c.jsonl", _records(("w1", "2025-02-12", CALL))), "rebuilt",
                 id="an-id-already-used-elsewhere"),
    pytest.param(_many, "rebuilt", id="most-files-changed"),
]


@pytest.mark.parametrize(("change", "how"), CASES)
def test_a_reload_after_a_change_equals_a_full_load(folder: Path, tmp_path: Path, change, how: str) -> None:
    cache = tmp_path / "cache"
    load_corpus(folder, cache_dir=cache, workers=1)
    change(folder)
    stats = LoadStats()
    got = load_corpus(folder, cache_dir=cache, workers=1, stats=stats)
    assert stats.corpus_cache == how
    want = load_corpus(folder, cache=False, workers=1)
    for name in TABLES:
        a, b = getattr(got, name).reset_index(drop=True), getattr(want, name).reset_index(drop=True)
        if name == "errors":  # the same rows; kept rows come before the new ones
            a, b = (x.sort_values(list(x.columns)).reset_index(drop=True) for x in (a, b))
        pd.testing.assert_frame_equal(a, b, check_dtype=False, check_categorical=False, obj=name)
    if how == "updated":
        assert stats.parsed <= 3 < len(got.articles)  # the changed file's articles only
    again = LoadStats()
    load_corpus(folder, cache_dir=cache, workers=1, stats=again)
    assert again.corpus_cache == "reused" and again.parsed == 0  # the updated tables were saved


def _update_watching(folder: Path, tmp_path: Path, monkeypatch, module: object, name: str,
                     change: Callable[[Path], None]) -> tuple[list[set[str]], Corpus, Corpus]:
    """Load, ``change`` the folder and load again (an update), with ``module.name`` noting for each call the set of
    values of the column its first argument (a table) is asked about: (notes, the update, a full load)."""
    cache = tmp_path / "cache"
    load_corpus(folder, cache_dir=cache, workers=1)
    notes: list[set[str]] = []
    real = getattr(module, name)
    column = {"canonical_meetings": "event_type", "link_reference": "article_id"}[name]

    def spy(table: pd.DataFrame, *args: object) -> object:
        notes.append(set(table[column].astype(str)))
        return real(table, *args)

    monkeypatch.setattr(module, name, spy)
    change(folder)
    stats = LoadStats()
    got = load_corpus(folder, cache_dir=cache, workers=1, stats=stats)
    assert stats.corpus_cache == "updated"
    monkeypatch.setattr(module, name, real)
    return notes, got, load_corpus(folder, cache=False, workers=1)


def _same(got: Corpus, want: Corpus, names: tuple[str, ...]) -> None:
    for name in names:
        pd.testing.assert_frame_equal(getattr(got, name).reset_index(drop=True),
                                      getattr(want, name).reset_index(drop=True), check_dtype=False,
                                      check_categorical=False, obj=name)


def test_an_update_clusters_again_only_the_meeting_types_it_changed(folder: Path, tmp_path: Path,
                                                                      monkeypatch) -> None:
    """Meetings never mix event types: after a call is added, only calls are clustered again; the other types keep
    their meetings, and the result is still a full load's."""
    from dashboard import meetings

    clustered, got, want = _update_watching(folder, tmp_path, monkeypatch, meetings, "canonical_meetings",
                                            _edit("wire/c.jsonl", _records(("w4", "2025-03-09", CALL))))
    assert clustered == [{"phone_call"}], clustered
    _same(got, want, ("events", "meetings"))
    assert len(got.meetings) > got.meetings["event_type"].astype(str).eq("phone_call").sum() > 0


def test_an_update_links_only_the_touched_articles_events_to_the_calendar(folder: Path, tmp_path: Path,
                                                                           monkeypatch) -> None:
    """Dating by the calendar and linking to it work event by event: after one file changed, only that file's events
    go through them again, and the tables are still a full load's."""
    from dashboard import loader

    linked, got, want = _update_watching(folder, tmp_path, monkeypatch, loader, "link_reference",
                                         _edit("wire/b.jsonl", _records(("w3", "2025-02-15", CALL))))
    assert linked == [{"w3"}], linked
    _same(got, want, ("events", "meetings"))


def test_the_command_line_saves_an_update_before_it_exits(folder: Path, tmp_path: Path) -> None:
    """An update's tables are written in the background; the process still writes them before it exits, so the
    next run reuses them."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "RAMSTEIN_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}

    def run() -> str:
        out = subprocess.run([sys.executable, "-m", "dashboard.loader", str(folder), "--out", str(tmp_path / "out"),
                              "--workers", "1", "--format", "csv"], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=300)
        assert out.returncode == 0, out.stderr[-2000:]
        return out.stdout

    run()
    _edit("wire/b.jsonl", _records(("w3", "2025-02-14", CALL)))(folder)
    assert "parsed: 1 articles" in run()
    assert "tables reused from the cache" in run()


def test_a_changed_event_of_an_untouched_article_is_clustered_again(folder: Path) -> None:
    """The steps before clustering look across articles: an event of an article that was not edited may still
    change (a date placed by a window). Its type is then clustered again; rows that no longer line up mean every
    type is."""
    from dashboard.meetings import _changed_types

    ev = load_corpus(folder, cache=False, workers=1).events
    assert _changed_types(ev, ev, []) == set()
    other = ev.copy()
    row = other.index[other["event_type"].astype(str) == "phone_call"][0]
    other.loc[row, "date"] = "1999-01-01"
    assert _changed_types(other, ev, []) == {"phone_call"}
    touched = str(ev.loc[ev["event_type"].astype(str) == "udcg_meeting", "article_id"].iloc[0])
    mine = set(ev.loc[ev["article_id"].astype(str) == touched, "event_type"].astype(str))
    assert _changed_types(ev, ev, [touched]) == mine
    assert _changed_types(ev.iloc[1:], ev, []) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=8),
       st.lists(st.tuples(st.integers(min_value=0, max_value=7), st.integers(min_value=0, max_value=3)), max_size=4))
def test_splicing_an_update_in_equals_sorting_the_whole_table(old_counts: list[int],
                                                              edits: list[tuple[int, int]]) -> None:
    """An update puts the new rows of the edited articles in place of their old rows by slicing the old table
    (loader._splice); that is the table sorted by article, as a full load orders it."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from dashboard.loader import _splice
    from dashboard.schema import conform, frame

    ids = [f"a{i}" for i in range(len(old_counts))]
    edits = [(i % len(ids), n) for i, n in edits]
    edited = {ids[i] for i, _ in edits}
    new_counts = {ids[i]: n for i, n in edits}

    def rows(aid: str, n: int, tag: str) -> list[dict[str, object]]:
        return [{"article_id": aid, "country": f"{tag}{k}", "count": k} for k in range(n)]

    old = frame("mentions", [r for aid, n in zip(ids, old_counts, strict=True) for r in rows(aid, n, "old")])
    new = frame("mentions", [r for aid in ids if aid in edited for r in rows(aid, new_counts[aid], "new")])
    ordered = pa.array(ids, type=pa.large_string())
    got = _splice("mentions", old, new, ordered, edited)
    assert got is not None
    both = pd.concat([old[~old["article_id"].isin(edited)], new], ignore_index=True)
    place = pc.index_in(pa.array(both["article_id"].astype(str), type=pa.large_string()), value_set=ordered)
    want = conform("mentions", both.iloc[place.to_numpy().argsort(kind="stable")].reset_index(drop=True))
    pd.testing.assert_frame_equal(got, want, check_categorical=False)


def test_conform_converts_only_the_columns_of_another_dtype() -> None:
    """A concat of conformed tables keeps most dtypes, and conform leaves those columns as they are; a column of
    another dtype (objects, a string of another storage, floats for Int64, text for a date) is converted."""
    from dashboard.schema import conform, frame

    rows = [{"event_id": "e1", "article_id": "a", "event_type": "udcg_meeting", "date": "2024-02-14",
             "date_start": "2024-02-14", "attending_count": 50, "sentence": 2}]
    done = frame("events", rows)
    again = conform("events", pd.concat([done, done], ignore_index=True))
    assert list(again.dtypes) == list(done.dtypes)
    pd.testing.assert_frame_equal(again.iloc[:1], done)
    raw = done.astype({"event_id": object, "article_id": pd.StringDtype("python"), "attending_count": float,
                       "date_start": str, "event_type": object})
    fixed = conform("events", raw)
    assert list(fixed.dtypes) == list(done.dtypes) and repr(fixed["article_id"].dtype) == repr(done["article_id"].dtype)
    pd.testing.assert_frame_equal(fixed, done)


def test_a_removed_article_is_not_spliced() -> None:
    """A row whose article is no longer in the corpus has no place: the update sorts the table instead."""
    import pyarrow as pa

    from dashboard.loader import _splice
    from dashboard.schema import frame

    old = frame("mentions", [{"article_id": "a0", "country": "USA", "count": 1},
                             {"article_id": "gone", "country": "FRA", "count": 1}])
    assert _splice("mentions", old, frame("mentions"), pa.array(["a0"], type=pa.large_string()), {"gone"}) is None


def test_an_update_pauses_the_garbage_collector_and_turns_it_back_on(folder: Path, tmp_path: Path,
                                                                     monkeypatch) -> None:
    """The update's table work runs with the cyclic collector off (it would run some 150 times); afterwards it is
    on again, and a caller that had turned it off finds it off."""
    import gc

    from dashboard import loader

    cache = tmp_path / "cache"
    load_corpus(folder, cache_dir=cache, workers=1)
    during: list[bool] = []
    real = loader._update
    monkeypatch.setattr(loader, "_update", lambda *a, **k: (during.append(gc.isenabled()), real(*a, **k))[1])
    for n, caller_on in enumerate((True, False)):
        _edit("wire/b.jsonl", _records(("w3", f"2025-02-1{n}", CALL)))(folder)
        (gc.enable if caller_on else gc.disable)()
        try:
            stats = LoadStats()
            load_corpus(folder, cache_dir=cache, workers=1, stats=stats)
            assert stats.corpus_cache == "updated"
            assert gc.isenabled() == caller_on
        finally:
            gc.enable()
    assert during == [False, False]
