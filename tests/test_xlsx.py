"""Workbooks written by ``reforms.site.xlsx`` read back with openpyxl, as a spreadsheet user would open them."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from reforms.site.xlsx import column_letters, workbook_bytes


def read(sheets):
    return load_workbook(io.BytesIO(workbook_bytes(sheets, "测试")))


def test_values_read_back_as_written():
    book = read([("措施 & <表>", ["标题", "举措数"], [["一照多址", 3], ["“双随机、一公开” <b>监管</b>", 0], ["", None]])])
    sheet = book["措施 & <表>"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["标题", "举措数"],
        ["一照多址", 3],
        ["“双随机、一公开” <b>监管</b>", 0],
    ]
    assert sheet["B2"].data_type == "n"
    assert book.properties.creator == "测试"


def test_header_is_bold_and_frozen():
    sheet = read([("表", ["甲", "乙"], [["1", "2"]])])["表"]
    assert all(cell.font.b for cell in sheet[1])
    assert not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"


def test_formula_like_text_stays_text_with_the_quote_prefix_style():
    sheet = read([("表", ["甲"], [["=1+1"], ["+86 023"], ["普通"]])])["表"]
    assert [(c.value, c.data_type, c.quotePrefix) for c in (sheet["A2"], sheet["A3"], sheet["A4"])] == [
        ("=1+1", "s", True),
        ("+86 023", "s", True),
        ("普通", "s", False),
    ]


def test_leading_and_trailing_spaces_are_kept():
    sheet = read([("表", ["甲"], [["  两头有空格  "]])])["表"]
    assert sheet["A2"].value == "  两头有空格  "


def test_many_sheets_and_columns():
    header = [f"列{n}" for n in range(30)]
    book = read([(f"表{n}", header, [list(range(30))]) for n in range(3)])
    assert book.sheetnames == ["表0", "表1", "表2"]
    assert book["表2"]["AD2"].value == 29
    assert [column_letters(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_same_content_same_bytes():
    sheets = [("表", ["甲"], [["一"]])]
    assert workbook_bytes(sheets, "测试") == workbook_bytes(sheets, "测试")
