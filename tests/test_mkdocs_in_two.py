"""MkDocs' build with its pages shared out between two processes (``mkdocs_in_two``): the same site
as MkDocs' own build, and the same warnings, wherever a page was built."""

import os
import zlib
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build

from reforms.cli import load_and_check
from reforms.site import build_site as build_module
from reforms.site import mkdocs_in_two
from reforms.site.build_site import BuildError, run_mkdocs, stage_site

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def staged(tmp_path_factory):
    """The mini catalogue's staging directory and generated pages (``stage_site``)."""
    folder = tmp_path_factory.mktemp("staged")
    resolved, _ = load_and_check(MINI)
    return folder, stage_site(folder / "docs", resolved, MINI)


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def shared_out(monkeypatch) -> list[str]:
    """The pages the second process built (their anchors restored here, ``restore_anchors`` spied on)."""
    built = []

    def noted(page, anchors, files):
        built.append(page.file.src_uri)
        return restore_anchors(page, anchors, files)

    restore_anchors = mkdocs_in_two.restore_anchors
    monkeypatch.setattr(mkdocs_in_two, "restore_anchors", noted)
    return built


def test_the_site_is_the_one_mkdocs_builds_alone_byte_for_byte(staged, tmp_path, monkeypatch):
    folder, pages = staged
    second = shared_out(monkeypatch)
    run_mkdocs(folder / "docs", tmp_path / "in-two", pages=dict(pages))
    with monkeypatch.context() as alone:
        alone.setattr(build_module, "build_in_two", lambda config, size, docs_read: mkdocs_build(config))
        run_mkdocs(folder / "docs", tmp_path / "alone", pages=dict(pages))
    in_two, alone = site_files(tmp_path / "in-two"), site_files(tmp_path / "alone")
    assert len(second) > 10  # the second process built pages
    assert sorted(in_two) == sorted(alone)
    assert [name for name in in_two if in_two[name] != alone[name]] == []


def test_the_second_process_warnings_fail_the_build_and_each_is_named(staged, tmp_path, monkeypatch):
    """Every page that shows source lines (measures, source texts) gets a problem: the build fails
    naming each, those the second process built too."""
    folder, pages = staged
    second = shared_out(monkeypatch)
    # page_checks' own function: the hooks module MkDocs loaded (once per session) calls it
    monkeypatch.setattr("reforms.site.page_checks.skipped_headings", lambda html: ["试验问题"] if "reform-lineno" in html else [])
    with pytest.raises(BuildError) as failed:
        run_mkdocs(folder / "docs", tmp_path / "site", pages=dict(pages))
    showing_lines = {name for name, packed in pages.items() if name.endswith(".md") and b"reform-lineno" in zlib.decompress(packed)}
    named = {line.strip().split(":")[0] for line in str(failed.value).splitlines() if "试验问题" in line}
    assert second and named == showing_lines


def test_links_to_missing_anchors_are_found_on_every_page_whichever_process_built_it(staged, tmp_path, monkeypatch):
    """Each measure page links to the next one's record section (there) and to an anchor that is
    not: the anchors of the second process's pages, and its pages' links, are checked here."""
    folder, pages = staged
    second = shared_out(monkeypatch)
    measures = sorted(name for name in pages if name.startswith("measures/") and name.endswith("/index.md"))
    linked = dict(pages)
    for name, target in zip(measures, [*measures[1:], measures[0]], strict=True):
        text = zlib.decompress(linked[name]).decode("utf-8")
        text += f"\n[下一条的数据文件](/{target}#record) [没有的锚点](/{target}#nope)\n"
        linked[name] = zlib.compress(text.encode("utf-8"), 1)
    with pytest.raises(BuildError) as failed:
        run_mkdocs(folder / "docs", tmp_path / "site", pages=linked)
    missing = [line for line in str(failed.value).splitlines() if "#nope" in line]
    assert second and len(missing) == len(measures)
    assert "#record" not in str(failed.value)


def test_an_error_in_the_second_process_stops_the_build_and_names_the_page(staged, tmp_path, monkeypatch):
    """A hook's error on a page the second process builds: the build stops with it, said plainly, with the page."""
    from mkdocs.exceptions import PluginError

    this_process = os.getpid()

    def failing(html):
        if os.getpid() != this_process:
            raise PluginError("试验错误")
        return []

    folder, pages = staged
    monkeypatch.setattr("reforms.site.page_checks.skipped_headings", failing)
    with pytest.raises(BuildError, match=r"另一进程中建的页面未能生成：[a-z0-9/-]+/index\.md：试验错误") as failed:
        run_mkdocs(folder / "docs", tmp_path / "site", pages=dict(pages))
    assert "Traceback" not in str(failed.value)
