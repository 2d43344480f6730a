"""Workbooks of text and numbers, written straight as Office Open XML (the parts an XLSX file needs).

A general-purpose library spends most of a build on objects for every cell; here a sheet is a
header row and rows of values, written as XML text. Strings are inline strings, so no cell is a
formula; one that a spreadsheet would take for a formula once edited (``=``, ``+`` …) also gets
the quote-prefix style. The header row is bold and frozen. The bytes depend only on the content:
fixed metadata dates and zip timestamps.
"""

from __future__ import annotations

import io
from datetime import datetime
from xml.sax.saxutils import escape, quoteattr
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from reforms.site.escape import formula_like

FIXED_TIME = datetime(2020, 1, 1)  # workbook metadata: the content, not the build time, is what changes
ZIP_TIME = FIXED_TIME.timetuple()[:6]
FIXED_DATE = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
HEADER_STYLE, QUOTE_PREFIX_STYLE = 1, 2

Sheet = tuple[str, list[str], list[list[object]]]  # title, header, rows

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""


def workbook_bytes(sheets: list[Sheet], creator: str) -> bytes:
    parts = {
        "[Content_Types].xml": content_types(len(sheets)),
        "_rels/.rels": package_relationships(),
        "docProps/core.xml": core_properties(creator),
        "xl/workbook.xml": workbook(sheets),
        "xl/_rels/workbook.xml.rels": workbook_relationships(len(sheets)),
        "xl/styles.xml": STYLES,
        **{f"xl/worksheets/sheet{n}.xml": worksheet(header, rows) for n, (_, header, rows) in enumerate(sheets, 1)},
    }
    return zipped(parts)


def worksheet(header: list[str], rows: list[list[object]]) -> str:
    lines = [
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}">'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        "</sheetView></sheetViews><sheetData>",
    ]
    letters = [column_letters(index) for index in range(max(map(len, [header, *rows])))]
    lines.append(row_xml(1, header, letters, HEADER_STYLE))
    lines.extend(row_xml(number, values, letters) for number, values in enumerate(rows, 2))
    lines.append("</sheetData></worksheet>")
    return "".join(lines)


def row_xml(number: int, values: list[object], letters: list[str], style: int = 0) -> str:
    """``letters``: the column letters of the sheet's widest row."""
    cells = "".join(cell_xml(f"{letter}{number}", value, style) for letter, value in zip(letters, values, strict=False))
    return f'<row r="{number}">{cells}</row>'


def cell_xml(reference: str, value: object, style: int) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<c r="{reference}"><v>{value}</v></c>'
    text = str(value)
    if not style and formula_like(text):
        style = QUOTE_PREFIX_STYLE
    styled = f' s="{style}"' if style else ""
    return f'<c r="{reference}"{styled} t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def workbook(sheets: list[Sheet]) -> str:
    entries = "".join(
        f'<sheet name={quoteattr(title)} sheetId="{n}" r:id="rId{n}"/>' for n, (title, _, _) in enumerate(sheets, 1)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>{entries}</sheets></workbook>'
    )


def workbook_relationships(count: int) -> str:
    sheets = "".join(
        f'<Relationship Id="rId{n}" Type="{RELS}/worksheet" Target="worksheets/sheet{n}.xml"/>' for n in range(1, count + 1)
    )
    styles = f'<Relationship Id="rId{count + 1}" Type="{RELS}/styles" Target="styles.xml"/>'
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PACKAGE_RELS}">{sheets}{styles}</Relationships>'


def package_relationships() -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
        f'<Relationship Id="rId2" Type="{PACKAGE_RELS}/metadata/core-properties" Target="docProps/core.xml"/>'
        "</Relationships>"
    )


def core_properties(creator: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:creator>{escape(creator)}</dc:creator><cp:lastModifiedBy>{escape(creator)}</cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_DATE}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_DATE}</dcterms:modified></cp:coreProperties>'
    )


def content_types(count: int) -> str:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{SHEET_TYPE}"/>' for n in range(1, count + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        f"{sheets}</Types>"
    )


def zipped(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with ZipFile(buffer, "w", ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            entry = ZipInfo(name, date_time=ZIP_TIME)
            entry.compress_type = ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, text.encode("utf-8"))
    return buffer.getvalue()
