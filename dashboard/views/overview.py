"""Overview: counts, latest events, data quality."""

import streamlit as st

from dashboard import charts, derive
from dashboard.charts import usd
from dashboard.views import common

ctx = common.context()
c = ctx.data
page = common.Page("overview", ctx)
page.header(ctx.t("Overview", "نظرة عامة"), f"{ctx.subtitle()} · corpus: {ctx.source}")
if ctx.load_error:
    st.error(f"The corpus could not be loaded: {ctx.load_error}")

counts = derive.overview_counts(c)
figures = derive.amount_figures(c.amounts, c.articles)
totals = derive.latest_totals(figures)
cols = st.columns(5)
cols[0].metric("Articles · مقالات", f"{counts['articles']:,}")
cols[1].metric("Events · أحداث", f"{counts['events']:,}")
cols[2].metric("Meetings · اجتماعات", f"{counts['meetings']:,}")
cols[3].metric("Countries · دول", f"{counts['countries']:,}")
all_total = totals[totals["donor"] == "ALL"]
cols[4].metric("Aid figures · أرقام المساعدات", f"{counts['aid_figures']:,}",
               help="Distinct reported figures (a figure reported by several articles counts once). "
                    "Figures of different kinds (pledge, package, cumulative total…) are never added up.")
if len(all_total):
    r = all_total.iloc[0]
    st.caption(f"Latest reported cumulative total, all donors: **{usd(r['value_usd'])}** "
               f"(as of {derive.day(r['date'], 'an unknown date')}, {r['n_sources']} source(s)). "
               "See *Aid totals* for every donor.")

page.chart(charts.events_by_month(derive.events_by_month(c.events), ctx.type_labels(),
                                  ctx.t("Events per month by type", "الأحداث شهريا حسب النوع"), ctx.subtitle(),
                                  lang=ctx.lang), "events-per-month")

st.subheader(ctx.t("Latest events", "أحدث الأحداث"))
common.show(derive.latest_events(c.events, c.articles, n=12), "latest_events", ctx)

st.subheader(ctx.t("Data quality", "جودة البيانات"))
q1, q2, q3 = st.columns(3)
errors = ctx.full.errors
undated = derive.undated_events(c.events)
q1.metric("Files not read · ملفات لم تقرأ", f"{len(errors):,}")
q2.metric("Events without a date · أحداث بلا تاريخ", f"{len(undated):,}")
q3.metric("Articles without a publication date", f"{int(c.articles['published'].isna().sum()):,}")
with st.expander(f"Files that could not be read ({len(errors):,})", expanded=bool(len(errors)) and len(errors) <= 20):
    if len(errors):
        common.show(errors, "errors", ctx, link=None)
    else:
        st.write("Every file was read.")
with st.expander(f"Events without a date ({len(undated):,})"):
    if len(undated):
        common.show(undated, "undated", ctx)
    else:
        st.write("Every event has a date.")
page.finish()
