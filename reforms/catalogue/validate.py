"""Cross-reference checks: what a single record's schema cannot see.

Each check takes the loaded catalogue and returns problems located at the field concerned.
"""

from __future__ import annotations

import re
import stat
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

from reforms.catalogue.load import Catalogue, Located
from reforms.catalogue.lookup import first_by_id, grouped_by_id, id_line, known_document, suggest
from reforms.catalogue.model import MEASURE_KIND_LABELS, Document
from reforms.catalogue.validate_departments import check_departments
from reforms.catalogue.validate_reforms import check_reforms
from reforms.catalogue.validate_status import check_statuses
from reforms.catalogue.validate_synonyms import check_synonyms
from reforms.catalogue.yamlio import Problem

_CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@cache  # a preview checks and sorts every measure on each save
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


def check_unique_ids(records: list[Located], what: str) -> list[Problem]:
    """A repeated id is reported at every record using it: which one is the newcomer is not ours to guess."""
    problems = []
    for record_id, group in grouped_by_id(records).items():
        for located in group if len(group) > 1 else ():
            others = "、".join(id_line(other) for other in group if other is not located)
            problems.append(located.problem(("id",), f"{what} id {record_id} 重复（也用于 {others}）", "换一个未用过的 id"))
    return problems


def folder_document(located: Located) -> str:
    """The document a measure file's folder names: measures/<document>/<id>.yml."""
    return located.source.file.rpartition("/")[0].rpartition("/")[2]


def check_measure_files(catalogue: Catalogue) -> list[Problem]:
    """A measure's id starts with its document's, and it lives at measures/<document>/<id>.yml."""
    problems = []
    for located in catalogue.measures:
        measure = located.record
        if not known_document(catalogue, measure.document):
            continue  # reported as an unknown document; renaming the file would be the wrong advice
        expected = f"measures/{measure.document}/{measure.id}.yml"
        if not measure.id.startswith(f"{measure.document}-"):
            hint = f"改成以 {measure.document}- 开头的 id（文件名随之改），或改正 document"
            problems.append(located.problem(("id",), f"措施 id 应以所属文件的 id 开头：{measure.document}-…", hint))
        elif not located.source.file.endswith("/" + expected):
            hint = "重命名文件，或改正 id / document"
            problems.append(located.problem(("id",), f"文件位置与 id 或 document 不符，应为 {expected}", hint))
    return problems


def check_file_names(records: list[Located], folder: str) -> list[Problem]:
    """A document or reform lives at <folder>/<id>.yml: its page and its file share the id."""
    problems = []
    for located in records:
        expected = f"{folder}/{located.record.id}.yml"
        if not located.source.file.endswith("/" + expected):
            problems.append(located.problem(("id",), f"文件名与 id 不符，应为 {expected}", "重命名文件，或改正 id"))
    return problems


def check_measure_references(catalogue: Catalogue) -> list[Problem]:
    documents = first_by_id(catalogue.documents)
    themes = None if catalogue.failed_to_load("themes.yml") else {t.record.id for t in catalogue.themes}
    problems = []
    for located in catalogue.measures:
        measure = located.record
        document = documents.get(measure.document)
        if document is None and not known_document(catalogue, measure.document):
            hint = suggest(measure.document, sorted(documents))
            problems.append(located.problem(("document",), f"未知文件 {measure.document}", hint))
        if document is not None:
            problems += check_place_in_outline(located, document)
        if themes is not None:
            problems += check_themes(located, themes)
    return problems


def check_place_in_outline(located: Located, document: Document) -> list[Problem]:
    measure = located.record
    sections = {s.heading: s for s in document.outline}
    section = sections.get(measure.section)
    if section is None:
        hint = suggest(measure.section, sorted(sections)) or f"应与 {measure.document} 的 outline 中某个 heading 一致"
        return [located.problem(("section",), f"文件 {measure.document} 中没有章节“{measure.section}”", hint)]
    headings = [s.heading for s in section.subsections]
    if measure.subsection is None or measure.subsection in headings:
        return []
    message = f"章节“{measure.section}”中没有小节“{measure.subsection}”"
    if not headings:
        return [located.problem(("subsection",), message, "这个章节不分小节：删除 subsection 这一行")]
    return [located.problem(("subsection",), message, suggest(measure.subsection, headings) or f"应为以下之一：{'、'.join(headings)}")]


def check_themes(located: Located, themes: set[str]) -> list[Problem]:
    return [
        located.problem(("themes", index), f"未知主题 {theme}", suggest(theme, sorted(themes)) or "见 catalogue/themes.yml 中的 id")
        for index, theme in enumerate(located.record.themes)
        if theme not in themes
    ]


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
        groups[(folder_document(located), measure.kind)].append((value, located))
    for (document, kind), numbered in sorted(groups.items()):
        if catalogue.failed_under(f"measures/{document}/"):
            continue  # a measure that could not be read would show up as a gap
        counts = Counter(value for value, _ in numbered)
        for value, located in numbered:
            if counts[value] > 1:
                problems.append(
                    located.problem(("number",), f"序号 {value} 在文件 {document} 的{MEASURE_KIND_LABELS[kind]}中重复", "检查是否重复录入，或改正序号")
                )
        present = set(counts)
        for missing in sorted(set(range(1, max(present) + 1)) - present):
            before = [(value, loc) for value, loc in numbered if value < missing]
            after = max(before, key=lambda pair: pair[0])[1] if before else numbered[0][1]
            problems.append(
                after.problem(("number",), f"文件 {document} 的{MEASURE_KIND_LABELS[kind]}缺少序号 {missing}", "补上缺少的措施，或改正后续序号")
            )
    return problems


MAX_SOURCE_BYTES = 1_000_000  # the longest source text is about 100 KB


def source_line_count(root: Path, source: str) -> tuple[int | None, str, str]:
    """The number of lines of a document's source text, or why it cannot be read (message, hint).

    ``source`` already has the form ``sources/<name>.txt`` (the model's pattern); the file must be
    a regular file there, not a link to one elsewhere."""
    path = root / source
    try:
        mode = path.lstat().st_mode
    except OSError:
        return None, f"找不到来源文本 {source}", "把来源文本放到 catalogue/sources/，或改正文件名"
    if not stat.S_ISREG(mode):
        return None, f"来源文本 {source} 不是普通文件（是符号链接或文件夹）", "把来源文本文件本身放到 catalogue/sources/"
    raw = path.read_bytes()
    if len(raw) > MAX_SOURCE_BYTES:
        return None, f"来源文本 {source} 过大（{len(raw):,} 字节，上限 {MAX_SOURCE_BYTES:,} 字节）", "只放这一份文件的正文"
    try:
        return len(raw.decode("utf-8").splitlines()), "", ""
    except UnicodeDecodeError:
        return None, f"来源文本 {source} 不是 UTF-8 编码", "用 UTF-8 编码重新保存来源文本"


def check_sources(catalogue: Catalogue) -> list[Problem]:
    problems = []
    line_counts: dict[str, int] = {}
    for located in catalogue.documents:
        count, message, hint = source_line_count(catalogue.root, located.record.source)
        if count is None:
            problems.append(located.problem(("source",), message, hint))
        else:
            line_counts[located.record.id] = count
    for located in catalogue.measures:
        problems += check_source_lines(located, line_counts.get(located.record.document))
    return problems


def check_source_lines(located: Located, total: int | None) -> list[Problem]:
    written = located.record.source_lines
    first, _, last = written.partition("-")
    if int(first) == 0:
        return [located.problem(("source_lines",), f"行号范围 {written} 从第 0 行开始", "行号从 1 起：写成 起始行-结束行，如 150-153")]
    if int(first) > int(last or first):
        return [located.problem(("source_lines",), f"行号范围 {written} 的起始行大于结束行", "写成 起始行-结束行，如 150-153")]
    if total is not None and int(last or first) > total:
        return [located.problem(("source_lines",), f"行号范围 {written} 不在来源文本内（共 {total} 行）", "改正行号")]
    return []


def check_catalogue(catalogue: Catalogue) -> list[Problem]:
    problems = []
    problems += check_unique_ids(catalogue.documents, "文件")
    problems += check_unique_ids(catalogue.measures, "措施")
    problems += check_unique_ids(catalogue.departments, "部门")
    problems += check_unique_ids(catalogue.reforms, "改革")
    problems += check_unique_ids(catalogue.themes, "主题")
    problems += check_file_names(catalogue.documents, "documents")
    problems += check_file_names(catalogue.reforms, "reforms")
    problems += check_measure_files(catalogue)
    problems += check_measure_references(catalogue)
    problems += check_numbering(catalogue)
    problems += check_departments(catalogue)
    problems += check_reforms(catalogue)
    problems += check_statuses(catalogue)
    problems += check_sources(catalogue)
    problems += check_synonyms(catalogue)
    return problems
