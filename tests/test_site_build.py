"""The site generator end to end on the fixture catalogue, with the real MkDocs (strict).

One build per session (``site``); the tests read its files. A second build checks the output
is byte-stable, broken copies check that a failed build leaves the old site alone.
"""

import csv
import io
import json
import os
import shutil
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from subprocess import PIPE, Popen, run
from urllib.parse import unquote, urlsplit
from zipfile import ZipFile

import pytest
from openpyxl import load_workbook

from reforms.cli import load_and_check, main
from reforms.site import paths, views
from reforms.site.build_site import DOCS_DIR, BuildError, build_site
from reforms.site.downloads import ACTION_COLUMNS, download_files
from reforms.site.gitdates import last_changed
from reforms.site.output import MARKER, MARKER_TEXT
from reforms.site.xlsx import FIXED_TIME, ZIP_TIME

ROOT = Path(__file__).parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
REPO_URL = "https://git.example.org/reforms"
TRICKY_ID = "yz2021-03"
TRICKY = "<script>alert(1)</script> **粗体** [链接](http://x) | 竖线"
FORMULA = "=SUM(A1)"


@pytest.fixture(scope="session")
def resolved():
    resolved, problems = load_and_check(MINI)
    assert problems == []
    return resolved


def build(resolved, site_dir: Path) -> Path:
    build_site(resolved, MINI, site_dir, repo_url=REPO_URL, edit_uri="edit/main/")
    return site_dir


@pytest.fixture(scope="session")
def site(resolved, tmp_path_factory) -> Path:
    return build(resolved, tmp_path_factory.mktemp("build") / "site")


def all_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class Page(HTMLParser):
    """A built page: its links, its element ids, and the visible text of its article."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.article: list[str] = []
        self.title = ""
        self._in = ""  # "article" or "title" while inside one
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.links += [attributes[a] for a in ("href", "src") if attributes.get(a)]
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag in ("article", "title") and not self._in:  # not an SVG <title> inside the article
            self._in = tag

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = ""

    def handle_data(self, data):
        if self._in == "article":
            self.article.append(data)
        elif self._in == "title":
            self.title += data

    @property
    def text(self) -> str:
        return " ".join("".join(self.article).split())


def page(site: Path, url: str) -> Page:
    return Page((site / url / "index.html").read_text(encoding="utf-8"))


# --- every record has its page ---------------------------------------------------------------------


def test_every_record_has_its_page(site, resolved):
    urls = [paths.measure_url(m.id) for m in resolved.measures]
    urls += [paths.document_url(d.id) for d in resolved.documents]
    urls += [paths.department_url(d.id) for d in resolved.departments]
    urls += [paths.district_url(j) for j in paths.DISTRICT_SLUGS]
    urls += [paths.theme_url(t.id) for t in resolved.themes] + [paths.reform_url(r.id) for r in resolved.reforms]
    urls += [paths.compare_url(paths.city_tasks_name("jlp2021")), paths.DOWNLOADS, "about/", "data/", ""]
    missing = [url for url in urls if not (site / url / "index.html").is_file()]
    assert missing == []
    assert {p.name for p in (site / "districts").iterdir() if p.is_dir()} == {"chongqing", "yuzhong", "jiangjin", "jiulongpo"}


def test_every_local_link_resolves(site):
    broken = []
    pages = {path: Page(path.read_text(encoding="utf-8")) for path in site.rglob("*.html")}
    for path, parsed in pages.items():
        for link in parsed.links:
            target = local_target(site, path, link)
            if target is None:
                continue
            file, fragment = target
            if not file.is_file():
                broken.append(f"{path.relative_to(site)} → {link}")
            elif fragment and file.suffix == ".html" and fragment not in pages[file].ids:
                broken.append(f"{path.relative_to(site)} → {link} (no #{fragment})")
    assert broken == []


def local_target(site: Path, page_file: Path, link: str) -> tuple[Path, str] | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
        return None
    if not parts.path:
        return page_file, parts.fragment
    base = site if parts.path.startswith("/") else page_file.parent  # 404.html links from the site root
    target = (base / unquote(parts.path).lstrip("/")).resolve()
    assert target.is_relative_to(site.resolve()), f"{link} leaves the site"
    return (target / "index.html" if link.split("#")[0].endswith("/") or target.is_dir() else target), parts.fragment


def test_no_external_resources(site):
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        for link in Page(html).links:
            if link.endswith((".js", ".css")):
                assert not urlsplit(link).scheme, f"{path}: {link}"


# --- editor text stays text ------------------------------------------------------------------------


@pytest.mark.parametrize("url", [paths.measure_url(TRICKY_ID), paths.document_url("yz2021"), paths.department_url("yuzhong-cz")])
def test_markup_in_editor_text_shows_literally(site, url):
    html = (site / url / "index.html").read_text(encoding="utf-8")
    assert TRICKY in page(site, url).text
    assert "<script>alert" not in html
    assert "<strong>粗体" not in html and 'href="http://x"' not in html


def test_title_tag_keeps_markup_escaped(site):
    html = (site / paths.measure_url(TRICKY_ID) / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html.split("</title>")[0]
    assert TRICKY in page(site, paths.measure_url(TRICKY_ID)).title


def test_markup_and_formula_in_csv(site):
    rows = read_csv(site / paths.CATALOGUE_CSV)
    assert list(rows[0]) == [c.name for c in ACTION_COLUMNS]
    tricky = next(r for r in rows if r["措施id"] == TRICKY_ID)
    assert tricky["标题"] == TRICKY
    assert tricky["举措内容"].startswith(TRICKY)
    assert tricky["适用范围"] == "'" + FORMULA
    department = read_csv(site / paths.department_download("yuzhong-cz", "csv"))
    assert [r["适用范围"] for r in department if r["措施id"] == TRICKY_ID] == ["'" + FORMULA]


def read_csv(path: Path) -> list[dict]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_markup_and_formula_in_xlsx(site):
    workbook = load_workbook(site / paths.CATALOGUE_XLSX)
    assert workbook.sheetnames == ["重庆2021放管服方案", "渝中2021放管服方案", "九龙坡2021营商环境方案", "部门", "字段说明"]
    sheet = workbook["渝中2021放管服方案"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("措施id")].value == TRICKY_ID)
    assert row[header.index("标题")].value == TRICKY
    scope = row[header.index("适用范围")]
    assert (scope.value, scope.data_type, scope.quotePrefix) == (FORMULA, "s", True)  # text as written, and text it stays
    assert not row[header.index("标题")].quotePrefix
    cells = [c for s in workbook for r in s.iter_rows() for c in r]
    assert not any(c.data_type == "f" for c in cells)
    department = load_workbook(site / paths.department_download("yuzhong-cz", "xlsx")).active
    assert [(c.value, c.quotePrefix) for r in department.iter_rows() for c in r if c.value == FORMULA] == [(FORMULA, True)]


def test_markup_in_json_and_urls_lead_to_pages(site, resolved):
    data = json.loads((site / paths.CATALOGUE_JSON).read_text(encoding="utf-8"))
    tricky = next(m for m in data["measures"] if m["id"] == TRICKY_ID)
    assert tricky["title"] == TRICKY
    assert tricky["actions"][0]["scope"] == FORMULA
    records = data["documents"] + data["departments"] + data["measures"]
    assert len(data["measures"]) == len(resolved.measures)
    assert [r["url"] for r in records if not (site / r["url"] / "index.html").is_file()] == []


# --- what the pages say ----------------------------------------------------------------------------


def test_measure_page_shows_units_inheritance_group_and_edit_link(site):
    html = (site / paths.measure_url("yz2021-01") / "index.html").read_text(encoding="utf-8")
    text = page(site, paths.measure_url("yz2021-01")).text
    assert "牵头单位：渝中区市场监管局" in text
    assert "责任单位：渝中区发展改革委、渝中区财政局、区级相关部门统称" in text
    assert "沿用小节" in text
    assert "departments/yuzhong-xgbm/" not in html  # a group is text, not a link
    assert f'{REPO_URL}/edit/main/tests/fixtures/mini/measures/yz2021/yz2021-01.yml' in html


def test_measure_page_shows_counterpart_side_by_side_and_source_lines(site):
    text = page(site, paths.measure_url("yz2021-02")).text
    assert "重庆2021放管服方案" in text and "2． 增强开办企业“一网通”平台功能" in text
    assert "来源文本第 8-10 行" in text
    assert "推行电子证照应用。（牵头单位：区发展改革委；2022年6月）" in text
    assert "举措 2" in text


def test_department_page_lists_lead_and_supporting_apart_and_prints_a4(site):
    html = (site / paths.department_url("yuzhong-cz") / "index.html").read_text(encoding="utf-8")
    parsed = Page(html)
    assert {"lead", "partner"} <= parsed.ids
    assert "牵头的举措（1 项）" in parsed.text and "配合的举措（2 项）" in parsed.text
    assert 'class="reform-list' in html
    assert any(link.endswith("print-a4.css") for link in parsed.links)


def test_comparison_tables(site):
    pair = page(site, paths.compare_url("cq2021-yz2021")).text
    assert "共有 2 项改革" in pair and "编者注" in pair
    reform = page(site, paths.reform_url("r001")).text
    assert reform.index("重庆2021放管服方案") < reform.index("渝中2021放管服方案")
    matrix = page(site, paths.COMPARE).text
    assert "收录改革：2 项" in matrix and "只有一个区县的文件有的改革：0 项" in matrix
    tasks = page(site, paths.compare_url(paths.city_tasks_name("jlp2021"))).text
    assert "压缩企业开办时间至1个工作日。全面推行企业开办“一网通办”" in tasks and "九龙坡区市场监管局" in tasks


def test_source_texts_are_copied(site):
    assert (site / "sources" / "yz2021.txt").read_bytes() == (MINI / "sources" / "yz2021.txt").read_bytes()


def test_measure_page_links_a_copy_of_its_yaml_file(site):
    parsed = page(site, paths.measure_url("yz2021-01"))
    assert "../../data/measures/yz2021/yz2021-01.yml" in parsed.links
    assert "tests/fixtures/mini/measures/yz2021/yz2021-01.yml" in parsed.text
    copy = site / paths.measure_data("yz2021", "yz2021-01")
    assert copy.read_bytes() == (MINI / "measures" / "yz2021" / "yz2021-01.yml").read_bytes()


def test_every_table_has_a_caption_and_header_scopes(site):
    for path in site.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        assert html.count("<table>") == html.count("<caption>"), path
        assert "<th>" not in html and "<td>" not in html.split("<tbody>")[0].split("</thead>")[-1], path


def test_charts_come_with_their_numbers(site):
    themes = (site / paths.THEMES / "index.html").read_text(encoding="utf-8")
    assert themes.count('role="img"') == 1 and "各主题的措施数</title>" in themes
    district = page(site, paths.district_url("渝中区"))
    assert "due-2022-06" in district.ids and "#due-2022-06" in district.links
    assert "渝中区各月份的举措数（按时间节点）" in (site / paths.district_url("渝中区") / "index.html").read_text(encoding="utf-8")


def test_a_table_without_caption_fails_the_build(resolved, tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS_DIR, docs)
    (docs / "about.md").write_text("# 关于\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n", encoding="utf-8")
    with pytest.raises(BuildError, match="about.md: 1 个表格没有标题"):
        build_site(resolved, MINI, tmp_path / "site", docs_dir=docs)


def test_themes_by_district(site):
    text = page(site, paths.THEMES).text
    assert "开办企业" in text and "政务服务" in text
    theme = page(site, paths.theme_url("kaiban-qiye")).text
    assert "九龙坡区（1）" in theme
    assert "涵盖：企业设立登记和“一照多址”改革" in theme and "不含：破产程序中的注销（归办理破产）" in theme


# --- stability and failure -------------------------------------------------------------------------


def test_two_builds_are_byte_identical(site, resolved, tmp_path):
    again = all_files(build(resolved, tmp_path / "again"))
    first = all_files(site)
    assert sorted(again) == sorted(first)
    assert [name for name in first if first[name] != again[name]] == []


def test_two_processes_build_byte_identical_sites(tmp_path):
    """``build.py`` twice, side by side, with different hash seeds: no set order or build time leaks in.
    (On the fixture: the real catalogue takes ~17 s for the pair; run it by hand with ``--catalogue catalogue``.)"""
    sites = [tmp_path / "one", tmp_path / "two"]
    builds = [
        Popen(
            [sys.executable, "build.py", "--catalogue", str(MINI), "build", "--site-dir", str(site_dir)],
            cwd=ROOT, stdout=PIPE, stderr=PIPE, env=build_env(seed),
        )
        for seed, site_dir in enumerate(sites, start=1)
    ]
    for process in builds:
        _, errors = process.communicate(timeout=300)
        assert process.returncode == 0, errors.decode("utf-8")
    first, second = all_files(sites[0]), all_files(sites[1])
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def build_env(seed: int) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    # with the published address the sitemap lists every page, in MkDocs' order of the files
    return {**env, "PYTHONHASHSEED": str(seed), "SITE_URL": "https://example.org/reforms/"}


def test_invalid_catalogue_leaves_the_site_untouched(tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(MINI, broken)
    measure = broken / "measures" / "yz2021" / "yz2021-02.yml"
    measure.write_text(measure.read_text(encoding="utf-8").replace("partners: 区财政局", "partners: 区不存在局"), encoding="utf-8")
    site_dir = existing_site(tmp_path)
    before = all_files(site_dir)
    assert main(["--catalogue", str(broken), "build", "--site-dir", str(site_dir)]) == 1
    assert all_files(site_dir) == before


def test_failed_mkdocs_build_leaves_the_site_untouched(resolved, tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS_DIR, docs)
    (docs / "about.md").write_text("# 关于\n\n[断开的链接](nowhere.md)\n", encoding="utf-8")
    site_dir = existing_site(tmp_path)
    before = all_files(site_dir)
    with pytest.raises(BuildError, match="nowhere.md"):
        build_site(resolved, MINI, site_dir, docs_dir=docs)
    assert all_files(site_dir) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def existing_site(tmp_path: Path) -> Path:
    """What an earlier build left: its marker, pages."""
    site_dir = tmp_path / "site"
    (site_dir / "old").mkdir(parents=True)
    (site_dir / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    (site_dir / "index.html").write_text("旧站点", encoding="utf-8")
    (site_dir / "old" / "page.html").write_text("旧页面", encoding="utf-8")
    return site_dir


def test_last_changed_dates_match_git_log():
    file = ROOT / "catalogue" / "documents" / "yz2021.yml"
    command = ["git", "log", "-1", "--first-parent", "-m", "--date=format-local:%Y-%m-%d", "--format=%cd", "--", str(file)]
    beijing = {**os.environ, "TZ": "CST-8"}  # POSIX for UTC+8
    expected = run(command, cwd=ROOT, capture_output=True, text=True, env=beijing)
    if expected.returncode != 0 or not expected.stdout.strip():
        pytest.skip("no git history here")
    assert last_changed(ROOT / "catalogue")[str(file.resolve())] == expected.stdout.strip()


def test_workbooks_carry_no_build_time(site):
    with ZipFile(site / paths.CATALOGUE_XLSX) as archive:
        assert {info.date_time for info in archive.infolist()} == {ZIP_TIME}
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert core.count(FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")) == 2  # created and modified


def test_downloads_carry_absolute_addresses_when_the_site_has_one(resolved):
    files = download_files(views.site_data(resolved), "https://example.org/reforms/")
    data = json.loads(files[paths.CATALOGUE_JSON])
    assert data["measures"][0]["url"] == "https://example.org/reforms/" + paths.measure_url(data["measures"][0]["id"])
    assert "https://example.org/reforms/measures/" in files[paths.CATALOGUE_CSV].decode("utf-8-sig")
    relative = json.loads(download_files(views.site_data(resolved))[paths.CATALOGUE_JSON])
    assert relative["measures"][0]["url"] == paths.measure_url(relative["measures"][0]["id"])


def test_downloads_and_search_data_written_beside_the_pages_are_those_made_in_line(tmp_path):
    from reforms.site.build_site import data_files, data_in_background

    resolved, _ = load_and_check(MINI)
    beside = data_in_background(views.site_data(resolved), tmp_path, hand_written=set())
    counts = [beside.files(), beside.files()]  # the search data, then the downloads: nothing more asked for
    assert not beside.ready()
    in_line = data_files(views.site_data(resolved))
    written = {path.relative_to(tmp_path).as_posix(): path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    assert written == in_line
    assert sum(counts) == len(in_line)


def test_a_hand_written_file_named_as_a_generated_one_stops_the_build_naming_it(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS_DIR, docs)
    download = docs / paths.CATALOGUE_CSV  # made by the second process
    download.parent.mkdir()
    download.write_text("手写的", encoding="utf-8")
    resolved, _ = load_and_check(MINI)
    with pytest.raises(BuildError, match=f"同名：{paths.CATALOGUE_CSV}"):
        build_site(resolved, MINI, tmp_path / "site", docs_dir=docs)
    download.unlink()
    page = docs / paths.measure_url("cq2021-01") / "index.md"  # rendered by this one
    page.parent.mkdir(parents=True)
    page.write_text("# 手写的措施页\n", encoding="utf-8")
    with pytest.raises(BuildError, match=f"同名：{paths.measure_url('cq2021-01')}index.md"):
        build_site(resolved, MINI, tmp_path / "site", docs_dir=docs)
    assert not (tmp_path / "site").exists()


def test_files_made_beside_come_in_batches_each_as_soon_as_it_is_made():
    from reforms.site.second_process import FilesInBackground

    def slow():
        time.sleep(30)
        return {"b": b"2"}

    made = FilesInBackground([lambda: {"a": b"1"}, slow], "试验文件")
    started = time.monotonic()
    assert made.files() == {"a": b"1"}
    assert time.monotonic() - started < 10  # not held back by the second batch
    made.stop()
    assert not made.process.is_alive()


def test_a_failure_in_a_later_batch_comes_after_the_earlier_ones():
    from reforms.site.second_process import FilesInBackground

    def broken():
        raise ValueError("第二批坏了")

    made = FilesInBackground([lambda: {"a": b"1"}, broken], "试验文件")
    assert made.files() == {"a": b"1"}
    with pytest.raises(BuildError, match="试验文件未能生成(.|\n)*第二批坏了"):
        made.files()
    assert not made.process.is_alive()


def test_a_failure_making_the_data_beside_the_pages_stops_the_build_and_says_why(monkeypatch, tmp_path):
    from reforms.site import build_site as module

    def broken(resolved):
        raise ValueError("索引坏了")

    monkeypatch.setattr(module, "search_files", broken)  # the forked process has it too
    resolved, _ = load_and_check(MINI)
    beside = module.data_in_background(views.site_data(resolved), tmp_path, hand_written=set())
    with pytest.raises(BuildError, match="下载文件、搜索数据和页面未能生成(.|\n)*索引坏了"):
        beside.files()


def test_staging_shares_the_pages_out_and_stages_exactly_what_is_made_in_one_process(tmp_path):
    """The two processes render the pages between them (``page_shares``): none is lost or made
    twice, and with the files on disk they are every file ``stage_files`` makes in one process."""
    import zlib

    from reforms.site.build_site import stage_files, stage_site

    resolved, _ = load_and_check(MINI)
    packed = stage_site(tmp_path, resolved, MINI)
    on_disk = {path.relative_to(tmp_path).as_posix(): path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    assert not on_disk.keys() & packed.keys()
    staged = {**on_disk, **{name: zlib.decompress(content) for name, content in packed.items()}}
    assert staged == stage_files(resolved, MINI)


@pytest.mark.parametrize("seed", range(20))
def test_pages_go_to_whichever_process_asks_first_each_to_one(seed):
    """Two processes' shares (copies sharing the counter, as a fork leaves them) ask about the same
    pages in turns of any length: each page goes to exactly one, and asked twice in a row, the answer
    is the same."""
    import copy
    import random

    from reforms.site.page_shares import PageShares

    urls = [f"measures/m{n}/" for n in range(300)]
    first = PageShares()
    second = copy.copy(first)
    taken: dict[str, list[str]] = {"first": [], "second": []}
    positions = {"first": 0, "second": 0}
    turns = random.Random(seed)
    while min(positions.values()) < len(urls):
        name = turns.choice([n for n, at in positions.items() if at < len(urls)])
        shares = first if name == "first" else second
        for _ in range(turns.randint(1, 40)):
            if positions[name] == len(urls):
                break
            url = urls[positions[name]]
            if url in shares:
                assert url in shares
                taken[name].append(url)
            positions[name] += 1
    assert sorted(taken["first"] + taken["second"]) == sorted(urls)
    assert not set(taken["first"]) & set(taken["second"])
