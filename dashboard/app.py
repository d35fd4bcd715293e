"""Ramstein dashboard: ``streamlit run dashboard/app.py [-- --corpus DIR]`` (or ``RAMSTEIN_CORPUS=DIR``).

Top to bottom on every run: load the corpus (cached per content), add the session's uploads, draw the shared sidebar
filters (kept in the URL), cut the corpus to them, and run the selected page from dashboard/views/.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `streamlit run dashboard/app.py` puts dashboard/ on the path, not the repo
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard import filters  # noqa: E402
from dashboard.views import common  # noqa: E402

st.set_page_config(page_title="Ramstein monitor · رصد رامشتاين", layout="wide")  # no page_icon: it is fetched online
common.inject_css()

path = common.corpus_path(sys.argv[1:])
base = common.load(str(path), common.signature(str(path)))

with st.sidebar:
    filter_box = st.container()
    st.divider()
    common.plain(f"Corpus: {path.name or path} · {len(base.corpus.articles):,} articles")
    uploaded = st.file_uploader("Add articles for this session", type=["txt", "json", "jsonl", "csv"],
                                accept_multiple_files=True, key="uploads",
                                help="Plain text, JSON, JSON Lines or CSV; kept only in this browser session.")
bundle, up = common.with_uploads(base, uploaded or [])
if up is not None:
    with st.sidebar:
        st.caption(f"Uploads: {len(up.articles):,} articles added, {len(up.errors):,} files or records not read.")
        if len(up.errors):
            with st.expander("Upload problems", expanded=True):
                for row in up.errors.itertuples():  # file names and reasons are shown as text, never Markdown
                    rec = f" (record {row.record})" if row.record is not None and str(row.record) != "<NA>" else ""
                    common.plain(f"{row.file}{rec}: {row.error}", cls="upload-problem")

f = filters.sidebar(bundle.options, common.country_label, where=filter_box)
ctx = common.Context(full=bundle.corpus, data=common.filtered(bundle, f), filters=f, options=bundle.options,
                     source=str(path), uploads=up, load_error=bundle.load_error)
common.set_context(ctx)

pages = [  # no page icons: Streamlit fetches a page's icon from a font CDN to use as the favicon
    st.Page("views/overview.py", title="Overview · نظرة عامة", default=True),
    st.Page("views/aid.py", title="Aid totals · المساعدات", url_path="aid"),
    st.Page("views/attendance.py", title="Attending countries · الدول المشاركة",
            url_path="attendance"),
    st.Page("views/timeline.py", title="Ramstein timeline · الجدول الزمني",
            url_path="timeline"),
    st.Page("views/articles.py", title="Articles · المقالات", url_path="articles"),
    st.Page("views/data.py", title="Data · البيانات", url_path="data"),
]
page = st.navigation(pages, position="sidebar")
if page.url_path != "articles" and "article" in st.query_params:
    del st.query_params["article"]  # the article choice belongs to the Articles page only
page.run()
