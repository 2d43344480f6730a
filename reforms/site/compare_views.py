"""What the comparison pages show: one reform across documents, reforms × documents, pairs of documents.

Columns follow the catalogue's document order (the city's first, then the districts by date).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from reforms.catalogue.model import Document
from reforms.catalogue.resolve import Resolved, ResolvedAction, ResolvedMeasure, ResolvedReform


@dataclass
class Column:
    """One document's part in a reform: its measures and their actions."""

    document: Document
    measures: list[ResolvedMeasure]

    @property
    def actions(self) -> list[tuple[ResolvedMeasure, int, ResolvedAction]]:
        return [(m, n, a) for m in self.measures for n, a in enumerate(m.actions, start=1)]


@dataclass
class Pair:
    """Two documents and the reforms both carry."""

    first: Document
    second: Document
    reforms: list[ResolvedReform]

    @property
    def name(self) -> str:
        return f"{self.first.id}-{self.second.id}"

    @property
    def has_notes(self) -> bool:
        return any(r.reform.note for r in self.reforms)


def reform_columns(reform: ResolvedReform) -> list[Column]:
    return [Column(d, reform.in_document(d.id)) for d in reform.documents]


def shown_rows(columns: list[Column]) -> dict[str, bool]:
    """Which optional rows have something to show in at least one column."""
    actions = [a for c in columns for _, _, a in c.actions]
    return {
        "partners": any(a.partners for a in actions),
        "scope": any(a.action.scope for a in actions),
        "due": any(a.action.due for a in actions),
    }


def document_pairs(resolved: Resolved) -> list[Pair]:
    """Every two documents that share a reform, in document order."""
    order = {document.id: index for index, document in enumerate(resolved.documents)}
    shared: dict[tuple[str, str], list[ResolvedReform]] = defaultdict(list)
    for reform in resolved.reforms:
        for first, second in combinations(sorted({m.document.id for m in reform.measures}, key=order.get), 2):
            shared[first, second].append(reform)
    return [
        Pair(first, second, shared[first.id, second.id])
        for first, second in combinations(resolved.documents, 2)
        if shared[first.id, second.id]
    ]


def pairs_of(pairs: list[Pair], document: Document) -> list[Pair]:
    """Those of ``pairs`` (``document_pairs``) that ``document`` is one of."""
    return [p for p in pairs if document in (p.first, p.second)]


def jurisdictions_of(reform: ResolvedReform) -> list[str]:
    return list(dict.fromkeys(d.jurisdiction for d in reform.documents))


def single_district(reforms: list[ResolvedReform]) -> list[ResolvedReform]:
    """Reforms only one district's documents carry (no other district, not the city)."""
    return [r for r in reforms if len(jurisdictions_of(r)) == 1]


def reforms_by_theme(resolved: Resolved) -> dict[str, list[ResolvedReform]]:
    """Each theme's reforms: those some of whose measures carry the theme (catalogue order)."""
    found: dict[str, list[ResolvedReform]] = {theme.id: [] for theme in resolved.themes}
    for reform in resolved.reforms:
        for theme_id in dict.fromkeys(t for m in reform.measures for t in m.measure.themes):
            found.setdefault(theme_id, []).append(reform)
    return found


def unlinked_measures(resolved: Resolved) -> list[ResolvedMeasure]:
    return [m for m in resolved.measures if not m.reforms]
