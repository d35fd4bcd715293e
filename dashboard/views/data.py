"""Data: the filtered tables, downloadable as CSV (UTF-8 with BOM), Excel and Parquet."""

import streamlit as st

from dashboard import export
from dashboard.views import common

ctx = common.context()
c = ctx.data
page = common.Page("data", ctx)
page.header(ctx.t("Data", "البيانات"), ctx.subtitle())
tables = c.tables()
slug = ctx.filters.slug()
name = st.segmented_control(ctx.t("Table", "الجدول"), list(tables), default="events", key="data_table",
                            format_func=lambda t: f"{ctx.t(*common.TABLE_NAMES.get(t, (t, t)))} ({len(tables[t]):,})"
                            ) or "events"
df = tables[name]
stem = export.file_stem("data", name, slug)
b1, b2, b3, _ = st.columns([1, 1, 1, 3])
b1.download_button(ctx.t("CSV", "ملف CSV"), data=lambda: export.csv_bytes(df), file_name=f"{stem}.csv", mime="text/csv",
                   on_click="ignore", key="dl_csv", icon=":material/download:", help="UTF-8 with BOM")
b2.download_button(ctx.t("Excel", "إكسل"), data=lambda: export.excel_bytes({name: df}), file_name=f"{stem}.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore",
                   key="dl_xlsx", icon=":material/download:")
b3.download_button("Parquet", data=lambda: export.parquet_bytes(df), file_name=f"{stem}.parquet",
                   mime="application/vnd.apache.parquet", on_click="ignore", key="dl_parquet",
                   icon=":material/download:")
common.show(df.drop(columns=[c for c in ("text", "boilerplate") if c in df]), f"data_{name}", ctx, link=None,
            limit=5000, show_ids=True, download=False)  # the buttons above download this table
if name == "articles":
    st.caption(ctx.t("Article text is left out of this view; the downloads include it.",
                     "نص المقالات غير معروض هنا؛ الملفات المنزّلة تتضمنه."))
st.divider()
st.markdown(f"**{ctx.t('All tables at once', 'كل الجداول معا')}**")
a1, a2, _ = st.columns([1, 1, 2])
all_stem = export.file_stem("data", "all-tables", slug)
a1.download_button(ctx.t("Excel workbook", "مصنف إكسل"), data=lambda: export.excel_bytes(tables),
                   file_name=f"{all_stem}.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore",
                   key="dl_all_xlsx", icon=":material/download:")
a2.download_button("Parquet (ZIP)", data=lambda: export.parquet_zip(tables), file_name=f"{all_stem}.zip",
                   mime="application/zip", on_click="ignore", key="dl_all_parquet", icon=":material/download:")
page.finish()
