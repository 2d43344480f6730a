"""The Python tokenizer (ground truth, the index) and the JavaScript one (queries) agree on every string."""

import json
import subprocess
from pathlib import Path

import pytest

from reforms.catalogue.load import load_catalogue
from reforms.search.tokenize import compact, normalize, shard_of, tokens

ROOT = Path(__file__).parent.parent
TOKENIZER_JS = ROOT / "overrides" / "assets" / "search" / "tokenizer.js"

TRICKY = [
    "开展“一照多址”“一证多址”改革",
    "税务UKey、税务Ukey、税务ＵＫｅｙ",
    "１小时、１次；1 个工作日",
    "“互联网+监管”与“互联网＋监管”",
    "招投标领域 CA 数字证书",
    "（区林业局）(区林业局)",
    "2022年2月起",
    "E企办",
    "",
    "税",
    "𠀋字",  # a character outside the BMP
    "Ⅻ ㎡ ﬁ",  # compatibility characters that NFKC expands
    "\uf900\ufa0e\ufa70",  # compatibility ideographs: NFKC maps them to others (not the fast path)
    "①②℃㈠ＡＢＣ\u3000\t\n",
]


def javascript(function: str, strings: list[str]) -> list:
    script = (
        f"const t = require({json.dumps(str(TOKENIZER_JS))});"
        "let input = ''; process.stdin.on('data', d => input += d);"
        f"process.stdin.on('end', () => console.log(JSON.stringify(JSON.parse(input).map(t.{function}))));"
    )
    result = subprocess.run(
        ["node", "-e", script], input=json.dumps(strings), capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def catalogue_strings() -> list[str]:
    catalogue, _ = load_catalogue(ROOT / "catalogue")
    strings = []
    for located in catalogue.measures:
        measure = located.record
        strings += [measure.title, measure.city_task or ""]
        strings += [a.text for a in measure.actions] + [a.lead or "" for a in measure.actions]
    return strings


PYTHON = {"normalize": normalize, "compact": compact, "tokens": tokens}


@pytest.mark.parametrize("function", PYTHON)
def test_python_and_javascript_agree_on_tricky_strings(function):
    assert javascript(function, TRICKY) == [PYTHON[function](s) for s in TRICKY]


def test_python_and_javascript_agree_on_every_catalogue_string():
    strings = catalogue_strings()
    assert len(strings) > 1500
    assert javascript("normalize", strings) == [normalize(s) for s in strings]
    assert javascript("compact", strings) == [compact(s) for s in strings]
    assert javascript("tokens", strings) == [tokens(s) for s in strings]


def test_python_and_javascript_put_each_token_in_the_same_part():
    every = sorted({t for s in catalogue_strings() for t in tokens(s)})
    for parts in (1, 6, 127):
        script = f"const t = require({json.dumps(str(TOKENIZER_JS))});" + (
            "let input = ''; process.stdin.on('data', d => input += d);"
            f"process.stdin.on('end', () => console.log(JSON.stringify(JSON.parse(input).map(x => t.shardOf(x, {parts})))));"
        )
        result = subprocess.run(["node", "-e", script], input=json.dumps(every), capture_output=True, text=True, check=True)
        assert json.loads(result.stdout) == [shard_of(t, parts) for t in every]


def test_tokens_are_each_character_and_each_pair_of_the_folded_text():
    assert tokens("不动产") == ["不", "不动", "动", "动产", "产"]
    assert tokens("“渝快”平台") == ["渝", "渝快", "快", "快平", "平", "平台", "台"]
    assert tokens("税务ＵＫｅｙ") == ["税", "税务", "务", "务u", "u", "uk", "k", "ke", "e", "ey", "y"]


def test_full_width_case_spaces_and_punctuation_fold_away():
    assert compact("税务ＵＫｅｙ") == compact("税务 ukey") == "税务ukey"
    assert compact("“渝快办”平台") == compact("渝快办平台") == "渝快办平台"
    assert compact("１个工作日") == "1个工作日"
    assert compact("，。、") == ""
