/* Recording a training session: the plan items offered are those of the year of the date chosen
 * (a session is of its own year's plan; the service refuses another year's item). The page draws
 * the other years' groups disabled and hidden; a date changed to another year shows that year's
 * items instead, and a choice of the year left is cleared (walk71, L4). */
(function () {
  "use strict";
  function follow(date) {
    var form = date.form;
    var select = form && form.querySelector("select[name=plan_item]");
    if (!select) return;
    var year = (date.value || "").slice(0, 4);
    select.querySelectorAll("optgroup[data-year]").forEach(function (group) {
      var other = group.dataset.year !== year;
      group.disabled = other;
      group.hidden = other;
    });
    var chosen = select.selectedOptions[0];
    if (chosen && chosen.parentElement && chosen.parentElement.disabled) select.value = "";
  }
  document.addEventListener("change", function (event) {
    var date = event.target;
    if (date.matches && date.matches("input[data-plan-years]")) follow(date);
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-plan-years]").forEach(follow);
  });
})();
