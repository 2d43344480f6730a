"""The search records: for each measure, the texts a query is looked for in and what a result shows.

This is ``search/index.js``, loaded before the first search; the lunr index of the same texts
(``lunr_index.py``) is loaded in parts as queries need them. lunr proposes the records that have
the query's pairs of characters; the browser keeps those of them with a text that contains the
folded query (``tokenize.compact``) and cuts the snippet from these texts.

Each record lists its texts by field (a query never spans two texts): ``title``; ``lead``, the
lead units' names, shown in results, and ``aka``, other ways the source writes them; ``body``,
the city task and the text of each action; ``meta``, section, subsection, partner units, scope
and due date. The document's full title and jurisdiction are texts of every one of its measures,
stored once under ``documents``. What the filters read: ``document``, ``kind``,
``departments`` (ids), ``themes`` (ids), ``due`` (months, ``done``, ``ongoing``). Empty fields
are left out. A record's page is ``measureUrl`` with ``{id}`` replaced. ``lunr`` (added by
``files.py``) says how the lunr index is cut: its fields, the number of parts, their address.
"""

from __future__ import annotations

from reforms.catalogue.model import DEFAULT_STATUS, MEASURE_KIND_LABELS, Document
from reforms.catalogue.resolve import Resolved, ResolvedMeasure
from reforms.site.paths import measure_url

FIELDS = ("title", "lead", "body", "meta")
VERSION = 3


def units(measure: ResolvedMeasure, role: str, as_written: bool = True) -> list[str]:
    """Unit names of a role: each department's name, and (for searching) the ways it is written."""
    names = []
    for action in measure.actions:
        for mention in getattr(action, role):
            names.append(mention.department.name if mention.department else mention.as_written)
            if as_written:
                names.append(mention.as_written)
    return list(dict.fromkeys(names))


def document_texts(document: Document) -> list[str]:
    return [document.title, document.jurisdiction]


def own_texts(measure: ResolvedMeasure) -> dict[str, list[str]]:
    """The measure's own texts by field, without those of its document."""
    record = measure.measure
    texts = {
        "title": [record.title],
        "lead": units(measure, "lead"),
        "body": [record.city_task or "", *(a.action.text for a in measure.actions)],
        "meta": [
            record.section,
            record.subsection or "",
            *units(measure, "partners"),
            *(a.action.scope or "" for a in measure.actions),
            *(a.action.due or "" for a in measure.actions),
        ],
    }
    return {name: [t for t in parts if t] for name, parts in texts.items()}


def searchable(measure: ResolvedMeasure) -> dict[str, list[str]]:
    """Every text a query is looked for in, by field; the document's texts count as ``meta``."""
    texts = own_texts(measure)
    texts["meta"] = document_texts(measure.document) + texts["meta"]
    return texts


def record_entry(measure: ResolvedMeasure, themes: set[str]) -> dict:
    record = measure.measure
    texts = own_texts(measure)
    names = units(measure, "lead", as_written=False)
    departments = {m.department.id for a in measure.actions for m in (*a.lead, *a.partners) if m.department}
    entry = {
        "id": record.id,
        "number": record.number,
        "kind": MEASURE_KIND_LABELS[record.kind],
        "document": record.document,
        "title": record.title,
        "lead": names,
        "aka": [t for t in texts["lead"] if t not in names],
        "body": texts["body"],
        "meta": texts["meta"],
        "departments": sorted(departments),
        "themes": [t for t in record.themes if t in themes],
        "due": sorted({d.month or d.kind for a in measure.actions if (d := a.due)}),
        "status": sorted({a.action.status or DEFAULT_STATUS for a in measure.actions}),
    }
    return {key: value for key, value in entry.items() if value}


def build_search_index(resolved: Resolved) -> dict:
    themes = {t.id: t.name for t in resolved.themes}
    return {
        "version": VERSION,
        "measureUrl": measure_url("{id}"),
        "documents": {
            d.id: {"title": d.short_title, "district": d.jurisdiction, "texts": document_texts(d)}
            for d in resolved.documents
        },
        "departments": {d.id: d.name for d in resolved.departments},
        "themes": themes,
        "records": [record_entry(m, set(themes)) for m in resolved.measures],
    }
