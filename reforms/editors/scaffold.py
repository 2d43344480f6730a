"""``build.py new DOCUMENT_ID``: a new measure file with every field in place and its help above it.

The new measure takes the next number of its kind in the document (numbered and named like the
existing ones: ``yz2022-list-078``, ``78``; ``jj2022-body-11``, ``（十一）``), the first section
holding measures of that kind, and one empty action. Each field is preceded by its description
from the model, so the file fails validation only where the editor still has to write something.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from pydantic import BaseModel

from reforms.catalogue.load import load_catalogue
from reforms.catalogue.model import Document, Measure, measure_id
from reforms.catalogue.validate import number_value
from reforms.catalogue.yamlio import dump_yaml

PRINTED_NUMBERS = {  # for a document without measures of the kind yet: the number as printed
    "list-item": "{n}",
    "numbered-item": "{n}．",
    "work-paragraph": "（{cn}）",
}
CHINESE_DIGITS = "零一二三四五六七八九"


class ScaffoldError(Exception):
    """Why no file was written, said for the editor."""


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 21 → 二十一 (as the documents number their paragraphs)."""
    if n < 10:
        return CHINESE_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CHINESE_DIGITS[tens]) + "十" + (CHINESE_DIGITS[ones] if ones else "")


def numbered_like(template: str, n: int) -> str:
    """``template``'s number replaced by ``n``, padded and in the same script: ``（十）`` → ``（十一）``."""
    if re.search(r"[0-9]", template):  # the last run of digits: yz2022-list-077 → yz2022-list-078
        return re.sub(r"[0-9]+(?=[^0-9]*$)", lambda m: str(n).zfill(len(m.group())), template)
    return re.sub(r"[一二三四五六七八九十]+(?=[^一二三四五六七八九十]*$)", chinese_number(n), template)


def next_names(document_id: str, kind: str, siblings: list[Measure]) -> tuple[str, str, int]:
    """The new measure's id, number as printed, and number value."""
    numbered = [(number_value(m.number) or 0, m) for m in siblings]
    n = max((value for value, _ in numbered), default=0) + 1
    if not numbered:
        printed = PRINTED_NUMBERS[kind].format(n=n, cn=chinese_number(n))
        return measure_id(document_id, kind, n), printed, n
    last = max(numbered, key=lambda pair: pair[0])[1]
    return numbered_like(last.id, n), numbered_like(last.number, n), n


def usual_kind(siblings: list[Measure]) -> str:
    kinds = Counter(m.kind for m in siblings)
    if not kinds:
        raise ScaffoldError("这个文件还没有措施，无法推断措施类型：请用 --kind 指定 list-item、numbered-item 或 work-paragraph")
    return kinds.most_common(1)[0][0]


def new_measure_values(document: Document, measures: list[Measure], kind: str | None) -> dict:
    """id, document, kind, number and section of the next measure of ``document``."""
    own = [m for m in measures if m.document == document.id]
    kind = kind or usual_kind(own)
    siblings = [m for m in own if m.kind == kind]
    measure_id, number, _ = next_names(document.id, kind, siblings)
    sections_used = [m.section for m in siblings]
    section = next((s.heading for s in document.outline if s.heading in sections_used), document.outline[0].heading)
    return {"id": measure_id, "document": document.id, "kind": kind, "number": number, "section": section}


def help_comment(info, indent: str) -> str:
    need = "必填" if info.is_required() else "可选"
    return f"{indent}# （{need}）{info.description}"


def list_item_model(annotation: object) -> type[BaseModel] | None:
    args = getattr(annotation, "__args__", ())
    return next((a for a in args if isinstance(a, type) and issubclass(a, BaseModel)), None)


def field_lines(model: type[BaseModel], values: dict, indent: str = "") -> list[str]:
    """Each field of ``model`` as a help comment and a line to fill in (or the given value)."""
    lines = []
    for name, info in model.model_fields.items():
        lines.append(help_comment(info, indent))
        item_model = list_item_model(info.annotation)
        if name in values:
            lines += [indent + line for line in dump_yaml({name: values[name]}).splitlines()]
        elif item_model is not None:
            lines += [f"{indent}{name}:", *one_empty_item(item_model, indent)]
        elif getattr(info.annotation, "__origin__", None) is list:
            lines.append(f"{indent}{name}: []")
        else:
            lines.append(f"{indent}{name}:")
    return lines


def one_empty_item(model: type[BaseModel], indent: str) -> list[str]:
    lines = field_lines(model, {}, indent + "    ")
    lines[0] = indent + "  " + lines[0].lstrip()  # the first field's help, then the line that opens the item
    lines[1] = indent + "  - " + lines[1].lstrip()
    return lines


def section_choices(document: Document) -> list[str]:
    headings = "；".join(s.heading for s in document.outline)
    return [f"# 文件 {document.id} 的章节：{headings}"]


def measure_template(values: dict, document: Document) -> str:
    return "\n".join([*section_choices(document), *field_lines(Measure, values)]) + "\n"


def create_measure(root: Path, document_id: str, kind: str | None = None) -> Path:
    """Write the next measure of ``document_id`` under ``root`` and return its path."""
    catalogue, _ = load_catalogue(root)
    documents = {d.record.id: d.record for d in catalogue.documents}
    if document_id not in documents:
        known = "、".join(sorted(documents)) or "（无）"
        raise ScaffoldError(f"找不到文件 {document_id}（catalogue/documents/{document_id}.yml 不存在或有错误）；已有的文件：{known}")
    document = documents[document_id]
    values = new_measure_values(document, [m.record for m in catalogue.measures], kind)
    path = root / "measures" / document_id / f"{values['id']}.yml"
    if path.exists():
        raise ScaffoldError(f"{path} 已存在；请检查该文件的序号")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(measure_template(values, document), encoding="utf-8")
    return path
