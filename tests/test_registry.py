"""The department registry: within its own district's documents, every district unit answers to the
short form the documents use for it (区市场监管局 for 江津区市场监管局, 区委组织部 for 中共九龙坡区委组织部)."""

import shutil
from pathlib import Path

import pytest

from reforms.catalogue.load import load_catalogue
from reforms.catalogue.resolve import resolve
from reforms.catalogue.units import Registry, resolve_units

ROOT = Path(__file__).parent.parent


def short_form(name: str, jurisdiction: str) -> str | None:
    """``区`` in place of the district's name at the start; None for units not named after the district."""
    for prefix in (jurisdiction, "中共" + jurisdiction):
        if name.startswith(prefix):
            return "区" + name[len(prefix):]
    return None


@pytest.fixture(scope="module")
def departments():
    catalogue, problems = load_catalogue(ROOT / "catalogue")
    assert not [p for p in problems if p.file.startswith("catalogue/departments/")]
    return [d.record for d in catalogue.departments]


def test_every_district_unit_answers_to_its_short_form(departments):
    registry = Registry(departments)
    unanswered = []
    for dept in departments:
        short = None if dept.group or dept.jurisdiction == "重庆市" else short_form(dept.name, dept.jurisdiction)
        if short is None:
            continue
        found = [m.department.id if m.department else None for m in resolve_units(short, registry, dept.jurisdiction)]
        if found != [dept.id]:
            unanswered.append(f"{dept.jurisdiction} {short} → {found}（应为 {dept.id}）")
    assert unanswered == []


def test_the_short_form_is_taken_only_from_a_name_beginning_with_the_district():
    assert short_form("江津区市场监管局", "江津区") == "区市场监管局"
    assert short_form("中共九龙坡区委组织部", "九龙坡区") == "区委组织部"
    assert short_form("龙商担保有限公司", "九龙坡区") is None


def test_a_short_form_means_the_unit_of_the_documents_own_district(departments):
    registry = Registry(departments)
    for jurisdiction, expected in (("江津区", "jiangjin-scjg"), ("渝中区", "yuzhong-scjg")):
        (mention,) = resolve_units("区市场监管局", registry, jurisdiction)
        assert mention.department.id == expected


def test_a_preview_s_next_load_resolves_against_the_departments_as_saved(tmp_path):
    catalogue = Path(shutil.copytree(ROOT / "tests" / "fixtures" / "mini", tmp_path / "catalogue"))
    cache: dict = {}  # the preview's: files not changed are not parsed again

    def lead_of(measure_id: str) -> str:
        resolved, problems = resolve(load_catalogue(catalogue, cache)[0])
        assert problems == []
        return resolved.measure(measure_id).actions[0].lead[0].department.name

    assert lead_of("jlp2021-list-001") == "九龙坡区市场监管局"
    first = resolve(load_catalogue(catalogue, cache)[0])[0].registry
    assert resolve(load_catalogue(catalogue, cache)[0])[0].registry is first  # kept, with the unit lists it resolved
    registry_file = catalogue / "departments" / "jiulongpo.yml"
    registry_file.write_text(registry_file.read_text(encoding="utf-8").replace("九龙坡区市场监管局", "九龙坡区市场监督管理局"), encoding="utf-8")
    assert lead_of("jlp2021-list-001") == "九龙坡区市场监督管理局"
