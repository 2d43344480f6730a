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

The weights are computed here in bulk, over arrays (numpy) of every occurrence of every token,
with the same floating-point operations in the same order as ``lunr.Builder`` (which builds an
object per token and posting: far too slow at 50,000 records); ``tests/test_search_engine.py``
holds them equal to the Python ``lunr`` package's own, field by field, and lunr.js's scores over
the shipped index equal to those of Python lunr's own index.

The index is cut by token (``tokenize.shard_of``) into parts of about ``NUMBERS_PER_PART``
numbers, so that the browser loads only the parts a query's tokens are in. A part lists its
tokens, sorted, and for each token the flat list ``[ref step, weight × 1000, count, position,
position step …, ref step, …]``, steps counting up from 0. The browser rebuilds a
``lunr.Index`` from it (``lunrpart.js``).
"""

from __future__ import annotations

import copy
import math
from array import array
from collections.abc import Iterator

import numpy as np

from reforms.search.tokenize import FNV_OFFSET, FNV_PRIME, compact, shard_of

FIELDS = (("title", 10), ("lead", 4), ("body", 1), ("meta", 1))
BOOSTS = np.array([boost for _, boost in FIELDS], dtype=np.float64)
NUMBERS_PER_PART = 2_000
GROUPS = 8  # of tokens, whose postings lunr_parts makes one after another
K1, B = 1.2, 0.75  # lunr's BM25 parameters
CHAR_CODES = 0x110000  # Unicode's code points, below this
NEAR_HALF = 1e-6  # a weight this close to half a thousandth is rounded again as Python rounds it


def field_texts(entry: dict) -> list[list[str]]:
    """A search record's texts by field (``FIELDS``): ``lead`` also holds the other spellings."""
    return [
        [entry["title"]],
        entry.get("lead", []) + entry.get("aka", []),
        entry.get("body", []),
        entry.get("meta", []),
    ]


def folded_fields(entry: dict) -> list[list[str]]:
    return [[compact(text) for text in texts] for texts in field_texts(entry)]


def extent(fields: list[list[str]]) -> tuple[int, int]:
    """A record's longest folded text, and most texts in one field."""
    return max((len(text) for texts in fields for text in texts), default=0), max(map(len, fields), default=0)


class Occurrences:
    """Every occurrence of every token in the records' folded texts, as arrays sorted by token,
    then record and field (``key``: ref × 4 + field), then position; how many tokens each field of
    each record has; the stride and field span of positions. ``replaced`` gives those of the same
    records with a few of them changed, without tokenizing the others again (``search/edits.py``)."""

    def __init__(self, entries: list[dict]):
        self.sort_by_token(*by_token(*self.measured(entries)))

    @classmethod
    def in_groups(cls, entries: list[dict], groups: int) -> Iterator[Occurrences]:
        """The same occurrences, one group of tokens at a time (by code, modulo ``groups``), each
        group with every record's lengths: sorted and weighted a group at a time, the index takes
        a fraction of the memory it takes at once (``lunr_parts``)."""
        whole = cls.__new__(cls)
        code, key, position = whole.measured(entries)
        group_of = (code % groups).astype(np.int8)
        for group in range(groups):
            chosen = np.flatnonzero(group_of == group)
            some = copy.copy(whole)
            some.sort_by_token(*by_token(code[chosen], key[chosen], position[chosen]))
            del chosen
            yield some

    def measured(self, entries: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Take the records' count, longest texts, stride, field span and token counts; their
        occurrences, as ``tokenized`` gives them."""
        folded = [folded_fields(entry) for entry in entries]
        self.count = len(entries)
        extents = np.array([extent(fields) for fields in folded], dtype=np.int64).reshape(-1, 2)
        self.longest, self.most = extents[:, 0], extents[:, 1]
        self.stride, self.field_span = self.spans()
        self.lengths = np.zeros(self.count * len(FIELDS), dtype=np.int64)
        return self.tokenized(dict(enumerate(folded)))

    def spans(self) -> tuple[int, int]:
        """The stride and field span of positions: the stride more than the longest text, the span
        more than the most texts of a field."""
        longest = int(self.longest.max()) if self.count else 0
        most = int(self.most.max()) if self.count else 1
        stride = 1 << (longest + 1).bit_length()
        return stride, 1 << (most * stride).bit_length()

    def tokenized(self, folded: dict[int, list[list[str]]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The occurrences in the records ``folded`` (by ref, in order): code, key, position, in the
        order of the texts, each text's characters, then its pairs (``by_token`` sorts them);
        their fields' token counts are added to ``lengths``."""
        texts, keys, bases = [], array("i"), array("i")
        for ref, fields in folded.items():
            for f, field in enumerate(fields):
                for k, text in enumerate(field):
                    if text:
                        texts.append(text)
                        keys.append(ref * len(FIELDS) + f)
                        bases.append(f * self.field_span + k * self.stride)
        # one array over every character of every text: each text's characters, then its pairs,
        # are tokens, coded as numbers (a pair as first × CHAR_CODES + second, above any character);
        # the narrowest types that hold them, as these arrays are the index's peak of memory
        sizes = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        ends = np.cumsum(sizes)
        chars = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
        char_key = np.repeat(np.frombuffer(keys, dtype=np.int32), sizes)
        char_position = np.repeat((np.frombuffer(bases, dtype=np.int32) - (ends - sizes)).astype(np.int32), sizes)
        char_position += np.arange(len(chars), dtype=np.int32)
        starts_pair = np.ones(len(chars), dtype=bool)
        starts_pair[ends - 1] = False  # a text's last character starts no pair
        codes = np.concatenate([chars, chars[starts_pair]]).astype(np.int64)
        codes[len(chars) :] *= CHAR_CODES
        codes[len(chars) :] += chars[1:][starts_pair[:-1]]
        self.lengths += np.bincount(np.frombuffer(keys, dtype=np.int32), weights=2 * sizes - 1, minlength=len(self.lengths)).astype(np.int64)
        return codes, np.concatenate([char_key, char_key[starts_pair]]), np.concatenate([char_position, char_position[starts_pair]])

    def sort_by_token(self, code: np.ndarray, key: np.ndarray, position: np.ndarray, known: Occurrences | None = None) -> None:
        """Number the tokens of the occurrences ``code``, ``key``, ``position`` (sorted by code, then
        key, then position); the names of tokens ``known`` has are taken from it."""
        new = starts(code)
        self.codes = code[new]  # each token's code, by token number
        if known is None or not len(known.codes):
            self.names = [decoded(c) for c in self.codes.tolist()]
        else:
            at = np.searchsorted(known.codes, self.codes).clip(max=len(known.codes) - 1)
            self.names = list(map(known.names.__getitem__, at.tolist()))
            for n in np.flatnonzero(known.codes[at] != self.codes).tolist():
                self.names[n] = decoded(int(self.codes[n]))
        self.token = np.cumsum(new, dtype=np.int32)
        self.token -= 1
        self.key, self.position = key, position

    def replaced(self, entries: dict[int, dict]) -> Occurrences | None:
        """Those of the same records, with the records ``entries`` (by ref) as given there; None if
        that changes the stride or the field span (every position changes)."""
        folded = {ref: folded_fields(entry) for ref, entry in sorted(entries.items())}
        new = copy.copy(self)
        new.longest, new.most = self.longest.copy(), self.most.copy()
        for ref, fields in folded.items():
            new.longest[ref], new.most[ref] = extent(fields)
        if new.spans() != (self.stride, self.field_span):
            return None
        new.lengths = self.lengths.copy()
        for ref in folded:
            new.lengths[ref * len(FIELDS) : (ref + 1) * len(FIELDS)] = 0
        code, key, position = by_token(*new.tokenized(folded))
        kept = ~np.isin(self.key // len(FIELDS), list(folded))
        kept_code, kept_key, kept_position = self.codes[self.token[kept]], self.key[kept], self.position[kept]
        # the new occurrences go where their (token, key) sorts: each code below 2⁴¹, each key below 2^bits
        bits = (self.count * len(FIELDS)).bit_length()
        at = np.searchsorted((kept_code << bits) | kept_key, (code << bits) | key)
        new.sort_by_token(np.insert(kept_code, at, code), np.insert(kept_key, at, key), np.insert(kept_position, at, position), self)
        return new

    def only(self, chosen: np.ndarray) -> Occurrences:
        """The occurrences where ``chosen`` is true, of records and tokens as these have them."""
        part = copy.copy(self)
        part.token, part.key, part.position = self.token[chosen], self.key[chosen], self.position[chosen]
        return part

    def averages(self) -> np.ndarray:
        """The average token count of each field, over every record (as ``lunr.Builder`` sums them)."""
        fields = len(FIELDS)
        return np.array([sum(self.lengths[f::fields].tolist()) / self.count for f in range(fields)])


def by_token(code: np.ndarray, key: np.ndarray, position: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Occurrences (``Occurrences.tokenized``) sorted by token: a stable sort keeps each token's
    occurrences by key, then position, as they were added."""
    order = np.argsort(code, kind="stable")
    return code[order], key[order], position[order]


def decoded(code: int) -> str:
    """The token a code stands for (``Occurrences``)."""
    return chr(code) if code < CHAR_CODES else chr(code // CHAR_CODES) + chr(code % CHAR_CODES)


def shards_of(codes: np.ndarray, shards: int) -> np.ndarray:
    """``tokenize.shard_of`` of the tokens ``codes`` (``Occurrences``), all at once."""
    mask = np.uint64(0xFFFFFFFF)
    pair = codes >= CHAR_CODES
    first = np.where(pair, codes // CHAR_CODES, codes).astype(np.uint64)
    hashed = ((np.uint64(FNV_OFFSET) ^ first) * np.uint64(FNV_PRIME)) & mask
    second = ((hashed ^ (codes % CHAR_CODES).astype(np.uint64)) * np.uint64(FNV_PRIME)) & mask
    return (np.where(pair, second, hashed) % np.uint64(shards)).astype(np.int64)


def starts(*columns: np.ndarray) -> np.ndarray:
    """Where a run of equal rows (over all ``columns``) begins."""
    new = np.zeros(len(columns[0]), dtype=bool)
    if len(new):
        new[0] = True
        for column in columns:
            new[1:] |= column[1:] != column[:-1]
    return new


class Weighted:
    """For each (token, record, field) that occurs: its weight as ``lunr.Builder`` computes it
    (``Builder.create_field_vectors``) and in thousandths, rounded as Python's ``round``; with the
    fields' average lengths ``average`` if given, rather than those of ``occurrences``."""

    def __init__(self, occurrences: Occurrences, average: np.ndarray | None = None):
        fields = len(FIELDS)
        self.first = first = np.flatnonzero(starts(occurrences.token, occurrences.key)).astype(np.int32)  # of each
        self.token, self.key = occurrences.token[first], occurrences.key[first]
        field = self.key % fields
        found = np.diff(np.append(first, len(occurrences.token)))  # the token's count in the field
        frequency = np.bincount(self.token, minlength=len(occurrences.names)).tolist()  # lunr counts (record, field) pairs
        count = occurrences.count
        idf = np.array([math.log(1 + abs((count - df + 0.5) / (df + 0.5))) for df in frequency])
        lengths = occurrences.lengths
        average = occurrences.averages() if average is None else average
        # idf × (k1 + 1) × found / (k1 × (1 - b + b × length / average) + found) × boost, in lunr's
        # order of operations, in place: a few arrays of this size at a time, not one per operation
        length_norm = lengths[self.key] / average[field]
        length_norm *= B
        length_norm += 1 - B
        length_norm *= K1
        length_norm += found
        self.score = idf[self.token]
        self.score *= (K1 + 1) * found
        self.score /= length_norm
        del length_norm
        self.score *= BOOSTS[field]
        self.thousandths = in_thousandths(self.score)


def in_thousandths(scores: np.ndarray) -> np.ndarray:
    """``round(round(score, 3) * 1000)`` of each score, as lunr's weight is rounded and then stored."""
    scaled = scores * 1000
    result = np.rint(scaled).astype(np.int32)
    off_half = np.floor(scaled)  # |scaled - floor(scaled) - 0.5|, in place
    np.subtract(scaled, off_half, out=off_half)
    del scaled
    off_half -= 0.5
    np.abs(off_half, out=off_half)
    for i in np.flatnonzero(off_half < NEAR_HALF).tolist():
        result[i] = round(round(float(scores[i]), 3) * 1000)
    return result


def weights(occurrences: Occurrences, average: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``Weighted``'s ``first`` and ``thousandths``, what ``encoded`` needs, without the rest (three
    times as much memory again)."""
    weighted = Weighted(occurrences, average)
    return weighted.first, weighted.thousandths


def encoded(occurrences: Occurrences, field_first: np.ndarray, thousandths: np.ndarray) -> dict[str, np.ndarray]:
    """Each token's postings, given where each (token, record, field) starts among the occurrences
    and its weight (``weights``): for each record, the step from the previous record, the sum of
    its weights (in thousandths), how many positions, and the positions (the first, then steps).
    They are slices of one array, made of arrays of 32 bits, changed in place where they can be:
    this is the peak of the index's memory."""
    token, position = occurrences.token, occurrences.position
    new_record = starts(token, occurrences.key // len(FIELDS))
    first = np.flatnonzero(new_record).astype(np.int32)
    record_of = np.cumsum(new_record, dtype=np.int32)  # each occurrence's (token, record), from 1
    del new_record
    weight = np.bincount(record_of[field_first] - 1, weights=thousandths, minlength=len(first)).astype(np.int32)  # fields summed
    record_token, record_ref = token[first], occurrences.key[first] // len(FIELDS)
    same_token = np.zeros(len(first), dtype=bool)
    same_token[1:] = record_token[1:] == record_token[:-1]
    flat = np.empty(len(token) + 3 * len(first), dtype=np.int32)  # every number fits: positions < 4 × field span
    at = record_of  # turned, in place, into where each position goes: after its record's three numbers
    del record_of
    at *= 3
    at += np.arange(len(token), dtype=np.int32)
    flat[at[1:]] = np.diff(position)
    flat[at[first]] = position[first]
    del at
    header = np.arange(len(first), dtype=np.int32)  # where each record's three numbers go
    header *= 3
    header += first
    flat[header] = record_ref
    flat[header[1:]] -= np.where(same_token[1:], record_ref[:-1], 0)  # the step from the previous record
    header += 1
    flat[header] = weight
    header += 1
    flat[header] = np.diff(np.append(first, len(token)))
    header -= 2
    token_first = np.flatnonzero(~same_token)
    bounds = np.append(header[token_first], len(flat)).tolist()
    names = occurrences.names
    return {names[t]: flat[bounds[n] : bounds[n + 1]] for n, t in enumerate(record_token[token_first].tolist())}


def postings(entries: list[dict]) -> dict[str, list[list[tuple[int, float]]]]:
    """For each token, for each field, the records that have it and its weight there."""
    occurrences = Occurrences(entries)
    weighted = Weighted(occurrences)
    found: dict[str, list[list[tuple[int, float]]]] = {}
    refs, fields = np.divmod(weighted.key, len(FIELDS))
    for token, ref, field, score in zip(weighted.token.tolist(), refs.tolist(), fields.tolist(), weighted.score.tolist(), strict=True):
        by_field = found.setdefault(occurrences.names[token], [[] for _ in FIELDS])
        by_field[field].append((ref, round(score, 3)))
    return found


def part_count(occurrences: Occurrences) -> int:
    """How many parts the index is cut into: one for about ``NUMBERS_PER_PART`` numbers of its
    postings (each position, and three for each record a token is in)."""
    records = int(np.count_nonzero(starts(occurrences.token, occurrences.key // len(FIELDS))))
    return parts_for(len(occurrences.token) + 3 * records)


def parts_for(numbers: int) -> int:
    """How many parts an index of ``numbers`` numbers of postings is cut into."""
    return max(1, math.ceil(numbers / NUMBERS_PER_PART))


def by_part(tokens: list[str], count: int) -> dict[int, list[str]]:
    """The tokens of each part of the index that holds one of ``tokens``, sorted."""
    parts: dict[int, list[str]] = {}
    for token in sorted(tokens):
        parts.setdefault(shard_of(token, count), []).append(token)
    return parts


def part(tokens: list[str], postings: dict[str, np.ndarray]) -> dict:
    """The part of the index that holds ``tokens``, each with its postings (``encoded``; an array,
    which ``files.json_literal`` writes as a list)."""
    return {"tokens": tokens, "postings": [postings[token] for token in tokens]}


def lunr_parts(entries: list[dict], groups: int = GROUPS) -> tuple[int, int, int, Iterator[dict]]:
    """The stride and field span of positions, how many parts the index has, and the parts, made
    one at a time as they are asked for. The postings are made for ``groups`` groups of tokens one
    after another (``Occurrences.in_groups``): the same numbers, in a fraction of the memory."""
    postings: dict[str, np.ndarray] = {}
    numbers = 0
    for occurrences in Occurrences.in_groups(entries, groups):
        stride, field_span = occurrences.stride, occurrences.field_span
        some = encoded(occurrences, *weights(occurrences)) if entries else {}
        numbers += sum(map(len, some.values()))
        postings.update(some)
    count = parts_for(numbers)
    tokens = by_part(list(postings), count)
    return stride, field_span, count, (part(tokens.get(number, []), postings) for number in range(count))
