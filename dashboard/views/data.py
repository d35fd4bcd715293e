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
name = st.segmented_control("Table", list(tables), default="events", key="data_table",
                            format_func=lambda t: f"{t} ({len(tables[t]):,})") or "events"
df = tables[name]
stem = export.file_stem("data", name, slug)
b1, b2, b3, _ = st.columns([1, 1, 1, 3])
b1.download_button("CSV", data=lambda: export.csv_bytes(df), file_name=f"{stem}.csv", mime="text/csv",
                   on_click="ignore", key="dl_csv", icon=":material/download:", help="UTF-8 with BOM")
b2.download_button("Excel", data=lambda: export.excel_bytes({name: df}), file_name=f"{stem}.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore",
                   key="dl_xlsx", icon=":material/download:")
b3.download_button("Parquet", data=lambda: export.parquet_bytes(df), file_name=f"{stem}.parquet",
                   mime="application/vnd.apache.parquet", on_click="ignore", key="dl_parquet",
                   icon=":material/download:")
common.show(df.drop(columns=[c for c in ("text", "boilerplate") if c in df]), f"data_{name}", ctx, link=None,
            limit=5000, show_ids=True)
if name == "articles":
    st.caption("Article text is left out of this view; the downloads include it.")
st.divider()
st.markdown("**All tables at once**")
a1, a2, _ = st.columns([1, 1, 2])
all_stem = export.file_stem("data", "all-tables", slug)
a1.download_button("Excel workbook", data=lambda: export.excel_bytes(tables), file_name=f"{all_stem}.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore",
                   key="dl_all_xlsx", icon=":material/download:")
a2.download_button("Parquet (ZIP)", data=lambda: export.parquet_zip(tables), file_name=f"{all_stem}.zip",
                   mime="application/zip", on_click="ignore", key="dl_all_parquet", icon=":material/download:")
page.finish()
