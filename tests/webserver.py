"""A small web site on 127.0.0.1 for the collector's tests and benchmark (http.server in a thread).

Routes are set by the caller: ``site.add(path, body, content_type, status=200, headers=None)``; special bodies:
``HANG`` (accept the request and never answer, until the server stops) and ``Stream(n)`` (n bytes of HTML sent in
chunks with no Content-Length). Every request is recorded (path, headers, start and end times) and the server counts
how many requests it is serving at once (``max_in_flight``, hanging and streamed routes excluded).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HANG = object()


@dataclass(frozen=True)
class Stream:
    size: int


@dataclass
class Route:
    body: Any
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str = ""
    fail_first: int = 0  # answer 503 to the first n requests


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    start: float
    end: float = 0.0


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        self.stop = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                site._serve(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: Any, content_type: str = "text/html; charset=utf-8", status: int = 200,
            **kw: Any) -> str:
        self.routes[path] = Route(body, content_type, status, **kw)
        return self.url(path)

    def paths(self) -> list[str]:
        with self.lock:
            return [h.path for h in self.hits]

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        hit = Hit(h.path, {k.lower(): v for k, v in h.headers.items()}, time.monotonic())
        route = self.routes.get(h.path.split("?")[0])
        counted = route is not None and route.body is not HANG and not isinstance(route.body, Stream)
        with self.lock:
            self.hits.append(hit)
            if counted:
                self.in_flight += 1
                self.max_in_flight = max(self.max_in_flight, self.in_flight)
        released = False

        def release() -> None:  # the answer is complete but for its last bytes: the request is no longer waiting
            nonlocal released
            if counted and not released:
                released = True
                with self.lock:
                    self.in_flight -= 1

        try:
            body = self._answer(h, route)
            if body is not None:  # the client may send its next request once these bytes arrive: release first
                release()
                h.end_headers()
                h.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a size limit): fine
        finally:
            hit.end = time.monotonic()
            release()

    def _answer(self, h: BaseHTTPRequestHandler, route: Route | None) -> bytes | None:
        """The response's status and headers sent (headers not ended), and the body still to write; None when the
        route wrote everything itself (a hanging or streamed one)."""
        if route is None:
            h.send_response(404)
            h.send_header("Content-Type", "text/html; charset=utf-8")
            return b"<html><body>not found</body></html>"
        if route.body is HANG:
            self.stop.wait(120)  # never answers while the tests run
            return None
        if route.fail_first > 0:
            route.fail_first -= 1
            h.send_response(503)
            h.send_header("Retry-After", "0")
            return b""
        if route.etag and h.headers.get("If-None-Match") == route.etag:
            h.send_response(304)
            return b""
        h.send_response(route.status)
        h.send_header("Content-Type", route.content_type)
        for k, v in route.headers.items():
            h.send_header(k, v)
        if route.etag:
            h.send_header("ETag", route.etag)
        if isinstance(route.body, Stream):
            h.end_headers()
            chunk = b"<p>" + "نص طويل جدا ".encode() * 5000 + b"</p>\n"
            sent = 0
            h.wfile.write(b"<!doctype html><html><body>")
            while sent < route.body.size and not self.stop.is_set():
                h.wfile.write(chunk)
                sent += len(chunk)
            return None
        data = route.body.encode("utf-8") if isinstance(route.body, str) else bytes(route.body)
        h.send_header("Content-Length", str(len(data)))
        return data
