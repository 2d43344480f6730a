"""When each catalogue file last changed, from git history (``git log -1 --format=%cs -- <file>``).

One ``git log`` over the whole folder instead of one call per file: walking the history newest
first, the first commit that names a file is its last change. Files outside a repository, or
never committed, get no date; pages then leave the date out.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

_DATE_MARK = "\x00"


def last_changed(folder: Path) -> dict[Path, str]:
    """``{absolute file path: YYYY-MM-DD}`` for every committed file under ``folder``."""
    toplevel = _git(folder, "rev-parse", "--show-toplevel")
    if not toplevel:
        return {}
    log = _git(folder, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", ".")
    return _first_dates(log, Path(toplevel.strip()))


def _first_dates(log: str, toplevel: Path) -> dict[Path, str]:
    dates: dict[Path, str] = {}
    date = ""
    for line in log.splitlines():
        if line.startswith(_DATE_MARK):
            date = line[len(_DATE_MARK) :]
        elif line:
            dates.setdefault((toplevel / line).resolve(), date)
    return dates


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
