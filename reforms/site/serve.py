"""``python build.py serve``: a live preview that shows an edit in seconds, or says what is wrong.

On every save under catalogue/, docs/, templates/, overrides/ or mkdocs.yml the preview
re-renders the staging docs directory (only files whose bytes changed are rewritten, and
YAML files that did not change are not parsed again), then MkDocs, kept loaded between saves,
builds again only the files that changed (``live_mkdocs``). A change that every page depends on
(the theme in overrides/, mkdocs.yml) or that adds or removes a file rebuilds the whole site. When only measure
files changed, their own pages are rendered and built first and the browsers reload; the index
pages, downloads and search data the edit touches follow, and the browsers reload again.

While the catalogue has problems, every page of the preview shows them, as ``validate`` prints
them; the next good save brings the pages back. Browsers reload themselves either way.
"""

from __future__ import annotations

import logging
import signal
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer

from reforms.catalogue.resolve import Resolved
from reforms.site import views
from reforms.site.build_site import (
    CONFIG_FILE,
    DOCS_DIR,
    BuildError,
    stage_files,
    stage_measure_pages,
    sync_tree,
    write_changed,
)
from reforms.site.gitdates import last_commit_time
from reforms.site.live_mkdocs import OVERRIDES_DIR, LiveSite
from reforms.site.render import TEMPLATES_DIR, pages_showing
from reforms.site.updates import catalogue_changes

log = logging.getLogger("mkdocs.reforms")

POLL_SECONDS = 0.2  # how often the watched folders are scanned for changes

Loader = Callable[..., tuple[Resolved | None, list]]


class Preview:
    """The staging directory and the built site of one preview session, kept in step with the sources."""

    def __init__(
        self,
        catalogue_root: Path,
        load: Loader,
        site_dir: Path,
        staging: Path,
        docs_dir: Path = DOCS_DIR,
        config_file: Path = CONFIG_FILE,
        site_url: str | None = None,
    ) -> None:
        self.catalogue_root, self.load, self.site_dir, self.staging = catalogue_root, load, site_dir, staging
        self.docs_dir = docs_dir
        self.site = LiveSite(config_file, staging, site_dir, site_url)
        self.parsed: dict = {}  # YAML files parsed so far, by path and modification (load_catalogue's cache)
        self.problems: list[str] = []  # what stops the preview, as validate prints it; empty when all is well
        self.shown: views.SiteData | None = None  # the catalogue as the site shows it

    @property
    def config_file(self) -> Path:
        return self.site.config_file

    def rebuild(self, show: Callable[[], None] = lambda: None) -> None:
        """Bring the site up to date with the sources; on problems, keep the site and record them.

        When only measure files changed, their pages are built first and ``show`` is called (the
        server reloads the browsers), then everything else the edit touches."""
        started = time.perf_counter()
        stamps = {path: entry[0] for path, entry in self.parsed.items()}
        resolved, problems = self.load(self.catalogue_root, cache=self.parsed)
        if resolved is None:
            self.problems = [problem.format() for problem in problems]
            log.error(f"目录有 {len(problems)} 个问题，预览页面显示这些问题；改正后保存即可恢复")
            return
        try:
            edited = self.edited_measures(stamps)
            changes = catalogue_changes(resolved.measures, self.catalogue_root)
            epoch = last_commit_time(self.catalogue_root) or 0
            if edited and self.site.kept:
                pages = write_changed(stage_measure_pages(resolved, self.catalogue_root, edited, changes), self.staging)
                self.site.rebuild(pages, epoch)
                self.problems = []
                show()
                log.info(f"改动的措施页已更新，用时 {time.perf_counter() - started:.2f} 秒")
            site = views.site_data(resolved)
            touched = self.touched_pages(site, edited)
            staged = stage_files(resolved, self.catalogue_root, self.docs_dir, changes=changes, touched=touched)
            if touched is not None:  # files are only rewritten: none is removed
                built = self.site.rebuild(write_changed(staged, self.staging), epoch)
            else:
                synced = sync_tree(staged, self.staging)
                built = self.site.rebuild(synced.written, epoch) if not synced.removed else self.site.build_all(epoch)
        except (BuildError, MkDocsException, OSError) as error:
            self.problems = [str(error)]
            log.error(f"预览未能更新：{error}")
            return
        self.problems, self.shown = [], site
        how = "整站" if built < 0 else f"{built} 个文件有变化"
        log.info(f"预览已更新（{how}），用时 {time.perf_counter() - started:.2f} 秒")

    def touched_pages(self, site: views.SiteData, edited: set[str] | None) -> set[str] | None:
        """The pages that show the edited measures, before the edit or after it (``render.pages_showing``);
        None when the edit adds a measure, removes one or moves it to another document: the site's
        files are then made whole again."""
        if not edited or self.shown is None:
            return None
        before = {m.id: m.document.id for m in self.shown.resolved.measures if m.id in edited}
        after = {m.id: m.document.id for m in site.resolved.measures if m.id in edited}
        if before != after or len(after) != len(edited):
            return None
        return pages_showing(self.shown, edited) | pages_showing(site, edited)

    def edited_measures(self, stamps: dict) -> set[str] | None:
        """The ids of the measures whose files the last load read again, if only measure files were;
        otherwise None (nothing read again, or another kind of file)."""
        read_again = [(path, entry[1][0]) for path, entry in self.parsed.items() if stamps.get(path) != entry[0]]
        if not read_again or any(path.relative_to(self.catalogue_root).parts[0] != "measures" for path, _ in read_again):
            return None
        return {located.record.id for _, records in read_again for located in records}

    def problems_page(self) -> bytes:
        env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True)
        return env.get_template("preview_problems.html.j2").render(problems=self.problems).encode("utf-8")


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, showing the catalogue's problems in place of any page while there are some."""

    def __init__(self, preview: Preview, host: str, port: int) -> None:
        super().__init__(
            builder=self.rebuild, host=host, port=port, root=str(preview.site_dir), polling_interval=POLL_SECONDS
        )
        self.preview = preview

    def rebuild(self) -> None:
        self.preview.rebuild(show=self.show_now)
        with self._epoch_cond:  # browsers reload once more when the build ends, shown early or not
            self._wanted_epoch = max(self._wanted_epoch, self._visible_epoch + 1)

    def show_now(self) -> None:
        """Reload the browsers while the build goes on: the edited measure's page is ready."""
        with self._epoch_cond:
            self._visible_epoch = self._wanted_epoch
            self._epoch_cond.notify_all()

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"]
        is_page = path.endswith("/") or path.endswith(".html")
        if self.preview.problems and is_page and not path.startswith("/livereload/"):
            with self._epoch_cond:
                epoch = self._visible_epoch
            content = self._inject_js_into_html(self.preview.problems_page(), epoch)
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(content)))])
            return [content]
        return super()._serve_request(environ, start_response)


def serve_site(catalogue_root: Path, load: Loader, dev_addr: str = "127.0.0.1:8000", docs_dir: Path = DOCS_DIR) -> None:
    """Serve until interrupted; the staging directory and the site live in a temporary folder, removed at the end."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # a browser that gives up on a request must not end the server
    show_mkdocs_log()
    host, port = dev_addr.rsplit(":", 1)
    with tempfile.TemporaryDirectory(prefix="reforms-serve-") as scratch:
        site_dir, staging = Path(scratch) / "site", Path(scratch) / "docs"
        preview = Preview(catalogue_root.resolve(), load, site_dir, staging, docs_dir, site_url=f"http://{host}:{port}/")
        server = PreviewServer(preview, host, int(port))
        preview.rebuild()
        for path in (catalogue_root, docs_dir, TEMPLATES_DIR, OVERRIDES_DIR, CONFIG_FILE):
            server.watch(str(path))
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("预览已停止")
        finally:
            server.shutdown()


def show_mkdocs_log() -> None:
    # MkDocs warns on every dirty build; here it is how the preview works, not a problem.
    logging.getLogger("mkdocs.commands.build").addFilter(lambda record: "'dirty' build" not in record.getMessage())
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
