"""Ramstein timeline: reference meetings as the backbone, the corpus's reports laid on them."""

import streamlit as st

from dashboard import charts, derive
from dashboard.views import common

ctx = common.context()
c = ctx.data
f = ctx.filters
page = common.Page("timeline", ctx)
page.header(ctx.t("Ramstein timeline", "الجدول الزمني لاجتماعات رامشتاين"), ctx.subtitle())

others = st.toggle(ctx.t("Show other meeting types beside the Ramstein group", "إظهار أنواع الاجتماعات الأخرى"),
                   key="tl_others", value=False)
types = derive.MEETING_TYPES if others else ("udcg_meeting",)
if f.event_types:  # the sidebar's type filter narrows the rows; asked-for types are shown even with the toggle off
    types = tuple(t for t in types if t in f.event_types) or tuple(f.event_types)
ref = common.reference_meetings()
meetings = c.meetings[c.meetings["event_type"].astype("string").isin(types).fillna(False)]
ref = derive.restrict_reference(ref, f.date_from, f.date_to, types, f.countries, meetings)
events = c.events[c.events["event_type"].astype("string").isin(types).fillna(False)]
tl = derive.timeline(meetings, events, ref, ctx.names())
if ref is None:
    st.caption(ctx.t("No reference calendar available: showing the meetings found in the articles only.",
                     "لا يتوفر تقويم مرجعي: تظهر الاجتماعات الواردة في المقالات فقط."))
else:
    st.caption(ctx.t("Reference meetings are the backbone; filled markers were reported by the articles (size = "
                     "number of articles), open markers were not covered, diamonds mark reports that disagree with "
                     "each other or with the reference.",
                     "الاجتماعات المرجعية هي الأساس؛ العلامات الممتلئة وردت في المقالات (الحجم = عدد المقالات)، "
                     "والمفرغة لم تغطها المقالات، والمعينات تدل على تقارير يخالف بعضها بعضا أو يخالف المرجع."))
page.chart(charts.meetings_timeline(tl, ctx.type_labels(), ctx.t("Meetings on a time axis", "الاجتماعات على محور زمني"),
                                    ctx.subtitle(), lang=ctx.lang), "meetings-timeline")
n = tl["status"].value_counts().to_dict() if len(tl) else {}
cols = st.columns(4)
cols[0].metric(ctx.t("Reported", "وردت في المقالات"), n.get("reported", 0))
cols[1].metric(ctx.t("Sources disagree", "تعارض المصادر"), n.get("disagreement", 0))
cols[2].metric(ctx.t("Not covered", "لم تغطها المقالات"), n.get("not covered", 0))
cols[3].metric(ctx.t("Not in reference", "ليست في المرجع"), n.get("not in reference", 0))
page.chart(charts.outlet_coverage(derive.outlet_coverage(meetings, c.events, c.articles), ctx.type_labels(),
                                  ctx.t("Which outlets reported which meetings, and how soon",
                                        "أي الوسائل غطت أي الاجتماعات ومتى"), ctx.subtitle(), lang=ctx.lang),
           "outlet-coverage")
st.subheader(ctx.t("Meetings", "الاجتماعات"))
common.show(tl.drop(columns=["source"]), "timeline_table", ctx, link="article_ids",
            labels={"open": ("First article", "أول مقال")})
page.finish()
