/* The crew's phone, its store: each step kept on the phone (IndexedDB: "queue") until there is
 * signal, and what the station would not take ("conflicts"); and how times are said (in the
 * station's zone).
 * The crew page's scripts share window.powerdeskCrew and are loaded in this order (crew_jobs.html;
 * kept on the phone by the service worker: CREW_STATIC in web/app.py): crew_store.js,
 * crew_card.js, crew_sync.js, crew.js. */
(function (crew) {
  "use strict";
  var app = document.getElementById("crew-app");
  if (!app) return;
  crew.app = app;
  var T = (crew.T = app.dataset);
  // The page is the copy the service worker kept on the phone (no signal): it says so in its
  // head (web/templates/web/sw.js). Nothing in it is announced (crew.js), its time is not the
  // station's now.
  crew.kept = !!document.querySelector('meta[name="kept-on-phone"]');
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
  // And on the station's clock: a time the phone took on its own clock (a step's made_at) is
  // moved by how far that clock is off (clockOff), as the station will record it.
  var clock = null;
  function hm(iso) {
    var d = new Date(Date.parse(iso) + clockOff());
    if (!clock) {
      try {
        clock = new Intl.DateTimeFormat("en-GB", { timeZone: T.timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
      } catch (e) {
        clock = { format: function (x) { return x.toISOString().slice(11, 16) + " UTC"; } };
      }
    }
    return clock.format(d);
  }

  // -- the station's clock ----------------------------------------------------------------------
  // How far the phone's clock is off the station's, learnt from each fresh answer (the list's
  // Date header, the sending's "now": crew_card.js, crew_sync.js) and kept on the phone for the
  // hours without signal; before any, from the page itself (data-station-now).
  var CLOCK_KEY = "crew-clock-off";
  function keptOff() {
    try { return localStorage.getItem(CLOCK_KEY); } catch (e) { return null; } // storage refused
  }
  function clockFrom(stationNow) {
    var at = Date.parse(stationNow || "");
    if (isNaN(at)) return;
    try { localStorage.setItem(CLOCK_KEY, String(at - Date.now())); } catch (e) { /* private mode */ }
  }
  function clockOff() {
    var off = Number(keptOff() || 0);
    return isFinite(off) ? off : 0;
  }
  if (keptOff() === null && !crew.kept) clockFrom(T.stationNow);

  crew.clockFrom = clockFrom;
  crew.stationNow = function () { return Date.now() + clockOff(); };
  crew.all = all;
  crew.put = put;
  crew.remove = remove;
  crew.newId = newId;
  crew.hm = hm;
})(window.powerdeskCrew = window.powerdeskCrew || {});
