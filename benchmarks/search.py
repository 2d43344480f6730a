"""Search benchmark: our search against Material's built-in search (with jieba), in Chromium.

    .venv/bin/pip install -e ".[test,bench]"      # jieba, for Material's Chinese segmentation
    .venv/bin/python -m benchmarks.search [--runs 5] [--measures 10000]

Builds, into a temporary folder: the real site; the same site with Material's search
(``plugins: [search: {lang: zh}]``) instead of ours; and the real site with the search files of a
synthetic catalogue of ``--measures`` records (benchmarks/synthetic.py). Each is served over
HTTP on 127.0.0.1 with gzip, and loaded ``--runs`` times in a fresh headless Chromium context.
Prints, per target: bytes of the files only search needs (raw, and as sent gzip-compressed),
milliseconds from navigation to search ready, query latency (median and 95th percentile over
all queries of a run; medians of these over the runs), and the recall and precision of the top
10 on the hand-written queries (benchmarks/queries.yml) and on substrings of every record,
against ground truth computed by substring containment (benchmarks/groundtruth.py).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks import browser, sites
from benchmarks.groundtruth import Query, Truth, hand_written
from benchmarks.metrics import Quality, Run, quality_of_material, quality_of_ours, search_bytes
from benchmarks.synthetic import write_catalogue
from reforms.catalogue import CATALOGUE_DIR
from reforms.cli import load_and_check


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


def resolved_catalogue(folder: Path):
    resolved, problems = load_and_check(folder)
    if resolved is None:
        sys.exit(f"{folder}: {len(problems)} problems")
    return resolved


def measure(target: Target, chromium, runs: int, hand: list[Query]) -> None:
    queries = hand + target.substrings
    texts = [q.text for q in queries]
    with sites.Server(target.site) as server:
        for run in range(runs):
            server.log.take()
            if target.engine == "ours":
                page, ready = browser.open_ours(chromium, server.url)
            else:
                page, ready = browser.open_material(chromium, server.url)
            raw, gzip = search_bytes(target.engine, server.log.take())
            if target.engine == "ours":
                results = browser.our_results(page, texts)
            else:
                results = browser.material_results(page, server.url, texts)
            target.runs.append(Run(ready, raw, gzip, [r["ms"] for r in results]))
            if run == 0:
                split = len(hand)
                if target.engine == "ours":
                    fetch = lambda query, page=page: browser.our_hits(page, query)  # noqa: E731
                    target.hand = quality_of_ours(target.truth, hand, results[:split], fetch)
                    target.auto = quality_of_ours(target.truth, target.substrings, results[split:], fetch)
                else:
                    target.hand = quality_of_material(target.truth, hand, results[:split])
                    target.auto = quality_of_material(target.truth, target.substrings, results[split:])
            page.context.close()
        print(f"  {target.name}: {runs} runs", file=sys.stderr)


def median(target: Target, name: str) -> float:
    return statistics.median(getattr(run, name) for run in target.runs)


ROWS = [
    ("search bytes, raw (KB)", lambda t: median(t, "raw_bytes") / 1024, "{:.0f}"),
    ("search bytes, gzip (KB)", lambda t: median(t, "gzip_bytes") / 1024, "{:.0f}"),
    ("ready after load (ms)", lambda t: median(t, "ready_ms"), "{:.0f}"),
    ("query median (ms)", lambda t: median(t, "median_ms"), "{:.2f}"),
    ("query p95 (ms)", lambda t: median(t, "p95_ms"), "{:.2f}"),
]


def quality_rows(label: str, part: str) -> list:
    def get(attribute):
        return lambda t: getattr(t, part).mean(attribute)

    return [
        (f"{label}: queries", lambda t: getattr(t, part).queries, "{:.0f}"),
        (f"{label}: recall@10", get("recall_10"), "{:.3f}"),
        (f"{label}: precision@10", get("precision_10"), "{:.3f}"),
        (f"{label}: recall, all hits", get("recall_all"), "{:.3f}"),
        (f"{label}: queries missing a record", lambda t: len(getattr(t, part).missing), "{:.0f}"),
        (f"{label}: queries with a wrong hit", lambda t: len(getattr(t, part).wrong), "{:.0f}"),
    ]


def table(targets: list[Target], runs: int) -> str:
    ours, material, *large = targets
    rows = ROWS + quality_rows("hand-written", "hand") + quality_rows("substrings", "auto")
    rows.append(("hand-written: no-match queries with hits", lambda t: t.hand.none_with_hits, "{:.0f}"))
    header = ["", ours.name, material.name, "ours/Material", *(t.name for t in large)]
    lines = [header]
    for label, value, form in rows:
        a, b = value(ours), value(material)
        ratio = f"{a / b:.2f}" if b else "–"
        lines.append([label, form.format(a), form.format(b), ratio, *(form.format(value(t)) for t in large)])
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = "\n".join(
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths, strict=True))
        )
        for line in lines
    )
    return f"Medians over {runs} runs (bytes, times); quality from the first run.\n{text}"


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
    parser.add_argument("--measures", type=int, default=10_000, help="records of the synthetic catalogue")
    parser.add_argument("--per-record", type=int, default=3, help="substring queries per real record")
    args = parser.parse_args()
    hand = hand_written()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="search-bench-") as temp:
        temp = Path(temp)
        real = resolved_catalogue(CATALOGUE_DIR)
        print("building sites …", file=sys.stderr)
        ours_site = sites.build_ours(real, CATALOGUE_DIR, temp / "ours")
        material_site = sites.build_material(real, CATALOGUE_DIR, temp / "material")
        large = resolved_catalogue(write_catalogue(temp / "catalogue", args.measures))
        large_site = sites.with_search_of(ours_site, large, temp / "ours-large")
        real_truth, large_truth = Truth(real), Truth(large)
        real_substrings = real_truth.substring_queries(args.per_record)
        targets = [
            Target("ours", "ours", ours_site, real_truth, real_substrings, []),
            Target("Material", "material", material_site, real_truth, real_substrings, []),
            Target(
                f"ours {args.measures // 1000}K",
                "ours",
                large_site,
                large_truth,
                large_truth.substring_queries(1),
                [],
            ),
        ]
        for query in hand:
            if bool(real_truth.refs(query.text)) == (query.kind == "none"):
                where = "occurs in a record" if query.kind == "none" else "occurs in no record"
                print(f"note: hand-written query {query.text!r} ({query.kind}) {where}", file=sys.stderr)
        print("measuring …", file=sys.stderr)
        with browser.chromium() as chromium:
            for target in targets:
                measure(target, chromium, args.runs, hand)
    print(table(targets, args.runs))
    print(details(targets))
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
