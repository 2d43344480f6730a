"""What a reader sees, on every kind of page: Chinese only (outside code and addresses), a footer
that says who keeps the site, that the official text prevails, the licence and how current the
data is; a 404 page in Chinese with ways on; readable type; tables without empty columns."""

import re
from urllib.parse import parse_qs, urlparse

import pytest

from browser.test_accessibility import AXE_RUN, BLOCKING, PAGE_KINDS, describe
from browser.viewports import DESKTOP, PHONE
from reforms.catalogue.load import CATALOGUE_DIR

READER_PAGES = {**PAGE_KINDS, "not-found": "404.html"}
# Names of file formats and tools a reader meets as names, not as English text.
FORMAT_NAMES = {"JSON", "CSV", "Excel", "YAML", "PDF", "Word", "RSS", "Atom", "UTF"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z]+")
ADDRESS = re.compile(r"(https?://|mailto:)\S+|\S+\.(json|csv|xlsx|yml|txt|xml)\b")
CJK = re.compile(r"[\u4e00-\u9fff]")

VISIBLE_TEXT = """() => {
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (!element || element.closest("code, pre, kbd, script, style, [hidden]")) continue;
    if (!element.getClientRects().length) continue;
    texts.push(walker.currentNode.textContent);
  }
  for (const element of document.body.querySelectorAll("[aria-label], [title], [placeholder], img[alt]")) {
    for (const name of ["aria-label", "title", "placeholder", "alt"]) {
      if (element.getAttribute(name)) texts.push(element.getAttribute(name));
    }
  }
  texts.push(document.title);
  return texts;
}"""


@pytest.fixture(scope="module")
def words_in_the_data(resolved) -> set[str]:
    """Latin words the sources themselves use (APP, CCC, Ukey…): shown verbatim, as the rules want."""
    words: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, str) and CJK.search(value):
            words.update(LATIN_WORD.findall(value))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for records in (resolved.measures, resolved.documents, resolved.departments):
        for record in records:
            walk((record.measure if hasattr(record, "measure") else record).model_dump())
    for document in resolved.documents:  # the source pages show every line
        walk((CATALOGUE_DIR / document.source).read_text(encoding="utf-8").splitlines())
    return words


@pytest.mark.parametrize("path", READER_PAGES.values(), ids=READER_PAGES.keys())
def test_no_english_outside_code_and_addresses(visit, words_in_the_data, path):
    page = visit(path, DESKTOP)
    english = set()
    for text in page.evaluate(VISIBLE_TEXT):
        english.update(LATIN_WORD.findall(ADDRESS.sub("", text)))
    assert english - FORMAT_NAMES - words_in_the_data == set()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_404_page_is_chinese_with_search_and_ways_on(visit, viewport):
    page = visit("404.html", viewport)
    assert page.locator("article h1").inner_text() == "找不到这个页面"
    form = page.locator("article form[role=search]")
    assert form.locator("input[name=q]").is_visible()
    links = page.locator("article li a").all_inner_texts()
    assert {"首页", "文件", "部门", "区县"} <= set(links)
    form.locator("input[name=q]").fill("开办企业")
    form.locator("button").click()
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert parse_qs(urlparse(page.url).query) == {"q": ["开办企业"]}


def test_every_page_ends_in_a_chinese_footer(visit):
    footer = visit("measures/yz2021-03/", PHONE).locator(".md-footer").inner_text()
    assert "Made with" not in footer and "Material" not in footer
    assert "维护单位" in footer and "联系方式" in footer
    assert "以正式印发文本为准" in footer
    assert "数据许可：知识共享署名 4.0 国际许可协议" in footer
    assert re.search(r"数据更新至 \d{4}-\d{2}-\d{2}", footer)


TYPE_FACTS = """() => {
  const article = document.querySelector("article");
  const h1 = getComputedStyle(article.querySelector("h1"));
  const cells = [...article.querySelectorAll("td, tbody th")].map(c => parseFloat(getComputedStyle(c).fontSize));
  const italic = [...article.querySelectorAll("*")].filter(e => e.textContent.trim() && getComputedStyle(e).fontStyle !== "normal");
  return {font: getComputedStyle(document.body).fontFamily, h1Colour: h1.color, h1Weight: h1.fontWeight,
          smallestCell: Math.min(...cells), italic: italic.map(e => e.tagName),
          width: article.getBoundingClientRect().width};
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_chinese_type_and_readable_tables(visit, viewport):
    facts = visit("departments/yuzhong-cz/", viewport).evaluate(TYPE_FACTS)
    assert facts["font"].startswith('"PingFang SC"'), facts["font"]
    assert facts["h1Colour"] == "rgba(0, 0, 0, 0.87)" and int(facts["h1Weight"]) >= 600
    assert facts["smallestCell"] >= 14
    assert facts["italic"] == []


@pytest.mark.parametrize(
    "path", ["documents/", "departments/yuzhong-cz/", "districts/jiangjin/", "documents/jlp2021/", "compare/jj2022-yz2022/", "reforms/r001/"]
)
def test_table_heavy_pages_use_the_full_width(visit, path):
    facts = visit(path, DESKTOP).evaluate(TYPE_FACTS)
    assert facts["width"] >= 1180  # of 1280 px: no side navigation, no table of contents


EMPTY_COLUMNS = """() => [...document.querySelectorAll("article table")].flatMap(table => {
  const rows = [...table.tBodies].flatMap(body => [...body.rows]);
  const width = Math.max(0, ...rows.map(row => row.cells.length));
  const empty = [];
  for (let column = 0; column < width; column++) {
    if (rows.every(row => !row.cells[column] || ["", "—"].includes(row.cells[column].textContent.trim()))) {
      empty.push((table.caption ? table.caption.textContent.trim() : "?") + " #" + (column + 1));
    }
  }
  return empty;
})"""


@pytest.mark.parametrize("path", PAGE_KINDS.values(), ids=PAGE_KINDS.keys())
def test_no_table_has_an_empty_column(visit, path):
    assert visit(path, DESKTOP).evaluate(EMPTY_COLUMNS) == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_a_measure_quotes_clean_lines_and_links_to_them_highlighted_on_the_source_page(visit, resolved, viewport):
    measure = resolved.measure("jlp2021-list-096")
    first, last = (int(n) for n in measure.measure.source_lines.split("-"))
    page = visit("measures/jlp2021-list-096/", viewport)
    quote = page.locator("article blockquote.reform-source").inner_text()
    assert "提升长江水运通道服务效率，完善集散分拨体系，创新江海联运模式" in quote  # broken lines joined, no gap
    assert f"第 {first} 行" in quote
    page.get_by_role("link", name="在来源文本中查看").click()
    page.wait_for_selector(".reform-line--cited")
    cited = page.locator(".reform-line--cited")
    assert cited.count() == last - first + 1
    assert cited.first.get_attribute("id") == f"L{first}" and cited.last.get_attribute("id") == f"L{last}"
    top = cited.first.bounding_box()["y"]
    assert 0 <= top < viewport["height"] / 2  # brought into view, below the header
    assert page.locator("article h1").inner_text() == "九龙坡2021营商环境方案：来源文本"


def test_a_source_line_is_addressable(visit):
    page = visit("sources/yz2021/#L150", DESKTOP)
    line = page.locator("#L150")
    assert line.locator(".reform-lineno").inner_text() == "150"
    assert page.locator(".reform-line--cited").count() == 1


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_home_page_gets_to_a_department_in_two_clicks_and_searches(visit, viewport):
    page = visit("", viewport)
    page.locator("#departments ~ .reform-picker summary", has_text="渝中区").click()
    page.get_by_role("link", name="渝中区财政局", exact=True).click()
    page.wait_for_url(re.compile(r"/departments/yuzhong-cz/$"))
    assert page.locator("article h1").inner_text() == "渝中区财政局"
    page = visit("", viewport)
    page.locator("article form[role=search] input[name=q]").fill("一网通")
    page.locator("article form[role=search] button").click()
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert parse_qs(urlparse(page.url).query) == {"q": ["一网通"]}


def numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


def test_the_same_count_reads_the_same_on_every_page(visit, resolved):
    page = visit("departments/", DESKTOP)
    row = page.locator("tr", has=page.get_by_role("link", name="渝中区财政局", exact=True)).first
    lead, partner, total = numbers(" ".join(row.locator("td").all_inner_texts()))[-3:]
    page = visit("departments/yuzhong-cz/", DESKTOP)
    sentence = page.locator("article li", has_text="合计").inner_text()
    assert numbers(sentence)[:3] == [lead, partner, total]
    measures = set(page.locator("article table a[href*='/measures/']").evaluate_all("links => links.map(a => a.href)"))
    assert f"分属 {len(measures)} 条措施" in sentence
    search = visit("search/?department=yuzhong-cz", DESKTOP)
    search.wait_for_function("() => /条措施/.test(document.querySelector('.catalogue-results-summary')?.textContent || '')")
    assert f"{len(measures)} 条措施" in search.locator(".catalogue-results-summary").inner_text()  # as search counts them
    home = visit("", DESKTOP).locator("#figures + p").inner_text()
    assert f"{len(resolved.measures)} 条措施" in home
    cells = visit("districts/", DESKTOP).locator("article table tbody tr td:nth-of-type(2)").all_inner_texts()
    assert sum(int(c) for c in cells) == len(resolved.measures)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_404_page_has_no_serious_accessibility_violation(visit, axe_source, viewport):
    page = visit("404.html", viewport)
    page.add_script_tag(content=axe_source)
    violations = [v for v in page.evaluate(AXE_RUN) if v["impact"] in BLOCKING]
    assert violations == [], "\n".join(describe(v) for v in violations)


def test_a_document_page_shows_its_annex_as_a_part_and_each_measure_with_its_leads(visit, resolved):
    page = visit("documents/jlp2021/", DESKTOP)
    annex = page.locator("article h2#annex")
    assert annex.inner_text() == f"附件：{resolved.document('jlp2021').attachment_title}"
    after = annex.evaluate("h => { const out = []; for (let e = h.nextElementSibling; e; e = e.nextElementSibling) if (/^H[23]$/.test(e.tagName)) out.push(e.tagName); return out; }")
    assert after and set(after) == {"H3"}  # the annex's sections sit under it, not beside the body's
    first = page.locator("xpath=//h2[@id='annex']/following::table[1]")
    assert "牵头单位" in first.locator("thead").inner_text()
    assert first.locator("tbody tr").first.locator("td a[href*='/departments/']").count() >= 1


def test_a_measure_page_links_to_its_neighbours_in_the_document(visit, resolved):
    measures = [m for m in resolved.measures if m.document.id == "yz2021"]
    middle = measures[1]
    page = visit(f"measures/{middle.id}/", PHONE)
    pager = page.locator("nav.reform-pager")
    assert pager.get_by_role("link").evaluate_all("links => links.map(a => a.getAttribute('href'))") == [
        f"../{measures[0].id}/",
        f"../{measures[2].id}/",
    ]
    assert "上一条" in pager.inner_text() and "下一条" in pager.inner_text()
