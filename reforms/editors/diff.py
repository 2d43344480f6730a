"""``build.py diff BASE``: what a change to the catalogue does, in readers' terms, as Markdown.

The working tree's catalogue is compared with the catalogue at git ref BASE: measures added,
removed and changed (field by field, ``actions[0].lead: 区财政局 → 区发展改革委``), actions whose
implementation status changed (``举措 1：未报告 → 已完成（2026-11-20）``), departments
whose assignments changed (with the measures concerned), and other records that changed.
Either side may fail validation; what loads is compared, and the Markdown says so.
Everything is sorted, so the same change always gives the same text.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from reforms.catalogue.load import Catalogue, Located, load_catalogue
from reforms.catalogue.model import DEFAULT_STATUS
from reforms.catalogue.resolve import Resolved, resolve
from reforms.catalogue.validate import check_catalogue
from reforms.editors.gitref import materialise_catalogue

ABSENT = "（无）"
CONTEXT, LIMIT = 12, 60  # characters around a change in a long text; texts up to LIMIT are shown whole
DETAIL_LIMIT = 100  # changed measures shown field by field; beyond, by id (a PR comment holds 65,536 characters)
ROLES = {"lead": "牵头", "partners": "配合"}
OTHER_KINDS = (("文件", "documents"), ("部门", "departments"), ("改革", "reforms"), ("主题", "themes"))
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>|#~@!])")


@dataclass
class Side:
    catalogue: Catalogue
    resolved: Resolved
    problem_count: int


@dataclass
class Changes:
    added: list[str]
    removed: list[str]
    changed: dict[str, list[tuple[str, str, str]]]  # id → (field, before, after)


def load_side(root: Path) -> Side:
    catalogue, problems = load_catalogue(root)
    problems += check_catalogue(catalogue)
    resolved, resolve_problems = resolve(catalogue)
    return Side(catalogue, resolved, len(problems) + len(resolve_problems))


def md(text: str) -> str:
    """Text as literal Markdown on one line: no markup, links, mentions or HTML from the data."""
    return _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))


def code(text: str) -> str:
    """Text in a code span (ids, field paths, the ref): shown as is, so only backticks are replaced."""
    return "`" + text.replace("`", "'") + "`"


def flatten(value: object, prefix: str = "") -> dict[str, str]:
    """``{"actions[0].lead": "区财政局", …}`` for every value set in a record."""
    if isinstance(value, dict):
        items = [(f"{prefix}.{key}" if prefix else str(key), item) for key, item in value.items()]
    elif isinstance(value, list) and all(isinstance(item, dict) for item in value):
        items = [(f"{prefix}[{index}]", item) for index, item in enumerate(value)]
    elif isinstance(value, list):  # a list of texts reads as one value: 区财政局、区住建委
        return {prefix: "、".join(map(str, value))} if value else {}
    elif value is None:
        return {}
    else:
        return {prefix: str(value).lower() if isinstance(value, bool) else str(value)}
    return {path: text for key, item in items for path, text in flatten(item, key).items()}


def differing_part(before: str, after: str) -> tuple[str, str]:
    """Long texts cut down to where they differ, with a little context either side."""
    if len(before) <= LIMIT and len(after) <= LIMIT:
        return before, after
    prefix = len(os.path.commonprefix([before, after]))
    suffix = len(os.path.commonprefix([before[prefix:][::-1], after[prefix:][::-1]]))
    start = max(0, prefix - CONTEXT)

    def cut(text: str) -> str:
        end = min(len(text), len(text) - suffix + CONTEXT, start + 2 * LIMIT)
        return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")

    return cut(before), cut(after)


def field_changes(before: BaseModel, after: BaseModel) -> list[tuple[str, str, str]]:
    return data_changes(before.model_dump(), after.model_dump())


def data_changes(before: dict, after: dict) -> list[tuple[str, str, str]]:
    """(field path, before, after) for every value that differs between two records' data."""
    old, new = flatten(before), flatten(after)
    paths = [*new, *(path for path in old if path not in new)]
    return [(path, old.get(path, ABSENT), new.get(path, ABSENT)) for path in paths if old.get(path) != new.get(path)]


def by_id(records: list[Located]) -> dict[str, BaseModel]:
    found: dict[str, BaseModel] = {}
    for located in records:
        found.setdefault(located.record.id, located.record)
    return found


def compare(before: dict[str, BaseModel], after: dict[str, BaseModel]) -> Changes:
    both = sorted(before.keys() & after.keys())
    changed = {i: field_changes(before[i], after[i]) for i in both}
    return Changes(
        added=sorted(after.keys() - before.keys()),
        removed=sorted(before.keys() - after.keys()),
        changed={i: fields for i, fields in changed.items() if fields},
    )


def assignments(resolved: Resolved) -> dict[tuple[str, str], set[str]]:
    """(department id, or “spelling” when unregistered; role) → the measures it has that role in."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for measure in resolved.measures:
        for action in measure.actions:
            for role in ROLES:
                for mention in getattr(action, role):
                    unit = mention.department.id if mention.department else f"“{mention.as_written}”"
                    found[(unit, role)].add(measure.id)
    return found


def unit_names(*sides: Side) -> dict[str, str]:
    names = {}
    for side in sides:
        names.update({d.id: f"{md(d.name)} `{d.id}`" for d in side.resolved.departments})
    return names


def assignment_changes(before: Side, after: Side, titles: dict[str, str]) -> dict[str, list[str]]:
    """Department (display name) → one line per measure it gained or lost a role in."""
    old, new = assignments(before.resolved), assignments(after.resolved)
    names = unit_names(before, after)
    changes: dict[str, list[str]] = defaultdict(list)
    for unit, role in sorted(old.keys() | new.keys()):
        gained = new.get((unit, role), set()) - old.get((unit, role), set())
        lost = old.get((unit, role), set()) - new.get((unit, role), set())
        name = names.get(unit) or f"{md(unit)}（未登记）"
        changes[name] += [f"- 新增{ROLES[role]}：{titles[i]}" for i in sorted(gained)]
        changes[name] += [f"- 不再{ROLES[role]}：{titles[i]}" for i in sorted(lost)]
    return {name: lines for name, lines in changes.items() if lines}


def action_statuses(resolved: Resolved) -> dict[tuple[str, int], tuple[str, str, int]]:
    """(measure id, action number) → (status, its date, how many evidence links)."""
    return {
        (m.id, n): (a.action.status or DEFAULT_STATUS, a.action.status_date or "", len(a.action.evidence))
        for m in resolved.measures
        for n, a in enumerate(m.actions, start=1)
    }


def status_section(before: Side, after: Side, titles: dict[str, str]) -> list[str]:
    """One line per action of a measure still there whose status, date or evidence changed."""
    old, new = action_statuses(before.resolved), action_statuses(after.resolved)
    lines = []
    for (measure_id, number), now in sorted(new.items()):
        was = old.get((measure_id, number), (DEFAULT_STATUS, "", 0))
        if was != now:
            date = f"（{now[1]}）" if now[1] else ""
            evidence = f"，佐证 {now[2]} 条" if now[2] else ""
            lines.append(f"- {titles[measure_id]} 举措 {number}：{md(was[0])} → {md(now[0])}{date}{evidence}")
    return ["", f"### 实施状态变化（{len(lines)} 项举措）", "", *lines] if lines else []


def department_section(changes: dict[str, list[str]]) -> list[str]:
    lines = ["", f"### 部门分工变化（{len(changes)} 个部门）"] if changes else []
    for name, unit_lines in changes.items():
        lines += ["", f"#### {name}", "", *unit_lines]
    return lines


def measure_titles(*sides: Side) -> dict[str, str]:
    titles = {}
    for side in sides:
        titles.update({m.record.id: f"`{m.record.id}` {md(m.record.title)}" for m in side.catalogue.measures})
    return titles


def change_lines(fields: list[tuple[str, str, str]]) -> list[str]:
    lines = []
    for path, before, after in fields:
        before, after = differing_part(before, after)
        lines.append(f"- {code(path)}: {md(before)} → {md(after)}")
    return lines


def measure_section(changes: Changes, titles: dict[str, str]) -> list[str]:
    lines = []
    for heading, ids in (("新增措施", changes.added), ("删除措施", changes.removed)):
        if ids:
            lines += ["", f"### {heading}（{len(ids)} 条）", "", *(f"- {titles[i]}" for i in ids)]
    if changes.changed:
        lines += ["", f"### 修改的措施（{len(changes.changed)} 条）"]
        for measure_id, fields in list(changes.changed.items())[:DETAIL_LIMIT]:
            lines += ["", f"#### {titles[measure_id]}", "", *change_lines(fields)]
        rest = list(changes.changed)[DETAIL_LIMIT:]
        lines += ["", f"另有 {len(rest)} 条修改未逐条列出：{'、'.join(map(code, rest))}"] if rest else []
    return lines


def other_records_section(before: Side, after: Side) -> list[str]:
    lines = []
    for label, attribute in OTHER_KINDS:
        changes = compare(by_id(getattr(before.catalogue, attribute)), by_id(getattr(after.catalogue, attribute)))
        lines += [f"- 新增{label} `{i}`" for i in changes.added]
        lines += [f"- 删除{label} `{i}`" for i in changes.removed]
        for record_id, fields in changes.changed.items():
            lines += [f"- 修改{label} `{record_id}`", *("  " + line for line in change_lines(fields))]
    return ["", "### 其他记录", "", *lines] if lines else []


def validity_notes(base: str, before: Side, after: Side) -> list[str]:
    notes = []
    if before.problem_count:
        notes.append(f"> ⚠️ {code(base)} 的目录本身未通过校验（{before.problem_count} 个问题），以下只比较其中能读取的记录。")
    if after.problem_count:
        notes.append(f"> ⚠️ 当前的目录未通过校验（{after.problem_count} 个问题，见 `python build.py validate`），以下只比较其中能读取的记录。")
    return ["", *notes] if notes else []


def summary(changes: Changes, department_count: int) -> str:
    if not (changes.added or changes.removed or changes.changed or department_count):
        return "措施与部门分工没有变化。"
    return (
        f"新增 {len(changes.added)} 条措施，删除 {len(changes.removed)} 条，修改 {len(changes.changed)} 条；"
        f"{department_count} 个部门的分工有变化。"
    )


def render(base: str, before: Side, after: Side) -> str:
    titles = measure_titles(before, after)
    changes = compare(by_id(before.catalogue.measures), by_id(after.catalogue.measures))
    departments = assignment_changes(before, after, titles)
    lines = [f"## 目录变化（与 {code(base)} 相比）", *validity_notes(base, before, after)]
    lines += ["", summary(changes, len(departments))]
    lines += measure_section(changes, titles)
    lines += status_section(before, after, titles)
    lines += department_section(departments)
    lines += other_records_section(before, after)
    return "\n".join(lines) + "\n"


def diff_markdown(catalogue: Path, base: str) -> str:
    """The Markdown for the working tree's ``catalogue`` against the same folder at git ref ``base``."""
    with tempfile.TemporaryDirectory() as target:
        before = load_side(materialise_catalogue(catalogue, base, Path(target)))
    return render(base, before, load_side(catalogue))
