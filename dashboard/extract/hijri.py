"""Hijri dates in one normalised sentence, converted to the Gregorian calendar with hijridate (Umm al-Qura).

``find_hijri(sentence, gregorian)`` takes the matching copy of a sentence (``normalize.norm``) and the resolved
Gregorian dates the date grammar found in it, as ``(start, end, value, year_given)``; it returns ``HijriDate``s with
the window of Gregorian days the expression covers. ``dates.find_dates`` turns the window into a value with an honest
precision.

What is read (month names and markers from ``data/hijri_months.csv``, every spelling normalised):

- day, month name, year: ``14 رمضان 1446 هـ``, ``12 من شهر شعبان 1446``, ``1 ذو القعدة سنة 1445 هجرية``; the year
  must be 1343-1500 (the Umm al-Qura tables' range); with a month name the marker هـ is optional;
- month name and year without a day: the whole month (``رمضان 1446 هـ`` is ``2025-03``);
- numeric with the marker: ``14-09-1432 هـ``, ``14/9/1432هـ``, ``1432/09/14 هـ`` (year first);
- a weekday or يوم before the day is part of the expression;
- a double date: a Hijri and a Gregorian date side by side, joined by الموافق (and the like), a comma, a dash, a slash
  or a bracket, in either order, is one expression. When the two agree (their windows overlap) the result is the
  finer one, basis ``hijri+gregorian``; when they do not, the result spans both and the basis is
  ``hijri+gregorian:disagree``: the disagreement is flagged, never settled by picking one side. A Gregorian half
  without a year ("12 شعبان 1446 هـ الموافق 13 فبراير") takes its year from the Hijri half (the nearest year).

A day the Umm al-Qura month does not have (30 in a 29-day month: local moon sighting can differ) gives the month.
Without a year nothing is returned (a Hijri month alone is not resolved). Basis of a Hijri date alone: ``hijri``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import NamedTuple

from hijridate import Hijri

from .lexicon import read_table, split_variants
from .normalize import norm

__all__ = ["HijriDate", "find_hijri", "hijri_to_gregorian"]

_L = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3"
_NA = f"(?![{_L}])"
YEAR_MIN, YEAR_MAX = 1343, 1500  # hijridate's Umm al-Qura range


class HijriDate(NamedTuple):
    start: int
    end: int
    lo: dt.date  # first Gregorian day the expression may mean
    hi: dt.date  # last one (== lo for a day)
    basis: str  # "hijri", "hijri+gregorian", "hijri+gregorian:disagree"


def _forms(cell: str) -> list[str]:
    return [" ".join(norm(f).split()) for f in split_variants(cell) if norm(f).strip()]


_ROWS = read_table("hijri_months.csv")
MONTHS: dict[str, int] = {f: int(r["month"]) for r in _ROWS if r["kind"] == "month" for f in _forms(r["forms"])}
_MARKERS = [f for r in _ROWS if r["kind"] == "marker" for f in _forms(r["forms"])]
_CONNECTORS = [f for r in _ROWS if r["kind"] == "connector" for f in _forms(r["forms"])]
_WEEKDAYS = [f for r in read_table("date_words.csv") if r["kind"] == "weekday" for f in _forms(r["forms"])]


def _alt(words: Sequence[str]) -> str:
    longest_first = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in longest_first) + ")"


_MON = _alt(list(MONTHS)) + _NA
_MARK = _alt(_MARKERS) + _NA
_YEAR = r"(?<![0-9])1[345][0-9]{2}(?![0-9])"
_PRE = rf"(?:(?:يوم\s+)?{_alt(_WEEKDAYS)}{_NA}\s*[،,]?\s*)?(?:يوم\s+)?"
_NAMED = (
    rf"(?:(?P<d>(?<![0-9.,/-])[0-9]{{1,2}})(?![0-9])\s*(?:من\s+)?)?(?:شهر\s+)?(?P<m>{_MON})\s*[،,]?\s*"
    rf"(?:(?:من\s+)?(?:ال|ل)?(?:عام|سنه){_NA}\s*)?(?P<y>{_YEAR})(?:\s*(?P<mk>{_MARK}))?"
)
_NUMERIC = (
    r"(?<![0-9./-])(?:(?P<nd>[0-9]{1,2})(?P<s>[/.-])(?P<nm>[0-9]{1,2})(?P=s)(?P<ny>1[345][0-9]{2})"
    r"|(?P<ny2>1[345][0-9]{2})(?P<s2>[/.-])(?P<nm2>[0-9]{1,2})(?P=s2)(?P<nd2>[0-9]{1,2}))(?![0-9])"
    rf"\s*(?P<nmk>{_MARK})"
)
_HIJRI_RE = re.compile(rf"(?<![{_L}0-9])(?P<c>{_PRE}(?:{_NAMED}|{_NUMERIC}))")
_QUICK = re.compile(r"1[345][0-9]{2}")
_GAP = re.compile(rf"\s*[(\[،,/-]?\s*(?:(?:{_alt(_CONNECTORS)}){_NA}\s*(?:ل\s*)?)?[(\[]?\s*")
_BACK_GAP = re.compile(rf"\s*[(\[،,/-]?\s*(?:(?:{_alt(_CONNECTORS)}){_NA}\s*)?[(\[]?\s*")
_CLOSE = re.compile(r"\s*\)")
_CLITIC = re.compile(r"[وف]?[بلك]?")


def hijri_to_gregorian(year: int, month: int, day: int | None) -> tuple[dt.date, dt.date] | None:
    """The Gregorian window of a Hijri day (or of the whole month when ``day`` is None or not in the Umm al-Qura
    month); None when the year or month is out of range."""
    if not (YEAR_MIN <= year <= YEAR_MAX and 1 <= month <= 12):
        return None
    try:
        first = Hijri(year, month, 1)
    except (ValueError, OverflowError):
        return None
    g = first.to_gregorian()
    lo = dt.date(g.year, g.month, g.day)
    length = first.month_length()
    if day is not None and 1 <= day <= length:
        d = lo + dt.timedelta(days=day - 1)
        return d, d
    return lo, lo + dt.timedelta(days=length - 1)


def _window(value: str) -> tuple[dt.date, dt.date] | None:
    """The window of a Gregorian value ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY``."""
    parts = [int(p) for p in value.split("-")]
    try:
        if len(parts) == 3:
            d = dt.date(*parts)
            return d, d
        if len(parts) == 2:
            lo = dt.date(parts[0], parts[1], 1)
            nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return lo, nxt - dt.timedelta(days=1)
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    except (ValueError, TypeError):
        return None


def _read(m: re.Match[str]) -> tuple[dt.date, dt.date] | None:
    if m["m"]:
        return hijri_to_gregorian(int(m["y"]), MONTHS[" ".join(m["m"].split())], int(m["d"]) if m["d"] else None)
    if m["ny"]:
        y, mo, d = int(m["ny"]), int(m["nm"]), int(m["nd"])
    else:
        y, mo, d = int(m["ny2"]), int(m["nm2"]), int(m["nd2"])
    if not 1 <= d <= 30:
        return None
    return hijri_to_gregorian(y, mo, d)


def find_hijri(sentence: str, gregorian: Sequence[tuple[int, int, str, bool]] = ()) -> list[HijriDate]:
    """Hijri dates of one normalised sentence (see the module docstring). ``gregorian``: the explicit Gregorian
    dates found in it, ``(start, end, value, year_given)``, so that a double date becomes one expression."""
    if not _QUICK.search(sentence):
        return []
    out: list[HijriDate] = []
    for m in _HIJRI_RE.finditer(sentence):
        win = _read(m)
        if win is None:
            continue
        start, end = m.start("c"), m.end("c")
        lo, hi = win
        basis = "hijri"
        other = _partner(sentence, start, end, gregorian, win)
        if other is not None:
            (g_start, g_end), (g_lo, g_hi) = other
            if g_lo <= hi and lo <= g_hi:  # they agree: the finer reading
                lo, hi, basis = max(lo, g_lo), min(hi, g_hi), "hijri+gregorian"
            else:
                lo, hi, basis = min(lo, g_lo), max(hi, g_hi), "hijri+gregorian:disagree"
            start, end = min(start, g_start), max(end, g_end)
            close = _CLOSE.match(sentence, end)
            if close and sentence.count("(", start, end) > sentence.count(")", start, end):
                end = close.end()  # "13 فبراير 2025 (14 شعبان 1446 هـ)": the bracket closes the expression
        out.append(HijriDate(start, end, lo, hi, basis))
    return out


def _same_year_as(value: str, hijri: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date] | None:
    """A Gregorian value said without a year, put in the year nearest to the Hijri window (overlapping it if any)."""
    rest = value.split("-", 1)[1] if "-" in value else ""
    best: tuple[int, tuple[dt.date, dt.date]] | None = None
    for year in range(hijri[0].year - 1, hijri[1].year + 2):
        win = _window(f"{year:04d}-{rest}") if rest else None
        if win is None:
            continue
        gap = max((win[0] - hijri[1]).days, (hijri[0] - win[1]).days, 0)
        if best is None or gap < best[0]:
            best = (gap, win)
    return best[1] if best else None


def _partner(s: str, start: int, end: int, gregorian: Sequence[tuple[int, int, str, bool]],
             hijri: tuple[dt.date, dt.date]) -> tuple[tuple[int, int], tuple[dt.date, dt.date]] | None:
    """The Gregorian date right after (or right before) the Hijri one, joined by a connector, if any."""
    after = _GAP.match(s, end)
    for g_start, g_end, value, year_given in gregorian:
        win = _window(value)
        if win is None:
            continue
        if not year_given:
            win = _same_year_as(value, hijri) or win
        if after and g_start >= end:
            clitic = _CLITIC.match(s, after.end())
            if g_start in (after.end(), clitic.end() if clitic else -1):
                return (g_start, g_end), win
        if g_end <= start and _BACK_GAP.fullmatch(s, g_end, start):
            return (g_start, g_end), win
    return None
