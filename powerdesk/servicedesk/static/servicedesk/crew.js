/* The crew's phone without signal: each step is kept on the phone (IndexedDB) with the time it
 * was made and sent to servicedesk:crew_sync when there is signal; the card moves on at once.
 * What the station would not take (the job was closed or moved meanwhile) stays on the page
 * until the crew has seen it. "Found here" (where the fault was) is kept and sent the same
 * way. Also: the job list refreshes itself (htmx, every 20 s, not while someone types), a
 * new urgent job is announced (banner and vibration), and the service worker (/sw.js) keeps
 * the page. This file: the list refreshing itself, new jobs announced, and the start; the
 * store is crew_store.js, the card crew_card.js, the sending crew_sync.js.
 * The crew page's scripts share window.powerdeskCrew and are loaded in this order (crew_jobs.html;
 * kept on the phone by the service worker: CREW_STATIC in web/app.py): crew_store.js,
 * crew_card.js, crew_sync.js, crew.js. */
(function (crew) {
  "use strict";
  if (!crew.app) return;
  var T = crew.T;

  // -- the list refreshing itself -------------------------------------------------------------
  window.crewMayRefresh = function () {
    var list = document.getElementById("crew-jobs");
    var active = document.activeElement;
    if (active && list.contains(active) && /INPUT|TEXTAREA|SELECT/.test(active.tagName)) return false;
    // A form the station refused, drawn again with what was typed and why, is as one being
    // filled in: a refresh would draw it as new, the refusal and the typed note gone.
    if (list.querySelector("form[data-crew-step] [aria-invalid='true']")) return false;
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
    Object.keys(crew.said).forEach(function (order) {
      var card = document.querySelector('.job[data-order="' + order + '"]');
      var was = crew.said[order];
      if (card && crew.sameSending(was[2], card)) crew.say(card, was[0], was[1]);
    });
    crew.applyQueue();
    crew.fieldBack(true);
    // The list drawn says each time to arrive by as it was when drawn: a copy the service
    // worker kept (no signal) says "还剩 19分钟" of when it was kept. Said again now, on the
    // station's clock (crew_card.js), not at the next tick of it (up to 30 s later).
    crew.deadlines();
    // A copy the service worker kept (no signal) is of before: nothing in it is announced.
    var xhr = event.detail.xhr;
    drawnBefore = !!(xhr && xhr.getResponseHeader("X-Kept-On-Phone"));
    if (!drawnBefore) announce();
  });

  // -- a list of before ---------------------------------------------------------------------
  // The list on the page may be a copy of before (walk50, 2): the browser's Back gives the page
  // as it was (from its cache, or whole, scripts and all: pageshow "persisted"), the service
  // worker gives the copy it kept. The phone's known jobs are of now: a job finished since
  // (已复电) is on that copy and not among them, and read as new it raised "新的紧急任务" and
  // buzzed. Such a list is asked of the station at once and nothing is announced before its
  // answer (a kept copy's answer, no signal, announces nothing either).
  // The worker's copy says it is one (``crew.kept``: a mark it writes into the page, sw.js);
  // never guessed from when the page was drawn, on a phone's clock that may be off by minutes
  // (fix53d: a page "drawn more than a minute ago" was taken for a kept copy).
  var drawnBefore = pageOfBefore();
  function pageOfBefore() {
    var nav = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    return !!(nav && nav.type === "back_forward") || crew.kept;
  }
  function askAnew() {
    if (window.htmx) htmx.trigger("#crew-jobs", "crew:refresh");
  }
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    drawnBefore = true;
    askAnew();
  });


  // A job new to the phone is announced (banner; vibration when urgent), and so is a job
  // already listed that turns urgent in place, or one more of an outage's orders on its card
  // does (a medical need rung in; it had the notice only, not the banner nor the vibration):
  // each card's data-urgent-key changes then; and a new urgent reason on a job urgent already.
  // What the banner says, job by job ({job, head, text}): its words drawn from these, so
  // that a job leaving the list takes its part of them away.
  var bannerSays = [];
  function sayBanner(banner) {
    var heads = [];
    var texts = {};
    bannerSays.forEach(function (s) {
      if (!(s.head in texts)) { heads.push(s.head); texts[s.head] = []; }
      texts[s.head].push(s.text);
    });
    banner.textContent = heads.map(function (h) { return h + " " + texts[h].join("；"); }).join(" ");
    if (!bannerSays.length) banner.hidden = true;
  }

  // A job the phone knows is an order's sending (crew_job_orders.dispatch_of): the order
  // restored and sent to the crew again (reopened, "仍未解决"; given back) is a new job, and
  // announced as one (fix53d). A phone's list kept before the sendings were known holds the
  // orders alone: such an entry is the order's whichever sending.
  function jobKey(c) { return c.dataset.order + "@" + (c.dataset.dispatch || ""); }
  function knownAs(kept, c) {
    if (Array.isArray(kept)) return kept.indexOf(jobKey(c)) >= 0 ? jobKey(c) : kept.indexOf(c.dataset.order) >= 0 ? c.dataset.order : null;
    return jobKey(c) in kept ? jobKey(c) : c.dataset.order in kept ? c.dataset.order : null;
  }

  function announce() {
    // A job the phone finished (已复电 taken by the station, or its card done) is never
    // announced, whatever list shows it: it counts as known.
    var cards = Array.prototype.slice.call(document.querySelectorAll("#crew-jobs .job")).filter(function (c) {
      return c.dataset.stage !== "done" && !crew.finished(c);
    });
    var known = JSON.parse(localStorage.getItem("crew-known-jobs") || "null");
    var knownUrgent = JSON.parse(localStorage.getItem("crew-urgent-jobs") || "null");
    var now = cards.map(jobKey);
    var urgentNow = {};
    cards.forEach(function (c) { urgentNow[jobKey(c)] = c.dataset.urgentKey || ""; });
    if (known !== null) {
      var said = function (c) { return c.dataset.number + " " + c.dataset.summary; };
      var isNew = function (c) { return knownAs(known, c) === null; };
      var urgent = cards.filter(function (c) { return c.dataset.urgent === "1" && isNew(c); });
      var fresh = cards.filter(isNew);
      // Turned: the key names something the phone's last one did not (urgent where it was
      // not, one more urgent order on the card); an urgent order leaving the card is nothing
      // new to run to (review39, S4: "u.5.7" to "u.5" buzzed as a new emergency).
      // A part of the key is an urgent order ("5") or a reason of the card's own order
      // ("r…": a medical need rung on an order urgent already, walk40, 4): the card urgent
      // where it was not, or one more urgent order, is "now urgent"; only a new reason is
      // "a new urgent reason", with the badge's words. Both buzz.
      var added = function (c) {
        var key = c.dataset.urgentKey || "";
        if (key === "" || knownUrgent === null || Array.isArray(knownUrgent)) return [];
        var was = knownAs(knownUrgent, c);
        if (isNew(c) || was === null) return [];
        var before = knownUrgent[was] || "";
        if (before === "") return ["u"];
        var had = before.split(".");
        return key.split(".").filter(function (part) { return had.indexOf(part) < 0; });
      };
      var turned = [];
      var reasoned = [];
      cards.forEach(function (c) {
        var parts = added(c);
        if (!parts.length) return;
        if (parts.every(function (part) { return part.charAt(0) === "r"; })) reasoned.push([c, parts]);
        else turned.push(c);
      });
      // The new reason alone, in the words its mark has on the card (the badge says them all).
      var reasonSaid = function (pair) {
        var c = pair[0];
        var marks = JSON.parse(c.dataset.urgentMarks || "{}");
        var words = pair[1].map(function (part) { return marks[part]; }).filter(Boolean);
        return c.dataset.number + " " + (words.length ? words.join(T.msgListSep) : (c.dataset.urgentWhy || c.dataset.summary));
      };
      var banner = document.getElementById("crew-new");
      if ((fresh.length || turned.length || reasoned.length) && banner) {
        // Each a card, or a card and its new reason's marks ([card, parts]: ``reasoned``).
        var entries = function (head, list, say) {
          return list.map(function (x) {
            var c = Array.isArray(x) ? x[0] : x;
            return { job: jobKey(c), head: head, text: say(x) };
          });
        };
        bannerSays = entries(urgent.length ? T.msgUrgent : T.msgNew, fresh, said)
          .concat(entries(T.msgNowUrgent, turned, said), entries(T.msgNewReason, reasoned, reasonSaid));
        var alarm = urgent.length || turned.length || reasoned.length;
        sayBanner(banner);
        banner.className = "banner " + (alarm ? "urgent" : "");
        banner.hidden = false;
        // The browser lets a page vibrate only once the phone has been touched since it
        // loaded: before that the call is refused (and logged as an error), so it is not made;
        // the red banner alone says it then. The list refreshing itself on a phone in use
        // (touched since it loaded) buzzes.
        var touched = !navigator.userActivation || navigator.userActivation.hasBeenActive;
        if (alarm && touched && navigator.vibrate) navigator.vibrate([400, 150, 400, 150, 400]);
      } else if (banner && !banner.hidden) {
        // Nothing new: a job the banner names that is no longer on the phone (withdrawn,
        // given to another crew, done) is said no more; none left, the banner goes (walk42, 4).
        var still = bannerSays.filter(function (s) { return now.indexOf(s.job) >= 0; });
        if (still.length < bannerSays.length) {
          bannerSays = still;
          sayBanner(banner);
        }
      }
    }
    localStorage.setItem("crew-known-jobs", JSON.stringify(now));
    localStorage.setItem("crew-urgent-jobs", JSON.stringify(urgentNow));
  }

  // -- start ----------------------------------------------------------------------------------
  window.addEventListener("online", function () { crew.flush(true); });
  var ticks = 0;
  setInterval(function () { ticks += 1; crew.flush(ticks % 5 === 0); }, 20000);
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
  if (banner) banner.addEventListener("click", function () { banner.hidden = true; bannerSays = []; });
  // (htmx takes its triggers once the page is loaded: asked after that.)
  if (drawnBefore) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { setTimeout(askAnew, 0); });
    else setTimeout(askAnew, 0);
  } else {
    announce();
  }
  crew.showConflicts();
  crew.applyQueue().then(crew.flush);
})(window.powerdeskCrew = window.powerdeskCrew || {});
