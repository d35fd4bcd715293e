"""Aid totals: latest cumulative total per donor, reported figures over time, the figures with their evidence."""

import streamlit as st

from dashboard import charts, derive
from dashboard.views import common

ctx = common.context()
c = ctx.data
page = common.Page("aid", ctx)
page.header(ctx.t("Aid totals", "إجماليات المساعدات"), ctx.subtitle())
st.caption(ctx.t("A figure reported by several articles is counted once and listed with all its sources. Figures of "
                 "different kinds (pledge, package, cumulative total, funding gap) are shown apart and never added up.",
                 "الرقم الذي تذكره عدة مقالات يحسب مرة واحدة مع كل مصادره. أرقام الأنواع المختلفة (تعهد، حزمة، "
                 "إجمالي تراكمي، فجوة تمويل) تعرض منفصلة ولا تجمع أبدا."))

figures = common.figures(c)
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

by_donor_title = ctx.t("Pledges and packages per donor, by quarter", "التعهدات والحزم لكل مانح حسب الربع")
page.chart(charts.aid_by_donor(derive.aid_by_donor(figures), names, ctx.kind_labels(), by_donor_title,
                               ctx.subtitle(), lang=ctx.lang), "aid-by-donor")
st.caption(ctx.t("Each bar adds up the distinct figures of one kind announced by a donor in a quarter; pledges and "
                 "packages are shown apart.",
                 "يجمع كل عمود الأرقام المختلفة من نوع واحد التي أعلنها مانح في ربع سنة؛ التعهدات والحزم منفصلة."))

st.subheader(ctx.t("Reported figures and their evidence", "الأرقام المعلنة ومصادرها"))
common.show(figures[["date", "donor", "kind", "category", "value_usd", "raw", "n_sources", "evidence", "article_ids"]],
            "figures", ctx, link="article_ids",
            labels={"date": ("As of", "حتى تاريخ"), "open": ("First source", "أول مصدر")})
page.finish()
