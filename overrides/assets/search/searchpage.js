// The search page (search/): the departments, documents, districts and themes a query names, then
// every measure it finds, 50 at a time, with filters; the query and the filters are kept in the
// address, so that a search can be shared or bookmarked.
(function () {
  "use strict";
  var PAGE_SIZE = 50;
  var FILTERS = ["district", "document", "department", "kind", "theme", "due", "status"];
  var STATUSES = ["未报告", "推进中", "已完成", "长期推进", "已调整", "已终止"];
  var KINDS = ["工作措施", "任务条目", "清单事项"];
  var DUES = [["done", "已完成"], ["ongoing", "长期"], ["2021", "2021年"], ["2022", "2022年"]];
  var ui = window.CatalogueSearchUI;
  var esc = ui.esc;

  function optionsHtml(pairs) {
    return pairs.map(function (p) { return '<option value="' + esc(p[0]) + '">' + esc(p[1]) + "</option>"; }).join("");
  }

  function options(select, pairs) {
    select.innerHTML = '<option value="">全部</option>' + optionsHtml(pairs);
  }

  // The departments, grouped by district (only the chosen district's, if one is chosen), by name.
  function departmentOptions(select, data, district) {
    var chosen = select.value;
    var byDistrict = {};
    var districts = [];
    Object.keys(data.departments).forEach(function (id) {
      var d = data.departments[id];
      if (district && d.district !== district) return;
      if (!byDistrict[d.district]) { byDistrict[d.district] = []; districts.push(d.district); }
      byDistrict[d.district].push([id, d.name]);
    });
    select.innerHTML = '<option value="">全部</option>' + districts.map(function (name) {
      var sorted = byDistrict[name].sort(function (a, b) { return a[1].localeCompare(b[1], "zh-CN"); });
      return '<optgroup label="' + esc(name) + '">' + optionsHtml(sorted) + "</optgroup>";
    }).join("");
    var kept = Array.prototype.some.call(select.options, function (o) { return o.value === chosen; });
    select.value = kept ? chosen : ""; // a department of another district is no longer chosen
  }

  function searchPage(root) {
    var params = new URLSearchParams(location.search);
    var form = root.querySelector("form");
    var list = root.querySelector(".catalogue-results");
    var summary = root.querySelector(".catalogue-results-summary");
    var entities = root.querySelector(".catalogue-entities");
    var notes = root.querySelector(".catalogue-results-notes");
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
      options(form.kind, KINDS.map(function (k) { return [k, k]; }));
      options(form.theme, Object.keys(data.themes).map(function (id) { return [id, data.themes[id]]; }));
      options(form.due, DUES);
      options(form.status, STATUSES.map(function (s) { return [s, s]; }));
      form.q.value = params.get("q") || "";
      form.district.value = params.get("district") || "";
      departmentOptions(form.department, data, form.district.value);
      FILTERS.forEach(function (name) { form[name].value = params.get(name) || ""; });
      render(e);
      var rerender = ui.debounce(function () { shown = PAGE_SIZE; render(e); }, 60);
      form.addEventListener("input", rerender);
      form.addEventListener("change", function (event) {
        if (event.target === form.district) departmentOptions(form.department, data, form.district.value);
        rerender();
      });
      form.addEventListener("submit", function (event) { event.preventDefault(); shown = PAGE_SIZE; render(e); });
      more.addEventListener("click", function () { shown += PAGE_SIZE; render(e); });
    }).catch(function (error) {
      summary.textContent = ui.unavailable(error);
    });

    function render(e) {
      var filters = {};
      var text = form.q.value;
      var state = new URLSearchParams();
      if (text) state.set("q", text);
      FILTERS.forEach(function (name) {
        if (form[name].value) { filters[name] = form[name].value; state.set(name, form[name].value); }
      });
      history.replaceState(null, "", location.pathname + (state.toString() ? "?" + state : ""));
      var asked = ++searches;
      var query = e.parse(text);
      var hits;
      e.search(query, filters).then(function (found) {
        hits = found;
        return e.records(hits.slice(0, shown));
      }).then(function () {
        var searched = query.terms.length + query.excluded.length > 0;
        return !hits.length && searched ? ui.explained(e, query, filters, text) : "";
      }).then(function (why) {
        if (asked === searches) show(e, text, query, hits, why);
      }).catch(function (error) {
        summary.textContent = ui.unavailable(error);
      });
    }

    // The hits of the newest search (one still running when the form changed again is dropped).
    function show(e, text, query, hits, why) {
      var searched = query.terms.length + query.excluded.length > 0; // not only spaces or punctuation
      summary.textContent = hits.length
        ? "共 " + hits.length + " 条措施" + (searched ? ui.described(query) : "")
        : searched ? "没有" + ui.described(query) + "的措施。" : "没有符合条件的措施。";
      var named = ui.entitiesHtml(e, query, 6);
      entities.innerHTML = named ? "<h2>相关页面</h2>" + named : "";
      entities.hidden = !named;
      notes.innerHTML = hits.length ? ui.alsoHtml(query) : why;
      list.innerHTML = hits.slice(0, shown).map(function (h) { return "<li>" + ui.resultHtml(e, h) + "</li>"; }).join("");
      more.hidden = hits.length <= shown;
      more.textContent = "再显示 " + Math.min(PAGE_SIZE, hits.length - shown) + " 条（已显示 " + Math.min(shown, hits.length) + " / " + hits.length + "）";
      root.setAttribute("data-query", text); // which query the page shows (for tests)
    }
  }

  function start() {
    var page = document.getElementById("catalogue-search-page");
    if (page) searchPage(page);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
