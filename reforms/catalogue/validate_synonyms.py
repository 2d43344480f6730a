"""Checks of ``catalogue/synonyms.yml`` that a single group's schema cannot see.

A word is folded as search folds it (width, case, spaces and punctuation: ``compact``) before it
is compared, since that is the form a query meets it in.
"""

from __future__ import annotations

from reforms.catalogue.load import Catalogue
from reforms.catalogue.yamlio import Problem
from reforms.search.expand import spellings
from reforms.search.tokenize import compact


def department_spellings(catalogue: Catalogue) -> dict[str, str]:
    """Folded spelling → the department it is registered for."""
    found = {}
    for located in catalogue.departments:
        for spelling in spellings(located.record):
            found.setdefault(compact(spelling), located.record.id)
    return found


def check_synonyms(catalogue: Catalogue) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}  # folded word → the number (from 1) of the group it is in
    departments = department_spellings(catalogue)
    for number, located in enumerate(catalogue.synonyms, start=1):
        for index, word in enumerate(located.record.words):
            folded = compact(word)
            where = ("words", index)
            if not folded:
                problems.append(located.problem(where, f"“{word}”只有标点或空格，搜索时不算一个词", "写上文字，或删去这一项"))
            elif folded in departments:
                hint = "部门的各种写法已自动互相搜索；删去这一项，或把写法登记到 departments/ 中该部门的 aliases"
                problems.append(located.problem(where, f"“{word}”是部门 {departments[folded]} 的写法", hint))
            elif folded in seen and seen[folded] != number:
                hint = "一个词只能属于一组；把两组合并成一组"
                problems.append(located.problem(where, f"“{word}”已在第 {seen[folded]} 组中", hint))
            elif folded in seen:
                problems.append(located.problem(where, f"“{word}”在本组中重复", "删去重复的一项"))
            else:
                seen[folded] = number
    return problems
