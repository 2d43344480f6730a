"""``build.py new DOCUMENT_ID``: the next measure, every field in place, failing only where the editor must write."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reforms.catalogue.model import Action, Measure
from reforms.editors.scaffold import chinese_number, numbered_like

ROOT = Path(__file__).parent.parent
VALID = Path(__file__).parent / "fixtures" / "valid"


def build(catalogue: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--catalogue", str(catalogue), *args],
        capture_output=True, text=True, cwd=catalogue.parent,
    )


@pytest.fixture
def catalogue(tmp_path):
    shutil.copytree(VALID, tmp_path / "catalogue")
    return tmp_path / "catalogue"


def test_new_measure_has_the_next_number_and_every_field(catalogue):
    result = build(catalogue, "new", "yz2022")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "catalogue/measures/yz2022/yz2022-list-003.yml"
    text = (catalogue / "measures/yz2022/yz2022-list-003.yml").read_text(encoding="utf-8")
    assert "id: yz2022-list-003\n" in text and "number: '3'\n" in text
    assert "section: 首批营商环境创新试点改革事项清单\n" in text
    for name, info in Measure.model_fields.items():
        assert re.search(rf"^{name}:", text, re.MULTILINE), name
        assert info.description in text
    for name in Action.model_fields:
        assert re.search(rf"^  (- |  ){name}:", text, re.MULTILINE), name


def test_new_measure_fails_only_on_what_the_editor_must_fill(catalogue):
    build(catalogue, "new", "yz2022")
    problems = [line for line in build(catalogue, "validate").stderr.splitlines() if line.startswith("catalogue/")]
    assert problems == [
        "catalogue/measures/yz2022/yz2022-list-003.yml:15:7: title: 没有填写 —— 在冒号后填写（必填）：标题：改革事项、条目的小标题或段落的首句",
        "catalogue/measures/yz2022/yz2022-list-003.yml:21:10: actions[0].text: 没有填写 —— 在冒号后填写（必填）：措施原文，与来源文件逐字一致（仅去除排版残留）",
        "catalogue/measures/yz2022/yz2022-list-003.yml:43:14: source_lines: 没有填写 —— 在冒号后填写（必填）：在来源文本中的行号范围，如 150-153",
    ]


def test_filled_in_it_validates(catalogue):
    build(catalogue, "new", "yz2022")
    path = catalogue / "measures/yz2022/yz2022-list-003.yml"
    text = path.read_text(encoding="utf-8")
    for empty, filled in (("title:\n", "title: 推行“一业一证”改革\n"), ("- text:\n", "- text: 整合行业许可证。\n"),
                          ("source_lines:\n", "source_lines: '5'\n"), ("    lead:\n", "    lead: 区市场监管局\n")):
        text = text.replace(empty, filled, 1)
    path.write_text(text, encoding="utf-8")
    result = build(catalogue, "validate")
    assert result.returncode == 0, result.stderr


def test_a_kind_the_document_has_no_measures_of_starts_at_one(catalogue):
    result = build(catalogue, "new", "jj2022", "--kind", "work-paragraph")
    assert result.stdout.strip() == "catalogue/measures/jj2022/jj2022-body-01.yml"
    assert "number: （一）\n" in (catalogue / "measures/jj2022/jj2022-body-01.yml").read_text(encoding="utf-8")


def test_an_unknown_document_is_refused(catalogue):
    result = build(catalogue, "new", "yz2020")
    assert result.returncode == 1
    assert result.stderr.startswith("找不到文件 yz2020")
    assert "已有的文件：jj2022、yz2022" in result.stderr


@pytest.mark.parametrize(
    ("template", "n", "expected"),
    [("yz2022-list-077", 78, "yz2022-list-078"), ("77", 78, "78"), ("54．", 55, "55．"), ("52.", 53, "53."),
     ("jj2022-body-10", 11, "jj2022-body-11"), ("（十）", 11, "（十一）"), ("（九）", 10, "（十）"), ("（十九）", 20, "（二十）")],
)
def test_numbers_follow_the_existing_ones(template, n, expected):
    assert numbered_like(template, n) == expected


def test_chinese_numbers():
    assert [chinese_number(n) for n in (1, 10, 11, 20, 21, 99)] == ["一", "十", "十一", "二十", "二十一", "九十九"]
