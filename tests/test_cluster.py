"""The parse on a real Dask cluster: a scheduler and two workers on 127.0.0.1, started as separate processes with
the ``dask`` command. The tables equal a local run's; a worker killed mid-run leaves no article behind."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from synthetic import write_articles

from dashboard import cluster
from dashboard.loader import LoadStats, load_corpus, main
from dashboard.schema import TABLES

ROOT = Path(__file__).resolve().parents[1]
DASK = str(Path(sys.executable).with_name("dask"))


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    with log.open("ab") as out:
        return subprocess.Popen([DASK, *args], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


@pytest.fixture
def dask_cluster(tmp_path: Path) -> Iterator[tuple[str, list[subprocess.Popen[bytes]]]]:
    from distributed import Client

    port = _port()
    address = f"tcp://127.0.0.1:{port}"
    log = tmp_path / "dask.log"
    procs = [_start(["scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], log)]
    workers = [_start(["worker", address, "--nworkers", "1", "--nthreads", "1", "--no-nanny", "--no-dashboard",
                       "--host", "127.0.0.1"], log) for _ in range(2)]
    procs += workers
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with Client(address, timeout="5s") as client:
                    if len(client.scheduler_info()["workers"]) == 2:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
            time.sleep(0.5)
        yield address, workers
    finally:
        for p in procs:
            _stop(p)


@pytest.fixture(scope="module")
def corpus_folder(tmp_path_factory) -> Path:
    return write_articles(tmp_path_factory.mktemp("articles"), 300, seed=9)


def _same(a, b) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name).reset_index(drop=True), getattr(b, name).reset_index(drop=True),
                                      obj=name)


def test_the_cluster_gives_the_tables_of_a_local_run(dask_cluster, corpus_folder, tmp_path):
    address, _ = dask_cluster
    stats = LoadStats()
    on_cluster = load_corpus(corpus_folder, cache_dir=tmp_path / "cache", scheduler=address, stats=stats)
    assert stats.parsed == 300
    _same(on_cluster, load_corpus(corpus_folder, cache=False, workers=1))


def test_a_worker_killed_mid_run_loses_no_article(dask_cluster, corpus_folder, tmp_path, monkeypatch):
    address, workers = dask_cluster
    monkeypatch.setattr(cluster, "CHUNK", 4)  # many small tasks: the kill lands mid-run
    seen = threading.Event()
    arrived: list[int] = []
    at_kill: list[int] = []
    real = cluster.run_on_dask

    def run(jobs, addr, done, chunk=4):
        def count(i, res):
            done(i, res)
            arrived.append(i)
            seen.set()
        return real(jobs, addr, count, chunk=chunk)

    monkeypatch.setattr(cluster, "run_on_dask", run)

    def kill() -> None:
        seen.wait(60)  # the first results are in: the workers are busy with the rest
        os.killpg(workers[0].pid, signal.SIGKILL)
        at_kill.append(len(arrived))

    killer = threading.Thread(target=kill)
    killer.start()
    stats = LoadStats()
    got = load_corpus(corpus_folder, cache=False, scheduler=address, stats=stats)
    killer.join()
    assert workers[0].poll() is not None and at_kill[0] < 300  # the worker died before the run ended
    assert stats.parsed == 300 and len(got.articles) == 300 and got.errors.empty
    _same(got, load_corpus(corpus_folder, cache=False, workers=1))


def test_the_command_line_takes_the_scheduler_from_the_environment(dask_cluster, corpus_folder, tmp_path,
                                                                     monkeypatch, capsys):
    address, _ = dask_cluster
    monkeypatch.setenv("RAMSTEIN_SCHEDULER", address)
    calls: list[str | None] = []
    real = cluster.run_on_dask
    monkeypatch.setattr(cluster, "run_on_dask", lambda jobs, addr, done: (calls.append(addr), real(jobs, addr, done)))
    assert main([str(corpus_folder), "--out", str(tmp_path / "out"), "--no-cache", "--format", "parquet"]) == 0
    assert calls == [address] and "parsed: 300 articles" in capsys.readouterr().out


def test_a_local_dask_cluster_for_one_load(corpus_folder):
    """``scheduler="local"`` starts a scheduler and workers on this machine for the load, gives the tables of an
    in-process run, and stops the workers when the load ends."""
    import psutil

    before = {p.pid for p in psutil.Process().children(recursive=True)}
    got = load_corpus(corpus_folder, cache=False, scheduler="local", workers=2)
    _same(got, load_corpus(corpus_folder, cache=False, workers=1))
    deadline = time.monotonic() + 20
    while True:
        left = [p for p in psutil.Process().children(recursive=True) if p.pid not in before and p.is_running()
                and p.status() != psutil.STATUS_ZOMBIE and "resource_tracker" not in " ".join(p.cmdline())]
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert left == [], [p.cmdline() for p in left]
