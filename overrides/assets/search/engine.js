// The search engine: an exact index of where each folded character and pair of characters stands
// (reforms/search/postings.py), loaded in parts as queries need them, and the query rule of
// query.js. A term is found where the pairs that cover it stand one after another in one text;
// no text is downloaded to check a hit. The records a result list shows are loaded in chunks,
// and what the filters read only once a filter is set. Formats: reforms/search/files.py.
// Depends on tokenizer.js and query.js (window.CatalogueTokenizer, window.CatalogueQuery).
(function (root) {
  "use strict";
  var T = root.CatalogueTokenizer || require("./tokenizer.js");
  var Q = root.CatalogueQuery || require("./query.js");
  var FIELDS = 4; // title, lead, body, meta: as in postings.py
  var SNIPPET_FIELDS = ["body", "lead", "meta", "document"];
  var SNIPPET_CONTEXT = 36;

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // The first index of a sorted array whose value is at least `value`.
  function lowerBound(array, value) {
    var lo = 0;
    var hi = array.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (array[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function contains(array, value) {
    var at = lowerBound(array, value);
    return at < array.length && array[at] === value;
  }

  // A token's positions, each key × span + offset, sorted, from a part's flat list.
  function decode(flat, span) {
    var count = 0;
    for (var i = 0; i < flat.length; i += 2 + flat[i + 1]) count += flat[i + 1];
    var out = new Float64Array(count);
    var key = 0;
    var n = 0;
    for (var j = 0; j < flat.length; ) {
      key += flat[j];
      var many = flat[j + 1];
      var offset = 0;
      for (var m = 0; m < many; m++) {
        offset += flat[j + 2 + m];
        out[n++] = key * span + offset;
      }
      j += 2 + many;
    }
    return out;
  }

  var NONE = new Float64Array(0);

  // The pairs that cover a folded term, with their offsets in it; a lone character as itself.
  function covering(needle) {
    if (needle.length === 1) return [[needle, 0]];
    var pairs = [];
    for (var i = 0; i + 2 <= needle.length; i += 2) pairs.push([needle.slice(i, i + 2), i]);
    if (needle.length % 2) pairs.push([needle.slice(-2), needle.length - 2]);
    return pairs;
  }

  // data: the contents of search/index.js; load(kind, n): a promise of a file's data, kind being
  // "part" (of the index), "records" (a chunk of records) or "facets".
  function Engine(data, load) {
    this.data = data;
    this.load = load;
    this.span = data.index.span;
    this.stride = data.index.stride;
    this.count = data.index.records;
    this.parts = [];
    this.tokens = {}; // token → its positions
    this.found = {}; // folded term → its positions
    this.chunks = [];
    this.facets = null;
    this.documentTexts = {};
    for (var id in data.documents) this.documentTexts[id] = data.documents[id].texts.map(T.compact);
    this.foldedTexts = {}; // "ref field index" → a text folded with where each character came from
  }

  Engine.prototype.part = function (n) {
    if (!this.parts[n]) this.parts[n] = this.load("part", n);
    return this.parts[n];
  };

  Engine.prototype.token = function (token) {
    var self = this;
    if (this.tokens[token]) return Promise.resolve(this.tokens[token]);
    return this.part(T.shardOf(token, this.data.index.parts)).then(function (part) {
      var at = lowerBound(part.tokens, token);
      var found = part.tokens[at] === token ? decode(part.positions[at], self.span) : NONE;
      self.tokens[token] = found;
      return found;
    });
  };

  // Where a folded term starts, in every text of every record, sorted.
  Engine.prototype.positions = function (needle) {
    var self = this;
    if (this.found[needle]) return Promise.resolve(this.found[needle]);
    var pairs = covering(needle);
    return Promise.all(pairs.map(function (p) { return self.token(p[0]); })).then(function (lists) {
      var driver = 0;
      for (var i = 1; i < lists.length; i++) if (lists[i].length < lists[driver].length) driver = i;
      var shift = pairs[driver][1];
      var starts = [];
      var list = lists[driver];
      next: for (var n = 0; n < list.length; n++) {
        if (list[n] % self.span < shift) continue; // would start in the text before
        var start = list[n] - shift;
        for (var j = 0; j < lists.length; j++) {
          if (j !== driver && !contains(lists[j], start + pairs[j][1])) continue next;
        }
        starts.push(start);
      }
      var result = lists.length === 1 ? list : Float64Array.from(starts);
      self.found[needle] = result;
      return result;
    });
  };

  Engine.prototype.recordOf = function (position) {
    return Math.floor(position / (this.span * FIELDS));
  };

  // The documents whose own texts (title, district) hold a term: all their records have it.
  Engine.prototype.documentsWith = function (term) {
    var found = [];
    for (var id in this.documentTexts) if (Q.has(this.documentTexts[id], term)) found.push(this.data.documents[id]);
    return found;
  };

  // What is known of each term a query names: the positions of each of its forms.
  Engine.prototype.termPositions = function (term) {
    return Promise.all(term.alternatives.map(this.positions, this));
  };

  // Marks, in `marks`, each record that has the term (`stamp` once for the term), counting them.
  Engine.prototype.markRecords = function (term, lists, marks, from, to) {
    var count = 0;
    var self = this;
    var mark = function (ref) { if (marks[ref] === from) { marks[ref] = to; count++; } };
    lists.forEach(function (list) {
      var last = -1;
      for (var i = 0; i < list.length; i++) {
        var ref = self.recordOf(list[i]);
        if (ref !== last) { mark(ref); last = ref; }
      }
    });
    this.documentsWith(term).forEach(function (d) { for (var ref = d.first; ref < d.last; ref++) mark(ref); });
    return count;
  };

  Engine.prototype.ensureFacets = function (filters) {
    var self = this;
    if (!filters || this.facets) return Promise.resolve();
    for (var name in filters) if (filters[name] && name !== "district" && name !== "document") {
      return this.load("facets", 0).then(function (facets) { self.facets = facets; });
    }
    return Promise.resolve();
  };

  Engine.prototype.documentOf = function (ref) {
    for (var id in this.data.documents) {
      var d = this.data.documents[id];
      if (ref >= d.first && ref < d.last) return id;
    }
    return null;
  };

  Engine.prototype.passesFilters = function (ref, filters) {
    if (!filters) return true;
    var document = filters.district || filters.document ? this.documentOf(ref) : null;
    if (filters.district && this.data.documents[document].district !== filters.district) return false;
    if (filters.document && document !== filters.document) return false;
    if (!this.facets) return true;
    var f = this.facets.records[ref]; // [kind, departments, themes, due, statuses]
    var names = this.facets;
    if (filters.kind && names.kinds[f[0]] !== filters.kind) return false;
    if (filters.department && f[1].indexOf(names.departments.indexOf(filters.department)) < 0) return false;
    if (filters.theme && f[2].indexOf(names.themes.indexOf(filters.theme)) < 0) return false;
    if (filters.due && !f[3].some(function (d) { return names.due[d].indexOf(filters.due) === 0; })) return false;
    if (filters.status && f[4].indexOf(names.statuses.indexOf(filters.status)) < 0) return false;
    return true;
  };

  // The slice of a sorted list that lies in one record.
  Engine.prototype.within = function (list, ref) {
    var from = ref * this.span * FIELDS;
    return [lowerBound(list, from), lowerBound(list, from + this.span * FIELDS)];
  };

  // The ranking level of a hit (query.js, rank), from where its terms stand; and within the level,
  // whether the whole query stands in a lead unit or in the text.
  Engine.prototype.level = function (ref, query, termLists) {
    var self = this;
    var span = this.span;
    var titleEnd = ref * span * FIELDS + span;
    var textOf = function (position) { return Math.floor(position / self.stride); };
    var phraseFields = [];
    var first = termLists[0][0];
    var range = this.within(first, ref);
    for (var i = range[0]; i < range[1]; i++) {
      var at = first[i] + query.terms[0].needle.length;
      var whole = true;
      for (var t = 1; t < query.terms.length && whole; t++) {
        whole = contains(termLists[t][0], at);
        at += query.terms[t].needle.length;
      }
      if (whole) phraseFields.push(Math.floor(first[i] / span) % FIELDS);
    }
    var inField = function (field) { return phraseFields.indexOf(field) >= 0; };
    var bonus = inField(1) ? 2 : inField(2) ? 1 : 0;
    if (inField(0)) return [Q.LEVELS.PHRASE_IN_TITLE, bonus];
    var texts = null; // the texts holding every term so far
    var inTitle = true;
    termLists.forEach(function (lists) {
      var here = {};
      var title = false;
      lists.forEach(function (list) {
        var r = self.within(list, ref);
        if (r[0] < r[1] && list[r[0]] < titleEnd) title = true;
        for (var n = r[0]; n < r[1]; n++) here[textOf(list[n])] = true;
      });
      inTitle = inTitle && title;
      if (texts === null) texts = here;
      else for (var key in texts) if (!here[key]) delete texts[key];
    });
    if (inTitle) return [Q.LEVELS.ALL_IN_TITLE, bonus];
    if (phraseFields.length) return [Q.LEVELS.PHRASE_IN_TEXT, bonus];
    for (var any in texts) return [Q.LEVELS.ALL_IN_ONE_TEXT, bonus]; // eslint-disable-line no-unreachable-loop
    return [Q.LEVELS.SPREAD, bonus];
  };

  Engine.prototype.parse = function (text) {
    return Q.parse(text, this.data.expansions);
  };

  // Every record that passes the filters and is found by the query, best first (by ranking level,
  // then a whole query in a lead unit or the text, then catalogue order), as a promise; a query of
  // nothing finds every record that passes the filters, in catalogue order. Each hit is
  // {ref, level, query}; its record is loaded by records().
  Engine.prototype.search = function (text, filters) {
    var self = this;
    var query = typeof text === "string" ? this.parse(text) : text;
    var terms = query.terms.concat(query.excluded);
    return Promise.all([Promise.all(terms.map(this.termPositions, this)), this.ensureFacets(filters)]).then(function (loaded) {
      var lists = loaded[0];
      var marks = new Uint8Array(self.count);
      var t;
      for (t = 0; t < query.terms.length; t++) self.markRecords(query.terms[t], lists[t], marks, t, t + 1);
      var wanted = query.terms.length;
      for (; t < terms.length; t++) self.markRecords(terms[t], lists[t], marks, wanted, 255);
      var hits = [];
      for (var ref = 0; ref < self.count; ref++) {
        if (marks[ref] !== wanted || !self.passesFilters(ref, filters)) continue;
        var level = wanted ? self.level(ref, query, lists.slice(0, wanted)) : [Q.LEVELS.SPREAD, 0];
        hits.push({ ref: ref, level: level[0], score: level[0] * 10 + level[1], query: query, record: null });
      }
      if (wanted) hits.sort(function (a, b) { return b.score - a.score || a.ref - b.ref; });
      return hits;
    });
  };

  // How many records have each term a query must have, on its own and without filters.
  Engine.prototype.termCounts = function (query) {
    var self = this;
    return Promise.all(query.terms.map(this.termPositions, this)).then(function (lists) {
      return query.terms.map(function (term, t) {
        return self.markRecords(term, lists[t], new Uint8Array(self.count), 0, 1);
      });
    });
  };

  // Loads the records of some hits (hit.record), as a promise of the hits.
  Engine.prototype.records = function (hits) {
    var self = this;
    var size = this.data.index.chunk;
    var wanted = {};
    hits.forEach(function (hit) { wanted[Math.floor(hit.ref / size)] = true; });
    return Promise.all(Object.keys(wanted).map(function (n) {
      if (!self.chunks[n]) self.chunks[n] = self.load("records", Number(n));
      return self.chunks[n];
    })).then(function () {
      return Promise.all(hits.map(function (hit) {
        return self.chunks[Math.floor(hit.ref / size)].then(function (chunk) { hit.record = chunk[hit.ref % size]; });
      }));
    }).then(function () { return hits; });
  };

  Engine.prototype.url = function (record) {
    return this.data.measureUrl.replace("{id}", record.id);
  };

  Engine.prototype.district = function (record) {
    return this.data.documents[record.document].district;
  };

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

  function textsOfField(record, name) {
    if (name === "title") return [record.title];
    if (name === "lead") return (record.lead || []).concat(record.aka || []);
    return record[name] || [];
  }

  // The texts a snippet may come from, by field ("document": the document's full title).
  Engine.prototype.texts = function (record, field) {
    if (field === "document") return this.data.documents[record.document].texts;
    return textsOfField(record, field);
  };

  Engine.prototype.foldedText = function (hit, field, index) {
    var key = hit.ref + " " + field + " " + index;
    if (!this.foldedTexts[key]) this.foldedTexts[key] = compactWithMap(this.texts(hit.record, field)[index]);
    return this.foldedTexts[key];
  };

  // What a hit's texts are marked for: every form of every term it must have.
  function needles(hit) {
    var query = hit.query;
    if (!query) return [];
    if (!query.needles) {
      query.needles = [];
      query.terms.forEach(function (t) { query.needles = query.needles.concat(t.alternatives); });
    }
    return query.needles;
  }

  // Where the terms stand in a text: [start, end) spans of the text as written, in order, overlaps joined.
  Engine.prototype.spans = function (hit, field, index) {
    var folded = this.foldedText(hit, field, index);
    var found = [];
    needles(hit).forEach(function (needle) {
      for (var at = folded.text.indexOf(needle); at >= 0; at = folded.text.indexOf(needle, at + needle.length)) {
        found.push([folded.map[at], folded.map[at + needle.length - 1] + 1]);
      }
    });
    found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var spans = [];
    found.forEach(function (span) {
      var last = spans[spans.length - 1];
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else spans.push(span.slice());
    });
    return spans;
  };

  // HTML for a text with every occurrence of the terms marked; cut around the first one if asked.
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

  // The text (outside the title, which a result shows anyway) that holds the most terms, cut
  // around their first occurrence; or the beginning of the measure's text.
  Engine.prototype.snippet = function (hit) {
    var best = null;
    var bestCount = 0;
    var wanted = needles(hit);
    for (var f = 0; f < SNIPPET_FIELDS.length && wanted.length; f++) {
      var texts = this.texts(hit.record, SNIPPET_FIELDS[f]);
      for (var i = 0; i < texts.length; i++) {
        var folded = this.foldedText(hit, SNIPPET_FIELDS[f], i).text;
        var count = wanted.filter(function (needle) { return folded.indexOf(needle) >= 0; }).length;
        if (count > bestCount) { best = [SNIPPET_FIELDS[f], i]; bestCount = count; }
      }
    }
    if (best) return this.marked(hit, best[0], best[1], true);
    return (hit.record.body || []).length ? this.marked(hit, "body", 0, true) : "";
  };

  // Loading, in the browser: search/index.js, then the parts of the index, the chunks of records
  // and the filters' data as they are needed, each a script that hands its data to received().
  // Scripts rather than fetch(), so that the site also searches when opened from disk.
  var waiting = {};

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = url;
      script.async = true;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("search index: cannot load " + url)); };
      document.head.appendChild(script);
    });
  }

  function received(name, data) { waiting[name] = data; }

  function fileOf(data, kind, n) {
    return data.files[kind].replace("{}", n);
  }

  // base: the site's root URL, ending in "/".
  function load(base) {
    return loadScript(base + "search/index.js").then(function () {
      var data = waiting.index;
      return new Engine(data, function (kind, n) {
        var name = kind + " " + n;
        if (waiting[name]) return Promise.resolve(waiting[name]);
        return loadScript(base + fileOf(data, kind, n)).then(function () { return waiting[name]; });
      });
    });
  }

  var api = { load: load, received: received, fileOf: fileOf, covering: covering, Engine: Engine, escapeHtml: escapeHtml };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.CatalogueSearch = api;
})(this);
