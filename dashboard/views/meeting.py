"""One meeting: when, where, who chaired, attended or was absent, the pledges announced, every article with its
sentence, and where the sources disagree. Opened from the timeline and from every table with a meeting link."""

import pandas as pd
import streamlit as st

from dashboard import derive
from dashboard.views import common

ctx = common.context()
full = ctx.full
page = common.Page("meeting", ctx)
page.header(ctx.t("Meeting", "الاجتماع"), ctx.subtitle())

types = ctx.type_labels()
names = ctx.names()
listed = ctx.data.meetings.sort_values("date_start", ascending=False, na_position="last")
ids = list(listed["meeting_id"].astype(str).head(2000))
wanted = st.query_params.get("meeting")
known = set(full.meetings["meeting_id"].astype(str))
if wanted and wanted in known and wanted not in ids:  # a link opens its meeting, whatever the filter
    ids.insert(0, wanted)
if not ids:
    st.info(ctx.t("No meeting matches the filters.", "لا اجتماع يطابق عوامل التصفية."))
    st.stop()
by_id = full.meetings.drop_duplicates("meeting_id").set_index(full.meetings.drop_duplicates("meeting_id")[
    "meeting_id"].astype(str))
if wanted in ids and wanted != st.session_state.get("_mt_url"):
    st.session_state["mt_pick"] = wanted
elif st.session_state.get("mt_pick") not in ids:
    st.session_state["mt_pick"] = ids[0]


def label(mid: str) -> str:
    m = by_id.loc[mid]
    num = f" #{int(m['reference_number'])}" if pd.notna(m["reference_number"]) else ""
    place = common.place_name(derive.txt(m["location"]), ctx.lang)
    return " · ".join(x for x in (derive.day(m["date_start"], "?"), types.get(str(m["event_type"]),
                                                                             str(m["event_type"])) + num, place) if x)


mid = st.selectbox(ctx.t(f"Meeting ({len(listed):,} match the filters)",
                         f"الاجتماع ({len(listed):,} يطابق عوامل التصفية)"), ids, key="mt_pick", format_func=label)
if st.query_params.get("meeting") != mid:
    st.query_params["meeting"] = mid
st.session_state["_mt_url"] = mid
m = by_id.loc[mid]


def codes(cell: object) -> str:
    return ("، " if ctx.lang == "ar" else ", ").join(
        names.get(c.strip(), c.strip()) for c in derive.txt(cell).replace(",", ";").split(";") if c.strip())


events = full.events[full.events["meeting_id"].astype("string") == mid]
arts = full.articles[full.articles["article_id"].isin(set(events["article_id"]))]
cols = st.columns(4)
cols[0].metric(ctx.t("Date", "التاريخ"), derive.day(m["date_start"], "—"))
cols[1].metric(ctx.t("Place", "المكان"), common.place_name(derive.txt(m["location"]), ctx.lang) or "—")
cols[2].metric(ctx.t("Countries attending (reported)", "عدد الدول (كما ورد)"),
               derive.count_range(m["attending_min"], m["attending_max"]) or "—")
cols[3].metric(ctx.t("Articles · outlets", "المقالات · الوسائل"),
               f"{len(arts):,} · {arts['outlet'].astype('string').str.strip().replace('', pd.NA).nunique():,}")
chairs, absent = codes(m["chairs"]), codes(m["absent"])
common.plain(ctx.t(f"Chairs: {chairs or '—'} · named absent: {absent or '—'}",
                   f"الرئاسة: {chairs or '—'} · الغائبون: {absent or '—'}"))
if derive.txt(m["disagreement"]):
    st.warning(ctx.t("The sources disagree:", "تختلف المصادر:"))
    common.plain(m["disagreement"])
ref = common.reference_meetings()
if ref is not None and pd.notna(m["reference_number"]):
    row = ref[(ref["number"].astype("Float64") == float(m["reference_number"]))
              & (ref["kind"].map(derive.kind_to_type) == str(m["event_type"]))]
    if len(row):
        r = row.iloc[0]
        st.caption(ctx.t(f"Reference calendar: meeting #{int(r['number'])} on {derive.day(r['date'])}, chairs "
                         f"{codes(r['chairs']) or '—'}, countries "
                         f"{derive.count_range(r['attending_low'], r['attending_high']) or '—'}.",
                         f"التقويم المرجعي: الاجتماع رقم {int(r['number'])} في {derive.day(r['date'])}، الرئاسة "
                         f"{codes(r['chairs']) or '—'}، عدد الدول "
                         f"{derive.count_range(r['attending_low'], r['attending_high']) or '—'}."))
        src = derive.first_url(r["sources"])
        if src:
            st.link_button(ctx.t("Reference source", "المصدر المرجعي"), src)

st.subheader(ctx.t("Who took part, and who was named absent", "من شارك ومن ذكر غيابه"))
p = full.participants[full.participants["event_id"].isin(set(events["event_id"]))]
roles = p.groupby(["country", "role"], as_index=False).agg(count=("article_id", "nunique")).sort_values(
    ["role", "count"], ascending=[True, False])
common.show(roles.rename(columns={"count": "n_articles"}), "meeting_roles", ctx, link=None)

st.subheader(ctx.t("Pledges and amounts announced", "التعهدات والمبالغ المعلنة"))
am = full.amounts[full.amounts["event_id"].isin(set(events["event_id"]))]
figs = derive.amount_figures(am, full.articles)
common.show(figs[["donor", "kind", "value_usd", "raw", "n_sources", "evidence", "article_ids"]], "meeting_amounts",
            ctx, link="article_ids")

st.subheader(ctx.t("Every article and its sentence", "كل المقالات وجملها"))
titles = arts.drop_duplicates("article_id").set_index("article_id")
reports = events.assign(title=events["article_id"].map(titles["title"]),
                        outlet=events["article_id"].map(titles["outlet"]),
                        published=events["article_id"].map(titles["published"]))
common.show(reports[["published", "outlet", "title", "date", "attending_count", "evidence", "article_id"]],
            "meeting_reports", ctx)
page.finish()
