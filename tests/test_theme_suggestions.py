"""`build.py themes` suggests themes for an editor to check and never writes them into a record."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
UNTAGGED = "measures/cq2021/cq2021-01.yml"


@pytest.fixture
def catalogue(tmp_path) -> Path:
    copy = tmp_path / "catalogue"
    shutil.copytree(MINI, copy)
    record = copy / UNTAGGED
    record.write_text(record.read_text(encoding="utf-8").replace("themes:\n- kaiban-qiye\n", ""), encoding="utf-8")
    return copy


def themes(catalogue: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--catalogue", str(catalogue), "themes", *args],
        capture_output=True, text=True, cwd=catalogue.parent,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_suggests_for_measures_without_themes_and_writes_nothing(catalogue):
    before = snapshot(catalogue)
    result = themes(catalogue)
    assert result.returncode == 0, result.stderr
    assert "cq2021-01：现有 无；建议 开办企业" in result.stdout
    assert "没有写入任何文件" in result.stdout
    assert "改革 r002：cq2021 的措施（cq2021-02）没有主题 政务服务" in result.stdout
    assert snapshot(catalogue) == before


def test_write_mode_is_refused(catalogue):
    before = snapshot(catalogue)
    result = themes(catalogue, "--write")
    assert result.returncode == 2
    assert "不会写入措施文件" in result.stderr
    assert snapshot(catalogue) == before


def test_says_so_when_there_is_nothing_to_suggest(catalogue):
    for record in catalogue.glob("measures/*/*.yml"):
        text = record.read_text(encoding="utf-8")
        if "themes:" not in text:
            record.write_text(text.replace("source_lines:", "themes:\n- zhengwu-fuwu\nsource_lines:"), encoding="utf-8")
    result = themes(catalogue)
    assert result.returncode == 0
    assert "所有措施都已填写主题，没有需要建议的措施" in result.stdout


def test_named_measures_and_documents(catalogue):
    result = themes(catalogue, "cq2021", "yz2021-01")
    lines = [line for line in result.stdout.splitlines() if "：现有" in line]
    assert lines and all(line.startswith(("cq2021-", "yz2021-01：")) for line in lines)
    assert any(line.startswith("yz2021-01：") for line in lines)


def test_a_measure_no_keyword_matches_is_marked_without_suggestion(catalogue):
    record = catalogue / UNTAGGED
    record.write_text(
        record.read_text(encoding="utf-8").replace("优化开办企业服务", "其他事项").replace("全面推行企业开办“一网通办”。", "按期完成。"),
        encoding="utf-8",
    )
    assert "cq2021-01：现有 无；无建议（关键词都没有出现）" in themes(catalogue).stdout


def test_unknown_names_are_reported(catalogue):
    result = themes(catalogue, "cq2099-01")
    assert result.returncode == 1
    assert "没有 id 为 cq2099-01 的措施或文件" in result.stderr
