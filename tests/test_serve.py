"""The preview server outlives the readers who give up on it.

While ``serve`` rebuilds, MkDocs holds every page request until the build is done; a reader who
closes the tab meanwhile leaves a socket nobody reads. Writing the page to it must cost that one
request, not the server (as it did when the command line restored the default SIGPIPE action).
"""

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from chromium import free_port  # tests/chromium.py

TESTS = Path(__file__).parent
ROOT = TESTS.parent
VALID = TESTS / "fixtures" / "valid"
MEASURE = "measures/yz2022/yz2022-list-001.yml"


def fetch(port: int, path: str = "/") -> int:
    """The status of a page, waiting out a build; the server must answer within a minute."""
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as response:
                return response.status
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def abandon_requests(port: int, count: int = 3) -> None:
    """Ask for a large file and hang up without reading the answer."""
    for _ in range(count):
        with socket.create_connection(("127.0.0.1", port)) as client:
            client.sendall(b"GET /downloads/catalogue.json HTTP/1.1\r\nHost: preview\r\n\r\n")


def test_serve_survives_requests_abandoned_during_a_rebuild(tmp_path):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(VALID, catalogue)
    port = free_port()
    command = [sys.executable, "build.py", "--catalogue", str(catalogue), "serve", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert fetch(port) == 200
        measure = catalogue / MEASURE
        text = measure.read_text(encoding="utf-8")
        # An ordinary edit, a broken catalogue (MkDocs holds requests until it is fixed), the fix.
        for edited in (text.replace("开展", "开展 "), text.replace("区市场监管局", "区不存在局"), text):
            measure.write_text(edited, encoding="utf-8")
            time.sleep(0.8)  # the watcher has seen the change and the rebuild is running
            abandon_requests(port)
        assert fetch(port, "/downloads/catalogue.json") == 200
        assert server.poll() is None, server.communicate()[0][-2000:]
    finally:
        server.terminate()
        output = server.communicate(timeout=60)[0]
    assert "Traceback" not in output


def test_the_preview_hears_of_writes_and_not_of_reads(tmp_path):
    from watchdog.events import FileSystemEventHandler

    from reforms.site.serve import WriteObserver

    record = tmp_path / "m.yml"
    record.write_text("title: 一\n", encoding="utf-8")
    heard = []
    handler = FileSystemEventHandler()
    handler.on_any_event = lambda event: heard.append(event.event_type)
    observer = WriteObserver()
    observer.schedule(handler, str(tmp_path), recursive=True)
    observer.start()
    try:
        time.sleep(0.2)
        record.read_text(encoding="utf-8")  # a build reads every record: that is no change
        time.sleep(0.3)
        assert heard == []
        record.write_text("title: 二\n", encoding="utf-8")
        deadline = time.monotonic() + 5
        while not heard and time.monotonic() < deadline:
            time.sleep(0.01)
        assert "modified" in heard or "closed" in heard
    finally:
        observer.stop()
        observer.join()


def test_connections_wait_their_turn_while_the_server_is_busy(tmp_path):
    """A reloading page asks for some twenty files at once. Connections the server has not yet
    accepted (a build holds the interpreter) are queued; with MkDocs' queue of five the kernel
    dropped the rest, and the browser tried again only a second later."""
    from reforms.cli import load_and_check
    from reforms.site.serve import Preview, PreviewServer

    preview = Preview(VALID, load_and_check, tmp_path / "site", tmp_path / "staging")
    port = free_port()
    server = PreviewServer(preview, "127.0.0.1", port)
    clients = []
    try:
        server.server_bind()
        server.server_activate()  # listening, accepting nothing yet
        for _ in range(24):
            clients.append(socket.create_connection(("127.0.0.1", port), timeout=0.5))
    finally:
        for client in clients:
            client.close()
        server.server_close()
    assert len(clients) == 24
