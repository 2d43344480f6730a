"""The search engine finds every record that contains the query, and only those.

The real engine (overrides/assets/search/engine.js) runs in Node.js over the real search files
(lunr.js, the lunr index with positions in its parts, the records) built from the committed catalogue. Ground
truth is the query rule of reforms/search/query.py: each term a substring of one text of a
record (``searchable``) after folding width, case, spaces and punctuation, or one of its
registered other forms (``expand.py``).
"""

import json
import random
import re
import subprocess
from pathlib import Path

import lunr
import lunr.builder
import numpy as np
import pytest

from reforms.cli import load_and_check
from reforms.search.expand import build_expansions
from reforms.search.files import LUNR_JS, json_literal, search_files
from reforms.search.index import in_search_order, record_entry, searchable
from reforms.search.lunr_index import FIELDS, field_texts, in_thousandths, lunr_parts, postings
from reforms.search.query import folded_measures, found, parse
from reforms.search.tokenize import compact, shard_of, tokens

ROOT = Path(__file__).parent.parent
SEARCH = ROOT / "tests" / "search_queries.js"


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    resolved, problems = load_and_check(ROOT / "catalogue")
    assert not problems
    path = tmp_path_factory.mktemp("site")
    for relative, content in search_files(resolved).items():
        (path / relative).parent.mkdir(parents=True, exist_ok=True)
        (path / relative).write_bytes(content)
    data = {
        "records": [
            {
                "id": m.id,
                "title": m.measure.title,
                "document": m.document.id,
                "departments": {
                    x.department.id for a in m.actions for x in (*a.lead, *a.partners) if x.department
                },
            }
            for m in resolved.measures
        ],
        "documents": {d.id: {"district": d.jurisdiction} for d in resolved.documents},
        "_entries": [record_entry(m) for m in in_search_order(resolved)],
        "_expansions": build_expansions(resolved.departments, resolved.synonyms),
    }
    data["_texts"] = {m.id: searchable(m) for m in resolved.measures}
    data["_folded"] = folded_measures(resolved)
    return path, data


def run_with_parts(site: Path, queries: list[dict]) -> dict:
    result = subprocess.run(
        ["node", str(SEARCH), str(site)],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def run(site: Path, queries: list[dict]) -> list[dict]:
    return run_with_parts(site, queries)["results"]


def found_by(data: dict, query: str) -> dict[str, int]:
    """The records the query rule (reforms/search/query.py) finds, with their ranking levels."""
    return found(data["_folded"], parse(query, data["_expansions"]))


def containing(data: dict, query: str) -> set[str]:
    return set(found_by(data, query))


def substrings_of_every_record(data: dict, per_record: int = 3) -> list[str]:
    rng = random.Random(2022)
    queries = []
    for fields in data["_texts"].values():
        for name in ("title", "body", "lead", "meta"):
            texts = fields[name]
            for _ in range(per_record if name == "body" else 1):
                text = rng.choice(texts) if texts else ""
                if len(text) < 2:
                    continue
                length = rng.randint(1, min(12, len(text)))
                start = rng.randrange(0, len(text) - length + 1)
                if compact(text[start : start + length]):
                    queries.append(text[start : start + length])
    return queries


def test_every_substring_query_finds_every_record_containing_it(index):
    path, data = index
    queries = substrings_of_every_record(data)
    assert len(queries) > 2000
    results = run(path, [{"query": q} for q in queries])
    for query, result in zip(queries, results, strict=True):
        expected = containing(data, query)
        assert set(result["ids"]) == expected, query


@pytest.mark.parametrize(
    "query",
    [
        "一照多址",
        "不动产登记",
        "破产管理人",
        "区税务局",
        "“一网通办”",
        "税务UKey",
        "税务ukey",
        "税",
        "渝快办平台",
        "E企办",
        "2022年9月",
        "放管服",
        "CA",
        "ukey",
    ],
)
def test_reader_queries_find_exactly_the_records_that_contain_them(index, query):
    path, data = index
    [result] = run(path, [{"query": query}])
    assert result["ids"], query
    assert set(result["ids"]) == containing(data, query)


MULTI_WORD = [
    "税务 发票",
    "社保 登记",
    "发票 电子",
    "证照 分离 涉企",
    "不动产 登记 -抵押",
    "“一网通办” 平台",
    '"不动产 登记"',
    "渝中区 营业执照",
    "企业 开办 -渝中区",
    "-企业",
    '"未闭合 税务',
    "电子证照 E企办",
]


def test_several_words_find_the_records_with_every_word_and_rank_as_the_rule_says(index):
    path, data = index
    results = run(path, [{"query": q} for q in MULTI_WORD])
    for query, result in zip(MULTI_WORD, results, strict=True):
        expected = found_by(data, query)
        assert set(result["ids"]) == set(expected), query
        assert result["levels"] == [expected[i] for i in result["ids"]], query
        assert result["levels"] == sorted(result["levels"], reverse=True), query


def test_every_word_of_a_query_is_marked(index):
    path, _ = index
    [result] = run(path, [{"query": "税务 发票"}])
    assert "<mark>税务</mark>" in result["snippet"] + result["title"]
    assert "<mark>发票</mark>" in result["snippet"] + result["title"]


def test_titles_rank_above_body_text(index):
    path, data = index
    [result] = run(path, [{"query": "一照多址"}])
    titles = [r["id"] for r in data["records"] if "一照多址" in r["title"]]
    assert set(result["ids"][: len(titles)]) == set(titles)


def test_characters_scattered_over_a_record_are_not_a_hit(index):
    path, data = index
    [result] = run(path, [{"query": "改革企业"}])
    assert set(result["ids"]) == containing(data, "改革企业")


def test_a_query_never_spans_two_texts(index):
    path, data = index
    record_id, fields = next((i, f) for i, f in data["_texts"].items() if len(f["lead"]) >= 2)
    query = fields["lead"][0][-2:] + fields["lead"][1][:2]
    [result] = run(path, [{"query": query}])
    assert record_id not in containing(data, query)
    assert set(result["ids"]) == containing(data, query)


def test_the_document_title_finds_all_its_measures_after_those_that_say_it(index):
    path, data = index
    [result] = run(path, [{"query": "深化“放管服”改革"}])
    cq2021 = {r["id"] for r in data["records"] if r["document"] == "cq2021"}
    assert cq2021 <= set(result["ids"]) == containing(data, "深化“放管服”改革")
    said = [i for i in result["ids"] if any("深化“放管服”改革" in t for t in data["_texts"][i]["body"])]
    assert result["ids"][: len(said)] == said


def test_snippet_marks_the_match_and_escapes_markup(index):
    path, _ = index
    [result] = run(path, [{"query": "破产管理人"}])
    assert "<mark>破产管理人</mark>" in result["snippet"]


def test_filters_narrow_the_hits(index):
    path, data = index
    [everything, yuzhong, lead] = run(
        path,
        [
            {"query": "不动产登记"},
            {"query": "不动产登记", "filters": {"district": "渝中区"}},
            {"query": "", "filters": {"department": "jiangjin-scjg"}},
        ],
    )
    by_id = {r["id"]: r for r in data["records"]}
    assert 0 < len(yuzhong["ids"]) < len(everything["ids"])
    assert all(data["documents"][by_id[i]["document"]]["district"] == "渝中区" for i in yuzhong["ids"])
    assert lead["ids"] and all("jiangjin-scjg" in by_id[i]["departments"] for i in lead["ids"])


def test_a_query_loads_only_the_parts_of_the_index_its_terms_are_in(index):
    path, _ = index
    found = run_with_parts(path, [{"query": "不动产登记"}])
    terms = ["不动", "产登", "登记"]  # the pairs that cover it
    assert found["parts"] > len(terms)
    assert sorted(found["partsLoaded"]) == sorted({shard_of(t, found["parts"]) for t in terms})


def test_every_token_of_every_record_is_in_the_part_its_hash_says(index):
    _, data = index
    _, _, _, parts = lunr_parts(data["_entries"])
    parts = list(parts)
    for number, part in enumerate(parts):
        assert all(shard_of(token, len(parts)) == number for token in part["tokens"])
    indexed = {token for part in parts for token in part["tokens"]}
    record = data["_entries"][0]
    assert {t for texts in field_texts(record) for text in texts for t in tokens(text)} <= indexed


def test_the_index_made_a_group_of_tokens_at_a_time_is_the_index_made_at_once(index):
    _, data = index
    *cut_at_once, parts_at_once = lunr_parts(data["_entries"], groups=1)
    *cut_in_groups, parts_in_groups = lunr_parts(data["_entries"], groups=3)
    assert cut_in_groups == cut_at_once
    assert list(map(json_literal, parts_in_groups)) == list(map(json_literal, parts_at_once))


def test_a_department_short_form_finds_its_other_spellings_and_marks_them(index):
    path, data = index
    [short, quoted] = run(path, [{"query": "发改委"}, {"query": '"发改委"'}])
    assert set(short["ids"]) == containing(data, "发改委")
    assert set(quoted["ids"]) == {
        i
        for i, texts in data["_texts"].items()
        if any("发改委" in compact(t) for f in texts.values() for t in f)
    }
    assert len(short["ids"]) > len(quoted["ids"])
    assert "发展改革委</mark>" in short["title"] + short["snippet"] or "发改委</mark>" in short["snippet"]


def test_a_synonym_finds_the_measures_with_the_other_word(index):
    path, data = index
    [result] = run(path, [{"query": "招投标"}])
    plain = {
        i
        for i, texts in data["_texts"].items()
        if any("招投标" in compact(t) for f in texts.values() for t in f)
    }
    assert set(result["ids"]) == containing(data, "招投标") > plain


def test_each_term_is_counted_on_its_own_for_a_query_that_finds_nothing(index):
    path, data = index
    [result] = run(path, [{"query": "税务 无此词语"}])
    assert result["ids"] == [] and result["counts"] == [len(containing(data, "税务")), 0]


def test_the_shipped_lunr_js_is_the_version_the_python_index_is_written_for():
    header = LUNR_JS.read_text(encoding="utf-8")[:300]
    assert re.search(rf"lunr .* - {re.escape(lunr.__TARGET_JS_VERSION__)}\n", header), header


def lunr_builder_index(entries: list[dict]):
    """A lunr index of the records as lunr's own Builder makes it, one lunr field per field: the reference."""
    builder = lunr.builder.Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("ref")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for ref, entry in enumerate(entries):
        texts = field_texts(entry)
        fields = {name: " ".join(t for text in texts[f] for t in tokens(text)) for f, (name, _) in enumerate(FIELDS)}
        builder.add({"ref": str(ref), **fields})
    return builder.build()


def lunr_builder_postings(entries: list[dict]) -> dict[str, list[list[tuple[int, float]]]]:
    """The postings of ``lunr_builder_index``: the reference for ``lunr_index.postings``."""
    index = lunr_builder_index(entries).serialize()
    terms = {entry["_index"]: term for term, entry in index["invertedIndex"]}
    field_names = [name for name, _ in FIELDS]
    found: dict[str, list[list[tuple[int, float]]]] = {}
    for field_ref, elements in index["fieldVectors"]:
        field, ref = field_ref.split("/", 1)
        for at in range(0, len(elements), 2):
            term = terms[elements[at]]
            found.setdefault(term, [[] for _ in FIELDS])[field_names.index(field)].append((int(ref), elements[at + 1]))
    return found


def test_weights_are_those_lunr_itself_computes(index):
    _, data = index
    ours = postings(data["_entries"])
    assert ours.keys() == (reference := lunr_builder_postings(data["_entries"])).keys()
    assert all(
        sorted(ours[term][f]) == sorted(reference[term][f]) for term in ours for f in range(len(FIELDS))
    )


def test_weights_match_lunr_on_records_with_empty_fields_and_repeated_tokens():
    entries = [
        {"title": "一照多址", "body": ["一照多址 一照多址 改革"], "lead": [], "meta": []},
        {"title": "UKey UKey 税务", "body": [], "lead": ["区税务局"], "meta": ["渝中区"]},
        {"title": "办", "body": [""], "lead": [], "meta": []},
    ]
    ours, reference = postings(entries), lunr_builder_postings(entries)
    assert ours.keys() == reference.keys()
    assert all(sorted(ours[t][f]) == sorted(reference[t][f]) for t in ours for f in range(len(FIELDS)))


def test_weights_in_thousandths_round_as_python_rounds_each_weight():
    rng = random.Random(12)
    near_ties = [n / 1000 + 0.0005 for n in range(0, 20000, 7)]  # 2.675 and the like: round(x, 3) and x * 1000 disagree
    scores = near_ties + [rng.uniform(0, 60) for _ in range(20000)] + [0.0, 0.0005, 1.0005, 2.675, 59.9995]
    assert in_thousandths(np.array(scores)).tolist() == [round(round(s, 3) * 1000) for s in scores]


def test_lunr_js_scores_hits_as_python_lunr_scores_them_over_its_own_four_field_index(index):
    path, data = index
    reference = lunr_builder_index(data["_entries"])
    words = ["税", "登记", "一照", "营业"]
    results = run(path, [{"query": f'"{w}"'} for w in words])
    ids = [e["id"] for e in data["_entries"]]
    for word, result in zip(words, results, strict=True):
        query = reference.create_query()
        query.term(word, use_pipeline=False, presence=lunr.query.QueryPresence.REQUIRED)
        expected = {ids[int(r["ref"])]: r["score"] for r in reference.query(query)}
        ours = {i: w for i, w in zip(result["ids"], result["weights"], strict=True) if w}
        assert len(expected) > 10 and ours.keys() == expected.keys(), word
        assert all(abs(ours[i] - expected[i]) < 0.005 for i in ours), word
