"""The files search adds to the staging docs: its index and lunr.js (from npm, see package.json)."""

from __future__ import annotations

import json
from pathlib import Path

from reforms.resolve import Resolved
from reforms.search.index import build_search_index

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
LUNR_JS = PROJECT_ROOT / "node_modules" / "lunr" / "lunr.min.js"
INDEX_PATH = "search/index.json"


class MissingAsset(Exception):
    pass


def search_files(resolved: Resolved) -> dict[str, bytes]:
    if not LUNR_JS.is_file():
        raise MissingAsset(f"找不到 {LUNR_JS.relative_to(PROJECT_ROOT)}：请先运行 ./dev site（它会用 npm 安装 lunr.js）")
    index = json.dumps(build_search_index(resolved), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return {INDEX_PATH: index.encode("utf-8"), "assets/search/lunr.min.js": LUNR_JS.read_bytes()}
