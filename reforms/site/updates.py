"""When each measure last changed: the date on its page (最后修改于).

Each measure is dated by the last commit that touched its YAML file (``gitdates``). What each
commit changed, for the 最近更新 page and the feeds, is in ``changesets``. Without git history
there are no dates, and the pages leave them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reforms.catalogue.resolve import ResolvedMeasure
from reforms.site.gitdates import Change, file_changes


@dataclass(frozen=True)
class MeasureChange:
    measure: ResolvedMeasure
    change: Change


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
    base = catalogue_root.resolve().parent  # measure.file is relative to it; catalogue/ holds no links (scan refuses them)
    recent, uncommitted = [], []
    for measure in measures:
        change = history.get(f"{base}/{measure.file}")  # as a string: a path made for each measure at each save costs more
        if change is None:
            uncommitted.append(measure)
        else:
            recent.append(MeasureChange(measure, change))
    recent.sort(key=lambda item: item.change.order)  # stable: catalogue order within a commit
    return Changes(recent, uncommitted, bool(history))
