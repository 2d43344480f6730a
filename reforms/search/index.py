"""The search index: lunr, prebuilt in Python with the tokenizer that the browser uses for queries.

``search/index.json`` holds the serialized lunr index and, for each measure, what a result shows
(title, document, district, lead units, the text the snippet is cut from) and what the filters
read (ids of the document, departments, themes, deadline). Each record's searchable text is
indexed as tokens, so lunr's own tokenizer and stemming are bypassed on both sides.
"""

from __future__ import annotations

from lunr.builder import Builder

from reforms.model import MEASURE_KIND_LABELS
from reforms.resolve import Resolved, ResolvedMeasure
from reforms.search.tokenize import tokens
from reforms.site.paths import measure_url

FIELDS = (("title", 10), ("lead", 4), ("body", 1), ("meta", 1))


def units(measure: ResolvedMeasure, role: str, as_written: bool = True) -> list[str]:
    """Unit names of a role: each department's name, and (for searching) the ways it is written."""
    names = []
    for action in measure.actions:
        for mention in getattr(action, role):
            names.append(mention.department.name if mention.department else mention.as_written)
            if as_written:
                names.append(mention.as_written)
    return list(dict.fromkeys(names))


def searchable(measure: ResolvedMeasure) -> dict[str, str]:
    """The text of each field, as a reader would type it."""
    record = measure.measure
    return {
        "title": record.title,
        "lead": " ".join(units(measure, "lead")),
        "body": " ".join([record.city_task or "", *(a.action.text for a in measure.actions)]),
        "meta": " ".join(
            [
                measure.document.title,
                measure.document.jurisdiction,
                record.section,
                record.subsection or "",
                " ".join(units(measure, "partners")),
                " ".join(a.action.scope or "" for a in measure.actions),
                " ".join(a.action.due or "" for a in measure.actions),
            ]
        ),
    }


def result_entry(measure: ResolvedMeasure, themes: dict[str, str]) -> dict:
    record = measure.measure
    departments = {
        m.department.id for a in measure.actions for m in (*a.lead, *a.partners) if m.department is not None
    }
    dues = [a.due for a in measure.actions if a.due]
    return {
        "url": measure_url(record.id),
        "id": record.id,
        "number": record.number,
        "title": record.title,
        "document": record.document,
        "district": measure.document.jurisdiction,
        "kind": MEASURE_KIND_LABELS[record.kind],
        "lead": "、".join(units(measure, "lead", as_written=False)[:6]),
        "fields": searchable(measure),
        "departments": sorted(departments),
        "themes": [t for t in record.themes if t in themes],
        "due": sorted({d.month or d.kind for d in dues}),
    }


def build_lunr(entries: list[dict]) -> dict:
    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("ref")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for ref, entry in enumerate(entries):
        builder.add({"ref": str(ref), **{name: " ".join(tokens(entry["fields"][name])) for name, _ in FIELDS}})
    return builder.build().serialize()


def build_search_index(resolved: Resolved) -> dict:
    themes = {t.id: t.name for t in resolved.themes}
    entries = [result_entry(m, themes) for m in resolved.measures]
    return {
        "version": 1,
        "index": build_lunr(entries),
        "records": entries,
        "documents": {d.id: {"title": d.short_title, "district": d.jurisdiction} for d in resolved.documents},
        "departments": {d.id: d.name for d in resolved.departments},
        "themes": themes,
    }
