/* The catalogue's filters: each select compares with the row's data-* value; the words
   box matches the row's text; "item" (from a link of the framework table) matches one
   of the row's business items. The address keeps the filters, so a filtered catalogue
   can be linked to and printed. Without this script the table is complete and plain. */
(function () {
  "use strict";
  var form = document.getElementById("catalogue-filters");
  var table = document.getElementById("catalogue");
  if (!form || !table) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var words = form.querySelector("input[name=q]");
  var item = form.querySelector("input[name=item]");
  var count = form.querySelector(".catalogue-count");
  var itemNote = document.querySelector(".item-filter");
  var items = JSON.parse(form.getAttribute("data-items") || "{}");
  var texts = null;

  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.name) || "";
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
      select.value = known ? wanted : "";
    });
    words.value = params.get("q") || "";
    item.value = params.get("item") || "";
  }

  function toAddress() {
    var params = new URLSearchParams();
    selects.forEach(function (select) { if (select.value) { params.set(select.name, select.value); } });
    if (words.value.trim()) { params.set("q", words.value.trim()); }
    if (item.value) { params.set("item", item.value); }
    var query = params.toString();
    try {  // a page opened from a local file may refuse a new address: the filter still works
      window.history.replaceState(null, "", query ? "?" + query : window.location.pathname);
    } catch (error) { /* keep the address as it is */ }
  }

  function apply() {
    var wanted = selects.filter(function (s) { return s.value; })
      .map(function (s) { return [s.name, s.value]; });
    var query = words.value.trim().toLowerCase();
    if (query && texts === null) {
      texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
    }
    var shown = 0;
    rows.forEach(function (row, i) {
      var keep = wanted.every(function (pair) { return row.getAttribute("data-" + pair[0]) === pair[1]; });
      if (keep && item.value) {
        keep = (" " + row.getAttribute("data-items") + " ").indexOf(" " + item.value + " ") !== -1;
      }
      if (keep && query) { keep = texts[i].indexOf(query) !== -1; }
      if (row.hidden === keep) { row.hidden = !keep; }
      if (keep) { shown += 1; }
    });
    count.textContent = (form.getAttribute("data-shown") || "{shown}/{total}")
      .replace("{shown}", String(shown)).replace("{total}", String(rows.length));
    if (itemNote) {
      itemNote.hidden = !item.value;
      itemNote.textContent = item.value
        ? (form.getAttribute("data-item-label") || "{item}").replace("{item}", items[item.value] || item.value)
        : "";
    }
  }

  var timer = null;
  form.addEventListener("change", function () { apply(); toAddress(); });
  words.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { apply(); toAddress(); }, 150);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { item.value = ""; apply(); toAddress(); }, 0);
  });
  fromAddress();
  apply();
}());
