"""The real site in a real browser: built once from the real catalogue, served on 127.0.0.1, opened
in Debian's Chromium through Playwright. One browser for the session, a fresh page for each test.

Chromium is found at ``$CHROMIUM`` or ``/usr/bin/chromium`` (``./dev test`` installs it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from chromium import CHROMIUM, chromium  # tests/chromium.py
from playwright.sync_api import Browser, Page

from browser.viewports import DESKTOP
from reforms.catalogue.load import CATALOGUE_DIR
from reforms.catalogue.resolve import Resolved
from reforms.cli import load_and_check

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def resolved() -> Resolved:
    resolved, problems = load_and_check(CATALOGUE_DIR)
    assert problems == [], "the real catalogue does not validate"
    return resolved


@pytest.fixture(scope="session")
def built_site(real_site) -> Path:  # tests/conftest.py
    return real_site


@pytest.fixture(scope="session")
def base_url(real_site_url) -> str:
    return real_site_url


@pytest.fixture(scope="package")  # closed after tests/browser/: another suite may start its own Playwright
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(f"没有找到 Chromium（{CHROMIUM}）：运行 ./dev test 安装，或用环境变量 CHROMIUM 指明路径")
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def visit(page, base_url) -> Callable[..., Page]:
    """``visit(path, viewport=None)``: this test's page at the site page ``path``, loaded."""

    def go(path: str, viewport: dict | None = None) -> Page:
        if viewport:
            page.set_viewport_size(viewport)
        page.goto(base_url + path, wait_until="load")
        page.wait_for_selector("article h1")
        return page

    return go
