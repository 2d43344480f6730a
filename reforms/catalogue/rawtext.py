"""From the bytes of a hand-edited file to text, refusing what an editor cannot see or would not mean.

Checked in order, each with the line and column an editor can go to: size, byte order mark,
encoding (naming GBK when the bytes read as GBK), line endings (CRLF is accepted and turned
into LF; a lone CR is refused), invisible characters, and tabs in indentation.
"""

from __future__ import annotations

import re

from reforms.catalogue.yaml_errors import YamlError

MAX_FILE_BYTES = 1_000_000
UTF8_BOM = b"\xef\xbb\xbf"

# Control characters YAML refuses, line separators it would count as line breaks (shifting every
# line number after them), zero-width characters that change a text without showing, and the
# direction overrides and isolates that make a text display in another order than it is written.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufffe\uffff]"
)
INVISIBLE_NAMES = {
    "\x00": "空字符",
    "\x08": "退格符",
    "\x0b": "垂直制表符",
    "\x0c": "换页符",
    "\x1b": "转义符",
    "\x7f": "删除符",
    "\x85": "下一行符",
    "\u200b": "零宽空格",
    "\u200c": "零宽不连字",
    "\u200d": "零宽连字",
    "\u200e": "从左到右标记",
    "\u200f": "从右到左标记",
    "\u2028": "行分隔符",
    "\u2029": "段分隔符",
    "\u2060": "零宽不折行空格",
    **dict.fromkeys("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", "文字方向控制符"),
    "\ufeff": "零宽不折行空格（BOM）",
}


def decode_text(raw: bytes, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The file's text with LF line ends, or :class:`YamlError` at the first thing wrong."""
    check_size(raw, max_bytes)
    if raw.startswith(UTF8_BOM):
        raise YamlError(1, 1, "文件以 BOM（字节顺序标记）开头", "用 UTF-8（无 BOM）编码重新保存文件")
    text = decode_utf8(raw).replace("\r\n", "\n")
    check_lone_cr(text)
    check_invisible(text)
    check_tab_indent(text)
    return text


def check_size(raw: bytes, max_bytes: int) -> None:
    if len(raw) > max_bytes:
        raise YamlError(
            1, 1, f"文件过大（{len(raw):,} 字节，这类文件的上限是 {max_bytes:,} 字节）",
            "检查是否误粘贴了大段文字；各类文件的上限见编辑指南",
        )


def line_and_column(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def decode_utf8(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8")
        line, column = line_and_column(before, len(before))
        raise YamlError(line, column, f"文件不是 UTF-8 编码{guess_encoding(raw)}", "用 UTF-8 编码重新保存文件") from None


def guess_encoding(raw: bytes) -> str:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return ""
    return "（看起来是 GBK/GB18030 编码，常见于 Windows 记事本或 WPS 另存的文件）"


def check_lone_cr(text: str) -> None:
    index = text.find("\r")
    if index >= 0:
        raise YamlError(
            *line_and_column(text, index), "这里有单独的回车符（CR），不是换行",
            "删除这个字符；换行只用 LF 或 CRLF",
        )


def check_invisible(text: str) -> None:
    found = INVISIBLE.search(text)
    if found:
        char = found.group()
        name = INVISIBLE_NAMES.get(char, "控制字符")
        raise YamlError(
            *line_and_column(text, found.start()), f"这里有看不见的字符 U+{ord(char):04X}（{name}）",
            "删除这个字符（从 PDF、Word 或网页复制的文字里常有）",
        )


def check_tab_indent(text: str) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            raise YamlError(number, len(line) - len(stripped) + 1, "缩进里有制表符 (Tab)", "YAML 只能用空格缩进")
