"""Proposing themes for measures from their headings and keywords.

The proposal is a starting point written into the records (``build.py themes --write``); the
tags then live in the YAML where an editor corrects them. A measure that already has themes is
never touched.
"""

from __future__ import annotations

from pathlib import Path

from reforms.catalogue.model import Document, Measure, Theme

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


def propose_themes(measure: Measure, themes: list[Theme]) -> list[str]:
    scored = sorted(((score(t, measure), index, t.id) for index, t in enumerate(themes)), key=lambda s: (-s[0], s[1]))
    strong = [theme_id for points, _, theme_id in scored if points >= STRONG][:MOST]
    if strong:
        return strong
    return [scored[0][2]] if scored and scored[0][0] > 0 else []


def write_proposals(root: Path, measures: list[tuple[Path, Measure]], themes: list[Theme]) -> int:
    """Add proposed themes to records that have none; the number of files changed."""
    from reforms.editors.importer.run import record_yaml

    changed = 0
    for path, measure in measures:
        if measure.themes:
            continue
        proposal = propose_themes(measure, themes)
        if proposal:
            path.write_text(record_yaml(measure.model_copy(update={"themes": proposal})), encoding="utf-8")
            changed += 1
    return changed


__all__ = ["Document", "propose_themes", "write_proposals"]
