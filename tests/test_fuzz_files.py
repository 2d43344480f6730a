"""Fuzzing what lies around the fields: file names, the paths editors write, invisible characters.

``test_mutations`` changes the values inside valid files; these tests add files with any name
a file system allows, point ``source:`` anywhere, and write any control character as a YAML
escape. Validation must answer each with located problems (never an exception), and whatever it
accepts must be safe to build: a source inside ``catalogue/sources/``, no control character left.
"""

import json
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reforms.catalogue.model import SOURCE_PATTERN
from reforms.cli import load_and_check

VALID = Path(__file__).parent / "fixtures" / "valid"
FOLDERS = ["", "documents", "measures", "measures/yz2022", "departments", "reforms", "sources"]
DOCUMENT = "documents/yz2022.yml"
MEASURE = "measures/yz2022/yz2022-list-001.yml"
FUZZ = settings(max_examples=40, deadline=None, database=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

# Any name Linux allows: no NUL, no "/", encodable (no lone surrogates), not "." or "..".
names = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00/"), min_size=1, max_size=40
).filter(lambda name: name not in (".", "..") and len(name.encode("utf-8")) < 250)
hidden = st.one_of(
    st.characters(min_codepoint=0, max_codepoint=0x1F),
    st.characters(min_codepoint=0x7F, max_codepoint=0x9F),
    st.sampled_from(["\u200b", "\u2028", "\u2029", "\ufeff", "\ud800", "\udfff"]),
)
path_parts = st.sampled_from(["..", ".", "sources", "catalogue", "", "yz2022.txt", "x.html", "/etc/hostname", "~", "\\", "%2e%2e"])


def fresh_catalogue(target: Path) -> Path:
    catalogue = target / "catalogue"
    shutil.copytree(VALID, catalogue)
    return catalogue


def assert_located(problems: list, catalogue: Path) -> None:
    assert problems
    for problem in problems:
        path = catalogue.parent / problem.file
        assert path.exists() or path.is_symlink(), problem
        assert problem.line >= 1 and problem.column >= 1 and problem.message
        assert "\n" not in problem.format() and not re.search(r"[\x00-\x1f\x7f-\x9f]", problem.format()), problem


@FUZZ
@given(folder=st.sampled_from(FOLDERS), name=names, content=st.binary(max_size=200))
def test_any_file_name_in_any_folder_is_read_or_reported(folder, name, content):
    with tempfile.TemporaryDirectory() as target:
        catalogue = fresh_catalogue(Path(target))
        path = catalogue / folder / name
        if path.exists():
            return  # a name the fixture already has
        path.write_bytes(content)
        resolved, problems = load_and_check(catalogue)
        assert resolved is None
        assert_located(problems, catalogue)


@FUZZ
@given(parts=st.lists(st.one_of(path_parts, names), min_size=1, max_size=5))
def test_a_source_is_accepted_only_inside_sources(parts):
    source = "/".join(parts)
    with tempfile.TemporaryDirectory() as target:
        catalogue = fresh_catalogue(Path(target))
        document = catalogue / DOCUMENT
        text = document.read_text(encoding="utf-8").replace("source: sources/yz2022.txt", f"source: {json.dumps(source)}")
        document.write_text(text, encoding="utf-8")
        resolved, problems = load_and_check(catalogue)
        if resolved is None:
            assert_located(problems, catalogue)
            return
        written = next(d.source for d in resolved.documents if d.id == "yz2022")
        assert re.fullmatch(SOURCE_PATTERN, written)
        assert (catalogue / written).resolve().parent == (catalogue / "sources").resolve()


@FUZZ
@given(char=hidden, where=st.sampled_from(["title: 开展", "lead: 区市场", "- text: 企业"]))
def test_an_invisible_character_written_as_an_escape_is_refused(char, where):
    escape = f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    key, _, value = where.partition(": ")
    with tempfile.TemporaryDirectory() as target:
        catalogue = fresh_catalogue(Path(target))
        measure = catalogue / MEASURE
        text = measure.read_text(encoding="utf-8")
        line = next(line for line in text.splitlines() if where in line)
        start = line.index(where)
        quoted = f'{line[:start]}{key}: "{value}{escape}{line[start + len(where):]}"'
        measure.write_text(text.replace(line, quoted), encoding="utf-8")
        resolved, problems = load_and_check(catalogue)
        if char in "\t\n" and key.endswith("text"):
            assert resolved is not None, problems  # a text may hold tabs and line breaks
            return
        assert resolved is None
        assert_located(problems, catalogue)
        assert any(p.file == f"catalogue/{MEASURE}" for p in problems)
