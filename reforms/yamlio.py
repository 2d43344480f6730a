"""Reading and writing hand-edited YAML.

Reading keeps the position of every value so that a problem maps back to ``file:line:col``,
and refuses what PyYAML would otherwise accept silently: duplicate keys, ``yes``/``no``
booleans, dates turned into objects, tags that construct objects, aliases. Scalars come back
as ``str``, ``int``, ``float``, ``bool`` (only ``true``/``false``) or ``None``.

Writing is byte-stable: keys in the model's order, no line wrapping, UTF-8.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

Path_ = tuple[str | int, ...]

MAX_FILE_BYTES = 1_000_000

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "false": False, "True": True, "False": False, "TRUE": True, "FALSE": False}
_STR = "tag:yaml.org,2002:str"
_STANDARD_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
}


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Problem:
    """Something wrong in a file, located as precisely as we can."""

    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, self.field, self.message)

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {what}" + (f" —— {self.hint}" if self.hint else "")


@dataclass
class Loaded:
    """A parsed YAML file with the position of each value, keyed by its path."""

    file: str
    data: object
    positions: dict[Path_, Position] = field(default_factory=dict)

    def position(self, path: Path_) -> Position:
        """The position of the value at ``path``, or of its nearest existing parent."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Position(1, 1))


def format_field(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class YamlError(Exception):
    def __init__(self, line: int, column: int, message: str, hint: str = ""):
        super().__init__(message)
        self.line, self.column, self.message, self.hint = line, column, message, hint


def _position(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _scalar(node: yaml.ScalarNode) -> object:
    if node.tag not in _STANDARD_TAGS and node.tag != "!":
        raise YamlError(*_at(node), f"不支持的 YAML 标签 {node.tag}", "删除该标签，直接写值")
    value = node.value
    if node.style is not None or node.tag in ("!", _STR):  # quoted, block or explicit text
        return value
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value) and any(c.isdigit() for c in value):
        return float(value)
    return value  # yes/no/on/off and dates stay text


def _at(node: yaml.Node) -> tuple[int, int]:
    pos = _position(node)
    return pos.line, pos.column


def _construct(node: yaml.Node, path: Path_, positions: dict[Path_, Position]) -> object:
    positions[path] = _position(node)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if node.tag not in _STANDARD_TAGS:
        raise YamlError(*_at(node), f"不支持的 YAML 标签 {node.tag}", "删除该标签，直接写值")
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*path, i), positions) for i, item in enumerate(node.value)]
    result: dict[str, object] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise YamlError(*_at(key_node), "字段名必须是简单的文字", "把字段名写成 名称: 值 的形式")
        if key_node.value == "<<":
            raise YamlError(*_at(key_node), "不支持合并键 <<", "把要复用的字段直接写出来")
        key = key_node.value
        if key in result:
            first = positions[(*path, key)]
            raise YamlError(
                *_at(key_node),
                f"字段 {key} 重复出现（第一次在第 {first.line} 行）",
                "删除其中一个，只保留正确的那个",
            )
        positions[(*path, key)] = _position(value_node)
        result[key] = _construct(value_node, (*path, key), positions)
    return result


class _NoAliasComposer(yaml.SafeLoader):
    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            mark = event.start_mark
            raise YamlError(mark.line + 1, mark.column + 1, "不支持锚点引用 (*别名)", "把被引用的内容直接写出来")
        return super().compose_node(parent, index)


_SYNTAX_PROBLEMS = {
    "found unexpected end of stream": "文件在引号或括号闭合之前就结束了",
    "mapping values are not allowed here": "这里不能出现“: ”（文字中含冒号时请给整段文字加引号）",
    "could not find expected ':'": "缺少“: ”，或上一行的引号没有闭合",
    "found character '\\t' that cannot start any token": "这里有制表符 (Tab)",
    "did not find expected key": "缩进不一致，或多了一个不成对的引号",
    "did not find expected '-' indicator": "列表项的缩进不一致",
}


def syntax_problem(error: yaml.MarkedYAMLError) -> str:
    detail = str(error.problem or error.context or "")
    return _SYNTAX_PROBLEMS.get(detail, f"无法解析（{detail}）")


def parse_yaml(text: str, file: str) -> Loaded:
    """Parse one YAML document, raising :class:`YamlError` with a Chinese message."""
    try:
        node = yaml.compose(text, Loader=_NoAliasComposer)
    except YamlError:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.context_mark or error.problem_mark  # where the unclosed quote or bracket began
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlError(
            line, column, f"YAML 语法错误：{syntax_problem(error)}", "检查缩进、冒号后的空格和引号是否成对"
        ) from None
    if node is None:
        raise YamlError(1, 1, "文件是空的", "按编辑指南填写字段，或删除这个文件")
    positions: dict[Path_, Position] = {}
    data = _construct(node, (), positions)
    return Loaded(file=file, data=data, positions=positions)


def read_yaml(path: Path, display: str) -> Loaded:
    """Read and parse a YAML file from disk, checking bytes and encoding first."""
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(1, 1, f"文件过大（{len(raw)} 字节，上限 {MAX_FILE_BYTES}）", "一个文件只放一条记录")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise YamlError(1, 1, "文件以 BOM（字节顺序标记）开头", "用 UTF-8（无 BOM）重新保存文件")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlError(line, 1, "文件不是 UTF-8 编码", "用 UTF-8 编码重新保存文件") from None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            line = text[: text.index("\r")].count("\n") + 1
            raise YamlError(line, 1, "文件含有单独的回车符", "用 LF 或 CRLF 换行重新保存文件")
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            raise YamlError(number, len(line) - len(stripped) + 1, "缩进里有制表符 (Tab)", "YAML 只能用空格缩进")
    return parse_yaml(text, display)


class _Dumper(yaml.SafeDumper):
    pass


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def dump_yaml(data: object) -> str:
    """YAML text for ``data``: keys in insertion order, no wrapping, Unicode as is."""
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6, default_flow_style=False
    )
