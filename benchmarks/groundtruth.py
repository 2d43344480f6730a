"""What a search should find: the records the query rule finds (``reforms/search/query.py``).

Each record's texts are those the index is built from (``reforms.search.index.searchable``);
a term matches a text when ``compact(term)`` (or one of its other forms, ``expand.py``) is a
substring of ``compact(text)`` (width, case, spaces and punctuation folded away); a record is
found when it has every term and none to exclude. A term never spans two texts. All texts of
all records are joined into one string, so that a term is one scan however many records there are.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass
from pathlib import Path

import yaml

from reforms.catalogue.resolve import Resolved
from reforms.search.expand import build_expansions
from reforms.search.index import searchable
from reforms.search.query import Term, parse
from reforms.search.tokenize import compact

QUERIES_FILE = Path(__file__).with_name("queries.yml")
BOUNDARY = "\n"  # never in a compact text, so no match crosses it


@dataclass(frozen=True)
class Query:
    text: str
    kind: str


def hand_written(path: Path = QUERIES_FILE) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(str(text), kind) for kind, texts in data.items() for text in texts]


class Truth:
    """The ids of the records whose texts contain a query."""

    def __init__(self, resolved: Resolved) -> None:
        self.ids = [m.id for m in resolved.measures]
        self.expansions = build_expansions(resolved.departments, resolved.synonyms)
        self.texts = [searchable(m) for m in resolved.measures]
        pieces, self.starts = [], []
        position = 0
        for fields in self.texts:
            self.starts.append(position)
            record = BOUNDARY.join(compact(t) for parts in fields.values() for t in parts) + BOUNDARY
            pieces.append(record)
            position += len(record)
        self.haystack = "".join(pieces)

    def containing(self, needle: str) -> set[int]:
        """Positions of the records with a text that contains a folded string."""
        found, at = set(), self.haystack.find(needle)
        while at >= 0:
            ref = bisect.bisect_right(self.starts, at) - 1
            found.add(ref)
            following = self.starts[ref + 1] if ref + 1 < len(self.starts) else len(self.haystack)
            at = self.haystack.find(needle, following)
        return found

    def having(self, term: Term) -> set[int]:
        return set().union(*(self.containing(needle) for needle in term.alternatives))

    def refs(self, text: str) -> list[int]:
        """Positions (in catalogue order) of the records the query finds."""
        query = parse(text, self.expansions)
        found = set(range(len(self.ids)))
        for term in query.terms:
            found &= self.having(term)
        for term in query.excluded:
            found -= self.having(term)
        return sorted(found)

    def substring_queries(self, per_record: int, seed: int = 2022) -> list[Query]:
        """Random substrings (1–12 characters, as written) of the texts of every record."""
        rng = random.Random(seed)
        queries = []
        for fields in self.texts:
            texts = [t for parts in fields.values() for t in parts if compact(t)]
            for text in rng.sample(texts, min(per_record, len(texts))):
                for _ in range(8):  # a substring of only punctuation is no query; try another
                    length = rng.randint(1, min(12, len(text)))
                    start = rng.randrange(0, len(text) - length + 1)
                    if compact(text[start : start + length]):
                        queries.append(Query(text[start : start + length], "substring"))
                        break
        return queries


@dataclass
class Scores:
    recall_10: float  # of the first min(10, |expected|) expected records, the share in the top 10
    precision_10: float  # of the top 10 shown, the share expected (1.0 when nothing is shown)
    complete: bool  # all expected records found, and nothing else


def score(expected: set[int], top: list[int], total: int, ref_sum: int) -> Scores:
    """``top``: refs of the first 10 hits; ``total`` and ``ref_sum``: count and sum of refs of all hits."""
    relevant = sum(1 for ref in top if ref in expected)
    recall = relevant / min(10, len(expected)) if expected else 1.0
    precision = relevant / len(top) if top else 1.0
    complete = total == len(expected) and ref_sum == sum(expected) and relevant == min(10, len(expected))
    return Scores(recall, precision, complete)
