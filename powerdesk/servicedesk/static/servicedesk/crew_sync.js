/* The crew's phone, sending: the steps kept on the phone go to servicedesk:crew_sync when there
 * is signal, oldest first; what the station took is said on its card (and remembered for a day,
 * so that a list kept from before shows it), what it would not take (the job was closed or moved
 * meanwhile) stays above the list until the crew has seen it.
 * The crew page's scripts share window.powerdeskCrew and are loaded in this order (crew_jobs.html;
 * kept on the phone by the service worker: CREW_STATIC in web/app.py): crew_store.js,
 * crew_card.js, crew_sync.js, crew.js. */
(function (crew) {
  "use strict";
  if (!crew.app) return;
  var T = crew.T;

  // -- sending --------------------------------------------------------------------------------
  var sending = false;
  var again = false; // a step kept while a batch was on its way goes right after it
  // Steps the station answered in this page's life. A read of the queue begun before the
  // answer (a list refreshed while the batch was on its way) still holds them: it must not
  // say "kept on the phone" over "the station has it".
  var answered = {};
  // The station answered that another member is logged in on the phone now (this page was
  // opened in its own member's login, kept open meanwhile: another tab, the app in the
  // background): its steps are not that member's, they stay on the phone for their maker and
  // are sent when they log in again (crew_sync.py, ``other_login``). Said until a step goes.
  var otherLogin = false;
  function csrf() {
    var holder = document.querySelector("#crew-jobs [data-csrf]") || crew.app;
    return holder.dataset.csrf;
  }
  function flush(anyway) {
    if (sending) { again = true; return Promise.resolve(); }
    // Taken before the queue is read: "online" and the tick at once read the same steps, sent
    // them twice and said "sent" twice (fix62a's walk).
    sending = true;
    var idle = function () {
      sending = false;
      if (again) { again = false; flush(); }
    };
    return crew.all("queue").then(function (items) {
      // A shared phone: steps another member made in their login wait for that login.
      items = items.filter(function (i) { return !i.by || i.by === T.user; });
      status(items.length);
      // Photos kept with steps the station has (crew_photos.js) go after them.
      if (!items.length) { idle(); return crew.sendPhotos && crew.sendPhotos(); }
      // The phone says it has no network at all: nothing is tried until it says "online", or
      // now and then anyway (some phones say "offline" wrongly and never say "online"). The
      // steps stay kept; their buttons may be tapped again.
      if (navigator.onLine === false && anyway !== true) { crew.release(items); idle(); return; }
      items.sort(function (a, b) { return a.made_at < b.made_at ? -1 : 1; });
      var body = items.map(function (i) {
        return { client_id: i.client_id, order: i.order, step: i.step, fields: i.fields, made_at: i.made_at, by: i.by };
      });
      return fetch(T.syncUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
        // When it was sent, on the phone's clock: the station moves the steps' times by how far
        // this clock is off from its own (crew_sync.py).
        body: JSON.stringify({ items: body, sent_at: new Date().toISOString() }),
      }).then(function (response) {
        if (response.status === 403 || response.redirected) { statusText(T.msgLogin); kept(items); return; }
        if (!response.ok) { statusText(T.msgRetry); kept(items); return; }
        return response.json().then(function (answer) {
          crew.clockFrom(answer.now);
          return settle(items, answer.results || []);
        });
      }).catch(function () {
        status(items.length); // no signal: they wait
        kept(items);
      }).finally(function () {
        crew.release(items); // taken, refused, kept (no signal, no answer, the login gone)
        idle();
      });
    }, idle);
  }
  // Not sent: each step says it is kept on the phone (said "sending" while it was tried).
  var unsent = {}; // tried and not sent (said "kept" when the list is drawn again)
  function kept(items) {
    items.forEach(function (i) {
      var card = cardOf(i);
      if (answered[i.client_id]) return;
      unsent[i.client_id] = true;
      if (!card) return;
      crew.say(card, crew.keptWords(i), "pending");
      var state = card.querySelector("[data-job-state]");
      if (state && state.dataset.step === i.step) crew.stateSays(card, i.step, "kept");
    });
  }
  // A field the station would not take (a device unknown or off the job's line, a time past):
  // said at that field of the card's form at once (the card goes back to where that step is
  // offered) and again whenever the list is drawn again, with what was typed, not in the box of
  // steps not taken. A refusal of no field of the form is said in that box, and what was typed
  // waits in the form all the same, to send again. ``back``: the refusal by job, until its
  // step is sent again; ``live``: what each form holds now, as the crew left it (a box ticked
  // since the refusal, a code corrected), by form (crew.tapKey), put back over a redraw — the
  // redraw draws each form as the station first drew it.
  var back = {};
  var live = {};
  function valuesOf(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (input) {
      if (!input.name || input.name === "csrfmiddlewaretoken" || input.name === "step") return;
      if (input.type === "file" || input.type === "submit" || input.type === "hidden") return;
      values[input.name] = input.type === "checkbox" ? (input.checked ? input.value : "") : input.value;
    });
    return values;
  }
  function putValues(form, values) {
    Object.keys(values).forEach(function (name) {
      var input = form.elements[name];
      // (a hidden field is the form's own: a patrol place's key is never written over)
      if (!input || input.type === "file" || input.type === "hidden") return;
      if (input.type === "checkbox") input.checked = values[name] === input.value;
      else input.value = values[name];
    });
  }
  function track(event) {
    var form = event.target.closest && event.target.closest("#crew-jobs form[data-crew-step]");
    if (form) live[crew.tapKey(form)] = valuesOf(form);
  }
  document.addEventListener("input", track);
  document.addEventListener("change", track);
  // The step is sent again with what its form holds: nothing of before is put back.
  function forget(form) {
    delete live[crew.tapKey(form)];
    var b = back[form.dataset.order];
    if (b && b.step === form.dataset.crewStep) delete back[form.dataset.order];
  }
  // The form a step was sent from: of its job and step and, on a patrol list (a "found here"
  // form for each place), of the place sent (crew.tapKey's place: "" for a form with none, as
  // the device found open). Never another place's form: the first one on the card is not it.
  function formOf(order, step, place) {
    var forms = document.querySelectorAll('.job[data-order="' + order + '"] form[data-crew-step="' + step + '"]');
    for (var i = 0; i < forms.length; i++) {
      var input = forms[i].querySelector('input[name="place"]');
      if ((input ? input.value : "") === (place || "")) return forms[i];
    }
    return null;
  }
  // ``drawn``: the list was just drawn again (crew.js), and a form it no longer offers means
  // the job moved on meanwhile: what was kept for it goes.
  function formsBack(drawn) {
    Object.keys(back).forEach(function (order) {
      var b = back[order];
      var form = formOf(order, b.step, (b.fields || {}).place);
      if (!form || form.hidden) { if (drawn) delete back[order]; return; }
      if (!(b.tap in live)) putValues(form, b.fields);
      // Every field refused, each with its words (``wrong``), or the one named.
      var wrong = b.wrong || {};
      if (!b.wrong && b.field) wrong[b.field] = b.reason;
      Object.keys(wrong).forEach(function (name) {
        var error = form.querySelector('[data-field-error="' + name + '"]');
        if (!error) return;
        error.textContent = wrong[name];
        error.hidden = false;
        // In sight: a place's form is folded in its details, and a place past the first few
        // in "show all" (a redraw draws them folded).
        for (var d = error.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) d.open = true;
      });
      var confirm = b.confirm && form.querySelector('[data-confirm="' + b.confirm + '"]');
      if (confirm) confirm.hidden = false;
      form.dataset.dirty = "1"; // kept through the list's refreshes until it is sent again
    });
    Object.keys(live).forEach(function (key) {
      var form = null;
      document.querySelectorAll("#crew-jobs form[data-crew-step]").forEach(function (f) {
        if (!form && crew.tapKey(f) === key) form = f;
      });
      if (!form || form.hidden) { if (drawn) delete live[key]; return; }
      putValues(form, live[key]);
      form.dataset.dirty = "1";
    });
  }
  function settle(items, results) {
    var byId = {};
    items.forEach(function (i) { byId[i.client_id] = i; });
    var work = results.map(function (r) {
      var item = byId[r.client_id];
      if (!item) return Promise.resolve();
      var card = cardOf(item);
      if (r.other_login) {
        // Not refused: kept in the queue for its maker, not said as "not taken".
        otherLogin = true;
        kept([item]);
        return Promise.resolve();
      }
      answered[item.client_id] = true;
      if (r.status !== "ok") {
        // Photos chosen with the step are not sent after a step not taken (crew_photos.js):
        // said before the step leaves the queue.
        if (crew.photosStepRefused) crew.photosStepRefused(item.client_id);
        crew.said[item.order] = ["", ""]; // no longer "sending"
        if (card) crew.say(card, "", "");
        // Answered: a tap on the step's form now is the crew's next try, not a double tap.
        crew.unguard(item.tap);
      }
      var sentFrom = card && formOf(item.order, item.step, (item.fields || {}).place);
      if (r.status !== "ok" && r.field && sentFrom && sentFrom.querySelector('[data-field-error="' + r.field + '"]')) {
        back[item.order] = { step: item.step, tap: item.tap, fields: item.fields, field: r.field, confirm: r.confirm || "", reason: r.reason || "", wrong: r.wrong || null };
        // Said now, at the field, on the card as it was before the tap.
        crew.back(card, item);
        formsBack(false);
        return crew.remove("queue", item.client_id);
      }
      var typed = Object.keys(item.fields || {}).some(function (name) { return item.fields[name]; });
      if (r.status !== "ok" && typed && !r.meanwhile && !r.knock_on) {
        // The job is still the crew's: what was typed waits in the step's form.
        back[item.order] = { step: item.step, tap: item.tap, fields: item.fields, field: "", confirm: "", reason: "" };
      }
      if (r.status === "ok") {
        otherLogin = false;
        remember(item);
        var words = T.msgSent.replace("{time}", r.made_at_local || crew.hm(item.made_at)) + " " + (r.saved || []).concat(r.warnings || []).join(" ");
        // Sent but not taken, the step itself taken (an old card's time on a hazard with nobody off).
        var kind = (r.warnings || []).length ? "warn" : "ok";
        if (r.order && String(r.order) !== String(item.order)) {
          // Taken on the outage's job, which another order stands for now (its card replaces
          // this one at the next refresh): that card moves on, and says so.
          remember(Object.assign({}, item, { order: r.order, dispatch: r.dispatch }));
          crew.said[r.order] = [words, kind, String(r.dispatch)];
        }
        var state = card && card.querySelector("[data-job-state]");
        if (state && state.dataset.step === item.step) crew.stateSays(card, item.step, false);
        crew.say(card, words, kind, item.order, item.dispatch);
        if (item.step === "restored") done(item, r.made_at_local || crew.hm(item.made_at));
        return crew.remove("queue", item.client_id);
      }
      var conflict = Object.assign({}, item, {
        reason: r.reason || "", job_status: r.job_status || "",
        meanwhile: r.meanwhile || "", knock_on: !!r.knock_on,
      });
      return crew.put("conflicts", conflict).then(function () { return crew.remove("queue", item.client_id); });
    });
    return Promise.all(work).then(function () {
      showConflicts();
      crew.all("queue").then(function (left) { status(left.length); });
      if (crew.sendPhotos) crew.sendPhotos();
      if (window.htmx) htmx.trigger("#crew-jobs", "crew:refresh");
    });
  }
  // A finished job leaves the list when it refreshes, and its card with the word said on it:
  // what was sent is said above the list, where it stays.
  function done(item, time) {
    var list = document.getElementById("crew-done");
    if (!list) return;
    var li = document.createElement("li");
    li.textContent = T.msgDone.replace("{number}", item.number || item.order)
      .replace("{step}", item.label || item.step).replace("{time}", time);
    list.appendChild(li);
    list.hidden = false;
  }
  function status(n) {
    if (n && otherLogin) statusText(T.msgOtherLogin.split("{name}").join(T.userName));
    else statusText(n ? T.msgWaiting.replace("{n}", n) : "");
  }
  function statusText(text) {
    var line = document.getElementById("crew-sync-status");
    if (line) { line.textContent = text; line.hidden = !text; }
  }

  // -- what the station would not take --------------------------------------------------------
  // In the order the steps were made (the store keeps them by their random ids). A refusal
  // that only follows from an earlier one of the same job (the office restored meanwhile, so
  // "arrived" and "restored" both went) is folded into that one's line: one line per cause.
  function showConflicts() {
    return crew.all("conflicts").then(function (items) {
      var box = document.getElementById("crew-conflicts");
      if (!box) return;
      box.hidden = !items.length;
      var list = box.querySelector("ul");
      list.textContent = "";
      items.sort(function (a, b) { return a.made_at < b.made_at ? -1 : a.made_at > b.made_at ? 1 : 0; });
      var groups = [];
      items.forEach(function (c) {
        var last = groups.length ? groups[groups.length - 1] : null;
        var first = last && last[0];
        var follows = first && String(first.order) === String(c.order) &&
          (c.knock_on || (c.meanwhile && c.meanwhile === first.meanwhile));
        if (follows) last.push(c); else groups.push([c]);
      });
      groups.forEach(function (group) {
        var c = group[0];
        var li = document.createElement("li");
        li.setAttribute("data-testid", "crew-conflict");
        if (group.length === 1) {
          li.textContent = T.msgConflict.replace("{number}", c.number || c.order)
            .replace("{step}", c.label || c.step).replace("{time}", crew.hm(c.made_at)) + " " + c.reason;
        } else {
          var steps = group.map(function (g) {
            return T.msgConflictStep.replace("{step}", g.label || g.step).replace("{time}", crew.hm(g.made_at));
          }).join(T.msgListSep);
          li.textContent = T.msgConflictMany.replace("{number}", c.number || c.order).replace("{steps}", steps) + " " +
            (c.meanwhile ? T.msgMeanwhileMany.replace("{meanwhile}", c.meanwhile) : c.reason + " " + T.msgKnockOn);
        }
        var seen = document.createElement("button");
        seen.type = "button";
        seen.className = "btn secondary";
        seen.textContent = T.msgSeen;
        seen.addEventListener("click", function () {
          Promise.all(group.map(function (g) { return crew.remove("conflicts", g.client_id); })).then(showConflicts);
        });
        li.appendChild(document.createTextNode(" "));
        li.appendChild(seen);
        list.appendChild(li);
      });
    });
  }


  // Steps the station took today: a list the phone kept from before them still shows them.
  // Each with the sending of its order it was taken on (crew_job_orders.dispatch_of): the
  // order restored and sent to the crew again (reopened, "仍未解决"), or taken off the crew and
  // given back, is a new job, which the steps of the sending before neither move on nor finish
  // (fix53d: it was drawn as done, and never announced).
  function sent() {
    var day = Date.now() - 24 * 3600 * 1000;
    return JSON.parse(localStorage.getItem("crew-sent") || "[]").filter(function (i) {
      return Date.parse(i.made_at) > day;
    });
  }
  function remember(item) {
    var kept = sent().concat([{ order: item.order, dispatch: item.dispatch, step: item.step, made_at: item.made_at }]);
    localStorage.setItem("crew-sent", JSON.stringify(kept.slice(-200)));
  }

  // Whether a step (``dispatch``: of which sending) is of the sending ``card`` is. A step
  // remembered before the phone knew of sendings (none said) is of any.
  function sameSending(dispatch, card) {
    return dispatch === undefined || dispatch === null || String(dispatch) === card.dataset.dispatch;
  }
  // The card of a step (kept or taken): none drawn of the order's sending it was made on.
  function cardOf(i) {
    var card = document.querySelector('.job[data-order="' + i.order + '"]');
    return card && sameSending(i.dispatch, card) ? card : null;
  }

  // A job the phone finished today (its 已复电 taken by the station) on the sending ``card``
  // is: never announced as new (crew.js), whatever copy of a list shows it.
  function finished(card) {
    return sent().some(function (i) {
      return i.step === "restored" && String(i.order) === card.dataset.order && sameSending(i.dispatch, card);
    });
  }

  // Steps still on the phone move their cards on, in the order they were made.
  function applyQueue() {
    sent().forEach(function (i) { crew.stage(cardOf(i), i.step, false); });
    return crew.all("queue").then(function (items) {
      items = items.filter(function (i) { return !answered[i.client_id]; });
      items.sort(function (a, b) { return a.made_at < b.made_at ? -1 : 1; });
      items.forEach(function (i) {
        var card = cardOf(i);
        if (!card) return;
        crew.stage(card, i.step, true);
        var sendingNow = navigator.onLine !== false && !unsent[i.client_id];
        crew.say(card, sendingNow ? T.msgSending.replace("{step}", i.label) : crew.keptWords(i), "pending");
      });
    });
  }

  crew.flush = flush;
  crew.finished = finished;
  crew.sameSending = sameSending;
  crew.showConflicts = showConflicts;
  crew.applyQueue = applyQueue;
  crew.fieldBack = formsBack;
  crew.forget = forget;
})(window.powerdeskCrew = window.powerdeskCrew || {});
