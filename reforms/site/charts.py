"""Bar charts drawn at build time as inline SVG: no script, no external service.

A ``Chart`` is horizontal bars, one per label, each split into the chart's series (stacked).
``bar_chart_svg`` draws it: a legend when there is more than one series, value ticks along the
top, each bar's total at its end. The SVG is an image (``role="img"``) whose text alternative is
the chart's title and summary; the page puts the same numbers in a table next to it. Every text
written into the SVG is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 360
FONT_SIZE = 12
BAR_HEIGHT = 16
ROW_HEIGHT = 24
GAP = 8
LEGEND_SWATCH = 10
LEGEND_ROW = 18
TOTAL_ROOM = 34  # room after the longest bar for its total
GRID_COLOUR = "#d9d9d9"
TEXT_COLOUR = "#1f1f1f"


@dataclass(frozen=True)
class Series:
    name: str
    colour: str  # a fill with at least 3:1 contrast against white


@dataclass(frozen=True)
class Bar:
    label: str
    values: tuple[int, ...]  # one per series

    @property
    def total(self) -> int:
        return sum(self.values)


@dataclass(frozen=True)
class Chart:
    id: str  # unique on its page: the ids of the SVG's title and description derive from it
    title: str
    summary: str  # the text alternative: what the chart shows, in a sentence or two
    series: tuple[Series, ...]
    bars: tuple[Bar, ...]


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Estimated width: CJK and full-width characters one em, others about 0.6 em."""
    return sum(size if ord(char) > 0x2E7F else size * 0.6 for char in text)


def nice_step(maximum: int, most_ticks: int = 5) -> int:
    """A tick step of 1, 2 or 5 times a power of ten giving at most ``most_ticks`` ticks past zero."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if maximum <= step * most_ticks:
                return step
        magnitude *= 10


def bar_chart_svg(chart: Chart) -> Markup:
    layout = Layout.of(chart)
    parts = [f'<title id="{escape(chart.id)}-title">{escape(chart.title)}</title>']
    parts.append(f'<desc id="{escape(chart.id)}-desc">{escape(chart.summary)}</desc>')
    parts += legend(chart.series) if len(chart.series) > 1 else []
    parts += layout.ticks()
    for index, bar in enumerate(chart.bars):
        parts += layout.bar(bar, index, chart.series)
    return Markup(
        f'<svg class="reform-chart__svg" viewBox="0 0 {WIDTH} {layout.height}" width="{WIDTH}" height="{layout.height}"'
        f' role="img" aria-labelledby="{escape(chart.id)}-title {escape(chart.id)}-desc"'
        f' font-size="{FONT_SIZE}" fill="{TEXT_COLOUR}">' + "".join(parts) + "</svg>"
    )


def legend(series: tuple[Series, ...]) -> list[str]:
    parts = []
    for item, (x, y) in zip(series, legend_positions(series), strict=True):
        parts.append(f'<rect x="{x:g}" y="{y + 2}" width="{LEGEND_SWATCH}" height="{LEGEND_SWATCH}" fill="{escape(item.colour)}"/>')
        parts.append(f'<text x="{x + LEGEND_SWATCH + 4:g}" y="{y + 11}">{escape(item.name)}</text>')
    return parts


def legend_positions(series: tuple[Series, ...]) -> list[tuple[float, int]]:
    """Where each legend entry starts: left to right, wrapping onto a new row when the width is full."""
    positions, x, y = [], 0.0, 0
    for item in series:
        width = LEGEND_SWATCH + 4 + text_width(item.name) + 14
        if x and x + width > WIDTH:
            x, y = 0.0, y + LEGEND_ROW
        positions.append((x, y))
        x += width
    return positions


def legend_height(series: tuple[Series, ...]) -> int:
    if len(series) < 2:
        return 0
    return max(y for _, y in legend_positions(series)) + LEGEND_ROW + GAP


@dataclass(frozen=True)
class Layout:
    """Where things go: labels left of ``left``, bars from ``left`` scaled by ``scale`` per unit."""

    left: float
    scale: float
    step: int
    top: int  # y of the first bar row
    height: int

    @classmethod
    def of(cls, chart: Chart) -> Layout:
        left = max((text_width(bar.label) for bar in chart.bars), default=0) + GAP
        maximum = max((bar.total for bar in chart.bars), default=0) or 1
        step = nice_step(maximum)
        axis_end = step * -(-maximum // step)
        scale = (WIDTH - left - TOTAL_ROOM) / axis_end
        top = legend_height(chart.series) + FONT_SIZE + GAP
        return cls(left, scale, step, top, top + len(chart.bars) * ROW_HEIGHT)

    def x(self, value: float) -> float:
        return self.left + value * self.scale

    def ticks(self) -> list[str]:
        parts = []
        value = 0
        while self.x(value) <= WIDTH - TOTAL_ROOM + 0.5:
            x = self.x(value)
            parts.append(f'<line x1="{x:.1f}" y1="{self.top - 4}" x2="{x:.1f}" y2="{self.height}" stroke="{GRID_COLOUR}"/>')
            parts.append(f'<text x="{x:.1f}" y="{self.top - 6}" text-anchor="middle">{value}</text>')
            value += self.step
        return parts

    def bar(self, bar: Bar, index: int, series: tuple[Series, ...]) -> list[str]:
        y = self.top + index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        middle = y + BAR_HEIGHT / 2 + FONT_SIZE * 0.35
        parts = [f'<text x="{self.left - GAP / 2:.1f}" y="{middle:.1f}" text-anchor="end">{escape(bar.label)}</text>']
        start = 0
        for item, value in zip(series, bar.values, strict=True):
            if value:
                parts.append(self.segment(item, value, start, y, bar.label))
            start += value
        parts.append(f'<text x="{self.x(start) + 4:.1f}" y="{middle:.1f}">{bar.total}</text>')
        return parts

    def segment(self, item: Series, value: int, start: int, y: float, label: str) -> str:
        name = f"{label}：{item.name} {value}" if item.name else f"{label}：{value}"
        return (
            f'<rect x="{self.x(start):.1f}" y="{y:.1f}" width="{value * self.scale:.1f}" height="{BAR_HEIGHT}"'
            f' fill="{escape(item.colour)}" stroke="#fff" stroke-width="1"><title>{escape(name)}</title></rect>'
        )
