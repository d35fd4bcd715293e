"""The column-wise XLSX writer: what a spreadsheet reads back is the table, cell for cell."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from xml.etree import ElementTree

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import xlsx

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _read(data: bytes, sheet: str) -> list[tuple]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return [tuple(c.value for c in row) for row in wb[sheet].iter_rows()]


def test_every_kind_of_value_reads_back() -> None:
    df = pd.DataFrame({
        "text": pd.array(["اجتماع رامشتاين", "a < b & c > d\r\n", None, "  spaces kept  "], dtype="string"),
        "ints": pd.array([1, -2, None, 2**40], dtype="Int64"),
        "floats": [1.5, np.nan, -0.1, 1e20],
        "day": pd.to_datetime(["2025-02-12", None, "2023-04-21", "2024-12-31"]),
        "flag": pd.array([True, False, None, True], dtype="boolean"),
        "cat": pd.Categorical(["udcg_meeting", "call", None, "call"]),
        "mixed": [1, "x", None, 2.5],
    })
    rows = _read(xlsx.workbook({"t": df}), "t")
    assert rows[0] == tuple(df.columns)
    assert [r[0] for r in rows[1:]] == ["اجتماع رامشتاين", "a < b & c > d\r\n", None, "  spaces kept  "]
    assert [r[1] for r in rows[1:]] == [1, -2, None, 2**40]
    assert [r[2] for r in rows[1:]] == [1.5, None, -0.1, 1e20]
    assert [r[3] for r in rows[1:]] == [dt.datetime(2025, 2, 12), None, dt.datetime(2023, 4, 21),
                                        dt.datetime(2024, 12, 31)]
    assert [r[4] for r in rows[1:]] == [True, False, None, True]
    assert [r[5] for r in rows[1:]] == ["udcg_meeting", "call", None, "call"]
    assert [r[6] for r in rows[1:]] == [1, "x", None, 2.5]


def test_a_missing_value_leaves_the_next_cells_in_their_columns() -> None:
    df = pd.DataFrame({"a": pd.array([None, "x"], dtype="string"), "b": pd.array(["y", None], dtype="string"),
                       "c": [1.0, 2.0]})
    assert _read(xlsx.workbook({"t": df}), "t")[1:] == [(None, "y", 1), ("x", None, 2)]


def test_days_and_times_have_date_formats() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(xlsx.workbook({
        "d": pd.DataFrame({"day": pd.to_datetime(["2025-02-12"]), "at": pd.to_datetime(["2025-02-12 13:30"])})})))
    day, at = wb["d"]["A2"], wb["d"]["B2"]
    assert day.is_date and day.number_format == "yyyy\\-mm\\-dd"
    assert at.is_date and at.value == dt.datetime(2025, 2, 12, 13, 30)


def test_formula_like_text_is_a_quoted_string_and_other_text_is_not() -> None:
    df = pd.DataFrame({"s": pd.array(["=1+1", "@SUM(A1)", "عادي", "-x"], dtype="string")})
    data = xlsx.workbook({"t": df})
    ws = openpyxl.load_workbook(io.BytesIO(data))["t"]
    cells = [ws.cell(row=r, column=1) for r in range(2, 6)]
    assert [c.value for c in cells] == ["=1+1", "@SUM(A1)", "عادي", "-x"]
    assert [c.quotePrefix for c in cells] == [True, True, False, True]
    assert all(c.data_type == "s" for c in cells)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = ElementTree.fromstring(zf.read("xl/worksheets/sheet1.xml"))
    assert root.findall(f".//{NS}f") == []


def test_control_characters_are_removed_and_long_text_cut() -> None:
    df = pd.DataFrame({"s": pd.array(["a\x01b\x0bc", "ن" * 40000], dtype="string")})
    rows = _read(xlsx.workbook({"t": df}), "t")
    assert rows[1][0] == "abc"
    assert len(rows[2][0]) == xlsx.CELL_LIMIT and rows[2][0].endswith("…")


def test_sheet_names_are_valid_and_distinct() -> None:
    df = pd.DataFrame({"a": [1]})
    wb = openpyxl.load_workbook(io.BytesIO(xlsx.workbook({"a/b": df, "a_b": df, "x" * 40: df})))
    assert wb.sheetnames == ["a_b", "a_b_2", "x" * 31]


def test_an_empty_table_is_a_header_row() -> None:
    rows = _read(xlsx.workbook({"t": pd.DataFrame({"a": pd.array([], dtype="string"), "b": []})}), "t")
    assert rows == [("a", "b")]


@pytest.mark.parametrize(("i", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"),
                                           (702, "AAA")])
def test_column_letters(i: int, letter: str) -> None:
    assert xlsx.column_letter(i) == letter


TEXT = st.text(st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from("\r\n\t&<>'\"ا")), max_size=30)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.none(), TEXT), min_size=1, max_size=8))
def test_any_text_reads_back_without_the_characters_xml_cannot_carry(values: list[str | None]) -> None:
    df = pd.DataFrame({"s": pd.array(values, dtype="string"), "n": range(len(values))})
    rows = _read(xlsx.workbook({"t": df}), "t")[1:]
    illegal = {chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF]}
    want = [None if v is None else "".join(ch for ch in v if ch not in illegal) or None for v in values]
    got = [r[0] if r else None for r in rows]
    assert [None if g in (None, "") else g for g in got] == [None if w in (None, "") else w for w in want]
    assert [r[1] for r in rows] == list(range(len(values)))
