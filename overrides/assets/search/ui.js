// The search interface: a box in the header of every page with results as you type, and the
// full search page (search/) with filters kept in the URL. Needs engine.js and tokenizer.js.
(function () {
  "use strict";
  var PAGE_SIZE = 50;
  var DROPDOWN_SIZE = 8;
  var FILTERS = ["district", "document", "department", "kind", "theme", "due"];
  var KINDS = ["工作措施", "任务条目", "清单事项"];
  var DUES = [["done", "已完成"], ["ongoing", "长期"], ["2021", "2021年"], ["2022", "2022年"]];

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
      enginePromise = CatalogueSearch.load(base + "search/index.js").then(function (e) {
        document.documentElement.setAttribute("data-search-ready", "true");
        performance.mark("catalogue-search-ready");
        return e;
      });
    }
    return enginePromise;
  }

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

  // ---------------------------------------------------------------- header box
  function headerBox() {
    var form = document.createElement("form");
    form.className = "catalogue-search";
    form.setAttribute("role", "search");
    form.action = pageUrl("search/");
    form.innerHTML =
      '<label class="catalogue-visually-hidden" for="catalogue-search-input">搜索措施</label>' +
      '<input id="catalogue-search-input" name="q" type="search" autocomplete="off" placeholder="搜索措施、部门、关键词" ' +
      'aria-controls="catalogue-search-dropdown" aria-describedby="catalogue-search-status">' +
      '<span id="catalogue-search-status" class="catalogue-visually-hidden" aria-live="polite"></span>' +
      '<div id="catalogue-search-dropdown" class="catalogue-search__dropdown" hidden></div>';
    var slot = document.querySelector(".md-header__inner");
    var before = slot && slot.querySelector(".md-header__source");
    if (!slot) return;
    slot.insertBefore(form, before || null);
    var input = form.querySelector("input");
    var dropdown = form.querySelector(".catalogue-search__dropdown");
    var status = form.querySelector("#catalogue-search-status");

    var update = debounce(function () {
      var query = input.value;
      if (!CatalogueTokenizer.compact(query)) { dropdown.hidden = true; status.textContent = ""; return; }
      engine().then(function (e) {
        if (input.value !== query) return;
        var hits = e.search(query, null);
        status.textContent = "找到 " + hits.length + " 条措施";
        dropdown.innerHTML = hits.length
          ? hits.slice(0, DROPDOWN_SIZE).map(function (h) { return resultHtml(e, h); }).join("") +
            '<a class="catalogue-search__all" href="' + esc(pageUrl("search/") + "?q=" + encodeURIComponent(query)) + '">查看全部 ' + hits.length + " 条结果</a>"
          : '<p class="catalogue-search__none">没有包含“' + esc(query) + "”的措施。可以换个说法，或去掉空格和标点再试。</p>";
        dropdown.hidden = false;
      }).catch(function (error) {
        dropdown.innerHTML = '<p class="catalogue-search__none">' + esc(unavailable(error)) + "</p>";
        dropdown.hidden = false;
      });
    }, 60);

    input.addEventListener("focus", function () {
      engine().catch(function () {}); // start loading; a failure is shown once there is a query
      if (dropdown.hidden && input.value) update();
    });
    input.addEventListener("input", update);
    form.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(dropdown.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape") { dropdown.hidden = true; input.focus(); return; }
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      if (dropdown.hidden || !links.length) return;
      event.preventDefault();
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) input.focus();
      else links[Math.min(next, links.length - 1)].focus();
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) dropdown.hidden = true;
    });
  }

  // ---------------------------------------------------------------- search page
  function options(select, pairs) {
    select.innerHTML = '<option value="">全部</option>' + pairs.map(function (p) {
      return '<option value="' + esc(p[0]) + '">' + esc(p[1]) + "</option>";
    }).join("");
  }

  function searchPage(root) {
    var params = new URLSearchParams(location.search);
    var form = root.querySelector("form");
    var list = root.querySelector(".catalogue-results");
    var summary = root.querySelector(".catalogue-results-summary");
    var more = root.querySelector(".catalogue-results-more");
    var shown = PAGE_SIZE;

    engine().then(function (e) {
      var data = e.data;
      var districts = [];
      Object.keys(data.documents).forEach(function (id) {
        if (districts.indexOf(data.documents[id].district) < 0) districts.push(data.documents[id].district);
      });
      options(form.district, districts.map(function (d) { return [d, d]; }));
      options(form.document, Object.keys(data.documents).map(function (id) { return [id, data.documents[id].title]; }));
      options(form.department, Object.keys(data.departments).map(function (id) { return [id, data.departments[id]]; }));
      options(form.kind, KINDS.map(function (k) { return [k, k]; }));
      options(form.theme, Object.keys(data.themes).map(function (id) { return [id, data.themes[id]]; }));
      options(form.due, DUES);
      form.q.value = params.get("q") || "";
      FILTERS.forEach(function (name) { form[name].value = params.get(name) || ""; });
      render(e);
      var rerender = debounce(function () { shown = PAGE_SIZE; render(e); }, 60);
      form.addEventListener("input", rerender);
      form.addEventListener("change", rerender);
      form.addEventListener("submit", function (event) { event.preventDefault(); shown = PAGE_SIZE; render(e); });
      more.addEventListener("click", function () { shown += PAGE_SIZE; render(e); });
    }).catch(function (error) {
      summary.textContent = unavailable(error);
    });

    function render(e) {
      var filters = {};
      var query = form.q.value;
      var state = new URLSearchParams();
      if (query) state.set("q", query);
      FILTERS.forEach(function (name) {
        if (form[name].value) { filters[name] = form[name].value; state.set(name, form[name].value); }
      });
      history.replaceState(null, "", location.pathname + (state.toString() ? "?" + state : ""));
      var hits = e.search(query, filters);
      summary.textContent = hits.length
        ? "共 " + hits.length + " 条措施" + (query ? "包含“" + query + "”" : "")
        : "没有符合条件的措施。" + (query ? "可以换个说法，或减少筛选条件。" : "");
      list.innerHTML = hits.slice(0, shown).map(function (h) { return "<li>" + resultHtml(e, h) + "</li>"; }).join("");
      more.hidden = hits.length <= shown;
      more.textContent = "再显示 " + Math.min(PAGE_SIZE, hits.length - shown) + " 条（已显示 " + Math.min(shown, hits.length) + " / " + hits.length + "）";
    }
  }

  CatalogueSearch.engine = engine;

  function start() {
    headerBox();
    var page = document.getElementById("catalogue-search-page");
    if (page) searchPage(page);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
