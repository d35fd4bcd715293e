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
lang = "ar" if st.session_state.get(filters.K_LANG, st.query_params.get("lang")) == "ar" else "en"
common.inject_css(lang)


def t(en: str, ar: str) -> str:
    return ar if lang == "ar" else en


path = common.corpus_path(sys.argv[1:])
job = common.load(str(path), common.signature(str(path)))  # parsed in the background, shared by every session
if not job.wait(common.load_wait()):
    common.loading_page(job, lang)  # progress bar and the reference calendar; reruns the app when the load ends
base = job.result()

with st.sidebar:
    filter_box = st.container()
    st.divider()
    n_base = len(base.corpus.articles)
    common.plain(t(f"Corpus: {path.name or path} · {common.plural(n_base, 'article', 'articles')}",
                   f"المدونة: {path.name or path} · {common.plural_ar(n_base, 'مقال', 'مقالان', 'مقالات', 'مقالا')}"))
    uploaded = st.file_uploader(t("Add articles for this session", "أضف مقالات لهذه الجلسة"),
                                type=["txt", "json", "jsonl", "csv"], accept_multiple_files=True, key="uploads",
                                help=t("Plain text, JSON, JSON Lines or CSV; kept only in this browser session.",
                                       "نص أو JSON أو JSON Lines أو CSV؛ تبقى في جلسة المتصفح هذه فقط."))
    by_url = common.url_box(t)
if any(str(getattr(f, "name", "")).lower().endswith(".txt") for f in uploaded or []):
    with st.sidebar:
        up_date = st.date_input(t("Publication date of the uploaded .txt files", "تاريخ نشر ملفات النص المضافة"),
                                value=None, key="up_date", format="YYYY-MM-DD",
                                help=t("Used for a file that does not state its date on its first lines.",
                                       "يستعمل للملف الذي لا يذكر تاريخه في أسطره الأولى."))
else:
    up_date = None
with st.spinner(t("Reading the uploaded files…", "قراءة الملفات المضافة…")):
    bundle, up = common.with_uploads(base, [*(uploaded or []), *by_url], up_date)
if up is not None:
    with st.sidebar:
        n_up, n_err = len(up.articles), len(up.errors)
        st.caption(t(f"Uploads: {common.plural(n_up, 'article', 'articles')} added, "
                     f"{common.plural(n_err, 'file or record', 'files or records')} not read.",
                     f"الملفات المضافة: {common.plural_ar(n_up, 'مقال', 'مقالان', 'مقالات', 'مقالا')} أضيفت، و"
                     f"{common.plural_ar(n_err, 'ملف', 'ملفان', 'ملفات', 'ملفا')} لم تقرأ."))
        if len(up.errors):
            with st.expander(t("Upload problems", "مشكلات الملفات المضافة"), expanded=True):
                for row in up.errors.itertuples():  # file names and reasons are shown as text, never Markdown
                    rec = f" (record {row.record})" if row.record is not None and str(row.record) != "<NA>" else ""
                    common.plain(f"{row.file}{rec}: {row.error}", cls="upload-problem")

f = filters.sidebar(bundle.options, common.country_label, where=filter_box)
ctx = common.Context(full=bundle.corpus, data=common.filtered(bundle, f), filters=f, options=bundle.options,
                     source=str(path), uploads=up, load_error=bundle.load_error, bundle=bundle)
common.set_context(ctx)

pages = [  # no page icons: Streamlit fetches a page's icon from a font CDN to use as the favicon
    st.Page("views/overview.py", title=ctx.page_title("Overview", "نظرة عامة"), default=True),
    st.Page("views/aid.py", title=ctx.page_title("Aid totals", "المساعدات"), url_path="aid"),
    st.Page("views/systems.py", title=ctx.page_title("What is given", "ما الذي يقدم"), url_path="systems"),
    st.Page("views/attendance.py", title=ctx.page_title("Attending countries", "الدول المشاركة"),
            url_path="attendance"),
    st.Page("views/timeline.py", title=ctx.page_title("Ramstein timeline", "الجدول الزمني"), url_path="timeline"),
    st.Page("views/meeting.py", title=ctx.page_title("Meeting", "الاجتماع"), url_path="meeting"),
    st.Page("views/articles.py", title=ctx.page_title("Articles", "المقالات"), url_path="articles"),
    st.Page("views/data.py", title=ctx.page_title("Data", "البيانات"), url_path="data"),
]
page = st.navigation(pages, position="sidebar")
if page.url_path != "articles" and "article" in st.query_params:
    del st.query_params["article"]  # the article choice belongs to the Articles page only
if page.url_path != "meeting" and "meeting" in st.query_params:
    del st.query_params["meeting"]
page.run()
