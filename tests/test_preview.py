"""The live preview (``build.py serve``): an edit rebuilds only what it touches, and the result is
the same site a full build makes; a broken catalogue is shown, not hidden, and the next good save
recovers."""

from __future__ import annotations

import gc
import shutil
import time
import weakref
from pathlib import Path

import pytest
from gitrepo import commit, git  # tests/gitrepo.py

from reforms.cli import load_and_check
from reforms.site.build_site import build_site
from reforms.site.output import MARKER
from reforms.site.serve import Preview

MINI = Path(__file__).parent / "fixtures" / "mini"
MEASURE = Path("measures/yz2021/yz2021-01.yml")


@pytest.fixture
def catalogue(tmp_path) -> Path:
    return Path(shutil.copytree(MINI, tmp_path / "catalogue"))


@pytest.fixture
def preview(catalogue, tmp_path) -> Preview:
    preview = Preview(catalogue, load_and_check, tmp_path / "preview-site", staging=tmp_path / "staging")
    preview.rebuild()
    assert preview.problems == []
    return preview


def site_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def edit(catalogue: Path, old: str, new: str, measure: Path = MEASURE) -> None:
    path = catalogue / measure
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def full_build(catalogue: Path, site_dir: Path) -> dict[str, bytes]:
    resolved, problems = load_and_check(catalogue)
    assert problems == []
    build_site(resolved, catalogue, site_dir)
    files = site_files(site_dir)
    assert files.pop(MARKER)  # a build marks the folder it may replace; the preview's folder is its own
    return files


def test_an_edit_gives_the_site_a_full_build_gives(preview, catalogue, tmp_path):
    edit(catalogue, "title: ", "title: 预览改动")
    pages = {
        "measures": preview.site_dir / "measures" / "yz2021-01" / "index.html",
        "documents": preview.site_dir / "documents" / "yz2021" / "index.html",
    }
    shown, reloaded = [], []  # the two pages, and the pages the browsers reload, at each step
    def show(built):
        shown.append({name: "预览改动" in page.read_text(encoding="utf-8") for name, page in pages.items()})
        reloaded.append(built)

    preview.rebuild(show=show)
    assert preview.problems == []
    # The measure's page first, or only after the search page: the search files come from the
    # second process, which may make them before this one has built the page.
    first = reloaded.index(["measures/yz2021-01/index.html"])
    assert shown[first] == {"measures": True, "documents": False}
    assert all(built == ["search/index.html"] for built in reloaded[:first])
    # The pages that list it follow, each reloaded as soon as it is built; the search data and the
    # downloads as soon as the second process has made them.
    listing = next(step for step, built in enumerate(reloaded) if "documents/yz2021/index.html" in built)
    assert reloaded[listing] == ["documents/yz2021/index.html"] and shown[listing]["documents"]
    assert all(len(built) == 1 for built in reloaded if built and not built[0].startswith("downloads/")), reloaded
    assert "documents/cq2021/index.html" not in {page for built in reloaded for page in built}
    # The search data: the page that reads it as it opens reloads once, for the files the edit
    # changes; not again for the exact data, which differs from them in the last digit of weights.
    assert reloaded.count(["search/index.html"]) == 1
    assert [] in reloaded[reloaded.index(["search/index.html"]) :]
    order = [built[0] for built in reloaded if built]
    direct = ["documents/yz2021/index.html", "departments/yuzhong-scjg/index.html", "themes/kaiban-qiye/index.html", "reforms/r001/index.html"]
    assert max(map(order.index, direct)) < order.index("compare/index.html")  # the longest pages last
    downloads = [built for built in reloaded if built and built[0].startswith("downloads/")]
    assert len(downloads) == 1 and all(path.startswith("downloads/") for path in downloads[0])  # no page shows them
    incremental = site_files(preview.site_dir)
    assert incremental == full_build(catalogue, tmp_path / "full")
    edited = [path for path, content in incremental.items() if "预览改动".encode() in content]
    assert "measures/yz2021-01/index.html" in edited  # the measure page
    assert any(path.startswith("documents/") for path in edited)  # an index page it appears on
    assert any(path.startswith("downloads/") for path in edited)
    assert any(path.startswith("search/") for path in edited)


def test_the_search_page_shows_the_edit_while_a_page_that_lists_the_measure_is_being_built(preview, catalogue, monkeypatch):
    from reforms.site import serve

    reloaded = []

    def listing_once_the_search_page_reloaded(*args, **kwargs):
        # this process is still at the first listing page, until the search page shows the edit
        deadline = time.monotonic() + 60
        while ["search/index.html"] not in reloaded and time.monotonic() < deadline:
            time.sleep(0.01)
        yield from real_page_files(*args, **kwargs)

    def show(built):
        if built == ["search/index.html"]:  # what the search page reads as it reloads
            records = (preview.site_dir / "search" / "records").glob("*.js")
            searched.append(any("搜索先到" in path.read_text(encoding="utf-8") for path in records))
        reloaded.append(built)

    real_page_files, searched = serve.page_files, []
    monkeypatch.setattr(serve, "page_files", listing_once_the_search_page_reloaded)
    edit(catalogue, "title: ", "title: 搜索先到")
    preview.rebuild(show=show)
    assert reloaded.index(["measures/yz2021-01/index.html"]) < reloaded.index(["documents/yz2021/index.html"])
    # the edited search files, before the first of the listing pages
    assert reloaded.index(["search/index.html"]) < reloaded.index(["documents/yz2021/index.html"])
    assert searched == [True]
    assert ["documents/yz2021/index.html"] in reloaded[2:]
    assert site_files(preview.site_dir) == full_build(catalogue, preview.site_dir.parent / "full")


def test_a_failed_save_is_shown_and_the_next_save_of_another_measure_brings_both_edits(preview, catalogue, monkeypatch, tmp_path):
    from reforms.site import serve

    def broken(*args):
        raise ValueError("改动的搜索数据坏了")

    monkeypatch.setattr(serve, "edited_files", broken)  # the forked process has it too
    edit(catalogue, "title: ", "title: 第一次")
    preview.rebuild()
    assert len(preview.problems) == 1 and "改动的搜索数据坏了" in preview.problems[0]
    monkeypatch.undo()
    edit(catalogue, "title: ", "title: 第二次", measure=Path("measures/cq2021/cq2021-01.yml"))
    preview.rebuild()
    assert preview.problems == []
    site = site_files(preview.site_dir)
    assert site == full_build(catalogue, tmp_path / "full")
    records = "".join(content.decode() for path, content in site.items() if path.startswith("search/records/"))
    assert "第一次" in records and "第二次" in records


def test_an_edit_saved_while_another_file_is_broken_is_built_once_that_is_put_right(preview, catalogue, tmp_path):
    edit(catalogue, "title: ", "title: 第一次")
    other = catalogue / "measures/cq2021/cq2021-01.yml"
    original = other.read_text(encoding="utf-8")
    other.write_text(original + "actions: [\n", encoding="utf-8")
    preview.rebuild()
    assert preview.problems
    other.write_text(original, encoding="utf-8")
    preview.rebuild()
    assert preview.problems == []
    assert site_files(preview.site_dir) == full_build(catalogue, tmp_path / "full")


def test_copying_files_again_leaves_pages_new_files_and_a_due_whole_build_to_a_rebuild(preview):
    staged = preview.staging / "search" / "index.js"
    staged.write_bytes(staged.read_bytes() + b"\n")
    epoch = preview.site.built_with[1]
    assert preview.site.copy(["search/index.js"], epoch + 1) == ["search/index.js"]  # a new commit: the footer's date
    assert (preview.site_dir / "search" / "index.js").read_bytes() != staged.read_bytes()
    left = preview.site.copy(["search/index.js", "measures/yz2021-01/index.md", "search/parts/new.js"], epoch)
    assert left == ["measures/yz2021-01/index.md", "search/parts/new.js"]
    assert (preview.site_dir / "search" / "index.js").read_bytes() == staged.read_bytes()


def test_putting_a_broken_file_back_as_it_was_reloads_the_pages_showing_the_problems(preview, catalogue):
    original = (catalogue / MEASURE).read_text(encoding="utf-8")
    (catalogue / MEASURE).write_text(original + "actions: [\n", encoding="utf-8")
    shown = []
    preview.rebuild(show=shown.append)
    assert preview.problems and shown == [None]
    shown.clear()
    (catalogue / MEASURE).write_text(original, encoding="utf-8")  # every page comes out as before
    preview.rebuild(show=shown.append)
    assert preview.problems == [] and shown == [None]  # every page: each one showed the problems


JLP = Path("measures/jlp2021/jlp2021-list-001.yml")
EDITS = {
    "另一牵头单位": (JLP, "lead: 区市场监管局", "lead: 区发展改革委"),
    "另一主题": (JLP, "- kaiban-qiye", "- zhengwu-fuwu"),
    "另一时间节点": (JLP, "due: 2021年12月", "due: 2022年6月"),
    "改革中的措施": (Path("measures/cq2021/cq2021-01.yml"), "“一网通办”", "“一网通办”和“跨省通办”"),
    # the latest date the records give: every department's and district's page counts what is overdue from it
    "新的状态日期": (JLP, "  due: 2021年12月", "  due: 2021年12月\n  status: 已完成\n  status_date: '2026-11-30'"),
}


@pytest.mark.parametrize("kind", EDITS)
def test_each_kind_of_edit_gives_the_site_a_full_build_gives(kind, preview, catalogue, tmp_path):
    edit(catalogue, *EDITS[kind][1:], measure=EDITS[kind][0])
    preview.rebuild()
    assert preview.problems == []
    assert site_files(preview.site_dir) == full_build(catalogue, tmp_path / "full")


def test_a_new_lead_unit_brings_the_measure_s_history_into_its_department_s_feed(tmp_path):
    catalogue = Path(shutil.copytree(MINI, tmp_path / "repo" / "catalogue"))
    git(catalogue.parent, "init", "--quiet", "--initial-branch=main")
    commit(catalogue.parent, "2024-01-01T00:00:00+08:00", "导入")
    edit(catalogue, "due: 2021年12月", "due: 2022年6月", measure=JLP)
    commit(catalogue.parent, "2024-02-01T00:00:00+08:00", "更正时间节点")  # a change set about the measure
    preview = Preview(catalogue, load_and_check, tmp_path / "preview-site", staging=tmp_path / "staging")
    preview.rebuild()
    feed = preview.site_dir / "departments" / "jiulongpo-fgw" / "feed.xml"
    assert "2022年6月" not in feed.read_text(encoding="utf-8")  # the change set lists the new due date
    edit(catalogue, "lead: 区市场监管局", "lead: 区发展改革委", measure=JLP)  # not committed: the editor's save
    preview.rebuild()
    assert preview.problems == []
    assert "2022年6月" in feed.read_text(encoding="utf-8")
    assert site_files(preview.site_dir) == full_build(catalogue, tmp_path / "full")


def test_an_edit_builds_again_only_the_pages_that_show_the_measure(preview, catalogue):
    before = {p: p.stat().st_mtime_ns for p in preview.site_dir.rglob("*.html")}
    edit(catalogue, "title: ", "title: 只动相关页面")
    preview.rebuild()
    rebuilt = {p.relative_to(preview.site_dir).as_posix() for p, stamp in before.items() if p.stat().st_mtime_ns != stamp}
    assert "measures/yz2021-01/index.html" in rebuilt and "documents/yz2021/index.html" in rebuilt
    assert "measures/jlp2021-list-002/index.html" not in rebuilt  # another district's measure
    assert "documents/jlp2021/index.html" not in rebuilt
    assert not any(path.startswith("departments/jiulongpo") for path in rebuilt)


def test_the_edited_measure_s_document_page_is_shown_right_after_its_own_page(preview, catalogue, monkeypatch):
    """Before the other pages that list the measure are worked out (the search page reloads whenever
    its data is there)."""
    events = []
    touched_pages = Preview.touched_pages
    monkeypatch.setattr(Preview, "touched_pages", lambda *args: events.append("touched pages worked out") or touched_pages(*args))
    edit(catalogue, "title: ", "title: 文件页紧随其后")
    preview.rebuild(show=lambda built: events.extend(p for p in built or [] if p.endswith("index.html") and p != "search/index.html"))
    assert events[:3] == ["measures/yz2021-01/index.html", "documents/yz2021/index.html", "touched pages worked out"]


def test_a_save_frees_the_catalogue_it_replaced(preview, catalogue):
    replaced = weakref.ref(preview.shown.resolved.measures[0])  # records refer to each other: only the cycle collector frees them
    edit(catalogue, "title: ", "title: 旧的不留")
    preview.rebuild()
    assert preview.problems == []
    assert replaced() is None  # collected as the save ends, not left to a collection in the next one


def test_collections_during_a_save_leave_alone_what_was_there_before(preview, catalogue):
    alive = len(gc.get_objects())  # MkDocs' objects and the catalogue, among others
    left_alone = []  # at each step of the save, how many objects the cycle collector does not walk
    edit(catalogue, "title: ", "title: 冻住")
    preview.rebuild(show=lambda built: left_alone.append(gc.get_freeze_count()))
    assert len(left_alone) >= 4 and min(left_alone) >= alive * 0.9
    assert gc.get_freeze_count() == 0  # collectable again once the save is done


def test_a_broken_catalogue_is_reported_and_the_next_good_save_recovers(preview, catalogue):
    before = site_files(preview.site_dir)
    original = (catalogue / MEASURE).read_text(encoding="utf-8")
    (catalogue / MEASURE).write_text(original + "actions: [\n", encoding="utf-8")
    preview.rebuild()
    assert len(preview.problems) == 1
    assert preview.problems[0].startswith(f"catalogue/{MEASURE.as_posix()}:")
    assert "YAML" in preview.problems[0]
    assert site_files(preview.site_dir) == before  # the last good pages stay
    page = preview.problems_page().decode("utf-8")
    assert "目录有 1 个问题" in page and f"catalogue/{MEASURE.as_posix()}" in page

    (catalogue / MEASURE).write_text(original.replace("title: ", "title: 改好了", 1), encoding="utf-8")
    preview.rebuild()
    assert preview.problems == []
    assert "改好了" in (preview.site_dir / "measures" / "yz2021-01" / "index.html").read_text(encoding="utf-8")


def test_problems_page_escapes_what_the_editor_wrote(preview):
    preview.problems = ['catalogue/x.yml:1:1: title: <script>alert(1)</script> —— "改"']
    page = preview.problems_page().decode("utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_unchanged_files_are_not_parsed_again(preview, catalogue, monkeypatch):
    from reforms.catalogue import load

    parsed = []
    real = load.load_records
    monkeypatch.setattr(load, "load_records", lambda path, *args: parsed.append(path.name) or real(path, *args))
    edit(catalogue, "title: ", "title: 只读一个文件")
    preview.rebuild()
    assert parsed == [MEASURE.name]
