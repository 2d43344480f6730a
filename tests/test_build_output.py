"""Where a build may write, and what it leaves behind when it fails, is interrupted or is killed."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reforms.cli import load_and_check
from reforms.site.build_site import DOCS_DIR, BuildError, build_site
from reforms.site.output import MARKER, forbidden_site_dir, remove_leftovers
from reforms.site.render import PROJECT_ROOT

TESTS = Path(__file__).parent
MINI = TESTS / "fixtures" / "mini"
CATALOGUE = PROJECT_ROOT / "catalogue"


@pytest.mark.parametrize(
    "site_dir",
    [PROJECT_ROOT, PROJECT_ROOT.parent, Path("/"), CATALOGUE, DOCS_DIR, PROJECT_ROOT / "templates", PROJECT_ROOT / "overrides"],
    ids=["checkout", "its-parent", "root", "catalogue", "docs", "templates", "overrides"],
)
def test_the_sources_of_the_site_are_never_a_site_dir(site_dir):
    assert "整个替换" in forbidden_site_dir(site_dir, CATALOGUE, DOCS_DIR)


@pytest.mark.parametrize("inside", [CATALOGUE / "site", DOCS_DIR / "site", PROJECT_ROOT / ".git" / "site"])
def test_no_site_dir_inside_the_sources(inside):
    assert "之中" in forbidden_site_dir(inside, CATALOGUE, DOCS_DIR)


def test_a_folder_holding_other_things_is_refused_and_left_alone(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "todo.txt").write_text("别删我", encoding="utf-8")
    assert "不是空文件夹" in forbidden_site_dir(folder, CATALOGUE, DOCS_DIR)
    command = [sys.executable, "build.py", "--catalogue", str(MINI), "build", "--site-dir", str(folder)]
    result = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "--site-dir" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["todo.txt"]


def test_new_empty_and_earlier_site_dirs_are_accepted(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "earlier").mkdir()
    (tmp_path / "earlier" / MARKER).write_text("", encoding="utf-8")
    (tmp_path / "earlier" / "index.html").write_text("", encoding="utf-8")
    for name in ("new", "empty", "earlier"):
        assert forbidden_site_dir(tmp_path / name, CATALOGUE, DOCS_DIR) is None


def test_a_build_marks_its_site_and_makes_it_readable(tmp_path):
    resolved, problems = load_and_check(MINI)
    assert not problems
    build_site(resolved, MINI, tmp_path / "site")
    site = tmp_path / "site"
    assert (site / MARKER).is_file()
    umask = os.umask(0)
    os.umask(umask)
    assert site.stat().st_mode & 0o777 == 0o777 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_a_link_in_docs_stops_the_build(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密", encoding="utf-8")
    docs = tmp_path / "docs"
    shutil.copytree(DOCS_DIR, docs)
    (docs / "leak.txt").symlink_to(secret)
    resolved, _ = load_and_check(MINI)
    with pytest.raises(BuildError, match="^docs/leak.txt:1:1: 是符号链接"):
        build_site(resolved, MINI, tmp_path / "site", docs_dir=docs)
    assert not (tmp_path / "site").exists()


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_leftovers_of_killed_builds_are_removed_and_running_ones_kept(tmp_path, monkeypatch):
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr("tempfile.tempdir", None)
    dead, alive = dead_pid(), os.getpid()
    for folder in (tmp_path / f".site-new-{dead}-abc", temp / f"reforms-docs-{dead}-abc",
                   tmp_path / f".site-new-{alive}-abc", temp / f"reforms-docs-{alive}-abc"):
        (folder / "page").mkdir(parents=True)
    remove_leftovers(tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".site-new-{alive}-abc", "tmp"]
    assert [p.name for p in temp.iterdir()] == [f"reforms-docs-{alive}-abc"]


def default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def interrupt_during_mkdocs(command: list[str], env: dict, site_parent: Path, signum: int) -> tuple[int, str]:
    """Start a build, send it ``signum`` while MkDocs writes the new site (beside ``site``); its exit code and errors.

    On the small fixture MkDocs takes well under a second; on a loaded machine the build may end
    before the signal lands, so it is started again (at most three times) until the signal hits it.
    The build gets SIGINT's default action even when this suite was started in the background,
    where the shell has it ignored (and a process that starts with SIGINT ignored keeps ignoring it).
    """
    for _ in range(3):
        build = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stderr=subprocess.PIPE, text=True, preexec_fn=default_sigint
        )
        deadline = time.monotonic() + 60
        while not list(site_parent.glob(".site-new-*")) and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        build.send_signal(signum)
        _, errors = build.communicate(timeout=60)
        if build.returncode != 0:
            break
    return build.returncode, errors


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_an_interrupted_build_cleans_up_and_keeps_the_site(tmp_path, signum):
    temp, site = tmp_path / "tmp", tmp_path / "site"
    temp.mkdir()
    site.mkdir()
    (site / MARKER).write_text("", encoding="utf-8")
    command = [sys.executable, "build.py", "--catalogue", str(MINI), "build", "--site-dir", str(site)]
    returncode, errors = interrupt_during_mkdocs(command, {**os.environ, "TMPDIR": str(temp)}, tmp_path, signum)
    assert returncode == 130, errors
    assert "Traceback" not in errors
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "tmp"]
    assert list(temp.iterdir()) == []
    assert [p.name for p in site.iterdir()] == [MARKER]


def test_a_reader_leaving_a_pipe_ends_the_command_quietly(tmp_path):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(MINI, catalogue)
    for number in range(600):
        (catalogue / f"stray-{number:03d}.txt").write_text("", encoding="utf-8")
    command = [sys.executable, "build.py", "--catalogue", str(catalogue), "validate", "--format", "json"]
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.read(100)
    process.stdout.close()
    with process.stderr:
        errors = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=60) == 1
    assert "Traceback" not in errors and "BrokenPipe" not in errors


def test_the_staging_directory_goes_while_mkdocs_builds_the_pages_and_every_file_is_in_the_site(tmp_path, monkeypatch):
    """``publish`` removes the staging directory beside MkDocs' page building, once MkDocs has read it
    (its pages read, its other files copied, before the first page is written): the site still gets
    every file, and nothing is left behind."""
    from reforms.site import mkdocs_in_two
    from reforms.site.output import Removal

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    events = []

    def noted(event, step):
        return lambda *args, **kwargs: events.append(event) or step(*args, **kwargs)

    monkeypatch.setattr(mkdocs_in_two, "_populate_page", noted("read", mkdocs_in_two._populate_page))
    monkeypatch.setattr(mkdocs_in_two, "_build_page", noted("page", mkdocs_in_two._build_page))
    monkeypatch.setattr(Removal, "start", noted("removal", Removal.start))
    resolved, _ = load_and_check(MINI)
    build_site(resolved, MINI, tmp_path / "site")
    removal = events.index("removal")  # this process's events; the second process reads nothing from disk
    assert events.count("removal") == 1 and set(events[:removal]) == {"read"} and "page" in events[removal + 1 :]
    assert list((tmp_path / "temp").iterdir()) == []
    site_files = {p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    hand_written = {p.relative_to(DOCS_DIR).as_posix() for p in DOCS_DIR.rglob("*") if p.is_file() and p.suffix != ".md"}
    assert hand_written <= site_files  # copied from the staging directory before it went
    assert {"downloads/catalogue.csv", "search/index.js"} <= site_files  # the second process's, likewise
