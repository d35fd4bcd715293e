"""Loader benchmark: synthetic articles made by recombining and varying the seed sentences.

    python -m dashboard.bench                  # N = 1,000 and 10,000
    python -m dashboard.bench --n 2000 --workers 1

For each N it writes N articles of about 4 KB (plus a manifest) into a temporary folder and reports: the floor
(reading the files and stripping diacritics, one core), articles per second for a cold parse on one core (and its
ratio to the floor) and on all cores, through a local Dask scheduler with 2 worker processes (``--dask-workers``),
and the time to reload the unchanged corpus from the cache (three times) and after editing one file (three edits in a
row).

    python -m dashboard.bench --stages --n 1000

reports instead where one core's extraction time goes: microseconds per article in each step of ``extract_article``
(each extractor over every sentence, the event reader, the amounts' giver, rate and category, and the rest: rows and
offsets), best of three passes over the same articles; ``--folder DIR`` times the articles of a folder instead (real
ones: the synthetic articles recombine a few hundred sentences).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pyarabic import araby

from .extract.sentences import sentence_spans
from .loader import load_corpus, wait_for_saves
from .sources import read_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SWAPS = [("بروكسل", "رامشتاين"), ("فرنسا", "بولندا"), ("ألمانيا", "هولندا"), ("الخميس", "الثلاثاء"),
         ("50", "47"), ("30", "28"), ("مليار", "مليون"), ("أكتوبر", "نوفمبر"), ("المملكة المتحدة", "كندا")]


def seed_sentences() -> list[str]:
    arts, _ = read_corpus(SEEDS)
    out = []
    for a in arts:
        out.extend(a.text[s:e] for s, e in sentence_spans(a.text))
    return out


def make_articles(folder: Path, n: int, size: int = 4000, seed: int = 7) -> None:
    rng = random.Random(seed)
    sents = seed_sentences()
    rows = ["file,published,outlet,url"]
    base = dt.date(2022, 4, 26)
    for i in range(n):
        parts: list[str] = []
        while sum(len(p.encode()) for p in parts) < size:
            s = rng.choice(sents)
            for a, b in rng.sample(SWAPS, 2):
                s = s.replace(a, b) if rng.random() < 0.5 else s
            parts.append(s)
        name = f"a{i:05d}.txt"
        (folder / name).write_text(parts[0] + "\n\n" + " ".join(parts[1:]), encoding="utf-8")
        rows.append(f"{name},{base + dt.timedelta(days=rng.randrange(1300))},outlet{i % 40}.example,")
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def dask_parse(folder: Path, n: int, workers: int) -> None:
    """A cold parse through a local Dask scheduler with ``workers`` single-threaded worker processes."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("  (dask.distributed is not installed: no cluster run)")
        return
    from .cluster import local_cluster

    with local_cluster(workers) as address:
        load_corpus(folder, cache=False, scheduler=address, workers=1)  # workers import once
        t0 = time.perf_counter()
        load_corpus(folder, cache=False, scheduler=address)
        dt_ = time.perf_counter() - t0
    print(f"  cold parse, Dask scheduler with {workers} workers: {dt_:6.2f} s wall  {n / dt_:7.0f} articles/s")


def run(n: int, workers: int | None, dask_workers: int = 2) -> None:
    with tempfile.TemporaryDirectory(prefix="ramstein-bench-") as tmp:
        folder, cache = Path(tmp) / "corpus", Path(tmp) / "cache"
        folder.mkdir()
        make_articles(folder, n)
        kb = sum(p.stat().st_size for p in folder.glob("*.txt")) / n / 1000
        print(f"N={n:,} articles of {kb:.1f} KB")
        c0 = time.process_time()
        arts, _ = read_corpus(folder)
        for a in arts:
            araby.strip_tashkeel(a.text)
        floor = time.process_time() - c0
        print(f"  floor (read the files, strip diacritics; one core): CPU {floor:.2f} s = {n / floor:.0f} articles/s")
        for w in ([1, os.cpu_count() or 1] if workers is None else [workers]):
            t0, c0 = time.perf_counter(), time.process_time()
            corpus = load_corpus(folder, cache=False, workers=w)
            dt_, cpu = time.perf_counter() - t0, time.process_time() - c0
            # CPU time of this process is what one core spends (it ignores other load on the machine)
            per_core = (f", CPU {cpu:.2f} s = {n / cpu:.0f} articles/s per core, {cpu / floor:.0f}x the floor"
                        if w == 1 else "")
            print(f"  cold parse, {w} process(es): {dt_:6.2f} s wall  {n / dt_:7.0f} articles/s{per_core}  "
                  f"({len(corpus.events):,} events, {len(corpus.amounts):,} amounts)")
        if dask_workers:
            dask_parse(folder, n, dask_workers)
        load_corpus(folder, cache_dir=cache, workers=workers)
        time.sleep(2.1)  # files written within 2 s of a load are hashed again once (cache.RACY_NS): settle that
        load_corpus(folder, cache_dir=cache, workers=workers)
        reloads = [_timed(lambda: load_corpus(folder, cache_dir=cache, workers=workers)) for _ in range(3)]
        print(f"  reload from cache:        {_seconds(reloads)} (3 times)")

        edits: list[float] = []
        for k in range(3):  # three edits in a row, each with its own text
            wait_for_saves()  # the previous update's tables are still being written: not part of this reload
            text = f"عنوان\n\nاجتمع وزراء دفاع حلف شمال الأطلسي في بروكسل اليوم {k}."
            (folder / "a00000.txt").write_text(text, encoding="utf-8")
            edits.append(_timed(lambda: load_corpus(folder, cache_dir=cache, workers=workers)))
        print(f"  reload after editing one file: {_seconds(edits)} (three edits in a row)")
        wait_for_saves()  # the update's tables are still being written to the cache, which is removed next


def _timed(run: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    run()
    return time.perf_counter() - t0


def _seconds(times: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times) + " s"


# the steps of extract_article, by the names it calls them (dashboard/extract/article.py)
STAGES = ("normalize", "dateline_date", "sentence_spans", "find_dates", "find_countries", "find_places",
          "find_officials", "find_counts", "find_meeting_ordinals", "find_war_year", "build_events", "find_amounts",
          "find_giver", "convert", "amount_category", "article_systems")


@contextlib.contextmanager
def _stage_clocks(spent: dict[str, float]) -> Iterator[None]:
    """Each step of ``extract_article`` wrapped in a clock adding its time to ``spent`` (restored afterwards)."""
    from .extract import article

    saved = {name: getattr(article, name) for name in STAGES}

    def clocked(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - t0
        return run

    try:
        for name, fn in saved.items():
            setattr(article, name, clocked(name, fn))
        yield
    finally:
        for name, fn in saved.items():
            setattr(article, name, fn)


def stages(n: int, folder: Path | None = None) -> dict[str, float]:
    """Microseconds per article in each step of ``extract_article`` on ``n`` benchmark articles (or the articles of
    ``folder``), and in ``rows and offsets`` (the rest) and ``total``; the best of three passes for each."""
    from .extract.article import extract_article

    if folder is not None:
        arts, _ = read_corpus(folder)
    else:
        with tempfile.TemporaryDirectory(prefix="ramstein-bench-") as tmp:
            make_articles(Path(tmp), n)
            arts, _ = read_corpus(Path(tmp))
    for a in arts[:50]:  # patterns compiled, caches warm
        extract_article(a.article_id, a.text, a.published)
    best: dict[str, float] = {}
    for _ in range(3):
        spent = dict.fromkeys(STAGES, 0.0)
        with _stage_clocks(spent):
            t0 = time.perf_counter()
            for a in arts:
                extract_article(a.article_id, a.text, a.published)
            spent["total"] = time.perf_counter() - t0
        spent["rows and offsets"] = spent["total"] - sum(spent[k] for k in STAGES)
        for k, v in spent.items():
            best[k] = min(best.get(k, v), v)
    return {k: v / max(1, len(arts)) * 1e6 for k, v in best.items()}


def print_stages(n: int, folder: Path | None = None) -> None:
    got = stages(n, folder)
    what = f"the articles of {folder}" if folder is not None else f"{n:,} articles"
    print(f"extraction, one core, {what}: microseconds per article (best of 3)")
    for k, v in sorted(got.items(), key=lambda kv: (kv[0] == "total", -kv[1])):
        print(f"  {k:22s} {v:8.0f}  {v / got['total']:5.1%}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--workers", type=int, default=None, help="only this many processes (default: 1 and all cores)")
    ap.add_argument("--dask-workers", type=int, default=2, help="workers of the local Dask scheduler (0: no Dask run)")
    ap.add_argument("--stages", action="store_true", help="where the extraction time goes, step by step")
    ap.add_argument("--folder", type=Path, default=None, help="with --stages: time these articles instead")
    args = ap.parse_args()
    if args.stages and args.folder is not None:
        print_stages(0, args.folder)
        return
    for n in args.n:
        if args.stages:
            print_stages(n)
        else:
            run(n, args.workers, args.dask_workers)


if __name__ == "__main__":
    main()
