"""How long an editor waits under ``build.py serve``: from saving a measure to seeing the edit in the browser.

    python -m benchmarks.preview [--measures 0] [--edits 5]

``--measures 0`` (the default) previews the real catalogue; a number previews a synthetic
catalogue of that size (``benchmarks/synthetic.py``). The preview runs as an editor runs it, in
its own process; headless Chromium keeps a measure page open. Each edit changes the measure's
title; the time counted is from the write of the file to the moment the reloaded page's heading
shows the new title. Prints each edit's seconds and their median.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import write_catalogue
from reforms.catalogue.load import CATALOGUE_DIR
from tests.chromium import chromium, previewing


def edit_latencies(catalogue: Path, edits: int) -> list[float]:
    measure_file = sorted((catalogue / "measures").glob("*/*.yml"))[0]
    measure_id = measure_file.stem
    original = measure_file.read_text(encoding="utf-8")
    seconds = []
    try:
        with previewing(catalogue, startup_seconds=1800) as (url, _server), chromium() as browser:
            page = browser.new_page()
            page.goto(f"{url}measures/{measure_id}/")
            for number in range(1, edits + 1):
                marker = f"预览测时{number}"
                started = time.perf_counter()
                measure_file.write_text(original.replace("title: ", f"title: {marker}", 1), encoding="utf-8")
                page.wait_for_function(
                    "marker => (document.querySelector('article h1') || {textContent: ''}).textContent.includes(marker)",
                    arg=marker, timeout=300_000, polling="raf",
                )
                seconds.append(time.perf_counter() - started)
                print(f"  第 {number} 次修改：{seconds[-1]:.2f} 秒", file=sys.stderr)
                time.sleep(1)
    finally:
        measure_file.write_text(original, encoding="utf-8")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=0, help="0: the real catalogue")
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reforms-preview-bench-") as scratch:
        if args.measures:
            catalogue = write_catalogue(Path(scratch) / "catalogue", args.measures)
            label = f"合成目录 {args.measures:,} 条措施"
        else:
            catalogue = Path(shutil.copytree(CATALOGUE_DIR, Path(scratch) / "catalogue"))
            label = "真实目录"
        seconds = edit_latencies(catalogue, args.edits)
    print(f"预览（{label}）：从保存到浏览器中看到修改，{len(seconds)} 次的中位数 {statistics.median(seconds):.2f} 秒"
          f"（最快 {min(seconds):.2f}，最慢 {max(seconds):.2f}）")


if __name__ == "__main__":
    main()
