"""The site's downloads: JSON (the export contract plus each record's ``url``), CSV and XLSX.

CSV and XLSX hold one row per action with the fixed columns of ``ACTION_COLUMNS``; the workbook
has a sheet per document, one for departments and one explaining every column. Each department
page gets its own list as CSV and XLSX. Output is byte-stable: fixed column and row order, fixed
workbook metadata and zip timestamps. Cells that a spreadsheet would run as a formula are made
inert: a leading ``'`` in CSV (``escape.inert_cell``), the quote-prefix style in XLSX (``xlsx``), which
leaves the text itself as written.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Container
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from reforms.catalogue.deadlines import DUE_KIND_LABELS
from reforms.catalogue.export import export_catalogue, json_text
from reforms.catalogue.model import DEFAULT_STATUS, MEASURE_KIND_LABELS
from reforms.catalogue.resolve import Resolved, ResolvedAction, ResolvedMeasure
from reforms.catalogue.units import Mention
from reforms.site import paths
from reforms.site.escape import inert_cell
from reforms.site.views import ROLE_LABELS, Assignment, SiteData, partners_label
from reforms.site.xlsx import workbook_bytes

WORKBOOK_CREATOR = "重庆营商环境改革措施目录"


@dataclass(frozen=True)
class ActionRow:
    measure: ResolvedMeasure
    number: int  # 1-based position of the action in its measure
    action: ResolvedAction
    role: str = ""  # set in a department's list: lead | partner


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    value: Callable[[object], object]


def names(mentions: list[Mention]) -> str:
    return "、".join(m.department.name if m.department else m.as_written for m in mentions)


def ids(mentions: list[Mention]) -> str:
    return ";".join(m.department.id for m in mentions if m.department)


ACTION_COLUMNS = [
    Column("文件id", "所属文件的标识", lambda r: r.measure.document.id),
    Column("文件", "所属文件的简称", lambda r: r.measure.document.short_title),
    Column("行政区划", "发文的行政区划：重庆市、渝中区、江津区或九龙坡区", lambda r: r.measure.document.jurisdiction),
    Column("措施id", "措施的稳定标识", lambda r: r.measure.id),
    Column("措施类型", "工作措施、任务条目或清单事项", lambda r: MEASURE_KIND_LABELS[r.measure.measure.kind]),
    Column("序号", "原文序号，照录", lambda r: r.measure.measure.number),
    Column("章节", "所在章节标题", lambda r: r.measure.measure.section),
    Column("小节", "所在小节标题（没有的留空）", lambda r: r.measure.measure.subsection),
    Column("标题", "改革事项、条目小标题或段落首句", lambda r: r.measure.measure.title),
    Column("市级工作任务", "九龙坡清单中对应的市级工作任务原文", lambda r: r.measure.measure.city_task),
    Column("举措序号", "该举措在本措施中的位置，从 1 起", lambda r: r.number),
    Column("举措内容", "举措原文", lambda r: r.action.action.text),
    Column("牵头单位", "牵头单位的规范名称，顿号分隔", lambda r: names(r.action.lead)),
    Column("牵头单位id", "牵头单位的部门标识，分号分隔", lambda r: ids(r.action.lead)),
    Column("配合单位", "配合（或责任）单位的规范名称，顿号分隔", lambda r: names(r.action.partners)),
    Column("配合单位id", "配合（或责任）单位的部门标识，分号分隔", lambda r: ids(r.action.partners)),
    Column("配合单位称呼", "原文对配合单位的称呼：配合单位 或 责任单位", lambda r: partners_label(r.action) if r.action.partners else None),
    Column("单位沿用小节", "是：本举措未单列单位，沿用所在小节的牵头和配合单位", lambda r: "是" if r.action.inherited else "否"),
    Column("适用范围", "适用范围，照录", lambda r: r.action.action.scope),
    Column("时间节点", "时间节点原文", lambda r: r.action.action.due),
    Column("完成时限", "时间节点所指的月份，如 2022-05（已完成、长期的留空）", lambda r: r.action.due.month if r.action.due else None),
    Column("时间节点类型", "限期完成、起实施、已完成 或 长期", lambda r: DUE_KIND_LABELS[r.action.due.kind] if r.action.due else None),
    Column("实施状态", "未报告、推进中、已完成、长期推进、已调整 或 已终止（见编辑指南）", lambda r: r.action.action.status or DEFAULT_STATUS),
    Column("状态日期", "实施状态的日期，如 2022-09-28（未报告的留空）", lambda r: r.action.action.status_date),
    Column("状态说明", "来源原话或部门报告的要点", lambda r: r.action.action.status_note),
    Column("佐证", "佐证网页的地址，空格分隔", lambda r: " ".join(r.action.action.evidence) or None),
    Column("主题", "所属主题的标识，分号分隔", lambda r: ";".join(r.measure.measure.themes)),
    Column("网址", "措施页面的地址，相对于站点根目录", lambda r: paths.measure_url(r.measure.id)),
]

URL_COLUMN = "网址"
ROLE_COLUMN = Column("角色", "该部门在此举措中是 牵头 还是 配合", lambda r: ROLE_LABELS[r.role])

DEPARTMENT_COLUMNS = [
    Column("部门id", "部门的稳定标识", lambda d: d[0].id),
    Column("名称", "规范名称", lambda d: d[0].name),
    Column("行政区划", "所属行政区划", lambda d: d[0].jurisdiction),
    Column("类别", "部门类别，跨区共用，用于比较", lambda d: d[0].kind),
    Column("统称", "是：对一类单位的统称，不是单个部门", lambda d: "是" if d[0].group else "否"),
    Column("写法", "文件中出现过的写法，顿号分隔", lambda d: "、".join(d[0].aliases)),
    Column("牵头举措数", "作为牵头单位的举措数", lambda d: d[1].lead),
    Column("配合举措数", "作为配合（责任）单位的举措数", lambda d: d[1].partner),
    Column("网址", "部门页面的地址，相对于站点根目录", lambda d: paths.department_url(d[0].id)),
]

DICTIONARY_COLUMNS = [
    Column("表", "字段所在的表", lambda f: f[0]),
    Column("字段", "列名", lambda f: f[1]),
    Column("说明", "含义", lambda f: f[2]),
]


FIELD_DICTIONARY = [
    *[("举措表", c.name, c.description) for c in ACTION_COLUMNS],
    ("部门任务清单", ROLE_COLUMN.name, ROLE_COLUMN.description),
    *[("部门表", c.name, c.description) for c in DEPARTMENT_COLUMNS],
]


def download_files(site: SiteData, site_url: str | None = None, wanted: Container[str] = paths.EVERY_PAGE) -> dict[str, bytes]:
    """``{path in the docs dir: bytes}`` for every download; page addresses absolute under ``site_url``.
    A department's own lists are made only when its page is ``wanted`` (they change with it)."""
    resolved = site.resolved
    rows = action_rows(resolved.measures)
    actions, departments = addressed(ACTION_COLUMNS, site_url), addressed(DEPARTMENT_COLUMNS, site_url)
    cells = {(row.measure.id, row.number): row_cells(actions, row) for row in rows}  # each action's, once for every list
    inert = {key: inert_row(values) for key, values in cells.items()}  # the same, for CSV
    files = {
        paths.CATALOGUE_JSON: json_bytes(resolved, site_url),
        paths.CATALOGUE_CSV: csv_bytes(header(actions), list(inert.values())),
        paths.CATALOGUE_XLSX: catalogue_workbook(site, rows, cells, actions, departments),
    }
    with_role = [ROLE_COLUMN.name, *header(actions)]
    for dept in resolved.departments:
        if paths.department_url(dept.id) not in wanted:
            continue
        listed = [(ROLE_LABELS[row.role], (row.measure.id, row.number)) for row in assignment_rows(site.assignments[dept.id])]
        files[paths.department_download(dept.id, "csv")] = csv_bytes(with_role, [(inert_cell(role), *inert[key]) for role, key in listed])
        files[paths.department_download(dept.id, "xlsx")] = xlsx_bytes([(dept.name, with_role, [(role, *cells[key]) for role, key in listed])])
    return files


def address(url: str, site_url: str | None) -> str:
    """A page's address: relative to the site root, or absolute when the site's address is known."""
    return urljoin(site_url, url) if site_url else url


def addressed(columns: list[Column], site_url: str | None) -> list[Column]:
    """The columns, with the 网址 column's addresses made absolute under ``site_url``."""
    if not site_url:
        return columns
    return [
        Column(c.name, c.description.replace("相对于站点根目录", "完整网址"), lambda r, value=c.value: address(value(r), site_url))
        if c.name == URL_COLUMN
        else c
        for c in columns
    ]


def action_rows(measures: list[ResolvedMeasure]) -> list[ActionRow]:
    return [ActionRow(m, n, a) for m in measures for n, a in enumerate(m.actions, start=1)]


def assignment_rows(assignments: list[Assignment]) -> list[ActionRow]:
    ordered = sorted(assignments, key=lambda a: a.role != "lead")  # stable: lead first, catalogue order within
    return [ActionRow(a.measure, a.number, a.action, a.role) for a in ordered]


def json_bytes(resolved: Resolved, site_url: str | None = None) -> bytes:
    data = export_catalogue(resolved)
    for record in data["documents"]:
        record["url"] = address(paths.document_url(record["id"]), site_url)
    for record in data["departments"]:
        record["url"] = address(paths.department_url(record["id"]), site_url)
    for record in data["measures"]:
        record["url"] = address(paths.measure_url(record["id"]), site_url)
    return json_text(data).encode("utf-8")


def cell_value(value: object) -> object:
    """A value ready for a CSV or XLSX cell: empty for None, no character a workbook cannot hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def header(columns: list[Column]) -> list[str]:
    return [c.name for c in columns]


def row_cells(columns: list[Column], row: object) -> tuple:
    return tuple(cell_value(c.value(row)) for c in columns)


def inert_row(cells: tuple) -> tuple:
    """A row's cells as CSV must hold them: none a spreadsheet would run as a formula (``inert_cell``)."""
    return tuple(map(inert_cell, cells))


def csv_bytes(names: list[str], table: list[tuple]) -> bytes:
    """UTF-8 with BOM (so Excel reads the Chinese right), CRLF line ends, a header row; ``table``'s rows
    made inert (``inert_row``: each action's row once, for the catalogue's list and every department's)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    writer.writerows(table)
    return buffer.getvalue().encode("utf-8-sig")


def catalogue_workbook(
    site: SiteData,
    rows: list[ActionRow],
    cells: dict[tuple[str, int], tuple],
    actions: list[Column] = ACTION_COLUMNS,
    departments: list[Column] = DEPARTMENT_COLUMNS,
) -> bytes:
    resolved = site.resolved
    sheets = [
        (document.short_title, header(actions), [cells[r.measure.id, r.number] for r in rows if r.measure.document.id == document.id])
        for document in resolved.documents
    ]
    counted = [(d, site.counts[d.id]) for d in resolved.departments]
    sheets.append(("部门", header(departments), [row_cells(departments, row) for row in counted]))
    sheets.append(("字段说明", header(DICTIONARY_COLUMNS), [row_cells(DICTIONARY_COLUMNS, row) for row in FIELD_DICTIONARY]))
    return xlsx_bytes(sheets)


def sheet_title(name: str, taken: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", "", name)[:31] or "表"
    candidate, number = title, 2
    while candidate in taken:
        candidate, number = f"{title[:28]}-{number}", number + 1
    taken.add(candidate)
    return candidate


def xlsx_bytes(sheets: list[tuple[str, list[str], list[tuple]]]) -> bytes:
    taken: set[str] = set()
    return cached_workbook(tuple((sheet_title(name, taken), tuple(names), tuple(table)) for name, names, table in sheets))


@lru_cache(maxsize=4096)
def cached_workbook(tables: tuple) -> bytes:
    """The preview rebuilds the downloads on every save; a workbook whose cells did not change is not written again."""
    return workbook_bytes([(title, list(header), [list(row) for row in rows]) for title, header, rows in tables], WORKBOOK_CREATOR)
