/* Sortable tables: a click on a column heading (button[data-sorter] in a
   table[data-sorterbar]) sorts the table's body by that column, again for the other way.
   Figures sort numerically on each cell's data-vaerdi (the unrounded figure, e.g. "-100.0");
   names alphabetically the Danish way. A cell without a figure goes last either way; the
   totals stand in <tfoot> and stay put. */
(function () {
  "use strict";

  function noegle(raekke, kol, numerisk) {
    var celle = raekke.cells[kol];
    var v = celle ? celle.getAttribute("data-vaerdi") : "";
    if (v === null || v === "") return null;
    if (!numerisk) return v;
    var tal = parseFloat(v);
    return isNaN(tal) ? null : tal;
  }

  function sorter(tabel, th, numerisk) {
    var kol = Array.prototype.indexOf.call(th.parentNode.children, th);
    var stigende = th.getAttribute("aria-sort") !== "ascending";
    tabel.querySelectorAll("thead th[aria-sort]").forEach(function (t) { t.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", stigende ? "ascending" : "descending");
    var krop = tabel.tBodies[0];
    var raekker = Array.prototype.slice.call(krop.rows);
    raekker.sort(function (a, b) {
      var x = noegle(a, kol, numerisk), y = noegle(b, kol, numerisk);
      if (x === null || y === null) return (x === null) - (y === null);
      var r = numerisk ? x - y : x.localeCompare(y, "da");
      return stigende ? r : -r;
    });
    raekker.forEach(function (r) { krop.appendChild(r); });
  }

  document.querySelectorAll("table[data-sorterbar]").forEach(function (tabel) {
    tabel.querySelectorAll("thead button[data-sorter]").forEach(function (knap) {
      knap.addEventListener("click", function () {
        sorter(tabel, knap.closest("th"), knap.getAttribute("data-sorter") === "tal");
      });
    });
  });
})();
