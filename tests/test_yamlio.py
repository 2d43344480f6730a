"""Hand-edited YAML is read strictly: what PyYAML would accept silently is refused or kept as text."""

import pytest

from reforms.yamlio import YamlError, dump_yaml, parse_yaml


def test_yes_no_and_dates_stay_text():
    loaded = parse_yaml("a: yes\nb: off\nc: 2022-08-15\nd: true\ne: 3\n", "x.yml")
    assert loaded.data == {"a": "yes", "b": "off", "c": "2022-08-15", "d": True, "e": 3}


def test_positions_point_at_values():
    loaded = parse_yaml("id: x\nactions:\n  - text: 甲\n    lead: 乙\n", "x.yml")
    assert loaded.position(("actions", 0, "lead")).line == 4
    assert loaded.position(("actions", 0, "missing")).line == 3


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: 1\na: 2\n", 2, "字段 a 重复出现（第一次在第 1 行）"),
        ("a: !!python/object/apply:os.system [ls]\n", 1, "不支持的 YAML 标签 tag:yaml.org,2002:python/object/apply:os.system"),
        ("a: &x 1\nb: *x\n", 2, "不支持锚点引用 (*别名)"),
        ("", 1, "文件是空的"),
    ],
)
def test_refused(text, line, message):
    with pytest.raises(YamlError) as caught:
        parse_yaml(text, "x.yml")
    assert (caught.value.line, caught.value.message) == (line, message)


def test_dump_round_trips_chinese_without_escapes():
    data = {"title": "开展“一照多址”改革: 试点", "lines": ["a", "b"]}
    text = dump_yaml(data)
    assert "\\u" not in text
    assert parse_yaml(text, "x.yml").data == data
