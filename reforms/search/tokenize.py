"""The search tokenizer. ``overrides/assets/search/tokenizer.js`` is its twin, character for character.

Text is normalised (NFKC: full-width letters, digits and spaces become half-width; lower case;
everything but Latin letters, digits and Chinese characters becomes a separator) and cut into
runs: Chinese characters (punctuation inside a run ignored, so 渝快办”平台 and 渝快办平台 are one
run), or Latin letters and digits. A Chinese run gives its overlapping pairs plus its last
character alone, so that every character starts some token and a one-character query is a
prefix search. A Latin or digit run gives itself and each of its suffixes, so that a query
may start inside a word (Key in UKey).
"""

from __future__ import annotations

import re
import unicodedata

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SEPARATOR = re.compile(rf"[^0-9a-z{HAN}]+")
_SPACE_BY_HAN = re.compile(rf"(?<=[{HAN}]) | (?=[{HAN}])")
_RUN = re.compile(rf"[{HAN}]+|[0-9a-z]+")
MAX_SUFFIXES = 16


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
    """Index tokens of a text, in order."""
    result: list[str] = []
    for run in runs(text):
        if not is_han(run):
            result.extend(run[i:] for i in range(min(len(run), MAX_SUFFIXES)))
        elif len(run) == 1:
            result.append(run)
        else:
            result.extend(run[i : i + 2] for i in range(len(run) - 1))
            result.append(run[-1])
    return result
