"""Each escaping filter, alone and through the real Markdown the site uses: editor text stays text."""

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from mkdocs.utils.yaml import yaml_load

from reforms.site.downloads import cell_value
from reforms.site.escape import (
    FORMULA_STARTS,
    formula_like,
    html_attr,
    html_pre,
    inert_cell,
    md_cell,
    md_inline,
    md_paragraphs,
    md_quote,
    require_escaped,
    trusted,
)
from reforms.site.render import environment

ROOT = Path(__file__).parent.parent
NASTY = "<script>alert(1)</script> **粗体** [链接](http://x) | 竖线 _x_ `code` {: .c} ==m== ~~d~~ &amp; \\*"


def site_extensions() -> list:
    """The Markdown extensions of mkdocs.yml, configured as there."""
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))  # MkDocs' loader: !ENV
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            configs[name] = options
    return names, configs


def to_html(text: str) -> str:
    names, configs = site_extensions()
    return markdown.markdown(text, extensions=names, extension_configs=configs)


class _Text(HTMLParser):
    """Visible text of an HTML fragment (``<br>`` as a newline), and the tags met."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)
        if tag == "br":
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def parse(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser


def visible(html: str) -> str:
    return "".join(parse(html).parts).strip()


def normalised(text: str) -> str:
    """What a reader sees of ``text``: control characters gone, blank lines and runs of spaces folded."""
    lines = ("".join(c for c in line if c == "\t" or c.isprintable()) for line in text.splitlines())
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


# --- md_inline -------------------------------------------------------------------------------------


def test_md_inline_shows_markup_as_text():
    html = to_html(f"前 {md_inline(NASTY)} 后")
    assert parse(html).tags == ["p"]
    assert visible(html) == f"前 {NASTY} 后"


def test_md_inline_joins_lines_with_breaks_and_drops_placeholder_characters():
    value = "第一行\n\n  第二行 \x02wzxhzdk:0\x03"
    assert md_inline(value) == Markup("第一行<br>第二行 wzxhzdk&#58;0")


def test_md_inline_in_a_heading_and_a_link_text():
    html = to_html(f"## {md_inline('# 标题 ##')}\n\n[{md_inline('[x](y)')}](target.md)")
    text = parse(html)
    assert text.tags == ["h2", "p", "a"]
    assert ("href", "target.md") in text.attrs
    assert visible(html) == "# 标题 ##\n[x](y)"


def test_md_inline_at_the_start_of_a_line_starts_no_block():
    for start in ("# 不是标题", "- 不是列表", "1. 不是列表", "> 不是引用", "    不是代码", "=== 不是", "---"):
        html = to_html(str(md_inline(start)))
        assert parse(html).tags == ["p"], start
        assert visible(html) == start.strip()


@settings(deadline=None)  # a correctness property; timing belongs to the benchmarks
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
def test_md_inline_round_trips_any_text(value):
    html = to_html(f"x{md_inline(value)}x")
    assert set(parse(html).tags) <= {"p", "br"}
    assert normalised(visible(html)[1:-1]) == normalised(value)


# --- md_cell ---------------------------------------------------------------------------------------


def test_md_cell_keeps_a_table_row_to_its_columns():
    value = "a | b\nc **d**"
    html = to_html(f"| 一 | 二 |\n|---|---|\n| {md_cell(value)} | 尾 |\n")
    body = parse(html).tags[parse(html).tags.index("tbody") :]
    assert body.count("td") + body.count("th") == 2  # the first cell is the row's header (table_markup)
    assert "a | b\nc **d**" in visible(html)


def test_md_cell_of_nothing_is_a_dash():
    assert md_cell(None) == md_cell("") == md_cell(" \n ") == Markup("—")


# --- md_paragraphs and md_quote --------------------------------------------------------------------


def test_md_paragraphs_one_paragraph_per_line():
    html = to_html(md_paragraphs("一、总体要求 *\n\n    缩进的第二段 <b>"))
    assert parse(html).tags == ["p", "p"]
    assert visible(html).split("\n") == ["一、总体要求 *", "缩进的第二段 <b>"]


def test_md_quote_is_one_block_quote():
    html = to_html(md_quote("市级任务 [x](y)\n第二行 |"))
    assert parse(html).tags == ["blockquote", "p", "p"]
    assert visible(html).split() == ["市级任务", "[x](y)", "第二行", "|"]


# --- html_pre and html_attr ------------------------------------------------------------------------


def test_html_pre_keeps_lines_and_shows_markup():
    source = "1\t<b>加粗</b> **x**\n\n  缩进 </pre> [a](b)"
    html = to_html(f'<pre class="src">\n{html_pre(source)}\n</pre>')
    text = parse(html)
    assert text.tags == ["pre"]
    assert "".join(text.parts).strip("\n") == "1\t<b>加粗</b> **x**\n\n  缩进 </pre> [a](b)"


def test_html_attr_cannot_leave_its_quotes():
    html = to_html(f'<span data-sort="{html_attr(chr(34) + "><script>x</script>")}">t</span>')
    text = parse(html)
    assert "script" not in text.tags
    assert ("data-sort", '"><script>x</script>') in text.attrs


# --- trusted ---------------------------------------------------------------------------------------


def test_trusted_accepts_ids_and_paths_only():
    assert trusted("../../measures/yz2021-03/index.md#lead") == Markup("../../measures/yz2021-03/index.md#lead")
    for bad in ("a b", "x)y", "<a>", "measures/中文", "javascript:alert(1)"):
        with pytest.raises(ValueError):
            trusted(bad)


# --- spreadsheets ----------------------------------------------------------------------------------


FORMULAS = ["=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx", "\n=1", " =1", "\n =1", "\xa0=1", "\u3000=1", "＝1+1", "＋1", "－1", "＠x"]


@pytest.mark.parametrize("value", FORMULAS)
def test_inert_cell_prefixes_formula_starts(value):
    assert formula_like(value)
    assert inert_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["全区", "2022年9月", "a=b", " a=b", "", "   ", 3, None])
def test_inert_cell_leaves_other_values(value):
    assert not formula_like(value)
    assert inert_cell(value) == value


@given(st.text(alphabet=" \t\r\n\u3000\xa0\u2028=+-@＝＋－＠a中", max_size=6))
def test_formula_like_is_any_tab_or_line_break_first_or_a_formula_start_after_any_spaces(value):
    stripped = value.lstrip()  # every kind of space, as Python strips them
    assert formula_like(value) == (value[:1] in ("\t", "\r", "\n") or (stripped[:1] != "" and stripped[0] in FORMULA_STARTS))


def test_cell_value_drops_characters_a_workbook_cannot_hold():
    assert cell_value("\x01=1+1") == "=1+1"
    assert inert_cell(cell_value("\x01=1+1")) == "'=1+1"
    assert cell_value(None) == ""
    assert cell_value(7) == 7


# --- the template rule -----------------------------------------------------------------------------


def test_require_escaped_refuses_raw_text():
    assert require_escaped(Markup("x")) == Markup("x")
    assert require_escaped(3) == 3
    for raw in ("x", None, True, 1.5):
        with pytest.raises(TypeError):
            require_escaped(raw)


def test_templates_cannot_print_unescaped_text():
    env = environment()
    assert env.from_string("{{ v|md }}").render(v="<b>") == "&#60;b&#62;"
    with pytest.raises(TypeError):
        env.from_string("{{ v }}").render(v="<b>")
