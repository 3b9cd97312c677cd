(function () {
  "use strict";
  var table = document.querySelector("table.sortable");
  var bar = document.getElementById("filters");
  if (!table || !bar) { return; }
  document.documentElement.classList.add("js");
  bar.hidden = false;

  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var search = document.getElementById("search");
  var shown = document.getElementById("shown");
  var text = new Map();
  var origin = new Map();
  rows.forEach(function (r, i) {
    text.set(r, r.cells[0].textContent.toLowerCase().replace(/\s+/g, " "));
    origin.set(r, i);
  });

  function filter() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var n = 0;
    rows.forEach(function (r) {
      var hay = text.get(r);
      var ok = words.every(function (w) { return hay.indexOf(w) >= 0; });
      r.hidden = !ok;
      if (ok) { n += 1; }
    });
    var noun = table.getAttribute("data-noun") || "rows";
    shown.textContent = words.length ? "Showing " + n + " of " + rows.length + " " + noun : "Showing all " + rows.length + " " + noun;
  }
  search.addEventListener("input", filter);

  function key(row, index) {
    var cell = row.cells[index];
    var v = cell.getAttribute("data-sort");
    return v === null ? cell.textContent.trim().toLowerCase() : v;
  }

  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (th, index) {
    var button = document.createElement("button");
    button.type = "button";
    while (th.firstChild) { button.appendChild(th.firstChild); }
    th.appendChild(button);
    button.addEventListener("click", function () {
      var numeric = th.classList.contains("num") || th.hasAttribute("data-numeric");
      var current = th.getAttribute("aria-sort");
      var descending = numeric ? current !== "descending" : current === "ascending";
      var order = rows.map(function (r) { return [key(r, index), origin.get(r), r]; });
      order.sort(function (a, b) {
        var x = a[0], y = b[0], c;
        if (numeric) { c = Number(x) - Number(y); } else { c = x < y ? -1 : x > y ? 1 : 0; }
        if (descending) { c = -c; }
        return c !== 0 ? c : a[1] - b[1];
      });
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      var frag = document.createDocumentFragment();
      order.forEach(function (o) { frag.appendChild(o[2]); });
      body.appendChild(frag);
      rows = order.map(function (o) { return o[2]; });
    });
  });
  filter();
})();
