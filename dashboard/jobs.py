"""A corpus load that runs in a background thread, so the app can show how far it has got (pure Python: the app's
pages draw the bar; nothing here imports streamlit).

    job = LoadJob(lambda stats: load_corpus(folder, stats=stats))
    job.wait(1.0) or print(job.progress())      # files read, articles parsed, time left
    corpus = job.result()
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from dashboard.loader import LoadStats

T = TypeVar("T")

# the share of the bar each phase fills: reading the files, parsing the articles, building the tables
READ_SHARE, PARSE_SHARE = 0.10, 0.85


@dataclass(frozen=True)
class Progress:
    """A snapshot of a load: ``phase`` as in ``LoadStats``; ``fraction`` from 0 to 1 for a bar."""

    phase: str
    files_read: int
    files_total: int
    parsed: int
    to_parse: int
    seconds_left: float | None
    elapsed: float
    fraction: float


class LoadJob(Generic[T]):
    """Runs ``work(stats)`` in a daemon thread; ``stats`` is the ``LoadStats`` the loader fills in as it goes."""

    def __init__(self, work: Callable[[LoadStats], T], name: str = "corpus-load") -> None:
        self.stats = LoadStats()
        self.started = time.monotonic()
        self._work = work
        self._done = threading.Event()
        self._result: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._result = self._work(self.stats)
        except BaseException as e:  # handed to whoever asks for the result
            self._error = e
        finally:
            self.stats.phase = "done"
            self._done.set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """True once the load has finished (within ``timeout`` seconds)."""
        return self._done.wait(timeout)

    def result(self) -> T:
        """The load's result (waits for it); the load's exception if it failed."""
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._result  # type: ignore[return-value]

    def progress(self, now: float | None = None) -> Progress:
        s = self.stats
        now = time.monotonic() if now is None else now
        phase = "done" if self.done else s.phase
        if phase == "done":
            fraction = 1.0
        elif phase == "parsing":
            fraction = READ_SHARE + PARSE_SHARE * (s.parsed / s.to_parse if s.to_parse else 1.0)
        elif phase == "building":
            fraction = READ_SHARE + PARSE_SHARE
        elif phase == "reading":
            fraction = READ_SHARE * (s.files_read / s.files_total if s.files_total else 0.0)
        else:
            fraction = 0.0
        return Progress(phase=phase, files_read=s.files_read, files_total=s.files_total, parsed=s.parsed,
                        to_parse=s.to_parse, seconds_left=s.seconds_left(now) if phase == "parsing" else None,
                        elapsed=now - self.started, fraction=min(1.0, max(0.0, fraction)))
