"""Whether the documents that carry one reform give it the same themes.

A reform's themes are its own ``themes`` or, when it names none, every theme of its measures
together. Each document carries each of them through its measures of the reform (a document may
split a reform over several measures, such as one item each for water, power and gas). When the
texts really differ (one district's text adds a topic the other lacks, a city measure spans more
than the district item that carries it out), the reform record names its own ``themes``, what
the reform itself is about, and says in ``themes_note`` which texts differ. A difference without
that note is reported too, so that a tagging error cannot pass as a difference of text.
"""

from __future__ import annotations

from dataclasses import dataclass

from reforms.catalogue.resolve import ResolvedReform


@dataclass(frozen=True)
class Disagreement:
    reform: str
    document: str  # empty: the documents differ and the record does not say why
    measures: tuple[str, ...]
    missing: tuple[str, ...]

    def describe(self, names: dict[str, str]) -> str:
        if not self.document:
            return f"改革 {self.reform}：各文件的措施主题不同，记录中没有 themes_note 说明原文的差异"
        missing = "、".join(names.get(t, t) for t in self.missing)
        return f"改革 {self.reform}：{self.document} 的措施（{'、'.join(self.measures)}）没有主题 {missing}"


def themes_by_document(reform: ResolvedReform) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for rm in reform.measures:
        found.setdefault(rm.document.id, set()).update(rm.measure.themes)
    return found


def reform_disagreements(reform: ResolvedReform) -> list[Disagreement]:
    by_document = themes_by_document(reform)
    found = [
        Disagreement(
            reform.id,
            document,
            tuple(m.id for m in reform.in_document(document)),
            tuple(t for t in reform.themes if t not in themes),
        )
        for document, themes in by_document.items()
        if not set(reform.themes) <= themes
    ]
    if len({frozenset(t) for t in by_document.values()}) > 1 and not reform.reform.themes_note:
        found.append(Disagreement(reform.id, "", (), ()))
    return found


def theme_disagreements(reforms: list[ResolvedReform]) -> list[Disagreement]:
    return [d for reform in reforms for d in reform_disagreements(reform)]
