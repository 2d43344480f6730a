"""Atom feeds: the site's latest changes (``updates/feed.xml``) and each department's
(``departments/<id>/feed.xml``: the measures it leads or supports), newest change first.

Each entry is one change set (``changesets``: a commit, with what it changed in which measure,
in the same Chinese as the updates page), dated by its commit, never by the build, so two builds
of the same commit give the same bytes. Its id names the commit, so a feed reader sees every new
change set as a new entry. A department's feed holds the part of each change set about the
measures the department leads or supports.

Atom ids must be absolute. With ``site_url`` in mkdocs.yml, ids and links are URLs under it;
without one, ids are ``tag:`` URIs (RFC 4151) and links are relative to the feed file, which
feed readers resolve against the address they fetched the feed from.
"""

from __future__ import annotations

import posixpath
from collections.abc import Container, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.utils.yaml import yaml_load

from reforms.catalogue.model import Department
from reforms.site import changesets, paths
from reforms.site.changesets import ChangeSet
from reforms.site.gitdates import SITE_TIMEZONE
from reforms.site.render import TEMPLATES_DIR, environment
from reforms.site.views import SiteData
from reforms.site.xlsx import FIXED_TIME

TAG_PREFIX = "tag:reforms-catalogue.invalid,2026:"  # ids when mkdocs.yml has no site_url
SITE_FEED_LIMIT = 100  # the site feed holds the latest changes; a department's holds all of its measures
EMPTY_FEED_TIME = FIXED_TIME.replace(tzinfo=SITE_TIMEZONE).isoformat()  # a feed without entries


@dataclass(frozen=True)
class FeedConfig:
    site_name: str
    site_url: str | None


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: str
    href: str
    summary: str  # the change set in Chinese, as on the updates page


@dataclass(frozen=True)
class Feed:
    file: str  # path in the site
    id: str
    title: str
    subtitle: str
    updated: str
    self_href: str
    page_href: str
    entries: list[Entry]


@dataclass(frozen=True)
class Addresses:
    """How a feed names things: URLs under ``site_url``, or tag: ids and hrefs relative to the feed."""

    site_url: str | None

    def id(self, target: str) -> str:
        return urljoin(self.site_url, target) if self.site_url else TAG_PREFIX + target

    def href(self, feed_file: str, target: str) -> str:
        return urljoin(self.site_url, target) if self.site_url else relative_href(feed_file, target)


def relative_href(from_file: str, target: str) -> str:
    """``target`` (a page URL or a file, relative to the site root) as seen from ``from_file``."""
    relative = posixpath.relpath(target or ".", posixpath.dirname(from_file) or ".")
    if target == "" or target.endswith("/"):
        return "./" if relative == "." else relative + "/"
    return relative


def load_feed_config(config_file: Path) -> FeedConfig:
    """``site_name`` and ``site_url`` from mkdocs.yml (MkDocs' own YAML loader: ``!ENV`` works)."""
    with config_file.open(encoding="utf-8") as stream:
        config = yaml_load(stream) or {}
    site_url = config.get("site_url") or None
    return FeedConfig(str(config.get("site_name", "")), site_url.rstrip("/") + "/" if site_url else None)


def feed_files(
    site: SiteData,
    changes: list[ChangeSet],
    config: FeedConfig,
    templates_dir: Path = TEMPLATES_DIR,
    touched: Container[str] = paths.EVERY_PAGE,
) -> dict[str, bytes]:
    """``{path in the docs dir: Atom XML bytes}``: the site feed and one per department; with
    ``touched`` (page URLs), only the feeds of the departments whose pages are listed there."""
    template = environment(templates_dir).get_template("feed.xml.j2")
    addresses = Addresses(config.site_url)
    titles = {d.id: d.short_title for d in site.resolved.documents}
    departments = [d for d in site.resolved.departments if paths.department_url(d.id) in touched]
    feeds = [site_feed(changes, addresses, config.site_name, titles), *department_feeds(site, departments, changes, addresses, titles)]
    return {feed.file: template.render(feed=feed, author=config.site_name).encode("utf-8") for feed in feeds}


def site_feed(changes: list[ChangeSet], addresses: Addresses, site_name: str, titles: dict[str, str]) -> Feed:
    file = paths.UPDATES_FEED
    entries = [entry(change, file, addresses, titles) for change in changes[:SITE_FEED_LIMIT]]
    subtitle = f"数据的修改（最近 {SITE_FEED_LIMIT} 次），每次改了哪些措施的哪些内容，最新的在前"
    return feed(file, paths.UPDATES, (f"{site_name}：最近更新", subtitle), entries, addresses)


def department_feeds(
    site: SiteData, departments: list[Department], changes: list[ChangeSet], addresses: Addresses, titles: dict[str, str]
) -> Iterator[Feed]:
    for dept in departments:
        file = paths.department_feed(dept.id)
        measure_ids = {assignment.measure.id for assignment in site.assignments[dept.id]}
        own = [concerning(change, measure_ids) for change in changes]
        entries = [entry(change, file, addresses, titles) for change in own if change.edits]
        subtitle = f"{dept.name}牵头或配合的措施有哪些修改，最新的在前"
        yield feed(file, paths.department_url(dept.id), (f"{dept.name}：相关措施的更新", subtitle), entries, addresses)


def concerning(change: ChangeSet, measure_ids: set[str]) -> ChangeSet:
    """The part of a change set about some measures only (a department's)."""
    return ChangeSet(change.commit, change.time, [e for e in change.edits if e.measure_id in measure_ids], [], change.position)


def feed(file: str, page: str, titles: tuple[str, str], entries: list[Entry], addresses: Addresses) -> Feed:
    updated = entries[0].updated if entries else EMPTY_FEED_TIME
    self_href, page_href = addresses.href(file, file), addresses.href(file, page)
    return Feed(file, addresses.id(file), *titles, updated, self_href, page_href, entries)


def entry(change: ChangeSet, feed_file: str, addresses: Addresses, titles: dict[str, str]) -> Entry:
    page, anchor = changesets.page_of(change), f"#{change.anchor}"
    lines = [] if change.summarised else [edit_text(edit, titles) for edit in change.edits]
    return Entry(
        id=addresses.id(page + anchor),
        title=f"{change.time:%Y-%m-%d %H:%M} 的修改：{changesets.headline(change)}",
        updated=change.time.isoformat(),
        href=addresses.href(feed_file, page) + anchor,
        summary="\n".join([changesets.description(change, titles), *lines]),
    )


def edit_text(edit: changesets.MeasureEdit, titles: dict[str, str]) -> str:
    """A measure's part of an entry, as on the updates page: its name, then one line per field."""
    fields = "".join(f"\n  {line}" for line in changesets.edit_lines(edit))
    return f"{edit.kind}：{changesets.edit_name(edit, titles)}{fields}"
