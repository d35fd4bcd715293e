"""The parse on a Dask cluster (``dask.distributed``): ``load_corpus(src, scheduler="tcp://HOST:8786")`` or
``python -m dashboard.loader SRC --out DIR --scheduler tcp://HOST:8786`` (or ``RAMSTEIN_SCHEDULER``);
``scheduler="local"`` starts a cluster on this machine for one load (a scheduler and one single-threaded worker
process per core; ``local_cluster``), closed when the load ends.

The files are read here, on the machine that runs the loader; the articles go to the cluster's workers in tasks of
``CHUNK`` articles, and the rows come back here, where the tables are built and cached exactly as for a local run.
Every worker needs this package importable (the same checkout or install, same version): a task is
``dashboard.loader._extract_chunk``. A worker that dies takes its tasks with it; the scheduler gives them to the
other workers (up to ``RETRIES`` times per task), so the run ends with every article.

Without a scheduler the loader parses in its own process pool: on one machine that is faster (measured on 2 cores:
1,000 articles in 2.9 s with the pool, 4.7 s on a local Dask cluster; 3,000 in 7.4 s and 9.8 s), because the
scheduler and the transfer of texts and rows run in the loader's own process, beside its reading and table
building.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any

CHUNK = 32  # articles per task, as the local pool sends them
RETRIES = 3  # a task whose worker died is run again elsewhere at most this many times
CONNECT_TIMEOUT = "30s"


def run_on_dask(jobs: Sequence[tuple[Any, ...]], address: str, done: Callable[[int, Any], None],
                chunk: int = CHUNK, task: Callable[[list[Any]], list[Any]] | None = None) -> None:
    """Parse ``jobs`` on the cluster whose scheduler is at ``address``, calling ``done(index, result)`` as each
    result arrives (in any order). ``task`` (default: extract articles) turns a list of jobs into their results."""
    from distributed import Client, as_completed

    from dashboard.loader import _extract_chunk

    task = task or _extract_chunk
    starts = list(range(0, len(jobs), chunk))
    run = uuid.uuid4().hex[:12]
    with Client(address, timeout=CONNECT_TIMEOUT) as client:
        futures = [client.submit(task, list(jobs[i:i + chunk]), key=f"ramstein-parse-{run}-{i}",
                                 retries=RETRIES, pure=False) for i in starts]
        first = {f.key: i for f, i in zip(futures, starts, strict=True)}
        for fut in as_completed(futures):
            for k, res in enumerate(fut.result()):
                done(first[fut.key] + k, res)


@contextlib.contextmanager
def local_cluster(workers: int) -> Iterator[str]:
    """A scheduler on 127.0.0.1 and ``workers`` worker processes of one thread each (started fresh, not forked, so a
    lock held by another thread of this process cannot hang them), for the length of the ``with`` block: yields
    the scheduler's address; the block's end, an error or an interrupt stops the workers, and they exit by
    themselves when this process is killed (Dask's worker processes watch their parent)."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


def read_and_extract(root: str, files: list[tuple[str, dict[str, str] | None]]) -> list[tuple[Any, list[Any]]]:
    """On a worker: read and parse each listed file of the corpus at ``root`` (``sources.parse_listed``) and extract
    every article found in it. Per file: the parsed file (or why it could not be read) and one result per record
    (None for a record that is an error)."""
    from dashboard.loader import _extract_job
    from dashboard.sources import RawArticle, SourceError, parse_listed

    out: list[tuple[Any, list[Any]]] = []
    for name, row in files:
        parsed = parse_listed(root, name, row)
        if isinstance(parsed, SourceError):
            out.append((parsed, []))
            continue
        out.append((parsed, [_extract_job((it.article_id, it.text, it.published)) if isinstance(it, RawArticle)
                             else None for it in parsed.items]))
    return out
