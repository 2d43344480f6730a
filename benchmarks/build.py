"""The build at province scale: our stages beside bare Material (search off) on the same pages.

    python -m benchmarks.build [--sizes 1000 10000 50000] [--runs 3] [--real]

For each size a synthetic catalogue is written (``benchmarks/synthetic.py``), then built
``--runs`` times, each run in a fresh process (``benchmarks/build_run.py``): our build stage by
stage, then MkDocs with Material alone on the pages our build staged. Figures are medians over
the runs: wall seconds, CPU seconds (user + system: steadier than wall time on a shared machine)
and the peak memory of the process up to the end of each stage. Prints a Markdown table and the
targets of the performance issue:

* overhead: our whole build over bare Material's, minus one (target at most 25%);
* growth: our whole build at 10,000 measures over 1,000 (target at most 11×);
* peak memory of our build at 50,000 measures (target under 2 GB).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.synthetic import write_catalogue
from reforms.catalogue.load import CATALOGUE_DIR

STAGES = {  # as build_run names them → as the table shows them
    "load + validate": "载入与校验",
    "resolve": "解析引用",
    "render": "生成页面",
    "downloads": "下载文件",
    "search": "搜索索引",
    "write staging": "写出暂存目录",
    "mkdocs": "MkDocs 生成 HTML",
}


def one_run(kind: str, source: Path, work: Path) -> dict:
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.build_run", kind, str(source), str(work)],
        check=True, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1],
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def measure(catalogue: Path, runs: int, scratch: Path) -> tuple[list[dict], list[dict]]:
    ours, bare = [], []
    for run in range(runs):
        work = scratch / f"run-{run}"
        ours.append(one_run("ours", catalogue, work))
        bare.append(one_run("bare", work / "docs", work))
        print(f"  第 {run + 1}/{runs} 轮完成", file=sys.stderr)
    return ours, bare


def median(results: list[dict], stage: str, key: str) -> float:
    return statistics.median(r["stages"][stage][key] for r in results)


def total(results: list[dict], key: str) -> float:
    return statistics.median(sum(s[key] for s in r["stages"].values()) for r in results)


def table(label: str, ours: list[dict], bare: list[dict]) -> list[str]:
    lines = [f"### {label}", "", "| 阶段 | 墙钟秒 | CPU 秒 | 至此峰值内存 MB |", "|---|---:|---:|---:|"]
    for stage, label in STAGES.items():
        lines.append(
            f"| {label} | {median(ours, stage, 'seconds'):.2f} | {median(ours, stage, 'cpu'):.2f} "
            f"| {median(ours, stage, 'peak_mb'):.0f} |"
        )
    lines.append(f"| **本项目整个生成** | {total(ours, 'seconds'):.2f} | {total(ours, 'cpu'):.2f} | "
                 f"{max(r['stages']['mkdocs']['peak_mb'] for r in ours):.0f} |")
    lines.append(f"| 仅 Material（关闭搜索） | {total(bare, 'seconds'):.2f} | {total(bare, 'cpu'):.2f} | "
                 f"{max(r['stages']['mkdocs']['peak_mb'] for r in bare):.0f} |")
    overhead_wall = total(ours, "seconds") / total(bare, "seconds") - 1
    overhead_cpu = total(ours, "cpu") / total(bare, "cpu") - 1
    lines += [
        "",
        f"比仅 Material 多用：墙钟 {overhead_wall:+.0%}，CPU {overhead_cpu:+.0%}（目标 ≤ +25%）",
        f"输出：{statistics.median(r['site_mb'] for r in ours):.1f} MB，{ours[0]['files']} 个文件；"
        f"措施页 HTML gzip 后中位数 {statistics.median(r['measure_page_gzip_kb'] for r in ours):.1f} KB"
        f"（仅 Material {statistics.median(r['measure_page_gzip_kb'] for r in bare):.1f} KB）",
        "",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10_000, 50_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--real", action="store_true", help="also the real catalogue")
    args = parser.parse_args()
    print(f"机器：{platform.machine()}，{os.cpu_count()} 核，Python {platform.python_version()}；每项为 {args.runs} 轮的中位数\n")
    wholes: dict[int, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="reforms-bench-") as scratch:
        catalogues = [("真实目录", CATALOGUE_DIR, None)] if args.real else []
        for size in args.sizes:
            catalogues.append((f"合成目录 {size:,} 条措施", write_catalogue(Path(scratch) / f"catalogue-{size}", size), size))
        for label, catalogue, size in catalogues:
            print(f"{label} …", file=sys.stderr)
            ours, bare = measure(catalogue, args.runs, Path(scratch) / f"catalogue-{size or 'real'}-runs")
            print("\n".join(table(label, ours, bare)), flush=True)
            if size:
                wholes[size] = ours
    if 1000 in wholes and 10_000 in wholes:
        growth = total(wholes[10_000], "seconds") / total(wholes[1000], "seconds")
        print(f"增长：10,000 条 / 1,000 条 = {growth:.1f} 倍（墙钟；目标 ≤ 11 倍）")
    if 50_000 in wholes:
        peak = max(r["stages"]["mkdocs"]["peak_mb"] for r in wholes[50_000])
        print(f"50,000 条时峰值内存：{peak:,.0f} MB（目标 < 2,048 MB）")


if __name__ == "__main__":
    main()
