"""Accessible tables, made while Markdown is converted (a Python-Markdown extension in mkdocs.yml).

A table's caption is the paragraph just before it, marked with attr_list::

    各文件的措施和举措数
    {: .reform-caption }

    | 文件 | 措施 |
    |---|--:|

That paragraph becomes the table's ``<caption>``. Column headers get ``scope="col"``; the cells
of the first column become row headers (``<th scope="row">``), or those of the column named by
``data-row-header="N"`` on the caption (1-based; ``0``: no row headers). Every body cell carries
its column's name in ``data-label``, which the phone layout of ``site.css`` shows in front of it.
A column with nothing to say (every body cell empty or ``—``) is left out, so templates can list
optional fields without leaving a column of dashes. Tables without a caption are reported by ``mkdocs_hooks`` (and fail the strict build).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

CAPTION_CLASS = "reform-caption"
ROW_HEADER_ATTRIBUTE = "data-row-header"
_STASHED = re.compile("\x02wzxhzdk:(\\d+)\x03")
_ESCAPED = re.compile("\x02(\\d+)\x03")
_TAG = re.compile(r"<[^>]*>")
EMPTY_TEXTS = ("", "—")


class TableMarkup(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            if parent.find("table") is None:  # most elements hold no table: skip them without listing their children
                continue
            for caption, table in captioned_tables(parent):
                self.mark_table(parent, caption, table)

    def mark_table(self, parent: etree.Element, caption: etree.Element | None, table: etree.Element) -> None:
        row_header = 1
        if caption is not None:
            row_header = int(caption.get(ROW_HEADER_ATTRIBUTE, "1"))
            parent.remove(caption)
            table.insert(0, as_caption(caption))
        row_header = self.drop_empty_columns(table, row_header)
        labels = [self.plain_text(th) for th in table.iterfind("thead/tr/th")]
        for th in table.iterfind("thead/tr/th"):
            th.set("scope", "col")
        for row in table.iterfind("tbody/tr"):
            mark_row(row, labels, row_header)

    def drop_empty_columns(self, table: etree.Element, row_header: int) -> int:
        """Remove the columns whose body cells all read empty; the row header's new position."""
        rows = table.findall("tbody/tr")
        width = len(table.findall("thead/tr/th"))
        empty = [
            number
            for number in range(1, width + 1)
            if rows and number != row_header and all(self.plain_text(row[number - 1]) in EMPTY_TEXTS for row in rows if len(row) >= number)
        ]
        for number in reversed(empty):
            for row in [*table.findall("thead/tr"), *rows]:
                if len(row) >= number:
                    row.remove(row[number - 1])
        return row_header - sum(1 for number in empty if number < row_header)

    def plain_text(self, element: etree.Element) -> str:
        """The element's text as a reader sees it: stashed HTML and escapes restored, tags dropped."""
        text = "".join(element.itertext())
        text = _STASHED.sub(lambda m: self.md.htmlStash.rawHtmlBlocks[int(m.group(1))], text)
        text = _ESCAPED.sub(lambda m: chr(int(m.group(1))), text)
        return " ".join(html.unescape(_TAG.sub("", text)).split())


def captioned_tables(parent: etree.Element) -> list[tuple[etree.Element | None, etree.Element]]:
    """Each table directly inside ``parent``, with the caption paragraph just before it (or None)."""
    children = list(parent)
    found = []
    for index, child in enumerate(children):
        if child.tag == "table":
            before = children[index - 1] if index else None
            found.append((before if is_caption(before) else None, child))
    return found


def is_caption(element: etree.Element | None) -> bool:
    return element is not None and element.tag == "p" and CAPTION_CLASS in element.get("class", "").split()


def as_caption(paragraph: etree.Element) -> etree.Element:
    caption = etree.Element("caption")
    caption.text = paragraph.text
    caption.extend(list(paragraph))
    return caption


def mark_row(row: etree.Element, labels: list[str], row_header: int) -> None:
    for number, cell in enumerate(row, start=1):
        if number == row_header:
            cell.tag = "th"
            cell.set("scope", "row")
        if number <= len(labels) and labels[number - 1]:
            # Python-Markdown writes "&" as is where it looks like a reference: "&lt;" would reach
            # the browser as "<"; "&#38;" reaches it as "&".
            cell.set("data-label", labels[number - 1].replace("&", "&#38;"))


class TableMarkupExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(TableMarkup(md), "reform_tables", 7)  # after attr_list (8)


def makeExtension(**kwargs) -> TableMarkupExtension:  # noqa: N802 (Python-Markdown's name)
    return TableMarkupExtension(**kwargs)
