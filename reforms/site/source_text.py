"""Source texts for readers: every line numbered on a page of its own, and cited lines cleaned for quoting.

The source texts are PDF/Word extractions (``catalogue/sources/*.txt``). Their page shows every
line as it is, numbered and addressable (``#L150``); each range a measure cites gets an anchor
of its own (``#L150-L153``), which the page's script highlights. A measure's page quotes its
cited lines for reading: the layout debris of the extraction left out (page headers repeated on
every page, ``---`` rules, table header rows, Markdown heading marks, ``<b>`` tags), the lines of a
paragraph joined without the spaces a line break leaves in Chinese, each paragraph with its line
numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

HEADING_MARK = re.compile(r"^#{1,6}\s+")
BOLD = re.compile(r"</?b>")
RULE = re.compile(r"^-{3,}$")
TABLE_HEADER = re.compile(r"^序号\t")
PAGE_HEADER_REPEATS = 3  # a heading line printed this often is a page header, not a heading
WIDE = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’、"
GAP = re.compile(rf"(?<=[{WIDE}])[ \u00a0]+|[ \u00a0]+(?=[{WIDE}])")  # spaces next to Chinese
CELL_GAP = "\u3000"  # a tab between table cells, shown as an ideographic space


@dataclass(frozen=True)
class SourceLine:
    number: int
    text: str
    anchors: tuple[str, ...] = ()  # the cited ranges starting on this line: ("L150-L153", …)


@dataclass(frozen=True)
class Passage:
    """A paragraph of cited lines, cleaned, with the numbers of its first and last line."""

    first: int
    last: int
    text: str

    @property
    def anchor(self) -> str:
        return line_anchor(self.first)


def line_anchor(number: int) -> str:
    return f"L{number}"


def range_anchor(line_range: str) -> str:
    """``150-153`` → ``L150-L153``; a single line ``150`` → ``L150``."""
    first, _, last = line_range.partition("-")
    return line_anchor(int(first)) + (f"-{line_anchor(int(last))}" if last and last != first else "")


def numbered_lines(text: str, cited: list[str]) -> list[SourceLine]:
    """Every line of the text, numbered from 1, with the anchors of the cited ranges it starts."""
    starts: dict[int, list[str]] = {}
    for line_range in sorted(set(cited)):
        anchor = range_anchor(line_range)
        if "-" in anchor:
            starts.setdefault(int(line_range.partition("-")[0]), []).append(anchor)
    return [SourceLine(n, line.rstrip(), tuple(starts.get(n, ()))) for n, line in enumerate(text.splitlines(), start=1)]


def page_headers(lines: list[str]) -> set[str]:
    """Heading lines printed on many pages (``## 重庆市渝中区人民政府行政规范性文件``)."""
    counts = Counter(line.strip() for line in lines if HEADING_MARK.match(line.strip()))
    return {line for line, count in counts.items() if count >= PAGE_HEADER_REPEATS}


@lru_cache(maxsize=16)  # one source text serves every measure of its document
def cleaned_lines(text: str) -> list[str]:
    """Each line of the text as ``clean_line`` leaves it."""
    lines = text.splitlines()
    headers = page_headers(lines)
    return [clean_line(line, headers) for line in lines]


def clean_line(line: str, headers: set[str]) -> str:
    """The line as a reader wants it; empty if it is debris."""
    stripped = line.strip()
    if not stripped or stripped in headers or RULE.match(stripped) or TABLE_HEADER.match(BOLD.sub("", stripped)):
        return ""
    text = BOLD.sub("", HEADING_MARK.sub("", stripped))
    return GAP.sub("", "\t".join(cell.strip() for cell in text.split("\t")).replace("\t", CELL_GAP))


def join_lines(parts: list[str]) -> str:
    """The lines of one paragraph as one text: no space where a line break fell inside Chinese."""
    text = ""
    for part in parts:
        if text and not (re.match(f"[{WIDE}]", part[0]) or re.match(f"[{WIDE}]", text[-1])):
            text += " "
        text += part
    return text


def cited_passages(text: str, line_range: str) -> list[Passage]:
    """The cited lines (``150-153``) as cleaned paragraphs; a blank or debris line ends a paragraph."""
    lines = cleaned_lines(text)
    first, _, last = line_range.partition("-")
    passages: list[Passage] = []
    current: list[tuple[int, str]] = []
    for number in range(int(first), int(last or first) + 1):
        cleaned = lines[number - 1] if number <= len(lines) else ""
        if cleaned:
            current.append((number, cleaned))
        elif current:
            passages.append(Passage(current[0][0], current[-1][0], join_lines([t for _, t in current])))
            current = []
    if current:
        passages.append(Passage(current[0][0], current[-1][0], join_lines([t for _, t in current])))
    return passages
