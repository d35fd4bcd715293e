"""Attending countries: roles by meeting type, world map, reported attendance over time."""

import streamlit as st

from dashboard import charts, derive
from dashboard.views import common

ctx = common.context()
c = ctx.data
page = common.Page("attendance", ctx)
page.header(ctx.t("Attending countries", "الدول المشاركة"), ctx.subtitle())
st.caption(ctx.t("Counts are distinct meetings (a meeting reported by several articles counts once), stacked by "
                 "meeting type. A chair takes part too. Phone calls and bilateral talks are not meetings of a group: "
                 "they are counted apart, in the last chart.",
                 "الأعداد اجتماعات مختلفة (الاجتماع الذي تذكره عدة مقالات يحسب مرة واحدة) مكدسة حسب نوع الاجتماع. "
                 "من يترأس يشارك أيضا. الاتصالات الهاتفية والمحادثات الثنائية ليست اجتماعات مجموعة: تحسب منفصلة في "
                 "الرسم الأخير."))

names = ctx.names()
roles = common.derived(c, "roles", lambda: derive.role_counts(c.participants, c.events))
for group, en, ar in [("chair", "Chairs or hosts: meetings per country", "الرئاسة أو الاستضافة: عدد الاجتماعات"),
                      ("part", "Takes part: meetings per country", "المشاركة: عدد الاجتماعات"),
                      ("absent", "Named absent: meetings per country", "الغياب المذكور: عدد الاجتماعات"),
                      ("talks", "Phone calls and bilateral talks per country", "الاتصالات والمحادثات الثنائية")]:
    page.chart(charts.country_roles(derive.role_group(roles, group), names, ctx.type_labels(), ctx.t(en, ar),
                                    ctx.subtitle(), lang=ctx.lang), f"countries-{group}")
page.chart(charts.world_map(derive.country_totals(roles), names,
                            ctx.t("Meetings each country took part in", "الاجتماعات التي شاركت فيها كل دولة"),
                            ctx.subtitle(), lang=ctx.lang), "world-map")
page.chart(charts.attendance_over_time(derive.attendance_reports(c.events), ctx.type_labels(),
                                       ctx.t("Reported attendance per meeting", "عدد الدول المشاركة كما ورد"),
                                       ctx.subtitle(), lang=ctx.lang), "attendance-over-time")
with st.expander(ctx.t("Counts table", "جدول الأعداد")):
    common.show(roles, "roles", ctx, link=None)
page.finish()
