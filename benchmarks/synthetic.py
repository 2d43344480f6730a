"""A synthetic catalogue of any size, made from the real one, for benchmarking search.

The documents, departments, themes and source texts are the real ones (copied). Each synthetic
measure takes its place in a document (section, subsection, kind, source lines) and its units
(lead, partners, scope, due of each action) from a real measure of that document, so that it
validates and resolves like the real ones; its title is another real measure's title and the
text of each action is one to three sentences drawn from real action texts. Numbering runs
1, 2, 3 … per document and kind. Reforms follow the real ones: the n-th copies of the measures
of a real reform make a synthetic reform, where they come from at least two documents.

    python -m benchmarks.synthetic OUT_DIR [--measures 10000]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from collections import Counter, defaultdict
from pathlib import Path

from reforms.catalogue.load import CATALOGUE_DIR, load_catalogue
from reforms.catalogue.model import Measure, Reform
from reforms.catalogue.yamlio import dump_yaml
from reforms.editors.importer.run import record_yaml

SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")
COPIED = ("documents", "departments", "sources", "themes.yml")


def sentences(measures: list[Measure]) -> list[str]:
    found = [s.strip() for m in measures for a in m.actions for s in SENTENCE.findall(a.text)]
    return [s for s in found if len(s) >= 4]


def synthetic_measure(
    base: Measure, number: int, index: int, titles: list[str], pool: list[str], rng: random.Random
) -> Measure:
    actions = [
        action.model_copy(update={"text": "".join(rng.sample(pool, rng.randint(1, 3)))})
        for action in base.actions
    ]
    return base.model_copy(
        update={
            "id": f"{base.document}-syn-{index:05d}",
            "number": str(number),
            "title": rng.choice(titles),
            "city_task": rng.choice(pool) if base.city_task else None,
            "actions": actions,
            "notes": [],
        }
    )


def write_catalogue(target: Path, count: int, source: Path = CATALOGUE_DIR, seed: int = 10000) -> Path:
    """Write a catalogue of ``count`` synthetic measures into ``target`` (made empty first)."""
    catalogue, problems = load_catalogue(source)
    if problems:
        raise ValueError(f"{source}: {len(problems)} problems")
    real = [located.record for located in catalogue.measures]
    rng = random.Random(seed)
    titles = [m.title for m in real]
    pool = sentences(real)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in COPIED:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
        else:
            shutil.copy2(source / name, target / name)
    numbers: Counter[tuple[str, str]] = Counter()
    copies: dict[str, list[Measure]] = defaultdict(list)  # real measure id → its synthetic copies
    for index in range(count):
        base = real[index % len(real)] if index < len(real) else rng.choice(real)
        numbers[(base.document, base.kind)] += 1
        measure = synthetic_measure(base, numbers[(base.document, base.kind)], index, titles, pool, rng)
        path = target / "measures" / measure.document / f"{measure.id}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(record_yaml(measure), encoding="utf-8")
        copies[base.id].append(measure)
    write_reforms(target, [r.record for r in catalogue.reforms], copies)
    return target


def write_reforms(target: Path, reforms: list[Reform], copies: dict[str, list[Measure]]) -> None:
    folder = target / "reforms"
    folder.mkdir()
    written, seen = 0, set()
    for reform in reforms:
        for n in range(max(len(copies[m]) for m in reform.measures)):
            members = [copies[m][n] for m in reform.measures if n < len(copies[m])]
            key = frozenset(m.id for m in members)
            if len({m.document for m in members}) < 2 or key in seen:
                continue
            seen.add(key)
            written += 1
            record = reform.model_copy(update={"id": f"syn{written:05d}", "measures": [m.id for m in members]})
            (folder / f"{record.id}.yml").write_text(dump_yaml(record.model_dump(exclude_none=True, exclude_defaults=True)), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="目标文件夹（会被清空）")
    parser.add_argument("--measures", type=int, default=10_000)
    args = parser.parse_args()
    write_catalogue(args.out, args.measures)
    print(f"已写出 {args.measures} 条措施到 {args.out}")


if __name__ == "__main__":
    main()
