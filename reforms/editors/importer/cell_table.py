"""Attachment tables whose cells the extraction kept apart: two layouts of the 2022 pilot lists.

``tab-rows`` (渝中区): one table row per line, cells separated by tabs, columns
序号 / 改革事项 / 具体举措 / 牵头单位. A page break cuts a row in two; the second half is a line
with an empty 序号, as is a further action of the same item with its own 牵头单位.

``cell-lines`` (江津区): one cell per tab-indented line, rows separated by blank lines, columns
序号 / 改革事项 / 具体举措 / 牵头单位 / 适用范围 / 时间节点, grouped under headings 一、… 十、.

Both return the table's items as ``list-item`` measures, in order, and a finding for every row
an editor should look at. Text is never changed beyond :func:`normalize_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reforms.catalogue.model import Action, Measure, Section, measure_id
from reforms.editors.importer import Finding, ImportResult
from reforms.editors.importer.debris import normalize_text, normalize_units

ATTACHMENT_REFERENCE = re.compile(r"^附件[：:]\s*(?:\d+[．.]\s*)?(?P<title>\S.*?)\s*$")
HTML_TAG = re.compile(r"<[^>]+>")
CHINESE_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
SENTENCE_END = ("。", "！", "？")
TAB_ROW_WIDTH = 4
CELL_ROW_WIDTH = 6

# Oddities of the published text that no rule can see. Each note is attached only if its
# quoted snippet is in the item, so a note can never land on the wrong item.
NOTES_ON_PUBLISHED_TEXT: dict[str, dict[str, list[tuple[str, str]]]] = {
    "yz2022": {
        "69": [("税务 Ukey", "改革事项作“UKey”，具体举措作“Ukey”，大小写不一，照录。")],
    },
    "jj2022": {
        "1": [("线下线下", "原文“线下线下均可办理”，疑为“线上线下”之误，照录。")],
        "4": [("舆论范围", "原文“营造良好舆论范围”，疑为“舆论氛围”之误，照录。")],
        "34": [
            (
                "探索建立招标计划提前",
                "改革事项原文止于“探索建立招标计划提前”，疑脱“发布制度”"
                "（渝中区清单同一事项作“探索建立招标计划提前发布制度”），照录。",
            )
        ],
    },
}


# ---------------------------------------------------------------- drafts


@dataclass
class DraftAction:
    """One action's cells as a list of pieces each, joined only when the record is built."""

    line: int
    text: list[str]
    lead: list[str]
    scope: list[str] = field(default_factory=list)
    due: list[str] = field(default_factory=list)


@dataclass
class DraftItem:
    number: str
    section: str
    title: list[str]
    actions: list[DraftAction]
    first_line: int
    last_line: int
    notes: list[str] = field(default_factory=list)


def joined(pieces: list[str]) -> str | None:
    """The published text of a cell whose pieces were cut apart by wraps or page breaks."""
    return normalize_text("\n".join(pieces)) or None


def required(value: str | None, what: str, line: int) -> str:
    if not value:
        raise ValueError(f"第 {line} 行：{what}为空")
    return value


def ends_a_sentence(text: str) -> bool:
    return text.rstrip().endswith(SENTENCE_END)


def to_action(draft: DraftAction) -> Action:
    return Action(
        text=required(joined(draft.text), "具体举措", draft.line),
        lead=normalize_units(draft.lead),
        scope=joined(draft.scope),
        due=joined(draft.due),
    )


def to_measure(doc_id: str, item: DraftItem) -> Measure:
    return Measure(
        id=measure_id(doc_id, "list-item", int(item.number)),
        document=doc_id,
        kind="list-item",
        number=item.number,
        section=item.section,
        title=required(joined(item.title), "改革事项", item.first_line),
        actions=[to_action(action) for action in item.actions],
        source_lines=f"{item.first_line}-{item.last_line}",
        notes=item.notes,
    )


# ---------------------------------------------------------------- shared checks


def find_table_start(lines: list[str]) -> tuple[str, int]:
    """The attachment's title, and the index of the first line after its title line.

    The body names the attachment (``附件：1．标题``); the table follows the later line that is
    the title alone (possibly as a ``## `` heading).
    """
    for index, line in enumerate(lines):
        reference = ATTACHMENT_REFERENCE.match(line.strip())
        if not reference:
            continue
        title = reference.group("title")
        for title_index in range(index + 1, len(lines)):
            if lines[title_index].lstrip("#").strip() == title:
                return title, title_index + 1
        raise ValueError(f"第 {index + 1} 行提到的附件“{title}”在后文找不到标题行")
    raise ValueError("找不到“附件：”一行")


def is_page_header(line: str) -> bool:
    text = line.strip()
    return text == "---" or (text.startswith("## ") and text.endswith("行政规范性文件"))


def is_header_row(cells: list[str]) -> bool:
    return HTML_TAG.sub("", cells[0]).strip() == "序号"


def check_numbering(items: list[DraftItem]) -> None:
    numbers = [item.number for item in items]
    expected = [str(n) for n in range(1, len(items) + 1)]
    if numbers != expected:
        wrong = next(i for i, (a, b) in enumerate(zip(numbers, expected, strict=True)) if a != b)
        raise ValueError(f"序号不连续：第 {wrong + 1} 项是“{numbers[wrong]}”，应为“{expected[wrong]}”")


def note_repeated_actions(item: DraftItem, findings: list[Finding]) -> None:
    """An action whose whole text is repeated inside another action of the same item."""
    texts = [joined(action.text) or "" for action in item.actions]
    for i, inner in enumerate(texts):
        for j, outer in enumerate(texts):
            if i != j and len(inner) >= 10 and inner in outer:
                item.notes.append(
                    f"原文第 {j + 1} 条举措（{joined(item.actions[j].lead)}）中含有第 {i + 1} 条举措"
                    f"（{joined(item.actions[i].lead)}）的全文，照录。"
                )
                findings.append(
                    Finding(
                        item.actions[j].line,
                        f"第 {item.number} 项：第 {j + 1} 条举措含有第 {i + 1} 条举措的全文，照录并加编者注",
                    )
                )


def note_repeated_items(items: list[DraftItem], findings: list[Finding]) -> None:
    """An item printed again later with the same 改革事项 and the same 举措."""
    seen: dict[tuple, DraftItem] = {}
    for item in items:
        key = (joined(item.title), tuple(joined(action.text) for action in item.actions))
        earlier = seen.setdefault(key, item)
        if earlier is not item:
            item.notes.append(f"本项改革事项和具体举措与第 {earlier.number} 项完全相同，原文如此，照录。")
            findings.append(
                Finding(
                    item.first_line,
                    f"第 {item.number} 项与第 {earlier.number} 项（第 {earlier.first_line} 行）内容完全相同，照录并加编者注",
                )
            )


def note_published_oddities(doc_id: str, item: DraftItem) -> None:
    everything = "\n".join([*item.title, *(piece for action in item.actions for piece in action.text)])
    for snippet, note in NOTES_ON_PUBLISHED_TEXT.get(doc_id, {}).get(item.number, []):
        if snippet not in everything:
            raise ValueError(f"第 {item.number} 项：编者注所指的“{snippet}”不在原文中")
        item.notes.append(note)


def finish(
    doc_id: str, sections: list[Section], items: list[DraftItem], findings: list[Finding]
) -> ImportResult:
    check_numbering(items)
    note_repeated_items(items, findings)
    for item in items:
        note_repeated_actions(item, findings)
        note_published_oddities(doc_id, item)
    measures = [to_measure(doc_id, item) for item in items]
    findings.sort(key=lambda finding: finding.line)
    return ImportResult(sections=sections, measures=measures, findings=findings)


# ---------------------------------------------------------------- tab-rows (渝中区)


@dataclass
class TabRow:
    line: int
    number: str
    title: str
    text: str
    lead: str
    after_page_break: bool


def read_tab_rows(lines: list[str], start: int) -> list[TabRow]:
    """The table's rows, without page headers and repeated header rows."""
    rows: list[TabRow] = []
    after_page_break = False
    for index in range(start, len(lines)):
        line = lines[index]
        if not line.strip():
            continue
        if is_page_header(line):
            after_page_break = True
            continue
        cells = line.split("\t")
        if len(cells) != TAB_ROW_WIDTH:
            raise ValueError(f"第 {index + 1} 行：不是 {TAB_ROW_WIDTH} 列的表格行：{line!r}")
        if is_header_row(cells):
            after_page_break = True
            continue
        number, title, text, lead = (cell.strip() for cell in cells)
        rows.append(TabRow(index + 1, number, title, text, lead, after_page_break))
        after_page_break = False
    return rows


def is_continuation(row: TabRow) -> bool:
    """A row cut by a page break has no 牵头单位 of its own, or continues the 改革事项 cell too."""
    return not row.lead or bool(row.title)


def describe_unnumbered_row(row: TabRow, previous: DraftItem, continuation: bool) -> str:
    previous_text = previous.actions[-1].text[-1]
    signals = [
        "前有分页" if row.after_page_break else "前无分页",
        "上一格未完句" if not ends_a_sentence(previous_text) else "上一格已完句",
        f"本行有牵头单位“{row.lead}”" if row.lead else "本行无牵头单位",
        "本行改革事项格有字" if row.title else "本行改革事项格为空",
    ]
    decision = "判为上一行被分页截断的续行，各格接回上一行" if continuation else "判为同一事项的另一条举措"
    doubt = ""
    if continuation and ends_a_sentence(previous_text) and not row.title:
        doubt = "；但上一格已完句，请核对"
    if continuation and row.lead:
        doubt = "；本行牵头单位也接在上一行牵头单位之后，请核对"
    if not continuation and (row.after_page_break or not ends_a_sentence(previous_text)):
        doubt = "；但有续行迹象，请核对"
    return f"第 {previous.number} 项：序号为空的行（{'，'.join(signals)}），{decision}{doubt}"


def continue_row(item: DraftItem, row: TabRow) -> None:
    action = item.actions[-1]
    for pieces, cell in ((item.title, row.title), (action.text, row.text), (action.lead, row.lead)):
        if cell:
            pieces.append(cell)
    item.last_line = row.line


def add_further_action(item: DraftItem, row: TabRow) -> None:
    item.actions.append(DraftAction(row.line, [row.text], [row.lead]))
    item.last_line = row.line


def import_tab_rows(doc_id: str, lines: list[str]) -> ImportResult:
    """The 渝中区 list: one row per line, cells separated by tabs, no headings."""
    title, start = find_table_start(lines)
    section = Section(heading=normalize_text(title), part="attachment")
    items: list[DraftItem] = []
    findings: list[Finding] = []
    for row in read_tab_rows(lines, start):
        if row.number:
            action = DraftAction(row.line, [row.text], [row.lead] if row.lead else [])
            items.append(DraftItem(row.number, section.heading, [row.title], [action], row.line, row.line))
            continue
        if not items:
            raise ValueError(f"第 {row.line} 行：表格第一行没有序号")
        previous = items[-1]
        continuation = is_continuation(row)
        findings.append(Finding(row.line, describe_unnumbered_row(row, previous, continuation)))
        if continuation:
            continue_row(previous, row)
        else:
            if not ends_a_sentence(previous.actions[-1].text[-1]):
                previous.notes.append(f"原文第 {len(previous.actions)} 条举措末尾无句号，照录。")
            add_further_action(previous, row)
    return finish(doc_id, [section], items, findings)


# ---------------------------------------------------------------- cell-lines (江津区)


@dataclass
class Cell:
    line: int
    pieces: list[str]


def read_cell_blocks(lines: list[str], start: int, findings: list[Finding]) -> list[list[Cell]]:
    """Runs of tab-indented cells separated by blank lines, up to the end of the table.

    An unindented line continues the cell above it: directly (a wrapped cell) or after a blank
    line while the row is not yet complete (a page break). After a complete row it ends the table.
    """
    blocks: list[list[Cell]] = []
    blank_since_last_cell = False
    for index in range(start, len(lines)):
        line, number = lines[index], index + 1
        if line.startswith("\t"):
            if not blocks or blank_since_last_cell:
                blocks.append([])
            blocks[-1].append(Cell(number, [line[1:]]))
            blank_since_last_cell = False
        elif not line.strip():
            blank_since_last_cell = bool(blocks)
        elif not blocks:
            raise ValueError(f"第 {number} 行：表格之前有未识别的文字：{line!r}")
        elif not blank_since_last_cell:
            blocks[-1][-1].pieces.append(line)
        elif len(blocks[-1]) < CELL_ROW_WIDTH:
            blocks[-1][-1].pieces.append(line)
            row_number = "".join(blocks[-1][0].pieces).strip()
            findings.append(
                Finding(
                    number,
                    f"第 {row_number} 项：空行后不缩进的文字“{line.strip()[:20]}”接回第 {blocks[-1][-1].line} 行"
                    "的单元格（跨页或单元格内分段），不另起一格",
                )
            )
            blank_since_last_cell = False
        else:
            break
    return blocks


def cell_text(cell: Cell) -> str:
    return joined(cell.pieces) or ""


def is_heading_block(block: list[Cell]) -> bool:
    return len(block) == 1 and bool(CHINESE_HEADING.match(cell_text(block[0])))


def action_from_cells(cells: list[Cell]) -> DraftAction:
    text, lead, scope, due = cells
    return DraftAction(text.line, text.pieces, lead.pieces, scope.pieces, due.pieces)


def report_empty_cells(item: DraftItem, cells: list[Cell], findings: list[Finding]) -> None:
    for name, cell in zip(("牵头单位", "适用范围", "时间节点"), cells[3:], strict=True):
        if not cell_text(cell):
            findings.append(Finding(cell.line, f"第 {item.number} 项：{name}一格为空，留空不填"))


def last_line_of(block: list[Cell]) -> int:
    return block[-1].line + len(block[-1].pieces) - 1


def add_reprinted_row(item: DraftItem, block: list[Cell], findings: list[Finding]) -> None:
    """A row that prints the item's 序号 and 改革事项 again: one more action of the same item."""
    number, title, first_line = cell_text(block[0]), cell_text(block[1]), block[0].line
    if title != joined(item.title):
        raise ValueError(f"第 {first_line} 行：序号 {number} 重复，但改革事项不同")
    item.actions.append(action_from_cells(block[2:]))
    item.last_line = last_line_of(block)
    ordinal = len(item.actions)
    item.notes.append(
        f"原文第 {first_line} 行重复印出序号“{number}”和改革事项“{title}”，"
        f"其下为本项第 {ordinal} 条举措；按同一事项录入。"
    )
    findings.append(
        Finding(first_line, f"第 {number} 项：序号和改革事项重复印出，判为同一事项的第 {ordinal} 条举措")
    )


def add_unnumbered_row(item: DraftItem, block: list[Cell], findings: list[Finding]) -> None:
    """A row with empty 序号 and 改革事项 but its own 牵头单位: one more action of the item above."""
    if cell_text(block[1]):
        raise ValueError(f"第 {block[0].line} 行：序号为空但改革事项有字，无法判断")
    item.actions.append(action_from_cells(block[2:]))
    item.last_line = last_line_of(block)
    findings.append(
        Finding(
            block[0].line,
            f"第 {item.number} 项：序号和改革事项为空、有自己的牵头单位和时间节点的行，"
            f"判为第 {len(item.actions)} 条举措",
        )
    )


def add_row(items: list[DraftItem], section: str, block: list[Cell], findings: list[Finding]) -> DraftItem:
    """Put one table row where it belongs: a new item, or one more action of the item above."""
    number = cell_text(block[0])
    previous = items[-1] if items else None
    if number and (previous is None or number != previous.number):
        action = action_from_cells(block[2:])
        items.append(
            DraftItem(number, section, block[1].pieces, [action], block[0].line, last_line_of(block))
        )
        return items[-1]
    if previous is None:
        raise ValueError(f"第 {block[0].line} 行：表格第一行没有序号")
    if number:
        add_reprinted_row(previous, block, findings)
    else:
        add_unnumbered_row(previous, block, findings)
    return previous


def import_cell_lines(doc_id: str, lines: list[str]) -> ImportResult:
    """The 江津区 list: one cell per tab-indented line, rows separated by blank lines, headings 一、…."""
    _, start = find_table_start(lines)
    sections: list[Section] = []
    items: list[DraftItem] = []
    findings: list[Finding] = []
    for block in read_cell_blocks(lines, start, findings):
        if is_heading_block(block):
            sections.append(Section(heading=cell_text(block[0]), part="attachment"))
            continue
        if len(block) != CELL_ROW_WIDTH:
            raise ValueError(f"第 {block[0].line} 行：不是 {CELL_ROW_WIDTH} 格的表格行（{len(block)} 格）")
        if cell_text(block[0]) == "序号":
            continue
        if not sections:
            raise ValueError(f"第 {block[0].line} 行：表格行出现在第一个标题之前")
        item = add_row(items, sections[-1].heading, block, findings)
        report_empty_cells(item, block, findings)
    return finish(doc_id, sections, items, findings)
