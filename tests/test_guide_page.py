"""The editors' guide as a site page: CONTRIBUTING.md with captions and a fresh field reference."""

import markdown

from reforms.editors.fieldref import KIND_NAMES
from reforms.site.guide import CAPTION_MARK, guide_markdown, with_captions
from reforms.site.page_checks import page_problems


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html", "reforms.site.table_markup"])


def test_the_guide_page_passes_the_site_checks_and_lists_every_field():
    html = to_html(guide_markdown())
    assert page_problems(html) == []
    assert html.count("<caption>") == html.count("<table>") == len(KIND_NAMES) + 2  # the fields, 常见问题, 实施状态的取值
    for model in KIND_NAMES:
        assert all(f"<code>{name}</code>" in html for name in model.model_fields), model.__name__


def test_a_table_is_captioned_by_its_introduction_or_else_its_heading():
    lines = ["## 校验", "", "常见问题：", "", "| a | b |", "|---|---|", "| 1 | 2 |", "", "### 字段", "", "| c |", "|---|"]
    assert with_captions(lines) == [
        "## 校验", "", "常见问题", CAPTION_MARK, "", "| a | b |", "|---|---|", "| 1 | 2 |",
        "", "### 字段", "", "字段", CAPTION_MARK, "", "| c |", "|---|",
    ]


def test_code_blocks_are_left_alone():
    lines = ["## 例", "", "```", "| not a table |", "```"]
    assert with_captions(lines) == lines
