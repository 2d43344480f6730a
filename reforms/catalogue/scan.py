"""Every entry under ``catalogue/``: the files the loader reads, and a problem for each other one.

Nothing under ``catalogue/`` is skipped in silence: a measure saved as ``.yaml`` or ``.YML``, a
file one folder too deep, a folder named like a record, a symbolic link (which could bring in a
file from anywhere on the machine, and have its text echoed in messages or published), a pipe
or a device. Links are never followed, so what the loader reads is what the pull request holds.
"""

from __future__ import annotations

import os
import re
import stat
from functools import cache
from pathlib import Path
from typing import NamedTuple

from reforms.catalogue.model import SOURCE_PATTERN
from reforms.catalogue.yamlio import Problem

FOLDERS = ("documents", "measures", "measures/*", "departments", "reforms", "sources")


def matches(relative: str, pattern: str) -> bool:
    """``measures/*/*.yml`` against a path, one segment at a time (``*`` never spans a ``/``)."""
    return segment_pattern(pattern).fullmatch(relative) is not None


@cache
def segment_pattern(pattern: str) -> re.Pattern:
    """The pattern as a regular expression (the preview scans the whole catalogue on every save)."""
    return re.compile(re.escape(pattern).replace(r"\*", "[^/]*").replace(r"\?", "[^/]"))


class Scanned(NamedTuple):
    relative: str  # to the catalogue's folder: measures/yz2021/yz2021-list-001.yml
    stamp: tuple[int, int]  # modification time (ns) and size: the preview reads a file again when it changes


def scan_catalogue(root: Path, patterns: list[str]) -> tuple[dict[str, list[Scanned]], list[Problem]]:
    """The regular files matching each pattern (sorted), and a problem for every other entry."""
    found: dict[str, list[Scanned]] = {pattern: [] for pattern in patterns}
    problems: list[Problem] = []
    if not root.is_dir():
        return found, [Problem(root.as_posix(), 1, 1, "", "找不到目录数据所在的文件夹", "用 --catalogue 指定 catalogue/ 文件夹")]
    scan_folder(str(root), "", root, patterns, found, problems)
    return found, problems


def scan_folder(folder: str, inside: str, root: Path, patterns: list[str], found: dict, problems: list[Problem]) -> None:
    """The entries of ``folder``, which is ``inside`` the catalogue (``measures/yz2021/``; ``""`` at its top).
    Paths are strings here: the preview scans the whole catalogue on every save."""
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            relative = inside + entry.name
            status = entry.stat(follow_symlinks=False)
            mode = status.st_mode
            if stat.S_ISDIR(mode) and any(matches(relative, f) for f in FOLDERS):
                scan_folder(entry.path, relative + "/", root, patterns, found, problems)
                continue
            pattern = next((p for p in patterns if matches(relative, p)), None)
            if stat.S_ISREG(mode) and pattern is not None:
                found[pattern].append(Scanned(relative, (status.st_mtime_ns, status.st_size)))
            elif not (stat.S_ISREG(mode) and re.fullmatch(SOURCE_PATTERN, relative)):
                problems.append(entry_problem(Path(entry.path), root, relative, mode))


def entry_problem(path: Path, root: Path, relative: str, mode: int) -> Problem:
    display = f"{root.name}/{relative}"
    if stat.S_ISLNK(mode):
        message, hint = "是符号链接；目录中只能放文件本身", "删除这个链接，把要用的文件本身放进来"
    elif stat.S_ISDIR(mode):
        message, hint = "这里不应有文件夹", folder_hint(relative)
    elif not stat.S_ISREG(mode):
        message, hint = "不是普通文件", "删除它"
    else:
        message, hint = "目录不读取这个文件", file_hint(path.name, relative)
    return Problem(display, 1, 1, "", message, hint)


def folder_hint(relative: str) -> str:
    if relative.lower().endswith((".yml", ".yaml")):
        return "名字像记录文件，却是文件夹：删除它，或把其中的文件移出来"
    return "catalogue/ 中只有 documents/、measures/<文件id>/、departments/、reforms/、sources/ 这几个文件夹"


def file_hint(name: str, relative: str) -> str:
    stem, _, extension = name.rpartition(".")
    if relative.startswith("sources/"):
        if extension == "txt":
            return "来源文本的文件名只用小写字母 a-z、数字 0-9 和连字符 -，扩展名 .txt：改名"
        return "来源文本须是 UTF-8 纯文本（.txt）：转成纯文本，或删除它"
    if extension == "yml" and relative.startswith("measures/"):
        return "措施文件放在 measures/<文件id>/ 中，名为 <措施id>.yml"
    if extension.lower() in ("yml", "yaml") and extension != "yml" and stem:
        return f"只读取扩展名为小写 .yml 的文件：改名为 {stem}.yml"
    return "删除它，或移到 catalogue/ 之外"
