"""The files search adds to the staging docs, each a script (see ``CatalogueSearch`` in engine.js):

* ``search/index.js``: what a result shows and the filters read (``index.py``), and how the
  lunr index is cut;
* ``search/parts/<n>.js``: the parts of the lunr index (``lunr_index.py``), loaded as a query
  needs them;
* ``search/lunr.js``: lunr.js itself, the copy MkDocs ships (the same version, 2.3.9, whose
  index format the Python ``lunr`` package writes).

Scripts, not JSON to ``fetch``: a site opened from disk (``file://``, the offline build) may load
scripts but not fetch files. Each hands its data over as a JSON string, which browsers parse
faster than the same data written as a JavaScript object.
"""

from __future__ import annotations

import json
from pathlib import Path

import mkdocs.contrib.search

from reforms.catalogue.resolve import Resolved
from reforms.search.index import build_search_index
from reforms.search.lunr_index import FIELDS, lunr_parts

INDEX_SCRIPT = "search/index.js"
PART_SCRIPT = "search/parts/{}.js"
LUNR_SCRIPT = "search/lunr.js"
LUNR_JS = Path(mkdocs.contrib.search.__file__).parent / "templates" / "search" / "lunr.js"


def json_literal(data) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def search_files(resolved: Resolved) -> dict[str, bytes]:
    index = build_search_index(resolved)
    parts = lunr_parts(index["records"])
    index["lunr"] = {"fields": [name for name, _ in FIELDS], "parts": len(parts), "partUrl": PART_SCRIPT}
    files = {INDEX_SCRIPT: f"CatalogueSearch.loaded(JSON.parse({json_literal(index)}));\n"}
    for number, part in enumerate(parts):
        files[PART_SCRIPT.format(number)] = f"CatalogueSearch.partLoaded({number}, JSON.parse({json_literal(part)}));\n"
    files[LUNR_SCRIPT] = LUNR_JS.read_text(encoding="utf-8")
    return {path: text.encode("utf-8") for path, text in files.items()}
