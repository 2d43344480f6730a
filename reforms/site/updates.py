"""Which measures changed when: what the 最近更新 page and the Atom feeds show.

Each measure is dated by the last commit that touched its YAML file (``gitdates``): "新增" if
that commit added the file, "修改" otherwise, with the commit's subject as the note. Newest
first: by the commit's place in the log, then in catalogue order, so the order is the same in
every build of the same commit. Without git history there are no changes, and the page says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reforms.catalogue.resolve import ResolvedMeasure
from reforms.site.gitdates import Change, file_changes
from reforms.site.views import ROLE_LABELS, Assignment

ADDED, CHANGED = "新增", "修改"


@dataclass(frozen=True)
class MeasureChange:
    measure: ResolvedMeasure
    change: Change

    @property
    def label(self) -> str:
        return ADDED if self.change.added else CHANGED


@dataclass(frozen=True)
class CommitChanges:
    """The measures one commit was the last to change."""

    change: Change
    items: list[MeasureChange]


@dataclass(frozen=True)
class DayChanges:
    date: str  # YYYY-MM-DD, Beijing time
    commits: list[CommitChanges]

    @property
    def count(self) -> int:
        return sum(len(commit.items) for commit in self.commits)


@dataclass
class Changes:
    recent: list[MeasureChange]  # every committed measure, newest change first
    uncommitted: list[ResolvedMeasure]  # measures whose file is not in the history (yet)
    history: bool  # whether any git history was found
    _by_id: dict[str, Change] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {item.measure.id: item.change for item in self.recent}

    def date_of(self, measure_id: str) -> str | None:
        change = self._by_id.get(measure_id)
        return change.date if change else None


def catalogue_changes(measures: list[ResolvedMeasure], catalogue_root: Path) -> Changes:
    """The last change of each measure's file, from one ``git log`` over ``catalogue_root``."""
    history = file_changes(catalogue_root)
    recent, uncommitted = [], []
    for measure in measures:
        change = history.get(measure_file(catalogue_root, measure))
        if change is None:
            uncommitted.append(measure)
        else:
            recent.append(MeasureChange(measure, change))
    recent.sort(key=lambda item: item.change.order)  # stable: catalogue order within a commit
    return Changes(recent, uncommitted, bool(history))


def measure_file(catalogue_root: Path, measure: ResolvedMeasure) -> Path:
    """The measure's YAML file (``ResolvedMeasure.file`` is relative to the catalogue's parent)."""
    return (catalogue_root.resolve().parent / measure.file).resolve()


def by_day(recent: list[MeasureChange]) -> list[DayChanges]:
    """Newest day first; within a day, newest commit first, each with its measures."""
    days: dict[str, dict[str, list[MeasureChange]]] = {}
    for item in recent:
        days.setdefault(item.change.date, {}).setdefault(item.change.commit, []).append(item)
    return [
        DayChanges(date, [CommitChanges(items[0].change, items) for items in commits.values()])
        for date, commits in days.items()
    ]


def involving(recent: list[MeasureChange], assignments: list[Assignment]) -> list[MeasureChange]:
    """The changes of the measures a department is assigned to (lead or supporting), in order."""
    measure_ids = {assignment.measure.id for assignment in assignments}
    return [item for item in recent if item.measure.id in measure_ids]


def roles_label(assignments: list[Assignment], measure: ResolvedMeasure) -> str:
    """What the department does in ``measure``: ``牵头``, or by action: ``牵头：举措 1；配合：举措 2``."""
    numbers: dict[str, list[str]] = {}
    for assignment in assignments:
        if assignment.measure.id == measure.id:
            numbers.setdefault(assignment.role, []).append(str(assignment.number))
    roles = [role for role in ROLE_LABELS if role in numbers]
    if len(measure.actions) == 1:
        return "、".join(ROLE_LABELS[role] for role in roles)
    return "；".join(f"{ROLE_LABELS[role]}：举措 {'、'.join(dict.fromkeys(numbers[role]))}" for role in roles)
