"""The lunr index, prebuilt, with where each token stands, and cut into parts by token.

A token is one character of a text's folded form or two adjacent ones (``tokenize.tokens``),
whatever the script. One lunr index is built over every record, so that each token's weight is
that of the whole catalogue; lunr's own tokenizer and stemming are bypassed. The index has one
lunr field: a token's weight in a record is the sum of its weights in the record's fields
(``FIELDS``: BM25 as lunr computes it, times the field's boost). lunr.js scores a record by the
dot product of the query's vector with the field's, over the query vector's length, summed over
fields; as every field's query vector is the same, one field holding the sums scores exactly as
four fields would, while lunr handles a quarter of the matches. Each posting (token, record)
carries as lunr metadata ``p`` the positions where the token stands: in field ``f``, text ``k``,
offset ``i`` of its folded form, as ``f × field_span + k × stride + i`` (``stride`` is more
than the longest folded text, ``field_span`` more than a field's texts), so that two positions
one after the other are in one text. A term of one character is looked up as itself, a longer
one as the pairs that cover it; where they stand one after another, the term stands: no text is
needed to check a hit.

The weights are computed here in bulk, with the same operations in the same order as
``lunr.Builder`` (which builds an object per token and posting: far too slow at 50,000 records);
``tests/test_search_engine.py`` holds them equal to the Python ``lunr`` package's own, field by
field, and lunr.js's scores over the shipped index equal to those of Python lunr's own index.

The index is cut by token (``tokenize.shard_of``) into parts of about ``NUMBERS_PER_PART``
numbers, so that the browser loads only the parts a query's tokens are in. A part lists its
tokens, sorted, and for each token the flat list ``[ref step, weight × 1000, count, position,
position step …, ref step, …]``, steps counting up from 0. The browser rebuilds a
``lunr.Index`` from it (``lunrpart.js``).
"""

from __future__ import annotations

import math
from array import array
from collections import defaultdict

from reforms.search.tokenize import compact, shard_of

FIELDS = (("title", 10), ("lead", 4), ("body", 1), ("meta", 1))
NUMBERS_PER_PART = 2_000
K1, B = 1.2, 0.75  # lunr's BM25 parameters


def field_texts(entry: dict) -> list[list[str]]:
    """A search record's texts by field (``FIELDS``): ``lead`` also holds the other spellings."""
    return [
        [entry["title"]],
        entry.get("lead", []) + entry.get("aka", []),
        entry.get("body", []),
        entry.get("meta", []),
    ]


def stride_of(entries: list[dict]) -> int:
    longest = max((len(compact(t)) for e in entries for texts in field_texts(e) for t in texts), default=0)
    return 1 << (longest + 1).bit_length()


def field_span_of(entries: list[dict], stride: int) -> int:
    most = max((len(texts) for e in entries for texts in field_texts(e)), default=1)
    return 1 << (most * stride).bit_length()


class Occurrences:
    """Where each token stands (``keys``: ref × 4 + field, ``positions``), in order, and how many
    tokens each field of each record has."""

    def __init__(self, entries: list[dict], stride: int, field_span: int):
        self.count = len(entries)
        self.stride, self.field_span = stride, field_span
        self.by_token: dict[str, tuple[array, array]] = defaultdict(lambda: (array("l"), array("l")))
        self.lengths = array("l", bytes(8 * len(entries) * len(FIELDS)))
        for ref, entry in enumerate(entries):
            for f, texts in enumerate(field_texts(entry)):
                key = ref * len(FIELDS) + f
                for k, text in enumerate(texts):
                    self.add(key, compact(text), f * field_span + k * stride)

    def add(self, key: int, folded: str, base: int) -> None:
        if folded:
            self.lengths[key] += 2 * len(folded) - 1
        for i, char in enumerate(folded):
            for token in (char, folded[i : i + 2]) if i + 1 < len(folded) else (char,):
                keys, positions = self.by_token[token]
                keys.append(key)
                positions.append(base + i)


def grouped(keys: array, positions: array):
    """(key, positions) of a token, key by key."""
    i = 0
    while i < len(keys):
        j = i
        while j < len(keys) and keys[j] == keys[i]:
            j += 1
        yield keys[i], positions[i:j]
        i = j


def weighted(occurrences: Occurrences):
    """For each token, for each field, ``(ref, weight, positions)`` of the records that have it; the
    weight as ``lunr.Builder`` computes it (``Builder.create_field_vectors``), rounded to 3 places."""
    fields = len(FIELDS)
    lengths = occurrences.lengths
    average = [sum(lengths[f::fields]) / occurrences.count for f in range(fields)]
    for token, (keys, positions) in occurrences.by_token.items():
        found = list(grouped(keys, positions))
        frequency = len(found)  # lunr counts the (record, field) pairs that have the token
        idf = math.log(1 + abs((occurrences.count - frequency + 0.5) / (frequency + 0.5)))
        by_field: list[list[tuple[int, float, array]]] = [[] for _ in FIELDS]
        for key, where in found:
            ref, f = divmod(key, fields)
            length_norm = K1 * (1 - B + B * (lengths[key] / average[f]))
            score = idf * ((K1 + 1) * len(where)) / (length_norm + len(where))
            score *= FIELDS[f][1]
            by_field[f].append((ref, round(score, 3), where))
        yield token, by_field


def encoded(by_field: list[list[tuple[int, float, array]]]) -> list[int]:
    """A token's postings: for each record, the sum of its weights (in thousandths) and its
    positions in every field."""
    records: dict[int, tuple[int, list[int]]] = {}
    for postings in by_field:
        for ref, weight, where in postings:
            total, positions = records.get(ref, (0, []))
            records[ref] = (total + round(weight * 1000), positions + list(where))
    flat: list[int] = []
    previous = 0
    for ref in sorted(records):
        weight, where = records[ref]
        flat += [ref - previous, weight, len(where), where[0]]
        flat += [where[n] - where[n - 1] for n in range(1, len(where))]
        previous = ref
    return flat


def occurrences_of(entries: list[dict]) -> Occurrences:
    stride = stride_of(entries)
    return Occurrences(entries, stride, field_span_of(entries, stride))


def postings(entries: list[dict]) -> dict[str, list[list[tuple[int, float]]]]:
    """For each token, for each field, the records that have it and its weight there."""
    return {token: [[(r, w) for r, w, _ in f] for f in by_field] for token, by_field in weighted(occurrences_of(entries))}


def lunr_parts(entries: list[dict]) -> tuple[int, int, list[dict]]:
    """The stride and field span of positions, and the parts of the index."""
    occurrences = occurrences_of(entries)
    by_token = {token: encoded(by_field) for token, by_field in weighted(occurrences)}
    total = sum(len(flat) for flat in by_token.values())
    count = max(1, math.ceil(total / NUMBERS_PER_PART))
    parts: list[dict] = [{"tokens": [], "postings": []} for _ in range(count)]
    for token in sorted(by_token):
        part = parts[shard_of(token, count)]
        part["tokens"].append(token)
        part["postings"].append(by_token[token])
    return occurrences.stride, occurrences.field_span, parts
