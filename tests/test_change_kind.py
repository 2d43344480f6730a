"""The "data or code" verdict on a pull request (reforms/editors/change_kind.py)."""

import subprocess
from pathlib import Path

from reforms.editors.change_kind import changed_files, kind_markdown, shown


def test_only_catalogue_files_make_a_data_change():
    text = kind_markdown(["catalogue/measures/yz2022/yz2022-list-001.yml", "catalogue/sources/x.txt"])
    assert text.startswith("## 修改类型：数据") and "2 个文件" in text


def test_any_other_file_makes_it_code_and_is_listed():
    paths = ["catalogue/documents/yz2022.yml", "docs/about.md", "overrides/main.html", "mkdocs.yml", ".github/workflows/x.yml"]
    text = kind_markdown(paths)
    assert text.startswith("## 修改类型：代码") and "4 个文件" in text
    assert [
        line for line in text.splitlines() if line.startswith("- ")
    ] == ["- `docs/about.md`", "- `overrides/main.html`", "- `mkdocs.yml`", "- `.github/workflows/x.yml`"]


def test_a_file_name_cannot_break_the_summary():
    assert shown("a`b\nc") == "`a?b?c`"


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=folder, check=True, capture_output=True)


def test_changed_files_are_those_of_the_branch_since_it_left_base(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "catalogue").mkdir()
    (tmp_path / "catalogue" / "a.yml").write_text("a: 1\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    git(tmp_path, "checkout", "-q", "-b", "change")
    (tmp_path / "catalogue" / "a.yml").rename(tmp_path / "moved.yml")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "move a file out of the catalogue")
    assert changed_files(tmp_path, "main") == ["catalogue/a.yml", "moved.yml"]
    assert kind_markdown(changed_files(tmp_path, "main")).startswith("## 修改类型：代码")
