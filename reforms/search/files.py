"""The files search adds to the staging docs, each a script that hands its data to
``CatalogueSearch.received`` (engine.js):

* ``search/index.js``: loaded before the first query (``index.manifest``), with ``index`` (how
  many records, parts of the lunr index, the chunk size, the stride and field span of positions) and
  ``files`` (where the others are);
* ``search/lunr.js``: lunr.js itself, the copy MkDocs ships (the same version, 2.3.9, whose
  index format the Python ``lunr`` package writes), loaded with ``search/index.js``;
* ``search/parts/<n>.js``: the parts of the lunr index (``lunr_index.py``), loaded as a query
  needs them;
* ``search/records/<n>.js``: what a result shows, ``index.CHUNK`` records each, loaded for the
  hits shown;
* ``search/facets.js``: what the filters read, loaded once a filter needs it.

Scripts, not JSON to ``fetch``: a site opened from disk (``file://``, the offline build) may load
scripts but not fetch files. Each hands its data over as a JSON string, which browsers parse
faster than the same data written as a JavaScript object.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import mkdocs.contrib.search
import orjson

from reforms.catalogue.resolve import Resolved, ResolvedMeasure
from reforms.search.index import CHUNK, facets, in_search_order, manifest, record_entry
from reforms.search.lunr_index import lunr_parts

INDEX_SCRIPT = "search/index.js"
LUNR_SCRIPT = "search/lunr.js"
FILES = {
    "part": "search/parts/{}.js",
    "records": "search/records/{}.js",
    "facets": "search/facets.js",
    "lunr": LUNR_SCRIPT,
}
LUNR_JS = Path(mkdocs.contrib.search.__file__).parent / "templates" / "search" / "lunr.js"


def json_literal(data) -> bytes:
    """``data`` as JSON, in a JavaScript string literal (UTF-8). orjson writes what
    ``json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)`` does, numpy
    arrays as lists, several times as fast (the parts of the index are some 40 MB at 10,000 measures)."""
    text = orjson.dumps(data, option=orjson.OPT_SORT_KEYS | orjson.OPT_SERIALIZE_NUMPY)
    text = text.replace("\u2028".encode(), b"\\u2028").replace("\u2029".encode(), b"\\u2029")
    return b"'" + text.replace(b"\\", b"\\\\").replace(b"'", b"\\'") + b"'"


def script(name: str, data) -> bytes:
    return b"CatalogueSearch.received(%s, JSON.parse(%s));\n" % (json.dumps(name).encode(), json_literal(data))


def search_files(resolved: Resolved) -> dict[str, bytes]:
    measures = in_search_order(resolved)
    entries = [record_entry(m) for m in measures]
    stride, field_span, count, parts = lunr_parts(entries)
    files = described_files(resolved, measures, {"parts": count, "stride": stride, "fieldSpan": field_span})
    for number, part in enumerate(parts):
        files[FILES["part"].format(number)] = script(f"part {number}", part)
    for number in range(0, math.ceil(len(entries) / CHUNK)):
        files.update(records_file(number, entries[number * CHUNK : (number + 1) * CHUNK]))
    files[LUNR_SCRIPT] = LUNR_JS.read_bytes()
    return files


def described_files(resolved: Resolved, measures: list[ResolvedMeasure], index: dict) -> dict[str, bytes]:
    """``search/index.js``, with ``index`` (how the lunr index is cut) completed, and the facets."""
    data = manifest(resolved, measures)
    data["index"] = {"records": len(measures), "chunk": CHUNK, **index}
    data["files"] = FILES
    return {
        INDEX_SCRIPT: script("index", data),
        FILES["facets"]: script("facets 0", facets(measures, resolved)),
    }


def records_file(number: int, entries: list[dict]) -> dict[str, bytes]:
    """The records file ``number``, of the ``CHUNK`` records ``entries`` from ``number`` × ``CHUNK`` on."""
    return {FILES["records"].format(number): script(f"records {number}", entries)}
