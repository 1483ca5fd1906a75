// Small behaviours the pages ask for with data- attributes. They live in this file, not in the
// pages, because the Content-Security-Policy runs scripts from this site's files only: no
// inline <script>, no onchange="...", no expression for htmx to evaluate.
(function () {
  "use strict";
  // The page's script runs: the phone's menu can fold (powerdesk.css, html.js).
  document.documentElement.classList.add("js");
  // <button data-nav-toggle>: the phone's folded menu unfolds and folds again.
  document.addEventListener("click", function (e) {
    var toggle = e.target.closest && e.target.closest("[data-nav-toggle]");
    if (!toggle) {
      // A tap outside the unfolded menu folds it again (walkthrough 34, finding 8).
      document.querySelectorAll("[data-nav-toggle][aria-expanded='true']").forEach(function (open) {
        var menu = document.getElementById(open.getAttribute("aria-controls"));
        if (!menu || menu.contains(e.target)) { return; }
        menu.classList.remove("open");
        open.setAttribute("aria-expanded", "false");
      });
      return;
    }
    var nav = document.getElementById(toggle.getAttribute("aria-controls"));
    if (!nav) { return; }
    var open = nav.classList.toggle("open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
  // Escape folds the unfolded menu again, the focus back on its button (walkthrough 33).
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") { return; }
    document.querySelectorAll("[data-nav-toggle][aria-expanded='true']").forEach(function (toggle) {
      var nav = document.getElementById(toggle.getAttribute("aria-controls"));
      if (!nav) { return; }
      nav.classList.remove("open");
      toggle.setAttribute("aria-expanded", "false");
      if (nav.contains(document.activeElement) || document.activeElement === document.body) {
        toggle.focus();
      }
    });
  });
  // A field marked autofocus (a refusal said at its field) is focused even when the address
  // names a place on the page (#promise-12): Chromium skips autofocus then, and going to the
  // place moves the focus to it once the page is loaded: after that (walkthrough 33).
  if (location.hash && document.querySelector("[autofocus]")) {
    window.addEventListener("load", function () {
      window.setTimeout(function () {
        var field = document.querySelector("[autofocus]");
        if (field && document.activeElement === document.body) { field.focus(); }
      }, 0);
    });
  }
  // What was done ("Call logged with work order …") is where the focus starts after a form was
  // sent, unless a field asks for it (a refusal said at its field): a screen reader says it, and
  // the next Tab goes on from it (walkthrough 73).
  var said = document.querySelector("ul.messages[data-messages]");
  if (said && !document.querySelector("[autofocus]") && !location.hash) {
    said.setAttribute("tabindex", "-1");
    said.focus({ preventScroll: true });
  }
  // <input data-once-token hidden>: a form's one-time token (servicedesk/idempotency.py), kept
  // with what was typed so that Back to a page that was sent brings it back with the token it
  // was sent with, and sending it again is recognised. A browser restores a text field for Back
  // only when its value differs from its default (never a hidden input's): the default is
  // cleared, the value stays (intake.js does the same for the intake page).
  document.querySelectorAll("input[data-once-token]").forEach(function (token) {
    var sent = token.value; token.defaultValue = ""; token.value = sent;
  });
  // <select data-autosubmit>: choosing sends the form (the station and language switchers).
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el.matches("select[data-autosubmit]") && el.form) {
      el.form.submit();
    }
    // <input data-bounds-by="name" data-bounds='{"choice": ["min", "max"]}'>: its min and max
    // follow the choice of the form's select of that name (a fault's restore time is a few days
    // ahead at most, planned work's within the year: outages/services.py restore_bounds).
    if (el.matches("select") && el.form && el.name) {
      el.form.querySelectorAll("input[data-bounds-by]").forEach(function (input) {
        if (input.dataset.boundsBy !== el.name) { return; }
        var bounds = JSON.parse(input.dataset.bounds || "{}")[el.value];
        if (bounds) { input.min = bounds[0]; input.max = bounds[1]; }
      });
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
  // [data-send-next] around forms drawn alike for several pages (the outage board: the outages
  // page, its own page, the home page): a form posted from inside it says which page it was
  // sent from ("next"), so the answer comes back to that page (lib/came_from.py checks it).
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.closest("[data-send-next]") || form.method.toLowerCase() !== "post") { return; }
    var next = form.querySelector('input[name="next"]');
    if (!next) {
      next = document.createElement("input");
      next.type = "hidden";
      next.name = "next";
      form.appendChild(next);
    }
    next.value = window.location.pathname + window.location.search;
  });
  // <input type="file" data-photo-max-bytes data-photo-too-big>: a photo over the server's bound
  // is refused as it is chosen, before a crew on a village's mobile data waits for its upload
  // (walk46, 8). The field says why (its custom validity: the form is not sent) and so does a
  // line after it; the server checks again whatever is sent. Each choice is judged anew: what
  // the station said of the files chosen before (its refusal at the field, named by the
  // field's aria-describedby) goes, as the line of the last choice does (walk64 L1: huge.jpg's
  // refusal with "fake.jpg is not a photo" still beneath it).
  document.addEventListener("change", function (e) {
    var input = e.target;
    if (!input.matches || !input.matches("input[type=file][data-photo-max-bytes]")) { return; }
    (input.getAttribute("aria-describedby") || "").split(/\s+/).forEach(function (id) {
      var before = id && document.getElementById(id);
      if (before && before.classList.contains("field-error")) {
        before.hidden = true;
        before.textContent = "";
      }
    });
    var max = Number(input.dataset.photoMaxBytes);
    var said = [];
    Array.prototype.forEach.call(input.files || [], function (file) {
      if (file.size > max) { said.push(input.dataset.photoTooBig.replace("{name}", file.name)); }
    });
    var text = said.join(" ");
    input.setCustomValidity(text);
    var line = input.photoLine;
    if (!line) {
      line = document.createElement("span");
      line.className = "errors";
      line.setAttribute("role", "alert");
      line.setAttribute("data-photo-too-big-said", "");
      line.id = (input.id || input.name) + "-too-big-" + Math.random().toString(36).slice(2, 8);
      (input.closest("label") || input).insertAdjacentElement("afterend", line);
      input.photoLine = line;
      var described = input.getAttribute("aria-describedby");
      input.setAttribute("aria-describedby", (described ? described + " " : "") + line.id);
    }
    line.textContent = text;
    line.hidden = !text;
    if (text) {
      input.setAttribute("aria-invalid", "true");
      input.reportValidity();
    } else {
      input.removeAttribute("aria-invalid");
    }
  });
  // hx-... data-pause-while="selector": a polling element skips its refresh while the selector
  // matches (a field of the board has the focus, or a detail is open).
  document.addEventListener("htmx:confirm", function (e) {
    var pause = e.target.dataset ? e.target.dataset.pauseWhile : null;
    if (pause && document.querySelector(pause)) { e.preventDefault(); }
  });
})();
