"""Shared helpers for the browser tests: a local server for the built site and Chromium.

Chromium comes from Debian (``apt-get install -y chromium``); Playwright only drives it.
Nothing here downloads a browser.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

# one list, re-exported for the tests
from wijkcoop.publish.pdfprint import CHROMIUM_ARGS as CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def site_dir() -> Path:
    """The built site: ``SITE_DIR`` (set by ``make test``) or ``_build/html``."""
    return Path(os.environ.get("SITE_DIR", ROOT / "_build" / "html")).resolve()


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not path:
        raise RuntimeError(
            "Debian's Chromium is needed for the browser tests: apt-get install -y chromium"
        )
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 on a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PageLog:
    """Everything a page did that a test may object to."""

    foreign_requests: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return [
            *(f"request to another host: {u}" for u in self.foreign_requests),
            *(f"HTTP error: {u}" for u in self.http_errors),
            *(f"failed request: {u}" for u in self.failed_requests),
            *(f"uncaught page error: {e}" for e in self.page_errors),
            *(f"console error: {e}" for e in self.console_errors),
        ]


def watch(page) -> PageLog:
    """Record foreign requests, HTTP errors and page errors of a Playwright page."""
    log = PageLog()

    def on_request(request) -> None:
        url = request.url
        parsed = urlparse(url)
        if parsed.scheme in {"data", "blob", "about", "file"}:  # file: the site opened from disk
            return
        if parsed.hostname not in LOCAL_HOSTS:
            log.foreign_requests.append(url)

    def on_response(response) -> None:
        if response.status >= 400:
            log.http_errors.append(f"{response.status} {response.url}")

    def on_failed(request) -> None:
        # net::ERR_ABORTED is the browser cancelling a request itself (a page that forwards at
        # once, a favicon fetch dropped on navigation); a missing file answers with an HTTP
        # error status, which on_response records.
        parsed = urlparse(request.url)
        local = parsed.hostname in LOCAL_HOSTS or parsed.scheme == "file"
        if local and request.failure != "net::ERR_ABORTED":
            log.failed_requests.append(f"{request.url} ({request.failure})")

    def on_console(msg) -> None:
        if msg.type == "error":
            log.console_errors.append(msg.text)

    page.on("request", on_request)
    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    page.on("pageerror", lambda exc: log.page_errors.append(str(exc)))
    page.on("console", on_console)
    return log
