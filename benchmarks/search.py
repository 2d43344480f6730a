"""Search benchmark: our search against Material's built-in search (with jieba), in Chromium.

    .venv/bin/pip install -e ".[test,bench]"      # jieba, for Material's Chinese segmentation
    .venv/bin/python -m benchmarks.search [--runs 5] [--sizes 10000,50000]

Builds, into a temporary folder: the real site; the same site with Material's search
(``plugins: [search: {lang: zh}]``) instead of ours; and, for each of ``--sizes``, the real site
with the search files of a synthetic catalogue of that many records (benchmarks/synthetic.py),
queried with the hand-written queries and ``--substrings`` substrings of its records. Each is served over
HTTP on 127.0.0.1 with gzip, and loaded ``--runs`` times in a fresh headless Chromium context.
Prints, per target: bytes of the files only search needs (raw, and as sent gzip-compressed):
those downloaded until search is ready, those downloaded once every query was answered (ours
loads the parts of its index and the records it shows as queries need them), and every such file, loaded or not
(Material loads its whole index before it is ready); milliseconds from navigation to search
ready; the first query's latency (ours loads parts then); gzip bytes a reader downloads before a
first search shows its first 10 results (every page's search scripts, ``search/index.js``, the
parts and chunks of records the query needs: median and largest over all queries); query
latency once a query's files are loaded, and of a first search with its downloads (median and
95th percentile over all queries of a run; medians of these over the runs); and
the recall and precision of the top
10 on the hand-written queries (benchmarks/queries.yml) and on substrings of every record,
against ground truth computed by substring containment (benchmarks/groundtruth.py); then
whether the issue's targets are met, and the queries each search got wrong.

Material's results are pages; those of measure pages count, in their order. Material indexes
the whole rendered page, so a measure page whose links or headings (not the measure's own
texts) hold the query counts as a wrong hit. Timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks import browser, sites
from benchmarks.groundtruth import Query, Truth, hand_written
from benchmarks.metrics import (
    Quality,
    Run,
    first_result_bytes,
    gzip_sizes,
    quality_of_material,
    quality_of_ours,
    search_bytes,
    search_bytes_on_disk,
)
from benchmarks.synthetic import write_catalogue
from reforms.catalogue.load import CATALOGUE_DIR
from reforms.cli import load_and_check
from tests.chromium import chromium as launch_chromium  # the same launch as the browser tests


@dataclass
class Target:
    name: str
    engine: str  # "ours" or "material"
    site: Path
    truth: Truth
    substrings: list[Query]
    runs: list[Run]
    hand: Quality | None = None
    auto: Quality | None = None
    on_disk: tuple[int, int] = (0, 0)  # raw and gzip bytes of every search file
    records: int = 0


def resolved_catalogue(folder: Path):
    resolved, problems = load_and_check(folder)
    if resolved is None:
        sys.exit(f"{folder}: {len(problems)} problems")
    return resolved


def measure(target: Target, chromium, runs: int, hand: list[Query]) -> None:
    texts = [q.text for q in hand + target.substrings]
    sizes = {}
    if target.engine == "ours":
        target.on_disk = search_bytes_on_disk(target.engine, target.site)
        sizes = gzip_sizes(target.site)
    with sites.Server(target.site) as server:
        for run in range(runs):
            server.log.take()
            page, ready = browser.open_search(target.engine, chromium, server.url)
            raw, gzip = search_bytes(target.engine, server.log.take())
            browser.prepare(target.engine, page, server.url)
            server.log.take()  # no reader downloads what the benchmark's own set-up does
            results = browser.results(target.engine, page, texts)
            more_raw, more_gzip = search_bytes(target.engine, server.log.take())
            latencies = [r["ms"] for r in results]
            shown = [r["shownMs"] for r in results]
            run_figures = Run(ready, raw, gzip, raw + more_raw, gzip + more_gzip, latencies, shown)
            if target.engine == "ours":
                run_figures.cold_latencies = [r["coldMs"] for r in results]
                run_figures.first_bytes = [first_result_bytes(sizes, r["needed"]) for r in results]
            target.runs.append(run_figures)
            if run == 0:
                target.hand, target.auto = qualities(target, hand, results, page)
            page.context.close()
        if target.engine == "material":  # its whole index is loaded before it is ready
            target.on_disk = (int(median(target, "raw_bytes")), int(median(target, "gzip_bytes")))
        print(f"  {target.name}: {runs} runs", file=sys.stderr)


def qualities(target: Target, hand: list[Query], results: list[dict], page) -> tuple[Quality, Quality]:
    """Quality on the hand-written queries and on the substrings (``results`` has both, in that order)."""
    split = len(hand)
    if target.engine == "material":
        return (
            quality_of_material(target.truth, hand, results[:split]),
            quality_of_material(target.truth, target.substrings, results[split:]),
        )

    def every_hit(query: str) -> list[str]:
        return browser.our_hits(page, query)

    return (
        quality_of_ours(target.truth, hand, results[:split], every_hit),
        quality_of_ours(target.truth, target.substrings, results[split:], every_hit),
    )


def median(target: Target, name: str) -> float:
    return statistics.median(getattr(run, name) for run in target.runs)


COUNT = "{:d}"  # a count of queries: no ratio column
ROWS = [
    ("search bytes until ready, raw (KB)", lambda t: median(t, "raw_bytes") / 1024, "{:.0f}"),
    ("search bytes until ready, gzip (KB)", lambda t: median(t, "gzip_bytes") / 1024, "{:.0f}"),
    ("search bytes after all queries, gzip (KB)", lambda t: median(t, "queried_gzip_bytes") / 1024, "{:.0f}"),
    ("every search file, raw (KB)", lambda t: t.on_disk[0] / 1024, "{:.0f}"),
    ("every search file, gzip (KB)", lambda t: t.on_disk[1] / 1024, "{:.0f}"),
    ("ready after load (ms)", lambda t: median(t, "ready_ms"), "{:.0f}"),
    ("first query after ready (ms)", lambda t: median(t, "first_ms"), "{:.1f}"),
    ("gzip KB before a first search's results, median", lambda t: median(t, "first_bytes_median") / 1024, "{:.0f}"),
    ("gzip KB before a first search's results, largest", lambda t: median(t, "first_bytes_max") / 1024, "{:.0f}"),
    ("first search with its downloads, p95 (ms)", lambda t: median(t, "cold_p95_ms"), "{:.1f}"),
    ("query median (ms)", lambda t: median(t, "median_ms"), "{:.3f}"),
    ("query p95 (ms)", lambda t: median(t, "p95_ms"), "{:.3f}"),
    ("query + top 10 marked up, median (ms)", lambda t: median(t, "shown_median_ms"), "{:.3f}"),
    ("query + top 10 marked up, p95 (ms)", lambda t: median(t, "shown_p95_ms"), "{:.3f}"),
]


def quality_rows(label: str, part: str) -> list:
    def get(attribute):
        return lambda t: getattr(t, part).mean(attribute)

    return [
        (f"{label}: queries", lambda t: getattr(t, part).queries, COUNT),
        (f"{label}: recall@10", get("recall_10"), "{:.3f}"),
        (f"{label}: precision@10", get("precision_10"), "{:.3f}"),
        (f"{label}: recall, all hits", get("recall_all"), "{:.3f}"),
        (f"{label}: queries missing a record", lambda t: len(getattr(t, part).missing), COUNT),
        (f"{label}: queries with a wrong hit", lambda t: len(getattr(t, part).wrong), COUNT),
    ]


def ratio_text(ratio: float) -> str:
    return f"{ratio:.3f}" if ratio < 0.1 else f"{ratio:.2f}"


def table(targets: list[Target], runs: int) -> str:
    ours, material, *large = targets
    rows = ROWS + quality_rows("hand-written", "hand") + quality_rows("substrings", "auto")
    rows.append(("hand-written: no-match queries with hits", lambda t: t.hand.none_with_hits, COUNT))
    header = ["", ours.name, material.name, "ours/Material", *(t.name for t in large)]
    lines = [header]
    for label, value, form in rows:
        a, b = value(ours), value(material)
        ratio = ratio_text(a / b) if b and form != COUNT else ""
        lines.append([label, form.format(a), form.format(b), ratio, *(form.format(value(t)) for t in large)])
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = "\n".join(
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths, strict=True))
        )
        for line in lines
    )
    return f"Medians over {runs} runs (bytes, times); quality from the first run.\n{text}"


# Issue 11's targets by catalogue size: gzip KB before a first search's results, query p95 (ms).
SIZE_TARGETS = [(1_000, 150, 10), (10_000, 600, 50), (50_000, 1024, 50)]
FIRST_QUERY_MS = 150


def size_targets(records: int) -> tuple[int, int]:
    return next(((kb, ms) for most, kb, ms in SIZE_TARGETS if records <= most), SIZE_TARGETS[-1][1:])


def goals(targets: list[Target]) -> str:
    """The issues' targets, met or not."""
    ours, material, *large = targets
    checks = []
    for target in (ours, *large):
        kb, ms = size_targets(target.records)
        for part in ("hand", "auto"):
            quality = getattr(target, part)
            checks.append((f"{target.name}, {part}: recall 1.00 (every query finds every record the rule finds)", not quality.missing))
            checks.append((f"{target.name}, {part}: precision 1.00 (no query finds a record the rule does not)", not quality.wrong))
        largest = median(target, "first_bytes_max") / 1024
        checks += [
            (f"{target.name}: gzip bytes before a first search's results ≤ {kb} KB (largest: {largest:.0f})", largest <= kb),
            (f"{target.name}: query p95, files loaded, < {ms} ms", median(target, "p95_ms") < ms),
            (f"{target.name}: first query, with its downloads, < {FIRST_QUERY_MS} ms", median(target, "first_ms") < FIRST_QUERY_MS),
        ]
    checks += [
        ("ours: ready no later than Material", median(ours, "ready_ms") <= median(material, "ready_ms")),
        ("ours: gzip bytes, every search file, ≤ 1.5 × Material's", ours.on_disk[1] <= 1.5 * material.on_disk[1]),
    ]
    for target in large:
        checks.append((f"{target.name}: ready < 1 s", median(target, "ready_ms") < 1000))
    return "\n".join(f"{'met    ' if met else 'NOT MET'}  {text}" for text, met in checks)


def details(targets: list[Target]) -> str:
    lines = []
    for target in targets:
        for part in ("hand", "auto"):
            quality = getattr(target, part)
            for kind in ("missing", "wrong"):
                found = getattr(quality, kind)
                if found:
                    lines.append(f"{target.name} {part} {kind} ({len(found)}): {'、'.join(found[:12])}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Search benchmark: ours against Material's built-in search")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="10000,50000", help="records of each synthetic catalogue, comma-separated")
    parser.add_argument("--per-record", type=int, default=3, help="substring queries per real record")
    parser.add_argument("--substrings", type=int, default=2000, help="substring queries of each synthetic catalogue")
    args = parser.parse_args()
    if importlib.util.find_spec("jieba") is None:
        sys.exit(
            'jieba is missing (Material would index Chinese without word segmentation): pip install -e ".[bench]"'
        )
    hand = hand_written()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="search-bench-") as temp:
        temp = Path(temp)
        real = resolved_catalogue(CATALOGUE_DIR)
        print("building sites …", file=sys.stderr)
        ours_site = sites.build_ours(real, CATALOGUE_DIR, temp / "ours")
        material_site = sites.build_material(real, CATALOGUE_DIR, temp / "material")
        real_truth = Truth(real)
        real_substrings = real_truth.substring_queries(args.per_record)
        targets = [
            Target("ours", "ours", ours_site, real_truth, real_substrings, [], records=len(real.measures)),
            Target("Material", "material", material_site, real_truth, real_substrings, [], records=len(real.measures)),
        ]
        for size in (int(n) for n in args.sizes.split(",") if n):
            print(f"synthetic catalogue of {size:,} …", file=sys.stderr)
            large = resolved_catalogue(write_catalogue(temp / f"catalogue-{size}", size))
            truth = Truth(large)
            substrings = truth.substring_queries(1)
            sample = random.Random(size).sample(substrings, min(args.substrings, len(substrings)))
            site = sites.with_search_of(ours_site, large, temp / f"ours-{size}")
            targets.append(Target(f"ours {size:,}", "ours", site, truth, sample, [], records=size))
        for query in hand:
            if bool(real_truth.refs(query.text)) == (query.kind == "none"):
                where = "occurs in a record" if query.kind == "none" else "occurs in no record"
                print(f"note: hand-written query {query.text!r} ({query.kind}) {where}", file=sys.stderr)
        print("measuring …", file=sys.stderr)
        with launch_chromium() as chromium:
            for target in targets:
                measure(target, chromium, args.runs, hand)
    print(table(targets, args.runs))
    print(goals(targets))
    print(details(targets))
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
