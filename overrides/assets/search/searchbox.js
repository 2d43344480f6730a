// The search box in the header of every page: the first results as you type, the arrow keys move
// through them, Escape closes them, Enter opens the search page with every result.
(function () {
  "use strict";
  var SHOWN = 8;
  var ui = window.CatalogueSearchUI;
  var esc = ui.esc;

  function headerBox() {
    var form = document.createElement("form");
    form.className = "catalogue-search";
    form.setAttribute("role", "search");
    form.action = ui.pageUrl("search/");
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

    var update = ui.debounce(function () {
      var query = input.value;
      if (!CatalogueQuery.parse(query).terms.length && !CatalogueQuery.parse(query).excluded.length) {
        dropdown.hidden = true;
        status.textContent = "";
        return;
      }
      var e;
      var asked;
      var hits;
      ui.engine().then(function (engine) {
        e = engine;
        asked = e.parse(query);
        return e.search(asked, null);
      }).then(function (found) {
        hits = found;
        return e.records(hits.slice(0, SHOWN));
      }).then(function () {
        if (input.value !== query) return null; // typed on meanwhile: a newer search is under way
        return hits.length ? "" : ui.explained(e, asked, null, query);
      }).then(function (why) {
        if (why === null || input.value !== query) return;
        status.textContent = "找到 " + hits.length + " 条措施";
        var entities = ui.entitiesHtml(e, asked, 3);
        dropdown.innerHTML =
          (entities ? '<div class="catalogue-entities">' + entities + "</div>" : "") +
          (hits.length
            ? ui.alsoHtml(asked) + hits.slice(0, SHOWN).map(function (h) { return ui.resultHtml(e, h); }).join("") +
              '<a class="catalogue-search__all" href="' + esc(ui.searchUrl(query)) + '">查看全部 ' + hits.length + " 条结果</a>"
            : '<div class="catalogue-search__none"><p>没有' + esc(ui.described(asked)) + "的措施。</p>" + why + "</div>");
        dropdown.setAttribute("data-query", query); // which query it answers (for tests)
        dropdown.hidden = false;
      }).catch(function (error) {
        dropdown.innerHTML = '<p class="catalogue-search__none">' + esc(ui.unavailable(error)) + "</p>";
        dropdown.hidden = false;
      });
    }, 60);

    input.addEventListener("focus", function () {
      ui.engine().catch(function () {}); // start loading; a failure is shown once there is a query
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

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", headerBox);
  else headerBox();
})();
