"""Articles: read one right to left with its extracted values highlighted, and its rows beside it."""

import html

import streamlit as st

from dashboard import derive
from dashboard.views import common

ctx = common.context()
c = ctx.data
page = common.Page("articles", ctx)
page.header(ctx.t("Articles", "المقالات"), ctx.subtitle())

arts = c.articles.sort_values("published", ascending=False, na_position="last")
wanted = st.query_params.get("article")
query = st.text_input(ctx.t("Search the articles · ابحث في المقالات", "ابحث في المقالات"), key="art_q",
                      placeholder=ctx.t("e.g. رامشتاين, المانيا, Germany, Brussels", "مثلا: رامشتاين، المانيا، بروكسل"),
                      help=ctx.t("Every word must occur in the title, the text or the facts found in the article "
                                 "(countries, places, meeting types), in either language; hamza, ta marbuta, alef "
                                 "maqsura and diacritics do not matter.",
                                 "يجب أن ترد كل كلمة في العنوان أو النص أو الوقائع المستخرجة (الدول والأماكن وأنواع "
                                 "الاجتماعات)؛ لا فرق بين الهمزات والتاء المربوطة والألف المقصورة والتشكيل."))
if query.strip():
    hits = set(derive.search(common.search_index(ctx), query))
    arts = arts[arts["article_id"].astype("string").isin(hits).fillna(False)]
ids = list(arts["article_id"].astype(str).head(1000))
if (wanted and not query.strip() and wanted not in ids
        and wanted in set(ctx.full.articles["article_id"].astype(str))):  # a link opens its article
    ids.insert(0, wanted)
if not ids:
    st.info(ctx.t("No article matches the filters.", "لا مقال يطابق عوامل التصفية.") if not query else
            ctx.t("No article matches the search.", "لا مقال يطابق البحث."))
    st.stop()
titles = ctx.full.articles.drop_duplicates("article_id").set_index("article_id")
if wanted in ids and wanted != st.session_state.get("_art_url"):  # a link or an edited URL asks for this article
    st.session_state["art_pick"] = wanted
elif st.session_state.get("art_pick") not in ids:
    st.session_state["art_pick"] = ids[0]


def label(aid: str) -> str:
    row = titles.loc[aid]
    date = derive.day(row["published"], ctx.t("no date", "بلا تاريخ"))
    return f"{date} · {derive.txt(row['title'])[:90] or aid}"


aid = st.selectbox(ctx.t(f"Article ({len(arts):,} match the filters)", f"المقال ({len(arts):,} يطابق عوامل التصفية)"),
                   ids, key="art_pick", format_func=label)
if st.query_params.get("article") != aid:
    st.query_params["article"] = aid
st.session_state["_art_url"] = aid

art = titles.loc[aid]
rows = derive.article_rows(ctx.full, aid)
left, right = st.columns([3, 2], gap="large")
with left:
    meta = [aid, derive.published_label(art, ctx.t("no publication date", "بلا تاريخ نشر"), ctx.lang)]
    meta += [derive.txt(art[k]) for k in ("outlet", "file") if derive.txt(art[k])]
    common.plain(" · ".join(meta), cls="plain-caption article-meta")
    st.html(common.rtl(derive.highlight_html(art["title"], rows["spans"].iloc[:0]), "article-title"))
    hit = derive.match_html(f"{derive.txt(art['title'])}\n{derive.txt(art['text'])}", query) if query.strip() else ""
    if hit:
        st.html(common.rtl(hit, "search-hit"))
    elif query.strip():
        st.caption(ctx.t("The search matched the facts found in this article (country, place or meeting type).",
                         "طابق البحث الوقائع المستخرجة من هذا المقال (دولة أو مكان أو نوع اجتماع)."))
    present = set(rows["spans"]["kind"].astype(str))
    kinds = [k for k in derive.SPAN_KINDS if k in present] + sorted(present - set(derive.SPAN_KINDS))
    if kinds:
        words = {k: ctx.t(*common.SPAN_LABELS.get(k, (k, k))) for k in kinds}
        st.html(" ".join(f'<mark class="legend-chip k-{html.escape(k)}">{html.escape(words[k])}</mark>'
                         for k in kinds))
    st.html(common.rtl(derive.highlight_html(art["text"], rows["spans"]), "article-text"))
    if derive.txt(art["url"]):
        common.plain(f"{ctx.t('Source', 'المصدر')}: {art['url']}", cls="plain-caption article-url")
with right:
    ev = rows["events"]
    st.markdown(f"**{ctx.t('Events', 'الأحداث')}** ({len(ev)})")
    common.show(ev[["event_type", "date", "location", "attending_count", "evidence"]], "art_events", ctx, link=None)
    st.markdown(f"**{ctx.t('Participants', 'المشاركون')}** ({len(rows['participants'])})")
    p = rows["participants"]
    common.show(p[["country", "role", "raw"]], "art_participants", ctx, link=None)
    st.markdown(f"**{ctx.t('Amounts', 'المبالغ')}** ({len(rows['amounts'])})")
    common.show(rows["amounts"][["kind", "donor", "value_usd", "raw", "evidence"]], "art_amounts", ctx, link=None)
    st.markdown(f"**{ctx.t('Countries named', 'الدول المذكورة')}** ({len(rows['mentions'])})")
    common.show(rows["mentions"][["country", "count", "first_raw"]], "art_mentions", ctx, link=None)
page.finish()
