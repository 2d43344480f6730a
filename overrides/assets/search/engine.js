// The search engine: lunr finds candidates by character pairs, then every candidate is checked
// to contain the query itself (its characters in order, punctuation and spaces aside), so a
// hit is never a record that merely has the query's pairs scattered over it.
// Depends on lunr.js and tokenizer.js (window.lunr, window.CatalogueTokenizer).
(function (root) {
  "use strict";
  var T = root.CatalogueTokenizer || require("./tokenizer.js");
  var lunr = root.lunr || require("lunr");
  var FIELDS = ["title", "lead", "body", "meta"];
  var SNIPPET_CONTEXT = 36;

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // The compact form of a text and, for each of its characters, where it came from.
  function compactWithMap(text) {
    var compact = "";
    var map = [];
    for (var i = 0; i < text.length; i++) {
      var folded = T.normalize(text[i]);
      for (var j = 0; j < folded.length; j++) {
        if (folded[j] === " ") continue;
        compact += folded[j];
        map.push(i);
      }
    }
    return { text: compact, map: map };
  }

  function Engine(data) {
    this.data = data;
    this.records = data.records;
    this.index = lunr.Index.load(data.index);
    this.compacts = new Array(this.records.length);
  }

  Engine.prototype.compactFields = function (ref) {
    if (!this.compacts[ref]) {
      var fields = this.records[ref].fields;
      var result = {};
      FIELDS.forEach(function (name) { result[name] = compactWithMap(fields[name]); });
      this.compacts[ref] = result;
    }
    return this.compacts[ref];
  };

  Engine.prototype.candidates = function (query) {
    var terms = T.queryTerms(query);
    if (!terms.length) return [];
    return this.index.query(function (q) {
      terms.forEach(function (t) {
        q.term(t.term, {
          presence: lunr.Query.presence.REQUIRED,
          wildcard: t.prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
          usePipeline: false
        });
      });
    });
  };

  Engine.prototype.matchIn = function (ref, needle, names) {
    var fields = this.compactFields(ref);
    for (var k = 0; k < names.length; k++) {
      var at = fields[names[k]].text.indexOf(needle);
      if (at >= 0) return { field: names[k], at: at, length: needle.length };
    }
    return null;
  };

  // Where the query stands in a record: its first occurrence in the first field that has it.
  Engine.prototype.matches = function (ref, query) {
    var match = this.matchIn(ref, T.compact(query), FIELDS);
    return match ? [match] : null;
  };

  Engine.prototype.passesFilters = function (record, filters) {
    if (!filters) return true;
    if (filters.district && record.district !== filters.district) return false;
    if (filters.document && record.document !== filters.document) return false;
    if (filters.kind && record.kind !== filters.kind) return false;
    if (filters.department && record.departments.indexOf(filters.department) < 0) return false;
    if (filters.theme && record.themes.indexOf(filters.theme) < 0) return false;
    if (filters.due && !record.due.some(function (d) { return d.indexOf(filters.due) === 0; })) return false;
    return true;
  };

  Engine.prototype.search = function (query, filters) {
    var self = this;
    var hits = [];
    if (!T.compact(query)) {
      this.records.forEach(function (record, ref) {
        if (self.passesFilters(record, filters)) hits.push({ ref: ref, record: record, score: 0, matches: [] });
      });
      return hits;
    }
    this.candidates(query).forEach(function (result) {
      var ref = Number(result.ref);
      var record = self.records[ref];
      if (!self.passesFilters(record, filters)) return;
      var matches = self.matches(ref, query);
      if (!matches) return;
      var boost = matches[0].field === "title" ? 1000 : matches[0].field === "lead" ? 100 : 0;
      hits.push({ ref: ref, record: record, score: result.score + boost, matches: matches });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.ref - b.ref; });
    return hits;
  };

  // HTML for a field's text with the matched characters marked, cut around the first match.
  Engine.prototype.highlight = function (hit, field, cut) {
    var text = hit.record.fields[field];
    var compact = this.compactFields(hit.ref)[field];
    var spans = hit.matches.filter(function (m) { return m.field === field; }).map(function (m) {
      return [compact.map[m.at], compact.map[m.at + m.length - 1] + 1];
    });
    var from = 0;
    var to = text.length;
    if (cut && spans.length) {
      from = Math.max(0, spans[0][0] - SNIPPET_CONTEXT);
      to = Math.min(text.length, spans[0][1] + SNIPPET_CONTEXT * 2);
    } else if (cut) {
      to = Math.min(text.length, SNIPPET_CONTEXT * 3);
    }
    var html = from > 0 ? "…" : "";
    var position = from;
    spans.sort(function (a, b) { return a[0] - b[0]; }).forEach(function (span) {
      if (span[0] < position || span[1] > to) return;
      html += escapeHtml(text.slice(position, span[0])) + "<mark>" + escapeHtml(text.slice(span[0], span[1])) + "</mark>";
      position = span[1];
    });
    html += escapeHtml(text.slice(position, to)) + (to < text.length ? "…" : "");
    return html;
  };

  // The text around the match, outside the title (which a result shows anyway).
  Engine.prototype.snippet = function (hit, query) {
    var match = query ? this.matchIn(hit.ref, T.compact(query), ["body", "lead", "meta"]) : null;
    if (!match) return this.highlight({ ref: hit.ref, record: hit.record, matches: [] }, "body", true);
    return this.highlight({ ref: hit.ref, record: hit.record, matches: [match] }, match.field, true);
  };

  function load(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error("search index: HTTP " + response.status);
      return response.json();
    }).then(function (data) { return new Engine(data); });
  }

  var api = { load: load, Engine: Engine, escapeHtml: escapeHtml };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.CatalogueSearch = api;
})(this);
