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
})();
