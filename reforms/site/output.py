"""Where a build writes, and what it leaves behind.

The site directory is replaced whole, so it must be one a build made: empty, new, or holding the
marker file each build writes (``.reforms-site``); never the checkout, ``catalogue/``, ``docs/``
or a folder above them, nor a folder inside the sources a build reads. The new site and the
staging docs directory carry the builder's process id in their names: an interrupted build
removes them itself (SIGINT and SIGTERM end it through ``KeyboardInterrupt``), and one killed
outright leaves them for the next build, which removes those whose process is gone.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path

from reforms.site.render import OVERRIDES_DIR, PROJECT_ROOT, TEMPLATES_DIR

MARKER = ".reforms-site"
MARKER_TEXT = "这个文件夹由 build.py 生成，每次生成时整个替换；不要在其中存放其他文件。\n"
DEFAULT_SITE_DIRS = (PROJECT_ROOT / "site", PROJECT_ROOT / "site-offline")  # ignored by git, ours by name
STAGING_PREFIX = "reforms-docs-"
LEGACY_AGE = 24 * 3600  # leftovers named before names held a process id: removed once a day old


class BuildError(Exception):
    """The site could not be built; the message says why, in Chinese, for the editor."""


def forbidden_site_dir(site_dir: Path, catalogue_root: Path, docs_dir: Path) -> str | None:
    """Why ``site_dir`` must not be replaced by a build, or None."""
    site = site_dir.resolve()
    sources = {"目录数据（catalogue/）": catalogue_root, "手写页面（docs/）": docs_dir, "模板（templates/）": TEMPLATES_DIR,
               "主题扩展（overrides/）": OVERRIDES_DIR, "git 仓库（.git/）": PROJECT_ROOT / ".git"}
    for name, folder in {"项目文件夹": PROJECT_ROOT, **sources}.items():
        if folder.resolve().is_relative_to(site):
            return f"{site_dir} 是{name}或它的上级文件夹，生成站点时会被整个替换"
    for name, folder in sources.items():
        if site.is_relative_to(folder.resolve()):
            return f"{site_dir} 在{name}之中，生成的文件会混进站点的来源"
    if site.exists() and not site.is_dir():
        return f"{site_dir} 是一个文件，不是文件夹"
    if site.is_dir() and not (site / MARKER).is_file() and site not in DEFAULT_SITE_DIRS and any(site.iterdir()):
        return f"{site_dir} 不是空文件夹，也不是以前生成的站点（其中没有 {MARKER}），生成站点时会被整个替换"
    return None


def check_site_dir(site_dir: Path, catalogue_root: Path, docs_dir: Path) -> None:
    reason = forbidden_site_dir(site_dir, catalogue_root, docs_dir)
    if reason:
        raise BuildError(f"{reason}。请用 --site-dir 指定一个新的或空的文件夹。")


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stale(path: Path, prefix: str) -> bool:
    found = re.match(re.escape(prefix) + r"(\d+)-", path.name)
    if found:
        return not process_alive(int(found.group(1)))
    try:
        return time.time() - path.lstat().st_mtime > LEGACY_AGE
    except OSError:
        return False


def remove_leftovers(site_dir: Path) -> None:
    """Remove what killed builds left: new sites beside ``site_dir``, staging directories in the temp folder."""
    places = [(site_dir.parent, f".{site_dir.name}-new-"), (Path(tempfile.gettempdir()), STAGING_PREFIX)]
    for folder, prefix in places:
        for path in folder.glob(f"{glob_escape(prefix)}*"):
            if path.is_dir() and not path.is_symlink() and stale(path, prefix):
                shutil.rmtree(path, ignore_errors=True)


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def staging_dir() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix=f"{STAGING_PREFIX}{os.getpid()}-")


class Removal(threading.Thread):
    """Removes ``folder`` in a thread of its own: a build's staging directory, once MkDocs has read it,
    while MkDocs goes on building pages (removing the search data and downloads of 10,000 measures
    takes a second on a slow disk). ``cpu``: the seconds of CPU it took."""

    def __init__(self, folder: Path) -> None:
        super().__init__(name=f"removing {folder}")
        self.folder, self.cpu = folder, 0.0

    def run(self) -> None:
        started = time.thread_time()
        shutil.rmtree(self.folder, ignore_errors=True)
        self.cpu = time.thread_time() - started

    def finish(self) -> None:
        """Start it unless started, and wait for it."""
        if self.ident is None:
            self.start()
        self.join()


def new_site_dir(site_dir: Path) -> Path:
    """An empty directory beside ``site_dir`` for the new site, readable as a published folder is."""
    fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-{os.getpid()}-", dir=site_dir.parent))
    umask = os.umask(0)
    os.umask(umask)
    fresh.chmod(0o777 & ~umask)  # mkdtemp makes it private (0700); site/ is for everyone to read
    return fresh


def discard_new_site_dirs(site_dir: Path) -> None:
    """Remove the new sites this process started beside ``site_dir`` (a failed or interrupted build)."""
    for path in site_dir.parent.glob(f"{glob_escape(f'.{site_dir.name}-new-{os.getpid()}-')}*"):
        shutil.rmtree(path, ignore_errors=True)


def mark_site_dir(fresh: Path) -> None:
    (fresh / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def replace_dir(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is, with the old one gone only once the new one is in place."""
    old = target.with_name(f".{target.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)
