"""The file search adds to the staging docs: ``search/index.js``, the index as a script.

A script, not JSON to ``fetch``: a site opened from disk (``file://``, the offline build) may
load scripts but not fetch files. The script hands the index to ``CatalogueSearch.loaded``
(overrides/assets/search/engine.js) as a JSON string, which browsers parse faster than the same
data written as a JavaScript object.
"""

from __future__ import annotations

import json

from reforms.resolve import Resolved
from reforms.search.index import build_search_index

INDEX_SCRIPT = "search/index.js"


def index_script(index: dict) -> str:
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    literal = "'" + data.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return f"CatalogueSearch.loaded(JSON.parse({literal}));\n"


def search_files(resolved: Resolved) -> dict[str, bytes]:
    return {INDEX_SCRIPT: index_script(build_search_index(resolved)).encode("utf-8")}
