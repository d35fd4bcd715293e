"""Web pages and feeds written for the tests: Arabic article pages inside a site (menu, "read also" list, footer),
an index page and an RSS feed. The sentences are written here; none comes from a real outlet."""

from __future__ import annotations

import html

SITE = "موقع الأخبار التجريبي"
MENU = ["الرئيسية", "سياسة دولية", "اقتصاد وأعمال", "رياضة", "منوعات", "اتصل بنا"]
READ_ALSO = ["روسيا تعلن السيطرة على قرية جديدة في الشرق", "قمة الحلف المقبلة تبحث الإنفاق الدفاعي"]
FOOTER = ["جميع الحقوق محفوظة لموقع الأخبار التجريبي", "سياسة الخصوصية وشروط الاستخدام", "تابعونا على الشبكات"]

COUNTRIES = ["ألمانيا", "فرنسا", "بريطانيا", "بولندا", "هولندا", "السويد", "النرويج", "الدنمارك", "كندا", "إيطاليا"]


def article(n: int) -> tuple[str, list[str]]:
    """Headline and paragraphs of test article ``n``: a Ramstein-style meeting with its own donor and amount."""
    donor = COUNTRIES[n % len(COUNTRIES)]
    headline = f"{donor} تعلن حزمة مساعدات عسكرية جديدة لأوكرانيا رقم {n}"
    paras = [
        f"أعلنت {donor} خلال اجتماع مجموعة الاتصال الدفاعية لأوكرانيا عن حزمة مساعدات عسكرية جديدة بقيمة {100 + n} "
        "مليون دولار تشمل ذخائر ومنظومات دفاع جوي.",
        f"وقال وزير دفاع {donor} في مؤتمر صحفي عقب الاجتماع إن بلاده ستواصل دعم كييف ما دامت الحرب مستمرة.",
        "وشارك في الاجتماع الذي عقد عبر الفيديو وزراء دفاع نحو خمسين دولة من الحلفاء والشركاء.",
        "من جهته، شكر وزير الدفاع الأوكراني الشركاء على دعمهم، وطالب بتسريع تسليم المنظومات الموعودة.",
    ]
    return headline, paras


def article_page(n: int, *, url: str = "", published: str | None = "2025-02-13", hijri: str = "",
                 charset: bool = True) -> str:
    """A full page: head metadata (og:title, site name, canonical, published time), a menu, the article, a
    "read also" list and a footer."""
    headline, paras = article(n)
    e = html.escape
    meta = ['<meta charset="utf-8">' if charset else "",
            f"<title>{e(headline)} | {e(SITE)}</title>",
            f'<meta property="og:site_name" content="{e(SITE)}">',
            f'<meta property="og:title" content="{e(headline)}">',
            '<meta property="og:type" content="article">']
    if url:
        meta.append(f'<link rel="canonical" href="{e(url)}">')
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}T09:30:00+03:00">')
    menu = "".join(f'<li><a href="/section/{i}">{e(m)}</a></li>' for i, m in enumerate(MENU))
    also = "".join(f'<li><a href="/other/{i}">{e(t)}</a></li>' for i, t in enumerate(READ_ALSO))
    foot = "".join(f"<p>{e(f)}</p>" for f in FOOTER)
    dateline = f'<p class="date">{e(hijri)}</p>' if hijri else ""
    body = "".join(f"<p>{e(p)}</p>" for p in paras)
    return (f'<!doctype html><html lang="ar" dir="rtl"><head>{"".join(meta)}</head><body>'
            f'<header><nav><ul>{menu}</ul></nav></header>'
            f"<main><article><h1>{e(headline)}</h1>{dateline}{body}</article>"
            f"<aside><h3>اقرأ أيضا</h3><ul>{also}</ul></aside></main>"
            f"<footer>{foot}</footer></body></html>")


def index_page(links: list[tuple[str, str]]) -> str:
    """A section page: nothing but headlines linking to articles."""
    e = html.escape
    items = "".join(f'<li><a href="{e(u)}">{e(t)}</a></li>' for u, t in links)
    return (f'<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>{e(SITE)}</title></head>'
            f"<body><nav><a href='/'>الرئيسية</a></nav><ul>{items}</ul></body></html>")


def rss(items: list[tuple[str, str, str]], title: str = SITE) -> str:
    """An RSS 2.0 feed of (url, headline, RFC 2822 date)."""
    e = html.escape
    entries = "".join(f"<item><title>{e(t)}</title><link>{e(u)}</link><guid>{e(u)}</guid>"
                      f"<pubDate>{d}</pubDate><description>{e(t)}</description></item>" for u, t, d in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{e(title)}</title>'
            f"<link>http://example.invalid/</link><description>{e(title)}</description>{entries}</channel></rss>")
