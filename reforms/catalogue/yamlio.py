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
from typing import NamedTuple

import yaml

from reforms.catalogue.rawtext import INVISIBLE, INVISIBLE_NAMES, MAX_FILE_BYTES, decode_text, line_and_column
from reforms.catalogue.yaml_errors import YamlError, syntax_error, tag_as_written

Path_ = tuple[str | int, ...]

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "false": False, "True": True, "False": False, "TRUE": True, "FALSE": False}
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_ALIAS = "alias placeholder"  # the tag of an alias's stand-in; no YAML tag contains a space
MAX_DEPTH = 20  # lists and fields nested in each other; the catalogue needs 5
# What an escape in quotes ("\x1f", "\u200b", "\ud800") can put in a value that the raw text check
# (rawtext) cannot see: control characters other than tab and newline, invisible ones, and
# lone surrogates, which no file can be written with.
_HIDDEN_IN_VALUE = re.compile(f"{INVISIBLE.pattern[:-1]}\r\ud800-\udfff]")
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


class Position(NamedTuple):  # a tuple: made for every value of every file, three times faster than a dataclass
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
        """One line, whatever a file name or a quoted value holds (see ``visible``)."""
        where = f"{self.file}:{self.line}:{self.column}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return visible(f"{where}: {what}" + (f" —— {self.hint}" if self.hint else ""))


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def visible(text: str) -> str:
    """``text`` with control characters written as escapes (``\\x1b``): a file name or value quoted in a
    message can neither break its line nor send a terminal or CI log a command."""
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


@dataclass
class Loaded:
    """A parsed YAML file with the position of each value, keyed by its path."""

    file: str
    data: object
    positions: dict[Path_, Position] = field(default_factory=dict)
    key_positions: dict[Path_, Position] = field(default_factory=dict)  # where each field's name is written

    def position(self, path: Path_) -> Position:
        """The position of the value at ``path``, or of its nearest existing parent."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Position(1, 1))

    def key_position(self, path: Path_) -> Position:
        """Where the name of the field at ``path`` is written (for unknown fields), else its value."""
        return self.key_positions.get(tuple(path)) or self.position(path)


def format_field(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _position(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _at(node: yaml.Node) -> tuple[int, int]:
    pos = _position(node)
    return pos.line, pos.column


def _refuse_tag(node: yaml.Node, path: Path_) -> None:
    if node.tag == _ALIAS:
        raise YamlError(*_at(node), f"不支持锚点引用（*{node.value}）", "把被引用的内容直接写出来", path)
    tag = tag_as_written(node.tag)
    raise YamlError(*_at(node), f"不支持 YAML 标签 {tag}（目录数据只用文字、数字、列表和字段）", f"删除 {tag}，只写值本身", path)


def _refuse_hidden(node: yaml.ScalarNode, path: Path_) -> None:
    found = _HIDDEN_IN_VALUE.search(node.value)
    if found:
        char = found.group()
        name = {"\r": "回车符"}.get(char) or INVISIBLE_NAMES.get(char) or ("单独的代理码，不是字符" if "\ud800" <= char <= "\udfff" else "控制字符")
        raise YamlError(
            *_at(node), f"文字的第 {found.start() + 1} 个字符是看不见的字符 U+{ord(char):04X}（{name}）",
            "删除它：多半是引号里写了 \\x、\\u 这样的转义，或从 PDF、网页复制时带进来的", path,
        )


def _scalar(node: yaml.ScalarNode, path: Path_) -> object:
    if node.tag not in _STANDARD_TAGS and node.tag != "!":
        _refuse_tag(node, path)
    if node.style == '"':  # only an escape can put such a character in a value: read_yaml refuses them in the text
        _refuse_hidden(node, path)
    value = node.value
    if node.style or node.tag in ("!", _STR):  # quoted, block or explicit text (plain: None, or "" from libyaml)
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


def _construct(node: yaml.Node, path: Path_, loaded: Loaded) -> object:
    loaded.positions[path] = _position(node)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, path)
    if node.tag not in _STANDARD_TAGS:
        _refuse_tag(node, path)
    if len(path) >= MAX_DEPTH:  # this collection is one level deeper than its path
        raise _TooDeep
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*path, i), loaded) for i, item in enumerate(node.value)]
    result: dict[str, object] = {}
    for key_node, value_node in node.value:
        key = _key(key_node, path, loaded)
        loaded.key_positions[(*path, key)] = _position(key_node)
        result[key] = _construct(value_node, (*path, key), loaded)
    return result


def _key(node: yaml.Node, path: Path_, loaded: Loaded) -> str:
    if node.tag == _MERGE or node.value == "<<":
        raise YamlError(*_at(node), "不支持合并键 <<", "把要复用的字段直接写出来", path)
    if node.tag not in _STANDARD_TAGS and node.tag != "!":
        _refuse_tag(node, path)
    if not isinstance(node, yaml.ScalarNode):
        raise YamlError(*_at(node), "字段名必须是简单的文字", "把字段名写成 名称: 值 的形式", path)
    first = loaded.key_positions.get((*path, node.value))
    if first is not None:
        raise YamlError(
            *_at(node), f"字段重复出现（第一次在第 {first.line} 行）", "删除其中一个，只保留正确的那个",
            (*path, node.value),
        )
    return node.value


class _NoAliasComposer(yaml.SafeLoader):
    """Composes an alias as a placeholder, refused where it stands: no alias is ever expanded."""

    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            return yaml.ScalarNode(_ALIAS, event.anchor, event.start_mark, event.end_mark)
        return super().compose_node(parent, index)


def check_depth(text: str) -> None:
    """Refuse deep nesting before composing, which recurses once per level (RecursionError at a few hundred)."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(
                    *_at(event), f"列表和字段嵌套过深（超过 {MAX_DEPTH} 层）",
                    "目录数据最多嵌套几层：检查缩进和方括号、花括号是否成对",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


# Every collection YAML nests opens with one of these characters (a block list's ``-``, a field's ``:``
# or ``?``, a bracket): a text holding at most this many of them cannot nest deeper, and libyaml's
# composer, which recurses once per level without Python's limit, is safe with it.
_OPENERS = "-:?[{"
_FAST_OPENERS = 2000


class _TooDeep(Exception):
    """Found while constructing what libyaml composed: nesting deeper than ``MAX_DEPTH``."""


def compose_fast(text: str) -> yaml.Node | None:
    """The document composed by libyaml, several times faster than PyYAML's own parser, when it
    cannot hold what needs a precise message (an alias: no ``&`` anchor to refer to; a syntax error;
    no document) nor nest deep enough to matter (``_FAST_OPENERS``); None otherwise, and
    ``parse_yaml`` goes the slow way, which says exactly what is wrong. Nesting deeper than
    ``MAX_DEPTH`` is found while constructing (``_TooDeep``), and the slow way then names the depth,
    though a problem met earlier in the file (a repeated field, a tag) is named first.
    A file with more than ``_FAST_OPENERS`` dashes and colons (a long list) is read the slow way."""
    if not yaml.__with_libyaml__ or "&" in text or sum(map(text.count, _OPENERS)) > _FAST_OPENERS:
        return None
    try:
        return yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None


def parse_yaml(text: str, file: str) -> Loaded:
    """Parse one YAML document, raising :class:`YamlError` with a Chinese message. ``text`` is as
    ``rawtext.decode_text`` gives it: invisible characters in it are refused there, not here
    (only those an escape puts in a double-quoted value are)."""
    node = compose_fast(text)
    if node is not None:
        loaded = Loaded(file=file, data=None)
        try:
            loaded.data = _construct(node, (), loaded)
            return loaded
        except _TooDeep:
            pass
    try:
        check_depth(text)
        node = yaml.compose(text, Loader=_NoAliasComposer)
    except yaml.MarkedYAMLError as error:
        raise syntax_error(error) from None
    except yaml.reader.ReaderError as error:  # read_yaml names these characters before parsing
        raise YamlError(*line_and_column(text, error.position), "这里有 YAML 不允许的字符", "删除这个字符") from None
    if node is None:
        raise YamlError(1, 1, "文件是空的", "按编辑指南填写字段，或删除这个文件")
    loaded = Loaded(file=file, data=None)
    loaded.data = _construct(node, (), loaded)
    return loaded


def read_yaml(path: Path, display: str, max_bytes: int = MAX_FILE_BYTES) -> Loaded:
    """Read and parse a YAML file from disk, checking size, bytes and encoding first."""
    return parse_yaml(decode_text(path.read_bytes(), max_bytes), display)


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
