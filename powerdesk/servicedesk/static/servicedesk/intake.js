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
})();
