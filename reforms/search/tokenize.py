"""Search text folding and tokens. ``overrides/assets/search/tokenizer.js`` is its twin.

Text is normalised character by character (NFKC: full-width letters, digits and spaces become
half-width; then lower case), and everything but Latin letters, digits and Chinese characters
becomes a separator. The compact form drops the separators too: a text holds a query term when
its compact form contains the compact term, so 渝快办”平台 holds 渝快办平台, 税务ＵＫｅｙ holds
税务UKey, and 不动产 登记 holds 不动产登记.

The lunr index (``lunr_index.py``) is made of tokens of the compact form: each character, and each two
adjacent characters, whatever their script; a term of one character is looked up as itself,
a longer one as the pairs that cover it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SEPARATOR = re.compile(rf"[^0-9a-z{HAN}]+")


@cache  # a few thousand distinct characters, folded millions of times at 50,000 measures
def normalize_char(char: str) -> str:
    return unicodedata.normalize("NFKC", char).lower()


def normalize(text: str) -> str:
    """Full-width folded, lower-cased, punctuation and spaces turned into single spaces."""
    folded = "".join(map(normalize_char, text))
    return _SEPARATOR.sub(" ", folded).strip()


def compact(text: str) -> str:
    """The normalised text without separators: what a hit must contain the query in."""
    return normalize(text).replace(" ", "")


def tokens(text: str) -> list[str]:
    """The index tokens of a text, in order: each character of its compact form, then the pair
    it starts (if any)."""
    folded = compact(text)
    result: list[str] = []
    for i, char in enumerate(folded):
        result.append(char)
        if i + 1 < len(folded):
            result.append(folded[i : i + 2])
    return result


FNV_OFFSET, FNV_PRIME = 0x811C9DC5, 0x01000193  # 32-bit FNV-1a


def shard_of(token: str, shards: int) -> int:
    """Which part of the index holds a token: by a hash of it (32-bit FNV-1a)."""
    hashed = FNV_OFFSET
    for char in token:
        hashed = ((hashed ^ ord(char)) * FNV_PRIME) & 0xFFFFFFFF
    return hashed % shards
