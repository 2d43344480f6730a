"""MkDocs' whole build, its pages shared out between two processes.

MkDocs builds one page after another, on one core; a build has two. Here MkDocs' own steps run
in MkDocs' order, with its own functions (pinned MkDocs, as ``live_mkdocs``): the files, the
navigation, then each page read and converted (``_populate_page``) and written with the theme
(``_build_page``). The navigation's pages are read first: every page shows the navigation, with
what reading them sets (a title, a subtitle, an icon). Then a second process is forked
(``second_process``); the generated pages, the heaviest first, go to whichever process asks for
the next one first (``page_shares``), and each is converted and written at once. This process
first builds the pages read from disk and the navigation's, and copies the other files.

A page needs nothing else of the others: this project's hooks and plugins look at one page at a
time (``ONE_PAGE_AT_A_TIME``; with any other plugin, MkDocs' own build runs instead). What a page
needs of the others, the anchors its links point to, is checked here at the end, as MkDocs checks
it, with the anchors the second process found; MkDocs' messages there are logged here, and its
warnings in strict mode fail the build as MkDocs' would. An error there stops the build as soon
as this process sees it, between two pages. The second process reads nothing from disk:
``docs_read`` is called once this one has read and copied all it needs (the staging directory
can then go). The site is the same, byte for byte, as MkDocs' own build makes it
(``tests/test_mkdocs_in_two.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import NamedTuple

from mkdocs import utils
from mkdocs.commands.build import _build_extra_template, _build_page, _build_theme_template, _populate_page
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.exceptions import BuildError as MkDocsBuildError
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from reforms.site.output import BuildError
from reforms.site.packed_files import PLUGIN_NAME
from reforms.site.page_shares import PageShares
from reforms.site.second_process import FilesInBackground

log = logging.getLogger("mkdocs.reforms")


class Anchors(NamedTuple):
    """A page's anchors, and the anchors its links point to, by page (``Page.validate_anchor_links``)."""

    present: set[str] | None
    linked: dict[str, dict[str, str]]  # {linked page's src_uri: {anchor: link as written}}


class ShareBuilt(NamedTuple):
    """What the second process sends back once it has written its pages."""

    anchors: dict[str, Anchors]  # by src_uri
    logged: list[tuple[str, int, str]]  # (logger, level, message) of MkDocs' messages there, in the order logged


# The plugins that look at one page at a time and gather nothing for later events: this project's
# hooks, the plugin that hands over the generated pages (``packed_files``), the preview's (``live_mkdocs``).
ONE_PAGE_AT_A_TIME = {"reforms/site/mkdocs_hooks.py", PLUGIN_NAME, "reforms-live-preview"}


def build_in_two(
    config, size: Callable[[File], int | None], docs_read: Callable[[], None] = lambda: None, serve_url: str | None = None
) -> None:
    """Build the site of ``config`` as ``mkdocs build`` does (``serve_url``: as ``mkdocs serve`` does).
    ``size(file)``: a page's weight, the heaviest shared out first; None for a page that must stay
    in this process (such as one read from a directory that ``docs_read`` removes). With a plugin
    other than ``ONE_PAGE_AT_A_TIME`` (one that gathers from every page, such as Material's tags),
    MkDocs' own build, in one process."""
    if not set(config.plugins) <= ONE_PAGE_AT_A_TIME:
        mkdocs_build(config, serve_url=serve_url)
        docs_read()
        return
    inclusion = InclusionLevel.is_in_serve if serve_url else InclusionLevel.is_included
    warnings = utils.CountHandler()  # in strict mode, a warning fails the build
    warnings.setLevel(logging.WARNING if config.strict else logging.CRITICAL + 1)
    logging.getLogger("mkdocs").addHandler(warnings)
    try:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        utils.clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        pages = files.documentation_pages(inclusion=inclusion)
        for file in pages:
            if file.page is None:  # not in the navigation
                Page(None, file, config)
        in_nav = {page.file.src_uri for page in nav.pages}
        kept, shared = split(pages, in_nav, size)
        for page in nav.pages:  # before the fork: every page shows the navigation, with what reading its pages sets (a title, an icon)
            _populate_page(page, config, files)
        taken = PageShares()
        other = in_background(lambda: build_share(shared, taken, config, files, pages, nav, env))
        built = ShareBuilt({}, [])
        try:
            for file in kept:
                if file.src_uri not in in_nav:
                    _populate_page(file.page, config, files)
            env = config.plugins.on_env(env, config=config, files=files)
            files.copy_static_files(inclusion=inclusion)
            for template in config.theme.static_templates:
                _build_theme_template(template, env, files, config, nav)
            for template in config.extra_templates:
                _build_extra_template(template, files, config, nav)
            docs_read()
            for file in kept:
                _build_page(file.page, config, pages, nav, env, excluded=file.inclusion.is_excluded())
            for file in shared:
                if other and other.ready():  # done, or stopped by an error: said now, not after all the pages
                    built, other = other.files(), None
                if file.src_uri in taken:
                    build(file, config, files, pages, nav, env)
            if other:
                built = other.files()
        finally:
            if other:
                other.stop()
        for name, level, message in built.logged:
            logging.getLogger(name).log(level, message)
        for src_uri, anchors in built.anchors.items():
            restore_anchors(files.get_file_from_path(src_uri).page, anchors, files)
        for file in pages:
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        if counts := warnings.get_counts():
            raise Abort(f"Aborted with {', '.join(f'{n} {level.lower()}s' for level, n in counts)} in strict mode!")
    except Exception as error:  # as MkDocs' own build
        config.plugins.on_build_error(error=error)
        if isinstance(error, MkDocsBuildError):
            log.error(str(error))
            raise Abort("Aborted with a BuildError!") from error
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(warnings)


def in_background(build_pages: Callable[[], ShareBuilt]) -> FilesInBackground | None:
    """The second process, building its share; None where none can be forked (the first takes every page)."""
    try:
        return FilesInBackground([build_pages], "MkDocs 在另一进程中建的页面")
    except OSError as error:
        log.info(f"未能另开一个进程建页面（{error}），全部页面在本进程中建")
        return None


def split(pages: Sequence[File], in_nav: set[str], size: Callable[[File], int | None]) -> tuple[list[File], list[File]]:
    """The pages that stay in this process (the navigation's, those read from disk), in MkDocs'
    order; the others, to be shared out as the two processes go, the heaviest first."""
    weights = {file.src_uri: None if file.src_uri in in_nav else size(file) for file in pages}
    kept = [file for file in pages if weights[file.src_uri] is None]
    shared = sorted((file for file in pages if weights[file.src_uri] is not None), key=lambda file: -weights[file.src_uri])
    return kept, shared


def build(file: File, config, files: Files, pages: Sequence[File], nav, env) -> None:
    """One page read, converted and written (MkDocs reads them all before it writes any: the same pages)."""
    _populate_page(file.page, config, files)
    _build_page(file.page, config, pages, nav, env, excluded=file.inclusion.is_excluded())


def build_share(shared: Sequence[File], taken: PageShares, config, files: Files, pages: Sequence[File], nav, env) -> ShareBuilt:
    """In the second process: build the pages of ``shared`` it takes first; their anchors and MkDocs' messages."""
    logged = KeepMessages()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.handlers[:] = [logged]  # not printed here: the first process logs them
    mkdocs_log.propagate = False
    env = config.plugins.on_env(env, config=config, files=files)
    anchors = {}
    for file in shared:
        if file.src_uri in taken:
            try:
                build(file, config, files, pages, nav, env)
            except MkDocsException as error:  # said as in the first process (``build_site.run_mkdocs``), with the page
                raise BuildError(f"{file.src_uri}：{error}") from error
            anchors[file.src_uri] = anchors_of(file.page)
    return ShareBuilt(anchors, logged.records)


class KeepMessages(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def anchors_of(page: Page) -> Anchors:
    linked = {to_file.src_uri: dict(links) for to_file, links in (page.links_to_anchors or {}).items()}
    return Anchors(page.present_anchor_ids, linked)


def restore_anchors(page: Page, anchors: Anchors, files: Files) -> None:
    page.present_anchor_ids = anchors.present
    page.links_to_anchors = {files.get_file_from_path(uri): links for uri, links in anchors.linked.items()} or None
