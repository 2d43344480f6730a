"""Resolving references: the catalogue as readers see it.

Unit lists become department mentions, actions inherit the units of their subsection,
deadlines are normalised, and reform records gather the measures of each reform across documents.
Everything that cannot be resolved is a problem at the field that holds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from reforms.catalogue.deadlines import Due, parse_due
from reforms.catalogue.load import Catalogue, Located
from reforms.catalogue.model import (
    Action,
    Department,
    Document,
    Measure,
    Reform,
    Subsection,
    SynonymGroup,
    Theme,
)
from reforms.catalogue.units import Mention, Registry, registry_of, resolve_units
from reforms.catalogue.validate import number_value, suggest
from reforms.catalogue.yamlio import Problem

KIND_ORDER = {"work-paragraph": 0, "numbered-item": 1, "list-item": 2}
LEVEL_ORDER = {"市级": 0, "区级": 1}


@dataclass
class ResolvedAction:
    action: Action
    lead: list[Mention]
    partners: list[Mention]
    partners_label: str | None
    inherited: bool  # units come from the subsection
    due: Due | None


@dataclass
class ResolvedMeasure:
    measure: Measure
    document: Document
    file: str
    actions: list[ResolvedAction]
    reforms: list[ResolvedReform] = field(default_factory=list)
    id: str = field(init=False)  # the measure's, asked for on every page and in every index: kept at hand

    def __post_init__(self) -> None:
        self.id = self.measure.id


@dataclass
class ResolvedReform:
    reform: Reform
    measures: list[ResolvedMeasure]  # in catalogue order: the city's document first
    themes: list[str]  # its own, or else its measures' themes in catalogue order

    @property
    def id(self) -> str:
        return self.reform.id

    @property
    def documents(self) -> list[Document]:
        return list({m.document.id: m.document for m in self.measures}.values())

    def in_document(self, document_id: str) -> list[ResolvedMeasure]:
        return [m for m in self.measures if m.document.id == document_id]


@dataclass
class Resolved:
    documents: list[Document]
    measures: list[ResolvedMeasure]
    departments: list[Department]
    themes: list[Theme]
    reforms: list[ResolvedReform]
    registry: Registry
    synonyms: list[SynonymGroup] = field(default_factory=list)

    def measure(self, measure_id: str) -> ResolvedMeasure:
        return self._measures_by_id[measure_id]

    def reform(self, reform_id: str) -> ResolvedReform:
        return next(r for r in self.reforms if r.id == reform_id)

    def document(self, document_id: str) -> Document:
        return next(d for d in self.documents if d.id == document_id)

    def __post_init__(self) -> None:
        self._measures_by_id = {m.id: m for m in self.measures}

    @cached_property
    def reported_date(self) -> str:
        """The latest date the records give: a document's, or a status's (the data is current to it
        at least; the preview builds the whole site again when an edit changes it)."""
        dates = [d.date for d in self.documents if d.date]
        dates += [a.action.status_date for m in self.measures for a in m.actions if a.action.status_date]
        return max(dates, default="")


def document_order(document: Document) -> tuple:
    return (LEVEL_ORDER[document.level], document.date or "", document.id)


def measure_order(documents: dict[str, Document], measure: Measure) -> tuple:
    return (
        document_order(documents[measure.document]),
        KIND_ORDER[measure.kind],
        number_value(measure.number) or 0,
        measure.id,
    )


def find_subsection(document: Document, measure: Measure) -> Subsection | None:
    for section in document.outline:
        if section.heading == measure.section:
            return next((s for s in section.subsections if s.heading == measure.subsection), None)
    return None


def resolve_action(
    located: Located, index: int, document: Document, subsection: Subsection | None, registry: Registry,
    registry_complete: bool = True,
) -> tuple[ResolvedAction, list[Problem]]:
    action: Action = located.record.actions[index]
    inherited = subsection is not None and action.lead is None and action.partners is None
    source = subsection if inherited else action
    problems = []
    mentions = {}
    for role in ("lead", "partners"):
        mentions[role] = resolve_units(getattr(source, role), registry, document.jurisdiction)
        for mention in mentions[role]:
            if mention.department is None and registry_complete:
                where = ("actions", index, role)
                hint = suggest(mention.as_written, registry.spellings(document.jurisdiction))
                problems.append(
                    located.problem(
                        where,
                        f"单位“{mention.as_written}”不在{document.jurisdiction}或重庆市的部门名录中",
                        hint or "在 catalogue/departments/ 中为该部门添加这种写法（aliases），或新增部门",
                    )
                )
    due = parse_due(action.due) if action.due else None
    if action.due and due is None:
        problems.append(
            located.problem(
                ("actions", index, "due"),
                f"无法识别的时间节点“{action.due}”",
                "写成 2022年9月、2022年底前、2022年2月起、已完成 或 长期坚持",
            )
        )
    resolved = ResolvedAction(action, mentions["lead"], mentions["partners"], source.partners_label, inherited, due)
    return resolved, problems


def resolve(catalogue: Catalogue) -> tuple[Resolved, list[Problem]]:
    """The resolved catalogue and the problems met on the way. Call after the checks passed."""
    documents = {d.record.id: d.record for d in catalogue.documents}
    departments = [d.record for d in catalogue.departments]
    registry = registry_of(departments)
    problems: list[Problem] = []
    measures: list[ResolvedMeasure] = []
    for located in catalogue.measures:
        measure: Measure = located.record
        document = documents.get(measure.document)
        if document is None:
            continue  # reported by the checks
        subsection = find_subsection(document, measure)
        actions = []
        for index in range(len(measure.actions)):
            action, action_problems = resolve_action(
                located, index, document, subsection, registry, not catalogue.failed_under("departments/")
            )
            actions.append(action)
            problems.extend(action_problems)
        measures.append(ResolvedMeasure(measure, document, located.source.file, actions))
    measures.sort(key=lambda m: measure_order(documents, m.measure))
    reforms = resolve_reforms(measures, [r.record for r in catalogue.reforms])
    resolved = Resolved(
        documents=sorted(documents.values(), key=document_order),
        measures=measures,
        # by jurisdiction, then in the order the editors keep each registry file (groups last)
        departments=sorted(departments, key=lambda d: (d.jurisdiction != "重庆市", d.jurisdiction, d.group)),
        themes=[t.record for t in catalogue.themes],
        reforms=reforms,
        registry=registry,
        synonyms=[s.record for s in catalogue.synonyms],
    )
    return resolved, problems


def resolve_reforms(measures: list[ResolvedMeasure], records: list[Reform]) -> list[ResolvedReform]:
    """Each reform with its measures in catalogue order, attached to each of them; ordered by its first measure."""
    position = {m.id: index for index, m in enumerate(measures)}
    reforms = []
    for record in records:
        members = sorted((measures[position[i]] for i in dict.fromkeys(record.measures) if i in position), key=lambda m: position[m.id])
        themes = record.themes or list(dict.fromkeys(t for m in members for t in m.measure.themes))
        reform = ResolvedReform(record, members, themes)
        for measure in members:
            measure.reforms.append(reform)
        reforms.append(reform)
    return sorted(reforms, key=lambda r: (position[r.measures[0].id] if r.measures else len(position), r.id))
