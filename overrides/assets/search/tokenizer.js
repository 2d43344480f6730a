// The search tokenizer; reforms/search/tokenize.py is its twin. Keep the two in step:
// tests/test_search_tokenizer.py feeds both the same strings and compares the output.
(function (root) {
  "use strict";
  var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var SEPARATOR = new RegExp("[^0-9a-z" + HAN + "]+", "g");
  var RUN = new RegExp("[" + HAN + "]+|[0-9a-z]+", "g");

  function normalizeChar(char) {
    return char.normalize("NFKC").toLowerCase();
  }

  function normalize(text) {
    var folded = "";
    for (var i = 0; i < text.length; i++) folded += normalizeChar(text[i]);
    return folded.replace(SEPARATOR, " ").trim();
  }

  function compact(text) {
    return normalize(text).replace(/ /g, "");
  }

  function tokens(text) {
    var result = [];
    var runs = normalize(text).match(RUN) || [];
    runs.forEach(function (run) {
      var first = run[0];
      if ((first >= "a" && first <= "z") || (first >= "0" && first <= "9") || run.length === 1) {
        result.push(run);
        return;
      }
      for (var i = 0; i < run.length - 1; i++) result.push(run.slice(i, i + 2));
      result.push(run[run.length - 1]);
    });
    return result;
  }

  var api = { normalize: normalize, normalizeChar: normalizeChar, compact: compact, tokens: tokens };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.CatalogueTokenizer = api;
})(this);
