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
from reforms.search.lunr_index import Occurrences, by_part, encoded, part, part_count, shards_of, weights


class KeptIndex:
    """The search entries of the records of one catalogue (``index.record_entry``), in search
    order, the occurrences of its lunr index, and how many parts the index is cut into."""

    def __init__(self, ids: list[str], entries: list[dict], occurrences: Occurrences) -> None:
        self.ids, self.entries, self.occurrences = ids, entries, occurrences
        self.parts = part_count(occurrences)

    @classmethod
    def of(cls, resolved: Resolved) -> KeptIndex:
        measures = in_search_order(resolved)
        entries = [record_entry(m) for m in measures]
        return cls([m.id for m in measures], entries, Occurrences(entries))

    def after(self, resolved: Resolved, edited: set[str]) -> KeptIndex | None:
        """The index of ``resolved``, a catalogue that differs from this one's in the measures
        ``edited`` alone; None if the edit moved a record in the search order, or changed the
        stride or the field span of positions (``KeptIndex.of`` makes it whole)."""
        edition = self.edited_entries(resolved, edited)
        if edition is None:
            return None
        entries, refs = edition
        occurrences = self.occurrences.replaced({ref: entries[ref] for ref in refs})
        return None if occurrences is None else KeptIndex(self.ids, entries, occurrences)

    def edited_entries(self, resolved: Resolved, edited: set[str]) -> tuple[list[dict], list[int]] | None:
        """The search entries of ``resolved``: these, with those of the measures ``edited`` made
        again, and where those are (their refs); None if the edit moved a record in the search order."""
        measures = in_search_order(resolved)
        if [m.id for m in measures] != self.ids:
            return None
        entries, refs = list(self.entries), [ref for ref, id in enumerate(self.ids) if id in edited]
        for ref in refs:
            entries[ref] = record_entry(measures[ref])
        return entries, refs


def edited_files(before: KeptIndex | None, resolved: Resolved, edited: set[str]) -> dict[str, bytes]:
    """The search files that show the edit of the measures ``edited``, which made ``resolved`` of
    the catalogue of ``before``: the parts of the index that hold a token of theirs, before or
    after the edit, weighted with the fields' averages of ``before`` and cut as ``before`` is,
    their records files, the facets and ``search/index.js``. No files without ``before``, or when
    the edit changed more than these (the order of the records, the stride or field span of positions).

    Only the occurrences of those parts' tokens are taken from ``before``, and the edited records'
    replaced among them: few large arrays are made, which in the preview's second process, forked
    anew for each save, cost several times what they cost the process that made them before
    (``Occurrences.replaced`` over the whole index at 10,000 measures: 0.95 s in the second process,
    0.16 s in the preview's own)."""
    edition = before.edited_entries(resolved, edited) if before else None
    if edition is None:
        return {}
    entries, refs = edition
    touched = np.union1d(*(Occurrences([made[ref] for ref in refs]).codes for made in (before.entries, entries)))
    numbers = np.unique(shards_of(touched, before.parts))
    in_touched_part = np.zeros(before.parts, dtype=bool)
    in_touched_part[numbers] = True
    whole = before.occurrences
    occurrences = whole.only(in_touched_part[shards_of(whole.codes, before.parts)][whole.token]).replaced({ref: entries[ref] for ref in refs})
    if occurrences is None:
        return {}
    postings = encoded(occurrences, *weights(occurrences, average=whole.averages()))
    tokens = by_part(list(postings), before.parts)
    index = {"parts": before.parts, "stride": occurrences.stride, "fieldSpan": occurrences.field_span}
    files = described_files(resolved, in_search_order(resolved), index)
    for number in numbers.tolist():
        files[FILES["part"].format(number)] = script(f"part {number}", part(tokens.get(number, []), postings))
    for chunk in sorted({ref // CHUNK for ref in refs}):
        files.update(records_file(chunk, entries[chunk * CHUNK : (chunk + 1) * CHUNK]))
    return files
