"""Golden tests: the five seed articles, loaded end to end, give the facts a reader checks by hand.

The expectations are written here from reading the articles; the product never reads the evaluation gold files.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard.loader import load_corpus, main
from dashboard.schema import TABLES

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
P = pytest.param


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    return load_corpus(SEEDS, cache_dir=tmp_path_factory.mktemp("cache"))


def events_of(corpus, article: str) -> pd.DataFrame:
    ev = corpus.events
    return ev[ev["article_id"].str.startswith(article)]


def roles(corpus, event_id: str, role: str) -> set[str]:
    p = corpus.participants
    return set(p[(p["event_id"] == event_id) & (p["role"] == role)]["country"].astype(str))


def one(events: pd.DataFrame, etype: str, date: str) -> pd.Series:
    rows = events[(events["event_type"] == etype) & (events["date"] == date)]
    assert len(rows) == 1, f"{etype} {date}: {len(rows)} rows in\n{events[['event_type', 'date', 'evidence']]}"
    return rows.iloc[0]


def test_all_seeds_load_without_errors(corpus) -> None:
    assert len(corpus.articles) == 5
    assert corpus.errors.empty
    published = corpus.articles.set_index("article_id")["published"]
    assert published["000_1632572ee13d2f4b"] == pd.Timestamp("2025-06-04")


@pytest.mark.parametrize(("article", "etype", "date", "location", "count", "chairs", "absent"), [
    P("000", "udcg_meeting", "2025-06-04", "Brussels", 50, {"GBR", "DEU"}, {"USA"}, id="udcg-hegseth-absent"),
    P("001", "armaments_meeting", "2022-09-28", "Brussels", 40, {"USA"}, set(), id="armaments-directors-today"),
    P("002", "coalition_meeting", "2025-04-10", None, 30, {"FRA", "GBR"}, {"USA"}, id="coalition-ministers-thursday"),
    P("002", "coalition_meeting", "2025-03", None, 33, {"FRA"}, set(), id="coalition-summit-late-last-month"),
    P("002", "udcg_meeting", "2025-04-11", None, 50, set(), {"USA"}, id="udcg-next-friday"),
    P("003", "coalition_meeting", "2025-09-04", "Virtual", 30, {"FRA"}, set(), id="coalition-online-next-thursday"),
    P("003", "nato_meeting", "2025-09-01", None, None, set(), set(), id="nato-emergency-today"),
    P("004", "udcg_meeting", "2022-10-12", None, None, set(), set(), id="udcg-12-october-in-a-quote"),
])
def test_meetings(corpus, article, etype, date, location, count, chairs, absent) -> None:
    ev = one(events_of(corpus, article), etype, date)
    if location is not None:
        assert ev["location"] == location
    if count is not None:
        assert ev["attending_count"] == count
    assert roles(corpus, ev["event_id"], "chair") == chairs
    assert roles(corpus, ev["event_id"], "absent") == absent
    assert ev["evidence"] and ev["trigger"]
    text = corpus.articles.set_index("article_id").loc[ev["article_id"], "text"]
    assert text[ev["start"] : ev["end"]] == ev["evidence"]


@pytest.mark.parametrize(("date", "parties"), [
    P("2022-10-21", {"USA", "RUS"}, id="austin-shoigu-friday"),
    P("2022-05-13", {"USA", "RUS"}, id="previous-call-13-may"),
    P("2022-05-19", {"USA", "RUS"}, id="gerasimov-milley-19-may"),
])
def test_phone_calls(corpus, date, parties) -> None:
    calls = events_of(corpus, "004")
    ev = one(calls[calls["event_type"] == "phone_call"].drop_duplicates("event_id"), "phone_call", date)
    assert roles(corpus, ev["event_id"], "party") == parties


def test_one_call_reported_four_times_is_one_event(corpus) -> None:
    calls = events_of(corpus, "004")
    friday = calls[(calls["event_type"] == "phone_call") & (calls["date"] == "2022-10-21")]
    # Austin-Shoigu on Friday, and Austin-Reznikov (no date of its own): two calls, never more
    assert len(friday) <= 2
    assert len(calls[calls["event_type"] == "phone_call"]) <= 4


def test_no_meeting_from_a_group_named_as_an_institution(corpus) -> None:
    """001 ends on the group as an institution (تحت مظلة مجموعة الاتصال…): not a second event."""
    ev = events_of(corpus, "001")
    assert set(ev["event_type"]) == {"armaments_meeting"}


@pytest.mark.parametrize(("article", "value", "kind", "donor"), [
    P("000", 18e9, "funding_gap", "", id="funding-gap-18bn"),
    P("000", 126e9, "cumulative_total", "ALL", id="all-backers-126bn"),
    P("000", 66.5e9, "cumulative_total", "USA", id="us-share-66.5bn"),
    P("001", 15e9, "cumulative_total", "USA", id="us-sent-15bn"),
])
def test_amounts(corpus, article, value, kind, donor) -> None:
    am = corpus.amounts[corpus.amounts["article_id"].str.startswith(article)]
    row = am[(am["value_usd"] - value).abs() < 1]
    assert len(row) == 1
    assert row.iloc[0]["kind"] == kind and row.iloc[0]["donor"] == donor
    assert row.iloc[0]["raw"] in row.iloc[0]["evidence"]


def test_no_amounts_where_there_are_none(corpus) -> None:
    am = corpus.amounts
    assert am[am["article_id"].str[:3].isin(["002", "003", "004"])].empty


@pytest.mark.parametrize(("article", "countries"), [
    P("000", {"USA", "UKR", "RUS", "FRA", "CHN", "TWN", "GBR", "DEU", "LTU"}, id="000"),
    P("001", {"UKR", "USA", "RUS"}, id="001-indo-pacific-is-not-india"),
    P("002", {"UKR", "RUS", "USA", "FRA", "GBR", "POL", "GRC", "BLR", "TUR", "ITA"}, id="002"),
    P("003", {"UKR", "RUS", "FRA", "USA", "GBR"}, id="003"),
    P("004", {"USA", "RUS", "UKR"}, id="004-lebanon-only-in-footer"),
])
def test_country_mentions(corpus, article, countries) -> None:
    m = corpus.mentions
    assert set(m[m["article_id"].str.startswith(article)]["country"].astype(str)) == countries


def test_spans_point_into_the_text(corpus) -> None:
    texts = corpus.articles.set_index("article_id")["text"]
    for row in corpus.spans.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.raw


def test_cli_writes_the_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEEDS), "--out", str(tmp_path), "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "articles: 5" in out
    for table, cols in TABLES.items():
        raw = (tmp_path / f"{table}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM so that Excel opens Arabic"
        with (tmp_path / f"{table}.csv").open(encoding="utf-8-sig", newline="") as fh:
            assert next(csv.reader(fh)) == list(cols)
        assert any((tmp_path / table).rglob("*.parquet")), f"{table}: Parquet parts"
    with (tmp_path / "events.csv").open(encoding="utf-8-sig", newline="") as fh:
        dates = {r["date"] for r in csv.DictReader(fh)}
    assert "2025-06-04" in dates and "2025-03" in dates


def test_reload_from_cache_gives_the_same_tables(tmp_path: Path) -> None:
    first = load_corpus(SEEDS, cache_dir=tmp_path)
    again = load_corpus(SEEDS, cache_dir=tmp_path)
    assert list(tmp_path.glob("corpus-*/meta.json"))
    pd.testing.assert_frame_equal(first.events, again.events)
    pd.testing.assert_frame_equal(first.amounts, again.amounts)


def test_an_edited_file_is_parsed_again(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    meeting = "عنوان\n\nاجتمع وزراء دفاع حلف شمال الأطلسي في بروكسل اليوم."
    (folder / "a.txt").write_text(meeting, encoding="utf-8")
    before = load_corpus(folder, cache_dir=tmp_path / "cache")
    call = "عنوان\n\nأجرى وزير الدفاع الأمريكي اتصالا هاتفيا بنظيره الأوكراني."
    (folder / "a.txt").write_text(call, encoding="utf-8")
    after = load_corpus(folder, cache_dir=tmp_path / "cache")
    assert list(before.events["event_type"]) == ["nato_meeting"]
    assert list(after.events["event_type"]) == ["phone_call"]


@pytest.mark.parametrize(("date", "number"), [
    P("2025-06-04", 28, id="udcg-28-brussels"),
    P("2025-04-11", 27, id="udcg-27-announced-friday"),
    P("2022-10-12", 6, id="udcg-6-quoted-in-a-call-story"),
])
def test_ramstein_meetings_carry_their_reference_number(corpus, date, number) -> None:
    ev = corpus.events
    row = ev[(ev["event_type"] == "udcg_meeting") & (ev["date"] == date)]
    assert list(row["reference_number"]) == [number]
    meeting = corpus.meetings[corpus.meetings["meeting_id"] == row.iloc[0]["meeting_id"]]
    assert list(meeting["reference_number"]) == [number]


def test_every_event_belongs_to_one_meeting(corpus) -> None:
    assert corpus.events["meeting_id"].notna().all()
    assert set(corpus.events["meeting_id"]) == set(corpus.meetings["meeting_id"])
    assert corpus.meetings["n_events"].sum() == len(corpus.events)


def test_the_scorer_gives_the_seeds_full_marks(tmp_path: Path) -> None:
    """The evaluation's own scorer (../shared/eval/score.py) on the loader's output for the seeds: 1.000 everywhere,
    so no extra or missing event, field, country or amount slips past the more specific tests above."""
    import importlib.util

    scorer = SEEDS.parent.parent / "shared" / "eval" / "score.py"
    gold = scorer.parent / "gold" / "seeds.jsonl"
    assert scorer.exists() and gold.exists(), "the project expects ../shared/eval beside it"
    assert main([str(SEEDS), "--out", str(tmp_path), "--no-cache"]) == 0
    spec = importlib.util.spec_from_file_location("seed_scorer", scorer)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = mod.score(mod.Prediction(tmp_path), rows, False)
    assert result == {k: 1.0 for k in result}, result
