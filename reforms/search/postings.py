"""The search index: where each token stands in each measure's folded texts, cut into parts.

A token is one folded character or two adjacent ones (``tokenize.tokens``), in any script, so
that a term of one character is looked up as itself and a longer one as the pairs that cover it
(at offsets 0, 2, 4 … and its last pair); where those pairs stand one after another in one text,
the term stands there. No text is needed to check a hit: the index is exact.

Where a token stands: in record ``ref`` (the position of its measure in ``records``), field
``f`` (``FIELDS``), text ``k`` of that field, offset ``i`` in the folded text. A field's ``k``-th
text starts at ``k × stride`` (``stride`` is more than the longest folded text), so that the
position ``key = ref × 4 + f``, ``offset = k × stride + i`` says all of it, and two occurrences
one after the other are in the same text (``span_of``: ``key × span + offset`` is a single
number). A part lists its tokens, sorted, and for each the
flat list ``[key step, count, offset, offset step …, key step, count, …]``, steps counting up
from 0. Tokens go to parts by a hash (``tokenize.shard_of``), about ``NUMBERS_PER_PART``
numbers to a part.
"""

from __future__ import annotations

import math
from array import array
from collections import defaultdict

from reforms.search.tokenize import compact, shard_of

FIELDS = ("title", "lead", "body", "meta")
NUMBERS_PER_PART = 8_000


def field_texts(entry: dict) -> list[list[str]]:
    """A record's texts by field (``FIELDS``): ``lead`` also holds the other spellings."""
    return [
        [entry["title"]],
        entry.get("lead", []) + entry.get("aka", []),
        entry.get("body", []),
        entry.get("meta", []),
    ]


def stride_of(entries: list[dict]) -> int:
    longest = max((len(compact(t)) for e in entries for texts in field_texts(e) for t in texts), default=0)
    return 1 << (longest + 1).bit_length()


def positions(entries: list[dict], stride: int) -> dict[str, tuple[array, array]]:
    """For each token, the keys and offsets where it stands, in order."""
    found: dict[str, tuple[array, array]] = defaultdict(lambda: (array("l"), array("l")))
    for ref, entry in enumerate(entries):
        for f, texts in enumerate(field_texts(entry)):
            key = ref * len(FIELDS) + f
            for k, text in enumerate(texts):
                folded = compact(text)
                base = k * stride
                for i, char in enumerate(folded):
                    keys, offsets = found[char]
                    keys.append(key)
                    offsets.append(base + i)
                    if i + 1 < len(folded):
                        keys, offsets = found[folded[i : i + 2]]
                        keys.append(key)
                        offsets.append(base + i)
    return found


def encoded(keys: array, offsets: array) -> list[int]:
    flat: list[int] = []
    previous_key = 0
    i = 0
    while i < len(keys):
        key = keys[i]
        j = i
        while j < len(keys) and keys[j] == key:
            j += 1
        flat += [key - previous_key, j - i, offsets[i]]
        flat += [offsets[n] - offsets[n - 1] for n in range(i + 1, j)]
        previous_key = key
        i = j
    return flat


def span_of(entries: list[dict], stride: int) -> int:
    """A power of two beyond every offset: positions are ``key × span + offset``."""
    most = max((len(texts) for e in entries for texts in field_texts(e)), default=1)
    return 1 << (most * stride).bit_length()


def index_parts(entries: list[dict]) -> tuple[int, int, list[dict]]:
    """The stride, the span and the parts of the index."""
    stride = stride_of(entries)
    by_token = {token: encoded(*where) for token, where in positions(entries, stride).items()}
    total = sum(len(flat) for flat in by_token.values())
    count = max(1, math.ceil(total / NUMBERS_PER_PART))
    parts: list[dict] = [{"tokens": [], "positions": []} for _ in range(count)]
    for token in sorted(by_token):
        part = parts[shard_of(token, count)]
        part["tokens"].append(token)
        part["positions"].append(by_token[token])
    return stride, span_of(entries, stride), parts
