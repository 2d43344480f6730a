// What a query names besides measures: departments (by any spelling, or the short form without
// the district), documents (title, short title, 文号), districts and themes (search/index.js,
// "entities"; reforms/search/index.py). Depends on tokenizer.js and query.js.
(function (root) {
  "use strict";
  var T = root.CatalogueTokenizer || require("./tokenizer.js");
  var Q = root.CatalogueQuery || require("./query.js");
  var GROUPS = [["departments", "部门"], ["documents", "文件"], ["districts", "区县"], ["themes", "主题"]];

  function folded(entity) {
    if (!entity.folded) entity.folded = entity.names.concat(entity.district ? [entity.district] : []).map(T.compact);
    return entity.folded;
  }

  // How well an entity answers: 0 a name is the query, 1 a name starts with it, 2 a name holds it,
  // 3 its names hold the terms apart; -1 not at all.
  function closeness(entity, query) {
    var texts = folded(entity);
    if (!query.terms.length || !Q.matches(texts, query)) return -1;
    var phrase = query.phrase;
    var best = 3;
    texts.forEach(function (text) {
      if (text === phrase) best = 0;
      else if (best > 1 && text.indexOf(phrase) === 0) best = 1;
      else if (best > 2 && text.indexOf(phrase) > 0) best = 2;
    });
    return best;
  }

  // [{key, label, found: [entity…], total}] for each group with an entity the query names.
  function find(entities, query, most) {
    var groups = [];
    GROUPS.forEach(function (group) {
      var scored = [];
      (entities[group[0]] || []).forEach(function (entity) {
        var score = closeness(entity, query);
        if (score >= 0) scored.push([score, entity.name.length, entity]);
      });
      if (!scored.length) return;
      scored.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
      groups.push({
        key: group[0], label: group[1], total: scored.length,
        found: scored.slice(0, most).map(function (s) { return s[2]; })
      });
    });
    return groups;
  }

  function pairs(text) {
    var found = {};
    for (var i = 0; i + 1 < text.length; i++) found[text.slice(i, i + 2)] = true;
    if (text.length === 1) found[text] = true;
    return found;
  }

  // The departments and themes whose names share most pairs of characters with a word that
  // found nothing: what the reader may have meant.
  function closest(entities, word, most) {
    var wanted = pairs(T.compact(word));
    var scored = [];
    ["departments", "themes"].forEach(function (key) {
      (entities[key] || []).forEach(function (entity) {
        var best = 0;
        folded(entity).forEach(function (text) {
          var have = pairs(text);
          var shared = 0;
          for (var pair in wanted) if (have[pair]) shared++;
          best = Math.max(best, shared);
        });
        if (best) scored.push([best, entity.name.length, entity]);
      });
    });
    scored.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    return scored.slice(0, most).map(function (s) { return s[2]; });
  }

  var api = { find: find, closest: closest, GROUPS: GROUPS };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.CatalogueEntities = api;
})(this);
