/* The crew's phone, photos chosen with a step made without signal (处理完毕 with photos): kept on
 * the phone with the step (IndexedDB "powerdesk-crew-photos", by the step's id) and sent to
 * servicedesk:crew_photos once the station has the step, once (a sending at a time; the station
 * stores the same picture once whatever comes twice). Until they are sent, or the crew drops
 * them, a line of the job stays above the list (the job itself leaves it once done: walk61, M1),
 * and a photo the phone could not keep (no room) says where it can still be sent: the order's
 * page, "Add the photos". A refusal of the station (any 4xx) is final and said on the line; no
 * answer (a 5xx, the network failing on the way) is tried again later, a few times (send()).
 * The crew page's scripts share window.powerdeskCrew and are loaded in this order (crew_jobs.html;
 * kept on the phone by the service worker: CREW_STATIC in web/app.py): crew_store.js,
 * crew_card.js, crew_sync.js, crew_photos.js, crew.js. */
(function (crew) {
  "use strict";
  if (!crew.app) return;
  var T = crew.T;
  var dbPromise = null;
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var open = indexedDB.open("powerdesk-crew-photos", 1);
        open.onupgradeneeded = function () { open.result.createObjectStore("photos", { keyPath: "key" }); };
        open.onsuccess = function () { resolve(open.result); };
        open.onerror = function () { reject(open.error); };
      });
    }
    return dbPromise;
  }
  function work(mode, fn) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var tx = d.transaction("photos", mode);
        var result = fn(tx.objectStore("photos"));
        tx.oncomplete = function () { resolve(result && "result" in result ? result.result : undefined); };
        tx.onerror = function () { reject(tx.error); };
        tx.onabort = function () { reject(tx.error); };
      });
    });
  }
  function all() { return work("readonly", function (s) { return s.getAll(); }); }
  function put(entry) { return work("readwrite", function (s) { s.put(entry); }); }
  function drop(key) { return work("readwrite", function (s) { s.delete(key); }); }

  // Whether the phone has room for ``bytes`` more (where it can say so).
  function room(bytes) {
    if (!navigator.storage || !navigator.storage.estimate) return Promise.resolve(true);
    return navigator.storage.estimate().then(function (e) {
      return !e.quota || e.quota - (e.usage || 0) > bytes * 2;
    }, function () { return true; });
  }

  // The step ``item`` (just put in the queue) with ``files`` chosen: kept with it, or a line of
  // the job saying where to send them. Resolves to whether they are kept.
  function keep(item, files) {
    var bytes = files.reduce(function (n, f) { return n + (f.size || 0); }, 0);
    var entry = {
      key: item.client_id, after: item.client_id, order: item.order, number: item.number,
      by: item.by, made_at: item.made_at, names: files.map(function (f) { return f.name; }),
    };
    var kept = room(bytes).then(function (ok) {
      if (!ok) throw new Error("room");
      return put(Object.assign({ files: files.map(function (f) { return { name: f.name, type: f.type, blob: f }; }) }, entry));
    }).then(function () { return true; });
    return kept.catch(function () {
      // Not kept (no room): the line stays, without the pictures, until the crew drops it.
      var lost = Object.assign({ files: [], lost: true }, entry);
      return put(lost).catch(function () { lostLines[lost.key] = lost; }).then(function () { return false; });
    }).then(function (ok) { show(); return ok; });
  }
  var lostLines = {}; // not even a line could be stored: shown while the page lives

  function orderUrl(order) { return T.orderUrl.replace("/0/", "/" + order + "/"); }

  // Sent once the station has the step (it is no longer in the queue), oldest first, one
  // sending at a time: a tap, the 20 s tick and "online" at once send each photo once.
  // What the station answers decides what is done next, never "the same again at the next
  // tick" (review61 M3: a CSRF 403, a 404, a 413 or an error page uploaded every picture again
  // every 20 s, over mobile data, forever, the line saying "waiting"):
  // - taken (JSON "ok"): the line goes, "sent" says the photos stored (a picture the order had
  //   already is not stored twice);
  // - each photo is judged on its own (walk64 M5: a file that was not a picture took the good
  //   photo with it): those the station names in ``refused`` (not a picture, the order full)
  //   are discarded, their line says so with why, and where photos can still be added later
  //   (the order's page, when the station names it; else the dispatcher), until the crew has
  //   seen it ("discard");
  // - refused (any 4xx, JSON or a page): final, the line says why and, unless the job is not
  //   the crew's, the order's page where they can still be sent; only the crew drops it;
  // - a redirect (the login page: logged out): nothing is sent again in this page's life, the
  //   line asks to log in (logging in opens the page again);
  // - no answer (5xx, or the network failed on the way): sent again later, each wait twice the
  //   last (RETRY_FIRST_MS, at most RETRY_MOST_MS), RETRY_TRIES times in all; then the line
  //   says the station did not answer, and offers to send them again.
  // - the step they were chosen with was not taken by the station (crew_sync.js, ``stepRefused``):
  //   they are not sent, and the line says so.
  var RETRY_FIRST_MS = 30 * 1000;
  var RETRY_MOST_MS = 30 * 60 * 1000;
  var RETRY_TRIES = 6;
  var busy = false;
  var again = false; // asked while a sending was on its way: looked at again right after it
  var loggedOut = false;
  var stepsRefused = {}; // said by crew_sync.js before the step leaves the queue (no race)
  function send(now) {
    // (Tried whatever the phone says of its network, as the steps now and then are: a photo
    // waits only for its step, and a sending without signal fails at once.) ``now``: "online",
    // a sending that failed on the way (no signal) goes now, not at its next time.
    if (busy) { again = true; return Promise.resolve(); }
    if (loggedOut) return Promise.resolve();
    busy = true;
    return Promise.all([all(), crew.all("queue")]).then(function (got) {
      var queued = {};
      got[1].forEach(function (i) { queued[i.client_id] = true; });
      var mine = got[0].filter(function (e) { return !e.lost && !e.refused && !e.discarded && (!e.by || e.by === T.user); });
      var stepGone = mine.filter(function (e) { return stepsRefused[e.after] !== undefined; });
      var ready = mine.filter(function (e) {
        if (queued[e.after] || stepsRefused[e.after] !== undefined) return false;
        return !e.next_at || e.next_at <= Date.now() || (now === true && e.failed === "network");
      });
      ready.sort(function (a, b) { return a.made_at < b.made_at ? -1 : 1; });
      var refusing = Promise.all(stepGone.map(function (e) {
        return put(Object.assign({}, e, { refused: T.msgPhotosStepRefused, page: true }));
      }));
      return ready.reduce(function (chain, e) { return chain.then(function () { return sendOne(e); }); }, refusing);
    }).catch(function () { /* the phone's store failed: they wait */ }).finally(function () {
      busy = false;
      show();
      if (again) { again = false; send(); }
    });
  }
  function sendOne(e) {
    if (loggedOut) return Promise.resolve();
    var body = new FormData();
    e.files.forEach(function (f) { body.append("photos", f.blob, f.name); });
    return fetch(T.photosUrl.replace("/0/", "/" + e.order + "/"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": (document.querySelector("#crew-jobs [data-csrf]") || crew.app).dataset.csrf },
      body: body,
    }).then(function (response) {
      if (response.redirected) { loggedOut = true; return; }
      var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (response.status >= 500 || (response.ok && !json)) return later(e, "server");
      if (!json) return refuse(e, T.msgPhotosAnswer.replace("{code}", response.status), true);
      return response.json().then(function (answer) {
        var refused = Array.isArray(answer.refused) && answer.refused.length ? answer.refused : null;
        if (response.ok && answer.status === "ok") {
          sentLine(e, answer);
          return refused ? discard(e, refused, !!answer.order_url) : drop(e.key);
        }
        if (refused) return discard(e, refused, !!answer.order_url);
        // A page is named only when the station names one (not for a job not the crew's).
        return refuse(e, answer.reason || T.msgPhotosAnswer.replace("{code}", response.status), !!answer.order_url);
      }, function () { return later(e, "server"); });
    }, function () {
      // The network failed: nothing went when the phone says it has none (not a try).
      return navigator.onLine === false ? undefined : later(e, "network");
    });
  }
  function refuse(e, reason, page) {
    return put(Object.assign({}, e, { refused: reason, page: page }));
  }
  // The station took what it could and named the rest (``refused``: each name and why): those
  // are not photos it takes, so nothing is kept of them but the line saying so.
  function discard(e, refused, page) {
    var reasons = refused.map(function (r) { return r.reason || r.name; }).join(" ");
    return put(Object.assign({}, e, { files: [], discarded: reasons, page: page }));
  }
  function later(e, why) {
    var tries = (e.tries || 0) + 1;
    if (tries >= RETRY_TRIES) {
      return put(Object.assign({}, e, { tries: tries, refused: T.msgPhotosNoAnswer.replace("{n}", tries), page: true, gave_up: true }));
    }
    var wait = Math.min(RETRY_FIRST_MS * Math.pow(2, tries - 1), RETRY_MOST_MS);
    return put(Object.assign({}, e, { tries: tries, next_at: Date.now() + wait, failed: why }));
  }
  // Said by crew_sync.js when the station did not take the step ``clientId``, before the step
  // leaves the queue: its photos are not sent.
  function stepRefused(clientId) {
    stepsRefused[clientId] = true;
    all().then(function (entries) {
      return Promise.all(entries.filter(function (e) { return e.after === clientId && !e.lost && !e.refused && !e.discarded; }).map(function (e) {
        return put(Object.assign({}, e, { refused: T.msgPhotosStepRefused, page: true }));
      }));
    }).catch(function () { /* said at the next sending */ }).then(show);
  }
  function sentLine(e, answer) {
    var list = document.getElementById("crew-done");
    if (!list) return;
    var li = document.createElement("li");
    li.setAttribute("data-testid", "crew-photos-sent");
    var stored = typeof answer.stored === "number" ? answer.stored : e.files.length;
    li.textContent = T.msgPhotosSent.replace("{number}", e.number || e.order).replace("{n}", stored) +
      (answer.repeated ? " " + answer.repeated : "");
    list.appendChild(li);
    list.hidden = false;
  }

  // The lines of jobs with photos not yet sent: kept, refused, or not kept on the phone.
  function show() {
    return all().catch(function () { return []; }).then(function (entries) {
      Object.keys(lostLines).forEach(function (k) { entries.push(lostLines[k]); });
      entries = entries.filter(function (e) { return !e.by || e.by === T.user; });
      var box = document.getElementById("crew-photos");
      if (!box) return;
      var list = box.querySelector("ul");
      list.textContent = "";
      box.hidden = !entries.length;
      entries.sort(function (a, b) { return a.made_at < b.made_at ? -1 : 1; });
      entries.forEach(function (e) {
        var li = document.createElement("li");
        li.setAttribute("data-testid", "crew-photos-line");
        li.dataset.order = e.order;
        var n = e.lost ? e.names.length : e.files.length;
        // (a line refused before the station said whether a page is named: named, as it was)
        var page = e.lost || ((e.refused || e.discarded) && e.page !== false);
        var template = e.discarded ? T.msgPhotosDiscarded : e.lost ? T.msgPhotosLost :
          e.refused ? (page ? T.msgPhotosRefused : T.msgPhotosRefusedFinal) :
          loggedOut ? T.msgPhotosLogin : e.next_at ? T.msgPhotosRetry : T.msgPhotosWaiting;
        var words = template.replace("{number}", e.number || e.order).replace("{n}", n)
          .replace("{reason}", e.refused || e.discarded || "").replace("{time}", e.next_at ? crew.hm(new Date(e.next_at).toISOString()) : "");
        // Where photos of a job the station did not take them for go now: the order's page,
        // when the crew can still reach it, else the dispatcher.
        if (e.discarded) words += " " + (page ? T.msgPhotosAddLater : T.msgPhotosAskDispatcher);
        else if (e.refused && !page) words += " " + T.msgPhotosAskDispatcher;
        li.appendChild(document.createTextNode(words + " "));
        if (loggedOut && !e.lost && !e.refused) {
          var login = document.createElement("a");
          login.href = T.loginUrl;
          login.textContent = T.msgPhotosLoginLink;
          li.appendChild(login);
          li.appendChild(document.createTextNode(" "));
        }
        if (e.gave_up) {
          var retry = document.createElement("button");
          retry.type = "button";
          retry.className = "btn secondary";
          retry.textContent = T.msgPhotosAgain;
          retry.addEventListener("click", function () {
            var fresh = Object.assign({}, e);
            ["refused", "page", "gave_up", "tries", "next_at", "failed"].forEach(function (k) { delete fresh[k]; });
            put(fresh).then(show).then(function () { send(); });
          });
          li.appendChild(retry);
          li.appendChild(document.createTextNode(" "));
        }
        if (page) {
          var link = document.createElement("a");
          link.href = orderUrl(e.order);
          link.textContent = T.msgPhotosWhere.replace("{number}", e.number || e.order);
          li.appendChild(link);
          li.appendChild(document.createTextNode(" "));
        }
        var off = document.createElement("button");
        off.type = "button";
        off.className = "btn secondary";
        off.textContent = e.discarded ? T.msgSeen : T.msgPhotosDrop;
        off.addEventListener("click", function () {
          delete lostLines[e.key];
          drop(e.key).catch(function () { /* gone already */ }).then(show);
        });
        li.appendChild(off);
        list.appendChild(li);
      });
    });
  }

  crew.keepPhotos = keep;
  crew.sendPhotos = send;
  crew.photosStepRefused = stepRefused;
  window.addEventListener("online", function () { setTimeout(function () { send(true); }, 0); });
  show().then(send);
})(window.powerdeskCrew = window.powerdeskCrew || {});
