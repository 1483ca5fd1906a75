// Small behaviours the pages ask for with data- attributes. They live in this file, not in the
// pages, because the Content-Security-Policy runs scripts from this site's files only: no
// inline <script>, no onchange="...", no expression for htmx to evaluate.
(function () {
  "use strict";
  // <select data-autosubmit>: choosing sends the form (the station and language switchers).
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el.matches("select[data-autosubmit]") && el.form) {
      el.form.submit();
    }
    // <input type="checkbox" data-check-all="selector">: ticks or clears every box it names.
    if (el.matches("input[data-check-all]")) {
      document.querySelectorAll(el.dataset.checkAll).forEach(function (box) {
        box.checked = el.checked;
      });
    }
  });
  // <form data-disable-on-submit>: its button is disabled once sent (no second import).
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.matches("form[data-disable-on-submit]")) {
      var button = form.querySelector("button");
      if (button) { button.disabled = true; }
    }
  });
  // hx-... data-pause-while="selector": a polling element skips its refresh while the selector
  // matches (a field of the board has the focus, or a detail is open).
  document.addEventListener("htmx:confirm", function (e) {
    var pause = e.target.dataset ? e.target.dataset.pauseWhile : null;
    if (pause && document.querySelector(pause)) { e.preventDefault(); }
  });
})();
