"""Where each page lives: one URL per record, shared by the templates and the downloads.

URLs are relative to the site root and end in ``/`` (``measures/yz2021-03/``). Every page is
written as ``<url>index.md`` in the staging docs directory, so MkDocs (with directory URLs)
serves it at exactly that URL. A link between pages names the Markdown file from the top of the
docs directory (``docs_link``); MkDocs checks it and rewrites it relative to the page.
"""

from __future__ import annotations

import posixpath

HOME = ""
DOCUMENTS = "documents/"
DEPARTMENTS = "departments/"
DISTRICTS = "districts/"
COMPARE = "compare/"
THEMES = "themes/"
DOWNLOADS = "downloads/"
SOURCES = "sources/"
UPDATES = "updates/"
GUIDE = "guide/"
SEARCH = "search/"  # the search page (hand-written, docs/search/); its query is ``?q=``
FEED = "feed.xml"  # an Atom feed, next to the page it belongs to
UPDATES_FEED = UPDATES + FEED

DISTRICT_SLUGS = {"重庆市": "chongqing", "渝中区": "yuzhong", "江津区": "jiangjin", "九龙坡区": "jiulongpo"}

CATALOGUE_JSON = DOWNLOADS + "catalogue.json"
CATALOGUE_CSV = DOWNLOADS + "catalogue.csv"
CATALOGUE_XLSX = DOWNLOADS + "catalogue.xlsx"


class _EveryPage:
    def __contains__(self, url: object) -> bool:
        return True


EVERY_PAGE = _EveryPage()  # in place of a set of page URLs: all of them


def measure_url(measure_id: str) -> str:
    return f"measures/{measure_id}/"


def document_url(document_id: str) -> str:
    return f"{DOCUMENTS}{document_id}/"


def department_url(department_id: str) -> str:
    return f"{DEPARTMENTS}{department_id}/"


def district_slug(jurisdiction: str) -> str:
    return DISTRICT_SLUGS[jurisdiction]


def district_url(jurisdiction: str) -> str:
    return f"{DISTRICTS}{district_slug(jurisdiction)}/"


def compare_url(name: str) -> str:
    return f"{COMPARE}{name}/"


def reform_url(reform_id: str) -> str:
    return f"reforms/{reform_id}/"


def city_tasks_name(document_id: str) -> str:
    """The comparison of a district document's measures with the city tasks they carry out."""
    return f"{document_id}-city-tasks"


def theme_url(theme_id: str) -> str:
    return f"{THEMES}{theme_id}/"


def department_feed(department_id: str) -> str:
    return department_url(department_id) + FEED


def department_download(department_id: str, extension: str) -> str:
    return f"{DOWNLOADS}departments/{department_id}.{extension}"


def source_file(source: str) -> str:
    """A document's source text (``sources/x.txt`` relative to catalogue/) keeps its path on the site."""
    return source


def source_page(document_id: str) -> str:
    """The page showing a document's source text with numbered lines (the .txt stays a download)."""
    return f"{SOURCES}{document_id}/"


def measure_data(document_id: str, measure_id: str) -> str:
    """A copy of the measure's YAML file (``catalogue/measures/<doc>/<id>.yml``) served with the site."""
    return f"data/measures/{document_id}/{measure_id}.yml"


def page_file(url: str) -> str:
    """The Markdown file, relative to the docs directory, that MkDocs serves at ``url``."""
    if url and not url.endswith("/"):
        raise ValueError(f"not a page URL: {url!r}")
    return url + "index.md"


def target_file(target: str) -> str:
    """A page URL's Markdown file, or a plain file (download, source text) as it is."""
    return page_file(target) if target == "" or target.endswith("/") else target


def docs_link(target: str) -> str:
    """The link to ``target`` as any page's Markdown writes it: from the docs directory's top
    (``/measures/yz2021-01/index.md``); MkDocs makes it relative to the page (``absolute_links:
    relative_to_docs`` in mkdocs.yml), as it checks that the page exists."""
    path, hash, anchor = target.partition("#")
    return "/" + target_file(path) + hash + anchor


def relative_url(from_url: str, target: str) -> str:
    """The address of the page ``target`` as seen from the page at ``from_url``, for raw HTML
    (a form's ``action``), which MkDocs does not rewrite: ``search/`` from the home page."""
    relative = posixpath.relpath(target or ".", from_url or ".")
    return "./" if relative == "." else relative + "/"
