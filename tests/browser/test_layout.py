"""Pages at desktop (1280 px) and phone (390 px) width: nothing sticks out of the page sideways
(only a table may scroll, inside its own wrapper), and the content is there to read."""

import pytest

from browser.viewports import DESKTOP, PHONE
from reforms.site import compare_views, paths, views

# One page of each comparison kind: the reforms × documents matrix, two documents, one reform, city tasks.
COMPARISONS = ["compare/", "compare/cq2021-yz2021/", "compare/jj2022-yz2022/", "reforms/r001/", "compare/jlp2021-city-tasks/"]
PAGES = ["", "measures/yz2021-03/", "departments/yuzhong-cz/", *COMPARISONS]

# Elements whose box lies outside the viewport, sideways; off-canvas drawers and table scrollers aside.
OUTSIDE = """() => {
  const width = document.documentElement.clientWidth;
  const outside = [];
  for (const element of document.querySelectorAll(".md-container *")) {
    if (element.closest(".md-typeset__scrollwrap, .md-sidebar, [hidden]")) continue;
    const box = element.getBoundingClientRect();
    if (box.width && (box.right > width + 1 || box.left < -1)) {
      outside.push(element.tagName.toLowerCase() + "." + element.className + " " + Math.round(box.left) + "–" + Math.round(box.right));
    }
  }
  return {pageWidth: document.documentElement.scrollWidth, width: width, outside: outside.slice(0, 5)};
}"""


def test_every_kind_of_comparison_page_is_covered(resolved):
    kinds = {paths.compare_url(p.name) for p in compare_views.document_pairs(resolved)}
    kinds |= {paths.reform_url(r.id) for r in resolved.reforms}
    kinds |= {paths.compare_url(paths.city_tasks_name(d.id)) for d, _ in views.city_task_documents(resolved)}
    assert set(COMPARISONS[1:]) <= kinds


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_page_fits_the_width_and_shows_its_content(visit, path, viewport):
    page = visit(path, viewport)
    found = page.evaluate(OUTSIDE)
    assert found["pageWidth"] <= found["width"], found
    assert found["outside"] == [], found
    assert page.locator("article h1").is_visible()
    first_row = page.locator("article table tbody tr:visible").first
    if first_row.count():
        box = first_row.bounding_box()
        assert box["height"] > 0 and box["x"] >= 0 and box["x"] + 40 <= viewport["width"]


def test_comparison_rows_are_cards_on_a_phone(visit):
    page = visit(COMPARISONS[1], PHONE)
    cell = page.locator("article table tbody tr").first.locator("td").first
    label = cell.get_attribute("data-label")
    shown = cell.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label and shown.startswith(f'"{label}')
    assert cell.evaluate("cell => getComputedStyle(cell).display") == "block"


def test_the_header_keeps_a_short_title_and_the_search_box_on_a_phone(visit):
    page = visit("", PHONE)
    title = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    shown = title.evaluate("e => getComputedStyle(e, '::before').content")
    assert "营商改革目录" in shown
    box = page.locator(".md-header .catalogue-search input").bounding_box()
    assert box["width"] >= 120 and box["x"] + box["width"] <= PHONE["width"]
