// A part of the lunr index as a lunr.Index, and where a folded term stands according to lunr.
// The part's format and the positions in its metadata: reforms/search/lunr_index.py. lunr.js
// answers which records have the rarest pair of characters covering a term (with its BM25 score
// and, in matchData, where the pair stands); the index's postings say where the term's other
// pairs stand in those records; where all stand one after another in one text, the term stands.
// Needs lunr.js (window.lunr).
(function (root) {
  "use strict";

  function lunrLibrary() {
    return root.lunr || globalThis.lunr; // a browser's window, or Node's global (tests)
  }

  var FIELD = "text"; // the index's one field (lunr_index.py says why)

  // A lunr.Index of a part: posting metadata {p: positions}, field vectors of the part's tokens.
  function lunrPart(part) {
    var lunr = lunrLibrary();
    var invertedIndex = {};
    var counts = {}; // token → how many records have it
    var elements = []; // [ref] → [token, weight, …]
    part.tokens.forEach(function (token, t) {
      var docs = {};
      var count = 0;
      var flat = part.postings[t];
      for (var i = 0, ref = 0; i < flat.length; ) {
        ref += flat[i];
        var positions = new Array(flat[i + 2]);
        for (var n = 0, at = 0; n < positions.length; n++) positions[n] = at += flat[i + 3 + n];
        docs[ref] = { p: positions };
        (elements[ref] || (elements[ref] = [])).push(t, flat[i + 1] / 1000);
        i += 3 + positions.length;
        count++;
      }
      invertedIndex[token] = { _index: t, text: docs };
      counts[token] = count;
    });
    var fieldVectors = {};
    elements.forEach(function (vector, ref) { fieldVectors[FIELD + "/" + ref] = new lunr.Vector(vector); });
    var index = new lunr.Index({
      invertedIndex: invertedIndex,
      fieldVectors: fieldVectors,
      tokenSet: lunr.TokenSet.fromArray(part.tokens),
      fields: [FIELD],
      pipeline: new lunr.Pipeline()
    });
    return { index: index, counts: counts };
  }

  // Where a token stands in a record, from the index (not a query); null if nowhere.
  function positionsOf(part, token, ref) {
    var posting = part.index.invertedIndex[token];
    var here = posting && posting[FIELD][ref];
    return here ? here.p : null;
  }

  // The pairs that cover a folded term, each with its offset in it; a lone character as itself.
  function covering(needle) {
    if (needle.length === 1) return [[needle, 0]];
    var pairs = [];
    for (var i = 0; i + 2 <= needle.length; i += 2) pairs.push([needle.slice(i, i + 2), i]);
    if (needle.length % 2) pairs.push([needle.slice(-2), needle.length - 2]);
    return pairs;
  }

  function contains(sorted, value) {
    var lo = 0;
    var hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo < sorted.length && sorted[lo] === value;
  }

  // lunr's answer for a token: its results ({ref, score, matchData}), best first.
  function query(part, token) {
    var lunr = lunrLibrary();
    return part.index.query(function (q) {
      q.term(token, { presence: lunr.Query.presence.REQUIRED, usePipeline: false });
    });
  }

  // Where a token stands in a result of query(): the positions lunr returned with it.
  function matchedPositions(result, token) {
    return result.matchData.metadata[token][FIELD].p;
  }

  // Where a term starts (sorted positions), given where each of its pairs stands (lists, sorted);
  // null if nowhere. stride: as in lunr_index.py.
  function starts(pairs, lists, stride) {
    if (pairs.length === 1) return lists[0];
    var driver = 0;
    for (var j = 1; j < lists.length; j++) if (lists[j].length < lists[driver].length) driver = j;
    var shift = pairs[driver][1];
    var found = null;
    var list = lists[driver];
    next: for (var n = 0; n < list.length; n++) {
      if (list[n] % stride < shift) continue; // it would start in the text before
      var start = list[n] - shift;
      for (var k = 0; k < lists.length; k++) {
        if (k !== driver && !contains(lists[k], start + pairs[k][1])) continue next;
      }
      (found || (found = [])).push(start);
    }
    return found;
  }

  var api = { lunrPart: lunrPart, covering: covering, contains: contains, query: query, matchedPositions: matchedPositions, positionsOf: positionsOf, starts: starts };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.CatalogueLunrPart = api;
})(this);
