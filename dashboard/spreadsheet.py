"""Text cells that a spreadsheet would run as a formula, and their neutral form (OWASP, "CSV injection").

A cell whose text starts with ``=``, ``+``, ``-``, ``@`` (also after spaces, and their full-width forms), a tab or a
carriage return is read by Excel, LibreOffice and Google Sheets as a formula (``=cmd|' /C calc'!A0`` starts a
program). CSV files get such text cells prefixed with a single quote, which spreadsheets show as text; Excel files
write every text cell as a string (never a formula) with Excel's own quote prefix style. Only text is touched: a
negative number in a numeric column stays a number, and Parquet files keep every value exactly.
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA_START = re.compile("^(?:[\t\r]|[ \n\u00a0\u3000]*[=+\\-@\uff1d\uff0b\uff0d\uff20])")
QUOTE = "'"


def formula_like(text: str) -> bool:
    return bool(FORMULA_START.match(text))


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every text cell that would start a formula prefixed with a single quote (other cells as they are:
    numbers, dates, booleans, and text that starts otherwise)."""
    out = df
    for col in df.columns:
        s = df[col]
        if s.dtype == object or (isinstance(s.dtype, pd.CategoricalDtype)
                                 and not pd.api.types.is_string_dtype(s.dtype.categories.dtype)):
            text = s.map(lambda v: v if isinstance(v, str) else None).astype("string")  # only the text values
        elif isinstance(s.dtype, pd.StringDtype | pd.CategoricalDtype) or pd.api.types.is_string_dtype(s.dtype):
            text = s.astype("string")
        else:
            continue
        mask = text.str.match(FORMULA_START.pattern).fillna(False).to_numpy(dtype=bool)
        if not mask.any():
            continue
        if out is df:
            out = df.copy()
        fixed = s.astype(object)
        fixed[mask] = (QUOTE + text[mask]).astype(object)
        out[col] = fixed if s.dtype == object else fixed.astype("string")
    return out
