"""The search tokenizer. ``overrides/assets/search/tokenizer.js`` is its twin, character for character.

Text is normalised (NFKC: full-width letters, digits and spaces become half-width; lower case;
everything but Latin letters, digits and Chinese characters becomes a separator). A run of
Chinese characters becomes its overlapping pairs plus its last character alone, so that every
character of the run starts some token: a one-character query is a prefix search. A run of
Latin letters or digits is one token.
"""

from __future__ import annotations

import re
import unicodedata

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SEPARATOR = re.compile(rf"[^0-9a-z{HAN}]+")
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


def tokens(text: str) -> list[str]:
    result: list[str] = []
    for run in _RUN.findall(normalize(text)):
        if "a" <= run[0] <= "z" or run[0].isdigit() or len(run) == 1:
            result.append(run)
        else:
            result.extend(run[i : i + 2] for i in range(len(run) - 1))
            result.append(run[-1])
    return result
