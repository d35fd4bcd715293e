"""The parse on a Dask cluster (``dask.distributed``): ``load_corpus(src, scheduler="tcp://HOST:8786")`` or
``python -m dashboard.loader SRC --out DIR --scheduler tcp://HOST:8786`` (or ``RAMSTEIN_SCHEDULER``).

The files are read here, on the machine that runs the loader; the articles go to the cluster's workers in tasks of
``CHUNK`` articles, and the rows come back here, where the tables are built and cached exactly as for a local run.
Every worker needs this package importable (the same checkout or install, same version): a task is
``dashboard.loader._extract_chunk``. A worker that dies takes its tasks with it; the scheduler gives them to the
other workers (up to ``RETRIES`` times per task), so the run ends with every article.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

CHUNK = 32  # articles per task, as the local pool sends them
RETRIES = 3  # a task whose worker died is run again elsewhere at most this many times
CONNECT_TIMEOUT = "30s"


def run_on_dask(jobs: Sequence[tuple[Any, ...]], address: str, done: Callable[[int, Any], None],
                chunk: int = CHUNK) -> None:
    """Parse ``jobs`` on the cluster whose scheduler is at ``address``, calling ``done(index, result)`` as each
    result arrives (in any order)."""
    from distributed import Client, as_completed

    from dashboard.loader import _extract_chunk

    starts = list(range(0, len(jobs), chunk))
    run = uuid.uuid4().hex[:12]
    with Client(address, timeout=CONNECT_TIMEOUT) as client:
        futures = [client.submit(_extract_chunk, list(jobs[i:i + chunk]), key=f"ramstein-parse-{run}-{i}",
                                 retries=RETRIES, pure=False) for i in starts]
        first = {f.key: i for f, i in zip(futures, starts, strict=True)}
        for fut in as_completed(futures):
            for k, res in enumerate(fut.result()):
                done(first[fut.key] + k, res)
