// The search tokenizer; reforms/search/tokenize.py is its twin (read its docstring). Keep the two
// in step: tests/test_search_tokenizer.py feeds both the same strings and compares the output.
(function (root) {
  "use strict";
  var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var SEPARATOR = new RegExp("[^0-9a-z" + HAN + "]+", "g");
  var SPACE_BY_HAN = new RegExp("(?<=[" + HAN + "]) | (?=[" + HAN + "])", "g");
  var RUN = new RegExp("[" + HAN + "]+|[0-9a-z]+", "g");
  var MAX_SUFFIXES = 16;

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
      var i;
      if (!isHan(run)) {
        for (i = 0; i < Math.min(run.length, MAX_SUFFIXES); i++) result.push(run.slice(i));
      } else if (run.length === 1) {
        result.push(run);
      } else {
        for (i = 0; i < run.length - 1; i++) result.push(run.slice(i, i + 2));
        result.push(run[run.length - 1]);
      }
    });
    return result;
  }

  // What a query looks up: the pairs of each Chinese run (a lone character as itself), and each
  // Latin or digit run whole. Every term but the pairs is a prefix; so is the last term.
  function queryTerms(text) {
    var terms = [];
    runs(text).forEach(function (run) {
      if (isHan(run) && run.length > 1) {
        for (var i = 0; i < run.length - 1; i++) terms.push({ term: run.slice(i, i + 2), prefix: false });
      } else {
        terms.push({ term: run, prefix: true });
      }
    });
    if (terms.length) terms[terms.length - 1].prefix = true;
    return terms;
  }

  var api = {
    normalize: normalize, normalizeChar: normalizeChar, compact: compact,
    runs: runs, tokens: tokens, queryTerms: queryTerms
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.CatalogueTokenizer = api;
})(this);
