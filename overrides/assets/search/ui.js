// What the search box (searchbox.js) and the search page (searchpage.js) share: the site's
// addresses, the engine (loaded once, on first use), a result, the entities a query names, the
// other forms it also looked for, and why nothing was found, as HTML. Needs engine.js, entities.js.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("catalogue-search-config").textContent);
  var base = config.base.replace(/\/?$/, "/");
  var esc = function (text) { return CatalogueSearch.escapeHtml(text); };
  var enginePromise = null;
  var SEARCH_PAGE = "search/";

  // A page's address from its directory URL (measures/x/): as is on a server, with index.html
  // where the site is opened from disk (the offline build has no directory URLs).
  function pageUrl(url) {
    return base + url + (config.directoryUrls ? "" : "index.html");
  }

  function searchUrl(query) {
    return pageUrl(SEARCH_PAGE) + "?q=" + encodeURIComponent(query);
  }

  function engine() {
    if (!enginePromise) {
      enginePromise = CatalogueSearch.load(base).then(function (e) {
        document.documentElement.setAttribute("data-search-ready", "true");
        performance.mark("catalogue-search-ready");
        return e;
      });
    }
    return enginePromise;
  }
  CatalogueSearch.engine = engine; // also for tests/test_search_browser.py and benchmarks/search.py

  function unavailable(error) {
    return "搜索索引未能载入（" + error.message + "）。可以从文件、部门或下载页面查找措施。";
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  function resultHtml(e, hit) {
    var r = hit.record;
    var lead = (r.lead || []).slice(0, 6).join("、");
    return (
      '<a class="catalogue-hit" href="' + esc(pageUrl(e.url(r))) + '">' +
      '<span class="catalogue-hit__title">' + e.highlight(hit, "title") + "</span>" +
      '<span class="catalogue-hit__meta">' + esc(e.data.documents[r.document].title) + " · " + esc(e.district(r)) +
      " · " + esc(r.kind) + " " + esc(r.number) + (lead ? " · 牵头：" + esc(lead) : "") + "</span>" +
      '<span class="catalogue-hit__snippet">' + e.snippet(hit) + "</span></a>"
    );
  }

  // What a query asked for, in words: 同时包含“税务”“发票”，不含“个人”.
  function described(query) {
    var quote = function (t) { return "“" + t.text.trim() + "”"; };
    var parts = [];
    if (query.terms.length) parts.push((query.terms.length > 1 ? "同时包含" : "包含") + query.terms.map(quote).join(""));
    if (query.excluded.length) parts.push("不含" + query.excluded.map(quote).join(""));
    var text = parts.join("，");
    if (query.cut) text += "（查询太长：只用了前 12 个词，每个词前 60 个字）";
    return text;
  }

  // 也搜索了：… for each term widened by other spellings or synonyms.
  function alsoHtml(query) {
    var lines = query.terms.filter(function (t) { return t.also.length; }).map(function (t) {
      var shown = t.also.slice(0, 6).join("、") + (t.also.length > 6 ? " 等 " + t.also.length + " 种写法" : "");
      return "<p class=\"catalogue-search__also\">“" + esc(t.text) + "”也搜索了：" + esc(shown) +
        "（加引号只搜所输入的字）</p>";
    });
    return lines.join("");
  }

  // The entities a query names, in groups (部门, 文件, 区县, 主题), each a link to its page.
  function entitiesHtml(e, query, most) {
    return CatalogueEntities.find(e.data.entities, query, most).map(function (group) {
      return '<div class="catalogue-entities__group"><span class="catalogue-entities__label">' + esc(group.label) +
        "</span>" + group.found.map(function (entity) {
          var detail = group.key === "documents" ? entity.names.slice(1).join(" · ") : "";
          return '<a class="catalogue-entity" href="' + esc(pageUrl(entity.url)) + '">' + esc(entity.name) +
            (detail ? '<span class="catalogue-entity__detail">' + esc(detail) + "</span>" : "") + "</a>";
        }).join("") + (group.total > group.found.length ? '<span class="catalogue-entities__more">等 ' + group.total + " 个</span>" : "") +
        "</div>";
    }).join("");
  }

  function without(query, dropped) {
    return query.terms.concat(query.excluded).filter(function (t) { return t !== dropped; }).map(function (t) {
      return (t.exclude ? "-" : "") + (t.quoted || /\s/.test(t.text) ? "“" + t.text + "”" : t.text);
    }).join(" ");
  }

  // Why a query found nothing, and where to go instead, as a promise of HTML: the words no measure
  // has, the query without each word (with how many it would find), without the filters, and the
  // departments and themes closest to a word that found nothing.
  function explained(e, query, filters, text) {
    return e.termCounts(query).then(function (counts) {
      var missing = query.terms.filter(function (t, i) { return counts[i] === 0; });
      var html = "";
      if (missing.length) {
        html += "<p>" + missing.map(function (t) { return "“" + esc(t.text) + "”"; }).join("、") + "在所有措施中都没有出现。</p>";
      } else if (query.terms.length > 1) {
        html += "<p>每个词都出现过，但没有措施同时包含它们。</p>";
      }
      var tries = [];
      var terms = query.terms.concat(query.excluded);
      if (terms.length > 1) {
        terms.forEach(function (t) {
          var rest = without(query, t);
          tries.push(e.search(rest, filters).then(function (hits) {
            return hits.length ? '<a href="' + esc(searchUrl(rest)) + '">去掉“' + esc(t.text) + "”：" + esc(rest) + "（" + hits.length + " 条）</a>" : "";
          }));
        });
      }
      if (filters && Object.keys(filters).length) {
        tries.push(e.search(query, null).then(function (hits) {
          return hits.length ? '<a href="' + esc(searchUrl(text)) + '">不加筛选条件（' + hits.length + " 条）</a>" : "";
        }));
      }
      return Promise.all(tries).then(function (links) {
        links = links.filter(Boolean);
        if (links.length) html += "<p>可以试试：" + links.join("　") + "</p>";
        var near = [];
        var named = CatalogueEntities.find(e.data.entities, query, 1).length > 0; // shown above: enough
        if (!named) missing.forEach(function (t) {
          CatalogueEntities.closest(e.data.entities, t.text, 3).forEach(function (entity) {
            if (near.indexOf(entity) < 0) near.push(entity);
          });
        });
        if (near.length) {
          html += "<p>相近的部门或主题：" + near.slice(0, 5).map(function (entity) {
            return '<a href="' + esc(pageUrl(entity.url)) + '">' + esc(entity.name) + "</a>";
          }).join("、") + "</p>";
        }
        return html;
      });
    });
  }

  window.CatalogueSearchUI = {
    pageUrl: pageUrl, searchUrl: searchUrl, engine: engine, esc: esc, debounce: debounce, unavailable: unavailable,
    resultHtml: resultHtml, described: described, alsoHtml: alsoHtml, entitiesHtml: entitiesHtml, explained: explained
  };
})();
