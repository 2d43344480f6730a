"""Suggesting themes for measures from keywords, for an editor to check by reading.

A suggestion is never written into a record: tags are set by reading the measure against each
theme's ``covers`` and ``excludes`` in ``catalogue/themes.yml``. Keywords catch a word, not its
sense (“开放” in “招标投标开放公平” is not 包容普惠创新), so the output says what it is.
"""

from __future__ import annotations

from reforms.catalogue.model import Measure, Theme

# Where a keyword is found counts for more the closer it is to what the measure is about.
WEIGHTS = (("title", 3), ("subsection", 3), ("city_task", 2), ("text", 1))
STRONG = 3
MOST = 3


def places(measure: Measure) -> dict[str, str]:
    return {
        "title": measure.title,
        "subsection": measure.subsection or "",
        "city_task": measure.city_task or "",
        "text": "".join(a.text for a in measure.actions),
    }


def score(theme: Theme, measure: Measure) -> int:
    texts = places(measure)
    return sum(weight * sum(texts[place].count(k) for k in theme.keywords) for place, weight in WEIGHTS)


def suggest_themes(measure: Measure, themes: list[Theme]) -> list[str]:
    scored = sorted(((score(t, measure), index, t.id) for index, t in enumerate(themes)), key=lambda s: (-s[0], s[1]))
    strong = [theme_id for points, _, theme_id in scored if points >= STRONG][:MOST]
    if strong:
        return strong
    return [scored[0][2]] if scored and scored[0][0] > 0 else []


def select_measures(measures: list[Measure], targets: list[str]) -> tuple[list[Measure], list[str]]:
    """The measures named by id or by document id (none named: those without themes), and unknown names."""
    if not targets:
        return [m for m in measures if not m.themes], []
    chosen = [m for m in measures if m.id in targets or m.document in targets]
    known = {m.id for m in measures} | {m.document for m in measures}
    return chosen, [t for t in targets if t not in known]


def render_suggestions(measures: list[Measure], themes: list[Theme]) -> list[str]:
    """One line per measure: its themes now and the keyword suggestion, in theme names."""
    names = {t.id: t.name for t in themes}

    def said(ids: list[str]) -> str:
        return "、".join(names.get(i, i) for i in ids) or "无"

    lines = []
    for measure in measures:
        suggestion = suggest_themes(measure, themes)
        verdict = "无建议（关键词都没有出现）" if not suggestion else f"建议 {said(suggestion)}"
        same = "（与现有相同）" if suggestion and set(suggestion) == set(measure.themes) else ""
        lines.append(f"{measure.id}：现有 {said(measure.themes)}；{verdict}{same}")
    return lines
