"""Whatever an editor does to a valid catalogue, validation answers with problems, never a crash.

Hypothesis starts from the valid fixture and applies random mutations an editor could make by
hand (delete a key, change a value's type, add junk keys, paste random text, repeat a key,
cut the file short, swap ids). Validation must not raise, and each problem must point at a
file and a line and say something, in the project's words rather than a library's.
"""

import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reforms.catalogue.yamlio import YamlError, dump_yaml, parse_yaml
from reforms.cli import load_and_check

VALID = Path(__file__).parent / "fixtures" / "valid"
FILES = sorted(p.relative_to(VALID).as_posix() for p in VALID.rglob("*.yml"))
LIBRARY_WORDS = re.compile(r"Input should|Value error|validation error|while (parsing|scanning)|NoneType|Traceback|pydantic")

values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
    st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)


def paths_in(data: object, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value inside ``data``."""
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return []
    found = []
    for key, value in items:
        found += [(*prefix, key), *paths_in(value, (*prefix, key))]
    return found


def value_at(data: object, path: tuple) -> object:
    for part in path:
        data = data[part]
    return data


def parent_and_key(data: object, path: tuple) -> tuple[object, object]:
    return value_at(data, path[:-1]), path[-1]


def delete_key(draw, texts: dict[str, str], name: str) -> None:
    data = parse_yaml(texts[name], name).data
    paths = [p for p in paths_in(data) if isinstance(p[-1], str)]
    if paths:
        parent, key = parent_and_key(data, draw(st.sampled_from(paths)))
        del parent[key]
        texts[name] = dump_yaml(data)


def change_type(draw, texts: dict[str, str], name: str) -> None:
    data = parse_yaml(texts[name], name).data
    paths = paths_in(data)
    if paths:
        parent, key = parent_and_key(data, draw(st.sampled_from(paths)))
        parent[key] = draw(values)
        texts[name] = dump_yaml(data)


def insert_junk_key(draw, texts: dict[str, str], name: str) -> None:
    data = parse_yaml(texts[name], name).data
    owners = [p for p in [(), *paths_in(data)] if isinstance(value_at(data, p), dict)]
    if not owners:
        return
    owner = value_at(data, draw(st.sampled_from(owners)))
    owner[draw(st.text(min_size=1, max_size=10))] = draw(values)
    texts[name] = dump_yaml(data)


def paste_text(draw, texts: dict[str, str], name: str) -> None:
    text = texts[name]
    at = draw(st.integers(0, len(text)))
    texts[name] = text[:at] + draw(st.text(min_size=1, max_size=12)) + text[at:]


def repeat_line(draw, texts: dict[str, str], name: str) -> None:
    lines = texts[name].splitlines(keepends=True)
    if not lines:
        return
    at = draw(st.integers(0, len(lines) - 1))
    texts[name] = "".join(lines[: at + 1] + lines[at:])


def truncate(draw, texts: dict[str, str], name: str) -> None:
    if texts[name]:
        texts[name] = texts[name][: draw(st.integers(0, len(texts[name]) - 1))]


def swap_ids(draw, texts: dict[str, str], name: str) -> None:
    other = draw(st.sampled_from(FILES))
    ids = {n: parse_yaml(texts[n], n).data for n in {name, other}}
    found = [(n, p) for n, data in ids.items() for p in paths_in(data) if p[-1] == "id"]
    if len(found) >= 2:
        (a, path_a), (b, path_b) = draw(st.lists(st.sampled_from(found), min_size=2, max_size=2, unique=True))
        parent_a, key_a = parent_and_key(ids[a], path_a)
        parent_b, key_b = parent_and_key(ids[b], path_b)
        parent_a[key_a], parent_b[key_b] = parent_b[key_b], parent_a[key_a]
        texts.update({n: dump_yaml(data) for n, data in ids.items()})


MUTATIONS = [delete_key, change_type, insert_junk_key, paste_text, repeat_line, truncate, swap_ids]


def write_catalogue(target: Path, texts: dict[str, str]) -> Path:
    catalogue = target / "catalogue"
    shutil.copytree(VALID, catalogue)
    for name, text in texts.items():
        (catalogue / name).write_text(text, encoding="utf-8")
    return catalogue


def check_problems_are_usable(problems: list, catalogue: Path) -> None:
    for problem in problems:
        assert (catalogue.parent / problem.file).is_file(), problem
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.message.strip(), problem
        assert not LIBRARY_WORDS.search(problem.message + problem.hint), problem
        problem.format()


@settings(max_examples=150, deadline=None, database=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_validation_never_raises_and_every_problem_is_located(data):
    texts = {name: (VALID / name).read_text(encoding="utf-8") for name in FILES}
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        mutation = data.draw(st.sampled_from(MUTATIONS), label="mutation")
        name = data.draw(st.sampled_from(FILES), label="file")
        try:
            mutation(data.draw, texts, name)
        except YamlError:  # an earlier mutation made the file unreadable: keep it as it is
            continue
    with tempfile.TemporaryDirectory() as target:
        catalogue = write_catalogue(Path(target), texts)
        resolved, problems = load_and_check(catalogue)
        assert (resolved is None) == bool(problems)
        check_problems_are_usable(problems, catalogue)
