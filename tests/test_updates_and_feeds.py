"""最近更新 and the Atom feeds, built with the real MkDocs from a temporary git repository.

The repository holds the mini fixture, committed in three steps: everything but one measure,
then that measure (新增, late evening UTC: the next day in Beijing), then a change to another
(修改: one lead unit and one deadline) whose commit subject carries markup. A repository of its
own holds a commit that changes 400 measures. Another copy, outside git, checks the fallback.
"""

import posixpath
import re
import shutil
import xml.etree.ElementTree as ElementTree
from dataclasses import replace
from datetime import datetime
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from gitrepo import commit, git  # tests/gitrepo.py

from reforms.cli import load_and_check
from reforms.site import paths, views
from reforms.site.build_site import build_site
from reforms.site.changesets import PAGE_SIZE, ChangeSet, change_sets, page_of, pages
from reforms.site.feeds import EMPTY_FEED_TIME, FeedConfig, feed_files, load_feed_config
from reforms.site.gitdates import file_changes

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
    text = changed.read_text(encoding="utf-8").replace("due: 2022年6月", "due: 2022年9月")
    changed.write_text(text.replace("lead: 区发展改革委", "lead: 区财政局"), encoding="utf-8")
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


# --- git history ------------------------------------------------------------------------------------


def test_each_file_has_its_last_commit_in_beijing_time(repo):
    changes = file_changes(repo)
    added = changes[str((repo / "measures" / "jlp2021" / f"{ADDED_LATER}.yml").resolve())]
    changed = changes[str((repo / "measures" / "yz2021" / f"{CHANGED_LAST}.yml").resolve())]
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
    change = file_changes(repo / "catalogue")[str(measure.resolve())]
    assert (change.date, change.note, change.added) == ("2024-01-20", "补充编者注", False)


# --- the page ---------------------------------------------------------------------------------------

LAST_CHANGE = [
    "修改 1 条措施。",
    "修改：2． 增强开办企业“一网通”平台功能（渝中2021放管服方案）",
    "举措 2 的牵头单位：区发展改革委 → 区财政局",
    "举措 2 的时间节点：2022年6月 → 2022年9月",
]


def change_set_texts(site: Path, url: str = paths.UPDATES) -> dict[str, str]:
    """Each change set on the page: its heading (date and time) → its text, the folded list left out."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    article_html = html[html.index("<article") : html.index("</article>")]
    sections = re.split(r'<h2 id="c-[0-9a-f]{12}">', article_html)[1:]
    texts = {}
    for section in sections:
        heading, _, rest = section.partition("</h2>")
        rest = re.split(r"<h2", rest)[0]
        folded = re.sub(r"<details.*?</details>", "", rest, flags=re.DOTALL)
        inline = re.sub(r"</?a\b[^>]*>", "", folded)
        texts[unescape(heading.strip())] = " ".join(unescape(re.sub(r"<[^>]+>", " ", inline)).split())
    return texts


def test_updates_page_lists_change_sets_newest_first(site):
    assert list(change_set_texts(site)) == ["2024-03-05 10:00", "2024-02-02 07:30", "2024-01-10 09:00"]


def test_a_change_set_says_exactly_what_changed_field_by_field(site):
    assert change_set_texts(site)["2024-03-05 10:00"] == " ".join(LAST_CHANGE)


def test_an_added_measure_and_an_import_are_named(site, resolved):
    texts = change_set_texts(site)
    assert texts["2024-02-02 07:30"] == "新增 1 条措施。 新增：2 推进工程建设项目审批制度改革（九龙坡2021营商环境方案）"
    assert texts["2024-01-10 09:00"].startswith(f"新增 {len(resolved.measures) - 1} 条措施（")
    page = article(site, paths.UPDATES)
    assert "../measures/jlp2021-list-002/" in page.links


def test_commit_messages_are_not_shown_and_data_stays_text(site):
    html = (site / paths.UPDATES / "index.html").read_text(encoding="utf-8")
    assert "更正时间节点" not in html  # the commit subject: the change set speaks for itself
    assert "<script>alert" not in html


def test_measure_page_has_the_same_date(site):
    assert "2024-03-05" in article(site, paths.measure_url(CHANGED_LAST)).text


@pytest.fixture(scope="module")
def bulk_site(tmp_path_factory) -> Path:
    """A site whose history holds a commit changing 400 measures (copies of one, added before)."""
    catalogue = tmp_path_factory.mktemp("bulk") / "catalogue"
    shutil.copytree(MINI, catalogue)
    resolved = resolve(catalogue)
    git(catalogue.parent, "init", "--quiet", "--initial-branch=main")
    template = (catalogue / "measures" / "yz2021" / "yz2021-02.yml").read_text(encoding="utf-8")
    bulk = catalogue / "measures" / "yz2021"
    for n in range(400):
        (bulk / f"bulk-{n:03d}.yml").write_text(template.replace("id: yz2021-02", f"id: bulk-{n:03d}"), encoding="utf-8")
    commit(catalogue.parent, "2024-01-10T09:00:00+08:00", "import")
    for file in bulk.glob("bulk-*.yml"):
        file.write_text(file.read_text(encoding="utf-8").replace("due: 2022年6月", "due: 2022年7月"), encoding="utf-8")
    commit(catalogue.parent, "2024-02-10T09:00:00+08:00", "bulk edit")
    site_dir = catalogue.parent / "site"
    build_site(resolved, catalogue, site_dir)
    return site_dir


def test_a_change_set_of_400_measures_stays_one_short_entry(bulk_site):
    texts = change_set_texts(bulk_site)
    assert texts["2024-02-10 09:00"] == "修改 400 条措施（渝中2021放管服方案 400 条；改动的字段：时间节点 400 条）。"
    html = (bulk_site / paths.UPDATES / "index.html").read_text(encoding="utf-8")
    folded = re.findall(r"<details.*?</details>", html, flags=re.DOTALL)[0]
    assert folded.count("<li>") == 400 and "<details open" not in html


def test_change_sets_beyond_the_first_fifty_go_to_archive_pages():
    changes = [ChangeSet(f"{n:040x}", datetime(2024, 1, 1), [], ["部门名录"], n) for n in range(PAGE_SIZE * 2 + 1)]
    assert [len(page) for page in pages(changes)] == [PAGE_SIZE, PAGE_SIZE, 1]
    assert page_of(changes[0]) == "updates/" and page_of(changes[PAGE_SIZE]) == "updates/archive-2/"
    assert page_of(changes[-1]) == "updates/archive-3/"


# --- the feeds --------------------------------------------------------------------------------------


def entries(root: ElementTree.Element) -> list[ElementTree.Element]:
    return list(root.iter(f"{ATOM}entry"))


def test_site_feed_holds_the_change_sets_in_the_words_of_the_page(site):
    root = atom(site, paths.UPDATES_FEED)
    for name in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert (root.findtext(ATOM + name) or "").strip(), name
    found = entries(root)
    assert [e.findtext(f"{ATOM}updated") for e in found] == [COMMITS[2][0], "2024-02-02T07:30:00+08:00", COMMITS[0][0]]
    assert found[0].findtext(f"{ATOM}title") == "2024-03-05 10:00 的修改：修改 1 条措施"
    assert found[0].findtext(f"{ATOM}summary").split("\n") == [LAST_CHANGE[0], LAST_CHANGE[1], *("  " + line for line in LAST_CHANGE[2:])]
    assert len({e.findtext(f"{ATOM}id") for e in found}) == len(found)
    assert root.findtext(f"{ATOM}updated") == COMMITS[2][0]


def test_feed_text_is_escaped(site):
    for feed in (paths.UPDATES_FEED, paths.department_feed("yuzhong-cz")):
        raw = (site / feed).read_text(encoding="utf-8")
        assert "<script>" not in raw and "更正时间节点" not in raw


def test_feed_links_lead_to_pages(site):
    for feed in [paths.UPDATES_FEED, paths.department_feed("yuzhong-cz")]:
        root = atom(site, feed)
        hrefs = [link.get("href").partition("#")[0] for link in root.iter(f"{ATOM}link")]
        assert "feed.xml" in hrefs  # rel="self"
        for href in hrefs:
            target = site / posixpath.normpath(posixpath.join(posixpath.dirname(feed), href))
            assert (target / "index.html" if href.endswith("/") else target).is_file(), f"{feed}: {href}"
        assert all(e.findtext(f"{ATOM}id").startswith("tag:") for e in entries(root))


def test_a_department_feed_holds_the_changes_of_its_measures(site, resolved):
    finance = entries(atom(site, paths.department_feed("yuzhong-cz")))
    assert finance[0].findtext(f"{ATOM}summary").split("\n")[2:] == ["  " + line for line in LAST_CHANGE[2:]]
    for dept in resolved.departments:
        own = {m.measure.title for m in resolved.measures if dept.id in assigned_departments(m)}
        feed = atom(site, paths.department_feed(dept.id))
        assert bool(entries(feed)) == bool(own), dept.id


def assigned_departments(measure) -> set[str]:
    mentions = [u for action in measure.actions for u in (*action.lead, *action.partners)]
    return {u.department.id for u in mentions if u.department}


def test_pages_announce_the_feeds(site):
    department = article(site, paths.department_url("yuzhong-cz"))
    assert department.feeds == ["../../updates/feed.xml", "feed.xml"]
    assert "feed.xml" in department.links  # shown where a reader sees it, not only in the head
    assert article(site, paths.UPDATES).feeds == ["feed.xml"]
    assert "../departments/yuzhong-cz/feed.xml" in article(site, paths.UPDATES).links


def test_site_url_makes_ids_and_links_absolute(repo, resolved):
    base = "https://example.org/reforms/"
    sets = change_sets(repo, resolved)
    files = feed_files(views.site_data(resolved), sets, FeedConfig("目录", base))
    root = ElementTree.fromstring(files[paths.UPDATES_FEED])
    assert root.findtext(f"{ATOM}id") == base + paths.UPDATES_FEED
    first = next(root.iter(f"{ATOM}entry"))
    assert first.findtext(f"{ATOM}id") == f"{base}updates/#{sets[0].anchor}"
    assert first.find(f"{ATOM}link").get("href") == f"{base}updates/#{sets[0].anchor}"


def test_site_url_is_read_from_mkdocs_yml(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: 目录\nsite_url: https://example.org/reforms\nhooks: [x.py]\n", encoding="utf-8")
    assert load_feed_config(config) == FeedConfig("目录", "https://example.org/reforms/")
    config.write_text("site_name: 目录\n", encoding="utf-8")
    assert load_feed_config(config) == FeedConfig("目录", None)


def test_a_later_build_reads_only_the_new_commits_and_words_every_change_set_the_same(repo, tmp_path, monkeypatch):
    from reforms.site import changesets

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    catalogue = Path(shutil.copytree(repo.parent, tmp_path / "repo")) / "catalogue"
    read = []  # the files read from git, as "<commit>:<path>"
    real_read_blobs = changesets.read_blobs
    monkeypatch.setattr(changesets, "read_blobs", lambda folder, specs: read.extend(specs) or real_read_blobs(folder, specs))

    def history(resolved) -> list[ChangeSet]:
        changesets._READ.clear()  # as a new process finds it
        read.clear()
        return change_sets(catalogue, resolved)

    resolved = resolve(catalogue)
    first = history(resolved)
    assert read and len(first) == len(COMMITS)
    assert history(resolved) == first and read == []

    edited = catalogue / "measures" / "yz2021" / f"{CHANGED_LAST}.yml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("due: 2022年9月", "due: 2022年12月"), encoding="utf-8")
    commit(catalogue.parent, "2024-04-01T10:00:00+08:00", "再改时间节点")
    later = history(resolve(catalogue))
    assert later[1:] == [replace(change, position=change.position + 1) for change in first]
    assert {spec.split(":")[1] for spec in read} == {f"catalogue/measures/yz2021/{CHANGED_LAST}.yml"}
    assert [(f.before, f.after) for f in later[0].edits[0].fields] == [("2022年9月", "2022年12月")]

    for cache_file in (tmp_path / "cache").rglob("*.json"):
        cache_file.write_text('{"x": {"edits": [{"title": 1}]}, "y": [', encoding="utf-8")  # not as written
    assert history(resolve(catalogue)) == later and read


def test_a_shallow_clone_deepened_later_reads_its_oldest_commit_again(repo, tmp_path, monkeypatch):
    from reforms.site import changesets

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{repo.parent}", str(clone))
    catalogue = clone / "catalogue"
    resolved = resolve(catalogue)
    changesets._READ.clear()
    assert change_sets(catalogue, resolved)[0].count("新增") > 1  # no parent: every measure reads as added
    git(clone, "fetch", "--quiet", "--unshallow")
    changesets._READ.clear()
    deepened = change_sets(catalogue, resolved)
    assert [(e.measure_id, e.kind) for e in deepened[0].edits] == [(CHANGED_LAST, "修改")]
    assert len(deepened) == len(COMMITS)


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
