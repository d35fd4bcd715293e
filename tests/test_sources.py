"""Reading article files: formats, encodings, the manifest, article ids, boilerplate, and every kind of bad input.

Bad files are built in ``tmp_path``; each bad-input test also checks that a good file beside it still loads.
The Arabic below is written for these tests in the styles of several kinds of outlet; it is not taken from the seeds.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import sources
from dashboard.extract.normalize import norm
from dashboard.sources import (
    MAX_BYTES,
    RawArticle,
    SourceError,
    clean_text,
    list_sources,
    read_corpus,
    read_manifest,
    read_source,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# ---------------------------------------------------------------------------------------------------------------
# sample text (written for these tests)

HEADLINE = "وزراء دفاع الحلفاء يبحثون في بروكسل تسريع شحنات الذخيرة إلى كييف"
PARA1 = ("اجتمع وزراء دفاع أكثر من أربعين دولة في مقر حلف شمال الأطلسي ببروكسل يوم الخميس لبحث تسريع شحنات "
         "الذخيرة وأنظمة الدفاع الجوي إلى أوكرانيا، وفق ما أعلن مسؤولون غربيون.")
PARA2 = ("وقال وزير الدفاع البريطاني إن بلاده ستقدم حزمة جديدة بقيمة ثلاثمائة مليون جنيه إسترليني، مؤكداً أن "
         "“دعم كييف سيستمر ما دام ذلك ضرورياً” وأن الحلفاء متفقون على الأولويات.")
PARA3 = ("من جانبها، رحبت الحكومة الأوكرانية بالتعهدات الجديدة، وطالبت بتسريع تسليم المنظومات التي وُعدت بها "
         "قبل حلول فصل الشتاء لحماية محطات الطاقة والمدن الكبرى.")
GOOD_TXT = f"{HEADLINE}\n\n{PARA1}\n{PARA2}\n"
ENGLISH = "Defence ministers met in Brussels on Thursday to discuss air defence for Ukraine.\n"


def write(folder: Path, name: str, content: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def by_file(errors: list[SourceError]) -> dict[str, list[SourceError]]:
    out: dict[str, list[SourceError]] = {}
    for e in errors:
        out.setdefault(e.file, []).append(e)
    return out


def one(items: list[RawArticle]) -> RawArticle:
    assert len(items) == 1, items
    return items[0]


# ---------------------------------------------------------------------------------------------------------------
# bad input: one error row with a human reason, nothing loaded from it, the good file beside it still loads

_rng = random.Random(7)
RANDOM_HIGH_BYTES = bytes(_rng.randrange(0x80, 0x100) for _ in range(3000))
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4

BAD_FILES = [
    pytest.param("empty.txt", b"", "empty file", id="empty-file"),
    pytest.param("blank.txt", b"  \n\t\r\n   \n", "only whitespace", id="whitespace-only"),
    pytest.param("nul.txt", "نص عربي".encode() + b"\x00\x01\x02\x00\x00\x05" * 50, "NUL bytes", id="nul-bytes"),
    pytest.param("image.txt", PNG, "not text: looks like a binary file (PNG image)", id="png-named-txt"),
    pytest.param("report.json", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "binary file (PDF document)",
                 id="pdf-named-json"),
    pytest.param("garbage.txt", RANDOM_HIGH_BYTES, "could not decode the text", id="undecodable"),
    pytest.param("bad.json", '{"id": "a1", "text": "اجتماع في بروكسل", '.encode(), "malformed JSON",
                 id="malformed-json"),
    pytest.param("scalar.json", b"42", "not an article object", id="json-scalar"),
    pytest.param("emptylist.json", b"[]", "no records", id="json-empty-list"),
    pytest.param("notext.json", json.dumps({"id": "x", "title": "عنوان بلا نص"}).encode(), "no text",
                 id="json-record-without-text"),
    pytest.param("english.txt", ENGLISH, "no Arabic text", id="no-arabic-letters"),
    pytest.param("only-footer.txt", "اترك تعليقاً\nالاسم\nالبريد الإلكتروني\n", "nothing left after removing",
                 id="only-boilerplate"),
    pytest.param("nocol.csv", "id,headline,summary\n1,عنوان,ملخص\n", "no text column", id="csv-without-text-column"),
    pytest.param("header.csv", "id,title,text\n", "no records (only a header row)", id="csv-header-only"),
    pytest.param("blank.jsonl", "\n\n  \n", "only whitespace", id="jsonl-blank"),
    pytest.param("scan.pdf", b"%PDF-1.4\n...", "not a supported format (.pdf, PDF document)", id="pdf"),
    pytest.param("story.docx", b"PK\x03\x04" + b"\x00" * 40, "not a supported format (.docx, Word document)",
                 id="docx"),
    pytest.param("photo.png", PNG, "not a supported format (.png, PNG image)", id="png"),
    pytest.param("README", "ملاحظات", "not a supported format (no extension", id="no-extension"),
    pytest.param("bad16.txt", b"\xff\xfe" + "نص".encode("utf-16-le") + b"\x00\xd8", "byte-order mark",
                 id="utf16-bom-but-invalid"),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES)
def test_bad_file_gives_one_error_and_the_rest_loads(tmp_path: Path, name: str, content: bytes | str,
                                                      reason: str) -> None:
    write(tmp_path, "good.txt", GOOD_TXT)
    write(tmp_path, name, content)
    articles, errors = read_corpus(tmp_path)
    assert [a.article_id for a in articles] == ["good"]
    assert [(e.file, e.record) for e in errors] == [(name, None)]
    assert reason in errors[0].error
    # the same reason from bytes alone (what the app does with an upload)
    raw = content.encode() if isinstance(content, str) else content
    arts, errs = read_source(name, raw)
    assert arts == [] and len(errs) == 1 and reason in errs[0].error


def test_jsonl_with_one_bad_line(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "n1", "text": PARA1}, ensure_ascii=False), '{"id": "n2", "text": "نص مقطوع',
             json.dumps({"id": "n3", "text": PARA2}, ensure_ascii=False), "", '["not", "an", "object"]']
    write(tmp_path, "feed.jsonl", "\n".join(lines))
    write(tmp_path, "good.txt", GOOD_TXT)
    articles, errors = read_corpus(tmp_path)
    assert sorted(a.article_id for a in articles) == ["good", "n1", "n3"]
    assert [(e.file, e.record) for e in errors] == [("feed.jsonl", 2), ("feed.jsonl", 5)]
    assert "line 2: malformed JSON" in errors[0].error
    assert "not a JSON object" in errors[1].error
    assert {a.record for a in articles if a.file == "feed.jsonl"} == {1, 3}


def test_csv_with_a_row_of_the_wrong_width(tmp_path: Path) -> None:
    rows = [["id", "title", "text", "published"], ["c1", "عنوان", PARA1, "2025-02-12"],
            ["c2", "عنوان", PARA2, "2025-02-13", "extra", "more"], ["c3", "عنوان", PARA3, "13/02/2025"]]
    buf = [",".join(f'"{c}"' for c in r) for r in rows]
    write(tmp_path, "rows.csv", "\n".join(buf) + "\n")
    write(tmp_path, "good.txt", GOOD_TXT)
    articles, errors = read_corpus(tmp_path)
    assert sorted(a.article_id for a in articles) == ["c1", "c3", "good"]
    assert [(e.file, e.record) for e in errors] == [("rows.csv", 2)]
    assert "has 6 fields but the header has 4" in errors[0].error
    assert {a.article_id: a.published for a in articles}["c3"] == dt.date(2025, 2, 13)


def test_csv_with_broken_quoting_keeps_the_other_rows(tmp_path: Path) -> None:
    content = f'id,text\nq1,"{PARA1}"\nq2,"{PARA2}"oops\nq3,"{PARA3}"\n'
    write(tmp_path, "quotes.csv", content)
    write(tmp_path, "good.txt", GOOD_TXT)
    articles, errors = read_corpus(tmp_path)
    assert sorted(a.article_id for a in articles) == ["good", "q1", "q3"]
    assert [(e.file, e.record) for e in errors] == [("quotes.csv", 2)]
    assert "broken quoting" in errors[0].error


def test_csv_with_an_unclosed_quote_loads_the_rows_before_it(tmp_path: Path) -> None:
    write(tmp_path, "open.csv", f'id,text\nu1,"{PARA1}"\nu2,"{PARA2}\nu3,{PARA3}\n')
    write(tmp_path, "good.txt", GOOD_TXT)
    articles, errors = read_corpus(tmp_path)
    assert sorted(a.article_id for a in articles) == ["good", "u1"]
    assert len(errors) == 1 and errors[0].file == "open.csv"
    assert "never closed" in errors[0].error


def test_records_without_text_or_without_arabic(tmp_path: Path) -> None:
    recs = [{"id": "r1", "text": PARA1}, {"id": "r2", "title": "عنوان فقط"}, {"id": "r3", "text": ENGLISH},
            {"id": "r4", "text": "   "}, {"id": "r5", "text": {"nested": True}}, "just a string",
            {"id": "r7", "body": PARA2}]
    write(tmp_path, "list.json", json.dumps(recs, ensure_ascii=False))
    write(tmp_path, "good.txt", GOOD_TXT)
    articles, errors = read_corpus(tmp_path)
    assert sorted(a.article_id for a in articles) == ["good", "r1", "r7"]
    reasons = {e.record: e.error for e in errors}
    assert set(reasons) == {2, 3, 4, 5, 6}
    assert "no text" in reasons[2] and "no text" in reasons[4]
    assert "no Arabic text" in reasons[3]
    assert "not a string" in reasons[5]
    assert "not a JSON object" in reasons[6]


def test_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:  # sparse: costs no disk
        f.truncate(MAX_BYTES + 5 * 1024 * 1024)
    write(tmp_path, "good.txt", GOOD_TXT)
    opened: list[str] = []
    real = sources._read_bytes

    def spy(path: Path) -> bytes:
        opened.append(path.name)
        return real(path)

    monkeypatch.setattr(sources, "_read_bytes", spy)
    articles, errors = read_corpus(tmp_path)
    assert [a.article_id for a in articles] == ["good"]
    assert [e.file for e in errors] == ["huge.txt"]
    assert errors[0].error.startswith("file too large: 25 MB (the limit is 20 MB)")
    assert "huge.txt" not in opened


def test_size_limit_applies_to_bytes_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_BYTES", 1000)
    arts, errs = read_source("long.txt", (GOOD_TXT * 10).encode())
    assert arts == [] and errs[0].error.startswith("file too large: 7.2 KB (the limit is 1000 bytes)")
    arts, errs = read_source("short.txt", GOOD_TXT.encode()[:900])
    assert len(arts) == 1 and errs == []


def test_unreadable_file_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = write(tmp_path, "locked.txt", GOOD_TXT)
    write(tmp_path, "good.txt", GOOD_TXT.replace("بروكسل", "رامشتاين"))

    def fake_open(path: object, *args: object, **kwargs: object) -> object:
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(sources, "open", fake_open, raising=False)
    articles, errors = read_corpus(tmp_path)
    assert [a.article_id for a in articles] == ["good"]
    assert [(e.file, e.error) for e in errors] == [("locked.txt", "cannot read the file: permission denied")]


def test_broken_link(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    write(tmp_path, "good.txt", GOOD_TXT)
    articles, errors = read_corpus(tmp_path)
    assert [a.article_id for a in articles] == ["good"]
    assert [e.file for e in errors] == ["gone.txt"] and "does not exist" in errors[0].error


def test_many_bad_records_are_summarised(tmp_path: Path) -> None:
    write(tmp_path, "junk.jsonl", "{oops\n" * (sources.MAX_RECORD_ERRORS + 30))
    _, errors = read_corpus(tmp_path)
    assert len(errors) == sources.MAX_RECORD_ERRORS + 1
    assert errors[-1].error.startswith("30 more records could not be read")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(["a.txt", "a.json", "a.jsonl", "a.csv", "a.html", "a.tsv", "a.pdf", "a"]),
       data=st.one_of(st.binary(max_size=400),
                      st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass")),
                      st.text(alphabet="{}[]\",:\n\r\t ٠ابةىك\\'<>/=#", max_size=200).map(str.encode)))
def test_read_source_never_raises(name: str, data: bytes) -> None:
    arts, errs = read_source(name, data)
    assert all(isinstance(a, RawArticle) for a in arts) and all(isinstance(e, SourceError) for e in errs)
    assert arts or errs
    assert not any("internal error" in e.error for e in errs)


# ---------------------------------------------------------------------------------------------------------------
# encodings

CP1256_TEXTS = [
    pytest.param(GOOD_TXT, id="news-with-curly-quotes"),
    pytest.param("سياسة\n\nوصل الرئيس الفرنسي إلى كييف – في زيارة لم يُعلن عنها – قادماً من بولندا.\nوقال: «سنبقى "
                 "إلى جانبكم».\n", id="levantine-guillemets-en-dash"),
    pytest.param("اجتماع رامشتاين يعقد اليوم\nبمشاركة NATO و Pentagon وممثلين عن 50 دولة.\n", id="mixed-latin"),
    pytest.param("عاجل\n", id="one-word"),
]


@pytest.mark.parametrize("text", CP1256_TEXTS)
def test_windows_1256_comes_out_as_arabic(tmp_path: Path, text: str) -> None:
    write(tmp_path, "cp.txt", text.encode("cp1256"))
    write(tmp_path, "good.txt", GOOD_TXT)
    articles, errors = read_corpus(tmp_path)
    assert errors == []
    art = {a.article_id: a for a in articles}["cp"]
    assert art.encoding == "cp1256"
    assert art.text == text.strip()
    assert art.content_hash == sources._sha1(text.encode("cp1256"))


@pytest.mark.parametrize(("encoding", "prefix", "label"), [
    pytest.param("utf-8", b"", "utf-8", id="utf-8"),
    pytest.param("utf-8", b"\xef\xbb\xbf", "utf-8-sig", id="utf-8-bom"),
    pytest.param("utf-16-le", b"\xff\xfe", "utf-16-le", id="utf-16-le-bom"),
    pytest.param("utf-16-be", b"\xfe\xff", "utf-16-be", id="utf-16-be-bom"),
    pytest.param("utf-16-le", b"", "utf-16-le", id="utf-16-le-no-bom"),
    pytest.param("utf-16-be", b"", "utf-16-be", id="utf-16-be-no-bom"),
    pytest.param("utf-32-le", b"\xff\xfe\x00\x00", "utf-32-le", id="utf-32-le-bom"),
    pytest.param("cp1256", b"", "cp1256", id="windows-1256"),
])
def test_encodings(encoding: str, prefix: bytes, label: str) -> None:
    text = f"{HEADLINE}\n\n{PARA1}\n{PARA3}"
    art = one(read_source("a.txt", prefix + text.encode(encoding))[0])
    assert art.encoding == label
    assert art.text == text
    assert art.title == HEADLINE


def test_iso_8859_6() -> None:
    text = "اجتمع وزراء الدفاع في بروكسل لبحث دعم اوكرانيا بالذخيرة والصواريخ، وقال الامين العام ان الدعم مستمر."
    art = one(read_source("iso.txt", text.encode("iso8859_6"))[0])
    assert art.encoding == "iso8859-6" and art.text == text


def test_utf8_with_a_damaged_byte_loads_and_says_so() -> None:
    data = GOOD_TXT.encode()
    cut = data.index("بروكسل".encode()) + 1  # the middle of a two-byte letter
    art = one(read_source("d.txt", data[:cut] + data[cut + 1:])[0])
    assert art.encoding == "utf-8 (1 invalid byte replaced)"
    assert "\ufffd" in art.text


def test_mojibake_is_not_accepted_as_arabic() -> None:
    mojibake = PARA1.encode("utf-8").decode("cp1256", errors="replace")
    assert not sources._looks_like_text(mojibake)
    assert not sources._looks_like_text(PARA1.encode("cp1256").decode("cp1252", errors="replace"))
    assert sources._looks_like_text(PARA1) and sources._looks_like_text(ENGLISH + "Réunion à Bruxelles")


def test_cp1256_json_csv_and_html(tmp_path: Path) -> None:
    write(tmp_path, "w.json", json.dumps({"id": "j", "text": PARA1}, ensure_ascii=False).encode("cp1256"))
    write(tmp_path, "w.csv", f'id,text\nc,"{PARA2}"\n'.encode("cp1256"))
    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
            f"<title>{HEADLINE}</title></head><body><p>{PARA3}</p></body></html>")
    write(tmp_path, "w.html", page.encode("cp1256"))
    articles, errors = read_corpus(tmp_path)
    assert errors == []
    got = {a.article_id: a for a in articles}
    assert got["j"].text == PARA1 and got["c"].text == PARA2 and got["w"].text == PARA3
    assert {a.encoding for a in articles} == {"cp1256"}


# ---------------------------------------------------------------------------------------------------------------
# formats

def test_txt_title_is_the_first_line_and_stays_in_the_text() -> None:
    art = one(read_source("sub/001.txt", ("\n\n" + GOOD_TXT).encode())[0])
    assert (art.article_id, art.file, art.record, art.format) == ("001", "sub/001.txt", None, "txt")
    assert art.title == HEADLINE and art.text.startswith(HEADLINE + "\n")


def test_txt_line_endings_and_trailing_spaces() -> None:
    raw = f"{HEADLINE}   \r\n\r\n{PARA1}\t \r\n{PARA2}\r".encode()
    art = one(read_source("crlf.txt", raw)[0])
    assert art.text == f"{HEADLINE}\n\n{PARA1}\n{PARA2}"


def test_json_single_object_with_aliases() -> None:
    rec = {"Headline": HEADLINE, "Body": [PARA1, PARA2], "Date": "2025-06-04T10:00:00Z",
           "Link": "https://www.example-news.com/a/1", "Source": {"id": None, "name": "صحيفة المثال"}}
    art = one(read_source("one.json", json.dumps(rec, ensure_ascii=False).encode())[0])
    assert (art.article_id, art.record, art.format) == ("one", None, "json")
    assert art.title == HEADLINE and art.text == f"{PARA1}\n{PARA2}"
    assert art.published == dt.date(2025, 6, 4)
    assert (art.url, art.outlet) == ("https://www.example-news.com/a/1", "صحيفة المثال")


def test_json_list_and_wrapper_and_lines_named_json() -> None:
    recs = [{"id": "a", "title": "أ", "text": PARA1}, {"title": "ب", "content": PARA2}]
    arts, errs = read_source("list.json", json.dumps(recs, ensure_ascii=False).encode())
    assert errs == [] and [(a.article_id, a.record) for a in arts] == [("a", 1), ("list#2", 2)]
    arts, _ = read_source("wrap.json", json.dumps({"status": "ok", "articles": recs}, ensure_ascii=False).encode())
    assert [a.article_id for a in arts] == ["a", "wrap#2"]
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in recs)
    arts, errs = read_source("lines.json", lines.encode())
    assert errs == [] and [a.article_id for a in arts] == ["a", "lines#2"]


def test_jsonl_record_numbers_are_line_numbers() -> None:
    data = "\n".join(["", json.dumps({"text": PARA1}, ensure_ascii=False), "",
                      json.dumps({"id": 17, "text": PARA2, "outlet": "aawsat.com"}, ensure_ascii=False)])
    arts, errs = read_source("f.jsonl", data.encode())
    assert errs == []
    assert [(a.article_id, a.record, a.format) for a in arts] == [("f#2", 2, "jsonl"), ("17", 4, "jsonl")]
    assert arts[1].outlet == "aawsat.com"
    assert arts[0].title == PARA1  # no title: the first line of the text


@pytest.mark.parametrize(("name", "sep"), [("semi.csv", ";"), ("tabs.tsv", "\t"), ("comma.csv", ",")])
def test_csv_delimiters(name: str, sep: str) -> None:
    rows = [["ID", "Title", "Content", "Date", "URL"], ["k1", HEADLINE, PARA1, "04/06/2025", "https://x.org/1"],
            ["k2", "", PARA2, "", ""]]
    import io

    buf = io.StringIO()
    csv.writer(buf, delimiter=sep).writerows(rows)
    arts, errs = read_source(name, buf.getvalue().encode("utf-8-sig"))
    assert errs == []
    assert [(a.article_id, a.record, a.format) for a in arts] == [("k1", 1, "csv"), ("k2", 2, "csv")]
    assert arts[0].published == dt.date(2025, 6, 4) and arts[0].outlet == "x.org"
    assert arts[1].title == PARA2 and arts[1].published is None


def test_html_page() -> None:
    para2 = PARA2.replace("، ", "،\n   ")  # source line breaks inside a paragraph are spaces in HTML
    page = f"""<!doctype html><html><head><title>{HEADLINE} | موقع الأخبار</title>
    <style>p {{ color: red }}</style><script>var s = "اقرأ";</script></head>
    <body><nav><a href="/">الرئيسية</a> <a href="/politics">سياسة</a></nav>
    <article><h1>{HEADLINE}</h1>
    <p>{PARA1}</p>
    <p>{para2} &amp; <b>نص</b> مهم</p>
    <script>alert("x")</script></article>
    <aside>الأكثر قراءة</aside><footer>جميع الحقوق محفوظة</footer></body></html>"""
    art = one(read_source("page.html", page.encode())[0])
    assert art.format == "html" and art.title == HEADLINE  # the h1, without the site name of <title>
    assert art.text.split("\n") == [HEADLINE, PARA1, PARA2 + " & نص مهم"]
    for junk in ("color", "alert", "الرئيسية", "الأكثر قراءة", "الحقوق"):
        assert junk not in art.text


def test_html_fragment_in_a_json_body() -> None:
    rec = {"id": "h", "title": HEADLINE, "text": f"<p>{PARA1}</p><p>{PARA2}<br/>{PARA3}</p>"}
    art = one(read_source("h.json", json.dumps(rec, ensure_ascii=False).encode())[0])
    assert art.text == f"{PARA1}\n{PARA2}\n{PARA3}"


# ---------------------------------------------------------------------------------------------------------------
# published dates (through a record, as the loader sees them)

@pytest.mark.parametrize(("value", "expected"), [
    pytest.param("2025-06-04", dt.date(2025, 6, 4), id="iso-date"),
    pytest.param("2025-06-04T10:00:00Z", dt.date(2025, 6, 4), id="iso-datetime-utc"),
    pytest.param("2025-06-04T23:30:00-05:00", dt.date(2025, 6, 4), id="iso-with-offset-keeps-written-date"),
    pytest.param("2025-06-04 08:15", dt.date(2025, 6, 4), id="iso-space-time"),
    pytest.param("04/06/2025", dt.date(2025, 6, 4), id="day-first-slash"),
    pytest.param("4-6-2025", dt.date(2025, 6, 4), id="day-first-dash-no-zeros"),
    pytest.param("٠٤/٠٦/٢٠٢٥", dt.date(2025, 6, 4), id="arabic-indic-digits"),
    pytest.param("2025/06/04", dt.date(2025, 6, 4), id="iso-slashes"),
    pytest.param("Wed, 04 Jun 2025 10:00:00 +0000", dt.date(2025, 6, 4), id="rss-rfc2822"),
    pytest.param("June 4, 2025", dt.date(2025, 6, 4), id="english-month"),
    pytest.param(1749031200, dt.date(2025, 6, 4), id="unix-seconds"),
    pytest.param(1749031200000, dt.date(2025, 6, 4), id="unix-milliseconds"),
    pytest.param("31/02/2025", None, id="impossible-day"),
    pytest.param("13/13/2025", None, id="impossible-month"),
    pytest.param("yesterday", None, id="words"),
    pytest.param("", None, id="empty"),
    pytest.param("0000-00-00", None, id="zero-date"),
])
def test_published_values(value: object, expected: dt.date | None) -> None:
    rec = {"id": "d", "text": PARA1, "published": value}
    arts, errs = read_source("d.json", json.dumps(rec, ensure_ascii=False).encode())
    assert one(arts).published == expected  # a bad date never stops the text from loading ...
    if expected is None and value != "":  # ... and is never dropped silently
        assert [e.error for e in errs] == [f"publication date {value!r} is not a date (or not between 1900 and "
                                           "2100); loaded without one"]
    else:
        assert errs == []


# ---------------------------------------------------------------------------------------------------------------
# manifest

def test_seeds_load_with_manifest_dates() -> None:
    with (SEEDS / "manifest.csv").open(encoding="utf-8") as f:
        manifest = {r["file"]: r for r in csv.DictReader(f)}
    articles, errors = read_corpus(SEEDS)
    assert errors == []
    assert sorted(a.file for a in articles) == sorted(manifest) == sorted(p.name for p in SEEDS.glob("*.txt"))
    for art in articles:
        row = manifest[art.file]
        assert art.article_id == Path(art.file).stem
        assert art.published == dt.date.fromisoformat(row["published"])
        assert art.outlet == row["outlet"]
        assert art.encoding == "utf-8" and art.format == "txt"
        assert art.title == art.text.split("\n", 1)[0]
        assert norm("أوكرانيا") in norm(art.text)


def test_seed_footer_and_category_label_go_to_boilerplate() -> None:
    articles, _ = read_corpus(SEEDS)
    footer = next(a for a in articles if a.article_id.startswith("004"))
    for piece in ("زر الذهاب إلى الأعلى", "appeared first on", "مقالات ذات صلة", "Reuters", "www."):
        assert piece in footer.boilerplate and piece not in footer.text
    first_line = (SEEDS / footer.file).read_text(encoding="utf-8").split("\n", 1)[0].strip()
    assert footer.boilerplate.split("\n")[0] == first_line  # the category label above the headline
    assert not footer.text.startswith(first_line) and footer.title == footer.text.split("\n", 1)[0]
    assert "فرانس برس" in footer.text  # an agency named inside a sentence stays
    comment = [a for a in articles if a.boilerplate == "اترك تعليقاً"]
    assert len(comment) == 1 and comment[0].text.endswith(".")


def test_manifest_excel_style_with_bom_semicolons_and_nested_folders(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", GOOD_TXT)
    write(tmp_path, "sub/b.txt", GOOD_TXT.replace("بروكسل", "رامشتاين"))
    write(tmp_path, "sub/deeper/c.txt", GOOD_TXT.replace("بروكسل", "باريس"))
    write(tmp_path, "feed.jsonl", json.dumps({"id": "f1", "text": PARA1}, ensure_ascii=False))
    write(tmp_path, "manifest.csv", "\ufeffFile;Published;Outlet;URL\n"
                                    "a.txt;12/10/2024;صحيفة الشرق;https://example.com/a\n"
                                    "sub/deeper/c.txt;2023-05-01;;\n"
                                    "feed.jsonl;2022-01-02;وكالة;\n")
    write(tmp_path, "sub/manifest.csv", "file,published,outlet\nb,not a date,الموقع\n")
    articles, errors = read_corpus(tmp_path)
    assert errors == [SourceError("sub/manifest.csv", 1, "manifest row 1 (line 2): publication date 'not a date' "
                                                         "is not a date; b is loaded without one")]
    got = {a.article_id: a for a in articles}
    assert (got["a"].published, got["a"].outlet, got["a"].url) == (dt.date(2024, 10, 12), "صحيفة الشرق",
                                                                  "https://example.com/a")
    assert (got["b"].published, got["b"].outlet) == (None, "الموقع")  # row without extension; bad date -> None
    assert got["c"].published == dt.date(2023, 5, 1) and got["c"].file == "sub/deeper/c.txt"
    assert (got["f1"].published, got["f1"].outlet) == (dt.date(2022, 1, 2), "وكالة")  # fills record gaps
    assert "manifest.csv" not in {a.file for a in articles}


def test_manifest_problems_are_reported(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", GOOD_TXT)
    write(tmp_path, "manifest.csv", "file,published\na.txt,2025-01-01\nmissing.txt,2025-01-02\na.txt,2025-01-03\n")
    rows, errors = read_manifest(tmp_path)
    assert rows["a.txt"]["published"] == "2025-01-01"
    assert [(e.file, e.record) for e in errors] == [("manifest.csv", 2), ("manifest.csv", 3)]
    assert "no such file" in errors[0].error and "twice" in errors[1].error
    articles, errs = read_corpus(tmp_path)
    assert one(articles).published == dt.date(2025, 1, 1) and len(errs) == 2


def test_manifest_without_file_column(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", GOOD_TXT)
    write(tmp_path, "manifest.csv", "name_of_article;date\na.txt;2025-01-01\n")
    articles, errors = read_corpus(tmp_path)
    assert one(articles).published is None
    assert [e.file for e in errors] == ["manifest.csv"] and "no 'file' column" in errors[0].error
    assert read_manifest(tmp_path / "nowhere") == ({}, [])


def test_list_sources_skips_hidden_and_clutter(tmp_path: Path) -> None:
    for name in ("b.txt", "a.json", "sub/c.csv", ".hidden.txt", ".git/x.txt", "sub/.cache/y.txt", "Thumbs.db",
                 "~$draft.docx", "__MACOSX/z.txt", "manifest.csv", "notes.pdf", "a.txt~"):
        write(tmp_path, name, "x")
    assert [p.relative_to(tmp_path).as_posix() for p in list_sources(tmp_path)] == [
        "a.json", "b.txt", "notes.pdf", "sub/c.csv"]
    assert list_sources(tmp_path / "missing") == []


def test_pipe_in_the_corpus_does_not_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    write(tmp_path, "good.txt", GOOD_TXT)
    articles, errors = read_corpus(tmp_path)
    assert [a.article_id for a in articles] == ["good"]
    assert [e.file for e in errors] == ["pipe.txt"] and "not a regular file" in errors[0].error


def test_deeply_nested_json() -> None:
    arts, errs = read_source("deep.json", b"[" * 100_000 + b"]" * 100_000)
    assert arts == [] and "nested too deeply" in errs[0].error


def test_missing_folder() -> None:
    articles, errors = read_corpus(Path("/nonexistent/corpus"))
    assert articles == [] and errors[0].error == "folder not found"


# ---------------------------------------------------------------------------------------------------------------
# article ids

def test_duplicate_ids_within_a_file() -> None:
    recs = [{"id": "x", "text": PARA1}, {"id": "x", "text": PARA1}, {"id": "x", "text": PARA2},
            {"id": "x~2", "text": PARA3}]
    arts, errs = read_source("d.json", json.dumps(recs, ensure_ascii=False).encode())
    assert [(a.article_id, a.record) for a in arts] == [("x", 1), ("x~2", 3), ("x~2~2", 4)]
    assert [(e.record, e.error.split(" (")[0].split(";")[0]) for e in errs] == [
        (2, "duplicate of d.json record 1"), (3, "article id 'x' is already used by d.json record 1"),
        (4, "article id 'x~2' is already used by d.json record 3")]
    assert "loaded as 'x~2'" in errs[1].error


def test_duplicate_ids_across_files_are_made_unique_in_path_order(tmp_path: Path) -> None:
    write(tmp_path, "b/story.txt", GOOD_TXT.replace("بروكسل", "رامشتاين"))
    write(tmp_path, "a/story.txt", GOOD_TXT)
    write(tmp_path, "c/story.txt", GOOD_TXT)  # same id and same text as a/story.txt
    articles, errors = read_corpus(tmp_path)
    assert [(a.article_id, a.file) for a in articles] == [("story", "a/story.txt"), ("story~2", "b/story.txt")]
    assert [(e.file, e.record) for e in errors] == [("b/story.txt", None), ("c/story.txt", None)]
    assert "loaded as 'story~2'" in errors[0].error and "duplicate of a/story.txt" in errors[1].error


# ---------------------------------------------------------------------------------------------------------------
# boilerplate

LINK_TITLE = "روسيا تعلن إسقاط طائرات مسيرة فوق مقاطعة بيلغورود"


def cut_lines(*lines: str) -> str:
    return "\n".join(lines)


STAYS = [
    "وكالات الإغاثة تحذر من شتاء قاس",
    "وأكد الوزير أن جميع الحقوق محفوظة لأوكرانيا في الدفاع عن أرضها وسيادتها الكاملة.",
    "ذات صلة بالتطورات الميدانية الأخيرة",
    "المصدر: مسؤول عسكري غربي",
]

BOILERPLATE = [
    # tail markers: the marker and everything after it go
    pytest.param(cut_lines(PARA1, PARA2, "اترك تعليقاً", "الاسم *", "البريد الإلكتروني *"),
                 cut_lines(PARA1, PARA2), "اترك تعليقاً", id="tail-comment-form"),
    pytest.param(cut_lines(PARA1, "", "مقالات ذات صلة", LINK_TITLE, "الكرملين: لا محادثات قريبة"),
                 PARA1, "مقالات ذات صلة", id="tail-related-articles"),
    pytest.param(cut_lines(PARA1, PARA2, "إقرأ أيضاً: " + LINK_TITLE), cut_lines(PARA1, PARA2), "إقرأ أيضاً",
                 id="tail-read-also-at-the-end"),
    pytest.param(cut_lines(PARA1, "The post وزراء الدفاع يجتمعون appeared first on Akhbar Today.", "رابط الخبر"),
                 PARA1, "appeared first on", id="tail-feed-footer"),
    pytest.param(cut_lines(PARA1, PARA2, "زر الذهاب إلى الأعلى"), cut_lines(PARA1, PARA2), "الأعلى",
                 id="tail-back-to-top"),
    pytest.param(cut_lines(PARA1, "© 2025 شبكة الأخبار. جميع الحقوق محفوظة"), PARA1, "©", id="tail-copyright"),
    pytest.param(cut_lines(PARA1, "الحقوق محفوظة لموقع المثال 2024"), PARA1, "محفوظة", id="tail-rights-reserved"),
    pytest.param(cut_lines(PARA1, "إدارة الموقع غير مسؤولة عن محتوى التعليقات", "الموقع : https://example.org"),
                 PARA1, "إدارة الموقع", id="tail-site-disclaimer"),
    pytest.param(cut_lines(PARA1, PARA2, "شارك هذا المقال", "فيسبوك", "تويتر"), cut_lines(PARA1, PARA2),
                 "شارك هذا المقال", id="tail-share-widget"),
    pytest.param(cut_lines(PARA1, "تابعونا على فيسبوك وتويتر وتليغرام"), PARA1, "تابعونا", id="tail-follow-us"),
    pytest.param(cut_lines(PARA1, "الوسوم: أوكرانيا، الناتو، رامشتاين"), PARA1, "الوسوم", id="tail-tags"),
    # soft tails in the middle of an article: only the link box goes
    pytest.param(cut_lines(PARA1, "اقرأ أيضا:", LINK_TITLE, PARA2), cut_lines(PARA1, PARA2),
                 cut_lines("اقرأ أيضا:", LINK_TITLE), id="read-also-box-mid-article"),
    pytest.param(cut_lines(PARA1, "اقرأ أيضاً: " + LINK_TITLE, "", PARA2), cut_lines(PARA1, "", PARA2),
                 "اقرأ أيضاً: " + LINK_TITLE, id="read-also-line-mid-article"),
    # agency credit lines alone on a line
    pytest.param(cut_lines(PARA1, "Reuters"), PARA1, "Reuters", id="credit-reuters-latin"),
    pytest.param(cut_lines(PARA1, "(أ.ف.ب)", PARA2), cut_lines(PARA1, PARA2), "(أ.ف.ب)", id="credit-afp-dots"),
    pytest.param(cut_lines(PARA1, "أ ف ب"), PARA1, "أ ف ب", id="credit-afp-spaced"),
    pytest.param(cut_lines("رويترز", PARA1), PARA1, "رويترز", id="credit-first-line"),
    pytest.param(cut_lines(PARA1, "- د ب أ -"), PARA1, "د ب أ", id="credit-dpa-dashes"),
    pytest.param(cut_lines(PARA1, "المصدر: وكالات"), PARA1, "وكالات", id="credit-with-source-prefix"),
    pytest.param(cut_lines(PARA1, "رويترز + فرانس برس"), PARA1, "فرانس برس", id="credit-two-agencies"),
    pytest.param(cut_lines(PARA1, "AFP / رويترز"), PARA1, "AFP", id="credit-mixed-scripts"),
    # negatives: article text that looks a bit like boilerplate stays
    pytest.param(cut_lines(PARA1, "وقالت رويترز إن الاجتماع المقبل سيعقد في رامشتاين."),
                 cut_lines(PARA1, "وقالت رويترز إن الاجتماع المقبل سيعقد في رامشتاين."), "",
                 id="agency-mid-sentence-stays"),
    pytest.param(cut_lines("رويترز: الحلفاء يتعهدون بمزيد من الدعم", PARA1),
                 cut_lines("رويترز: الحلفاء يتعهدون بمزيد من الدعم", PARA1), "", id="agency-prefixed-headline-stays"),
    pytest.param(cut_lines(PARA1, STAYS[0]), cut_lines(PARA1, STAYS[0]), "", id="agencies-as-a-word-stays"),
    pytest.param(cut_lines(PARA1, STAYS[1]), cut_lines(PARA1, STAYS[1]), "", id="rights-phrase-in-a-sentence-stays"),
    pytest.param(cut_lines(PARA1, STAYS[2]), cut_lines(PARA1, STAYS[2]), "", id="related-phrase-in-text-stays"),
    pytest.param(cut_lines(PARA1, STAYS[3], PARA2), cut_lines(PARA1, STAYS[3], PARA2), "",
                 id="source-said-stays"),
]


@pytest.mark.parametrize(("text", "body", "cut"), BOILERPLATE)
def test_boilerplate(text: str, body: str, cut: str) -> None:
    got_body, got_cut = clean_text(text)
    assert got_body == body
    if cut:
        assert cut in got_cut
    else:
        assert got_cut == ""


LABELS = [
    pytest.param(f"أخبار عربية وإقليمية\n\n{HEADLINE}\n\n{PARA1}", "أخبار عربية وإقليمية", id="label-regional-news"),
    pytest.param(f"سياسة\n\n\n{HEADLINE}\n{PARA1}\n{PARA2}", "سياسة", id="label-one-word"),
    pytest.param(f"الرئيسية » أخبار » دولية\n\n{HEADLINE}\n\n{PARA1}", "الرئيسية » أخبار » دولية",
                 id="label-breadcrumb"),
    pytest.param(f"تقارير وتحليلات\n\nماذا يعني غياب واشنطن عن رامشتاين؟\n\n{PARA1}", "تقارير وتحليلات",
                 id="label-above-question-headline"),
    pytest.param(f"الناتو يجتمع في بروكسل\n\n{PARA1}\n\n{PARA2}", "", id="short-headline-above-body-stays"),
    pytest.param(f"سياسة\n{HEADLINE}\n\n{PARA1}", "", id="no-blank-line-no-label"),
    pytest.param(f"أخبار أوكرانيا والحرب الروسية\n\n{HEADLINE}\n\n{PARA1}", "", id="too-many-words-for-a-label"),
    pytest.param(f"ماكرون يستقبل زيلينسكي بباريس\n\nبحث الزعيمان تعزيز الدفاع الجوي\n\n{PARA1}", "",
                 id="four-word-headline-above-subtitle-stays"),
    pytest.param(f"عاجل: الناتو يجتمع\n\n{HEADLINE}\n\n{PARA1}", "", id="punctuated-first-line-stays"),
    pytest.param(f"سياسة\n\n{HEADLINE}", "", id="nothing-after-the-headline"),
]


@pytest.mark.parametrize(("content", "label"), LABELS)
def test_category_label_above_headline(content: str, label: str) -> None:
    art = one(read_source("l.txt", content.encode())[0])
    first = content.split("\n", 1)[0]
    if label:
        assert art.boilerplate == label and not art.text.startswith(label)
        assert art.title == art.text.split("\n", 1)[0] != label
    else:
        assert art.boilerplate == "" and art.title == first and art.text.startswith(first)


def test_labels_only_in_txt_files() -> None:
    rec = {"id": "j", "text": f"سياسة\n\n{HEADLINE}\n\n{PARA1}"}
    art = one(read_source("j.json", json.dumps(rec, ensure_ascii=False).encode())[0])
    assert art.text.startswith("سياسة")


LINE_POOL = [PARA1, PARA2, PARA3, HEADLINE, LINK_TITLE, "", "  ", "رويترز", "اقرأ أيضا:", "مقالات ذات صلة",
             "The post x appeared first on y.", "سياسة", "© 2024", "وقالت رويترز إن الاجتماع انتهى.", "a\tb  "]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LINE_POOL), max_size=12), st.sampled_from(["\n", "\r\n", "\r"]))
def test_cleaning_only_removes_whole_lines(lines: list[str], eol: str) -> None:
    text = eol.join(lines)
    body, cut = clean_text(text)
    tidy = [ln.rstrip() for ln in "\n".join(lines).split("\n")]
    # body lines are the original lines, in order, unchanged
    it = iter(tidy)
    assert all(any(b == t for t in it) for b in body.split("\n")) if body else True
    # and nothing is lost: kept + cut non-blank lines are all the non-blank lines
    kept = [ln for ln in body.split("\n") if ln] + [ln for ln in cut.split("\n") if ln]
    assert sorted(kept) == sorted(ln for ln in tidy if ln)


# ---------------------------------------------------------------------------------------------------------------
# speed

