"""How long an editor waits under ``build.py serve``: from saving a measure to seeing the edit in the browser.

    python -m benchmarks.preview [--measures 0] [--edits 5]

``--measures 0`` (the default) previews the real catalogue; a number previews a synthetic
catalogue of that size (``benchmarks/synthetic.py``). The preview runs as an editor runs it, in
its own process, and headless Chromium shows one page at a time, as an editor looks at one: the
measure's page, its document's page (an index page that lists it), or the search page, asked for
the new title. Each edit changes the measure's title; the time counted is from the write of the
file to the moment the page, reloaded, shows the new title (the page notes it itself). The search
page shows it once the search data is made again. Prints the medians of each page against the
target of the performance issue (at most 1 s on the real catalogue, 2 s at 10,000 measures), then,
for reference, the same with the three pages open at once: headless Chromium then reloads all
three together on the machine's two cores, where a browser renders only the tab in front.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

from benchmarks.synthetic import write_catalogue
from reforms.catalogue.load import CATALOGUE_DIR
from reforms.site import paths
from tests.chromium import chromium, previewing

SHOWS_MARKER = {
    "measure": "(document.querySelector('article h1') || {textContent: ''}).textContent.includes(marker)",
    "index": "(document.querySelector('article') || {textContent: ''}).textContent.includes(marker)",
    "search": "(document.querySelector('.catalogue-results') || {textContent: ''}).textContent.includes(marker)",
}
PAGE_LABELS = {"measure": "措施页", "index": "文件页（索引页）", "search": "搜索结果（下载与搜索数据）"}

# Each page notes for itself, in its tab's sessionStorage (kept across reloads), the moment it first
# shows the marker: at every change of its document, without the benchmark asking it over and over
# (asking every few milliseconds costs the 2 cores what the preview needs).
WATCH_FOR_MARKER = """
(() => {
  const check = () => {
    const marker = sessionStorage.getItem("bench-marker");
    if (!marker || sessionStorage.getItem("bench-shown") || !(%s)) return;
    sessionStorage.setItem("bench-shown", String(Date.now()));
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true, characterData: true});
})();
"""


def target_seconds(measures: int) -> float:
    """The issue's target: 1 s on the real catalogue (``measures`` 0), 2 s on a synthetic one (given at 10,000)."""
    return 2.0 if measures else 1.0


def watch(page, name: str, url: str) -> None:
    page.add_init_script(WATCH_FOR_MARKER % SHOWS_MARKER[name])
    page.goto(url)


def expect_marker(page, marker: str) -> None:
    page.evaluate("m => { sessionStorage.setItem('bench-marker', m); sessionStorage.removeItem('bench-shown'); }", marker)


def wait_until_shown(pages: dict, saved: float, timeout: float = 600) -> dict[str, float]:
    """Seconds from ``saved`` (``time.time()``) until each page showed the marker, as the page noted it."""
    seconds: dict[str, float] = {}
    while len(seconds) < len(pages) and time.time() - saved < timeout:
        time.sleep(0.25)
        for name, page in pages.items():
            if name in seconds:
                continue
            try:
                shown = page.evaluate("sessionStorage.getItem('bench-shown')")
            except PlaywrightError:  # the page is reloading
                continue
            if shown:
                seconds[name] = int(shown) / 1000 - saved
    return seconds


# What the preview prints when it is done with a save (reforms/site/serve.py), well or not.
DONE = ("预览已更新", "预览未能更新", "个问题，预览页面显示这些问题")


def builds_done(log: Path) -> int:
    return sum(log.read_text(encoding="utf-8").count(line) for line in DONE)


def wait_until_done(log: Path, done_before: int, timeout: float = 600) -> None:
    """Until the preview is done with the last save: the next edit must not wait for this one."""
    deadline = time.monotonic() + timeout
    while builds_done(log) <= done_before and time.monotonic() < deadline:
        time.sleep(0.1)


def edit_latencies(url: str, log: Path, catalogue: Path, browser, kinds: list[str], edits: int) -> dict[str, list[float]]:
    """Seconds until each page of ``kinds``, all open at once, shows each of ``edits`` edits."""
    measure_file = sorted((catalogue / "measures").glob("*/*.yml"))[0]
    measure_id, document_id = measure_file.stem, measure_file.parent.name
    addresses = {"measure": paths.measure_url(measure_id), "index": paths.document_url(document_id), "search": paths.SEARCH}
    original = measure_file.read_text(encoding="utf-8")
    seconds: dict[str, list[float]] = {name: [] for name in kinds}
    pages = {name: browser.new_page() for name in kinds}
    try:
        for name, page in pages.items():
            watch(page, name, f"{url}{addresses[name]}")
        for number in range(1, edits + 1):
            marker = f"预览测时{number}"
            if "search" in pages:
                pages["search"].goto(f"{url}{paths.SEARCH}?q={marker}")
                pages["search"].wait_for_selector(".catalogue-results-summary:not(:empty)")
            for page in pages.values():
                expect_marker(page, marker)
            time.sleep(0.5)
            done_before, saved = builds_done(log), time.time()
            measure_file.write_text(original.replace("title: ", f"title: {marker}", 1), encoding="utf-8")
            shown = wait_until_shown(pages, saved)
            wait_until_done(log, done_before)
            for name in kinds:
                seconds[name].append(shown.get(name, float("inf")))
            print(f"  第 {number} 次修改：" + "，".join(f"{PAGE_LABELS[n]} {s:.2f} 秒" for n, s in shown.items()), file=sys.stderr)
            time.sleep(1)
    finally:
        done_before = builds_done(log)
        measure_file.write_text(original, encoding="utf-8")
        for page in pages.values():
            page.close()
    wait_until_done(log, done_before)  # else the next group's first edit waits behind this save, and each edit after it behind the one before
    return seconds


def report(label: str, measures: int, seconds: dict[str, list[float]], together: bool = False) -> list[str]:
    target = target_seconds(measures)
    lines = []
    for name, values in seconds.items():
        median = statistics.median(values)
        verdict = "参考，目标针对单个页面" if together else "达标" if median <= target else "未达标"
        how = "三个页面同时打开时，" if together else ""
        lines.append(
            f"预览（{label}）{PAGE_LABELS[name]}：{how}从保存到浏览器中看到修改，{len(values)} 次的中位数 {median:.2f} 秒"
            f"（最快 {min(values):.2f}，最慢 {max(values):.2f}；目标 ≤ {target:.0f} 秒：{verdict}）"
        )
    return lines


def preview_catalogue(measures: int, scratch: Path) -> tuple[Path, str]:
    if measures:
        return write_catalogue(scratch / "catalogue", measures), f"合成目录 {measures:,} 条措施"
    return Path(shutil.copytree(CATALOGUE_DIR, scratch / "catalogue")), "真实目录"


def latency_lines(catalogue: Path, label: str, measures: int, edits: int) -> list[str]:
    """The printed figures: each page alone against the target, then the three open at once."""
    lines = []
    log = catalogue.parent / "preview.log"
    with previewing(catalogue, startup_seconds=1800, log=log) as (url, _server), chromium() as browser:
        for kind in SHOWS_MARKER:
            lines += report(label, measures, edit_latencies(url, log, catalogue, browser, [kind], edits))
        together = edit_latencies(url, log, catalogue, browser, list(SHOWS_MARKER), edits)
        lines += report(label, measures, together, together=True)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=0, help="0: the real catalogue")
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reforms-preview-bench-") as scratch:
        catalogue, label = preview_catalogue(args.measures, Path(scratch))
        lines = latency_lines(catalogue, label, args.measures, args.edits)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
