/* "Tell the office where we are": asks the phone for its location and posts it with the form
 * (accounts:crew_position). Without a location (refused, no GPS fix) it says so and posts nothing. */
(function () {
  "use strict";

  function bind(form) {
    if (form.dataset.bound) return;
    form.dataset.bound = "1";
    var button = form.querySelector("button");
    var status = form.querySelector("[role=status]");
    button.addEventListener("click", function () {
      if (!navigator.geolocation) {
        status.textContent = form.dataset.failed;
        return;
      }
      button.disabled = true;
      status.textContent = form.dataset.busy;
      navigator.geolocation.getCurrentPosition(
        function (where) {
          form.elements.x.value = where.coords.longitude;
          form.elements.y.value = where.coords.latitude;
          form.elements.accuracy.value = Math.round(where.coords.accuracy || 0);
          form.submit();
        },
        function () {
          button.disabled = false;
          status.textContent = form.dataset.failed;
        },
        { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 }
      );
    });
  }

  function start() {
    document.querySelectorAll("form[data-crew-locate]").forEach(bind);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
