"""``python build.py serve``: a live preview that shows an edit in seconds, or says what is wrong.

On every save under catalogue/, docs/, templates/, overrides/ or mkdocs.yml the preview
re-renders the staging docs directory (only files whose bytes changed are rewritten, and
YAML files that did not change are not parsed again), then MkDocs, kept loaded between saves,
builds again only the files that changed (``live_mkdocs``). A change that every page depends on
(the theme in overrides/, mkdocs.yml) or that adds or removes a file rebuilds the whole site.
When only measure files changed, the preview goes in steps: their own pages, the pages that list
them (each shown as soon as it is built, the comparison pages after the others that list them),
the downloads; the search data comes between two of those pages as soon as a second process has
made it (``Preview.build_in_steps``). A browser reloads when the page it shows is
built again, or when every page may have changed (a whole build, problems found or gone); the
search page when the search data changed.

While the catalogue has problems, every page of the preview shows them, as ``validate`` prints
them; the next good save brings the pages back. Browsers reload themselves either way.
"""

from __future__ import annotations

import gc
import logging
import os
import re
import signal
import socket
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
)
from watchdog.observers import Observer

from reforms.catalogue.resolve import Resolved
from reforms.collector import frozen_heap
from reforms.search.edits import KeptIndex, edited_files
from reforms.search.files import INDEX_SCRIPT, search_files
from reforms.site import paths, views
from reforms.site.build_site import (
    CONFIG_FILE,
    DOCS_DIR,
    BuildError,
    History,
    catalogue_epoch,
    page_files,
    stage_files,
    stage_measure_pages,
    sync_tree,
    write_changed,
)
from reforms.site.downloads import download_files
from reforms.site.feeds import load_feed_config
from reforms.site.live_mkdocs import LiveSite
from reforms.site.render import OVERRIDES_DIR, TEMPLATES_DIR, document_pages_showing, pages_showing
from reforms.site.second_process import FilesInBackground

log = logging.getLogger("mkdocs.reforms")

SWITCH_SECONDS = 0.0005  # a build holds the interpreter this long before a browser's request gets it (Python's default: 5 ms)
BUILD_DELAY = 0.05  # seconds without a further change before a build starts (one save can be several writes)
WRITES = [FileModifiedEvent, FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileMovedEvent]

# The search data is read by the search page as it opens, and by any page's search box when it is
# first focused: the search page reloads; the others, left as they are, read the new data then
# (one whose box was used before the edit keeps what it read until it is opened again).
SEARCH_PAGE = [paths.page_file(paths.SEARCH).replace(".md", ".html")]
Loader = Callable[..., tuple[Resolved | None, list]]
Show = Callable[[list[str] | None], None]  # reloads the browsers whose pages were built (None: every page)


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
        self.parsed: dict = {}  # YAML files parsed so far, by path in the catalogue and modification (load_catalogue's cache)
        self.problems: list[str] = []  # what stops the preview, as validate prints it; empty when all is well
        self.shown: views.SiteData | None = None  # the catalogue as the site shows it
        self.search_index: KeptIndex | None = None  # the lunr index of ``shown``, which an edit changes (``search.edits``)
        # the measures edited since ``shown``, over saves that did not reach the site; None: other files too
        self.unshown: set[str] | None = set()

    @property
    def config_file(self) -> Path:
        return self.site.config_file

    def rebuild(self, show: Show = lambda built: None) -> None:
        """Bring the site up to date with the sources; on problems, keep the site and record them.

        ``show`` is called with the site's files that changed (None: any page may have), so that the
        server reloads the browsers showing them: once, or after each step when only measure files
        changed (``build_in_steps``).

        Python's cycle collector leaves alone meanwhile what was alive before the save (at 10,000
        measures one full collection takes a second, and came once a save, at any step); the
        garbage the save leaves (the catalogue it replaced) is collected once all is shown."""
        with frozen_heap():
            self.update(show)
        gc.collect()

    def update(self, show: Show) -> None:
        """``rebuild``'s work on the catalogue and the site."""
        started = time.perf_counter()
        if self.problems:  # every page shows them: every page is to reload once they are gone
            show = partial(show_every_page, show)
        stamps = {path: entry[0] for path, entry in self.parsed.items()}
        resolved, problems = self.load(self.catalogue_root, cache=self.parsed)
        read_again = self.edited_measures(stamps)
        self.unshown = None if self.unshown is None or read_again is None else self.unshown | read_again
        if resolved is None:
            self.problems = [problem.format() for problem in problems]
            log.error(f"目录有 {len(problems)} 个问题，预览页面显示这些问题；改正后保存即可恢复")
            show(None)
            return
        # The catalogue just loaded lives on as well: Python's collections leave it alone too, until
        # ``rebuild``'s frozen_heap ends (the only caller: it unfreezes all at once).
        gc.freeze()
        try:
            edited = self.unshown
            if self.site.kept and self.in_steps(resolved, edited):
                site = self.build_in_steps(resolved, edited, show, started)
                how = "改动的措施及列出它们的页面、下载文件、搜索数据"
            else:
                history = History.read(resolved, self.catalogue_root)
                site = views.site_data(resolved)
                staged = stage_files(
                    resolved, self.catalogue_root, self.docs_dir, config_file=self.config_file, history=history, site=site
                )
                synced = sync_tree(staged, self.staging)
                epoch = history.epoch
                built = self.site.build_all(epoch) if synced.removed else self.site.rebuild(synced.written, epoch)
                how = "整站" if synced.removed else f"{len(synced.written)} 个文件有变化"
                self.problems = []
                show(built)
                self.search_index = KeptIndex.of(site.resolved)
        except (BuildError, MkDocsException, OSError) as error:
            self.problems = [str(error)]
            log.error(f"预览未能更新：{error}")
            show(None)
            return
        self.problems, self.shown, self.unshown = [], site, set()
        log.info(f"预览已更新（{how}），用时 {time.perf_counter() - started:.2f} 秒")

    def build_in_steps(self, resolved: Resolved, edited: set[str], show: Show, started: float) -> views.SiteData:
        """An edit of measures alone: their own pages, then the other pages that show them, one by
        one, each shown as soon as it is built, then the downloads. Returns the site's data as the pages now show it.

        A second process (the machine has two cores), forked as soon as the catalogue is loaded,
        makes meanwhile the search files the edit changes (``search.edits``: from the index kept
        since the last save, the parts that hold the edited records' tokens), then the whole search
        data, exact, then the downloads. The search page waits for the first, which that process
        stages and copies into the site itself: a thread reloads the page as soon as they are there,
        whatever page is being built; the others are taken between two pages."""
        site_url = load_feed_config(self.config_file).site_url  # the published address, as a full build writes it
        kept = self.search_index

        def stage_edited_search_files() -> tuple[list[str], list[str]]:
            """(In the second process.) Stage the search files the edit changes and copy them into the
            site: those written, and those left for ``rebuild`` (none, unless a whole build is due)."""
            written = write_changed(edited_files(kept, resolved, edited), self.staging)
            return written, self.site.copy(written, catalogue_epoch(self.catalogue_root))

        def downloads() -> dict[str, bytes]:
            """(In the second process, which works out for itself what the edit touches, rather than
            wait for this one, which first builds the measure's own page.)"""
            edited_site = views.site_data(resolved)
            return download_files(edited_site, site_url, self.touched_pages(edited_site, edited))

        data = FilesInBackground(
            [stage_edited_search_files, lambda: giving_way(search_files, resolved), downloads], "搜索数据和下载文件"
        )
        shown = exact_taken = False

        def build(files: dict[str, bytes], reloaded: Callable[[list[str]], list[str]] | None = None) -> None:
            """Stage and build ``files``; then reload the pages built, or those ``reloaded`` picks
            given the staged files written."""
            nonlocal shown
            written = write_changed(files, self.staging)
            if written:
                built = self.site.rebuild(written, epoch)
                self.problems = []
                show(built if reloaded is None else reloaded(written))
                shown = True

        def show_edited_search_files() -> tuple[bool, list[str]]:
            """(In a thread.) Reload the search page as soon as the second process has staged and
            copied the edited search files, whatever page is being built meanwhile; whether there
            were any, and those left for ``rebuild``."""
            written, left = data.files()
            if written and not left:
                show(SEARCH_PAGE)
                log.info(f"搜索数据已更新（改动的部分），用时 {time.perf_counter() - started:.2f} 秒")
            return bool(written), left

        def take_exact_search_data(edited_search: Future, wait: bool = False) -> None:
            nonlocal exact_taken
            if exact_taken or not (wait or edited_search.done()):
                return
            edited_shown, left = edited_search.result()  # what stopped the thread, if anything, is raised here
            if not (wait or data.ready()):
                return
            exact_taken = True
            if left:
                self.site.rebuild(left, epoch)
                show(SEARCH_PAGE)
            # The exact data differs from the edited files in the last digit of some weights: the
            # search page, which shows the edit already, reloads for it only if the index is cut otherwise.
            build(data.files(), lambda written: SEARCH_PAGE if not edited_shown or INDEX_SCRIPT in written else [])
            log.info(f"搜索数据已更新，用时 {time.perf_counter() - started:.2f} 秒")

        with ThreadPoolExecutor(max_workers=1) as thread:
            try:
                edited_search = thread.submit(show_edited_search_files)
                history = History.read(resolved, self.catalogue_root)
                site, epoch = views.site_data(resolved), history.epoch
                build(stage_measure_pages(site, self.catalogue_root, edited, history))
                log.info(f"改动的措施页已更新，用时 {time.perf_counter() - started:.2f} 秒")
                touched = DocumentsFirst(site, edited, lambda: self.touched_pages(site, edited))
                for path, content in page_files(site, self.catalogue_root, TEMPLATES_DIR, self.config_file, touched=touched, history=history):
                    take_exact_search_data(edited_search)
                    build({path: content})
                log.info(f"列出这些措施的页面已更新，用时 {time.perf_counter() - started:.2f} 秒")
                take_exact_search_data(edited_search, wait=True)
                build(data.files())
                log.info(f"下载文件已更新，用时 {time.perf_counter() - started:.2f} 秒")
                if not shown:  # an edit undone, a broken file put right: no file changed, yet the problems page is to go
                    show([])
            finally:
                data.stop()  # on a failure, ends the thread's wait for the second process too
        self.search_index = (kept and kept.after(resolved, edited)) or KeptIndex.of(resolved)
        return site

    def in_steps(self, resolved: Resolved, edited: set[str] | None) -> bool:
        """Whether the edit changed measures alone, each staying in its document (``build_in_steps``);
        not when it adds a measure, removes one or moves it to another document, or changes the
        latest date the records give (what every department's and district's page counts as overdue
        is reckoned from it): the site's files are then made whole again."""
        if not edited or self.shown is None or resolved.reported_date != self.shown.resolved.reported_date:
            return False
        before = {m.id: m.document.id for m in self.shown.resolved.measures if m.id in edited}
        after = {m.id: m.document.id for m in resolved.measures if m.id in edited}
        return before == after and len(after) == len(edited)

    def touched_pages(self, site: views.SiteData, edited: set[str]) -> set[str]:
        """The pages that show the edited measures, before the edit or after it (``render.pages_showing``)."""
        return pages_showing(self.shown, edited) | pages_showing(site, edited)

    def edited_measures(self, stamps: dict) -> set[str] | None:
        """The ids of the measures whose files the last load read again, if only measure files were
        (none if no file was); otherwise None."""
        read_again = [(path, entry[1][0]) for path, entry in self.parsed.items() if stamps.get(path) != entry[0]]
        if any(not path.startswith("measures/") for path, _ in read_again):
            return None
        return {located.record.id for _, records in read_again for located in records}

    def problems_page(self) -> bytes:
        env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True)
        return env.get_template("preview_problems.html.j2").render(problems=self.problems).encode("utf-8")


class DocumentsFirst:
    """The pages an edit touches (``Preview.touched_pages``), worked out only when a page other than
    the edited measures' document pages is asked about: those come first (``render.catalogue_pages``), and
    an editor looks at them next, while working out the others takes a while (0.35 s at 10,000 measures)."""

    def __init__(self, site: views.SiteData, edited: set[str], all_touched: Callable[[], set[str]]) -> None:
        self.documents = document_pages_showing(site.resolved, edited)
        self.all_touched, self.known = all_touched, None

    def __contains__(self, url: object) -> bool:
        if url in self.documents:
            return True
        if str(url).startswith(paths.DOCUMENTS):  # of the documents' pages, only those
            return False
        if self.known is None:
            self.known = self.all_touched()
        return url in self.known


def giving_way(make: Callable, *args):
    """``make(*args)``, this process giving way from now on to the others (the pages being built, the
    browser showing them): for what nobody waits for, such as the exact search data after the edited."""
    os.nice(10)
    return make(*args)


class WriteObserver(Observer):
    """Told of a file's change by the system as it happens (inotify on Linux), where MkDocs scans
    the watched folders every half second: of writes only, as a build opens the files it reads."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(event_handler, path, recursive=recursive, event_filter=WRITES, follow_symlink=follow_symlink)


def show_every_page(show: Show, built: list[str] | None) -> None:
    show(None)


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, showing the catalogue's problems in place of any page while there
    are some, and reloading a browser only when the page it shows was built again, or when the
    preview says every page may have changed (``Preview.rebuild``'s ``show``)."""

    # A reloading page asks for some twenty files at once, while a build holds the interpreter: with
    # the default queue of 5 unaccepted connections, the kernel drops the others, and the browser
    # tries again only after a second.
    request_queue_size = socket.SOMAXCONN

    def __init__(self, preview: Preview, host: str, port: int) -> None:
        super().__init__(builder=self.rebuild, host=host, port=port, root=str(preview.site_dir))
        self.observer = WriteObserver()
        self.build_delay = BUILD_DELAY
        self.preview = preview
        self.page_epochs: dict[str, int] = {}  # site file → the epoch it was last built in
        self.every_page_epoch = 0  # the last epoch in which every page may have changed

    def rebuild(self) -> None:
        self.preview.rebuild(show=self.show_now)

    def show_now(self, built: list[str] | None) -> None:
        """Reload the browsers showing the pages ``built`` (None: every page), the build done or not."""
        with self._epoch_cond:
            self._wanted_epoch = self._visible_epoch = max(self._wanted_epoch, self._visible_epoch + 1)
            if built is None:
                self.every_page_epoch = self._visible_epoch
            for page in built or []:
                self.page_epochs[page] = self._visible_epoch
            self._epoch_cond.notify_all()

    def last_change(self, referer: str | None) -> int:
        """The epoch in which the page at the address ``referer`` last changed."""
        if not referer:
            return self._visible_epoch
        path = urllib.parse.unquote(urllib.parse.urlsplit(referer).path)[len(self.mount_path) :]
        page = path + "index.html" if path.endswith("/") or not path else path
        return max(self.every_page_epoch, self.page_epochs.get(page, 0))

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"]
        polled = re.fullmatch(r"/livereload/([0-9]+)/[0-9]+", path)
        if polled:  # a browser asks whether to reload: answered once its page changed, or after a minute
            epoch, referer = int(polled[1]), environ.get("HTTP_REFERER")
            start_response("200 OK", [("Content-Type", "text/plain")])
            with self._epoch_cond:
                self._epoch_cond.wait_for(lambda: self.last_change(referer) > epoch, timeout=self.poll_response_timeout)
                return [b"%d" % max(epoch, self.last_change(referer))]
        is_page = path.endswith("/") or path.endswith(".html")
        if self.preview.problems and is_page:
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
    sys.setswitchinterval(SWITCH_SECONDS)
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
