/* The live board (outages:board) is polled every second. A refresh that arrives while someone
 * has a form open or is typing on it is dropped, so what they typed stays; so is one that
 * brings the same board again (the server answers 304 when nothing changed, which the browser
 * hands over as the page it already has). */
(function () {
  "use strict";

  var last = null;

  function busy(board) {
    return board.querySelector(":focus, details[open]") !== null;
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var board = document.getElementById("board");
    if (!board || event.detail.target !== board) return;
    if (busy(board) || event.detail.serverResponse === last) {
      event.detail.shouldSwap = false;
      return;
    }
    last = event.detail.serverResponse;
  });

  // "Checked: power is back" on a liaison's report to check: the outage's partial restore
  // (``data-open-what="restore"``: its restore, when the inner outage itself holds the place),
  // opened (its row's "more actions" too) and its first field focused (the board then waits).
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-open-part]") : null;
    if (!link) return;
    var key = link.getAttribute("data-open-part");
    var what = link.getAttribute("data-open-what") || "restore-part";
    var part = document.querySelector('details[data-testid="' + what + "-" + key + '"]');
    if (!part) return;
    event.preventDefault();
    var more = document.querySelector('details[data-testid="more-' + key + '"]');
    if (more && more.contains(part)) more.open = true;
    part.open = true;
    part.scrollIntoView({ block: "center" });
    var first =
      what === "restore"
        ? part.querySelector("select, input:not([type=hidden])")
        : part.querySelector("input[type=text]");
    if (first) first.focus();
  });
})();
