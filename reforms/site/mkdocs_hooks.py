"""MkDocs hooks (listed under ``hooks:`` in mkdocs.yml).

* Edit links: a generated page names the file it comes from in its front matter
  (``edit_path: catalogue/measures/<doc>/<id>.yml``); a hand-written page comes from ``docs/``.
  The link is ``repo_url`` + ``edit_uri`` + that repository path; other generated pages get none.
* Accessibility: a page whose tables lack captions or whose headings skip a level gets a warning
  (``page_checks``), so the strict build fails and names the page.
* Feeds: a page with an Atom feed in its own folder (a department's ``feed.xml``) gets
  ``feed`` in its meta, which ``overrides/main.html`` announces with ``<link rel="alternate">``
  (the site-wide feed, ``updates/feed.xml``, is announced on every page).
* Layout: table-heavy pages (departments, districts, documents, reforms, comparisons, themes) get the
  whole width: Material's navigation and table of contents are hidden there (``hide`` in meta).
* Chinese text: line breaks between Chinese characters are removed (``chinese_text``).
* Forms: in a build without directory addresses (the offline one), a form written in a page's
  HTML that sends to a folder (``search/``) sends to its ``index.html``: MkDocs rewrites the
  Markdown links of such a build, not the addresses in raw HTML.
* Compiled theme templates are kept between the preview's builds, and on disk for the next build
  (``template_cache``).
* Memory: MkDocs keeps every page's Markdown and HTML until the whole site is built; a page's
  Markdown is let go once converted, its HTML once in the page's output (at 10,000 measures,
  MkDocs' step then holds at most 324 MB, against 410 MB).
"""

from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path
from urllib.parse import urljoin

from reforms.site import paths
from reforms.site.chinese_text import join_chinese_lines
from reforms.site.page_checks import page_problems
from reforms.site.template_cache import COMPILED

log = logging.getLogger("mkdocs.hooks.reforms")


FORM_TO_FOLDER = re.compile(r'(<form\b[^>]*\baction="[^"]*/)(")')
WIDE_PAGES = re.compile(r"^(departments|districts|documents|themes|reforms)/([^/]+/)?index\.md$|^compare/")


def on_env(env, config, files, **kwargs):
    env.bytecode_cache = COMPILED
    return env


def on_page_markdown(markdown: str, page, config, files, **kwargs) -> str:
    page.edit_url = edit_url(config, page)
    if WIDE_PAGES.match(page.file.src_uri):
        page.meta.setdefault("hide", ["navigation", "toc"])
    feed = own_feed(page, files)
    if feed:
        page.meta["feed"] = feed
    return markdown


def own_feed(page, files) -> str | None:
    """The Atom feed next to the page (``departments/<id>/feed.xml``), other than the site-wide one."""
    folder = posixpath.dirname(page.file.src_uri)
    feed = posixpath.join(folder, paths.FEED)
    return feed if folder and feed != paths.UPDATES_FEED and files.get_file_from_path(feed) else None


def on_page_content(html: str, page, config, files, **kwargs) -> str:
    for problem in page_problems(html):
        log.warning(f"{page.file.src_uri}: {problem}")
    if not config.use_directory_urls:
        html = FORM_TO_FOLDER.sub(r"\1index.html\2", html)
    page.markdown = ""  # converted; nothing reads it again (not None: a page's title would be lost)
    return join_chinese_lines(html)


def on_post_page(output: str, page, config, **kwargs) -> str:
    page.content = None  # in the output, which MkDocs writes next; nothing reads it again
    return output


def repository_path(page, config) -> str | None:
    if page.meta.get("edit_path"):
        return str(page.meta["edit_path"])
    project = Path(config.config_file_path).parent
    hand_written = project / "docs" / page.file.src_uri
    return f"docs/{page.file.src_uri}" if hand_written.is_file() else None


def edit_url(config, page) -> str | None:
    if not config.repo_url:  # no edit links: the file each page comes from is not looked for
        return None
    path = repository_path(page, config)
    if not path:
        return None
    base = config.repo_url.rstrip("/") + "/" + (config.edit_uri or "").lstrip("/")
    return urljoin(base, path)
