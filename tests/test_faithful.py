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
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from reforms.catalogue.load import load_catalogue
from reforms.catalogue.resolve import KIND_ORDER
from reforms.catalogue.validate import number_value

ROOT = Path(__file__).parent.parent / "catalogue"


@dataclass(frozen=True)
class Region:
    kinds: tuple[str, ...]  # which measures come from this region
    first: str  # regex of the line the region starts after (or at, with include_first)
    last: str | None  # regex of the first line after the region; None: to the end of the file
    include_first: bool = True


REGIONS = {
    "cq2021": [Region(("numbered-item",), r"^一、打造便利的市场环境", r"^四、加强优化营商环境实施保障")],
    "yz2021": [Region(("numbered-item",), r"^### 一、构建高效便捷", r"^### 五、加强优化营商环境实施保障")],
    "yz2022": [
        Region(("work-paragraph",), r"^### 二、工作措施", r"^### 三、组织保障"),
        Region(("list-item",), r"^## 首批营商环境创新试点改革事项清单", None),
    ],
    "jj2022": [
        Region(("work-paragraph",), r"^二、重点任务", r"^三、组织保障"),
        Region(("list-item",), r"^\s*时间节点\s*$", None, include_first=False),
    ],
    "jlp2021": [
        Region(("work-paragraph",), r"^二、营造优质有序的市场环境", r"^七、强化保障机制"),
        Region(("list-item",), r"^序号 市级工作任务", None, include_first=False),
    ],
}

DEBRIS = [
    r"^## 重庆市渝中区人民政府行政规范性文件\s*$",  # page header
    r"^---\s*$",
    r"^\s*(<b>)?序号(</b>)?\s+(<b>)?(改革事项|市级工作任务)",  # table header rows repeated at page breaks
    r"^\s*[—―] \d+ [—―]\s*$",  # page numbers
    r"^\s*重庆市江津区人民政府办公室\s+\d{4}年",  # the print line closing the 江津 document
]

# Lines the layout printed twice: 江津 item 40 spans a page break and its 序号 and 改革事项 cells are
# printed again on the new page. The record keeps them once (and says so in its notes).
REPRINTED = {"jj2022": {431, 432}}

LABELS = re.compile("牵头单位|配合单位|责任单位")


def significant(text: str) -> str:
    """Letters and digits only: what must match character for character."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c)[0] in "LN")
    return LABELS.sub("", text)


def region_lines(document_id: str, source: Path, region: Region) -> dict[int, str]:
    """The region's lines by 1-based number, page debris and reprints left out."""
    lines = source.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if re.search(region.first, line))
    end = len(lines)
    if region.last:
        end = next(i for i, line in enumerate(lines) if i > start and re.search(region.last, line))
    if not region.include_first:
        start += 1
    return {
        number: line
        for number, line in enumerate(lines[start:end], start=start + 1)
        if not any(re.search(pattern, line) for pattern in DEBRIS)
        and number not in REPRINTED.get(document_id, set())
    }


def span(measure) -> tuple[int, int]:
    first, _, last = measure.source_lines.partition("-")
    return int(first), int(last or first)


def measure_text(measure) -> str:
    parts = [measure.number]
    if not measure.city_task:  # a 九龙坡 row's title is derived from its city task
        parts.append(measure.title)
    parts.append(measure.city_task or "")
    for action in measure.actions:
        parts += [action.text, action.lead or "", action.partners or "", action.scope or "", action.due or ""]
    return significant("".join(parts))


def headings_before(document, measure, previous) -> str:
    """The section and subsection headings (with their unit lists) that open before ``measure``."""
    parts = []
    if previous is None or measure.section != previous.section:
        parts.append(measure.section)
    if measure.subsection and (previous is None or measure.subsection != previous.subsection):
        section = next(s for s in document.outline if s.heading == measure.section)
        sub = next(s for s in section.subsections if s.heading == measure.subsection)
        parts += [sub.heading, sub.lead or "", sub.partners or ""]
    return significant("".join(parts))


def text_of(lines: dict[int, str], first: int, last: int) -> str:
    return significant("".join(lines.get(n, "") for n in range(first, last + 1)))


@pytest.fixture(scope="module")
def catalogue():
    loaded, problems = load_catalogue(ROOT)
    assert not problems, problems[:5]
    return loaded


CASES = [(doc, region) for doc, regions in REGIONS.items() for region in regions]


@pytest.mark.parametrize(("document_id", "region"), CASES, ids=[f"{d}-{r.kinds[0]}" for d, r in CASES])
def test_records_account_for_every_character(catalogue, document_id, region):
    document = next(d.record for d in catalogue.documents if d.record.id == document_id)
    lines = region_lines(document_id, ROOT / document.source, region)
    measures = sorted(
        (m.record for m in catalogue.measures if m.record.document == document_id and m.record.kind in region.kinds),
        key=lambda m: (KIND_ORDER[m.kind], number_value(m.number)),
    )
    assert measures
    position, previous = min(lines), None
    for measure in measures:
        first, last = span(measure)
        assert first >= position, f"{measure.id}: source_lines {measure.source_lines} overlap the previous record"
        gap = text_of(lines, position, first - 1)
        assert gap == headings_before(document, measure, previous), f"text before {measure.id} is not its headings"
        assert Counter(text_of(lines, first, last)) == Counter(measure_text(measure)), difference(
            text_of(lines, first, last), measure_text(measure), measure.id
        )
        position, previous = last + 1, measure
    assert text_of(lines, position, max(lines)) == "", "source text after the last record"


def difference(source: str, record: str, measure_id: str) -> str:
    missing = Counter(source) - Counter(record)
    invented = Counter(record) - Counter(source)
    return f"{measure_id}: in the source only: {''.join(missing.elements())!r}; in the record only: {''.join(invented.elements())!r}"


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
