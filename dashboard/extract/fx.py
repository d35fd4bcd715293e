"""Exchange rates by date: how many US dollars one unit of a currency was worth on a given day.

Source: the European Central Bank's euro foreign exchange reference rates, daily since 4 January 1999, as shipped
inside the ``currencyconverter`` package (its ``eurofxref-hist.zip``; the package is pinned in requirements.txt and
reads that file from disk: nothing is downloaded at run time). A cross rate is USD-per-EUR / currency-per-EUR of the
same day. A day without a reference rate (weekend, TARGET holiday) takes the last published day before it, and that
day is what ``Rate.date`` says. A date after the last day in the file takes the last day.

Currencies the ECB does not publish (UAH, EGP, SAR, AED) and RUB after 1 March 2022 (when the ECB stopped) take the
fallback of ``data/currencies.csv`` (``per_usd``: a fixed peg, or an approximate average, with its provenance in
``rate_note``); a currency with neither has no dollar value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from .lexicon import read_table

__all__ = ["ECB", "Rate", "usd_rate"]

ECB = "ECB reference rate"
_MAX_GAP_DAYS = 10  # longest run of days without a reference rate (Easter, year end) is 4-5 days
_STALE_DAYS = 31  # a series that ends this long before the file does was discontinued (RUB)


@dataclass(frozen=True, slots=True)
class Rate:
    """US dollars per one unit of a currency, the day whose rate it is (``None`` when the rate has no date, e.g. a
    peg) and where it comes from."""

    usd_per_unit: float
    date: dt.date | None
    source: str


@cache
def _converter() -> Any:
    """The ECB history, loaded once per process (about 0.2-0.4 s), and only when a non-dollar amount needs it.

    ``fallback_on_wrong_date=True``: dates after the file's last day take its last day. Missing days are NOT
    interpolated by the package (``fallback_on_missing_rate`` stays off): ``_ecb`` walks back to the last published
    day itself, so that the day it used can be reported."""
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_wrong_date=True, fallback_on_missing_rate=False)


@cache
def _fallbacks() -> dict[str, tuple[float, str]]:
    """code -> (units per USD, provenance) from ``currencies.csv``."""
    out: dict[str, tuple[float, str]] = {}
    for row in read_table("currencies.csv"):
        if row.get("per_usd"):
            out[row["code"]] = (float(row["per_usd"]), row.get("rate_note", "") or "currencies.csv")
    return out


def _ecb(code: str, on: dt.date | None) -> Rate | None:
    from currency_converter import RateNotFoundError

    conv = _converter()
    if code not in conv.currencies:
        return None
    last_day = conv.bounds["USD"].last_date
    first, last = conv.bounds[code]
    if last_day - last > dt.timedelta(days=_STALE_DAYS) and (on is None or on > last):
        return None  # discontinued series (RUB since March 2022): never stretch an old rate forward
    day = min(on or last_day, last_day, last)
    day = max(day, first)
    for _ in range(_MAX_GAP_DAYS + 1):
        try:
            return Rate(float(conv.convert(1.0, code, "USD", date=day)), day, ECB)
        except RateNotFoundError:
            day -= dt.timedelta(days=1)
            if day < first:
                break
    return None


def usd_rate(code: str, on: dt.date | None = None) -> Rate | None:
    """The rate of ``code`` (ISO 4217) on day ``on`` (``None``: the latest rate), or ``None`` when there is none."""
    if code == "USD":
        return Rate(1.0, None, "USD")
    rate = _ecb(code, on)
    if rate is not None:
        return rate
    fb = _fallbacks().get(code)
    if fb is None:
        return None
    return Rate(1.0 / fb[0], None, f"currencies.csv: {fb[1]}")
