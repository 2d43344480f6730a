"""MkDocs' build with its pages shared out between two processes (``mkdocs_in_two``): the same site
as MkDocs' own build, and the same warnings, wherever a page was built."""

import os
import zlib
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build as mkdocs_build

from reforms.cli import load_and_check
from reforms.site import build_site as build_module
from reforms.site import mkdocs_in_two
from reforms.site.build_site import BuildError, run_mkdocs, stage_site
from reforms.site.packed_files import generated_size

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


class EveryOther:
    """In place of ``PageShares``: every other page to the second process, whatever the timing."""

    def __init__(self) -> None:
        self.first, self.asked = os.getpid(), -1

    def __contains__(self, url) -> bool:
        self.asked += 1
        return (self.asked % 2 == 1) == (os.getpid() != self.first)


@pytest.fixture
def every_other(monkeypatch):
    monkeypatch.setattr(mkdocs_in_two, "PageShares", EveryOther)


@pytest.mark.parametrize("sharing", ["every other page", "first come"])
def test_the_site_is_the_one_mkdocs_builds_alone_byte_for_byte(sharing, staged, tmp_path, monkeypatch):
    folder, pages = staged
    if sharing == "every other page":
        monkeypatch.setattr(mkdocs_in_two, "PageShares", EveryOther)
    second = shared_out(monkeypatch)
    run_mkdocs(folder / "docs", tmp_path / "in-two", pages=dict(pages))
    with monkeypatch.context() as alone:
        alone.setattr(build_module, "build_in_two", lambda config, size, docs_read: mkdocs_build(config))
        run_mkdocs(folder / "docs", tmp_path / "alone", pages=dict(pages))
    in_two, alone = site_files(tmp_path / "in-two"), site_files(tmp_path / "alone")
    if sharing == "every other page":
        assert len(second) > 10
    assert sorted(in_two) == sorted(alone)
    assert [name for name in in_two if in_two[name] != alone[name]] == []


def test_the_second_process_warnings_fail_the_build_and_each_is_named(every_other, staged, tmp_path, monkeypatch):
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


def test_links_to_missing_anchors_are_found_on_every_page_whichever_process_built_it(every_other, staged, tmp_path, monkeypatch):
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


def test_an_error_in_the_second_process_stops_the_build_and_names_the_page(every_other, staged, tmp_path, monkeypatch):
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


# --- a small site of its own: what MkDocs' own build would do differently --------------------------------


@pytest.fixture
def small_site(tmp_path):
    """A Material site whose first navigation entry has no title (MkDocs takes the page's heading),
    and twelve generated pages (handed over as the build does, ``packed_files``)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# 首页的标题\n\n正文。\n", encoding="utf-8")
    (docs / "about.md").write_text("---\ntitle: 关于\n---\n# 关于本站\n", encoding="utf-8")
    config = {
        "site_name": "试验",
        "theme": {"name": "material", "language": "zh", "font": False, "features": ["navigation.tabs"]},
        "nav": ["index.md", {"关于": "about.md"}],
        "plugins": [],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    generated = {f"pages/{n}/index.md": zlib.compress(f"# 第 {n} 页\n\n[首页](../../index.md)\n".encode(), 1) for n in range(12)}
    return tmp_path, generated


def small_build(folder: Path, generated: dict[str, bytes], site: str, build, plugins: list | None = None) -> dict[str, bytes]:
    from mkdocs.config import load_config

    from reforms.site.packed_files import PLUGIN_NAME, HandOver

    config = load_config(config_file=str(folder / "mkdocs.yml"), site_dir=str(folder / site), strict=True, **({"plugins": plugins} if plugins else {}))
    config.plugins[PLUGIN_NAME] = HandOver(dict(generated))
    build(config)
    return site_files(folder / site)


def test_the_navigation_on_the_second_process_pages_has_the_titles_their_reading_gives(every_other, small_site, monkeypatch):
    folder, generated = small_site
    second = shared_out(monkeypatch)
    in_two = small_build(folder, generated, "in-two", lambda config: mkdocs_in_two.build_in_two(config, generated_size))
    alone = small_build(folder, generated, "alone", mkdocs_build)
    assert in_two == alone and len(second) == 6
    assert "首页的标题" in in_two[second[0].replace(".md", ".html")].decode("utf-8")  # the tab of the untitled entry


def test_with_a_plugin_that_gathers_from_every_page_mkdocs_builds_alone(small_site, monkeypatch):
    folder, generated = small_site
    alone = []
    monkeypatch.setattr(mkdocs_in_two, "mkdocs_build", lambda config, serve_url=None: alone.append(config) or mkdocs_build(config))
    small_build(folder, generated, "site", lambda config: mkdocs_in_two.build_in_two(config, generated_size), plugins=["search"])
    assert len(alone) == 1


def test_where_no_second_process_can_be_made_this_one_builds_every_page(small_site, monkeypatch):
    folder, generated = small_site

    def refused(*args, **kwargs):
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(mkdocs_in_two, "FilesInBackground", refused)
    in_one = small_build(folder, generated, "in-one", lambda config: mkdocs_in_two.build_in_two(config, generated_size))
    assert in_one == small_build(folder, generated, "alone", mkdocs_build)
