"""The editors' guide as a page of the site, made from CONTRIBUTING.md at build time (one source).

The file reads as it is on GitHub; for the site, two things are added. Its field reference is
regenerated from the models (``fieldref``), so the page never lags behind them. Each table gets
the caption the site requires (``table_markup``): the paragraph just before the table when it
introduces it (ends in a colon, as "常见问题："), otherwise the heading the table sits under.
"""

from __future__ import annotations

from pathlib import Path

from reforms.editors.fieldref import CONTRIBUTING, with_field_reference
from reforms.site.table_markup import CAPTION_CLASS

CAPTION_MARK = f"{{: .{CAPTION_CLASS} }}"
FENCE = "```"


def guide_markdown(path: Path = CONTRIBUTING) -> str:
    """The guide's Markdown for the site page."""
    text = with_field_reference(path.read_text(encoding="utf-8"))
    return "\n".join(with_captions(text.splitlines())) + "\n"


def with_captions(lines: list[str]) -> list[str]:
    """``lines`` with a caption paragraph before every table outside code blocks."""
    out: list[str] = []
    heading, fenced = "", False
    for line in lines:
        if line.startswith(FENCE):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            heading = line.lstrip("#").strip()
        elif not fenced and starts_table(line, out):
            out += [caption_for(out, heading), CAPTION_MARK, ""]
        out.append(line)
    return out


def starts_table(line: str, before: list[str]) -> bool:
    return line.startswith("|") and not (before and before[-1].startswith("|"))


def caption_for(out: list[str], heading: str) -> str:
    """The caption of the table about to follow ``out``; an introducing paragraph is taken out of ``out``."""
    one_line_paragraph = len(out) >= 3 and out[-1] == "" and out[-3] == ""
    intro = out[-2] if one_line_paragraph else ""
    if intro.endswith(("：", ":")) and not intro.startswith(("#", "-", "<", "`")):
        del out[-2:]
        return intro.rstrip("：:")
    return heading
