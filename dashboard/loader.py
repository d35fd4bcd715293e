"""Load a folder of Arabic articles into a ``Corpus`` of pandas tables.

    python -m dashboard.loader SRC --out DIR      # CSV (UTF-8 with BOM) + Parquet of every table, and a summary

Parsing is cached by content and by the extractor's own code and data (see ``dashboard.cache``): an unchanged corpus
reloads without parsing, and after an edit only the articles whose text changed are parsed again. Many articles are
parsed on all cores; each article's rows are saved as soon as it is parsed, so a run that is stopped or killed goes
on where it stopped when run again.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import datetime as dt
import functools
import gc
import hashlib
import importlib.metadata
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .cache import ArticleStore, CorpusCache, Inputs, clean_stale, pid_alive
from .meetings import canonical_meetings, canonical_meetings_update, date_from_calendar, date_windows, link_reference
from .schema import TABLES, Corpus, conform, frame
from .sources import RawArticle, SourceError, finish_source, is_manifest, is_url, list_corpus, read_corpus
from .spreadsheet import csv_safe

__all__ = ["LoadStats", "load_corpus", "load_uploads", "main", "write_tables"]

PACKAGE_DIR = Path(__file__).resolve().parent
PARALLEL_MIN_ARTICLES = 200
CHUNK_MAX = 32  # articles per task sent to a worker: results are saved per task, so a kill loses at most this many
LIBRARIES = ("pyarabic", "babel", "charset-normalizer", "pandas", "pyarrow")  # their versions can change a result

ArticleResult = dict[str, list[dict[str, Any]]]
TABLES_FROM_TEXT = ("events", "participants", "amounts", "mentions", "spans", "systems")


@functools.cache
def _code_version() -> str:
    """A hash of the extraction code and data: a change to either invalidates the cache. Computed once per process:
    the code that runs is the code that was imported."""
    h = hashlib.sha1()
    for base in (PACKAGE_DIR / "extract", PACKAGE_DIR / "data"):
        for p in sorted(base.rglob("*")):
            if p.is_file() and p.suffix in (".py", ".csv"):
                h.update(p.name.encode())
                h.update(p.read_bytes())
    for name in ("sources.py", "pages.py", "meetings.py", "schema.py"):
        h.update((PACKAGE_DIR / name).read_bytes())
    h.update(_library_versions().encode())
    return h.hexdigest()[:16]


def _library_versions() -> str:
    out = []
    for lib in LIBRARIES:
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            out.append(f"{lib}={importlib.metadata.version(lib)}")
    return ";".join(out)


@functools.cache
def _corpus_version(version: str) -> str:
    """The code version plus the code that builds the tables across articles (this file) and the cache format."""
    h = hashlib.sha1(version.encode())
    for name in ("loader.py", "cache.py"):
        h.update((PACKAGE_DIR / name).read_bytes())
    return h.hexdigest()[:16]


@dataclass
class LoadStats:
    """What a load did (filled in by ``load_corpus`` as it goes)."""

    articles: int = 0  # articles read from the files
    parsed: int = 0  # articles parsed by this run (the others came from the cache)
    # 'reused' (the tables came from the cache), 'updated' (the changed files applied to them), 'rebuilt', or 'off'
    corpus_cache: str = "off"
    files_hashed: int = 0  # input files read to check their contents (the rest were proven unchanged by stat)
    # progress, for a watcher in another thread (the app's progress bar): what the load is doing now
    phase: str = "checking"  # 'checking' the cache, 'reading' files, 'parsing' articles, 'building' tables, 'done'
    files_read: int = 0
    files_total: int = 0
    to_parse: int = 0  # articles this run parses (the others come from the cache)
    parse_started: float = 0.0  # time.monotonic() when parsing began

    def _files(self, done: int, total: int) -> None:
        self.files_read, self.files_total = done, total

    def seconds_left(self, now: float | None = None) -> float | None:
        """The parse's remaining time at its rate so far (None before a rate is known)."""
        if self.phase != "parsing" or self.parsed < 1 or not self.parse_started:
            return None
        rate = self.parsed / max(1e-6, (time.monotonic() if now is None else now) - self.parse_started)
        return max(0.0, (self.to_parse - self.parsed) / rate)


def warm_in_background() -> threading.Thread:
    """Build the extractor's tables and patterns in a daemon thread (``extract.article.warm``), so that the first
    article parsed in this process (an edit noticed by the app after a load from the cache) does not wait for them.
    A failure here is left for that first parse to meet and report."""
    def run() -> None:
        with contextlib.suppress(Exception):
            from .extract.article import warm

            warm()

    thread = threading.Thread(target=run, name="extractor-warm-up", daemon=True)
    thread.start()
    return thread


def _article_row(a: RawArticle) -> dict[str, Any]:
    row = asdict(a)
    row["n_chars"] = len(a.text)
    row["published"] = a.published.isoformat() if a.published else None
    return row


def _extract_job(job: tuple[str, str, dt.date | None]) -> ArticleResult:
    from .extract.article import extract_article  # imported on first use: tables from the cache never need it

    article_id, text, published = job
    try:
        rows = extract_article(article_id, text, published)
    except Exception as exc:  # a bug must not lose the corpus: report the article and go on
        return {"error": [{"message": f"extraction failed: {type(exc).__name__}: {exc}"}]}
    return {t: getattr(rows, t) for t in TABLES_FROM_TEXT}


def _article_key(version: str, a: RawArticle) -> str:
    h = hashlib.sha1(version.encode())
    for part in (a.article_id, str(a.published), a.text):
        h.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def default_cache_dir() -> Path:
    env = os.environ.get("RAMSTEIN_CACHE")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "ramstein-dashboard"


def _extract_chunk(jobs: Sequence[tuple[str, str, dt.date | None]]) -> list[ArticleResult]:
    return [_extract_job(j) for j in jobs]


PR_SET_PDEATHSIG = 1


def _worker_init(parent: int) -> None:
    """In each worker: die with the parent. Linux kills the worker when its parent dies (PR_SET_PDEATHSIG); a
    watchdog thread also exits when the parent is gone (any OS, and a parent that died before this ran). Ctrl-C is
    left to the parent, which stops the workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL))
    first = os.getppid()

    def watch() -> None:
        while True:
            if os.getppid() != first or not pid_alive(parent):
                os._exit(1)
            time.sleep(0.5)

    watch_thread = threading.Thread(target=watch, name="parent-watchdog", daemon=True)
    watch_thread.start()


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and kill the workers now (an interrupted load must not leave them running)."""
    procs = list(getattr(pool, "_processes", {}).values())
    results = getattr(pool, "_result_queue", None)  # shutdown() drops the pool's reference to it
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        with contextlib.suppress(Exception):
            p.kill()
    for p in procs:
        with contextlib.suppress(Exception):
            p.join(5)
    # A worker killed while writing a result leaves half a message in the result pipe, and the pool's manager thread
    # would wait for the rest forever (interpreter exit waits for that thread). With the parent's copy of the write
    # end closed too, it reads end-of-file instead, marks the pool broken and ends.
    writer = getattr(results, "_writer", None)
    if writer is not None:
        with contextlib.suppress(Exception):
            writer.close()


def _pool_context() -> multiprocessing.context.BaseContext:
    """How the pool starts its workers: forked, when this process runs one thread (the command line); else from a
    fork server. Forking a process whose other threads hold a lock (the app's server, a page using babel while the
    corpus loads) gives a worker that waits on that lock forever: seen as a load that never ended."""
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["dashboard.loader"])
    return ctx


def _run(jobs: Sequence[tuple[str, str, dt.date | None]], workers: int | None,
         done: Callable[[int, ArticleResult], None], scheduler: str | None = None) -> None:
    """Parse every job, calling ``done(index, result)`` as each result arrives (in any order): here (in order, or in
    a pool of ``workers`` processes for 200 articles or more), on the Dask cluster at ``scheduler``, or with
    ``scheduler="local"`` on a Dask cluster started on this machine for this load (``dashboard.cluster``)."""
    n = workers if workers is not None else (os.cpu_count() or 1)
    if scheduler and jobs:
        from .cluster import local_cluster, run_on_dask

        if scheduler == "local":
            with local_cluster(n) as address:
                run_on_dask(jobs, address, done)
        else:
            run_on_dask(jobs, scheduler, done)
        return
    if n <= 1 or len(jobs) < PARALLEL_MIN_ARTICLES:
        for i, job in enumerate(jobs):
            done(i, _extract_job(job))
        return
    size = max(1, min(CHUNK_MAX, len(jobs) // (n * 8)))
    pool = ProcessPoolExecutor(max_workers=n, mp_context=_pool_context(), initializer=_worker_init,
                               initargs=(os.getpid(),))
    try:
        futures: dict[Future[list[ArticleResult]], int] = {
            pool.submit(_extract_chunk, jobs[i:i + size]): i for i in range(0, len(jobs), size)}
        for fut in as_completed(futures):
            for k, res in enumerate(fut.result()):
                done(futures[fut] + k, res)
    except BaseException:
        _stop_pool(pool)
        raise
    pool.shutdown()


def load_corpus(path: str | Path, *, cache: bool = True, cache_dir: str | Path | None = None,
                workers: int | None = None, stats: LoadStats | None = None, scheduler: str | None = None,
                read_on_workers: bool = False) -> Corpus:
    """Every article under ``path`` (recursively) as tables; unreadable files become rows of ``errors``. A folder of
    tables written before as Parquet (``is_table_folder``) is read back as it is (``read_tables``).

    Two caches (``dashboard.cache``): the finished tables, reused when every input file (articles and manifests) is
    unchanged and the code is the same; and each article's rows, reused when its id, date and text and the extraction
    code are the same. After an update (a few files changed) the tables are written to the cache in the background:
    ``wait_for_saves()`` before removing or copying the cache folder. ``stats`` (optional) is filled in with what this
    load did. ``scheduler`` (a Dask scheduler's address, ``tcp://HOST:8786``) parses on that cluster instead of local
    processes, ``"local"`` on a Dask cluster started on this machine for this load (``dashboard.cluster``).

    A corpus given as a URL (``s3://bucket/corpus/``, ``file:///shared/corpus``; any file system fsspec knows), or
    any corpus with ``read_on_workers``, is read by the cluster's workers themselves (a local cluster when no
    ``scheduler`` is given): this machine lists the files and reads the manifests, each worker reads and parses its
    files and extracts their articles, and only the rows come back. Nothing is cached then: each such load reads and
    parses every file.
    """
    stats = stats if stats is not None else LoadStats()
    if is_url(path) or read_on_workers:
        return _load_on_workers(str(path), scheduler or "local", workers, stats)
    root = Path(path)
    if is_table_folder(root):  # tables extracted before (elsewhere): read, not parsed
        stats.phase = "reading"
        extracted = read_tables(root)
        stats.articles, stats.phase = len(extracted.articles), "done"
        return extracted
    version = _code_version()
    if not cache or not (root.is_dir() or root.is_file()):
        stats.phase = "reading"
        articles, errors = read_corpus(root, stats._files)
        stats.articles = len(articles)
        built = _build(articles, errors, version, {}, workers, stats, scheduler=scheduler)
        stats.phase = "done"
        return built
    cdir = Path(cache_dir) if cache_dir else default_cache_dir()
    tag = hashlib.sha1(str(root.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    tables = CorpusCache(cdir, tag)
    _wait_for_save(tables.dir)  # an update's tables still being written (below): read them, not the set before
    meta = {"version": _corpus_version(version), "root": str(root.resolve())}
    t0, current = Inputs.stats(root)
    digest = Inputs.digest(current)
    saved = tables.meta()
    previous: Inputs | None = None
    if saved is not None and all(saved.get(k) == v for k, v in meta.items()):
        if saved.get("stat_digest") == digest and saved.get("all_trusted") is True:
            corpus = tables.tables(saved)
            if corpus is not None:
                stats.corpus_cache, stats.articles, stats.phase = "reused", len(corpus.articles), "done"
                return corpus
        previous = tables.inputs(saved)
    inputs = Inputs.take(t0, current, previous)
    stats.files_hashed = inputs.hashed
    if previous is not None and inputs.contents() == previous.contents():
        corpus = tables.tables(saved or {})
        if corpus is not None:
            with contextlib.suppress(OSError):
                tables.clean()
                tables.touch({**(saved or {}), "stat_digest": digest, "all_trusted": inputs.all_trusted()}, inputs)
            stats.corpus_cache, stats.articles, stats.phase = "reused", len(corpus.articles), "done"
            return corpus
    with contextlib.suppress(OSError):
        tables.clean()  # temporary files of killed runs (a run killed while saving is followed by a rebuild)
    old = tables.tables(saved) if previous is not None and saved is not None else None
    with _gc_paused():
        updated = (_update(root, old, previous, inputs, version, workers, stats, ArticleStore(cdir, tag), scheduler)
                   if old is not None and previous is not None else None)
    if updated is not None:
        # the tables are returned now and written to the cache in the background (a few tenths of a second at
        # 10,000 articles); the next load of this corpus in this process waits for that, and so does its exit
        _save_later(tables, updated, {**meta, "stat_digest": digest, "all_trusted": inputs.all_trusted()}, inputs)
        stats.corpus_cache, stats.articles, stats.phase = "updated", len(updated.articles), "done"
        return updated
    stats.phase = "reading"
    articles, errors = read_corpus(root, stats._files)
    stats.articles, stats.corpus_cache = len(articles), "rebuilt"
    store = ArticleStore(cdir, tag)
    store.load()
    try:
        try:
            corpus = _build(articles, errors, version, store.results, workers, stats, save=store.add,
                            scheduler=scheduler)
        except (KeyError, TypeError, ValueError):
            if not store.results:
                raise
            store.results.clear()  # rows from the cache that do not fit the tables (damaged): parse everything
            corpus = _build(articles, errors, version, store.results, workers, stats, save=store.add,
                            scheduler=scheduler)
    finally:
        store.close()
    store.finish({_article_key(version, a) for a in articles})
    with contextlib.suppress(OSError):
        tables.save(corpus, {**meta, "stat_digest": digest, "all_trusted": inputs.all_trusted()}, inputs)
    stats.phase = "done"
    return corpus


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off for a short burst of table work (an update): it would otherwise run about 150
    times, each time walking every object the process holds (0.06-0.08 s of an update at 10,000 articles). What it
    would have collected is collected once it is back on."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


_SAVING: dict[Path, threading.Thread] = {}
_SAVING_LOCK = threading.Lock()


def _save_later(cache: CorpusCache, corpus: Corpus, meta: dict[str, Any], inputs: Inputs) -> None:
    """``cache.save`` in a thread of its own (not a daemon: the interpreter waits for it before it exits)."""
    def run() -> None:
        with contextlib.suppress(Exception):  # a table not saved costs the next load time, nothing else
            cache.save(corpus, meta, inputs)

    thread = threading.Thread(target=run, name="ramstein-cache-save", daemon=False)
    with _SAVING_LOCK:
        _SAVING[cache.dir] = thread
    thread.start()


def wait_for_saves() -> None:
    """Wait until every table set being written to a cache in the background (after an update) is written."""
    with _SAVING_LOCK:
        folders = list(_SAVING)
    for folder in folders:
        _wait_for_save(folder)


def _wait_for_save(folder: Path) -> None:
    with _SAVING_LOCK:
        thread = _SAVING.get(folder)
    if thread is not None:
        thread.join()
        with _SAVING_LOCK:
            if _SAVING.get(folder) is thread:
                del _SAVING[folder]


UPDATE_MAX_SHARE = 0.1  # more changed files than this share of the corpus (and more than 20): rebuild instead
_DUPLICATE_IDS = "is already used by|same id"  # error rows of ``sources._dedupe``: ids that depend on other files


def _update(root: Path, old: Corpus, previous: Inputs, inputs: Inputs, version: str, workers: int | None,
            stats: LoadStats, store: ArticleStore, scheduler: str | None = None) -> Corpus | None:
    """``old`` (the saved tables) with the article files added, changed or removed since ``previous`` applied.

    Only those files are read and parsed (their rows also go to ``store``, as in a full load); the other rows are
    kept, every table is put back in the order a full load gives, and what spans articles (date windows, reference
    links, canonical meetings) is recomputed. None when a full load is needed instead: a manifest changed, a file was
    added to or removed from a folder with a manifest, too many files changed, or article ids depend on other files
    (duplicate ids, which a full load numbers in file order)."""
    before, now = previous.contents(), inputs.contents()
    changed = {rel for rel, v in now.items() if before.get(rel) != v}
    touched = changed | (set(before) - set(now))
    if not touched or any(is_manifest(r) for r in touched):
        return None
    added_or_removed = touched - (set(before) & set(now))

    def parent(rel: str) -> str:  # str(PurePosixPath(rel).parent), without a path object per file
        return rel.rsplit("/", 1)[0] if "/" in rel else "."

    listed = {parent(r) for r in now if is_manifest(r)}
    if any(parent(r) in listed for r in added_or_removed):
        return None  # the manifest's "lists a file that does not exist" rows depend on which files exist
    if len(touched) > max(20, UPDATE_MAX_SHARE * len(now)):
        return None
    if old.errors["error"].astype("string").fillna("").str.contains(_DUPLICATE_IDS, regex=True).any():
        return None
    stats.phase = "reading"
    articles, errors = read_corpus(root, stats._files, only=changed)
    errors = [e for e in errors if e.file in changed]  # folder and manifest rows are kept from before
    gone = old.articles["file"].astype("string").isin(touched).fillna(False).to_numpy(dtype=bool)
    gone_ids = set(old.articles.loc[gone, "article_id"].astype(str))
    kept = old.articles.loc[~gone, "article_id"].astype("string")
    if articles and kept.isin([a.article_id for a in articles]).any():
        return None
    stats.articles = len(old.articles) - int(gone.sum()) + len(articles)
    clean_stale(store.dir)  # temporary files of killed runs, as a full load removes them
    try:
        new = _build(articles, errors, version, {}, workers, stats, save=store.add, enrich=False,  # saved for later
                     scheduler=scheduler)
    finally:
        store.close()
    stats.phase = "building"
    arts = conform("articles", pd.concat([old.articles[~gone], new.articles], ignore_index=True))
    keys = pd.DataFrame({"file": arts["file"], "_r": arts["record"].fillna(-1)})
    order = keys.sort_values(["file", "_r"], kind="stable").index  # (the two keys only: no copy of every column)
    tables: dict[str, pd.DataFrame] = {"articles": arts.loc[order].reset_index(drop=True)}
    ordered = _arrow_text(arts.loc[order, "article_id"])
    for name in TABLES:
        if name in ("meetings", "articles"):
            continue
        df = getattr(old, name)
        if name == "errors":
            df = df[~df["file"].astype("string").isin(touched).fillna(False)]
            tables[name] = conform(name, pd.concat([df, new.errors], ignore_index=True))
            continue
        spliced = _splice(name, df, getattr(new, name), ordered, gone_ids)
        if spliced is not None:
            tables[name] = spliced
            continue
        df = df[~df["article_id"].astype("string").isin(gone_ids).fillna(False)]
        df = conform(name, pd.concat([df, getattr(new, name)], ignore_index=True))
        if len(df):
            # each row's article's place in that order (matched in Arrow: no Python string per row); unknown: last
            place = pc.index_in(_arrow_text(df["article_id"]), value_set=ordered).fill_null(len(order))
            df = df.iloc[place.to_numpy(zero_copy_only=False).argsort(kind="stable")].reset_index(drop=True)
        tables[name] = df
    return _enrich(Corpus(meetings=frame("meetings"), **tables), previous=old,
                   touched=gone_ids | {a.article_id for a in articles})


def _arrow_text(s: pd.Series) -> pa.Array:
    return pa.array(s.astype("string").array, type=pa.large_string())


def _build(articles: Sequence[RawArticle], errors: Sequence[SourceError], version: str,
           store: dict[str, ArticleResult], workers: int | None, stats: LoadStats | None = None,
           save: Callable[[str, ArticleResult], None] | None = None, enrich: bool = True,
           scheduler: str | None = None) -> Corpus:
    keys = [_article_key(version, a) for a in articles]
    todo = list({k: a for k, a in zip(keys, articles, strict=True) if k not in store}.items())

    def done(i: int, res: ArticleResult) -> None:
        store[todo[i][0]] = res
        if save is not None:
            save(todo[i][0], res)
        if stats is not None:
            stats.parsed += 1

    if stats is not None:
        stats.to_parse, stats.parse_started, stats.phase = len(todo), time.monotonic(), "parsing"
    _run([(a.article_id, a.text, a.published) for _, a in todo], workers, done, scheduler)
    if stats is not None:
        stats.phase = "building"
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    tables["errors"] = [asdict(e) for e in errors]
    for k, a in zip(keys, articles, strict=True):
        res = store[k]
        if "error" in res:
            tables["errors"].append({"file": a.file, "record": a.record, "error": res["error"][0]["message"]})
            continue
        tables["articles"].append(_article_row(a))
        for t in TABLES_FROM_TEXT:
            tables[t].extend(res[t])
    corpus = Corpus(**{t: frame(t, rows) for t, rows in tables.items()})
    return _enrich(corpus) if enrich else corpus


def _splice(name: str, old: pd.DataFrame, new: pd.DataFrame, ordered: pa.Array, replaced: Collection[str]
            ) -> pd.DataFrame | None:
    """Table ``name`` after an update, made of slices of the ``old`` one: the rows of the articles ``replaced`` make
    way for ``new``'s rows of each article, at the place a full load puts them (articles in the order ``ordered``,
    each article's rows as extracted). Nothing is copied row by row, unlike sorting the whole table. None when the
    old or new rows are not in that order already, or a row's article is not in it (a removed article): the caller
    sorts then."""
    def places(df: pd.DataFrame) -> np.ndarray | None:
        got = pc.index_in(_arrow_text(df["article_id"]), value_set=ordered)
        at = got.to_numpy(zero_copy_only=False) if not got.null_count else None
        return at if at is not None and not (np.diff(at) < 0).any() else None

    p_old, p_new = places(old), places(new)
    gone = pc.index_in(pa.array(list(replaced), type=pa.large_string()), value_set=ordered)
    if p_old is None or p_new is None or gone.null_count:
        return None
    pieces: list[pd.DataFrame] = []
    prev = 0
    for p in sorted(set(gone.to_numpy(zero_copy_only=False).tolist()) | set(p_new.tolist())):
        start, end = np.searchsorted(p_old, p, "left"), np.searchsorted(p_old, p, "right")
        first, last = np.searchsorted(p_new, p, "left"), np.searchsorted(p_new, p, "right")
        pieces += [old.iloc[prev:start], new.iloc[first:last]]
        prev = end
    pieces.append(old.iloc[prev:])
    return conform(name, pd.concat(pieces, ignore_index=True))


def _load_on_workers(root: str, scheduler: str, workers: int | None, stats: LoadStats) -> Corpus:
    """``load_corpus`` with the files read on the cluster's workers (see there). Ids are made unique here, in the
    order of the files, as a local read makes them; an article renamed for that (``id~2``) is extracted again here
    under its new id."""
    from .cluster import local_cluster, read_and_extract, run_on_dask

    stats.phase = "reading"
    listing = list_corpus(root)
    files = [(n, listing.rows.get(n)) for n in listing.names]
    got: list[Any] = [None] * len(files)

    def done(i: int, res: Any) -> None:
        got[i] = res
        stats.parsed += sum(r is not None for r in res[1])
        stats._files(sum(g is not None for g in got), len(files))

    stats.phase, stats.parse_started = "parsing", time.monotonic()
    task = functools.partial(read_and_extract, listing.root)
    if files and scheduler == "local":
        with local_cluster(workers or os.cpu_count() or 1) as address:
            run_on_dask(files, address, done, task=task)
    elif files:
        run_on_dask(files, scheduler, done, task=task)
    version = _code_version()
    articles: list[RawArticle] = []
    errors: list[SourceError] = list(listing.errors)
    store: dict[str, ArticleResult] = {}
    seen: dict[str, tuple[RawArticle, str]] = {}
    for parsed, results in got:
        if isinstance(parsed, SourceError):
            errors.append(parsed)
            continue
        extracted = {id(it): res for it, res in zip(parsed.items, results, strict=True) if res is not None}
        arts, errs = finish_source(parsed, seen)
        for a in arts:
            if id(a) in extracted:  # the article as the worker extracted it (a renamed one is a new object)
                store[_article_key(version, a)] = extracted[id(a)]
        articles.extend(arts)
        errors.extend(errs)
    stats.articles = len(articles)
    built = _build(articles, errors, version, store, 1, stats)
    stats.phase = "done"
    return built


def load_uploads(files: Iterable[tuple[str, bytes]]) -> Corpus:
    """Articles given as (file name, bytes), e.g. browser uploads; a manifest.csv among them is applied."""
    with tempfile.TemporaryDirectory(prefix="ramstein-upload-") as tmp:
        root = Path(tmp)
        for name, data in files:
            safe = Path(name).name or "upload"
            (root / safe).write_bytes(data)
        articles, errors = read_corpus(root)
        return _build(articles, errors, _code_version(), {}, workers=1)


def combine(base: Corpus, extra: Corpus) -> Corpus:
    """``base`` plus the articles of ``extra`` (e.g. browser uploads), with meetings rebuilt across both. An article
    of ``extra`` whose id is already in ``base`` is reported in ``errors`` and not added."""
    dup = set(extra.articles["article_id"].dropna()) & set(base.articles["article_id"].dropna())
    errors = extra.errors
    if dup:
        again = extra.articles[extra.articles["article_id"].isin(dup)]
        errors = pd.concat([errors, frame("errors", [
            {"file": f, "record": r, "error": "article id already in the corpus; this copy was not added"}
            for f, r in zip(again["file"], again["record"], strict=True)])], ignore_index=True)
    tables: dict[str, pd.DataFrame] = {}
    for name, df in extra.tables().items():
        if name == "meetings":
            continue
        if name == "errors":
            df = errors
        elif dup and "article_id" in df:
            df = df[~df["article_id"].isin(dup)]
        both = pd.concat([getattr(base, name), df], ignore_index=True) if len(df) else getattr(base, name)
        tables[name] = conform(name, both)
    return _enrich(Corpus(meetings=frame("meetings"), **tables))


def _enrich(corpus: Corpus, previous: Corpus | None = None, touched: Collection[str] = ()) -> Corpus:
    """Across articles: date windows for undated articles (and the relative dates they place), links to the
    reference calendar, and canonical meetings (with ``previous``, the tables before an update that changed the
    articles ``touched``: only the meeting types whose events changed are clustered again)."""
    arts, events = date_windows(corpus.articles, corpus.spans, corpus.events)
    dated = arts[arts["published"].notna()]
    published = dict(zip(dated["article_id"].astype(str), dated["published"].dt.date, strict=True))
    if previous is None:
        events = link_reference(date_from_calendar(events, published))
    else:
        # both steps work event by event (with the article's own date) and change nothing on a row they already
        # made: the rows kept from before are as a second pass would leave them, so only the touched articles'
        # events go through them (canonical_meetings_update still checks every row of the other articles)
        redo = events["article_id"].astype("string").isin(list(touched)).to_numpy(dtype=bool)
        if redo.any():
            linked = link_reference(date_from_calendar(events[redo], published))
            spliced = _splice("events", events, linked, _arrow_text(arts["article_id"]), touched)
            events = spliced if spliced is not None else conform(
                "events", pd.concat([events[~redo], linked]).loc[events.index])
    if previous is None:
        events, meetings = canonical_meetings(events, corpus.participants, arts)
    else:
        events, meetings = canonical_meetings_update(events, corpus.participants, arts,
                                                     (previous.events, previous.meetings), touched)
    return Corpus(articles=arts, events=events, participants=corpus.participants, amounts=corpus.amounts,
                  mentions=corpus.mentions, spans=corpus.spans, errors=corpus.errors, meetings=meetings,
                  systems=corpus.systems)


PART_COLUMN = "year"  # the partition of the Parquet tables: the year of the article (of the meeting, for meetings)
PART_ROWS = 1_000_000  # rows per Parquet file at most (a year with more is split into several files)
ROW_COLUMN = "_row"  # each row's place in the table as loaded: read_tables puts the parts back in that order


def _table_path(root: Path, name: str) -> Path | None:
    """Where ``write_tables`` put table ``name`` as Parquet: a folder of parts, or one file (written before tables were
    partitioned); None when neither is there."""
    folder, single = root / name, root / f"{name}.parquet"
    if folder.is_dir() and any(folder.rglob("*.parquet")):
        return folder
    return single if single.is_file() else None


def _partitioning() -> Any:
    """The year partitions, typed (a folder whose only part is the undated one gives nothing to infer a type from)."""
    import pyarrow.dataset as pads

    return pads.partitioning(pa.schema([(PART_COLUMN, pa.int32())]), flavor="hive")


def is_table_folder(root: Path) -> bool:
    """A folder of tables written by ``write_tables`` as Parquet (it has the ``articles`` and ``events`` tables),
    rather than a folder of articles."""
    return root.is_dir() and all(_table_path(root, t) is not None for t in ("articles", "events"))


def read_tables(root: str | Path, years: Collection[int] | None = None) -> Corpus:
    """The tables that ``python -m dashboard.loader SRC --out DIR --format parquet`` wrote to DIR, read back as they
    are (nothing is parsed): a corpus extracted on another machine opens here. ``years`` reads only the parts of
    those years (articles published then, what was found in them, meetings held then); rows without a year are read
    only when ``years`` is None. A missing table is an empty table; one that cannot be read is a row of ``errors``;
    other files in the folder are not read."""
    root = Path(root)
    tables: dict[str, pd.DataFrame] = {}
    problems: list[dict[str, Any]] = []
    for name in TABLES:
        path = _table_path(root, name)
        tables[name] = frame(name)
        if path is None:
            continue
        try:
            if path.is_dir():
                where = [(PART_COLUMN, "in", sorted(years))] if years is not None else None
                df = pd.read_parquet(path, filters=where, partitioning=_partitioning())
                if ROW_COLUMN in df:  # the order of the rows as loaded (the parts come back grouped by year)
                    df = df.sort_values(ROW_COLUMN, kind="stable").reset_index(drop=True)
                df = df.drop(columns=[PART_COLUMN, ROW_COLUMN], errors="ignore")
            else:
                df = pd.read_parquet(path)
            tables[name] = conform(name, df)
        except Exception as e:  # a damaged or foreign file: say so, keep the other tables
            problems.append({"file": path.relative_to(root).as_posix(), "record": None,
                             "error": f"cannot read this table: {type(e).__name__}: {e}"})
    if problems:
        tables["errors"] = pd.concat([tables["errors"], frame("errors", problems)], ignore_index=True)
    return Corpus(**tables)


def _years(corpus: Corpus) -> dict[str, pd.Series]:
    """The partition year of each row of each table: the article's publication year (else the start of its date
    window), the meeting's year; errors have none."""
    art = corpus.articles
    day = art["published"].fillna(art["date_window_start"]) if "date_window_start" in art else art["published"]
    ids = pd.Index(art["article_id"].astype("string").fillna(""))
    first = ~ids.duplicated()
    ids, year = ids[first], pd.array(day.dt.year.astype("Int64").to_numpy()[first], dtype="Int64")
    out: dict[str, pd.Series] = {}
    for name, df in corpus.tables().items():
        if name == "articles":
            out[name] = day.dt.year.astype("Int64")
        elif name == "meetings":
            out[name] = df["date_start"].fillna(df["date_min"]).dt.year.astype("Int64")
        elif "article_id" in df and name != "errors":
            at = ids.get_indexer(pd.Index(df["article_id"].astype("string").fillna("")))  # -1: no such article
            out[name] = pd.Series(year.take(at, allow_fill=True), index=df.index)
    return out


def write_tables(corpus: Corpus, out: str | Path, formats: Sequence[str] = ("csv", "parquet")) -> list[Path]:
    """Write every table as CSV (UTF-8 with BOM, so Excel opens Arabic; text that a spreadsheet would run as a formula
    gets a leading single quote, see ``dashboard.spreadsheet``) and as Parquet (values exactly as loaded), one folder
    per table partitioned by year (``events/year=2024/part-0.parquet``; rows without a year under
    ``year=__HIVE_DEFAULT_PARTITION__``), so a large corpus can be read back a part at a time:
    ``read_tables(out, years=[2024])`` or ``pd.read_parquet(out / "events", filters=[("year", "=", 2024)])``.
    Each part keeps its rows in order and numbers them (``_row``, the row's place in the whole table)."""
    import pyarrow.dataset as pads
    import pyarrow.parquet as pq

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    years = _years(corpus) if "parquet" in formats else {}
    for name, df in corpus.tables().items():
        if "csv" in formats:
            p = out / f"{name}.csv"
            csv_safe(_csv_frame(name, df)).to_csv(p, index=False, encoding="utf-8-sig")
            written.append(p)
        if "parquet" in formats:
            folder = out / name
            if folder.exists():
                shutil.rmtree(folder)  # parts of an earlier run must not mix with these
            (out / f"{name}.parquet").unlink(missing_ok=True)  # nor a single file written before partitions
            table = pa.Table.from_pandas(df, preserve_index=False)
            table = table.append_column(ROW_COLUMN, pa.array(range(len(df)), type=pa.int64()))
            part = None
            if name in years:
                part = [PART_COLUMN]
                table = table.append_column(PART_COLUMN, pa.array(years[name], type=pa.int32(), from_pandas=True))
            if table.num_rows == 0:  # no part to write: one empty file keeps the table's columns and types
                folder.mkdir()
                pq.write_table(table, folder / "part-0.parquet")
                written.append(folder)
                continue
            pads.write_dataset(table, folder, format="parquet", partitioning=part, partitioning_flavor="hive",
                               basename_template="part-{i}.parquet", max_rows_per_file=PART_ROWS,
                               max_rows_per_group=min(PART_ROWS, 128 * 1024), existing_data_behavior="error")
            written.append(folder)
    return written


def _csv_frame(name: str, df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    for col, dtype in TABLES[name].items():
        if dtype == "date":
            df[col] = df[col].dt.strftime("%Y-%m-%d")
    return df


class _Terminated(Exception):
    """SIGTERM in the command line: stop the workers, keep what was saved, exit."""


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


def _check_args(src: str, out: str, workers: int | None) -> str | None:
    """Why the arguments cannot work (checked before anything is parsed), or None."""
    if not src.strip():
        return "the source folder is an empty string"
    source = Path(src)
    if not is_url(src):  # a URL is listed, and its problems reported, by the load
        if not source.exists():
            return f"source folder not found: {src}"
        if not (source.is_dir() or source.is_file()):
            return f"the source is not a folder or a file: {src}"
        if source.is_dir() and not os.access(source, os.R_OK | os.X_OK):
            return f"cannot read the source folder: {src}"
    if not out.strip():
        return "--out is an empty string"
    target = Path(out)
    if target.exists() and not target.is_dir():
        return f"--out {out} is a file, not a folder"
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        return f"cannot create the output folder {out}: {e.strerror or e}"
    try:
        with tempfile.TemporaryFile(dir=target):
            pass
    except OSError as e:
        return f"cannot write to the output folder {out}: {e.strerror or e}"
    if workers is not None and workers < 1:
        return f"--workers must be at least 1 (got {workers})"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dashboard.loader", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("src", help="folder of articles (.txt with manifest.csv, .json, .jsonl, .csv), or its URL")
    ap.add_argument("--out", required=True, help="folder for the CSV and Parquet tables")
    ap.add_argument("--format", choices=("both", "csv", "parquet"), default="both",
                    help="write CSV, Parquet or both (default); a Parquet folder opens in the app as a corpus")
    ap.add_argument("--no-cache", action="store_true", help="parse every file again")
    ap.add_argument("--workers", type=int, default=None, help="processes for parsing (default: all cores)")
    ap.add_argument("--scheduler", default=os.environ.get("RAMSTEIN_SCHEDULER") or None,
                    help="parse on the Dask cluster with this scheduler (tcp://HOST:8786), or 'local' for a Dask "
                         "cluster started on this machine for this run (default: RAMSTEIN_SCHEDULER, else a pool "
                         "of local processes)")
    ap.add_argument("--read-on-workers", action="store_true",
                    help="the Dask workers read the files themselves (a folder they all reach, e.g. a shared file "
                         "system); always so for a URL source (s3://..., file://...); nothing is cached")
    args = ap.parse_args(argv)
    problem = _check_args(args.src, args.out, args.workers)
    if problem:
        print(f"{ap.prog}: error: {problem}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    stats = LoadStats()
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if threading.current_thread() is threading.main_thread() \
        else None
    try:
        corpus = load_corpus(args.src, cache=not args.no_cache, workers=args.workers, stats=stats,
                             scheduler=args.scheduler, read_on_workers=args.read_on_workers)
    except (_Terminated, KeyboardInterrupt):
        saved = "" if args.no_cache else " and saved in the cache; run again to go on"
        print(f"{ap.prog}: stopped: {stats.parsed} of {stats.articles} articles parsed{saved}", file=sys.stderr)
        return 130 if sys.exc_info()[0] is KeyboardInterrupt else 143
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    try:
        write_tables(corpus, args.out, ("csv", "parquet") if args.format == "both" else (args.format,))
    except OSError as e:
        print(f"{ap.prog}: error: cannot write the tables to {args.out}: {e.strerror or e}", file=sys.stderr)
        return 1
    dt = time.perf_counter() - t0
    files = corpus.articles["file"].nunique() if len(corpus.articles) else 0
    print(f"files: {files} read, {corpus.errors['file'].nunique()} with errors")
    print(f"articles: {len(corpus.articles)}  events: {len(corpus.events)}  meetings: {len(corpus.meetings)}  "
          f"amounts: {len(corpus.amounts)}  errors: {len(corpus.errors)}")
    reused = "tables reused from the cache" if stats.corpus_cache == "reused" else \
        f"{stats.articles - stats.parsed} from the cache" if stats.corpus_cache in ("rebuilt", "updated") else \
        "cache off"
    print(f"parsed: {stats.parsed} articles ({reused})")
    print(f"wrote {args.out} in {dt:.2f} s")
    return 0


def _exit(code: int) -> None:
    """Leave the command without the interpreter's teardown, once the cache's tables and the output are written.
    Arrow's thread pools can abort that teardown (std::terminate on a thread still joinable, apache/arrow#34314):
    seen here twice in about a hundred runs as "terminate called without an active exception" and exit code 134
    after a complete run."""
    wait_for_saves()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    _exit(main())
