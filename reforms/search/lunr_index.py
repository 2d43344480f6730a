"""The lunr index, prebuilt, and cut into parts by token.

One lunr index is built over every record (so that each token's weight, BM25 as lunr computes
it, is that of the whole catalogue) from the tokens of ``tokenize.tokens``, with lunr's own
tokenizer and stemming bypassed; the weights are lunr's, computed in bulk (``postings``) and
held equal to the Python ``lunr`` package's by a test. It is then cut by token (``tokenize.shard_of``) into parts of
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
from collections import Counter, defaultdict

from reforms.search.tokenize import shard_of, tokens

FIELDS = (("title", 10), ("lead", 4), ("body", 1), ("meta", 1))
POSTINGS_PER_PART = 4_000
K1, B = 1.2, 0.75  # lunr's BM25 parameters


def field_texts(entry: dict) -> dict[str, list[str]]:
    """A search record's texts, by lunr field (``lead`` also holds the other spellings)."""
    return {
        "title": [entry["title"]],
        "lead": entry.get("lead", []) + entry.get("aka", []),
        "body": entry.get("body", []),
        "meta": entry.get("meta", []),
    }


def postings(entries: list[dict]) -> dict[str, list[list[tuple[int, float]]]]:
    """For each token, for each field, the records that have it and its weight there.

    The weights are those of a lunr index of ``entries`` (``lunr.Builder``: BM25 with k1 = 1.2 and
    b = 0.75, the field's boost, rounded to 3 decimals), computed here in bulk, with the same
    operations in the same order, because lunr builds an object per token and per posting: about
    3 s for the real catalogue against 0.2 s here. ``tests/test_search_engine.py`` holds them
    equal to lunr's own on the real catalogue.
    """
    frequencies = [{name: Counter(tokenized) for name, tokenized in field_tokens(entry).items()} for entry in entries]
    lengths = [{name: sum(counts.values()) for name, counts in record.items()} for record in frequencies]
    average = {name: sum(record[name] for record in lengths) / len(entries) for name, _ in FIELDS} if entries else {}
    document_frequency: Counter[str] = Counter(term for record in frequencies for counts in record.values() for term in counts)
    idf = {term: math.log(1 + abs((len(entries) - df + 0.5) / (df + 0.5))) for term, df in document_frequency.items()}
    found: dict[str, list[list[tuple[int, float]]]] = defaultdict(lambda: [[] for _ in FIELDS])
    for ref, record in enumerate(frequencies):
        for position, (name, boost) in enumerate(FIELDS):
            length_norm = K1 * (1 - B + B * (lengths[ref][name] / average[name])) if record[name] else 0
            for term, tf in record[name].items():
                score = idf[term] * ((K1 + 1) * tf) / (length_norm + tf)
                score *= boost
                found[term][position].append((ref, round(score, 3)))
    return found


def field_tokens(entry: dict) -> dict[str, list[str]]:
    return {name: [token for text in texts for token in tokens(text)] for name, texts in field_texts(entry).items()}


def encoded(records: list[tuple[int, float]]) -> list[int]:
    flat, previous = [], 0
    for ref, weight in sorted(records):
        flat += [ref - previous, round(weight * 1000)]
        previous = ref
    return flat


def lunr_parts(entries: list[dict]) -> list[dict]:
    by_term = postings(entries)
    total = sum(len(records) for fields in by_term.values() for records in fields)
    count = max(1, math.ceil(total / POSTINGS_PER_PART))
    parts: list[dict] = [{"terms": [], "postings": []} for _ in range(count)]
    for term in sorted(by_term):
        part = parts[shard_of(term, count)]
        part["terms"].append(term)
        part["postings"].append([encoded(records) for records in by_term[term]])
    return parts
