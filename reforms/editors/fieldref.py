"""The field reference of the editors' guide, generated from the record models.

One Markdown table per record kind (and per kind of item nested in one, such as an action of
a measure): each field's name, whether it is required, its type in plain Chinese and its
description. ``python build.py fieldref`` writes it into CONTRIBUTING.md between the markers;
a test fails when that part is out of date.
"""

from __future__ import annotations

import types
from pathlib import Path
from typing import Annotated, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from reforms.catalogue.load import RECORD_KINDS, RecordKind
from reforms.catalogue.model import (
    DATE_PATTERN,
    ID_PATTERN,
    LINES_PATTERN,
    SOURCE_PATTERN,
    URL_PATTERN,
    Action,
    Department,
    Dismissal,
    Document,
    Measure,
    Reform,
    Section,
    Subsection,
    SynonymGroup,
    Theme,
    on_one_line,
)

CONTRIBUTING = Path(__file__).resolve().parents[2] / "CONTRIBUTING.md"
START, END = "<!-- fields:start -->", "<!-- fields:end -->"

KIND_NAMES: dict[type[BaseModel], str] = {
    Document: "文件",
    Section: "章节",
    Subsection: "小节",
    Measure: "措施",
    Action: "具体举措",
    Department: "部门",
    Reform: "改革",
    Dismissal: "排除的候选",
    Theme: "主题",
    SynonymGroup: "同义词组",
}
PATTERN_NAMES = {
    ID_PATTERN: "标识（小写字母、数字和连字符）",
    DATE_PATTERN: "日期，写成 YYYY-MM-DD",
    URL_PATTERN: "网址，以 http:// 或 https:// 开头",
    LINES_PATTERN: "行号或行号范围，如 150-153",
    SOURCE_PATTERN: "sources/文件名.txt，文件名只用小写字母、数字和连字符",
}


def nested_model(annotation: object) -> type[BaseModel] | None:
    """The model a field holds (directly, or as the items of its list)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((m for m in map(nested_model, get_args(annotation)) if m is not None), None)


def limits(metadata: list) -> tuple[bool, int | None]:
    """Whether a text must be on one line, and its length limit, from a field's metadata."""
    one_line = any(getattr(item, "func", None) is on_one_line for item in metadata)
    inner = [m for item in metadata for m in [item, *getattr(item, "metadata", [])]]
    return one_line, next((m.max_length for m in inner if getattr(m, "max_length", None)), None)


def text_type(one_line: bool, limit: int | None) -> str:
    return "文字" + ("（一行" if one_line else "（可分行") + (f"，最多 {limit} 字）" if limit else "）")


def plain_type(annotation: object) -> str:
    """A type as an editor would say it: 文字, true 或 false, 以下之一：…, 列表…"""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:  # a constrained item, such as each evidence link: named by its pattern if it has one
        patterns = [getattr(m, "pattern", None) for info in args[1:] for m in getattr(info, "metadata", [])]
        if named := next((PATTERN_NAMES[p] for p in patterns if p in PATTERN_NAMES), None):
            return named
    if origin is Annotated and args[0] is str:
        return text_type(*limits(list(annotation.__metadata__)))
    if origin is Literal:
        return "以下之一：" + "、".join(map(str, args))
    if origin in (Union, types.UnionType):
        return " 或 ".join(plain_type(a) for a in args)
    if origin is list:
        item = args[0]
        return f"列表，每项是一个{KIND_NAMES[item]}（见下表）" if item in KIND_NAMES else f"列表，每项是{plain_type(item)}"
    if origin is dict:
        return f"字段集合，每行 名称: {plain_type(args[1])}"
    return {str: "文字", bool: "true 或 false", int: "整数", type(None): "null"}.get(annotation, str(annotation))


def constraint(info: FieldInfo, name: str) -> object:
    return next((getattr(item, name) for item in info.metadata if getattr(item, name, None) is not None), None)


def field_type(info: FieldInfo) -> str:
    annotation = info.annotation
    if not info.is_required() and get_origin(annotation) in (Union, types.UnionType):
        annotation = next(a for a in get_args(annotation) if a is not type(None))  # 可选 says it may be left out
    pattern = PATTERN_NAMES.get(constraint(info, "pattern"))
    lengths = (constraint(info, "min_length"), constraint(info, "max_length"))
    if pattern:
        return pattern + (f"，最多 {lengths[1]} 字" if lengths[1] else "")
    if get_origin(annotation) in (list, dict):
        text = plain_type(annotation)
        if lengths[0] and lengths[0] == lengths[1]:
            return f"{text}；恰好 {lengths[0]} 项"
        counts = [f"至少 {lengths[0]} 项" if lengths[0] else "", f"最多 {lengths[1]} 项" if lengths[1] else ""]
        return "；".join([text, *filter(None, counts)])
    metadata = list(info.metadata)
    if get_origin(annotation) is Annotated:
        annotation, metadata = get_args(annotation)[0], [*annotation.__metadata__, *metadata]
    return text_type(*limits(metadata)) if annotation is str else plain_type(annotation)


def requirement(info: FieldInfo) -> str:
    if info.is_required():
        return "必填"
    default = info.get_default(call_default_factory=True)
    return f"可选，默认 {str(default).lower()}" if isinstance(default, bool) else "可选"


def cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def field_table(model: type[BaseModel]) -> list[str]:
    rows = ["| 字段 | 必填 | 类型 | 说明 |", "|---|---|---|---|"]
    for name, info in model.model_fields.items():
        rows.append(f"| `{name}` | {requirement(info)} | {cell(field_type(info))} | {cell(info.description or '')} |")
    return rows


def kind_sections(model: type[BaseModel], where: str) -> list[str]:
    """The table of ``model`` and, after it, those of the items nested in its fields."""
    lines = ["", f"### {KIND_NAMES[model]}（{where}）", "", *field_table(model)]
    for name, info in model.model_fields.items():
        inner = nested_model(info.annotation)
        if inner is not None:
            lines += kind_sections(inner, f"{KIND_NAMES[model]}的 `{name}` 中的每一项")
    return lines


def location(kind: RecordKind) -> str:
    path = f"`catalogue/{kind.pattern}`"
    where = f"{path} 中 `{kind.list_key}:` 列表的每一项" if kind.list_key else f"{path}，每个文件一条"
    return f"{where}；文件不超过 {kind.max_bytes:,} 字节"


def field_reference() -> str:
    lines = ["<!-- 以下由 python build.py fieldref 根据 reforms/catalogue/model.py 生成，请勿手工修改 -->"]
    for kind in RECORD_KINDS:
        lines += kind_sections(kind.model, location(kind))
    return "\n".join(lines) + "\n"


def with_field_reference(text: str) -> str:
    """``text`` with the part between the markers replaced by the current field reference."""
    before, start, rest = text.partition(START)
    _, end, after = rest.partition(END)
    if not (start and end):
        raise ValueError(f"CONTRIBUTING.md 中缺少标记 {START} 或 {END}")
    return f"{before}{START}\n{field_reference()}{END}{after}"


def write_field_reference(path: Path = CONTRIBUTING) -> bool:
    """Rewrite the field reference in ``path``; whether anything changed."""
    text = path.read_text(encoding="utf-8")
    updated = with_field_reference(text)
    if updated != text:
        path.write_text(updated, encoding="utf-8")
    return updated != text
