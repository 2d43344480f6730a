"""Search as a reader uses it: real Chromium, the real site built from the real catalogue and
served on 127.0.0.1; the fixture catalogue (tests/fixtures/mini) for an editor's markup, and
its offline build opened from disk (file://).

What a search should find is computed here, from the records: those with a text that contains
the query once width, case, spaces and punctuation are folded away.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from chromium import chromium, serving  # tests/chromium.py
from playwright.sync_api import Browser, Page, expect

from reforms.catalogue.load import CATALOGUE_DIR
from reforms.catalogue.resolve import Resolved
from reforms.cli import OFFLINE_BUILD, load_and_check
from reforms.search.expand import build_expansions
from reforms.search.query import FoldedMeasure, folded_measures, found, parse
from reforms.search.tokenize import compact
from reforms.site.build_site import build_site

ROOT = Path(__file__).parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
PHONE = {"width": 390, "height": 844}
READER_QUERIES = ["一照多址", "不动产登记", "破产管理人", "区税务局", "“一网通办”", "税务UKey"]
BOX = "#catalogue-search-input"
DROPDOWN = "#catalogue-search-dropdown"
PAGE_QUERY = "#catalogue-search-page input[name=q]"


def resolve(catalogue: Path) -> Resolved:
    resolved, problems = load_and_check(catalogue)
    assert problems == []
    return resolved


@pytest.fixture(scope="module")
def real() -> Resolved:
    return resolve(CATALOGUE_DIR)


def built_and_served(resolved: Resolved, catalogue: Path, tmp_path_factory) -> Iterator[str]:
    site_dir = tmp_path_factory.mktemp("search-site") / "site"
    build_site(resolved, catalogue, site_dir)
    with serving(site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def site_url(real_site_url) -> str:  # tests/conftest.py: the real site, built once for the session
    return real_site_url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    yield page
    context.close()
    assert errors == []


FOLDED: dict[int, tuple[list[FoldedMeasure], dict]] = {}


def expected_ids(resolved: Resolved, query: str) -> set[str]:
    """What the query rule (reforms/search/query.py) finds, other forms of words included."""
    if id(resolved) not in FOLDED:
        FOLDED[id(resolved)] = folded_measures(resolved), build_expansions(resolved.departments, resolved.synonyms)
    measures, expansions = FOLDED[id(resolved)]
    return set(found(measures, parse(query, expansions)))


def type_in_box(page: Page, query: str) -> None:
    """Type as a reader does, then wait for the dropdown's answer to the whole query."""
    page.locator(BOX).click()
    page.locator(BOX).press_sequentially(query, delay=10)
    page.wait_for_function(
        "(q) => document.querySelector('#catalogue-search-dropdown').getAttribute('data-query') === q",
        arg=page.locator(BOX).input_value(),
    )


def hit_ids(page: Page, selector: str) -> list[str]:
    hrefs = page.locator(f"{selector} a.catalogue-hit").evaluate_all("links => links.map(a => a.href)")
    return [re.search(r"/measures/([^/]+)/", href).group(1) for href in hrefs]


@pytest.mark.parametrize("query", READER_QUERIES)
def test_the_header_box_finds_and_marks_what_a_reader_types(page, site_url, real, query):
    page.goto(site_url)
    type_in_box(page, query)
    expected = expected_ids(real, query)
    expect(page.locator("#catalogue-search-status")).to_have_text(f"找到 {len(expected)} 条措施")
    shown = hit_ids(page, DROPDOWN)
    assert 0 < len(shown) <= 8 and set(shown) <= expected
    marks = page.locator(f"{DROPDOWN} .catalogue-hit mark").all_inner_texts()
    assert marks and all(compact(mark) == compact(query) for mark in marks)
    expect(page.locator(f"{DROPDOWN} .catalogue-search__all")).to_have_text(
        f"查看全部 {len(expected)} 条结果"
    )


def test_several_words_find_every_measure_with_all_of_them_and_mark_each(page, site_url, real):
    page.goto(site_url)
    type_in_box(page, "税务 发票")
    expected = expected_ids(real, "税务 发票")
    assert len(expected) >= 5
    expect(page.locator("#catalogue-search-status")).to_have_text(f"找到 {len(expected)} 条措施")
    assert set(hit_ids(page, DROPDOWN)) <= expected
    first = page.locator(f"{DROPDOWN} .catalogue-hit").first
    assert {compact(m) for m in first.locator("mark").all_inner_texts()} >= {"税务", "发票"}
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    expect(page.locator(".catalogue-results-summary")).to_have_text(
        f"共 {len(expected)} 条措施同时包含“税务”“发票”"
    )
    page.fill(PAGE_QUERY, '"不动产 登记" -抵押')
    expected = expected_ids(real, '"不动产 登记" -抵押')
    expect(page.locator(".catalogue-results-summary")).to_have_text(
        f"共 {len(expected)} 条措施包含“不动产 登记”，不含“抵押”"
    )
    expect(page.locator("#catalogue-search-syntax")).to_contain_text("空格")


@pytest.mark.parametrize(
    "query",
    ['"未闭合的引号 税务', "-税务 -发票", "，。！？", "长" * 10_000, "ｱ 𠀋 ü ك -", "- - -"],
)
def test_odd_queries_get_an_answer_within_a_second(page, site_url, query):
    results_page(page, site_url)
    searched_ms = page.evaluate(
        """async (query) => {
          const engine = await CatalogueSearch.engine();
          const started = performance.now();
          const hits = await engine.search(query, null);
          await engine.records(hits.slice(0, 50));
          if (!hits.length) await engine.termCounts(engine.parse(query));
          return performance.now() - started;
        }""",
        query,
    )
    assert searched_ms < 1000
    page.fill(PAGE_QUERY, query)
    summary = page.locator(".catalogue-results-summary")
    expect(summary).to_have_text(re.compile("^(共|没有)"))
    expect(page.locator("#catalogue-search-page")).to_have_attribute("data-query", query)


def test_a_department_is_a_result_above_its_measures_and_links_to_its_page(page, site_url, real):
    department = next(d for d in real.departments if d.name == "渝中区市场监管局")
    page.goto(site_url)
    type_in_box(page, "渝中区市场监管局")
    group = page.locator(f"{DROPDOWN} .catalogue-entities__group").first
    expect(group.locator(".catalogue-entities__label")).to_have_text("部门")
    link = group.locator("a.catalogue-entity").first
    expect(link).to_have_text("渝中区市场监管局")
    link.click()
    page.wait_for_url(f"{site_url}departments/{department.id}/")


@pytest.mark.parametrize(
    ("query", "label", "name"),
    [
        ("渝中府发〔2022〕31号", "文件", "渝中区营商环境创新试点实施方案"),
        ("市场监管局", "部门", "渝中区市场监管局"),  # the short form, without the district
        ("九龙坡", "区县", "九龙坡区"),
        ("开办企业", "主题", "开办企业"),
    ],
)
def test_documents_districts_themes_and_short_forms_are_found_on_the_search_page(page, site_url, query, label, name):
    results_page(page, site_url, q=query)
    block = page.locator("#catalogue-search-page .catalogue-entities")
    group = block.locator(".catalogue-entities__group", has=page.locator(".catalogue-entities__label", has_text=label))
    expect(group.locator("a.catalogue-entity", has_text=name).first).to_be_visible()


def test_a_short_form_also_finds_the_other_spellings_and_says_so(page, site_url, real):
    results_page(page, site_url, q="发改委")
    expected = expected_ids(real, "发改委")
    expect(page.locator(".catalogue-results-summary")).to_have_text(f"共 {len(expected)} 条措施包含“发改委”")
    expect(page.locator(".catalogue-results-notes")).to_contain_text("“发改委”也搜索了：区发展改革委")
    assert {compact(m) for m in page.locator(".catalogue-results mark").all_inner_texts()} >= {"区发展改革委"}
    page.fill(PAGE_QUERY, '"发改委"')
    exact = expected_ids(real, '"发改委"')
    expect(page.locator(".catalogue-results-summary")).to_have_text(f"共 {len(exact)} 条措施包含“发改委”")
    assert len(exact) < len(expected)
    expect(page.locator(".catalogue-results-notes")).to_be_empty()


def test_nothing_found_says_which_word_and_offers_a_way_on(page, site_url, real):
    results_page(page, site_url, q="无人机 税务", district="渝中区")
    expect(page.locator(".catalogue-results-summary")).to_have_text("没有同时包含“无人机”“税务”的措施。")
    notes = page.locator(".catalogue-results-notes")
    expect(notes).to_contain_text("“无人机”在所有措施中都没有出现。")
    without = notes.locator("a", has_text="去掉“无人机”")
    yuzhong = {i for i in expected_ids(real, "税务") if real.measure(i).document.jurisdiction == "渝中区"}
    expect(without).to_contain_text(f"（{len(yuzhong)} 条）")
    without.click()
    expect(page.locator(".catalogue-results-summary")).to_have_text(re.compile("^共"))
    results_page(page, site_url, q="区税务局 营业执照 -企业")
    expect(page.locator(".catalogue-results-notes")).to_contain_text("可以试试")
    results_page(page, site_url, q="市场监督局")
    expect(page.locator(".catalogue-results-notes")).to_contain_text("相近的部门或主题：")
    expect(page.locator(".catalogue-results-notes a", has_text="重庆市市场监督管理局")).to_be_visible()


def test_the_department_filter_is_grouped_by_district_and_follows_it(page, site_url, real):
    results_page(page, site_url)
    groups = page.locator("select[name=department] optgroup").evaluate_all("gs => gs.map(g => g.label)")
    assert set(groups) == {d.jurisdiction for d in real.departments}
    department = next(d for d in real.departments if d.name == "江津区市场监管局")
    page.select_option("select[name=department]", department.id)
    page.select_option("select[name=district]", "渝中区")
    expect(page.locator("select[name=department] optgroup")).to_have_count(1)
    expect(page.locator("select[name=department]")).to_have_value("")
    labels = page.locator("select[name=department] option").all_inner_texts()
    assert "渝中区市场监管局" in labels and "江津区市场监管局" not in labels


def test_a_result_opens_its_measure_page(page, site_url, real):
    page.goto(site_url)
    type_in_box(page, "破产管理人")
    first = page.locator(f"{DROPDOWN} a.catalogue-hit").first
    title = first.locator(".catalogue-hit__title").inner_text()
    measure_id = hit_ids(page, DROPDOWN)[0]
    first.click()
    page.wait_for_url(f"{site_url}measures/{measure_id}/")
    assert title in page.locator("article h1").inner_text()
    assert real.measure(measure_id).measure.title == title


def test_keyboard_moves_into_the_results_opens_one_and_escape_closes(page, site_url):
    page.goto(site_url)
    type_in_box(page, "不动产登记")
    links = page.locator(f"{DROPDOWN} a")
    expect(links.first).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(links.nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(page.locator(BOX)).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(DROPDOWN)).to_be_hidden()
    page.locator(BOX).press("End")
    page.locator(BOX).press_sequentially("中心", delay=10)  # 不动产登记中心
    expect(links.first).to_be_visible()
    page.keyboard.press("ArrowDown")
    href = links.first.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(urlsplit(href).path.lstrip("./")) + "$"))
    expect(page.locator("article h1")).to_be_visible()


def test_enter_in_the_box_opens_the_search_page_with_the_query(page, site_url, real):
    page.goto(site_url)
    type_in_box(page, "区税务局")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    expected = expected_ids(real, "区税务局")
    expect(page.locator(".catalogue-results-summary")).to_have_text(
        f"共 {len(expected)} 条措施包含“区税务局”"
    )
    shown = hit_ids(page, ".catalogue-results")
    assert len(shown) == min(50, len(expected)) and set(shown) <= expected


def results_page(page: Page, site_url: str, **params: str) -> Page:
    query = "&".join(f"{name}={quote(value)}" for name, value in params.items())
    page.goto(f"{site_url}search/?{query}")
    expect(page.locator(".catalogue-results-summary")).not_to_have_text(re.compile("正在载入"))
    return page


def test_filters_narrow_the_results_and_are_kept_in_the_address(page, site_url, real):
    results_page(page, site_url, q="不动产登记")
    everything = expected_ids(real, "不动产登记")
    expect(page.locator(".catalogue-results-summary")).to_have_text(re.compile(f"^共 {len(everything)} 条"))
    page.select_option("select[name=district]", "渝中区")
    yuzhong = {i for i in everything if real.measure(i).document.jurisdiction == "渝中区"}
    expect(page.locator(".catalogue-results-summary")).to_have_text(re.compile(f"^共 {len(yuzhong)} 条"))
    assert 0 < len(yuzhong) < len(everything)
    assert set(hit_ids(page, ".catalogue-results")) == yuzhong
    assert parse_qs(urlsplit(page.url).query) == {"q": ["不动产登记"], "district": ["渝中区"]}
    page.select_option("select[name=kind]", "清单事项")
    expect(page).to_have_url(re.compile("kind="))
    page.fill(PAGE_QUERY, "")
    expect(page).not_to_have_url(re.compile("q="))


def test_a_shared_address_restores_the_query_and_the_filters(page, site_url, real):
    department = next(d for d in real.departments if d.name == "渝中区市场监管局")
    results_page(page, site_url, q="营业执照", district="渝中区", department=department.id)
    expect(page.locator(PAGE_QUERY)).to_have_value("营业执照")
    expect(page.locator("select[name=district]")).to_have_value("渝中区")
    expect(page.locator("select[name=department]")).to_have_value(department.id)
    wanted = {
        i
        for i in expected_ids(real, "营业执照")
        if real.measure(i).document.jurisdiction == "渝中区"
        and any(
            m.department and m.department.id == department.id
            for a in real.measure(i).actions
            for m in (*a.lead, *a.partners)
        )
    }
    assert wanted and set(hit_ids(page, ".catalogue-results")) == wanted


def test_every_hit_is_reachable_by_showing_more(page, site_url, real):
    results_page(page, site_url, q="企业")
    expected = expected_ids(real, "企业")
    assert len(expected) > 100
    more = page.locator(".catalogue-results-more")
    while more.is_visible():
        shown = page.locator(".catalogue-results > li").count()
        more.click()
        expect(page.locator(".catalogue-results > li")).not_to_have_count(shown)
    assert page.locator(".catalogue-results > li").count() == len(expected)
    assert set(hit_ids(page, ".catalogue-results")) == expected


def part_numbers(page: Page, query: str) -> set[int]:
    """The parts of the index the pairs covering the query's terms are in, as the page's engine says."""
    return set(
        page.evaluate(
            """async (query) => {
              const engine = await CatalogueSearch.engine();
              const pairs = engine.parse(query).terms.flatMap((t) => t.alternatives.flatMap(CatalogueSearch.covering));
              return pairs.map((p) => CatalogueTokenizer.shardOf(p[0], engine.data.index.parts));
            }""",
            query,
        )
    )


def test_a_late_answer_never_replaces_the_newest_and_only_needed_parts_load(page, site_url, real):
    older, newer = "不动产登记", "破产管理人"
    held, requested = [], []

    def hold_older_parts(route):
        number = int(re.search(r"/parts/(\d+)\.js", route.request.url).group(1))
        requested.append(number)
        if number in slow:
            held.append(route)
        else:
            route.continue_()

    page.goto(f"{site_url}search/")
    expect(page.locator(".catalogue-results-summary")).to_have_text(re.compile("^共"))
    slow = part_numbers(page, older) - part_numbers(page, newer)
    assert slow
    page.route("**/search/parts/*.js", hold_older_parts)
    page.fill(PAGE_QUERY, older)
    for _ in range(200):
        if held:
            break
        page.wait_for_timeout(10)
    assert held, "the older query never asked for its parts"
    page.fill(PAGE_QUERY, newer)
    summary = f"共 {len(expected_ids(real, newer))} 条措施包含“{newer}”"
    expect(page.locator(".catalogue-results-summary")).to_have_text(summary)
    for route in held:
        route.continue_()
    page.wait_for_function(f"document.querySelectorAll('script[src*=\"/parts/\"]').length === {len(set(requested))}")
    page.wait_for_timeout(200)  # the older answer is in; it must not be shown
    expect(page.locator(".catalogue-results-summary")).to_have_text(summary)
    assert set(hit_ids(page, ".catalogue-results")) == expected_ids(real, newer)
    assert set(requested) == part_numbers(page, older) | part_numbers(page, newer)


def test_search_works_on_a_phone(page, site_url):
    page.set_viewport_size(PHONE)
    page.goto(site_url)
    type_in_box(page, "一照多址")
    dropdown = page.locator(DROPDOWN)
    expect(dropdown.locator("a.catalogue-hit").first).to_be_visible()
    box = dropdown.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    results_page(page, site_url, q="一照多址")
    expect(page.locator(".catalogue-results a.catalogue-hit").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for name in ("q", "district", "document", "department", "kind", "theme", "due"):
        field = page.locator(f"#catalogue-search-page [name={name}]").bounding_box()
        assert field["x"] >= 0 and field["x"] + field["width"] <= PHONE["width"], name


# ---------------------------------------------------------------- the fixture catalogue


@pytest.fixture(scope="module")
def mini() -> Resolved:
    return resolve(MINI)


@pytest.fixture(scope="module")
def mini_url(mini, tmp_path_factory) -> Iterator[str]:
    yield from built_and_served(mini, MINI, tmp_path_factory)


def test_markup_in_an_editors_text_is_shown_as_text(page, mini_url):
    page.goto(mini_url)
    type_in_box(page, "script")
    hit = page.locator(f"{DROPDOWN} a.catalogue-hit").first
    expect(hit.locator(".catalogue-hit__title")).to_have_text(
        "<script>alert(1)</script> **粗体** [链接](http://x) | 竖线"
    )
    assert hit.locator("script, a a").count() == 0
    expect(hit.locator("mark").first).to_have_text("script")
    assert "&lt;<mark>script</mark>&gt;" in hit.locator(".catalogue-hit__title").inner_html()
    results_page(page, mini_url, q="alert(1)")
    expect(page.locator(".catalogue-results .catalogue-hit__title").first).to_contain_text(
        "<script>alert(1)</script>"
    )
    assert page.locator(".catalogue-results script").count() == 0
    results_page(page, mini_url, q='"<img src=x onerror=alert(1)> -<b>x</b>')
    expect(page.locator(".catalogue-results-summary")).to_contain_text("<img src=x onerror=alert(1)>")
    assert page.locator("#catalogue-search-page img, #catalogue-search-page b").count() == 0
    type_in_box(page, "<i>没有 -<u>")
    expect(page.locator(f"{DROPDOWN} .catalogue-search__none")).to_contain_text("<i>没有")
    assert page.locator(f"{DROPDOWN} i, {DROPDOWN} u").count() == 0


def test_the_offline_build_searches_from_disk(page, mini, tmp_path_factory):
    site_dir = tmp_path_factory.mktemp("search-offline") / "site"
    build_site(mini, MINI, site_dir, **OFFLINE_BUILD)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    home = (site_dir / "index.html").as_uri()
    page.goto(home)
    type_in_box(page, "script")
    hit = page.locator(f"{DROPDOWN} a.catalogue-hit").first
    expect(hit).to_be_visible()
    assert hit.get_attribute("href").endswith("/index.html")
    hit.click()
    page.wait_for_url(re.compile(r"/measures/[^/]+/index\.html$"))
    expect(page.locator("article h1")).to_contain_text("<script>")
    type_in_box(page, "script")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/index\.html\?q=script$"))
    expect(page.locator(".catalogue-results a.catalogue-hit")).not_to_have_count(0)
    page.select_option("select[name=district]", "渝中区")
    expect(page).to_have_url(re.compile(r"district="))
    page.goto(home)
    page.fill("#reform-home-q", "script")
    page.press("#reform-home-q", "Enter")  # the home page's own form, not the header box
    page.wait_for_url(re.compile(r"/search/index\.html\?q=script$"))
    expect(page.locator(".catalogue-results a.catalogue-hit")).not_to_have_count(0)
    assert all(url.startswith("file://") for url in requested), [
        u for u in requested if not u.startswith("file://")
    ]
