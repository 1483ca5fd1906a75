// The intake page: Ctrl+Enter saves, and an unsure suggestion's choice goes into the category.
(function () {
  "use strict";
  document.getElementById("intake-form").addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); this.requestSubmit(); }
  });
  // Unsure, the suggestion offers two categories (htmx swaps it in as the note is typed): the
  // clerk's pick goes into the category field, which is what is saved.
  document.getElementById("suggestion").addEventListener("click", function (e) {
    var button = e.target.closest(".choose-category");
    if (!button) { return; }
    document.getElementById("id_category").value = button.dataset.category;
    this.querySelectorAll(".choose-category").forEach(function (b) {
      b.setAttribute("aria-pressed", b === button ? "true" : "false");
    });
  });
  // A note that names a danger or a medical need is saved urgent whatever the box says: the box
  // is ticked as soon as the suggestion says so, so what the clerk sees is what is saved.
  document.addEventListener("htmx:afterSwap", function (e) {
    if (e.target.id !== "suggestion") { return; }
    var box = document.getElementById("id_urgent");
    if (box && e.target.querySelector("[data-suggested-urgent]")) { box.checked = true; }
  });
  // What was typed before the page's scripts were ready (a fast typist, a pasted number, the
  // browser refilling the form on "back") is looked up as soon as they are. (The fields' triggers
  // have no "changed" filter: htmx would take the early value as already seen and skip it.)
  document.addEventListener("htmx:load", function (e) {
    if (e.target !== document.body || !window.htmx) { return; }
    ["id_caller_number", "id_text"].forEach(function (id) {
      var field = document.getElementById(id);
      if (field && field.value !== field.defaultValue) { htmx.trigger(field, "input"); }
    });
  });
})();
