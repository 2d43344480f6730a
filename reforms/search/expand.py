"""Other ways of writing a query word: the registry's spellings of a department, and
``catalogue/synonyms.yml``. The table is built here, shipped in ``search/index.js`` and read by
``query.parse`` (and query.js): a term typed without quotation marks that is, once folded, exactly
a key also finds the measures that contain one of the key's alternatives.

* A department's name or one of its registered spellings (区发改委) stands for its other spellings
  (渝中区发展改革委、区发展改革委).
* A short form, a spelling without its district or the 区/市/县 in front (发改委, 市场监管局), or
  a department kind (发展改革委), stands for every spelling of every department of that kind, in
  every district.
* A word of a synonym group stands for the other words of its group.

An alternative that contains the word itself is left out: it would find nothing more.
"""

from __future__ import annotations

from collections import defaultdict

from reforms.catalogue.model import Department, SynonymGroup
from reforms.search.tokenize import compact

PREFIXES = ("区", "市", "县")
MIN_SHORT = 2


def spellings(department: Department) -> list[str]:
    return list(dict.fromkeys([department.name, *department.aliases]))


def short_forms(department: Department) -> list[str]:
    """Spellings without the district in front: 区发改委 → 发改委, 渝中区财政局 → 财政局."""
    found = []
    for spelling in spellings(department):
        for prefix in (department.jurisdiction, *PREFIXES):
            if spelling.startswith(prefix) and len(compact(spelling[len(prefix) :])) >= MIN_SHORT:
                found.append(spelling[len(prefix) :])
                break
    found.append(department.kind)
    return list(dict.fromkeys(found))


def build_expansions(departments: list[Department], synonyms: list[SynonymGroup]) -> dict[str, list[str]]:
    """Folded word → its alternatives, as written, sorted."""
    table: dict[str, set[str]] = defaultdict(set)
    units = [d for d in departments if not d.group]
    by_kind: dict[str, list[Department]] = defaultdict(list)
    owners: dict[str, set[str]] = defaultdict(set)  # folded spelling → the departments written so
    for department in units:
        by_kind[department.kind].append(department)
        for spelling in spellings(department):
            owners[compact(spelling)].add(department.id)

    def stand_for(key: str, meant: list[Department]) -> None:
        """Only spellings of no other department than those meant (区财政局 is every district's)."""
        ids = {d.id for d in meant}
        table[key].update(s for d in meant for s in spellings(d) if owners[compact(s)] <= ids)

    for department in units:
        for spelling in spellings(department):
            stand_for(compact(spelling), [department])
        for short in short_forms(department):
            stand_for(compact(short), by_kind[department.kind])
    for group in synonyms:
        for word in group.words:
            table[compact(word)].update(group.words)
    return {key: alternatives for key, found in sorted(table.items()) if key and (alternatives := pruned(key, found))}


def pruned(key: str, alternatives: set[str]) -> list[str]:
    """The alternatives that can find more than the key: none containing it or another alternative."""
    useful = [a for a in sorted(alternatives) if key not in compact(a)]
    return [a for a in useful if not any(b != a and compact(b) in compact(a) for b in useful)]
