"""Checks on a page's HTML that keep the site accessible; ``mkdocs_hooks`` reports what they find
as warnings, which fail the strict build.

* every table has a caption (see ``table_markup`` for how to write one);
* headings go down one level at a time (an ``h2`` before any ``h3``, never ``h2`` → ``h4``).
"""

from __future__ import annotations

import re

_TABLE = re.compile(r"<table\b[^>]*>\s*(<caption\b)?")
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def tables_without_caption(html: str) -> int:
    return sum(1 for match in _TABLE.finditer(html) if not match.group(1))


def skipped_headings(html: str) -> list[str]:
    """Each heading that comes more than one level below the heading before it, as ``h2 → h4 标题``."""
    found = []
    previous = 1
    for match in _HEADING.finditer(html):
        level = int(match.group(1))
        if level > previous + 1:
            found.append(f"h{previous} → h{level} {_TAG.sub('', match.group(2)).strip()}")
        previous = level
    return found


def page_problems(html: str) -> list[str]:
    """What is wrong with the page's content, in Chinese, with how to fix it."""
    problems = []
    missing = tables_without_caption(html)
    if missing:
        problems.append(
            f"{missing} 个表格没有标题 —— 在表格前一行写标题段落，下一行加 {{: .reform-caption }}（见 reforms/site/table_markup.py）"
        )
    problems += [f"标题跳级：{skip} —— 标题应逐级递进" for skip in skipped_headings(html)]
    return problems
