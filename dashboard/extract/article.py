"""One article's text -> table rows (events, participants, amounts, mentions, spans).

Every row keeps the raw text it came from, the sentence and character offsets into the article's text.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .amounts import find_amounts, find_counts, find_donor
from .dates import find_dates
from .events import EventDraft, SentenceFacts, build_events
from .normalize import NormText, normalize
from .ordinals import find_meeting_ordinals, find_war_year
from .people import find_officials
from .places import find_countries, find_places
from .sentences import sentence_spans
from .systems import SentenceInput, amount_category, article_systems
from .types import Hit

__all__ = ["ArticleRows", "extract_article"]

Row = dict[str, Any]


@dataclass
class ArticleRows:
    events: list[Row] = field(default_factory=list)
    participants: list[Row] = field(default_factory=list)
    amounts: list[Row] = field(default_factory=list)
    mentions: list[Row] = field(default_factory=list)
    spans: list[Row] = field(default_factory=list)
    systems: list[Row] = field(default_factory=list)


def _facts(nt: NormText, published: dt.date | None) -> tuple[list[SentenceFacts], list[tuple[int, int]]]:
    facts: list[SentenceFacts] = []
    bounds = sentence_spans(nt.text)
    for i, (a, b) in enumerate(bounds):
        s = nt.text[a:b]
        countries = find_countries(s)
        facts.append(SentenceFacts(
            index=i, text=s, dates=find_dates(s, published), countries=countries, places=find_places(s),
            officials=find_officials(s, published), counts=find_counts(s),
            ordinals=list(find_meeting_ordinals(s)),
        ))
    return facts, bounds


def _precision(value: str) -> str:
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "")


def extract_article(article_id: str, text: str, published: dt.date | None) -> ArticleRows:
    """All rows of one article. ``text`` is the article as stored (boilerplate already cut)."""
    nt = normalize(text)
    facts, bounds = _facts(nt, published)
    out = ArticleRows()

    def orig(sent: int, hit: Hit) -> tuple[int, int, str]:
        a = bounds[sent][0]
        s, e = nt.span(a + hit.start, a + hit.end)
        return s, e, text[s:e]

    def sentence_text(sent: int) -> tuple[int, int, str]:
        s, e = nt.span(*bounds[sent])
        return s, e, text[s:e]

    def span(kind: str, sent: int, hit: Hit, value: object) -> None:
        s, e, raw = orig(sent, hit)
        out.spans.append({"article_id": article_id, "kind": kind, "start": s, "end": e, "raw": raw,
                          "value": "" if value is None else str(value), "sentence": sent})

    mention_counts: Counter[str] = Counter()
    first_raw: dict[str, str] = {}
    for f in facts:
        for d in f.dates:
            span("date", f.index, d, d.value or f"{d.basis}{'' if d.offset_days is None else f' {d.offset_days:+d}d'}")
        for c in f.countries:
            span("country" if c.counts_as_mention else "country_ref", f.index, c, c.iso3)
            if c.counts_as_mention:
                mention_counts[c.iso3] += 1
                first_raw.setdefault(c.iso3, orig(f.index, c)[2])
        for o in f.officials:
            # the tenure check: a name out of office on the publication date is flagged, not dropped
            flag = " (not in this office on the publication date)" if o.in_tenure is False else ""
            span("official", f.index, o, f"{o.name_en or o.role}{flag}")
        for p in f.places:
            span("place", f.index, p, p.location)
        for cnt in f.counts:
            span("count", f.index, cnt, cnt.value)
        for od in f.ordinals:
            span("ordinal", f.index, od, getattr(od, "value", ""))
        for w in find_war_year(f.text):
            span("war_year", f.index, w, getattr(w, "value", ""))

    published_iso = published.isoformat() if published else None
    drafts = build_events(facts, published_iso)
    drafts.sort(key=lambda e: (e.sentence, e.trigger.start))
    event_by_sentence: dict[int, str] = {}
    for k, ev in enumerate(drafts, 1):
        event_id = f"{article_id}#e{k}"
        _event_rows(out, article_id, event_id, ev, orig, sentence_text, published_iso)
        span("event", ev.sentence, ev.trigger, ev.event_type)
        for si in ev.sentences:
            event_by_sentence.setdefault(si, event_id)

    for f in facts:
        for k, amt in enumerate(find_amounts(f.text)):
            s, e, raw = orig(f.index, amt)
            sent_text = sentence_text(f.index)[2]
            out.amounts.append({
                "amount_id": f"{article_id}#a{f.index}.{k}", "article_id": article_id,
                "event_id": event_by_sentence.get(f.index), "value": amt.value, "currency": amt.currency,
                "value_usd": amt.value_usd, "qualifier": amt.qualifier, "kind": amt.kind,
                "donor": find_donor(f.text, amt, f.countries) or "", "raw": raw, "evidence": sent_text,
                "sentence": f.index, "start": s, "end": e,
                # an amount is dated by the article that reports it
                "date": published_iso or "", "date_start": published_iso,
                "date_precision": "day" if published_iso else None,
                "category": amount_category(f.text, amt.start, amt.end),
            })
            span("amount", f.index, amt, amt.value_usd if amt.value_usd is not None else f"{amt.value} {amt.currency}")

    _system_rows(out, article_id, facts, orig, sentence_text, event_by_sentence, published_iso)

    for iso3, times in sorted(mention_counts.items(), key=lambda kv: (-kv[1], kv[0])):
        out.mentions.append({"article_id": article_id, "country": iso3, "count": times, "first_raw": first_raw[iso3]})
    return out


def _event_rows(out: ArticleRows, article_id: str, event_id: str, ev: EventDraft, orig: Any, sentence_text: Any,
                published_iso: str | None) -> None:
    date_value = ev.date.value if ev.date is not None else None
    basis = ev.date_basis
    if not date_value and ev.fallback_date:
        date_value = ev.fallback_date
    ss, se, sent_text = sentence_text(ev.sentence)
    _, _, trig = orig(ev.sentence, ev.trigger)
    date_raw = ""
    if ev.date is not None and ev.date_sentence is not None:
        date_raw = orig(ev.date_sentence, ev.date)[2]
    out.events.append({
        "event_id": event_id, "article_id": article_id, "event_type": ev.event_type, "type_basis": ev.type_basis,
        "date": date_value or "", "date_start": _start(date_value),
        "date_precision": _precision(date_value or "") or None,
        "date_basis": basis, "date_raw": date_raw,
        "date_relative": ev.date.relative if ev.date is not None else None,
        "date_offset_days": ev.date.offset_days if ev.date is not None else None,
        "location": ev.location.location if ev.location else "",
        "attending_count": ev.count.value if ev.count else None,
        "attending_qualifier": ev.count.qualifier if ev.count else None,
        "meeting_number": ev.meeting_number, "meeting_id": None, "reference_number": None, "reference_basis": "",
        "trigger": trig, "evidence": sent_text, "sentence": ev.sentence, "start": ss, "end": se,
    })
    for r in ev.roles:
        s, e, raw = orig(r.sentence, r.hit)
        out.participants.append({"event_id": event_id, "article_id": article_id, "country": r.iso3, "role": r.role,
                                 "via": r.via, "raw": raw, "start": s, "end": e})


def _system_rows(out: ArticleRows, article_id: str, facts: list[SentenceFacts], orig: Any, sentence_text: Any,
                 event_by_sentence: dict[int, str], published_iso: str | None) -> None:
    """Weapon systems and equipment (issue 10), tied to the event or amount of their sentence."""
    amount_by_sentence: dict[int, str] = {}
    for a in out.amounts:
        amount_by_sentence.setdefault(a["sentence"], a["amount_id"])
    hits = article_systems([SentenceInput(f.text, f.countries, f.officials) for f in facts])
    for k, (si, h) in enumerate(hits):
        s, e, raw = orig(si, h)
        out.systems.append({
            "system_id": f"{article_id}#s{k}", "article_id": article_id, "event_id": event_by_sentence.get(si),
            "amount_id": amount_by_sentence.get(si), "system": h.system, "category": h.category, "maker": h.maker,
            "quantity": h.quantity, "quantity_qualifier": h.quantity_qualifier, "donor": h.donor or "",
            "donor_basis": h.donor_basis or None, "status": h.status, "raw": raw,
            "evidence": sentence_text(si)[2], "sentence": si, "start": s, "end": e,
            "date": published_iso or "", "date_start": published_iso,
        })
        out.spans.append({"article_id": article_id, "kind": "system", "start": s, "end": e, "raw": raw,
                          "value": h.system, "sentence": si})


def _start(value: str | None) -> str | None:
    if not value:
        return None
    parts = value.split("-")
    while len(parts) < 3:
        parts.append("01")
    return "-".join(parts)
