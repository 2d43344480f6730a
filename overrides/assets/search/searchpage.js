// The search page (search/): every result, 50 at a time, with filters; the query and the filters
// are kept in the address, so that a search can be shared or bookmarked.
(function () {
  "use strict";
  var PAGE_SIZE = 50;
  var FILTERS = ["district", "document", "department", "kind", "theme", "due", "status"];
  var STATUSES = ["未报告", "推进中", "已完成", "长期推进", "已调整", "已终止"];
  var KINDS = ["工作措施", "任务条目", "清单事项"];
  var DUES = [["done", "已完成"], ["ongoing", "长期"], ["2021", "2021年"], ["2022", "2022年"]];
  var ui = window.CatalogueSearchUI;
  var esc = ui.esc;

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
    var searches = 0;

    ui.engine().then(function (e) {
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
      options(form.status, STATUSES.map(function (s) { return [s, s]; }));
      form.q.value = params.get("q") || "";
      FILTERS.forEach(function (name) { form[name].value = params.get(name) || ""; });
      render(e);
      var rerender = ui.debounce(function () { shown = PAGE_SIZE; render(e); }, 60);
      form.addEventListener("input", rerender);
      form.addEventListener("change", rerender);
      form.addEventListener("submit", function (event) { event.preventDefault(); shown = PAGE_SIZE; render(e); });
      more.addEventListener("click", function () { shown += PAGE_SIZE; render(e); });
    }).catch(function (error) {
      summary.textContent = ui.unavailable(error);
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
      var asked = ++searches;
      e.search(query, filters).then(function (hits) {
        if (asked === searches) show(e, query, hits);
      }).catch(function (error) {
        summary.textContent = ui.unavailable(error);
      });
    }

    // The hits of the newest search (one still running when the form changed again is dropped).
    function show(e, query, hits) {
      var asked = CatalogueQuery.parse(query);
      var searched = asked.terms.length + asked.excluded.length > 0; // not only spaces or punctuation
      summary.textContent = hits.length
        ? "共 " + hits.length + " 条措施" + (searched ? ui.described(asked) : "")
        : (searched ? "没有" + ui.described(asked) + "的措施。可以换个说法，或减少筛选条件。" : "没有符合条件的措施。");
      list.innerHTML = hits.slice(0, shown).map(function (h) { return "<li>" + ui.resultHtml(e, h) + "</li>"; }).join("");
      more.hidden = hits.length <= shown;
      more.textContent = "再显示 " + Math.min(PAGE_SIZE, hits.length - shown) + " 条（已显示 " + Math.min(shown, hits.length) + " / " + hits.length + "）";
    }
  }

  function start() {
    var page = document.getElementById("catalogue-search-page");
    if (page) searchPage(page);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
