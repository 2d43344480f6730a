"""``build.py suggest``: measures of different documents that may carry the same reform.

Method: each measure's title and action texts, with punctuation and spaces removed, are cut into
character bigrams; each bigram is weighted by tf-idf over all measures (1 + ln count, times
ln(N / measures holding it)), and two measures score the cosine of their weight vectors (0 to 1).
Pairs already in one reform record, pairs an editor dismissed (``catalogue/dismissed.yml``) and
pairs within one document are left out; the rest at or above the threshold are listed, best first.
A candidate is a hint to read both texts, never a decision.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from reforms.catalogue.load import Catalogue
from reforms.catalogue.model import Measure

THRESHOLD = 0.2
_NOT_TEXT = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Candidate:
    score: float
    first: Measure
    second: Measure
    reform: str | None  # the reform record one of the two already belongs to


def measure_text(measure: Measure) -> str:
    return _NOT_TEXT.sub("", measure.title + "".join(a.text for a in measure.actions))


def bigrams(text: str) -> Counter:
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def weight_vectors(measures: list[Measure]) -> list[dict[str, float]]:
    """tf-idf weights of each measure's bigrams, scaled to unit length."""
    counts = [bigrams(measure_text(m)) for m in measures]
    holding = Counter(gram for count in counts for gram in count)
    vectors = []
    for count in counts:
        vector = {g: (1 + math.log(n)) * math.log(len(measures) / holding[g]) for g, n in count.items()}
        length = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        vectors.append({g: w / length for g, w in vector.items()})
    return vectors


def similarities(measures: list[Measure]) -> dict[tuple[int, int], float]:
    """Cosine of every two measures of different documents sharing a bigram, through an inverted index."""
    vectors = weight_vectors(measures)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for gram, weight in vector.items():
            postings[gram].append((index, weight))
    scores: dict[tuple[int, int], float] = defaultdict(float)
    for entries in postings.values():
        for a, (i, wi) in enumerate(entries):
            for j, wj in entries[a + 1 :]:
                if measures[i].document != measures[j].document:
                    scores[(i, j)] += wi * wj
    return scores


def reform_of(catalogue: Catalogue) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for located in catalogue.reforms:
        for measure_id in located.record.measures:
            found[measure_id].add(located.record.id)
    return found


def candidates(catalogue: Catalogue, threshold: float = THRESHOLD, documents: set[str] | None = None) -> list[Candidate]:
    measures = [m.record for m in catalogue.measures]
    reforms = reform_of(catalogue)
    dismissed = {frozenset(d.record.measures) for d in catalogue.dismissed}
    order = {d.record.id: (d.record.level != "市级", d.record.date or "", d.record.id) for d in catalogue.documents}
    found = []
    for (i, j), score in similarities(measures).items():
        first, second = sorted((measures[i], measures[j]), key=lambda m: (order.get(m.document, ()), m.id))
        if score < threshold or reforms[first.id] & reforms[second.id] or {first.id, second.id} in dismissed:
            continue
        if documents and not {first.document, second.document} <= documents:
            continue
        joined = sorted(reforms[first.id] | reforms[second.id])
        found.append(Candidate(round(score, 3), first, second, joined[0] if joined else None))
    return sorted(found, key=lambda c: (-c.score, c.first.id, c.second.id))


def format_candidate(candidate: Candidate) -> str:
    where = f"  （可加入 {candidate.reform}）" if candidate.reform else ""
    return (
        f"{candidate.score:.3f}  {candidate.first.id} {candidate.first.title}\n"
        f"       {candidate.second.id} {candidate.second.title}{where}"
    )
