"""Every kind of mistake an editor makes is caught with a precise message.

Each file in ``tests/cases/invalid/`` is one case: the files it changes in the valid fixture
catalogue (``null`` deletes a file) and the exact messages ``build.py validate`` must print.
Adding a regression test means adding a file. ``python tests/cases/regenerate.py`` rewrites
the expected messages after a deliberate change; review the diff.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

TESTS = Path(__file__).parent
ROOT = TESTS.parent
VALID = TESTS / "fixtures" / "valid"
CASES = sorted((TESTS / "cases" / "invalid").glob("*.yml"))


def apply_case(case: dict, target: Path) -> Path:
    catalogue = target / "catalogue"
    shutil.copytree(VALID, catalogue)
    for relative, content in case["files"].items():
        path = catalogue / relative
        if content is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    return catalogue


def validate(catalogue: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--catalogue", str(catalogue), "validate"],
        capture_output=True,
        text=True,
        cwd=catalogue.parent,
    )


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("catalogue/")]


def test_the_fixture_catalogue_is_valid(tmp_path):
    result = validate(apply_case({"files": {}}, tmp_path))
    assert result.returncode == 0, result.stderr
    assert "校验通过" in result.stdout


def test_there_are_enough_cases():
    assert len(CASES) >= 15


@pytest.mark.parametrize("case_file", CASES, ids=lambda p: p.stem)
def test_invalid_case(case_file, tmp_path):
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    result = validate(apply_case(case, tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert problem_lines(result.stderr) == case["expected"], case["description"]
