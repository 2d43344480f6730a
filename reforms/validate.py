"""Cross-reference checks: what a single record's schema cannot see.

Each check takes the loaded catalogue and returns problems located at the field concerned.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict

from reforms.catalogue import Catalogue, Located
from reforms.yamlio import Problem

_CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def number_value(number: str) -> int | None:
    """The integer a printed number stands for: ``12．`` → 12, ``（二十一）`` → 21."""
    digits = re.sub(r"[^0-9一二三四五六七八九十]", "", number)
    if digits.isdigit():
        return int(digits)
    if not digits or not re.fullmatch(r"[一二三四五六七八九]?十?[一二三四五六七八九]?", digits):
        return None
    if "十" not in digits:
        return _CHINESE_DIGITS.get(digits)
    tens, _, ones = digits.partition("十")
    return _CHINESE_DIGITS.get(tens, 1) * 10 + _CHINESE_DIGITS.get(ones, 0)


def suggest(value: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(value, candidates, n=1, cutoff=0.5)
    return f"是不是 {close[0]}？" if close else ""


def check_unique_ids(records: list[Located], what: str) -> list[Problem]:
    seen: dict[str, Located] = {}
    problems = []
    for located in records:
        record_id = located.record.id
        if record_id in seen:
            first = seen[record_id]
            where = f"{first.source.file}:{first.source.position((*first.path, 'id')).line}"
            problems.append(located.problem(("id",), f"{what} id {record_id} 重复（已在 {where} 使用）", "换一个未用过的 id"))
        else:
            seen[record_id] = located
    return problems


def check_measure_files(catalogue: Catalogue) -> list[Problem]:
    """A measure lives at measures/<document>/<id>.yml, so its URL and file name agree."""
    problems = []
    for located in catalogue.measures:
        measure = located.record
        expected = f"measures/{measure.document}/{measure.id}.yml"
        if not located.source.file.endswith("/" + expected):
            problems.append(
                located.problem(("id",), f"文件位置与 id 或 document 不符，应为 {expected}", "重命名文件，或改正 id / document")
            )
    return problems


def check_measure_references(catalogue: Catalogue) -> list[Problem]:
    documents = {d.record.id: d.record for d in catalogue.documents}
    themes = {t.record.id for t in catalogue.themes}
    problems = []
    for located in catalogue.measures:
        measure = located.record
        document = documents.get(measure.document)
        if document is None and catalogue.failed_to_load(f"documents/{measure.document}.yml"):
            continue
        if document is None:
            problems.append(
                located.problem(("document",), f"未知文件 {measure.document}", suggest(measure.document, sorted(documents)))
            )
            continue
        sections = {s.heading: s for s in document.outline}
        section = sections.get(measure.section)
        if section is None:
            hint = suggest(measure.section, sorted(sections)) or f"应与 {measure.document} 的 outline 中某个 heading 一致"
            problems.append(located.problem(("section",), f"文件 {measure.document} 中没有章节“{measure.section}”", hint))
        elif measure.subsection is not None and measure.subsection not in {s.heading for s in section.subsections}:
            problems.append(
                located.problem(
                    ("subsection",),
                    f"章节“{measure.section}”中没有小节“{measure.subsection}”",
                    suggest(measure.subsection, [s.heading for s in section.subsections]) or "改正小节标题，或删除该字段",
                )
            )
        for index, theme in enumerate(measure.themes):
            if theme not in themes:
                problems.append(located.problem(("themes", index), f"未知主题 {theme}", suggest(theme, sorted(themes))))
    return problems


def check_numbering(catalogue: Catalogue) -> list[Problem]:
    """Within a document, each kind of measure is numbered 1, 2, 3 … with no gap or repeat."""
    groups: dict[tuple[str, str], list[tuple[int, Located]]] = defaultdict(list)
    problems = []
    for located in catalogue.measures:
        measure = located.record
        value = number_value(measure.number)
        if value is None:
            problems.append(located.problem(("number",), f"无法识别的序号“{measure.number}”", "写成 3、12．或（一）这样的序号"))
            continue
        groups[(measure.document, measure.kind)].append((value, located))
    for (document, kind), numbered in sorted(groups.items()):
        if catalogue.failed_under(f"measures/{document}/"):
            continue  # a measure that could not be read would show up as a gap
        counts = Counter(value for value, _ in numbered)
        for value, located in numbered:
            if counts[value] > 1:
                problems.append(
                    located.problem(("number",), f"序号 {value} 在文件 {document} 的 {kind} 中重复", "检查是否重复录入，或改正序号")
                )
        present = set(counts)
        for missing in sorted(set(range(1, max(present) + 1)) - present):
            before = [(value, loc) for value, loc in numbered if value < missing]
            after = max(before, key=lambda pair: pair[0])[1] if before else numbered[0][1]
            problems.append(
                after.problem(("number",), f"文件 {document} 的 {kind} 缺少序号 {missing}", "补上缺少的措施，或改正后续序号")
            )
    return problems


def check_departments(catalogue: Catalogue) -> list[Problem]:
    """No spelling may stand for two departments of one jurisdiction, no name may be registered twice."""
    problems = []
    spelled: dict[tuple[str, str], str] = {}
    named: dict[tuple[str, str], str] = {}
    for located in catalogue.departments:
        dept = located.record
        key = (dept.jurisdiction, dept.name)
        if key in named:
            problems.append(located.problem(("name",), f"部门 {dept.name} 已登记为 {named[key]}", "合并这两条，把写法放进 aliases"))
            continue
        named[key] = dept.id
        for alias in dict.fromkeys((dept.name, *dept.aliases)):
            owner = spelled.setdefault((dept.jurisdiction, alias), dept.id)
            if owner != dept.id:
                field_path = ("aliases", dept.aliases.index(alias)) if alias in dept.aliases else ("name",)
                problems.append(
                    located.problem(field_path, f"写法“{alias}”已属于部门 {owner}", "一种写法只能指向一个部门")
                )
    return problems


def check_links(catalogue: Catalogue) -> list[Problem]:
    """Every link names real measures of its documents, and every measure of those documents appears once."""
    measures = {m.record.id: m.record for m in catalogue.measures}
    documents = {d.record.id for d in catalogue.documents}
    problems = []
    for located in catalogue.links:
        table = located.record
        for index, doc_id in enumerate(table.documents):
            if doc_id not in documents and not catalogue.failed_to_load(f"documents/{doc_id}.yml"):
                problems.append(located.problem(("documents", index), f"未知文件 {doc_id}", suggest(doc_id, sorted(documents))))
        seen: Counter[str] = Counter()
        for row_index, row in enumerate(table.rows):
            if set(row.measures) != set(table.documents):
                problems.append(
                    located.problem(
                        ("rows", row_index, "measures"),
                        f"应对每个文件各写一项：{'、'.join(table.documents)}",
                        "没有对应措施的文件写 null",
                    )
                )
            if not any(row.measures.values()):
                problems.append(located.problem(("rows", row_index, "measures"), "这一行没有任何措施", "删除这一行"))
            for doc_id, measure_id in row.measures.items():
                if measure_id is None:
                    continue
                seen[measure_id] += 1
                path = ("rows", row_index, "measures", doc_id)
                measure = measures.get(measure_id)
                if measure is None and catalogue.failed_to_load(f"measures/{doc_id}/{measure_id}.yml"):
                    continue
                if measure is None:
                    problems.append(located.problem(path, f"措施 {measure_id} 不存在", suggest(measure_id, sorted(measures))))
                elif measure.document != doc_id:
                    problems.append(located.problem(path, f"措施 {measure_id} 属于文件 {measure.document}，不是 {doc_id}", ""))
                elif seen[measure_id] > 1:
                    problems.append(located.problem(path, f"措施 {measure_id} 在对照表中出现了不止一次", "每条措施只列一次"))
        problems.extend(check_links_cover(located, catalogue, seen))
    return problems


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


def check_sources(catalogue: Catalogue) -> list[Problem]:
    problems = []
    line_counts: dict[str, int] = {}
    for located in catalogue.documents:
        document = located.record
        path = catalogue.root / document.source
        if ".." in document.source.split("/") or not path.is_file():
            problems.append(located.problem(("source",), f"找不到来源文本 {document.source}", "写 catalogue/ 下的相对路径，如 sources/xxx.txt"))
            continue
        line_counts[document.id] = len(path.read_text(encoding="utf-8").splitlines())
    for located in catalogue.measures:
        measure = located.record
        last = int(measure.source_lines.split("-")[-1])
        first = int(measure.source_lines.split("-")[0])
        total = line_counts.get(measure.document)
        if first > last or (total is not None and last > total):
            problems.append(
                located.problem(("source_lines",), f"行号范围 {measure.source_lines} 不在来源文本内（共 {total} 行）", "改正行号")
            )
    return problems


def check_catalogue(catalogue: Catalogue) -> list[Problem]:
    problems = []
    problems += check_unique_ids(catalogue.documents, "文件")
    problems += check_unique_ids(catalogue.measures, "措施")
    problems += check_unique_ids(catalogue.departments, "部门")
    problems += check_unique_ids(catalogue.links, "对照表")
    problems += check_unique_ids(catalogue.themes, "主题")
    problems += check_measure_files(catalogue)
    problems += check_measure_references(catalogue)
    problems += check_numbering(catalogue)
    problems += check_departments(catalogue)
    problems += check_links(catalogue)
    problems += check_sources(catalogue)
    return problems
