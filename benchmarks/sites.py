"""The sites the benchmark loads, and a local server that gzips like a real one and counts bytes.

* ours: the real site, as ``python build.py`` makes it;
* material: the same pages with Material's built-in search (``search: {lang: zh}``, with jieba
  segmenting the Chinese text at build time) in place of ours;
* ours at scale: a copy of the real site whose search files are those of a larger catalogue
  (the pages themselves are not rebuilt: 10,000 measure pages take MkDocs minutes, and the
  search never reads them).
"""

from __future__ import annotations

import gzip
import mimetypes
import shutil
import threading
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from reforms.catalogue.resolve import Resolved
from reforms.search.files import search_files
from reforms.site.build_site import build_site

MATERIAL_SEARCH = [{"search": {"lang": "zh"}}]
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")


def build_ours(resolved: Resolved, catalogue: Path, site_dir: Path) -> Path:
    build_site(resolved, catalogue, site_dir)
    return site_dir


def build_material(resolved: Resolved, catalogue: Path, site_dir: Path) -> Path:
    build_site(resolved, catalogue, site_dir, plugins=MATERIAL_SEARCH)
    return site_dir


def with_search_of(site_dir: Path, resolved: Resolved, target: Path) -> Path:
    """A copy of ``site_dir`` whose search files are built from ``resolved``."""
    shutil.copytree(site_dir, target)
    for relative in (target / "search").iterdir():
        if relative.is_dir():
            shutil.rmtree(relative)
        elif relative.name != "index.html":
            relative.unlink()
    for relative, content in search_files(resolved).items():
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        (target / relative).write_bytes(content)
    return target


@dataclass
class Sent:
    path: str
    raw: int
    sent: int


@dataclass
class Log:
    entries: list[Sent] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, entry: Sent) -> None:
        with self.lock:
            self.entries.append(entry)

    def take(self) -> list[Sent]:
        with self.lock:
            entries, self.entries = self.entries, []
        return entries


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed (level 6, as a web server would) when the browser accepts it,
    never cached by the browser, with a log of the bytes of each response."""

    log: Log
    cache: dict[Path, bytes]

    def __init__(self, *args, log: Log, cache: dict, **kwargs):
        self.log, self.cache = log, cache
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                super().do_GET()  # the redirect to the directory URL
                return
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        zipped = "gzip" in self.headers.get("Accept-Encoding", "") and kind.startswith(COMPRESSIBLE)
        if zipped and path not in self.cache:
            self.cache[path] = gzip.compress(body, 6, mtime=0)
        sent = self.cache[path] if zipped else body
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(sent)))
        self.send_header("Cache-Control", "no-store")
        # Cross-origin isolation: performance.now() then counts in 5 µs steps, not 100 µs.
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(sent)
        self.log.add(Sent(self.path.split("?")[0], len(body), len(sent)))

    def log_message(self, *args) -> None:
        pass


class Server:
    """``with Server(site_dir) as server:`` serves the site at ``server.url`` on 127.0.0.1."""

    def __init__(self, root: Path) -> None:
        self.log = Log()
        handler = partial(GzipHandler, directory=str(root), log=self.log, cache={})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __enter__(self) -> Server:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
