"""MkDocs kept loaded between the preview's builds, so that a save rebuilds only the files it changed.

A whole build is MkDocs' own, its pages shared out between two processes (``mkdocs_in_two``); a
plugin added to its configuration keeps what that build gathered: the files, the navigation, the template
environment. After it, a page whose staged Markdown changed is read, converted and written
again alone, with MkDocs' own page functions (pinned MkDocs, see pyproject.toml) and the kept
objects; any other changed file (a download, the search data) is copied again. The pages that
did not change keep their HTML: the navigation lists only entry pages, under titles written in
mkdocs.yml, so one page's edit changes no other page's menus.

A whole build is needed again when MkDocs would see other files (one added or removed), when
the theme or mkdocs.yml changed, and when the data's date (the footer's 数据更新至) changed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import InclusionLevel

from reforms.site.build_site import source_date
from reforms.site.gitdates import data_date
from reforms.site.mkdocs_in_two import build_in_two
from reforms.site.render import OVERRIDES_DIR

LOADED_BY_PAGES = (".js", ".mjs", ".css", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2")


class _KeepBuild(BasePlugin):
    """Holds on to the objects of the build it is added to."""

    def on_files(self, files, config, **kwargs):
        self.files = files
        return files

    def on_nav(self, nav, config, files, **kwargs):
        self.nav = nav
        return nav

    def on_env(self, env, config, files, **kwargs):
        self.env = env
        return env


class LiveSite:
    """The site of one preview session: built whole once, then page by page."""

    def __init__(self, config_file: Path, docs_dir: Path, site_dir: Path, site_url: str | None = None) -> None:
        self.config_file, self.docs_dir, self.site_dir, self.site_url = config_file, docs_dir, site_dir, site_url
        self.kept: _KeepBuild | None = None
        self.built_with: tuple | None = None  # (theme, data date) of the last whole build

    def build_all(self, epoch: int) -> None:
        """Build the whole site; None (every file changed, as ``rebuild`` says it)."""
        config = self._config(epoch)
        kept = config.plugins["reforms-live-preview"] = _KeepBuild()
        with source_date(epoch):
            build_in_two(config, file_size, serve_url=self.site_url)
        self.config, self.kept, self.built_with = config, kept, (theme_stamp(self.config_file), epoch)
        # the same pages until the next whole build, which any added or removed file brings: worked
        # out once, not for each page of a save (a walk over some 30,000 files at 10,000 measures)
        self.pages = kept.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for file in kept.files.documentation_pages():
            file.page.content = None  # written out; the HTML is not kept for the whole session
        return None

    def rebuild(self, changed: Iterable[str], epoch: int) -> list[str] | None:
        """Build again the staged files ``changed`` (paths relative to the docs directory), or the
        whole site when that is needed. The files of the site that changed (paths relative to it),
        or None when every page may have: the whole site was built, or a file that pages load
        changed (a script such as the search data, a style sheet, an image)."""
        changed = list(changed)
        files = self.kept.files if self.kept else None
        known = files is not None and all(files.get_file_from_path(path) for path in changed)
        if not known or self.built_with != (theme_stamp(self.config_file), epoch):
            return self.build_all(epoch)
        built, loaded_by_pages = [], False
        with source_date(epoch):
            for path in changed:
                file = files.get_file_from_path(path)
                if file.page is None:
                    file.copy_file()
                    loaded_by_pages = loaded_by_pages or file.dest_uri.endswith(LOADED_BY_PAGES)
                    built.append(file.dest_uri)
                    continue
                _populate_page(file.page, self.config, files)
                _build_page(file.page, self.config, self.pages, self.kept.nav, self.kept.env)
                file.page.validate_anchor_links(files=files, log_level=self.config.validation.links.anchors)
                file.page.content = None
                built.append(file.dest_uri)
        return None if loaded_by_pages else built

    def copy(self, changed: Iterable[str], epoch: int) -> list[str]:
        """Copy again the staged files ``changed`` that the site has and that are not pages (scripts,
        downloads), as ``rebuild`` does, and never build: done by another process (the preview's
        second) while this one builds pages. The files it did not copy, which ``rebuild`` is for:
        pages, new files, and all of them when a whole build is due."""
        changed = list(changed)
        if not self.kept or self.built_with != (theme_stamp(self.config_file), epoch):
            return changed
        files = [self.kept.files.get_file_from_path(path) for path in changed]
        for file in files:
            if file is not None and file.page is None:
                file.copy_file()
        return [path for path, file in zip(changed, files, strict=True) if file is None or file.page is not None]

    def _config(self, epoch: int):
        config = load_config(
            config_file=str(self.config_file), docs_dir=str(self.docs_dir), site_dir=str(self.site_dir), strict=False
        )
        if self.site_url:
            config.site_url = self.site_url
        config["extra"]["data_updated"] = data_date(epoch)  # the footer's 数据更新至, as a full build has it
        return config


def file_size(file) -> int | None:
    """A page's weight in the sharing out of a whole build (``mkdocs_in_two``): the size of its file in the docs directory."""
    return os.stat(file.abs_src_path).st_size if file.abs_src_path else None


def theme_stamp(config_file: Path) -> tuple:
    """What every page depends on: the theme overrides and the MkDocs configuration, by modification time."""
    files = [config_file, *sorted(p for p in OVERRIDES_DIR.rglob("*") if p.is_file())]
    return tuple((str(p), p.stat().st_mtime_ns) for p in files)
