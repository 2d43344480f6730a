"""Implementation status as the pages show it: each action's status word, the counts by status of
a set of actions, and the actions whose deadline month has passed without a report of completion.

“Passed” is relative to the data's date (``data_date``): the latest of the documents' dates, the
status dates and the last committed change of the catalogue, so two builds of the same commit agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from reforms.catalogue.model import DEFAULT_STATUS, STATUSES
from reforms.catalogue.resolve import ResolvedAction, ResolvedMeasure

NOT_DUE_ANY_MORE = {"已完成", "长期推进", "已调整", "已终止"}  # a passed deadline is no longer open
BADGE_CLASSES = {
    "未报告": "none", "推进中": "doing", "已完成": "done", "长期推进": "ongoing", "已调整": "changed", "已终止": "stopped",
}

ActionItem = tuple[ResolvedMeasure, int, ResolvedAction]


@dataclass(frozen=True)
class StatusSummary:
    counts: list[tuple[str, int]]  # every status word, in the order of STATUSES
    overdue: list[ActionItem]  # deadline month before the data's month, not reported done

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)


def status_of(action: ResolvedAction) -> str:
    return action.action.status or DEFAULT_STATUS


def is_overdue(action: ResolvedAction, data_month: str) -> bool:
    due = action.due
    return bool(due and due.kind == "by" and due.month < data_month and status_of(action) not in NOT_DUE_ANY_MORE)


def summarise(items: list[ActionItem], data_date: str) -> StatusSummary:
    month = data_date[:7]
    counts = {word: 0 for word in STATUSES}
    for _, _, action in items:
        counts[status_of(action)] += 1
    overdue = [item for item in items if is_overdue(item[2], month)]
    return StatusSummary(list(counts.items()), overdue)


def actions_of(measures: list[ResolvedMeasure]) -> list[ActionItem]:
    return [(m, n, a) for m in measures for n, a in enumerate(m.actions, start=1)]


def data_date(reported: str, last_change: str | None) -> str:
    """The date the data is current to: the last change of the catalogue, or a later date it reports."""
    return max(reported, last_change or "")


def role_table(assignments: list, data_date: str) -> list[tuple[str, int, int]]:
    """A department's actions by status, lead and supporting apart, then those overdue."""
    lead = summarise([(a.measure, a.number, a.action) for a in assignments if a.role == "lead"], data_date)
    partner = summarise([(a.measure, a.number, a.action) for a in assignments if a.role == "partner"], data_date)
    rows = [(word, n, m) for (word, n), (_, m) in zip(lead.counts, partner.counts, strict=True)]
    return [*rows, (OVERDUE_LABEL, len(lead.overdue), len(partner.overdue))]


OVERDUE_LABEL = "已过时间节点未报告完成"
