"""Meetings across articles: the reference calendar, links to it, canonical meetings, date windows for undated articles.

- ``reference_meetings()``: ``data/reference_meetings.csv`` (facts from public reporting; analysts may edit it).
- ``link_reference(events)``: an event of a kind in the reference (udcg_meeting, coalition_meeting, nato_meeting,
  armaments_meeting) is linked to a reference meeting of the same kind held within a day of its date, or to the one
  its ordinal names (``meeting_number``); an event known only by its ordinal takes the reference date.
- ``canonical_meetings(events, participants, articles)``: mentions of the same real event share a ``meeting_id``;
  one row per meeting with its sources and where they disagree.
- ``infer_date_window(spans, article_id)`` / ``resolve_in_window(...)``: for articles without a publication date;
  ``date_windows(articles, spans, events)`` does both for every undated article of a corpus in one pass.

What "the same real event" (compatible) means here:

- same ``event_type``;
- the same ``reference_number`` joins events whatever their dates and places say (that is a conflict to report, not a
  reason to split); two different reference numbers never join;
- dates: day-dated events join a meeting whose seed day (its best-supported day) is at most one day away (time
  zones, late reports), so a meeting spans at most three days and chains of daily events do not melt together;
  a month- or year-dated event joins a day-dated meeting inside its period only when exactly one compatible meeting
  is there (otherwise it stays a meeting of its own at that precision); events without a date are a meeting each;
- places: the same city, or one side unknown, or one side "Virtual": a hybrid meeting is reported both as held in a
  city and as held by video, so "Virtual" does not split; two different cities always do;
- parties (phone_call, bilateral_meeting only): both events name their parties and one set contains the other
  ({UKR} joins {UKR, USA}; {UKR, USA} and {UKR, FRA} stay two calls); an event without parties stays alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from pathlib import Path

import numpy as np
import pandas as pd

from .extract.dates import find_dates, week_window
from .extract.events import FALLBACK_DATE_BASIS
from .extract.lexicon import DATA_DIR, read_table, split_variants
from .extract.normalize import norm
from .schema import TABLES, conform, frame

__all__ = [
    "canonical_meetings",
    "date_from_calendar",
    "date_windows",
    "infer_date_window",
    "link_reference",
    "reference_meetings",
    "resolve_in_window",
]

REFERENCE_FILE = "reference_meetings.csv"
OFFICIALS_FILE = "officials.csv"
NOT_HELD = "not held"
REFERENCE_DATE_BASIS = "reference ordinal"  # date_basis of an event dated from the reference by its ordinal
PARTY_TYPES = frozenset({"phone_call", "bilateral_meeting"})
WAR_START = dt.date(2022, 2, 24)
MIN_TENURE_OVERLAP_DAYS = 7  # office-holders "in office together" for fewer days than this date nothing
DATE_WORDS_FILE = "date_words.csv"  # the date grammar's words: its "next" direction marks a date ahead of the article
_PREC_RANK = {"day": 3, "month": 2, "year": 1}
_EPOCH = np.datetime64("1970-01-01", "D")


# ------------------------------------------------------------------------------------------------------- reference
@cache
def _reference() -> pd.DataFrame:
    df = pd.DataFrame.from_records(list(read_table(REFERENCE_FILE)))
    for col in ("number", "attending_low", "attending_high"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
    df["date"] = pd.to_datetime(df["date"], errors="coerce", format="%Y-%m-%d")
    for col in df.columns:
        if col not in ("number", "attending_low", "attending_high", "date"):
            df[col] = df[col].astype("string")
    return df.sort_values(["kind", "date"], kind="stable").reset_index(drop=True)


@cache
def _reference_dates() -> dict[tuple[str, object], str]:
    """(kind, number) -> ISO date of the numbered meetings that were held."""
    ref = _held(_reference())
    ref = ref[ref["number"].notna()]
    return {(str(k), float(n)): d.strftime("%Y-%m-%d")
            for k, n, d in zip(ref["kind"], ref["number"], ref["date"], strict=True)}


def reference_meetings() -> pd.DataFrame:
    """The reference calendar: one row per meeting (kind, body, number, date, location, format, chairs, chair_names,
    attendance, attending_low, attending_high, confidence, note, sources)."""
    return _reference().copy()


def _held(ref: pd.DataFrame) -> pd.DataFrame:
    """Reference meetings that took place (and have a readable date): the only ones events link to."""
    return ref[(ref["format"].fillna("").str.lower() != NOT_HELD) & ref["date"].notna()]


# ------------------------------------------------------------------------------------------------------- dates
def _days(values: pd.Series) -> np.ndarray:
    """Days since 1970 as int64 (NaT -> a sentinel far away)."""
    arr = pd.to_datetime(values, errors="coerce").to_numpy(dtype="datetime64[D]")
    out = (arr - _EPOCH).astype("int64")
    out[np.isnat(arr)] = np.iinfo("int64").min // 2
    return out


def _precision(events: pd.DataFrame) -> pd.Series:
    """day / month / year / "" per event, from date_precision or else from the shape of ``date``."""
    prec = events["date_precision"].astype("string").fillna("")
    date = events["date"].astype("string").fillna("").str.strip()
    by_len = date.str.len().map({10: "day", 7: "month", 4: "year"}).fillna("")
    prec = prec.where(prec.isin(list(_PREC_RANK)), by_len)  # an unknown precision falls back on the date's shape
    # a precision without a date (or a date without a start) is no date
    start_known = events["date_start"].notna() | (date != "")
    return prec.where(start_known, "")


def _period_start(events: pd.DataFrame) -> pd.Series:
    """First day of each event's date (date_start, or else the ``date`` text: 2025-06 -> 2025-06-01)."""
    start = pd.to_datetime(events["date_start"], errors="coerce")
    txt = events["date"].astype("string").fillna("").str.strip()
    n = txt.str.len()
    full = txt.mask(n == 7, txt + "-01").mask(n == 4, txt + "-01-01")
    from_text = pd.to_datetime(full.where(full.str.len() == 10), errors="coerce", format="%Y-%m-%d")
    return start.fillna(from_text)


# ------------------------------------------------------------------------------------------------------- linking
DESCRIBED = "described"  # events.type_basis: the Ramstein group described rather than named


def link_reference(events: pd.DataFrame) -> pd.DataFrame:
    """Set ``reference_number`` and ``reference_basis`` on events of a kind the reference lists.

    basis: ``date`` (a reference meeting of the kind within a day), ``ordinal`` (the number in the text),
    ``date+ordinal`` (both, agreeing), ``month`` (a month-dated event and the only reference meeting of the kind in
    that month), or ``conflict: ...`` (the date says one meeting and the ordinal another: the date's meeting is
    kept). An event with an ordinal and no date takes the reference date (``date_precision`` day, ``date_basis``
    "reference ordinal"). Reference rows that were not held are never linked.
    Unnumbered series (coalition, NATO-Ukraine Council) link by date with an empty number.
    """
    ev = events.copy()
    if ev.empty:
        return ev
    ref = _held(_reference())
    n = len(ev)
    # a date this function took from the reference earlier is not evidence (so a second pass changes nothing)
    dbasis = ev["date_basis"].astype("string").fillna("")
    # a date this function took from the reference earlier is not evidence (so a second pass changes nothing), and a
    # date guessed from an undated article's window gives way to the meeting's number
    numbered_now = pd.to_numeric(ev["meeting_number"], errors="coerce").notna()
    from_ref = ((dbasis == REFERENCE_DATE_BASIS) | (dbasis.str.startswith(WINDOW_DATE_BASIS) & numbered_now)).to_numpy()
    prec = np.where(from_ref, "", _precision(ev).to_numpy(dtype=object))
    start = _period_start(ev)
    day = _days(start)
    ev = _type_described(ev, ref, prec, day)
    etype = ev["event_type"].astype("string").fillna("").to_numpy(dtype=object)
    month_key = (start.dt.year * 12 + start.dt.month - 1).fillna(-1).astype("int64").to_numpy()
    year_key = start.dt.year.fillna(-1).astype("int64").to_numpy()
    ordinal = pd.to_numeric(ev["meeting_number"], errors="coerce").astype("Int64")
    has_ord = ordinal.notna().to_numpy()
    ord_val = ordinal.fillna(-1).astype("int64").to_numpy()

    number: list[object] = [pd.NA] * n
    basis: list[str] = [""] * n
    fill_date: dict[int, pd.Timestamp] = {}

    for kind, kref in ref.groupby("kind", sort=False):
        rows = np.flatnonzero(etype == kind)
        if rows.size == 0:
            continue
        kref = kref.sort_values("date")
        rdays = _days(kref["date"])
        rnum = kref["number"].to_numpy(dtype=object)
        rdate = list(kref["date"])
        rmonth = (kref["date"].dt.year * 12 + kref["date"].dt.month - 1).to_numpy()
        by_number = {int(v): i for i, v in enumerate(rnum) if not pd.isna(v)}
        month_count = pd.Series(rmonth).value_counts()

        # nearest reference day for the day-dated events (vectorised)
        d = day[rows]
        pos = np.clip(np.searchsorted(rdays, d), 1, max(len(rdays) - 1, 1))
        left = np.clip(pos - 1, 0, len(rdays) - 1)
        right = np.clip(pos, 0, len(rdays) - 1)
        nearest = np.where(np.abs(rdays[left] - d) <= np.abs(rdays[right] - d), left, right)
        date_hit = (prec[rows] == "day") & (np.abs(rdays[nearest] - d) <= 1)

        bd = np.where(date_hit, nearest, -1)
        month_one = {int(k): int(np.flatnonzero(rmonth == k)[0])
                     for k, c in zip(month_count.index.tolist(), month_count.tolist(), strict=True) if c == 1}
        bm = np.array([month_one.get(int(k), -1) if p == "month" else -1
                       for k, p in zip(month_key[rows], prec[rows], strict=True)], dtype="int64")
        bo = np.array([by_number.get(int(o), -1) if h else -1
                       for o, h in zip(ord_val[rows], has_ord[rows], strict=True)], dtype="int64")
        # the common case, a date and no ordinal, without a Python call per row
        simple = (bd >= 0) & ~has_ord[rows]
        for j, i in zip(np.flatnonzero(simple), rows[simple], strict=True):
            number[i], basis[i] = rnum[bd[j]], "date"
        for j in np.flatnonzero(~simple & ((bd >= 0) | (bm >= 0) | (bo >= 0))):
            i = int(rows[j])
            label = _link_one(i, _opt(bd[j]), _opt(bm[j]), _opt(bo[j]), bool(has_ord[i]), int(ord_val[i]),
                              str(prec[i]), rnum, rdate, start.iloc[i], int(month_key[i]), int(year_key[i]), fill_date)
            if label is not None:
                number[i], basis[i] = label

    ev["reference_number"] = pd.Series(number, index=ev.index, dtype=object).astype("Int64")
    ev["reference_basis"] = pd.array(basis, dtype="string")
    ev = _place_from_reference(ev, ref, basis, fill_date)
    if fill_date:
        _set_days(ev, pd.Series(list(fill_date.values()), index=ev.index[list(fill_date)]), REFERENCE_DATE_BASIS)
    return ev


def _set_days(ev: pd.DataFrame, days: pd.Series, basis: str) -> None:
    """Give the events at ``days``' index those days (day precision) and ``basis``, in place, keeping the dtypes."""
    for col in ("date", "date_precision", "date_basis"):
        ev[col] = ev[col].astype(object)
    ev.loc[days.index, "date"] = days.dt.strftime("%Y-%m-%d")
    start_dtype = ev["date_start"].dtype
    ev.loc[days.index, "date_start"] = days
    if str(start_dtype).startswith("datetime64"):
        ev["date_start"] = ev["date_start"].astype(start_dtype)
    ev.loc[days.index, "date_precision"] = "day"
    ev.loc[days.index, "date_basis"] = basis
    for col in ("date", "date_precision", "date_basis"):
        ev[col] = ev[col].astype(TABLES["events"][col])  # type: ignore[call-overload]


REFERENCE_PLACE_BASIS = "reference"  # events.location_basis of a place taken from the calendar


def _place_from_reference(ev: pd.DataFrame, ref: pd.DataFrame, basis: list[str], fill_date: dict[int, pd.Timestamp]
                          ) -> pd.DataFrame:
    """A meeting linked to the calendar (by its day or its number) whose text names no place takes the calendar's
    place; ``location_basis`` says "reference" (the text's own place is never replaced)."""
    if "location" not in ev.columns:
        return ev
    loc = ev["location"].astype("string").fillna("").str.strip()
    todo = [i for i, b in enumerate(basis) if b in ("date", "date+ordinal", "ordinal") and loc.iloc[i] == ""]
    if not todo:
        return ev
    kinds = ev["event_type"].astype("string").fillna("").to_numpy(dtype=object)
    starts = _period_start(ev)
    # per kind, the calendar's dated meetings with a place, in the calendar's order (the first of two as near wins)
    calendar: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for kind, rows in ref[ref["location"].notna() & ref["date"].notna()].groupby("kind", sort=False):
        calendar[str(kind)] = (rows["date"].to_numpy(dtype="datetime64[ns]").astype("int64"),
                               rows["location"].to_numpy(dtype=object))
    one_day = pd.Timedelta(days=1).value
    places: dict[int, str] = {}
    for i in todo:
        day = fill_date.get(i, starts.iloc[i])
        got = calendar.get(kinds[i])
        if pd.isna(day) or got is None:
            continue
        gap = np.abs(got[0] - pd.Timestamp(day).value)
        j = int(np.argmin(gap))
        if gap[j] <= one_day:
            places[i] = str(got[1][j])
    if not places:
        return ev
    out = ev.copy()
    idx = out.index[list(places)]
    out["location"] = out["location"].astype(object)
    out.loc[idx, "location"] = list(places.values())
    if "location_basis" not in out.columns:
        out["location_basis"] = ""
    out["location_basis"] = out["location_basis"].astype(object)
    out.loc[idx, "location_basis"] = REFERENCE_PLACE_BASIS
    for col in ("location", "location_basis"):
        out[col] = out[col].astype("string")
    return out


CALENDAR_DATE_BASIS = "the only meeting of its kind in the calendar near the publication date"


def date_from_calendar(events: pd.DataFrame, published: dict[str, dt.date]) -> pd.DataFrame:
    """Date an undated mention of a format the reference lists ("the contact group's meeting", no day given) by the
    calendar: when exactly one meeting of its kind lies between three days before and a week after its article's
    publication date, that is the meeting the article speaks of (one later called off counts when it was still ahead
    of the article). ``date_basis`` says so; events with a
    date, a meeting number (linked by ``link_reference``) or an undated article are left alone."""
    if events.empty or not published:
        return events
    full = _reference()
    full = full[full["date"].notna()]
    held = (full["format"].fillna("").str.lower() != NOT_HELD).to_numpy()
    # a lead event dated by its publication day only (no date in the text) is undated here too: the calendar knows
    # ... and so is one the text dates only by "this year" or "this month" (its period holds the publication day)
    empty = (events["date"].astype("string").fillna("").str.strip() == "") \
        | (events["date_basis"].astype("string").fillna("") == FALLBACK_DATE_BASIS) | _this_period(events, published)
    numbered = pd.to_numeric(events["meeting_number"], errors="coerce").notna()
    kinds = events["event_type"].astype("string").fillna("")
    todo = events.index[empty & ~numbered & kinds.isin(list(full["kind"].unique()))]
    fills: dict[object, pd.Timestamp] = {}
    by_kind = {str(k): (_days(g["date"]), held[full.index.get_indexer(g.index)], list(g["date"]))
               for k, g in full.groupby("kind", sort=False)}
    article_of = events.loc[todo, "article_id"].astype("string").fillna("").tolist()  # columns read once, not per row
    kind_of = kinds.loc[todo].tolist()
    for idx, article, kind in zip(todo, article_of, kind_of, strict=True):
        pub = published.get(article)
        if pub is None:
            continue
        one = _only_meeting(by_kind[str(kind)], pub - dt.timedelta(days=3), pub + dt.timedelta(days=7), pub)
        if one is not None:
            fills[idx] = one
    out = events.copy() if fills else events
    if fills:
        _set_days(out, pd.Series(fills), CALENDAR_DATE_BASIS)
    return _week_from_calendar(out, published, by_kind)


def _this_period(events: pd.DataFrame, published: dict[str, dt.date]) -> pd.Series:
    """Events dated only by a relative "this year" / "this month" of their article (year or month precision, the
    period of the publication day)."""
    prec = events["date_precision"].astype("string").fillna("")
    rel = events["date_relative"].astype("string").fillna("").str.lower().isin(["true", "1"])
    date = events["date"].astype("string").fillna("")
    pub = events["article_id"].astype("string").map(lambda a: published[a].isoformat() if a in published else "")
    same = ((prec == "year") & (date == pub.str[:4])) | ((prec == "month") & (date == pub.str[:7]))
    return prec.isin(["year", "month"]) & rel & same & (events["date_basis"].astype("string").fillna("") == "period")


_Calendar = tuple[np.ndarray, np.ndarray, list[pd.Timestamp]]  # one kind's days, whether held, dates


def _only_meeting(calendar: _Calendar, lo: dt.date, hi: dt.date, published: dt.date) -> pd.Timestamp | None:
    """The date of the one meeting of a kind from ``lo`` to ``hi`` (None when there is none or several); a meeting
    later called off counts when it was still ahead of the article (after ``published``)."""
    days, was_held, dates = calendar
    a, b, p = ((np.datetime64(x, "D") - _EPOCH).astype("int64") for x in (lo, hi, published))
    near = np.flatnonzero((days >= a) & (days <= b) & (was_held | (days > p)))
    return dates[int(near[0])] if len(near) == 1 else None


@cache
def _week_words() -> re.Pattern[str]:
    """"Next week" / "last week", from the date grammar's words (period "week", directions "next" and "past")."""
    rows = read_table(DATE_WORDS_FILE)

    def forms(kind: str, value: str) -> str:
        return "|".join(sorted({norm(w) for r in rows if r.get("kind") == kind and r.get("value") == value
                                for w in split_variants(r.get("forms", ""))}, key=len, reverse=True))
    return re.compile(rf"(?:{forms('period', 'week')}) (?:(?P<next>{forms('direction', 'next')})|"
                      rf"(?P<last>{forms('direction', 'past')}))")


WEEK_DATE_BASIS = "the only meeting of its kind in the calendar in the week the text names"


def _week_from_calendar(events: pd.DataFrame, published: dict[str, dt.date],
                        by_kind: dict[str, _Calendar]) -> pd.DataFrame:
    """An event dated "next week" or "last week" (a month or a year: the week's days may span two) is the one meeting
    of its kind the calendar holds in that week, if there is exactly one."""
    raw = events["date_raw"].astype("string").fillna("")
    kinds = events["event_type"].astype("string").fillna("")
    todo = events.index[raw.str.contains("سبوع", regex=False) & kinds.isin(list(by_kind))
                        & (events["date_precision"].astype("string").fillna("") != "day")]
    fills: dict[object, pd.Timestamp] = {}
    for idx in todo:
        pub = published.get(str(events.at[idx, "article_id"]))
        m = _week_words().search(norm(str(raw.at[idx])))
        if pub is None or m is None:
            continue
        one = _only_meeting(by_kind[str(kinds.at[idx])], *week_window(pub, 1 if m["next"] else -1), pub)
        if one is not None:
            fills[idx] = one
    if not fills:
        return events
    out = events.copy()
    _set_days(out, pd.Series(fills), WEEK_DATE_BASIS)
    return out


# the formats a meeting described rather than named may be, in the order they are tried
DESCRIBED_KINDS = ("udcg_meeting", "coalition_meeting")


def _type_described(ev: pd.DataFrame, ref: pd.DataFrame, prec: np.ndarray, day: np.ndarray) -> pd.DataFrame:
    """Meetings described rather than named (``type_basis`` "described": "defence ministers of Ukraine's backers met
    at Ramstein", "Western leaders met in London for a defence summit") take the format whose calendar has a meeting
    within a day of theirs; a day no such calendar has makes them another meeting (other_meeting). Without a day
    they keep the type the text suggested."""
    if "type_basis" not in ev.columns:
        return ev
    described = (ev["type_basis"].astype("string").fillna("") == DESCRIBED).to_numpy() & (prec == "day")
    if not described.any():
        return ev
    new = ev["event_type"].astype("string").to_numpy(dtype=object).copy()
    rows = np.flatnonzero(described)
    new[rows] = "other_meeting"
    for kind in reversed(DESCRIBED_KINDS):  # the first kind wins where two calendars have the day
        rdays = np.sort(_days(ref.loc[ref["kind"] == kind, "date"]))
        if rdays.size == 0:
            continue
        d = day[rows]
        pos = np.clip(np.searchsorted(rdays, d), 0, rdays.size - 1)
        near = np.minimum(np.abs(rdays[pos] - d), np.abs(rdays[np.clip(pos - 1, 0, rdays.size - 1)] - d))
        new[rows[near <= 1]] = kind
    out = ev.copy()
    out["event_type"] = pd.Series(new, index=ev.index).astype(TABLES["events"]["event_type"])  # type: ignore[call-overload]
    return out


def _opt(i: np.integer) -> int | None:
    return int(i) if i >= 0 else None


def _fmt(ts: pd.Timestamp) -> str:
    return ts.strftime("%Y-%m-%d")


def _link_one(
    i: int, by_date: int | None, by_month: int | None, by_ord: int | None, has_ord: bool, ord_val: int, prec: str,
    rnum: np.ndarray, rdate: list[pd.Timestamp], start: pd.Timestamp, month_key: int, year_key: int,
    fill_date: dict[int, pd.Timestamp],
) -> tuple[object, str] | None:
    """(reference number, basis) of one event, or None when it links to nothing."""
    if by_date is not None:
        num = rnum[by_date]
        if by_ord is not None and by_ord == by_date:
            return num, "date+ordinal"
        if by_ord is not None:
            said = f"conflict: date -> no. {_num(num)} ({_fmt(rdate[by_date])}), ordinal {ord_val}"
            return num, f"{said} ({_fmt(rdate[by_ord])})"
        if has_ord and not pd.isna(num):
            said = f"conflict: date -> no. {_num(num)} ({_fmt(rdate[by_date])}), ordinal {ord_val}"
            return num, f"{said} not in the reference"
        return num, "date"
    if by_ord is not None:
        rd = rdate[by_ord]
        num = rnum[by_ord]
        if prec == "":
            fill_date[i] = rd
            return num, "ordinal"
        if (prec == "month" and rd.year * 12 + rd.month - 1 == month_key) or (prec == "year" and rd.year == year_key):
            return num, "ordinal"
        return num, f"conflict: ordinal {ord_val} is {_fmt(rd)}, event dated {start.strftime('%Y-%m-%d')}"
    if by_month is not None:
        return rnum[by_month], "month"
    return None


def _num(v: object) -> str:
    return "?" if pd.isna(v) else str(int(v))  # type: ignore[call-overload]


# ------------------------------------------------------------------------------------------------------- canonical
@dataclass
class _Cluster:
    center: int | None  # seed day (days since 1970) for day-dated meetings
    period: tuple[str, int] | None  # (precision, key) for meetings known only to the month or year
    city: str | None
    parties: frozenset[str] | None
    ref: int | None
    support: int = 0
    atoms: list[int] = field(default_factory=list)


def _place_ok(c: _Cluster, place: str | None) -> bool:
    return place is None or place == "Virtual" or c.city is None or c.city == place


def _parties_ok(c: _Cluster, parties: frozenset[str] | None, party_type: bool) -> bool:
    if not party_type:
        return True
    if not parties or not c.parties:
        return False
    return parties <= c.parties or c.parties <= parties


def _join(c: _Cluster, atom: int, support: int, place: str | None, parties: frozenset[str] | None) -> None:
    c.atoms.append(atom)
    c.support += support
    if c.city is None and place not in (None, "Virtual"):
        c.city = place
    if parties:
        c.parties = parties | c.parties if c.parties else parties


def _cluster_type(atoms: pd.DataFrame, party_type: bool) -> list[_Cluster]:
    """Greedy clustering of one event type's atoms (rows: prec, key, place, parties, ref, support)."""
    clusters: list[_Cluster] = []
    by_day: dict[int, list[int]] = defaultdict(list)
    by_period: dict[tuple[str, int], list[int]] = defaultdict(list)
    by_ref: dict[int, int] = {}
    prec = atoms["prec"].to_numpy(dtype=object)
    key = atoms["key"].to_numpy(dtype="int64")
    place = [None if pd.isna(p) else str(p) for p in atoms["place"]]
    parties = [frozenset(p.split(";")) if isinstance(p, str) and p and not p.startswith("#") else None
               for p in atoms["parties"]]
    ref = atoms["ref"].to_numpy(dtype="int64")
    support = atoms["support"].to_numpy(dtype="int64")
    order = np.lexsort((key, -support, -np.vectorize(_PREC_RANK.get)(prec, 0)))

    def new(atom: int, center: int | None, period: tuple[str, int] | None, r: int | None) -> None:
        c = _Cluster(center, period, None, None, r)
        _join(c, atom, int(support[atom]), place[atom], parties[atom])
        clusters.append(c)
        ci = len(clusters) - 1
        if center is not None:
            by_day[center].append(ci)
        elif period is not None:
            by_period[period].append(ci)
        if r is not None:
            by_ref[r] = ci

    # 1. a reference number binds, whatever the dates say (the best-supported dated atom seeds the day)
    for a in order:
        if ref[a] < 0:
            continue
        r = int(ref[a])
        if r in by_ref:
            _join(clusters[by_ref[r]], a, int(support[a]), place[a], parties[a])
            continue
        center = int(key[a]) if prec[a] == "day" else None
        period = (str(prec[a]), int(key[a])) if prec[a] in ("month", "year") else None
        new(a, center, period, r)
    # 2. day-dated atoms: join a compatible meeting seeded within a day, else seed one
    for a in order:
        if ref[a] >= 0 or prec[a] != "day":
            continue
        d = int(key[a])
        best: tuple[int, int, int, int] | None = None
        for cd in (d, d - 1, d + 1):
            for ci in by_day.get(cd, ()):
                c = clusters[ci]
                if not (_place_ok(c, place[a]) and _parties_ok(c, parties[a], party_type)):
                    continue
                rank = (int(c.city is not None and c.city == place[a]), int(cd == d), c.support, -ci)
                if best is None or rank > best[:4]:
                    best = (*rank[:3], ci)
        if best is None:
            new(a, d, None, None)
        else:
            _join(clusters[best[3]], a, int(support[a]), place[a], parties[a])
    # 3. month- then year-dated atoms: the one compatible meeting inside the period, else a meeting of the period
    centers = sorted(by_day)
    for a in order:
        if ref[a] >= 0 or prec[a] not in ("month", "year"):
            continue
        lo, hi = _period_days(str(prec[a]), int(key[a]))
        cands: set[int] = set()
        i0 = np.searchsorted(centers, lo)
        i1 = np.searchsorted(centers, hi, side="right")
        for cd in centers[i0:i1]:
            cands.update(ci for ci in by_day[cd] if _place_ok(clusters[ci], place[a])
                         and _parties_ok(clusters[ci], parties[a], party_type))
        if prec[a] == "year":
            for (p, k), cis in by_period.items():
                if p == "month" and k // 12 == int(key[a]) - 1970:
                    cands.update(ci for ci in cis if _place_ok(clusters[ci], place[a])
                                 and _parties_ok(clusters[ci], parties[a], party_type))
        if len(cands) == 1:
            _join(clusters[cands.pop()], a, int(support[a]), place[a], parties[a])
            continue
        period = (str(prec[a]), int(key[a]))
        for ci in by_period.get(period, ()):
            if _place_ok(clusters[ci], place[a]) and _parties_ok(clusters[ci], parties[a], party_type):
                _join(clusters[ci], a, int(support[a]), place[a], parties[a])
                break
        else:
            new(a, None, period, None)
    return clusters


def _period_days(prec: str, key: int) -> tuple[int, int]:
    """First and last day (days since 1970) of a month key (months since 1970) or a year."""
    if prec == "month":
        y, m = divmod(key, 12)
        first = dt.date(1970 + y, m + 1, 1)
        last = (dt.date(1970 + y + (m + 1) // 12, (m + 1) % 12 + 1, 1)) - dt.timedelta(days=1)
    else:
        first, last = dt.date(key, 1, 1), dt.date(key, 12, 31)
    epoch = dt.date(1970, 1, 1)
    return (first - epoch).days, (last - epoch).days


def _stable_id(event_type: str, date: str, key: str) -> str:
    return f"{event_type}-{date or 'undated'}-{hashlib.sha1(key.encode()).hexdigest()[:8]}"


def _joined(values: Iterable[object], by: Iterable[object]) -> dict[object, str]:
    """group -> its distinct non-empty values, sorted and ";"-joined (groups must be mutually comparable)."""
    pairs = sorted({(g, v) for g, v in zip(by, values, strict=True) if isinstance(v, str) and v})
    return {g: ";".join(v for _, v in grp) for g, grp in itertools.groupby(pairs, key=itemgetter(0))}


def canonical_meetings(
    events: pd.DataFrame, participants: pd.DataFrame, articles: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(events with ``meeting_id`` filled, the ``meetings`` table): one meeting per real event, across articles.

    Compatibility rules are in the module docstring. A meeting's date is the most reported one at the finest
    precision any source gives (ties: the earlier); ``disagreement`` lists dates that do not fit it ("dates:
    2025-06-04 (3 articles) vs 2025-06-05 (1)"), places ("places: Brussels (2) vs Virtual (1)"), attendance counts
    ("counts: 40–50") and conflicting ordinals. ``n_outlets`` counts distinct outlets, an article of unknown outlet
    counting as an outlet of its own.
    """
    ev = events.copy()
    if ev.empty:
        return ev, frame("meetings")
    original_index = ev.index
    ev = ev.reset_index(drop=True)
    n = len(ev)
    etype = ev["event_type"].astype("string").fillna("").astype(object)
    prec = _precision(ev)
    start = _period_start(ev)
    day = pd.Series(_days(start))
    month_key = (start.dt.year * 12 + start.dt.month - 1 - 1970 * 12).fillna(-1).astype("int64")
    year_key = start.dt.year.fillna(-1).astype("int64")
    key = np.select([prec == "day", prec == "month", prec == "year"], [day, month_key, year_key], -1)
    loc = ev["location"].astype("string").str.strip()
    place = loc.mask(loc.fillna("") == "")
    ref = pd.to_numeric(ev["reference_number"], errors="coerce").fillna(-1).astype("int64")
    event_id = ev["event_id"].astype("string").fillna(pd.Series([f"#row{i}" for i in range(n)], dtype="string"))

    # parties of calls and bilateral talks
    party_type = etype.isin(PARTY_TYPES)
    parties = pd.Series("", index=ev.index, dtype=object)
    if party_type.any() and not participants.empty:
        p = participants[participants["role"].astype("string") == "party"]
        pmap = _joined(p["country"].astype("string").to_numpy(dtype=object),
                       p["event_id"].astype("string").to_numpy(dtype=object))
        parties = pd.Series([pmap.get(e, "") for e in event_id.to_numpy(dtype=object)], index=ev.index, dtype=object)
    # an event without parties (of a party type) can only be a meeting of its own
    parties = parties.where(~party_type | (parties != ""), "#" + event_id.astype(object))

    # undated events without a reference number: one meeting each
    alone = (prec == "") & (ref < 0)
    cluster_of = np.full(n, -1, dtype="int64")
    cluster_rows: list[tuple[str, str]] = []  # (event_type, id key) per cluster
    next_id = 0

    dated = ~alone
    if dated.any():
        atom_df = pd.DataFrame({
            "etype": etype[dated], "ref": ref[dated], "prec": prec[dated], "key": key[dated.to_numpy()],
            "place": place[dated].astype(object), "parties": parties[dated],
            "article_id": ev.loc[dated, "article_id"].astype("string").astype(object),
        })
        gcols = ["etype", "ref", "prec", "key", "place", "parties"]
        atom_id = atom_df.groupby(gcols, dropna=False, sort=False).ngroup().to_numpy()
        atom_df["atom"] = atom_id
        atoms = atom_df.groupby("atom", sort=True).agg(
            etype=("etype", "first"), ref=("ref", "first"), prec=("prec", "first"), key=("key", "first"),
            place=("place", "first"), parties=("parties", "first"), support=("article_id", "nunique"),
        )
        atom_cluster = np.full(len(atoms), -1, dtype="int64")
        for t, t_atoms in atoms.groupby("etype", sort=True):
            t_atoms = t_atoms.reset_index()
            atom_no = t_atoms["atom"].to_numpy()
            for c in _cluster_type(t_atoms, str(t) in PARTY_TYPES):
                atom_cluster[atom_no[c.atoms]] = next_id
                parties_key = ";".join(sorted(c.parties)) if c.parties else ""
                ident = f"reference {c.ref}" if c.ref is not None else f"{c.city}|{parties_key}|{c.period}"
                cluster_rows.append((str(t), ident))
                next_id += 1
        cluster_of[np.flatnonzero(dated.to_numpy())] = atom_cluster[atom_id]
    etype_arr = etype.to_numpy(dtype=object)
    eid_arr = event_id.to_numpy(dtype=object)
    for i in np.flatnonzero(cluster_of < 0):  # the undated (and, as a safety net, anything left): one meeting each
        cluster_of[i] = next_id
        cluster_rows.append((str(etype_arr[i]), f"event|{eid_arr[i]}"))
        next_id += 1

    meetings = _meeting_table(ev, cluster_of, prec, start, place, event_id, participants, articles)
    # stable ids: type + agreed date + a hash of what identifies the meeting (not of its sources)
    keys = [cluster_rows[c][1] for c in meetings["cluster"]]
    dates = meetings["date"].fillna("").astype(str).tolist()
    types = [cluster_rows[c][0] for c in meetings["cluster"]]
    ids = [_stable_id(t, d, f"{t}|{d}|{k}") for t, d, k in zip(types, dates, keys, strict=True)]
    # meetings that nothing but their events tells apart (a call without parties) take their first event's id
    counts: dict[str, int] = defaultdict(int)
    for mid in ids:
        counts[mid] += 1
    event_lists = meetings["event_ids"].tolist()
    for j, mid in enumerate(ids):
        if counts[mid] > 1:
            first_event = str(event_lists[j]).split(";")[0]
            ids[j] = _stable_id(types[j], dates[j], f"{types[j]}|{dates[j]}|{keys[j]}|{first_event}")
    id_of_cluster = dict(zip(meetings["cluster"], ids, strict=True))
    ev["meeting_id"] = pd.array([id_of_cluster[c] for c in cluster_of], dtype="string")
    ev.index = original_index
    meetings["meeting_id"] = ids
    return ev, _meetings_table(meetings)


def _meetings_table(meetings: pd.DataFrame) -> pd.DataFrame:
    """The meetings table as ``canonical_meetings`` returns it: its columns and types, by date, type and id."""
    meetings = conform("meetings", meetings)
    meetings = meetings.sort_values(["date_start", "event_type", "meeting_id"], na_position="last", kind="stable")
    return meetings.reset_index(drop=True)


def _meeting_table(
    ev: pd.DataFrame, cluster_of: np.ndarray, prec: pd.Series, start: pd.Series, place: pd.Series,
    event_id: pd.Series, participants: pd.DataFrame, articles: pd.DataFrame,
) -> pd.DataFrame:
    """Aggregate the events of each cluster into one meetings row (without meeting_id)."""
    rank = prec.map(_PREC_RANK).fillna(0).astype("int64")
    date_txt = ev["date"].astype("string").fillna("").str.strip().astype(object)
    end = _period_end(start, prec)
    outlet = pd.Series(pd.NA, index=ev.index, dtype="string")
    if not articles.empty and "outlet" in articles:
        om = articles.drop_duplicates("article_id").set_index("article_id")["outlet"].astype("string")
        outlet = ev["article_id"].astype("string").map(om).astype("string")
    outlet = outlet.where(outlet.fillna("").str.strip() != "", "article:" + ev["article_id"].astype("string"))
    att = pd.to_numeric(ev["attending_count"], errors="coerce")
    df = pd.DataFrame({
        "cluster": cluster_of, "event_type": ev["event_type"].astype("string").to_numpy(), "article_id":
        ev["article_id"].astype("string").to_numpy(), "event_id": event_id.to_numpy(), "date": date_txt.to_numpy(),
        "rank": rank.to_numpy(), "start": start.to_numpy(), "end": end.to_numpy(), "place": place.to_numpy(),
        "outlet": outlet.to_numpy(), "att": att.to_numpy(),
        "ref": pd.to_numeric(ev["reference_number"], errors="coerce").to_numpy(),
        "conflict": ev["reference_basis"].astype("string").fillna("").str.startswith("conflict").to_numpy(),
    })
    g = df.groupby("cluster", sort=True)
    out = pd.DataFrame({
        "event_type": g["event_type"].first(),
        "n_events": g.size(),
        "n_articles": g["article_id"].nunique(),
        "n_outlets": g["outlet"].nunique(),
        "attending_min": g["att"].min(),
        "attending_max": g["att"].max(),
        "reference_number": g["ref"].max(),
        "n_conflicts": g["conflict"].sum(),
    })
    cl = df["cluster"].to_numpy()
    out["event_ids"] = pd.Series(_joined(df["event_id"].to_numpy(dtype=object), cl))
    out["article_ids"] = pd.Series(_joined(df["article_id"].to_numpy(dtype=object), cl))

    # the agreed date: most articles at the finest precision given; ties go to the reference date, then the earlier
    dated = df[df["rank"] > 0]
    sizes = dated.drop_duplicates(["cluster", "date", "article_id"]).groupby(["cluster", "date", "rank"]).size()
    votes_df = sizes.rename("n").reset_index()
    ref_date = _reference_dates()
    cref = out["reference_number"]
    with_ref = cref.notna()
    ref_of = {c: ref_date.get((str(t), float(r)), "") for c, t, r in
              zip(cref.index[with_ref].tolist(), out.loc[with_ref, "event_type"].tolist(), cref[with_ref].tolist(),
                  strict=True)}
    votes_df["is_ref"] = [ref_of.get(c, "") == d for c, d in
                          zip(votes_df["cluster"].tolist(), votes_df["date"].tolist(), strict=True)]
    votes_df = votes_df.sort_values(["cluster", "rank", "n", "is_ref", "date"],
                                    ascending=[True, False, False, False, True])
    best = votes_df.drop_duplicates("cluster").set_index("cluster")
    out["date"] = best["date"]
    out["date_precision"] = best["rank"].map({v: k for k, v in _PREC_RANK.items()})
    out["date_start"] = _period_start(pd.DataFrame({"date": out["date"], "date_start": pd.NaT}))
    # date_min/date_max over the finest-dated events
    fine = dated[dated["rank"] == dated.groupby("cluster")["rank"].transform("max")]
    out["date_min"] = fine.groupby("cluster")["start"].min()
    out["date_max"] = fine.groupby("cluster")["end"].max()

    # place: the city most articles give; Virtual only when no city is given
    pl = df[df["place"].notna()].drop_duplicates(["cluster", "place", "article_id"])
    pv = pl.groupby(["cluster", "place"]).size().rename("n").reset_index()
    pv["virtual"] = pv["place"] == "Virtual"
    pv = pv.sort_values(["cluster", "virtual", "n", "place"], ascending=[True, True, False, True])
    out["location"] = pv.drop_duplicates("cluster").set_index("cluster")["place"]

    # chairs and absent countries
    if not participants.empty:
        cl_of = dict(zip(df["event_id"].to_numpy(dtype=object), cl.tolist(), strict=True))
        pe = participants["event_id"].astype("string").to_numpy(dtype=object)
        pc = participants["country"].astype("string").to_numpy(dtype=object)
        pr = participants["role"].astype("string").to_numpy(dtype=object)
        for role, col in (("chair", "chairs"), ("absent", "absent")):
            m = (pr == role) & np.array([e in cl_of for e in pe], dtype=bool)
            out[col] = pd.Series(_joined(pc[m], [cl_of[e] for e in pe[m]]))
    out["disagreement"] = _disagreements(out, votes_df, pv)
    return out.reset_index()


def _period_end(start: pd.Series, prec: pd.Series) -> pd.Series:
    s = pd.to_datetime(start, errors="coerce")
    month_end = s + pd.offsets.MonthEnd(0)
    year_end = s + pd.offsets.YearEnd(0)
    return s.where(prec != "month", month_end).where(prec != "year", year_end)


def _disagreements(out: pd.DataFrame, votes: pd.DataFrame, places: pd.DataFrame) -> pd.Series:
    text: dict[int, list[str]] = defaultdict(list)
    agreed = dict(zip(out.index, out["date"].fillna("").astype(str), strict=True))
    by_cluster: dict[int, list[tuple[str, int]]] = defaultdict(list)
    votes = votes[votes["cluster"].duplicated(keep=False)]
    places = places[places["cluster"].duplicated(keep=False)]
    for c, d, k in zip(votes["cluster"].tolist(), votes["date"].tolist(), votes["n"].tolist(), strict=True):
        by_cluster[c].append((d, k))
    for c, dates in by_cluster.items():
        if len(dates) < 2:
            continue
        chosen = agreed.get(c, "")
        # a coarser date that contains the agreed one agrees with it
        other = [(d, k) for d, k in dates if d != chosen and not chosen.startswith(d)]
        if not other:
            continue
        n_mine = next((k for d, k in dates if d == chosen), 0)
        parts = [f"{chosen} ({n_mine} article{'s' if n_mine != 1 else ''})", *(f"{d} ({k})" for d, k in other)]
        text[c].append("dates: " + " vs ".join(parts))
    by_place: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for c, p, k in zip(places["cluster"].tolist(), places["place"].tolist(), places["n"].tolist(), strict=True):
        by_place[c].append((p, k))
    for c, ps in by_place.items():
        if len(ps) > 1:
            text[c].append("places: " + " vs ".join(f"{p} ({k})" for p, k in ps))
    counts = out[out["attending_min"].notna() & (out["attending_min"] != out["attending_max"])]
    for c, lo, hi in zip(counts.index, counts["attending_min"], counts["attending_max"], strict=True):
        text[c].append(f"counts: {int(lo)}–{int(hi)}")
    conflicts = out.loc[out["n_conflicts"] > 0, "n_conflicts"]
    for c, k in zip(conflicts.index.tolist(), conflicts.tolist(), strict=True):
        text[c].append(f"reference: {int(k)} event{'s' if k != 1 else ''} with a conflicting ordinal")
    return pd.Series({c: "; ".join(v) for c, v in text.items()}, dtype="string").reindex(out.index)


# ------------------------------------------------------------------------------------------------------- windows
@cache
def _future_markers() -> tuple[str, ...]:
    """Words that put a date expression ahead of the article ("21 يوليو المقبل"), from the date grammar's data."""
    if not (Path(DATA_DIR) / DATE_WORDS_FILE).exists():
        return ()
    rows = read_table(DATE_WORDS_FILE)
    return tuple(norm(w) for r in rows if r.get("kind") == "direction" and r.get("value") == "next"
                 for w in split_variants(r.get("forms", "")))


@cache
def _tenures() -> dict[str, tuple[tuple[dt.date, dt.date | None], ...]]:
    """person_en -> tenures, from data/officials.csv when another part of the project has written it."""
    if not (Path(DATA_DIR) / OFFICIALS_FILE).exists():
        return {}
    out: dict[str, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for row in read_table(OFFICIALS_FILE):
        try:
            s = dt.date.fromisoformat(row.get("start", ""))
        except ValueError:
            continue
        e_txt = row.get("end", "")
        try:
            e = dt.date.fromisoformat(e_txt) if e_txt else None
        except ValueError:
            e = None
        out[row.get("person_en", "")].append((s, e))
    return {k: tuple(v) for k, v in out.items() if k}


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _iso_start(value: str) -> tuple[dt.date, str] | None:
    v = value.strip()
    try:
        if len(v) == 10:
            return dt.date.fromisoformat(v), "day"
        if len(v) == 7:
            return dt.date.fromisoformat(v + "-01"), "month"
        if len(v) == 4:
            return dt.date(int(v), 1, 1), "year"
    except ValueError:
        return None
    return None


@cache
def _ordinal_floor(value: str) -> tuple[dt.date, str] | None:
    """Lower bound from a meeting number: the day after the previous meeting of the series was held."""
    kind, _, num = value.rpartition(":")
    try:
        n = int(num)
    except ValueError:
        return None
    ref = _held(_reference())
    ref = ref[ref["kind"] == (kind or "udcg_meeting")]
    rows = ref[ref["number"] == n]
    if rows.empty:
        return None
    this = rows["date"].iloc[0].date()
    prev = ref[ref["number"] == n - 1]
    floor = prev["date"].iloc[0].date() + dt.timedelta(days=1) if not prev.empty else this - dt.timedelta(days=30)
    return floor, f"meeting no. {n} ({this.isoformat()}) is named: on/after {floor.isoformat()}"


def infer_date_window(spans: pd.DataFrame, article_id: str) -> tuple[dt.date | None, dt.date | None, str]:
    """A publication-date window ``(start, end, basis)`` (inclusive) for an article without a publication date.

    - explicit dates (spans kind ``date``, ``value`` ISO): the article is on/after the latest one it reports; dates
      marked as ahead (المقبل/القادم) or later than today are skipped, and year-only dates count only when no finer
      date is there (years are often targets: "بحلول 2030");
    - meeting numbers (kind ``ordinal``, value ``28`` for the UDCG or ``kind:number``): on/after the day after the
      previous meeting of the series (the number is known once that one was held; previews name it before it happens);
    - the war's year (kind ``war_year``, value N): within [2022-02-24 + (N-1) years, 2022-02-24 + N years);
    - office-holders (kind ``official``, value person_en) with tenures in data/officials.csv: the stretch of days
      inside the window where most of them were in office at once, the latest such stretch on a tie (articles name
      predecessors more often than successors); ignored when none fits;
    - the end is never after today.
    Contradictory evidence keeps the war year and the dates, drops what does not fit, and says so in the basis.
    """
    if spans.empty:
        return None, None, ""
    sp = spans[spans["article_id"].astype("string") == article_id]
    raw = sp["raw"] if "raw" in sp else pd.Series("", index=sp.index)
    return _window(sp["kind"].astype("string").fillna("").tolist(), sp["value"].astype("string").fillna("").tolist(),
                   raw.astype("string").fillna("").tolist())


WINDOW_KINDS = ("date", "ordinal", "war_year", "official")  # the span kinds a date window is inferred from


def _window(kinds: list[str], values: list[str], raws: list[str]) -> tuple[dt.date | None, dt.date | None, str]:
    """``infer_date_window`` on one article's spans given as parallel lists (kind, value, raw)."""
    if not kinds:
        return None, None, ""
    today = dt.date.today()
    basis: list[str] = []
    lo: dt.date | None = None
    hi: dt.date | None = None

    def of(k: str) -> list[str]:
        return [v for kk, v in zip(kinds, values, strict=True) if kk == k]

    # explicit dates
    fine: list[tuple[dt.date, str]] = []
    years: list[tuple[dt.date, str]] = []
    for k, v, r in zip(kinds, values, raws, strict=True):
        if k != "date":
            continue
        got = _iso_start(str(v))
        if got is None or got[0] > today:
            continue
        folded = norm(str(r))
        if any(w in folded for w in _future_markers()):
            continue
        (fine if got[1] != "year" else years).append((got[0], str(v)))
    dates = fine or years
    if dates:
        d, v = max(dates)
        lo = d
        basis.append(f"latest reported date {v}: on/after {d.isoformat()}")
    # meeting numbers
    for v in sorted(set(of("ordinal"))):
        got = _ordinal_floor(str(v))
        if got is not None and (lo is None or got[0] > lo):
            lo = got[0]
            basis = [b for b in basis if not b.startswith("meeting no.")] + [got[1]]
    # the war's year
    war: tuple[dt.date, dt.date] | None = None
    for v in sorted(set(of("war_year"))):
        try:
            n = int(str(v))
        except ValueError:
            continue
        if not 1 <= n <= 30:
            continue
        w = (_add_years(WAR_START, n - 1), _add_years(WAR_START, n) - dt.timedelta(days=1))
        war = w if war is None else (max(war[0], w[0]), min(war[1], w[1]))
        basis.append(f"the war in its year {n}: {w[0].isoformat()}..{w[1].isoformat()}")
    if war is not None:
        if war[0] > war[1]:
            war = None
            basis.append("(war years disagree: ignored)")
        elif lo is not None and lo > war[1]:
            basis.append(f"(on/after {lo.isoformat()} contradicts the war year: dropped)")
            lo = None
    if war is not None:
        lo = war[0] if lo is None else max(lo, war[0])
        hi = war[1]
    # office-holders
    people = sorted({str(v) for v in of("official") if str(v) in _tenures()})
    if people:
        seg = _most_in_office(people, lo or dt.date(1900, 1, 1), min(hi or today, today))
        if seg is not None and (seg[1] - seg[0]).days + 1 >= MIN_TENURE_OVERLAP_DAYS:
            s, e, who = seg
            lo, hi = s, e
            basis.append(f"in office together: {', '.join(who)} ({s.isoformat()}..{e.isoformat()})")
        elif seg is not None:  # a hand-over day (Biden and Trump on 20 January): a successor named, not in office
            basis.append(f"(in office together only {seg[0].isoformat()}..{seg[1].isoformat()}: ignored)")
    if lo is None and hi is None:
        return None, None, ""
    if lo is not None and lo > today:
        return None, None, ""
    if hi is None or hi > today:
        hi = today
        basis.append("not after today")
    return lo, hi, "; ".join(basis)


def _most_in_office(people: Iterable[str], lo: dt.date, hi: dt.date) -> tuple[dt.date, dt.date, list[str]] | None:
    """The latest stretch of [lo, hi] in which the most of ``people`` held office at once (None if nobody did)."""
    if lo > hi:
        return None
    tenures = _tenures()
    edges: list[tuple[dt.date, int, str]] = []
    for person in people:
        for s, e in tenures.get(person, ()):
            s2, e2 = max(s, lo), min(e or hi, hi)
            if s2 <= e2:
                edges.append((s2, 1, person))
                edges.append((e2 + dt.timedelta(days=1), -1, person))
    if not edges:
        return None
    edges.sort(key=lambda x: (x[0], x[1]))
    best: tuple[int, dt.date, dt.date, list[str]] | None = None
    active: dict[str, int] = defaultdict(int)
    for i, (d, step, person) in enumerate(edges):
        active[person] += step
        nxt = edges[i + 1][0] if i + 1 < len(edges) else None
        if nxt is None or nxt == d:
            continue
        who = sorted(p for p, k in active.items() if k > 0)
        if who and (best is None or len(who) >= best[0]):
            best = (len(who), d, nxt - dt.timedelta(days=1), who)
    if best is None:
        return None
    return best[1], best[2], best[3]


def resolve_in_window(value_offset_days: int, start: dt.date, end: dt.date) -> tuple[str, str]:
    """(partial ISO date, precision) of an expression ``value_offset_days`` from an unknown publication date that lies
    in [start, end]: the coarsest precision that still holds the whole shifted window ("2025-06-04", "day";
    "2025-06", "month"; "2025", "year"), or ("", "") when the window spans years."""
    if start is None or end is None or start > end:
        return "", ""
    s = start + dt.timedelta(days=int(value_offset_days))
    e = end + dt.timedelta(days=int(value_offset_days))
    if s == e:
        return s.isoformat(), "day"
    if (s.year, s.month) == (e.year, e.month):
        return f"{s.year:04d}-{s.month:02d}", "month"
    if s.year == e.year:
        return f"{s.year:04d}", "year"
    return "", ""


def _strings(values: pd.Series) -> list[str]:
    """A column as a list of Python strings ("" for missing), without a per-value pandas call."""
    return ["" if v is None or v is pd.NA or v != v else str(v) for v in values.astype(object).tolist()]


WINDOW_DATE_BASIS = "relative to the article's inferred date window"


def same_in_window(raw: str, lo: dt.date, hi: dt.date) -> str:
    """The date an expression without a year ("12 فبراير") names for every publication day in [lo, hi] (tried at the
    window's ends and middle), or "" when the day in the window changes the answer (the year is not known)."""
    text = norm(raw)
    mid = lo + (hi - lo) / 2
    got: set[str] = set()
    for base in (lo, mid, hi):
        hits = [h.value for h in find_dates(text, base) if h.value]
        if len(hits) != 1:
            return ""
        got.add(hits[0])
    return got.pop() if len(got) == 1 else ""


def date_windows(articles: pd.DataFrame, spans: pd.DataFrame, events: pd.DataFrame
                 ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(articles, events)`` with the date window of every article without a publication date (``date_window_start``,
    ``_end``, ``_basis``, as ``infer_date_window``) and its relative event dates placed in that window
    (``resolve_in_window``). One pass over the spans and the events, whatever the number of undated articles."""
    arts, events = articles.copy(), events.copy()
    undated = arts["published"].isna()
    if not undated.any():
        return arts, events
    ids = arts.loc[undated, "article_id"].astype("string")
    sp = spans[spans["kind"].isin(WINDOW_KINDS) & spans["article_id"].astype("string").isin(set(ids.dropna()))]
    lists: dict[str, tuple[list[str], list[str], list[str]]] = {}
    raw = sp["raw"] if "raw" in sp else pd.Series("", index=sp.index)
    for aid, k, v, r in zip(_strings(sp["article_id"]), _strings(sp["kind"]), _strings(sp["value"]), _strings(raw),
                            strict=True):
        got = lists.setdefault(aid, ([], [], []))
        got[0].append(str(k))
        got[1].append(str(v))
        got[2].append(str(r))
    windows: dict[str, tuple[dt.date, dt.date, str]] = {}
    starts: list[object] = []
    ends: list[object] = []
    bases: list[str] = []
    for aid in _strings(ids):
        lo, hi, basis = _window(*lists.get(aid, ([], [], [])))
        starts.append(pd.Timestamp(lo) if lo else pd.NaT)
        ends.append(pd.Timestamp(hi) if hi else pd.NaT)
        bases.append(basis)
        if lo is not None and hi is not None:
            windows.setdefault(str(aid), (lo, hi, basis))
    arts.loc[undated, "date_window_start"] = pd.to_datetime(pd.Series(starts, index=ids.index, dtype="object"))
    arts.loc[undated, "date_window_end"] = pd.to_datetime(pd.Series(ends, index=ids.index, dtype="object"))
    arts.loc[undated, "date_window_basis"] = pd.Series(bases, index=ids.index, dtype="string")
    if not windows or events.empty:
        return arts, events
    undated_ev = events["article_id"].astype("string").isin(set(windows)) & (events["date"].fillna("") == "")
    rel = events[undated_ev & events["date_offset_days"].notna()]
    idx: list[object] = []
    vals: list[tuple[str, str, str, pd.Timestamp]] = []
    for eidx, aid, offset in zip(rel.index, _strings(rel["article_id"]), rel["date_offset_days"], strict=True):
        lo, hi, basis = windows[aid]
        value, precision = resolve_in_window(int(offset), lo, hi)
        if value:
            idx.append(eidx)
            vals.append((value, precision, f"{WINDOW_DATE_BASIS} ({basis})",
                         pd.Timestamp(value if len(value) == 10 else f"{value}-01"[:10])))
    # "12 February" with no year: the same day whatever the publication day inside the window
    named = events[undated_ev & events["date_offset_days"].isna() & (events["date_raw"].fillna("") != "")]
    for eidx, aid, said in zip(named.index, _strings(named["article_id"]), _strings(named["date_raw"]), strict=True):
        lo, hi, basis = windows[aid]
        day = same_in_window(str(said), lo, hi)
        if day:
            idx.append(eidx)
            vals.append((day, "day" if len(day) == 10 else "month", f"{WINDOW_DATE_BASIS} ({basis})",
                         pd.Timestamp(day if len(day) == 10 else f"{day}-01")))
    if idx:
        col = events["date_precision"]
        if isinstance(col.dtype, pd.CategoricalDtype):
            missing = sorted({v[1] for v in vals} - set(col.cat.categories))
            events["date_precision"] = col.cat.add_categories(missing) if missing else col
        events.loc[idx, "date"] = [v[0] for v in vals]
        events.loc[idx, "date_precision"] = [v[1] for v in vals]
        events.loc[idx, "date_basis"] = [v[2] for v in vals]
        events.loc[idx, "date_start"] = pd.to_datetime(pd.Series([v[3] for v in vals], index=idx))
    return arts, events


def _changed_types(events: pd.DataFrame, old_events: pd.DataFrame, touched: Collection[str]) -> set[str] | None:
    """The event types whose events differ between ``old_events`` and ``events``: those of the ``touched`` articles'
    events (before and after), and of any other event whose row changed (the steps before clustering look across
    articles). None when the rows of the other articles do not line up (then every type is clustered again)."""
    cols = [c for c in events.columns if c != "meeting_id"]
    if [c for c in old_events.columns if c != "meeting_id"] != cols:
        return None
    ids = list(touched)
    o_touch = old_events["article_id"].astype("string").isin(ids).to_numpy(dtype=bool)
    n_touch = events["article_id"].astype("string").isin(ids).to_numpy(dtype=bool)
    o_type = old_events["event_type"].astype("string").fillna("")
    n_type = events["event_type"].astype("string").fillna("")
    changed = set(o_type[o_touch]) | set(n_type[n_touch])
    a = old_events.loc[~o_touch, cols].reset_index(drop=True)
    b = events.loc[~n_touch, cols].reset_index(drop=True)
    if len(a) != len(b):
        return None
    differ = np.zeros(len(a), dtype=bool)
    for c in cols:
        x, y = a[c], b[c]
        if isinstance(x.dtype, pd.CategoricalDtype) or isinstance(y.dtype, pd.CategoricalDtype) or x.dtype != y.dtype:
            x, y = x.astype("string"), y.astype("string")
        xn, yn = x.isna().to_numpy(), y.isna().to_numpy()
        ne = (x != y).to_numpy(dtype=bool, na_value=False)
        differ |= (xn != yn) | (~xn & ~yn & ne)
    changed |= set(o_type[~o_touch].to_numpy()[differ]) | set(n_type[~n_touch].to_numpy()[differ])
    return changed


def canonical_meetings_update(events: pd.DataFrame, participants: pd.DataFrame, articles: pd.DataFrame,
                              old: tuple[pd.DataFrame, pd.DataFrame], touched: Collection[str]
                              ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``canonical_meetings`` after the articles ``touched`` were changed, added or removed: ``old`` is (events,
    meetings) of the previous result, whose other articles, their outlets and participants are as they were (an
    update of the loader). Meetings never mix event types, so a type none of whose events changed keeps its
    meetings and meeting ids; the other types are clustered again. The result equals ``canonical_meetings`` of the
    whole (tests/test_loader_update.py)."""
    old_events, old_meetings = old
    if events.empty or old_events.empty or "meeting_id" not in old_events:
        return canonical_meetings(events, participants, articles)
    changed = _changed_types(events, old_events, touched)
    if changed is None:
        return canonical_meetings(events, participants, articles)
    etype = events["event_type"].astype("string").fillna("")
    keep = (set(etype.unique()) | set(old_events["event_type"].astype("string").fillna("").unique())) - changed
    if not keep:
        return canonical_meetings(events, participants, articles)
    redo = ~etype.isin(list(keep)).to_numpy()
    ev_redo, mt_redo = canonical_meetings(events[redo], participants, articles)
    old_ids = pd.Series(old_events["meeting_id"].astype("string").to_numpy(),
                        index=old_events["event_id"].astype("string").to_numpy())
    old_ids = old_ids[~old_ids.index.duplicated()]
    out = events.copy()
    ids = pd.Series(old_ids.reindex(events["event_id"].astype("string").to_numpy()).to_numpy(), index=events.index,
                    dtype="string")
    ids[redo] = ev_redo["meeting_id"].astype("string").to_numpy()
    out["meeting_id"] = ids
    kept = old_meetings[old_meetings["event_type"].astype("string").fillna("").isin(list(keep)).to_numpy()]
    return out, _meetings_table(pd.concat([kept, mt_redo], ignore_index=True))
