// The search engine. lunr finds the candidates: the records that have every pair of characters
// (or word) of the query, in the parts of the index the query's terms are in (loaded once, when
// first needed). Then each candidate's texts, folded like the query (tokenizer.js: width, case,
// spaces and punctuation), must contain the folded query itself, in one text: so a hit is exactly
// a record with a text that contains the query, never one with its pairs scattered about. The
// formats are described in reforms/search/index.py and lunr_index.py. Depends on tokenizer.js
// and lunr.js (window.CatalogueTokenizer, window.lunr).
(function (root) {
  "use strict";
  var T = root.CatalogueTokenizer || require("./tokenizer.js");
  var Q = root.CatalogueQuery || require("./query.js");
  var FIELDS = ["title", "lead", "body", "meta"];
  var SNIPPET_FIELDS = ["body", "lead", "meta", "document"];
  var BREAK = "\n"; // never in a folded text
  var SNIPPET_CONTEXT = 36;

  function lunrLibrary() {
    return root.lunr || globalThis.lunr; // a browser's window, or Node's global (tests)
  }

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

  // The folded texts of a record's fields, each field's texts joined with a line break.
  function foldedFields(record) {
    var folded = {};
    for (var i = 0; i < FIELDS.length; i++) folded[FIELDS[i]] = textsOfField(FIELDS[i])(record).map(T.compact).join(BREAK);
    return folded;
  }

  function textsOfField(name) {
    if (name === "title") return function (r) { return [r.title]; };
    if (name === "lead") return function (r) { return (r.lead || []).concat(r.aka || []); };
    return function (r) { return r[name] || []; };
  }

  // A lunr.Index from a part of the index (its format: reforms/search/lunr_index.py). Every
  // posting's metadata is the same empty object: nothing is recorded, and lunr only reads it.
  var NO_METADATA = Object.freeze({});

  function lunrPart(part, fields) {
    var lunr = lunrLibrary();
    var invertedIndex = {};
    var elements = fields.map(function () { return []; }); // [field][ref] → [term, weight, …]
    part.terms.forEach(function (term, t) {
      var posting = { _index: t };
      fields.forEach(function (field, f) {
        var docs = {};
        var list = part.postings[t][f];
        var vectors = elements[f];
        for (var i = 0, ref = 0; i < list.length; i += 2) {
          ref += list[i];
          docs[ref] = NO_METADATA;
          (vectors[ref] || (vectors[ref] = [])).push(t, list[i + 1] / 1000);
        }
        posting[field] = docs;
      });
      invertedIndex[term] = posting;
    });
    var fieldVectors = {};
    fields.forEach(function (field, f) {
      elements[f].forEach(function (vector, ref) { fieldVectors[field + "/" + ref] = new lunr.Vector(vector); });
    });
    return new lunr.Index({
      invertedIndex: invertedIndex,
      fieldVectors: fieldVectors,
      tokenSet: lunr.TokenSet.fromArray(part.terms),
      fields: fields,
      pipeline: new lunr.Pipeline()
    });
  }

  // data: the contents of search/index.js; loadPart(n): a promise of part n of the lunr index.
  function Engine(data, loadPart) {
    this.data = data;
    this.records = data.records;
    this.loadPart = loadPart;
    this.parts = [];
    this.documentTexts = {};
    for (var id in data.documents) this.documentTexts[id] = data.documents[id].texts.map(T.compact).join(BREAK);
    this.foldedRecords = [];
    this.foldedTexts = {}; // "ref field index" → compactWithMap of that text, for highlighting
  }

  Engine.prototype.part = function (n) {
    var fields = this.data.lunr.fields;
    if (!this.parts[n]) this.parts[n] = this.loadPart(n).then(function (part) { return lunrPart(part, fields); });
    return this.parts[n];
  };

  // The records that have every term of the query in the lunr index, with lunr's score (each
  // part scores its own terms; the scores add up), as a Map from ref to score.
  Engine.prototype.candidates = function (query) {
    var lunr = lunrLibrary();
    var count = this.data.lunr.parts;
    var byPart = {};
    var seen = {};
    T.queryTerms(query).forEach(function (term) {
      if (seen[term.term]) return;
      seen[term.term] = true;
      var n = T.shardOf(term.term, count);
      (byPart[n] || (byPart[n] = [])).push(term);
    });
    var numbers = Object.keys(byPart).map(Number);
    return Promise.all(numbers.map(this.part, this)).then(function (indexes) {
      var found = null;
      indexes.forEach(function (index, i) {
        var results = index.query(function (q) {
          byPart[numbers[i]].forEach(function (term) {
            q.term(term.term, {
              presence: lunr.Query.presence.REQUIRED,
              wildcard: term.prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
              usePipeline: false
            });
          });
        });
        var scores = new Map();
        results.forEach(function (result) {
          var ref = Number(result.ref);
          if (!found) scores.set(ref, result.score);
          else if (found.has(ref)) scores.set(ref, found.get(ref) + result.score);
        });
        found = scores;
      });
      return found || new Map();
    });
  };

  Engine.prototype.foldedRecord = function (ref) {
    return this.foldedRecords[ref] || (this.foldedRecords[ref] = foldedFields(this.records[ref]));
  };

  // The folded texts of a record, each apart: its own (title first), and with its document's.
  Engine.prototype.recordTexts = function (ref) {
    var folded = this.foldedRecord(ref);
    if (!folded.own) {
      folded.own = [folded.title].concat(folded.lead.split(BREAK), folded.body.split(BREAK), folded.meta.split(BREAK));
      folded.all = folded.own.concat(this.documentTexts[this.records[ref].document]);
    }
    return folded;
  };

  // Within a ranking level: a title that holds the whole query (shorter titles first, as the query
  // is more of them), then the lead units, the text, the other details.
  Engine.prototype.textScore = function (ref, needle) {
    var folded = this.foldedRecord(ref);
    var score = 0;
    if (!needle) return score;
    if (folded.title.indexOf(needle) >= 0) score += 100 + (100 * needle.length) / folded.title.length;
    if (folded.lead.indexOf(needle) >= 0) score += 8;
    if (folded.body.indexOf(needle) >= 0) score += 4;
    if (folded.meta.indexOf(needle) >= 0) score += 2;
    return score;
  };

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
    if (filters.status && (record.status || []).indexOf(filters.status) < 0) return false;
    return true;
  };

  // The records that may have a term: lunr's candidates (with lunr's score), and every record of
  // a document whose own texts hold the term.
  Engine.prototype.termCandidates = function (term) {
    var self = this;
    // The term as typed (lunr's Latin tokens stop at punctuation, which folding drops), then its other forms.
    var typed = T.compact(term.text) === term.needle ? term.text : term.needle; // unless it was cut
    var looked = [typed].concat(term.alternatives.slice(1));
    return Promise.all(looked.map(function (text) { return self.candidates(text); })).then(function (found) {
      var scores = new Map();
      found.forEach(function (candidates) {
        candidates.forEach(function (score, ref) { scores.set(ref, (scores.get(ref) || 0) + score); });
      });
      var documents = {};
      var any = false;
      for (var id in self.documentTexts) {
        if (Q.has([self.documentTexts[id]], term)) documents[id] = any = true;
      }
      if (any) self.records.forEach(function (record, ref) { if (documents[record.document] && !scores.has(ref)) scores.set(ref, 0); });
      return scores;
    });
  };

  // The records that may have every term a query must have, as a Map from ref to lunr's score;
  // every record if it has none (only terms to exclude).
  Engine.prototype.queryCandidates = function (query) {
    var self = this;
    if (!query.terms.length) {
      var all = new Map();
      this.records.forEach(function (record, ref) { all.set(ref, 0); });
      return Promise.resolve(all);
    }
    return Promise.all(query.terms.map(this.termCandidates, this)).then(function (sets) {
      sets.sort(function (a, b) { return a.size - b.size; });
      var found = new Map();
      sets[0].forEach(function (score, ref) {
        for (var i = 1; i < sets.length; i++) {
          if (!sets[i].has(ref)) return;
          score += sets[i].get(ref);
        }
        found.set(ref, score);
      });
      return found;
    });
  };

  // Every record that passes the filters and is found by the query (query.js), best first (by
  // ranking level, then the texts that hold the whole query, then lunr's score), as a promise;
  // a query of nothing finds every record that passes the filters, in catalogue order. Each hit
  // carries the parsed query (for highlighting).
  Engine.prototype.search = function (text, filters) {
    var self = this;
    var query = typeof text === "string" ? Q.parse(text) : text;
    if (!query.terms.length && !query.excluded.length) {
      var all = [];
      this.records.forEach(function (record, ref) {
        if (self.passesFilters(record, filters)) all.push({ ref: ref, record: record, score: 0, weight: 0, query: query });
      });
      return Promise.resolve(all);
    }
    return this.queryCandidates(query).then(function (candidates) {
      var hits = [];
      candidates.forEach(function (weight, ref) {
        var record = self.records[ref];
        if (!self.passesFilters(record, filters)) return;
        var folded = self.recordTexts(ref);
        if (!Q.matches(folded.all, query)) return;
        var score = Q.rank(folded.title, folded.own, query) * 1000 + self.textScore(ref, query.phrase);
        hits.push({ ref: ref, record: record, score: score, weight: weight, query: query });
      });
      hits.sort(function (a, b) { return b.score - a.score || b.weight - a.weight || a.ref - b.ref; });
      return hits;
    });
  };

  // The texts a snippet may come from, by field ("document": the document's full title).
  Engine.prototype.texts = function (record, field) {
    if (field === "document") return this.data.documents[record.document].texts;
    return textsOfField(field)(record);
  };

  Engine.prototype.foldedText = function (hit, field, index) {
    var key = hit.ref + " " + field + " " + index;
    if (!this.foldedTexts[key]) this.foldedTexts[key] = compactWithMap(this.texts(hit.record, field)[index]);
    return this.foldedTexts[key];
  };

  // What a hit's texts are marked for: every alternative of every term it must have.
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

  // Loading, in the browser: search/lunr.js and search/index.js, then each part of the lunr index
  // as a query needs it, each a script that hands its data to loaded() or partLoaded() (see
  // reforms/search/files.py). Scripts rather than fetch(), so that the site also searches when
  // opened from disk.
  var received = { index: null, parts: {} };

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

  // base: the site's root URL, ending in "/".
  function load(base) {
    return Promise.all([loadScript(base + "search/lunr.js"), loadScript(base + "search/index.js")]).then(function () {
      var data = received.index;
      return new Engine(data, function (n) {
        if (received.parts[n]) return Promise.resolve(received.parts[n]);
        return loadScript(base + data.lunr.partUrl.replace("{}", n)).then(function () { return received.parts[n]; });
      });
    });
  }

  function loaded(data) { received.index = data; }
  function partLoaded(n, data) { received.parts[n] = data; }

  var api = { load: load, loaded: loaded, partLoaded: partLoaded, Engine: Engine, escapeHtml: escapeHtml };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.CatalogueSearch = api;
})(this);
