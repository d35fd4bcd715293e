"""The tables of a corpus: their columns and dtypes, in one place.

Offsets (``start``/``end``) index into ``articles.text`` of the same ``article_id``: the article as read, with site
boilerplate cut. ``evidence`` is the sentence a value came from, as written in the article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
import pandas as pd

# column -> pandas dtype ("date" = datetime64 day; written to CSV as YYYY-MM-DD)
TABLES: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "string", "file": "string", "record": "Int64", "title": "string", "published": "date",
        "outlet": "string", "url": "string", "format": "category", "encoding": "string", "n_chars": "Int64",
        "content_hash": "string", "text": "string", "boilerplate": "string",
        "published_basis": "string",
        # issue 4: a window for articles without a publication date
        "date_window_start": "date", "date_window_end": "date", "date_window_basis": "string",
    },
    "events": {
        "event_id": "string", "article_id": "string", "event_type": "category", "type_basis": "string",
        "date": "string", "date_start": "date", "date_precision": "category", "date_basis": "string",
        "date_raw": "string", "date_relative": "boolean", "date_offset_days": "Int64",
        "location": "string", "location_basis": "string", "attending_count": "Int64", "attending_qualifier": "category",
        "meeting_number": "Int64", "meeting_id": "string", "reference_number": "Int64", "reference_basis": "string",
        "trigger": "string", "evidence": "string", "sentence": "Int64", "start": "Int64", "end": "Int64",
    },
    "participants": {
        "event_id": "string", "article_id": "string", "country": "category", "role": "category",
        "via": "category", "raw": "string", "start": "Int64", "end": "Int64",
    },
    "amounts": {
        "amount_id": "string", "article_id": "string", "event_id": "string", "value": "Float64",
        "currency": "category", "value_usd": "Float64", "qualifier": "category", "kind": "category",
        "donor": "string", "raw": "string", "evidence": "string", "sentence": "Int64", "start": "Int64",
        "end": "Int64", "date": "string", "date_start": "date", "date_precision": "category",
        # issue 12: the exchange rate used for value_usd, its day, what that day is (amount_date, published,
        # latest) and its source; the same figure restated in another currency; a scale word read in
        "usd_rate": "Float64", "rate_date": "date", "rate_basis": "category", "rate_source": "string",
        "alt_value": "Float64", "alt_currency": "category", "scale_inferred": "boolean",
        # the giver found in the amount's sentence, or carried from the article's previous amount; how many times
        # the article states the figure (one row per figure)
        "donor_basis": "category", "mentions": "Int64",
        "category": "category",  # issue 10: military, financial, humanitarian, mixed, unknown
    },
    "mentions": {
        "article_id": "string", "country": "category", "count": "Int64", "first_raw": "string",
    },
    "spans": {
        "article_id": "string", "kind": "category", "start": "Int64", "end": "Int64", "raw": "string",
        "value": "string", "sentence": "Int64",
    },
    # issue 10: weapon systems and equipment named in an article (what is given, by whom, in what state)
    "systems": {
        "system_id": "string", "article_id": "string", "event_id": "string", "amount_id": "string",
        "system": "string", "category": "category", "maker": "string", "quantity": "Float64",
        "quantity_qualifier": "category", "donor": "string", "donor_basis": "category", "status": "category",
        "raw": "string", "evidence": "string", "sentence": "Int64", "start": "Int64", "end": "Int64",
        "date": "string", "date_start": "date",
    },
    "errors": {
        "file": "string", "record": "Int64", "error": "string",
    },
    "meetings": {
        "meeting_id": "string", "event_type": "category", "date": "string", "date_start": "date",
        "date_precision": "category", "date_min": "date", "date_max": "date", "location": "string",
        "chairs": "string", "absent": "string", "attending_min": "Int64", "attending_max": "Int64",
        "n_events": "Int64", "n_articles": "Int64", "n_outlets": "Int64", "reference_number": "Int64",
        "disagreement": "string", "article_ids": "string", "event_ids": "string",
    },
}


def frame(table: str, rows: Iterable[Mapping[str, Any]] = ()) -> pd.DataFrame:
    """A DataFrame of ``table`` with exactly its columns, in order, with their dtypes (extra keys are dropped)."""
    return conform(table, pd.DataFrame.from_records(list(rows), columns=list(TABLES[table])))


def conform(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with exactly the columns of ``table``, in order, with their dtypes (e.g. after a concat)."""
    cols = TABLES[table]
    df = df.reindex(columns=list(cols))
    for col, dtype in cols.items():
        if _has_dtype(df[col].dtype, dtype):
            continue  # converting it would give the same column (a concat of conformed tables keeps most dtypes)
        if dtype == "date":
            df[col] = pd.to_datetime(df[col], errors="coerce", format="mixed")
        elif dtype == "Int64":
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
        elif dtype == "Float64":
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("Float64")
        else:
            df[col] = df[col].astype(dtype)  # type: ignore[call-overload]  # dtype names come from TABLES
    return df


_EXACT = {"string": pd.StringDtype(), "Int64": pd.Int64Dtype(), "Float64": pd.Float64Dtype()}


def _has_dtype(actual: Any, dtype: str) -> bool:
    """Whether a column of dtype ``actual`` is one that ``conform`` leaves as it is for ``dtype``: a datetime64
    without a zone for a date, any categorical for a category, else the very dtype (the string storage too)."""
    if dtype == "date":
        return isinstance(actual, np.dtype) and actual.kind == "M"
    if dtype == "category":
        return isinstance(actual, pd.CategoricalDtype)
    want = _EXACT.get(dtype)
    return want is not None and actual == want and repr(actual) == repr(want)


@dataclass
class Corpus:
    """The tables of a loaded corpus (see ``TABLES`` for their columns)."""

    articles: pd.DataFrame
    events: pd.DataFrame
    participants: pd.DataFrame
    amounts: pd.DataFrame
    mentions: pd.DataFrame
    spans: pd.DataFrame
    errors: pd.DataFrame
    meetings: pd.DataFrame
    systems: pd.DataFrame = field(default_factory=lambda: frame("systems"))

    @classmethod
    def empty(cls) -> Corpus:
        return cls(**{f.name: frame(f.name) for f in fields(cls)})

    def tables(self) -> dict[str, pd.DataFrame]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def lazy(cls, ready: Mapping[str, pd.DataFrame], rows: Mapping[str, tuple[pd.DataFrame, Callable[[], Any]]]
             ) -> Corpus:
        """A filtered view: the tables in ``ready`` as they are, and for each table in ``rows`` the full table and a
        function returning the boolean mask of its rows kept. A table is cut on first access (then kept), so a page
        pays only for the tables it reads; ``select`` cuts a few columns without the whole table. It behaves as any
        other corpus (``tables()``, ``replace`` and ``==`` cut what they touch)."""
        obj = cls.__new__(cls)
        obj.__dict__.update(ready)
        obj.__dict__["_rows"] = dict(rows)
        return obj

    def select(self, name: str, columns: Sequence[str]) -> pd.DataFrame:
        """``getattr(self, name)[columns]``: for a view whose table ``name`` is not cut yet, only those columns are
        cut (the table's text columns are not copied for a page that needs a count or a date)."""
        spec = self.__dict__.get("_rows", {}).get(name) if name not in self.__dict__ else None
        if spec is not None:
            full, mask = spec
            return full.loc[mask(), list(columns)]
        return getattr(self, name)[list(columns)]

    def __getattr__(self, name: str) -> pd.DataFrame:
        # called only for a table not cut yet; two threads asking at once may both cut it (same result)
        spec = self.__dict__.get("_rows", {}).get(name)
        if spec is None:
            raise AttributeError(name)
        full, mask = spec
        value = full[mask()]
        self.__dict__[name] = value
        return value

    def __getstate__(self) -> dict[str, pd.DataFrame]:
        return self.tables()  # a pickled view carries its tables, not the functions that compute them
