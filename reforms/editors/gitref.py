"""The catalogue as it was at a git ref, materialised into a folder with ``git archive``.

Nothing in the working tree or the repository changes: ``git archive`` only reads.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path


class GitRefError(Exception):
    """The ref or the repository cannot be read; the message is for the editor, in Chinese."""


def git(folder: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=folder, capture_output=True, check=False)
    except OSError as error:
        raise GitRefError(f"无法运行 git：{error.strerror}") from None
    if result.returncode != 0:
        raise GitRefError(result.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} 失败")
    return result.stdout


def catalogue_in_repository(catalogue: Path) -> tuple[Path, str]:
    """The repository's top folder and the catalogue's path inside it (``catalogue``)."""
    try:
        top = Path(git(catalogue, "rev-parse", "--show-toplevel").decode().strip())
    except GitRefError:
        raise GitRefError(f"{catalogue} 不在 git 仓库中") from None
    return top, catalogue.resolve().relative_to(top.resolve()).as_posix()


def check_ref(top: Path, ref: str) -> None:
    try:
        git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitRefError:
        raise GitRefError(f"找不到 git 版本 {ref}（分支、标签或提交）；在 CI 中请先 git fetch 该分支") from None


def materialise_catalogue(catalogue: Path, ref: str, target: Path) -> Path:
    """Write the catalogue folder as it was at ``ref`` under ``target``; return its path there.

    A ref without a catalogue folder gives an empty folder: everything is new.
    """
    top, relative = catalogue_in_repository(catalogue)
    check_ref(top, ref)
    root = target / relative
    root.mkdir(parents=True, exist_ok=True)
    if not git(top, "ls-tree", "--name-only", ref, "--", relative).strip():
        return root
    archive = git(top, "archive", "--format=tar", ref, "--", relative)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return root
