"""Making editor text inert wherever it lands: Markdown pages, HTML, table cells, spreadsheets.

Pages are Markdown that MkDocs turns into HTML, so a value must neither open an HTML tag nor
start Markdown markup (``**``, ``[..](..)``, ``|`` in a table, ``{: attr}``, ``==mark==``…).
The page filters turn *every* ASCII punctuation character into a numeric character reference
(``*`` → ``&#42;``): Markdown passes references through untouched and the browser shows the
character itself, so no extension, present or future, can read markup into the text. Control
characters are dropped (Python-Markdown uses STX/ETX internally as placeholders).

Spreadsheets: a cell whose first visible character is ``= + - @`` (or their full-width forms), or
that starts with a tab, CR or LF, may be read as a formula by Excel and friends; in CSV it gets a
leading ``'`` so it stays text. The XLSX writer stores such cells as text with Excel's quote-prefix
style instead, so the value itself is unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

_ASCII_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRUSTED = re.compile(r"^[A-Za-z0-9._/#-]*$")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # not allowed in XML 1.0
FORMULA_STARTS = "=+-@＝＋－＠"
EMPTY_CELL = "—"


def _references(text: str) -> str:
    return _ASCII_PUNCTUATION.sub(lambda match: f"&#{ord(match.group())};", _CONTROL.sub("", text))


def _lines(value: str) -> list[str]:
    return [line.strip() for line in str(value).splitlines() if line.strip()]


def md_inline(value: str) -> Markup:
    """Text inside a paragraph, heading, list item or link text: one line, lines joined by ``<br>``."""
    return _inline(str(value))


@lru_cache(maxsize=1 << 16)
def _inline(text: str) -> Markup:
    """``md_inline`` of a string, kept: the same titles and names appear on many pages."""
    return Markup("<br>".join(_references(line) for line in _lines(text)))


def md_cell(value: str | None) -> Markup:
    """A Markdown table cell: as ``md_inline`` (no ``|``, no newline), an em dash when empty."""
    text = md_inline(value) if value is not None else Markup("")
    return text or Markup(EMPTY_CELL)


def md_paragraphs(value: str) -> Markup:
    """Block text (preamble, section text): each line of the original its own paragraph."""
    return Markup("\n\n".join(_references(line) for line in _lines(value)))


def md_quote(value: str) -> Markup:
    """Text as a Markdown block quote, one quoted paragraph per line."""
    return Markup("\n>\n".join("> " + _references(line) for line in _lines(value)))


def html_pre(value: str) -> Markup:
    """Text inside a raw ``<pre>`` block: line breaks and indentation (tabs too) kept, nothing else live."""
    lines = [_references(line.rstrip()).replace("\t", "&#9;") for line in str(value).splitlines()]
    return Markup("\n".join(lines))


def html_attr(value: str) -> Markup:
    """An HTML attribute value inside double quotes."""
    return Markup(_references(" ".join(str(value).split())))


def xml_text(value: str) -> Markup:
    """Text or a double-quoted attribute value in an XML file (the Atom feeds): ``& < > " '`` as
    references, characters XML 1.0 does not allow dropped."""
    return escape(_NOT_XML.sub("", str(value)))


def trusted(value: str) -> Markup:
    """An identifier or path we built ourselves (ids, URLs, anchors); refused if it is anything else."""
    if not _TRUSTED.match(str(value)):
        raise ValueError(f"not a plain identifier or path: {value!r}")
    return Markup(str(value))


_FORMULA_LIKE = re.compile(rf"[\t\r\n]|\s*[{re.escape(FORMULA_STARTS)}]")  # \s: what str.strip() strips


def formula_like(value: object) -> bool:
    """Whether a spreadsheet could read ``value`` as a formula: a tab or line break first, or spaces (any
    kind) before ``=`` and the like."""
    return isinstance(value, str) and _FORMULA_LIKE.match(value) is not None


def inert_cell(value: object) -> object:
    """A CSV cell value that no spreadsheet will run as a formula."""
    return "'" + value if formula_like(value) else value


FILTERS = {
    "md": md_inline,
    "cell": md_cell,
    "paragraphs": md_paragraphs,
    "quote": md_quote,
    "pre": html_pre,
    "attr": html_attr,
    "trusted": trusted,
    "xml": xml_text,
}


def require_escaped(value: object) -> object:
    """Jinja ``finalize``: every ``{{ … }}`` must be escaped by a filter above (or be a number)."""
    if isinstance(value, Markup) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise TypeError(f"unescaped value in template: {value!r}; pass it through md, cell, paragraphs, … first")
