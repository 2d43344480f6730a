"""Editors' decisions on ``build.py suggest`` candidates, written into the catalogue's YAML.

``confirm``: the two measures carry one reform: the measure not yet in a record joins the other's
record, or a new record ``reforms/r<next number>.yml`` holds both. ``dismiss``: they do not; the
pair and the reason are added to ``dismissed.yml`` so it is not suggested again.
"""

from __future__ import annotations

import re
from pathlib import Path

from reforms.catalogue.load import Catalogue
from reforms.catalogue.model import Reform
from reforms.catalogue.yamlio import dump_yaml


class DecisionError(Exception):
    """Why nothing was written, said for the editor."""


def reform_text(reform: Reform) -> str:
    return dump_yaml(reform.model_dump(exclude_defaults=True))


def next_reform_id(catalogue: Catalogue) -> str:
    numbers = [int(m.group(1)) for r in catalogue.reforms if (m := re.fullmatch(r"r([0-9]+)", r.record.id))]
    return f"r{max(numbers, default=0) + 1:03d}"


def confirm(catalogue: Catalogue, first: str, second: str, name: str | None = None) -> Path:
    """Write the pair into a reform record; the path of the record written."""
    measures = {m.record.id: m.record for m in catalogue.measures}
    for measure_id in (first, second):
        if measure_id not in measures:
            raise DecisionError(f"措施 {measure_id} 不存在")
    holding = [r.record for r in catalogue.reforms if {first, second} & set(r.record.measures)]
    if len(holding) > 1:
        ids = "、".join(r.id for r in holding)
        raise DecisionError(f"两条措施已分属改革 {ids}：请手工合并这些记录")
    if holding:
        reform = holding[0]
        if {first, second} <= set(reform.measures):
            raise DecisionError(f"两条措施已同在改革 {reform.id} 中")
        added = second if first in reform.measures else first
        reform = reform.model_copy(update={"measures": [*reform.measures, added]})
    else:
        title = name or measures[first].title
        reform = Reform(id=next_reform_id(catalogue), name=title, measures=[first, second])
    path = catalogue.root / "reforms" / f"{reform.id}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(reform_text(reform), encoding="utf-8")
    return path


def dismiss(catalogue: Catalogue, first: str, second: str, reason: str) -> Path:
    if not reason.strip():
        raise DecisionError("请用 --reason 写明为什么不是同一改革")
    path = catalogue.root / "dismissed.yml"
    text = path.read_text(encoding="utf-8") if path.exists() else "dismissed:\n"
    entry = dump_yaml([{"measures": [first, second], "reason": reason.strip()}])
    path.write_text(text + entry, encoding="utf-8")
    return path
