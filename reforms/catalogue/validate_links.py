"""Checks of the link tables: each row names real measures of the table's two documents,
and every measure of the table's kind in those documents appears in exactly one row.
"""

from __future__ import annotations

from collections import Counter

from reforms.catalogue.load import Catalogue, Located
from reforms.catalogue.lookup import grouped_by_id, known_document, suggest
from reforms.catalogue.yamlio import Problem


def check_links(catalogue: Catalogue) -> list[Problem]:
    """Every link names real measures of its documents, and every measure of those documents appears once."""
    measures = {i: group[0].record if len(group) == 1 else None for i, group in grouped_by_id(catalogue.measures).items()}
    documents = {d.record.id for d in catalogue.documents}
    problems = []
    for located in catalogue.links:
        table = located.record
        for index, doc_id in enumerate(table.documents):
            if doc_id not in documents and not known_document(catalogue, doc_id):
                problems.append(located.problem(("documents", index), f"未知文件 {doc_id}", suggest(doc_id, sorted(documents))))
        seen: Counter[str] = Counter()
        row_problems = []
        for row_index, row in enumerate(table.rows):
            row_problems += check_row_columns(located, row_index)
            if not any(row.measures.values()):
                row_problems.append(located.problem(("rows", row_index, "measures"), "这一行没有任何措施", "删除这一行"))
            row_problems += check_row_references(located, row_index, measures, catalogue, seen)
        problems += row_problems or check_links_cover(located, catalogue, seen)  # a wrong row explains a missing one
    return problems


def check_row_references(
    located: Located, row_index: int, measures: dict, catalogue: Catalogue, seen: Counter
) -> list[Problem]:
    """``measures`` maps each id to its measure, or to None where the id is repeated (reported at the measures)."""
    table, problems = located.record, []
    for doc_id, measure_id in table.rows[row_index].measures.items():
        if measure_id is None or doc_id not in table.documents:
            continue
        seen[measure_id] += 1
        path = ("rows", row_index, "measures", doc_id)
        if measure_id not in measures:
            if not catalogue.failed_to_load(f"measures/{doc_id}/{measure_id}.yml"):
                problems.append(located.problem(path, f"措施 {measure_id} 不存在", suggest(measure_id, sorted(measures))))
            continue
        measure = measures[measure_id]
        if measure is None or not known_document(catalogue, measure.document):
            continue
        if measure.document != doc_id:
            problems.append(located.problem(path, f"措施 {measure_id} 属于文件 {measure.document}，不是 {doc_id}", f"把它移到 {measure.document} 一列"))
        elif seen[measure_id] > 1:
            problems.append(located.problem(path, f"措施 {measure_id} 在对照表中出现了不止一次", "每条措施只列一次"))
    return problems


def check_row_columns(located: Located, row_index: int) -> list[Problem]:
    """A row names one measure (or null) for each document of its table, and no other document."""
    table, path = located.record, ("rows", row_index, "measures")
    row = table.rows[row_index]
    missing = [
        located.problem(path, f"缺少文件 {doc_id} 的一项", f"加一行 {doc_id}: 对应措施的 id；没有对应措施时写 {doc_id}: null")
        for doc_id in table.documents
        if doc_id not in row.measures
    ]
    extra = [
        located.problem((*path, doc_id), f"{doc_id} 不是本对照表的文件（documents 只有 {'、'.join(table.documents)}）", "删除这一项，或改正文件 id")
        for doc_id in row.measures
        if doc_id not in table.documents
    ]
    return missing + extra


def check_links_cover(located: Located, catalogue: Catalogue, seen: Counter) -> list[Problem]:
    table = located.record
    missing = [
        m.record.id
        for m in catalogue.measures
        if m.record.document in table.documents and m.record.kind == table.kind and m.record.id not in seen
    ]
    if not missing:
        return []
    return [
        located.problem(
            ("rows",),
            f"对照表缺少措施：{'、'.join(missing[:10])}{' 等' if len(missing) > 10 else ''}",
            "为每条措施加一行；没有对应的，另一文件写 null",
        )
    ]
