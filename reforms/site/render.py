"""Resolved catalogue → Markdown pages, through the Jinja2 templates in ``templates/``.

Every page is a ``Page``: its URL (see ``paths``), its template and what that template needs.
Templates only arrange; counting, grouping and ordering happen in ``views``. Every page has
``site``, ``r`` (the resolved catalogue), ``m`` (the macros of ``_macros.md.j2``), ``page_url`` and
``data_date`` besides its own context. The environment
is strict: an undefined name is an error, and every ``{{ … }}`` must have gone through one of
the escaping filters of ``escape`` (or be a number).
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, pass_context
from markupsafe import Markup

from reforms.catalogue.deadlines import DUE_KIND_LABELS
from reforms.catalogue.model import MEASURE_KIND_LABELS
from reforms.catalogue.resolve import Resolved
from reforms.editors.fieldref import CONTRIBUTING
from reforms.site import (
    changesets,
    chart_views,
    compare_views,
    gitdates,
    paths,
    source_text,
    status_views,
    updates,
    views,
)
from reforms.site.downloads import FIELD_DICTIONARY
from reforms.site.escape import FILTERS, require_escaped, trusted
from reforms.site.glossary import GLOSSARY
from reforms.site.guide import guide_markdown
from reforms.site.page_shares import PageShares
from reforms.site.template_cache import COMPILED

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATES_DIR = PROJECT_ROOT / "templates"
OVERRIDES_DIR = PROJECT_ROOT / "overrides"  # the theme's: Material's templates and assets, extended
MACROS = "_macros.md.j2"  # the pieces the pages share, given to each as ``m``


@dataclass(frozen=True)
class Page:
    url: str
    template: str
    context: dict = field(default_factory=dict)


@pass_context
def page_address(context, target: str) -> Markup:
    """The relative address of a page from the page being rendered, for raw HTML (not rewritten by MkDocs)."""
    return trusted(paths.relative_url(context["page_url"], target))


@lru_cache(maxsize=1 << 17)
def link(target: str) -> Markup:
    """The Markdown link to ``target`` (a page URL or a site file), from any page (``paths.docs_link``);
    kept, as every page links to the same pages again and again."""
    return trusted(paths.docs_link(target))


@lru_cache(maxsize=8)
def environment(templates_dir: Path = TEMPLATES_DIR) -> Environment:
    """One per templates folder and process: the preview renders again on every save without compiling the
    templates again (Jinja reloads a template whose file changed)."""
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        undefined=StrictUndefined,
        autoescape=True,
        finalize=require_escaped,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=COMPILED,
    )
    env.filters.update(FILTERS)
    env.globals.update(
        link=link,
        page_address=page_address,
        glossary=GLOSSARY,
        paths=paths,
        views=views,
        compare=compare_views,
        status=status_views,
        charts=chart_views,
        kind_labels=MEASURE_KIND_LABELS,
        changesets=changesets,
        due_labels=DUE_KIND_LABELS,
        role_labels=views.ROLE_LABELS,
        jurisdictions=views.JURISDICTIONS,
    )
    return env


def compile_templates(templates_dir: Path = TEMPLATES_DIR) -> None:
    """Compile every template now (a process forked after this has them too), not as each is first used."""
    env = environment(templates_dir)
    for name in env.list_templates(extensions=["j2"]):
        env.get_template(name)


def render_measure_pages(
    site: views.SiteData, catalogue_root: Path, ids: set[str], changes: updates.Changes, epoch: int, templates_dir: Path = TEMPLATES_DIR
) -> Iterator[tuple[str, bytes]]:
    """``(path in the docs dir, Markdown bytes)`` of the pages of the measures ``ids`` alone (the preview
    shows an edited measure before it renders the rest)."""
    wanted = {paths.measure_url(id) for id in ids}
    sources = read_sources(catalogue_root, site.resolved)
    return render(site, measure_pages(site.resolved, catalogue_root, sources, changes, wanted), epoch, templates_dir)


def render(
    site: views.SiteData, pages: Iterable[Page], epoch: int, templates_dir: Path = TEMPLATES_DIR, shares: PageShares | None = None
) -> Iterator[tuple[str, bytes]]:
    """``pages`` rendered, each as it is asked for, dated by ``epoch`` (the last commit's time); with
    ``shares``, only those this process takes of the two processes that render them (``page_shares``)."""
    env = environment(templates_dir)
    data_date = status_views.data_date(site.resolved.reported_date, gitdates.data_date(epoch))
    macros = env.get_template(MACROS).module  # for every page as ``m``: imported in each, it would be looked up for each
    templates: dict[str, Template] = {}  # looked up once per call: Jinja checks the file's date at every lookup
    for page in pages:
        if shares is not None and page.url not in shares:
            continue
        if page.template not in templates:
            templates[page.template] = env.get_template(page.template)
        text = templates[page.template].render(
            site=site, r=site.resolved, m=macros, page_url=page.url, data_date=data_date, **page.context
        )
        yield paths.page_file(page.url), text.encode("utf-8")


def catalogue_pages(
    site: views.SiteData, catalogue_root: Path, changes: updates.Changes, wanted: Container[str] = paths.EVERY_PAGE
) -> Iterator[Page]:
    """Every page but those made from the catalogue's commits (``history_pages``): of the pages of one
    document, measure, department … those ``wanted`` only (``wanted`` is asked about each in turn, before
    what the page shows is worked out: ``page_shares``), and every page that sums up the catalogue."""
    yield from document_pages(site.resolved, wanted)  # first: the preview shows an edited measure's document next
    sources = read_sources(catalogue_root, site.resolved)
    yield from source_pages(site.resolved, sources, wanted)
    yield from measure_pages(site.resolved, catalogue_root, sources, changes, wanted)
    yield from department_pages(site, wanted)
    yield from district_pages(site.resolved, wanted)
    yield from theme_pages(site, wanted)
    yield from compare_pages(site.resolved, wanted)  # the longest pages: the preview shows those listing a measure first
    yield Page(paths.DOWNLOADS, "downloads.md.j2", {"fields": FIELD_DICTIONARY})
    yield guide_page()


def history_pages(resolved: Resolved, changes: updates.Changes, sets: list[changesets.ChangeSet]) -> Iterator[Page]:
    """The pages made from the catalogue's commits (``sets``): the home page's latest changes, the updates pages."""
    yield Page(paths.HOME, "home.md.j2", {"recent": sets[:3]})
    yield from update_pages(resolved, changes, sets)


def document_pages(resolved: Resolved, wanted: Container[str]) -> Iterator[Page]:
    yield Page(paths.DOCUMENTS, "documents.md.j2")
    with_city_tasks = {document.id for document, _ in views.city_task_documents(resolved)}
    pairs = compare_views.document_pairs(resolved)  # once, for every document's page
    for document in resolved.documents:
        if paths.document_url(document.id) not in wanted:
            continue
        context = {
            "document": document,
            "outline": views.document_outline(resolved, document),
            "pairs": compare_views.pairs_of(pairs, document),
            "city_tasks": document.id in with_city_tasks,
        }
        yield Page(paths.document_url(document.id), "document.md.j2", context)


def source_pages(resolved: Resolved, sources: dict[str, str], wanted: Container[str]) -> Iterator[Page]:
    for document in resolved.documents:
        if paths.source_page(document.id) not in wanted:
            continue
        cited = [m.measure.source_lines for m in resolved.measures if m.document.id == document.id]
        context = {"document": document, "lines": source_text.numbered_lines(sources[document.id], cited)}
        yield Page(paths.source_page(document.id), "source.md.j2", context)


def measure_pages(
    resolved: Resolved, catalogue_root: Path, sources: dict[str, str], changes: updates.Changes, wanted: Container[str]
) -> Iterator[Page]:
    neighbours = views.document_neighbours(resolved)
    measures_dir = repository_path((catalogue_root / "measures").resolve())
    for measure in resolved.measures:
        if paths.measure_url(measure.id) not in wanted:
            continue
        context = {
            "rm": measure,
            "edit_path": f"{measures_dir}/{measure.document.id}/{measure.id}.yml" if measures_dir else None,
            "changed": changes.date_of(measure.id),
            "previous": neighbours[measure.id][0],
            "next": neighbours[measure.id][1],
            "passages": source_text.cited_passages(sources[measure.document.id], measure.measure.source_lines),
            "source_link": paths.source_page(measure.document.id) + "#" + source_text.range_anchor(measure.measure.source_lines),
        }
        yield Page(paths.measure_url(measure.id), "measure.md.j2", context)


def department_pages(site: views.SiteData, wanted: Container[str]) -> Iterator[Page]:
    yield Page(paths.DEPARTMENTS, "departments.md.j2")
    for dept in site.resolved.departments:
        if paths.department_url(dept.id) in wanted:
            yield Page(paths.department_url(dept.id), "department.md.j2", {"dept": dept})


def district_pages(resolved: Resolved, wanted: Container[str]) -> Iterator[Page]:
    yield Page(paths.DISTRICTS, "districts.md.j2")
    for jurisdiction in views.JURISDICTIONS:
        if paths.district_url(jurisdiction) not in wanted:
            continue
        measures = views.measures_in(resolved, jurisdiction)
        context = {"jurisdiction": jurisdiction, "measures": measures, "dated": views.dated_actions(measures)}
        yield Page(paths.district_url(jurisdiction), "district.md.j2", context)


def compare_pages(resolved: Resolved, wanted: Container[str]) -> Iterator[Page]:
    for reform in resolved.reforms:
        if paths.reform_url(reform.id) not in wanted:
            continue
        columns = compare_views.reform_columns(reform)
        context = {"reform": reform, "columns": columns, "shown": compare_views.shown_rows(columns)}
        yield Page(paths.reform_url(reform.id), "compare_reform.md.j2", context)
    yield Page(paths.COMPARE, "compare.md.j2")
    for pair in compare_views.document_pairs(resolved):
        if paths.compare_url(pair.name) in wanted:
            yield Page(paths.compare_url(pair.name), "compare_pair.md.j2", {"pair": pair})
    for document, measures in views.city_task_documents(resolved):
        if paths.compare_url(paths.city_tasks_name(document.id)) not in wanted:
            continue
        context = {"document": document, "measures": measures, "dated": any(a.action.due for m in measures for a in m.actions)}
        yield Page(paths.compare_url(paths.city_tasks_name(document.id)), "compare_city_tasks.md.j2", context)


def theme_pages(site: views.SiteData, wanted: Container[str]) -> Iterator[Page]:
    yield Page(paths.THEMES, "themes.md.j2")
    reforms = compare_views.reforms_by_theme(site.resolved)
    for theme in site.resolved.themes:
        if paths.theme_url(theme.id) not in wanted:
            continue
        context = {
            "theme": theme,
            "measures": site.by_theme[theme.id],
            "reforms": reforms[theme.id],
        }
        yield Page(paths.theme_url(theme.id), "theme.md.j2", context)


def update_pages(resolved: Resolved, changes: updates.Changes, sets: list[changesets.ChangeSet]) -> Iterator[Page]:
    """最近更新: the newest change sets, older ones on archive pages."""
    pages = changesets.pages(sets)
    for number, listed in enumerate(pages, start=1):
        context = {
            "history": changes.history,
            "listed": listed,
            "number": number,
            "archives": [(n, changesets.page_url(n)) for n in range(2, len(pages) + 1)],
            "measure_ids": {m.id for m in resolved.measures},
            "document_titles": {d.id: d.short_title for d in resolved.documents},
        }
        yield Page(changesets.page_url(number), "updates.md.j2", context)


def guide_page() -> Page:
    """The editors' guide: CONTRIBUTING.md, trusted like docs/ (see ``guide``)."""
    return Page(paths.GUIDE, "guide.md.j2", {"guide": Markup(guide_markdown()), "edit_path": repository_path(CONTRIBUTING)})


def pages_showing(site: views.SiteData, ids: set[str]) -> set[str]:
    """The URLs of the pages of one document, department, measure … (not the summing-up ones)
    that show any of the measures ``ids``: a change to those measures can change only these.
    A measure's neighbours are among them, and the other measures of its reforms: their pages name it."""
    resolved = site.resolved
    measures = [m for m in resolved.measures if m.id in ids]
    documents = {m.document.id for m in measures}
    neighbours = views.document_neighbours(resolved)
    urls = {paths.measure_url(n.id) for m in measures for n in (m, *neighbours[m.id]) if n}
    urls |= {paths.measure_url(other.id) for m in measures for r in m.reforms for other in r.measures}
    urls |= document_pages_showing(resolved, ids)
    for document in documents:
        urls |= {paths.source_page(document), paths.compare_url(paths.city_tasks_name(document))}
    urls |= {paths.department_url(d) for d, tasks in site.assignments.items() if any(t.measure.id in ids for t in tasks)}
    urls |= {paths.district_url(j) for j in views.JURISDICTIONS if any(m.id in ids for m in views.measures_in(resolved, j))}
    urls |= {paths.reform_url(r.id) for r in resolved.reforms if any(m.id in ids for m in r.measures)}
    urls |= {paths.compare_url(p.name) for p in compare_views.document_pairs(resolved) if {p.first.id, p.second.id} & documents}
    urls |= {paths.theme_url(t) for t, listed in site.by_theme.items() if any(m.id in ids for m in listed)}
    return urls


def document_pages_showing(resolved: Resolved, ids: set[str]) -> set[str]:
    """The URLs of the documents' pages that list any of the measures ``ids`` (of the documents' pages,
    only these are among ``pages_showing``)."""
    return {paths.document_url(m.document.id) for m in resolved.measures if m.id in ids}


def read_sources(catalogue_root: Path, resolved: Resolved) -> dict[str, str]:
    """Each document's source text, by document id."""
    return {d.id: (catalogue_root / d.source).read_text(encoding="utf-8") for d in resolved.documents}


def repository_path(file: Path) -> str | None:
    """The file's path in the repository (for edit links), or None when it lies outside the project."""
    try:
        return file.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return None
