"""Hand-edited YAML is read strictly: what PyYAML would accept silently is refused or kept as text."""

import re

import pytest

from reforms.catalogue.rawtext import decode_text
from reforms.catalogue.yamlio import MAX_DEPTH, Position, Problem, YamlError, dump_yaml, parse_yaml


def test_yes_no_and_dates_stay_text():
    loaded = parse_yaml("a: yes\nb: off\nc: 2022-08-15\nd: true\ne: 3\n", "x.yml")
    assert loaded.data == {"a": "yes", "b": "off", "c": "2022-08-15", "d": True, "e": 3}


def test_positions_point_at_values():
    loaded = parse_yaml("id: x\nactions:\n  - text: 甲\n    lead: 乙\n", "x.yml")
    assert loaded.position(("actions", 0, "lead")).line == 4
    assert loaded.position(("actions", 0, "missing")).line == 3


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        ("a: 1\na: 2\n", 2, ("a",), "字段重复出现（第一次在第 1 行）"),
        ("a: !!python/object/apply:os.system [ls]\n", 1, ("a",), "不支持 YAML 标签 !!python/object/apply:os.system（目录数据只用文字、数字、列表和字段）"),
        ("a: &x 1\nb: *x\n", 2, ("b",), "不支持锚点引用（*x）"),
        ("a:\n  - &x [哈, 哈]\n  - [*x, *x]\n", 3, ("a", 1, 0), "不支持锚点引用（*x）"),
        ("<<: {a: 1}\n", 1, (), "不支持合并键 <<"),
        ("", 1, (), "文件是空的"),
        ("# 只有注释\n", 1, (), "文件是空的"),
        ("a: 1\n\x01", 2, (), "这里有 YAML 不允许的字符"),
        ("a: 1\n---\nb: 2\n", 2, (), "YAML 语法错误：文件里有不止一个 YAML 文档（多了一行 ---）"),
    ],
)
def test_refused(text, line, field, message):
    with pytest.raises(YamlError) as caught:
        parse_yaml(text, "x.yml")
    assert (caught.value.line, caught.value.path, caught.value.message) == (line, field, message)


def nested(depth: int, block: bool) -> str:
    """A field nesting ``depth`` lists, written in brackets or as block lists (``- - - x``)."""
    return "a:\n  " + "- " * depth + "x\n" if block else "a: " + "[" * depth + "]" * depth + "\n"


@pytest.mark.parametrize("block", [False, True])
@pytest.mark.parametrize("depth", [MAX_DEPTH - 1, MAX_DEPTH, 1000, 100_000])
def test_nesting_is_refused_below_the_limit_whichever_way_the_file_is_read(depth, block):
    """libyaml reads a file with few enough brackets and dashes; other files go the slow way, with no
    recursion to overflow: both refuse nesting past the limit alike."""
    text = nested(depth, block)
    if depth < MAX_DEPTH:  # the field's mapping is one level more
        assert parse_yaml(text, "x.yml").position(("a",) + (0,) * (depth - 1)).line == (2 if block else 1)
        return
    with pytest.raises(YamlError) as caught:
        parse_yaml(text, "x.yml")
    assert caught.value.message == f"列表和字段嵌套过深（超过 {MAX_DEPTH} 层）"
    assert caught.value.line == (2 if block else 1)


@pytest.mark.parametrize(
    ("raw", "line", "column", "message"),
    [
        ("a: 1\nb: 渝中\n".encode("gbk"), 2, 4, "文件不是 UTF-8 编码（看起来是 GBK/GB18030 编码，常见于 Windows 记事本或 WPS 另存的文件）"),
        ("\ufeffa: 1\n".encode(), 1, 1, "文件以 BOM（字节顺序标记）开头"),
        (b"a: 1\rb: 2\n", 1, 5, "这里有单独的回车符（CR），不是换行"),
        ("a: 渝中\u2028区\n".encode(), 1, 6, "这里有看不见的字符 U+2028（行分隔符）"),
        (b"a:\n \t- x\n", 2, 2, "缩进里有制表符 (Tab)"),
        (b"# x\n" * 300_000, 1, 1, "文件过大（1,200,000 字节，这类文件的上限是 1,000,000 字节）"),
    ],
)
def test_refused_bytes(raw, line, column, message):
    with pytest.raises(YamlError) as caught:
        decode_text(raw)
    assert (caught.value.line, caught.value.column, caught.value.message) == (line, column, message)


def test_windows_line_endings_are_read_like_unix_ones():
    text = decode_text(b"id: x\r\nactions:\r\n  - text: \xe7\x94\xb2\r\n")
    loaded = parse_yaml(text, "x.yml")
    assert loaded.data == {"id": "x", "actions": [{"text": "甲"}]}
    assert loaded.position(("actions", 0, "text")) == Position(3, 11)


def test_no_pyyaml_message_reaches_an_editor():
    for text in ("a: @b\n", "a: [b\n", "a: \"\\q\"\n", "a:\n  b: 1\n c: 2\n", "a: !x!y z\n", "a: b: c\n"):
        with pytest.raises(YamlError) as caught:
            parse_yaml(text, "x.yml")
        said = (caught.value.message + caught.value.hint).replace("YAML", "")
        assert not re.search("[A-Za-z]{4,}", said), text


def test_dump_round_trips_chinese_without_escapes():
    data = {"title": "开展“一照多址”改革: 试点", "lines": ["a", "b"]}
    text = dump_yaml(data)
    assert "\\u" not in text
    assert parse_yaml(text, "x.yml").data == data


def test_a_problem_is_one_line_whatever_its_file_name_holds():
    problem = Problem("catalogue/a\n::error::b\x1b[2J.yml", 1, 1, "", "目录不读取这个文件", "删除它")
    assert problem.format() == "catalogue/a\\x0a::error::b\\x1b[2J.yml:1:1: 目录不读取这个文件 —— 删除它"
