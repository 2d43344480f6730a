"""The build at province scale: our stages beside bare Material (search off) on the same pages.

    python -m benchmarks.build [--sizes 1000 10000 50000] [--runs 3] [--real] [--preview]

For each size a synthetic catalogue is written (``benchmarks/synthetic.py``), then built
``--runs`` times, each run in a fresh process (``benchmarks/build_run.py``): our build stage by
stage, then MkDocs with Material alone on the pages our build staged. Figures are medians over
the runs: wall seconds, CPU seconds (user + system: steadier than wall time on a shared machine)
and the most memory held at once up to the end of each stage, by our build's two processes
together (``build_run.MemoryPeak``). Prints a Markdown table per
catalogue, then each target of the performance issue as met (达标) or not (未达标):

* overhead: our whole build over bare Material's, in wall time, at every size (target at most 25%
  on top). It holds everything of ours (our stages before MkDocs, our hooks, plugins and Markdown
  extensions within its run, the theme's overrides and features) and MkDocs' own work, whose pages
  our build shares out between two processes (``mkdocs_in_two``), as Material alone does not.
  Beside it, in CPU time (both processes added up): the whole build, and our own part as the
  issue counts it (every stage but MkDocs' own page rendering);
* growth: our whole build at 10,000 measures over 1,000 (target at most 11×);
* peak memory of our build at 50,000 measures (target under 2 GB);
* with ``--preview``, the preview's latency (``benchmarks/preview.py``) on the real catalogue
  (target 1 s) and at 10,000 measures (target 2 s).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import preview
from benchmarks.synthetic import write_catalogue
from reforms.catalogue.load import CATALOGUE_DIR

OVERHEAD_TARGET = 0.25
GROWTH_TARGET = 11
MEMORY_TARGET_MB = 2048

STAGES = {  # as build_run names them → as the table shows them
    "load + validate": "载入与校验",
    "resolve": "解析引用",
    "render": "本进程：复制来源文本与数据文件，读提交历史、生成其中的页面与订阅，再分担生成页面",
    "downloads + search": "另一进程：搜索索引、下载文件，再分担生成页面（与本进程同时；墙钟为等待它的时间）",
    "let go": "放下目录（回收它的内存）",
    "mkdocs": "MkDocs 生成 HTML（页面由两个进程分担；CPU 为两个进程合计）",
    "remove staging": "删除暂存目录（另一线程，与 MkDocs 同时：墙钟为 MkDocs 之后等它的时间，CPU 为它的全部）",
}


def one_run(kind: str, source: Path, work: Path) -> dict:
    # Each run with a cache folder of its own, empty: a build as a fresh clone (and CI) makes it,
    # compiling every template and reading the whole history, as Material alone does its templates.
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache")}
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.build_run", kind, str(source), str(work)],
        check=True, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1], env=env,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def measure(catalogue: Path, runs: int, scratch: Path) -> tuple[list[dict], list[dict]]:
    ours, bare = [], []
    for run in range(runs):
        work = scratch / f"run-{run}"
        ours.append(one_run("ours", catalogue, work))
        one_run("docs", catalogue, work)
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
                 f"{peak(ours):.0f} |")
    lines.append(f"| 仅 Material（关闭搜索） | {total(bare, 'seconds'):.2f} | {total(bare, 'cpu'):.2f} | "
                 f"{peak(bare):.0f} |")
    lines += [
        "",
        overhead_line(ours, bare),
        own_line(ours, bare),
        f"其中 MkDocs 之外的各步（之前的各步，加上之后删除暂存目录）：墙钟 {before_mkdocs(ours, bare, 'seconds'):+.0%}，CPU {before_mkdocs(ours, bare, 'cpu'):+.0%}；"
        f"MkDocs 中我们的钩子与表格扩展（两个进程合计）：CPU {hooks(ours, 'cpu') / total(bare, 'cpu'):+.0%}；"
        f"MkDocs 这一步与仅 Material 相比：墙钟 {median(ours, 'mkdocs', 'seconds') / total(bare, 'seconds') - 1:+.0%}，CPU {median(ours, 'mkdocs', 'cpu') / total(bare, 'cpu') - 1:+.0%}",
        f"输出：{statistics.median(r['site_mb'] for r in ours):.1f} MB，{ours[0]['files']} 个文件；"
        f"措施页 HTML gzip 后中位数 {statistics.median(r['measure_page_gzip_kb'] for r in ours):.1f} KB"
        f"（仅 Material {statistics.median(r['measure_page_gzip_kb'] for r in bare):.1f} KB）",
        "",
    ]
    return lines


def overhead(ours: list[dict], bare: list[dict], key: str) -> float:
    return total(ours, key) / total(bare, key) - 1


def hooks(results: list[dict], key: str) -> float:
    """Our part of MkDocs' run (``build_run.ours_in_mkdocs``)."""
    return statistics.median(r["hooks"][key] for r in results)


def own_share(ours: list[dict], bare: list[dict], key: str) -> float:
    """Everything of ours, as the issue counts it: every stage but MkDocs' own page rendering (our
    stages before MkDocs, our hooks and extension within its run), as a share of Material alone."""
    own = statistics.median(sum(s[key] for name, s in r["stages"].items() if name != "mkdocs") + r["hooks"][key] for r in ours)
    return own / total(bare, key)


def overhead_line(ours: list[dict], bare: list[dict]) -> str:
    """The target: everything of ours on top of Material alone, in the time a build takes."""
    wall = overhead(ours, bare, "seconds")
    return (f"本项目整个生成（我们的各步，加上 MkDocs 这一步的全部，其中页面由两个进程分担）比仅 Material：墙钟 {wall:+.0%}"
            f"（{met(wall <= OVERHEAD_TARGET)}）；目标 ≤ {OVERHEAD_TARGET:+.0%}")


def own_line(ours: list[dict], bare: list[dict]) -> str:
    """Our own work, as the issue counts it, in CPU time: what a busy machine pays for it."""
    whole, own = overhead(ours, bare, "cpu"), own_share(ours, bare, "cpu")
    return (f"CPU（参考：两个进程合计，机器忙时的代价）：整个生成比仅 Material {whole:+.0%}；其中本项目自己的部分"
            f"（MkDocs 之外的各步，加上 MkDocs 中我们的钩子与表格扩展）{own:+.0%}")


def before_mkdocs(ours: list[dict], bare: list[dict], key: str) -> float:
    """Our own stages, MkDocs' run left out (those before it, and removing the staging directory
    after it), as a share of Material alone."""
    return (total(ours, key) - median(ours, "mkdocs", key)) / total(bare, key)


def peak(results: list[dict]) -> float:
    return max(r["stages"]["mkdocs"]["peak_mb"] for r in results)


def met(ok: bool) -> str:
    return "达标" if ok else "未达标"


def targets(builds: dict[str, tuple[list[dict], list[dict]]], wholes: dict[int, list[dict]], previews: list[str]) -> list[str]:
    """Every target of the performance issue that this run measured, met or not."""
    lines = ["## 目标", ""]
    for label, (ours, bare) in builds.items():
        lines.append(f"- {label}：{overhead_line(ours, bare)}")
    if 1000 in wholes and 10_000 in wholes:
        growth = total(wholes[10_000], "seconds") / total(wholes[1000], "seconds")
        growth_cpu = total(wholes[10_000], "cpu") / total(wholes[1000], "cpu")
        lines.append(f"- 增长 10,000 条 / 1,000 条：墙钟 {growth:.1f} 倍（{met(growth <= GROWTH_TARGET)}），"
                     f"CPU {growth_cpu:.1f} 倍（{met(growth_cpu <= GROWTH_TARGET)}）；目标 ≤ {GROWTH_TARGET} 倍")
    if 50_000 in wholes:
        memory = peak(wholes[50_000])
        lines.append(f"- 50,000 条时峰值内存 {memory:,.0f} MB（{met(memory < MEMORY_TARGET_MB)}）；目标 < {MEMORY_TARGET_MB:,} MB")
    lines += [f"- {line}" for line in previews]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10_000, 50_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--real", action="store_true", help="also the real catalogue")
    parser.add_argument("--preview", action="store_true", help="also the preview's latency, on the real catalogue and at 10,000")
    parser.add_argument("--edits", type=int, default=5, help="edits timed per preview")
    args = parser.parse_args()
    print(f"机器：{platform.machine()}，{os.cpu_count()} 核，Python {platform.python_version()}；每项为 {args.runs} 轮的中位数\n")
    builds: dict[str, tuple[list[dict], list[dict]]] = {}
    wholes: dict[int, list[dict]] = {}
    previews: list[str] = []
    with tempfile.TemporaryDirectory(prefix="reforms-bench-") as scratch:
        catalogues = [("真实目录", CATALOGUE_DIR, 0)] if args.real else []
        for size in args.sizes:
            catalogues.append((f"合成目录 {size:,} 条措施", write_catalogue(Path(scratch) / f"catalogue-{size}", size), size))
        for label, catalogue, size in catalogues:
            print(f"{label} …", file=sys.stderr)
            ours, bare = measure(catalogue, args.runs, Path(scratch) / f"catalogue-{size or 'real'}-runs")
            print("\n".join(table(label, ours, bare)), flush=True)
            builds[label] = ours, bare
            if size:
                wholes[size] = ours
            if args.preview and size in (0, 10_000):
                print(f"{label}：预览 …", file=sys.stderr)
                lines = preview.latency_lines(preview_copy(catalogue, Path(scratch) / f"preview-{size}"), label, size, args.edits)
                previews += lines
                print("\n".join(lines) + "\n", flush=True)
    print("\n".join(targets(builds, wholes, previews)))


def preview_copy(catalogue: Path, folder: Path) -> Path:
    """The preview edits a measure file: a copy, so the real catalogue is never touched."""
    return Path(shutil.copytree(catalogue, folder / "catalogue"))


if __name__ == "__main__":
    main()
