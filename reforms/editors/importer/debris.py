"""Layout debris shared by all source layouts: page headers, stray spaces, half-width punctuation."""

from __future__ import annotations

import re

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’…—"
_SPACE_NEXT_TO_CJK = re.compile(rf"[ \t\u00a0\u3000]+(?=[{_CJK}])|(?<=[{_CJK}])[ \t\u00a0\u3000]+")
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"}
_HALF_PUNCT_NEAR_CJK = re.compile(
    rf"(?<=[{_CJK}])[,;:()?!]|[,;:()?!](?=[{_CJK}])|(?<=[{_CJK}][,;:()?!])[()]|^[()](?=[一二三四五六七八九十])"
)


def normalize_text(text: str) -> str:
    """The published text of a cell or paragraph, without extraction artefacts.

    Wrapped lines are joined without a space (Chinese has none); spaces the PDF extraction
    put beside Chinese characters are dropped; half-width , ; : ( ) ? ! beside Chinese text
    become the full-width forms the documents are typeset in. Nothing else changes.
    """
    text = re.sub(r"\s*\n\s*", "", text)
    previous = None
    while previous != text:
        previous = text
        text = _SPACE_NEXT_TO_CJK.sub("", text)
        text = _HALF_PUNCT_NEAR_CJK.sub(lambda m: _HALF_TO_FULL[m.group()], text)
    return re.sub(r"[ \t]+", " ", text).strip()


def normalize_units(pieces: list[str]) -> str | None:
    """A unit cell of a table: names the layout set apart (a space, a line of their own) stay apart.

    The published cells list one unit per line; the extraction turned those breaks into spaces
    or separate rows. One space between names keeps them apart without adding a character.
    """
    names: list[str] = []
    for token in (t for piece in pieces for t in piece.split()):
        if names and token[0] in "(（":  # 区规划自然资源局（区林业局）: one unit, two names
            names[-1] += token
        else:
            names.append(token)
    return " ".join(filter(None, map(normalize_text, names))) or None
