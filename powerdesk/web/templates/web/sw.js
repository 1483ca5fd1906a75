{% autoescape off %}/* PowerDesk's service worker: keeps the crew's pages, their static files and the crew's jobs
 * on the phone, so that the page opens and takes steps without signal (servicedesk/crew.js keeps
 * the steps and sends them later). Crew pages: the network first, the kept copy without signal.
 * A kept copy says so: the list's answers by a header (X-Kept-On-Phone, read by htmx's request),
 * a page by a <meta name="kept-on-phone"> written into its head, which its scripts read as it
 * opens (a page cannot read its own headers): crew.js announces nothing from it.
 * Static files: the kept copy first (their names change with their content). Nothing else is
 * touched. The login page shown (after logging out, or a session ended) puts the kept crew pages
 * away: whoever picks the phone up next reads no customer's name or number without signal.
 * Served by powerdesk/web/app.py. */
"use strict";
const CACHE = "powerdesk-crew-v{{ version }}";
const PAGES = {{ pages_json }};
const STATIC_FILES = {{ static_json }};
const STATIC_PREFIX = {{ static_prefix_json }};
const CREW_PREFIX = PAGES[0];
const LOGIN_PATH = {{ login_json }};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      await Promise.all(STATIC_FILES.map((url) => cache.add(url).catch(() => null)));
      await keepPages(cache);
      await self.skipWaiting();
    })
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) =>
      Promise.all(keys.filter((k) => k.startsWith("powerdesk-crew-") && k !== CACHE).map((k) => caches.delete(k)))
    ).then(() => self.clients.claim())
  );
});

async function keep(cache, url) {
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    if (response.ok && !response.redirected) await cache.put(url, response);
  } catch (e) { /* no signal while installing: kept on the next visit */ }
}

// One page after the other (a small server answers them in turn); says whether all are kept.
async function keepPages(cache) {
  for (const url of PAGES) await keep(cache, url);
  const kept = await Promise.all(PAGES.map((url) => cache.match(url, { ignoreVary: true })));
  return kept.every(Boolean);
}

// A page the worker did not serve (the first visit) asks for the crew pages to be kept again
// and is told when they are.
self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "keep") return;
  event.waitUntil(
    caches.open(CACHE).then(keepPages).then((ok) => {
      if (event.source) event.source.postMessage({ type: "kept", ok: ok });
    })
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === LOGIN_PATH) {
    // Nobody is logged in here now: the jobs kept for the last crew member go (the steps
    // waiting on the phone stay, for their maker to send: crew_store.js).
    event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(PAGES.map((page) => cache.delete(page)))));
    return;
  }
  if (url.pathname.startsWith(STATIC_PREFIX)) {
    event.respondWith(staticFirst(request));
  } else if (url.pathname.startsWith(CREW_PREFIX)) {
    event.respondWith(networkFirst(request, url, request.mode === "navigate"));
  }
});

async function staticFirst(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request, { ignoreVary: true });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

async function networkFirst(request, url, page) {
  const cache = await caches.open(CACHE);
  const key = url.origin + url.pathname;
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected) {
      cache.put(key, response.clone());
    } else if (response.redirected) {
      // Logged out (sent to the login page): the crew's jobs stay on no phone.
      await Promise.all(PAGES.map((page) => cache.delete(page)));
    }
    return response;
  } catch (error) {
    const kept = await cache.match(key, { ignoreVary: true, ignoreSearch: true });
    if (!kept) throw error;
    // Marked as the kept copy: its Date is when it was kept, not now (the page reads the
    // station's clock from fresh answers only: servicedesk/crew_card.js).
    const headers = new Headers(kept.headers);
    headers.set("X-Kept-On-Phone", "1");
    let body = await kept.blob();
    if (page && (headers.get("Content-Type") || "").includes("text/html")) {
      body = markedKept(await body.text(), kept.headers.get("Date") || "");
      headers.delete("Content-Length");
    }
    return new Response(body, { status: kept.status, statusText: kept.statusText, headers });
  }
}

// A page from the phone's cache knows it is one (servicedesk/crew_store.js, ``crew.kept``), from
// a mark in its head: not from the time it was drawn, read on a phone's clock that may be off by
// minutes (fix53d). Its content: when it was kept (the station's Date of the answer kept).
function markedKept(html, keptAt) {
  const meta = '<meta name="kept-on-phone" content="' + keptAt.replace(/[^\w ,:+-]/g, "") + '">';
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) return meta + html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + meta + html.slice(at);
}
{% endautoescape %}
