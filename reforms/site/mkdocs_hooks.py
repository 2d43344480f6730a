"""MkDocs hooks (listed under ``hooks:`` in mkdocs.yml).

* Edit links: a generated page names the file it comes from in its front matter
  (``edit_path: catalogue/measures/<doc>/<id>.yml``); a hand-written page comes from ``docs/``.
  The link is ``repo_url`` + ``edit_uri`` + that repository path; other generated pages get none.
* ``python build.py serve``: before each build the pages are re-rendered from catalogue/
  (``reforms.site.serve``), and the staging directory itself is not watched, only the sources.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from reforms.site import serve


def on_pre_build(config, **kwargs) -> None:
    serve.refresh_staging()


def on_serve(server, config, builder, **kwargs):
    if serve.active():
        server.unwatch(config.docs_dir)  # we write it; the sources are watched instead
    return server


def on_page_markdown(markdown: str, page, config, files, **kwargs) -> str:
    page.edit_url = edit_url(config, repository_path(page, config))
    return markdown


def repository_path(page, config) -> str | None:
    if page.meta.get("edit_path"):
        return str(page.meta["edit_path"])
    project = Path(config.config_file_path).parent
    hand_written = project / "docs" / page.file.src_uri
    return f"docs/{page.file.src_uri}" if hand_written.is_file() else None


def edit_url(config, path: str | None) -> str | None:
    if not path or not config.repo_url:
        return None
    base = config.repo_url.rstrip("/") + "/" + (config.edit_uri or "").lstrip("/")
    return urljoin(base, path)
