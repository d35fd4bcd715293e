"""One article's text -> table rows (events, participants, amounts, mentions, spans).

Every row keeps the raw text it came from, the sentence and character offsets into the article's text.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .amounts import convert, currency_issuer, find_amounts, find_counts, find_giver
from .cues import cue_regex
from .dates import dateline_date, find_dates, stated_today
from .events import EventDraft, SentenceFacts, build_events
from .lexicon import read_table
from .memo import forget
from .normalize import NormText, normalize
from .ordinals import find_meeting_ordinals, find_war_year
from .people import find_officials
from .places import find_countries, find_places
from .sentences import sentence_spans
from .systems import SentenceInput, amount_category, article_systems
from .types import AmountHit, DateHit, Hit

__all__ = ["ArticleRows", "extract_article", "warm"]

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
    forget()  # what the matchers remember of the previous article's sentences (memo.py)
    nt = normalize(text)
    # an agency dateline dates the copy: relative dates resolve against it (the publication may be a day later, or
    # missing); a dateline far from the publication date is a quoted older story and is not used
    dateline = dateline_date(nt.text)
    if dateline is not None and (published is None or 0 <= (published - dateline).days <= 3):
        published = dateline
    if published is None:  # an undated text that says "today, Friday 20 January 2023" dates itself
        published = stated_today(nt.text)
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

    amounts: list[Row] = []
    last_donor = ""
    for f in facts:
        for k, amt in enumerate(find_amounts(f.text, published)):
            s, e, raw = orig(f.index, amt)
            sent_text = sentence_text(f.index)[2]
            own = _amount_day(amt, f.text, f.dates, published)
            rate_basis = "published" if published else "latest"
            if own is not None and amt.currency != "USD" and amt.rate_source != "stated":
                amt, rate_basis = convert(amt, own), "amount_date"
            found, who = find_giver(f.text, amt, f.countries, f.officials)
            # an organisation's running total (the EU's so far) is its members' together: a group's total is ALL
            donor = who or ("ALL" if found and amt.kind == "cumulative_total" else "")
            donor_basis = "sentence" if found else None
            issuer = "" if found else currency_issuer(amt.currency)
            if issuer:
                donor, donor_basis = issuer, "currency"  # 75 مليون جنيه إسترليني: British
            if donor:
                last_donor = donor
            elif not found and last_donor:
                donor, donor_basis = last_donor, "article"  # the giver of the article's previous amount
            amounts.append({
                "amount_id": f"{article_id}#a{f.index}.{k}", "article_id": article_id,
                "event_id": event_by_sentence.get(f.index), "value": amt.value, "currency": amt.currency,
                "value_usd": amt.value_usd, "qualifier": amt.qualifier, "kind": amt.kind,
                "donor": donor, "donor_basis": donor_basis, "raw": raw, "evidence": sent_text,
                "sentence": f.index, "start": s, "end": e,
                # an amount is dated by the article that reports it
                "date": published_iso or "", "date_start": published_iso,
                "date_precision": "day" if published_iso else None,
                "usd_rate": amt.usd_rate, "rate_date": amt.rate_date.isoformat() if amt.rate_date else None,
                "rate_basis": rate_basis if amt.currency != "USD" and amt.rate_source != "stated" else None,
                "rate_source": amt.rate_source, "alt_value": amt.alt_value, "alt_currency": amt.alt_currency,
                "scale_inferred": amt.scale_inferred,
                "category": amount_category(f.text, amt.start, amt.end),
            })
            span("amount", f.index, amt, amt.value_usd if amt.value_usd is not None else f"{amt.value} {amt.currency}")
    out.amounts.extend(_merge_repeats(amounts))

    _system_rows(out, article_id, facts, orig, sentence_text, event_by_sentence, published_iso)

    for iso3, times in sorted(mention_counts.items(), key=lambda kv: (-kv[1], kv[0])):
        out.mentions.append({"article_id": article_id, "country": iso3, "count": times, "first_raw": first_raw[iso3]})
    return out


def _merge_repeats(rows: list[Row]) -> list[Row]:
    """One row per figure of the article: the same value in the same currency stated again (a headline and its lead,
    a figure repeated, or stated in one currency and elsewhere in two) is one amount, unless the two mentions
    disagree on giver (two packages of the same size) or on kind (a total and a package), a package and a pledge
    excepted (one sum announced, then said to be spread over years). The row kept is the mention that says most (a
    kind, a giver found in its own sentence; the first on a tie); ``mentions`` counts them, and the spans table keeps
    every mention."""
    def says(r: Row) -> int:
        return (r["kind"] != "other") + (r["donor_basis"] == "sentence")

    def own_donor(r: Row) -> str:
        return str(r["donor"]) if r["donor_basis"] == "sentence" else ""

    def figures(r: Row) -> set[tuple[object, object]]:  # the figure as stated, and its other currency if given
        return {(r["value"], r["currency"])} | ({(r["alt_value"], r["alt_currency"])} if r["alt_value"] else set())

    out: list[Row] = []
    for r in rows:
        for i, o in enumerate(out):
            if (o["value"], o["currency"]) != (r["value"], r["currency"]):
                if not figures(o) & figures(r):
                    continue
                # 483 مليون دولار in a headline, 650 مليون دولار كندي (483 مليون دولار أمريكي) in the text: keep the
                # mention that gives both currencies
                keep = o if o["alt_value"] else r
                out[i] = {**keep, "mentions": o["mentions"] + 1}
                break
            kinds = {o["kind"], r["kind"]}
            if "other" not in kinds and len(kinds) > 1 and kinds != {"package", "pledge"}:
                continue
            if own_donor(o) and own_donor(r) and own_donor(o) != own_donor(r):
                continue
            n = o["mentions"] + 1
            out[i] = {**(r if says(r) > says(o) else o), "mentions": n}
            break
        else:
            out.append({**r, "mentions": 1})
    return out


def _amount_day(amt: AmountHit, sentence: str, dates: list[DateHit], published: dt.date | None) -> dt.date | None:
    """The amount's own day, for its exchange rate: the one day-precision date of its sentence (not quoted, not after
    the publication date, not a starting point after منذ), unless the amount is a running total (that is as of the
    article)."""
    if amt.kind == "cumulative_total":
        return None
    days = {d.date for d in dates if d.precision == "day" and not d.quoted and d.date is not None
            and not sentence[max(0, d.start - 8) : d.start].rstrip().endswith("منذ")}
    days = {d for d in days if published is None or d <= published}
    return days.pop() if len(days) == 1 else None


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
        "location": ev.location.location if ev.location else "", "location_basis": "text" if ev.location else "",
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


# Written for the warm-up: a dateline, a date, countries, a titled official, a meeting of the group with its number,
# place and attendance, an amount in euros (a rate) and one in pounds with no giver named (the currency's issuer),
# weapon systems, a war year and a call: every matcher builds its tables and patterns on it.
_WARM_TEXT = (
    "بروكسل 14 فبراير 2024 - ترأس وزير الدفاع الأمريكي لويد أوستن الاجتماع العشرين لمجموعة الاتصال الدفاعية "
    "الأوكرانية (مجموعة رامشتاين) في مقر حلف الناتو، بمشاركة نحو 50 دولة. وأعلنت ألمانيا عن حزمة مساعدات عسكرية "
    "بقيمة 500 مليون يورو تشمل دبابات ليوبارد وأنظمة باتريوت. وتدخل الحرب عامها الثالث منذ الغزو الروسي. وأجرى "
    "الرئيس الأوكراني اتصالا هاتفيا مع نظيره الفرنسي يوم الخميس. وتبلغ قيمة الدفعة الثانية 90 مليون جنيه إسترليني."
)


def warm() -> None:
    """Build what the extraction builds on first use (gazetteer tries, cue and trigger patterns, exchange rates):
    about a second, which a process that loaded its tables from the cache would otherwise spend on the first edit."""
    for kind in sorted({row["kind"] for row in read_table("event_cues.csv")}):
        cue_regex(kind)
    extract_article("warm-up", _WARM_TEXT, dt.date(2024, 2, 14))
