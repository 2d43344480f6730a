"""Git repositories the tests make: commits by an editor, at the times the tests give, with no
user configuration of the machine involved."""

import os
import subprocess
from pathlib import Path


def git(repo: Path, *args: str, when: str = "2024-01-01T00:00:00+08:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_CONFIG_GLOBAL": os.devnull}
    identity = ["-c", "user.name=编辑", "-c", "user.email=editor@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, *args], cwd=repo, check=True, capture_output=True, env=env)


def commit(repo: Path, when: str, subject: str) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", subject, when=when)
