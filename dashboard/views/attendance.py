"""Attending countries: roles by meeting type, world map, reported attendance over time."""

import streamlit as st

from dashboard import charts, derive
from dashboard.views import common

ctx = common.context()
c = ctx.data
page = common.Page("attendance", ctx)
page.header(ctx.t("Attending countries", "الدول المشاركة"), ctx.subtitle())
st.caption("Counts are distinct meetings (a meeting reported by several articles counts once).")

names = ctx.names()
roles = derive.role_counts(c.participants, c.events)
page.chart(charts.country_roles(roles, names, ctx.type_labels(), ctx.role_labels(),
                                ctx.t("How often each country chairs, attends or is named absent",
                                      "عدد مرات رئاسة كل دولة أو حضورها أو غيابها"),
                                ctx.subtitle(), lang=ctx.lang), "country-roles")
page.chart(charts.world_map(derive.country_totals(roles), names,
                            ctx.t("Meetings each country took part in", "الاجتماعات التي شاركت فيها كل دولة"),
                            ctx.subtitle(), lang=ctx.lang), "world-map")
page.chart(charts.attendance_over_time(derive.attendance_reports(c.events), ctx.type_labels(),
                                       ctx.t("Reported number of attending countries per meeting",
                                             "عدد الدول المشاركة كما ورد لكل اجتماع"),
                                       ctx.subtitle(), lang=ctx.lang), "attendance-over-time")
with st.expander(ctx.t("Counts table", "جدول الأعداد")):
    common.table(roles.assign(name=roles["country"].map(lambda x: names.get(x, x))), "roles")
page.finish()
