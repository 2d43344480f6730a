"""Atom feeds: the site's latest changes (``updates/feed.xml``) and each department's
(``departments/<id>/feed.xml``: the measures it leads or supports), newest change first.

Each entry is one measure's last change (``updates``), dated by its commit, never by the build,
so two builds of the same commit give the same bytes. Its id names the measure and the commit,
so a feed reader sees every new change as a new entry.

Atom ids must be absolute. With ``site_url`` in mkdocs.yml, ids and links are URLs under it;
without one, ids are ``tag:`` URIs (RFC 4151) and links are relative to the feed file, which
feed readers resolve against the address they fetched the feed from.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.utils.yaml import yaml_load

from reforms.site import paths
from reforms.site.gitdates import SITE_TIMEZONE
from reforms.site.render import TEMPLATES_DIR, environment
from reforms.site.updates import Changes, MeasureChange, involving, roles_label
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
    document_id: str
    document: str
    label: str  # 新增 or 修改
    note: str  # the commit subject
    roles: str = ""  # in a department's feed: what the department does in this measure


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


def feed_files(site: SiteData, changes: Changes, config: FeedConfig, templates_dir: Path = TEMPLATES_DIR) -> dict[str, bytes]:
    """``{path in the docs dir: Atom XML bytes}``: the site feed and one per department."""
    template = environment(templates_dir).get_template("feed.xml.j2")
    addresses = Addresses(config.site_url)
    feeds = [site_feed(changes, addresses, config.site_name), *department_feeds(site, changes, addresses)]
    return {feed.file: template.render(feed=feed, author=config.site_name).encode("utf-8") for feed in feeds}


def site_feed(changes: Changes, addresses: Addresses, site_name: str) -> Feed:
    file = paths.UPDATES_FEED
    entries = [entry(item, file, addresses) for item in changes.recent[:SITE_FEED_LIMIT]]
    subtitle = f"最近新增或修改的措施（至多 {SITE_FEED_LIMIT} 条），最新的在前"
    return feed(file, paths.UPDATES, (f"{site_name}：最近更新", subtitle), entries, addresses)


def department_feeds(site: SiteData, changes: Changes, addresses: Addresses) -> Iterator[Feed]:
    for dept in site.resolved.departments:
        file = paths.department_feed(dept.id)
        assignments = site.assignments[dept.id]
        entries = [entry(item, file, addresses, roles_label(assignments, item.measure)) for item in involving(changes.recent, assignments)]
        subtitle = f"{dept.name}牵头或配合的措施，按最后修改的时间排列，最新的在前"
        yield feed(file, paths.department_url(dept.id), (f"{dept.name}：相关措施的更新", subtitle), entries, addresses)


def feed(file: str, page: str, titles: tuple[str, str], entries: list[Entry], addresses: Addresses) -> Feed:
    updated = entries[0].updated if entries else EMPTY_FEED_TIME
    self_href, page_href = addresses.href(file, file), addresses.href(file, page)
    return Feed(file, addresses.id(file), *titles, updated, self_href, page_href, entries)


def entry(item: MeasureChange, feed_file: str, addresses: Addresses, roles: str = "") -> Entry:
    measure, change = item.measure, item.change
    url = paths.measure_url(measure.id)
    return Entry(
        id=addresses.id(f"{url}#{change.commit[:12]}"),
        title=f"{measure.measure.number} {measure.measure.title}",
        updated=change.timestamp,
        href=addresses.href(feed_file, url),
        document_id=measure.document.id,
        document=measure.document.short_title,
        label=item.label,
        note=change.note,
        roles=roles,
    )
