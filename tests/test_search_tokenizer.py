"""The Python tokenizer (index time) and the JavaScript one (query time) agree on every string."""

import json
import subprocess
from pathlib import Path

import pytest

from reforms.catalogue import load_catalogue
from reforms.search.tokenize import compact, normalize, runs, tokens

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


@pytest.mark.parametrize("function", ["tokens", "normalize", "compact", "runs"])
def test_python_and_javascript_agree_on_tricky_strings(function):
    python = {"tokens": tokens, "normalize": normalize, "compact": compact, "runs": runs}[function]
    assert javascript(function, TRICKY) == [python(s) for s in TRICKY]


def test_python_and_javascript_agree_on_every_catalogue_string():
    strings = catalogue_strings()
    assert len(strings) > 1500
    assert javascript("tokens", strings) == [tokens(s) for s in strings]
    assert javascript("compact", strings) == [compact(s) for s in strings]


def test_full_width_and_case_fold_to_the_same_tokens():
    assert tokens("税务ＵＫｅｙ") == tokens("税务ukey") == ["税务", "务", "ukey", "key", "ey", "y"]


def test_a_chinese_run_gives_overlapping_pairs_and_its_last_character():
    assert tokens("一网通办") == ["一网", "网通", "通办", "办"]
    assert tokens("“渝快办”平台") == tokens("渝快办平台")
    assert tokens("税") == ["税"]
