"""Overview: counts, latest events, data quality."""

import streamlit as st

from dashboard import charts, derive
from dashboard.charts import usd
from dashboard.views import common

ctx = common.context()
c = ctx.data
page = common.Page("overview", ctx)
page.header(ctx.t("Overview", "نظرة عامة"), f"{ctx.subtitle()} · {ctx.t('corpus', 'المدونة')}: {ctx.source}")
if ctx.load_error:
    st.error(ctx.t("The corpus could not be loaded.", "تعذر تحميل المدونة."))
    common.plain(ctx.load_error)

figures = common.figures(c)
counts = common.derived(c, "counts", lambda: derive.overview_counts(c, figures))
totals = derive.latest_totals(figures)
cols = st.columns(5)
cols[0].metric(ctx.t("Articles · مقالات", "المقالات"), f"{counts['articles']:,}")
cols[1].metric(ctx.t("Events · أحداث", "الأحداث"), f"{counts['events']:,}")
cols[2].metric(ctx.t("Meetings · اجتماعات", "الاجتماعات"), f"{counts['meetings']:,}")
cols[3].metric(ctx.t("Countries · دول", "الدول"), f"{counts['countries']:,}")
all_total = totals[totals["donor"] == "ALL"]
cols[4].metric(ctx.t("Aid figures · أرقام المساعدات", "أرقام المساعدات"), f"{counts['aid_figures']:,}",
               help=ctx.t("Distinct reported figures (a figure reported by several articles counts once). Figures of "
                          "different kinds (pledge, package, cumulative total…) are never added up.",
                          "الأرقام المعلنة المختلفة (الرقم الذي تذكره عدة مقالات يحسب مرة واحدة). لا تجمع أرقام "
                          "الأنواع المختلفة (تعهد، حزمة، إجمالي تراكمي…)."))
if len(all_total):
    r = all_total.iloc[0]
    when = derive.day(r["date"], ctx.t("an unknown date", "تاريخ غير معروف"))
    n = int(r["n_sources"])
    st.caption(ctx.t(f"Latest reported cumulative total, all donors: **{usd(r['value_usd'])}** (as of {when}, "
                     f"{common.plural(n, 'source', 'sources')}). See *Aid totals* for every donor.",
                     f"آخر إجمالي تراكمي معلن لجميع المانحين: **{usd(r['value_usd'], 'ar')}** (حتى {when}، "
                     f"{common.plural_ar(n, 'مصدر', 'مصدران', 'مصادر', 'مصدرا')}). "
                     "انظر صفحة المساعدات لكل مانح."))

page.chart(charts.events_by_month(derive.events_by_month(c.events), ctx.type_labels(),
                                  ctx.t("Events per month by type", "الأحداث شهريا حسب النوع"), ctx.subtitle(),
                                  lang=ctx.lang), "events-per-month")

st.subheader(ctx.t("Latest events", "أحدث الأحداث"))
common.show(derive.latest_events(c.events, c.select("articles", ["article_id", "title"]), n=12), "latest_events",
            ctx)

st.subheader(ctx.t("Data quality", "جودة البيانات"))
q1, q2, q3 = st.columns(3)
errors = ctx.full.errors
undated = derive.undated_events(ctx.without_dates().events)  # a date range hides them: say how many
q1.metric(ctx.t("Files not read · ملفات لم تقرأ", "ملفات لم تقرأ"), f"{len(errors):,}")
q2.metric(ctx.t("Events without a date · أحداث بلا تاريخ", "أحداث بلا تاريخ"), f"{len(undated):,}",
          help=ctx.t("Counted with the country and type filters; a date range cannot place them, so they are hidden "
                     "from the other pages while one is set.",
                     "تحسب مع عوامل الدول والأنواع؛ لا يمكن وضعها في فترة زمنية، فتختفي من الصفحات الأخرى عند "
                     "اختيار فترة."))
q3.metric(ctx.t("Articles without a publication date", "مقالات بلا تاريخ نشر"),
          f"{int(c.select('articles', ['published'])['published'].isna().sum()):,}")
if ctx.filters.has_dates and len(undated):
    hidden_ar = common.plural_ar(len(undated), "حدث بلا تاريخ مخفي", "حدثان بلا تاريخ مخفيان",
                                 "أحداث بلا تاريخ مخفية", "حدثا بلا تاريخ مخفيا")
    st.caption(ctx.t(f"{common.plural(len(undated), 'event without a date is', 'events without a date are')} "
                     "hidden by the date range.", f"{hidden_ar} بسبب الفترة المختارة."))
with st.expander(ctx.t(f"Files that could not be read ({len(errors):,})", f"ملفات تعذرت قراءتها ({len(errors):,})"),
                 expanded=bool(len(errors)) and len(errors) <= 20):
    if len(errors):
        common.show(errors, "errors", ctx, link=None)
    else:
        st.write(ctx.t("Every file was read.", "قرئت كل الملفات."))
with st.expander(ctx.t(f"Events without a date ({len(undated):,})", f"أحداث بلا تاريخ ({len(undated):,})")):
    if len(undated):
        common.show(undated, "undated", ctx, limit=200)  # a summary: the download and the Data page have all
    else:
        st.write(ctx.t("Every event has a date.", "لكل حدث تاريخ."))
page.finish()
