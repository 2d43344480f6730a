"""The SVG bar charts (reforms.site.charts) and the numbers behind them (reforms.site.chart_views)."""

import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from reforms.catalogue.deadlines import Due
from reforms.site.chart_views import deadline_anchor, deadline_groups, deadlines_chart, month_range
from reforms.site.charts import Bar, Chart, Series, bar_chart_svg, nice_step, text_width

SVG = "{http://www.w3.org/2000/svg}"
TRICKY = '<script>alert(1)</script> & "引号"'


def parse(svg: str) -> ET.Element:
    """The chart as XML (it must be well-formed), in the SVG namespace."""
    return ET.fromstring(str(svg).replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))


TWO_SERIES = (Series("甲", "#1f4e79"), Series("乙", "#b8470b"))


def chart(*bars: Bar, series: tuple[Series, ...] = TWO_SERIES) -> Chart:
    return Chart("c", "标题", "摘要", series, bars)


@pytest.mark.parametrize(("maximum", "step"), [(1, 1), (5, 1), (6, 2), (10, 2), (11, 5), (94, 20), (101, 50), (2400, 500)])
def test_nice_step_gives_at_most_five_ticks(maximum, step):
    assert nice_step(maximum) == step


def test_text_width_counts_chinese_wider_than_digits():
    assert text_width("开办企业", 10) == 40
    assert text_width("2022", 10) == pytest.approx(24)


def test_chart_is_an_image_named_by_its_title_and_summary():
    root = parse(bar_chart_svg(chart(Bar("一", (1, 2)))))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c-title c-desc"
    assert root.find(f"{SVG}title").get("id") == "c-title" and root.find(f"{SVG}title").text == "标题"
    assert root.find(f"{SVG}desc").get("id") == "c-desc" and root.find(f"{SVG}desc").text == "摘要"


def test_every_text_is_escaped():
    tricky = Chart("c", TRICKY, TRICKY, (Series(TRICKY, "#000"), Series("乙", "#fff")), (Bar(TRICKY, (3, 1)),))
    svg = str(bar_chart_svg(tricky))
    assert "<script>" not in svg
    texts = [e.text for e in parse(svg).iter() if e.text]
    assert texts.count(TRICKY) >= 3  # title, description, legend, bar label
    assert any(TRICKY in t for t in texts if t != TRICKY)  # a segment's tooltip


def test_stacked_segments_are_proportional_and_zeros_left_out():
    root = parse(bar_chart_svg(chart(Bar("一", (10, 0)), Bar("二", (5, 5)))))
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert [r.find(f"{SVG}title").text for r in bars] == ["一：甲 10", "二：甲 5", "二：乙 5"]
    widths = [float(r.get("width")) for r in bars]
    assert widths[0] == pytest.approx(2 * widths[1]) and widths[1] == pytest.approx(widths[2])
    assert float(bars[2].get("x")) == pytest.approx(float(bars[1].get("x")) + widths[1])


def test_totals_and_a_legend_only_for_several_series():
    two = parse(bar_chart_svg(chart(Bar("一", (10, 4)))))
    assert "14" in [t.text for t in two.iter(f"{SVG}text")]
    assert {"甲", "乙"} <= {t.text for t in two.iter(f"{SVG}text")}
    one = parse(bar_chart_svg(chart(Bar("一", (3,)), series=(Series("", "#000"),))))
    assert [r.find(f"{SVG}title").text for r in one.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None] == ["一：3"]


def test_everything_fits_in_the_view_box():
    root = parse(bar_chart_svg(chart(Bar("知识产权创造保护和运用", (60, 34)), Bar("纳税", (1, 0)))))
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    for rect in root.iter(f"{SVG}rect"):
        assert float(rect.get("x")) >= 0 and float(rect.get("x")) + float(rect.get("width")) <= width
        assert float(rect.get("y")) + float(rect.get("height")) <= height


# --- chart_views: actions by the month of their deadline ----------------------------------------


def dated(*dues: Due) -> list:
    return [(None, 1, SimpleNamespace(due=due)) for due in dues]


def test_deadline_groups_fill_the_months_between_and_put_done_first_and_ongoing_last():
    groups = deadline_groups(dated(Due("ongoing"), Due("by", "2022-11"), Due("done"), Due("by", "2023-01"), Due("from", "2022-11")))
    assert [(g.label, g.count) for g in groups] == [("已完成", 1), ("2022年11月", 2), ("2022年12月", 0), ("2023年1月", 1), ("长期", 1)]
    assert [g.anchor for g in groups] == ["due-done", "due-2022-11", "due-2022-12", "due-2023-01", "due-ongoing"]


def test_deadline_chart_shows_months_only_and_says_what_it_leaves_out():
    groups = deadline_groups(dated(Due("done"), Due("by", "2022-05"), Due("by", "2022-05"), Due("by", "2022-07")))
    root = parse(deadlines_chart("江津区", groups))
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert {"2022年5月", "2022年6月", "2022年7月"} <= set(labels) and "已完成" not in labels
    summary = root.find(f"{SVG}desc").text
    assert "2022年5月（2 项）" in summary and "已完成 1 项" in summary


def test_no_chart_without_months():
    assert deadlines_chart("渝中区", deadline_groups(dated(Due("done")))) == ""
    assert deadline_groups([]) == []


def test_month_range_crosses_the_year():
    assert month_range("2022-11", "2023-02") == ["2022-11", "2022-12", "2023-01", "2023-02"]
    assert deadline_anchor("2022-05") == "due-2022-05"
