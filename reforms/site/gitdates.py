"""When each catalogue file last changed, from git history, in one ``git log`` over the folder.

Walking the history newest first, the first commit that names a file is its last change; that
commit's status for the file says whether it added the file (``A``) or changed it. The walk
follows the first parent only and compares a merge with its first parent, so a change made on
a branch is dated when it was merged into the branch being built (``main``), and is noted by
the pull request's title (the first line of a merge's message body) rather than by
"Merge pull request #…". Dates are Beijing time. Files outside a repository, or never
committed, have no change; pages then leave the date out.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

SITE_TIMEZONE = timezone(timedelta(hours=8))  # Chongqing: Beijing time
_RECORD, _FIELD = "\x1e", "\x1f"
_LOG_FORMAT = "%x1e%H%x1f%ct%x1f%P%x1f%s%x1f%b%x1f"  # then the --name-status lines


@dataclass(frozen=True)
class Change:
    """The last commit that touched one file."""

    commit: str  # full hash
    time: datetime  # commit time, Beijing time
    note: str  # the commit subject (a merge: its pull request's title)
    added: bool  # this commit added the file
    order: int  # position in the log, 0 = newest

    @property
    def date(self) -> str:
        return self.time.date().isoformat()

    @property
    def timestamp(self) -> str:
        """RFC 3339, as Atom wants it: ``2024-03-05T10:00:00+08:00``."""
        return self.time.isoformat()


def file_changes(folder: Path) -> dict[str, Change]:
    """``{absolute file path, as a string: its last change}`` for every committed file under ``folder``."""
    toplevel = _git(folder, "rev-parse", "--show-toplevel")
    if not toplevel:
        return {}
    log = _git(folder, "log", "--first-parent", "-m", f"--format={_LOG_FORMAT}", "--name-status", "--no-renames", "--", ".")
    return _newest_changes(log, Path(toplevel.strip()))


def last_changed(folder: Path) -> dict[str, str]:
    """``{absolute file path: YYYY-MM-DD}`` for every committed file under ``folder``."""
    return {path: change.date for path, change in file_changes(folder).items()}


def _newest_changes(log: str, toplevel: Path) -> dict[str, Change]:
    top = toplevel.resolve()  # git's paths name no links inside the repository: joining them to it is resolving them
    changes: dict[str, Change] = {}
    for order, record in enumerate(log.split(_RECORD)[1:]):
        commit, stamp, parents, subject, body, files = record.split(_FIELD, 5)
        for status, path in _file_lines(files):
            absolute = f"{top}/{path}"
            if absolute not in changes:  # the log is newest first
                changes[absolute] = Change(commit, _beijing_time(stamp), _note(subject, body, parents), status == "A", order)
    return changes


@dataclass(frozen=True)
class Commit:
    """One commit of the branch (first parent only) and the catalogue files it changed."""

    commit: str
    parent: str | None  # its first parent; None for the first commit
    time: datetime  # Beijing time
    files: list[tuple[str, str]]  # (A/M/D, path relative to the repository's top folder)

    @property
    def date(self) -> str:
        return self.time.date().isoformat()


def commit_log(folder: Path) -> tuple[Path | None, list[Commit]]:
    """The repository's top folder and every commit touching ``folder``, newest first (one ``git log``)."""
    toplevel = _git(folder, "rev-parse", "--show-toplevel")
    if not toplevel:
        return None, []
    log = _git(folder, "log", "--first-parent", "-m", f"--format={_LOG_FORMAT}", "--name-status", "--no-renames", "--", ".")
    commits = []
    for record in log.split(_RECORD)[1:]:
        commit, stamp, parents, _subject, _body, files = record.split(_FIELD, 5)
        parent = parents.split()[0] if parents.split() else None
        commits.append(Commit(commit, parent, _beijing_time(stamp), list(_file_lines(files))))
    return Path(toplevel.strip()), commits


def read_blobs(folder: Path, specs: list[str]) -> dict[str, str | None]:
    """``{"<commit>:<path>": text or None}`` for each spec, read by one ``git cat-file --batch``."""
    if not specs:
        return {}
    result = subprocess.run(
        ["git", "-C", str(folder), "cat-file", "--batch"], input="\n".join(specs).encode() + b"\n", capture_output=True, check=False
    )
    out, position, found = result.stdout, 0, {}
    for spec in specs:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            found[spec] = out[position : position + size].decode("utf-8", "replace")
            position += size + 1
        else:
            found[spec] = None  # "<spec> missing"
    return found


def _file_lines(block: str) -> Iterator[tuple[str, str]]:
    """``(status, path)`` of each ``--name-status`` line (``M\\tcatalogue/…``)."""
    for line in block.splitlines():
        status, tab, path = line.partition("\t")
        if tab:
            yield status, path


def _beijing_time(stamp: str) -> datetime:
    return datetime.fromtimestamp(int(stamp), SITE_TIMEZONE)


def _note(subject: str, body: str, parents: str) -> str:
    """The subject; for a merge whose message has a body (GitHub puts the PR title there), its first line."""
    first_line = next((line.strip() for line in body.splitlines() if line.strip()), "")
    is_merge = len(parents.split()) > 1
    return first_line if is_merge and first_line else subject.strip()


def _git(folder: Path, *args: str) -> str:
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotepath=off", "-C", str(folder), *args], capture_output=True, text=True, encoding="utf-8", check=False
        )
    except OSError:
        return ""
    return result.stdout if result.returncode == 0 else ""


def last_commit_time(folder: Path) -> int | None:
    """Seconds since the epoch of the newest commit touching ``folder``, if any."""
    stamp = _git(folder, "log", "-1", "--format=%ct", "--", ".").strip()
    return int(stamp) if stamp.isdigit() else None


def data_date(epoch: int) -> str | None:
    """The footer's 数据更新至: the day (Beijing time) of the catalogue's last commit; None without one."""
    return _beijing_time(str(epoch)).date().isoformat() if epoch else None
