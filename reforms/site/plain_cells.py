"""Table cells that need no inline Markdown, made ready before Python-Markdown looks for any
(a Python-Markdown extension in mkdocs.yml).

A page listing a document's 2,000 measures has 6,000 cells, nearly all of them a plain link
(``[12 title](/measures/…/index.md)``) or plain text (``—``, ``2022年底前``). Python-Markdown tries
each of its inline patterns on each of them: two fifths of the time MkDocs takes to build the page
(0.39 s; 0.23 s with this). A cell written with none of the characters those patterns start with
is made here as the inline pass would make it: the text, or one ``<a href>`` around the text, left
alone by the inline pass from then on. Any other cell (an escape, emphasis, an entity, two links)
is left to Python-Markdown.
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
PLAIN_LINK = re.compile(rf"\[({_PLAIN})\]\(([^\s\\`*_\[\]()<>&{{}}\"'\x02\x03]+)\)")


# What this knows: Python-Markdown's own inline patterns, and tree processors that make nothing of
# text the inline pass left alone (those of mkdocs.yml's extensions and of MkDocs itself). With
# another extension that adds either (smarty, abbr …), every cell is left to Python-Markdown.
KNOWN_INLINE_PATTERNS = (
    "backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference",
    "short_image_ref", "autolink", "automail", "linebreak", "html", "entity", "em_strong",
)
KNOWN_TREEPROCESSORS = (
    "inline", "prettify", "unescape", "toc", "attr_list", "reform_tables", "reform_plain_cells",
    "mkdocs_extract_anchors", "relpath", "mkdocs_extract_title",
)


def all_known(registry, names: tuple[str, ...]) -> bool:
    """Whether every item of a Python-Markdown registry is registered under one of ``names``."""
    return sum(name in registry for name in names) == len(registry)


class PlainCells(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        if not (all_known(self.md.inlinePatterns, KNOWN_INLINE_PATTERNS) and all_known(self.md.treeprocessors, KNOWN_TREEPROCESSORS)):
            return
        for row in root.iter("tr"):
            for cell in row:
                # text already atomic is raw HTML's (md_in_html's tables): Python-Markdown shows it as written
                if cell.text and not len(cell) and not isinstance(cell.text, AtomicString):
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
