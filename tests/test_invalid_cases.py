"""Every kind of mistake an editor makes is caught with a precise message.

Each file in ``tests/cases/invalid/`` is one case: the files it changes in the valid fixture
catalogue (``null`` deletes a file) and the exact messages ``build.py validate`` must print.
A file is given as text (written as UTF-8), or, for bytes text cannot show, as a mapping:
``text``, optional ``encoding`` (``gbk``, ``utf-8-sig`` for a BOM) and ``repeat`` (the text that
many times, for a file over the size limit); ``symlink: <target>`` makes a symbolic link and
``directory: true`` a folder. ``outside`` holds files written next to ``catalogue/``, outside it
(what a link might point at).
Adding a regression test means adding a file. ``python tests/cases/regenerate.py`` rewrites
the expected messages after a deliberate change; review the diff.
"""

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from reforms.cli import main

TESTS = Path(__file__).parent
ROOT = TESTS.parent
VALID = TESTS / "fixtures" / "valid"
CASES = sorted((TESTS / "cases" / "invalid").glob("*.yml"))


def apply_case(case: dict, target: Path) -> Path:
    catalogue = target / "catalogue"
    shutil.copytree(VALID, catalogue)
    for relative, content in case.get("outside", {}).items():
        (target / relative).write_bytes(file_bytes(content))
    for relative, content in case["files"].items():
        path = catalogue / relative
        if path.exists() or path.is_symlink():
            path.unlink()
        if content is None:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, dict) and "symlink" in content:
            path.symlink_to(content["symlink"])
        elif isinstance(content, dict) and content.get("directory"):
            path.mkdir()
        else:
            path.write_bytes(file_bytes(content))
    return catalogue


def file_bytes(content: str | dict) -> bytes:
    if isinstance(content, str):
        return content.encode("utf-8")
    return (content["text"] * content.get("repeat", 1)).encode(content.get("encoding", "utf-8"))


def validate(catalogue: Path) -> subprocess.CompletedProcess:
    """``build.py validate`` of ``catalogue``, run from the folder that holds it, in a new process."""
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--catalogue", str(catalogue), "validate"],
        capture_output=True,
        text=True,
        cwd=catalogue.parent,
    )


def validate_here(catalogue: Path) -> subprocess.CompletedProcess:
    """The same, in this process: a new Python for each of a hundred cases costs half a minute."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.chdir(catalogue.parent), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["--catalogue", str(catalogue), "validate"])
    return subprocess.CompletedProcess([], code, stdout.getvalue(), stderr.getvalue())


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("catalogue/")]


def test_the_fixture_catalogue_is_valid(tmp_path):
    result = validate(apply_case({"files": {}}, tmp_path))
    assert result.returncode == 0, result.stderr
    assert "校验通过" in result.stdout


def test_there_are_enough_cases():
    assert len(CASES) >= 45


@pytest.mark.parametrize("case_file", CASES, ids=lambda p: p.stem)
def test_invalid_case(case_file, tmp_path):
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    result = validate_here(apply_case(case, tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert problem_lines(result.stderr) == case["expected"], case["description"]


def to_crlf(catalogue: Path) -> None:
    for path in catalogue.rglob("*.yml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


def test_windows_line_endings_are_accepted(tmp_path):
    catalogue = apply_case({"files": {}}, tmp_path)
    to_crlf(catalogue)
    result = validate(catalogue)
    assert result.returncode == 0, result.stderr


def test_problems_in_windows_files_are_at_the_same_place(tmp_path):
    case = yaml.safe_load((TESTS / "cases" / "invalid" / "unknown-theme.yml").read_text(encoding="utf-8"))
    catalogue = apply_case(case, tmp_path)
    to_crlf(catalogue)
    assert problem_lines(validate(catalogue).stderr) == case["expected"]


def test_a_date_without_quotes_is_text_and_accepted(tmp_path):
    document = (VALID / "documents" / "yz2022.yml").read_text(encoding="utf-8")
    assert "date: '2022-08-15'" in document
    case = {"files": {"documents/yz2022.yml": document.replace("date: '2022-08-15'", "date: 2022-08-15")}}
    result = validate(apply_case(case, tmp_path))
    assert result.returncode == 0, result.stderr


def test_a_file_name_cannot_forge_annotations_in_ci(tmp_path):
    catalogue = apply_case({"files": {"sources/x\n::warning file=a.yml::伪造,y:z.txt": "一\n"}}, tmp_path)
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--catalogue", str(catalogue), "validate"],
        capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "GITHUB_ACTIONS": "true"},
    )
    assert result.returncode == 1
    commands = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("::")]
    assert len(commands) == 1 and commands[0].startswith("::error file=catalogue/sources/x%0A%3A%3Awarning ")
    assert problem_lines(result.stderr) == [
        "catalogue/sources/x\\x0a::warning file=a.yml::伪造,y:z.txt:1:1: 目录不读取这个文件 —— "
        "来源文本的文件名只用小写字母 a-z、数字 0-9 和连字符 -，扩展名 .txt：改名"
    ]
