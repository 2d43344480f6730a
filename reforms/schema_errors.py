"""Pydantic's validation errors, said in Chinese, at the line of the YAML file they concern."""

from __future__ import annotations

import difflib
import re

from pydantic import BaseModel, ValidationError

from reforms.yamlio import Loaded, Problem, format_field

PATTERN_HINTS = {
    "id": "只用小写字母、数字和连字符，如 yz2022-list-003",
    "document": "写所属文件的 id，如 yz2022",
    "date": "写成 YYYY-MM-DD，如 2022-08-15，并加引号",
    "source_lines": "写成 起始行-结束行，如 150-153",
}

TYPE_NAMES = {
    str: "文字",
    int: "整数",
    float: "数字",
    bool: "true 或 false",
    list: "列表",
    dict: "字段集合",
    type(None): "空值",
}

EXPECTED_BY_ERROR = {
    "string_type": "文字",
    "int_type": "整数",
    "bool_type": "布尔值 true 或 false",
    "list_type": "列表（每项以 - 开头）",
    "dict_type": "字段集合（名称: 值）",
    "model_type": "字段集合（名称: 值）",
}


def describe(value: object) -> str:
    if isinstance(value, str):
        return f"文字“{value[:30]}”"
    return TYPE_NAMES.get(type(value), type(value).__name__)


def field_names(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names a model allows at ``loc`` (for suggestions on unknown fields)."""
    current: object = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if isinstance(current, type) else None
        if info is None:
            return []
        annotation = info.annotation
        args = getattr(annotation, "__args__", ())
        current = next((a for a in args if isinstance(a, type) and issubclass(a, BaseModel)), annotation)
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
    return list(current.model_fields) if isinstance(current, type) else []


def message_for(error: dict, model: type[BaseModel]) -> tuple[str, str]:
    kind, loc, ctx = error["type"], error["loc"], error.get("ctx") or {}
    name = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if kind == "missing":
        return "缺少必填字段", f"添加 {name}: …（见编辑指南的字段说明）"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(name), field_names(model, loc), n=1)
        hint = f"是不是要写 {close[0]}？" if close else "删除该字段，或查看编辑指南中允许的字段"
        return "未知字段", hint
    if kind in EXPECTED_BY_ERROR:
        return f"应为{EXPECTED_BY_ERROR[kind]}，实际是{describe(error['input'])}", "按字段说明修改取值；文字含冒号等符号时加引号"
    if kind == "string_too_short":
        return "不能为空", "填写内容；可选字段不用时，把整行删除"
    if kind == "string_pattern_mismatch":
        return f"格式不对：{describe(error['input'])}", PATTERN_HINTS.get(name, f"应符合 {ctx.get('pattern')}")
    if kind == "literal_error":
        expected = "、".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        return f"取值{describe(error['input'])}不在允许范围内", f"应为以下之一：{expected}"
    if kind == "too_short":
        return f"至少需要 {ctx.get('min_length')} 项", "补上缺少的条目"
    if kind == "too_long":
        return f"最多 {ctx.get('max_length')} 项", "删去多余的条目"
    return f"取值不正确（{error['msg']}）", "按编辑指南的字段说明修改"


def problems_from_validation_error(
    error: ValidationError, loaded: Loaded, path: tuple, model: type[BaseModel]
) -> list[Problem]:
    problems = []
    for item in error.errors():
        loc = tuple(item["loc"])
        position = loaded.position((*path, *loc))
        message, hint = message_for(item, model)
        problems.append(Problem(loaded.file, position.line, position.column, format_field(loc), message, hint))
    return problems
