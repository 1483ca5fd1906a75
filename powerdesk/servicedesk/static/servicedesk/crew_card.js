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
  var NEXT = { accept: "accepted", on_the_way: "on_the_way", on_site: "on_site", cause_found: "cause_found", restored: "done", nothing_found: "done" };
  var OFFERS = { dispatched: ["accept", "on_the_way"], accepted: ["on_the_way"], on_the_way: ["on_site"], on_site: ["cause_found", "nothing_found"], cause_found: ["restored"], done: [] };
  var OFFICE_OFFERS = Object.assign({}, OFFERS, { on_site: ["restored"] });

  // "Inside the customer's house": no grid device is asked; the device field is set aside
  // (disabled: not sent) while it is ticked.
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[name=in_house]") || !box.form) return;
    var device = box.form.querySelector("input[name=device]");
    if (!device) return;
    device.disabled = box.checked;
    device.required = !box.checked && device.dataset.required === "1";
  });

  // A field the step needs, sent empty: said at the field, in the card's words (data-missing),
  // not only in the browser's own bubble, which goes in a second (walk71, L7). The words go
  // when the field is filled in.
  document.addEventListener("invalid", function (event) {
    var input = event.target;
    if (!input.form || !input.form.matches("form[data-crew-step]") || !input.dataset.missing) return;
    var error = input.form.querySelector('[data-field-error="' + input.name + '"]');
    if (!error || !input.validity.valueMissing) return;
    error.textContent = input.dataset.missing;
    error.hidden = false;
    input.setAttribute("aria-invalid", "true");
  }, true);
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.form || !input.dataset || !input.dataset.missing || !input.value) return;
    var error = input.form.querySelector('[data-field-error="' + input.name + '"]');
    if (error && error.textContent === input.dataset.missing) { error.hidden = true; error.textContent = ""; }
    input.removeAttribute("aria-invalid");
  });

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
    var job = form.closest(".job");
    var item = {
      client_id: crew.newId(),
      order: Number(form.dataset.order),
      // Which sending of the order (crew_job_orders.dispatch_of): the order sent again is a
      // new job, which this step is not of (crew_sync.js).
      dispatch: job ? job.dataset.dispatch : undefined,
      number: form.dataset.number,
      step: form.dataset.crewStep,
      label: form.dataset.label,
      fields: fields,
      made_at: new Date().toISOString(),
      by: T.user, // whose login made it: a shared phone sends it only in that login
      tap: tap,
    };
    // Sent anew with what the form holds now: a refusal of an earlier send of this step is
    // answered by it, and a redraw must not put that one's words and error back over it.
    crew.forget(form);
    // The photos chosen go with the step, kept on the phone (crew_photos.js): read before the
    // form is emptied.
    var chosen = hasFiles ? Array.prototype.slice.call(files.files) : [];
    crew.put("queue", item).then(function () {
      return chosen.length && crew.keepPhotos ? crew.keepPhotos(item, chosen) : null;
    }).then(function (photosKept) {
      var card = form.closest(".job");
      if (card) near[card.dataset.order] = { step: item.step, place: fields.place || "" };
      if (card) before[item.client_id] = beforeOf(card);
      stage(card, item.step, true);
      // With signal it is sent at once: "kept on the phone" is said only if it cannot be.
      say(card, (navigator.onLine === false ? keptWords(item) : T.msgSending.replace("{step}", item.label)) +
        (photosKept === true ? " " + T.msgPhotosKept.replace("{n}", chosen.length) :
          photosKept === false ? " " + T.msgPhotosNotKept.replace("{number}", item.number || item.order) : ""), "pending");
      var line = card && card.querySelector("[data-saved]");
      if (line && line.scrollIntoView) line.scrollIntoView({ block: "nearest" });
      form.reset();
      delete form.dataset.dirty;
      crew.flush();
    });
  });

  // The steps tapped and not yet answered, by card, step and place (a patrol place's own).
  // Released whatever came of sending them (crew_sync.js: taken, refused, kept for want of
  // signal, the login gone), each no sooner than DOUBLE_TAP after its tap: a double tap is one
  // step, and a step kept on the phone never leaves its button dead.
  var pending = {};
  var DOUBLE_TAP = 800;
  function release(items) {
    items.forEach(function (i) {
      if (!i.tap || !pending[i.tap]) return;
      var wait = Math.max(0, Date.parse(i.made_at) + DOUBLE_TAP - Date.now());
      setTimeout(function () { delete pending[i.tap]; }, isNaN(wait) ? 0 : wait);
    });
  }
  // A step the station answered with a refusal: a tap on its form now is the crew's next try.
  function unguard(tap) {
    if (tap) delete pending[tap];
  }
  // A step sent with its photos goes as a page (not kept on the phone): back from that page
  // (the browser's copy of this one), its tap is answered whatever became of it.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) Object.keys(pending).forEach(function (tap) { delete pending[tap]; });
  });
  function tapKey(form) {
    var place = form.querySelector('input[name="place"]');
    return form.dataset.order + "|" + form.dataset.crewStep + "|" + (place ? place.value : "");
  }
  // A form changed since its tap (a box ticked, a code corrected after a refusal) is a new step
  // to send, not the second tap of a double tap: its guard goes.
  function changed(event) {
    var form = event.target.closest && event.target.closest("form[data-crew-step]");
    if (form) delete pending[tapKey(form)];
  }
  document.addEventListener("input", changed);
  document.addEventListener("change", changed);

  // The card as it was before a step was tapped (its stage, the state it said, the word said
  // on it and whether its time to arrive by showed), so that a step the station refuses at a
  // field puts the card back where that step's form is offered, at once, without waiting for
  // the list to be drawn again (``back``): a refused arrival keeps the time to arrive by and
  // "the station has it" of the step before (walkthrough 35, 14).
  var before = {};
  function beforeOf(card) {
    var state = card.querySelector("[data-job-state]");
    var deadline = card.querySelector("[data-arrive-by]");
    return {
      stage: card.dataset.stage,
      text: state ? state.textContent : "",
      step: state ? state.dataset.step || "" : "",
      pending: state ? state.classList.contains("pending") : false,
      said: said[card.dataset.order] || null,
      deadlineHidden: deadline ? deadline.hidden : null,
    };
  }
  function back(card, item) {
    var was = before[item.client_id];
    delete before[item.client_id];
    if (!card || !was) return;
    // The card drawn again from the station between the tap and its answer is at its stage
    // already: only the word said before the tap is put back (a refused arrival on a loaded
    // phone lost "the station has it" of the step before).
    if (card.dataset.stage === NEXT[item.step]) {
      card.dataset.stage = was.stage;
      offer(card);
      var state = card.querySelector("[data-job-state]");
      if (state) {
        state.textContent = was.text;
        if (was.step) state.dataset.step = was.step; else delete state.dataset.step;
        state.classList.toggle("pending", was.pending);
      }
      var deadline = card.querySelector("[data-arrive-by]");
      if (deadline && was.deadlineHidden !== null) deadline.hidden = was.deadlineHidden;
    }
    if (was.said && was.said[1] !== "pending") say(card, was.said[0], was.said[1]);
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
    offer(card);
    var deadline = card.querySelector("[data-arrive-by]");
    if (deadline && (step === "on_site" || step === "restored")) deadline.hidden = true;
  }
  // The forms the card's stage offers (the rest hidden).
  function offer(card) {
    // An order's own job whose cause is recorded (data-cause) is resolved once on site: the
    // card has no cause's form then (crew_job_card.cause_asked).
    var at = card.dataset.stage === "on_site" && card.dataset.cause === "1" ? "cause_found" : card.dataset.stage;
    var offers = (card.dataset.field === "1" ? OFFERS : OFFICE_OFFERS)[at] || [];
    card.querySelectorAll("form[data-crew-step]").forEach(function (f) {
      if (f.dataset.crewStep === "found_here" || f.dataset.crewStep === "nothing_here") f.hidden = FINDING.indexOf(card.dataset.stage) < 0;
      // Planned work before its window: "done" waits for the power to be off (crew_job_card.py).
      else f.hidden = offers.indexOf(f.dataset.crewStep) < 0 || f.dataset.notYet === "1";
    });
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
  function say(card, text, kind, order, dispatch) {
    // Remembered by the job even while its card is not drawn (the list being drawn again), so
    // the redraw says it: "the station has it" is never lost for want of a card at that moment.
    var job = card ? card.dataset.order : order;
    // With the sending of the order it was said on (crew_job_orders.dispatch_of): the order
    // sent to the crew again is a new job, which it is not said on (crew.js).
    if (job !== undefined && job !== null) said[job] = [text, kind, card ? card.dataset.dispatch : dispatch];
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


  // -- the time to arrive by, said anew as the minutes pass -------------------------------------
  // The station draws each card's deadline with its words ("已超期 2小时20分", "还剩 25分钟":
  // crew_deadline.py) and the list is drawn again every 20 s; without signal it is not, and a
  // deadline passing must still say "overdue". So the phone says them again from each
  // deadline's time (data-due), every CLOCK_EVERY, with the station's words
  // (data-clock-*: crew_deadline.clock_words), on the station's clock: the phone's own, moved by
  // how far it was off the last time the station answered (crew_store.js; never a copy the phone
  // kept), kept on the phone for the hours without signal.
  var CLOCK_EVERY = 30000;
  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (!xhr || xhr.status !== 200 || !event.detail.successful) return;
    if (xhr.getResponseHeader("X-Kept-On-Phone")) return; // a copy kept from before (sw.js)
    crew.clockFrom(xhr.getResponseHeader("Date"));
  });
  function spanWords(ms) {
    var minutes = Math.max(Math.floor(ms / 60000), 0);
    var hours = Math.floor(minutes / 60);
    minutes %= 60;
    if (hours >= 24) return T.clockDays.replace("{d}", Math.floor(hours / 24)).replace("{h}", hours % 24);
    if (hours) return T.clockHours.replace("{h}", hours).replace("{m}", minutes);
    return T.clockMinutes.replace("{m}", minutes);
  }
  function deadlines() {
    var now = crew.stationNow();
    document.querySelectorAll("[data-arrive-by][data-due]").forEach(function (line) {
      var due = Date.parse(line.dataset.due);
      if (isNaN(due)) return;
      var state = due <= now ? "overdue" : due - now <= Number(T.clockSoon) * 1000 ? "soon" : "later";
      var words = state === "overdue" ? T.clockOverdue.replace("{span}", spanWords(now - due)) :
        state === "soon" ? T.clockLeft.replace("{span}", spanWords(due - now)) : "";
      line.classList.remove("overdue", "soon", "later");
      line.classList.add(state);
      line.dataset.state = state;
      var span = line.querySelector(".due-words");
      if (words && !span) {
        span = document.createElement("span");
        span.className = "due-words";
        span.setAttribute("data-testid", "job-due-words");
        line.appendChild(document.createTextNode(" "));
        line.appendChild(span);
      }
      if (span) { span.textContent = words; span.hidden = !words; }
    });
  }
  setInterval(deadlines, CLOCK_EVERY);
  deadlines(); // a page the phone kept opens with the words of when it was kept

  crew.stage = stage;
  crew.back = back;
  crew.tapKey = tapKey;
  crew.stateSays = stateSays;
  crew.say = say;
  crew.said = said;
  crew.release = release;
  crew.unguard = unguard;
  crew.keptWords = keptWords;
  crew.deadlines = deadlines;
})(window.powerdeskCrew = window.powerdeskCrew || {});
