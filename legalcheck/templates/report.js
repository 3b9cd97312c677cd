(function () {
  "use strict";
  var bar = document.getElementById("filters");
  if (!bar) { return; }
  document.documentElement.classList.add("js");
  bar.hidden = false;

  var search = document.getElementById("search");
  var shown = document.getElementById("shown");
  var clear = document.getElementById("clear-filters");
  var chips = Array.prototype.slice.call(bar.querySelectorAll("button[data-filter]"));
  var questions = Array.prototype.slice.call(document.querySelectorAll("article.question"));
  var groupItems = Array.prototype.slice.call(document.querySelectorAll("li[data-q]"));
  var containers = Array.prototype.slice.call(document.querySelectorAll("[data-filter-scope]"));
  var text = new Map();
  questions.forEach(function (q) { text.set(q, normalize(q.textContent)); });

  function normalize(s) {
    return s.toLowerCase().replace(/\s+/g, " ");
  }

  function selected(kind) {
    return chips.filter(function (c) {
      return c.dataset.filter === kind && c.getAttribute("aria-pressed") === "true";
    }).map(function (c) { return c.dataset.value; });
  }

  function apply() {
    var statuses = selected("status");
    var raisedOnly = selected("raised").length > 0;
    var words = normalize(search.value).split(" ").filter(Boolean);
    var visible = new Set();
    questions.forEach(function (q) {
      var hay = text.get(q);
      var ok = (statuses.length === 0 || statuses.indexOf(q.dataset.status) >= 0) &&
        (!raisedOnly || q.dataset.raised === "true") &&
        words.every(function (w) { return hay.indexOf(w) >= 0; });
      q.hidden = !ok;
      if (ok) { visible.add(q.id); }
    });
    groupItems.forEach(function (li) { li.hidden = !visible.has(li.dataset.q); });
    containers.forEach(function (box) {
      var any = box.querySelector("article.question:not([hidden]), li[data-q]:not([hidden])") !== null;
      var note = box.querySelector(".no-match");
      if (note) { note.hidden = any || box.querySelector("article.question, li[data-q]") === null; }
    });
    var filtering = statuses.length + words.length > 0 || raisedOnly;
    clear.hidden = !filtering;
    shown.textContent = filtering
      ? "Showing " + visible.size + " of " + questions.length + " questions"
      : "Showing all " + questions.length + " questions";
  }

  chips.forEach(function (chip) {
    chip.addEventListener("click", function () {
      chip.setAttribute("aria-pressed", chip.getAttribute("aria-pressed") === "true" ? "false" : "true");
      apply();
    });
  });
  search.addEventListener("input", apply);
  clear.addEventListener("click", function () {
    chips.forEach(function (c) { c.setAttribute("aria-pressed", "false"); });
    search.value = "";
    apply();
    search.focus();
  });

  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (!target) { return; }
    if (target.closest("[hidden]") && target.closest("article.question")) {
      chips.forEach(function (c) { c.setAttribute("aria-pressed", "false"); });
      search.value = "";
      apply();
    }
    for (var el = target.parentElement; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") { el.open = true; }
    }
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);

  apply();
  if (location.hash) { reveal(); }
})();
