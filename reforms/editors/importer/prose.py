"""The body of a plan: preamble, sections, numbered items and numbered work paragraphs.

The body runs from the plan's title to the line ``附件：…`` that lists the attachments (or to the
end). Two layouts occur:

* one line per paragraph (Word/Markdown extractions), where a paragraph only continues on the
  next line when a page break cut it, i.e. when the line before does not end a sentence;
* wrapped (九龙坡), where every short PDF line is its own line and a paragraph only starts at a
  number such as ``（三）`` standing after the end of the previous paragraph.

Either way the body becomes a list of paragraphs (section heading, ``（一）`` paragraph, ``1．``
item or unnumbered text), and the paragraphs become records. Numbers must run on without gaps;
a would-be number that breaks the run is taken as text and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from reforms.catalogue.model import Action, Measure, MeasureKind, Section, Subsection, measure_id
from reforms.editors.importer import Finding, ImportResult
from reforms.editors.importer.debris import normalize_text

CHINESE_DIGITS = "一二三四五六七八九"
SECTION_MARKER = re.compile(r"^([一二三四五六七八九十]+)、")
PAREN_MARKER = re.compile(r"^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*")
ITEM_MARKER = re.compile(r"^(\d+)\s*[.．](?!\d)\s*")
FIRST_ITEM = re.compile(r"^1\s*[.．]\s*[\u4e00-\u9fff]")

ATTACHMENT_LIST = re.compile(r"^附件\s*[：:]")
PAGE_HEADER = re.compile(r"^(#+\s*)?\S*人民政府行政规范性文件$")
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
# Three or more empty lines in a row are where the extraction put a page break.
PAGE_BREAK_BLANKS = 3
# Lines of a wrapped PDF extraction hold about 30 characters; paragraphs are far longer.
WRAPPED_LINE_LENGTH = 40
# A section heading is one short line; a longer line starting 二、 is running text.
SECTION_HEADING_LENGTH = 40

TEXT_SECTION = re.compile(r"总体要求|保障")
PARAGRAPH_END = tuple("。！？；）)")
UNIT_LABELS = "牵头单位|责任单位|配合单位"
# A unit clause at the end of a paragraph: （牵头单位：…，责任单位：…）, one level of nested brackets allowed.
TRAILING_UNIT_CLAUSE = re.compile(rf"（((?:{UNIT_LABELS})：(?:[^（）]|（[^（）]*）)*)）。?$")
UNIT_CLAUSE_OPENED = re.compile(rf"[（(]\s*(?:{UNIT_LABELS}|牵头|责任|配合)(?:(?![）)]).)*$")
LEAD_AND_PARTNERS = re.compile(
    r"^牵头单位：(?P<lead>.+?)(?:，(?P<label>责任单位|配合单位)：(?P<partners>.+))?$"
)
PARTNERS_ONLY = re.compile(r"^(?P<label>责任单位|配合单位)：(?P<partners>.+)$")
# Lower-case Latin words inside Chinese text are not the documents' own abbreviations (APP, CA, CCC).
STRAY_LATIN_WORD = re.compile(r"(?<=[\u4e00-\u9fff])[a-z]{2,}(?=[\u4e00-\u9fff])")
LONG_TITLE = 30
# The 2022 plans close each unit list with 等按职责分工负责; a list without 等 is worth a look.
DUTY_TAIL_WITHOUT_DENG = re.compile(r"(?<!等)按职责分工负责$")

# Oddities of the published text that no rule can see, kept as published and explained in notes.
SOURCE_ODDITIES: dict[str, list[tuple[str, str]]] = {
    "yz2021": [
        ("线上线下一融合互认", "原文作「实现线上线下一融合互认」，疑有脱字，照录。"),
        ("牵头单位：区发改委，", "原文牵头单位作「区发改委」，其他条目作「区发展改革委」，照录。"),
    ],
}


@dataclass
class Fragment:
    """One line of text, markdown marks and surrounding spaces removed."""

    line: int
    text: str
    after_page_break: bool = False


@dataclass
class Paragraph:
    """A section heading, a （一） paragraph, a 1． item or unnumbered text, from one or more lines."""

    kind: Literal["section", "paren", "item", "plain"]
    fragments: list[Fragment] = field(default_factory=list)

    @property
    def first_line(self) -> int:
        return self.fragments[0].line

    @property
    def text(self) -> str:
        return normalize_text("\n".join(fragment.text for fragment in self.fragments))

    @property
    def source_lines(self) -> str:
        first, last = self.first_line, self.fragments[-1].line
        return str(first) if first == last else f"{first}-{last}"


@dataclass
class UnitClause:
    lead: str | None
    partners: str | None
    partners_label: Literal["配合单位", "责任单位"] | None


def import_prose(doc_id: str, lines: list[str]) -> ImportResult:
    """Sections, measures and preamble of the body of document ``doc_id`` (``lines`` = the whole source)."""
    result = ImportResult()
    fragments = body_fragments(lines)
    heading_index = next((i for i, f in enumerate(fragments) if SECTION_MARKER.match(f.text)), None)
    if heading_index is None:
        result.findings.append(Finding(1, "正文中没有找到「一、」章节标题"))
        return result
    result.preamble = preamble_text(fragments[:heading_index], result.findings)
    wrapped = is_wrapped(fragments[heading_index:])
    kind: MeasureKind = (
        "numbered-item"
        if any(FIRST_ITEM.match(f.text) for f in fragments[heading_index:])
        else "work-paragraph"
    )
    paragraphs = group_paragraphs(fragments[heading_index:], wrapped, kind, result.findings)
    build_records(doc_id, paragraphs, kind, result)
    result.findings.sort(key=lambda finding: finding.line)
    return result


# --- lines to fragments ------------------------------------------------------------------------


def body_end(lines: list[str]) -> int:
    """Index of the line introducing the attachments, or the number of lines."""
    seen_heading = False
    for index, line in enumerate(lines):
        text = clean_line(line)
        seen_heading = seen_heading or bool(SECTION_MARKER.match(text))
        if seen_heading and ATTACHMENT_LIST.match(text):
            return index
    return len(lines)


def clean_line(line: str) -> str:
    return MARKDOWN_HEADING.sub("", line.strip()).replace("**", "").strip()


def is_debris(text: str) -> bool:
    return not text or text == "---" or bool(PAGE_HEADER.match(text))


def body_fragments(lines: list[str]) -> list[Fragment]:
    """The non-debris lines up to the attachment list, each marked if a page break precedes it."""
    fragments: list[Fragment] = []
    blank_run = 0
    page_break = False
    for index, line in enumerate(lines[: body_end(lines)]):
        text = clean_line(line)
        if is_debris(text):
            blank_run = blank_run + 1 if not text else 0
            page_break = page_break or bool(text) or blank_run >= PAGE_BREAK_BLANKS
            continue
        fragments.append(Fragment(index + 1, text, page_break))
        blank_run, page_break = 0, False
    return fragments


def is_wrapped(fragments: list[Fragment]) -> bool:
    return max(len(fragment.text) for fragment in fragments) < WRAPPED_LINE_LENGTH


def preamble_text(fragments: list[Fragment], findings: list[Finding]) -> str | None:
    """The plan's introduction: from the last line opening with 为 (为贯彻落实…) up to the first heading.

    Titles and cover letters end without a full stop, and a wrapped preamble can end a line
    anywhere, so the customary opening 为 is the one reliable start.
    """
    starts = [i for i, fragment in enumerate(fragments) if fragment.text.startswith("为")]
    if not starts:
        line = fragments[-1].line if fragments else 1
        findings.append(Finding(line, "没有找到以「为」开头的引言，preamble 留空"))
        return None
    preamble = normalize_text("\n".join(fragment.text for fragment in fragments[starts[-1] :]))
    if not preamble.endswith("。"):
        findings.append(Finding(fragments[starts[-1]].line, "引言不以句号结束，请核对其范围"))
    return preamble


# --- fragments to paragraphs ---------------------------------------------------------------------


def chinese_number(numeral: str) -> int:
    """一 → 1, 十 → 10, 十七 → 17, 二十一 → 21."""
    tens, _, units = numeral.rpartition("十")
    if "十" not in numeral:
        return CHINESE_DIGITS.index(numeral) + 1
    value = (CHINESE_DIGITS.index(tens) + 1 if tens else 1) * 10
    return value + (CHINESE_DIGITS.index(units) + 1 if units else 0)


def ends_paragraph(text: str) -> bool:
    return text.endswith(PARAGRAPH_END)


@dataclass
class Numbering:
    """The last number seen at each level; a new number must follow on."""

    section: int = 0
    paren: int = 0
    paren_in_section: int = 0
    item: int = 0

    def accepts(self, kind: str, number: int) -> bool:
        if kind == "section":
            return number == self.section + 1
        if kind == "paren":
            # 九龙坡 numbers its paragraphs on across sections; the others restart at （一）.
            return number == self.paren + 1 or (number == 1 and self.paren_in_section == 0)
        return number == self.item + 1

    def advance(self, kind: str, number: int) -> None:
        if kind == "section":
            self.section, self.paren_in_section = number, 0
        elif kind == "paren":
            self.paren = self.paren_in_section = number
        else:
            self.item = number


def marker_of(text: str, kind: MeasureKind) -> tuple[str, int] | None:
    """The numbering a line opens with, as (paragraph kind, number), if it looks like one."""
    if (
        (match := SECTION_MARKER.match(text))
        and not text.endswith("。")
        and len(text) < SECTION_HEADING_LENGTH
    ):
        return "section", chinese_number(match.group(1))
    if match := PAREN_MARKER.match(text):
        return "paren", chinese_number(match.group(1))
    if kind == "numbered-item" and (match := ITEM_MARKER.match(text)):
        return "item", int(match.group(1))
    return None


def group_paragraphs(
    fragments: list[Fragment], wrapped: bool, kind: MeasureKind, findings: list[Finding]
) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    numbering = Numbering()
    in_text_section = False
    for fragment in fragments:
        previous = paragraphs[-1] if paragraphs else None
        previous_ended = (
            previous is None or previous.kind == "section" or ends_paragraph(previous.fragments[-1].text)
        )
        marker = marker_of(fragment.text, kind)
        if marker and not numbering.accepts(*marker):
            findings.append(
                Finding(fragment.line, f"「{fragment.text[:8]}…」像编号但不接续上一编号，按正文续接")
            )
            marker = None
        if marker and wrapped and not previous_ended:
            # a wrapped line that merely starts with a bracket
            findings.append(Finding(fragment.line, "行首像编号，但上一行未结束段落，按续行处理"))
            marker = None
        if marker:
            if not previous_ended:
                findings.append(
                    Finding(previous.fragments[-1].line, "段落未以标点结束，下一行却是新编号，请核对")
                )
            numbering.advance(*marker)
            paragraphs.append(Paragraph(marker[0], [fragment]))
            if marker[0] == "section":
                in_text_section = bool(TEXT_SECTION.search(fragment.text))
            continue
        if previous is None or previous.kind == "section":
            paragraphs.append(Paragraph("plain", [fragment]))
            continue
        if not wrapped and previous_ended:
            if in_text_section or previous.kind == "plain":
                paragraphs.append(Paragraph("plain", [fragment]))
                continue
            findings.append(Finding(fragment.line, "无编号的段落，已并入上一条"))
        report_page_break_join(previous, fragment, findings)
        previous.fragments.append(fragment)
    return paragraphs


def report_page_break_join(paragraph: Paragraph, fragment: Fragment, findings: list[Finding]) -> None:
    if not fragment.after_page_break:
        return
    before = paragraph.fragments[-1]
    if UNIT_CLAUSE_OPENED.search(before.text):
        message = f"单位括注被分页截断（第{before.line}行与第{fragment.line}行），已拼接"
    else:
        message = (
            f"段落跨页（第{before.line}行「…{before.text[-4:]}」续第{fragment.line}行），已去除页眉并拼接"
        )
    findings.append(Finding(fragment.line, message))


# --- paragraphs to records ---------------------------------------------------------------------


def split_number(paragraph: Paragraph) -> tuple[str, str]:
    """(number as printed, the rest), both normalized."""
    text = paragraph.text
    marker = ITEM_MARKER if paragraph.kind == "item" else PAREN_MARKER
    match = marker.match(text)
    assert match, text
    return match.group(0).strip(), text[match.end() :].strip()


def split_first_sentence(text: str) -> tuple[str, str]:
    """(text up to the first 。, text after it); the 。 itself is punctuation and goes to neither."""
    lead, stop, rest = text.partition("。")
    return (lead, rest) if stop else (text, "")


def split_unit_clause(text: str) -> tuple[str, UnitClause | None]:
    """A paragraph without its trailing （牵头单位：…，责任单位：…）, and the units it names."""
    match = TRAILING_UNIT_CLAUSE.search(text)
    if not match:
        return text, None
    clause = match.group(1)
    if units := LEAD_AND_PARTNERS.match(clause):
        parsed = UnitClause(units["lead"], units["partners"], units["label"])
    elif units := PARTNERS_ONLY.match(clause):
        parsed = UnitClause(None, units["partners"], units["label"])
    else:
        return text, None
    return text[: match.start()], parsed


def ends_in_unlabelled_units(text: str) -> bool:
    """A closing bracket that names 单位 but was not read as a unit clause deserves a look."""
    return bool(re.search(r"（[^（]*单位[^（]*）。?$", text))


def oddity_notes(doc_id: str, text: str) -> list[str]:
    notes = [note for phrase, note in SOURCE_ODDITIES.get(doc_id, []) if phrase in text]
    notes += [f"原文在中文中夹有英文「{word}」，照录。" for word in STRAY_LATIN_WORD.findall(text)]
    return notes


@dataclass
class Position:
    """Where the paragraph being read stands in the outline."""

    section: Section
    is_text_section: bool
    subsection: Subsection | None = None


def build_records(doc_id: str, paragraphs: list[Paragraph], kind: MeasureKind, result: ImportResult) -> None:
    """Paragraphs (starting with a section heading) to sections and measures, in source order."""
    position: Position
    for paragraph in paragraphs:
        if paragraph.kind == "section":
            heading = paragraph.text
            position = Position(Section(heading=heading, part="body"), bool(TEXT_SECTION.search(heading)))
            result.sections.append(position.section)
        elif paragraph.kind == "plain":
            add_section_text(position.section, paragraph, result.findings)
        elif position.is_text_section:
            position.section.subsections.append(text_subsection(paragraph, result.findings))
        elif paragraph.kind == "paren" and kind == "numbered-item":
            position.subsection = group_subsection(paragraph, result.findings)
            position.section.subsections.append(position.subsection)
        else:
            sequence = len(result.measures) + 1
            measure = measure_from_paragraph(doc_id, sequence, kind, paragraph, position, result.findings)
            result.measures.append(measure)


def add_section_text(section: Section, paragraph: Paragraph, findings: list[Finding]) -> None:
    section.text = (section.text or "") + paragraph.text
    findings.append(Finding(paragraph.first_line, f"无编号的段落放入章节「{section.heading}」的正文"))


def text_subsection(paragraph: Paragraph, findings: list[Finding]) -> Subsection:
    number, rest = split_number(paragraph)
    lead_phrase, text = split_first_sentence(rest)
    if not text:
        findings.append(Finding(paragraph.first_line, "小节只有标题，没有正文"))
    return Subsection(heading=number + lead_phrase, text=text or None)


def group_subsection(paragraph: Paragraph, findings: list[Finding]) -> Subsection:
    """A （一） heading over numbered items, with the units it names for all of them."""
    number, rest = split_number(paragraph)
    title, units = split_unit_clause(rest)
    title = title.removesuffix("。")
    if "。" in title:
        findings.append(Finding(paragraph.first_line, "小节标题中有句号，请核对标题与正文的划分"))
    if units is None:
        findings.append(Finding(paragraph.first_line, "小节标题没有牵头单位括注，单位见各条目"))
        return Subsection(heading=number + title)
    return Subsection(
        heading=number + title, lead=units.lead, partners=units.partners, partners_label=units.partners_label
    )


def measure_from_paragraph(
    doc_id: str,
    sequence: int,
    kind: MeasureKind,
    paragraph: Paragraph,
    position: Position,
    findings: list[Finding],
) -> Measure:
    number, rest = split_number(paragraph)
    body, units = split_unit_clause(rest)
    title, text = split_first_sentence(body)
    line = paragraph.first_line
    notes = oddity_notes(doc_id, paragraph.text)
    findings.extend(Finding(line, f"{number}{note}") for note in notes)
    if len(title) > LONG_TITLE:
        findings.append(Finding(line, f"{number}首句很长（{len(title)}字），没有小标题；title 取首句"))
        notes.append("本条没有小标题，标题取首句。")
    if not text:
        findings.append(Finding(line, f"{number}只有一句，正文为空"))
    if units and kind == "numbered-item":
        findings.append(Finding(paragraph.fragments[-1].line, f"{number}条目自带单位括注，记入 action"))
    if units is None and ends_in_unlabelled_units(paragraph.text):
        findings.append(Finding(paragraph.fragments[-1].line, f"{number}段末括注无法解析为单位"))
    if units and units.partners and DUTY_TAIL_WITHOUT_DENG.search(units.partners):
        findings.append(
            Finding(paragraph.fragments[-1].line, f"{number}责任单位后缺「等」：「…按职责分工负责」")
        )
    action = Action(
        text=text,
        lead=units.lead if units else None,
        partners=units.partners if units else None,
        partners_label=units.partners_label if units else None,
    )
    return Measure(
        id=measure_id(doc_id, kind, sequence),
        document=doc_id,
        kind=kind,
        number=number,
        section=position.section.heading,
        subsection=position.subsection.heading if position.subsection else None,
        title=title,
        actions=[action],
        source_lines=paragraph.source_lines,
        notes=notes,
    )
