"""Cells that need no inline Markdown (reforms.site.plain_cells): made at once, and exactly as
Python-Markdown's inline pass makes them; every other cell left to that pass."""

import markdown
import pytest
from markdown.util import AtomicString
from test_escaping import site_extensions

from reforms.site.escape import md_cell, md_inline
from reforms.site.plain_cells import PlainCells

CELLS = [
    "—",
    "2022年底前",
    "（一）深化“放管服”改革 (试行)",
    "[12 实施“一照多址”改革](/measures/yz2022-list-012/index.md)",
    "[重庆市市场监督管理局](/departments/chongqing-scjg/index.md)",
    "[A&B 改革](/measures/a/index.md)",
    "[*强调*](/measures/a/index.md)",
    "[两个](/a/index.md)、[链接](/b/index.md)",
    "[带标题](/a/index.md \"标题\")",
    "[空格](<a b.md>)",
    "**加粗**",
    "a_b_c",
    "`代码`",
    "&lt;script&gt;",
    "&amp; &#38; 与",
    "<b>标签</b>",
    "文字 {: .x }",
    "\u3000全角空格\u3000",
    md_cell("编者写的 | 竖线 * 星号 _ 下划线 <b>"),
    f"[{md_inline('标题里的 [方括号] 和 *星号*')}](/measures/a/index.md)",
]


def html(text: str, plain_cells: bool) -> str:
    names, configs = site_extensions()
    names = [n for n in names if n != "reforms.site.plain_cells" or plain_cells]
    return markdown.markdown(text, extensions=names, extension_configs=configs)


def table(cells: list[str]) -> str:
    rows = "".join(f"| {cell} | x |\n" for cell in cells)
    return f"表\n{{: .reform-caption }}\n\n| 甲 | 乙 |\n|---|---|\n{rows}"


@pytest.mark.parametrize("cell", CELLS)
def test_each_cell_reads_as_python_markdown_alone_writes_it(cell):
    assert html(table([cell]), plain_cells=True) == html(table([cell]), plain_cells=False)


def test_a_long_table_reads_the_same():
    text = table(CELLS * 20)
    assert html(text, plain_cells=True) == html(text, plain_cells=False)


def test_plain_text_and_a_plain_link_are_made_before_the_inline_pass():
    seen = {}

    class Look(PlainCells):
        def run(self, root):
            super().run(root)
            for row in root.iter("tr"):
                cell = row[0]
                seen[cell.text or cell[0].text] = isinstance(cell.text, AtomicString) or (len(cell) == 1 and isinstance(cell[0].text, AtomicString))

    md = markdown.Markdown(extensions=["tables"])
    md.treeprocessors.register(Look(md), "look", 25)
    md.convert(table(["2022年底前", "[12 实施](/m/index.md)", "**加粗**", "[*强调*](/m/index.md)"]))
    assert seen == {"甲": True, "2022年底前": True, "12 实施": True, "**加粗**": False, "[*强调*](/m/index.md)": False}


def test_the_site_uses_it():
    names, _ = site_extensions()
    assert "reforms.site.plain_cells" in names
