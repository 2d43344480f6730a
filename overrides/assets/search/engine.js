// The search engine. Every text of every record is folded once (tokenizer.js: width, case,
// spaces and punctuation) and, field by field, joined into one string with a line break between
// texts; a query is folded the same way and looked for with indexOf. So a hit is exactly a record
// with a text that contains the query, and a query never spans two texts. The index format is
// described in reforms/search/index.py. Depends on tokenizer.js (window.CatalogueTokenizer).
(function (root) {
  "use strict";
  var T = root.CatalogueTokenizer || require("./tokenizer.js");
  var FIELDS = ["title", "lead", "body", "meta"];
  var SNIPPET_FIELDS = ["body", "lead", "meta", "document"];
  var BREAK = "\n"; // never in a folded text
  var COUNTED = 5; // occurrences in a field that still raise a record's score
  var SNIPPET_CONTEXT = 36;

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // The folded form of a text and, for each of its characters, where it came from.
  function compactWithMap(text) {
    var compact = "";
    var map = [];
    for (var i = 0; i < text.length; i++) {
      var folded = T.compactChar(text[i]);
      for (var j = 0; j < folded.length; j++) map.push(i);
      compact += folded;
    }
    return { text: compact, map: map };
  }

  // One field of all records: the folded texts, and where each record's start.
  function Haystack(records, textsOf) {
    var pieces = [];
    var starts = new Int32Array(records.length + 1);
    var length = 0;
    for (var ref = 0; ref < records.length; ref++) {
      starts[ref] = length;
      var piece = textsOf(records[ref]).map(T.compact).join(BREAK) + BREAK;
      pieces.push(piece);
      length += piece.length;
    }
    starts[records.length] = length;
    this.text = pieces.join("");
    this.starts = starts;
  }

  Haystack.prototype.recordAt = function (position) {
    var low = 0;
    var high = this.starts.length - 2;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= position) low = middle;
      else high = middle - 1;
    }
    return low;
  };

  // Calls found(ref, count) for each record containing needle, with its number of occurrences
  // (counted up to COUNTED).
  Haystack.prototype.each = function (needle, found) {
    var at = this.text.indexOf(needle);
    while (at >= 0) {
      var ref = this.recordAt(at);
      var end = this.starts[ref + 1];
      var count = 0;
      while (at >= 0 && at < end && count < COUNTED) {
        count++;
        at = this.text.indexOf(needle, at + needle.length);
      }
      found(ref, count);
      if (at >= 0 && at < end) at = this.text.indexOf(needle, end);
    }
  };

  function textsOfField(name) {
    if (name === "title") return function (r) { return [r.title]; };
    if (name === "lead") return function (r) { return (r.lead || []).concat(r.aka || []); };
    return function (r) { return r[name] || []; };
  }

  function Engine(data) {
    this.data = data;
    this.records = data.records;
    this.haystacks = {};
    for (var i = 0; i < FIELDS.length; i++) this.haystacks[FIELDS[i]] = new Haystack(this.records, textsOfField(FIELDS[i]));
    this.documentTexts = {};
    for (var id in data.documents) this.documentTexts[id] = data.documents[id].texts.map(T.compact).join(BREAK);
    this.folded = {}; // "ref field index" → compactWithMap of that text, for highlighting
  }

  Engine.prototype.url = function (record) {
    return this.data.measureUrl.replace("{id}", record.id);
  };

  Engine.prototype.district = function (record) {
    return this.data.documents[record.document].district;
  };

  Engine.prototype.passesFilters = function (record, filters) {
    if (!filters) return true;
    if (filters.district && this.district(record) !== filters.district) return false;
    if (filters.document && record.document !== filters.document) return false;
    if (filters.kind && record.kind !== filters.kind) return false;
    if (filters.department && (record.departments || []).indexOf(filters.department) < 0) return false;
    if (filters.theme && (record.themes || []).indexOf(filters.theme) < 0) return false;
    if (filters.due && !(record.due || []).some(function (d) { return d.indexOf(filters.due) === 0; })) return false;
    return true;
  };

  // Scores: a title that contains the query outranks everything else (shorter titles first,
  // as the query is more of them), then the lead units, then occurrences in the text, the other
  // details, and last the document's title.
  Engine.prototype.scores = function (needle) {
    var scores = new Float64Array(this.records.length);
    var records = this.records;
    this.haystacks.title.each(needle, function (ref) {
      scores[ref] += 1000 + (100 * needle.length) / T.compact(records[ref].title).length;
    });
    this.haystacks.lead.each(needle, function (ref) { scores[ref] += 150; });
    this.haystacks.body.each(needle, function (ref, count) { scores[ref] += 20 * count; });
    this.haystacks.meta.each(needle, function (ref, count) { scores[ref] += 2 * count; });
    var documents = {};
    for (var id in this.documentTexts) documents[id] = this.documentTexts[id].indexOf(needle) >= 0;
    for (var ref = 0; ref < records.length; ref++) if (documents[records[ref].document]) scores[ref] += 1;
    return scores;
  };

  // Every record that passes the filters and contains the query, best first; an empty query
  // finds every record that passes the filters, in catalogue order.
  Engine.prototype.search = function (query, filters) {
    var needle = T.compact(query);
    var scores = needle ? this.scores(needle) : null;
    var hits = [];
    for (var ref = 0; ref < this.records.length; ref++) {
      var record = this.records[ref];
      if (scores && !scores[ref]) continue;
      if (!this.passesFilters(record, filters)) continue;
      hits.push({ ref: ref, record: record, score: scores ? scores[ref] : 0, needle: needle });
    }
    hits.sort(function (a, b) { return b.score - a.score || a.ref - b.ref; });
    return hits;
  };

  // The texts a snippet may come from, by field ("document": the document's full title).
  Engine.prototype.texts = function (record, field) {
    if (field === "document") return this.data.documents[record.document].texts;
    return textsOfField(field)(record);
  };

  Engine.prototype.foldedText = function (hit, field, index) {
    var key = hit.ref + " " + field + " " + index;
    if (!this.folded[key]) this.folded[key] = compactWithMap(this.texts(hit.record, field)[index]);
    return this.folded[key];
  };

  // Where the query stands in a text: [start, end) spans of the text as written.
  Engine.prototype.spans = function (hit, field, index) {
    var folded = this.foldedText(hit, field, index);
    var spans = [];
    var needle = hit.needle;
    if (!needle) return spans;
    for (var at = folded.text.indexOf(needle); at >= 0; at = folded.text.indexOf(needle, at + needle.length)) {
      spans.push([folded.map[at], folded.map[at + needle.length - 1] + 1]);
    }
    return spans;
  };

  // HTML for a text with every occurrence of the query marked; cut around the first one if asked.
  Engine.prototype.marked = function (hit, field, index, cut) {
    var text = this.texts(hit.record, field)[index];
    var spans = this.spans(hit, field, index);
    var from = 0;
    var to = text.length;
    if (cut) {
      from = spans.length ? Math.max(0, spans[0][0] - SNIPPET_CONTEXT) : 0;
      to = Math.min(text.length, (spans.length ? spans[0][1] : 0) + SNIPPET_CONTEXT * 2);
    }
    var html = from > 0 ? "…" : "";
    var position = from;
    spans.forEach(function (span) {
      if (span[0] < position || span[1] > to) return;
      html += escapeHtml(text.slice(position, span[0])) + "<mark>" + escapeHtml(text.slice(span[0], span[1])) + "</mark>";
      position = span[1];
    });
    return html + escapeHtml(text.slice(position, to)) + (to < text.length ? "…" : "");
  };

  Engine.prototype.highlight = function (hit, field) {
    return this.marked(hit, field, 0, false);
  };

  // The text around the first occurrence outside the title (which a result shows anyway), or
  // the beginning of the measure's text.
  Engine.prototype.snippet = function (hit) {
    for (var f = 0; f < SNIPPET_FIELDS.length && hit.needle; f++) {
      var texts = this.texts(hit.record, SNIPPET_FIELDS[f]);
      for (var i = 0; i < texts.length; i++) {
        if (this.spans(hit, SNIPPET_FIELDS[f], i).length) return this.marked(hit, SNIPPET_FIELDS[f], i, true);
      }
    }
    return (hit.record.body || []).length ? this.marked(hit, "body", 0, true) : "";
  };

  // Loading: search/index.js calls CatalogueSearch.loaded(data) (see reforms/search/files.py).
  // A script rather than fetch(), so that the site also searches when opened from disk.
  var pending = null;

  function load(url) {
    if (pending) return pending.promise;
    pending = {};
    pending.promise = new Promise(function (resolve, reject) {
      pending.resolve = resolve;
      var script = document.createElement("script");
      script.src = url;
      script.async = true;
      script.onerror = function () { reject(new Error("search index: cannot load " + url)); };
      document.head.appendChild(script);
    });
    return pending.promise;
  }

  function loaded(data) {
    var engine = new Engine(data);
    if (pending) pending.resolve(engine);
    return engine;
  }

  var api = { load: load, loaded: loaded, Engine: Engine, escapeHtml: escapeHtml };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.CatalogueSearch = api;
})(this);
