"""Tables derived from a (filtered) Corpus for the pages: pure pandas, no streamlit, no plotly.

Rules that keep numbers honest:
- Amounts of different kinds are never added up. The same figure reported by several articles (same donor, kind and
  value to three significant digits) is ONE figure, with its sources listed.
- Country counts count distinct meetings (``meeting_id``, else the event), not the articles that report them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.extract.normalize import norm, normalize
from dashboard.extract.systems import arabic_names
from dashboard.schema import Corpus

MEETING_TYPES = ("udcg_meeting", "coalition_meeting", "nato_meeting", "armaments_meeting", "other_meeting",
                 "bilateral_meeting", "phone_call")


def keys(s: pd.Series) -> pa.Array:
    """The distinct non-missing values of a text column, as an Arrow array (a value set for ``isin``, without a
    Python string per row)."""
    arr = pa.array(s.astype("string").array)
    return pc.unique(pc.drop_null(arr))


def union(*sets: pa.Array) -> pa.Array:
    """The distinct values of several ``keys`` arrays."""
    parts = [x.cast(pa.large_string()) for x in sets if len(x)]
    return pc.unique(pa.concat_arrays(parts)) if parts else pa.array([], type=pa.large_string())


def isin(s: pd.Series, values: Iterable[object] | pa.Array) -> pd.Series:
    """``s.isin(values)`` as a bool Series, fast for big value sets (pandas' arrow-string ``isin`` builds one pyarrow
    scalar per value); ``values`` may be an Arrow array from ``keys``; missing values are never in."""
    if isinstance(values, pa.Array):
        return _arrow_isin(s.astype("string"), values)
    vals = [v for v in values if v is not None and v is not pd.NA]
    if isinstance(s.dtype, pd.CategoricalDtype):
        return s.isin(vals).fillna(False).astype(bool)
    if isinstance(s.dtype, pd.StringDtype):
        try:  # Arrow-backed text: hashed in Arrow, without a Python object per row (values not text: fall through)
            return _arrow_isin(s, pa.array(vals, type=pa.large_string()))
        except (pa.ArrowException, TypeError):
            pass
    obj = pd.Series(s.to_numpy(dtype=object, na_value=None), index=s.index, dtype=object)
    return obj.isin(vals)


def _arrow_isin(s: pd.Series, value_set: pa.Array) -> pd.Series:
    arr = pa.array(s.array)
    hit = pc.fill_null(pc.is_in(arr, value_set=value_set.cast(arr.type)), False)
    return pd.Series(hit.to_numpy(zero_copy_only=False), index=s.index, dtype=bool)


def ids(series: pd.Series) -> set[str]:
    """The distinct non-missing values as a set of str."""
    return {str(v) for v in pd.unique(series.to_numpy(dtype=object, na_value=None)) if v is not None}


def lookup(keys: pd.Series, mapping: pd.Series) -> pd.Series:
    """``keys.map(mapping)`` that also works when ``mapping`` is empty or not unique (first value wins)."""
    m = mapping[~mapping.index.duplicated()]
    if m.index.inferred_type in ("string", "empty"):  # text keys: matched in Arrow, not through a pandas Index
        where = pc.index_in(pa.array(keys.astype("string").fillna("").array, type=pa.large_string()),
                            value_set=pa.array(pd.Series(m.index, dtype="string").array, type=pa.large_string()))
        pos = where.fill_null(-1).to_numpy(zero_copy_only=False).astype("int64")
        return pd.Series(pd.api.extensions.take(m.array, pos, allow_fill=True), index=keys.index)
    return pd.Series(m.reindex(keys.astype("string").fillna("").to_numpy()).to_numpy(), index=keys.index,
                     dtype=m.dtype)


def _s(series: pd.Series) -> pd.Series:
    """As plain strings, missing -> ''."""
    return series.astype("string").fillna("")


def txt(x: object) -> str:
    """A cell as text: None / NA / NaN -> ''."""
    if x is None or x is pd.NA or (isinstance(x, float) and pd.isna(x)):
        return ""
    return str(x)


def day(x: object, missing: str = "") -> str:
    """A date cell as ``YYYY-MM-DD`` (``missing`` for None / NaT)."""
    if x is None or x is pd.NaT or x is pd.NA or (isinstance(x, float) and pd.isna(x)):
        return missing
    try:
        return pd.Timestamp(x).strftime("%Y-%m-%d")  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return missing


def published_label(article: Mapping[str, object], missing: str = "no publication date", lang: str = "en") -> str:
    """The publication day, or for an undated article the window its content allows ("between 2025-02-13 and
    2025-06-04 (basis)"), never an invented day."""
    pub = day(article.get("published"))
    if pub:
        return pub
    lo, hi = day(article.get("date_window_start")), day(article.get("date_window_end"))
    if not (lo or hi):
        return missing
    ar = lang == "ar"
    if lo and hi:
        span = lo if lo == hi else (f"بين {lo} و{hi}" if ar else f"between {lo} and {hi}")
    elif ar:
        span = f"في {lo} أو بعده" if lo else f"في {hi} أو قبله"
    else:
        span = f"on or after {lo}" if lo else f"on or before {hi}"
    basis = txt(article.get("date_window_basis"))
    if ar:
        return f"بلا تاريخ نشر: {span}"
    return f"undated: {span}" + (f" ({basis})" if basis else "")


_WRAP = {}  # width -> compiled pattern


def wrap(text: object, width: int = 60, limit: int = 240) -> str:
    """Escape ``text`` for plotly hover labels, cut to ``limit`` chars and break lines near ``width``."""
    s = " ".join(txt(text).split())
    if len(s) > limit:
        s = s[: limit - 1].rstrip() + "…"
    s = html.escape(s, quote=False)
    if len(s) <= width:
        return s
    pat = _WRAP.get(width) or _WRAP.setdefault(width, re.compile(rf".{{1,{width}}}(?:\s+|$)|\S+"))
    return "<br>".join(m.strip() for m in pat.findall(s) if m.strip())


# ---------------------------------------------------------------------------------------------------------------------
# Overview


def overview_counts(c: Corpus, figures: pd.DataFrame | None = None) -> dict[str, int]:
    """Articles, events, meetings, countries named, distinct aid figures (``figures``: ``amount_figures`` of the
    corpus, when the caller has it already)."""
    meetings = len(c.meetings) if len(c.meetings) else _meeting_keys(c.events).nunique()
    # the columns counted, not the tables (a view cuts only these: Corpus.select)
    codes = pd.concat([_s(c.select("participants", ["country"])["country"]),
                       _s(c.select("mentions", ["country"])["country"])], ignore_index=True)
    countries = codes[codes != ""].nunique()
    figures = amount_figures(c.amounts, c.select("articles", ["article_id", "published"])) if figures is None \
        else figures
    return {
        "articles": len(c.select("articles", ["article_id"])), "events": len(c.events), "meetings": int(meetings),
        "countries": int(countries), "aid_figures": len(figures),
    }


def _meeting_keys(events: pd.DataFrame) -> pd.Series:
    """The meeting an event belongs to: ``meeting_id`` or, failing that, the event itself."""
    mid = _s(events["meeting_id"])
    return mid.where(mid != "", _s(events["event_id"]))


def events_by_month(events: pd.DataFrame) -> pd.DataFrame:
    """Columns: month (Timestamp, first of month), event_type, events."""
    dated = events["date_start"].notna()
    if not dated.any():
        return pd.DataFrame({"month": pd.Series(dtype="datetime64[s]"), "event_type": pd.Series(dtype="string"),
                             "events": pd.Series(dtype="int64")})
    day = events["date_start"].to_numpy(dtype="datetime64[ns]")[dated.to_numpy()]  # two columns, not every row
    month = day.astype("datetime64[M]").astype("datetime64[s]")  # the first of the month, without Period objects
    out = (pd.DataFrame({"month": month, "event_type": _s(events["event_type"][dated]).to_numpy()})
           .groupby(["month", "event_type"]).size().rename("events").reset_index())
    return out


def latest_events(events: pd.DataFrame, articles: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    cols = ["date", "event_type", "location", "attending_count", "article_id", "title", "evidence", "meeting_id"]
    if events.empty:
        return pd.DataFrame(columns=cols)
    titles = articles.set_index(articles["article_id"].astype("string").fillna(""))["title"]
    # the n latest by a sort of the date column alone (a sort of the whole table moves every row's text)
    order = events["date_start"].reset_index(drop=True).sort_values(ascending=False, na_position="last",
                                                                    kind="stable").index[:n]
    ev = events.iloc[order]
    out = ev.assign(title=lookup(ev["article_id"], titles))
    return out[cols].reset_index(drop=True)


def undated_events(events: pd.DataFrame) -> pd.DataFrame:
    cols = ["event_id", "article_id", "event_type", "date_raw", "evidence"]
    return events.loc[events["date_start"].isna(), cols].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------------------------------
# Aid


def _sig3(values: pd.Series) -> pd.Series:
    """Each number written with 3 significant digits (``f"{v:.3g}"``, for all rows at once); missing -> ''."""
    v = values.astype("float64").to_numpy(dtype="float64", na_value=np.nan)
    out = np.char.mod("%.3g", v).astype(object)
    out[np.isnan(v)] = ""
    return pd.Series(out, index=values.index, dtype="string")


def amount_figures(amounts: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct reported figure: donor, kind, value_usd, value, currency, date (as-of: the earliest date
    it was reported for), n_sources, article_ids, evidence, raw, amount_ids."""
    cols = ["donor", "kind", "value_usd", "value", "currency", "date", "n_sources", "article_ids", "evidence", "raw",
            "amount_ids", "category"]
    if amounts.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols}).astype(
            {"value_usd": "float64", "n_sources": "int64", "date": "datetime64[s]"})
    pub = articles.set_index(articles["article_id"].astype("string").fillna(""))["published"]
    a = amounts.assign(
        donor=_s(amounts["donor"]), kind=_s(amounts["kind"]).replace("", "other"),
        _date=amounts["date_start"].fillna(lookup(amounts["article_id"], pub)),
        _usd=amounts["value_usd"].astype("float64"),
        _category=_s(amounts["category"]).replace("", "unknown") if "category" in amounts else "unknown",
    )
    usd_key = _sig3(a["_usd"])
    raw_key = _sig3(a["value"]) + _s(a["currency"])
    a["_key"] = usd_key.where(usd_key != "", "raw:" + raw_key)
    a = a.sort_values("_date", na_position="last")
    g = a.groupby(["donor", "kind", "_key"], sort=False, dropna=False)
    out = g.agg(
        value_usd=("_usd", "max"), value=("value", "first"), currency=("currency", "first"), date=("_date", "min"),
        n_sources=("article_id", "nunique"),
        article_ids=("article_id", lambda s: ";".join(dict.fromkeys(s.astype(str)))),
        evidence=("evidence", "first"), raw=("raw", "first"),
        amount_ids=("amount_id", lambda s: ";".join(s.astype(str))),
        category=("_category", "first"),
    ).reset_index().drop(columns="_key")
    out["value"] = out["value"].astype("float64")
    out["currency"] = out["currency"].astype("string")
    return out[cols].sort_values(["kind", "date"], na_position="last").reset_index(drop=True)


def category_totals(figures: pd.DataFrame) -> pd.DataFrame:
    """Per kind, donor and aid category (military, financial...): the distinct figures added up, except cumulative
    totals, of which the latest is taken (a running total is never added to another). Kinds stay apart: one row
    per (kind, donor, category) with ``value_usd``, ``n_figures`` and ``how`` ("sum" or "latest")."""
    cols = ["kind", "donor", "category", "value_usd", "n_figures", "how"]
    f = figures[figures["value_usd"].notna()] if len(figures) else figures
    if f.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols}).astype(
            {"value_usd": "float64", "n_figures": "int64"})
    f = f.assign(category=f["category"].fillna("unknown") if "category" in f else "unknown")
    keys = ["kind", "donor", "category"]
    cum = f[f["kind"] == "cumulative_total"].sort_values("date", na_position="first")
    latest = cum.groupby(keys, dropna=False).agg(value_usd=("value_usd", "last"), n_figures=("value_usd", "size"))
    summed = f[f["kind"] != "cumulative_total"].groupby(keys, dropna=False).agg(
        value_usd=("value_usd", "sum"), n_figures=("value_usd", "size"))
    out = pd.concat([latest.reset_index().assign(how="latest"), summed.reset_index().assign(how="sum")],
                    ignore_index=True)
    return out[cols].sort_values(["kind", "value_usd"], ascending=[True, False]).reset_index(drop=True)


def aid_by_donor(figures: pd.DataFrame, kinds: tuple[str, ...] = ("pledge", "package"), top: int = 8) -> pd.DataFrame:
    """Per donor, kind and quarter: the sum of the distinct figures of that kind (a figure reported by several
    articles counts once; kinds are never added together), the ``top`` donors by total and the rest as ``other``.
    Columns: quarter (first day), donor, kind, value_usd, n_figures."""
    cols = ["quarter", "donor", "kind", "value_usd", "n_figures"]
    d = figures[figures["kind"].isin(kinds) & figures["value_usd"].notna() & figures["date"].notna()]
    d = d[~d["donor"].isin(["", "ALL"])]
    if d.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c == "value_usd" else "object") for c in cols})
    best = d.groupby("donor")["value_usd"].sum().sort_values(ascending=False)
    keep = set(best.index[:top])
    d = d.assign(donor=d["donor"].where(d["donor"].isin(keep), "other"),
                 quarter=pd.to_datetime(d["date"]).dt.to_period("Q").dt.to_timestamp())
    out = d.groupby(["quarter", "donor", "kind"], as_index=False).agg(value_usd=("value_usd", "sum"),
                                                                     n_figures=("value_usd", "size"))
    return out[cols].sort_values(["quarter", "donor"]).reset_index(drop=True)


def latest_totals(figures: pd.DataFrame) -> pd.DataFrame:
    """Per donor, the most recent cumulative total (ties: more sources, then the larger value)."""
    t = figures[(figures["kind"] == "cumulative_total") & figures["value_usd"].notna()]
    if t.empty:
        return t.reset_index(drop=True)
    t = t.sort_values(["donor", "date", "n_sources", "value_usd"], ascending=[True, False, False, False],
                      na_position="last")
    return t.drop_duplicates("donor").sort_values("value_usd", ascending=False).reset_index(drop=True)


def system_mentions(systems: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The systems table for the "What is given" page: one row per system named in an article, dated by the article
    (``date``), with ``first_pledge`` marking the earliest pledged or delivered mention of each (system, donor), and
    ``system_ar`` the name the Arabic pages show."""
    cols = ["date", "system", "system_ar", "category", "donor", "status", "quantity", "quantity_qualifier", "raw",
            "evidence", "article_id", "system_id", "first_pledge"]
    if systems.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols}).astype(
            {"date": "datetime64[s]", "first_pledge": "bool", "quantity": "float64"})
    pub = articles.set_index(articles["article_id"].astype("string").fillna(""))["published"]
    d = systems.assign(
        donor=_s(systems["donor"]), status=_s(systems["status"]), category=_s(systems["category"]),
        date=systems["date_start"].fillna(lookup(systems["article_id"], pub)),
        quantity=systems["quantity"].astype("float64"),
        system_ar=systems["system"].map(lambda n: arabic_names().get(str(n), str(n))),  # a named system keeps its name
    ).sort_values(["date", "system_id"], na_position="last")
    given = d["status"].isin(["pledged", "delivered"])
    first = given & ~d[given].duplicated(["system", "donor"]).reindex(d.index, fill_value=True)
    d["first_pledge"] = first & d["date"].notna()
    return d[cols].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------------------------------
# Countries and attendance


def role_counts(participants: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Distinct meetings per country, role and meeting type. Columns: country, role, event_type, meetings."""
    cols = ["country", "role", "event_type", "meetings"]
    if participants.empty or events.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "meetings" else "string") for c in cols})
    ev = pd.DataFrame({"event_id": _s(events["event_id"]), "event_type": _s(events["event_type"]),
                       "meeting": _meeting_keys(events)})
    p = pd.DataFrame({"event_id": _s(participants["event_id"]), "country": _s(participants["country"]),
                      "role": _s(participants["role"]).replace("", "attendee")})
    m = p.merge(ev, on="event_id", how="inner")
    m = m[m["country"] != ""]
    out = m.groupby(["country", "role", "event_type"])["meeting"].nunique().rename("meetings").reset_index()
    return out.sort_values(["meetings", "country"], ascending=[False, True]).reset_index(drop=True)


TALK_TYPES = ("phone_call", "bilateral_meeting")  # talks between two sides, not meetings of a group
GROUP_TYPES = tuple(t for t in MEETING_TYPES if t not in TALK_TYPES)
ROLE_GROUPS = {  # group -> (roles, meeting types)
    "chair": (("chair",), GROUP_TYPES), "part": (("chair", "attendee", "party"), GROUP_TYPES),
    "absent": (("absent",), GROUP_TYPES), "talks": (("chair", "attendee", "party"), TALK_TYPES),
}


def role_group(roles: pd.DataFrame, group: str) -> pd.DataFrame:
    """Rows of ``role_counts`` for one group: ``chair``, ``part`` (chairs, attends or is a party: a chair takes part
    too), ``absent`` (all three: meetings of a group, not calls or bilateral talks) and ``talks`` (phone calls and
    bilateral talks, charted apart)."""
    role_set, types = ROLE_GROUPS[group]
    known = roles["event_type"].isin(MEETING_TYPES)
    return roles[roles["role"].isin(role_set) & (roles["event_type"].isin(types) | (~known & (group != "talks")))]


def country_totals(roles: pd.DataFrame) -> pd.DataFrame:
    """Per country: meetings of a group taken part in (any role but absent), chaired, absent. For the map. Phone
    calls and bilateral talks are not counted."""
    roles = roles[~roles["event_type"].isin(TALK_TYPES)]
    if roles.empty:
        return pd.DataFrame({"country": pd.Series(dtype="string"), "took_part": pd.Series(dtype="int64"),
                             "chaired": pd.Series(dtype="int64"), "absent": pd.Series(dtype="int64")})
    wide = roles.pivot_table(index="country", columns="role", values="meetings", aggfunc="sum", fill_value=0)
    present = [c for c in wide.columns if c != "absent"]
    out = pd.DataFrame({
        "took_part": wide[present].sum(axis=1) if present else 0,
        "chaired": wide["chair"] if "chair" in wide else 0,
        "absent": wide["absent"] if "absent" in wide else 0,
    }).reset_index()
    return out.sort_values("took_part", ascending=False).reset_index(drop=True)


def attendance_reports(events: pd.DataFrame) -> pd.DataFrame:
    """One row per meeting and reported count of attending countries (a count repeated by several articles is one
    point, with its first article), so the chart stays light at any corpus size."""
    cols = ["date_start", "event_type", "attending_count", "attending_qualifier", "location", "article_id",
            "meeting_id", "evidence"]
    keep = events["attending_count"].notna() & events["date_start"].notna()
    ev = events.loc[keep, [*cols, "event_id"]]  # the columns shown, not every column of every row
    ev = ev.assign(_m=_meeting_keys(ev)).sort_values("date_start", kind="stable")
    return ev.drop_duplicates(["_m", "attending_count"])[cols].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------------------------------
# Meetings timeline

_KIND_PATTERNS = [("udcg", "udcg_meeting"), ("ramstein", "udcg_meeting"), ("contact", "udcg_meeting"),
                  ("coalition", "coalition_meeting"), ("nato", "nato_meeting"), ("armament", "armaments_meeting")]


def kind_to_type(kind: object) -> str:
    k = txt(kind).strip().lower()
    if k in MEETING_TYPES:
        return k
    for pat, t in _KIND_PATTERNS:
        if pat in k:
            return t
    return "udcg_meeting" if not k or k in ("nan", "<na>") else "other_meeting"


def meetings_from_events(events: pd.DataFrame) -> pd.DataFrame:
    """A fallback meetings table (schema "meetings" columns that the timeline uses) grouped from events."""
    ev = events[_s(events["event_type"]).isin(MEETING_TYPES) & events["date_start"].notna()]
    if ev.empty:
        return pd.DataFrame(columns=["meeting_id", "event_type", "date_start", "location", "chairs", "absent",
                                     "attending_min", "attending_max", "n_articles", "reference_number",
                                     "disagreement", "article_ids", "event_ids"])
    ev = ev.assign(_m=_meeting_keys(ev))
    g = ev.groupby("_m", sort=False)
    out = g.agg(event_type=("event_type", "first"), date_start=("date_start", "min"),
                location=("location", lambda s: s.dropna().mode().iloc[0] if s.notna().any() else None),
                attending_min=("attending_count", "min"), attending_max=("attending_count", "max"),
                n_articles=("article_id", "nunique"), reference_number=("reference_number", "max"),
                article_ids=("article_id", lambda s: ";".join(dict.fromkeys(s.astype(str)))),
                event_ids=("event_id", lambda s: ";".join(s.astype(str))))
    out = out.reset_index().rename(columns={"_m": "meeting_id"})
    out["event_type"] = _s(out["event_type"])
    out["chairs"] = ""
    out["absent"] = ""
    out["disagreement"] = ""
    return out


def timeline(meetings: pd.DataFrame, events: pd.DataFrame, reference: pd.DataFrame | None,
             names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Reference meetings as the backbone, corpus meetings laid on them.

    Columns: event_type, date, number, location, chairs, attendance, status, n_articles, article_ids, evidence,
    disagreement, source, ref_source. ``attendance`` is a number or a range of numbers of countries (from the
    reference's ``attending_low``/``attending_high``, never its research notes), ``ref_source`` the first URL the
    reference row rests on. ``status``: ``reported`` (in the reference and the corpus), ``disagreement`` (reported,
    sources disagree), ``not covered`` (reference only), ``not held`` (a reference meeting that was called off),
    ``not in reference`` (corpus only).
    """
    names = names or {}
    cols = ["event_type", "date", "number", "location", "chairs", "attendance", "status", "n_articles",
            "article_ids", "evidence", "disagreement", "source", "ref_source", "meeting_id"]
    mt = meetings if len(meetings) else meetings_from_events(events)
    mt = mt[mt["date_start"].notna()] if len(mt) else mt
    # each meeting's sentence: the first event of the meeting that has one, else the meeting's first event's
    first_events = [txt(x).split(";")[0] for x in (mt["event_ids"] if "event_ids" in mt else [""] * len(mt))]
    evidence = [""] * len(mt)
    if len(events) and len(mt):
        ev = events.loc[events["evidence"].notna(), ["event_id", "meeting_id", "evidence"]]
        said = ev["evidence"].astype("string")
        by_meeting = lookup(_s(mt["meeting_id"]), pd.Series(said.to_numpy(), index=_meeting_keys(ev).to_numpy()))
        by_event = lookup(pd.Series(first_events, dtype="string"),
                          pd.Series(said.to_numpy(), index=_s(ev["event_id"]).to_numpy()))
        evidence = [a if isinstance(a, str) and a else b if isinstance(b, str) else ""
                    for a, b in zip(by_meeting.tolist(), by_event.tolist(), strict=True)]

    def chairs(cell: object) -> str:
        codes = [c.strip() for c in txt(cell).replace(",", ";").split(";") if c.strip()]
        return ", ".join(names.get(c, c) for c in codes)

    def col(name: str, default: object = "") -> list[object]:  # a column as Python values (not row by row)
        return mt[name].tolist() if name in mt else [default] * len(mt)

    lows, highs = col("attending_min", pd.NA), col("attending_max", pd.NA)
    dis = [txt(x) for x in col("disagreement")]
    rows = {
        "event_type": [str(x) for x in mt["event_type"].tolist()], "date": mt["date_start"].tolist(),
        "number": col("reference_number", pd.NA), "location": [txt(x) for x in mt["location"].tolist()],
        "chairs": [chairs(x) for x in col("chairs")],
        "attendance": ["" if pd.isna(hi) else (f"{int(lo)}–{int(hi)}" if pd.notna(lo) and lo != hi else f"{int(hi)}")
                       for lo, hi in zip(lows, highs, strict=True)],
        "status": ["disagreement" if d else "reported" for d in dis],
        "n_articles": [int(x) if pd.notna(x) else 0 for x in mt["n_articles"].tolist()],
        "article_ids": [txt(x) for x in mt["article_ids"].tolist()], "evidence": evidence, "disagreement": dis,
        "source": ["corpus"] * len(mt), "ref_source": [""] * len(mt),
        "meeting_id": [txt(x) for x in mt["meeting_id"].tolist()],
    }
    corpus_rows = pd.DataFrame(rows, columns=cols)
    corpus_rows["date"] = pd.to_datetime(corpus_rows["date"])
    if reference is None or reference.empty:
        corpus_rows.loc[corpus_rows["status"] == "reported", "status"] = "not in reference"
        return corpus_rows.sort_values("date").reset_index(drop=True)

    ref = reference.copy()
    ref["event_type"] = ref["kind"].map(kind_to_type) if "kind" in ref else "udcg_meeting"
    ref["date"] = pd.to_datetime(ref["date"], errors="coerce")
    ref = ref[ref["date"].notna()]
    out = []
    # corpus rows as arrays, so matching each reference meeting is a few vector operations
    c_type = corpus_rows["event_type"].to_numpy(dtype=object)
    c_num = corpus_rows["number"].astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
    c_date = corpus_rows["date"].to_numpy(dtype="datetime64[ns]")
    c_dis, c_ids, c_evid, c_mid = (corpus_rows[k].tolist() for k in ("disagreement", "article_ids", "evidence",
                                                                     "meeting_id"))
    free = np.ones(len(corpus_rows), dtype=bool)
    one_day = np.timedelta64(1, "D")
    for r in ref.itertuples(index=False):
        num = getattr(r, "number", pd.NA)
        same_type = c_type == r.event_type
        hit = same_type & (c_num == float(num)) if pd.notna(num) else np.zeros(len(c_type), dtype=bool)
        with np.errstate(invalid="ignore"):
            near = ~np.isnat(c_date) & (np.abs(c_date - np.datetime64(r.date, "ns")) <= one_day)
        hit |= same_type & near & np.isnan(c_num)
        matched = np.flatnonzero(hit & free)
        free[matched] = False
        chair_names = txt(getattr(r, "chair_names", ""))
        base = {
            "event_type": r.event_type, "date": r.date, "number": num,
            "location": txt(getattr(r, "location", "")),
            "chairs": chairs(getattr(r, "chairs", "")) + (f" ({chair_names})" if chair_names else ""),
            "attendance": count_range(getattr(r, "attending_low", None), getattr(r, "attending_high", None)),
            "source": "reference", "ref_source": first_url(getattr(r, "sources", "")),
        }
        if not len(matched):
            held = txt(getattr(r, "format", "")).lower() != "not held"  # a cancelled meeting cannot be covered
            out.append({**base, "status": "not covered" if held else "not held", "n_articles": 0, "article_ids": "",
                        "evidence": "", "disagreement": "", "meeting_id": ""})
        else:
            dis = "; ".join(c_dis[i] for i in matched if c_dis[i])
            ids = ";".join(dict.fromkeys(a for i in matched for a in c_ids[i].split(";") if a))
            out.append({**base, "status": "disagreement" if dis else "reported",
                        "n_articles": len(ids.split(";")) if ids else 0, "article_ids": ids,
                        "evidence": next((c_evid[i] for i in matched if c_evid[i]), ""), "disagreement": dis,
                        "source": "reference+corpus", "meeting_id": next((c_mid[i] for i in matched if c_mid[i]), "")})
    rest = corpus_rows[free].copy()
    rest.loc[rest["status"] == "reported", "status"] = "not in reference"
    res = pd.concat([pd.DataFrame(out, columns=cols), rest], ignore_index=True)
    res["date"] = pd.to_datetime(res["date"])
    return res.sort_values(["date", "event_type"]).reset_index(drop=True)


def count_range(low: object, high: object) -> str:
    """``50``, ``45–50`` or ``""`` from two counts (either may be missing)."""
    lo = None if low is None or pd.isna(low) else int(low)  # type: ignore[call-overload]
    hi = None if high is None or pd.isna(high) else int(high)  # type: ignore[call-overload]
    if lo is None and hi is None:
        return ""
    if lo is None or hi is None or lo == hi:
        return str(lo if hi is None else hi)
    return f"{min(lo, hi)}–{max(lo, hi)}"


def first_url(cell: object) -> str:
    """The first http(s) URL of a ``;``-separated list, or ``""``."""
    for part in txt(cell).split(";"):
        part = part.strip()
        if re.match(r"https?://[^\s\"'<>]+$", part):
            return part
    return ""


def restrict_reference(reference: pd.DataFrame | None, date_from: object, date_to: object,
                       types: tuple[str, ...], countries: tuple[str, ...] = (),
                       meetings: pd.DataFrame | None = None) -> pd.DataFrame | None:
    """The reference calendar cut to the date range and event types of the filter. With ``countries``: only the
    reference meetings that are theirs, i.e. chaired by one of them, or matching one of ``meetings`` (the corpus
    meetings the country filter kept) by number, else by type and date (± 1 day)."""
    if reference is None or reference.empty:
        return reference
    ref = reference.copy()
    d = pd.to_datetime(ref["date"], errors="coerce")
    keep = d.notna()
    if date_from:
        keep &= d >= pd.Timestamp(date_from)
    if date_to:
        keep &= d < pd.Timestamp(date_to) + pd.Timedelta(days=1)
    if types:
        kinds = ref["kind"].map(kind_to_type) if "kind" in ref else pd.Series("udcg_meeting", index=ref.index)
        keep &= kinds.isin(types)
    if countries:
        want = set(countries)
        chaired = ref["chairs"].astype("string").fillna("").map(
            lambda c: bool(want & {x.strip() for x in c.split(";")})) if "chairs" in ref else False
        kinds = ref["kind"].map(kind_to_type) if "kind" in ref else pd.Series("udcg_meeting", index=ref.index)
        hit = pd.Series(False, index=ref.index)
        if meetings is not None and len(meetings):
            mt = meetings[meetings["date_start"].notna() | meetings["reference_number"].notna()]
            by_num = {(str(t), int(n)) for t, n in zip(mt["event_type"].astype("string"),
                                                       mt["reference_number"].astype("Float64"), strict=True)
                      if pd.notna(n)}
            nums = ref["number"].astype("Float64") if "number" in ref else pd.Series(pd.NA, index=ref.index)
            hit |= pd.Series([(k, int(n)) in by_num if pd.notna(n) else False for k, n in zip(kinds, nums,
                                                                                               strict=True)],
                             index=ref.index)
            days: dict[str, set[pd.Timestamp]] = {}  # type -> days of the corpus meetings (the reference is short)
            for t, day_ in zip(mt["event_type"].astype("string"), pd.to_datetime(mt["date_start"]), strict=True):
                if pd.notna(day_):
                    days.setdefault(str(t), set()).add(day_.normalize())
            near = [bool(pd.notna(x) and any(x.normalize() + pd.Timedelta(days=k) in days.get(str(k_), ())
                                             for k in (-1, 0, 1)))
                    for x, k_ in zip(d, kinds, strict=True)]
            hit |= pd.Series(near, index=ref.index)
        keep &= chaired | hit
    return ref[keep]


# ---------------------------------------------------------------------------------------------------------------------
# One article

SPAN_KINDS = ("date", "country", "country_ref", "amount", "event", "count", "place", "official", "system")


def highlight_html(text: object, spans: pd.DataFrame) -> str:
    """The article as escaped HTML with ``<mark class="k-KIND">`` around each span (offsets into ``text``).

    Every character of the article goes through ``html.escape``; overlapping spans are cut at the overlap so marks
    never nest; spans with offsets outside the text are skipped.
    """
    s = txt(text)
    marks: list[tuple[int, int, str, str]] = []
    if len(spans):
        for start, end, kind, value in zip(spans["start"], spans["end"], spans["kind"], spans["value"], strict=True):
            if pd.isna(start) or pd.isna(end):
                continue
            a, b = int(start), int(end)
            if 0 <= a < b <= len(s):
                marks.append((a, b, txt(kind), txt(value)))
    marks.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    out, pos = [], 0
    for a, b, kind, value in marks:
        a = max(a, pos)
        if a >= b:
            continue
        out.append(html.escape(s[pos:a]))
        cls = re.sub(r"[^a-z_]", "", kind.lower()) or "other"
        title = html.escape(f"{kind}: {value}" if value else kind, quote=True)
        out.append(f'<mark class="k-{cls}" title="{title}">{html.escape(s[a:b])}</mark>')
        pos = b
    out.append(html.escape(s[pos:]))
    return "".join(out).replace("\n", "<br>")


def article_rows(c: Corpus, article_id: str) -> dict[str, pd.DataFrame]:
    """The extracted rows of one article, table by table."""
    out = {}
    for name in ("events", "participants", "amounts", "mentions", "spans", "systems"):
        df = getattr(c, name)
        out[name] = df[df["article_id"] == article_id].reset_index(drop=True)
    return out


# ---------------------------------------------------------------------------------------------------------------------
# Search


def search_index(c: Corpus, country_words: Mapping[str, str], type_words: Mapping[str, str]) -> pd.DataFrame:
    """Per article, the matching form (``extract.normalize``: hamza, ta marbuta, alef maqsura, diacritics folded,
    Latin lower-cased) of its title and text, and of its extracted facts: the countries it names or that take part
    in its events (``country_words``: code -> names in both languages), its places and its event types
    (``type_words``: type -> labels). Columns: article_id, text, facts."""
    arts = c.articles
    aid = _s(arts["article_id"])
    text = [norm(f"{txt(t)}\n{txt(x)}") for t, x in zip(arts["title"], arts["text"], strict=True)]
    facts: dict[str, set[str]] = {a: set() for a in aid}
    for df in (c.mentions, c.participants):
        for a, code in zip(_s(df["article_id"]), _s(df["country"]), strict=True):
            if a in facts and code:
                facts[a].add(country_words.get(code, code))
    ev = c.events
    for a, t, loc in zip(_s(ev["article_id"]), _s(ev["event_type"]), _s(ev["location"]), strict=True):
        if a in facts:
            facts[a].update(x for x in (type_words.get(t, t), loc) if x)
    sp = c.spans[_s(c.spans["kind"]) == "place"]
    for a, raw, value in zip(_s(sp["article_id"]), _s(sp["raw"]), _s(sp["value"]), strict=True):
        if a in facts:
            facts[a].update(x for x in (raw, value) if x)
    return pd.DataFrame({"article_id": aid.to_numpy(), "text": text,
                         "facts": [norm(" | ".join(sorted(facts[a]))) for a in aid]})


def search(index: pd.DataFrame, query: str) -> list[str]:
    """Article ids whose text or facts contain every word of ``query`` (matched in normalised form)."""
    words = [w for w in norm(query).split() if w]
    if not words or index.empty:
        return []
    keep = pd.Series(True, index=index.index)
    hay = index["text"] + "\n" + index["facts"]
    for w in words:
        keep &= hay.str.contains(w, regex=False)
    return list(index.loc[keep, "article_id"])


_SENTENCE_END = re.compile(r"[.!?؟\n]+")


def match_html(text: object, query: str, limit: int = 400) -> str:
    """The first sentence of ``text`` that contains a word of ``query`` (normalised match), as escaped HTML with the
    matched words in ``<mark>``; ``""`` when no sentence matches (the match was in the facts only)."""
    words = [w for w in norm(query).split() if w]
    s = txt(text)
    if not words or not s:
        return ""
    n = normalize(s)
    hits = sorted((m.start(), m.end()) for w in words for m in re.finditer(re.escape(w), n.text))
    if not hits:
        return ""
    a0, b0 = n.span(*hits[0])
    starts = [m.end() for m in _SENTENCE_END.finditer(s, 0, a0)]
    lo = starts[-1] if starts else 0
    end = _SENTENCE_END.search(s, b0)
    hi = min(end.start() + 1 if end else len(s), lo + limit)
    marks: list[tuple[int, int]] = []
    for a, b in hits:
        oa, ob = n.span(a, b)
        if lo <= oa and ob <= hi and (not marks or oa >= marks[-1][1]):
            marks.append((oa, ob))
    out, pos = [], lo
    for a, b in marks:
        out.append(html.escape(s[pos:a]) + f"<mark>{html.escape(s[a:b])}</mark>")
        pos = b
    out.append(html.escape(s[pos:hi]))
    return "".join(out).strip()


# ---------------------------------------------------------------------------------------------------------------------
# Outlets


def outlet_coverage(meetings: pd.DataFrame, events: pd.DataFrame, articles: pd.DataFrame,
                    top_outlets: int = 15, last_meetings: int = 40) -> pd.DataFrame:
    """Which outlets reported which meetings, and how soon: per (outlet, meeting) the days from the meeting to the
    outlet's first article about it (0 = same day; negative = announced before). The ``top_outlets`` outlets that
    covered most meetings, the ``last_meetings`` latest meetings. Columns: outlet, meeting_id, date, number,
    event_type, days, n_articles."""
    cols = ["outlet", "meeting_id", "date", "number", "event_type", "days", "n_articles"]
    mid = _s(events["meeting_id"])
    linked = (mid != "").to_numpy()
    if not linked.any() or meetings.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    # only the key columns of each table (their other columns hold every article's text)
    art = articles[["article_id", "outlet", "published"]].drop_duplicates("article_id")
    art = art.set_index(_s(art["article_id"]))
    d = pd.DataFrame({"meeting_id": mid.to_numpy()[linked], "article_id": _s(events["article_id"]).to_numpy()[linked]})
    d["outlet"] = lookup(d["article_id"], art["outlet"].astype("string")).fillna("").str.strip().to_numpy()
    d["published"] = lookup(d["article_id"], art["published"]).to_numpy()
    d = d[d["outlet"] != ""]
    mt = meetings[["meeting_id", "date_start", "reference_number", "event_type"]].drop_duplicates("meeting_id")
    mt = mt.set_index(_s(mt["meeting_id"]))
    d = d[isin(d["meeting_id"], keys(pd.Series(mt.index, dtype="string"))).to_numpy()]
    if d.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    d["date"] = lookup(d["meeting_id"], mt["date_start"]).to_numpy()
    d = d[d["date"].notna()]
    d["delay"] = (pd.to_datetime(d["published"]) - pd.to_datetime(d["date"])).dt.days
    g = d.groupby(["outlet", "meeting_id"], as_index=False).agg(days=("delay", "min"), n_articles=("article_id",
                                                                                                   "nunique"))
    best = g.groupby("outlet")["meeting_id"].nunique().sort_values(ascending=False)
    g = g[g["outlet"].isin(best.index[:top_outlets])]
    covered = isin(pd.Series(mt.index, dtype="string"), keys(g["meeting_id"])).to_numpy()
    latest = mt.loc[covered, "date_start"].sort_values().index[-last_meetings:]
    g = g[g["meeting_id"].isin(latest)]
    g["date"] = lookup(g["meeting_id"], mt["date_start"]).to_numpy()
    g["number"] = lookup(g["meeting_id"], mt["reference_number"].astype("Float64")).to_numpy()
    g["event_type"] = lookup(g["meeting_id"], _s(mt["event_type"])).to_numpy()
    return g[cols].sort_values(["date", "outlet"]).reset_index(drop=True)
