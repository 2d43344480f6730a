"""Figures from one target's runs: bytes, time to ready, query latency, recall and precision."""

from __future__ import annotations

import gzip
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.groundtruth import Query, Truth
from benchmarks.sites import Sent

SEARCH_FILES = {
    "ours": re.compile(r"^/assets/search/|^/search/(index\.js|lunr\.js|facets\.js|parts/|records/)"),
    "material": re.compile(r"^/assets/javascripts/(workers|lunr)/|^/search/search_index\.json$"),
}


def search_bytes(engine: str, sent: list[Sent]) -> tuple[int, int]:
    """Raw and transferred (gzip) bytes of the files only search needs."""
    files = {s.path: s for s in sent if SEARCH_FILES[engine].search(s.path)}
    return sum(s.raw for s in files.values()), sum(s.sent for s in files.values())


def gzip_sizes(site: Path) -> dict[str, int]:
    """Gzip (level 6) bytes of each of our search files, by path from the site's root."""
    return {
        path.relative_to(site).as_posix(): len(gzip.compress(path.read_bytes(), 6, mtime=0))
        for path in site.rglob("*")
        if path.is_file() and SEARCH_FILES["ours"].search("/" + path.relative_to(site).as_posix())
    }


def first_result_bytes(sizes: dict[str, int], needed: list[str]) -> int:
    """Gzip bytes a reader downloads before a first search shows its first results: what every
    page loads for search (the scripts, ``search/index.js``) and the files the query needed."""
    up_front = sum(size for path, size in sizes.items() if path.startswith("assets/search/") or path == "search/index.js")
    return up_front + sum(sizes[path] for path in set(needed))


def search_bytes_on_disk(engine: str, site: Path) -> tuple[int, int]:
    """Raw and gzip (level 6) bytes of every file only search needs, loaded or not."""
    raw = zipped = 0
    for path in site.rglob("*"):
        if path.is_file() and SEARCH_FILES[engine].search("/" + path.relative_to(site).as_posix()):
            body = path.read_bytes()
            raw += len(body)
            zipped += len(gzip.compress(body, 6, mtime=0))
    return raw, zipped


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass
class Run:
    ready_ms: float
    raw_bytes: int  # downloaded until search is ready
    gzip_bytes: int
    queried_raw_bytes: int  # downloaded until every query was answered
    queried_gzip_bytes: int
    latencies: list[float]  # the search itself, its files loaded
    shown_latencies: list[float]  # until the first 10 hits are marked up
    cold_latencies: list[float] = field(default_factory=list)  # a first search, with its downloads
    first_bytes: list[int] = field(default_factory=list)  # gzip bytes until a first search's first results

    @property
    def first_ms(self) -> float:
        """The first query after ready, with its downloads (ours loads the parts it needs then)."""
        return (self.cold_latencies or self.latencies)[0]

    @property
    def cold_p95_ms(self) -> float:
        return percentile(self.cold_latencies or self.latencies, 0.95)

    @property
    def first_bytes_median(self) -> float:
        return statistics.median(self.first_bytes) if self.first_bytes else self.gzip_bytes

    @property
    def first_bytes_max(self) -> float:
        return max(self.first_bytes) if self.first_bytes else self.gzip_bytes

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies)

    @property
    def p95_ms(self) -> float:
        return percentile(self.latencies, 0.95)

    @property
    def shown_median_ms(self) -> float:
        return statistics.median(self.shown_latencies)

    @property
    def shown_p95_ms(self) -> float:
        return percentile(self.shown_latencies, 0.95)


@dataclass
class Quality:
    queries: int = 0
    recall_10: list[float] = field(default_factory=list)
    precision_10: list[float] = field(default_factory=list)
    recall_all: list[float] = field(default_factory=list)  # queries that occur somewhere only
    missing: list[str] = field(default_factory=list)  # queries with an expected record not found
    wrong: list[str] = field(default_factory=list)  # queries with a hit that does not contain them
    none_with_hits: int = 0  # queries that occur nowhere, yet something was shown
    none_queries: int = 0

    def add(self, query: Query, expected: list[int], hits: list[int]) -> None:
        """``hits``: refs of every hit, best first."""
        wanted, top = set(expected), hits[:10]
        relevant = sum(1 for ref in top if ref in wanted)
        self.queries += 1
        self.precision_10.append(relevant / len(top) if top else 1.0)
        if wanted:
            self.recall_10.append(relevant / min(10, len(wanted)))
            self.recall_all.append(len(wanted & set(hits)) / len(wanted))
            if wanted - set(hits):
                self.missing.append(query.text)
        else:
            self.none_queries += 1
            self.none_with_hits += bool(hits)
        if set(hits) - wanted:
            self.wrong.append(query.text)

    def mean(self, name: str) -> float:
        values = getattr(self, name)
        return statistics.fmean(values) if values else float("nan")


def quality_of_ours(truth: Truth, queries: list[Query], results: list[dict], full_hits) -> Quality:
    """Our results carry the top 10, the count and the sum of refs of all hits; ``full_hits(query)``
    fetches every hit where those do not match the expected records exactly."""
    quality = Quality()
    refs = {record_id: ref for ref, record_id in enumerate(truth.ids)}
    for query, result in zip(queries, results, strict=True):
        expected = truth.refs(query.text)
        top = [refs[i] for i in result["top"]]
        same = (
            result["total"] == len(expected)
            and result["refSum"] == sum(expected)
            and set(top) <= set(expected)
        )
        if same:  # the expected records; the engine's order matters only for the top 10
            hits = top + [ref for ref in expected if ref not in set(top)]
        else:
            hits = [refs[i] for i in full_hits(query.text)]
        quality.add(query, expected, hits)
    return quality


def quality_of_material(truth: Truth, queries: list[Query], results: list[dict]) -> Quality:
    quality = Quality()
    refs = {record_id: ref for ref, record_id in enumerate(truth.ids)}
    for query, result in zip(queries, results, strict=True):
        quality.add(query, truth.refs(query.text), [refs[i] for i in result["ids"] if i in refs])
    return quality
