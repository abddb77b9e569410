(function () {
  "use strict";
  var filter = document.getElementById("filter");
  var severity = document.getElementById("severity");
  var waived = document.getElementById("show-waived");
  var shown = document.getElementById("shown");
  var noMatch = document.getElementById("no-match");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#findings tr.finding"));

  function detailOf(row) {
    return document.getElementById(row.id + "-detail");
  }
  function expanded(row) {
    return row.querySelector("button.toggle").getAttribute("aria-expanded") === "true";
  }
  function apply() {
    var terms = filter.value.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
    var sev = severity.value;
    var count = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute("data-search");
      var ok = terms.every(function (t) { return text.indexOf(t) >= 0; }) &&
        (sev === "" || row.getAttribute("data-severity") === sev) &&
        (waived.checked || row.getAttribute("data-status") !== "waived");
      row.hidden = !ok;
      detailOf(row).hidden = !ok || !expanded(row);
      if (ok) { count++; }
    });
    shown.textContent = shown.getAttribute("data-text").replace("{n}", count);
    noMatch.hidden = count > 0 || rows.length === 0;
  }
  rows.forEach(function (row) {
    var button = row.querySelector("button.toggle");
    button.addEventListener("click", function () {
      var open = !expanded(row);
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.textContent = open ? "▾" : "▸";
      detailOf(row).hidden = !open;
    });
  });
  filter.addEventListener("input", apply);
  severity.addEventListener("change", apply);
  waived.addEventListener("change", apply);
  apply();
}());
