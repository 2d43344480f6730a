"""Table cells that need no inline Markdown, made ready before Python-Markdown looks for any
(a Python-Markdown extension in mkdocs.yml).

A page listing a document's 2,000 measures has 6,000 cells, nearly all of them a plain link
(``[12 title](/measures/…/index.md)``) or plain text (``—``, ``2022年底前``). Python-Markdown tries
each of its inline patterns on each of them, a third of the time MkDocs takes for the page. A cell
written with none of the characters those patterns start with is made here as the inline pass
would make it: the text, or one ``<a href>`` around the text, left alone by the inline pass from
then on. Any other cell (an escape, emphasis, an entity, two links) is left to Python-Markdown.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

# None of the characters an inline pattern of Python-Markdown (or attr_list's {: }) starts with or
# needs, a line break, or the marks of Python-Markdown's placeholders
_PLAIN = r"[^\\`*_\[\]!<>&{}\n\x02\x03]*"
PLAIN_TEXT = re.compile(_PLAIN)
PLAIN_LINK = re.compile(rf"\[({_PLAIN})\]\(([^\s\\`*_\[\]()<>&{{}}\"']+)\)")


class PlainCells(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for row in root.iter("tr"):
            for cell in row:
                if cell.text and not len(cell):
                    make_plain(cell)


def make_plain(cell: etree.Element) -> None:
    """The cell's text, or its one link, as the inline pass would make it, if it needs nothing else."""
    text = cell.text
    if PLAIN_TEXT.fullmatch(text):
        cell.text = AtomicString(text)
        return
    link = PLAIN_LINK.fullmatch(text)
    if link:
        anchor = etree.SubElement(cell, "a", href=link[2])
        anchor.text = AtomicString(link[1])
        cell.text = None


class PlainCellsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(PlainCells(md), "reform_plain_cells", 25)  # before the inline pass (20)


def makeExtension(**kwargs) -> PlainCellsExtension:  # noqa: N802 (Python-Markdown's name)
    return PlainCellsExtension(**kwargs)
