/* Sortable, filterable tables for the catalogue: plain JavaScript, no dependencies.
 * Every table inside a `.reform-list` container sorts by a column when its header is clicked
 * (a cell's `[data-sort]` value, if it has one, is the key); one filter box above the container
 * hides the rows that do not contain every word typed, and the columns named in the container's
 * `data-filter-columns` (such as "主题 区县" or "实施状态") each get a select of the values found
 * in them (a cell may list several, separated by 、). The header cell's `aria-sort` and a polite
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

  function cellValues(cell) {
    return cell ? cell.textContent.split("、").map(function (v) { return v.trim(); }).filter(Boolean) : [];
  }

  function columnIndex(row, name) {
    var table = row.closest("table");
    var headers = table && table.tHead ? Array.prototype.slice.call(table.tHead.rows[0].cells) : [];
    return headers.map(function (h) { return h.textContent.trim(); }).indexOf(name);
  }

  function passesSelects(row, selects) {
    return selects.every(function (s) {
      return !s.select.value || cellValues(row.cells[columnIndex(row, s.name)]).indexOf(s.select.value) !== -1;
    });
  }

  function applyFilter(container, input, selects, status) {
    var words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var rows = container.querySelectorAll("tbody tr");
    var shown = 0;
    Array.prototype.forEach.call(rows, function (row) {
      var text = row.textContent.toLowerCase();
      var match = words.every(function (word) { return text.indexOf(word) !== -1; }) && passesSelects(row, selects);
      row.hidden = !match;
      shown += match ? 1 : 0;
    });
    var active = words.length || selects.some(function (s) { return s.select.value; });
    status.textContent = active ? "显示 " + shown + " / " + rows.length + " 行" : "";
  }

  function addSelect(container, wrapper, name) {
    var values = {};
    Array.prototype.forEach.call(container.querySelectorAll("tbody tr"), function (row) {
      cellValues(row.cells[columnIndex(row, name)]).forEach(function (v) { values[v] = true; });
    });
    var label = document.createElement("label");
    var select = document.createElement("select");
    label.appendChild(document.createTextNode(name + " "));
    select.appendChild(new Option("全部", ""));
    Object.keys(values).sort(function (a, b) { return a.localeCompare(b, "zh-Hans-CN"); }).forEach(function (v) {
      select.appendChild(new Option(v, v));
    });
    label.appendChild(select);
    wrapper.appendChild(label);
    return { name: name, select: select };
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
    var names = (container.getAttribute("data-filter-columns") || "").split(/\s+/).filter(Boolean);
    var selects = names.map(function (name) { return addSelect(container, wrapper, name); });
    wrapper.appendChild(status);
    container.insertBefore(wrapper, container.firstChild);
    var apply = function () { applyFilter(container, input, selects, status); };
    input.addEventListener("input", apply);
    selects.forEach(function (s) { s.select.addEventListener("change", apply); });
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
