"""Resolved catalogue → site/: stage the docs, run MkDocs, and only then replace the old site.

Staging (``stage_site``) writes into a fresh docs directory the hand-written pages of ``docs/``,
while a second process (``FilesInBackground``) writes there the downloads (``downloads``) and the
search data; meanwhile this one makes the pages and feeds that come from the catalogue's commits;
then both render their shares of the other pages (``page_shares``). The generated pages (``render``),
feeds, source texts and measure data files stay in memory, compressed as each is made (``packed_files``). MkDocs builds that directory and those
files, its pages shared out between two processes (``mkdocs_in_two``), with the configuration of ``mkdocs.yml`` (strict: any warning, such as a broken link, fails
the build) into a fresh directory next to ``site/``; only a build that succeeded replaces ``site/``.
The preview gathers the same files in memory (``stage_files``) and keeps its docs directory up to
date with them.
Which directories a build may replace, and how it cleans up after itself: ``output``.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from reforms.catalogue.resolve import Resolved
from reforms.collector import frozen_heap
from reforms.search.files import search_files
from reforms.site import paths, views
from reforms.site.changesets import ChangeSet, change_sets
from reforms.site.downloads import download_files
from reforms.site.feeds import feed_files, load_feed_config
from reforms.site.gitdates import data_date, last_commit_time
from reforms.site.mkdocs_in_two import build_in_two
from reforms.site.output import (
    BuildError,
    Removal,
    check_site_dir,
    discard_new_site_dirs,
    mark_site_dir,
    new_site_dir,
    remove_leftovers,
    replace_dir,
    staging_dir,
)
from reforms.site.packed_files import PLUGIN_NAME, HandOver, generated_size, packed
from reforms.site.page_shares import PageShares
from reforms.site.render import (
    PROJECT_ROOT,
    TEMPLATES_DIR,
    catalogue_pages,
    compile_templates,
    history_pages,
    render,
    render_measure_pages,
)
from reforms.site.second_process import FilesInBackground
from reforms.site.updates import Changes, catalogue_changes

DOCS_DIR = PROJECT_ROOT / "docs"
CONFIG_FILE = PROJECT_ROOT / "mkdocs.yml"
SITE_DIR = PROJECT_ROOT / "site"


class StagedNames:
    """The generated files' names, checked as they are staged: none may take the name of a
    hand-written file of docs/, nor lead outside the staging directory. Those are left out, and
    ``check`` then stops the build, naming them all."""

    def __init__(self, hand_written: Container[str]) -> None:
        self.hand_written = hand_written
        self.clashes: list[str] = []
        self.outside: list[str] = []

    def admitted(self, files: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
        for name, content in files:
            if name in self.hand_written:
                self.clashes.append(name)
            elif not stays_inside(name):
                self.outside.append(name)
            else:
                yield name, content

    def check(self) -> None:
        if self.clashes:
            raise BuildError(f"docs/ 中的文件与生成的页面同名：{'、'.join(sorted(self.clashes))}；请改名")
        if self.outside:
            raise BuildError(f"这些文件会写到生成目录之外：{'、'.join(sorted(self.outside))}")


@frozen_heap()
def stage_site(
    folder: Path,
    resolved: Resolved,
    catalogue_root: Path,
    docs_dir: Path = DOCS_DIR,
    config_file: Path = CONFIG_FILE,
    stage_done: Callable[[str], None] = lambda name: None,
) -> dict[str, bytes]:
    """Stage a build: write into ``folder``, empty, the hand-written files, while a second process
    writes there the search data and the downloads, then renders pages beside this one
    (``data_in_background``, ``page_shares``). Meanwhile this one copies the source texts and data
    files and makes the pages and feeds that come from the catalogue's commits (``history_files``).
    Return the pages and other files made in either, compressed (``packed_files``) as each is made,
    for ``publish``. ``stage_done`` is called with the name of each part as it ends
    (``benchmarks/build.py`` times them)."""
    hand = hand_written(docs_dir)
    site = views.site_data(resolved)
    # What every page shows of the catalogue's history (each measure's last change, the data's date),
    # read once for both processes. What each commit changed is read after the fork, by this process alone.
    changes, epoch = catalogue_changes(resolved.measures, catalogue_root), catalogue_epoch(catalogue_root)
    shares = PageShares()

    def shared_pages() -> dict[str, bytes]:
        return packed(render(site, catalogue_pages(site, catalogue_root, changes, shares), epoch, shares=shares))

    data = data_in_background(site, folder, frozenset(hand), config_file, [shared_pages])
    try:
        # Compiled here while the second process makes the search data and the downloads, which need
        # none; by the time it renders pages, it reads them from the cache folder (``template_cache``).
        compile_templates(TEMPLATES_DIR)
        write_new(hand.items(), folder)
        names = StagedNames(hand)
        pages = packed(names.admitted(copied_files(resolved, catalogue_root)))
        # These first, while the second process makes the search data and the downloads; then the pages, shared out.
        history = History(changes, change_sets(catalogue_root, resolved), epoch)
        pages.update(packed(names.admitted(history_files(site, history, TEMPLATES_DIR, config_file))))
        pages.update(names.admitted(shared_pages().items()))
        stage_done("render")
        data.files(), data.files()  # the search data, the downloads
        pages.update(names.admitted(data.files().items()))
        names.check()
        stage_done("downloads + search")
    finally:
        data.stop()
    return pages


@frozen_heap()
def stage_files(
    resolved: Resolved,
    catalogue_root: Path,
    docs_dir: Path = DOCS_DIR,
    templates_dir: Path = TEMPLATES_DIR,
    config_file: Path = CONFIG_FILE,
    history: History | None = None,
    site: views.SiteData | None = None,
) -> dict[str, bytes]:
    """Every file that ``stage_site`` stages, on disk and in memory, uncompressed: ``{relative path: bytes}``.

    ``history`` is read from git unless given (the preview reads it once per save);
    ``site``, what the pages show (``views.site_data``), likewise (the preview has it already)."""
    site = site or views.site_data(resolved)
    files = hand_written(docs_dir)
    names = StagedNames(frozenset(files))
    files.update(names.admitted(page_files(site, catalogue_root, templates_dir, config_file, history=history)))
    files.update(names.admitted(data_files(site, config_file).items()))
    names.check()
    return dict(sorted(files.items()))


def data_files(site: views.SiteData, config_file: Path = CONFIG_FILE) -> dict[str, bytes]:
    """The downloads, with page addresses under the site's published address, and the search data."""
    return {**download_files(site, load_feed_config(config_file).site_url), **search_files(site.resolved)}


def data_in_background(
    site: views.SiteData,
    folder: Path,
    hand_written: Container[str],
    config_file: Path = CONFIG_FILE,
    then: Sequence[Callable[[], dict[str, bytes]]] = (),
) -> FilesInBackground:
    """``data_files``, written into the staging ``folder`` by a second process while this one renders
    the pages: the search data, then the downloads (the index's arrays are that process's peak of
    memory; they come before the downloads' objects), each batch how many files it wrote; then a
    batch of files from each of ``then``, in turn (the pages it renders)."""

    def staged(make: Callable[[], dict[str, bytes]]) -> Callable[[], int]:
        def write() -> int:
            names = StagedNames(hand_written)
            written = write_new(names.admitted(make().items()), folder)
            names.check()
            return len(written)  # not the names: thousands of them would fill the pipe and hold the process
        return write

    return FilesInBackground(
        [
            staged(lambda: search_files(site.resolved)),
            staged(lambda: download_files(site, load_feed_config(config_file).site_url)),
            *then,
        ],
        "下载文件、搜索数据和页面",
    )


def page_files(
    site: views.SiteData,
    catalogue_root: Path,
    templates_dir: Path = TEMPLATES_DIR,
    config_file: Path = CONFIG_FILE,
    touched: Container[str] = paths.EVERY_PAGE,
    history: History | None = None,
) -> Iterator[tuple[str, bytes]]:
    """The generated pages, the feeds, the source texts and the measures' data files, as ``(path in
    the docs dir, bytes)``, each page rendered as it is asked for (the preview builds and shows one
    before it renders the next); with ``touched`` (page URLs: ``render.pages_showing``), the pages,
    feeds and data files of one measure, department … only for those listed there (the preview's
    edit of a few measures). ``history`` is read from git unless given (the preview reads it once per save)."""
    if history is None:
        history = History.read(site.resolved, catalogue_root)
    yield from render(site, catalogue_pages(site, catalogue_root, history.changes, touched), history.epoch, templates_dir)
    yield from history_files(site, history, templates_dir, config_file, touched)
    yield from copied_files(site.resolved, catalogue_root, touched)


def history_files(
    site: views.SiteData,
    history: History,
    templates_dir: Path = TEMPLATES_DIR,
    config_file: Path = CONFIG_FILE,
    touched: Container[str] = paths.EVERY_PAGE,
) -> Iterator[tuple[str, bytes]]:
    """The pages and feeds made from the catalogue's commits (``render.history_pages``, ``feeds``)."""
    yield from render(site, history_pages(site.resolved, history.changes, history.sets), history.epoch, templates_dir)
    yield from feed_files(site, history.sets, load_feed_config(config_file), templates_dir, touched).items()


def copied_files(resolved: Resolved, catalogue_root: Path, touched: Container[str] = paths.EVERY_PAGE) -> Iterator[tuple[str, bytes]]:
    """The source texts and the measures' data files, as they are in catalogue/ (``touched``: as ``page_files``)."""
    yield from source_texts(resolved, catalogue_root).items()
    yield from measure_data_files(resolved, catalogue_root, touched).items()


def catalogue_epoch(catalogue_root: Path) -> int:
    """The time of the catalogue's last commit (0 outside git): the data's date, not the build's."""
    return last_commit_time(catalogue_root) or 0


class History(NamedTuple):
    """What the pages show of the catalogue's history (git): each measure's last change, what each
    commit changed (the updates page, the feeds), the date of the last commit (the data's date)."""

    changes: Changes
    sets: list[ChangeSet]
    epoch: int

    @classmethod
    def read(cls, resolved: Resolved, catalogue_root: Path) -> History:
        changes = catalogue_changes(resolved.measures, catalogue_root)
        return cls(changes, change_sets(catalogue_root, resolved), catalogue_epoch(catalogue_root))


def stage_measure_pages(
    site: views.SiteData, catalogue_root: Path, ids: set[str], history: History, templates_dir: Path = TEMPLATES_DIR
) -> dict[str, bytes]:
    """The staged pages of the measures ``ids`` alone, as ``stage_files`` makes them."""
    return dict(render_measure_pages(site, catalogue_root, ids, history.changes, history.epoch, templates_dir))


def stays_inside(relative: str) -> bool:
    """A relative path that names a file inside the directory it is joined to: no ``..``, no ``/`` first."""
    path = PurePosixPath(relative)
    return bool(relative) and not path.is_absolute() and ".." not in path.parts and path.as_posix() == relative


def hand_written(docs_dir: Path) -> dict[str, bytes]:
    """The files of ``docs/``; a symbolic link there (which could publish any file of the machine) stops the build."""
    files = {}
    for folder, subfolders, names in os.walk(docs_dir):
        for name in sorted([*subfolders, *names]):
            path = Path(folder) / name
            relative = path.relative_to(docs_dir).as_posix()
            if path.is_symlink():
                raise BuildError(f"docs/{relative}:1:1: 是符号链接；docs/ 中只能放文件本身 —— 删除这个链接，把要用的文件本身放进来")
            if name in names:
                files[relative] = path.read_bytes()
    return dict(sorted(files.items()))


def source_texts(resolved: Resolved, catalogue_root: Path) -> dict[str, bytes]:
    """Each document's source text, copied to the site under the same path (``sources/…``)."""
    return {d.source: (catalogue_root / d.source).read_bytes() for d in resolved.documents}


def measure_data_files(resolved: Resolved, catalogue_root: Path, wanted: Container[str]) -> dict[str, bytes]:
    """Each measure's YAML file as it is in catalogue/, served with the site (``data/measures/…``);
    only those whose page is ``wanted``."""
    return {
        paths.measure_data(m.document.id, m.id): (catalogue_root / "measures" / m.document.id / f"{m.id}.yml").read_bytes()
        for m in resolved.measures
        if paths.measure_url(m.id) in wanted
    }


class Synced(NamedTuple):
    written: list[str]
    removed: int


def write_changed(files: dict[str, bytes], target: Path) -> list[str]:
    """Write those of ``files`` whose bytes differ from what ``target`` holds; the paths written."""
    return write_new(((relative, content) for relative, content in files.items() if not holds(target, relative, content)), target)


def holds(target: Path, relative: str, content: bytes) -> bool:
    path = os.path.join(target, relative)
    try:
        return os.path.getsize(path) == len(content) and Path(path).read_bytes() == content
    except FileNotFoundError:
        return False


def write_new(files: Iterable[tuple[str, bytes]], target: Path) -> list[str]:
    """Write ``files`` (relative path, bytes) into ``target``, over any file of the same name; the paths written."""
    written, made = [], set()
    for relative, content in files:
        path = os.path.join(target, relative)
        folder = os.path.dirname(path)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        Path(path).write_bytes(content)
        written.append(relative)
    return written


def sync_tree(files: dict[str, bytes], target: Path) -> Synced:
    """Make ``target`` hold exactly ``files``; unchanged files are not touched (nor their modification times)."""
    written, removed = write_changed(files, target), 0
    for folder, _, names in os.walk(target, topdown=False):  # a folder's subfolders come before it
        inside = Path(folder).relative_to(target).as_posix()
        for name in names:
            if (name if inside == "." else f"{inside}/{name}") not in files:
                os.unlink(os.path.join(folder, name))
                removed += 1
        if inside != "." and not os.listdir(folder):
            os.rmdir(folder)
    return Synced(written, removed)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def mkdocs_warnings() -> Iterator[list[str]]:
    """The warnings MkDocs logs while inside the block (in strict mode, each one fails the build)."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


@contextmanager
def source_date(epoch: int) -> Iterator[None]:
    """MkDocs dates what it stamps (sitemap) by SOURCE_DATE_EPOCH; pin it unless the caller did."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def run_mkdocs(
    docs_dir: Path,
    site_dir: Path,
    config_file: Path = CONFIG_FILE,
    epoch: int = 0,
    pages: dict[str, bytes] | None = None,
    docs_read: Callable[[], None] | None = None,
    **overrides,
) -> None:
    """MkDocs' own build of ``docs_dir`` into ``site_dir``, strict; BuildError with every warning.
    With ``pages`` (``stage_site``), MkDocs takes those files as well, and empties the dict;
    ``docs_read`` is called once it has read all of ``docs_dir`` (``mkdocs_in_two``)."""
    with mkdocs_warnings() as warnings, source_date(epoch):
        try:
            config = load_config(
                config_file=str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True, **overrides
            )
            config["extra"]["data_updated"] = data_date(epoch)
            if pages is not None:
                config.plugins[PLUGIN_NAME] = HandOver(pages)
            with frozen_heap():
                build_in_two(config, generated_size, docs_read or (lambda: None))
        except (MkDocsException, SystemExit) as error:
            details = "\n".join(f"  {w}" for w in warnings)
            raise BuildError(f"MkDocs 生成失败：{error}" + (f"\n{details}" if details else "")) from error


@contextmanager
def site_staging(site_dir: Path, catalogue_root: Path, docs_dir: Path = DOCS_DIR) -> Iterator[Path]:
    """A staging docs directory for a build of ``site_dir``, removed after it: ``stage_site`` fills it,
    ``publish`` builds it with the pages. Refuses a ``site_dir`` that a build must not replace (``output``)."""
    check_site_dir(site_dir, catalogue_root, docs_dir)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(site_dir)
    with staging_dir() as staging:
        yield Path(staging)


def publish(
    staging: Path,
    pages: dict[str, bytes],
    site_dir: Path,
    catalogue_root: Path,
    config_file: Path = CONFIG_FILE,
    **overrides,
) -> None:
    """MkDocs' build of ``staging`` and ``pages`` (``stage_site``) into a fresh directory, which then
    replaces ``site_dir``; on BuildError ``site_dir`` is untouched. ``staging`` is removed as soon as
    MkDocs has read it, beside its page building."""
    site_dir = site_dir.resolve()
    removal = Removal(staging)
    try:
        fresh = new_site_dir(site_dir)
        epoch = catalogue_epoch(catalogue_root)  # the data's date, not the build's
        run_mkdocs(staging, fresh, config_file, epoch, pages, removal.start, **overrides)
        mark_site_dir(fresh)
    except BaseException:
        discard_new_site_dirs(site_dir)  # also one a signal left between its creation and `fresh =`
        raise
    finally:
        removal.finish()
    replace_dir(fresh, site_dir)


def build_site(
    resolved: Resolved,
    catalogue_root: Path,
    site_dir: Path = SITE_DIR,
    docs_dir: Path = DOCS_DIR,
    config_file: Path = CONFIG_FILE,
    **overrides,
) -> float:
    """Build the whole site into ``site_dir``; the seconds it took. On BuildError ``site_dir`` is
    untouched. (``build.py build`` takes the same steps, and lets the catalogue go before MkDocs runs.)"""
    started = time.perf_counter()
    with site_staging(site_dir, catalogue_root, docs_dir) as staging:
        pages = stage_site(staging, resolved, catalogue_root, docs_dir, config_file)
        publish(staging, pages, site_dir, catalogue_root, config_file, **overrides)
    return time.perf_counter() - started
