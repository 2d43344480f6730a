/* Sortable, filterable tables for the catalogue: plain JavaScript, no dependencies.
 * Every table inside a `.reform-list` container sorts by a column when its header is clicked
 * (a cell's `[data-sort]` value, if it has one, is the key); one filter box above the container
 * hides the rows that do not contain every word typed. The header cell's `aria-sort` and a polite
 * status line say how the table is sorted. A table wider than the screen scrolls in its wrapper,
 * which then takes keyboard focus (arrow keys scroll it) and is named after the table's caption. */
(function () {
  "use strict";

  function sortKey(cell) {
    var marked = cell && cell.querySelector("[data-sort]");
    return marked ? marked.getAttribute("data-sort") : (cell ? cell.textContent.trim() : "");
  }

  function compareKeys(a, b) {
    var x = parseFloat(a);
    var y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && x !== y) {
      return x - y;
    }
    return a.localeCompare(b, "zh-Hans-CN");
  }

  function sortBy(table, index, header, announce) {
    var body = table.tBodies[0];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var order = compareKeys(sortKey(r1.cells[index]), sortKey(r2.cells[index]));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    announce("已按“" + header.textContent.trim() + "”" + (ascending ? "升序" : "降序") + "排列");
  }

  function makeSortable(table, announce) {
    if (!table.tHead || !table.tBodies.length) {
      return;
    }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "reform-sort";
      button.title = "按此列排序";
      while (header.firstChild) {
        button.appendChild(header.firstChild);
      }
      header.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, header, announce); });
    });
  }

  function applyFilter(container, input, status) {
    var words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var rows = container.querySelectorAll("tbody tr");
    var shown = 0;
    Array.prototype.forEach.call(rows, function (row) {
      var text = row.textContent.toLowerCase();
      var match = words.every(function (word) { return text.indexOf(word) !== -1; });
      row.hidden = !match;
      shown += match ? 1 : 0;
    });
    status.textContent = words.length ? "显示 " + shown + " / " + rows.length + " 行" : "";
  }

  function addFilter(container) {
    var wrapper = document.createElement("div");
    var input = document.createElement("input");
    var status = document.createElement("span");
    wrapper.className = "reform-filter";
    input.type = "search";
    input.placeholder = "筛选：输入部门、措施、时间等";
    input.setAttribute("aria-label", "筛选下列表格");
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(input);
    wrapper.appendChild(status);
    container.insertBefore(wrapper, container.firstChild);
    input.addEventListener("input", function () { applyFilter(container, input, status); });
    return function (message) { status.textContent = message; };
  }

  function markScrollable(wrapper) {
    var table = wrapper.querySelector("table");
    var caption = table && table.caption;
    if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", (caption ? caption.textContent.trim() + "：" : "") + "表格可左右滚动");
    } else {
      wrapper.removeAttribute("tabindex");
      wrapper.removeAttribute("role");
      wrapper.removeAttribute("aria-label");
    }
  }

  function markScrollables() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), markScrollable);
  }

  function enhance() {
    Array.prototype.forEach.call(document.querySelectorAll(".reform-list"), function (container) {
      if (container.getAttribute("data-enhanced")) {
        return;
      }
      container.setAttribute("data-enhanced", "true");
      var announce = addFilter(container);
      Array.prototype.forEach.call(container.querySelectorAll("table"), function (table) {
        makeSortable(table, announce);
      });
    });
    window.setTimeout(markScrollables, 0);  // after Material has wrapped the tables
  }

  var resizing = 0;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(markScrollables, 200);
  });

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(enhance);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
