"""``build.py diff BASE``: a change to the catalogue, in readers' terms, for a pull request."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reforms.editors.diff import differing_part

ROOT = Path(__file__).parent.parent
VALID = Path(__file__).parent / "fixtures" / "valid"
NEW_MEASURE = """\
id: yz2022-list-003
document: yz2022
kind: list-item
number: '3'
section: 首批营商环境创新试点改革事项清单
title: 推行“一业一证”改革
actions:
- text: 将一个行业准入涉及的多张许可证整合为一张行业综合许可证。
  lead: 区市场监管局
  partners: 区级相关部门
source_lines: '5'
"""
NEW_REFORM = """\
id: r002
name: 推行“一业一证”改革
measures:
- yz2022-list-003
- jj2022-list-001
"""


def git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.name=测试", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, *args], cwd=repo, check=True, capture_output=True)


def committed_catalogue(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(VALID, repo / "catalogue")
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "catalogue")
    git(repo, "commit", "--quiet", "-m", "基线")
    return repo / "catalogue"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def run_diff(catalogue: Path, base: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--catalogue", str(catalogue), "diff", base],
        capture_output=True, text=True, cwd=catalogue.parent,
    )


def test_added_changed_and_reassigned_measures(tmp_path):
    """区住建委 already leads the second action of yz2022-list-002: taking over the first adds no assignment."""
    catalogue = committed_catalogue(tmp_path)
    edit(catalogue / "measures/yz2022/yz2022-list-002.yml", "lead: 区财政局", "lead: 区住建委")
    edit(catalogue / "measures/yz2022/yz2022-list-001.yml", "title: 开展", "title: <b>全面</b>开展")
    (catalogue / "measures/yz2022/yz2022-list-003.yml").write_text(NEW_MEASURE, encoding="utf-8")
    (catalogue / "reforms/r002.yml").write_text(NEW_REFORM, encoding="utf-8")
    edit(catalogue / "documents/yz2022.yml", "date: '2022-08-15'", "date: '2022-08-16'")
    result = run_diff(catalogue, "HEAD")
    assert result.returncode == 0, result.stderr
    assert result.stdout == """\
## 目录变化（与 `HEAD` 相比）

新增 1 条措施，删除 0 条，修改 2 条；3 个部门的分工有变化。

### 新增措施（1 条）

- `yz2022-list-003` 推行“一业一证”改革

### 修改的措施（2 条）

#### `yz2022-list-001` \\<b\\>全面\\</b\\>开展“一照多址”“一证多址”改革

- `title`: 开展“一照多址”“一证多址”改革 → \\<b\\>全面\\</b\\>开展“一照多址”“一证多址”改革

#### `yz2022-list-002` 清除招投标和政府采购领域对外地企业设置的隐性门槛和壁垒

- `actions[0].lead`: 区财政局 → 区住建委

### 部门分工变化（3 个部门）

#### 渝中区财政局 `yuzhong-czj`

- 不再牵头：`yz2022-list-002` 清除招投标和政府采购领域对外地企业设置的隐性门槛和壁垒

#### 渝中区市场监管局 `yuzhong-scjgj`

- 新增牵头：`yz2022-list-003` 推行“一业一证”改革

#### 渝中区区级相关部门 `yuzhong-xgbm`

- 新增配合：`yz2022-list-003` 推行“一业一证”改革

### 其他记录

- 修改文件 `yz2022`
  - `date`: 2022-08-15 → 2022-08-16
- 新增改革 `r002`
"""


def test_an_invalid_base_is_said_and_what_loads_is_compared(tmp_path):
    catalogue = committed_catalogue(tmp_path)
    measure = catalogue / "measures/jj2022/jj2022-list-001.yml"
    fixed = measure.read_text(encoding="utf-8")
    measure.write_text(fixed.replace("title:", "title: '未闭合"), encoding="utf-8")
    git(catalogue.parent, "commit", "--quiet", "-am", "坏的基线")
    measure.write_text(fixed, encoding="utf-8")
    result = run_diff(catalogue, "main")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:5] == [
        "## 目录变化（与 `main` 相比）",
        "",
        "> ⚠️ `main` 的目录本身未通过校验（1 个问题），以下只比较其中能读取的记录。",
        "",
        "新增 1 条措施，删除 0 条，修改 0 条；1 个部门的分工有变化。",
    ]
    assert "- `jj2022-list-001` 开展“一照多址”“一证多址”改革" in result.stdout


def test_no_change(tmp_path):
    result = run_diff(committed_catalogue(tmp_path), "HEAD")
    assert result.stdout == "## 目录变化（与 `HEAD` 相比）\n\n措施与部门分工没有变化。\n"


def test_an_unknown_ref_is_an_error_in_chinese(tmp_path):
    result = run_diff(committed_catalogue(tmp_path), "origin/nowhere")
    assert result.returncode == 2
    assert "找不到 git 版本 origin/nowhere" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("before", "after", "shown"),
    [
        ("区财政局", "区发展改革委", ("区财政局", "区发展改革委")),
        ("甲" * 50 + "乙" + "丙" * 50, "甲" * 50 + "丁" + "丙" * 50, ("…" + "甲" * 12 + "乙" + "丙" * 12 + "…", "…" + "甲" * 12 + "丁" + "丙" * 12 + "…")),
    ],
)
def test_long_texts_are_cut_down_to_the_difference(before, after, shown):
    assert differing_part(before, after) == shown
