"""``build.py suggest``: look-alike measures of different documents, confirmed into a reform record
or dismissed for good; and the similarity it ranks them by."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reforms.catalogue.model import Action, Measure
from reforms.editors.suggest import similarities

ROOT = Path(__file__).parent.parent
VALID = Path(__file__).parent / "fixtures" / "valid"
PAIR = ("yz2022-list-001", "jj2022-list-001")  # listed the other way round: 江津 published first


def build(catalogue: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--catalogue", str(catalogue), *args],
        capture_output=True, text=True, cwd=catalogue.parent,
    )


@pytest.fixture
def catalogue(tmp_path):
    """The fixture catalogue without its one reform record: the 一照多址 pair is a candidate again."""
    shutil.copytree(VALID, tmp_path / "catalogue")
    (tmp_path / "catalogue/reforms/r001.yml").unlink()
    return tmp_path / "catalogue"


def measure(document: str, title: str, text: str) -> Measure:
    return Measure(id=f"{document}-list-001", document=document, kind="list-item", number="1", section="一",
                   title=title, actions=[Action(text=text)], source_lines="1")


def test_same_words_score_high_and_other_words_low():
    measures = [
        measure("aa", "开展“一照多址”改革", "企业在住所外设立经营场所的，可以申请经营场所备案。"),
        measure("bb", "开展“一照多址”“一证多址”改革", "企业在住所以外设立经营场所，申请经营场所备案。"),
        measure("cc", "优化纳税服务", "推行财产和行为税合并申报。"),
    ]
    scores = similarities(measures)
    assert scores[(0, 1)] > 0.3
    assert scores.get((0, 2), 0) < 0.1 and scores.get((1, 2), 0) < 0.1


def test_measures_of_one_document_are_never_paired():
    measures = [measure("aa", "开展“一照多址”改革", "经营场所备案。"), measure("aa", "开展“一照多址”改革", "经营场所备案。")]
    assert similarities(measures) == {}


def test_a_candidate_is_listed_with_its_score_then_confirmed_into_a_record(catalogue):
    listed = build(catalogue, "suggest")
    assert listed.returncode == 0, listed.stderr
    first, second, total = listed.stdout.splitlines()
    assert first.split()[1:3] == [PAIR[1], "开展“一照多址”“一证多址”改革"] and 0.2 <= float(first.split()[0]) <= 1
    assert second.split()[0] == PAIR[0] and total == "共 1 对候选（相似度 ≥ 0.2），列出 1 对。"
    confirmed = build(catalogue, "suggest", "--confirm", *PAIR, "--name", "“一照多址”改革")
    assert confirmed.stdout == "已写入 catalogue/reforms/r001.yml\n", confirmed.stderr
    record = (catalogue / "reforms/r001.yml").read_text(encoding="utf-8")
    assert record == "id: r001\nname: “一照多址”改革\nmeasures:\n- yz2022-list-001\n- jj2022-list-001\n"
    assert build(catalogue, "validate").returncode == 0
    assert build(catalogue, "suggest").stdout == "共 0 对候选（相似度 ≥ 0.2），列出 0 对。\n"


def test_a_dismissed_pair_is_not_suggested_again(catalogue):
    dismissed = build(catalogue, "suggest", "--dismiss", *PAIR, "--reason", "一条讲备案，一条讲登记")
    assert dismissed.stdout == "已记入 catalogue/dismissed.yml\n", dismissed.stderr
    text = (catalogue / "dismissed.yml").read_text(encoding="utf-8")
    assert text == f"dismissed:\n- measures:\n  - {PAIR[0]}\n  - {PAIR[1]}\n  reason: 一条讲备案，一条讲登记\n"
    assert build(catalogue, "validate").returncode == 0
    assert build(catalogue, "suggest").stdout.startswith("共 0 对候选")


def test_a_dismissal_needs_a_reason_and_a_confirmation_real_measures(catalogue):
    no_reason = build(catalogue, "suggest", "--dismiss", *PAIR)
    assert no_reason.returncode == 1 and "--reason" in no_reason.stderr
    unknown = build(catalogue, "suggest", "--confirm", PAIR[0], "jj2022-list-009")
    assert unknown.returncode == 1 and unknown.stderr == "措施 jj2022-list-009 不存在\n"
    assert not (catalogue / "dismissed.yml").exists() and not (catalogue / "reforms/r001.yml").exists()


def test_every_candidate_of_the_real_catalogue_has_been_read():
    """Each pair at or above the threshold is in a reform record or dismissed with a reason."""
    result = subprocess.run([sys.executable, "build.py", "suggest"], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.endswith("共 0 对候选（相似度 ≥ 0.2），列出 0 对。\n"), result.stdout
