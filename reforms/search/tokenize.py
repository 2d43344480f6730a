"""Search text folding and tokens. ``overrides/assets/search/tokenizer.js`` is its twin.

Text is normalised character by character (NFKC: full-width letters, digits and spaces become
half-width; then lower case), and everything but Latin letters, digits and Chinese characters
becomes a separator. The compact form drops the separators too: a record matches a query when
the compact form of one of its texts contains the compact query, so 渝快办”平台 matches
渝快办平台, 税务ＵＫｅｙ matches 税务UKey, and 不动产 登记 matches 不动产登记.

The lunr index is made of tokens. The normalised text is cut into runs: Chinese characters
(separators beside a Chinese character are dropped, so 渝快办”平台 is one run, as in the
compact form), or Latin letters and digits. A Chinese run gives each of its characters and each
overlapping pair, so that a query of one character or more is found by exact tokens. A Latin or
digit run gives itself and each of its suffixes, so that a query may start inside a word (Key in
UKey); where it may stop inside one, it is looked up as a prefix.
"""

from __future__ import annotations

import re
import unicodedata

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SEPARATOR = re.compile(rf"[^0-9a-z{HAN}]+")
_SPACE_BY_HAN = re.compile(rf"(?<=[{HAN}]) | (?=[{HAN}])")
_RUN = re.compile(rf"[{HAN}]+|[0-9a-z]+")


def normalize_char(char: str) -> str:
    return unicodedata.normalize("NFKC", char).lower()


def normalize(text: str) -> str:
    """Full-width folded, lower-cased, punctuation and spaces turned into single spaces."""
    folded = "".join(normalize_char(c) for c in text)
    return _SEPARATOR.sub(" ", folded).strip()


def compact(text: str) -> str:
    """The normalised text without separators: what a hit must contain the query in."""
    return normalize(text).replace(" ", "")


def runs(text: str) -> list[str]:
    return _RUN.findall(_SPACE_BY_HAN.sub("", normalize(text)))


def is_han(run: str) -> bool:
    return not ("a" <= run[0] <= "z" or "0" <= run[0] <= "9")


def tokens(text: str) -> list[str]:
    """The index tokens of a text, in order."""
    result: list[str] = []
    for run in runs(text):
        if not is_han(run):
            result.extend(run[i:] for i in range(len(run)))
        else:
            for i, char in enumerate(run):
                result.append(char)
                if i + 1 < len(run):
                    result.append(run[i : i + 2])
    return result


def shard_of(token: str, shards: int) -> int:
    """Which part of the index holds a token: by a hash (32-bit FNV-1a) of a Chinese token, of the
    first letter of a Latin or digit one, so that a prefix search looks in one part only."""
    key = token if is_han(token) else token[0]
    hashed = 0x811C9DC5
    for char in key:
        hashed = ((hashed ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return hashed % shards
