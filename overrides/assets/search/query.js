// The query language and which measures a query finds; reforms/search/query.py is its twin (read its
// docstring). tests/test_search_query.py feeds both the same queries and compares the output.
(function (root) {
  "use strict";
  var T = root.CatalogueTokenizer || require("./tokenizer.js");
  var SPACES = " \t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
  var QUOTES = "\"＂“”「」『』";
  var EXCLUDE = "-－";
  var MAX_TERMS = 12;
  var MAX_TERM_CHARS = 60;
  var LEVELS = { PHRASE_IN_TITLE: 5, ALL_IN_TITLE: 4, PHRASE_IN_TEXT: 3, ALL_IN_ONE_TEXT: 2, SPREAD: 1 };

  function splitTerms(text) {
    var found = [];
    var i = 0;
    var n = text.length;
    while (i < n) {
      while (i < n && SPACES.indexOf(text[i]) >= 0) i++;
      if (i === n) break;
      var exclude = EXCLUDE.indexOf(text[i]) >= 0;
      if (exclude) i++;
      var quoted = false;
      var piece = "";
      while (i < n && SPACES.indexOf(text[i]) < 0) {
        if (QUOTES.indexOf(text[i]) >= 0) {
          quoted = true;
          var end = i + 1;
          while (end < n && QUOTES.indexOf(text[end]) < 0) end++;
          piece += text.slice(i + 1, end);
          i = end + 1;
        } else {
          piece += text[i];
          i++;
        }
      }
      found.push([piece, quoted, exclude]);
    }
    return found;
  }

  // expansions: folded word → other forms, as written (search/index.js; reforms/search/expand.py).
  function parse(text, expansions) {
    var query = { terms: [], excluded: [], cut: false };
    splitTerms(String(text)).forEach(function (split) {
      var needle = T.compact(split[0]);
      if (!needle) return;
      if (needle.length > MAX_TERM_CHARS) { needle = needle.slice(0, MAX_TERM_CHARS); query.cut = true; }
      if (query.terms.length + query.excluded.length >= MAX_TERMS) { query.cut = true; return; }
      var also = split[1] || split[2] || !expansions || !Object.prototype.hasOwnProperty.call(expansions, needle) ? [] : expansions[needle];
      var term = {
        text: split[0], needle: needle, quoted: split[1], exclude: split[2],
        alternatives: [needle].concat(also.map(T.compact)), also: also
      };
      (split[2] ? query.excluded : query.terms).push(term);
    });
    query.phrase = query.terms.map(function (t) { return t.needle; }).join("");
    return query;
  }

  function has(texts, term) {
    for (var a = 0; a < term.alternatives.length; a++) {
      for (var i = 0; i < texts.length; i++) if (texts[i].indexOf(term.alternatives[a]) >= 0) return true;
    }
    return false;
  }

  function matches(texts, query) {
    for (var i = 0; i < query.terms.length; i++) if (!has(texts, query.terms[i])) return false;
    for (var j = 0; j < query.excluded.length; j++) if (has(texts, query.excluded[j])) return false;
    return true;
  }

  function hasAll(texts, query) {
    return query.terms.length > 0 && query.terms.every(function (t) { return has(texts, t); });
  }

  function rank(title, texts, query) {
    var phrase = query.phrase;
    if (phrase && title.indexOf(phrase) >= 0) return LEVELS.PHRASE_IN_TITLE;
    if (hasAll([title], query)) return LEVELS.ALL_IN_TITLE;
    if (phrase && texts.some(function (t) { return t.indexOf(phrase) >= 0; })) return LEVELS.PHRASE_IN_TEXT;
    if (texts.some(function (t) { return hasAll([t], query); })) return LEVELS.ALL_IN_ONE_TEXT;
    return LEVELS.SPREAD;
  }

  var api = { parse: parse, splitTerms: splitTerms, matches: matches, rank: rank, has: has, LEVELS: LEVELS };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.CatalogueQuery = api;
})(this);
