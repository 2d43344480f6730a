"""Accessibility (GB/T 37668, WCAG 2.1 AA): axe-core on every kind of page at both widths, with no
serious or critical violation; and the keyboard reaches the navigation and a table's sort buttons,
each with a visible focus."""

import pytest
from playwright.sync_api import Page

from browser.viewports import DESKTOP, PHONE

PAGE_KINDS = {
    "home": "",
    "documents": "documents/",
    "document": "documents/yz2021/",
    "measure": "measures/yz2021-03/",
    "source": "sources/yz2021/",
    "departments": "departments/",
    "department": "departments/yuzhong-cz/",
    "districts": "districts/",
    "district": "districts/jiangjin/",
    "comparisons": "compare/",
    "comparison-pair": "compare/jj2022-yz2022/",
    "reform": "reforms/r001/",
    "comparison-city-tasks": "compare/jlp2021-city-tasks/",
    "themes": "themes/",
    "theme": "themes/kaiban-qiye/",
    "downloads": "downloads/",
    "updates": "updates/",
    "about": "about/",
    "data": "data/",
    "search": "search/",
}
BLOCKING = ("serious", "critical")
AXE_RUN = "() => axe.run(document, {resultTypes: ['violations']}).then(result => result.violations)"


def describe(violation: dict) -> str:
    targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
    return f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} 处): {violation['help']} — {targets}"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize("path", PAGE_KINDS.values(), ids=PAGE_KINDS.keys())
def test_no_serious_accessibility_violations(visit, axe_source, path, viewport):
    page = visit(path, viewport)
    page.add_script_tag(content=axe_source)
    violations = [v for v in page.evaluate(AXE_RUN) if v["impact"] in BLOCKING]
    assert violations == [], "\n".join(describe(v) for v in violations)


def tab_until(page: Page, selector: str, most: int = 60) -> dict:
    """Press Tab until the focus is on an element matching ``selector``; how it looks there."""
    for _ in range(most):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """selector => {
                 const element = document.activeElement;
                 const style = getComputedStyle(element);
                 return {match: element.matches(selector), text: element.textContent.trim(),
                         outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
               }""",
            selector,
        )
        if focused["match"]:
            return focused
    raise AssertionError(f"{most} presses of Tab did not reach {selector}")


def test_keyboard_reaches_the_navigation_and_a_sort_button(visit):
    page = visit("departments/yuzhong-cz/", DESKTOP)
    tab = tab_until(page, ".md-tabs__link")
    assert tab["text"] == "首页" and tab["outline"] != "none" and tab["width"] >= 2
    button = tab_until(page, "th .reform-sort")
    assert button["outline"] != "none" and button["width"] >= 2
    page.keyboard.press("Enter")
    header = page.locator("th:has(.reform-sort:focus)")
    assert header.get_attribute("aria-sort") == "ascending"
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"


def test_keyboard_on_a_phone_opens_the_navigation_it_moves_into(visit):
    page = visit("departments/yuzhong-cz/", PHONE)
    drawer_open = "() => document.getElementById('__drawer').checked"
    tab_until(page, ".md-sidebar--primary a.md-nav__link")
    assert page.evaluate(drawer_open)
    tab_until(page, ".md-sidebar--primary a.md-nav__link[href$='about/']")  # inside the nested 关于 panel
    page.wait_for_timeout(400)  # the panel slides in
    box = page.evaluate("() => document.activeElement.getBoundingClientRect().toJSON()")
    assert box["left"] >= 0 and box["right"] <= PHONE["width"], box
    tab_until(page, "article a")
    assert not page.evaluate(drawer_open)
