"""What the pages show, derived once from the resolved catalogue: who does what, counted and grouped.

Everything here is ordered deterministically (catalogue order, then ids) so that two builds
of the same catalogue give the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from reforms.catalogue.model import MEASURE_KIND_LABELS, Department, Document, Section, Subsection
from reforms.catalogue.resolve import Resolved, ResolvedAction, ResolvedMeasure
from reforms.catalogue.units import Mention
from reforms.site import paths

JURISDICTIONS = tuple(paths.DISTRICT_SLUGS)
ROLE_LABELS = {"lead": "牵头", "partner": "配合"}
UNDATED_SORT_KEY = "99999"  # after every YYYY-MM and after 9999 (ongoing)


@dataclass(frozen=True)
class Assignment:
    """One action of one measure, as one department's task, in one role."""

    measure: ResolvedMeasure
    number: int  # 1-based position of the action within its measure
    action: ResolvedAction
    role: str  # lead | partner


@dataclass
class Counts:
    lead: int = 0
    partner: int = 0

    @property
    def total(self) -> int:
        return self.lead + self.partner


@dataclass
class SubsectionView:
    subsection: Subsection | None
    measures: list[ResolvedMeasure]


@dataclass
class SectionView:
    section: Section
    parts: list[SubsectionView]


@dataclass
class DocumentFigures:
    measures: int
    actions: int
    dated: int
    departments: int


@dataclass
class SiteData:
    resolved: Resolved
    assignments: dict[str, list[Assignment]] = field(default_factory=dict)
    counts: dict[str, Counts] = field(default_factory=dict)
    by_theme: dict[str, list[ResolvedMeasure]] = field(default_factory=dict)


def site_data(resolved: Resolved) -> SiteData:
    data = SiteData(resolved)
    data.assignments = assignments_by_department(resolved)
    data.counts = {d.id: count_roles(data.assignments[d.id]) for d in resolved.departments}
    data.by_theme = measures_by_theme(resolved)
    return data


def assignments_by_department(resolved: Resolved) -> dict[str, list[Assignment]]:
    found: dict[str, list[Assignment]] = {d.id: [] for d in resolved.departments}
    for measure in resolved.measures:
        for number, action in enumerate(measure.actions, start=1):
            for role, mentions in (("lead", action.lead), ("partner", action.partners)):
                for mention in mentions:
                    if mention.department is not None:
                        found[mention.department.id].append(Assignment(measure, number, action, role))
    return found


def measure_count(assignments: list[Assignment]) -> int:
    """How many measures a department's assignments belong to (as search counts its results)."""
    return len({assignment.measure.id for assignment in assignments})


def count_roles(assignments: list[Assignment]) -> Counts:
    counts = Counts()
    for assignment in assignments:
        setattr(counts, assignment.role, getattr(counts, assignment.role) + 1)
    return counts


def by_document(assignments: list[Assignment], role: str) -> list[tuple[Document, list[Assignment]]]:
    """A department's assignments in one role, grouped by document in catalogue order."""
    groups: dict[str, list[Assignment]] = {}
    for assignment in assignments:
        if assignment.role == role:
            groups.setdefault(assignment.measure.document.id, []).append(assignment)
    return [(items[0].measure.document, items) for items in groups.values()]


def counts_by_document(assignments: list[Assignment]) -> list[tuple[Document, Counts]]:
    groups: dict[str, list[Assignment]] = {}
    for assignment in assignments:
        groups.setdefault(assignment.measure.document.id, []).append(assignment)
    return [(items[0].measure.document, count_roles(items)) for items in groups.values()]


def document_outline(resolved: Resolved, document: Document) -> list[SectionView]:
    """The document's sections in order, each with its subsections and the measures under them."""
    measures = [m for m in resolved.measures if m.document.id == document.id]
    views = []
    for section in document.outline:
        in_section = [m for m in measures if m.measure.section == section.heading]
        parts = [SubsectionView(None, [m for m in in_section if m.measure.subsection is None])]
        for subsection in section.subsections:
            parts.append(SubsectionView(subsection, [m for m in in_section if m.measure.subsection == subsection.heading]))
        views.append(SectionView(section, parts))
    return views


def document_figures(resolved: Resolved, document: Document) -> DocumentFigures:
    measures = [m for m in resolved.measures if m.document.id == document.id]
    actions = [a for m in measures for a in m.actions]
    leads = {u.department.id for a in actions for u in a.lead if u.department and not u.department.group}
    return DocumentFigures(len(measures), len(actions), sum(1 for a in actions if a.due), len(leads))


def document_neighbours(resolved: Resolved) -> dict[str, tuple[ResolvedMeasure | None, ResolvedMeasure | None]]:
    """Each measure's previous and next measure in the same document (catalogue order)."""
    found = {}
    for document in resolved.documents:
        measures = [m for m in resolved.measures if m.document.id == document.id]
        for index, measure in enumerate(measures):
            previous = measures[index - 1] if index else None
            following = measures[index + 1] if index + 1 < len(measures) else None
            found[measure.id] = (previous, following)
    return found


@dataclass
class CatalogueFigures:
    measures: int
    actions: int
    dated: int
    departments: int  # single departments
    groups: int  # 统称
    document_titles: dict[str, str]


def catalogue_figures(resolved: Resolved) -> CatalogueFigures:
    """The counts the home page states, counted as every other page counts them."""
    actions = [a for m in resolved.measures for a in m.actions]
    return CatalogueFigures(
        measures=len(resolved.measures),
        actions=len(actions),
        dated=sum(1 for a in actions if a.due),
        departments=sum(1 for d in resolved.departments if not d.group),
        groups=sum(1 for d in resolved.departments if d.group),
        document_titles={d.id: d.short_title for d in resolved.documents},
    )


def kind_counts(resolved: Resolved, document: Document) -> list[tuple[str, int]]:
    """How many measures of each kind (工作措施, 任务条目, 清单事项) the document has, in order of first use."""
    counts: dict[str, int] = {}
    for measure in resolved.measures:
        if measure.document.id == document.id:
            label = MEASURE_KIND_LABELS[measure.measure.kind]
            counts[label] = counts.get(label, 0) + 1
    return list(counts.items())


def documents_in(resolved: Resolved, jurisdiction: str) -> list[Document]:
    return [d for d in resolved.documents if d.jurisdiction == jurisdiction]


def departments_in(resolved: Resolved, jurisdiction: str) -> list[Department]:
    return [d for d in resolved.departments if d.jurisdiction == jurisdiction]


def measures_in(resolved: Resolved, jurisdiction: str) -> list[ResolvedMeasure]:
    return [m for m in resolved.measures if m.document.jurisdiction == jurisdiction]


def due_sort_key(action: ResolvedAction) -> str:
    return action.due.sort_key if action.due else UNDATED_SORT_KEY


def dated_actions(measures: list[ResolvedMeasure]) -> list[tuple[ResolvedMeasure, int, ResolvedAction]]:
    """Every action with a deadline, earliest first (已完成 first, 长期 last), catalogue order within."""
    dated = [(m, n, a) for m in measures for n, a in enumerate(m.actions, start=1) if a.due]
    return sorted(dated, key=lambda item: due_sort_key(item[2]))


def undated_count(measures: list[ResolvedMeasure]) -> int:
    return sum(1 for m in measures for a in m.actions if a.due is None)


def kinds_across(resolved: Resolved) -> list[tuple[str, dict[str, list[Department]]]]:
    """Each kind of department (not groups) with the departments of that kind in each jurisdiction."""
    kinds: dict[str, dict[str, list[Department]]] = defaultdict(lambda: {j: [] for j in JURISDICTIONS})
    for dept in resolved.departments:
        if not dept.group:
            kinds[dept.kind][dept.jurisdiction].append(dept)
    return sorted(kinds.items(), key=lambda item: (-sum(bool(v) for v in item[1].values()), item[0]))


def city_task_documents(resolved: Resolved) -> list[tuple[Document, list[ResolvedMeasure]]]:
    """Documents some of whose measures carry out a quoted city task (九龙坡's list)."""
    found = []
    for document in resolved.documents:
        measures = [m for m in resolved.measures if m.document.id == document.id and m.measure.city_task]
        if measures:
            found.append((document, measures))
    return found


def measures_by_theme(resolved: Resolved) -> dict[str, list[ResolvedMeasure]]:
    found: dict[str, list[ResolvedMeasure]] = {t.id: [] for t in resolved.themes}
    for measure in resolved.measures:
        for theme in measure.measure.themes:
            found[theme].append(measure)
    return found


def in_jurisdiction(measures: list[ResolvedMeasure], jurisdiction: str) -> list[ResolvedMeasure]:
    return [m for m in measures if m.document.jurisdiction == jurisdiction]


def mention_label(mention: Mention) -> str:
    """A group mention as written, without the joining 等 (``等区级相关部门`` → ``区级相关部门``)."""
    return mention.as_written.removeprefix("等") or mention.as_written


def partners_label(action: ResolvedAction) -> str:
    return action.partners_label or "配合单位"




@dataclass
class Summary:
    """A measure in one table cell: its lead units, scopes and deadlines over all its actions."""

    leads: list[Mention]
    scopes: list[str]
    dues: list[str]


def measure_summary(measure: ResolvedMeasure) -> Summary:
    leads = {(u.department.id if u.department else u.as_written): u for a in measure.actions for u in a.lead}
    scopes = dict.fromkeys(a.action.scope for a in measure.actions if a.action.scope)
    dues = dict.fromkeys(a.action.due for a in measure.actions if a.action.due)
    return Summary(list(leads.values()), list(scopes), list(dues))


def action_count(measures: list[ResolvedMeasure]) -> int:
    return sum(len(m.actions) for m in measures)


def published_url(document: Document) -> str | None:
    """Where the government published the document, if the record says so (an http(s) address only)."""
    url = getattr(document, "url", None)
    return url if isinstance(url, str) and url.startswith(("https://", "http://")) else None
