"""Change sets: what each commit to catalogue/ changed, in readers' terms (the 最近更新 page, the feeds).

One change set per commit of the branch (first parent only: a merged pull request is one change
set). For each measure file the commit added, removed or changed, the YAML before and after is
compared field by field with the machinery of ``build.py diff`` (``reforms.editors.diff``), and
each field path is named as a reader knows it (``actions[0].lead`` → 牵头单位, or 举措 1 的牵头单位
when the measure has several). Field names come from the record models' descriptions, so a field
added to the model later is named without a change here. A change set touching more than
``DETAIL_LIMIT`` measures is summarised: counts per document and per field, its list folded.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

import yaml
from pydantic import BaseModel

from reforms.catalogue import model
from reforms.catalogue.model import Action, Measure
from reforms.catalogue.resolve import Resolved
from reforms.editors import diff
from reforms.editors.diff import data_changes, differing_part
from reforms.site import paths
from reforms.site.commit_cache import CommitCache
from reforms.site.gitdates import commit_log, read_blobs

DETAIL_LIMIT = 5  # measures shown field by field; a larger change set is summarised
PAGE_SIZE = 50  # change sets on the updates page; older ones on archive pages
ADDED, REMOVED, CHANGED = "新增", "删除", "修改"
OWN_LABELS = {  # where a description's first words are not the name a reader knows
    "text": "具体举措",
    "city_task": "市级工作任务",
    "source_lines": "来源行号",
    "section": "章节",
    "subsection": "小节",
    "number": "序号",
    "partners": "配合单位",
    "partners_label": "配合单位的称呼",
}
OTHER_RECORDS = {
    "documents": "文件信息",
    "departments": "部门名录",
    "reforms": "改革记录",
    "dismissed": "改革记录",
    "links": "对照表",
    "themes": "主题",
    "sources": "来源文本",
}
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PATH_PART = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")
_LEADING_WORDS = re.compile(r"[\u4e00-\u9fff]+")  # the description's first Chinese words: 主题 id：… → 主题


@dataclass(frozen=True)
class FieldChange:
    label: str  # 牵头单位, 举措 2 的时间节点, …
    before: str
    after: str


@dataclass(frozen=True)
class MeasureEdit:
    measure_id: str
    document_id: str
    title: str  # number and title (after the change; before it for a removed measure)
    kind: str  # 新增 / 删除 / 修改
    fields: list[FieldChange] = field(default_factory=list)


@dataclass(frozen=True)
class ChangeSet:
    commit: str
    time: datetime
    edits: list[MeasureEdit]
    others: list[str]  # other kinds of record changed: 部门名录, 文件信息, …
    position: int = 0  # among all change sets, newest first (which updates page lists it)

    @property
    def date(self) -> str:
        return self.time.date().isoformat()

    @property
    def anchor(self) -> str:
        return f"c-{self.commit[:12]}"

    @property
    def summarised(self) -> bool:
        return len(self.edits) > DETAIL_LIMIT

    def count(self, kind: str) -> int:
        return sum(1 for edit in self.edits if edit.kind == kind)

    def field_counts(self) -> list[tuple[str, int]]:
        """How many changed measures each field changed in (举措 numbers left out), most first."""
        counts = Counter(label for edit in self.edits for label in dict.fromkeys(base_label(f.label) for f in edit.fields))
        return counts.most_common()

    def document_counts(self) -> list[tuple[str, int]]:
        return Counter(edit.document_id for edit in self.edits).most_common()


def base_label(label: str) -> str:
    return label.split("的", 1)[1] if label.startswith("举措 ") else label


def model_label(model: type[BaseModel], name: str) -> str:
    """A field's name for readers: ours, or the first words of its description in the model."""
    if name in OWN_LABELS:
        return OWN_LABELS[name]
    info = model.model_fields.get(name)
    description = (info.description or "") if info else ""
    words = _LEADING_WORDS.match(description)
    return words.group() if words else name


def field_label(path: str, actions: int) -> str:
    """``actions[1].due`` → ``举措 2 的时间节点`` (or ``时间节点`` with one action); ``title`` → ``标题``."""
    parts = _PATH_PART.findall(path)
    if parts and parts[0][0] == "actions" and len(parts) > 1:
        label = model_label(Action, parts[1][0])
        return f"举措 {int(parts[0][1] or 0) + 1} 的{label}" if actions > 1 else label
    return model_label(Measure, parts[0][0]) if parts else path


def measure_data(text: str | None) -> dict | None:
    """A measure file's data as committed (a file that does not parse reads as empty)."""
    if text is None:
        return None
    try:
        data = yaml.load(text, Loader=FAST_LOADER)  # the C parser: the whole history in well under a second
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def readable_value(path: str, value: str, theme_names: dict[str, str]) -> str:
    if path == "themes":
        return "、".join(theme_names.get(t, t) for t in value.split("、"))
    return value


def measure_edit(before: dict | None, after: dict | None, measure_id: str, theme_names: dict[str, str]) -> MeasureEdit | None:
    current = after if after is not None else before or {}
    title = f"{current.get('number', '')} {current.get('title', '')}".strip() or measure_id
    document_id = str(current.get("document", ""))
    if before is None:
        return MeasureEdit(measure_id, document_id, title, ADDED)
    if after is None:
        return MeasureEdit(measure_id, document_id, title, REMOVED)
    actions = max(len(before.get("actions") or []), len(after.get("actions") or []))
    fields = []
    for path, old, new in data_changes(before, after):
        old, new = (readable_value(path, v, theme_names) for v in (old, new))
        fields.append(FieldChange(field_label(path, actions), *differing_part(old, new)))
    return MeasureEdit(measure_id, document_id, title, CHANGED, fields) if fields else None


_READ: dict[tuple, list[ChangeSet]] = {}  # the last history read, by what it depends on (the preview reads it per save)


def change_sets(catalogue_root: Path, resolved: Resolved) -> list[ChangeSet]:
    """Every commit that changed catalogue/, newest first, with what it changed."""
    toplevel, commits = commit_log(catalogue_root)
    if toplevel is None:
        return []
    themes = {t.id: t.name for t in resolved.themes}
    key = (catalogue_root.resolve(), tuple(c.commit for c in commits), tuple(themes.items()))
    if key not in _READ:
        _READ.clear()
        _READ[key] = read_change_sets(catalogue_root, toplevel, commits, themes)
    return _READ[key]


def read_change_sets(catalogue_root: Path, toplevel: Path, commits: list, themes: dict[str, str]) -> list[ChangeSet]:
    prefix = PurePosixPath(catalogue_root.resolve().relative_to(toplevel.resolve()).as_posix())
    cached = CommitCache(toplevel, [str(prefix), themes], (__file__, diff.__file__, model.__file__))
    found = []
    for commit, (edits, others) in zip(commits, commit_changes(catalogue_root, prefix, commits, themes, cached), strict=True):
        if edits or others:
            found.append(ChangeSet(commit.commit, commit.time, edits, others, len(found)))
    cached.save({cache_key(commit) for commit in commits})
    return found


def commit_changes(
    catalogue_root: Path, prefix: PurePosixPath, commits: list, themes: dict[str, str], cached: CommitCache
) -> list[tuple[list[MeasureEdit], list[str]]]:
    """Each commit's measure edits and other records changed: from ``cached`` where it holds them,
    else from the files before and after (and then kept in ``cached``, unless a file could not be
    read: in a partial clone the next build may find it)."""
    known = {commit.commit: from_entry(cached.get(cache_key(commit))) for commit in commits}
    unknown = [commit for commit in commits if known[commit.commit] is None]
    wanted = [spec for c in unknown for status, path in c.files if is_measure_file(path, prefix) for spec in versions(c, status, path)]
    blobs = read_blobs(catalogue_root, [spec for spec in wanted if spec])
    # A version is read twice, before one commit and after the one before it (the next read, newest first):
    # each file's last version read is kept, parsed, so that each version is parsed once.
    last: dict[str, tuple[str | None, dict | None]] = {}

    def data(spec: str | None) -> dict | None:
        if spec is None:
            return None
        text, path = blobs.get(spec), spec.split(":", 1)[1]
        if path not in last or last[path][0] != text:
            last[path] = text, measure_data(text)
        return last[path][1]

    for commit in unknown:
        edits, others, unread = [], [], False
        for status, path in commit.files:
            if is_measure_file(path, prefix):
                specs = versions(commit, status, path)
                after, before = data(specs[1]), data(specs[0])  # newest first: this before is the next one's after
                unread |= any(spec and blobs.get(spec) is None for spec in specs)
                edit = measure_edit(before, after, PurePosixPath(path).stem, themes)
                if edit:
                    edits.append(edit)
            else:
                others.append(other_record(path, prefix))
        known[commit.commit] = edits, [o for o in dict.fromkeys(others) if o]
        if not unread:
            cached.put(cache_key(commit), as_entry(*known[commit.commit]))
    return [known[commit.commit] for commit in commits]


def versions(commit, status: str, path: str) -> tuple[str | None, str | None]:
    """The file ``path`` before and after ``commit`` (``status``: A, M, D …), as ``git cat-file``
    names them; None where there is no such version."""
    before = f"{commit.parent}:{path}" if commit.parent and status != "A" else None
    after = f"{commit.commit}:{path}" if status != "D" else None
    return before, after


def cache_key(commit) -> str:
    """A commit and the parent it was read against: the oldest commit of a shallow clone reads as
    having none, and reads otherwise once the clone is deepened."""
    return f"{commit.commit} {commit.parent or ''}"


def as_entry(edits: list[MeasureEdit], others: list[str]) -> dict:
    return {"edits": [{**vars(edit), "fields": [vars(f) for f in edit.fields]} for edit in edits], "others": others}


def from_entry(entry) -> tuple[list[MeasureEdit], list[str]] | None:
    """``as_entry`` read back; None for anything else (a cache file not as written)."""
    try:
        edits = [
            MeasureEdit(
                *map(text, (e["measure_id"], e["document_id"], e["title"], e["kind"])),
                [FieldChange(text(f["label"]), text(f["before"]), text(f["after"])) for f in e["fields"]],
            )
            for e in entry["edits"]
        ]
        return edits, [text(other) for other in entry["others"]]
    except (TypeError, KeyError):
        return None


def text(value) -> str:
    if not isinstance(value, str):
        raise TypeError(f"不是文字：{value!r}")
    return value


def catalogue_part(path: str, prefix: PurePosixPath) -> list[str]:
    """``path``'s parts within the catalogue folder ``prefix`` (git's paths: ``/`` between parts); [] outside it."""
    parts = path.split("/")
    inside = prefix.parts
    return parts[len(inside) :] if tuple(parts[: len(inside)]) == inside and len(parts) > len(inside) else []


def is_measure_file(path: str, prefix: PurePosixPath) -> bool:
    parts = catalogue_part(path, prefix)
    return len(parts) > 1 and parts[0] == "measures" and parts[-1].endswith(".yml")


def other_record(path: str, prefix: PurePosixPath) -> str:
    parts = catalogue_part(path, prefix)
    return OTHER_RECORDS.get(parts[0].removesuffix(".yml"), "") if parts else ""


def description(change: ChangeSet, document_titles: dict[str, str]) -> str:
    """The change set in one Chinese sentence (the page's summary line and the feed entries' text)."""
    parts = [f"{kind} {change.count(kind)} 条措施" for kind in (ADDED, CHANGED, REMOVED) if change.count(kind)]
    text = "，".join(parts)
    if change.summarised:
        documents = "、".join(f"{document_titles.get(d, d)} {n} 条" for d, n in change.document_counts())
        fields = "、".join(f"{label} {n} 条" for label, n in change.field_counts())
        text += f"（{documents}" + (f"；改动的字段：{fields}" if fields else "") + "）"
    if change.others:
        others = "、".join(change.others)
        text += f"；另有{others}的修改" if text else f"修改了{others}"
    return text + "。"


def headline(change: ChangeSet) -> str:
    """The change set in a few words: ``修改 2 条措施`` or ``部门名录的修改``."""
    parts = [f"{kind} {change.count(kind)} 条措施" for kind in (ADDED, CHANGED, REMOVED) if change.count(kind)]
    return "，".join(parts) or "、".join(change.others) + "的修改"


def edit_name(edit: MeasureEdit, document_titles: dict[str, str]) -> str:
    """``2． 增强开办企业“一网通”平台功能（渝中2021放管服方案）``"""
    return f"{edit.title}（{document_titles.get(edit.document_id, edit.document_id)}）"


def edit_lines(edit: MeasureEdit) -> list[str]:
    """One line per changed field: ``牵头单位：区财政局 → 区发展改革委``."""
    return [f"{f.label}：{f.before} → {f.after}" for f in edit.fields]


def pages(changes: list[ChangeSet]) -> list[list[ChangeSet]]:
    """The updates page's change sets (the newest ``PAGE_SIZE``), then each archive page's."""
    return [changes[start : start + PAGE_SIZE] for start in range(0, len(changes), PAGE_SIZE)] or [[]]


def page_url(number: int) -> str:
    """Page 1 is the updates page; older change sets are on ``updates/archive-2/``, …"""
    return paths.UPDATES if number == 1 else f"{paths.UPDATES}archive-{number}/"


def page_of(change: ChangeSet) -> str:
    """The page a change set is listed on (by its position among all change sets)."""
    return page_url(change.position // PAGE_SIZE + 1)
