"""Aid totals: latest cumulative total per donor, reported figures over time, the figures with their evidence."""

import streamlit as st

from dashboard import charts, derive
from dashboard.views import common

ctx = common.context()
c = ctx.data
page = common.Page("aid", ctx)
page.header(ctx.t("Aid totals", "إجماليات المساعدات"), ctx.subtitle())
st.caption("A figure reported by several articles is counted once and listed with all its sources. Figures of "
           "different kinds (pledge, package, cumulative total, funding gap) are shown apart and never added up.")

figures = derive.amount_figures(c.amounts, c.articles)
names = ctx.names()
page.chart(charts.latest_totals(derive.latest_totals(figures), names,
                                ctx.t("Latest cumulative total per donor", "آخر إجمالي تراكمي لكل مانح"),
                                ctx.subtitle(), lang=ctx.lang), "latest-cumulative-totals")
page.chart(charts.amounts_over_time(figures, names, ctx.kind_labels(),
                                    ctx.t("Reported amounts over time, by kind", "المبالغ المعلنة عبر الزمن حسب النوع"),
                                    ctx.subtitle(), lang=ctx.lang), "amounts-over-time")
page.chart(charts.category_totals(derive.category_totals(figures), names, ctx.kind_labels(),
                                  ctx.t("By aid category and donor, per kind", "حسب فئة المساعدة والمانح لكل نوع"),
                                  ctx.subtitle(), lang=ctx.lang), "category-totals")

st.subheader(ctx.t("Reported figures and their evidence", "الأرقام المعلنة ومصادرها"))
kinds = ctx.kind_labels()
view = figures.assign(
    donor=figures["donor"].map(lambda d: names.get(d, d)), kind=figures["kind"].map(lambda k: kinds.get(k, k)),
    usd=figures["value_usd"].map(charts.usd),
    open=common.article_link(ctx)(figures["article_ids"].str.split(";").str[0]),
)[["date", "donor", "kind", "category", "usd", "raw", "n_sources", "article_ids", "evidence", "open", "value_usd"]]
common.table(view, "figures", column_config={
    "date": st.column_config.DateColumn("as of", format="YYYY-MM-DD"),
    "usd": st.column_config.TextColumn("US$"), "raw": st.column_config.TextColumn("as written"),
    "n_sources": st.column_config.NumberColumn("sources"),
    "evidence": st.column_config.TextColumn("evidence (Arabic sentence)", width="large"),
    "open": st.column_config.LinkColumn("first source", display_text="open ↗"),
    "value_usd": st.column_config.NumberColumn("value_usd", format="%.0f"),
})
page.finish()
