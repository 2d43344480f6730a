// What the search box (searchbox.js) and the search page (searchpage.js) share: the site's
// addresses, the engine (loaded once, on first use) and a result as HTML. Needs engine.js.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("catalogue-search-config").textContent);
  var base = config.base.replace(/\/?$/, "/");
  var esc = function (text) { return CatalogueSearch.escapeHtml(text); };
  var enginePromise = null;

  // A page's address from its directory URL (measures/x/): as is on a server, with index.html
  // where the site is opened from disk (the offline build has no directory URLs).
  function pageUrl(url) {
    return base + url + (config.directoryUrls ? "" : "index.html");
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

  // What a query asked for, in words: 包含“税务”“发票”，不含“个人”.
  function described(query) {
    var quote = function (t) { return "“" + t.text.trim() + "”"; };
    var parts = [];
    if (query.terms.length) parts.push((query.terms.length > 1 ? "同时包含" : "包含") + query.terms.map(quote).join(""));
    if (query.excluded.length) parts.push("不含" + query.excluded.map(quote).join(""));
    var text = parts.join("，");
    if (query.cut) text += "（查询太长：只用了前 12 个词，每个词前 60 个字）";
    return text;
  }

  window.CatalogueSearchUI = {
    pageUrl: pageUrl, engine: engine, esc: esc, debounce: debounce, unavailable: unavailable, resultHtml: resultHtml,
    described: described
  };
})();
