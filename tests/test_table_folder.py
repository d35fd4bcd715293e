"""A folder of tables written as Parquet (``--out DIR --format parquet``) opens as a corpus: read back exactly,
never parsed, a damaged table reported and the others kept, and the app shows it like any corpus."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from synthetic import write_articles

from dashboard import export
from dashboard.loader import LoadStats, is_table_folder, load_corpus, main, read_tables, write_tables
from dashboard.schema import TABLES
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
    for p in out.glob("*.parquet"):
        (tmp_path / p.name).write_bytes(p.read_bytes())
    (tmp_path / "amounts.parquet").write_bytes(b"PAR1 not really parquet")
    (tmp_path / "mentions.parquet").unlink()
    back = read_tables(tmp_path)
    assert back.amounts.empty and back.mentions.empty and list(back.amounts.columns) == list(TABLES["amounts"])
    assert len(back.events) == len(corpus.events) and len(back.articles) == 30
    bad = back.errors[back.errors["file"] == "amounts.parquet"]
    assert len(bad) == 1 and bad["error"].iloc[0].startswith("cannot read this table:")


def test_a_folder_of_articles_is_not_a_table_folder(tmp_path):
    write_articles(tmp_path, 3, seed=2)
    (tmp_path / "articles.parquet").write_bytes(b"")  # one table alone does not make a table folder
    assert not is_table_folder(tmp_path)


@pytest.mark.parametrize(("fmt", "suffixes"), [("parquet", {".parquet"}), ("csv", {".csv"}),
                                               ("both", {".csv", ".parquet"})])
def test_the_command_line_writes_the_format_asked_for(tmp_path, fmt, suffixes, capsys):
    src = write_articles(tmp_path / "src", 4, seed=3)
    assert main([str(src), "--out", str(tmp_path / "out"), "--format", fmt, "--workers", "1", "--no-cache"]) == 0
    written = {p.suffix for p in (tmp_path / "out").iterdir()}
    assert written == suffixes
    assert {p.stem for p in (tmp_path / "out").iterdir()} == set(TABLES)


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
