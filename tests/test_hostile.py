"""Hostile and unlucky input (issue 8 points 5, 9, 10; issue 7 point 2): files built here in ``tmp_path``.

Speed itself is measured by ``python -m dashboard.bench_hostile``; these tests check the bounds that keep every step
linear (no sentence longer than the limit reaches the extractors, no text longer than the limit is extracted, one
pass for all date windows) and that every change made to an input is said in ``errors``.
The Arabic below is written for these tests.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import random
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import meetings as M
from dashboard import sources
from dashboard.extract import article as article_mod
from dashboard.extract.article import extract_article
from dashboard.extract.sentences import MAX_SENTENCE_CHARS, sentence_spans
from dashboard.schema import frame
from dashboard.sources import MAX_TEXT_CHARS, SourceError, read_corpus, read_source

TITLE = "وزراء الدفاع يبحثون في رامشتاين دعم أوكرانيا"
PARA = ("اجتمع وزراء دفاع أكثر من خمسين دولة في قاعدة رامشتاين الجوية يوم الخميس لبحث تسريع تسليم أنظمة الدفاع "
        "الجوي والذخيرة إلى أوكرانيا، وفق ما أعلن المنظمون في بيان رسمي.")
PARA2 = ("وقال وزير الدفاع الألماني إن بلاده ستقدم حزمة مساعدات جديدة قبل نهاية العام، مؤكدا أن الحلفاء "
         "متفقون على أولويات المرحلة المقبلة وعلى مواصلة الدعم.")
MEETING_RUN = ("اجتماع مجموعة الاتصال الدفاعية الخاصة بأوكرانيا في رامشتاين بمشاركة وزراء دفاع ألمانيا وفرنسا "
               "وبريطانيا، وقمة حلف شمال الأطلسي، واتصال هاتفي بين الرئيسين، ")
GOOD = f"{TITLE}\n\n{PARA}\n{PARA2}\n"


def write(folder: Path, name: str, content: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def errors_of(errors: list[SourceError], file: str) -> list[str]:
    return [e.error for e in errors if e.file == file]


# ---------------------------------------------------------------------------------------------------------------
# point 5: what one sentence, one article and the date windows can cost


@pytest.mark.parametrize("chars", [10_000, 40_000, 80_000], ids=["10k", "40k", "80k"])
def test_a_run_on_sentence_is_split_into_bounded_pieces_at_commas_or_spaces(chars: int) -> None:
    text = (MEETING_RUN * (chars // len(MEETING_RUN) + 1))[:chars]
    spans = sentence_spans(text)
    assert len(spans) >= chars // MAX_SENTENCE_CHARS
    assert max(b - a for a, b in spans) <= MAX_SENTENCE_CHARS
    for (_, b), (a2, _) in itertools.pairwise(spans):
        assert text[b - 1] == "،" or text[b].isspace()  # never in the middle of a word when a space is near
        assert text[b:a2].strip() == ""  # nothing between two pieces is lost
    assert "".join(text[a:b] for a, b in spans).replace(" ", "") == text.replace(" ", "")


def test_a_sentence_without_spaces_is_still_cut() -> None:
    text = "ب" * (MAX_SENTENCE_CHARS * 3 + 5)
    assert [b - a for a, b in sentence_spans(text)] == [MAX_SENTENCE_CHARS] * 3 + [5]


@given(st.text(alphabet=st.sampled_from(list("اب ،.\n؟ت")), max_size=3 * MAX_SENTENCE_CHARS))
@settings(max_examples=60, deadline=None)
def test_sentence_spans_are_ordered_trimmed_bounded_and_cover_every_letter(text: str) -> None:
    spans = sentence_spans(text)
    covered = [False] * len(text)
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(text) and b - a <= MAX_SENTENCE_CHARS
        assert not text[a].isspace() and not text[b - 1].isspace()
        covered[a:b] = [True] * (b - a)
        last = b
    assert all(c or text[i].isspace() for i, c in enumerate(covered))


def test_the_event_reader_never_gets_a_sentence_longer_than_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = article_mod.build_events

    def spy(facts, published):  # type: ignore[no-untyped-def]
        seen.extend(len(f.text) for f in facts)
        return real(facts, published)

    monkeypatch.setattr(article_mod, "build_events", spy)
    rows = extract_article("x", MEETING_RUN * 300, None)
    assert seen and max(seen) <= MAX_SENTENCE_CHARS
    assert rows.events  # the meetings in it are still found
    for ev in rows.events:  # and their evidence is a piece of the text
        assert ev["end"] - ev["start"] <= MAX_SENTENCE_CHARS


def test_a_huge_csv_field_is_cut_at_the_limit_with_an_error_row(tmp_path: Path) -> None:
    body = (PARA + " ") * (MAX_TEXT_CHARS // len(PARA) + 50)
    write(tmp_path, "huge.csv", f'id,published,text\nh1,2025-06-12,"{body}"\n')
    write(tmp_path, "good.txt", GOOD)
    articles, errors = read_corpus(tmp_path)
    got = {a.article_id: a for a in articles}
    assert set(got) == {"h1", "good"}
    text = got["h1"].text
    assert MAX_TEXT_CHARS * 9 // 10 <= len(text) <= MAX_TEXT_CHARS
    assert body.startswith(text) and body[len(text)] == " "  # cut between two words
    assert errors == [SourceError("huge.csv", 1, f"row 1: text cut at {len(text):,} characters (the limit is "
                                                 f"{MAX_TEXT_CHARS:,}); the last {len(body.strip()) - len(text):,} "
                                                 "characters were not read")]


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_a_file_with_too_many_records_is_cut_with_one_error_row(monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    monkeypatch.setattr(sources, "MAX_RECORDS", 50)  # the rule, at a size a test can build quickly
    recs = [{"id": f"r{i}", "text": f"{PARA} {i}"} for i in range(80)]
    if fmt == "jsonl":
        data = "\n".join(json.dumps(r, ensure_ascii=False) for r in recs)
    elif fmt == "json":
        data = json.dumps(recs, ensure_ascii=False)
    else:
        data = "id,text\n" + "\n".join(f'{r["id"]},"{r["text"]}"' for r in recs)
    arts, errs = read_source(f"many.{fmt}", data.encode())
    assert [a.article_id for a in arts] == [f"r{i}" for i in range(50)]
    assert errs == [SourceError(f"many.{fmt}", None, "more than 50 records: only the first 50 were read (the limit "
                                "per file, since loading time grows with the number of articles); split the file "
                                "into smaller files")]


def test_a_text_under_the_limit_is_not_cut() -> None:
    body = PARA * (MAX_TEXT_CHARS // len(PARA) - 1)
    arts, errs = read_source("a.txt", f"{TITLE}\n\n{body}".encode())
    assert errs == [] and arts[0].text.endswith(body)


def _window_frames(n: int, seed: int = 3) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """n articles (three in four undated) with the evidence date windows are made of, and relative events."""
    rng = random.Random(seed)
    arts, spans, events = [], [], []
    for i in range(n):
        aid = f"a{i}"
        arts.append({"article_id": aid, "file": f"{aid}.txt", "published": "2024-05-01" if i % 4 == 0 else None})
        kinds = rng.sample([("date", "2025-02-10", "10 فبراير 2025"), ("date", "2025-03", "مارس 2025"),
                            ("date", "2031-01-01", "2031"), ("date", "2025-07-21", "21 يوليو المقبل"),
                            ("war_year", "3", "عامها الثالث"), ("war_year", "4", "عامها الرابع"),
                            ("ordinal", "26", "الاجتماع السادس والعشرين"), ("official", "Lloyd Austin", "أوستن"),
                            ("official", "Pete Hegseth", "هيغسيث"), ("country", "UKR", "أوكرانيا")], rng.randrange(4))
        for k, v, r in kinds:
            spans.append({"article_id": aid, "kind": k, "value": v, "raw": r, "start": 0, "end": 1, "sentence": 0})
        for j in range(rng.randrange(3)):
            events.append({"event_id": f"{aid}#e{j}", "article_id": aid, "event_type": "udcg_meeting", "date": "",
                           "date_offset_days": rng.choice([0, -1, -3, None]), "date_basis": "today"})
    return frame("articles", arts), frame("spans", spans), frame("events", events)


def test_date_windows_in_one_pass_agree_with_the_window_of_each_article() -> None:
    arts, spans, events = _window_frames(400)
    got_arts, got_events = M.date_windows(arts, spans, events)
    resolved = 0
    for _, row in got_arts.iterrows():
        if pd.notna(row["published"]):
            assert pd.isna(row["date_window_start"]) and pd.isna(row["date_window_basis"])
            continue
        lo, hi, basis = M.infer_date_window(spans, row["article_id"])
        assert (row["date_window_start"], row["date_window_end"], row["date_window_basis"]) == (
            pd.Timestamp(lo) if lo else pd.NaT, pd.Timestamp(hi) if hi else pd.NaT, basis) or (
            lo is None and pd.isna(row["date_window_start"]) and pd.isna(row["date_window_end"]))
        for _, ev in got_events[got_events["article_id"] == row["article_id"]].iterrows():
            value = ""
            if lo is not None and hi is not None and pd.notna(ev["date_offset_days"]):
                value, precision = M.resolve_in_window(int(ev["date_offset_days"]), lo, hi)
            if value:
                resolved += 1
                assert (ev["date"], ev["date_precision"]) == (value, precision)
                assert ev["date_basis"] == f"relative to the article's inferred date window ({basis})"
                assert ev["date_start"] == pd.Timestamp(value if len(value) == 10 else f"{value}-01"[:10])
            else:
                assert ev["date"] == "" and ev["date_basis"] == "today"
    assert resolved > 10  # the sample places some relative dates


def test_date_windows_without_undated_articles_change_nothing() -> None:
    arts, spans, events = _window_frames(40)
    arts["published"] = pd.Timestamp("2024-05-01")
    got_arts, got_events = M.date_windows(arts, spans, events)
    pd.testing.assert_frame_equal(got_arts, arts)
    pd.testing.assert_frame_equal(got_events, events)


# ---------------------------------------------------------------------------------------------------------------
# point 9: nothing is skipped silently


def test_an_unreadable_subfolder_gets_an_error_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "good.txt", GOOD)
    locked = tmp_path / "locked"
    write(locked, "hidden.txt", GOOD)
    locked.chmod(0)
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path) == locked:  # root reads any folder: make it fail as it does for everyone else
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    if os.geteuid() == 0:
        monkeypatch.setattr(os, "scandir", scandir)
    try:
        articles, errors = read_corpus(tmp_path)
    finally:
        locked.chmod(0o755)
    assert [a.article_id for a in articles] == ["good"]
    assert errors == [SourceError("locked/", None, "cannot read the folder: permission denied; the files in it "
                                                   "were not loaded")]


@pytest.mark.parametrize("bad", ["2025-13-45", "not-a-date", "31/02/2025"])
def test_a_bad_manifest_date_gets_an_error_row_and_the_article_loads_undated(tmp_path: Path, bad: str) -> None:
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "b.txt", GOOD.replace("الخميس", "الجمعة"))
    write(tmp_path, "manifest.csv", f"file,published,outlet\na.txt,{bad},الموقع\nb.txt,2025-06-12,الموقع\n")
    articles, errors = read_corpus(tmp_path)
    got = {a.article_id: a for a in articles}
    assert (got["a"].published, got["a"].outlet) == (None, "الموقع")
    assert got["b"].published == dt.date(2025, 6, 12)
    assert errors == [SourceError("manifest.csv", 1, f"manifest row 1 (line 2): publication date {bad!r} is not a "
                                                     "date; a.txt is loaded without one")]


def test_a_file_link_leaving_the_corpus_is_not_followed(tmp_path: Path) -> None:
    corpus, outside = tmp_path / "corpus", tmp_path / "private"
    write(outside, "secret.txt", GOOD.replace("رامشتاين", "مخبأالسر"))
    write(outside, "manifest.csv", "file,published\nx.txt,2025-01-01\n")
    write(corpus, "good.txt", GOOD)
    write(corpus, "sub/inside.txt", GOOD.replace("الخميس", "الأحد"))
    (corpus / "leak.txt").symlink_to(outside / "secret.txt")
    (corpus / "also.txt").symlink_to(corpus / "sub" / "inside.txt")  # a link inside the corpus is read
    (corpus / "sub" / "manifest.csv").symlink_to(outside / "manifest.csv")
    (corpus / "linked").symlink_to(outside, target_is_directory=True)
    articles, errors = read_corpus(corpus)
    assert sorted(a.article_id for a in articles) == ["also", "good", "inside"]
    assert errors_of(errors, "linked/") == ["not read: a link to a folder (links to folders are not followed; copy "
                                            "the folder into the corpus instead)"]
    assert all("مخبأالسر" not in a.text for a in articles)
    assert errors_of(errors, "leak.txt") == ["not read: a link to a file outside the corpus folder (links that leave "
                                             "the folder are not followed)"]
    assert errors_of(errors, "sub/manifest.csv") == ["manifest not read: a link to a file outside the corpus folder "
                                                     "(links that leave the folder are not followed)"]


# ---------------------------------------------------------------------------------------------------------------
# point 10: NUL and control characters


def test_one_nul_byte_in_utf8_arabic_no_longer_refuses_the_file(tmp_path: Path) -> None:
    write(tmp_path, "nul.txt", GOOD.encode().replace("رامشتاين الجوية".encode(), "رامشتاين\x00 الجوية".encode()))
    articles, errors = read_corpus(tmp_path)
    art = articles[0]
    assert "\x00" not in art.text and "رامشتاين الجوية" in art.text and art.encoding == "utf-8"
    assert errors == [SourceError("nul.txt", None, "1 control character removed (NUL); the text was kept")]


def test_a_binary_file_with_many_nuls_is_still_refused() -> None:
    arts, errs = read_source("nul.txt", "نص عربي".encode() + b"\x00\x01\x02\x00\x00\x05" * 50)
    assert arts == [] and "NUL bytes" in errs[0].error


CONTROLS = "\x1b[31m\x07\x01"


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "txt", "html"])
def test_control_characters_are_stripped_from_text_title_and_fields(tmp_path: Path, fmt: str) -> None:
    title, body = f"{TITLE}{CONTROLS}", f"{PARA}\x1b\n{PARA2}\x07"
    rec = {"id": f"id{CONTROLS}", "title": title, "text": body, "outlet": "\x1bموقع", "url": "https://e.com/\x07a"}
    if fmt == "json":
        write(tmp_path, "a.json", json.dumps([rec]))  # escaped as \u001b: JSON keeps them in the values
    elif fmt == "jsonl":
        write(tmp_path, "a.jsonl", json.dumps(rec, ensure_ascii=False))
    elif fmt == "csv":
        write(tmp_path, "a.csv", "id,title,text,outlet,url\n" + ",".join(f'"{rec[k]}"' for k in
                                                                          ("id", "title", "text", "outlet", "url")))
    elif fmt == "txt":
        write(tmp_path, "a.txt", f"{title}\n\n{body}\n")
    else:
        write(tmp_path, "a.html", f"<html><title>{title}</title><body><p>{PARA}&#27;</p><p>{PARA2}\x07</p></body>")
    articles, errors = read_corpus(tmp_path)
    art = articles[0]
    for value in (art.article_id, art.title, art.text, art.outlet, art.url):
        assert not any(c in value for c in CONTROLS.replace("[31m", ""))
    assert PARA in art.text and PARA2 in art.text and art.title == f"{TITLE}[31m"
    if fmt in ("json", "csv", "jsonl"):
        assert (art.article_id, art.outlet, art.url) == ("id[31m", "موقع", "https://e.com/a")
    assert len(errors) == 1 and errors[0].file == f"a.{fmt}"
    assert "control characters removed (" in errors[0].error and errors[0].error.endswith("the text was kept")
    assert "ESC" in errors[0].error and "BEL" in errors[0].error


def test_text_without_control_characters_has_no_note() -> None:
    arts, errs = read_source("a.txt", GOOD.encode())
    assert len(arts) == 1 and errs == []


# ---------------------------------------------------------------------------------------------------------------
# issue 7 point 2: a site disclaimer above the article never takes the article with it

DISCLAIMERS = [
    pytest.param("إدارة الموقع لا تتبنى وجهة نظر الكاتب بالضرورة", id="site-disclaimer"),
    pytest.param("الموقع غير مسؤول عن آراء الكتاب", id="not-responsible"),
    pytest.param("جميع الحقوق محفوظة للناشر", id="rights-line"),
]


@pytest.mark.parametrize("line", DISCLAIMERS)
@pytest.mark.parametrize("with_title", [True, False], ids=["under-title", "first-line"])
def test_a_disclaimer_above_the_body_is_cut_alone(line: str, with_title: bool) -> None:
    head = f"{TITLE}\n\n" if with_title else ""
    arts, errs = read_source("a.txt", f"{head}{line}\n\n{PARA}\n\n{PARA2}\n".encode())
    assert errs == []
    assert PARA in arts[0].text and PARA2 in arts[0].text and line not in arts[0].text
    assert arts[0].boilerplate == line


@pytest.mark.parametrize("line", DISCLAIMERS)
def test_a_disclaimer_after_the_body_still_cuts_the_footer(line: str) -> None:
    arts, errs = read_source("a.txt", f"{TITLE}\n\n{PARA}\n{line}\nسياسة الخصوصية\nاتصل بنا\n".encode())
    assert errs == [] and arts[0].text == f"{TITLE}\n\n{PARA}"


def test_a_page_of_only_furniture_is_still_refused() -> None:
    arts, errs = read_source("a.txt", "اترك تعليقاً\nالاسم\nالبريد الإلكتروني\n".encode())
    assert arts == [] and errs[0].error == "nothing left after removing site boilerplate"

