"""Exports cannot run spreadsheet formulas: hostile articles go through the real loader, then every CSV and Excel
writer (the command line's tables, the app's downloads) is opened and read back."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import export
from dashboard.loader import load_corpus, write_tables
from dashboard.schema import TABLES, frame
from dashboard.spreadsheet import FORMULA_START, csv_safe

P = pytest.param
SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
DDE = "=cmd|' /C calc'!A0"
BODY = "عقد وزير الدفاع الألماني اجتماعا مع نظيره الفرنسي في باريس اليوم لبحث دعم أوكرانيا."
# every value starts with a formula trigger; each is repeated by several tables (ids, evidence, meetings, errors)
HOSTILE = [
    {"id": DDE, "title": DDE, "text": DDE + " " + BODY, "outlet": "+SUM(1+1)", "url": "@SUM(A1)",
     "published": "2025-02-12"},
    {"id": "-2+3", "title": "\t=1+1", "text": "-" + BODY, "outlet": "\r=1+1", "url": "=HYPERLINK(\"http://x\")",
     "published": "2025-02-13"},
    {"id": "@me", "title": " =1+1", "text": "＝" + BODY, "outlet": "-", "url": "+1", "published": "2025-02-14"},
]
NUMERIC = {"Int64", "Float64", "boolean", "date"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    src = tmp_path_factory.mktemp("hostile")
    (src / "records.json").write_text(json.dumps(HOSTILE, ensure_ascii=False), encoding="utf-8")
    (src / "=bad.json").write_text("{not json", encoding="utf-8")
    return load_corpus(src, cache=False)


def _payloads() -> list[str]:
    return [v for rec in HOSTILE for k, v in rec.items() if k != "published"]


def test_the_hostile_values_reach_every_table(corpus) -> None:
    """The premise: the values really are in the tables that get exported (else the tests below prove nothing)."""
    assert DDE in set(corpus.articles["article_id"]) and DDE in set(corpus.articles["title"])
    assert corpus.events["evidence"].str.startswith(DDE).any()
    assert (corpus.participants["article_id"] == DDE).any() and (corpus.mentions["article_id"] == DDE).any()
    assert (corpus.spans["article_id"] == DDE).any()
    assert corpus.meetings["article_ids"].str.contains(DDE, regex=False).any()
    assert "=bad.json" in set(corpus.errors["file"])


def _csv_cells(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def _check_csv(table: str, header: list[str], rows: list[list[str]]) -> int:
    """No text cell starts a formula; numbers may be negative. Returns how many cells carried a payload."""
    kinds = TABLES[table]
    quoted = 0
    for row in rows:
        for col, cell in zip(header, row, strict=True):
            if kinds.get(col) in NUMERIC and re.fullmatch(r"-?\d+(\.\d+)?(e[+-]?\d+)?", cell):
                continue
            assert not FORMULA_START.match(cell), (table, col, cell)
            if any(cell.startswith("'" + p) or cell == "'" + p for p in _payloads()):
                quoted += 1
    return quoted


def test_cli_csv_cells_are_neutralised_and_parquet_exact(corpus, tmp_path: Path) -> None:
    write_tables(corpus, tmp_path)
    quoted = {}
    for table in TABLES:
        header, rows = _csv_cells(tmp_path / f"{table}.csv")
        quoted[table] = _check_csv(table, header, rows)
    assert all(quoted[t] for t in ("articles", "events", "participants", "mentions", "spans", "meetings")), quoted
    _, errors = _csv_cells(tmp_path / "errors.csv")
    assert ["'=bad.json"] == [r[0] for r in errors]
    header, rows = _csv_cells(tmp_path / "articles.csv")
    by_id = {r[header.index("article_id")]: r for r in rows}
    for art in corpus.articles.itertuples():
        row = by_id["'" + art.article_id]
        for col in ("title", "outlet", "url", "text"):
            value = getattr(art, col)
            assert row[header.index(col)] == ("'" + value if FORMULA_START.match(value) else value), col
    assert by_id["'" + DDE][header.index("title")] == "'" + DDE
    back = pd.read_parquet(tmp_path / "articles").sort_values("_row")
    for col in ("article_id", "title", "outlet", "url", "text"):
        assert list(back[col]) == list(corpus.articles[col]), col  # Parquet keeps the exact values
    assert DDE in set(back["title"]) and DDE in set(pd.read_parquet(tmp_path / "events")["article_id"])


@pytest.mark.parametrize("table", [P(t, id=t) for t in TABLES])
def test_app_csv_download_is_neutralised(corpus, table: str) -> None:
    data = export.csv_bytes(getattr(corpus, table))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    _check_csv(table, rows[0], rows[1:])


def _sheet_xml(data: bytes) -> dict[str, ElementTree.Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: ElementTree.fromstring(zf.read(n)) for n in zf.namelist() if n.startswith("xl/worksheets/")}


def test_excel_has_no_formula_and_keeps_the_text(corpus) -> None:
    data = export.excel_bytes(corpus.tables())
    sheets = _sheet_xml(data)
    assert len(sheets) == len(TABLES)
    for name, root in sheets.items():
        assert root.findall(f".//{SHEET_NS}f") == [], name
        for c in root.iter(f"{SHEET_NS}c"):
            assert c.get("t") in ("inlineStr", "n", "b", None), (name, c.attrib)  # never "str" (a formula) or "e"
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["articles"]
    header = [c.value for c in ws[1]]
    titles = [ws.cell(row=r, column=header.index("title") + 1) for r in range(2, ws.max_row + 1)]
    assert [c.value for c in titles] == list(corpus.articles["title"])  # the value itself is exact
    assert all(c.data_type == "s" and c.quotePrefix for c in titles)  # shown as text by Excel's quote prefix
    plain = ws.cell(row=1, column=1)
    assert not plain.quotePrefix


def test_numbers_stay_numbers() -> None:
    amounts = frame("amounts", [{"amount_id": "a1", "article_id": "-x", "value": -1.5, "value_usd": -2.0,
                                 "start": 0, "end": 3, "raw": "-1.5", "currency": "USD"}])
    rows = list(csv.DictReader(io.StringIO(export.csv_bytes(amounts).decode("utf-8-sig"))))
    assert rows[0]["value"] == "-1.5" and rows[0]["value_usd"] == "-2.0"
    assert rows[0]["raw"] == "'-1.5" and rows[0]["article_id"] == "'-x"
    wb = openpyxl.load_workbook(io.BytesIO(export.excel_bytes({"amounts": amounts})))
    ws = wb["amounts"]
    header = [c.value for c in ws[1]]
    assert ws.cell(row=2, column=header.index("value") + 1).value == -1.5
    assert ws.cell(row=2, column=header.index("raw") + 1).data_type == "s"


def test_only_text_values_are_quoted_in_mixed_and_categorical_columns() -> None:
    df = pd.DataFrame({"codes": pd.Categorical([-1, 2]), "labels": pd.Categorical(["-1", "x"]), "mixed": [-1, "-1"]})
    assert csv_safe(df).to_dict("list") == {"codes": [-1, 2], "labels": ["'-1", "x"], "mixed": [-1, "'-1"]}


@pytest.mark.parametrize(("value", "neutralised"), [
    P("=1+1", True, id="equals"), P("+1", True, id="plus"), P("-1", True, id="minus"), P("@SUM(A1)", True, id="at"),
    P("\tx", True, id="tab"), P("\rx", True, id="carriage-return"), P("  =1", True, id="spaces-then-equals"),
    P("＝1", True, id="full-width-equals"), P("a=1", False, id="equals-inside"), P("اجتماع", False, id="arabic"),
    P("", False, id="empty"), P("'=1", False, id="already-quoted"),
])
def test_csv_safe_rule(value: str, neutralised: bool) -> None:
    df = pd.DataFrame({"s": pd.array([value], dtype="string"), "o": [value], "c": pd.Categorical([value])})
    out = csv_safe(df)
    for col in df.columns:
        assert out[col].iloc[0] == ("'" + value if neutralised else value)
    assert df["s"].iloc[0] == value  # the input frame is not changed


TRICKY = st.text(alphabet=st.sampled_from(list("=+-@\t\r \n'اب1a\u00a0＝")), max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.lists(TRICKY, min_size=1, max_size=5))
def test_no_text_ever_reaches_a_spreadsheet_as_a_formula(values: list[str]) -> None:
    df = pd.DataFrame({"s": pd.array(values, dtype="string"), "n": range(len(values))})
    out = csv_safe(df)
    for before, after in zip(values, out["s"], strict=True):
        assert not FORMULA_START.match(after) and after in (before, "'" + before)
    for root in _sheet_xml(export.excel_bytes({"t": df})).values():
        assert root.findall(f".//{SHEET_NS}f") == []
