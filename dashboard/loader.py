"""Load a folder of Arabic articles into a ``Corpus`` of pandas tables.

    python -m dashboard.loader SRC --out DIR      # CSV (UTF-8 with BOM) + Parquet of every table, and a summary

Parsing is cached by content and by the extractor's own code and data: an unchanged corpus reloads without reading
its files again, and after an edit only the articles whose text changed are parsed again. Many articles are parsed on
all cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd

from .extract.article import extract_article
from .meetings import canonical_meetings, infer_date_window, link_reference, resolve_in_window
from .schema import TABLES, Corpus, conform, frame
from .sources import RawArticle, SourceError, list_sources, read_corpus

__all__ = ["load_corpus", "load_uploads", "main", "write_tables"]

PACKAGE_DIR = Path(__file__).resolve().parent
PARALLEL_MIN_ARTICLES = 200

ArticleResult = dict[str, list[dict[str, Any]]]
TABLES_FROM_TEXT = ("events", "participants", "amounts", "mentions", "spans", "systems")


def _code_version() -> str:
    """A hash of the extraction code and data: a change to either invalidates the cache."""
    h = hashlib.sha1()
    for base in (PACKAGE_DIR / "extract", PACKAGE_DIR / "data"):
        for p in sorted(base.rglob("*")):
            if p.is_file() and p.suffix in (".py", ".csv"):
                h.update(p.name.encode())
                h.update(p.read_bytes())
    for name in ("sources.py", "meetings.py", "schema.py"):
        h.update((PACKAGE_DIR / name).read_bytes())
    return h.hexdigest()[:16]


def _article_row(a: RawArticle) -> dict[str, Any]:
    row = asdict(a)
    row["n_chars"] = len(a.text)
    row["published"] = a.published.isoformat() if a.published else None
    return row


def _extract_job(job: tuple[str, str, dt.date | None]) -> ArticleResult:
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


def _run(jobs: Sequence[tuple[str, str, dt.date | None]], workers: int | None) -> list[ArticleResult]:
    n = workers if workers is not None else (os.cpu_count() or 1)
    if n <= 1 or len(jobs) < PARALLEL_MIN_ARTICLES:
        return [_extract_job(j) for j in jobs]
    with ProcessPoolExecutor(max_workers=n) as pool:
        return list(pool.map(_extract_job, jobs, chunksize=max(1, len(jobs) // (n * 8))))


def _fingerprint(version: str, root: Path) -> str | None:
    """Names, sizes and modification times of every file: unchanged means the corpus is unchanged."""
    h = hashlib.sha1(version.encode())
    try:
        for p in list_sources(root):
            st = p.stat()
            h.update(f"{p.relative_to(root).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    except OSError:
        return None
    return h.hexdigest()


def _load_pickle(path: Path) -> Any:
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except Exception:
        return None


def _save_pickle(path: Path, obj: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(obj, fh, protocol=5)
        tmp.replace(path)
    except OSError:
        pass  # a read-only cache directory only costs speed


def load_corpus(path: str | Path, *, cache: bool = True, cache_dir: str | Path | None = None,
                workers: int | None = None) -> Corpus:
    """Every article under ``path`` (recursively) as tables; unreadable files become rows of ``errors``.

    Two caches, both keyed by content and by the extractor's code and data: the whole corpus (reused when no file's
    name, size or time changed) and each article's rows (reused when its text and date did not change).
    """
    root = Path(path)
    version = _code_version()
    cdir = Path(cache_dir) if cache_dir else default_cache_dir()
    tag = hashlib.sha1(str(root.resolve()).encode()).hexdigest()[:16]
    fp = _fingerprint(version, root) if cache and root.is_dir() else None
    if fp is not None:
        saved = _load_pickle(cdir / f"corpus-{tag}.pickle")
        if isinstance(saved, dict) and saved.get("fingerprint") == fp:
            return saved["corpus"]
    articles, errors = read_corpus(root)
    store: dict[str, ArticleResult] = {}
    if cache:
        saved = _load_pickle(cdir / f"articles-{tag}.pickle")
        if isinstance(saved, dict) and saved.get("version") == version:
            store = saved["articles"]
    corpus = _build(articles, errors, version, store, workers)
    if cache:
        keys = {_article_key(version, a) for a in articles}
        _save_pickle(cdir / f"articles-{tag}.pickle",
                     {"version": version, "articles": {k: v for k, v in store.items() if k in keys}})
        if fp is not None:
            _save_pickle(cdir / f"corpus-{tag}.pickle", {"fingerprint": fp, "corpus": corpus})
    return corpus


def _build(articles: Sequence[RawArticle], errors: Sequence[SourceError], version: str,
           store: dict[str, ArticleResult], workers: int | None) -> Corpus:
    keys = [_article_key(version, a) for a in articles]
    todo = [(k, a) for k, a in zip(keys, articles, strict=True) if k not in store]
    for (k, _), res in zip(todo, _run([(a.article_id, a.text, a.published) for _, a in todo], workers), strict=True):
        store[k] = res
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
    return _enrich(corpus)


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


def _enrich(corpus: Corpus) -> Corpus:
    """Across articles: date windows for undated articles (and the relative dates they place), links to the
    reference calendar, and canonical meetings."""
    arts, events = corpus.articles.copy(), corpus.events.copy()
    undated = arts[arts["published"].isna()]
    for idx, aid in zip(undated.index, undated["article_id"], strict=True):
        lo, hi, basis = infer_date_window(corpus.spans, str(aid))
        arts.loc[idx, ["date_window_start", "date_window_end", "date_window_basis"]] = [
            pd.Timestamp(lo) if lo else pd.NaT, pd.Timestamp(hi) if hi else pd.NaT, basis]
        if lo is None or hi is None:
            continue
        rel = events[(events["article_id"] == aid) & (events["date"].fillna("") == "")
                     & events["date_offset_days"].notna()]
        for eidx, offset in zip(rel.index, rel["date_offset_days"], strict=True):
            value, precision = resolve_in_window(int(offset), lo, hi)
            if value:
                events.loc[eidx, ["date", "date_precision", "date_basis"]] = [
                    value, precision, f"relative to the article's inferred date window ({basis})"]
                events.loc[eidx, "date_start"] = pd.Timestamp(value if len(value) == 10 else f"{value}-01"[:10])
    events = link_reference(events)
    events, meetings = canonical_meetings(events, corpus.participants, arts)
    return Corpus(articles=arts, events=events, participants=corpus.participants, amounts=corpus.amounts,
                  mentions=corpus.mentions, spans=corpus.spans, errors=corpus.errors, meetings=meetings,
                  systems=corpus.systems)


def write_tables(corpus: Corpus, out: str | Path, formats: Sequence[str] = ("csv", "parquet")) -> list[Path]:
    """Write every table as CSV (UTF-8 with BOM, so Excel opens Arabic) and Parquet."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in corpus.tables().items():
        if "csv" in formats:
            p = out / f"{name}.csv"
            _csv_frame(name, df).to_csv(p, index=False, encoding="utf-8-sig")
            written.append(p)
        if "parquet" in formats:
            p = out / f"{name}.parquet"
            df.to_parquet(p, index=False)
            written.append(p)
    return written


def _csv_frame(name: str, df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    for col, dtype in TABLES[name].items():
        if dtype == "date":
            df[col] = df[col].dt.strftime("%Y-%m-%d")
    return df


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dashboard.loader", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("src", type=Path, help="folder of articles (.txt with manifest.csv, .json, .jsonl, .csv)")
    ap.add_argument("--out", type=Path, required=True, help="folder for the CSV and Parquet tables")
    ap.add_argument("--no-cache", action="store_true", help="parse every file again")
    ap.add_argument("--workers", type=int, default=None, help="processes for parsing (default: all cores)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    corpus = load_corpus(args.src, cache=not args.no_cache, workers=args.workers)
    write_tables(corpus, args.out)
    dt = time.perf_counter() - t0
    files = corpus.articles["file"].nunique() if len(corpus.articles) else 0
    print(f"files: {files} read, {corpus.errors['file'].nunique()} with errors")
    print(f"articles: {len(corpus.articles)}  events: {len(corpus.events)}  meetings: {len(corpus.meetings)}  "
          f"amounts: {len(corpus.amounts)}  errors: {len(corpus.errors)}")
    print(f"wrote {args.out} in {dt:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
