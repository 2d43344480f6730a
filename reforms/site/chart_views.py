"""The numbers behind the charts, and the charts (``charts``) drawn from them.

* Themes index: measures per theme, split by jurisdiction, most measures first.
* District page: its actions by the month of their deadline (每月的举措数), with 已完成 and 长期
  counted beside the months; each group has an anchor on the first row of that month in the
  page's table of actions by deadline.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from reforms.catalogue.resolve import ResolvedAction, ResolvedMeasure
from reforms.site import views
from reforms.site.charts import Bar, Chart, Series, bar_chart_svg

# Fills with at least 3:1 contrast against white, told apart by more than hue (lightness differs too).
JURISDICTION_COLOURS = {"重庆市": "#1f4e79", "渝中区": "#b8470b", "江津区": "#2e7d32", "九龙坡区": "#7b3f98"}
MONTH_COLOUR = "#9b1c1c"
STATUS_LABELS = {"0000": "已完成", "9999": "长期"}  # the sort keys of done and ongoing (deadlines.Due)


@dataclass(frozen=True)
class DeadlineGroup:
    key: str  # a due sort key: 0000 (已完成), YYYY-MM, 9999 (长期)
    count: int

    @property
    def label(self) -> str:
        return STATUS_LABELS.get(self.key) or month_label(self.key)

    @property
    def anchor(self) -> str:
        return deadline_anchor(self.key)

    @property
    def is_month(self) -> bool:
        return self.key not in STATUS_LABELS


def month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{year}年{int(month)}月"


def deadline_anchor(key: str) -> str:
    return "due-" + {"0000": "done", "9999": "ongoing"}.get(key, key)


def deadline_groups(dated: list[tuple[ResolvedMeasure, int, ResolvedAction]]) -> list[DeadlineGroup]:
    """已完成, then every month from the first to the last deadline (empty ones too), then 长期."""
    counts: dict[str, int] = {}
    for _, _, action in dated:
        key = views.due_sort_key(action)
        counts[key] = counts.get(key, 0) + 1
    months = [key for key in counts if key not in STATUS_LABELS]
    keys = [key for key in ("0000",) if key in counts]
    keys += month_range(min(months), max(months)) if months else []
    keys += [key for key in ("9999",) if key in counts]
    return [DeadlineGroup(key, counts.get(key, 0)) for key in keys]


def month_range(first: str, last: str) -> list[str]:
    year, month = map(int, first.split("-"))
    keys = []
    while f"{year}-{month:02d}" <= last:
        keys.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


def deadlines_chart(jurisdiction: str, groups: list[DeadlineGroup]) -> Markup:
    """The months as bars (empty when no deadline names a month); 已完成 and 长期 in the summary."""
    months = [group for group in groups if group.is_month]
    if not months:
        return Markup("")
    busiest = max(months, key=lambda group: group.count)
    others = "、".join(f"{group.label} {group.count} 项" for group in groups if not group.is_month)
    summary = (
        f"{jurisdiction}各月份的举措数，{months[0].label}至{months[-1].label}：最多的是{busiest.label}（{busiest.count} 项）"
        + (f"；另有{others}" if others else "")
        + "。每月的数字见下表。"
    )
    bars = tuple(Bar(group.label, (group.count,)) for group in months)
    chart = Chart("deadline-chart", f"{jurisdiction}各月份的举措数（按时间节点）", summary, (Series("", MONTH_COLOUR),), bars)
    return bar_chart_svg(chart)


def themes_chart(site: views.SiteData) -> Markup:
    rows = [(theme.name, site.by_theme[theme.id]) for theme in site.resolved.themes]
    bars = [Bar(name, tuple(len(views.in_jurisdiction(measures, j)) for j in views.JURISDICTIONS)) for name, measures in rows]
    bars.sort(key=lambda bar: -bar.total)  # stable: catalogue order among equal totals
    series = tuple(Series(j, JURISDICTION_COLOURS[j]) for j in views.JURISDICTIONS)
    top = "、".join(f"{bar.label}（{bar.total} 条）" for bar in bars[:3])
    summary = f"{len(bars)} 个主题的措施数，按行政区划分段，由多到少排列。最多的是{top}。各区县的数字见下表。"
    return bar_chart_svg(Chart("themes-chart", "各主题的措施数", summary, series, tuple(bars)))
