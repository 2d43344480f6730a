"""The preview's search files after an edit (``reforms/search/edits.py``): the index kept from the
last save, with the edited records' occurrences replaced, is the index made anew; the parts made
again are those that hold a token of the edited record, before or after, each as the whole index
weighted with the averages of before the edit has it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reforms.cli import load_and_check
from reforms.search.edits import KeptIndex, edited_files
from reforms.search.files import FILES, INDEX_SCRIPT, script, search_files
from reforms.search.index import in_search_order, record_entry
from reforms.search.lunr_index import (
    Occurrences,
    by_part,
    encoded,
    field_texts,
    part,
    part_count,
    shards_of,
    weights,
)
from reforms.search.tokenize import shard_of, tokens

CATALOGUE = Path(__file__).parent.parent / "catalogue"
MEASURE = "measures/yz2021/yz2021-03.yml"


def load(root: Path):
    resolved, problems = load_and_check(root)
    assert problems == []
    return resolved


@pytest.fixture(scope="module")
def before():
    return load(CATALOGUE)


def edited(tmp_path: Path, old: str, new: str):
    """The real catalogue with ``old`` replaced by ``new`` in one measure file, loaded."""
    root = Path(shutil.copytree(CATALOGUE, tmp_path / "catalogue"))
    path = root / MEASURE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load(root)


def arrays(occurrences: Occurrences) -> dict:
    names = ("codes", "token", "key", "position", "lengths", "longest", "most")
    return {name: getattr(occurrences, name).tolist() for name in names} | {
        "names": occurrences.names,
        "spans": (occurrences.stride, occurrences.field_span),
    }


def test_an_edited_record_s_occurrences_replace_its_old_ones_as_a_new_index_has_them(before, tmp_path):
    after = edited(tmp_path, "title: ", "title: 嬲嫑新词")  # characters no other record has: new tokens
    kept = KeptIndex.of(before).after(after, {"yz2021-03"})
    made_anew = Occurrences([record_entry(m) for m in in_search_order(after)])
    assert arrays(kept.occurrences) == arrays(made_anew)
    assert kept.parts == part_count(made_anew)
    assert len(made_anew.names) > len(KeptIndex.of(before).occurrences.names)


def test_a_text_longer_than_the_stride_makes_the_index_anew(before, tmp_path):
    longest = KeptIndex.of(before).occurrences.stride  # the longest text is shorter than this
    after = edited(tmp_path, "- text: ", "- text: " + "长" * longest)
    assert KeptIndex.of(before).after(after, {"yz2021-03"}) is None
    assert edited_files(KeptIndex.of(before), after, {"yz2021-03"}) == {}


def test_each_token_s_part_worked_out_in_bulk_is_the_one_its_hash_gives(before):
    occurrences = KeptIndex.of(before).occurrences
    for count in (1, 7, 243):
        assert shards_of(occurrences.codes, count).tolist() == [
            shard_of(name, count) for name in occurrences.names
        ]


def test_an_edit_makes_again_the_parts_holding_the_record_s_tokens_weighted_as_before_it(before, tmp_path):
    after = edited(tmp_path, "title: ", "title: 预览新词")
    kept = KeptIndex.of(before)
    files = edited_files(kept, after, {"yz2021-03"})

    def record_tokens(resolved) -> set[str]:
        [entry] = [record_entry(m) for m in resolved.measures if m.id == "yz2021-03"]
        return {token for texts in field_texts(entry) for text in texts for token in tokens(text)}

    numbers = {shard_of(token, kept.parts) for token in record_tokens(before) | record_tokens(after)}
    assert {name for name in files if name.startswith("search/parts/")} == {
        FILES["part"].format(n) for n in numbers
    }
    assert len(numbers) < kept.parts

    whole = Occurrences([record_entry(m) for m in in_search_order(after)])
    postings = encoded(whole, *weights(whole, average=kept.occurrences.averages()))
    by_number = by_part(list(postings), kept.parts)
    for n in numbers:
        assert files[FILES["part"].format(n)] == script(f"part {n}", part(by_number.get(n, []), postings))

    exact = search_files(after)
    others = {name: content for name, content in files.items() if not name.startswith("search/parts/")}
    assert others == {name: exact[name] for name in others}  # the index, the facets, the record's file
    assert INDEX_SCRIPT in others and FILES["facets"] in others
    [record_file] = [name for name in others if name.startswith("search/records/")]
    assert "预览新词" in files[record_file].decode()
    # the title is longer: the average title, and with it the last digit of some weights, changed
    assert (kept.occurrences.averages() != whole.averages()).any()
    assert any(files[name] != exact[name] for name in files if name.startswith("search/parts/"))
