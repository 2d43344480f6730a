"""``python build.py serve``: build, serve with live reload, re-render when catalogue/ changes.

MkDocs' own ``serve`` runs on a staging docs directory. It watches catalogue/, docs/ and
templates/ and overrides/; on any change it rebuilds, and the ``on_pre_build`` hook
(``mkdocs_hooks``) first re-renders the staging directory here: load → validate → resolve →
render → downloads. Only files whose bytes changed are rewritten. If the catalogue has problems
they are printed and the previous pages stay served until they are fixed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.exceptions import PluginError

from reforms.catalogue.resolve import Resolved
from reforms.site.build_site import CONFIG_FILE, DOCS_DIR, BuildError, stage_files, sync_tree
from reforms.site.render import PROJECT_ROOT, TEMPLATES_DIR

log = logging.getLogger("mkdocs.reforms")

OVERRIDES_DIR = PROJECT_ROOT / "overrides"
STAGING_DIR = PROJECT_ROOT / "build" / "serve-docs"

Loader = Callable[[Path], tuple[Resolved | None, list]]


@dataclass
class LiveRender:
    catalogue_root: Path
    docs_dir: Path
    staging: Path
    load: Loader  # reforms.cli.load_and_check

    def refresh(self) -> None:
        started = time.perf_counter()
        resolved, problems = self.load(self.catalogue_root)
        if resolved is None:
            for problem in problems:
                log.error(problem.format())
            raise PluginError(f"目录有 {len(problems)} 个问题，页面未更新；改正后保存即可自动重新生成")
        try:
            written = sync_tree(stage_files(resolved, self.catalogue_root, self.docs_dir), self.staging)
        except (BuildError, OSError) as error:
            raise PluginError(str(error)) from error
        log.info(f"已由 catalogue/ 重新生成页面：{written} 个文件有变化，用时 {time.perf_counter() - started:.1f} 秒")


_current: LiveRender | None = None


def active() -> bool:
    return _current is not None


def refresh_staging() -> None:
    if _current is not None:
        _current.refresh()


def show_mkdocs_log() -> None:
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def serve_site(catalogue_root: Path, load: Loader, dev_addr: str = "127.0.0.1:8000", docs_dir: Path = DOCS_DIR) -> None:
    """Serve until interrupted. The staging directory (build/serve-docs/, ignored by git) is kept in
    step with the sources by ``sync_tree``, so it can be reused by the next session."""
    global _current
    show_mkdocs_log()
    STAGING_DIR.mkdir(parents=True, exist_ok=True)
    _current = LiveRender(catalogue_root.resolve(), docs_dir, STAGING_DIR, load)
    try:
        mkdocs_serve(
            config_file=str(CONFIG_FILE),
            docs_dir=str(STAGING_DIR),
            dev_addr=dev_addr,
            strict=False,  # a preview shows warnings but keeps serving
            livereload=True,
            watch=[str(catalogue_root), str(docs_dir), str(TEMPLATES_DIR), str(OVERRIDES_DIR)],
        )
    finally:
        _current = None
