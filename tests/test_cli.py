"""The command line: arguments checked before any parsing, and a run killed in the middle of parallel parsing
leaves no worker behind and loses nothing it had parsed."""

from __future__ import annotations

import os
import re
import signal
import struct
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from synthetic import write_articles

from dashboard.loader import _stop_pool, main

ROOT = Path(__file__).resolve().parent.parent
P = pytest.param
GOOD = "اجتماع في بروكسل\n\nاجتمع وزراء دفاع حلف شمال الأطلسي في بروكسل اليوم بمشاركة نحو 30 دولة."


# ---------------------------------------------------------------------------------------------------------------------
# arguments


def _read_only_folder(tmp_path: Path) -> Path:
    """A folder this process cannot write to: a read-only folder, or (as root, who may write anywhere) sysfs."""
    if os.geteuid() == 0:
        return Path("/sys")
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    return folder


BAD_ARGS = [
    P(lambda t: [str(t / "missing"), "--out", str(t / "out")], "source folder not found", id="missing-source"),
    P(lambda t: ["", "--out", str(t / "out")], "empty", id="empty-source"),
    P(lambda t: [str(t / "src"), "--out", str(t / "src" / "a.txt")], "is a file", id="out-is-a-file"),
    P(lambda t: [str(t / "src"), "--out", str(t / "src" / "a.txt" / "out")], "cannot create", id="out-under-a-file"),
    P(lambda t: [str(t / "src"), "--out", str(_read_only_folder(t))], "cannot write", id="out-read-only"),
    P(lambda t: [str(t / "src"), "--out", ""], "empty", id="empty-out"),
    P(lambda t: [str(t / "src"), "--out", str(t / "out"), "--workers", "0"], "workers", id="no-workers"),
]


@pytest.mark.parametrize(("argv", "words"), BAD_ARGS)
def test_bad_arguments_give_one_line_and_no_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str], argv, words: str) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv("RAMSTEIN_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path / "src")  # an empty source must not mean "this folder"
    code = main(argv(tmp_path))
    out, err = capsys.readouterr()
    assert code != 0
    assert out == "" and len(err.strip().splitlines()) == 1 and words in err
    assert not (tmp_path / "cache").exists()  # nothing was parsed (each parsed article is saved there at once)


def test_good_arguments_write_the_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv("RAMSTEIN_CACHE", str(tmp_path / "cache"))
    assert main([str(tmp_path / "src"), "--out", str(tmp_path / "new" / "out")]) == 0
    assert (tmp_path / "new" / "out" / "events.csv").exists()
    assert "parsed: 1 articles (0 from the cache)" in capsys.readouterr().out
    assert main([str(tmp_path / "src"), "--out", str(tmp_path / "new" / "out")]) == 0
    assert "parsed: 0 articles (tables reused from the cache)" in capsys.readouterr().out


# ---------------------------------------------------------------------------------------------------------------------
# killed runs


def _proc_table() -> dict[int, tuple[int, str, str]]:
    """pid -> (parent pid, state, start time) for every process, from /proc."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            raw = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = raw[raw.rindex(")") + 2:].split()
        table[int(entry)] = (int(fields[1]), fields[0], fields[19])
    return table


def _descendants(pid: int) -> dict[int, str]:
    """Every process below ``pid``, with its start time (so that a reused pid is not mistaken for it)."""
    table = _proc_table()
    found: dict[int, str] = {}
    todo = [pid]
    while todo:
        parent = todo.pop()
        for child, (ppid, _, start) in table.items():
            if ppid == parent and child not in found:
                found[child] = start
                todo.append(child)
    return found


def _still_running(procs: dict[int, str]) -> list[int]:
    table = _proc_table()
    return [p for p, start in procs.items() if p in table and table[p][2] == start and table[p][1] not in "ZX"]


def _saved_lines(cache: Path) -> int:
    return sum(p.read_bytes().count(b"\n") for p in cache.glob("articles-*/seg-*.jsonl"))


N_KILL = 2000


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_articles(tmp_path_factory.mktemp("kill") / "corpus", N_KILL)


def _start(corpus: Path, tmp_path: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "RAMSTEIN_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "dashboard.loader", str(corpus), "--out", str(tmp_path / "out"),
                             "--workers", "2"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _wait_for_workers_and_results(proc: subprocess.Popen[str], cache: Path) -> dict[int, str]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        workers = _descendants(proc.pid)
        if len(workers) >= 2 and _saved_lines(cache) > 0:
            return workers
        time.sleep(0.02)
    raise AssertionError("the run never started parsing in parallel")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
@pytest.mark.parametrize("sig", [P(signal.SIGKILL, id="kill-9"), P(signal.SIGTERM, id="sigterm")])
def test_a_killed_run_leaves_no_workers_and_a_rerun_goes_on(big_corpus: Path, tmp_path: Path, sig) -> None:
    proc = _start(big_corpus, tmp_path)
    workers = _wait_for_workers_and_results(proc, tmp_path / "cache")
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == -sig if sig == signal.SIGKILL else proc.returncode == 128 + sig
    if sig == signal.SIGTERM:
        assert re.search(rf"stopped: \d+ of {N_KILL} articles parsed and saved", err), err
    deadline = time.monotonic() + 10
    while _still_running(workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _still_running(workers) == [], "worker processes outlived the killed run"
    saved = _saved_lines(tmp_path / "cache")
    assert 0 < saved < N_KILL
    rerun = _start(big_corpus, tmp_path)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    parsed = int(re.search(r"parsed: (\d+) articles \((\d+) from the cache\)", out).group(1))  # type: ignore[union-attr]
    assert parsed == N_KILL - saved  # only what was missing (a line torn by the kill has no newline: not counted)
    assert f"articles: {N_KILL} " in out


def test_stopping_a_pool_ends_its_manager_after_a_half_written_result() -> None:
    """A worker killed while it writes a result leaves half a message in the result pipe. Stopping the pool must still
    end the pool's manager thread: interpreter exit waits for it, so a run stopped by SIGTERM would hang."""
    pool = ProcessPoolExecutor(max_workers=1)
    assert pool.submit(abs, -1).result() == 1  # the worker and the manager thread are up
    manager = pool._executor_manager_thread  # type: ignore[attr-defined]
    writer = pool._result_queue._writer  # type: ignore[attr-defined]
    os.write(writer.fileno(), struct.pack("!i", 1000) + b"x" * 10)  # a header for 1000 bytes, then only 10
    time.sleep(0.2)
    _stop_pool(pool)
    manager.join(10)
    assert not manager.is_alive(), "the pool's manager thread still waits for the rest of a result"
