"""Collecting articles from the web into a corpus folder the loader reads.

``python -m dashboard.collect OUT [--feed URL ...] [--urls FILE] [--since DATE] [--keyword WORD ...]`` fetches the
items of RSS/Atom feeds (feedparser) and the URLs listed in a file (one per line, ``#`` comments), reads each page
with ``pages.read_page`` (trafilatura) and appends one record per article to ``OUT/articles.jsonl``: ``id`` (from the
canonical URL), ``url``, ``outlet``, ``published``, ``title``, ``text``. The raw HTML is kept, gzip-compressed, in
``OUT/.collect/raw/<id>.html.gz``.

Politeness and robustness:

- robots.txt is read for every host before anything else is fetched there, with the user agent ``USER_AGENT``
  (product token ``ramstein-dashboard``); a disallowed URL is not fetched. A robots.txt that does not exist (4xx)
  allows everything; one that refuses access (401/403) or cannot be read (5xx, timeout) disallows the host for the run
  (RFC 9309). A ``Crawl-delay`` longer than ``--delay`` is used for that host.
- one request at a time per host, ``--delay`` seconds apart (default 2); different hosts are fetched in parallel
  (``--workers``, default 4). Redirects are followed by hand (at most 5), each hop checked against robots.txt.
- every request has a timeout (``--timeout`` seconds for connecting and for each read; the whole response must arrive
  within four times that); timeouts, connection errors, HTTP 429 and 5xx are retried ``--retries`` times with
  exponential backoff (``--backoff`` seconds, doubled each time; a ``Retry-After`` up to a minute is honoured).
- a response larger than ``--max-bytes`` (default 5 MB) is refused (by its Content-Length, or when the body passes the
  limit while it is read); only HTML (``text/html``, ``application/xhtml+xml``) is read as an article, and a body
  that is a PDF, an image or an archive is refused whatever its Content-Type says.
- every URL that gives no article is a row of ``OUT/.collect/log.csv`` with its reason (and is printed); nothing
  raises.

State (``OUT/.collect/``): ``log.csv`` has one row per URL tried (``time, url, status, reason, id``; status ``saved``,
``skipped`` or ``failed``); a rerun fetches only URLs not in it (``--retry-failed`` tries the failed ones again).
``feeds.json`` keeps each feed's ``ETag``/``Last-Modified`` for conditional requests. The folder is hidden, so the
loader never reads it as articles.

Filters: ``--since DATE`` drops feed items and pages published before that day (items with no date are kept);
``--keyword`` (repeatable) keeps only articles whose title or text contains one of the words, matched on the
normalised form (``normalize.norm``: hamza, ى/ي, ة/ه, harakat and tatweel do not matter; a clitic before the word is
allowed).

``fetch_articles(urls, settings)`` is the same fetching without a folder or state (the app's "Add articles by URL").
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import csv
import datetime as dt
import email.utils
import gzip
import hashlib
import http.client
import io
import json
import os
import re
import ssl
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import urllib.robotparser
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dashboard.extract.normalize import norm
from dashboard.pages import Page, read_page

__all__ = ["USER_AGENT", "Outcome", "Report", "Settings", "collect", "fetch_articles", "main"]

USER_AGENT = ("ramstein-dashboard/1.0 (+collector of Arabic news on military support to Ukraine; "
              "reads robots.txt, one request at a time per host)")
ROBOTS_AGENT = "ramstein-dashboard"
STATE_DIR = ".collect"
ARTICLES_FILE = "articles.jsonl"
LOG_FIELDS = ("time", "url", "status", "reason", "id")
MAX_REDIRECTS = 5
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: at least 500 KiB must be read
RETRY_AFTER_MAX = 60.0
HTML_TYPES = ("text/html", "application/xhtml+xml")
_BINARY = ((b"%PDF-", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
           (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP archive or Office file"), (b"\x1f\x8b", "gzip data"))


@dataclass(frozen=True)
class Settings:
    delay: float = 2.0  # seconds between two requests to the same host
    timeout: float = 15.0  # seconds for connecting and for each read
    retries: int = 2  # extra attempts after a timeout, a connection error, HTTP 429 or 5xx
    backoff: float = 1.0  # seconds before the first retry, doubled for each next one
    max_bytes: int = 5 * 1024 * 1024
    user_agent: str = USER_AGENT
    since: dt.date | None = None
    keywords: tuple[str, ...] = ()
    workers: int = 4  # hosts fetched in parallel


@dataclass
class Outcome:
    url: str
    status: str  # "saved" | "skipped" | "failed"
    reason: str = ""
    record: dict[str, Any] | None = None
    raw: bytes = b""


@dataclass
class Report:
    saved: list[Outcome] = field(default_factory=list)
    skipped: list[Outcome] = field(default_factory=list)
    failed: list[Outcome] = field(default_factory=list)
    known: int = 0  # URLs already in the state, not fetched again
    requests: int = 0  # HTTP requests made (robots.txt and feeds included)
    seconds: float = 0.0

    def add(self, o: Outcome) -> None:
        {"saved": self.saved, "skipped": self.skipped}.get(o.status, self.failed).append(o)


class _Fail(Exception):
    def __init__(self, reason: str, transient: bool = False, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient
        self.retry_after = retry_after


@dataclass
class _Response:
    url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes
    headers: dict[str, str]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # redirects come back as HTTPError and are followed by hand (robots.txt checked per hop)


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _host(url: str) -> str:
    return (urllib.parse.urlsplit(url).hostname or "").lower()


def _origin(url: str) -> str:
    p = urllib.parse.urlsplit(url)
    return f"{p.scheme}://{p.netloc}".lower()


def clean_url(url: str) -> str | None:
    """An http(s) URL without its fragment, or None."""
    url = url.strip()
    try:
        p = urllib.parse.urlsplit(url)
    except ValueError:
        return None
    if p.scheme.lower() not in ("http", "https") or not p.hostname:
        return None
    return urllib.parse.urlunsplit((p.scheme.lower(), p.netloc, p.path or "/", p.query, ""))


class Fetcher:
    """HTTP GET with the politeness rules of the module docstring. Thread-safe; one instance per run."""

    def __init__(self, settings: Settings) -> None:
        self.s = settings
        self._opener = urllib.request.build_opener(_NoRedirect())
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | str] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._delay: dict[str, float] = {}
        self.requests = 0

    def _host_lock(self, host: str) -> threading.Lock:
        with self._lock:
            return self._host_locks.setdefault(host, threading.Lock())

    # ------------------------------------------------------------------------------------------------ one request
    def _request(self, url: str, headers: dict[str, str], limit: int, accept: Callable[[str, bytes], str | None]
                 ) -> _Response:
        """One GET, holding the host's lock (one request at a time per host, ``delay`` apart)."""
        host = _host(url)
        with self._host_lock(host):
            wait = self._last.get(host, -1e9) + self._delay.get(host, self.s.delay) - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                return self._get(url, headers, limit, accept)
            finally:
                self._last[host] = time.monotonic()

    def _get(self, url: str, headers: dict[str, str], limit: int, accept: Callable[[str, bytes], str | None]
             ) -> _Response:
        req = urllib.request.Request(url, headers={"User-Agent": self.s.user_agent, "Accept-Encoding": "identity",
                                                   **headers})
        with self._lock:
            self.requests += 1
        deadline = time.monotonic() + 4 * self.s.timeout
        try:
            resp = self._opener.open(req, timeout=self.s.timeout)
        except urllib.error.HTTPError as e:
            status = e.code
            hdrs = {k.lower(): v for k, v in (e.headers or {}).items()}
            e.close()
            return _Response(url, status, "", None, b"", hdrs)
        except TimeoutError:
            raise _Fail(f"timed out after {self.s.timeout:g} s (no answer)", transient=True) from None
        except urllib.error.URLError as e:
            r = e.reason
            if isinstance(r, TimeoutError):
                raise _Fail(f"timed out after {self.s.timeout:g} s (could not connect)", transient=True) from None
            if isinstance(r, ssl.SSLError):
                raise _Fail(f"TLS error: {r}") from None
            raise _Fail(f"could not connect: {r}", transient=True) from None
        except (OSError, ValueError, http.client.HTTPException) as e:
            raise _Fail(f"could not connect: {type(e).__name__}: {e}", transient=True) from None
        with contextlib.closing(resp):
            hdrs = {k.lower(): v for k, v in resp.headers.items()}
            ctype = resp.headers.get_content_type() if resp.headers.get("content-type") else ""
            charset = resp.headers.get_content_charset()
            length = hdrs.get("content-length", "")
            if length.isdigit() and int(length) > limit:
                raise _Fail(f"too large: {_mb(int(length))} (Content-Length; the limit is {_mb(limit)})")
            refused = accept(ctype, b"")  # by its Content-Type, before reading the body
            if refused:
                raise _Fail(refused)
            first = b""
            chunks: list[bytes] = []
            size = 0
            try:
                while True:
                    if time.monotonic() > deadline:
                        raise _Fail(f"timed out: the page did not arrive within {4 * self.s.timeout:g} s",
                                    transient=True)
                    chunk = resp.read(65536)
                    if not chunk:
                        break
                    if not first:
                        first = chunk
                        refused = accept(ctype, first)
                        if refused:
                            raise _Fail(refused)
                    chunks.append(chunk)
                    size += len(chunk)
                    if size > limit:
                        raise _Fail(f"too large: more than {_mb(limit)} (the limit)")
            except TimeoutError:
                raise _Fail(f"timed out after {self.s.timeout:g} s (the page stopped arriving)",
                            transient=True) from None
            except (OSError, http.client.HTTPException) as e:
                raise _Fail(f"connection broken while reading: {type(e).__name__}", transient=True) from None
            return _Response(resp.geturl() or url, resp.status, ctype, charset, b"".join(chunks), hdrs)

    # ------------------------------------------------------------------------------------------------ with retries
    def get(self, url: str, kind: str = "html", headers: dict[str, str] | None = None) -> _Response:
        """GET ``url`` (robots.txt checked, redirects followed, retries); raises ``_Fail`` with the reason."""
        accept = _accept_html if kind == "html" else _accept_feed
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            refused = self.robots_refusal(current)
            if refused:
                raise _Fail(refused)
            resp = self._with_retries(current, headers or {}, self.s.max_bytes, accept)
            if resp.status in (301, 302, 303, 307, 308):
                target = clean_url(urllib.parse.urljoin(current, resp.headers.get("location", "")))
                if not target:
                    raise _Fail(f"redirect (HTTP {resp.status}) to something that is not an http(s) URL")
                current = target
                continue
            return resp
        raise _Fail(f"more than {MAX_REDIRECTS} redirects")

    def _with_retries(self, url: str, headers: dict[str, str], limit: int,
                      accept: Callable[[str, bytes], str | None]) -> _Response:
        attempt = 0
        while True:
            try:
                resp = self._request(url, headers, limit, accept)
                if resp.status == 429 or 500 <= resp.status < 600:
                    raise _Fail(f"HTTP {resp.status}" + (" (too many requests)" if resp.status == 429 else
                                                          " (server error)"),
                                transient=True, retry_after=_retry_after(resp.headers.get("retry-after")))
                return resp
            except _Fail as f:
                if not f.transient or attempt >= self.s.retries:
                    if f.transient and attempt:
                        raise _Fail(f"{f.reason}; gave up after {attempt + 1} attempts") from None
                    raise
                pause = self.s.backoff * 2 ** attempt
                if f.retry_after is not None:
                    pause = max(pause, min(f.retry_after, RETRY_AFTER_MAX))
                time.sleep(pause)
                attempt += 1

    # ------------------------------------------------------------------------------------------------ robots.txt
    def robots_refusal(self, url: str) -> str | None:
        """None when robots.txt allows ``url`` for this user agent, else the reason."""
        origin = _origin(url)
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._robots:
                self._robots[origin] = self._read_robots(origin)
        rp = self._robots[origin]
        if isinstance(rp, str):
            return rp
        if not rp.can_fetch(ROBOTS_AGENT, url):
            return "disallowed by robots.txt"
        return None

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | str:
        rp = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        try:
            resp = self._with_retries(origin + "/robots.txt", {}, ROBOTS_MAX_BYTES, _accept_any)
        except _Fail as f:
            if f.reason.startswith("too large"):
                rp.parse([])
                return rp
            return f"robots.txt could not be read ({f.reason}), so the host is not fetched"
        if resp.status in (401, 403):
            return f"robots.txt refuses access (HTTP {resp.status}), so the host is not fetched"
        if resp.status >= 400 or resp.status in (301, 302, 303, 307, 308):
            rp.parse([])  # no robots.txt (or one elsewhere): everything is allowed
            return rp
        rp.parse(resp.body.decode("utf-8", "replace").splitlines())
        delay = rp.crawl_delay(ROBOTS_AGENT)
        if delay is not None and float(delay) > self.s.delay:
            self._delay[_host(origin)] = float(delay)
        return rp


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, (when - dt.datetime.now(tz=when.tzinfo)).total_seconds())
    except (TypeError, ValueError):
        return None


def _binary(first: bytes) -> str | None:
    return next((what for sig, what in _BINARY if first.startswith(sig)), None)


def _accept_html(ctype: str, first: bytes) -> str | None:
    if ctype and ctype not in HTML_TYPES:
        return f"not an HTML page ({ctype})"
    what = _binary(first)
    if what:
        return f"not an HTML page: the body is {what}" + (f" (served as {ctype})" if ctype else "")
    return None


def _accept_feed(ctype: str, first: bytes) -> str | None:
    what = _binary(first)
    return f"not a feed: the body is {what}" if what else None


def _accept_any(ctype: str, first: bytes) -> str | None:
    return None


# ---------------------------------------------------------------------------------------------------------- items
@dataclass(frozen=True)
class _Item:
    url: str
    published: dt.date | None = None  # from the feed
    title: str = ""


def _feed_date(entry: Any) -> dt.date | None:
    from dashboard.sources import parse_published

    for key in ("published", "updated"):
        d = parse_published(entry.get(key))
        if d is not None:
            return d
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if t:
            return dt.datetime.fromtimestamp(calendar.timegm(t), tz=dt.UTC).date()
    return None


def read_feed(fetcher: Fetcher, url: str, state: dict[str, dict[str, str]]) -> tuple[list[_Item], str | None]:
    """The items of one feed (a conditional request when the feed was read before), or the reason it failed."""
    import feedparser

    known = state.get(url, {})
    headers = {}
    if known.get("etag"):
        headers["If-None-Match"] = known["etag"]
    if known.get("last_modified"):
        headers["If-Modified-Since"] = known["last_modified"]
    try:
        resp = fetcher.get(url, "feed", headers)
    except _Fail as f:
        return [], f.reason
    if resp.status == 304:
        return [], None
    if resp.status >= 400:
        return [], f"HTTP {resp.status}"
    parsed = feedparser.parse(io.BytesIO(resp.body), response_headers={"content-location": resp.url})
    if not parsed.entries and parsed.get("bozo"):
        return [], f"not an RSS or Atom feed ({parsed.get('bozo_exception')})"
    state[url] = {k: v for k, v in (("etag", resp.headers.get("etag", "")),
                                     ("last_modified", resp.headers.get("last-modified", ""))) if v}
    items = []
    for e in parsed.entries:
        link = clean_url(urllib.parse.urljoin(resp.url, e.get("link") or ""))
        if link:
            items.append(_Item(link, _feed_date(e), (e.get("title") or "").strip()))
    return items, None


def read_url_list(text: str) -> list[str]:
    """URLs of a list file: one per line; blank lines and ``#`` comments skipped."""
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


# ---------------------------------------------------------------------------------------------------------- articles
def article_id(url: str) -> str:
    """A stable id from the canonical URL: host and a short hash."""
    host = _host(url).removeprefix("www.") or "page"
    return f"{host}-{hashlib.sha1(url.encode('utf-8'), usedforsecurity=False).hexdigest()[:12]}"


def _keyword_re(words: Sequence[str]) -> re.Pattern[str] | None:
    given = {" ".join(norm(w).split()) for w in words if norm(w).strip()}
    given |= {"لل" + f[2:] for f in given if f.startswith("ال") and len(f) > 3}  # للناتو for الناتو
    if not given:
        return None
    alts = "|".join(r"\s+".join(map(re.escape, f.split())) for f in sorted(given, key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:[وف]?[بلك]?(?:ال)?|لل)?(?:{alts})")


def _decode(resp: _Response) -> str | bytes:
    if resp.charset:
        try:
            return resp.body.decode(resp.charset, errors="replace")
        except LookupError:
            pass
    return resp.body


def fetch_article(fetcher: Fetcher, item: _Item, keywords: re.Pattern[str] | None = None) -> Outcome:
    """One article, or why not. Never raises."""
    try:
        return _fetch_article(fetcher, item, keywords)
    except Exception as e:  # a bug must not stop a run: the URL gets a row with the reason
        return Outcome(item.url, "failed", f"internal error: {type(e).__name__}: {e}")


def _fetch_article(fetcher: Fetcher, item: _Item, keywords: re.Pattern[str] | None) -> Outcome:
    s = fetcher.s
    if s.since and item.published and item.published < s.since:
        return Outcome(item.url, "skipped", f"published {item.published} (feed), before --since {s.since}")
    try:
        resp = fetcher.get(item.url, "html")
    except _Fail as f:
        return Outcome(item.url, "failed", f.reason)
    if resp.status >= 400:
        meaning = {404: "not found", 410: "gone", 401: "login required", 403: "access refused"}.get(resp.status)
        return Outcome(item.url, "failed", f"HTTP {resp.status}" + (f" ({meaning})" if meaning else ""))
    if resp.status != 200:
        return Outcome(item.url, "failed", f"unexpected HTTP {resp.status}")
    page = read_page(_decode(resp), resp.url)
    if not isinstance(page, Page):
        return Outcome(item.url, "failed", page)
    published = page.published or item.published
    if s.since and published and published < s.since:
        return Outcome(item.url, "skipped", f"published {published}, before --since {s.since}")
    if keywords is not None and not keywords.search(norm(f"{page.title}\n{page.text}")):
        return Outcome(item.url, "skipped", "none of the keywords in the title or text")
    canonical = clean_url(page.url) or resp.url
    record = {
        "id": article_id(canonical), "url": canonical, "outlet": page.outlet or _host(canonical).removeprefix("www."),
        "published": published.isoformat() if published else None, "title": page.title or item.title,
        "text": page.text, "published_basis": page.published_basis or ("feed" if item.published else ""),
        "fetched": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "fetched_url": resp.url,
    }
    return Outcome(item.url, "saved", "", record, resp.body)


def fetch_articles(urls: Iterable[str], settings: Settings | None = None) -> list[Outcome]:
    """Fetch ``urls`` (no folder, no state): one ``Outcome`` per distinct URL, in order."""
    settings = settings or Settings()
    fetcher = Fetcher(settings)
    items, bad = _items(urls)
    results = dict(bad)
    results.update({o.url: o for o in _run(fetcher, items, _keyword_re(settings.keywords), None)})
    order = list(dict.fromkeys(u.strip() for u in urls if u.strip()))
    cleaned = {u: (clean_url(u) or u) for u in order}
    return [results[cleaned[u]] for u in order if cleaned[u] in results]


def _items(urls: Iterable[str]) -> tuple[list[_Item], dict[str, Outcome]]:
    items: dict[str, _Item] = {}
    bad: dict[str, Outcome] = {}
    for raw in urls:
        u = clean_url(raw)
        if u is None:
            bad[raw.strip()] = Outcome(raw.strip(), "failed", "not an http(s) URL")
        else:
            items.setdefault(u, _Item(u))
    return list(items.values()), bad


def _run(fetcher: Fetcher, items: Sequence[_Item], keywords: re.Pattern[str] | None,
         on_done: Callable[[Outcome], None] | None) -> list[Outcome]:
    """Fetch ``items``: each host's URLs in order in one thread, hosts in parallel."""
    by_host: dict[str, list[_Item]] = {}
    for it in items:
        by_host.setdefault(_host(it.url), []).append(it)
    done: list[Outcome] = []
    lock = threading.Lock()

    def host_job(host_items: list[_Item]) -> None:
        for it in host_items:
            o = fetch_article(fetcher, it, keywords)
            with lock:
                done.append(o)
                if on_done is not None:
                    on_done(o)

    workers = max(1, min(fetcher.s.workers, len(by_host)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for f in [pool.submit(host_job, v) for v in by_host.values()]:
            f.result()
    return done


# ---------------------------------------------------------------------------------------------------------- folder
class _State:
    """The corpus folder: articles.jsonl, and .collect/ with log.csv, feeds.json and raw/."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.dir = out / STATE_DIR
        (self.dir / "raw").mkdir(parents=True, exist_ok=True)
        self.log_path = self.dir / "log.csv"
        self.feeds_path = self.dir / "feeds.json"
        self.articles_path = out / ARTICLES_FILE

    def tried(self) -> dict[str, str]:
        """URL -> status of its latest row."""
        seen: dict[str, str] = {}
        if self.log_path.exists():
            with open(self.log_path, encoding="utf-8", newline="") as f:
                for row in csv.DictReader(f):
                    if row.get("url"):
                        seen[row["url"]] = row.get("status", "")
        return seen

    def ids(self) -> set[str]:
        ids: set[str] = set()
        if self.articles_path.exists():
            with open(self.articles_path, encoding="utf-8") as f:
                for line in f:
                    with contextlib.suppress(ValueError, AttributeError):
                        ids.add(json.loads(line).get("id", ""))
        return ids

    def feeds(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.feeds_path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def save_feeds(self, feeds: dict[str, dict[str, str]]) -> None:
        tmp = self.feeds_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(feeds, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, self.feeds_path)

    def log(self, o: Outcome) -> None:
        new = not self.log_path.exists()
        with open(self.log_path, "a", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            if new:
                w.writerow(LOG_FIELDS)
            w.writerow([dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), o.url, o.status, o.reason,
                        (o.record or {}).get("id", "")])

    def save(self, o: Outcome) -> None:
        assert o.record is not None
        with gzip.open(self.dir / "raw" / f"{o.record['id']}.html.gz", "wb") as g:
            g.write(o.raw)
        with open(self.articles_path, "a", encoding="utf-8") as f:
            f.write(json.dumps(o.record, ensure_ascii=False) + "\n")


def collect(out: str | Path, feeds: Sequence[str] = (), urls: Sequence[str] = (), settings: Settings | None = None,
            retry_failed: bool = False, progress: Callable[[Outcome], None] | None = None) -> Report:
    """Fetch what is new in ``feeds`` and ``urls`` into the corpus folder ``out`` (see the module docstring)."""
    settings = settings or Settings()
    start = time.monotonic()
    state = _State(Path(out))
    fetcher = Fetcher(settings)
    report = Report()
    tried = state.tried()
    feed_state = state.feeds()
    candidates: dict[str, _Item] = {}
    for feed in dict.fromkeys(feeds):
        url = clean_url(feed)
        if url is None:
            o = Outcome(feed, "failed", "feed: not an http(s) URL")
        else:
            found, reason = read_feed(fetcher, url, feed_state)
            if reason is None:
                for it in found:
                    candidates.setdefault(it.url, it)
                continue
            o = Outcome(url, "failed", f"feed: {reason}")
        report.add(o)
        state.log(o)
    items, bad = _items(urls)
    for o in bad.values():
        if o.url in tried and not retry_failed:
            report.known += 1
            continue
        report.add(o)
        state.log(o)
    for it in items:
        candidates.setdefault(it.url, it)
    todo = []
    for it in candidates.values():
        status = tried.get(it.url)
        if status is None or (retry_failed and status == "failed"):
            todo.append(it)
        else:
            report.known += 1
    ids = state.ids()

    def done(o: Outcome) -> None:
        if o.status == "saved" and o.record is not None and o.record["id"] in ids:
            o = replace(o, status="skipped", reason=f"already in the corpus as {o.record['id']} (same canonical URL)",
                        record=None)
        if o.status == "saved" and o.record is not None:
            ids.add(o.record["id"])
            state.save(o)
        state.log(o)
        report.add(o)
        if progress is not None:
            progress(o)

    _run(fetcher, todo, _keyword_re(settings.keywords), done)
    state.save_feeds(feed_state)
    report.requests = fetcher.requests
    report.seconds = time.monotonic() - start
    return report


# ---------------------------------------------------------------------------------------------------------- CLI
def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m dashboard.collect",
                                description="Collect articles from feeds and URL lists into a corpus folder.")
    p.add_argument("out", help="corpus folder (created if needed); articles.jsonl and .collect/ go there")
    p.add_argument("--feed", action="append", default=[], metavar="URL", help="an RSS or Atom feed (repeatable)")
    p.add_argument("--urls", metavar="FILE", help="a file of article URLs, one per line ('-' = standard input)")
    p.add_argument("--since", type=_date, metavar="DATE", help="skip items published before this day (YYYY-MM-DD)")
    p.add_argument("--keyword", action="append", default=[], metavar="WORD",
                   help="keep only articles containing this word (Arabic, normalised; repeatable: any of them)")
    d = Settings()
    p.add_argument("--delay", type=float, default=d.delay, help=f"seconds between requests to one host ({d.delay:g})")
    p.add_argument("--timeout", type=float, default=d.timeout, help=f"seconds to connect / per read ({d.timeout:g})")
    p.add_argument("--retries", type=int, default=d.retries, help=f"retries after transient errors ({d.retries})")
    p.add_argument("--backoff", type=float, default=d.backoff, help=f"first retry pause in seconds ({d.backoff:g})")
    p.add_argument("--max-bytes", type=int, default=d.max_bytes, help=f"largest page accepted ({d.max_bytes})")
    p.add_argument("--workers", type=int, default=d.workers, help=f"hosts fetched in parallel ({d.workers})")
    p.add_argument("--retry-failed", action="store_true", help="try again the URLs that failed in earlier runs")
    a = p.parse_args(argv)
    urls: list[str] = []
    if a.urls:
        try:
            text = sys.stdin.read() if a.urls == "-" else Path(a.urls).read_text(encoding="utf-8-sig")
        except OSError as e:
            p.error(f"cannot read {a.urls}: {e.strerror or e}")
        urls = read_url_list(text)
    if not a.feed and not urls:
        p.error("give at least one --feed or a --urls file with URLs")
    settings = Settings(delay=max(0.0, a.delay), timeout=max(0.1, a.timeout), retries=max(0, a.retries),
                        backoff=max(0.0, a.backoff), max_bytes=max(1024, a.max_bytes), since=a.since,
                        keywords=tuple(a.keyword), workers=max(1, a.workers))

    def show(o: Outcome) -> None:
        if o.status != "saved":
            print(f"{o.status:7} {o.url}  {o.reason}", file=sys.stderr)

    r = collect(a.out, a.feed, urls, settings, retry_failed=a.retry_failed, progress=show)
    rate = len(r.saved) / r.seconds if r.seconds else 0.0
    print(f"{len(r.saved)} saved, {len(r.skipped)} skipped, {len(r.failed)} failed, {r.known} already known; "
          f"{r.requests} requests in {r.seconds:.1f} s ({rate:.1f} articles/s). Log: "
          f"{Path(a.out) / STATE_DIR / 'log.csv'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
