"""最近更新 and the Atom feeds, built with the real MkDocs from a temporary git repository.

The repository holds the mini fixture, committed in three steps: everything but one measure,
then that measure (新增, late evening UTC: the next day in Beijing), then a change to another
(修改) whose commit subject carries markup. Another copy, outside git, checks the fallback.
"""

import os
import posixpath
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reforms.cli import load_and_check
from reforms.site import paths, views
from reforms.site.build_site import build_site
from reforms.site.feeds import EMPTY_FEED_TIME, FeedConfig, feed_files, load_feed_config
from reforms.site.gitdates import file_changes
from reforms.site.updates import catalogue_changes

MINI = Path(__file__).parent / "fixtures" / "mini"
ATOM = "{http://www.w3.org/2005/Atom}"
SUBJECT = "更正时间节点 <script>alert(1)</script> & “引号”"
ADDED_LATER = "jlp2021-list-002"
CHANGED_LAST = "yz2021-02"
COMMITS = (  # (committer time, subject); the first commit leaves ADDED_LATER out
    ("2024-01-10T09:00:00+08:00", "导入三份文件"),
    ("2024-02-01T23:30:00+00:00", "新增九龙坡清单第 2 项"),  # 2024-02-02 07:30 in Beijing
    ("2024-03-05T10:00:00+08:00", SUBJECT),
)


def git(repo: Path, *args: str, when: str = "2024-01-01T00:00:00+08:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_CONFIG_GLOBAL": os.devnull}
    identity = ["-c", "user.name=编辑", "-c", "user.email=editor@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, *args], cwd=repo, check=True, capture_output=True, env=env)


def commit(repo: Path, when: str, subject: str) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", subject, when=when)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """The catalogue folder of a fresh repository with the three commits of ``COMMITS``."""
    catalogue = tmp_path_factory.mktemp("repo") / "catalogue"
    shutil.copytree(MINI, catalogue)
    later = catalogue / "measures" / "jlp2021" / f"{ADDED_LATER}.yml"
    held_back = later.read_bytes()
    later.unlink()
    git(catalogue.parent, "init", "--quiet", "--initial-branch=main")
    commit(catalogue.parent, *COMMITS[0])
    later.write_bytes(held_back)
    commit(catalogue.parent, *COMMITS[1])
    changed = catalogue / "measures" / "yz2021" / f"{CHANGED_LAST}.yml"
    changed.write_text(changed.read_text(encoding="utf-8").replace("due: 2022年6月", "due: 2022年9月"), encoding="utf-8")
    commit(catalogue.parent, *COMMITS[2])
    return catalogue


def resolve(catalogue: Path):
    resolved, problems = load_and_check(catalogue)
    assert problems == []
    return resolved


@pytest.fixture(scope="module")
def resolved(repo):
    return resolve(repo)


@pytest.fixture(scope="module")
def site(repo, resolved, tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("built") / "site"
    build_site(resolved, repo, site_dir)
    return site_dir


class Article(HTMLParser):
    """A built page: the links and text inside its article, the alternate links in its head."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.feeds: list[str] = []
        self.words: list[str] = []
        self._inside = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self._inside = self._inside or tag == "article"
        if tag == "a" and self._inside:
            self.links.append(attributes.get("href", ""))
        if tag == "link" and "alternate" in (attributes.get("rel") or "").split():
            self.feeds.append(attributes["href"])

    def handle_endtag(self, tag):
        self._inside = self._inside and tag != "article"

    def handle_data(self, data):
        if self._inside:
            self.words.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.words).split())


def article(site: Path, url: str) -> Article:
    return Article((site / url / "index.html").read_text(encoding="utf-8"))


def atom(site: Path, feed: str) -> ElementTree.Element:
    root = ElementTree.fromstring((site / feed).read_bytes())
    assert root.tag == f"{ATOM}feed"
    return root


def entry_measures(root: ElementTree.Element) -> list[str]:
    """The measure ids of a feed's entries, in order, from their links."""
    hrefs = [entry.find(f"{ATOM}link").get("href") for entry in root.iter(f"{ATOM}entry")]
    return [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs]


# --- git history ------------------------------------------------------------------------------------


def test_each_file_has_its_last_commit_in_beijing_time(repo):
    changes = file_changes(repo)
    added = changes[(repo / "measures" / "jlp2021" / f"{ADDED_LATER}.yml").resolve()]
    changed = changes[(repo / "measures" / "yz2021" / f"{CHANGED_LAST}.yml").resolve()]
    assert (added.date, added.added, added.note) == ("2024-02-02", True, COMMITS[1][1])
    assert (changed.timestamp, changed.added, changed.note) == ("2024-03-05T10:00:00+08:00", False, SUBJECT)
    assert changed.order == 0 and added.order == 1


def test_a_merged_change_is_dated_by_its_merge_and_named_by_its_pull_request(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "catalogue")
    git(repo, "init", "--quiet", "--initial-branch=main")
    commit(repo, "2024-01-10T09:00:00+08:00", "基线")
    git(repo, "checkout", "--quiet", "-b", "fix")
    measure = repo / "catalogue" / "measures" / "yz2021" / "yz2021-01.yml"
    measure.write_text(measure.read_text(encoding="utf-8") + "notes:\n- 编者注\n", encoding="utf-8")
    commit(repo, "2024-01-11T09:00:00+08:00", "wip")
    git(repo, "checkout", "--quiet", "main")
    git(repo, "merge", "--quiet", "--no-ff", "fix", "-m", "Merge pull request #7 from editor/fix", "-m", "补充编者注", when="2024-01-20T09:00:00+08:00")
    change = file_changes(repo / "catalogue")[measure.resolve()]
    assert (change.date, change.note, change.added) == ("2024-01-20", "补充编者注", False)


# --- the page ---------------------------------------------------------------------------------------


def test_updates_page_lists_the_latest_change_first_by_day(site, resolved):
    page = article(site, paths.UPDATES)
    measures = [link.rstrip("/").split("/")[-1] for link in page.links if "/measures/" in link]
    assert measures[:2] == [CHANGED_LAST, ADDED_LATER]
    assert sorted(measures) == sorted(m.id for m in resolved.measures)
    days = [page.text.index(f"{day}（{count} 条）") for day, count in (("2024-03-05", 1), ("2024-02-02", 1), ("2024-01-10", 6))]
    assert days == sorted(days)
    assert "2024-02-01" not in page.text
    assert f"{SUBJECT}（提交" in page.text  # the note, shown literally
    assert "<script>alert" not in (site / paths.UPDATES / "index.html").read_text(encoding="utf-8")


def test_updates_page_says_added_or_changed(site):
    rows = article(site, paths.UPDATES).text
    assert "推进工程建设项目审批制度改革 九龙坡2021营商环境方案 新增" in rows
    assert "增强开办企业“一网通”平台功能 渝中2021放管服方案 修改" in rows


def test_measure_page_has_the_same_date(site):
    assert "2024-03-05" in article(site, paths.measure_url(CHANGED_LAST)).text


# --- the feeds --------------------------------------------------------------------------------------


def test_site_feed_is_atom_with_entries_newest_first(site, resolved):
    root = atom(site, paths.UPDATES_FEED)
    for name in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert (root.findtext(ATOM + name) or "").strip(), name
    rest = [m.id for m in resolved.measures if m.id not in (CHANGED_LAST, ADDED_LATER)]
    assert entry_measures(root) == [CHANGED_LAST, ADDED_LATER, *rest]
    entries = list(root.iter(f"{ATOM}entry"))
    for entry in entries:
        assert all(entry.findtext(ATOM + name) for name in ("id", "title", "updated", "summary"))
    assert len({entry.findtext(f"{ATOM}id") for entry in entries}) == len(entries)
    assert root.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated") == COMMITS[2][0]


def test_feed_text_is_escaped(site):
    raw = (site / paths.UPDATES_FEED).read_text(encoding="utf-8")
    assert "<script>" not in raw and "&lt;script&gt;" in raw
    root = atom(site, paths.UPDATES_FEED)
    titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
    assert "3． <script>alert(1)</script> **粗体** [链接](http://x) | 竖线" in titles
    assert next(root.iter(f"{ATOM}entry")).findtext(f"{ATOM}summary") == f"渝中2021放管服方案 · 修改：{SUBJECT}"


def test_feed_links_lead_to_pages(site):
    for feed in [paths.UPDATES_FEED, paths.department_feed("yuzhong-cz")]:
        root = atom(site, feed)
        hrefs = [link.get("href") for link in root.iter(f"{ATOM}link")]
        assert "feed.xml" in hrefs  # rel="self"
        for href in hrefs:
            target = site / posixpath.normpath(posixpath.join(posixpath.dirname(feed), href))
            assert (target / "index.html" if href.endswith("/") else target).is_file(), f"{feed}: {href}"
        assert all(e.findtext(f"{ATOM}id").startswith("tag:") for e in root.iter(f"{ATOM}entry"))


def test_each_department_feed_holds_exactly_its_measures(site, resolved):
    for dept in resolved.departments:
        expected = {m.id for m in resolved.measures if dept.id in assigned_departments(m)}
        listed = entry_measures(atom(site, paths.department_feed(dept.id)))
        assert sorted(listed) == sorted(expected), dept.id
    finance = entry_measures(atom(site, paths.department_feed("yuzhong-cz")))
    assert finance[0] == CHANGED_LAST


def assigned_departments(measure) -> set[str]:
    mentions = [u for action in measure.actions for u in (*action.lead, *action.partners)]
    return {u.department.id for u in mentions if u.department}


def test_a_department_feed_says_what_the_department_does(site):
    root = atom(site, paths.department_feed("yuzhong-cz"))
    summaries = {e.findtext(f"{ATOM}title"): e.findtext(f"{ATOM}summary") for e in root.iter(f"{ATOM}entry")}
    assert summaries["2． 增强开办企业“一网通”平台功能"].endswith("（本部门：配合：举措 1）")


def test_pages_announce_the_feeds(site):
    department = article(site, paths.department_url("yuzhong-cz"))
    assert department.feeds == ["../../updates/feed.xml", "feed.xml"]
    assert article(site, paths.UPDATES).feeds == ["feed.xml"]
    assert "../departments/yuzhong-cz/feed.xml" in article(site, paths.UPDATES).links


def test_site_url_makes_ids_and_links_absolute(repo, resolved):
    base = "https://example.org/reforms/"
    files = feed_files(views.site_data(resolved), catalogue_changes(resolved.measures, repo), FeedConfig("目录", base))
    root = ElementTree.fromstring(files[paths.UPDATES_FEED])
    assert root.findtext(f"{ATOM}id") == base + paths.UPDATES_FEED
    first = next(root.iter(f"{ATOM}entry"))
    assert first.findtext(f"{ATOM}id").startswith(f"{base}measures/{CHANGED_LAST}/#")
    assert first.find(f"{ATOM}link").get("href") == f"{base}measures/{CHANGED_LAST}/"


def test_site_url_is_read_from_mkdocs_yml(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: 目录\nsite_url: https://example.org/reforms\nhooks: [x.py]\n", encoding="utf-8")
    assert load_feed_config(config) == FeedConfig("目录", "https://example.org/reforms/")
    config.write_text("site_name: 目录\n", encoding="utf-8")
    assert load_feed_config(config) == FeedConfig("目录", None)


# --- without git ------------------------------------------------------------------------------------


def test_without_git_history_the_page_says_so(tmp_path):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(MINI, catalogue)
    site_dir = tmp_path / "site"
    build_site(resolve(catalogue), catalogue, site_dir)
    assert "没有修改记录" in article(site_dir, paths.UPDATES).text
    for feed in (paths.UPDATES_FEED, paths.department_feed("yuzhong-cz")):
        root = atom(site_dir, feed)
        assert list(root.iter(f"{ATOM}entry")) == []
        assert root.findtext(f"{ATOM}updated") == EMPTY_FEED_TIME


# --- the editors' guide -----------------------------------------------------------------------------


def test_guide_page_is_in_the_nav_and_linked_from_about_and_data(site):
    assert "字段参考" in article(site, paths.GUIDE).text
    for url in ("about/", "data/"):
        assert "../guide/" in article(site, url).links
    nav = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="guide/"' in nav and 'href="updates/"' in nav
