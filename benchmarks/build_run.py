"""One build, stage by stage, in a process of its own; prints one JSON object (``benchmarks/build.py`` reads it).

    python -m benchmarks.build_run ours CATALOGUE WORK_DIR   # our whole build
    python -m benchmarks.build_run docs CATALOGUE WORK_DIR   # what our build stages, written to WORK_DIR/docs (not timed)
    python -m benchmarks.build_run bare DOCS_DIR WORK_DIR    # Material alone (search off) on those pages

Each stage reports its wall time, CPU time and peak memory so far, so a stage's memory figure is
the peak up to its end. CPU time and memory count the process that makes the search data and
the downloads, then renders pages too (``data_in_background``), as well: its CPU time in the
stage that waits for it. Memory is what both processes hold at once, sampled every 20 ms (``MemoryPeak``).
"""

from __future__ import annotations

import gc
import gzip
import json
import multiprocessing
import os
import resource
import shutil
import statistics
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

from reforms.collector import young_only
from reforms.site.build_site import CONFIG_FILE, run_mkdocs, stage_files, stage_site, write_new
from reforms.site.output import Removal


class MemoryPeak(threading.Thread):
    """The most memory this process and its children held at once, sampled every 20 ms.

    It is the machine's anonymous memory (``AnonPages``: what Python's objects and numpy's arrays
    take) above its level when this process started, plus what this process held then: a page
    the forked process still shares with this one counts once, a page it has copied counts twice,
    as the machine holds them. The figure therefore holds only on a machine doing nothing else.
    Adding up each process's own peak (``ru_maxrss``) counted shared pages in each and added peaks
    that come at different times; reading each process's PSS counts right, but takes 30 ms at
    1.3 GB, too long to do every 20 ms beside the build."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.others_kb = meminfo_kb("AnonPages") - own_kb("RssAnon")
        self.highest_kb = 0
        self.start()

    def run(self) -> None:
        while True:
            self.sample()
            time.sleep(0.02)

    def sample(self) -> None:
        self.highest_kb = max(self.highest_kb, meminfo_kb("AnonPages") - self.others_kb)

    def mb(self) -> float:
        self.sample()
        return self.highest_kb / 1024


def meminfo_kb(field: str) -> int:
    return field_kb(Path("/proc/meminfo").read_text(), field)


def own_kb(field: str) -> int:
    return field_kb(Path("/proc/self/status").read_text(), field)


def field_kb(text: str, field: str) -> int:
    return next(int(line.split()[1]) for line in text.splitlines() if line.startswith(f"{field}:"))


def cpu_seconds() -> float:
    """This process's and its ended children's."""
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))


class Stages(dict):
    """``{stage: {"seconds", "cpu", "peak_mb"}}``, filled as the stages end."""

    def __init__(self) -> None:
        super().__init__()
        self.memory = MemoryPeak()

    def start(self) -> None:
        self.wall, self.cpu = time.perf_counter(), cpu_seconds()

    def end(self, name: str) -> None:
        now_wall, now_cpu = time.perf_counter(), cpu_seconds()
        self[name] = {"seconds": now_wall - self.wall, "cpu": now_cpu - self.cpu, "peak_mb": self.memory.mb()}
        self.wall, self.cpu = now_wall, now_cpu


@contextmanager
def ours_in_mkdocs():
    """Time spent in our part of MkDocs' run, added up over its two processes (``mkdocs_in_two``):
    the hooks and plugins (every plugin event; Material alone has none) and our Markdown extensions
    (``table_markup``, ``plain_cells``). Each process adds to a slot of its own in memory both share."""
    from mkdocs.plugins import PluginCollection

    from reforms.site.plain_cells import PlainCells
    from reforms.site.table_markup import TableMarkup

    slots = multiprocessing.get_context("fork").RawArray("d", 4)  # this process's wall and CPU, the other's
    this_process = os.getpid()

    def timed(method):
        def run(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                slot = 0 if os.getpid() == this_process else 2
                slots[slot] += time.perf_counter() - wall
                slots[slot + 1] += time.process_time() - cpu
        return run

    spent = {}
    originals = PluginCollection.run_event, TableMarkup.run, PlainCells.run
    PluginCollection.run_event, TableMarkup.run, PlainCells.run = (timed(method) for method in originals)
    try:
        yield spent
    finally:
        PluginCollection.run_event, TableMarkup.run, PlainCells.run = originals
        spent.update(seconds=slots[0] + slots[2], cpu=slots[1] + slots[3])


def run_ours(catalogue: Path, work: Path) -> dict:
    from reforms.catalogue.load import load_catalogue
    from reforms.catalogue.resolve import resolve
    from reforms.catalogue.validate import check_catalogue

    stages = Stages()
    stages.start()
    with young_only():  # as ``cli.load_and_check``
        loaded, problems = load_catalogue(catalogue)
        problems += check_catalogue(loaded)
    stages.end("load + validate")
    with young_only():
        resolved, resolve_problems = resolve(loaded)
    del loaded  # as ``cli.load_and_check`` keeps only the resolved catalogue
    stages.end("resolve")
    if problems or resolve_problems:
        raise SystemExit(f"{catalogue}: {len(problems) + len(resolve_problems)} problems")
    staging = work / "staging"
    staging.mkdir()
    pages = stage_site(staging, resolved, catalogue, stage_done=stages.end)
    del resolved  # as ``build.py build`` lets the catalogue go before MkDocs runs
    gc.collect()
    stages.end("let go")
    removal = Removal(staging)  # as ``publish`` removes it, once MkDocs has read it
    with ours_in_mkdocs() as hooks:
        run_mkdocs(staging, work / "site", CONFIG_FILE, pages=pages, docs_read=removal.start)
    stages.end("mkdocs")
    removal.finish()
    stages.end("remove staging")
    # the removal's thread ran beside MkDocs, and its CPU time is ours: what it spent before MkDocs ended
    # counted in MkDocs' stage, the rest in this one already
    stages["mkdocs"]["cpu"] -= removal.cpu - stages["remove staging"]["cpu"]
    stages["remove staging"]["cpu"] = removal.cpu
    return {"stages": stages, "hooks": hooks, **output_figures(work / "site")}


def write_docs(catalogue: Path, work: Path) -> dict:
    """Every file our build stages, written to a docs directory for Material alone (``run_bare``)."""
    from reforms.cli import load_and_check

    resolved, _ = load_and_check(catalogue)
    written = write_new(stage_files(resolved, catalogue).items(), work / "docs")
    return {"files": len(written)}


def run_bare(docs: Path, work: Path) -> dict:
    """Material with its search off and nothing of ours: no hooks, no extension, no extra assets."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with CONFIG_FILE.open(encoding="utf-8") as config_text:
        ours = yaml_load(config_text)  # MkDocs' own reading: mkdocs.yml uses !ENV
    config = {
        "site_name": ours["site_name"],
        "theme": {"name": "material", "language": "zh", "font": False},
        "nav": ours["nav"],
        "plugins": [],
        "markdown_extensions": ["tables", "attr_list", "md_in_html", "admonition", {"toc": {"permalink": False}}],
        "validation": {"nav": {"omitted_files": "ignore"}, "links": {"absolute_links": "relative_to_docs"}},  # as the pages link
    }
    config_file = work / "bare-mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    stages = Stages()
    stages.start()
    build(load_config(config_file=str(config_file), docs_dir=str(docs), site_dir=str(work / "bare-site")))
    stages.end("mkdocs")
    figures = output_figures(work / "bare-site")
    shutil.rmtree(docs)  # not timed: written for this run alone (``write_docs``)
    return {"stages": stages, **figures}


def output_figures(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    measure_pages = sorted((site / "measures").glob("*/index.html"))
    gzipped = [len(gzip.compress(p.read_bytes(), 6)) for p in measure_pages[:200]]
    return {
        "site_mb": sum(p.stat().st_size for p in files) / 1e6,
        "files": len(files),
        "measure_page_gzip_kb": statistics.median(gzipped) / 1024 if gzipped else 0,
    }


def main() -> None:
    kind, source, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    work.mkdir(parents=True, exist_ok=True)
    run = {"ours": run_ours, "docs": write_docs, "bare": run_bare}[kind]
    result = run(source, work)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
