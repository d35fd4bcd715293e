"""The one set of filters shared by every page: state, URL form, and how it cuts a Corpus.

Pure pandas except ``sidebar()`` (the widgets), which imports streamlit when called.

URL form (``st.query_params``): ``countries=POL,DEU&from=2024-01-01&to=2024-06-30&types=udcg_meeting,nato_meeting``
and ``lang=ar`` for chart labels. Unknown or malformed values are dropped, never raised.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pyarrow as pa

from dashboard.derive import ids as _ids
from dashboard.derive import isin, keys, lookup, union
from dashboard.schema import Corpus

EVENT_TYPES: dict[str, tuple[str, str]] = {  # type -> (English label, Arabic label) for the UI
    "udcg_meeting": ("Ramstein group (UDCG)", "مجموعة رامشتاين"),
    "coalition_meeting": ("Coalition of the willing", "تحالف الراغبين"),
    "nato_meeting": ("NATO meeting", "اجتماع الناتو"),
    "armaments_meeting": ("Armaments directors", "مديرو التسلح"),
    "phone_call": ("Phone call", "اتصال هاتفي"),
    "bilateral_meeting": ("Bilateral talks", "محادثات ثنائية"),
    "other_meeting": ("Other meeting", "اجتماع آخر"),
}
URL_KEYS = ("countries", "from", "to", "types", "outlets", "lang")
OUTLET_SEP = "|"  # outlets are free text (a comma may be part of a name)
_ISO3 = re.compile(r"^(?:[A-Z]{3}|ALL)$")
_TYPE = re.compile(r"^[a-z][a-z0-9_]{0,40}$")


@dataclass(frozen=True)
class Filters:
    """What the user selected. Empty tuples and ``None`` dates mean "no restriction"."""

    countries: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event_types: tuple[str, ...] = ()
    lang: str = "en"
    extra: Mapping[str, str] = field(default_factory=dict, compare=False)
    outlets: tuple[str, ...] = ()

    @property
    def has_dates(self) -> bool:
        return self.date_from is not None or self.date_to is not None

    @property
    def active(self) -> bool:
        return bool(self.countries or self.has_dates or self.event_types or self.outlets)

    def to_query(self) -> dict[str, str]:
        """The URL parameters for this state (only the ones that restrict something)."""
        q: dict[str, str] = {}
        if self.countries:
            q["countries"] = ",".join(self.countries)
        if self.date_from:
            q["from"] = self.date_from.isoformat()
        if self.date_to:
            q["to"] = self.date_to.isoformat()
        if self.event_types:
            q["types"] = ",".join(self.event_types)
        if self.outlets:
            q["outlets"] = OUTLET_SEP.join(self.outlets)
        if self.lang != "en":
            q["lang"] = self.lang
        return q

    def slug(self) -> str:
        """A short, file-name-safe description of the filter (``all`` when nothing is selected)."""
        bits = []
        if self.countries:
            bits.append("-".join(self.countries) if len(self.countries) <= 4 else f"{len(self.countries)}-countries")
        if self.has_dates:
            bits.append(f"{self.date_from or 'start'}-to-{self.date_to or 'end'}")
        if self.event_types:
            bits.append("-".join(t.removesuffix("_meeting") for t in self.event_types)
                        if len(self.event_types) <= 3 else f"{len(self.event_types)}-types")
        if self.outlets:
            bits.append(f"{len(self.outlets)}-outlet{'s' if len(self.outlets) > 1 else ''}")
        return "_".join(bits) if bits else "all"

    def describe(self, country_label: Callable[[str], str] = str) -> str:
        """One line for captions and chart subtitles, in the label language (dates read in the language's order:
        "from … to …" / "من … إلى …")."""
        ar = self.lang == "ar"
        bits = []
        if self.countries:
            bits.append(("، " if ar else ", ").join(country_label(c) for c in self.countries))
        if self.has_dates:
            if ar:
                bits.append(" ".join(x for x in (f"من {self.date_from}" if self.date_from else "",
                                                 f"إلى {self.date_to}" if self.date_to else "") if x))
            else:
                bits.append(" ".join(x for x in (f"from {self.date_from}" if self.date_from else "",
                                                 f"to {self.date_to}" if self.date_to else "") if x))
        if self.event_types:
            bits.append(("، " if ar else ", ").join(EVENT_TYPES.get(t, (t, t))[ar] for t in self.event_types))
        if self.outlets:
            bits.append(("، " if ar else ", ").join(self.outlets))
        return " · ".join(bits) if bits else ("كل البيانات" if ar else "all data")


def _split(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [p for v in value for p in _split(v)]
    return [p.strip() for p in str(value).split(",") if p.strip()]


def _date(value: Any) -> dt.date | None:
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    try:
        return dt.date.fromisoformat(str(value).strip()) if value else None
    except ValueError:
        return None


def from_query(params: Mapping[str, Any]) -> Filters:
    """Read URL parameters; anything malformed is ignored."""
    countries = tuple(dict.fromkeys(c.upper() for c in _split(params.get("countries")) if _ISO3.match(c.upper())))
    types = tuple(dict.fromkeys(t for t in _split(params.get("types")) if _TYPE.match(t)))
    d0, d1 = _date(params.get("from")), _date(params.get("to"))
    if d0 and d1 and d0 > d1:
        d0, d1 = d1, d0
    lang = "ar" if str(params.get("lang", "")).strip() == "ar" else "en"
    raw = params.get("outlets")
    raw = raw[-1] if isinstance(raw, (list, tuple)) and raw else raw
    outlets = tuple(dict.fromkeys(o.strip()[:200] for o in str(raw or "").split(OUTLET_SEP) if o.strip()))[:50]
    return Filters(countries=countries, date_from=d0, date_to=d1, event_types=types, lang=lang, outlets=outlets)


# ---------------------------------------------------------------------------------------------------------------------
# Applying filters


def reference_chaired(countries: Iterable[str]) -> set[tuple[str, int]]:
    """(event type, number) of the reference meetings chaired by one of ``countries``."""
    try:
        from dashboard.meetings import reference_meetings
        ref = reference_meetings()
    except Exception:  # no reference calendar: nothing to add
        return set()
    want = set(countries)
    out = set()
    for kind, num, chairs in zip(ref["kind"].astype("string"), ref["number"], ref["chairs"].astype("string"),
                                 strict=True):
        if pd.notna(num) and pd.notna(chairs) and want & {c.strip() for c in str(chairs).split(";")}:
            out.add((str(kind), int(num)))
    return out


def countries_meetings(corpus: Corpus, countries: Iterable[str]) -> tuple[pa.Array, pa.Array]:
    """(events in which one of ``countries`` is named, meetings that are theirs), as Arrow value sets
    (``derive.keys``): a meeting is theirs when one of its events names one of them, or the reference calendar lists
    one of them as its chair."""
    countries = list(countries)
    p = corpus.participants
    own = keys(p.loc[isin(p["country"], countries), "event_id"])
    ev = corpus.events
    mids = keys(ev.loc[isin(ev["event_id"], own), "meeting_id"])
    chaired = reference_chaired(countries)
    if chaired:
        mt = corpus.meetings
        num = mt["reference_number"].astype("Float64")
        pairs = zip(mt["event_type"].astype("string").fillna(""), num, mt["meeting_id"].astype("string"),
                    strict=True)
        extra = sorted({str(m) for t, n, m in pairs if pd.notna(n) and pd.notna(m) and (t, int(n)) in chaired})
        mids = union(mids, pa.array(extra, type=pa.large_string()))
    return own, mids


def _in_range(dates: pd.Series, f: Filters) -> pd.Series:
    """Dates inside the range; missing dates are outside when a range is set."""
    keep = dates.notna()
    if f.date_from:
        keep &= dates >= pd.Timestamp(f.date_from)
    if f.date_to:
        keep &= dates < pd.Timestamp(f.date_to) + pd.Timedelta(days=1)
    return keep


def _explode_ids(col: pd.Series) -> pd.Series:
    """``"a;b"`` cells -> one id per row, index kept."""
    return col.fillna("").astype(str).str.split(";").explode().str.strip()


def apply(corpus: Corpus, f: Filters) -> Corpus:
    """Cut every table of ``corpus`` to the filter (``errors`` is never filtered).

    What a country filter means, on every page: the meetings and talks the selected countries are part of (named in
    any role in any article's report of it, or listed as chair in the reference calendar), with their full coverage
    (every article and event that reports such a meeting), plus the articles that name the countries and the aid
    they give.

    - events: type in ``event_types``; ``date_start`` in range (undated events drop out when a range is set); with
      countries, events in which one of them is named, and every event of a meeting that is theirs (above).
    - participants: rows of kept events; with a country filter, only the selected countries' rows.
    - amounts: donor among the countries; date (the amount's own, else its article's publication) in range; an amount
      tied to an event is kept only if that event is.
    - articles: published (else its date window) in range; with countries, articles that name one of them, or have a
      kept event or amount; with types, articles that have a kept event.
    - mentions, spans: rows of kept articles (mentions also by country).
    - meetings: type and date like events; with countries, meetings with a kept event.
    """
    if not f.active:
        return corpus
    # The masks are worked out on the key columns; the rows of a table are copied out only when a page reads that
    # table (``Corpus.lazy``): at 100,000 articles copying every table took half of this function's time.
    by_outlet = None
    if f.outlets:  # the articles of those outlets, and what was extracted from them
        a = corpus.articles
        by_outlet = keys(a.loc[isin(a["outlet"], f.outlets), "article_id"])
    ev = corpus.events
    keep = pd.Series(True, index=ev.index)
    if by_outlet is not None:
        keep &= isin(ev["article_id"], by_outlet)
    if f.event_types:
        keep &= isin(ev["event_type"], f.event_types)
    if f.has_dates:
        keep &= _in_range(ev["date_start"], f)
    if f.countries:
        own, mids = countries_meetings(corpus, f.countries)
        keep &= isin(ev["event_id"], own) | isin(ev["meeting_id"], mids)
    kept_events = keys(ev["event_id"][keep])
    event_articles = keys(ev["article_id"][keep])

    art = corpus.articles
    pub = art["published"]
    if "date_window_start" in art:
        pub = pub.fillna(art["date_window_start"])
    am = corpus.amounts
    akeep = pd.Series(True, index=am.index)
    if f.countries:
        akeep &= isin(am["donor"], f.countries)
    if f.has_dates:
        pub_by_id = pd.Series(pub.to_numpy(), index=art["article_id"].astype("string").fillna(""))
        am_date = am["date_start"].fillna(lookup(am["article_id"], pub_by_id))
        akeep &= _in_range(am_date, f)
    if f.event_types:
        has_event = am["event_id"].notna() & (am["event_id"].astype("string") != "").fillna(False)
        akeep &= ~has_event | isin(am["event_id"], kept_events)
    if by_outlet is not None:
        akeep &= isin(am["article_id"], by_outlet)

    arkeep = pd.Series(True, index=art.index)
    if by_outlet is not None:
        arkeep &= isin(art["article_id"], by_outlet)
    if f.has_dates:
        arkeep &= _in_range(pub, f)
    if f.countries:
        m = corpus.mentions
        named = keys(m.loc[isin(m["country"], f.countries), "article_id"])
        arkeep &= isin(art["article_id"], union(named, event_articles, keys(am["article_id"][akeep])))
    if f.event_types:
        arkeep &= isin(art["article_id"], event_articles)
    kept_articles = keys(art["article_id"][arkeep])

    # the mask of each table's rows kept, worked out when a page first reads that table
    def rows_of(table: pd.DataFrame, key: str, values: pa.Array, country: str | None) -> Callable[[], pd.Series]:
        """Rows whose ``key`` is among ``values`` (and, with a country filter, whose ``country`` column is one)."""
        @functools.cache
        def rows() -> pd.Series:
            hit = isin(table[key], values)
            return hit & isin(table[country], f.countries) if f.countries and country else hit
        return rows

    @functools.cache
    def meeting_rows() -> pd.Series:
        mt = corpus.meetings
        mkeep = pd.Series(True, index=mt.index)
        linked = keys(ev["meeting_id"][keep])
        if by_outlet is not None:  # meetings reported by those outlets
            mkeep &= isin(mt["meeting_id"], linked)
        if f.event_types:
            mkeep &= isin(mt["event_type"], f.event_types)
        if f.has_dates:
            mkeep &= _in_range(mt["date_start"].fillna(mt["date_min"]), f)
        if f.countries:
            if len(linked) or ev["meeting_id"].notna().any():
                mkeep &= isin(mt["meeting_id"], linked)
            else:  # events not linked by id: use the meetings' own event lists
                exploded = _explode_ids(mt["event_ids"])
                hit = isin(exploded, kept_events).groupby(level=0).any()
                mkeep &= hit.reindex(mt.index, fill_value=False).astype(bool)
        return mkeep

    return Corpus.lazy({"errors": corpus.errors}, {
        "events": (ev, lambda: keep), "articles": (art, lambda: arkeep), "amounts": (am, lambda: akeep),
        "participants": (corpus.participants, rows_of(corpus.participants, "event_id", kept_events, "country")),
        "mentions": (corpus.mentions, rows_of(corpus.mentions, "article_id", kept_articles, "country")),
        "systems": (corpus.systems, rows_of(corpus.systems, "article_id", kept_articles, "donor")),
        "spans": (corpus.spans, rows_of(corpus.spans, "article_id", kept_articles, None)),
        "meetings": (corpus.meetings, meeting_rows),
    })


# ---------------------------------------------------------------------------------------------------------------------
# Options offered by the widgets


@dataclass(frozen=True)
class Options:
    countries: tuple[str, ...]
    event_types: tuple[str, ...]
    date_min: dt.date
    date_max: dt.date
    outlets: tuple[str, ...] = ()


def _dates(series: Iterable[pd.Series]) -> list[dt.date]:
    out = []
    for s in series:
        s = s.dropna()
        if len(s):
            out += [s.min().date(), s.max().date()]
    return out


def options(corpus: Corpus, today: dt.date | None = None) -> Options:
    """Countries (any ISO3 in participants, mentions or amount donors), event types and the data's date span."""
    codes: set[str] = set()
    for s in (corpus.participants["country"], corpus.mentions["country"], corpus.amounts["donor"]):
        codes |= {c for c in _ids(s) if _ISO3.match(c) and c != "ALL"}
    types = [t for t in EVENT_TYPES if t in _ids(corpus.events["event_type"])] or list(EVENT_TYPES)
    types += sorted(_ids(corpus.events["event_type"]) - set(types))
    found = _dates([corpus.events["date_start"], corpus.articles["published"], corpus.amounts["date_start"]])
    today = today or dt.date.today()
    d0, d1 = (min(found), max(found)) if found else (today - dt.timedelta(days=365), today)
    names = corpus.articles["outlet"].astype("string").str.strip()
    counts = names[names.fillna("") != ""].value_counts()
    return Options(countries=tuple(sorted(codes)), event_types=tuple(types), date_min=d0, date_max=d1,
                   outlets=tuple(str(o) for o in counts.index))


# ---------------------------------------------------------------------------------------------------------------------
# Widgets (streamlit)

K_COUNTRIES, K_DATES, K_TYPES, K_LANG, K_OUTLETS = "f_countries", "f_dates", "f_types", "f_lang", "f_outlets"
K_DATES_SET = "_f_dates_set"  # True only while the date range is one the user chose (in the widget or the URL)


def _state_from(f: Filters, opts: Options) -> dict[str, Any]:
    return {
        K_COUNTRIES: list(f.countries),
        K_DATES: (f.date_from or opts.date_min, f.date_to or opts.date_max),
        K_DATES_SET: f.has_dates,
        K_TYPES: list(f.event_types),
        K_OUTLETS: list(f.outlets),
        K_LANG: f.lang,
    }


def from_state(state: Mapping[str, Any], opts: Options) -> Filters:
    """Filters from the widget values. The date range restricts only when the user set it (``K_DATES_SET``); the
    default range follows the data, so new data (an upload) widens it instead of being hidden by the old span."""
    dates: Any = state.get(K_DATES) or ()
    dates = tuple(d for d in dates if d) if isinstance(dates, (list, tuple)) else (dates,)
    d0 = dates[0] if dates else None
    d1 = dates[1] if len(dates) > 1 else None
    if not state.get(K_DATES_SET, True):
        d0 = d1 = None
    d0 = None if d0 == opts.date_min else d0
    d1 = None if d1 == opts.date_max else d1
    return Filters(countries=tuple(state.get(K_COUNTRIES) or ()), date_from=d0, date_to=d1,
                   event_types=tuple(state.get(K_TYPES) or ()), lang=state.get(K_LANG) or "en",
                   outlets=tuple(state.get(K_OUTLETS) or ()))


def _dates_changed(opts: Options) -> None:
    """The user touched the date widget: the range is a filter unless it is the data's whole span."""
    import streamlit as st

    value = st.session_state.get(K_DATES) or ()
    st.session_state[K_DATES_SET] = tuple(value) != (opts.date_min, opts.date_max)


def sidebar(opts: Options, country_label: Callable[[str], str], where: Any = None) -> Filters:
    """Draw the filter widgets in ``where`` (default: the sidebar), their state seeded from the URL once per
    session, and keep the URL in sync."""
    import streamlit as st

    ss = st.session_state
    if "_filters_seeded" not in ss:
        url = from_query({k: st.query_params.get(k) for k in URL_KEYS})
        ss.update(_state_from(url, opts))
        ss["_filters_seeded"] = True
    if not ss.get(K_DATES_SET):  # no range chosen: the widget shows the data's span, whatever the data is now
        ss[K_DATES] = (opts.date_min, opts.date_max)
    # values asked for by the URL stay selectable even if this corpus does not have them
    country_opts = list(dict.fromkeys([*opts.countries, *ss.get(K_COUNTRIES, [])]))
    type_opts = list(dict.fromkeys([*opts.event_types, *ss.get(K_TYPES, [])]))
    outlet_opts = list(dict.fromkeys([*opts.outlets, *ss.get(K_OUTLETS, [])]))
    lo = min(opts.date_min, *(d for d in ss.get(K_DATES, ()) if d))
    hi = max(opts.date_max, *(d for d in ss.get(K_DATES, ()) if d))
    ar = ss.get(K_LANG) == "ar"

    def t(en: str, arabic: str) -> str:
        return arabic if ar else en

    with where if where is not None else st.sidebar:
        st.radio(t("Language · اللغة", "اللغة"), ["en", "ar"], key=K_LANG, horizontal=True,
                 format_func=lambda v: {"en": "English", "ar": "العربية"}[v])
        st.subheader(t("Filters · عوامل التصفية", "عوامل التصفية"))
        st.multiselect(t("Countries · الدول", "الدول"), country_opts, key=K_COUNTRIES, format_func=country_label,
                       placeholder=t("All countries · كل الدول", "كل الدول"))
        st.date_input(t("Date range · الفترة", "الفترة"), min_value=lo, max_value=hi, key=K_DATES,
                      format="YYYY-MM-DD", on_change=_dates_changed, args=(opts,))
        st.multiselect(t("Event types · أنواع الأحداث", "أنواع الأحداث"), type_opts, key=K_TYPES,
                       format_func=lambda x: EVENT_TYPES.get(x, (x, x))[1] if ar else " · ".join(
                           EVENT_TYPES.get(x, (x, x))), placeholder=t("All types · كل الأنواع", "كل الأنواع"))
        if outlet_opts:  # options are shown as plain text
            st.multiselect(t("Outlets · وسائل الإعلام", "وسائل الإعلام"), outlet_opts, key=K_OUTLETS,
                           placeholder=t("All outlets · كل الوسائل", "كل الوسائل"))
        f = from_state(ss, opts)
        if f.active:
            st.button(t("Clear filters", "مسح عوامل التصفية"), key="f_clear", on_click=_clear, args=(opts, f.lang))
    sync_url(f)
    return f


def _clear(opts: Options, lang: str) -> None:
    import streamlit as st

    st.session_state.update(_state_from(Filters(lang=lang), opts))


def sync_url(f: Filters) -> None:
    """Write the filter keys of ``f`` into the URL, leaving other parameters (e.g. ``article``) alone."""
    import streamlit as st

    want = f.to_query()
    for key in URL_KEYS:
        if key in want:
            if st.query_params.get(key) != want[key]:
                st.query_params[key] = want[key]
        elif key in st.query_params:
            del st.query_params[key]
