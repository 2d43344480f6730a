// Source pages (sources/<document>/): the lines named in the address (#L150 or #L150-L153) get a
// background and come into view; a measure page links to the lines it quotes.
(function () {
  "use strict";
  var CITED = "reform-line--cited";

  function highlight() {
    var lines = document.querySelector(".reform-lines");
    if (!lines) return;
    lines.querySelectorAll("." + CITED).forEach(function (line) { line.classList.remove(CITED); });
    var match = /^#L(\d+)(?:-L(\d+))?$/.exec(location.hash);
    if (!match) return;
    var first = Number(match[1]);
    var last = Number(match[2] || match[1]);
    for (var n = first; n <= last; n++) {
      var line = document.getElementById("L" + n);
      if (line) line.classList.add(CITED);
    }
    var start = document.getElementById("L" + first);
    if (start) start.scrollIntoView({block: "start"});
  }

  window.addEventListener("hashchange", highlight);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", highlight);
  else highlight();
})();
