"""The lunr index, prebuilt with the Python ``lunr`` package and cut into parts by token.

One lunr index is built over every record (so that each token's weight, BM25 as lunr computes
it, is that of the whole catalogue) from the tokens of ``tokenize.tokens``, with lunr's own
tokenizer and stemming bypassed. It is then cut by token (``tokenize.shard_of``) into parts of
about ``POSTINGS_PER_PART`` postings, so that the browser loads only the parts a query's tokens
are in: the whole index of 10,000 records is too large to load before searching.

A part lists its tokens, sorted (the parts are small, as the browser rebuilds a whole part to
search any of its tokens), and for each token and field the records that have it, with
the token's weight there: ``[ref step, weight × 1000, …]``, ref steps counting up from 0. The
browser rebuilds a ``lunr.Index`` from it (``engine.js``, ``lunrPart``); a lunr field vector
is exactly the weights of a record's tokens in one field.
"""

from __future__ import annotations

import math
from collections import defaultdict

from lunr.builder import Builder

from reforms.search.tokenize import shard_of, tokens

FIELDS = (("title", 10), ("lead", 4), ("body", 1), ("meta", 1))
POSTINGS_PER_PART = 4_000


def field_texts(entry: dict) -> dict[str, list[str]]:
    """A search record's texts, by lunr field (``lead`` also holds the other spellings)."""
    return {
        "title": [entry["title"]],
        "lead": entry.get("lead", []) + entry.get("aka", []),
        "body": entry.get("body", []),
        "meta": entry.get("meta", []),
    }


def serialized_index(entries: list[dict]) -> dict:
    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("ref")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for ref, entry in enumerate(entries):
        document = {"ref": str(ref)}
        for name, texts in field_texts(entry).items():
            document[name] = " ".join(token for text in texts for token in tokens(text))
        builder.add(document)
    return builder.build().serialize()


def postings(index: dict) -> dict[str, list[list[tuple[int, float]]]]:
    """For each token, for each field, the records that have it and its weight there."""
    position_of = {name: position for position, (name, _) in enumerate(FIELDS)}
    terms = {entry["_index"]: term for term, entry in index["invertedIndex"]}
    found: dict[str, list[list[tuple[int, float]]]] = defaultdict(lambda: [[] for _ in FIELDS])
    for field_ref, elements in index["fieldVectors"]:
        field, ref = field_ref.split("/", 1)
        for at in range(0, len(elements), 2):
            found[terms[elements[at]]][position_of[field]].append((int(ref), elements[at + 1]))
    return found


def encoded(records: list[tuple[int, float]]) -> list[int]:
    flat, previous = [], 0
    for ref, weight in sorted(records):
        flat += [ref - previous, round(weight * 1000)]
        previous = ref
    return flat


def lunr_parts(entries: list[dict]) -> list[dict]:
    by_term = postings(serialized_index(entries))
    total = sum(len(records) for fields in by_term.values() for records in fields)
    count = max(1, math.ceil(total / POSTINGS_PER_PART))
    parts: list[dict] = [{"terms": [], "postings": []} for _ in range(count)]
    for term in sorted(by_term):
        part = parts[shard_of(term, count)]
        part["terms"].append(term)
        part["postings"].append([encoded(records) for records in by_term[term]])
    return parts
