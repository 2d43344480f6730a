"""The query language: the Python rule (ground truth for tests and the benchmark) and its twin in
overrides/assets/search/query.js agree on how a query is cut, which measures it finds and how
each ranks, on tricky queries and on queries over the real catalogue."""

import json
import subprocess
from pathlib import Path

import pytest

from reforms.cli import load_and_check
from reforms.search.expand import build_expansions
from reforms.search.query import (
    ALL_IN_ONE_TEXT,
    ALL_IN_TITLE,
    MAX_TERM_CHARS,
    MAX_TERMS,
    PHRASE_IN_TEXT,
    PHRASE_IN_TITLE,
    SPREAD,
    folded_measures,
    found,
    parse,
    rank,
)

ROOT = Path(__file__).parent.parent
QUERY_JS = ROOT / "overrides" / "assets" / "search" / "query.js"

TRICKY = [
    "税务 发票",
    "税务　发票",  # an ideographic space
    "“一网通办” 平台",
    '"不动产 登记" -抵押',
    "「证照分离」",
    "开展“一照多址”改革",
    "-个人",
    "--",
    "- 税务",
    "-“一网通办”",
    '"未闭合的引号 税务',
    "“”",
    "，。！",
    "",
    "   ",
    "E企办 ukey",
    "a b c d e f g h i j k l m n o",
    "长" * 10_000,
    "税务\t发票\n社保",
    "𠀋 字",
    "Ａ－Ｂ",
]


def as_data(query):
    return {
        "terms": [[t.text, t.needle, t.quoted, t.exclude] for t in query.terms],
        "excluded": [[t.text, t.needle, t.quoted, t.exclude] for t in query.excluded],
        "cut": query.cut,
    }


def javascript(script: str, data) -> list:
    program = (
        f"const Q = require({json.dumps(str(QUERY_JS))});"
        "let input = ''; process.stdin.on('data', d => input += d);"
        f"process.stdin.on('end', () => {{ const data = JSON.parse(input); console.log(JSON.stringify({script})); }});"
    )
    result = subprocess.run(["node", "-e", program], input=json.dumps(data), capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


PARSE_JS = """data.map((text) => { const q = Q.parse(text);
  const term = (t) => [t.text, t.needle, t.quoted, t.exclude];
  return { terms: q.terms.map(term), excluded: q.excluded.map(term), cut: q.cut }; })"""


def test_python_and_javascript_cut_queries_alike():
    assert javascript(PARSE_JS, TRICKY) == [as_data(parse(q)) for q in TRICKY]


EXPANSIONS = {"发改委": ["区发展改革委", "重庆市发展和改革委员会"], "招投标": ["招标投标"]}
WIDENED = ["发改委", '"发改委"', "-发改委", "招投标 发改委", "发改", "招 投标"]


def test_python_and_javascript_widen_the_same_terms_alike():
    script = """data.queries.map((text) => Q.parse(text, data.expansions).terms.map((t) => [t.alternatives, t.also]))"""
    expected = [[[t.alternatives, t.also] for t in parse(q, EXPANSIONS).terms] for q in WIDENED]
    assert javascript(script, {"queries": WIDENED, "expansions": EXPANSIONS}) == expected
    assert expected[0] == [[["发改委", "区发展改革委", "重庆市发展和改革委员会"], ["区发展改革委", "重庆市发展和改革委员会"]]]
    assert expected[1] == [[["发改委"], []]] and expected[2] == [] and expected[4] == [[["发改"], []]]


def test_spaces_separate_terms_quotes_keep_phrases_and_minus_excludes():
    query = parse('税务  “电子 发票” -个人 -')
    assert [t.needle for t in query.terms] == ["税务", "电子发票"]
    assert [t.quoted for t in query.terms] == [False, True]
    assert [t.needle for t in query.excluded] == ["个人"]
    assert [t.needle for t in parse("开展“一照多址”改革").terms] == ["开展一照多址改革"]
    assert [t.needle for t in parse('"不闭合 的引号').terms] == ["不闭合的引号"]
    assert parse("，。！").terms == parse("-").excluded == []


def test_long_queries_are_cut_and_say_so():
    assert parse("长" * 10_000).terms[0].needle == "长" * MAX_TERM_CHARS
    many = parse(" ".join("词" + str(i) for i in range(40)))
    assert len(many.terms) == MAX_TERMS and many.cut
    assert not parse("税务 发票").cut


def test_ranking_levels():
    query = parse("电子 发票")
    assert rank("推行电子发票", ["推行电子发票"], query) == PHRASE_IN_TITLE
    assert rank("发票电子化", ["发票电子化"], query) == ALL_IN_TITLE
    assert rank("税务", ["税务", "推行电子发票"], query) == PHRASE_IN_TEXT
    assert rank("税务", ["税务", "发票实行电子化"], query) == ALL_IN_ONE_TEXT
    assert rank("税务", ["税务", "发票", "电子"], query) == SPREAD


@pytest.fixture(scope="module")
def measures():
    resolved, problems = load_and_check(ROOT / "catalogue")
    assert not problems
    return folded_measures(resolved), build_expansions(resolved.departments, resolved.synonyms)


MULTI_WORD = [
    "税务 发票",
    "社保 登记",
    "发票 电子",
    "证照 分离 涉企",
    "不动产 登记 -抵押",
    "“一网通办” 平台",
    "企业 -企业",
    "-企业",
    "渝中区 营业执照",
    "营业执照 E企办",
    "发改委 项目",
    "招投标 电子",
    '"招投标" 电子',
]


MATCH_JS = """(() => { const results = [];
  for (const text of data.queries) { const q = Q.parse(text, data.expansions); const found = {};
    for (const m of data.measures) if (Q.matches(m.every, q)) found[m.id] = Q.rank(m.title, m.own, q);
    results.push(found); }
  return results; })()"""


def test_python_and_javascript_find_and_rank_alike(measures):
    folded, expansions = measures
    data = {"queries": MULTI_WORD, "measures": [m.__dict__ for m in folded], "expansions": expansions}
    expected = [found(folded, parse(q, expansions)) for q in MULTI_WORD]
    assert javascript(MATCH_JS, data) == expected
    assert all(expected[:6]), "each of the first queries finds something"
    assert expected[6] == {}
    assert len(expected[7]) < len(folded)
