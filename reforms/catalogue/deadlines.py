"""Deadlines as written (时间节点) turned into something to sort and filter by.

``parse_due("2022年9月")`` gives ``Due("by", "2022-09")``: the month a measure is due by.
``"2022年2月起"`` starts then (``from``), ``"已完成"`` is a status (``done``), ``"长期坚持"``
has no end (``ongoing``). Anything else is a validation error, so every deadline sorts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DUE_KIND_LABELS = {"by": "限期完成", "from": "起实施", "done": "已完成", "ongoing": "长期"}

_ONGOING = {"长期坚持", "长期", "长期开展", "持续推进", "持续开展", "长期推进"}
_DONE = {"已完成"}
_MONTH = re.compile(r"^(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<tail>底前|底|前|末|中旬|上旬|下旬|起)?$")
_YEAR = re.compile(r"^(?P<year>\d{4})年(?P<tail>底前|底|年底前|年底|内|前|末)?$")


@dataclass(frozen=True)
class Due:
    kind: str  # by | from | done | ongoing
    month: str | None = None  # YYYY-MM for by/from

    @property
    def sort_key(self) -> str:
        return self.month or ("0000" if self.kind == "done" else "9999")


def parse_due(text: str) -> Due | None:
    """The normalised deadline, or ``None`` when the text is not a deadline we understand."""
    text = text.strip()
    if text in _DONE:
        return Due("done")
    if text in _ONGOING:
        return Due("ongoing")
    if match := _MONTH.match(text):
        month = int(match["month"])
        if not 1 <= month <= 12:
            return None
        kind = "from" if match["tail"] == "起" else "by"
        return Due(kind, f"{match['year']}-{month:02d}")
    if match := _YEAR.match(text):
        return Due("by", f"{match['year']}-12")
    return None
