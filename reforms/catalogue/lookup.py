"""Finding records by id in the loaded catalogue, for the checks that follow references."""

from __future__ import annotations

import difflib
from collections import defaultdict

from reforms.catalogue.load import Catalogue, Located


def suggest(value: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(value, candidates, n=1, cutoff=0.5)
    return f"是不是 {close[0]}？" if close else ""


def first_by_id(records: list[Located]) -> dict[str, object]:
    """Each id's first record: where ids repeat (reported on their own), references go to the first."""
    found: dict[str, object] = {}
    for located in records:
        found.setdefault(located.record.id, located.record)
    return found


def grouped_by_id(records: list[Located]) -> dict[str, list[Located]]:
    groups: dict[str, list[Located]] = defaultdict(list)
    for located in records:
        groups[located.record.id].append(located)
    return groups


def id_line(located: Located) -> str:
    return f"{located.source.file}:{located.source.position((*located.path, 'id')).line}"


def known_document(catalogue: Catalogue, document_id: str) -> bool:
    """A document that exists, or whose file does: its wrong id or load failure is reported at that file."""
    return document_id in catalogue.document_ids or (catalogue.root / "documents" / f"{document_id}.yml").is_file()
