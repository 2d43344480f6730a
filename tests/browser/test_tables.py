"""The sortable, filterable tables (docs/assets/reforms/tables.js), used as a reader would: click a
column's header, type into the filter box."""

import re

from playwright.sync_api import Page

BODY_ROWS = "article .reform-list table tbody tr"


def column_values(page: Page, table: str, column: int) -> list[str]:
    """Each row's sort key in ``column`` (0-based): the cell's ``data-sort`` if it has one, else its text."""
    return page.eval_on_selector(
        table,
        """(table, column) => Array.from(table.tBodies[0].rows, row => {
             const marked = row.cells[column].querySelector("[data-sort]");
             return marked ? marked.getAttribute("data-sort") : row.cells[column].textContent.trim();
           })""",
        column,
    )


def test_sorting_by_a_count_orders_rows_by_number_both_ways(visit):
    page = visit("departments/")
    table = "article .reform-list table >> nth=0"
    header = page.locator(table).locator("thead th", has_text="合计")
    column = header.evaluate("th => th.cellIndex")
    before = column_values(page, table, column)
    header.get_by_role("button").click()
    ascending = [int(v) for v in column_values(page, table, column)]
    assert ascending == sorted(ascending) and ascending != [int(v) for v in before]
    assert header.get_attribute("aria-sort") == "ascending"
    assert page.locator("article .reform-filter span").first.text_content() == "已按“合计”升序排列"
    header.get_by_role("button").click()
    assert [int(v) for v in column_values(page, table, column)] == sorted(ascending, reverse=True)
    assert header.get_attribute("aria-sort") == "descending"


def test_sorting_by_deadline_uses_the_month_not_the_text(visit):
    page = visit("districts/jiangjin/")
    table = "article .reform-list table >> nth=-1"
    header = page.locator(table).locator("thead th", has_text="时间节点")
    header.get_by_role("button").click()
    header.get_by_role("button").click()
    keys = column_values(page, table, 0)
    assert keys == sorted(keys, reverse=True)
    assert keys[0] == "9999" and keys[-1] == "0000"  # 长期 first, 已完成 last when descending
    assert page.locator(table).locator("thead th[aria-sort]").count() == 1


def test_filtering_keeps_the_rows_with_every_word(visit):
    page = visit("departments/yuzhong-cz/")
    rows = page.locator(BODY_ROWS)
    total = rows.count()
    box = page.get_by_role("searchbox", name="筛选下列表格")
    box.fill("采购")
    shown = visible_texts(page)
    assert 0 < len(shown) < total and all("采购" in text for text in shown)
    hidden = page.locator(BODY_ROWS + "[hidden]").all_text_contents()
    assert len(hidden) == total - len(shown) and not any("采购" in text for text in hidden)
    assert re.fullmatch(rf"显示 {len(shown)} / {total} 行", page.locator("article .reform-filter span").text_content())
    box.fill("采购 平台")
    narrower = visible_texts(page)
    assert 0 < len(narrower) < len(shown) and all("平台" in text for text in narrower)
    box.fill("")
    assert len(visible_texts(page)) == total


def visible_texts(page: Page) -> list[str]:
    return page.locator(BODY_ROWS + ":not([hidden])").all_text_contents()
