// What a result shows of a hit, marked: its title and a snippet of the text that holds the most
// of the query's terms, every occurrence of every term (and of its other forms) in <mark>, all
// text escaped. Added to the engine's prototype by engine.js (addMarking). Depends on tokenizer.js.
(function (root) {
  "use strict";
  var T = root.CatalogueTokenizer || require("./tokenizer.js");
  var SNIPPET_FIELDS = ["body", "lead", "meta", "document"];
  var SNIPPET_CONTEXT = 36;

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // The engine reads data (search/index.js) and keeps foldedTexts (a cache of its own).
  function addMarking(prototype) {
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
    prototype.texts = function (record, field) {
      if (field === "document") return this.data.documents[record.document].texts;
      return textsOfField(record, field);
    };

    prototype.foldedText = function (hit, field, index) {
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
    prototype.spans = function (hit, field, index) {
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
    prototype.marked = function (hit, field, index, cut) {
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

    prototype.highlight = function (hit, field) {
      return this.marked(hit, field, 0, false);
    };

    // The text (outside the title, which a result shows anyway) that holds the most terms, cut
    // around their first occurrence; or the beginning of the measure's text.
    prototype.snippet = function (hit) {
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
  }

  var api = { addMarking: addMarking, escapeHtml: escapeHtml };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.CatalogueMarks = api;
})(this);
