"""Loading the catalogue: every YAML file under ``catalogue/``, parsed and checked against its model.

A record that does not fit its model is reported and left out; loading never stops at the first
problem, so an editor sees every mistake of a pull request in one run. Files of each kind have a
size limit, about ten times the largest one in the catalogue (see the editors' guide); any other
entry under ``catalogue/`` is reported by ``scan``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ValidationError

from reforms.catalogue.model import Department, Dismissal, Document, Measure, Reform, SynonymGroup, Theme
from reforms.catalogue.scan import scan_catalogue
from reforms.catalogue.schema_errors import problems_from_validation_error
from reforms.catalogue.yamlio import Loaded, Problem, YamlError, format_field, read_yaml

CATALOGUE_DIR = Path(__file__).resolve().parents[2] / "catalogue"


@dataclass(frozen=True)
class RecordKind:
    """Where the records of one model live, and whether a file holds one record or a list."""

    model: type[BaseModel]
    pattern: str
    max_bytes: int
    list_key: str | None = None  # files holding a list keep it under this key


DOCUMENTS = RecordKind(Document, "documents/*.yml", 200_000)
MEASURES = RecordKind(Measure, "measures/*/*.yml", 50_000)
DEPARTMENTS = RecordKind(Department, "departments/*.yml", 200_000, list_key="departments")
REFORMS = RecordKind(Reform, "reforms/*.yml", 20_000)
DISMISSED = RecordKind(Dismissal, "dismissed.yml", 500_000, list_key="dismissed")
THEMES = RecordKind(Theme, "themes.yml", 100_000, list_key="themes")
SYNONYMS = RecordKind(SynonymGroup, "synonyms.yml", 100_000, list_key="synonyms")
RECORD_KINDS = (DOCUMENTS, MEASURES, DEPARTMENTS, REFORMS, DISMISSED, THEMES, SYNONYMS)


@dataclass
class Located:
    """A validated record and where it came from, so later checks can point at its lines."""

    record: BaseModel
    source: Loaded
    path: tuple = ()

    def problem(self, field_path: tuple, message: str, hint: str = "") -> Problem:
        full = (*self.path, *field_path)
        position = self.source.position(full)
        return Problem(
            self.source.file, position.line, position.column, format_field(field_path), message, hint
        )


@dataclass
class Catalogue:
    root: Path
    documents: list[Located] = field(default_factory=list)
    measures: list[Located] = field(default_factory=list)
    departments: list[Located] = field(default_factory=list)
    reforms: list[Located] = field(default_factory=list)
    dismissed: list[Located] = field(default_factory=list)
    themes: list[Located] = field(default_factory=list)
    synonyms: list[Located] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)  # files (relative to root) that could not be loaded

    @cached_property
    def document_ids(self) -> set[str]:
        return {d.record.id for d in self.documents}

    def failed_to_load(self, relative: str) -> bool:
        return relative in self.failed

    def failed_under(self, folder: str) -> bool:
        return any(path.startswith(folder) for path in self.failed)


def load_catalogue(root: Path = CATALOGUE_DIR, cache: dict | None = None) -> tuple[Catalogue, list[Problem]]:
    """Every record under ``root``. With ``cache`` (a dict kept between calls, as the preview does;
    keyed by the path within ``root``), a file whose size and modification time have not changed
    is not read again."""
    catalogue = Catalogue(root=root)
    cache = {} if cache is None else cache
    files, problems = scan_catalogue(root, [kind.pattern for kind in RECORD_KINDS])
    catalogue.failed.update(p.file.partition("/")[2] for p in problems)  # a measure that is a link is no gap
    for kind, target in (
        (DOCUMENTS, catalogue.documents),
        (MEASURES, catalogue.measures),
        (DEPARTMENTS, catalogue.departments),
        (REFORMS, catalogue.reforms),
        (DISMISSED, catalogue.dismissed),
        (THEMES, catalogue.themes),
        (SYNONYMS, catalogue.synonyms),
    ):
        for relative, stamp in files[kind.pattern]:
            if relative not in cache or cache[relative][0] != stamp:
                cache[relative] = (stamp, load_records(root / relative, root, kind))
            records, file_problems = cache[relative][1]
            if file_problems:
                catalogue.failed.add(relative)
            target.extend(records)
            problems.extend(file_problems)
    return catalogue, problems


def display_path(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root.parent).as_posix()
    except ValueError:
        return path.as_posix()


def load_records(path: Path, root: Path, kind: RecordKind) -> tuple[list[Located], list[Problem]]:
    display = display_path(path, root)
    try:
        loaded = read_yaml(path, display, kind.max_bytes)
    except OSError as error:
        return [], [Problem(display, 1, 1, "", f"无法读取这个文件（{error.strerror}）", "检查文件的权限")]
    except YamlError as error:
        field_path = within_item(error.path, kind)
        return [], [Problem(display, error.line, error.column, format_field(field_path), error.message, error.hint)]
    if kind.list_key is None:
        return validate_one(loaded, (), loaded.data, kind.model)
    return load_list(loaded, kind.list_key, kind.model)


def load_list(loaded: Loaded, key: str, model: type[BaseModel]) -> tuple[list[Located], list[Problem]]:
    """A file holding ``key: [records…]`` and nothing else."""
    data = loaded.data
    if not isinstance(data, dict):
        return [], [Problem(loaded.file, 1, 1, "", f"文件应以 {key}: 开头", f"第一行写 {key}:，下面逐条列出，每条以“- ”开头")]
    problems = [unknown_top_level_key(loaded, name, key) for name in data if name != key]
    if key not in data:
        return [], problems or [Problem(loaded.file, 1, 1, key, "缺少必填字段", f"第一行写 {key}:，下面逐条列出")]
    if not isinstance(data[key], list):
        at = loaded.position((key,))
        return [], [*problems, Problem(loaded.file, at.line, at.column, key, "应为列表（每条以“- ”开头）", "在下一行起逐条列出")]
    records: list[Located] = []
    for index, item in enumerate(data[key]):
        found, item_problems = validate_one(loaded, (key, index), item, model)
        records.extend(found)
        problems.extend(item_problems)
    return records, problems


def unknown_top_level_key(loaded: Loaded, name: str, key: str) -> Problem:
    at = loaded.key_position((name,))
    close = key not in loaded.data and difflib.get_close_matches(name, [key], n=1)
    hint = f"是不是要写 {key}？" if close else f"此文件只有 {key} 一个字段；删除它，或移到某条记录里"
    return Problem(loaded.file, at.line, at.column, name, "未知字段", hint)


def within_item(path: tuple, kind: RecordKind) -> tuple:
    """A field's path as the record's own fields name it: ``departments[2].aliases`` → ``aliases``."""
    if kind.list_key and path[:1] == (kind.list_key,) and len(path) > 2:
        return path[2:]
    return path


def validate_one(
    loaded: Loaded, path: tuple, data: object, model: type[BaseModel]
) -> tuple[list[Located], list[Problem]]:
    try:
        record = model.model_validate(data)
    except ValidationError as error:
        return [], problems_from_validation_error(error, loaded, path, model)
    return [Located(record, loaded, path)], []
