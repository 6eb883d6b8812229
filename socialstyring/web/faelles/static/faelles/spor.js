/* The trace panel: clicking a figure (button[data-spor]) shows the pre-rendered steps
   behind it. The server lists the steps per figure (spor.forklar) in #spor-forklaringer;
   nothing is computed here. */
(function () {
  "use strict";
  var panel = document.getElementById("spor-panel");
  var data = document.getElementById("spor-forklaringer");
  if (!panel || !data) return;
  var forklaringer = JSON.parse(data.textContent);
  var liste = document.getElementById("trinliste");
  var titel = document.getElementById("spor-titel");
  var aktiv = null;

  function trin(noegle) {
    return document.getElementById("trin-" + noegle);
  }

  function marker(noegle) {
    liste.querySelectorAll(".trin").forEach(function (li) {
      li.classList.toggle("valgt", li.dataset.trin === noegle);
    });
  }

  function vis(knap) {
    var noegle = knap.dataset.spor;
    var noegler = forklaringer[noegle] || [noegle];
    var synlige = {};
    noegler.forEach(function (n) { synlige[n] = true; });
    liste.querySelectorAll(".trin").forEach(function (li) {
      li.hidden = !synlige[li.dataset.trin];
    });
    // The figure's own step first, then the steps it builds on, nearest first.
    noegler.slice().reverse().forEach(function (n) {
      var li = trin(n);
      if (li) liste.appendChild(li);
    });
    if (aktiv) {
      aktiv.classList.remove("aktiv");
      aktiv.setAttribute("aria-expanded", "false");
    }
    aktiv = knap;
    knap.classList.add("aktiv");
    knap.setAttribute("aria-expanded", "true");
    titel.textContent = knap.dataset.titel || "Beregningsspor";
    marker(noegle);
    panel.hidden = false;
    document.body.classList.add("spor-aaben");
    panel.scrollTop = 0;
    panel.focus({ preventScroll: true });
  }

  function luk() {
    panel.hidden = true;
    document.body.classList.remove("spor-aaben");
    if (aktiv) {
      aktiv.classList.remove("aktiv");
      aktiv.setAttribute("aria-expanded", "false");
      aktiv.focus();
      aktiv = null;
    }
  }

  function gaaTil(noegle) {
    var li = trin(noegle);
    if (!li) return;
    li.hidden = false;
    marker(noegle);
    li.scrollIntoView({ block: "start" });
    li.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (e) {
    var knap = e.target.closest("button[data-spor]");
    if (knap) { vis(knap); return; }
    var link = e.target.closest("a[data-til-trin]");
    if (link) { e.preventDefault(); gaaTil(link.dataset.tilTrin); return; }
    if (e.target.closest("[data-luk-spor]")) luk();
  });

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !panel.hidden) luk();
  });
  // The figures answer clicks from here on (browser tests wait for this mark).
  document.documentElement.dataset.sporKlar = "ja";
})();
