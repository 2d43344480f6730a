"""Fault injection: a pull request's worst, built as CI builds it.

Each case mutates a copy of the valid fixture catalogue the way an attacker or a careless editor
could, then runs the command line's ``build`` (in this process, for speed: an exception escaping
it would be the traceback) against an existing site. Every one must end the same way:
a ``file:line:col`` message naming the file at fault, exit code 1, no traceback, nothing written
outside the build (the temporary folder and the folders around the site stay as they were),
nothing read from outside the catalogue shown, and the site unchanged, byte for byte.
"""

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reforms.cli import main

TESTS = Path(__file__).parent
ROOT = TESTS.parent
VALID = TESTS / "fixtures" / "valid"
MEASURE = "measures/yz2022/yz2022-list-001.yml"
DOCUMENT = "documents/yz2022.yml"
SECRET = "机密：不应出现在任何输出中"
LOCATED = re.compile(r"^catalogue/(?P<file>\S[^:]*):(?P<line>\d+):(?P<column>\d+): ", re.MULTILINE)


def edit(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(catalogue: Path) -> None:
        path = catalogue / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new), encoding="utf-8")

    return mutate


def add(relative: str, content: str = "", link: str | None = None, folder: bool = False) -> Callable[[Path], None]:
    def mutate(catalogue: Path) -> None:
        path = catalogue / relative
        if path.exists() or path.is_symlink():
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        if link is not None:
            path.symlink_to(link)
        elif folder:
            path.mkdir()
        else:
            path.write_text(content, encoding="utf-8")

    return mutate


def both(*mutations: Callable[[Path], None]) -> Callable[[Path], None]:
    def mutate(catalogue: Path) -> None:
        for mutation in mutations:
            mutation(catalogue)

    return mutate


SOURCE = "source: sources/yz2022.txt"
SCRIPT = "<script>alert(document.domain)</script><img src=x onerror=alert(1)>\n"

# case: (mutation, the file the first message must name)
CASES = {
    "1-source-html": (both(edit(DOCUMENT, SOURCE, "source: sources/yz2022.html"), add("sources/yz2022.html", SCRIPT)), DOCUMENT),
    "1-source-markdown": (both(edit(DOCUMENT, SOURCE, "source: sources/x.md"), add("sources/x.md", SCRIPT)), DOCUMENT),
    "3-source-parent": (edit(DOCUMENT, SOURCE, "source: ../catalogue/sources/yz2022.txt"), DOCUMENT),
    "3-source-absolute": (edit(DOCUMENT, SOURCE, "source: /etc/hostname"), DOCUMENT),
    "4-measure-links-outside": (add(MEASURE, link="../../../secret.yml"), MEASURE),
    "4-source-links-outside": (add("sources/yz2022.txt", link="../../secret.yml"), DOCUMENT),
    "5-control-escape": (edit(DOCUMENT, "short_title: 渝中2022创新试点方案", 'short_title: "渝中\\x1f方案"'), DOCUMENT),
    "5-surrogate-escape": (edit(MEASURE, "title: 开展", 'title: "\\udc80开展"'), MEASURE),
    "6-deep-nesting": (edit(MEASURE, "themes:\n- kaiban-qiye", "themes: " + "[" * 400 + "]" * 400), MEASURE),
    "6-source-name-space": (both(edit(DOCUMENT, SOURCE, "source: sources/yz 2022.txt"), add("sources/yz 2022.txt", "一\n二\n三\n")), DOCUMENT),
    "6-folder-named-yml": (add("measures/yz2022/yz2022-list-009.yml", folder=True), "measures/yz2022/yz2022-list-009.yml"),
    "6-dangling-link": (add("documents/gone.yml", link="nowhere.yml"), "documents/gone.yml"),
    "6-link-loop": (both(add("documents/a.yml", link="b.yml"), add("documents/b.yml", link="a.yml")), "documents/a.yml"),
    "7-measure-near-old-limit": (edit(MEASURE, "title: 开展", "title: " + "开展" * 160_000 + "\nx: 开展"), MEASURE),
    "7-field-over-limit": (edit(MEASURE, "title: 开展", "title: " + "开展" * 300), MEASURE),
    "8-saved-as-yaml": (add("measures/yz2022/yz2022-list-003.yaml", "id: yz2022-list-003\n"), "measures/yz2022/yz2022-list-003.yaml"),
    "11-source-lines-zero": (edit(MEASURE, "source_lines: '3'", "source_lines: '0-0'"), MEASURE),
    "11-id-300-characters": (edit(MEASURE, "id: yz2022-list-001", "id: yz2022-" + "x" * 293), MEASURE),
}


def tree(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (links not followed) with a digest of its content."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[relative] = "link:" + os.readlink(path)
        elif path.is_file():
            found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[relative] = "folder"
    return found


def build(catalogue: Path, site: Path, temp: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, str(ROOT / "build.py"), "--catalogue", str(catalogue), "build", "--site-dir", str(site)]
    return subprocess.run(command, cwd=catalogue.parent, capture_output=True, text=True, env={**os.environ, "TMPDIR": str(temp)}, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A site built from the valid catalogue: what every failed build must leave as it is."""
    place = tmp_path_factory.mktemp("built")
    (place / "tmp").mkdir()
    shutil.copytree(VALID, place / "catalogue")
    result = build(place / "catalogue", place / "site", place / "tmp")
    assert result.returncode == 0, result.stderr
    return place / "site", tree(place / "site")


def build_here(catalogue: Path, site: Path, temp: Path, capsys, monkeypatch) -> tuple[int, str, str]:
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    handler = signal.getsignal(signal.SIGTERM)
    try:
        code = main(["--catalogue", str(catalogue), "build", "--site-dir", str(site)])
    finally:
        signal.signal(signal.SIGTERM, handler)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", CASES)
def test_a_bad_pull_request_fails_cleanly(name, built, tmp_path, capsys, monkeypatch):
    site, site_before = built
    mutation, culprit = CASES[name]
    temp = tmp_path / "tmp"
    temp.mkdir()
    (tmp_path / "secret.yml").write_text(f"password: {SECRET}\n", encoding="utf-8")
    shutil.copytree(VALID, tmp_path / "catalogue")
    mutation(tmp_path / "catalogue")
    around_before = tree(tmp_path)

    code, out, err = build_here(tmp_path / "catalogue", site, temp, capsys, monkeypatch)

    assert code == 1, out + err
    located = [m.group("file") for m in LOCATED.finditer(err)]
    assert culprit in located, err
    assert SECRET not in out + err
    assert tree(tmp_path) == around_before  # nothing written beside the catalogue, nothing left in TMPDIR
    assert list(temp.iterdir()) == []
    assert tree(site) == site_before
    assert sorted(p.name for p in site.parent.iterdir()) == ["catalogue", "site", "tmp"]  # no new site, no leftovers


def test_markup_in_a_source_text_is_published_as_plain_text_only(built, tmp_path):
    """A source text is data too: it reaches readers as a ``.txt`` file and as escaped excerpts, never as markup."""
    catalogue = tmp_path / "catalogue"
    shutil.copytree(VALID, catalogue)
    source = catalogue / "sources" / "yz2022.txt"
    lines = source.read_text(encoding="utf-8").splitlines()
    lines[2] = SCRIPT.strip() + lines[2]  # line 3: the excerpt of yz2022-list-001
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    temp = tmp_path / "tmp"
    temp.mkdir()
    result = build(catalogue, tmp_path / "site", temp)
    assert result.returncode == 0, result.stderr
    published = {p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert "sources/yz2022.txt" in published
    assert not [p for p in published if p.startswith("sources/") and not p.endswith(".txt") and not p.endswith(".html")]
    pages = [p for p in (tmp_path / "site").rglob("*.html")]
    assert pages and not [p for p in pages if "<script>alert" in p.read_text(encoding="utf-8") or "onerror=alert" in p.read_text(encoding="utf-8")]
