/* The page says where it was read and printed, and when: on printing, its own address replaces
   the permalink written at build time and today's date is added, and a citation's "date seen"
   (a blank to fill in by hand, in the page as built) becomes today. The pages hold no date of
   their own making, so that a build's output depends on the content only, never on the day.
   Nothing is fetched; without this script the permalink and the blank stay. */
(function () {
  "use strict";
  var stamp = document.querySelector(".printed");
  if (!stamp) { return; }
  var months = (stamp.getAttribute("data-months") || "").split(",");
  function today() {
    var now = new Date();
    return now.getDate() + " " + (months[now.getMonth()] || (now.getMonth() + 1)) + " " + now.getFullYear();
  }
  function stampPrint() {
    stamp.querySelector(".print-url").textContent = window.location.href;
    stamp.querySelector(".print-date").textContent = " — تاريخ الطباعة: " + today();
  }
  var here = document.querySelectorAll(".permalink[data-here]");  // no base_url: the page's own address
  for (var j = 0; j < here.length; j += 1) { here[j].textContent = window.location.href; }
  var seen = document.querySelectorAll(".seen-date");
  for (var i = 0; i < seen.length; i += 1) { seen[i].textContent = today(); }
  window.addEventListener("beforeprint", stampPrint);
  if (window.matchMedia) {
    var print = window.matchMedia("print");
    if (print.addListener) { print.addListener(function (m) { if (m.matches) { stampPrint(); } }); }
  }
}());
