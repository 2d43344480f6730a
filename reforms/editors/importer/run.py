"""``build.py import``: run a document's layouts over its source text and write draft records.

The document's YAML must exist with its metadata and ``layouts``; the import fills in its
``preamble`` and ``outline`` and writes one file per measure. Existing measure files are kept
unless ``overwrite`` is set, so an editor's reviewed records are never clobbered by accident.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from pathlib import Path

from reforms.catalogue.model import ID_PATTERN, SOURCE_PATTERN, Measure
from reforms.catalogue.yamlio import dump_yaml, read_yaml
from reforms.editors.importer import Finding, ImportResult

LAYOUTS = {
    "prose": ("reforms.editors.importer.prose", "import_prose"),
    "tab-rows": ("reforms.editors.importer.cell_table", "import_tab_rows"),
    "cell-lines": ("reforms.editors.importer.cell_table", "import_cell_lines"),
    "wrapped-table": ("reforms.editors.importer.wrapped_table", "import_wrapped_table"),
}


@dataclass
class ImportReport:
    document: str
    measures_written: int
    measures_kept: int
    findings: list[Finding]


def run_layouts(doc_id: str, layouts: list[str], lines: list[str]) -> ImportResult:
    combined = ImportResult()
    for layout in layouts:
        module, name = LAYOUTS[layout]
        result: ImportResult = getattr(importlib.import_module(module), name)(doc_id, lines)
        combined.sections += result.sections
        combined.measures += result.measures
        combined.findings += [Finding(f.line, f"[{layout}] {f.message}") for f in result.findings]
        combined.preamble = combined.preamble or result.preamble
    return combined


def record_yaml(record: Measure) -> str:
    data = record.model_dump(exclude_none=True)
    data = {key: value for key, value in data.items() if value != []}
    return dump_yaml(data)


def import_document(root: Path, doc_id: str, overwrite: bool = False) -> ImportReport:
    if not re.fullmatch(ID_PATTERN, doc_id):
        raise ValueError(f"文件 id “{doc_id}”只能含小写字母、数字和连字符")
    document_path = root / "documents" / f"{doc_id}.yml"
    document = read_yaml(document_path, str(document_path)).data
    source = document.get("source") if isinstance(document, dict) else None
    if not isinstance(source, str) or not re.fullmatch(SOURCE_PATTERN, source):
        raise ValueError("source 应写成 sources/文件名.txt（catalogue/sources/ 中的纯文本）")
    lines = (root / source).read_text(encoding="utf-8").splitlines()
    result = run_layouts(doc_id, document["layouts"], lines)

    document["preamble"] = result.preamble
    document["outline"] = [s.model_dump(exclude_none=True) for s in result.sections]
    for section in document["outline"]:
        if not section.get("subsections"):
            section.pop("subsections", None)
    ordered = {key: document[key] for key in (*document.keys(),) if key not in ("preamble", "outline")}
    ordered.update(preamble=document["preamble"], outline=document["outline"])
    document_path.write_text(dump_yaml(ordered), encoding="utf-8")

    folder = root / "measures" / doc_id
    folder.mkdir(parents=True, exist_ok=True)
    written = kept = 0
    for measure in result.measures:
        path = folder / f"{measure.id}.yml"
        if path.exists() and not overwrite:
            kept += 1
            continue
        path.write_text(record_yaml(measure), encoding="utf-8")
        written += 1
    return ImportReport(doc_id, written, kept, result.findings)
