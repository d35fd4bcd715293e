"""What the pages share: the loaded corpus (cached), the page context, labels, and the chart/PNG/ZIP wiring."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import os
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, derive, export, filters
from dashboard.charts import usd
from dashboard.filters import EVENT_TYPES, Filters, Options
from dashboard.jobs import LoadJob, Progress
from dashboard.loader import LoadStats, combine
from dashboard.schema import Corpus, frame

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = ROOT / "seeds"
_T = TypeVar("_T")

KIND_LABELS = {
    "cumulative_total": ("Cumulative total", "إجمالي تراكمي"), "pledge": ("Pledge", "تعهد"),
    "package": ("Package", "حزمة"), "funding_gap": ("Funding gap", "فجوة تمويل"), "other": ("Other", "أخرى"),
}
ROLE_LABELS = {
    "chair": ("chairs / hosts", "يترأس / يستضيف"), "attendee": ("attends", "يحضر"),
    "party": ("party to talks", "طرف في المحادثات"), "absent": ("named absent", "غائب"),
}
SPECIAL_NAMES = {"ALL": ("All donors", "جميع المانحين"), "": ("Donor not stated", "مانح غير محدد")}
STATUS_LABELS = {
    "reported": ("Reported", "وردت في المقالات"), "disagreement": ("Reported, sources disagree", "تعارض المصادر"),
    "not covered": ("Not covered (reference only)", "لم تغطها المقالات"), "not held": ("Called off", "أُلغي"),
    "not in reference": ("Not in the reference list", "ليست في القائمة المرجعية"),
}
# column -> (English, Arabic) header of every table the pages show; ids and offsets are not shown (Data has them)
COLUMNS: dict[str, tuple[str, str]] = {
    "open": ("Article", "المقال"), "meeting": ("Meeting", "الاجتماع"), "title": ("Title", "العنوان"),
    "date": ("Date", "التاريخ"),
    "date_start": ("Start date", "تاريخ البداية"), "published": ("Published", "تاريخ النشر"),
    "event_type": ("Type", "النوع"),
    "location": ("Place", "المكان"), "attending_count": ("Countries attending", "عدد الدول المشاركة"),
    "attending_qualifier": ("Qualifier", "الدقة"), "evidence": ("Sentence (Arabic)", "الجملة"),
    "date_raw": ("Date as written", "التاريخ كما ورد"), "donor": ("Donor", "المانح"), "kind": ("Kind", "الصنف"),
    "value_usd": ("US$", "بالدولار"), "usd": ("US$", "بالدولار"), "raw": ("As written", "كما ورد"),
    "n_sources": ("Sources", "عدد المصادر"), "country": ("Country", "الدولة"), "role": ("Role", "الدور"),
    "meetings": ("Meetings", "عدد الاجتماعات"), "count": ("Times named", "عدد مرات الذكر"),
    "first_raw": ("First written as", "أول صيغة وردت"), "number": ("No.", "الرقم"), "chairs": ("Chairs", "الرئاسة"),
    "attendance": ("Countries", "عدد الدول"), "status": ("Status", "الحالة"), "n_articles": ("Articles", "المقالات"),
    "disagreement": ("Sources disagree on", "نقاط الخلاف"), "ref_source": ("Reference source", "المصدر المرجعي"),
    "file": ("File", "الملف"), "record": ("Record", "السجل"), "error": ("Why it was not read", "سبب عدم القراءة"),
    "outlet": ("Outlet", "الوسيلة"), "url": ("URL", "الرابط"), "value": ("Value", "القيمة"),
    "currency": ("Currency", "العملة"), "qualifier": ("Qualifier", "الدقة"), "via": ("Named by", "ذكرت عبر"),
    "article_id": ("Article id", "معرف المقال"), "source": ("From", "المصدر"),
    "system": ("System", "المنظومة"), "category": ("Category", "الفئة"), "quantity": ("Quantity", "الكمية"),
    "quantity_qualifier": ("Quantity qualifier", "وصف الكمية"), "maker": ("Maker", "بلد الصنع"),
    "type_basis": ("How the type was found", "مصدر النوع"),
    "location_basis": ("How the place was found", "مصدر المكان"),
    "usd_rate": ("Rate to US$", "سعر الصرف"), "rate_date": ("Rate of", "تاريخ السعر"),
    "rate_basis": ("Rate day from", "يوم السعر من"), "rate_source": ("Rate source", "مصدر السعر"),
    "alt_value": ("Also written as", "ورد أيضا"), "alt_currency": ("Also written in", "بعملة"),
    "scale_inferred": ("Scale inferred", "مرتبة مستنتجة"), "donor_basis": ("How the donor was found", "مصدر المانح"),
    "mentions": ("Times stated", "مرات الذكر"), "published_basis": ("Date from", "مصدر تاريخ النشر"),
    # the Data page shows every column of the tables
    "absent": ("Named absent", "الغائبون"), "amount_id": ("Amount id", "معرف المبلغ"),
    "article_ids": ("Article ids", "معرفات المقالات"), "attending_max": ("Most countries reported", "أكبر عدد ورد"),
    "attending_min": ("Fewest countries reported", "أقل عدد ورد"), "boilerplate": ("Cut boilerplate", "نصوص محذوفة"),
    "content_hash": ("Content hash", "بصمة المحتوى"), "date_basis": ("How the date was found", "مصدر التاريخ"),
    "date_max": ("Latest date", "آخر تاريخ"), "date_min": ("Earliest date", "أول تاريخ"),
    "date_offset_days": ("Days from publication", "أيام من النشر"), "date_precision": ("Precision", "دقة التاريخ"),
    "date_relative": ("Relative date", "تاريخ نسبي"), "date_window_basis": ("Date window basis", "أساس نافذة التاريخ"),
    "date_window_end": ("Published by", "نُشر قبل"), "date_window_start": ("Published from", "نُشر بعد"),
    "encoding": ("Encoding", "الترميز"), "end": ("End offset", "نهاية الموضع"), "event_id": ("Event id", "معرف الحدث"),
    "event_ids": ("Event ids", "معرفات الأحداث"), "format": ("Format", "الصيغة"),
    "meeting_id": ("Meeting id", "معرف الاجتماع"), "meeting_number": ("Number in the text", "الرقم في النص"),
    "n_chars": ("Characters", "عدد الحروف"), "n_events": ("Reports", "عدد التقارير"),
    "n_outlets": ("Outlets", "عدد الوسائل"), "reference_basis": ("Reference link", "أساس الربط المرجعي"),
    "reference_number": ("Reference no.", "الرقم المرجعي"), "sentence": ("Sentence no.", "رقم الجملة"),
    "start": ("Start offset", "بداية الموضع"), "text": ("Text", "النص"), "trigger": ("Trigger", "الكلمة الدالة"),
}
HIDDEN_COLUMNS = ("event_id", "amount_id", "meeting_id", "event_ids", "amount_ids", "article_ids", "article_id",
                  "start", "end", "sentence", "evidence_start", "evidence_end", "text", "boilerplate")
TABLE_NAMES = {
    "articles": ("articles", "المقالات"), "events": ("events", "الأحداث"),
    "participants": ("participants", "المشاركون"),
    "amounts": ("amounts", "المبالغ"), "mentions": ("mentions", "ذكر الدول"), "spans": ("spans", "المقاطع"),
    "errors": ("errors", "الأخطاء"), "meetings": ("meetings", "الاجتماعات"), "systems": ("systems", "المنظومات"),
}
SPAN_LABELS = {  # the Articles page's highlight legend
    "date": ("date", "تاريخ"), "country": ("country", "دولة"),
    "country_ref": ("capital or institution", "عاصمة أو مؤسسة"), "amount": ("amount", "مبلغ"),
    "event": ("meeting or call", "اجتماع أو اتصال"), "count": ("number of countries", "عدد الدول"),
    "place": ("place", "مكان"), "official": ("official", "مسؤول"), "system": ("weapon system", "منظومة سلاح"),
}
CELL_LIMIT = 90  # characters of long text shown in a cell (from its beginning); the downloads have everything


# ---------------------------------------------------------------------------------------------------------------------
# Corpus


def corpus_path(argv: Sequence[str]) -> Path:
    """``--corpus DIR`` after ``--`` on the command line, else ``RAMSTEIN_CORPUS``, else the repo's seeds/."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--corpus")
    args, _ = parser.parse_known_args(list(argv))
    raw = args.corpus or os.environ.get("RAMSTEIN_CORPUS") or str(DEFAULT_CORPUS)
    p = Path(raw).expanduser()
    return p if p.is_absolute() else (Path.cwd() / p)


def read_corpus(path: Path, stats: LoadStats | None = None) -> Corpus:
    """The loader (imported late so a broken loader shows as an error on the page, not a crash); ``stats`` is
    filled in as it goes (the progress bar reads it)."""
    from dashboard.loader import load_corpus

    return load_corpus(path, stats=stats)


def read_uploads(files: list[tuple[str, bytes]]) -> Corpus:
    from dashboard.loader import load_uploads

    return load_uploads(files)


@st.cache_data(ttl=10, show_spinner=False)
def signature(path: str) -> str:
    """Changes when any file under ``path`` is added, removed, resized or touched (cheap: stat only)."""
    return folder_signature(path)


def folder_signature(path: str) -> str:
    """``signature`` without the cache (for the launcher, which runs before any session)."""
    h = hashlib.sha1(path.encode())
    root = Path(path)
    if root.is_file():
        st_ = root.stat()
        h.update(f"{st_.st_size}:{st_.st_mtime_ns}".encode())
        return h.hexdigest()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            try:
                s = os.stat(os.path.join(dirpath, name))
            except OSError:
                continue
            h.update(f"{dirpath}/{name}:{s.st_size}:{s.st_mtime_ns}\n".encode())
    return h.hexdigest()


@dataclass
class Bundle:
    """A corpus plus what the widgets need from it (computed once per corpus)."""

    corpus: Corpus
    options: Options
    load_error: str = ""
    key: str = ""  # says which corpus this is (folder content, plus a session's uploads)


def _bundle(corpus: Corpus, error: str = "", key: str = "") -> Bundle:
    return Bundle(corpus=corpus, options=filters.options(corpus), load_error=error, key=key)


def _load_job(path: str, sig: str) -> LoadJob[Bundle]:
    def work(stats: LoadStats) -> Bundle:
        try:
            bundle = _bundle(read_corpus(Path(path), stats), key=f"{path}:{sig}")
            from dashboard.loader import warm_in_background

            warm_in_background()  # the folder may change while the app runs: the first edit then parses at once
            return bundle
        except Exception as e:
            return _bundle(Corpus.empty(), f"{type(e).__name__}: {e}", key=f"{path}:{sig}:error")

    return LoadJob(work)


_PRELOADED: dict[str, tuple[str, LoadJob[Bundle]]] = {}  # corpus path -> (signature, job) started by the launcher


def preload(path: Path) -> LoadJob[Bundle]:
    """Start loading ``path`` now, before any session asks for it (``python -m dashboard.serve`` does this as the
    server starts, so the first visitor finds the corpus ready). ``load`` hands the job over while the folder is
    unchanged."""
    sig = folder_signature(str(path))
    job = _load_job(str(path), sig)
    _PRELOADED[str(path)] = (sig, job)
    return job


@st.cache_resource(show_spinner=False, max_entries=4)
def load(path: str, sig: str) -> LoadJob[Bundle]:
    """The corpus, parsed once per content (``sig``) in a background thread and shared read-only by every session
    (never mutate the result). A failed load is a bundle with ``load_error``: the page still opens and says why."""
    pre = _PRELOADED.pop(path, None)
    if pre is not None and pre[0] == sig:
        return pre[1]
    return _load_job(path, sig)


def load_wait() -> float:
    """Seconds a page waits for the load before showing its progress instead (``RAMSTEIN_LOAD_WAIT``; 1.5 s)."""
    try:
        return max(0.0, float(os.environ.get("RAMSTEIN_LOAD_WAIT", "1.5")))
    except ValueError:
        return 1.5


def progress_text(p: Progress, lang: str) -> str:
    """The progress bar's line: what is being done, with counts and the time left."""
    ar = lang == "ar"
    if p.phase == "reading":
        return (f"قراءة الملفات: {p.files_read:,} من {p.files_total:,}" if ar else
                f"Reading files: {p.files_read:,} of {p.files_total:,}")
    if p.phase == "parsing":
        left = "" if p.seconds_left is None else (
            f" · الوقت المتبقي نحو {_duration(p.seconds_left, lang)}" if ar else
            f" · about {_duration(p.seconds_left, lang)} left")
        return (f"الملفات المقروءة: {p.files_read:,} · المقالات المحللة: {p.parsed:,} من {p.to_parse:,}{left}" if ar
                else f"Files read: {p.files_read:,} · articles parsed: {p.parsed:,} of {p.to_parse:,}{left}")
    if p.phase in ("building", "done"):
        return "بناء الجداول…" if ar else "Building the tables…"
    return "التحقق من الملفات المحفوظة…" if ar else "Checking the saved tables…"


def loading_page(job: LoadJob[Bundle], lang: str, poll: float = 0.5) -> None:
    """While the corpus loads: the reference calendar of meetings (it needs no article) and a progress bar with
    counts, updated in place every ``poll`` seconds; when the load ends the app reruns on the corpus. (A timed
    fragment would race its own last tick against that rerun and could leave the page blank.)"""
    ar = lang == "ar"
    st.title("قراءة المقالات…" if ar else "Reading the articles…")
    p = job.progress()
    bar = st.progress(p.fraction, text=progress_text(p, lang))
    ref = reference_meetings()
    if ref is not None:
        types = {k: v[ar] for k, v in EVENT_TYPES.items()}
        tl = derive.timeline(frame("meetings"), frame("events"), ref, names_for(sorted(_chair_codes(ref)), lang))
        title = "الاجتماعات في التقويم المرجعي" if ar else "Meetings in the reference calendar"
        note = ("تظهر تقارير المقالات عليه عند انتهاء القراءة" if ar else
                "the articles' reports are laid on it when reading ends")
        st.plotly_chart(charts.meetings_timeline(tl, types, title, note, lang=lang), theme=None,
                        config=export.modebar_config("reference-calendar"), key="loading_reference", width="stretch")
    while not job.wait(poll):
        p = job.progress()
        bar.progress(p.fraction, text=progress_text(p, lang))
    st.rerun()


def _chair_codes(ref: pd.DataFrame) -> set[str]:
    cells = ref["chairs"].dropna().astype(str) if "chairs" in ref else pd.Series(dtype=str)
    return {c.strip() for cell in cells for c in cell.replace(",", ";").split(";") if c.strip()}


def _duration(seconds: float, lang: str) -> str:
    s = max(1, round(seconds))
    if s < 60:
        return f"{s} ث" if lang == "ar" else f"{s} s"
    m = round(s / 60)
    return f"{m} د" if lang == "ar" else f"{m} min"


@st.cache_resource(show_spinner=False, max_entries=32)
def _filtered(key: str, query: tuple[tuple[str, str], ...], _bundle: Bundle) -> Corpus:
    return filters.apply(_bundle.corpus, filters.from_query(dict(query)))


def derived(c: Corpus, name: str, make: Callable[[], _T]) -> _T:
    """``make()``, a value computed from the corpus view ``c`` alone, kept with the view: views are cached and shared
    (``filtered``), so going back to a page, or another session with the same filter, does not compute it again.
    Callers must not modify what it returns."""
    store: dict[str, object] = c.__dict__.setdefault("_derived", {})
    if name not in store:
        store[name] = make()
    return store[name]  # type: ignore[return-value]


def figures(c: Corpus) -> pd.DataFrame:
    """``derive.amount_figures`` of the view ``c`` (kept with it: ``derived``); of the articles it reads only their
    ids and publication dates."""
    return derived(c, "figures", lambda: derive.amount_figures(c.amounts, c.select("articles",
                                                                                   ["article_id", "published"])))


def filtered(bundle: Bundle, f: Filters) -> Corpus:
    """``bundle``'s corpus cut to ``f``, computed once per corpus and filter and shared read-only by every session
    that asks for the same view (the label language does not change the rows)."""
    if not f.active:
        return bundle.corpus
    query = tuple(sorted((k, v) for k, v in f.to_query().items() if k != "lang"))
    return _filtered(bundle.key or str(id(bundle)), query, bundle)


@st.cache_resource(show_spinner=False, max_entries=16)
def _load_uploads(key: str, _files: tuple[tuple[str, bytes], ...]) -> Corpus:
    return read_uploads(list(_files))


def merge_uploads(base: Corpus, up: Corpus) -> Corpus:
    """``base`` plus uploaded articles, meetings rebuilt across both (see ``dashboard.loader.combine``)."""
    return combine(base, up)


UPLOAD_LIMIT_MB = 20  # per file, as the loader's own file limit; .streamlit/config.toml's maxUploadSize matches
UPLOAD_TOTAL_MB = 100  # all files of one session together


def upload_limit_bytes() -> int:
    """The per-file upload limit: the smaller of ours and the server's ``server.maxUploadSize``."""
    try:
        server = int(st.get_option("server.maxUploadSize"))
    except Exception:
        server = UPLOAD_LIMIT_MB
    return min(server, UPLOAD_LIMIT_MB) * 1024 * 1024


def screen_uploads(files: Sequence, limit: int | None = None, total: int = UPLOAD_TOTAL_MB * 1024 * 1024
                   ) -> tuple[list[tuple[str, bytes]], list[dict]]:
    """The uploads the session may read, and an error row for each one refused: a file over the size limit (checked
    here, whatever the browser let through), over the session's total, or a second file with a name already
    uploaded (the loader reads files by name, so it would replace the first)."""
    limit = upload_limit_bytes() if limit is None else limit
    keep: list[tuple[str, bytes]] = []
    refused: list[dict] = []
    names: dict[str, bytes] = {}
    used = 0
    for f in files:
        name = str(getattr(f, "name", "") or "upload")
        size = int(getattr(f, "size", 0) or 0)
        if size > limit:
            refused.append({"file": name, "record": None,
                            "error": f"larger than the upload limit of {limit // (1024 * 1024)} MB; not read"})
            continue
        data = f.getvalue()
        if len(data) > limit:
            refused.append({"file": name, "record": None,
                            "error": f"larger than the upload limit of {limit // (1024 * 1024)} MB; not read"})
            continue
        key = Path(name).name.casefold()
        if key in names:
            same = hashlib.sha1(names[key]).digest() == hashlib.sha1(data).digest()
            refused.append({"file": name, "record": None, "error": (
                "the same file was uploaded twice; the second copy was not read" if same else
                "another uploaded file has the same name; rename this one and upload it again")})
            continue
        if used + len(data) > total:
            refused.append({"file": name, "record": None, "error": (
                f"the uploads of this session exceed {total // (1024 * 1024)} MB together; not read")})
            continue
        names[key] = data
        used += len(data)
        keep.append((name, data))
    return keep, refused


def date_in_first_lines(data: bytes, lines: int = 4) -> dt.date | None:
    """A publication date written on one of a text file's first lines (``2 مارس 2025``, ``2025-03-02``,
    ``02/03/2025``), to the day; None when there is none."""
    from dashboard.extract.dates import find_dates

    head = data[:4000].decode("utf-8-sig", errors="ignore").splitlines()
    for line in [x.strip() for x in head if x.strip()][:lines]:
        if len(line) > 80:  # a paragraph, not a dateline
            continue
        for hit in find_dates(line, None):
            if hit.precision == "day" and hit.value:
                try:
                    return dt.date.fromisoformat(str(hit.value))
                except ValueError:
                    continue
    return None


def upload_manifest(files: Sequence[tuple[str, bytes]], default: dt.date | None) -> list[tuple[str, bytes]]:
    """A manifest.csv for the uploaded .txt files (which carry no metadata): each gets the date on its first lines,
    else ``default`` (the date the user gave). Nothing when the user uploaded a manifest.csv or no date is known."""
    names = [n for n, _ in files]
    if any(Path(n).name.lower() == "manifest.csv" for n in names):
        return []
    rows = []
    for name, data in files:
        if Path(name).suffix.lower() == ".txt":
            day = date_in_first_lines(data) or default
            if day:
                rows.append(f'"{Path(name).name.replace(chr(34), chr(34) * 2)}",{day.isoformat()}')
    return [("manifest.csv", ("file,published\n" + "\n".join(rows) + "\n").encode())] if rows else []


def with_uploads(base: Bundle, files: list, default_date: dt.date | None = None) -> tuple[Bundle, Corpus | None]:
    """The session's corpus: ``base`` plus the uploaded files (parsed once per content). Files refused by
    ``screen_uploads`` become rows of the uploads' ``errors``; .txt files get a publication date from their first
    lines, else ``default_date``."""
    if not files:
        return base, None
    data_list, refused = screen_uploads(files)
    data = tuple(data_list + upload_manifest(data_list, default_date))
    key = hashlib.sha1(b"".join(n.encode() + b"\0" + hashlib.sha1(d).digest() for n, d in data)).hexdigest()
    up = _load_uploads(key, data) if data else Corpus.empty()
    if refused:
        up = replace(up, errors=pd.concat([up.errors, frame("errors", refused)], ignore_index=True))
    merged_key = f"_merged_{id(base)}_{key}_{len(refused)}"
    if st.session_state.get("_merged_key") != merged_key:
        st.session_state["_merged"] = (_bundle(merge_uploads(base.corpus, up), base.load_error,
                                               key=f"{base.key}+uploads:{key}") if data else base)
        st.session_state["_merged_key"] = merged_key
    return st.session_state["_merged"], up


@dataclass(frozen=True)
class FetchedFile:
    """Articles fetched by URL, handed to ``with_uploads`` like an uploaded JSON Lines file."""

    name: str
    data: bytes

    def getvalue(self) -> bytes:
        return self.data


URL_SETTINGS_DELAY = 1.0  # seconds between two requests to one site, as the collector's politeness asks


def url_box(t: Callable[[str, str], str]) -> list[FetchedFile]:
    """"Add articles by URL": pasted links fetched with the collector's code (robots.txt, timeouts, size limit), kept
    for this browser session; the links that gave no article are listed with their reason (as plain text). ``t``
    chooses the English or Arabic label."""
    import json

    from dashboard.collect import Settings, fetch_articles, read_url_list

    got: dict[str, dict] = st.session_state.setdefault("_by_url", {})
    failed: dict[str, str] = st.session_state.setdefault("_by_url_failed", {})
    with st.form("by_url", clear_on_submit=True, border=False):
        links = st.text_area(t("Add articles by URL", "أضف مقالات عبر الروابط"), key="url_links",
                             placeholder=t("https://… (one link per line)", "https://… (رابط في كل سطر)"),
                             help=t("Fetched now from the sites (robots.txt respected), kept only in this session.",
                                    "تجلب الآن من المواقع (مع احترام robots.txt) وتبقى في هذه الجلسة فقط."))
        if st.form_submit_button(t("Fetch articles", "اجلب المقالات"), key="url_fetch") and links.strip():
            with st.spinner(t("Fetching…", "جار الجلب…")):
                for o in fetch_articles(read_url_list(links), Settings(delay=URL_SETTINGS_DELAY, timeout=10.0,
                                                                        retries=1)):
                    if o.record is not None:
                        got[o.record["id"]] = o.record
                        failed.pop(o.url, None)
                    else:
                        failed[o.url] = o.reason
    if failed:
        with st.expander(t(f"Links not added ({len(failed)})", f"روابط لم تضف ({len(failed)})"), expanded=True):
            for url, reason in failed.items():
                st.text(f"{url}: {reason}")
    if not got:
        return []
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in got.values()).encode("utf-8")
    return [FetchedFile("links.jsonl", data)]


@st.cache_resource(show_spinner=False, max_entries=4)
def _search_index(key: str, _corpus: Corpus) -> pd.DataFrame:
    codes = sorted(set(_corpus.mentions["country"].dropna().astype(str)) |
                   set(_corpus.participants["country"].dropna().astype(str)))
    words = {c: " ".join(dict.fromkeys([country_name(c, "ar"), country_name(c, "en"), c])) for c in codes}
    types = {k: " ".join(v) for k, v in EVENT_TYPES.items()}
    return derive.search_index(_corpus, words, types)


def search_index(ctx: Context) -> pd.DataFrame:
    """The Articles search index of the whole corpus, built once per corpus and shared by every session."""
    key = ctx.bundle.key if ctx.bundle is not None and ctx.bundle.key else str(id(ctx.full))
    return _search_index(key, ctx.full)


@st.cache_resource(show_spinner=False)
def reference_meetings() -> pd.DataFrame | None:
    """The reference calendar of meetings, if ``dashboard.meetings`` provides one."""
    try:
        from dashboard.meetings import reference_meetings as ref
    except Exception:
        return None
    try:
        df = ref()
    except Exception:
        return None
    return df if isinstance(df, pd.DataFrame) and len(df) and "date" in df else None


# ---------------------------------------------------------------------------------------------------------------------
# Country names


@lru_cache(maxsize=4096)
def country_name(code: str, lang: str) -> str:
    if code in SPECIAL_NAMES:
        return SPECIAL_NAMES[code][lang == "ar"]
    try:
        from dashboard.extract.places import country_name as name

        out = name(code, lang)
        return str(out) if out else code
    except Exception:
        return code


def country_label(code: str) -> str:
    """For the country picker: Arabic and English names and the code, so either language finds it; an Arabic name
    with hamza or ta marbuta also in its plain spelling (ألمانيا / المانيا), as people type it."""
    from dashboard.extract.normalize import norm

    ar, en = country_name(code, "ar"), country_name(code, "en")
    plain_ar = norm(ar) if ar and ar != code else ""
    parts = [x for x in dict.fromkeys([ar, plain_ar, en]) if x and x != code]
    return " · ".join([*parts, code]) if parts else code


def names_for(codes: Sequence[str], lang: str) -> dict[str, str]:
    out = {c: country_name(c, lang) for c in codes}
    out.update({k: v[lang == "ar"] for k, v in SPECIAL_NAMES.items()})
    return out


# ---------------------------------------------------------------------------------------------------------------------
# Page context


def plural(n: int, one: str, many: str) -> str:
    """``1 article``, ``2 articles``."""
    return f"{n:,} {one if n == 1 else many}"


def plural_ar(n: int, one: str, two: str, few: str, many: str) -> str:
    """Arabic counted nouns, the number in digits: 1 مقال واحد، مقالان، 3-10 مقالات، 11-99 مقالا، 100 مقال."""
    if n == 1:
        return one if " " in one else f"{one} واحد"
    if n == 2:
        return two
    r = n % 100
    word = few if (3 <= r <= 10 or n == 0) else many if r >= 11 else one
    return f"{n:,} {word}"


@dataclass
class Context:
    full: Corpus
    data: Corpus
    filters: Filters
    options: Options
    source: str
    uploads: Corpus | None = None
    load_error: str = ""
    bundle: Bundle | None = None

    def without_dates(self) -> Corpus:
        """The corpus with this filter but no date range (shared like every filtered view)."""
        f = replace(self.filters, date_from=None, date_to=None)
        return filtered(self.bundle, f) if self.bundle is not None else filters.apply(self.full, f)

    @property
    def lang(self) -> str:
        return self.filters.lang

    def t(self, en: str, ar: str) -> str:
        return ar if self.lang == "ar" else en

    def names(self) -> dict[str, str]:
        codes = set(self.options.countries) | set(self.filters.countries)
        return names_for(sorted(codes), self.lang)

    def type_labels(self) -> dict[str, str]:
        return {k: v[self.lang == "ar"] for k, v in EVENT_TYPES.items()}

    def kind_labels(self) -> dict[str, str]:
        return {k: v[self.lang == "ar"] for k, v in KIND_LABELS.items()}

    def role_labels(self) -> dict[str, str]:
        return {k: v[self.lang == "ar"] for k, v in ROLE_LABELS.items()}

    def subtitle(self) -> str:
        return self.filters.describe(lambda c: country_name(c, self.lang))

    def page_title(self, en: str, ar: str) -> str:
        """Navigation labels: both languages in English mode (so either finds its way), Arabic only in Arabic."""
        return ar if self.lang == "ar" else f"{en} · {ar}"


def set_context(ctx: Context) -> None:
    st.session_state["_ctx"] = ctx


def context() -> Context:
    return st.session_state["_ctx"]


# ---------------------------------------------------------------------------------------------------------------------
# Layout pieces

CSS = """
<style>
.rtl, .rtl * { direction: rtl; text-align: right; unicode-bidi: plaintext; }
.rtl { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif; }
.article-text { font-size: 1.15rem; line-height: 2.1; padding: 0.8rem 1rem; background: #fbfcfb;
  border: 1px solid #e3e9e6; border-radius: 0.5rem; max-height: 70vh; overflow-y: auto; white-space: normal; }
.article-text mark, mark.legend-chip { padding: 0 0.15em; border-radius: 0.25em; background: #e9ecef; }
mark.k-country_ref { background: #e3f1ea; border-bottom: 2px dotted #0b6e4f; }
mark.k-date { background: #ffe39a; } mark.k-country { background: #bfe3d3; } mark.k-amount { background: #f9c6c9; }
mark.k-event { background: #cddcf5; } mark.k-count { background: #e5d4f2; } mark.k-place { background: #d7ecf7; }
mark.k-official { background: #efe1c6; } mark.k-system { background: #d9f2c4; }
.legend-chip { display: inline-block; margin: 0 0.3em 0.3em 0; padding: 0 0.4em; border-radius: 0.25em;
  font-size: 0.85rem; }
.article-title { font-size: 1.35rem; font-weight: 600; }
.search-hit { font-size: 1.05rem; line-height: 1.9; padding: 0.4rem 0.8rem; border-right: 3px solid #0b6e4f; }
.search-hit mark { background: #ffe39a; padding: 0 0.1em; }
.plain-caption { font-size: 0.875rem; color: rgba(49, 51, 63, 0.6); overflow-wrap: anywhere; }
</style>
"""


RTL_CSS = """
<style>
[data-testid="stMainBlockContainer"], [data-testid="stSidebarContent"] { direction: rtl; }
[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"] *,
[data-testid="stSidebarContent"] [data-testid="stElementContainer"] * { text-align: right; }
[data-testid="stPlotlyChart"], [data-testid="stPlotlyChart"] *, [data-testid="stDataFrame"],
[data-testid="stDataFrame"] * { direction: ltr; text-align: initial; }
[data-testid="stSidebarNav"] { direction: rtl; }
body { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif; }
</style>
"""


def inject_css(lang: str = "en") -> None:
    """The app's styles; in Arabic mode the page reads right to left (charts and grids keep their own layout)."""
    st.html(CSS + (RTL_CSS if lang == "ar" else ""))


def rtl(text: str, cls: str = "") -> str:
    """Already-escaped HTML inside a right-to-left block."""
    return f'<div dir="rtl" lang="ar" class="rtl {cls}">{text}</div>'


@dataclass
class Page:
    """One page: title row with the "all charts as ZIP" button, then charts that each get a PNG button."""

    slug: str
    ctx: Context
    figures: list[tuple[str, go.Figure]] = field(default_factory=list)

    def header(self, title: str, caption: str = "") -> None:
        left, right = st.columns([5, 2], vertical_alignment="bottom")
        left.title(title)
        if caption:
            plain(caption, where=left)
        self._zip_slot = right.empty()
        ok, why = export.png_status()
        if not ok:
            st.info(why if self.ctx.lang != "ar" else "تنزيل الصور من الخادم يحتاج متصفح كروميوم (apt-get install "
                    "chromium). أيقونة الكاميرا في شريط كل رسم تنزل صورة من دونه.",
                    icon=":material/image_not_supported:")

    def chart(self, fig: go.Figure, chart_id: str, key: str | None = None) -> None:
        stem = export.file_stem(self.slug, chart_id, self.ctx.filters.slug())
        st.plotly_chart(fig, theme=None, config=export.modebar_config(stem), key=key or f"chart_{chart_id}",
                        width="stretch")
        self.figures.append((stem, fig))
        ok, why = export.png_status()
        st.download_button(
            self.ctx.t("Download PNG", "تنزيل الصورة"), data=(lambda f=fig: export.figure_png(f)) if ok else b"",
            file_name=f"{stem}.png",
            mime="image/png", on_click="ignore", key=f"png_{chart_id}", disabled=not ok,
            help=f"{stem}.png, rendered on the server at 2x" if ok else why, icon=":material/download:",
        )

    def finish(self) -> None:
        """Fill the title row's ZIP button now that every chart is known."""
        slot = getattr(self, "_zip_slot", None)
        if slot is None or not self.figures:
            return
        ok, why = export.png_status()
        items = list(self.figures)
        name = export.file_stem(self.slug, "charts", self.ctx.filters.slug()) + ".zip"
        slot.download_button(
            self.ctx.t(f"All charts as ZIP ({len(items)})", f"كل الرسوم في ملف مضغوط ({len(items)})"),
            data=(lambda: export.figures_zip(items)) if ok else b"",
            file_name=name, mime="application/zip", on_click="ignore", key=f"zip_{self.slug}", disabled=not ok,
            help=name if ok else why, icon=":material/folder_zip:",
        )


def table(df: pd.DataFrame, key: str, limit: int = 2000, hide: Sequence[str] = (), height: int | None = None,
          column_config: Mapping | None = None) -> None:
    """A dataframe view capped at ``limit`` rows (downloads on the Data page have everything)."""
    shown = df.drop(columns=[c for c in hide if c in df.columns])
    if len(shown) > limit:
        st.caption(f"Showing the first {limit:,} of {len(shown):,} rows; the Data page downloads all of them.")
        shown = shown.head(limit)
    kwargs = {"height": height} if height else {}
    config = dict(column_config or {})
    for col in shown.columns:  # day dates without a time part
        if col not in config and pd.api.types.is_datetime64_any_dtype(shown[col]):
            config[col] = st.column_config.DateColumn(col, format="YYYY-MM-DD")
    st.dataframe(shown, key=key, hide_index=True, width="stretch", column_config=config, **kwargs)


def article_url(article_id: object, query: Mapping[str, str]) -> str:
    """The Articles page opened on ``article_id`` with the filter ``query``; every value percent-encoded, so ids such
    as ``records#1``, ``a+b`` or ``x&y`` come back unchanged."""
    params = {"article": "" if article_id is None or article_id is pd.NA else str(article_id), **query}
    return "articles?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


def meeting_url(meeting_id: object, query: Mapping[str, str]) -> str:
    """The Meeting page opened on ``meeting_id`` with the filter ``query`` (values percent-encoded)."""
    params = {"meeting": "" if meeting_id is None or meeting_id is pd.NA else str(meeting_id), **query}
    return "meeting?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


def meeting_link(ctx: Context) -> Callable[[pd.Series], pd.Series]:
    query = ctx.filters.to_query()
    return lambda ids: ids.map(lambda m: "" if m is None or m is pd.NA or m == "" else meeting_url(m, query)).astype(
        "object")


def article_link(ctx: Context) -> Callable[[pd.Series], pd.Series]:
    """Article ids -> links that open the Articles page on them with the current filters."""
    query = ctx.filters.to_query()

    def links(ids: pd.Series) -> pd.Series:
        return ids.map(lambda a: "" if a is None or a is pd.NA or a == "" else article_url(a, query)).astype(
            "object")  # no article: an empty cell (a missing value would read "None")

    return links


def _cell(v: object) -> str:
    """A cell as display text: missing -> empty, never "None"/"nan"."""
    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and pd.isna(v)):
        return ""
    return str(v)


def _short(v: object, limit: int = CELL_LIMIT) -> str:
    s = " ".join(_cell(v).split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def present(df: pd.DataFrame, ctx: Context, link: str | None = "article_id", show_ids: bool = False,
            labels: Mapping[str, tuple[str, str]] | None = None) -> tuple[pd.DataFrame, dict]:
    """A table as a person reads it, in the chosen language: the article link first, headers translated, country
    codes as names, type/kind/role/status codes as words, dollars formatted, dates as days, missing values as empty
    cells, long text cut from its end (so right-to-left cells show their beginning). Returns the frame and its
    ``column_config``. ``link`` names the column of article ids to link from (first id of a ``;`` list)."""
    lang = ctx.lang
    i = lang == "ar"
    names, types, kinds, roles = ctx.names(), ctx.type_labels(), ctx.kind_labels(), ctx.role_labels()
    heads = {**COLUMNS, **(labels or {})}
    out = pd.DataFrame(index=df.index)
    if link and link in df:
        first = df[link].astype("string").fillna("").str.split(";").str[0]
        out["open"] = article_link(ctx)(first)
    if "meeting_id" in df and (df["meeting_id"].astype("string").fillna("") != "").any():
        out["meeting"] = meeting_link(ctx)(df["meeting_id"].astype("string").fillna(""))
    for col in df.columns:
        if col in ("open", "meeting") or (col in HIDDEN_COLUMNS and not show_ids):
            continue
        s = df[col]
        if col in ("country", "donor"):
            donor = col == "donor"  # an empty donor is "not stated"; an empty country is just empty
            out[col] = s.map(lambda c, d=donor: names.get(_cell(c), _cell(c)) if _cell(c) or d else "")
        elif col == "event_type":
            out[col] = s.map(lambda t: types.get(_cell(t), _cell(t)))
        elif col == "kind":
            out[col] = s.map(lambda k: kinds.get(_cell(k), _cell(k)))
        elif col == "role":
            out[col] = s.map(lambda r: roles.get(_cell(r), _cell(r)))
        elif col == "location":
            out[col] = s.map(lambda x: place_name(_cell(x), lang))
        elif col == "status":
            out[col] = s.map(lambda x: STATUS_LABELS[x][i] if x in STATUS_LABELS else _cell(x))
        elif col in ("value_usd", "usd"):
            out[col] = s.map(lambda v: usd(v, lang, missing=""))
        elif pd.api.types.is_datetime64_any_dtype(s):
            out[col] = s.dt.strftime("%Y-%m-%d").astype("object").where(s.notna(), "")
        elif pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            out[col] = s.map(lambda v: "" if _cell(v) == "" else f"{float(v):,.0f}")  # type: ignore[arg-type]
        elif col in ("evidence", "title", "disagreement", "error"):
            t = s.astype("string").fillna("").str.split().str.join(" ")
            long = t.str.len() > CELL_LIMIT
            out[col] = t.where(~long, t.str.slice(0, CELL_LIMIT - 1).str.rstrip() + "…").astype("object")
        else:
            out[col] = s.astype("string").fillna("").astype("object")
    header: dict[str, str] = {}
    for c in out.columns:
        h = heads[c][i] if c in heads else c
        while h in header.values():  # two columns never share a header
            h += " ·"
        header[c] = h
    config: dict = {}
    if "open" in out:
        config[header["open"]] = st.column_config.LinkColumn(header["open"], display_text="فتح ↗" if i else "open ↗")
    if "meeting" in out:
        config[header["meeting"]] = st.column_config.LinkColumn(header["meeting"],
                                                                display_text="الاجتماع ↗" if i else "meeting ↗")
    if "ref_source" in out:
        config[header["ref_source"]] = st.column_config.LinkColumn(header["ref_source"],
                                                                   display_text="المصدر ↗" if i else "source ↗")
    for c in ("evidence", "title", "error"):
        if c in out:
            config[header[c]] = st.column_config.TextColumn(header[c], width="large")
    return out.rename(columns=header), config


def show(df: pd.DataFrame, key: str, ctx: Context, link: str | None = "article_id", limit: int = 2000,
         show_ids: bool = False, height: int | None = None, labels: Mapping[str, tuple[str, str]] | None = None,
         download: bool = True) -> None:
    """``present`` then ``table``, with a CSV download of the table's rows (all of them, as data: codes and ids).
    An empty table is a line of text (the grid's own placeholder is English)."""
    if df.empty:
        st.caption(ctx.t("Nothing to show here.", "لا شيء لعرضه هنا."))
        return
    if download and len(df):
        stem = export.file_stem(key.replace("_", "-"), "table", ctx.filters.slug())
        st.download_button(ctx.t(f"Download this table (CSV, {len(df):,} rows)", f"تنزيل الجدول (CSV، {len(df):,} صف)"),
                           data=lambda d=df: export.csv_bytes(d), file_name=f"{stem}.csv", mime="text/csv",
                           on_click="ignore", key=f"dl_{key}", icon=":material/download:")
    view, config = present(df.head(limit) if len(df) > limit else df, ctx, link, show_ids, labels)
    if len(df) > limit:
        st.caption(ctx.t(f"Showing the first {limit:,} of {len(df):,} rows; the Data page downloads all of them.",
                         f"أول {limit:,} صف من {len(df):,}؛ صفحة البيانات تنزّلها كلها."))
    table(view, key, limit=limit, height=height, column_config=config)


def place_name(place: str, lang: str) -> str:
    """Meeting places are English city names (proper names, kept); "Virtual" is a word and is translated."""
    return "عبر الفيديو" if lang == "ar" and place == "Virtual" else place


def plain(text: object, cls: str = "plain-caption", where=None) -> None:
    """Text that comes from files (ids, outlets, URLs, file names, error reasons), shown as text: HTML-escaped, so
    nothing in it is ever read as Markdown (images, links, maths, code) or markup."""
    (where or st).html(f'<div class="{cls}" dir="auto">{html.escape(str(text))}</div>')
