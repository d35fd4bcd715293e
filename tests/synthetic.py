"""Synthetic corpora for the dashboard's tests and benchmark (not product code, not real articles).

``make_corpus(n)`` builds the tables directly (schema dtypes, consistent ids and offsets), so the dashboard can be
tested at any size without the loader. ``write_articles(folder, n)`` writes plain .txt articles plus a manifest for
the end-to-end tests and the benchmark, which go through the real loader.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from dashboard.schema import Corpus, frame

# ISO3 -> an Arabic name used to write synthetic sentences (test data, not a gazetteer)
COUNTRIES: dict[str, str] = {
    "USA": "الولايات المتحدة", "GBR": "بريطانيا", "DEU": "ألمانيا", "FRA": "فرنسا", "POL": "بولندا",
    "ITA": "إيطاليا", "NLD": "هولندا", "CAN": "كندا", "NOR": "النرويج", "DNK": "الدنمارك", "SWE": "السويد",
    "FIN": "فنلندا", "EST": "إستونيا", "LVA": "لاتفيا", "LTU": "ليتوانيا", "ESP": "إسبانيا", "TUR": "تركيا",
    "JPN": "اليابان", "AUS": "أستراليا", "UKR": "أوكرانيا",
}
TYPES = ["udcg_meeting", "udcg_meeting", "udcg_meeting", "nato_meeting", "coalition_meeting", "phone_call",
         "bilateral_meeting", "armaments_meeting", "other_meeting"]
TRIGGERS = {
    "udcg_meeting": "اجتماع مجموعة الاتصال الدفاعية الخاصة بأوكرانيا",
    "nato_meeting": "اجتماع وزراء دفاع حلف شمال الأطلسي",
    "coalition_meeting": "اجتماع تحالف الراغبين",
    "phone_call": "اتصال هاتفي",
    "bilateral_meeting": "محادثات ثنائية",
    "armaments_meeting": "اجتماع مديري التسلح الوطنيين",
    "other_meeting": "اجتماع",
}
PLACES = [("Brussels", "بروكسل"), ("Ramstein", "رامشتاين"), ("Virtual", "عبر الفيديو"), ("London", "لندن"),
          ("Paris", "باريس"), ("Kyiv", "كييف")]
KINDS = ["cumulative_total", "pledge", "package", "funding_gap", "other"]


class _Text:
    """Accumulates an article's text and the spans written into it."""

    def __init__(self, article_id: str) -> None:
        self.article_id = article_id
        self.parts: list[str] = []
        self.pos = 0
        self.spans: list[dict] = []
        self.sentence = 0

    def add(self, s: str, kind: str | None = None, value: str | None = None) -> tuple[int, int]:
        start = self.pos
        self.parts.append(s)
        self.pos += len(s)
        if kind:
            self.spans.append({"article_id": self.article_id, "kind": kind, "start": start, "end": self.pos,
                               "raw": s, "value": value or s, "sentence": self.sentence})
        return start, self.pos

    @property
    def text(self) -> str:
        return "".join(self.parts)


def make_corpus(n_articles: int = 50, seed: int = 7, start: dt.date = dt.date(2022, 4, 1),
                days: int = 1300, n_errors: int = 2) -> Corpus:
    """A consistent synthetic Corpus with ``n_articles`` articles (events, participants, amounts, spans...)."""
    rnd = random.Random(seed)
    codes = list(COUNTRIES)
    arts, evs, parts, ams, ments, spans, meets = [], [], [], [], [], [], {}
    for i in range(n_articles):
        aid = f"syn_{i:05d}"
        pub = start + dt.timedelta(days=rnd.randrange(days))
        t = _Text(aid)
        etype = rnd.choice(TYPES)
        chair = rnd.choice(["USA", "GBR", "DEU"])
        attendees = rnd.sample([c for c in codes if c != chair], rnd.randint(2, 6))
        absent = [rnd.choice([c for c in codes if c not in attendees and c != chair])] if rnd.random() < 0.2 else []
        place_en, place_ar = rnd.choice(PLACES)
        title = f"{TRIGGERS[etype]} في {place_ar}"
        # sentence 0: the event with its date, place, chair and attendance
        ev_date = pub - dt.timedelta(days=rnd.choice([0, 0, 1, 2]))
        undated = rnd.random() < 0.05
        sent_start = t.pos
        t.add("عقد ")
        t.add(TRIGGERS[etype], "event", etype)
        t.add(" في ")
        t.add(place_ar, "place", place_en)
        if not undated:
            t.add(" يوم ")
            t.add(f"{ev_date.day} / {ev_date.month} / {ev_date.year}", "date", ev_date.isoformat())
        t.add(" برئاسة ")
        t.add(COUNTRIES[chair], "country", chair)
        count = rnd.choice([None, 40, 50, 54, 30]) if etype.endswith("meeting") else None
        if count:
            t.add(" وبمشاركة ")
            t.add(f"نحو {count} دولة", "count", str(count))
        t.add(" منها ")
        for j, c in enumerate(attendees):
            if j:
                t.add(" و")
            t.add(COUNTRIES[c], "country", c)
        for c in absent:
            t.add(" وغابت ")
            t.add(COUNTRIES[c], "country", c)
        t.add(".\n")
        evidence = t.text[sent_start:t.pos].strip()
        eid = f"{aid}_e1"
        mid = f"m_{etype}_{ev_date.isoformat()}" if not undated else None
        evs.append({
            "event_id": eid, "article_id": aid, "event_type": etype,
            "date": None if undated else ev_date.isoformat(), "date_start": None if undated else ev_date,
            "date_precision": None if undated else "day", "date_basis": "explicit", "date_raw": None,
            "location": place_en, "attending_count": count, "attending_qualifier": "about" if count else None,
            "meeting_id": mid, "trigger": TRIGGERS[etype], "evidence": evidence, "sentence": 0,
            "start": sent_start, "end": t.pos - 2,
        })
        for c, role in [(chair, "chair"), *((c, "attendee") for c in attendees), *((c, "absent") for c in absent)]:
            parts.append({"event_id": eid, "article_id": aid, "country": c, "role": role, "via": "name",
                          "raw": COUNTRIES[c]})
        if mid:
            m = meets.setdefault(mid, {"meeting_id": mid, "event_type": etype, "date": ev_date.isoformat(),
                                       "date_start": ev_date, "date_precision": "day", "date_min": ev_date,
                                       "date_max": ev_date, "location": place_en, "chairs": chair, "absent": "",
                                       "attending_min": count, "attending_max": count, "n_events": 0,
                                       "n_articles": 0, "n_outlets": 1, "article_ids": [], "event_ids": []})
            m["n_events"] += 1
            m["n_articles"] += 1
            m["article_ids"].append(aid)
            m["event_ids"].append(eid)
            if count:
                m["attending_min"] = min(x for x in (m["attending_min"], count) if x) if m["attending_min"] else count
                m["attending_max"] = max(m["attending_max"] or 0, count)
        # sentence 1: an amount, sometimes
        t.sentence = 1
        if rnd.random() < 0.6:
            donor = rnd.choice(["USA", "DEU", "GBR", "ALL", None])
            kind = rnd.choice(KINDS)
            value = rnd.choice([1.5, 2.3, 66.5, 100, 0.45]) * 1e9
            sent_start = t.pos
            t.add("وأعلنت " + (COUNTRIES.get(donor or "", "الدول المانحة")) + " عن ")
            s, e = t.add(f"{value / 1e9:g} مليار دولار", "amount", str(value))
            t.add(" من المساعدات العسكرية.\n")
            ams.append({"amount_id": f"{aid}_a1", "article_id": aid, "event_id": eid if rnd.random() < 0.5 else None,
                        "value": value / 1e9, "currency": "USD", "value_usd": value, "qualifier": "exact",
                        "kind": kind, "donor": donor, "raw": t.text[s:e],
                        "evidence": t.text[sent_start:t.pos].strip(), "sentence": 1, "start": s, "end": e,
                        "date": pub.isoformat(), "date_start": pub, "date_precision": "day"})
        t.add("وقال المتحدث إن الدعم سيستمر.\n")
        text = t.text
        named = {sp["value"] for sp in t.spans if sp["kind"] == "country"}
        for c in sorted(named):
            ments.append({"article_id": aid, "country": c, "count": 1, "first_raw": COUNTRIES[c]})
        spans.extend(t.spans)
        arts.append({"article_id": aid, "file": f"{aid}.txt", "record": None, "title": title, "published": pub,
                     "outlet": rnd.choice(["example.com", "news.example", None]), "url": None, "format": "txt",
                     "encoding": "utf-8", "n_chars": len(text), "content_hash": f"{i:016x}", "text": text,
                     "boilerplate": ""})
    for m in meets.values():
        m["article_ids"] = ";".join(m["article_ids"])
        m["event_ids"] = ";".join(m["event_ids"])
    errors = [{"file": f"bad_{k}.json", "record": None, "error": "not valid JSON (line 1: unexpected end of data)"}
              for k in range(n_errors)]
    return Corpus(
        articles=frame("articles", arts), events=frame("events", evs), participants=frame("participants", parts),
        amounts=frame("amounts", ams), mentions=frame("mentions", ments), spans=frame("spans", spans),
        errors=frame("errors", errors), meetings=frame("meetings", list(meets.values())),
    )


def write_articles(folder: Path, n: int, seed: int = 7, extra: dict[str, str] | None = None) -> Path:
    """Write ``n`` synthetic .txt articles (first line = title) and a manifest.csv with their dates."""
    folder.mkdir(parents=True, exist_ok=True)
    corpus = make_corpus(n, seed=seed, n_errors=0)
    lines = ["file,published,outlet,url,note"]
    for row in corpus.articles.itertuples():
        (folder / row.file).write_text(f"{row.title}\n\n{row.text}", encoding="utf-8")
        lines.append(f"{row.file},{row.published.date().isoformat()},,,synthetic")
    for name, content in (extra or {}).items():
        (folder / name).write_text(content, encoding="utf-8")
        if name.endswith(".txt"):
            lines.append(f"{name},2025-02-12,,,synthetic")
    (folder / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
