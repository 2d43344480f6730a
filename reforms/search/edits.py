"""The search data after an edit of a few measures, at once: the preview's first step.

The preview keeps the lunr index's occurrences (``lunr_index.Occurrences``) from one save to the
next (``KeptIndex``). After an edit, the edited records' occurrences replace theirs, and only
the parts of the index that hold one of their tokens, before or after the edit, are made again,
with the records files that hold them, the facets and ``search/index.js`` (``edited_files``).

A token's weight depends on the average length of each field over the whole catalogue, which
nearly any edit changes a little, and with it the last digit of thousands of weights in other
parts. The parts made here keep the averages of before the edit, so that the tokens the edit
did not touch keep the weights the site has; the exact files (``files.search_files``), which
differ from these only in such digits, follow when the whole index is made again.
"""

from __future__ import annotations

import numpy as np

from reforms.catalogue.resolve import Resolved
from reforms.search.files import FILES, described_files, records_file, script
from reforms.search.index import CHUNK, in_search_order, record_entry
from reforms.search.lunr_index import (
    FIELDS,
    Occurrences,
    Weighted,
    by_part,
    encoded,
    part,
    part_count,
    shards_of,
)


class KeptIndex:
    """The occurrences of the lunr index of one catalogue, the order of its records, and how many
    parts its index is cut into."""

    def __init__(self, ids: list[str], occurrences: Occurrences) -> None:
        self.ids, self.occurrences = ids, occurrences
        self.parts = part_count(occurrences)

    @classmethod
    def of(cls, resolved: Resolved) -> KeptIndex:
        measures = in_search_order(resolved)
        return cls([m.id for m in measures], Occurrences([record_entry(m) for m in measures]))

    def after(self, resolved: Resolved, edited: set[str]) -> KeptIndex | None:
        """The index of ``resolved``, a catalogue that differs from this one's in the measures
        ``edited`` alone; None if the edit moved a record in the search order, or changed the
        stride or the field span of positions (``KeptIndex.of`` makes it whole)."""
        measures = in_search_order(resolved)
        ids = [m.id for m in measures]
        if ids != self.ids:
            return None
        occurrences = self.occurrences.replaced(
            {ref: record_entry(m) for ref, m in enumerate(measures) if m.id in edited}
        )
        return None if occurrences is None else KeptIndex(ids, occurrences)

    def refs(self, edited: set[str]) -> list[int]:
        return [ref for ref, id in enumerate(self.ids) if id in edited]


def edited_files(before: KeptIndex | None, resolved: Resolved, edited: set[str]) -> dict[str, bytes]:
    """The search files that show the edit of the measures ``edited``, which made ``resolved`` of
    the catalogue of ``before``: the parts of the index that hold a token of theirs, weighted with
    the fields' averages of ``before`` and cut as ``before`` is, their records files, the facets and
    ``search/index.js``; none if there is no ``before`` or ``KeptIndex.after`` gives none."""
    after = before.after(resolved, edited) if before else None
    if before is None or after is None:
        return {}
    refs = after.refs(edited)
    touched = np.union1d(tokens_of(before.occurrences, refs), tokens_of(after.occurrences, refs))
    numbers = np.unique(shards_of(touched, before.parts))
    in_touched_part = np.zeros(before.parts, dtype=bool)
    in_touched_part[numbers] = True
    occurrences = after.occurrences
    chosen = occurrences.only(in_touched_part[shards_of(occurrences.codes, before.parts)][occurrences.token])
    flat, where = encoded(chosen, Weighted(chosen, average=before.occurrences.averages()))
    tokens = by_part(list(where), before.parts)
    measures = in_search_order(resolved)
    index = {"parts": before.parts, "stride": occurrences.stride, "fieldSpan": occurrences.field_span}
    files = described_files(resolved, measures, index)
    for number in numbers.tolist():
        files[FILES["part"].format(number)] = script(
            f"part {number}", part(tokens.get(number, []), flat, where)
        )
    for chunk in sorted({ref // CHUNK for ref in refs}):
        files.update(
            records_file(chunk, [record_entry(m) for m in measures[chunk * CHUNK : (chunk + 1) * CHUNK]])
        )
    return files


def tokens_of(occurrences: Occurrences, refs: list[int]) -> np.ndarray:
    """The codes of the tokens of the records ``refs``."""
    return np.unique(occurrences.codes[occurrences.token[np.isin(occurrences.key // len(FIELDS), refs)]])
