"""``build.py serve`` as an editor uses it: the open page follows each save, shows the catalogue's
problems while there are some, and the server outlives a browser that gives up on a request."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import previewing  # tests/chromium.py

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
MEASURE = Path("measures/yz2021/yz2021-01.yml")


@pytest.fixture
def catalogue(tmp_path) -> Path:
    return Path(shutil.copytree(MINI, tmp_path / "catalogue"))


@pytest.fixture
def preview_url(catalogue) -> Iterator[tuple[str, subprocess.Popen]]:
    with previewing(catalogue) as running:
        yield running


def give_up_on(url: str) -> None:
    """Ask for a page and hang up before the answer, as a browser does when the reader moves on."""
    host, port = url.removeprefix("http://").rstrip("/").split(":")
    with socket.create_connection((host, int(port))) as connection:
        connection.sendall(b"GET /measures/yz2021-01/ HTTP/1.1\r\nHost: x\r\n\r\n")


def test_the_open_page_follows_each_save(preview_url, catalogue, page):
    url, server = preview_url
    measure = catalogue / MEASURE
    original = measure.read_text(encoding="utf-8")
    page.goto(url + "measures/yz2021-01/")
    heading = page.locator("article h1")

    measure.write_text(original.replace("title: ", "title: 第一次保存", 1), encoding="utf-8")
    # a save reloads the page twice (the measure's page first, then the rest): ask about a heading only once it is there
    page.wait_for_function("(document.querySelector('article h1') || {textContent: ''}).textContent.includes('第一次保存')", timeout=90_000)

    measure.write_text(original + "actions: [\n", encoding="utf-8")
    page.wait_for_function("document.title.startsWith('预览暂停')", timeout=90_000)
    assert page.locator("h1").inner_text() == "预览暂停：目录有 1 个问题"
    assert f"catalogue/{MEASURE.as_posix()}:" in page.locator("li").first.inner_text()

    measure.write_text(original.replace("title: ", "title: 第二次保存", 1), encoding="utf-8")
    time.sleep(1)  # the save is seen and the rebuild under way
    for _ in range(3):
        give_up_on(url)
    page.wait_for_function("(document.querySelector('article h1') || {textContent: ''}).textContent.includes('第二次保存')", timeout=90_000)
    assert "第二次保存" in heading.inner_text()
    assert server.poll() is None, "the server ended"


def test_the_open_search_page_finds_an_edit_once_saved(preview_url, catalogue, page):
    url, _ = preview_url
    measure = catalogue / MEASURE
    page.goto(url + "search/?q=预览搜到")
    page.wait_for_selector(".catalogue-results-summary:not(:empty)")
    assert "预览搜到" not in page.locator(".catalogue-results").inner_text()

    measure.write_text(measure.read_text(encoding="utf-8").replace("title: ", "title: 预览搜到", 1), encoding="utf-8")
    # the search page reloads by itself with the edited search files, and runs its query again
    page.wait_for_function(
        "(document.querySelector('.catalogue-results') || {textContent: ''}).textContent.includes('预览搜到')", timeout=90_000
    )
    assert page.locator(".catalogue-results a", has_text="预览搜到").first.get_attribute("href").endswith("measures/yz2021-01/")
