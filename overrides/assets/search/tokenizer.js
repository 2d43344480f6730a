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

  function tokens(text) {
    var folded = compact(text);
    var result = [];
    for (var i = 0; i < folded.length; i++) {
      result.push(folded[i]);
      if (i + 1 < folded.length) result.push(folded.slice(i, i + 2));
    }
    return result;
  }

  function shardOf(token, shards) {
    var hashed = 0x811c9dc5;
    for (var i = 0; i < token.length; i++) hashed = Math.imul(hashed ^ token.charCodeAt(i), 0x01000193) >>> 0;
    return hashed % shards;
  }

  var api = {
    normalize: normalize, normalizeChar: normalizeChar, compact: compact, compactChar: compactChar,
    tokens: tokens, shardOf: shardOf
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.CatalogueTokenizer = api;
})(this);
