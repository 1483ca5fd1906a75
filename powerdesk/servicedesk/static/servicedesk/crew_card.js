/* The crew's phone, a job's card: a step tapped is kept on the phone and the card moves on at
 * once (only forward), its state and the word said on it ("kept on the phone", "the station has
 * it") after the form tapped. The stage table mirrors servicedesk/crew_job_card.py (STEP_AFTER).
 * The crew page's scripts share window.powerdeskCrew and are loaded in this order (crew_jobs.html;
 * kept on the phone by the service worker: CREW_STATIC in web/app.py): crew_store.js,
 * crew_card.js, crew_sync.js, crew.js. */
(function (crew) {
  "use strict";
  if (!crew.app) return;
  var T = crew.T;
  var NEXT = { accept: "accepted", on_the_way: "on_the_way", on_site: "on_site", cause_found: "cause_found", restored: "done" };
  var OFFERS = { dispatched: ["accept", "on_the_way"], accepted: ["on_the_way"], on_the_way: ["on_site"], on_site: ["cause_found"], cause_found: ["restored"], done: [] };
  var OFFICE_OFFERS = Object.assign({}, OFFERS, { on_site: ["restored"] });

  // -- a step from a card ---------------------------------------------------------------------
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-crew-step]")) return;
    // A second tap while the first is on its way (a double tap) is the same step: ignored.
    var tap = tapKey(form);
    if (pending[tap]) { event.preventDefault(); return; }
    pending[tap] = true;
    var files = form.querySelector("input[type=file]");
    var hasFiles = files && files.files && files.files.length > 0;
    if (hasFiles && navigator.onLine) return; // photos go with the form, while there is signal
    event.preventDefault();
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && name !== "csrfmiddlewaretoken" && name !== "step") fields[name] = value;
    });
    var item = {
      client_id: crew.newId(),
      order: Number(form.dataset.order),
      number: form.dataset.number,
      step: form.dataset.crewStep,
      label: form.dataset.label,
      fields: fields,
      made_at: new Date().toISOString(),
      tap: tap,
    };
    crew.put("queue", item).then(function () {
      var card = form.closest(".job");
      if (card) near[card.dataset.order] = { step: item.step, place: fields.place || "" };
      stage(card, item.step, true);
      // With signal it is sent at once: "kept on the phone" is said only if it cannot be.
      say(card, (navigator.onLine === false ? keptWords(item) : T.msgSending.replace("{step}", item.label)) +
        (hasFiles ? " " + T.msgNoPhotos : ""), "pending");
      var line = card && card.querySelector("[data-saved]");
      if (line && line.scrollIntoView) line.scrollIntoView({ block: "nearest" });
      form.reset();
      delete form.dataset.dirty;
      crew.flush();
    });
  });

  // The steps tapped and not yet answered, by card, step and place (a patrol place's own).
  var pending = {};
  function tapKey(form) {
    var place = form.querySelector('input[name="place"]');
    return form.dataset.order + "|" + form.dataset.crewStep + "|" + (place ? place.value : "");
  }
  function keptWords(item) {
    return T.msgKept.replace("{time}", crew.hm(item.made_at)).replace("{step}", item.label);
  }

  var RANK = ["dispatched", "accepted", "on_the_way", "on_site", "cause_found", "done"];
  // "Found here" is no stage: it is offered on patrol (FINDING_STAGES in crew_job_card.py), and on
  // an outage's job found on site it records the cause, as "cause found" does.
  var FINDING = ["on_the_way", "on_site", "cause_found"];
  // ``waiting``: the step is kept on the phone, not yet sent (no signal).
  function stage(card, step, waiting) {
    if (!card) return;
    var next = NEXT[step];
    if (step === "found_here") {
      next = card.dataset.outage === "1" && card.dataset.stage === "on_site" ? "cause_found" : null;
    }
    // Only forward: a copy of the list kept from before a step (no signal) does not undo it.
    if (!next || RANK.indexOf(next) <= RANK.indexOf(card.dataset.stage)) return;
    card.dataset.stage = next;
    stateSays(card, step, waiting);
    var offers = (card.dataset.field === "1" ? OFFERS : OFFICE_OFFERS)[card.dataset.stage] || [];
    card.querySelectorAll("form[data-crew-step]").forEach(function (f) {
      if (f.dataset.crewStep === "found_here") f.hidden = FINDING.indexOf(card.dataset.stage) < 0;
      // Planned work before its window: "done" waits for the power to be off (crew_job_card.py).
      else f.hidden = offers.indexOf(f.dataset.crewStep) < 0 || f.dataset.notYet === "1";
    });
    var deadline = card.querySelector("[data-arrive-by]");
    if (deadline && (step === "on_site" || step === "restored")) deadline.hidden = true;
  }
  // The job's state in words is the latest step taken on the phone ("accepted" is a step, not
  // an order status: the order stays dispatched, and the card must not say so after the crew
  // took it; "arrived" kept without signal is not yet the station's, and says so).
  function stateSays(card, step, waiting) {
    var state = card.querySelector("[data-job-state]");
    var form = card.querySelector('form[data-crew-step="' + step + '"]');
    if (!state) return;
    var label = step === "accept" ? T.msgAccepted : (form && form.dataset.label) || step;
    // "kept": tried and not sent; without signal it is kept at once; with signal, "sending".
    var words = waiting === "kept" || navigator.onLine === false ? T.msgStateWaiting : T.msgStateSending;
    state.textContent = waiting ? words.replace("{step}", label) : label;
    state.dataset.step = step;
    state.classList.toggle("pending", !!waiting);
  }
  var said = {}; // the last word on each job, said again when the list is refreshed
  // Where it is said: after the form of the step tapped (a patrol list's place may be a long
  // way above the card's foot, where the word was out of sight).
  var near = {};
  function say(card, text, kind) {
    if (card) said[card.dataset.order] = [text, kind];
    var line = card && card.querySelector("[data-saved]");
    if (!line) return;
    line.textContent = text;
    line.className = "saved " + (kind || "");
    var form = tapped(card);
    if (form && form.nextElementSibling !== line) form.insertAdjacentElement("afterend", line);
  }
  function tapped(card) {
    var at = near[card.dataset.order];
    if (!at) return null;
    var forms = card.querySelectorAll('form[data-crew-step="' + at.step + '"]');
    for (var i = 0; i < forms.length; i++) {
      var place = forms[i].querySelector('input[name="place"]');
      if ((place ? place.value : "") === at.place) return forms[i];
    }
    return null;
  }


  crew.stage = stage;
  crew.stateSays = stateSays;
  crew.say = say;
  crew.said = said;
  crew.near = near;
  crew.pending = pending;
  crew.keptWords = keptWords;
})(window.powerdeskCrew = window.powerdeskCrew || {});
