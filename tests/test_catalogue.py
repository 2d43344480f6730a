"""The committed catalogue: valid, fully resolved, and exported under the agreed field names."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from reforms.catalogue.deadlines import Due, parse_due
from reforms.catalogue.units import Registry, split_units
from reforms.cli import load_and_check

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def resolved():
    resolved, problems = load_and_check(ROOT / "catalogue")
    assert problems == []
    return resolved


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    target = tmp_path_factory.mktemp("export") / "catalogue.json"
    subprocess.run([sys.executable, "build.py", "export", "--json", str(target)], cwd=ROOT, check=True)
    return json.loads(target.read_text(encoding="utf-8"))


def test_validate_passes_on_the_committed_catalogue():
    result = subprocess.run([sys.executable, "build.py", "validate"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "466 条措施" in result.stdout


def test_every_unit_mention_resolves_to_a_department_or_a_group(exported):
    mentions = [u for m in exported["measures"] for a in m["actions"] for u in a["lead"] + a["partners"]]
    assert len(mentions) > 1000
    assert [u for u in mentions if u["id"] is None] == []
    assert {u["group"] for u in mentions} == {True, False}


def test_a_mention_belongs_to_the_district_of_its_document(exported):
    departments = {d["id"]: d for d in exported["departments"]}
    documents = {d["id"]: d for d in exported["documents"]}
    for measure in exported["measures"]:
        jurisdiction = documents[measure["document"]]["jurisdiction"]
        for action in measure["actions"]:
            for unit in action["lead"] + action["partners"]:
                assert departments[unit["id"]]["jurisdiction"] in (jurisdiction, "重庆市"), (measure["id"], unit)


def test_the_same_spelling_means_different_departments_in_different_districts(resolved):
    registry = resolved.registry
    assert registry.lookup("区市场监管局", "渝中区").id == "yuzhong-scjg"
    assert registry.lookup("区市场监管局", "九龙坡区").id == "jiulongpo-scjg"
    assert registry.lookup("区人社局", "渝中区") is registry.lookup("区人力社保局", "渝中区")
    assert registry.lookup("市不动产登记中心", "渝中区").jurisdiction == "重庆市"


def test_each_kind_is_shared_across_districts(resolved):
    kinds = {}
    for department in resolved.departments:
        kinds.setdefault(department.kind, set()).add(department.jurisdiction)
    assert kinds["市场监管局"] == {"重庆市", "渝中区", "江津区", "九龙坡区"}


def test_unit_lists_split_into_mentions_as_written(resolved):
    registry = resolved.registry
    assert split_units("区市场监管局、区交通局、区发展改革委、区财政局等按职责分工负责", registry, "渝中区") == [
        "区市场监管局",
        "区交通局",
        "区发展改革委",
        "区财政局",
    ]
    assert split_units("区住房城乡建委、区规划自然资源局等区级相关部门", registry, "九龙坡区") == [
        "区住房城乡建委",
        "区规划自然资源局",
        "等区级相关部门",
    ]
    assert split_units("区商务委 区税务局", registry, "渝中区") == ["区商务委", "区税务局"]
    assert split_units("区市场监管领域“双随机、一公开”联席会议成员单位", Registry([]), "九龙坡区") == [
        "区市场监管领域“双随机、一公开”联席会议成员单位"
    ]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("2022年9月", Due("by", "2022-09")),
        ("2022年2月起", Due("from", "2022-02")),
        ("2021年底前", Due("by", "2021-12")),
        ("已完成", Due("done")),
        ("长期开展", Due("ongoing")),
        ("2022年13月", None),
        ("九月份", None),
    ],
)
def test_deadlines_are_normalised(text, due):
    assert parse_due(text) == due


def test_export_keeps_the_contract_field_names(exported):
    assert list(exported) == ["documents", "departments", "measures", "reforms"]
    document, department, measure = exported["documents"][0], exported["departments"][0], exported["measures"][0]
    assert {"id", "title", "short_title", "issuer", "number", "date", "level", "jurisdiction", "source"} <= set(document)
    assert {"id", "name", "jurisdiction", "kind", "aliases"} <= set(department)
    assert {"id", "document", "kind", "number", "section", "subsection", "title", "city_task", "actions", "reforms"} <= set(
        measure
    )
    assert {"text", "lead", "partners", "scope", "due", "due_text"} <= set(measure["actions"][0])
    assert set(measure["actions"][0]["lead"][0]) >= {"id", "name", "as_written", "group"}
    assert list(exported["reforms"][0]) == ["id", "name", "themes", "documents", "measures", "note", "themes_note"]


def test_reforms_group_measures_across_documents(exported):
    measures = {m["id"]: m for m in exported["measures"]}
    reforms = {r["id"]: r for r in exported["reforms"]}
    for reform in exported["reforms"]:
        assert len(reform["documents"]) >= 2
        assert {measures[i]["document"] for i in reform["measures"]} == set(reform["documents"])
        assert all(reform["id"] in measures[i]["reforms"] for i in reform["measures"])
    shared = [reforms[r] for r in measures["yz2022-list-001"]["reforms"]]
    assert any("jj2022-list-001" in r["measures"] for r in shared)


def test_every_pair_of_the_former_link_tables_is_in_a_reform(exported):
    """The link tables (two documents, one row per reform) became reform records: no pair was lost."""
    grouped = [set(r["measures"]) for r in exported["reforms"]]
    pairs = []
    for table in sorted((ROOT / "tests/fixtures/links-before-reforms").glob("*.yml")):
        rows = yaml.safe_load(table.read_text(encoding="utf-8"))["rows"]
        pairs += [tuple(row["measures"].values()) for row in rows if all(row["measures"].values())]
    assert len(pairs) == 106
    assert [pair for pair in pairs if not any(set(pair) <= group for group in grouped)] == []


def test_actions_inherit_the_units_of_their_subsection(exported):
    measures = {m["id"]: m for m in exported["measures"]}
    action = measures["cq2021-01"]["actions"][0]
    assert [u["name"] for u in action["lead"]] == ["重庆市市场监督管理局"]
    assert action["units_from_subsection"] is True


def test_committed_json_schemas_match_the_models():
    from reforms.catalogue.schema import SCHEMA_DIR, schema_text, schemas

    for name, schema in schemas().items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == schema_text(schema), f"run: python build.py schema ({name})"


def test_json_schema_accepts_committed_records_and_rejects_an_unknown_field():
    import jsonschema
    import yaml

    schema = json.loads((ROOT / "schemas" / "measure.schema.json").read_text(encoding="utf-8"))
    record = yaml.safe_load((ROOT / "catalogue/measures/yz2022/yz2022-list-003.yml").read_text(encoding="utf-8"))
    jsonschema.validate(record, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**record, "tittle": "x"}, schema)


def test_departments_keep_the_order_of_their_registry_file_groups_last(resolved):
    registry = yaml.safe_load((ROOT / "catalogue" / "departments" / "jiulongpo.yml").read_text(encoding="utf-8"))["departments"]
    expected = [d["id"] for d in registry if not d.get("group")] + [d["id"] for d in registry if d.get("group")]
    assert [d.id for d in resolved.departments if d.jurisdiction == "九龙坡区"] == expected
    assert expected != sorted(expected)  # the registry's order, not the ids'
