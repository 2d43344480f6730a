"""The documents that carry one reform give it the same themes, or the reform record says why not."""

import shutil
from pathlib import Path

import pytest

from reforms.catalogue.load import CATALOGUE_DIR
from reforms.catalogue.theme_agreement import theme_disagreements
from reforms.cli import load_and_check

MINI = Path(__file__).parent / "fixtures" / "mini"
# In the fixture, r002 holds cq2021-02 (开办企业) and yz2021-02 (开办企业, 政务服务).
R002 = "id: r002\nname: 增强开办企业“一网通”平台功能\n{extra}measures:\n- cq2021-02\n- yz2021-02\n{after}"


def disagreements(catalogue: Path) -> list[str]:
    resolved, problems = load_and_check(catalogue)
    assert problems == []
    names = {t.id: t.name for t in resolved.themes}
    return [d.describe(names) for d in theme_disagreements(resolved.reforms)]


@pytest.fixture
def mini(tmp_path) -> Path:
    copy = tmp_path / "catalogue"
    shutil.copytree(MINI, copy)
    return copy


def write_r002(catalogue: Path, extra: str = "", after: str = "") -> None:
    (catalogue / "reforms" / "r002.yml").write_text(R002.format(extra=extra, after=after), encoding="utf-8")


def test_the_catalogue_agrees():
    assert disagreements(CATALOGUE_DIR) == []


def test_a_theme_one_document_lacks_is_reported(mini):
    assert disagreements(mini) == [
        "改革 r002：cq2021 的措施（cq2021-02）没有主题 政务服务",
        "改革 r002：各文件的措施主题不同，记录中没有 themes_note 说明原文的差异",
    ]


def test_a_difference_of_text_is_marked_by_the_reforms_themes_and_a_note(mini):
    write_r002(mini, extra="themes:\n- kaiban-qiye\n", after="themes_note: 渝中另写了政务服务的内容。\n")
    assert disagreements(mini) == []


def test_the_reforms_themes_without_a_note_are_not_enough(mini):
    write_r002(mini, extra="themes:\n- kaiban-qiye\n")
    assert disagreements(mini) == ["改革 r002：各文件的措施主题不同，记录中没有 themes_note 说明原文的差异"]


def test_every_document_carries_the_reforms_own_themes(mini):
    write_r002(mini, extra="themes:\n- zhengwu-fuwu\n", after="themes_note: 说明。\n")
    assert disagreements(mini) == ["改革 r002：cq2021 的措施（cq2021-02）没有主题 政务服务"]


def test_a_document_may_split_the_reform_over_several_measures(mini):
    record = mini / "measures" / "cq2021" / "cq2021-01.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("- kaiban-qiye", "- zhengwu-fuwu"), encoding="utf-8")
    (mini / "reforms" / "r001.yml").unlink()
    write_r002(mini)
    r002 = mini / "reforms" / "r002.yml"
    r002.write_text(r002.read_text(encoding="utf-8").replace("- cq2021-02\n", "- cq2021-02\n- cq2021-01\n"), encoding="utf-8")
    assert disagreements(mini) == []
