"""What the browser tests share: Debian's Chromium launched headless, with nothing that reaches
for the network (this machine has none), a built site served on 127.0.0.1, and ``build.py serve``
running on a catalogue (the preview tests and ``benchmarks/preview.py``)."""

import functools
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 (the base class's name)
        pass


@contextmanager
def serving(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free port of 127.0.0.1; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def previewing(
    catalogue: Path, startup_seconds: float = 180, log: Path | None = None
) -> Iterator[tuple[str, subprocess.Popen]]:
    """``build.py serve`` on ``catalogue`` at a free port, once it answers; yields its URL and process.
    What it prints goes to the file ``log``, if given."""
    port = free_port()
    output = log.open("w", encoding="utf-8") if log else subprocess.DEVNULL
    server = subprocess.Popen(
        [sys.executable, "build.py", "--catalogue", str(catalogue), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT, stdout=output, stderr=output,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + startup_seconds
        while True:
            try:
                urllib.request.urlopen(url, timeout=5).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("build.py serve did not start") from None
                time.sleep(0.5)
        yield url, server
    finally:
        server.terminate()
        server.wait(timeout=900)  # a preview of 10,000 measures deletes its 60,000 files first
        if log:
            output.close()
