"""A folder of tables written as Parquet (``--out DIR --format parquet``) opens as a corpus: read back exactly,
never parsed, a damaged table reported and the others kept, and the app shows it like any corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from synthetic import write_articles

from dashboard import export
from dashboard.loader import LoadStats, is_table_folder, load_corpus, main, read_tables, write_tables
from dashboard.schema import TABLES, Corpus
from dashboard.views import common

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    src = write_articles(tmp_path_factory.mktemp("articles"), 30, seed=11)
    corpus = load_corpus(src, cache=False, workers=1)
    out = tmp_path_factory.mktemp("tables")
    write_tables(corpus, out, ("parquet",))
    return corpus, out


def test_the_tables_read_back_equal_what_was_written(extracted):
    corpus, out = extracted
    assert is_table_folder(out)
    stats = LoadStats()
    back = load_corpus(out, stats=stats)
    assert stats.parsed == 0 and stats.phase == "done" and stats.articles == len(corpus.articles) == 30
    for name in TABLES:
        got, want = getattr(back, name).reset_index(drop=True), getattr(corpus, name).reset_index(drop=True)
        assert [str(d) for d in got.dtypes if d.kind != "M"] == [str(d) for d in want.dtypes if d.kind != "M"]
        assert [c for c in got if got[c].dtype.kind == "M"] == [c for c in want if want[c].dtype.kind == "M"]
        pd.testing.assert_frame_equal(got, want, check_dtype=False, check_categorical=False)  # days: unit may differ


def test_a_damaged_table_is_reported_and_the_others_kept(extracted, tmp_path):
    corpus, out = extracted
    shutil.copytree(out, tmp_path, dirs_exist_ok=True)
    part = next((tmp_path / "amounts").rglob("*.parquet"))
    part.write_bytes(b"PAR1 not really parquet")
    shutil.rmtree(tmp_path / "mentions")
    back = read_tables(tmp_path)
    assert back.amounts.empty and back.mentions.empty and list(back.amounts.columns) == list(TABLES["amounts"])
    assert len(back.events) == len(corpus.events) and len(back.articles) == 30
    bad = back.errors[back.errors["file"] == "amounts"]
    assert len(bad) == 1 and bad["error"].iloc[0].startswith("cannot read this table:")


def test_the_tables_are_partitioned_by_year_and_read_back_a_year_at_a_time(extracted):
    """Each table is a folder of parts, one per year of the articles (of the meetings, for meetings); a year's
    parts hold that year's articles and what was found in them, in the order the loader built them."""
    corpus, out = extracted
    years = corpus.articles["published"].dt.year
    assert {p.name for p in (out / "articles").iterdir()} == {f"year={y}" for y in years.dropna().unique()}
    y = int(years.mode().iloc[0])
    part = read_tables(out, years=[y])
    want_ids = set(corpus.articles.loc[years == y, "article_id"])
    assert set(part.articles["article_id"]) == want_ids and 0 < len(want_ids) < 30
    assert set(part.events["article_id"]) <= want_ids and set(part.spans["article_id"]) <= want_ids
    want_events = corpus.events[corpus.events["article_id"].isin(want_ids)].reset_index(drop=True)
    pd.testing.assert_frame_equal(part.events, want_events, check_dtype=False, check_categorical=False)
    assert (part.meetings["date_start"].fillna(part.meetings["date_min"]).dt.year == y).all()
    # the parts are plain Parquet: pandas reads one year of one table by itself
    raw = pd.read_parquet(out / "spans", filters=[("year", "=", y)])
    assert len(raw) == len(part.spans) and set(raw["article_id"]) <= want_ids


def test_undated_articles_have_their_own_part(tmp_path):
    src = write_articles(tmp_path / "src", 6, seed=4)
    (src / "manifest.csv").unlink()  # no publication dates: the articles have no year
    corpus = load_corpus(src, cache=False, workers=1)
    write_tables(corpus, tmp_path / "out", ("parquet",))
    undated = corpus.articles["published"].fillna(corpus.articles["date_window_start"]).isna()
    back = read_tables(tmp_path / "out")
    assert len(back.articles) == 6 and len(back.events) == len(corpus.events)
    if undated.any():
        assert (tmp_path / "out" / "articles" / "year=__HIVE_DEFAULT_PARTITION__").is_dir()
        assert len(read_tables(tmp_path / "out", years=[]).articles) == 0


def test_a_folder_written_before_partitions_still_opens(extracted, tmp_path):
    """Tables written as one Parquet file each (before they were partitioned) open as they did."""
    corpus, _ = extracted
    for name, df in corpus.tables().items():
        df.to_parquet(tmp_path / f"{name}.parquet", index=False)
    assert is_table_folder(tmp_path)
    back = read_tables(tmp_path)
    pd.testing.assert_frame_equal(back.events.reset_index(drop=True), corpus.events.reset_index(drop=True),
                                  check_dtype=False, check_categorical=False)


def test_writing_again_replaces_the_parts(extracted, tmp_path):
    corpus, _ = extracted
    write_tables(corpus, tmp_path, ("parquet",))
    small = Corpus(**{name: df.head(3) if name == "articles" else df.iloc[0:0] for name, df in corpus.tables().items()})
    write_tables(small, tmp_path, ("parquet",))
    assert len(read_tables(tmp_path).articles) == 3 and read_tables(tmp_path).events.empty


def test_a_folder_of_articles_is_not_a_table_folder(tmp_path):
    write_articles(tmp_path, 3, seed=2)
    (tmp_path / "articles.parquet").write_bytes(b"")  # one table alone does not make a table folder
    assert not is_table_folder(tmp_path)


@pytest.mark.parametrize(("fmt", "suffixes"), [("parquet", {".parquet"}), ("csv", {".csv"}),
                                               ("both", {".csv", ".parquet"})])
def test_the_command_line_writes_the_format_asked_for(tmp_path, fmt, suffixes, capsys):
    src = write_articles(tmp_path / "src", 4, seed=3)
    assert main([str(src), "--out", str(tmp_path / "out"), "--format", fmt, "--workers", "1", "--no-cache"]) == 0
    written = {p.suffix or ".parquet" for p in (tmp_path / "out").iterdir()}  # a Parquet table is a folder
    assert written == suffixes
    assert {p.stem for p in (tmp_path / "out").iterdir()} == set(TABLES)
    if "parquet" in fmt or fmt == "both":
        assert all(any((tmp_path / "out" / t).rglob("*.parquet")) for t in TABLES)


def test_the_app_opens_a_table_folder_as_its_corpus(extracted, monkeypatch):
    corpus, out = extracted
    common.load.clear()
    common.signature.clear()
    monkeypatch.setenv("RAMSTEIN_CORPUS", str(out))
    monkeypatch.setenv("RAMSTEIN_LOAD_WAIT", "600")
    monkeypatch.setattr(export, "figure_png", lambda *_a, **_k: b"")
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert at.metric[0].value == f"{len(corpus.articles):,}" and at.metric[1].value == f"{len(corpus.events):,}"
    common.load.clear()
