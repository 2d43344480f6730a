"""Search text folding. ``overrides/assets/search/tokenizer.js`` is its twin, character for character.

Text is normalised character by character (NFKC: full-width letters, digits and spaces become
half-width; then lower case), and everything but Latin letters, digits and Chinese characters
becomes a separator. The compact form drops the separators too: a record matches a query when
the compact form of one of its texts contains the compact query, so 渝快办”平台 matches
渝快办平台, 税务ＵＫｅｙ matches 税务UKey, and 不动产 登记 matches 不动产登记.
"""

from __future__ import annotations

import re
import unicodedata

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SEPARATOR = re.compile(rf"[^0-9a-z{HAN}]+")


def normalize_char(char: str) -> str:
    return unicodedata.normalize("NFKC", char).lower()


def normalize(text: str) -> str:
    """Full-width folded, lower-cased, punctuation and spaces turned into single spaces."""
    folded = "".join(normalize_char(c) for c in text)
    return _SEPARATOR.sub(" ", folded).strip()


def compact(text: str) -> str:
    """The normalised text without separators: what a hit must contain the query in."""
    return normalize(text).replace(" ", "")
