"""What is given: weapon systems and equipment named in the articles, by donor and over time, with their sentences."""

import streamlit as st

from dashboard import charts, derive
from dashboard.views import common

ctx = common.context()
c = ctx.data
page = common.Page("systems", ctx)
page.header(ctx.t("What is given", "ما الذي يقدم"), ctx.subtitle())
st.caption(ctx.t("Weapon systems and equipment named in the articles, with who gives them and whether they are "
                 "pledged, delivered, requested by Ukraine or only discussed. A request is not a pledge; a Russian "
                 "system in a strike report is never counted.",
                 "المنظومات والمعدات المذكورة في المقالات، ومن يقدمها، وهل هي متعهد بها أو مسلمة أو طلبتها أوكرانيا "
                 "أو نوقشت فقط. الطلب ليس تعهدا، والمنظومة الروسية في خبر عن هجوم لا تحسب أبدا."))

mentions = derive.system_mentions(c.systems, c.articles)
names = ctx.names()
page.chart(charts.systems_by_donor(mentions, names, ctx.t("Systems pledged or delivered, by donor",
                                                          "المنظومات المتعهد بها أو المسلمة حسب المانح"),
                                   ctx.subtitle(), lang=ctx.lang), "systems-by-donor")
page.chart(charts.system_pledges_over_time(mentions, names,
                                           ctx.t("First pledge of each system, by donor",
                                                 "أول تعهد بكل منظومة حسب المانح"),
                                           ctx.subtitle(), lang=ctx.lang), "system-pledges-over-time")

st.subheader(ctx.t("Systems and their evidence", "المنظومات ومصادرها"))
shown = mentions.assign(system=mentions["system_ar"]) if ctx.lang == "ar" else mentions
common.show(shown[["date", "system", "category", "donor", "status", "quantity", "quantity_qualifier", "raw",
                   "evidence", "article_id"]], "systems", ctx, link="article_id",
            labels={"quantity_qualifier": ("Qualifier", "الوصف"), "status": ("Status", "الحالة")})
page.finish()
