/* Sortable and filterable tables. Without this script the tables are plain
   and complete: the controls are created here, so none is left dead.
   All wording comes from data-* attributes the template fills in. */
(function () {
  "use strict";

  function sortKey(cell) {
    if (!cell) { return ""; }
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
    return raw.trim();
  }

  // One collator for every comparison: creating one per call makes large sorts slow.
  var collator = new Intl.Collator(document.documentElement.lang || "zh-CN", { numeric: true });

  function compare(a, b) {
    if (a === "" || b === "") { return a === b ? 0 : (a === "" ? 1 : -1); }
    var x = Number(a), y = Number(b);
    if (!isNaN(x) && !isNaN(y)) { return x - y; }
    return collator.compare(a, b);
  }

  function makeSortable(table, hint) {
    var head = table.tHead;
    var body = table.tBodies[0];
    if (!head || !body || !head.rows.length) { return; }
    var headers = head.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.title = hint;
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        var keyed = rows.map(function (row, position) {
          return { row: row, key: sortKey(row.cells[index]), position: position };
        });
        keyed.sort(function (p, q) {
          var order = compare(p.key, q.key);
          if (!ascending && p.key !== "" && q.key !== "") { order = -order; }
          return order || p.position - q.position;
        });
        var fragment = document.createDocumentFragment();
        keyed.forEach(function (item) { fragment.appendChild(item.row); });
        body.appendChild(fragment);
      });
    });
  }

  function makeFilter(scope) {
    var rows = Array.prototype.slice.call(scope.querySelectorAll("tbody tr"));
    if (!rows.length) { return; }
    var texts = null;
    var blocks = Array.prototype.slice.call(scope.querySelectorAll(".filter-block"));
    var owners = null;

    // Which blocks hold each row (walking up from the row), so a pass is linear in rows.
    function findOwners() {
      var index = new Map();
      blocks.forEach(function (block, i) { index.set(block, i); });
      return rows.map(function (row) {
        var found = [];
        for (var el = row.parentElement; el && el !== scope; el = el.parentElement) {
          if (index.has(el)) { found.push(index.get(el)); }
        }
        return found;
      });
    }
    var bar = document.createElement("div");
    bar.className = "filter-bar";
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = scope.getAttribute("data-filter-placeholder") || "";
    label.appendChild(document.createTextNode((scope.getAttribute("data-filter-label") || "") + " "));
    label.appendChild(input);
    var output = document.createElement("output");
    bar.appendChild(label);
    bar.appendChild(output);
    scope.insertBefore(bar, scope.firstChild);
    var template = scope.getAttribute("data-rows-shown") || "{shown}/{total}";
    var hidden = rows.map(function () { return false; });

    function apply() {
      var query = input.value.trim().toLowerCase();
      if (texts === null) {
        texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
        owners = findOwners();
      }
      var shown = 0;
      var visible = blocks.map(function () { return 0; });
      rows.forEach(function (row, i) {
        var keep = !query || texts[i].indexOf(query) !== -1;
        if (hidden[i] === keep) {  // touch the DOM only where something changes
          row.classList.toggle("filter-hidden", !keep);
          hidden[i] = !keep;
        }
        if (keep) {
          shown += 1;
          owners[i].forEach(function (index) { visible[index] += 1; });
        }
      });
      blocks.forEach(function (block, index) {
        var empty = Boolean(query) && visible[index] === 0;
        if (block.classList.contains("filter-hidden") !== empty) {
          block.classList.toggle("filter-hidden", empty);
        }
        if (query && visible[index] && block.tagName === "DETAILS" && !block.open) { block.open = true; }
      });
      output.textContent = query
        ? template.replace("{shown}", String(shown)).replace("{total}", String(rows.length))
        : "";
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(apply, 150);
    });
  }

  // A wide table or chart scrolls sideways in its own box on a narrow screen:
  // say so above it, and shade the side that has more, so a reader on a phone
  // knows to swipe. Boxes are measured when they come into view (tables off
  // screen are not laid out) and again when the window changes size.
  function watchScrolling() {
    var text = document.body.getAttribute("data-scroll-hint") || "";
    var shells = [];
    function update(shell) {
      var box = shell.lastElementChild;
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      shell.classList.toggle("scrolls", scrolls);
      shell.classList.toggle("more-left", scrolls && box.scrollLeft > 1);
      shell.classList.toggle("more-right", scrolls && box.scrollLeft + box.clientWidth < box.scrollWidth - 1);
    }
    document.querySelectorAll(".table-wrap, figure.chart.wide").forEach(function (box) {
      var shell = document.createElement("div");
      shell.className = "scroll-shell";
      var note = document.createElement("p");
      note.className = "scroll-hint";
      note.textContent = text;
      box.parentNode.insertBefore(shell, box);
      shell.appendChild(note);
      shell.appendChild(box);
      box.addEventListener("scroll", function () { update(shell); }, { passive: true });
      shells.push(shell);
    });
    if ("IntersectionObserver" in window) {
      var seen = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) { if (entry.isIntersecting) { update(entry.target); } });
      });
      shells.forEach(function (shell) { seen.observe(shell); });
    } else {
      shells.forEach(update);
    }
    var timer = null;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { shells.forEach(update); }, 150);
    });
  }

  var hint = document.body.getAttribute("data-sort-hint") || "";
  document.querySelectorAll("table.sortable").forEach(function (table) { makeSortable(table, hint); });
  document.querySelectorAll("[data-filter]").forEach(makeFilter);
  watchScrolling();

  // Folded catalogue areas would be left out of a printout.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
}());
