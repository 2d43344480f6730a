"""A department reports an action done, in one commit: the report shows on the measure's page, the
department's and the district's status summaries, the search filter, the downloads, ``build.py diff``,
the updates page and the feeds. Built with the real MkDocs from a temporary git repository."""

import csv
import io
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_updates_and_feeds import article, commit, git

from reforms.cli import load_and_check
from reforms.site import paths
from reforms.site.build_site import build_site

ROOT = Path(__file__).parent.parent
MINI = Path(__file__).parent / "fixtures" / "mini"
ATOM = "{http://www.w3.org/2005/Atom}"
MEASURE = "yz2021-02"
EVIDENCE = "https://www.cqyz.gov.cn/zwgk/tzgg/202403/t20240301_1.html"
SUBJECT = "区市场监管局报告：企业开办全程网上办理已完成"
REPORT = f"""  status: 已完成
  status_date: '2024-03-01'
  status_note: 企业开办已实现全程网上办理。
  evidence:
  - {EVIDENCE}
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    catalogue = tmp_path_factory.mktemp("repo") / "catalogue"
    shutil.copytree(MINI, catalogue)
    git(catalogue.parent, "init", "--quiet", "--initial-branch=main")
    commit(catalogue.parent, "2024-01-10T09:00:00+08:00", "导入三份文件")
    measure = catalogue / "measures" / "yz2021" / f"{MEASURE}.yml"
    text = measure.read_text(encoding="utf-8")
    measure.write_text(text.replace("  due: 2021年底前\n", "  due: 2021年底前\n" + REPORT, 1), encoding="utf-8")
    commit(catalogue.parent, "2024-03-05T10:00:00+08:00", SUBJECT)
    return catalogue


@pytest.fixture(scope="module")
def site(repo, tmp_path_factory) -> Path:
    resolved, problems = load_and_check(repo)
    assert problems == []
    site_dir = tmp_path_factory.mktemp("built") / "site"
    build_site(resolved, repo, site_dir)
    return site_dir


def test_the_measure_page_shows_the_report(site):
    page = article(site, paths.measure_url(MEASURE))
    assert "实施状态：已完成（2024-03-01）状态说明：企业开办已实现全程网上办理。佐证：" + EVIDENCE in page.text
    assert EVIDENCE in page.links
    assert "实施状态：未报告" in page.text  # the second action reported nothing


def test_the_department_and_district_summaries_count_it(site):
    department = article(site, paths.department_url("yuzhong-scjg")).text
    assert "实施状态牵头配合 未报告 1 0 推进中 0 0 已完成 1 0 长期推进 0 0 已调整 0 0 已终止 0 0 已过时间节点未报告完成 0 0" in department
    district = article(site, paths.district_url("渝中区")).text
    assert "实施状态举措 未报告 3 推进中 0 已完成 1 长期推进 0 已调整 0 已终止 0 已过时间节点未报告完成 1" in district
    assert "数据截至 2024-03-05" in district


def test_the_search_filter_finds_it(site):
    queries = [{"query": "", "filters": {"status": "已完成"}}, {"query": "", "filters": {"status": "推进中"}}]
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "search_queries.js"), str(site)],
        input=json.dumps(queries), capture_output=True, text=True, check=True,
    )
    done, doing = json.loads(result.stdout)["results"]
    assert done["ids"] == [MEASURE] and doing["ids"] == []


def test_the_downloads_carry_it(site):
    data = json.loads((site / paths.CATALOGUE_JSON).read_text(encoding="utf-8"))
    action = next(m for m in data["measures"] if m["id"] == MEASURE)["actions"][0]
    assert (action["status"], action["status_date"], action["evidence"]) == ("已完成", "2024-03-01", [EVIDENCE])
    rows = list(csv.DictReader(io.StringIO((site / paths.CATALOGUE_CSV).read_text(encoding="utf-8-sig"))))
    row = next(r for r in rows if r["措施id"] == MEASURE and r["举措序号"] == "1")
    assert (row["实施状态"], row["状态日期"], row["佐证"]) == ("已完成", "2024-03-01", EVIDENCE)
    assert {r["实施状态"] for r in rows if r is not row} == {"未报告"}
    sheet = load_workbook(site / paths.CATALOGUE_XLSX)["渝中2021放管服方案"]
    header = [c.value for c in sheet[1]]
    statuses = [r[header.index("实施状态")] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert statuses.count("已完成") == 1


def test_diff_lists_the_status_change(repo):
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--catalogue", str(repo), "diff", "HEAD~1"],
        capture_output=True, text=True, cwd=repo.parent,
    )
    assert result.returncode == 0, result.stderr
    assert "### 实施状态变化（1 项举措）\n\n- `yz2021-02` 增强开办企业“一网通”平台功能 举措 1：未报告 → 已完成（2024-03-01），佐证 1 条\n" in result.stdout


def test_the_updates_page_and_the_feeds_show_it(site):
    report = "举措 1 的实施状态：（无） → 已完成"
    assert report in article(site, paths.UPDATES).text
    for feed in (paths.UPDATES_FEED, paths.department_feed("yuzhong-scjg")):
        root = ElementTree.fromstring((site / feed).read_bytes())
        summary = next(root.iter(f"{ATOM}entry")).find(f"{ATOM}summary").text
        assert report in summary and f"举措 1 的佐证：（无） → {EVIDENCE}" in summary
