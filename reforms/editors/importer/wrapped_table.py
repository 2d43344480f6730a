"""The Jiulongpo attachment: a five-column PDF table whose every cell is wrapped over short lines.

Columns: 序号 / 市级工作任务 / 区级贯彻措施 / 牵头单位 / 配合单位. The extraction writes a row as
its number on a line of its own, then each cell as a run of short lines; cells are separated by
blank lines. The evidence used to cut cells, strongest first:

* the last line of a cell ends with a space, a wrapped line inside a cell does not (a cell
  whose line has no trailing space goes on after a blank line: a page break or a wrapped digit);
* the two text cells come before the unit cells; unit cells are narrow (≤ 8 characters a line),
  carry no sentence punctuation and end in a unit name (…局、…委、…办、…中心、…部门、…单位 …);
* a text cell ends a sentence (。 or a closing mark); one that does not goes on in the next run;
* the next row starts with the next number, alone on its line, after a closed cell.

Everything the importer had to decide beyond the plain case is reported as a :class:`Finding`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reforms.catalogue.model import Action, Measure, Section, measure_id
from reforms.editors.importer import Finding, ImportResult
from reforms.editors.importer.debris import normalize_text

PARTNERS_LABEL = "配合单位"

_HEADING = re.compile(r"^\s*[一二三四五六七八九十]+、\S")
_ITEM_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
_PAGE_NUMBER = re.compile(r"^\s*[—-]\s*\d+\s*[—-]\s*$")
_UNIT_NAME_END = re.compile(
    r"(局|委|办|中心|镇街|街道|镇|部门|单位|机构|公司|集团|主体|院|部|联|室|机关|小组|所)$"
)
_UNIT_NAME_START = ("区", "各")
_SENTENCE_PUNCTUATION = "。；，：！？"
_CELL_END = ("。", "；", "！", "？", "”", "）", "》")
_TITLE_END = re.compile(r"[，；。]")
UNIT_LINE_MAX_WIDTH = 8

# Editorial notes on oddities of the published text. Each note names the field and the exact
# published words it is about, so a note can never drift from the text it explains.
EDITOR_NOTES: dict[int, list[tuple[str, str, str]]] = {
    21: [
        ("text", "压实政府采购时间", "区级贯彻措施原文作“压实政府采购时间”，“压实”疑为“压缩”之意，照录不改。")
    ],
    37: [
        ("city_task", "小于１小时、１次", "市级工作任务原文此处用全角数字“１”，照录。"),
        ("text", "不停单作业", "区级贯彻措施原文作“不停单作业”，疑为“不停电作业”之误，照录不改。"),
    ],
    86: [
        (
            "text",
            "“互联网+监管”",
            "区级贯彻措施原文“互联网+监管”用半角加号，同一单元格后文“互联网＋监管”用全角加号，均照录。",
        ),
    ],
    176: [
        (
            "city_task",
            "慵懒散拖",
            "市级工作任务原文作“慵懒散拖”，区级贯彻措施作“庸懒散拖”，两处写法不同，均照录。",
        ),
    ],
}


@dataclass(frozen=True)
class SourceLine:
    number: int
    text: str

    @property
    def closes_cell(self) -> bool:
        """The extraction leaves a space after the last line of every cell, none after a wrap."""
        return self.text.endswith((" ", "\t"))

    @property
    def width(self) -> int:
        return len(self.text.strip())


@dataclass
class Run:
    """Consecutive lines of one cell as the extraction wrote them."""

    lines: list[SourceLine] = field(default_factory=list)

    @property
    def first(self) -> int:
        return self.lines[0].number

    @property
    def last(self) -> int:
        return self.lines[-1].number

    @property
    def text(self) -> str:
        return normalize_text("\n".join(line.text for line in self.lines))

    @property
    def width(self) -> int:
        return max(line.width for line in self.lines)


@dataclass
class Row:
    number: str
    number_line: int
    section: str
    runs: list[Run] = field(default_factory=list)
    empty_cell_lines: list[int] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def report(self, line: int, message: str) -> None:
        self.findings.append(Finding(line, f"第 {self.number} 项：{message}"))


@dataclass
class Cells:
    city_task: Run
    measure: Run
    lead: Run
    partners: Run | None


# ---------------------------------------------------------------- line kinds


def is_blank(text: str) -> bool:
    return text.strip() == ""


def is_empty_cell_mark(text: str) -> bool:
    """A line of spaces only: what the extraction leaves for an empty cell or a page end."""
    return text != "" and is_blank(text)


def is_header_row(text: str) -> bool:
    return "序号" in text and "市级工作任务" in text and "区级贯彻措施" in text


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text))


def is_heading(text: str) -> bool:
    return bool(_HEADING.match(text))


def item_number(text: str) -> int | None:
    match = _ITEM_NUMBER.match(text)
    return int(match.group(1)) if match else None


def table_start(lines: list[str]) -> int:
    """Index of the first line after the table's first header row (序号 市级工作任务 …)."""
    for index, text in enumerate(lines):
        if is_header_row(text):
            return index + 1
    raise ValueError("找不到附件表格：没有以“序号”开头的表头行")


# ---------------------------------------------------------------- cell evidence


def looks_like_unit_names(text: str) -> bool:
    return not any(mark in text for mark in _SENTENCE_PUNCTUATION) and bool(_UNIT_NAME_END.search(text))


def is_unit_run(run: Run) -> bool:
    return run.width <= UNIT_LINE_MAX_WIDTH and looks_like_unit_names(run.text)


def ends_a_sentence(text: str) -> bool:
    return text.endswith(_CELL_END)


def title_of(city_task: str) -> str:
    """The city task's first clause: its text up to the first ，；or 。"""
    return _TITLE_END.split(city_task, maxsplit=1)[0]


# ---------------------------------------------------------------- reading rows


def read_rows(lines: list[str]) -> tuple[list[Section], list[Row], list[Finding]]:
    """Walk the table line by line, cutting it into headings, rows and runs of cell lines."""
    sections: list[Section] = []
    rows: list[Row] = []
    findings: list[Finding] = []
    open_run: Run | None = None
    row: Row | None = None
    expected = 1
    for index in range(table_start(lines), len(lines)):
        line = SourceLine(index + 1, lines[index])
        if is_header_row(line.text) or is_page_number(line.text):
            if open_run is not None and row is not None:
                row.report(line.number, f"单元格跨页接续（第 {line.number} 行表头/页码前后拼合）")
            continue
        if is_blank(line.text):
            if open_run is None and row is not None and is_empty_cell_mark(line.text):
                row.empty_cell_lines.append(line.number)
            continue
        if open_run is None and is_heading(line.text):
            sections.append(Section(heading=normalize_text(line.text), part="attachment"))
            row = None
            continue
        number = item_number(line.text)
        if open_run is None and number is not None:
            if number == expected:
                if not sections:
                    raise ValueError(f"第 {line.number} 行：第 {number} 项之前没有章节标题")
                row = Row(line.text.strip(), line.number, sections[-1].heading)
                rows.append(row)
                expected += 1
                continue
            findings.append(
                Finding(line.number, f"单独成行的数字“{number}”不是下一个序号 {expected}，按单元格文字处理")
            )
        if row is None:
            raise ValueError(f"第 {line.number} 行：表格文字出现在序号之前：{line.text.strip()}")
        if open_run is None:
            open_run = Run()
            row.runs.append(open_run)
        elif is_blank(lines[index - 1]):
            row.report(
                line.number,
                f"单元格在空行处断开后接续（第 {open_run.lines[-1].number} 行末无结束空格），已拼合",
            )
        open_run.lines.append(line)
        if line.closes_cell:
            open_run = None
    return sections, rows, findings


def split_two_unit_cells_on_one_line(row: Row) -> list[Run]:
    """``区医保局 各镇街``: lead and partners side by side on one extracted line."""
    runs: list[Run] = []
    for run in row.runs:
        parts = run.lines[0].text.split()
        if len(run.lines) == 1 and len(parts) == 2 and all(looks_like_unit_names(part) for part in parts):
            line = run.lines[0]
            runs.append(Run([SourceLine(line.number, parts[0] + " ")]))
            runs.append(Run([SourceLine(line.number, parts[1] + " ")]))
            row.report(line.number, f"牵头单位与配合单位印在同一行“{line.text.strip()}”，按空格分为两格")
        else:
            runs.append(run)
    return runs


def join_runs(first: Run, second: Run) -> Run:
    return Run(first.lines + second.lines)


def merge_text_runs(row: Row, texts: list[Run]) -> list[Run]:
    """Two text cells per row: a run that stops mid-sentence goes on in the next one."""
    texts = list(texts)
    while len(texts) > 2:
        unfinished = [i for i, run in enumerate(texts[:-1]) if not ends_a_sentence(run.text)]
        if len(unfinished) != 1:
            raise ValueError(
                f"第 {row.number_line} 行起的第 {row.number} 项：文字单元格多于两个，无法确定如何拼合"
            )
        i = unfinished[0]
        row.report(
            texts[i + 1].first,
            f"第 {texts[i].first}-{texts[i].last} 行末尾“{texts[i].text[-6:]}”未完句且带行尾空格，"
            f"与第 {texts[i + 1].first}-{texts[i + 1].last} 行拼为同一单元格",
        )
        texts[i : i + 2] = [join_runs(texts[i], texts[i + 1])]
    return texts


def assign_cells(row: Row) -> Cells:
    """Decide which run is which column, reporting every decision that is not the plain case."""
    runs = split_two_unit_cells_on_one_line(row)
    kinds = [is_unit_run(run) for run in runs]
    first_unit = kinds.index(True) if True in kinds else len(runs)
    if any(kinds[first_unit:]) and not all(kinds[first_unit:]):
        raise ValueError(f"第 {row.number} 项（第 {row.number_line} 行）：单位单元格之后又出现文字单元格")
    texts = merge_text_runs(row, runs[:first_unit])
    units = runs[first_unit:]
    if len(texts) != 2:
        raise ValueError(
            f"第 {row.number} 项（第 {row.number_line} 行）：找到 {len(texts)} 个文字单元格，应为 2 个"
        )
    if not 1 <= len(units) <= 2:
        raise ValueError(
            f"第 {row.number} 项（第 {row.number_line} 行）：找到 {len(units)} 个单位单元格，应为 1 或 2 个"
        )
    for run in texts:
        if not ends_a_sentence(run.text):
            row.report(run.first, f"文字单元格不以句末标点结束：“…{run.text[-8:]}”，请核对")
    report_unit_names_meeting_across_a_wrap(row, units)
    report_marks_before_units(row, texts[-1], units[0])
    return Cells(texts[0], texts[1], units[0], units[1] if len(units) == 2 else None)


def report_unit_names_meeting_across_a_wrap(row: Row, units: list[Run]) -> None:
    """A wrap that ends on a whole unit name and starts a new one could hide a cell boundary."""
    for run in units:
        for line, next_line in zip(run.lines, run.lines[1:], strict=False):
            if _UNIT_NAME_END.search(line.text.strip()) and next_line.text.strip().startswith(
                _UNIT_NAME_START
            ):
                row.report(
                    next_line.number,
                    f"单位名“{line.text.strip()}”与下一行“{next_line.text.strip()}”之间没有顿号，"
                    "可能是两个单元格，已按同一单元格处理，请核对",
                )


def report_marks_before_units(row: Row, measure: Run, lead: Run) -> None:
    for n in row.empty_cell_lines:
        if measure.last < n < lead.first:
            row.report(n, f"区级贯彻措施与牵头单位之间有空白占位行（第 {n} 行），按版面残留忽略")


# ---------------------------------------------------------------- records


def notes_for(number: int, fields: dict[str, str]) -> list[str]:
    notes = []
    for field_name, published_words, note in EDITOR_NOTES.get(number, []):
        if published_words not in fields[field_name]:
            raise ValueError(f"第 {number} 项的编者注所指原文“{published_words}”不在 {field_name} 中")
        notes.append(note)
    return notes


def measure_of(doc_id: str, row: Row, cells: Cells) -> Measure:
    city_task = cells.city_task.text
    text = cells.measure.text
    partners = cells.partners.text if cells.partners else None
    last_line = (cells.partners or cells.lead).last
    return Measure(
        id=measure_id(doc_id, "list-item", int(row.number)),
        document=doc_id,
        kind="list-item",
        number=row.number,
        section=row.section,
        title=title_of(city_task),
        city_task=city_task,
        actions=[
            Action(
                text=text,
                lead=cells.lead.text,
                partners=partners,
                partners_label=PARTNERS_LABEL if partners else None,
            )
        ],
        source_lines=f"{row.number_line}-{last_line}",
        notes=notes_for(int(row.number), {"city_task": city_task, "text": text}),
    )


def report_repeated_city_tasks(measures: list[Measure]) -> list[Finding]:
    findings = []
    seen: dict[str, Measure] = {}
    for measure in measures:
        earlier = seen.setdefault(measure.city_task or "", measure)
        if earlier is not measure:
            line = int(measure.source_lines.split("-")[0])
            findings.append(
                Finding(line, f"第 {measure.number} 项的市级工作任务与第 {earlier.number} 项相同，照录")
            )
    return findings


def validate(measures: list[Measure]) -> None:
    numbers = [int(measure.number) for measure in measures]
    if numbers != list(range(1, len(numbers) + 1)):
        raise ValueError(f"序号应从 1 起连续编号，实得 {numbers[:3]}…{numbers[-3:]}（共 {len(numbers)} 项）")
    for measure in measures:
        action = measure.actions[0]
        for name, value in [("city_task", measure.city_task), ("text", action.text), ("lead", action.lead)]:
            if not value:
                raise ValueError(f"第 {measure.number} 项的 {name} 为空")


def import_wrapped_table(doc_id: str, lines: list[str]) -> ImportResult:
    """Read a wrapped PDF task list (附件) into sections, one measure per row, and findings."""
    sections, rows, findings = read_rows(lines)
    measures = []
    for row in rows:
        cells = assign_cells(row)
        measures.append(measure_of(doc_id, row, cells))
        findings.extend(row.findings)
    findings.extend(report_repeated_city_tasks(measures))
    validate(measures)
    return ImportResult(sections=sections, measures=measures, findings=sorted(findings, key=lambda f: f.line))
