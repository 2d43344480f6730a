"""Nothing lost, nothing invented: the committed records account for the source's measures.

For each document, the parts of the source text that hold measures (numbered items, work
paragraphs, attachment tables) are read straight from the file, page debris dropped, and
compared with the committed records put back together in order: section and subsection
headings with their unit lists, then each measure's number, title, city task, and each
action's text, units, scope and deadline. Whitespace, punctuation and the label words
(牵头单位, 配合单位, 责任单位) are ignored on both sides; every other character must appear
exactly once, in the same order.
"""

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from reforms.catalogue import load_catalogue
from reforms.resolve import KIND_ORDER
from reforms.validate import number_value

ROOT = Path(__file__).parent.parent / "catalogue"


@dataclass(frozen=True)
class Region:
    kinds: tuple[str, ...]  # which measures come from this region
    first: str  # regex of the region's first line (included)
    last: str | None  # regex of the first line after the region; None: to the end of the file


REGIONS = {
    "cq2021": [Region(("numbered-item",), r"^一、打造便利的市场环境", r"^四、加强优化营商环境实施保障")],
    "yz2021": [Region(("numbered-item",), r"^### 一、构建高效便捷", r"^### 五、加强优化营商环境实施保障")],
    "yz2022": [
        Region(("work-paragraph",), r"^### 二、工作措施", r"^### 三、组织保障"),
        Region(("list-item",), r"^## 首批营商环境创新试点改革事项清单", None),
    ],
    "jj2022": [
        Region(("work-paragraph",), r"^二、重点任务", r"^三、组织保障"),
        Region(("list-item",), r"^\s*序号\s*$", None),
    ],
    "jlp2021": [
        Region(("work-paragraph",), r"^二、营造优质有序的市场环境", r"^七、强化保障机制"),
        Region(("list-item",), r"^序号 市级工作任务", None),
    ],
}

DEBRIS = [
    r"^## 重庆市渝中区人民政府行政规范性文件\s*$",
    r"^---\s*$",
    r"^\s*序号\s+(改革事项|市级工作任务)",  # table header rows repeated at page breaks
    r"^\s*(序号|改革事项|江津具体举措|牵头单位|适用范围|时间节点)\s*$",  # the same, one cell a line
    r"^\s*― \d+ ―\s*$",  # page numbers
    r"^\s*重庆市江津区人民政府办公室\s+\d{4}年",  # the print line closing the 江津 document
]

LABELS = re.compile("牵头单位|配合单位|责任单位")


def significant(text: str) -> str:
    """Letters and digits only: what must match character for character."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c)[0] in "LN")
    return LABELS.sub("", text)


def source_stream(document_id: str, source: Path, region: Region) -> str:
    lines = source.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if re.search(region.first, line))
    end = len(lines)
    if region.last:
        end = next(i for i, line in enumerate(lines) if i > start and re.search(region.last, line))
    kept = lines[start:end]
    if region.kinds == ("list-item",):
        kept = kept[1:] if re.search(DEBRIS[2] + "|" + DEBRIS[3], kept[0]) else kept
    kept = [line for line in kept if not any(re.search(pattern, line) for pattern in DEBRIS)]
    return significant("".join(kept))


def record_stream(catalogue, document_id: str, kinds: tuple[str, ...]) -> str:
    document = next(d.record for d in catalogue.documents if d.record.id == document_id)
    subsections = {
        (section.heading, sub.heading): sub for section in document.outline for sub in section.subsections
    }
    measures = sorted(
        (m.record for m in catalogue.measures if m.record.document == document_id and m.record.kind in kinds),
        key=lambda m: (KIND_ORDER[m.kind], number_value(m.number)),
    )
    parts: list[str] = []
    section = subsection = None
    for measure in measures:
        if measure.section != section:
            section, subsection = measure.section, None
            parts.append(section)
        if measure.subsection and measure.subsection != subsection:
            subsection = measure.subsection
            sub = subsections[(section, subsection)]
            parts += [sub.heading, sub.lead or "", sub.partners or ""]
        parts.append(measure.number)
        if not measure.city_task:  # a 九龙坡 row's title is derived from its city task
            parts.append(measure.title)
        parts.append(measure.city_task or "")
        for action in measure.actions:
            parts += [action.text, action.lead or "", action.partners or "", action.scope or "", action.due or ""]
    return significant("".join(parts))


def first_difference(expected: str, actual: str) -> str:
    index = next((i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b), None)
    if index is None:
        index = min(len(expected), len(actual))
    return (
        f"first difference at character {index}:\n"
        f"  source : …{expected[max(0, index - 40): index + 40]}…\n"
        f"  records: …{actual[max(0, index - 40): index + 40]}…"
    )


CASES = [(doc, region) for doc, regions in REGIONS.items() for region in regions]


@pytest.fixture(scope="module")
def catalogue():
    loaded, problems = load_catalogue(ROOT)
    assert not problems, problems[:5]
    return loaded


@pytest.mark.parametrize(("document_id", "region"), CASES, ids=[f"{d}-{r.kinds[0]}" for d, r in CASES])
def test_records_account_for_every_character(catalogue, document_id, region):
    document = next(d.record for d in catalogue.documents if d.record.id == document_id)
    expected = source_stream(document_id, ROOT / document.source, region)
    actual = record_stream(catalogue, document_id, region.kinds)
    assert len(expected) > 1000
    assert actual == expected, first_difference(expected, actual)


EXPECTED_COUNTS = {
    ("cq2021", "numbered-item"): 54,
    ("yz2021", "numbered-item"): 52,
    ("yz2022", "work-paragraph"): 10,
    ("yz2022", "list-item"): 77,
    ("jj2022", "work-paragraph"): 10,
    ("jj2022", "list-item"): 70,
    ("jlp2021", "work-paragraph"): 17,
    ("jlp2021", "list-item"): 176,
}


def test_counts_per_document_match_the_source(catalogue):
    counts: dict[tuple[str, str], int] = {}
    for located in catalogue.measures:
        key = (located.record.document, located.record.kind)
        counts[key] = counts.get(key, 0) + 1
    assert counts == EXPECTED_COUNTS
