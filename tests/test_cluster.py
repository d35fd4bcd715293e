"""The parse on a real Dask cluster: a scheduler and two workers on 127.0.0.1, started as separate processes with
the ``dask`` command. The tables equal a local run's; a worker killed mid-run leaves no article behind."""

from __future__ import annotations

import json
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

    def started_here(p: psutil.Process) -> bool:
        """Started during the load, by this process or by one the load started: not a child that a process running
        before spawns meanwhile (the browser of the Playwright tests starts helpers of its own at any time)."""
        return p.pid not in before and p.ppid() not in before

    got = load_corpus(corpus_folder, cache=False, scheduler="local", workers=2)
    _same(got, load_corpus(corpus_folder, cache=False, workers=1))
    deadline = time.monotonic() + 20
    while True:
        left = [p for p in psutil.Process().children(recursive=True) if p.is_running() and started_here(p)
                and p.status() != psutil.STATUS_ZOMBIE and "resource_tracker" not in " ".join(p.cmdline())]
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert left == [], [p.cmdline() for p in left]


def _mixed_folder(root: Path) -> Path:
    """Articles plus what a real folder holds: ids used twice across files (same text, other text), files that
    cannot be read, a manifest row for a missing file and one with a bad date, a subfolder with its own manifest."""
    folder = write_articles(root, 40, seed=12)
    first = sorted(folder.glob("*.txt"))[0]
    (folder / "zz_copy.json").write_text(json.dumps({"id": first.stem, "text": first.read_text(encoding="utf-8")},
                                                    ensure_ascii=False), encoding="utf-8")
    (folder / "zz_other.json").write_text(json.dumps({"id": first.stem, "title": "عنوان", "text": "اجتمع وزراء دفاع "
                                                      "الناتو في بروكسل اليوم."}, ensure_ascii=False),
                                          encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not really")
    (folder / ".hidden.txt").write_text("مخفي", encoding="utf-8")
    with (folder / "manifest.csv").open("a", encoding="utf-8") as f:
        f.write("missing.txt,2024-01-01,,,\nempty.txt,not a date,,,\n")
    sub = folder / "sub"
    sub.mkdir()
    (sub / "a.txt").write_text("عنوان فرعي\n\nاتصل وزير الدفاع الأمريكي بنظيره الأوكراني أمس.", encoding="utf-8")
    (sub / "manifest.csv").write_text("file,published,outlet\na,2024-03-05,sub.example\n", encoding="utf-8")
    return folder


def _same_with_errors(got, want) -> None:
    """Equal tables; errors equal as a set of rows (files are listed in the same order, but the rows of listing,
    manifests and files may interleave differently)."""
    for name in TABLES:
        if name == "errors":
            key = lambda df: sorted(map(tuple, df.astype(str).to_numpy().tolist()))  # noqa: E731
            assert key(got.errors) == key(want.errors)
        else:
            pd.testing.assert_frame_equal(getattr(got, name).reset_index(drop=True),
                                          getattr(want, name).reset_index(drop=True), obj=name)


@pytest.mark.parametrize("how", ["url", "shared-folder"])
def test_workers_read_the_files_themselves(dask_cluster, tmp_path, how, monkeypatch):
    """Given a URL (here file://, through fsspec), or a folder with read_on_workers, the workers read and parse the
    files: the load sends them file names, never texts, and gives the tables of a local read, errors included."""
    address, _ = dask_cluster
    folder = _mixed_folder(tmp_path / "corpus")
    sent: list[object] = []
    real = cluster.run_on_dask

    def spy(jobs, addr, done, chunk=cluster.CHUNK, task=None):
        sent.extend(jobs)
        return real(jobs, addr, done, chunk=chunk, task=task)

    monkeypatch.setattr(cluster, "run_on_dask", spy)
    src = folder.resolve().as_uri() if how == "url" else str(folder)
    stats = LoadStats()
    got = load_corpus(src, scheduler=address, read_on_workers=how != "url", stats=stats)
    assert sent and all(isinstance(j, tuple) and isinstance(j[0], str) and len(j[0]) < 100 for j in sent)
    assert {j[0] for j in sent} >= {"sub/a.txt", "zz_copy.json", "empty.txt"} and ".hidden.txt" not in {j[0] for j
                                                                                                       in sent}
    want = load_corpus(folder, cache=False, workers=1)
    assert len(got.articles) == len(want.articles) == 42 and stats.articles == 42
    assert any("~2" in a for a in got.articles["article_id"])  # the other text under a used id was renamed
    assert got.errors["error"].str.contains("no such file").any()
    _same_with_errors(got, want)


def test_a_url_that_cannot_be_listed_is_one_error_row(tmp_path):
    missing = (tmp_path / "nowhere").as_uri()
    got = load_corpus(missing, scheduler="local", workers=1)
    assert got.articles.empty and len(got.errors) == 1


def test_the_command_line_reads_a_url_on_a_local_cluster(tmp_path, capsys):
    folder = write_articles(tmp_path / "corpus", 12, seed=13)
    out = tmp_path / "out"
    assert main([folder.resolve().as_uri(), "--out", str(out), "--scheduler", "local", "--workers", "1",
                 "--format", "parquet"]) == 0
    assert "articles: 12 " in capsys.readouterr().out
    assert len(pd.read_parquet(out / "articles")) == 12
