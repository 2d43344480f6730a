"""The editors' guide: its field reference is generated from the models and kept up to date."""

import re
from pathlib import Path

import yaml

from reforms.editors.fieldref import (
    CONTRIBUTING,
    END,
    KIND_NAMES,
    START,
    field_reference,
    with_field_reference,
)

CASES = Path(__file__).parent / "cases" / "invalid"


def reference_part(text: str) -> str:
    return text.split(START, 1)[1].split(END, 1)[0]


def test_the_field_reference_in_contributing_is_up_to_date():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    assert with_field_reference(text) == text, "运行 python build.py fieldref"


def test_every_field_of_every_model_has_a_row():
    part = reference_part(CONTRIBUTING.read_text(encoding="utf-8"))
    tables = re.split(r"^### ", part, flags=re.MULTILINE)[1:]
    assert len(tables) == len(KIND_NAMES)
    for model, name in KIND_NAMES.items():
        table = next(t for t in tables if t.startswith(name + "（"))
        rows = re.findall(r"^\| `([a-z_]+)` \|", table, flags=re.MULTILINE)
        assert rows == list(model.model_fields), model.__name__


def test_types_are_said_in_plain_chinese():
    reference = field_reference()
    types = re.findall(r"^\| `[a-z_]+` \| [^|]+ \| ([^|]+) \|", reference, flags=re.MULTILINE)
    assert len(types) > 50
    assert not [t for t in types if re.search(r"\b(str|int|bool|list|dict|None|Literal|Optional|Union)\b(?!-)|\[", t)]
    assert "| `group` | 可选，默认 false | true 或 false |" in reference
    assert "| `date` | 可选 | 日期，写成 YYYY-MM-DD |" in reference


def test_the_example_messages_are_real():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    examples = [line for line in text.split("例如：", 1)[1].split("```")[1].splitlines() if line.startswith("catalogue/")]
    expected = {line for case in CASES.glob("*.yml") for line in yaml.safe_load(case.read_text(encoding="utf-8"))["expected"]}
    assert examples and set(examples) <= expected


def test_every_text_and_list_has_a_limit():
    """A new field without a limit would let one pull request make the build slow or huge."""
    rows = re.findall(r"^\| `([a-z_]+)` \| [^|]+ \| ([^|]+) \|", field_reference(), flags=re.MULTILINE)
    unlimited = [(name, kind) for name, kind in rows if not re.search("最多|恰好|^以下之一|^true 或 false|^日期", kind)]
    assert unlimited == []
