"""Checks of the reform records: each names real measures, none twice, of at least two documents,
and no two records group the same measures. A dismissed pair (``dismissed.yml``) names real measures.
"""

from __future__ import annotations

from collections import defaultdict

from reforms.catalogue.load import Catalogue, Located
from reforms.catalogue.lookup import grouped_by_id, id_line, suggest
from reforms.catalogue.yamlio import Problem


def check_reforms(catalogue: Catalogue) -> list[Problem]:
    # a repeated measure id maps to None: it is reported at the measures, and its document is not known
    measures = {i: group[0].record if len(group) == 1 else None for i, group in grouped_by_id(catalogue.measures).items()}
    themes = None if catalogue.failed_to_load("themes.yml") else {t.record.id for t in catalogue.themes}
    problems = []
    for located in catalogue.reforms:
        problems += check_members(located, measures, catalogue)
        if themes is not None:
            problems += check_reform_themes(located, themes)
    for located in catalogue.dismissed:
        problems += [
            located.problem(("measures", index), f"措施 {measure_id} 不存在", suggest(measure_id, sorted(measures)))
            for index, measure_id in enumerate(located.record.measures)
            if measure_id not in measures and not measure_file_failed(catalogue, measure_id)
        ]
    return problems + check_same_measures(catalogue.reforms)


def check_members(located: Located, measures: dict, catalogue: Catalogue) -> list[Problem]:
    """Each measure exists and is listed once; together they come from two documents or more."""
    reform, problems, seen, documents = located.record, [], {}, set()
    for index, measure_id in enumerate(reform.measures):
        path = ("measures", index)
        if measure_id in seen:
            problems.append(located.problem(path, f"措施 {measure_id} 已列在第 {seen[measure_id] + 1} 项", "每条措施只列一次：删除这一行"))
            continue
        seen[measure_id] = index
        measure = measures.get(measure_id)
        documents.add(measure.document if measure else None)  # None: not known, so the count proves nothing
        if measure_id not in measures and not measure_file_failed(catalogue, measure_id):
            hint = suggest(measure_id, sorted(measures)) or "写措施的 id，如 yz2022-list-003（见措施页或措施文件名）"
            problems.append(located.problem(path, f"措施 {measure_id} 不存在", hint))
    if len(reform.measures) >= 2 and len(documents) == 1 and None not in documents:
        hint = "加上另一份文件中承载同一改革的措施；同一文件内的相近措施不需要改革记录"
        problems.append(located.problem(("measures",), f"这项改革的措施都来自文件 {documents.pop()}，至少要来自两份文件", hint))
    return problems


def measure_file_failed(catalogue: Catalogue, measure_id: str) -> bool:
    """A measure whose file could not be read is reported there, not again as unknown here."""
    return catalogue.failed_to_load(f"measures/{measure_id.split('-')[0]}/{measure_id}.yml")


def check_same_measures(reforms: list[Located]) -> list[Problem]:
    """Two records grouping the same measures are one reform written twice; each is told of the other."""
    groups: dict[frozenset, list[Located]] = defaultdict(list)
    for located in reforms:
        groups[frozenset(located.record.measures)].append(located)
    problems = []
    for group in groups.values():
        for located in group if len(group) > 1 else ():
            others = "、".join(id_line(other) for other in group if other is not located)
            hint = "合并成一个改革记录，删除另一个文件"
            problems.append(located.problem(("measures",), f"与 {others} 的措施完全相同", hint))
    return problems


def check_reform_themes(located: Located, themes: set[str]) -> list[Problem]:
    return [
        located.problem(("themes", index), f"未知主题 {theme}", suggest(theme, sorted(themes)) or "见 catalogue/themes.yml 中的 id")
        for index, theme in enumerate(located.record.themes)
        if theme not in themes
    ]
