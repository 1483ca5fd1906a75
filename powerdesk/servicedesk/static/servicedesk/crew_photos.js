/* The crew's phone, photos chosen with a step made without signal (处理完毕 with photos): kept on
 * the phone with the step (IndexedDB "powerdesk-crew-photos", by the step's id) and sent to
 * servicedesk:crew_photos once the station has the step, once (a sending at a time; the station
 * stores the same picture once whatever comes twice). Until they are sent, or the crew drops
 * them, a line of the job stays above the list (the job itself leaves it once done: walk61, M1),
 * and a photo the phone could not keep (no room) says where it can still be sent: the order's
 * page, "Add the photos".
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
  var busy = false;
  var again = false; // asked while a sending was on its way: looked at again right after it
  function send() {
    // (Tried whatever the phone says of its network, as the steps now and then are: a photo
    // waits only for its step, and a sending without signal fails at once.)
    if (busy) { again = true; return Promise.resolve(); }
    busy = true;
    return Promise.all([all(), crew.all("queue")]).then(function (got) {
      var queued = {};
      got[1].forEach(function (i) { queued[i.client_id] = true; });
      var ready = got[0].filter(function (e) {
        return !e.lost && !e.refused && !queued[e.after] && (!e.by || e.by === T.user);
      });
      ready.sort(function (a, b) { return a.made_at < b.made_at ? -1 : 1; });
      return ready.reduce(function (chain, e) { return chain.then(function () { return sendOne(e); }); }, Promise.resolve());
    }).catch(function () { /* no signal: they wait */ }).finally(function () {
      busy = false;
      show();
      if (again) { again = false; send(); }
    });
  }
  function sendOne(e) {
    var body = new FormData();
    e.files.forEach(function (f) { body.append("photos", f.blob, f.name); });
    return fetch(T.photosUrl.replace("/0/", "/" + e.order + "/"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": (document.querySelector("#crew-jobs [data-csrf]") || crew.app).dataset.csrf },
      body: body,
    }).then(function (response) {
      var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (!json || response.redirected) return; // logged out, or no answer of the station: later
      return response.json().then(function (answer) {
        if (answer.status === "ok") {
          sentLine(e, answer);
          return drop(e.key);
        }
        return put(Object.assign({}, e, { refused: answer.reason || "" }));
      });
    });
  }
  function sentLine(e, answer) {
    var list = document.getElementById("crew-done");
    if (!list) return;
    var li = document.createElement("li");
    li.setAttribute("data-testid", "crew-photos-sent");
    li.textContent = T.msgPhotosSent.replace("{number}", e.number || e.order).replace("{n}", e.files.length) +
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
        var words = (e.lost ? T.msgPhotosLost : e.refused ? T.msgPhotosRefused : T.msgPhotosWaiting)
          .replace("{number}", e.number || e.order).replace("{n}", n).replace("{reason}", e.refused || "");
        li.appendChild(document.createTextNode(words + " "));
        if (e.lost || e.refused) {
          var link = document.createElement("a");
          link.href = orderUrl(e.order);
          link.textContent = T.msgPhotosWhere.replace("{number}", e.number || e.order);
          li.appendChild(link);
          li.appendChild(document.createTextNode(" "));
        }
        var off = document.createElement("button");
        off.type = "button";
        off.className = "btn secondary";
        off.textContent = T.msgPhotosDrop;
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
  window.addEventListener("online", function () { setTimeout(send, 0); });
  show().then(send);
})(window.powerdeskCrew = window.powerdeskCrew || {});
