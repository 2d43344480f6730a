"""Data or code: what a pull request changes, said for the reviewer who merges it.

Only ``catalogue/`` is data. Its files are validated, escaped wherever they are shown and
published as text, so nothing in them can run in a reader's browser or in the build. Every other
file (``docs/``, ``overrides/``, ``templates/``, ``reforms/``, ``mkdocs.yml``, workflows, ``dev``,
``pyproject.toml`` …) decides what the build does and what the pages run: a pull request that
touches any of them is code, and is reviewed as code.

``python -m reforms.editors.change_kind origin/main`` prints the verdict as Markdown; on GitHub
Actions it goes to the job summary, with a notice on the checks page. It needs only Python and git.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from reforms.editors.gitref import GitRefError, check_ref, git

DATA = "catalogue/"


def changed_files(top: Path, base: str) -> list[str]:
    """The files a branch changes since it left ``base`` (renames as a deletion and an addition)."""
    check_ref(top, base)
    listed = git(top, "diff", "--name-only", "-z", "--no-renames", f"{base}...HEAD")
    return sorted(name for name in listed.decode("utf-8", "replace").split("\0") if name)


def code_files(paths: list[str]) -> list[str]:
    return [path for path in paths if not path.startswith(DATA)]


def shown(path: str) -> str:
    """A file name inside Markdown code, with nothing in it able to end the code span or the line."""
    return "`" + re.sub(r"[`\x00-\x1f\x7f-\x9f\u2028\u2029]", "?", path) + "`"


def kind_markdown(paths: list[str]) -> str:
    code = code_files(paths)
    if not paths:
        return "## 修改类型：没有文件变化\n"
    if not code:
        return (
            f"## 修改类型：数据\n\n只改了 `catalogue/` 中的 {len(paths)} 个文件。数据经校验、转义后才进入站点，"
            "不会在读者的浏览器或生成过程中执行。审核时核对内容与来源文本。\n"
        )
    listed = "\n".join(f"- {shown(path)}" for path in code[:50]) + ("\n- …" if len(code) > 50 else "")
    return (
        f"## 修改类型：代码\n\n改动了 `catalogue/` 之外的 {len(code)} 个文件。它们决定站点怎样生成、页面运行什么脚本，"
        f"请按代码审核（逐行读过再合并）：\n\n{listed}\n"
    )


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("用法：python -m reforms.editors.change_kind <基准版本，如 origin/main>", file=sys.stderr)
        return 2
    try:
        top = Path(git(Path.cwd(), "rev-parse", "--show-toplevel").decode().strip())
        paths = changed_files(top, argv[0])
    except GitRefError as error:
        print(f"无法判断修改类型：{error}", file=sys.stderr)
        return 2
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:  # on GitHub Actions: the job summary, and a notice on the checks page
        with open(summary, "a", encoding="utf-8") as out:
            out.write(kind_markdown(paths))
        print(f"::notice title=修改类型::{'代码：请按代码审核' if code_files(paths) else '数据：只改了 catalogue/'}")
    else:
        print(kind_markdown(paths), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
