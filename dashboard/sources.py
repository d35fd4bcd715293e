"""Reading a corpus of article files, robustly: every file gives articles or a reason a person understands.

Formats (by extension):

- ``.txt``: one article; the first non-empty line is the title and stays the first line of ``text``. Publication
  date, outlet and url come from a ``manifest.csv`` beside it (columns ``file, published, outlet, url``); a manifest
  higher up may list it by relative path (``sub/x.txt``). ``manifest.csv`` is never read as an article.
- ``.json`` (one object, a list of objects, or ``{"articles"|"items"|"data"|...: [...]}``), ``.jsonl`` (one object
  per line), ``.csv``/``.tsv`` (one record per row, delimiter sniffed): fields ``id, title, text, published, url,
  outlet`` with common aliases (``body``, ``content``, ``date``, ``source``, ``link`` ...); only the text is required.
  A manifest row for the file fills ``published``/``outlet`` of records that lack them.
- ``.html``/``.htm``: the article read by ``pages.read_page`` (trafilatura: the body without menus and footers,
  headline, site name as outlet, canonical URL, the date the page states; manifest values win, and
  ``published_basis`` says where the date came from); a page that is not an article is an error row.
  JSON/CSV text holding HTML tags is stripped with the stdlib parser (script, style, nav, footer, aside, form...
  dropped; the longest ``<article>`` is preferred; title from ``<title>`` or the first ``<h1>``).
- Anything else gives one error row ("not a supported format").

``record`` is 1-based: the position in a JSON list, the line number in a JSONL file, the data row in a CSV file
(header excluded); ``None`` for one-article files. It is also the ``<n>`` of the ``<stem>#<n>`` id given to records
without an id.

Duplicate ``article_id``s (decided here; they are reported as error rows so a person sees them):
same id and same text -> the later copy is not loaded ("duplicate of ..."); same id, different text -> the later
one is loaded as ``<id>~2`` (``~3`` ...). "Later" is the order of records in a file and of files sorted by path, so
the result is deterministic. ``read_source`` does this within one file, ``read_corpus`` across the whole corpus.

Encodings: BOMs (UTF-8, UTF-16/32 LE/BE) first, UTF-16 without a BOM (NULs on one byte parity), then strict UTF-8
(a few stray NUL bytes allowed: at most one per 500 characters),
then UTF-8 with a few damaged bytes (replaced, and said so in ``encoding``), then charset-normalizer restricted to
the Arabic code pages (Windows-1256, ISO-8859-6) and Windows-1252, whose result must look like text (Arabic or basic
Latin letters, no control characters, no "ط§ظ„"-style mojibake). A ``<meta charset>`` in HTML is tried first
when it names one of those.

Cleaning (``clean_text``): NFC, ``\\r\\n``/``\\r`` -> ``\\n``, trailing spaces stripped per line, leading/trailing
blank lines dropped; then whole lines of site boilerplate are cut using ``dashboard/data/boilerplate.csv`` (matched on
``norm(line)``, cut from the original). Nothing else in the text changes, so offsets into ``text`` stay valid.
For ``.txt`` files a category label above the headline is cut too (see ``_label_line``). A "tail" marker above the
article's first paragraph (a site disclaimer, a rights line at the top) is cut alone: body paragraphs are never cut.

Control characters (C0 and C1 controls other than tab, line feed, carriage return and form feed: NUL, BEL, ESC ...)
are removed from the text, the title and every field, before anything else.

Limits: files above ``MAX_BYTES`` are refused; an article's text (after cleaning) above ``MAX_TEXT_CHARS`` characters
is cut at the last line break or space before the limit; a JSON/JSONL/CSV file gives at most ``MAX_RECORDS`` records
(one row says the rest was not read). A file link whose target is outside the corpus folder is
not read (nor is a manifest.csv link); links to folders are not followed; both, and folders that cannot be
listed, are reported.

Loaded, but changed: the ``errors`` table also says when an article was loaded with a change a person should know
about: text cut at the limit, control characters removed, a publication date (in the record or the manifest) that is
not a date (the article loads undated).

Nothing here raises on bad input: ``read_source`` and ``read_corpus`` return ``(articles, errors)``.
"""

from __future__ import annotations

import bisect
import codecs
import csv
import datetime as dt
import hashlib
import io
import itertools
import json
import os
import re
import stat
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any

from dashboard.extract.lexicon import read_table, split_variants
from dashboard.extract.normalize import norm
from dashboard.pages import read_page

__all__ = [
    "MAX_BYTES",
    "MAX_RECORDS",
    "MAX_TEXT_CHARS",
    "RawArticle",
    "SourceError",
    "clean_text",
    "list_sources",
    "read_corpus",
    "read_manifest",
    "read_source",
]

MAX_BYTES = 20 * 1024 * 1024  # files above this are refused without being read
MAX_TEXT_CHARS = 200_000  # an article's text is cut here (about 100 pages; a long news article is under 20,000)
MAX_RECORDS = 10_000  # records read from one JSON/JSONL/CSV file (at 20 MB that is 2 KB a record); the rest: one row
MAX_RECORD_ERRORS = 100  # per file; more bad records are summarised in one row
LABEL_MAX_WORDS = 3  # a category label above the headline has at most this many words (breadcrumbs: 5)
MARKER_MAX_WORDS = 40  # boilerplate lines are short; longer lines are never cut
PROSE_MIN_WORDS = 12  # a line this long ending a sentence is article text (stops a soft tail from cutting)

FORMATS = {
    ".txt": "txt", ".text": "txt", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "csv", ".html": "html", ".htm": "html",
}
MANIFEST_NAME = "manifest.csv"


def is_manifest(rel: str) -> bool:
    """A path (with "/") names a manifest: its last part is manifest.csv in any case."""
    return rel.rsplit("/", 1)[-1].lower() == MANIFEST_NAME

_KNOWN_OTHER = {
    ".pdf": "PDF document", ".doc": "Word document", ".docx": "Word document", ".odt": "OpenDocument text",
    ".rtf": "RTF document", ".xls": "Excel workbook", ".xlsx": "Excel workbook", ".ods": "OpenDocument sheet",
    ".ppt": "PowerPoint file", ".pptx": "PowerPoint file", ".png": "PNG image", ".jpg": "JPEG image",
    ".jpeg": "JPEG image", ".gif": "GIF image", ".webp": "WebP image", ".svg": "SVG image", ".zip": "ZIP archive",
    ".gz": "gzip archive", ".7z": "7-Zip archive", ".rar": "RAR archive", ".xml": "XML file", ".md": "Markdown file",
    ".mp3": "audio file", ".mp4": "video file", ".epub": "e-book", ".parquet": "Parquet table",
}
# (offset, signature, what it is): enough to name the usual suspects in a news folder
_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"), (0, b"\xff\xd8\xff", "JPEG image"), (0, b"GIF87a", "GIF image"),
    (0, b"GIF89a", "GIF image"), (0, b"%PDF-", "PDF document"), (0, b"PK\x03\x04", "ZIP archive or Office file"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office document"), (0, b"\x1f\x8b", "gzip archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip archive"), (0, b"Rar!\x1a\x07", "RAR archive"), (0, b"\x7fELF", "program"),
    (0, b"MZ", "Windows program"), (0, b"SQLite format 3\x00", "SQLite database"), (0, b"{\\rtf", "RTF document"),
    (0, b"BM", "BMP image"), (0, b"\x00\x00\x01\x00", "icon"), (0, b"OggS", "Ogg audio"), (0, b"ID3", "MP3 audio"),
    (0, b"PAR1", "Parquet table"), (4, b"ftyp", "video file"),
)
_WEAK_MAGIC = {b"MZ", b"BM", b"ID3", b"{\\rtf"}  # short/plain signatures: only trusted for non-text extensions or NULs

# field name aliases for json/jsonl/csv records (lower-cased keys)
_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "doc_id", "docid", "_id", "uid", "guid", "uuid", "المعرف"),
    "title": ("title", "headline", "heading", "العنوان"),
    "text": ("text", "body", "content", "article", "article_text", "full_text", "fulltext", "maintext",
             "النص", "المحتوى"),
    "published": ("published", "date", "published_at", "publish_date", "publication_date", "pubdate", "date_published",
                  "published_date", "datetime", "date_publish", "time", "timestamp", "created_at", "التاريخ"),
    "url": ("url", "link", "source_url", "href", "permalink", "canonical_url", "الرابط"),
    "outlet": ("outlet", "source", "site", "publisher", "source_domain", "domain", "website", "site_name",
               "newspaper", "المصدر", "الموقع"),
}
_WRAPPERS = ("articles", "items", "data", "records", "results", "docs", "documents", "entries", "posts")

csv.field_size_limit(MAX_BYTES)  # an article in one CSV field can exceed the default 128 KB


@dataclass(frozen=True, slots=True)
class RawArticle:
    article_id: str
    file: str  # path relative to the corpus root, POSIX
    record: int | None  # 1-based index in a multi-record file
    title: str
    text: str  # as read, boilerplate cut; for .txt the title is its first line
    boilerplate: str  # what was cut, joined by newlines
    published: dt.date | None
    outlet: str
    url: str
    format: str  # 'txt' | 'json' | 'jsonl' | 'csv' | 'html'
    encoding: str
    content_hash: str  # sha1 of the file bytes
    published_basis: str = ""  # where a saved page's date came from: "manifest" or "page metadata"


@dataclass(frozen=True, slots=True)
class SourceError:
    file: str
    record: int | None
    error: str


class _Refuse(Exception):
    """A reason the whole file cannot be read (becomes one SourceError)."""


# --------------------------------------------------------------------------------------------------------------
# Decoding

# Arabic letters (tatweel excluded), including Persian/Urdu letters and presentation forms
_ARABIC_LETTER = re.compile("[\u0621-\u063f\u0641-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f"
                            "\ufb50-\ufdff\ufe70-\ufefc]")
_LATIN_LETTER = re.compile("[A-Za-z]")
_ANY_LETTER = re.compile(r"[^\W\d_]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_MOJIBAKE = re.compile("[طظ][^\\s\u0621-\u064aA-Za-z0-9.]")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CN_CANDIDATES = ["cp1256", "iso8859_6", "cp1252"]
_CODEC_NAME = {"cp1256": "cp1256", "windows-1256": "cp1256", "iso8859_6": "iso8859-6", "iso-8859-6": "iso8859-6",
               "arabic": "iso8859-6", "cp1252": "cp1252", "windows-1252": "cp1252"}


def _looks_like_text(text: str) -> bool:
    """Decoded text is believable: few control characters, letters mostly Arabic or basic Latin, no mojibake."""
    text = text[:200_000]  # a sample is enough to judge, and keeps a 20 MB file cheap
    if not text.strip():
        return True
    if len(_CONTROL.findall(text)) > max(2, len(text) // 500):
        return False
    letters = len(_ANY_LETTER.findall(text))
    if letters == 0:
        return True
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    if arabic + latin < 0.9 * letters:  # e.g. "ÇáÚÑÈíÉ": Arabic read as Windows-1252
        return False
    # "ط§ظ„": UTF-8 Arabic read as Windows-1256 puts ط/ظ before every other character
    return not (arabic >= 20 and len(_MOJIBAKE.findall(text)) > 0.25 * arabic)


def _decode(data: bytes, hint: str | None = None) -> tuple[str, str]:
    """(text, encoding name) or raise _Refuse with the reason."""
    for bom, codec, name in (
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), name
            except UnicodeDecodeError as e:
                raise _Refuse(f"could not decode the text: it starts with a {name.upper()} byte-order mark but "
                              f"byte {e.start + len(bom)} is not valid {name.upper()}") from None
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        try:  # a stray NUL in UTF-8 text (a bad copy, a C program's output): removed with the control characters
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = ""
        if text and text.count("\x00") <= max(2, len(text) // 500) and _looks_like_text(text):
            return text, "utf-8"
        raise _Refuse("not text: contains NUL bytes (looks like a binary file)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged
    if hint:
        hinted = _CODEC_NAME.get(hint.lower())
        if hinted and hinted != "cp1252":
            try:
                text = data.decode(hinted)
            except UnicodeDecodeError:
                pass
            else:
                if _looks_like_text(text) and _ARABIC_LETTER.search(text):
                    return text, hinted
    from charset_normalizer import from_bytes  # imported here: only non-UTF-8 files pay for it

    for match in from_bytes(data, cp_isolation=_CN_CANDIDATES, explain=False):
        codec = _CODEC_NAME.get(match.encoding, match.encoding)
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text):
            return text, codec
    raise _Refuse("could not decode the text: it is not UTF-8, UTF-16 or an Arabic code page "
                  "(Windows-1256, ISO-8859-6); save it as UTF-8")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: the NULs of ASCII characters all sit on even (BE) or odd (LE) positions."""
    if len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    for codec, nuls, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls and not other:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text) and "\x00" not in text:
                return text, codec
    return None


def _damaged_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few bad bytes (a truncated download, a bad copy): load it and say so."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", "ignore")) - bad
    if non_ascii >= 20 and bad <= max(3, non_ascii // 200):
        return text, f"utf-8 ({bad} invalid byte{'s' if bad > 1 else ''} replaced)"
    return None


def _binary_kind(data: bytes, strong_only: bool) -> str | None:
    head = data[:32]
    for offset, sig, what in _MAGIC:
        if head[offset:offset + len(sig)] == sig and (not strong_only or sig not in _WEAK_MAGIC):
            return what
    return None


_CONTROL_NAMES = {"\x00": "NUL", "\x07": "BEL", "\x08": "BS", "\x0b": "VT", "\x1b": "ESC", "\x7f": "DEL"}


def _strip_controls(text: str, removed: Counter[str]) -> str:
    """``text`` without control characters (tab, line feed, carriage return and form feed stay); what was removed is
    counted in ``removed``."""
    if _CONTROL.search(text) is None:
        return text
    removed.update(_CONTROL.findall(text))
    return _CONTROL.sub("", text)


def _controls_note(removed: Counter[str], where: str = "") -> str:
    n = sum(removed.values())
    kinds = ", ".join(_CONTROL_NAMES.get(c, f"U+{ord(c):04X}") + (f" x{k}" if k > 1 else "")
                      for c, k in removed.most_common(6))
    return f"{where}{n} control character{'s' if n > 1 else ''} removed ({kinds}); the text was kept"


# --------------------------------------------------------------------------------------------------------------
# Cleaning

_TRAILING = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+$", re.M)
_PROSE_END = re.compile(r"[.!…][\"'”’»)\]]*(?:\s|$)")
_LABEL_FORBIDDEN = re.compile(r"[.،,:;؛!?؟\"“”«»()\[\]{}0-9٠-٩]")
_BREADCRUMB = re.compile(r"\s*[»›>|/]\s*")
_HEADLINE_END_PERIOD = re.compile(r"\.[\"'”’»)\]]*$")


def _pattern_regex(variant: str, where: str) -> str:
    """Regex for one spelling, matched with ``.match`` after leading punctuation (start/line) or ``.search``."""
    pieces = [p.strip() for p in norm(variant).split("*")]
    body = ".*?".join(r"\s+".join(re.escape(w) for w in piece.split()) for piece in pieces)
    last = pieces[-1][-1:]
    end = r"(?!\w)" if last and (last.isalnum() or last == "_") else ""
    if where == "start":
        return body + end
    if where == "line":
        return body + r"[\W_]*$"
    if where == "contains":
        return r"(?<!\w)" + body + end
    raise ValueError(f"boilerplate.csv: unknown where={where!r}")


def _credit_regex(variant: str) -> str:
    folded = norm(variant)
    letters = [c for c in folded if not c.isspace() and c != "."]
    if len(folded.split()) > 1 or "." in folded:
        return r"[\s.]*".join(re.escape(c) for c in letters)  # أ ف ب = أ.ف.ب = (أ ف ب)
    return re.escape("".join(letters))


def _alternation(parts: list[str]) -> str:
    return "(?:" + "|".join(sorted(parts, key=len, reverse=True)) + ")" if parts else "(?!)"


def _build_patterns() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    """(anchored, contains): ``anchored.match(line)`` names the kind in ``lastgroup`` (credit, tail, soft);
    ``contains.search(line)`` does the same for phrases found anywhere in a line; it only runs on lines holding
    one of the returned words (the longest word of each such phrase), a cheap ``in`` test."""
    found: dict[tuple[str, str], list[str]] = {}
    anchors: list[str] = []
    for row in read_table("boilerplate.csv"):
        kind, where = row["kind"], row["where"]
        valid = ("line", "prefix") if kind == "credit" else ("start", "line", "contains")
        if kind not in ("tail", "soft_tail", "credit") or where not in valid:
            raise ValueError(f"boilerplate.csv: unknown kind/where {kind!r}/{where!r}")
        for variant in split_variants(row["pattern"]):
            regex = _credit_regex(variant) if kind == "credit" else _pattern_regex(variant, where)
            found.setdefault((kind, where), []).append(regex)
            if where == "contains":
                anchors.append(max(norm(variant).replace("*", " ").split(), key=len))
    one = _alternation(found.get(("credit", "line"), []))
    pre = _alternation(found.get(("credit", "prefix"), []))
    credit = rf"(?:{pre}[\s:\-–]*)?{one}(?:[\W_]*(?:و\s*)?{one})*[\W_]*$"
    def alt(kind: str, *wheres: str) -> str:
        return _alternation([p for w in wheres for p in found.get((kind, w), [])])

    anchored = (rf"[\W_]*(?:(?P<credit>{credit})|(?P<tail>{alt('tail', 'start', 'line')})"
                rf"|(?P<soft>{alt('soft_tail', 'start', 'line')}))")
    contains = rf"(?P<tail>{alt('tail', 'contains')})|(?P<soft>{alt('soft_tail', 'contains')})"
    return re.compile(anchored), re.compile(contains), tuple(sorted(set(anchors)))


_ANCHORED, _CONTAINS, _CONTAINS_WORDS = _build_patterns()


def _marker(folded: str, nwords: int) -> tuple[str, int] | None:
    """(kind, end of the match) of a boilerplate line, or None. Kind: credit, tail or soft. Phrases that may sit
    anywhere in a line ("where=contains") only count in lines shorter than a sentence of prose."""
    m = _ANCHORED.match(folded)
    if m is None and nwords < PROSE_MIN_WORDS and any(w in folded for w in _CONTAINS_WORDS):
        m = _CONTAINS.search(folded)
    if m is None or m.lastgroup is None:
        return None
    return m.lastgroup, m.end()


def _tidy(text: str) -> str:
    """NFC, one kind of line ending, no trailing spaces, no blank lines around the text."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING.sub("", text)
    return text.strip("\n")


def _label_line(lines: list[str]) -> int | None:
    """Index of a category label above the headline, or None.

    A label is the first non-empty line, short (at most LABEL_MAX_WORDS words, or a breadcrumb "أخبار » سياسة"),
    without sentence punctuation or digits, followed by a blank line, then a headline-like line (at most 30 words,
    not ending with a period) that is itself followed by more text. A short headline directly above a body
    paragraph is therefore kept: the body paragraph is long or ends with a period.
    """
    n = len(lines)
    i = 0
    while i < n and not lines[i].strip():
        i += 1
    if i + 2 >= n or lines[i + 1].strip():
        return None
    label = lines[i].strip()
    crumbs = [c for c in _BREADCRUMB.split(label) if c]
    words = sum(len(c.split()) for c in crumbs)
    limit = LABEL_MAX_WORDS if len(crumbs) == 1 else LABEL_MAX_WORDS + 2
    if words > limit or any(_LABEL_FORBIDDEN.search(c) for c in crumbs) or not any(c.isalpha() for c in label):
        return None
    j = i + 1
    while j < n and not lines[j].strip():
        j += 1
    if j >= n:
        return None
    head = lines[j].strip()
    if len(head.split()) > 30 or _HEADLINE_END_PERIOD.search(head) or len(head.split()) < words:
        return None
    if not any(line.strip() for line in lines[j + 1:]):
        return None
    return i


def _clean(text: str, label: bool) -> tuple[str, str]:
    text = _tidy(text)
    if not text:
        return "", ""
    lines = text.split("\n")
    n = len(lines)
    keep = [True] * n
    if label:
        k = _label_line(lines)
        if k is not None:
            keep[k] = False
    # per line: is it a boilerplate marker (only short lines can be), is it article prose
    markers: list[tuple[str, int] | None] = [None] * n
    prose = [False] * n
    for idx, line in enumerate(lines):
        if not line:
            continue
        nwords = line.count(" ") + 1
        if nwords <= MARKER_MAX_WORDS:
            markers[idx] = _marker(norm(line), nwords)
        prose[idx] = markers[idx] is None and nwords >= PROSE_MIN_WORDS and _PROSE_END.search(line) is not None
    prose_after = [False] * (n + 1)
    for idx in range(n - 1, -1, -1):
        prose_after[idx] = prose_after[idx + 1] or prose[idx]

    idx = 0
    while idx < n:
        found = markers[idx]
        if found is None or not keep[idx]:
            idx += 1
            continue
        kind, end = found
        if kind == "credit":
            keep[idx] = False
        elif kind == "tail" and prose_after[idx + 1] and not any(prose[:idx]):
            keep[idx] = False  # a notice above the article (a site disclaimer): never cut the body under it
        elif kind == "tail" or not prose_after[idx + 1]:
            for k in range(idx, n):
                keep[k] = False
            break
        else:
            keep[idx] = False  # a link box inside the article: cut the marker line only ...
            if not re.search(r"\w", norm(lines[idx])[end:]):  # ... and the link title under a bare label
                nxt = idx + 1
                while nxt < n and not lines[nxt]:
                    nxt += 1
                if nxt < n and not prose[nxt] and markers[nxt] is None:
                    keep[nxt] = False
                    idx = nxt
        idx += 1
    if all(keep):
        return text, ""
    body = "\n".join(line for line, k in zip(lines, keep, strict=True) if k).strip("\n")
    cut = "\n".join(line for line, k in zip(lines, keep, strict=True) if not k and line)
    return body, cut


def clean_text(text: str) -> tuple[str, str]:
    """``(body, boilerplate)``: ``text`` tidied (NFC, ``\\n`` line ends, no trailing spaces) with whole lines of site
    boilerplate cut (tail markers and what follows them, agency credit lines). Nothing else changes."""
    return _clean(text, label=False)


# --------------------------------------------------------------------------------------------------------------
# Field values

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_])")
_DMY_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:$|[T\s,])")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NAMED_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y")


def _make_date(y: int, m: int, d: int) -> dt.date | None:
    if not 1900 <= y <= 2100:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def parse_published(value: Any) -> dt.date | None:
    """A publication date from a metadata value, or None: ISO dates and datetimes (the date as written, whatever the
    zone), day-first ``04/06/2025``, ``20250604``, RFC 2822 (RSS), ``June 4, 2025``, Unix seconds/milliseconds."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        secs = float(value) / 1000 if value > 1e11 else float(value)
        if 1e8 < secs < 4.2e9:
            return dt.datetime.fromtimestamp(secs, tz=dt.UTC).date()
        return None
    s = str(value).translate(_DIGITS).strip()
    if not s:
        return None
    if m := _ISO_DATE.match(s):
        return _make_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY_DATE.match(s):
        return _make_date(int(m[3]), int(m[2]), int(m[1]))
    if m := _COMPACT_DATE.match(s):
        return _make_date(int(m[1]), int(m[2]), int(m[3]))
    if "," in s and ":" in s:
        try:
            return parsedate_to_datetime(s).date()
        except (TypeError, ValueError, IndexError):
            pass
    for fmt in _NAMED_FORMATS:
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    return None


def _outlet_from_url(url: str) -> str:
    m = re.match(r"^[a-z][a-z0-9+.-]*://([^/?#:@]+)", url.strip(), re.I)
    if not m:
        return ""
    host = m[1].lower()
    return host[4:] if host.startswith("www.") else host


def _as_text(value: Any) -> str | None:
    """A field as a string: lists of paragraphs are joined by newlines; numbers are written plainly."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n".join(value)
    if isinstance(value, dict):  # {"name": "Reuters", "id": ...} as in NewsAPI's "source"
        for key in ("name", "title", "text", "value"):
            if isinstance(value.get(key), str):
                return str(value[key])
    return None


def _field(record: Mapping[str, Any], what: str) -> Any:
    for key in _ALIASES[what]:
        if key in record and record[key] not in (None, ""):
            return record[key]
    return None


_HTML_TAG = re.compile(r"</?(?:p|br|div|span|a|strong|em|b|i|h[1-6]|ul|ol|li|figure|img|blockquote)\b[^>]*>", re.I)


# --------------------------------------------------------------------------------------------------------------
# HTML

class _HTMLText(HTMLParser):
    SKIP = frozenset({"script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "form", "iframe",
                      "button", "select", "object", "canvas", "menu"})
    BLOCK = frozenset({"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th",
                       "table", "article", "section", "header", "main", "blockquote", "figure", "figcaption", "pre",
                       "hr", "dd", "dt", "dl", "address", "body", "html", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.articles: list[list[str]] = []
        self.skip = 0
        self.in_article = 0
        self.in_title = False
        self.in_h1 = False
        self.title: list[str] = []
        self.h1: list[str] = []
        self.h1_done = False

    def _emit(self, s: str) -> None:
        self.parts.append(s)
        if self.in_article:
            self.articles[-1].append(s)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
            return
        if tag in self.SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        if tag == "article":
            if not self.in_article:
                self.articles.append([])
            self.in_article += 1
        if tag == "h1" and not self.h1_done:
            self.in_h1 = True
        if tag in self.BLOCK:
            self._emit("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skip and tag in self.BLOCK:
            self._emit("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag == "h1" and self.in_h1:
            self.in_h1 = False
            self.h1_done = True
        if tag in self.BLOCK:
            self._emit("\n")
        if tag == "article" and self.in_article:
            self.in_article -= 1

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self.skip:
            return
        if self.in_h1:
            self.h1.append(data)
        self._emit(data)


_HTML_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0]+")


def _html_lines(parts: Iterable[str]) -> str:
    """Text nodes -> lines: whitespace inside a block collapses to one space (HTML rules), blocks become lines."""
    out: list[str] = []
    for chunk in "".join(p if p == "\n" else _HTML_SPACE.sub(" ", p) for p in parts).split("\n"):
        chunk = chunk.strip()
        if chunk:
            out.append(chunk)
    return "\n".join(out)


def _html_to_text(markup: str) -> tuple[str, str]:
    """(title, text) of an HTML page or fragment."""
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    text = _html_lines(parser.parts)
    if parser.articles:
        best = max((_html_lines(a) for a in parser.articles), key=len)
        if _ARABIC_LETTER.search(best):
            text = best
    title = _HTML_SPACE.sub(" ", "".join(parser.title)).strip()
    h1 = _HTML_SPACE.sub(" ", "".join(parser.h1)).strip()
    if h1 and (not title or h1 in title):  # "<headline> | <site name>": the h1 is the headline alone
        title = h1
    return title, text


# --------------------------------------------------------------------------------------------------------------
# Reading one source

def _sha1(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def _first_line(text: str) -> str:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return ""


@dataclass(slots=True)
class _Ctx:
    name: str
    stem: str
    fmt: str
    encoding: str
    content_hash: str
    manifest: Mapping[str, str]
    notes: list[SourceError] = field(default_factory=list)  # loaded, but changed: said in the errors table
    controls: Counter[str] = field(default_factory=Counter)  # control characters removed from the whole file


def _article(ctx: _Ctx, record: int | None, raw: Mapping[str, Any], default_id: str, unit: str = "record"
             ) -> RawArticle | SourceError:
    """One article from a record (lower-cased keys) or an error explaining why not."""
    where = f"{unit} {record}: " if record is not None else ""
    removed: Counter[str] = Counter()
    value = _field(raw, "text")
    text = _as_text(value)
    if text is None and value is not None:
        return SourceError(ctx.name, record, f"{where}the text field is not a string ({type(value).__name__})")
    if text is None or not text.strip():
        return SourceError(ctx.name, record, f"{where}no text (looked for a field named "
                                             f"{', '.join(_ALIASES['text'][:4])} ...)")
    text = _strip_controls(text, removed)
    title = _strip_controls((_as_text(_field(raw, "title")) or ""), removed).strip()
    if _HTML_TAG.search(text):
        html_title, text = _html_to_text(text)
        title = title or html_title
    if title and _HTML_TAG.search(title):
        title = _html_to_text(title)[1]
    body, cut = _clean(text, label=False)
    return _finish(ctx, record, raw, default_id, title, body, cut, where, removed)


def _cut_text(body: str) -> str:
    """The first MAX_TEXT_CHARS characters of ``body``, ending at a line break or a space when one is near."""
    head = body[:MAX_TEXT_CHARS]
    for sep in ("\n", " "):
        k = head.rfind(sep)
        if k >= MAX_TEXT_CHARS * 9 // 10:
            return head[:k].rstrip()
    return head


def _finish(ctx: _Ctx, record: int | None, raw: Mapping[str, Any], default_id: str, title: str, body: str,
            cut: str, where: str = "", removed: Counter[str] | None = None) -> RawArticle | SourceError:
    if not body.strip():
        return SourceError(ctx.name, record, f"{where}nothing left after removing site boilerplate")
    if not _ARABIC_LETTER.search(body):
        return SourceError(ctx.name, record, f"{where}no Arabic text (the text has no Arabic letters)")
    removed = Counter() if removed is None else removed
    if len(body) > MAX_TEXT_CHARS:  # extraction time grows with the text: a book in one record is cut, and said so
        full = len(body)
        body = _cut_text(body)
        ctx.notes.append(SourceError(ctx.name, record, f"{where}text cut at {len(body):,} characters (the limit is "
                                     f"{MAX_TEXT_CHARS:,}); the last {full - len(body):,} characters were not read"))
    art_id = _strip_controls(_as_text(_field(raw, "id")) or "", removed).strip() or default_id
    url = _strip_controls(_as_text(_field(raw, "url")) or ctx.manifest.get("url", "") or "", removed).strip()
    outlet = _strip_controls(_as_text(_field(raw, "outlet")) or ctx.manifest.get("outlet", "") or "",
                             removed).strip()
    title = _strip_controls(title, removed)
    if removed:
        ctx.notes.append(SourceError(ctx.name, record, _controls_note(removed, where)))
    given = _field(raw, "published")
    published = parse_published(given)
    if published is None and given is not None:
        ctx.notes.append(SourceError(ctx.name, record, f"{where}publication date {str(given)[:40]!r} is not a date "
                                                       "(or not between 1900 and 2100); loaded without one"))
    if published is None and given is None:
        published = parse_published(ctx.manifest.get("published"))
    return RawArticle(
        article_id=art_id, file=ctx.name, record=record, title=_HTML_SPACE.sub(" ", title).strip() or _first_line(body),
        text=body, boilerplate=cut, published=published, outlet=outlet or _outlet_from_url(url), url=url,
        format=ctx.fmt, encoding=ctx.encoding, content_hash=ctx.content_hash,
    )


def _lower_keys(obj: Mapping[str, Any]) -> dict[str, Any]:
    return {str(k).strip().lstrip("\ufeff").lower(): v for k, v in obj.items()}


def _records_json(ctx: _Ctx, text: str) -> Iterator[RawArticle | SourceError]:
    try:
        doc = json.loads(text)
    except RecursionError:
        yield SourceError(ctx.name, None, "malformed JSON: nested too deeply to be an article file")
        return
    except json.JSONDecodeError as e:
        if e.msg == "Extra data":  # several objects one per line: JSON Lines under a .json name
            lines = [ln for ln in text.split("\n") if ln.strip()]
            try:
                objs = [json.loads(ln) for ln in lines]
            except json.JSONDecodeError:
                objs = []
            if objs and all(isinstance(o, dict) for o in objs):
                for n, obj in enumerate(objs, 1):
                    yield _article(ctx, n, _lower_keys(obj), f"{ctx.stem}#{n}")
                return
        yield SourceError(ctx.name, None, f"malformed JSON: {e.msg} (line {e.lineno}, column {e.colno})")
        return
    if isinstance(doc, dict):
        low = _lower_keys(doc)
        if _field(low, "text") is None:
            for key in _WRAPPERS:
                if isinstance(low.get(key), list):
                    doc = low[key]
                    break
        if isinstance(doc, dict):
            yield _article(ctx, None, low, ctx.stem)
            return
    if not isinstance(doc, list):
        yield SourceError(ctx.name, None, f"JSON holds a {type(doc).__name__}, not an article object or a list of them")
        return
    if not doc:
        yield SourceError(ctx.name, None, "no records (an empty JSON list)")
        return
    for n, obj in enumerate(doc, 1):
        if isinstance(obj, dict):
            yield _article(ctx, n, _lower_keys(obj), f"{ctx.stem}#{n}")
        else:
            yield SourceError(ctx.name, n, f"record {n} is a {type(obj).__name__}, not a JSON object")


def _records_jsonl(ctx: _Ctx, text: str) -> Iterator[RawArticle | SourceError]:
    seen = False
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        seen = True
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield SourceError(ctx.name, n, f"line {n}: malformed JSON ({e.msg}, column {e.colno})")
            continue
        if isinstance(obj, dict):
            yield _article(ctx, n, _lower_keys(obj), f"{ctx.stem}#{n}", "line")
        else:
            yield SourceError(ctx.name, n, f"line {n} is a {type(obj).__name__}, not a JSON object")
    if not seen:
        yield SourceError(ctx.name, None, "no records (the file has only blank lines)")


def _sniff_delimiter(text: str, default: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else default


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str] | str]]:
    """(physical line, row) or (line, error message); keeps going after a malformed row."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            msg = str(e)
            if "unexpected end of data" in msg or "newline inside string" in msg:
                yield reader.line_num, "a quoted field is never closed; the rest of the file could not be read"
                return
            yield reader.line_num, f"broken quoting ({msg})"
            continue
        yield reader.line_num, row


def _records_csv(ctx: _Ctx, text: str) -> Iterator[RawArticle | SourceError]:
    delimiter = _sniff_delimiter(text, "\t" if ctx.name.lower().endswith(".tsv") else ",")
    rows = _csv_rows(text, delimiter)
    header: list[str] | None = None
    for line, row in rows:
        if isinstance(row, str):
            yield SourceError(ctx.name, None, f"header row (line {line}): {row}")
            return
        if any(c.strip() for c in row):
            header = [c.strip().lstrip("\ufeff").lower() for c in row]
            break
    if header is None:
        yield SourceError(ctx.name, None, "no header row (the CSV file is empty)")
        return
    if _field(dict.fromkeys(header, "x"), "text") is None:
        yield SourceError(ctx.name, None, f"no text column (looked for {', '.join(_ALIASES['text'][:6])} ...); "
                                          f"the columns are: {', '.join(h for h in header if h) or '(none)'}")
        return
    n = 0
    for line, row in rows:
        n += 1
        if isinstance(row, str):
            yield SourceError(ctx.name, n, f"row {n} (line {line}): {row}")
            continue
        if not any(c.strip() for c in row):
            n -= 1
            continue
        if len(row) > len(header) and not any(c.strip() for c in row[len(header):]):
            row = row[:len(header)]  # trailing delimiters
        if len(row) != len(header):
            yield SourceError(ctx.name, n, f"row {n} (line {line}) has {len(row)} fields but the header has "
                                           f"{len(header)}; the columns cannot be trusted")
            continue
        yield _article(ctx, n, dict(zip(header, row, strict=True)), f"{ctx.stem}#{n}", "row")
    if n == 0:
        yield SourceError(ctx.name, None, "no records (only a header row)")


def _read_txt(ctx: _Ctx, text: str) -> RawArticle | SourceError:
    body, cut = _clean(text, label=True)
    return _finish(ctx, None, {}, ctx.stem, _first_line(body), body, cut)


_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));")


def _control_ref(m: re.Match[str]) -> str:
    """A character reference to a control character as the character itself (then removed like the others)."""
    code = int(m[1], 16) if m[1] else int(m[2])
    ch = chr(code) if code < 0x110000 else ""
    return ch if _CONTROL.fullmatch(ch) else m[0]


def _read_html(ctx: _Ctx, text: str) -> RawArticle | SourceError:
    # &#27; is ESC too, and the page parser gives up on a page with control characters in it
    text = _strip_controls(_CHAR_REF.sub(_control_ref, text), ctx.controls)
    page = read_page(text, ctx.manifest.get("url") or None)
    if isinstance(page, str):
        return SourceError(ctx.name, None, page)
    body, cut = _clean(page.text, label=False)
    given = {k: v for k in ("url", "outlet", "published") if (v := ctx.manifest.get(k, "").strip())}
    art = _finish(ctx, None, {"url": page.url, "outlet": page.outlet, "published": page.published, **given},
                  ctx.stem, page.title, body, cut)
    if isinstance(art, RawArticle) and art.published is not None:  # the manifest wins when it has a date
        art = replace(art, published_basis="manifest" if "published" in given else page.published_basis)
    return art


def _dedupe(items: Iterable[RawArticle | SourceError], seen: dict[str, tuple[RawArticle, str]]
            ) -> tuple[list[RawArticle], list[SourceError]]:
    """Make article ids unique in order: same id + same text -> dropped; same id, other text -> ``id~2``."""
    arts: list[RawArticle] = []
    errs: list[SourceError] = []
    for item in items:
        if isinstance(item, SourceError):
            errs.append(item)
            continue
        digest = _sha1(item.text.encode("utf-8"))
        prev = seen.get(item.article_id)
        if prev is not None:
            where = prev[0].file + (f" record {prev[0].record}" if prev[0].record is not None else "")
            if prev[1] == digest:
                errs.append(SourceError(item.file, item.record, f"duplicate of {where} (same id "
                                        f"{item.article_id!r} and same text); not loaded again"))
                continue
            k = 2
            while f"{item.article_id}~{k}" in seen:
                k += 1
            new_id = f"{item.article_id}~{k}"
            errs.append(SourceError(item.file, item.record, f"article id {item.article_id!r} is already used by "
                                    f"{where}; loaded as {new_id!r}"))
            item = replace(item, article_id=new_id)
        seen[item.article_id] = (item, digest)
        arts.append(item)
    return arts, errs


def _size(n: int) -> str:
    mb, kb = n / 1024 / 1024, n / 1024
    if n < 1024:
        return f"{n} bytes"
    if n >= 1024 * 1024:
        return f"{mb:.0f} MB" if mb.is_integer() else f"{mb:.1f} MB"
    return f"{kb:.0f} KB" if kb.is_integer() else f"{kb:.1f} KB"


def _too_large(n: int) -> str:
    return f"file too large: {_size(n)} (the limit is {_size(MAX_BYTES)}); split it into smaller files"


@dataclass
class ParsedFile:
    """One file's records as parsed, before article ids are made unique across the corpus (``finish_source``): the
    part of reading that needs only the file, so it can run on a cluster's workers."""

    name: str
    items: list[RawArticle | SourceError]
    capped: list[SourceError] = field(default_factory=list)
    notes: list[SourceError] = field(default_factory=list)
    controls: Counter[str] = field(default_factory=Counter)


def parse_source(name: str, data: bytes, manifest_row: Mapping[str, str] | None) -> ParsedFile:
    """The records of one file's bytes (see ``read_source``), ids not yet checked against other files."""
    suffix = PurePosixPath(name).suffix.lower()
    fmt = FORMATS.get(suffix)
    if fmt is None:
        what = _KNOWN_OTHER.get(suffix) or _binary_kind(data, strong_only=False)
        kind = f"{suffix or 'no extension'}{', ' + what if what else ''}"
        return ParsedFile(name, [SourceError(name, None, f"not a supported format ({kind}); the loader reads "
                                                         ".txt, .json, .jsonl, .csv and .html files")])
    if len(data) > MAX_BYTES:
        return ParsedFile(name, [SourceError(name, None, _too_large(len(data)))])
    if not data:
        return ParsedFile(name, [SourceError(name, None, "empty file (0 bytes)")])
    magic = _binary_kind(data, strong_only=b"\x00" not in data[:4096])
    if magic:
        return ParsedFile(name, [SourceError(name, None, f"not text: looks like a binary file ({magic})")])
    hint = None
    if fmt == "html":
        m = _META_CHARSET.search(data[:4096])
        hint = m[1].decode("ascii", "replace") if m else None
    try:
        text, encoding = _decode(data, hint)
    except _Refuse as e:
        return ParsedFile(name, [SourceError(name, None, str(e))])
    removed: Counter[str] = Counter()
    text = _strip_controls(text, removed)
    if not text.strip():
        return ParsedFile(name, [SourceError(name, None, "empty file (only whitespace)")])
    ctx = _Ctx(name, PurePosixPath(name).stem, fmt, encoding, _sha1(data),
               {k.strip().lower(): (v or "") for k, v in (manifest_row or {}).items() if k}, controls=removed)
    items: Iterable[RawArticle | SourceError]
    if fmt == "txt":
        items = [_read_txt(ctx, text)]
    elif fmt == "html":
        items = [_read_html(ctx, text)]
    elif fmt == "json":
        items = _records_json(ctx, text)
    elif fmt == "jsonl":
        items = _records_jsonl(ctx, text)
    else:
        items = _records_csv(ctx, text)
    capped: list[SourceError] = []
    parsed = list(_capped(items, name, capped))
    return ParsedFile(name, parsed, capped, list(ctx.notes), removed)


def finish_source(parsed: ParsedFile, seen: dict[str, tuple[RawArticle, str]]
                  ) -> tuple[list[RawArticle], list[SourceError]]:
    """A parsed file's articles with ids made unique against ``seen`` (the files read before it, in order), and its
    errors and notes, each list capped."""
    name = parsed.name
    arts, errs = _dedupe(parsed.items, seen)
    if len(errs) > MAX_RECORD_ERRORS:
        extra = len(errs) - MAX_RECORD_ERRORS
        errs = [*errs[:MAX_RECORD_ERRORS], SourceError(name, None, f"{extra} more records could not be read "
                                                                   "(not listed one by one)")]
    notes = [*parsed.capped, *parsed.notes]
    if parsed.controls and arts:
        notes = [SourceError(name, None, _controls_note(parsed.controls)), *notes]
    if len(notes) > MAX_RECORD_ERRORS:
        extra = len(notes) - MAX_RECORD_ERRORS
        notes = [*notes[:MAX_RECORD_ERRORS], SourceError(name, None, f"{extra} more records were loaded with "
                                                                     "changes (not listed one by one)")]
    return arts, errs + notes


def _capped(items: Iterable[RawArticle | SourceError], name: str, capped: list[SourceError]
            ) -> Iterator[RawArticle | SourceError]:
    """``items`` up to MAX_RECORDS records; past that, one row in ``capped`` and the rest is not parsed."""
    n = 0
    for item in items:
        if item.record is not None:
            n += 1
            if n > MAX_RECORDS:
                capped.append(SourceError(name, None, f"more than {MAX_RECORDS:,} records: only the first "
                                          f"{MAX_RECORDS:,} were read (the limit per file, since loading time grows "
                                          "with the number of articles); split the file into smaller files"))
                return
        yield item


def read_source(name: str, data: bytes, manifest_row: Mapping[str, str] | None = None
                ) -> tuple[list[RawArticle], list[SourceError]]:
    """Articles and errors from one file's bytes. ``name`` is its path relative to the corpus root (POSIX); its
    extension picks the format. ``manifest_row`` is its manifest.csv row, if any. Pure: never touches the disk."""
    return finish_source(_parse_safely(name, data, manifest_row), {})


# --------------------------------------------------------------------------------------------------------------
# Reading a folder

_JUNK_DIRS = frozenset({"__macosx", "__pycache__", "node_modules"})
_JUNK_FILES = frozenset({"thumbs.db", "desktop.ini", MANIFEST_NAME})


def _skip(name: str, is_dir: bool) -> bool:
    low = name.lower()
    if name.startswith(".") or (is_dir and low in _JUNK_DIRS):
        return True
    return not is_dir and (low in _JUNK_FILES or name.startswith("~$") or name.endswith("~"))


def list_sources(root: Path) -> list[Path]:
    """Every candidate article file under ``root``, recursively, sorted by relative path. Hidden files and folders,
    OS clutter (Thumbs.db, ~$ lock files, __MACOSX) and manifest.csv are skipped; broken links are kept (they are
    reported when read). Symlinked folders are not followed."""
    return _list_sources(Path(root), [])


class _LinkedFolder(OSError):
    """A symlink to a folder: never followed (it may lead out of the corpus, or in a loop)."""


def _list_sources(root: Path, unreadable: list[OSError]) -> list[Path]:
    """``list_sources``; folders that cannot be listed, and links to folders, are added to ``unreadable``."""
    if root.is_file():
        return [root]
    folders: dict[str, Path] = {}
    return [folders.setdefault(d, Path(d)) / name for _, d, name in _walk(root, unreadable)]


def source_files(root: Path) -> list[tuple[str, str]]:
    """``list_sources`` as (path relative to ``root`` with "/", path) strings: no path object per file (a listing of
    every file is what an unchanged corpus's reload costs)."""
    root = Path(root)
    if root.is_file():
        return [(root.name, os.fspath(root))]
    return [(rel, os.path.join(d, name)) for rel, d, name in _walk(root, [])]


def _walk(root: Path, unreadable: list[OSError]) -> list[tuple[str, str, str]]:
    """(path relative to ``root`` with "/", folder, name) of every candidate file under the folder ``root``, sorted by
    the first; folders that cannot be listed, and links to folders, are added to ``unreadable``."""
    if not root.is_dir():
        return []
    found: list[tuple[str, str, str]] = []
    top = os.fspath(root)
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=unreadable.append):
        dirnames[:] = [d for d in dirnames if not _skip(d, True)]
        rel = os.path.relpath(dirpath, top).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        found.extend((prefix + f, dirpath, f) for f in filenames if not _skip(f, False))
        # symlinks to folders show up in dirnames; keep symlinks to nothing as (unreadable) files
        for d in dirnames:
            full = os.path.join(dirpath, d)
            if os.path.islink(full):
                if os.path.exists(full):
                    unreadable.append(_LinkedFolder(0, "link", full))
                else:
                    found.append((prefix + d, dirpath, d))
    found.sort(key=lambda kp: kp[0])
    return found


def _read_bytes(path: Path) -> bytes:
    """At most MAX_BYTES + 1 bytes (a file that grows or lies about its size is still bounded); raises OSError."""
    with open(path, "rb") as f:
        return f.read(MAX_BYTES + 1)


def _os_reason(e: OSError) -> str:
    if isinstance(e, PermissionError):
        return "cannot read the file: permission denied"
    if isinstance(e, FileNotFoundError):
        return "cannot read the file: it does not exist (a broken link, or it was deleted while loading)"
    if isinstance(e, IsADirectoryError):
        return "cannot read the file: it is a folder"
    return f"cannot read the file: {e.strerror or e}"


def _read_manifest_at(root: Path, folder: Path, check: bool = True
                      ) -> tuple[dict[str, dict[str, str]], list[SourceError]]:
    """The manifest's rows by file name and its errors; ``check=False`` skips the checks of each row against the
    folder (dates, files that exist), for a caller that reads a few of the files and keeps the errors it has."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        try:
            path = next(p for p in folder.iterdir() if p.name.lower() == MANIFEST_NAME and p.is_file())
        except (StopIteration, OSError):
            return {}, []
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    if path.is_symlink() and not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root)):
        return {}, [SourceError(rel, None, "manifest not read: a link to a file outside the corpus folder (links "
                                           "that leave the folder are not followed)")]
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return {}, [SourceError(rel, None, _too_large(size))]
        data = _read_bytes(path)
        text, _ = _decode(data)
    except OSError as e:
        return {}, [SourceError(rel, None, _os_reason(e))]
    except _Refuse as e:
        return {}, [SourceError(rel, None, f"manifest: {e}")]
    return _parse_manifest(rel, text, check, lambda key: (folder / key).exists()
                           or any(folder.glob(_glob_escape(key) + ".*")))


def _parse_manifest(rel: str, text: str, check: bool, exists: Callable[[str], bool]
                    ) -> tuple[dict[str, dict[str, str]], list[SourceError]]:
    """The rows of a manifest's text (``rel``: its path, for errors); ``exists(key)`` says whether a file the row
    names is there (the name as written, or with an extension)."""
    rows: dict[str, dict[str, str]] = {}
    errors: list[SourceError] = []
    header: list[str] | None = None
    key_col = ""
    n = 0
    for line, row in _csv_rows(text, _sniff_delimiter(text, ",")):
        if isinstance(row, str):
            errors.append(SourceError(rel, n + 1 if header else None, f"manifest line {line}: {row}"))
            continue
        if not any(c.strip() for c in row):
            continue
        if header is None:
            header = [c.strip().lstrip("\ufeff").lower() for c in row]
            key_col = next((h for h in ("file", "filename", "file_name", "path", "name") if h in header), "")
            if not key_col:
                return {}, [SourceError(rel, None, "manifest has no 'file' column; the columns are: "
                                                   f"{', '.join(header)}")]
            continue
        n += 1
        rec = {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header) if h}
        key = rec.get(key_col, "").replace("\\", "/").strip("/")
        if not key:
            errors.append(SourceError(rel, n, f"manifest row {n} (line {line}) has no file name"))
            continue
        if key in rows:
            errors.append(SourceError(rel, n, f"manifest lists {key!r} twice; the first row is used"))
            continue
        rec["file"] = key
        rows[key] = rec
        if not check:
            continue
        when = rec.get("published", "")
        if when and parse_published(when) is None:
            errors.append(SourceError(rel, n, f"manifest row {n} (line {line}): publication date {when[:40]!r} is not "
                                              f"a date; {key} is loaded without one"))
        if not exists(key):
            errors.append(SourceError(rel, n, f"manifest lists {key!r} but there is no such file"))
    return rows, errors


def _glob_escape(s: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", s)


def read_manifest(root: Path) -> tuple[dict[str, dict[str, str]], list[SourceError]]:
    """``manifest.csv`` in ``root``: its rows by file name (as written in its ``file`` column, POSIX), and errors
    (no ``file`` column, a file listed twice, a listed file that does not exist, an unreadable manifest)."""
    try:
        return _read_manifest_at(Path(root), Path(root))
    except Exception as e:
        return {}, [SourceError(MANIFEST_NAME, None, f"internal error while reading the manifest: {e}")]


def _manifest_row(path: Path, root: Path, manifests: dict[Path, dict[str, dict[str, str]]]
                  ) -> dict[str, str] | None:
    """The nearest manifest row naming this file: its own folder first (by name), then parents (by relative path);
    a row may omit the extension."""
    folder = path.parent
    while True:
        rows = manifests.get(folder)
        if rows:
            rel = path.relative_to(folder).as_posix()
            for key in (rel, str(PurePosixPath(rel).with_suffix(""))):
                if key in rows:
                    return rows[key]
        if folder == root or folder == folder.parent:
            return None
        folder = folder.parent


@dataclass
class Listing:
    """The files of a corpus, before any is read: ``names`` (candidate article files, paths relative to the corpus
    folder with "/", sorted), each one's manifest row, and the errors found while listing (folders that cannot be
    read, manifest problems). ``root`` is the corpus folder: a local path, or an fsspec URL."""

    root: str
    names: list[str]
    rows: dict[str, dict[str, str] | None]
    errors: list[SourceError]


def _list_local(root: Path, only: Collection[str] | None = None) -> tuple[Path, list[Path], Listing]:
    base = root.parent if root.is_file() else root
    errors: list[SourceError] = []
    manifests: dict[Path, dict[str, dict[str, str]]] = {}
    unreadable: list[OSError] = []
    if only is None:
        paths = _list_sources(root, unreadable)
    else:  # files the caller has just listed: no second walk of the folder
        paths = [base / rel for rel in sorted(set(only))] if root.is_dir() else [root]
    for e in unreadable:
        folder = Path(str(e.filename)) if e.filename else base
        rel = folder.relative_to(base).as_posix() if folder.is_relative_to(base) else folder.name
        if isinstance(e, _LinkedFolder):
            errors.append(SourceError(f"{rel}/", None, "not read: a link to a folder (links to folders are not "
                                                       "followed; copy the folder into the corpus instead)"))
            continue
        why = "permission denied" if isinstance(e, PermissionError) else (e.strerror or str(e))
        errors.append(SourceError(f"{rel}/", None, f"cannot read the folder: {why}; the files in it were not loaded"))
    for folder in sorted({p.parent for p in paths} | {base}):
        rows, errs = _read_manifest_at(base, folder, check=only is None)
        manifests[folder] = rows
        errors.extend(errs)
    names = [p.relative_to(base).as_posix() for p in paths]
    listing = Listing(str(base), names, {n: _manifest_row(p, base, manifests) for n, p in zip(names, paths,
                                                                                              strict=True)}, errors)
    return base, paths, listing


def is_url(src: str | Path) -> bool:
    """A corpus given as a URL (``s3://bucket/corpus``, ``file:///data/corpus``), read through fsspec."""
    return "://" in str(src)


def list_corpus(root: str | Path) -> Listing:
    """The files of the corpus at ``root`` (a folder, one file, or an fsspec URL of a folder: the listing a cluster's
    workers read from; see ``read_listed``)."""
    if not is_url(root):
        path = Path(root)
        if not (path.is_file() or path.is_dir()):
            return Listing(str(path), [], {}, [SourceError(str(path), None, "folder not found")])
        return _list_local(path)[2]
    import fsspec

    fs, top = fsspec.core.url_to_fs(str(root))
    top = top.rstrip("/")
    try:
        found = fs.find(top, withdirs=False)
        if not found and not fs.exists(top):
            return Listing(str(root), [], {}, [SourceError(str(root), None, "folder not found")])
    except Exception as e:  # no such bucket, no access: one clear row
        return Listing(str(root), [], {}, [SourceError(str(root), None, f"cannot list the folder: {e}")])
    rel = sorted(str(f)[len(top) + 1 :] for f in found if str(f).startswith(top + "/"))

    def kept(r: str) -> bool:  # the same files a local folder's walk keeps (manifests apart)
        *folders, last = r.split("/")
        return not any(_skip(f, True) for f in folders) and (is_manifest(r) or not _skip(last, False))

    rel = [r for r in rel if kept(r)]
    names = [r for r in rel if not is_manifest(r)]  # sorted: a folder's files are one run of them
    errors: list[SourceError] = []
    manifests: dict[Path, dict[str, dict[str, str]]] = {}
    for m in (r for r in rel if is_manifest(r)):
        folder = str(PurePosixPath(m).parent)
        prefix = "" if folder == "." else folder + "/"
        listed = set()
        for n in itertools.islice(names, bisect.bisect_left(names, prefix), None):
            if not n.startswith(prefix):
                break
            listed.add(n[len(prefix):])
        # a row may name a file without its extension: every listed name cut before a dot of its last part
        stems = {h[:i] for h in listed for i in range(h.rfind("/") + 1, len(h)) if h[i] == "."}
        known = listed | stems
        try:
            data = fs.cat_file(f"{top}/{m}")
            if len(data) > MAX_BYTES:
                errors.append(SourceError(m, None, _too_large(len(data))))
                continue
            text, _ = _decode(data)
        except _Refuse as e:
            errors.append(SourceError(m, None, f"manifest: {e}"))
            continue
        except Exception as e:
            errors.append(SourceError(m, None, f"cannot read the file: {e}"))
            continue
        rows, errs = _parse_manifest(m, text, True, known.__contains__)
        manifests[Path(folder)] = rows
        errors.extend(errs)
    rows_by_name = {n: _manifest_row(Path(n), Path("."), manifests) for n in names}
    return Listing(str(root), names, rows_by_name, errors)


def read_listed(root: str, name: str) -> bytes | SourceError:
    """The bytes of one listed file (``list_corpus``) of the corpus at ``root``, or why they cannot be read: on a
    worker, from a folder it can reach (a shared file system) or through fsspec (object storage)."""
    if not is_url(root):
        base = Path(root)
        return _file_bytes(base / name, name, Path(os.path.realpath(base)))
    import fsspec

    fs, top = fsspec.core.url_to_fs(root)
    full = f"{top.rstrip('/')}/{name}"
    supported = PurePosixPath(name).suffix.lower() in FORMATS
    try:
        size = fs.size(full)
        if supported and size is not None and size > MAX_BYTES:
            return SourceError(name, None, _too_large(int(size)))
        with fs.open(full, "rb") as f:
            return bytes(f.read(MAX_BYTES + 1 if supported else 64))
    except Exception as e:
        return SourceError(name, None, f"cannot read the file: {type(e).__name__}: {e}")


def parse_listed(root: str, name: str, row: Mapping[str, str] | None) -> ParsedFile | SourceError:
    """``read_listed`` then ``parse_source``: what a worker does with one file."""
    data = read_listed(root, name)
    return data if isinstance(data, SourceError) else _parse_safely(name, data, row)


def read_corpus(root: Path, progress: Callable[[int, int], None] | None = None,
                only: Collection[str] | None = None) -> tuple[list[RawArticle], list[SourceError]]:
    """Every article under ``root`` and one error row per file or record that could not be loaded. ``progress``
    (optional) is called with (files read, files in all) as the files are read. ``only`` (paths relative to the
    corpus folder, with "/") reads just those files, with their folders' manifests."""
    root = Path(root)
    if not (root.is_file() or root.is_dir()):
        return [], [SourceError(str(root), None, "folder not found")]
    base, paths, listing = _list_local(root, only)
    articles: list[RawArticle] = []
    errors: list[SourceError] = list(listing.errors)
    inside = Path(os.path.realpath(base)) if root.is_dir() else None
    seen: dict[str, tuple[RawArticle, str]] = {}
    for k, path in enumerate(paths):
        if progress is not None and k % 100 == 0:
            progress(k, len(paths))
        name = path.relative_to(base).as_posix()
        data = _file_bytes(path, name, inside)
        if isinstance(data, SourceError):
            errors.append(data)
            continue
        arts, errs = finish_source(_parse_safely(name, data, listing.rows[name]), seen)
        articles.extend(arts)
        errors.extend(errs)
    if progress is not None:
        progress(len(paths), len(paths))
    return articles, errors


def _file_bytes(path: Path, name: str, inside: Path | None) -> bytes | SourceError:
    """The bytes of one file of the corpus (of an unsupported format, its first bytes), or why they cannot be read.
    ``inside`` is the corpus folder's real path: a link that leaves it is not followed."""
    if inside is not None and path.is_symlink() and not Path(os.path.realpath(path)).is_relative_to(inside):
        return SourceError(name, None, "not read: a link to a file outside the corpus folder (links that leave the "
                                       "folder are not followed)")
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, "is a directory")
        if not stat.S_ISREG(st.st_mode):  # reading a pipe would block the load forever
            return SourceError(name, None, "cannot read the file: not a regular file (a pipe, socket or device)")
        if st.st_size > MAX_BYTES and PurePosixPath(name).suffix.lower() in FORMATS:
            return SourceError(name, None, _too_large(st.st_size))
        return _read_bytes(path) if PurePosixPath(name).suffix.lower() in FORMATS else _read_head(path)
    except OSError as e:
        return SourceError(name, None, _os_reason(e))


def _parse_safely(name: str, data: bytes, manifest_row: Mapping[str, str] | None) -> ParsedFile:
    try:
        return parse_source(name, data, manifest_row)
    except Exception as e:  # a bug must not stop a load; say where it happened
        return ParsedFile(name, [SourceError(name, None, f"internal error while reading this file: "
                                                         f"{type(e).__name__}: {e}")])


def _read_head(path: Path) -> bytes:
    """Unsupported formats are only sniffed for a better message."""
    with open(path, "rb") as f:
        return f.read(64)
