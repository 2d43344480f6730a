"""Table captions, header scopes and cell labels (reforms.site.table_markup), and the page checks
that fail the build when a table has no caption or a heading skips a level (reforms.site.page_checks)."""

import xml.etree.ElementTree as ET

from test_escaping import to_html

from reforms.site.escape import md_cell, md_inline
from reforms.site.page_checks import page_problems, skipped_headings, tables_without_caption

TABLE = "| 序号 | 措施 | 时间 |\n|---|---|--:|\n| 1 | [开办](x.md) | 2022年5月 |\n| 2 | 登记 | — |\n"


def parse(markdown: str) -> ET.Element:
    return ET.fromstring(f"<div>{to_html(markdown)}</div>")


def captioned(caption: str, attributes: str = "") -> str:
    return f"{caption}\n{{: .reform-caption {attributes}}}\n\n{TABLE}"


def test_the_marked_paragraph_becomes_the_caption():
    root = parse(captioned("各月份的举措数"))
    table = root.find("table")
    assert table[0].tag == "caption" and table[0].text == "各月份的举措数"
    assert root.find("p") is None  # moved, not copied


def test_column_headers_have_scope_and_the_first_column_heads_its_row():
    table = parse(captioned("标题")).find("table")
    assert [th.get("scope") for th in table.iterfind("thead/tr/th")] == ["col", "col", "col"]
    rows = table.findall("tbody/tr")
    assert [[cell.tag for cell in row] for row in rows] == [["th", "td", "td"], ["th", "td", "td"]]
    assert rows[0][0].get("scope") == "row"
    assert rows[0][2].get("style") == "text-align: right;"  # alignment kept


def test_the_caption_can_name_another_row_header_column_or_none():
    second = parse(captioned("标题", 'data-row-header="2"')).find("table/tbody/tr")
    assert [cell.tag for cell in second] == ["td", "th", "td"]
    none = parse(captioned("标题", 'data-row-header="0"')).find("table/tbody/tr")
    assert [cell.tag for cell in none] == ["td", "td", "td"]


def test_each_body_cell_carries_its_column_name_as_read():
    header = "<b>部门</b> " + str(md_inline("A*B & C"))
    table = parse(f"标题\n{{: .reform-caption }}\n\n| {header} | 数 |\n|---|---|\n| {md_cell('x')} | 1 |\n").find("table")
    assert [cell.get("data-label") for cell in table.find("tbody/tr")] == ["部门 A*B & C", "数"]


def test_a_label_that_looks_like_a_reference_is_shown_as_written():
    header = md_inline("&lt;b&gt; &amp; &#60;")  # what the editor typed, shown so in the header
    html = to_html(f"标题\n{{: .reform-caption }}\n\n| {header} |\n|---|\n| 1 |\n")
    table = ET.fromstring(f"<div>{html}</div>").find("table")
    assert "".join(table.find("thead/tr/th").itertext()) == "&lt;b&gt; &amp; &#60;"
    assert table.find("tbody/tr/th").get("data-label") == "&lt;b&gt; &amp; &#60;"


def test_a_table_without_marker_gets_scopes_but_no_caption_and_is_reported():
    html = to_html("正文\n\n" + TABLE)
    assert 'scope="col"' in html and "<caption" not in html
    assert tables_without_caption(html) == 1
    assert "1 个表格没有标题" in page_problems(html)[0]
    assert tables_without_caption(to_html(captioned("标题"))) == 0


def test_headings_must_not_skip_a_level():
    assert skipped_headings("<h1>页</h1><h2>节</h2><h3>小节</h3><h2>节</h2>") == []
    assert skipped_headings('<h1>页</h1><h3 id="x">跳过 <em>h2</em></h3>') == ["h1 → h3 跳过 h2"]
    assert page_problems("<h1>页</h1><h2>节</h2><h4>四</h4>") == ["标题跳级：h2 → h4 四 —— 标题应逐级递进"]


def test_a_column_with_nothing_in_it_is_left_out():
    markdown = "标题\n{: .reform-caption data-row-header=\"2\" }\n\n| 序号 | 措施 | 时间 |\n|---|---|---|\n| — | 开办 | — |\n|  | 登记 | 2022年 |\n"
    table = parse(markdown).find("table")
    assert [th.text for th in table.iterfind("thead/tr/th")] == ["措施", "时间"]
    rows = table.findall("tbody/tr")
    assert [[cell.tag for cell in row] for row in rows] == [["th", "td"], ["th", "td"]]  # the row header moved with it
    assert [cell.get("data-label") for cell in rows[1]] == ["措施", "时间"]


def test_a_column_with_one_value_stays():
    table = parse(captioned("标题")).find("table")
    assert [th.text for th in table.iterfind("thead/tr/th")] == ["序号", "措施", "时间"]
