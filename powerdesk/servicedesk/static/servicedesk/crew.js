/* The crew's phone without signal: each step is kept on the phone (IndexedDB) with the time it
 * was made and sent to servicedesk:crew_sync when there is signal; the card moves on at once.
 * What the station would not take (the job was closed or moved meanwhile) stays on the page
 * until the crew has seen it. "Found here" (where the fault was) is kept and sent the same
 * way. Also: the job list refreshes itself (htmx, every 20 s, not while someone types), a
 * new urgent job is announced (banner and vibration), and the service worker (/sw.js) keeps
 * the page. The stage table mirrors servicedesk/crew_jobs.py (STEP_AFTER). */
(function () {
  "use strict";
  var app = document.getElementById("crew-app");
  if (!app) return;
  var T = app.dataset;
  var NEXT = { accept: "accepted", on_the_way: "on_the_way", on_site: "on_site", cause_found: "cause_found", restored: "done" };
  var OFFERS = { dispatched: ["accept", "on_the_way"], accepted: ["on_the_way"], on_the_way: ["on_site"], on_site: ["cause_found"], cause_found: ["restored"], done: [] };
  var OFFICE_OFFERS = Object.assign({}, OFFERS, { on_site: ["restored"] });
  var dbPromise = null;

  // -- the phone's store ----------------------------------------------------------------------
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var open = indexedDB.open("powerdesk-crew", 1);
        open.onupgradeneeded = function () {
          open.result.createObjectStore("queue", { keyPath: "client_id" });
          open.result.createObjectStore("conflicts", { keyPath: "client_id" });
        };
        open.onsuccess = function () { resolve(open.result); };
        open.onerror = function () { reject(open.error); };
      });
    }
    return dbPromise;
  }
  function store(name, mode, work) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var tx = d.transaction(name, mode);
        var result = work(tx.objectStore(name));
        tx.oncomplete = function () { resolve(result && "result" in result ? result.result : undefined); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }
  function all(name) { return store(name, "readonly", function (s) { return s.getAll(); }); }
  function put(name, item) { return store(name, "readwrite", function (s) { s.put(item); }); }
  function remove(name, key) { return store(name, "readwrite", function (s) { s.delete(key); }); }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }
  // Times are said in the station's time zone (data-time-zone, settings.TIME_ZONE), as the
  // station's pages and texts say them: not in the phone's own zone, which may be UTC or
  // wherever the phone was bought, so "23:18" on the phone is "23:18" on the board.
  var clock = null;
  function hm(iso) {
    var d = new Date(iso);
    if (!clock) {
      try {
        clock = new Intl.DateTimeFormat("en-GB", { timeZone: T.timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
      } catch (e) {
        clock = { format: function (x) { return x.toISOString().slice(11, 16) + " UTC"; } };
      }
    }
    return clock.format(d);
  }

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
      client_id: newId(),
      order: Number(form.dataset.order),
      number: form.dataset.number,
      step: form.dataset.crewStep,
      label: form.dataset.label,
      fields: fields,
      made_at: new Date().toISOString(),
      tap: tap,
    };
    put("queue", item).then(function () {
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
      flush();
    });
  });

  // The steps tapped and not yet answered, by card, step and place (a patrol place's own).
  var pending = {};
  function tapKey(form) {
    var place = form.querySelector('input[name="place"]');
    return form.dataset.order + "|" + form.dataset.crewStep + "|" + (place ? place.value : "");
  }
  function keptWords(item) {
    return T.msgKept.replace("{time}", hm(item.made_at)).replace("{step}", item.label);
  }

  var RANK = ["dispatched", "accepted", "on_the_way", "on_site", "cause_found", "done"];
  // "Found here" is no stage: it is offered on patrol (FINDING_STAGES in crew_jobs.py), and on
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
      // Planned work before its window: "done" waits for the power to be off (crew_jobs.py).
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

  // -- sending --------------------------------------------------------------------------------
  var sending = false;
  var again = false; // a step kept while a batch was on its way goes right after it
  // Steps the station answered in this page's life. A read of the queue begun before the
  // answer (a list refreshed while the batch was on its way) still holds them: it must not
  // say "kept on the phone" over "the station has it".
  var answered = {};
  function csrf() {
    var holder = document.querySelector("#crew-jobs [data-csrf]") || app;
    return holder.dataset.csrf;
  }
  function flush(anyway) {
    if (sending) { again = true; return Promise.resolve(); }
    return all("queue").then(function (items) {
      status(items.length);
      if (!items.length) return;
      // The phone says it has no network at all: nothing is tried until it says "online", or
      // now and then anyway (some phones say "offline" wrongly and never say "online").
      if (navigator.onLine === false && anyway !== true) return;
      items.sort(function (a, b) { return a.made_at < b.made_at ? -1 : 1; });
      sending = true;
      var body = items.map(function (i) {
        return { client_id: i.client_id, order: i.order, step: i.step, fields: i.fields, made_at: i.made_at };
      });
      return fetch(T.syncUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
        body: JSON.stringify({ items: body }),
      }).then(function (response) {
        if (response.status === 403 || response.redirected) { statusText(T.msgLogin); kept(items); return; }
        if (!response.ok) { statusText(T.msgRetry); kept(items); return; }
        return response.json().then(function (answer) { return settle(items, answer.results || []); });
      }).catch(function () {
        status(items.length); // no signal: they wait
        kept(items);
      }).finally(function () {
        sending = false;
        if (again) { again = false; flush(); }
      });
    });
  }
  // Not sent: each step says it is kept on the phone (said "sending" while it was tried).
  var unsent = {}; // tried and not sent (said "kept" when the list is drawn again)
  function kept(items) {
    items.forEach(function (i) {
      var card = document.querySelector('.job[data-order="' + i.order + '"]');
      if (answered[i.client_id]) return;
      unsent[i.client_id] = true;
      if (!card) return;
      say(card, keptWords(i), "pending");
      var state = card.querySelector("[data-job-state]");
      if (state && state.dataset.step === i.step) stateSays(card, i.step, "kept");
    });
  }
  // A field the station would not take (a device off the job's line): said at that field of
  // the card's form, drawn again by the refresh, with what was typed (``back``), not in the
  // box of steps not taken.
  var back = {};
  function fieldBack() {
    Object.keys(back).forEach(function (order) {
      var b = back[order];
      var form = document.querySelector('.job[data-order="' + order + '"] form[data-crew-step="' + b.step + '"]');
      if (!form) return;
      Object.keys(b.fields).forEach(function (name) {
        var input = form.elements[name];
        if (input && input.type === "checkbox") input.checked = b.fields[name] === input.value;
        else if (input && input.type !== "file") input.value = b.fields[name];
      });
      var error = form.querySelector('[data-field-error="' + b.field + '"]');
      if (error) { error.textContent = b.reason; error.hidden = false; }
      var confirm = b.confirm && form.querySelector('[data-confirm="' + b.confirm + '"]');
      if (confirm) confirm.hidden = false;
      form.dataset.dirty = "1"; // kept through the list's refreshes until it is sent again
      delete back[order];
    });
  }
  function settle(items, results) {
    var byId = {};
    items.forEach(function (i) { byId[i.client_id] = i; });
    var work = results.map(function (r) {
      var item = byId[r.client_id];
      if (!item) return Promise.resolve();
      var card = document.querySelector('.job[data-order="' + item.order + '"]');
      answered[item.client_id] = true;
      delete pending[item.tap];
      if (r.status !== "ok" && r.field && card && card.querySelector('form[data-crew-step="' + item.step + '"] [data-field-error="' + r.field + '"]')) {
        back[item.order] = { step: item.step, fields: item.fields, field: r.field, confirm: r.confirm || "", reason: r.reason || "" };
        said[item.order] = ["", ""];
        return remove("queue", item.client_id);
      }
      if (r.status === "ok") {
        remember(item);
        var words = T.msgSent.replace("{time}", r.made_at_local || hm(item.made_at)) + " " + (r.saved || []).join(" ");
        if (r.order && String(r.order) !== String(item.order)) {
          // Taken on the outage's job, which another order stands for now (its card replaces
          // this one at the next refresh): that card moves on, and says so.
          remember(Object.assign({}, item, { order: r.order }));
          said[r.order] = [words, "ok"];
        }
        var state = card && card.querySelector("[data-job-state]");
        if (state && state.dataset.step === item.step) stateSays(card, item.step, false);
        say(card, words, "ok");
        if (item.step === "restored") done(item, r.made_at_local || hm(item.made_at));
        return remove("queue", item.client_id);
      }
      var conflict = Object.assign({}, item, {
        reason: r.reason || "", job_status: r.job_status || "",
        meanwhile: r.meanwhile || "", knock_on: !!r.knock_on,
      });
      return put("conflicts", conflict).then(function () { return remove("queue", item.client_id); });
    });
    return Promise.all(work).then(function () {
      showConflicts();
      all("queue").then(function (left) { status(left.length); });
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
  function status(n) { statusText(n ? T.msgWaiting.replace("{n}", n) : ""); }
  function statusText(text) {
    var line = document.getElementById("crew-sync-status");
    if (line) { line.textContent = text; line.hidden = !text; }
  }

  // -- what the station would not take --------------------------------------------------------
  // In the order the steps were made (the store keeps them by their random ids). A refusal
  // that only follows from an earlier one of the same job (the office restored meanwhile, so
  // "arrived" and "restored" both went) is folded into that one's line: one line per cause.
  function showConflicts() {
    return all("conflicts").then(function (items) {
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
            .replace("{step}", c.label || c.step).replace("{time}", hm(c.made_at)) + " " + c.reason;
        } else {
          var steps = group.map(function (g) {
            return T.msgConflictStep.replace("{step}", g.label || g.step).replace("{time}", hm(g.made_at));
          }).join(T.msgListSep);
          li.textContent = T.msgConflictMany.replace("{number}", c.number || c.order).replace("{steps}", steps) + " " +
            (c.meanwhile ? T.msgMeanwhileMany.replace("{meanwhile}", c.meanwhile) : c.reason + " " + T.msgKnockOn);
        }
        var seen = document.createElement("button");
        seen.type = "button";
        seen.className = "btn secondary";
        seen.textContent = T.msgSeen;
        seen.addEventListener("click", function () {
          Promise.all(group.map(function (g) { return remove("conflicts", g.client_id); })).then(showConflicts);
        });
        li.appendChild(document.createTextNode(" "));
        li.appendChild(seen);
        list.appendChild(li);
      });
    });
  }

  // -- the list refreshing itself -------------------------------------------------------------
  window.crewMayRefresh = function () {
    var list = document.getElementById("crew-jobs");
    var active = document.activeElement;
    if (active && list.contains(active) && /INPUT|TEXTAREA|SELECT/.test(active.tagName)) return false;
    return !list.querySelector("form[data-dirty]");
  };
  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form[data-crew-step]");
    if (form) form.dataset.dirty = "1";
  });
  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("form[data-crew-step]");
    if (form) form.dataset.dirty = "1";
  });
  // No refresh is asked while someone fills in a form (a listener, not an hx-trigger filter:
  // the site's content policy lets no script be evaluated from an attribute).
  // Only the polling waits: a refresh the page asks for itself (crew:refresh, after a step was
  // sent) goes at once.
  document.addEventListener("htmx:confirm", function (event) {
    var asked = event.detail && event.detail.triggeringEvent;
    if (asked && asked.type === "crew:refresh") return;
    if (event.target && event.target.id === "crew-jobs" && !window.crewMayRefresh()) {
      event.preventDefault();
    }
  });
  // An answer that comes while someone fills in a form waits for the next one.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "crew-jobs" && !window.crewMayRefresh()) {
      event.detail.shouldSwap = false;
    }
  });
  // What the crew opened or closed on a card ("where to look first", the callers' words) stays
  // so through the list's refreshes, which would draw each as the server first drew it.
  var folds = {};
  function foldKey(d) {
    var card = d.closest && d.closest(".job");
    return card ? card.dataset.order + "|" + (d.dataset.testid || d.className) : null;
  }
  document.addEventListener("toggle", function (event) {
    var d = event.target;
    if (!d || d.tagName !== "DETAILS") return;
    var key = foldKey(d);
    if (key) folds[key] = d.open;
  }, true); // "toggle" does not bubble
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target.id !== "crew-jobs") return;
    document.querySelectorAll("#crew-jobs details").forEach(function (d) {
      var key = foldKey(d);
      if (key && key in folds && d.open !== folds[key]) d.open = folds[key];
    });
    Object.keys(said).forEach(function (order) {
      var card = document.querySelector('.job[data-order="' + order + '"]');
      if (card) say(card, said[order][0], said[order][1]);
    });
    applyQueue();
    fieldBack();
    announce();
  });

  // Steps the station took today: a list the phone kept from before them still shows them.
  function sent() {
    var day = Date.now() - 24 * 3600 * 1000;
    return JSON.parse(localStorage.getItem("crew-sent") || "[]").filter(function (i) {
      return Date.parse(i.made_at) > day;
    });
  }
  function remember(item) {
    var kept = sent().concat([{ order: item.order, step: item.step, made_at: item.made_at }]);
    localStorage.setItem("crew-sent", JSON.stringify(kept.slice(-200)));
  }

  // Steps still on the phone move their cards on, in the order they were made.
  function applyQueue() {
    sent().forEach(function (i) {
      stage(document.querySelector('.job[data-order="' + i.order + '"]'), i.step, false);
    });
    return all("queue").then(function (items) {
      items = items.filter(function (i) { return !answered[i.client_id]; });
      items.sort(function (a, b) { return a.made_at < b.made_at ? -1 : 1; });
      items.forEach(function (i) {
        var card = document.querySelector('.job[data-order="' + i.order + '"]');
        stage(card, i.step, true);
        var sendingNow = navigator.onLine !== false && !unsent[i.client_id];
        say(card, sendingNow ? T.msgSending.replace("{step}", i.label) : keptWords(i), "pending");
      });
    });
  }

  function announce() {
    var cards = Array.prototype.slice.call(document.querySelectorAll("#crew-jobs .job"));
    var known = JSON.parse(localStorage.getItem("crew-known-jobs") || "null");
    var now = cards.map(function (c) { return c.dataset.order; });
    if (known !== null) {
      var urgent = cards.filter(function (c) { return c.dataset.urgent === "1" && known.indexOf(c.dataset.order) < 0; });
      var fresh = cards.filter(function (c) { return known.indexOf(c.dataset.order) < 0; });
      var banner = document.getElementById("crew-new");
      if (fresh.length && banner) {
        banner.textContent = (urgent.length ? T.msgUrgent : T.msgNew) + " " +
          fresh.map(function (c) { return c.dataset.number + " " + c.dataset.summary; }).join("；");
        banner.className = "banner " + (urgent.length ? "urgent" : "");
        banner.hidden = false;
        if (urgent.length && navigator.vibrate) navigator.vibrate([400, 150, 400, 150, 400]);
      }
    }
    localStorage.setItem("crew-known-jobs", JSON.stringify(now));
  }

  // -- start ----------------------------------------------------------------------------------
  window.addEventListener("online", function () { flush(true); });
  var ticks = 0;
  setInterval(function () { ticks += 1; flush(ticks % 5 === 0); }, 20000);
  if ("serviceWorker" in navigator && T.worker) {
    var served = navigator.serviceWorker.controller; // null on the first visit
    var offlineReady = function (ok) {
      var line = document.getElementById("crew-offline-ready");
      if (line && ok) { line.textContent = T.msgOfflineReady; line.hidden = false; }
    };
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "kept") offlineReady(event.data.ok);
    });
    if (navigator.serviceWorker.startMessages) navigator.serviceWorker.startMessages();
    navigator.serviceWorker.register(T.worker, { scope: "/" }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      // A page the worker served is kept already; on the first visit the worker is asked to
      // keep the crew pages (again, if its install had no signal) and says when they are.
      if (served && window.caches) {
        return caches.match(location.pathname, { ignoreVary: true }).then(function (kept) {
          if (kept) offlineReady(true);
          else if (registration.active) registration.active.postMessage({ type: "keep" });
        });
      }
      if (registration.active) registration.active.postMessage({ type: "keep" });
    }).catch(function () { /* plain page */ });
  }
  var banner = document.getElementById("crew-new");
  if (banner) banner.addEventListener("click", function () { banner.hidden = true; });
  announce();
  showConflicts();
  applyQueue().then(flush);
})();
