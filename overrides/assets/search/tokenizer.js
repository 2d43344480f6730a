// Search text folding and tokens; reforms/search/tokenize.py is its twin (read its docstring). Keep the two
// in step: tests/test_search_tokenizer.py feeds both the same strings and compares the output.
(function (root) {
  "use strict";
  var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var SEPARATOR = new RegExp("[^0-9a-z" + HAN + "]+", "g");
  var DROPPED = new RegExp("[^0-9a-z" + HAN + "]", "g");
  // Characters that fold to themselves (compatibility ideographs U+F900–FAFF do not): the fast path.
  var UNCHANGED = "0-9a-z\u3400-\u4dbf\u4e00-\u9fff";
  var CHANGED = new RegExp("[^" + UNCHANGED + "]", "g");
  var folded = Object.create(null);

  function normalizeChar(char) {
    return char.normalize("NFKC").toLowerCase();
  }

  function normalize(text) {
    var result = "";
    for (var i = 0; i < text.length; i++) result += normalizeChar(text[i]);
    return result.replace(SEPARATOR, " ").trim();
  }

  // What one character (UTF-16 unit) contributes to the compact form: itself, its folded
  // letters or digits, or nothing. Remembered, as a text repeats few distinct characters.
  function compactChar(char) {
    var result = folded[char];
    if (result === undefined) result = folded[char] = normalizeChar(char).replace(DROPPED, "");
    return result;
  }

  function compact(text) {
    return text.replace(CHANGED, compactChar);
  }

  var SPACE_BY_HAN = new RegExp("(?<=[" + HAN + "]) | (?=[" + HAN + "])", "g");
  var RUN = new RegExp("[" + HAN + "]+|[0-9a-z]+", "g");

  function runs(text) {
    return normalize(text).replace(SPACE_BY_HAN, "").match(RUN) || [];
  }

  function isHan(run) {
    var first = run[0];
    return !((first >= "a" && first <= "z") || (first >= "0" && first <= "9"));
  }

  function tokens(text) {
    var result = [];
    runs(text).forEach(function (run) {
      var han = isHan(run);
      for (var i = 0; i < run.length; i++) {
        if (!han) {
          result.push(run.slice(i));
        } else {
          result.push(run[i]);
          if (i + 1 < run.length) result.push(run.slice(i, i + 2));
        }
      }
    });
    return result;
  }

  // What a query looks up in the lunr index: a Chinese run's overlapping pairs (a lone character
  // as itself), exactly; a Latin or digit run as a prefix, since the text may go on where the
  // query stops.
  function queryTerms(text) {
    var terms = [];
    runs(text).forEach(function (run) {
      if (!isHan(run)) terms.push({ term: run, prefix: true });
      else if (run.length === 1) terms.push({ term: run, prefix: false });
      else for (var i = 0; i < run.length - 1; i++) terms.push({ term: run.slice(i, i + 2), prefix: false });
    });
    return terms;
  }

  function shardOf(token, shards) {
    var key = isHan(token) ? token : token[0];
    var hashed = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) hashed = Math.imul(hashed ^ key.charCodeAt(i), 0x01000193) >>> 0;
    return hashed % shards;
  }

  var api = {
    normalize: normalize, normalizeChar: normalizeChar, compact: compact, compactChar: compactChar,
    runs: runs, tokens: tokens, queryTerms: queryTerms, shardOf: shardOf
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.CatalogueTokenizer = api;
})(this);
