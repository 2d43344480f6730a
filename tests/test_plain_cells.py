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


def test_a_raw_html_table_s_cells_are_left_as_written():
    text = '<table markdown="1"><tr><td>[x](/a/index.md)</td><td>2022年底前</td></tr></table>'
    assert html(text, plain_cells=True) == html(text, plain_cells=False)
    assert "<a " not in html(text, plain_cells=True)


def test_with_another_extension_every_cell_is_left_to_python_markdown():
    cell = "[一个 -- 链接](/a/index.md)"  # smarty writes the dashes as &ndash;
    names, configs = site_extensions()
    with_smarty = markdown.markdown(table([cell]), extensions=[*names, "smarty"], extension_configs=configs)
    without = markdown.markdown(table([cell]), extensions=[n for n in names if n != "reforms.site.plain_cells"] + ["smarty"], extension_configs=configs)
    assert with_smarty == without and "&ndash;" in with_smarty


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

    names, configs = site_extensions()
    md = markdown.Markdown(extensions=[n for n in names if n != "reforms.site.plain_cells"], extension_configs=configs)
    md.treeprocessors.register(Look(md), "reform_plain_cells", 25)  # in its place
    md.convert(table(["2022年底前", "[12 实施](/m/index.md)", "**加粗**", "[*强调*](/m/index.md)"]))
    assert seen == {"甲": True, "2022年底前": True, "12 实施": True, "**加粗**": False, "[*强调*](/m/index.md)": False}


def test_mkdocs_renders_a_page_with_it_at_work(tmp_path, monkeypatch):
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from reforms.site import plain_cells

    made = []
    monkeypatch.setattr(plain_cells, "make_plain", lambda cell, make=plain_cells.make_plain: made.append(cell.text) or make(cell))
    names, configs = site_extensions()
    assert "reforms.site.plain_cells" in names
    config = MkDocsConfig()
    config.load_dict({"site_name": "测试", "docs_dir": str(tmp_path), "markdown_extensions": [{n: configs.get(n, {})} for n in names]})
    assert config.validate() == ([], [])
    (tmp_path / "index.md").write_text(table(["2022年底前"]), encoding="utf-8")
    file = File("index.md", str(tmp_path), str(tmp_path / "site"), use_directory_urls=True)
    page = Page(None, file, config)
    page.read_source(config)
    page.render(config, Files([file]))
    assert "2022年底前" in made and ">2022年底前</th>" in page.content
