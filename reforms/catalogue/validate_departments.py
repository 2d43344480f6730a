"""Checks of the department registry: each spelling names one department of its jurisdiction.

Aliases are spellings as published, so one department may list both 区人力社保局（区就业局） and
区人力社保局(区就业局). Two departments may not: a spelling that differs from another department's
only in full-width/half-width or case is a collision, because a reader cannot tell them apart.
"""

from __future__ import annotations

import unicodedata

from reforms.catalogue.load import Catalogue, Located
from reforms.catalogue.yamlio import Problem


def spelling_key(text: str) -> str:
    """A spelling as compared for collisions: full-width and half-width, upper and lower case alike."""
    return unicodedata.normalize("NFKC", text).casefold()


def check_departments(catalogue: Catalogue) -> list[Problem]:
    """No spelling may stand for two departments of one jurisdiction, no name may be registered twice."""
    problems = []
    spelled: dict[tuple[str, str], tuple[str, str]] = {}  # (jurisdiction, spelling key) → (department id, as written)
    named: dict[tuple[str, str], str] = {}
    for located in catalogue.departments:
        dept = located.record
        key = (dept.jurisdiction, dept.name)
        if key in named:
            problems.append(located.problem(("name",), f"部门 {dept.name} 已登记为 {named[key]}", "合并这两条，把写法放进 aliases"))
            continue
        named[key] = dept.id
        problems += check_alias_repeats(located)
        problems += check_spelling_owners(located, spelled)
    return problems


def check_alias_repeats(located: Located) -> list[Problem]:
    aliases = located.record.aliases
    problems = []
    for index, alias in enumerate(aliases):
        if alias in aliases[:index]:
            first = located.source.position((*located.path, "aliases", aliases.index(alias))).line
            message = f"写法“{alias}”在本部门的 aliases 中重复（第一次在第 {first} 行）"
            problems.append(located.problem(("aliases", index), message, "删除重复的这一行"))
    return problems


def check_spelling_owners(located: Located, spelled: dict[tuple[str, str], tuple[str, str]]) -> list[Problem]:
    """Each spelling of this department, unless another department of the jurisdiction has it already."""
    dept = located.record
    spellings = {dept.name: ("name",)} | {alias: ("aliases", i) for i, alias in reversed(list(enumerate(dept.aliases)))}
    problems = []
    for spelling, field_path in spellings.items():
        owner, as_written = spelled.setdefault((dept.jurisdiction, spelling_key(spelling)), (dept.id, spelling))
        if owner != dept.id:
            problems.append(located.problem(field_path, *collision(spelling, owner, as_written)))
    return problems


def collision(spelling: str, owner: str, as_written: str) -> tuple[str, str]:
    if as_written == spelling:
        return f"写法“{spelling}”已属于部门 {owner}", "一种写法只能指向一个部门"
    return (
        f"写法“{spelling}”与部门 {owner} 的写法“{as_written}”只差全角/半角或大小写",
        "同一单位的各种写法放进同一个部门的 aliases；确是不同单位的，改正其中一个",
    )
