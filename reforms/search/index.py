"""What search reads besides the lunr index (``lunr_index.py``).

* ``manifest``: ``search/index.js``, the only file loaded before the first query: the documents
  (titles, districts, the texts every measure of a document shares, and ``first``/``last``: the
  refs of its measures, which are numbered document by document), the departments, districts and
  themes a query may name (``entities``), the other forms of query words (``expansions``, see
  ``expand.py``), and how the rest is cut (``index``, ``files``).
* ``records``: what a result shows, ``CHUNK`` records to a file, loaded for the hits shown: for
  each measure ``id``, ``number``, ``kind``, ``document``, ``title``; ``lead``, the lead units'
  names, and ``aka``, other ways the source writes them; ``body``, the city task and each
  action's text; ``meta``, section, subsection, partner units, scope and due date. Empty
  fields are left out.
* ``facets``: what the filters read, loaded once a filter other than district and document is
  set: for each record ``[kind, departments, themes, due, statuses]`` as numbers into the lists beside.
"""

from __future__ import annotations

from reforms.catalogue.model import DEFAULT_STATUS, MEASURE_KIND_LABELS, Document
from reforms.catalogue.resolve import Resolved, ResolvedMeasure
from reforms.search.expand import build_expansions, short_forms, spellings
from reforms.site.paths import department_url, district_url, document_url, measure_url, theme_url

VERSION = 4
CHUNK = 8


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


def in_search_order(resolved: Resolved) -> list[ResolvedMeasure]:
    """The measures, document by document (in the catalogue's order of documents)."""
    order = {d.id: n for n, d in enumerate(resolved.documents)}
    return sorted(resolved.measures, key=lambda m: order[m.document.id])


def record_entry(measure: ResolvedMeasure) -> dict:
    record = measure.measure
    texts = own_texts(measure)
    names = units(measure, "lead", as_written=False)
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
    }
    return {key: value for key, value in entry.items() if value}


def numbered(names: list[str]) -> dict[str, int]:
    return {name: n for n, name in enumerate(names)}


def facets(measures: list[ResolvedMeasure], resolved: Resolved) -> dict:
    kinds = list(MEASURE_KIND_LABELS.values())
    departments = [d.id for d in resolved.departments]
    themes = [t.id for t in resolved.themes]
    due = sorted({d.month or d.kind for m in measures for a in m.actions if (d := a.due)})
    statuses = sorted({a.action.status or DEFAULT_STATUS for m in measures for a in m.actions})
    kind_n, department_n, theme_n, due_n, status_n = map(numbered, (kinds, departments, themes, due, statuses))
    rows = []
    for m in measures:
        ids = {x.department.id for a in m.actions for x in (*a.lead, *a.partners) if x.department}
        rows.append(
            [
                kind_n[MEASURE_KIND_LABELS[m.measure.kind]],
                sorted(department_n[i] for i in ids),
                [theme_n[t] for t in m.measure.themes if t in theme_n],
                sorted({due_n[d.month or d.kind] for a in m.actions if (d := a.due)}),
                sorted({status_n[a.action.status or DEFAULT_STATUS] for a in m.actions}),
            ]
        )
    return {"kinds": kinds, "departments": departments, "themes": themes, "due": due, "statuses": statuses, "records": rows}


def entities(resolved: Resolved) -> dict:
    """What a query may name besides measures, each with its page."""
    districts = list(dict.fromkeys(d.jurisdiction for d in resolved.documents))
    return {
        "departments": [
            {
                "id": d.id,
                "name": d.name,
                "district": d.jurisdiction,
                "names": list(dict.fromkeys([*spellings(d), *short_forms(d)])),
                "url": department_url(d.id),
            }
            for d in resolved.departments
        ],
        "documents": [
            {
                "id": d.id,
                "name": d.title,
                "district": d.jurisdiction,
                "names": [n for n in (d.title, d.short_title, d.number) if n],
                "url": document_url(d.id),
            }
            for d in resolved.documents
        ],
        "districts": [{"name": n, "names": [n], "url": district_url(n)} for n in districts],
        "themes": [{"id": t.id, "name": t.name, "names": [t.name], "url": theme_url(t.id)} for t in resolved.themes],
    }


def manifest(resolved: Resolved, measures: list[ResolvedMeasure]) -> dict:
    refs: dict[str, list[int]] = {}
    for ref, m in enumerate(measures):
        refs.setdefault(m.document.id, []).append(ref)
    return {
        "version": VERSION,
        "measureUrl": measure_url("{id}"),
        "documents": {
            d.id: {
                "title": d.short_title,
                "district": d.jurisdiction,
                "texts": document_texts(d),
                "first": refs.get(d.id, [0])[0],
                "last": refs.get(d.id, [-1])[-1] + 1,
            }
            for d in resolved.documents
        },
        "departments": {d.id: {"name": d.name, "district": d.jurisdiction} for d in resolved.departments},
        "themes": {t.id: t.name for t in resolved.themes},
        "entities": entities(resolved),
        "expansions": build_expansions(resolved.departments, resolved.synonyms),
    }
