"""Unit lists as published (牵头单位, 配合单位) split into mentions and looked up in the registry.

A unit list is written relative to the issuing district: 区市场监管局 in a 江津 document is
江津区's. A mention is looked up among the document's own jurisdiction first, then the city's.
The tail 等按职责分工负责 is not part of a name; ``…等区级相关部门`` ends in a group mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reforms.catalogue.model import Department

_SEPARATORS = re.compile(r"(?:[、，,；;]|\s+)(?![^“]*”)")  # not inside “…”, as in “双随机、一公开”
_TAILS = ("等按职责分工负责", "按职责分工负责", "等")
CITY = "重庆市"


@dataclass(frozen=True)
class Mention:
    as_written: str
    department: Department | None  # None: not in the registry

    def as_export(self) -> dict:
        dept = self.department
        return {
            "id": dept.id if dept else None,
            "name": dept.name if dept else self.as_written,
            "as_written": self.as_written,
            "group": bool(dept and dept.group),
        }


class Registry:
    """Every spelling of every department, by jurisdiction."""

    def __init__(self, departments: list[Department]):
        self.departments = tuple(departments)
        self.resolved: dict[tuple[str, str], tuple[Mention, ...]] = {}  # resolve_units' answers so far
        self.by_id = {d.id: d for d in departments}
        self.by_spelling: dict[tuple[str, str], Department] = {}
        for dept in departments:
            for alias in (dept.name, *dept.aliases):
                self.by_spelling.setdefault((dept.jurisdiction, alias), dept)

    def lookup(self, spelling: str, jurisdiction: str) -> Department | None:
        return self.by_spelling.get((jurisdiction, spelling)) or self.by_spelling.get((CITY, spelling))

    def spellings(self, jurisdiction: str) -> list[str]:
        return sorted(s for (j, s) in self.by_spelling if j in (jurisdiction, CITY))


def strip_tail(text: str) -> str:
    for tail in _TAILS:
        if text.endswith(tail):
            return text[: -len(tail)]
    return text


def split_units(text: str, registry: Registry, jurisdiction: str) -> list[str]:
    """The mentions in a unit list, as written; ``X等Y`` splits where Y is a known group."""
    mentions: list[str] = []
    for part in _SEPARATORS.split(strip_tail(text.strip())):
        part = part.strip()
        if not part:
            continue
        if registry.lookup(part, jurisdiction) is None and "等" in part:
            head, _, group = part.rpartition("等")
            if registry.lookup("等" + group, jurisdiction) is not None:
                mentions.extend([head, "等" + group] if head else ["等" + group])
                continue
        mentions.append(part)
    return mentions


def resolve_units(text: str | None, registry: Registry, jurisdiction: str) -> list[Mention]:
    """The mentions of a unit list. The same lists come back in action after action, and at every
    save of a preview: each is split and looked up once per registry."""
    if not text:
        return []
    key = (text, jurisdiction)
    if key not in registry.resolved:
        registry.resolved[key] = tuple(Mention(m, registry.lookup(m, jurisdiction)) for m in split_units(text, registry, jurisdiction))
    return list(registry.resolved[key])


_last_registry = Registry([])


def registry_of(departments: list[Department]) -> Registry:
    """The registry of ``departments``; the last one again, with the unit lists it has resolved, when
    they are the very same records (a preview loads the catalogue at each save; the departments'
    files seldom change, and unchanged files are not parsed again)."""
    global _last_registry
    last = _last_registry.departments
    if len(last) != len(departments) or any(a is not b for a, b in zip(last, departments, strict=True)):
        _last_registry = Registry(departments)
    return _last_registry
