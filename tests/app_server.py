"""Starting the real app for the browser tests and the app benchmark: ``python -m dashboard.serve`` (``streamlit
run`` with the corpus loading as the server starts, as ``make app`` does) on a free local port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(corpus: Path, env: dict[str, str], out: IO[bytes] | int = subprocess.DEVNULL, preload: bool = True
          ) -> tuple[subprocess.Popen[bytes], str]:
    """``python -m dashboard.serve -- --corpus corpus`` on a free port (``preload=False``: plain ``streamlit run
    dashboard/app.py``, which reads the corpus on the first visit); returns the process and its URL."""
    port = free_port()
    launcher = ["dashboard.serve"] if preload else ["streamlit", "run", str(ROOT / "dashboard" / "app.py")]
    cmd = [sys.executable, "-m", *launcher, "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--", "--corpus", str(corpus)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT,
                            start_new_session=True)
    return proc, f"http://127.0.0.1:{port}"


def wait_healthy(proc: subprocess.Popen[bytes], url: str, timeout: float, log: Path | None = None) -> None:
    """Poll ``/_stcore/health`` until it answers ok; raise (with the log's tail) if the server dies or times out."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
            raise RuntimeError(f"streamlit did not start:\n{tail}")
        time.sleep(0.05)


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
