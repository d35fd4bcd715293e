"""Chart builders: a DataFrame in, a plotly Figure out. No streamlit here.

Every figure uses the explicit template ``TEMPLATE`` (plotly_white's layout) and an Arabic-capable font stack, so
the browser and the PNG rendered by kaleido look the same (``import streamlit`` swaps plotly's default template for a
placeholder that only the browser fills in). Text that comes from articles is escaped (``derive.wrap``) before it
reaches a hover label. With no rows, a builder returns a figure that says so instead of raising.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from dashboard.derive import day, wrap

# plotly_white's layout (colours, grid, fonts, colour scales) without its per-trace defaults: assigning the full
# template validates every trace type's defaults again, 12-24 ms per chart and 6.5 KB of JSON sent with each one;
# this one costs 5 ms and 2 KB (a page of six charts: 0.1 s less per rerun)
TEMPLATE = go.layout.Template(layout=pio.templates["plotly_white"].layout)
FONT = "Noto Naskh Arabic, Noto Sans Arabic, DejaVu Sans, Arial, sans-serif"
PALETTE = ["#0b6e4f", "#c2571a", "#3b6fb6", "#8e44ad", "#b8860b", "#2a9d8f", "#d1495b", "#6c757d", "#1d3557",
           "#e76f51", "#588157", "#7b2cbf"]
TYPE_COLORS = {
    "udcg_meeting": "#0b6e4f", "coalition_meeting": "#c2571a", "nato_meeting": "#3b6fb6",
    "armaments_meeting": "#8e44ad", "phone_call": "#b8860b", "bilateral_meeting": "#2a9d8f",
    "other_meeting": "#6c757d",
}
ROLE_COLORS = {"chair": "#0b6e4f", "attendee": "#7fb8a4", "party": "#3b6fb6", "absent": "#d1495b"}
STATUS_STYLE = {  # timeline marker per status: (colour, symbol, English label, Arabic label)
    "reported": ("#0b6e4f", "circle", "Reported in corpus", "وردت في المقالات"),
    "disagreement": ("#e07a00", "diamond", "Reported, sources disagree", "وردت مع تعارض المصادر"),
    "not in reference": ("#3b6fb6", "square", "Reported, not in reference list", "وردت وليست في القائمة المرجعية"),
    "not covered": ("#9aa5b1", "circle-open", "Reference only (no article)", "مرجعية فقط (بلا مقال)"),
    "not held": ("#c7cdd3", "x-thin-open", "Called off (reference)", "أُلغي (مرجعي)"),
}
HEIGHT = 460
HOVER_SENTENCES_MAX = 500  # points whose hover label quotes the Arabic sentence; past it the chart sends no sentences
# (an Arabic sentence is about 900 bytes of JSON: 4,000 points were 3.3 MB and a second of drawing per filter change)


AR_UNITS = {"tn": "تريليون", "bn": "مليار", "m": "مليون", "k": "ألف"}


def usd(v: object, lang: str = "en", missing: str = "–") -> str:
    """``66500000000`` -> ``$66.5 bn`` (English) or ``66.5 مليار دولار`` (Arabic); Western digits in both."""
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return missing
    x = float(v)  # type: ignore[arg-type]
    for div, unit in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(x) >= div:
            return f"{x / div:,.3g} {AR_UNITS[unit]} دولار" if lang == "ar" else f"${x / div:,.3g} {unit}"
    return f"{x:,.0f} دولار" if lang == "ar" else f"${x:,.0f}"


def style(fig: go.Figure, title: str, subtitle: str = "", height: int = HEIGHT, lang: str = "en") -> go.Figure:
    """The one look: explicit template, font stack, title + filter subtitle, hover alignment, legend below the
    x tick labels (the offset is in plot-area units, so it depends on the plot's height)."""
    top = (90 if subtitle else 64) + (24 if len(title) > 44 else 0)
    legend_y = -min(0.45, 44 / max(100, height - top - 50))
    fig.update_layout(
        template=TEMPLATE, height=height, font={"family": FONT, "size": 13},
        title={"text": _short(title, 44), "subtitle": {"text": subtitle}, "x": 0.01, "xanchor": "left"},
        margin={"l": 10, "r": 10, "t": top, "b": 10},
        hoverlabel={"align": "right" if lang == "ar" else "left", "font": {"family": FONT}},
        legend={"orientation": "h", "yanchor": "top", "y": legend_y, "xanchor": "left", "x": 0.0, "title": None},
        separators=".,",
    )
    return fig


NO_DATA = {"en": "No data for this filter", "ar": "لا بيانات لهذا الاختيار"}
HOVER = {  # words of the hover labels: (English, Arabic)
    "as_of": ("as of", "حتى"), "sources": ("source(s)", "مصدر/مصادر"), "took_part": ("took part", "شاركت"),
    "chaired": ("chaired", "ترأست"), "absent": ("named absent", "غائبة"), "place": ("place", "المكان"),
    "chairs": ("chairs", "الرئاسة"), "countries": ("countries", "دولة"), "articles": ("articles", "المقالات"),
    "meetings": ("meetings", "الاجتماعات"),
}


def _h(word: str, lang: str) -> str:
    return HOVER[word][lang == "ar"]


def empty(title: str, message: str | None = None, subtitle: str = "", height: int = 300,
          lang: str = "en") -> go.Figure:
    message = message or NO_DATA.get(lang, NO_DATA["en"])
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"size": 16, "color": "#6c757d"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return style(fig, title, subtitle, height, lang)


def _name(names: Mapping[str, str], code: object) -> str:
    c = "" if code is None or code is pd.NA else str(code)
    return names.get(c, c) or "—"


def _int_ticks(max_value: float) -> dict:
    """Axis settings for counts: whole-number ticks."""
    return {"dtick": 1} if max_value <= 8 else {"tickformat": ",d"}


LOG_TICKS = [m * 10.0**e for e in range(5, 14) for m in (1, 2, 5)]


def _log_usd_axis(lang: str = "en") -> dict:
    """A log axis for dollars with 1-2-5 ticks labelled like ``$2 bn`` / ``2 مليار دولار``."""
    return {"type": "log", "tickvals": LOG_TICKS, "ticktext": [usd(v, lang).replace(".0 ", " ") for v in LOG_TICKS]}


def _usd_ticks(max_value: float, lang: str) -> dict:
    """A linear dollar axis with about five round ticks labelled like the tables (``$20 bn``)."""
    if not max_value or max_value <= 0 or math.isnan(max_value):
        return {}
    step = 10 ** math.floor(math.log10(max_value / 4))
    step *= next((m for m in (1, 2, 5, 10) if max_value / (step * m) <= 5), 10)
    vals = [step * i for i in range(int(max_value // step) + 2)]
    return {"tickvals": vals, "ticktext": [usd(v, lang) for v in vals]}


DAY_MS = 86_400_000


# a date tick's label follows the tick spacing plotly picks for the chart's width (a phone or a wide screen): days
# below a month, months below a year, then years; never a time of day, never one month written twice
DATE_TICK_FORMATS = [
    {"dtickrange": [None, "M1"], "value": "%Y-%m-%d"},
    {"dtickrange": ["M1", "M12"], "value": "%Y-%m"},
    {"dtickrange": ["M12", None], "value": "%Y"},
]


def _date_axis(fig: go.Figure, dates: Sequence[object] | pd.Series, monthly: bool = False, **where) -> None:
    """A date axis that reads well with 1, 2 or many points and at any width: never times of day, at least a month
    wide (padded on both sides so a lone point or bar sits in the middle), at most 8 ticks, each labelled at its own
    spacing (``DATE_TICK_FORMATS``)."""
    d = pd.to_datetime(pd.Series(list(dates)), errors="coerce").dropna()
    if d.empty:
        return
    lo, hi = d.min(), d.max()
    pad = pd.Timedelta(days=20 if monthly else 15) + (hi - lo) * 0.04
    lo, hi = lo - pad, hi + pad + (pd.Timedelta(days=31) if monthly else pd.Timedelta(0))
    fig.update_xaxes(type="date", range=[lo, hi], nticks=8, tickformat="%Y-%m-%d",
                     tickformatstops=DATE_TICK_FORMATS, hoverformat="%Y-%m-%d", **where)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _short(label: str, width: int = 20) -> str:
    """Break a long panel title onto two lines."""
    if len(label) <= width or " " not in label:
        return label
    cut = label.rfind(" ", 0, width + 1)
    cut = cut if cut > 0 else label.find(" ")
    return label[:cut] + "<br>" + label[cut + 1:]


def _with_note(subtitle: str, lang: str, en: str, ar: str) -> str:
    """The subtitle with a note on how the chart was drawn (in the chart's language) after it."""
    note = ar if lang == "ar" else en
    return f"{subtitle} · {note}" if subtitle else note


def _sentences(evidence: pd.Series, quoted: bool) -> list[str]:
    """Hover text of the Arabic sentences, or empty ones when the chart has too many points to carry them."""
    return [wrap(e) for e in evidence] if quoted else [""] * len(evidence)


def _custom(*cols) -> np.ndarray:
    """customdata as one object array (plotly validates a list of tuples element by element, 100x slower)."""
    return np.array(list(zip(*cols, strict=True)), dtype=object)


def _colors(keys: Sequence[str]) -> dict[str, str]:
    return {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(keys)}


# ---------------------------------------------------------------------------------------------------------------------


def events_by_month(df: pd.DataFrame, type_labels: Mapping[str, str], title: str, subtitle: str = "",
                    lang: str = "en") -> go.Figure:
    """Stacked monthly bars of event counts by type (``derive.events_by_month``)."""
    if df.empty:
        return empty(title, subtitle=subtitle, lang=lang)
    fig = go.Figure()
    for t in [t for t in TYPE_COLORS if t in set(df["event_type"])] + sorted(set(df["event_type"]) - set(TYPE_COLORS)):
        d = df[df["event_type"] == t]
        label = type_labels.get(t, t)
        fig.add_bar(x=d["month"] + pd.Timedelta(days=15), y=d["events"], name=label,  # centred in its month
                    marker_color=TYPE_COLORS.get(t, "#6c757d"), width=26 * DAY_MS,
                    hovertemplate=f"{label}<br>%{{x|%Y-%m}}: %{{y}}<extra></extra>")
    fig.update_layout(barmode="stack")
    _date_axis(fig, df["month"], monthly=True)
    peak = df.groupby("month")["events"].sum().max()
    fig.update_yaxes(title="events" if lang == "en" else "الأحداث", rangemode="tozero", **_int_ticks(peak))
    return style(fig, title, subtitle, lang=lang)


def latest_totals(df: pd.DataFrame, names: Mapping[str, str], title: str, subtitle: str = "",
                  lang: str = "en") -> go.Figure:
    """Horizontal bars: the latest reported cumulative total per donor (``derive.latest_totals``), with sources."""
    if df.empty:
        return empty(title, subtitle=subtitle, lang=lang)
    d = df.sort_values("value_usd")
    labels = [_name(names, c) for c in d["donor"]]
    dates = [day(x, "?") for x in d["date"]]
    one, many = ("source", "sources") if lang == "en" else ("مصدر", "مصادر")
    text = [f"{usd(v, lang)} · {dt} · {_plural(int(n), one, many)}"
            for v, dt, n in zip(d["value_usd"], dates, d["n_sources"], strict=True)]
    custom = _custom(dates, d["n_sources"], d["article_ids"].str.replace(";", ", "),
                      [wrap(e) for e in d["evidence"]], [wrap(r, limit=80) for r in d["raw"]])
    fig = go.Figure(go.Bar(
        x=d["value_usd"], y=labels, orientation="h", text=text, textposition="auto", marker_color=PALETTE[0],
        customdata=custom, cliponaxis=False,
        hovertemplate=f"<b>%{{y}}</b> %{{x:,.4s}}<br>{_h('as_of', lang)} %{{customdata[0]}} · %{{customdata[1]}} "
                      f"{_h('sources', lang)}<br>%{{customdata[2]}}<br>%{{customdata[4]}}<br>%{{customdata[3]}}"
                      "<extra></extra>",
    ))
    fig.update_xaxes(title="US$" if lang == "en" else "بالدولار الأمريكي", rangemode="tozero",
                     **_usd_ticks(float(d["value_usd"].max()), lang))
    return style(fig, title, subtitle, height=max(260, 90 + 42 * len(d)), lang=lang)


def amounts_over_time(figures: pd.DataFrame, names: Mapping[str, str], kind_labels: Mapping[str, str], title: str,
                      subtitle: str = "", lang: str = "en") -> go.Figure:
    """Reported figures over time, one panel per kind (kinds are never added up), colour = donor, log scale."""
    d = figures[figures["value_usd"].notna() & figures["date"].notna()]
    if d.empty:
        return empty(title, subtitle=subtitle, lang=lang)
    kinds = [k for k in kind_labels if k in set(d["kind"])] + sorted(set(d["kind"]) - set(kind_labels))
    fig = make_subplots(rows=len(kinds), cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        subplot_titles=[kind_labels.get(k, k) for k in kinds])
    donors = sorted(set(d["donor"]))
    colors = _colors(donors)
    sentences = len(d) <= HOVER_SENTENCES_MAX
    for row, kind in enumerate(kinds, start=1):
        dk = d[d["kind"] == kind]
        for donor in donors:
            dd = dk[dk["donor"] == donor].sort_values("date")
            if dd.empty:
                continue
            custom = _custom([usd(v, lang) for v in dd["value_usd"]], dd["n_sources"],
                              dd["article_ids"].str.replace(";", ", "), _sentences(dd["evidence"], sentences))
            fig.add_scatter(
                x=dd["date"], y=dd["value_usd"], name=_name(names, donor), legendgroup=donor,
                showlegend=row == 1 or donor not in set(d[d["kind"].isin(kinds[: row - 1])]["donor"]),
                mode="lines+markers" if kind == "cumulative_total" else "markers",
                marker={"color": colors[donor], "size": [8 + 3 * min(int(n), 6) for n in dd["n_sources"]]},
                line={"color": colors[donor], "width": 1.5}, customdata=custom, row=row, col=1,
                hovertemplate=f"<b>{_name(names, donor)}</b> · {kind_labels.get(kind, kind)}"
                              f"<br>%{{x|%Y-%m-%d}}: %{{customdata[0]}} · %{{customdata[1]}} {_h('sources', lang)}"
                              "<br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>",
            )
        fig.update_yaxes(**_log_usd_axis(lang), row=row, col=1)
    _date_axis(fig, d["date"])
    return style(fig, title, subtitle, height=max(HEIGHT, 230 * len(kinds) + 80), lang=lang)


# labels of the aid and equipment categories in the two languages (the tables keep the codes)
AID_CATEGORIES = {"military": ("military", "عسكرية"), "financial": ("financial", "مالية"),
                  "humanitarian": ("humanitarian", "إنسانية"), "mixed": ("mixed", "مختلطة"),
                  "unknown": ("not stated", "غير محددة")}
SYSTEM_CATEGORIES = {"air defence": ("air defence", "دفاع جوي"), "artillery": ("artillery", "مدفعية"),
                     "armour": ("armour", "مدرعات"), "aircraft": ("aircraft", "طائرات"),
                     "missiles": ("missiles", "صواريخ"),
                     "drones": ("drones", "مسيرات"), "ammunition": ("ammunition", "ذخائر"), "other": ("other", "أخرى")}


def _label(table: Mapping[str, tuple[str, str]], code: str, lang: str) -> str:
    pair = table.get(code)
    return code if pair is None else pair[1 if lang == "ar" else 0]


def category_totals(totals: pd.DataFrame, names: Mapping[str, str], kind_labels: Mapping[str, str], title: str,
                    subtitle: str = "", lang: str = "en") -> go.Figure:
    """One panel per kind (kinds are never added together): per donor, bars stacked by aid category
    (``derive.category_totals``: distinct figures added up, the latest cumulative total)."""
    if totals.empty:
        return empty(title, subtitle=subtitle, lang=lang)
    kinds = [k for k in kind_labels if k in set(totals["kind"])] + sorted(set(totals["kind"]) - set(kind_labels))
    fig = make_subplots(rows=len(kinds), cols=1, vertical_spacing=0.12,
                        subplot_titles=[kind_labels.get(k, k) for k in kinds])
    cats = sorted(set(totals["category"]))
    colors = _colors(cats)
    for row, kind in enumerate(kinds, start=1):
        tk = totals[totals["kind"] == kind]
        order = tk.groupby("donor")["value_usd"].sum().sort_values().index.tolist()
        for cat in cats:
            tc = tk[tk["category"] == cat].set_index("donor").reindex(order).dropna(subset=["value_usd"])
            if tc.empty:
                continue
            label = _label(AID_CATEGORIES, cat, lang)
            fig.add_bar(x=tc["value_usd"], y=[_name(names, d) for d in tc.index], orientation="h", name=label,
                        legendgroup=cat, showlegend=cat not in set(totals[totals["kind"].isin(kinds[: row - 1])][
                            "category"]), marker_color=colors[cat], row=row, col=1,
                        customdata=_custom([usd(v, lang) for v in tc["value_usd"]], tc["n_figures"]),
                        hovertemplate=f"<b>%{{y}}</b> · {label}<br>%{{customdata[0]}} · %{{customdata[1]}} "
                                      + ("أرقام" if lang == "ar" else "figure(s)") + "<extra></extra>")
        top = float(tk.groupby("donor")["value_usd"].sum().max())
        fig.update_xaxes(title="بالدولار" if lang == "ar" else "US$", rangemode="tozero", row=row, col=1,
                         **_usd_ticks(top, lang))
    fig.update_layout(barmode="stack")
    return style(fig, title, subtitle, height=max(HEIGHT, 60 + sum(
        90 + 30 * totals[totals["kind"] == k]["donor"].nunique() for k in kinds)), lang=lang)


def systems_by_donor(mentions: pd.DataFrame, names: Mapping[str, str], title: str, subtitle: str = "",
                     lang: str = "en") -> go.Figure:
    """Horizontal stacked bars: per donor, the number of articles naming each category of system given (pledged or
    delivered; ``derive.system_mentions``). A system named twice in one article counts once."""
    d = mentions[mentions["status"].isin(["pledged", "delivered"])]
    if d.empty:
        return empty(title, subtitle=subtitle, lang=lang)
    d = d.drop_duplicates(["article_id", "system", "donor"])
    counts = d.groupby(["donor", "category"]).agg(
        n=("article_id", "size"),
        systems=("system_ar" if lang == "ar" and "system_ar" in d else "system", lambda s: "، ".join(sorted(set(s))))
        if lang == "ar" else ("system", lambda s: ", ".join(sorted(set(s))))).reset_index()
    order = counts.groupby("donor")["n"].sum().sort_values().index.tolist()
    labels = {c: _name(names, c) if c else ("unnamed" if lang == "en" else "غير محدد") for c in order}
    colors = _colors(sorted(set(counts["category"])))
    fig = go.Figure()
    for cat in sorted(set(counts["category"])):
        cc = counts[counts["category"] == cat].set_index("donor").reindex(order).dropna(subset=["n"])
        label = _label(SYSTEM_CATEGORIES, cat, lang)
        fig.add_bar(x=cc["n"], y=[labels[c] for c in cc.index], orientation="h", name=label,
                    marker_color=colors[cat], customdata=_custom([wrap(s, limit=160) for s in cc["systems"]]),
                    hovertemplate=f"<b>%{{y}}</b> · {label}: %{{x}}<br>%{{customdata[0]}}<extra></extra>")
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title="articles × systems" if lang == "en" else "مقالات × منظومات", **_int_ticks(
        float(counts.groupby("donor")["n"].sum().max())))
    return style(fig, title, subtitle, height=max(300, 110 + 36 * len(order)), lang=lang)


def system_pledges_over_time(mentions: pd.DataFrame, names: Mapping[str, str], title: str, subtitle: str = "",
                             lang: str = "en") -> go.Figure:
    """Dots: the first pledged or delivered mention of each system per donor (``first_pledge``), colour = donor."""
    d = mentions[mentions["first_pledge"].astype(bool)]
    if d.empty:
        return empty(title, subtitle=subtitle, lang=lang)
    donors = sorted(set(d["donor"]))
    colors = _colors(donors)
    sentences = len(d) <= HOVER_SENTENCES_MAX
    fig = go.Figure()
    for donor in donors:
        dd = d[d["donor"] == donor]
        label = _name(names, donor) if donor else ("unnamed" if lang == "en" else "غير محدد")
        names_shown = dd["system_ar"] if lang == "ar" and "system_ar" in dd else dd["system"]
        fig.add_scatter(x=dd["date"], y=names_shown, mode="markers", name=label,
                        marker={"color": colors[donor], "size": 11},
                        customdata=_custom(dd["status"], _sentences(dd["evidence"], sentences)),
                        hovertemplate=f"<b>%{{y}}</b> · {label}<br>%{{x|%Y-%m-%d}} · %{{customdata[0]}}"
                                      "<br>%{customdata[1]}<extra></extra>")
    fig.update_xaxes(type="date")
    fig.update_yaxes(type="category", categoryorder="category descending")
    return style(fig, title, subtitle, height=max(320, 120 + 26 * d["system"].nunique()), lang=lang)


def country_roles(roles: pd.DataFrame, names: Mapping[str, str], type_labels: Mapping[str, str], title: str,
                  subtitle: str = "", top: int = 20, lang: str = "en") -> go.Figure:
    """Meetings per country for one role (rows of ``derive.role_counts``), stacked by meeting type."""
    if roles.empty:
        return empty(title, subtitle=subtitle, lang=lang)
    r = roles.groupby(["country", "event_type"], as_index=False)["meetings"].sum()
    totals = r.groupby("country")["meetings"].sum().sort_values(ascending=False)
    order = list(totals.index[:top][::-1])
    r = r[r["country"].isin(order)]
    ylabels = [_name(names, c) for c in order]
    types = [t for t in TYPE_COLORS if t in set(r["event_type"])] + sorted(set(r["event_type"]) - set(TYPE_COLORS))
    traces = []
    for t in types:
        d = r[r["event_type"] == t].set_index("country").reindex(order)
        label = type_labels.get(t, t)
        traces.append(go.Bar(y=ylabels, x=d["meetings"].fillna(0).to_numpy(), orientation="h", name=label,
                             marker_color=TYPE_COLORS.get(t, "#6c757d"),
                             hovertemplate=f"%{{y}} · {label}: %{{x}}<extra></extra>"))
    fig = go.Figure(traces)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(categoryorder="array", categoryarray=ylabels)
    fig.update_xaxes(rangemode="tozero", **_int_ticks(float(totals.max())))
    return style(fig, title, subtitle, height=max(280, 150 + 26 * len(order)), lang=lang)


def world_map(totals: pd.DataFrame, names: Mapping[str, str], title: str, subtitle: str = "",
              lang: str = "en") -> go.Figure:
    """Choropleth of meetings taken part in per country (ISO3). Base map: plotly's world_110m topojson, which the
    app serves itself (see export.TOPOJSON_DIR), so it draws offline."""
    d = totals[totals["country"].str.fullmatch(r"[A-Z]{3}").fillna(False)] if len(totals) else totals
    fig = go.Figure()
    if len(d):
        custom = _custom(d["chaired"], d["absent"])
        label = "meetings" if lang == "en" else "اجتماعات"
        fig.add_choropleth(
            locations=d["country"], z=d["took_part"], locationmode="ISO-3",
            text=[_name(names, c) for c in d["country"]],
            customdata=custom, colorscale="Tealgrn", marker_line_color="#ffffff", marker_line_width=0.5,
            zmin=0, zmax=max(1, int(d["took_part"].max())),  # counts from 0: a single 1 is not a 0.6-1.4 scale
            colorbar={"title": {"text": label, "side": "top"}, "thickness": 10, "orientation": "h", "len": 0.5,
                      "x": 0.5, "xanchor": "center", "y": -0.02, "yanchor": "top",
                      **_int_ticks(float(d["took_part"].max()))},
            hovertemplate=f"<b>%{{text}}</b><br>{_h('took_part', lang)}: %{{z}}<br>{_h('chaired', lang)}: "
                          f"%{{customdata[0]}}<br>{_h('absent', lang)}: %{{customdata[1]}}<extra></extra>",
        )
    else:
        fig.add_annotation(text=NO_DATA.get(lang, NO_DATA["en"]), showarrow=False, x=0.5, y=0.95,
                           xref="paper", yref="paper", font={"size": 14, "color": "#6c757d"})
    fig.update_geos(resolution=110, projection_type="natural earth", showcountries=True, countrycolor="#c9c9c9",
                    showland=True, landcolor="#f1f1f1", showocean=True, oceancolor="#f7fbff", showframe=False,
                    showcoastlines=False, lataxis_range=[-58, 85])
    fig = style(fig, title, subtitle, height=500, lang=lang)
    fig.update_layout(margin={"b": 60})
    return fig


DENSE_POINTS = 500  # more reports than this: one marker per meeting type and month


def attendance_over_time(reports: pd.DataFrame, type_labels: Mapping[str, str], title: str, subtitle: str = "",
                         lang: str = "en") -> go.Figure:
    """Each reported count of attending countries, over time, coloured by meeting type. With more than
    ``DENSE_POINTS`` reports, one marker per type and month: the median count, a bar from the lowest to the highest,
    and in the hover the number of reports and meetings."""
    if reports.empty:
        return empty(title, subtitle=subtitle, lang=lang)
    fig = go.Figure()
    grouped = len(reports) > DENSE_POINTS
    types = reports["event_type"].astype("string").fillna("")
    present = set(types.unique())
    for t in [t for t in TYPE_COLORS if t in present]:
        d = reports[(types == t).to_numpy()]
        label = type_labels.get(t, t)
        if grouped:
            month = d["date_start"].to_numpy(dtype="datetime64[ns]").astype("datetime64[M]").astype("datetime64[ns]")
            m = (d.assign(month=month, count=d["attending_count"].astype("float64"))
                 .groupby("month", as_index=False)
                 .agg(median=("count", "median"), low=("count", "min"), high=("count", "max"),
                      reports=("count", "size"), meetings=("meeting_id", "nunique")))
            fig.add_scatter(x=m["month"] + pd.Timedelta(days=14), y=m["median"], mode="markers", name=label,
                            marker={"color": TYPE_COLORS[t], "size": 9, "opacity": 0.85},
                            error_y={"type": "data", "symmetric": False, "array": m["high"] - m["median"],
                                     "arrayminus": m["median"] - m["low"], "color": TYPE_COLORS[t], "width": 0},
                            customdata=_custom([x.strftime("%Y-%m") for x in m["month"]], m["low"], m["high"],
                                               m["reports"], m["meetings"]),
                            hovertemplate=f"<b>{label}</b> %{{customdata[0]}}<br>%{{y}} {_h('countries', lang)} "
                                          "(%{customdata[1]}–%{customdata[2]})<br>"
                                          f"{_h('meetings', lang)}: %{{customdata[4]}} · %{{customdata[3]}}"
                                          "<extra></extra>")
            continue
        custom = _custom(d["attending_qualifier"].astype("string").fillna(""), d["location"].fillna(""),
                         d["article_id"], _sentences(d["evidence"], True))
        fig.add_scatter(x=d["date_start"], y=d["attending_count"].astype("float64"), mode="markers", name=label,
                        marker={"color": TYPE_COLORS[t], "size": 10, "opacity": 0.85}, customdata=custom,
                        hovertemplate=f"<b>{label}</b> %{{x|%Y-%m-%d}} · %{{customdata[1]}}"
                                      f"<br>%{{y}} {_h('countries', lang)} (%{{customdata[0]}})<br>%{{customdata[2]}}"
                                      "<br>%{customdata[3]}<extra></extra>")
    fig.update_yaxes(title="countries" if lang == "en" else "عدد الدول", rangemode="tozero")
    _date_axis(fig, reports["date_start"])
    if grouped:
        subtitle = _with_note(subtitle, lang, f"{len(reports):,} reports, by month: the median count, a bar from the "
                              "lowest to the highest", f"{len(reports):,} تقريرا حسب الشهر: العدد الوسيط، وخط من "
                              "الأدنى إلى الأعلى")
    return style(fig, title, subtitle, lang=lang)


DENSE_MEETINGS = 150  # more meetings than this in view: one marker per type, month and status
LABEL_SLOTS = 18  # number labels at least 1/18 of the time axis apart: 13 px on a phone's 230 px plot, enough for "33"


def label_mask(dates: pd.Series, min_gap: pd.Timedelta) -> np.ndarray:
    """Which of ``dates`` (any order) get a text label so that no two labels overlap: going left to right, a point is
    labelled when it lies at least ``min_gap`` after the last labelled one."""
    order = np.argsort(dates.to_numpy(dtype="datetime64[ns]"), kind="stable")
    keep = np.zeros(len(dates), dtype=bool)
    last = None
    for i in order:
        x = dates.iloc[i]
        if pd.isna(x):
            continue
        if last is None or x - last >= min_gap:
            keep[i], last = True, x
    return keep


def _by_month(tl: pd.DataFrame) -> pd.DataFrame:
    """One row per (type, month, status): the number of meetings, their articles, their numbers and days."""
    d = tl[tl["date"].notna()].copy()
    d["month"] = d["date"].dt.to_period("M").dt.to_timestamp()
    d["num"] = ["" if pd.isna(n) else f"#{int(n)}" for n in d["number"]]
    d["day"] = [day(x) for x in d["date"]]
    g = d.sort_values("date").groupby(["event_type", "month", "status"], as_index=False, sort=False).agg(
        meetings=("date", "size"), n_articles=("n_articles", "sum"),
        nums=("num", lambda x: " ".join(v for v in x if v)),
        days=("day", lambda x: ", ".join(list(dict.fromkeys(x))[:6]) + (" …" if x.nunique() > 6 else "")))
    g["date"] = g["month"] + pd.Timedelta(days=14)
    return g


def meetings_timeline(tl: pd.DataFrame, type_labels: Mapping[str, str], title: str, subtitle: str = "",
                      lang: str = "en") -> go.Figure:
    """Meetings on a time axis, one row per meeting type; marker = status (``derive.timeline``), size = articles.
    With more than ``DENSE_MEETINGS`` meetings, one marker per type, month and status (size = meetings); number
    labels only where they cannot overlap (``label_mask``)."""
    if tl.empty:
        return empty(title, subtitle=subtitle, lang=lang)
    present = [t for t in TYPE_COLORS if t in set(tl["event_type"])] + sorted(set(tl["event_type"]) - set(TYPE_COLORS))
    lane = {t: -i for i, t in enumerate(present)}  # one lane per type; corpus-only meetings just below the line
    dates = tl["date"].dropna()
    span = (dates.max() - dates.min()) if len(dates) else pd.Timedelta(0)
    min_gap = (span * 1.08 + pd.Timedelta(days=30)) / LABEL_SLOTS  # the axis range of ``_date_axis``
    grouped = len(tl) > DENSE_MEETINGS
    rows = _by_month(tl) if grouped else tl
    fig = go.Figure()
    for status, (color, symbol, en, ar) in STATUS_STYLE.items():
        d = rows[rows["status"] == status]
        if d.empty:
            continue
        offset = -0.3 if status == "not in reference" else 0.0
        if grouped:
            labels = [str(int(n)) if n > 1 else "" for n in d["meetings"]]
            sizes = [7 + 3 * math.sqrt(min(int(n), 30)) for n in d["meetings"]]  # at most 23 px: months side by side
            custom = _custom([m.strftime("%Y-%m") for m in d["month"]], d["meetings"], d["n_articles"],
                             [wrap(x, limit=120) for x in d["nums"]], [wrap(x, limit=120) for x in d["days"]],
                             [type_labels.get(t, t) for t in d["event_type"]])
            hover = (f"<b>%{{customdata[5]}}</b> · %{{customdata[0]}}<br>{_h('meetings', lang)}: %{{customdata[1]}} "
                     "%{customdata[3]}<br>%{customdata[4]}<br>" f"{_h('articles', lang)}: %{{customdata[2]}}")
        else:
            labels = ["" if pd.isna(n) else str(int(n)) for n in d["number"]]
            sizes = [10 + 4 * math.sqrt(min(int(n), 25)) for n in d["n_articles"]]
            custom = _custom(
                [day(x, "?") for x in d["date"]], [f"#{n}" if n else "" for n in labels],
                [wrap(x, limit=80) for x in d["location"]], [wrap(x, limit=160) for x in d["chairs"]],
                [wrap(x, limit=60) for x in d["attendance"]], d["n_articles"],
                [wrap(", ".join(a.split(";")[:4]) + (" …" if a.count(";") >= 4 else ""), limit=140)
                 for a in d["article_ids"]],
                [wrap(e) for e in d["evidence"]], [wrap(x, limit=160) for x in d["disagreement"]],
                [type_labels.get(t, t) for t in d["event_type"]])
            hover = (f"<b>%{{customdata[9]}} %{{customdata[1]}}</b> · %{{customdata[0]}}<br>{_h('place', lang)}: "
                     f"%{{customdata[2]}}<br>{_h('chairs', lang)}: %{{customdata[3]}}<br>"
                     f"{_h('countries', lang)}: %{{customdata[4]}}<br>{_h('articles', lang)}: "
                     "%{customdata[5]} %{customdata[6]}<br>%{customdata[7]}<br>%{customdata[8]}")
        text = np.array(labels, dtype=object)
        has = text != ""
        for t in set(d["event_type"]):  # per lane, left to right: a label only where the last one is far enough
            at = (d["event_type"] == t).to_numpy() & has
            if at.any():
                text[at] = np.where(label_mask(d["date"][at], min_gap), text[at], "")
        fig.add_scatter(
            x=d["date"], y=[lane[t] + offset for t in d["event_type"]], mode="markers+text",
            name=en if lang == "en" else ar, text=text if (text != "").any() else None, textposition="top center",
            textfont={"size": 9, "color": "#555"}, cliponaxis=False,
            marker={"color": color, "symbol": symbol, "line": {"width": 1.5, "color": color}, "size": sizes},
            customdata=custom, hovertemplate=hover + "<extra>" + (en if lang == "en" else ar) + "</extra>",
        )
    fig.update_yaxes(tickvals=[lane[t] for t in present],
                     ticktext=[type_labels.get(t, t) for t in present], range=[-len(present) + 0.4, 0.6],
                     zeroline=False, showgrid=True, title=None)
    fig.update_xaxes(showgrid=True)
    _date_axis(fig, tl["date"])
    if grouped:
        subtitle = _with_note(subtitle, lang, f"{len(tl):,} meetings, grouped by month (marker size = meetings)",
                              f"{len(tl):,} اجتماعا مجمعة حسب الشهر (حجم العلامة = عدد الاجتماعات)")
    return style(fig, title, subtitle, height=max(320, 170 + 90 * len(present)), lang=lang)


def aid_by_donor(df: pd.DataFrame, names: Mapping[str, str], kind_labels: Mapping[str, str], title: str,
                 subtitle: str = "", lang: str = "en") -> go.Figure:
    """Pledges and packages per donor by quarter (``derive.aid_by_donor``): one panel per kind, bars stacked by donor
    within a kind only."""
    if df.empty:
        return empty(title, subtitle=subtitle, lang=lang)
    kinds = [k for k in kind_labels if k in set(df["kind"])]
    fig = make_subplots(rows=len(kinds), cols=1, shared_xaxes=True, vertical_spacing=0.12,
                        subplot_titles=[kind_labels.get(k, k) for k in kinds])
    donors = list(dict.fromkeys(df.sort_values("value_usd", ascending=False)["donor"]))
    colors = _colors(donors)
    other = {"en": "Other donors", "ar": "مانحون آخرون"}[lang if lang in ("en", "ar") else "en"]
    for row, kind in enumerate(kinds, start=1):
        dk = df[df["kind"] == kind]
        for donor in donors:
            dd = dk[dk["donor"] == donor]
            if dd.empty:
                continue
            label = other if donor == "other" else _name(names, donor)
            fig.add_bar(x=dd["quarter"] + pd.Timedelta(days=45), y=dd["value_usd"], name=label, legendgroup=donor,
                        marker_color=colors[donor], width=80 * DAY_MS, row=row, col=1,
                        showlegend=donor not in set(df[df["kind"].isin(kinds[: row - 1])]["donor"]),
                        customdata=_custom([usd(v, lang) for v in dd["value_usd"]], dd["n_figures"]),
                        hovertemplate=f"<b>{label}</b> · {kind_labels.get(kind, kind)}<br>%{{x|%Y-%m}}: "
                                      "%{customdata[0]} (%{customdata[1]})<extra></extra>")
        top = float(dk.groupby("quarter")["value_usd"].sum().max())
        fig.update_yaxes(rangemode="tozero", row=row, col=1, **_usd_ticks(top, lang))
    fig.update_layout(barmode="stack")
    _date_axis(fig, df["quarter"], monthly=True)
    return style(fig, title, subtitle, height=max(HEIGHT, 260 * len(kinds) + 80), lang=lang)


def outlet_coverage(df: pd.DataFrame, type_labels: Mapping[str, str], title: str, subtitle: str = "",
                    lang: str = "en") -> go.Figure:
    """Outlets (rows) x meetings (columns): a cell where the outlet reported the meeting, coloured by the days from
    the meeting to its first article (``derive.outlet_coverage``)."""
    if df.empty:
        return empty(title, subtitle=subtitle, lang=lang)
    meetings = df.drop_duplicates("meeting_id").sort_values("date")
    xlabels = [(f"#{int(n)} " if pd.notna(n) else "") + day(d_) for n, d_ in zip(meetings["number"], meetings["date"],
                                                                                 strict=True)]
    xpos = dict(zip(meetings["meeting_id"], xlabels, strict=True))
    outlets = list(df.groupby("outlet")["meeting_id"].nunique().sort_values().index)
    days = df["days"].clip(lower=-3, upper=30)
    word = "days after the meeting" if lang == "en" else "يوما بعد الاجتماع"
    custom = _custom([wrap(o, limit=60) for o in df["outlet"]], [type_labels.get(t, t) for t in df["event_type"]],
                     df["days"], df["n_articles"])
    fig = go.Figure(go.Scatter(
        x=[xpos[m] for m in df["meeting_id"]], y=[wrap(o, limit=60) for o in df["outlet"]], mode="markers",
        marker={"symbol": "square", "size": 14, "color": days, "colorscale": "Viridis", "cmin": 0, "cmax": 14,
                "colorbar": {"title": {"text": word, "side": "top"}, "thickness": 10, "orientation": "h",
                             "len": 0.5, "x": 0.5, "xanchor": "center", "y": -0.25, "yanchor": "top", "dtick": 7}},
        customdata=custom, hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]} %{x}<br>"
                                         f"%{{customdata[2]}} {word} · %{{customdata[3]}}<extra></extra>",
    ))
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=xlabels, tickangle=-45)
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=[wrap(o, limit=60) for o in outlets])
    return style(fig, title, subtitle, height=max(320, 200 + 24 * len(outlets)), lang=lang)
