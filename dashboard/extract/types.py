"""The values the extractors return.

Every extractor takes the *matching copy* of one sentence (``normalize(sentence).text``) and returns hits whose
``start``/``end`` index into that string and whose ``text`` is the matched slice of it. The article pipeline maps them
back to the original text (``NormText.span``), so every stored value keeps its raw text, sentence and offsets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month", "year"]
Qualifier = Literal["about", "more_than", "less_than", "at_least", "up_to", "exact"]
AmountKind = Literal["cumulative_total", "pledge", "package", "funding_gap", "other"]
CountryVia = Literal["name", "demonym", "code", "capital", "institution"]


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class DateHit(Hit):
    """A date expression, resolved against the publication date when it needs one.

    ``value`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (``precision`` says which); ``None`` when the expression is
    relative and no publication date was given. ``relative`` tells whether resolution needed the base date.
    ``offset_days`` is set for expressions that are a fixed number of days from the base (اليوم 0, أمس -1, غدا 1), so a
    caller with only a window for the base can still place them. ``quoted`` marks expressions inside quotation marks.
    """

    value: str | None
    precision: Precision | None
    relative: bool
    basis: str  # a short tag: "explicit", "today", "yesterday", "weekday", "month_name", "ago", "period", ...
    offset_days: int | None = None
    quoted: bool = False

    @property
    def date(self) -> dt.date | None:
        """First day of the period (``2025-03`` -> 2025-03-01)."""
        if self.value is None:
            return None
        parts = [int(p) for p in self.value.split("-")]
        while len(parts) < 3:
            parts.append(1)
        return dt.date(parts[0], parts[1], parts[2])


@dataclass(frozen=True, slots=True)
class AmountHit(Hit):
    """Money: ``value`` in units of ``currency`` (ISO 4217), scale already applied."""

    value: float
    currency: str
    qualifier: Qualifier
    value_usd: float | None
    kind: AmountKind
    kind_cue: str | None = None  # the normalised word that decided the kind, for review
    usd_rate: float | None = None  # US dollars per unit of ``currency`` used for ``value_usd``
    rate_date: dt.date | None = None  # the day whose rate was used (None: a stated equivalent, a peg, no rate)
    rate_source: str | None = None  # "ECB reference rate", "stated", "USD", or the fallback's provenance
    alt_value: float | None = None  # the same figure restated in another currency ("(نحو 540 مليون دولار)")
    alt_currency: str | None = None
    scale_inferred: bool = False  # a bare "43.9 دولار" of aid read as billions; ``text`` keeps what was written


@dataclass(frozen=True, slots=True)
class CountHit(Hit):
    """A number of countries (or delegations / members) said to take part."""

    value: int
    qualifier: Qualifier
    unit: Literal["countries", "delegations", "members"]


@dataclass(frozen=True, slots=True)
class CountryHit(Hit):
    """A country named (``via`` name, demonym or ISO code) or stood for (capital, institution)."""

    iso3: str
    via: CountryVia

    @property
    def counts_as_mention(self) -> bool:
        return self.via in ("name", "demonym", "code")


@dataclass(frozen=True, slots=True)
class PlaceHit(Hit):
    """A meeting place: an English city name, or "Virtual"."""

    location: str
    via: Literal["city", "venue", "online"]


@dataclass(frozen=True, slots=True)
class OfficialHit(Hit):
    """A known office-holder (from the tenures table) or a title with a nationality."""

    name_en: str | None
    iso3: str | None
    role: str  # e.g. "Secretary of Defense", or the Arabic title when the person is unknown
    in_tenure: bool | None  # None when no publication date or no tenure dates


@dataclass(frozen=True, slots=True)
class TriggerHit(Hit):
    """A word or phrase that names an event of ``event_type``."""

    event_type: str
    cue: str  # lexicon key that fired
