/* On printing, a page says where it was printed from and when: its address and today's date
   replace the permalink and build date written at build time. Nothing is fetched. */
(function () {
  "use strict";
  var stamp = document.querySelector(".printed");
  if (!stamp) { return; }
  function fill() {
    var months = (stamp.getAttribute("data-months") || "").split(",");
    var now = new Date();
    stamp.querySelector(".print-url").textContent = window.location.href;
    stamp.querySelector(".print-date").textContent =
      "تاريخ الطباعة: " + now.getDate() + " " + (months[now.getMonth()] || (now.getMonth() + 1)) + " " + now.getFullYear();
  }
  window.addEventListener("beforeprint", fill);
  if (window.matchMedia) {
    var print = window.matchMedia("print");
    if (print.addListener) { print.addListener(function (m) { if (m.matches) { fill(); } }); }
  }
}());
