// The single-line diagram's "全屏" button: the diagram alone on the whole screen, scrolled
// inside it; Esc (or the button again) brings the page back.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-fullscreen]");
    if (!button) return;
    var target = document.getElementById(button.getAttribute("data-fullscreen"));
    if (!target) return;
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (target.requestFullscreen) {
      target.requestFullscreen();
    } else {
      // No Fullscreen API (older phone browsers): the box takes the window instead.
      target.classList.toggle("is-full");
    }
  });
})();
