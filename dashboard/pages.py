"""Saved web pages: the article in an HTML page, without the site around it.

``read_page(markup, url)`` runs trafilatura (a maintained article extractor) on the page: the body without menus,
footers, "read also" lists and comments; the headline (``og:title``/``<title>`` without the site name, or the
``<h1>``); the outlet (``og:site_name``, else the host); the canonical URL; and the publication date the page states
in its metadata (``<head>`` meta tags, JSON-LD, ``<time>`` outside sidebars and menus, the URL), found by htmldate on
those parts alone, so a date in a list of other articles is never taken for the publication date.

A page that is not an article gives a reason instead: no article text (fewer than ``MIN_WORDS`` words), or an
index page (most lines of what was extracted are the texts of links: a list of headlines). Used by ``sources.py``
for ``.html``/``.htm`` files and by ``collect.py`` for fetched pages.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["Page", "read_page"]

MIN_WORDS = 12  # less text than this is a menu, a caption or an error page, not an article
INDEX_LINK_SHARE = 0.5  # a page whose extracted lines are mostly link texts is a list of links
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Page:
    title: str
    text: str  # paragraphs separated by newlines; the headline is the first line when the page repeats it
    outlet: str
    url: str  # canonical URL (or the one given)
    published: dt.date | None
    published_basis: str  # "page metadata" when the page states its date, else ""


def _links(tree: Any) -> set[str]:
    texts: set[str] = set()
    for a in tree.iter("a"):
        t = _SPACE.sub(" ", a.text_content()).strip()
        if t:
            texts.add(t)
    return texts


_OUTSIDE = {"aside", "nav", "footer", "header"}


def _metadata_only(tree: Any) -> Any:
    """What a page says about its own date: its <head>, JSON-LD blocks and the <time> elements that are not in a
    sidebar, menu, header or footer. The page text is left out, so a date in a list of other articles is never read
    as this page's date."""
    from lxml import html as lxml_html

    root = lxml_html.Element("html")
    head = tree.find(".//head")
    root.append(copy.deepcopy(head) if head is not None else lxml_html.Element("head"))
    body = lxml_html.Element("body")
    root.append(body)
    for el in tree.iter("script", "time"):
        if el.tag == "script" and (el.get("type") or "").lower() != "application/ld+json":
            continue
        if el.tag == "time" and any(a.tag in _OUTSIDE for a in el.iterancestors()):
            continue
        if head is not None and any(a is head for a in el.iterancestors()):
            continue
        clone = copy.deepcopy(el)
        clone.tail = None
        body.append(clone)
    return root


def read_page(markup: str | bytes, url: str | None = None) -> Page | str:
    """The article in ``markup`` or the reason there is none. Never raises on bad markup."""
    import htmldate  # imported here: only corpora with HTML pay for lxml and the extractor
    import trafilatura
    from trafilatura.utils import load_html

    try:
        tree = load_html(markup)
    except Exception as e:  # lxml refuses some inputs outright
        return f"not an HTML page that can be parsed ({type(e).__name__})"
    if tree is None:
        return "not an HTML page that can be parsed"
    links = _links(tree)
    meta = _metadata_only(tree)  # before the extractor, which prunes the tree
    try:
        doc: Any = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, date_extraction_params={
                                              "extensive_search": False, "original_date": True})
    except Exception as e:
        return f"the article extractor failed on this page ({type(e).__name__}: {e})"
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        return "not an article: no article text in this page (only menus, links or scripts)"
    lines = [_SPACE.sub(" ", ln).strip() for ln in text.split("\n") if ln.strip()]
    words = sum(len(ln.split()) for ln in lines)
    if words < MIN_WORDS:
        return f"not an article: only {words} word{'s' if words != 1 else ''} of text in this page"
    linked = sum(1 for ln in lines if ln in links)
    if len(lines) >= 3 and linked >= INDEX_LINK_SHARE * len(lines):
        return f"not an article: an index page ({linked} of {len(lines)} lines are links to other pages)"
    title = _SPACE.sub(" ", doc.title or "").strip()
    canonical = (doc.url or url or "").strip()
    outlet = _SPACE.sub(" ", doc.sitename or "").strip() or (doc.hostname or "").removeprefix("www.")
    published = None
    try:
        found = htmldate.find_date(meta, extensive_search=False, original_date=True,
                                   url=canonical or None)
        published = dt.date.fromisoformat(found[:10]) if found else None
    except Exception:  # a date the page states badly is no date
        published = None
    return Page(title, "\n".join(lines), outlet, canonical, published, "page metadata" if published else "")
