"""Pydantic's validation errors, said in Chinese, at the line of the YAML file they concern.

Each message says what is wrong with the value as written and the hint how to fix it, in the
terms of the editors' guide: 文字, 列表, true/false — never a Python type name.
"""

from __future__ import annotations

import difflib
import re

from pydantic import BaseModel, ValidationError

from reforms.catalogue.model import ID_PATTERN
from reforms.catalogue.yamlio import Loaded, Problem, format_field

PATTERN_HINTS = {
    "document": "写所属文件的 id，如 yz2022",
    "date": "写成 YYYY-MM-DD，如 2022-08-15（月、日不足两位时前面补 0）",
    "source_lines": "写成 起始行-结束行，如 150-153；只有一行时写 '150'",
    "url": "只接受以 http:// 或 https:// 开头的网址，如 https://www.cq.gov.cn/…",
    "source": "来源文本须是 catalogue/sources/ 中的 .txt 文件，文件名只用小写字母 a-z、数字 0-9 和连字符 -，"
    "写成 sources/文件名.txt，如 sources/yuzhong-2022-pilot.txt（它按原样作为纯文本发布）",
    "evidence": "佐证只接受以 http:// 或 https:// 开头的公开网址；文字说明写在 status_note",
    "status_date": "写成 YYYY-MM-DD，如 2022-09-28（月、日不足两位时前面补 0）",
}
ID_HINT = "只用小写字母 a-z、数字 0-9 和连字符 -（id 也是文件名和网址的一部分），如 yz2022-list-003"

TYPE_NAMES = {str: "文字", int: "整数", float: "数字", bool: "true/false", list: "列表", dict: "字段集合", type(None): "空值"}

EXPECTED = {
    "string_type": "文字",
    "int_type": "整数",
    "bool_type": "“true”或“false”",
    "list_type": "列表（每项以“- ”开头）",
    "dict_type": "字段集合（每行一个“名称: 值”）",
    "model_type": "字段集合（每行一个“名称: 值”）",
}
LIST_HINT = "在下一行起逐项列出，每项以“- ”开头并缩进"
FIELDS_HINT = "在下一行起缩进，每行写一个“名称: 值”"


def shown(value: object) -> str:
    """A value as the editor wrote it: text and numbers quoted, anything else by its kind."""
    if isinstance(value, str):
        return f"“{value[:30]}{'…' if len(value) > 30 else ''}”"
    if isinstance(value, bool):
        return f"“{str(value).lower()}”"
    if isinstance(value, int | float):
        return f"“{value}”"
    return TYPE_NAMES.get(type(value), "其他内容")


def model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model whose field ``loc[-1]`` is, following ``loc`` through nested models and lists."""
    current: object = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if isinstance(current, type) else None
        if info is None:
            return None
        args = getattr(info.annotation, "__args__", ())
        current = next((a for a in args if isinstance(a, type) and issubclass(a, BaseModel)), info.annotation)
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
    return current


def closest_field(model: type[BaseModel], loc: tuple) -> str | None:
    owner = model_at(model, loc)
    close = difflib.get_close_matches(str(loc[-1]), list(owner.model_fields) if owner else [], n=1)
    return close[0] if close else None


def field_description(model: type[BaseModel], loc: tuple) -> str:
    owner = model_at(model, loc)
    info = owner.model_fields.get(loc[-1]) if owner and loc else None
    return info.description if info and info.description else ""


def fill_in_hint(model: type[BaseModel], loc: tuple) -> str:
    description = field_description(model, loc)
    return f"在冒号后填写（必填）：{description}" if description else "在冒号后填写内容"


def type_hint(kind: str, value: object) -> str:
    if kind == "bool_type":
        return "写 true（是）或 false（否）；yes、no、是、否 都不算"
    if kind == "list_type":
        return LIST_HINT
    if kind in ("dict_type", "model_type"):
        return FIELDS_HINT
    if isinstance(value, list):
        return "写成一段文字，不要用“- ”列表；多个单位照原文用顿号分隔"
    if isinstance(value, dict):
        return "这里是一段文字；文字中含“: ”时，给整段文字加引号"
    if isinstance(value, bool | int):
        return f"给这个值加引号，写成 '{str(value).lower() if isinstance(value, bool) else value}'"
    return "给这个值加引号"


def wrong_type(error: dict, model: type[BaseModel]) -> tuple[str, str]:
    kind, value = error["type"], error["input"]
    if value is None:
        return "没有填写", fill_in_hint(model, error["loc"])
    if kind == "model_type" and not error["loc"]:
        return f"文件应是一条记录（每行一个“名称: 值”），实际是{shown(value)}", "参照同一文件夹中的其他文件"
    return f"应为{EXPECTED[kind]}，实际是{shown(value)}", type_hint(kind, value)


def id_problem(value: str) -> str:
    wrong = dict.fromkeys(c for c in value if not re.fullmatch("[a-z0-9-]", c))
    if not value:
        return "不能为空"
    if wrong:
        names = "".join("“空格”" if c == " " else f"“{c}”" for c in wrong)
        return f"{shown(value)}中有不允许的字符{names}"
    return f"{shown(value)}的连字符不能在开头、结尾或连用"


def pattern_mismatch(error: dict, model: type[BaseModel]) -> tuple[str, str]:
    name = next((part for part in reversed(error["loc"]) if isinstance(part, str)), "")  # evidence[1] → evidence
    value, pattern = error["input"], (error.get("ctx") or {}).get("pattern")
    if pattern == ID_PATTERN:
        return f"格式不对：{id_problem(value)}", PATTERN_HINTS.get(name, ID_HINT)
    return f"格式不对：{shown(value)}", PATTERN_HINTS.get(name, "按字段说明的格式填写")


def missing(error: dict, model: type[BaseModel]) -> tuple[str, str]:
    name, description = error["loc"][-1], field_description(model, error["loc"])
    return "缺少必填字段", f"添加 {name}: …" + (f"（{description}）" if description else "")


def unknown_field(error: dict, model: type[BaseModel]) -> tuple[str, str]:
    close = closest_field(model, error["loc"])
    return "未知字段", f"是不是要写 {close}？" if close else "删除该字段，或查看编辑指南中允许的字段"


def not_allowed(error: dict, model: type[BaseModel]) -> tuple[str, str]:
    expected = "、".join(re.findall(r"'([^']*)'", str((error.get("ctx") or {}).get("expected", ""))))
    return f"{shown(error['input'])}不是允许的取值", f"应为以下之一：{expected}"


def too_short(error: dict, model: type[BaseModel]) -> tuple[str, str]:
    if error["input"] is None or error["input"] == "":
        return "不能为空", fill_in_hint(model, error["loc"])
    return f"至少需要 {error['ctx']['min_length']} 项", "补上缺少的条目"


def too_long(error: dict, model: type[BaseModel]) -> tuple[str, str]:
    """A text or a list over its limit (limits are in the field reference of the editors' guide)."""
    limit, value = error["ctx"]["max_length"], error["input"]
    if isinstance(value, str):
        return f"过长：{len(value)} 字，上限 {limit} 字", "删去多余的文字，检查是否误粘贴了大段内容；各字段的上限见编辑指南的字段参考"
    return f"最多 {limit} 项，实际 {len(value)} 项", "删去多余的条目"


HANDLERS = {
    "missing": missing,
    "extra_forbidden": unknown_field,
    "string_pattern_mismatch": pattern_mismatch,
    "literal_error": not_allowed,
    "string_too_short": too_short,
    "too_short": too_short,
    "too_long": too_long,
    "string_too_long": too_long,
    **dict.fromkeys(EXPECTED, wrong_type),
}


def message_for(error: dict, model: type[BaseModel]) -> tuple[str, str]:
    ctx = error.get("ctx") or {}
    if "hint" in ctx:  # a rule of the catalogue's own, already said in Chinese (see model.py)
        return error["msg"], ctx["hint"]
    handler = HANDLERS.get(error["type"])
    return handler(error, model) if handler else ("取值不正确", "按编辑指南的字段说明修改")


def typo_suggestions(errors: list[dict], model: type[BaseModel]) -> set[tuple]:
    """The fields an unknown field's name suggests: their 'missing' error would say the same twice."""
    suggested = set()
    for error in errors:
        close = closest_field(model, error["loc"]) if error["type"] == "extra_forbidden" else None
        if close:
            suggested.add((*error["loc"][:-1], close))
    return suggested


def problems_from_validation_error(
    error: ValidationError, loaded: Loaded, path: tuple, model: type[BaseModel]
) -> list[Problem]:
    errors = error.errors()
    covered = typo_suggestions(errors, model)
    problems = []
    for item in errors:
        loc = tuple(item["loc"])
        if item["type"] == "missing" and loc in covered:
            continue
        at = loaded.key_position((*path, *loc)) if item["type"] == "extra_forbidden" else loaded.position((*path, *loc))
        message, hint = message_for(item, model)
        problems.append(Problem(loaded.file, at.line, at.column, format_field(loc), message, hint))
    return problems
