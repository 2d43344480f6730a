// The search engine: lunr.js over the lunr index prebuilt by reforms/search/lunr_index.py,
// loaded in parts as queries need them, and the query rule of query.js. For each term, lunr finds
// the records that have every pair of characters covering it, and returns with each where those
// pairs stand (lunrpart.js); where they stand one after another in one text, the term stands. No
// text is downloaded to check a hit. The records a result list shows are loaded in chunks, and
// what the filters read only once a filter is set. Formats: reforms/search/files.py. Depends on
// tokenizer.js, query.js, lunrpart.js and marks.js (window.CatalogueTokenizer, CatalogueQuery,
// CatalogueLunrPart, CatalogueMarks).
(function (root) {
  "use strict";
  var T = root.CatalogueTokenizer || require("./tokenizer.js");
  var Q = root.CatalogueQuery || require("./query.js");
  var L = root.CatalogueLunrPart || require("./lunrpart.js");
  var M = root.CatalogueMarks || require("./marks.js");


  // data: the contents of search/index.js; load(kind, n): a promise of a file's data, kind being
  // "lunr" (lunr.js itself), "part" (of the lunr index), "records" (a chunk of records) or "facets".
  function Engine(data, load) {
    this.data = data;
    this.load = load;
    this.stride = data.index.stride;
    this.fieldSpan = data.index.fieldSpan;
    this.count = data.index.records;
    this.parts = [];
    this.found = {}; // folded term → Map ref → {score, at: where it starts}
    this.chunks = [];
    this.facets = null;
    this.documentTexts = {};
    for (var id in data.documents) this.documentTexts[id] = data.documents[id].texts.map(T.compact);
    this.foldedTexts = {}; // "ref field index" → a text folded with where each character came from
  }

  Engine.prototype.part = function (n) {
    if (!this.parts[n]) {
      this.parts[n] = Promise.all([this.load("lunr", 0), this.load("part", n)]).then(function (loaded) {
        return L.lunrPart(loaded[1]);
      });
    }
    return this.parts[n];
  };

  // Loads the parts of the index a query needs, without answering it.
  Engine.prototype.prepare = function (text) {
    var self = this;
    var query = typeof text === "string" ? this.parse(text) : text;
    var needed = [];
    query.terms.concat(query.excluded).forEach(function (term) {
      term.alternatives.forEach(function (needle) {
        L.covering(needle).forEach(function (pair) { needed.push(self.part(T.shardOf(pair[0], self.data.index.parts))); });
      });
    });
    return Promise.all(needed);
  };

  // Forgets the answers found so far (each term's records), keeping the parts loaded: for timing.
  Engine.prototype.forget = function () {
    this.found = {};
  };

  // The records whose own texts hold a folded term, as a Map from ref to {score: lunr's for the
  // term's rarest pair; at: where the term starts, sorted (lunr_index.py: positions)}. lunr is asked
  // for the rarest pair only: it goes through every record that has each token it is asked for.
  Engine.prototype.positions = function (needle) {
    var self = this;
    if (this.found[needle]) return Promise.resolve(this.found[needle]);
    var pairs = L.covering(needle);
    var count = this.data.index.parts;
    return Promise.all(pairs.map(function (pair) { return self.part(T.shardOf(pair[0], count)); })).then(function (parts) {
      var rarest = 0;
      var sizes = pairs.map(function (pair, j) { return parts[j].counts[pair[0]] || 0; });
      for (var j = 1; j < pairs.length; j++) if (sizes[j] < sizes[rarest]) rarest = j;
      var found = new Map();
      if (!sizes[rarest]) return (self.found[needle] = found);
      var lists = new Array(pairs.length);
      var results = L.query(parts[rarest], pairs[rarest][0]);
      next: for (var r = 0; r < results.length; r++) {
        var ref = Number(results[r].ref);
        for (var k = 0; k < pairs.length; k++) {
          lists[k] = k === rarest ? L.matchedPositions(results[r], pairs[k][0]) : L.positionsOf(parts[k], pairs[k][0], ref);
          if (!lists[k]) continue next;
        }
        var at = L.starts(pairs, lists, self.stride);
        if (at) found.set(ref, { score: results[r].score, at: at });
      }
      return (self.found[needle] = found);
    });
  };

  // The documents whose own texts (title, district) hold a term: all their records have it.
  Engine.prototype.documentsWith = function (term) {
    var found = [];
    for (var id in this.documentTexts) if (Q.has(this.documentTexts[id], term)) found.push(this.data.documents[id]);
    return found;
  };

  // Where each form of a term stands: a list of Maps (Engine.positions), the term's needle first.
  Engine.prototype.termPositions = function (term) {
    return Promise.all(term.alternatives.map(this.positions, this));
  };

  // Marks, in `marks`, each record that has the term (from `from` to `to`), counting them.
  Engine.prototype.markRecords = function (term, lists, marks, from, to) {
    var count = 0;
    var mark = function (ref) { if (marks[ref] === from) { marks[ref] = to; count++; } };
    lists.forEach(function (found) { found.forEach(function (_, ref) { mark(ref); }); });
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

  // The ranking level of a hit (query.js, rank), from where its terms stand; and within the level,
  // whether the whole query stands in a lead unit (field 1) or in the text (field 2).
  Engine.prototype.level = function (ref, query, termLists) {
    var stride = this.stride;
    var span = this.fieldSpan;
    var terms = query.terms;
    var here = termLists.map(function (lists) { return lists[0].get(ref); }); // each needle, not its other forms
    var phraseFields = 0; // a bit for each field where the whole query stands
    var starts = here[0] ? here[0].at : [];
    next: for (var n = 0; n < starts.length; n++) {
      var at = starts[n] + terms[0].needle.length;
      for (var t = 1; t < terms.length; t++) {
        if (!here[t] || !L.contains(here[t].at, at)) continue next;
        at += terms[t].needle.length;
      }
      phraseFields |= 1 << Math.floor(starts[n] / span);
    }
    var bonus = phraseFields & 2 ? 2 : phraseFields & 4 ? 1 : 0;
    if (phraseFields & 1) return [Q.LEVELS.PHRASE_IN_TITLE, bonus];
    if (termLists.every(function (lists) { return lists.some(function (found) { var hit = found.get(ref); return hit && hit.at[0] < span; }); })) {
      return [Q.LEVELS.ALL_IN_TITLE, bonus];
    }
    if (phraseFields) return [Q.LEVELS.PHRASE_IN_TEXT, bonus];
    var texts = null; // the texts (by number: field span and stride) holding every term so far
    for (var t2 = 0; t2 < termLists.length; t2++) {
      var holding = {};
      for (var a = 0; a < termLists[t2].length; a++) {
        var hit = termLists[t2][a].get(ref);
        for (var m = 0; hit && m < hit.at.length; m++) holding[Math.floor(hit.at[m] / stride)] = true;
      }
      if (texts === null) texts = holding;
      else for (var key in texts) if (!holding[key]) delete texts[key];
    }
    for (var any in texts) return [Q.LEVELS.ALL_IN_ONE_TEXT, bonus]; // eslint-disable-line no-unreachable-loop
    return [Q.LEVELS.SPREAD, bonus];
  };

  // lunr's score of a hit: the sum over the terms' forms that it has.
  function lunrScore(ref, lists) {
    var score = 0;
    lists.forEach(function (forms) {
      forms.forEach(function (found) { var hit = found.get(ref); if (hit) score += hit.score; });
    });
    return score;
  }

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
      var termLists = lists.slice(0, wanted);
      for (var ref = 0; ref < self.count; ref++) {
        if (marks[ref] !== wanted || !self.passesFilters(ref, filters)) continue;
        var level = wanted ? self.level(ref, query, termLists) : [Q.LEVELS.SPREAD, 0];
        var weight = wanted ? lunrScore(ref, termLists) : 0;
        hits.push({ ref: ref, level: level[0], score: level[0] * 10 + level[1], weight: weight, query: query, record: null });
      }
      if (wanted) hits.sort(function (a, b) { return b.score - a.score || b.weight - a.weight || a.ref - b.ref; });
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

  // Loading, in the browser: search/index.js and lunr.js, then the parts of the index, the chunks of records
  // and the filters' data as they are needed, each a script that hands its data to received().
  // Scripts rather than fetch(), so that the site also searches when opened from disk.
  var waiting = {};
  var LUNR_SCRIPT = "search/lunr.js"; // reforms/search/files.py

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

  // base: the site's root URL, ending in "/". Each file is loaded once; lunr.js (which hands over
  // nothing but sets window.lunr) along with search/index.js, as every query needs it.
  function load(base) {
    var loading = { "lunr 0": loadScript(base + LUNR_SCRIPT).then(function () { return root.lunr; }) };
    return loadScript(base + "search/index.js").then(function () {
      var data = waiting.index;
      return new Engine(data, function (kind, n) {
        var name = kind + " " + n;
        if (!loading[name]) {
          loading[name] = loadScript(base + fileOf(data, kind, n)).then(function () { return waiting[name]; });
        }
        return loading[name];
      });
    });
  }

  M.addMarking(Engine.prototype);

  var api = { load: load, received: received, fileOf: fileOf, covering: L.covering, Engine: Engine, escapeHtml: M.escapeHtml };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.CatalogueSearch = api;
})(this);
