"""What goes wrong when reading hand-edited YAML, said in Chinese at the place it went wrong.

PyYAML reports syntax errors in English with two marks: where the enclosing construct began
(``context_mark``) and where parsing failed (``problem_mark``). Each rule below recognises one
kind of error, says it for an editor, and picks the mark the editor should look at. An error
no rule recognises still gets a Chinese message, never PyYAML's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml


class YamlError(Exception):
    """A file that cannot be read, at ``line``:``column`` (1-based), with the field if known."""

    def __init__(self, line: int, column: int, message: str, hint: str = "", path: tuple = ()):
        super().__init__(message)
        self.line, self.column, self.message, self.hint, self.path = line, column, message, hint, path


@dataclass(frozen=True)
class SyntaxRule:
    pattern: str  # searched in PyYAML's problem text (or context text when there is no problem)
    message: str
    hint: str
    at_context: bool = False  # point at where the construct began (an unclosed quote) rather than the failure


QUOTE_HINT = "文字以 @ ` * & ! % | > 等符号开头，或含有“: ”“ #”时，给整段文字加引号"
INDENT_HINT = "同一层的字段左边对齐；列表项以“- ”开头并比上一层多缩进"

SYNTAX_RULES = (
    SyntaxRule("found unexpected end of stream", "引号在文件结束前没有闭合", "补上配对的引号", at_context=True),
    SyntaxRule("expected ',' or ']'", "方括号 [ ] 没有闭合，或其中缺少逗号", "补上 ]，或改用每项以“- ”开头的列表", at_context=True),
    SyntaxRule("expected ',' or '}'", "花括号 { } 没有闭合，或其中缺少逗号", "补上 }，或改用每行一个“名称: 值”", at_context=True),
    SyntaxRule("mapping values are not allowed here", "这里不能出现“: ”", "文字中含冒号时，给整段文字加引号"),
    SyntaxRule("could not find expected ':'", "缺少“: ”，或上一行的引号没有闭合", "写成 名称: 值（冒号后有空格）"),
    SyntaxRule("found character '\\\\t'|tab character", "这里有制表符 (Tab)", "YAML 只能用空格缩进"),
    SyntaxRule("cannot start any token", "这个符号不能作为文字的开头", QUOTE_HINT),
    SyntaxRule("while scanning an? (alias|anchor)", "以 * 或 & 开头的文字会被当作 YAML 引用", QUOTE_HINT, at_context=True),
    SyntaxRule("unknown escape character|escape sequence", "双引号里的反斜杠 \\ 后面是无法识别的转义", "改用单引号，或把 \\ 写成 \\\\"),
    SyntaxRule("found undefined tag handle", "以 ! 开头的文字会被当作 YAML 标签", QUOTE_HINT),
    SyntaxRule("expected a single document|found another document", "文件里有不止一个 YAML 文档（多了一行 ---）", "一个文件只写一条记录，删除多余的 --- 及其后的内容"),
    SyntaxRule("but found '<scalar>'", "引号闭合后还有文字，或缩进不一致", "整段文字放在一对引号里；文字中的引号用中文引号“”"),
    SyntaxRule("but found '-'", "列表项“- ”与上一层字段的缩进不一致", INDENT_HINT),
    SyntaxRule("expected <block end>|did not find expected", "缩进不一致", INDENT_HINT),
)
FALLBACK = SyntaxRule("", "无法解析这里的内容", "检查缩进、冒号后的空格和引号是否成对")


def syntax_rule(error: yaml.MarkedYAMLError) -> SyntaxRule:
    text = f"{error.context or ''} | {error.problem or ''}"
    return next((rule for rule in SYNTAX_RULES if re.search(rule.pattern, text)), FALLBACK)


def syntax_error(error: yaml.MarkedYAMLError) -> YamlError:
    rule = syntax_rule(error)
    mark = (error.context_mark if rule.at_context else None) or error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return YamlError(line, column, f"YAML 语法错误：{rule.message}", rule.hint)


def tag_as_written(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!", 1)
