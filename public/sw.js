// Spilno's service worker: public pages read offline, and the app installs.
//
// - Public pages (same-origin GET navigations): network first; each good answer is kept.
//   Without a network, the kept copy is shown with a note "Збережена копія від …" / "Saved
//   copy from …"; without a kept copy, /offline.html, listing the pages that are kept.
// - /pkg/ files whose names carry a content hash: cache first (such a name never changes
//   meaning). Other /pkg/ files (lazy wasm chunks named by number): network first.
// - Icons, manifest, offline page: kept at install, refreshed in the background when used.
// - Never kept: anything but GET, other origins, server functions (/api/), the live stream
//   (/live), uploads and media (/media/), exports and feeds (.csv, .json, .rss, .xml, .txt),
//   the signed-in areas (/edit, /admin, /account, /signin, survey answers, needs editing, in
//   both languages), and any answer marked `Cache-Control: private` or `no-store`: the
//   server marks so every page answered to a request that carries the session cookie, since
//   such a page names who is signed in (a worker cannot read HttpOnly cookies itself).
//
// Versions: /sw-register.js registers `/sw.js?v=<hash of the page's /pkg/ file names>`. A
// release changes those names, so the browser installs this worker afresh under the new
// address; it takes over at once (skipWaiting, clients.claim) and deletes the caches of every
// other version. Pages kept under an old release go too: they would load that release's
// CSS and wasm, which the new one no longer serves. Bump REVISION when this file or the
// files in SHELL change in a way that must reach browsers without a new build of the app.

"use strict";

const REVISION = "1";
const BUILD = new URL(self.location.href).searchParams.get("v") || "dev";
const VERSION = `${REVISION}-${BUILD}`;
const PREFIX = "spilno-";
const STATIC_CACHE = `${PREFIX}static-${VERSION}`;
const PAGES_CACHE = `${PREFIX}pages-${VERSION}`;
/** At most this many pages are kept; the least recently saved go first. */
const MAX_PAGES = 150;
const OFFLINE_PAGE = "/offline.html";
const SHELL = [
  OFFLINE_PAGE,
  "/sw-register.js",
  "/manifest.webmanifest",
  "/icon.svg",
  "/icon-192.png",
  "/icon-512.png",
  "/favicon.ico",
];
/** Headers this worker adds to the pages it keeps. */
const SAVED_AT = "x-spilno-saved-at";
const TITLE = "x-spilno-title";

/** Paths never kept, whatever the answer says (both languages). */
const NEVER = [
  /^\/api(\/|$)/,
  /^\/live(\/|$)/,
  /^\/media(\/|$)/,
  /^\/healthz$/,
  /^\/sw(-register)?\.js$/,
  /\.(csv|json|rss|xml|txt|pdf)$/i,
  /^(\/en)?\/(edit|admin)(\/|$)/,
  /^(\/en)?\/account/,
  /^(\/en)?\/signin/,
  /^(\/en)?\/analytics\/surveys\/[^/]+\/answer/,
  /^(\/en)?\/analytics\/needs\/edit(\/|$)/,
];

/** A cargo-leptos content hash in a file name: `spilno.YFXT3kNF92M5wHHkRrLZsA.wasm`. */
const HASHED = /\.[A-Za-z0-9_-]{16,}\.[a-z]+$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(STATIC_CACHE);
      await cache.addAll(SHELL.map((url) => new Request(url, { cache: "no-cache" })));
      // The app's CSS, JS and wasm, as the public start page links them. A failure here only
      // means they are kept on first use instead.
      try {
        const home = await fetch("/", { credentials: "omit", cache: "no-cache" });
        if (home.ok) {
          const html = await home.text();
          const assets = new Set(
            [...html.matchAll(/(?:href|src)="(\/pkg\/[^"?#]+)"/g)]
              .map((m) => m[1])
              .filter((url) => HASHED.test(url)),
          );
          await cache.addAll([...assets]);
        }
      } catch (error) {
        console.info("Spilno service worker: app files not kept at install", error);
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([STATIC_CACHE, PAGES_CACHE]);
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && !keep.has(name)) {
          await caches.delete(name);
        }
      }
      if (self.registration.navigationPreload) {
        await self.registration.navigationPreload.enable();
      }
      await self.clients.claim();
      // The page that registered this worker was loaded before it ran: keep it now, so that
      // a page read once reads offline too.
      const windows = await self.clients.matchAll({ type: "window" });
      await Promise.all(
        windows.slice(0, 5).map(async (client) => {
          const url = new URL(client.url);
          if (url.origin !== self.location.origin || !keepable(url)) {
            return;
          }
          try {
            const response = await fetch(url.href, { credentials: "same-origin" });
            await savePage(url.href, response);
          } catch {
            // Offline already: nothing to keep.
          }
        }),
      );
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(navigate(event, url));
    return;
  }
  if (url.pathname.startsWith("/pkg/")) {
    event.respondWith(HASHED.test(url.pathname) ? cacheFirst(request) : networkFirst(request));
    return;
  }
  if (SHELL.includes(url.pathname) && url.search === "") {
    event.respondWith(staleWhileRevalidate(event, request));
  }
  // Everything else (server functions, /live, media, exports) goes to the network untouched.
});

/** Whether a page at `url` may be kept at all. */
function keepable(url) {
  return !NEVER.some((pattern) => pattern.test(url.pathname));
}

function isEnglish(url) {
  return url.pathname === "/en" || url.pathname.startsWith("/en/");
}

/** Whether an answer may be kept: a whole, public HTML page. */
function cacheableResponse(response) {
  if (!response || response.status !== 200 || response.type !== "basic") {
    return false;
  }
  const control = (response.headers.get("cache-control") || "").toLowerCase();
  if (/(^|[\s,])(no-store|private)([\s,=]|$)/.test(control)) {
    return false;
  }
  const type = (response.headers.get("content-type") || "").toLowerCase();
  return type.startsWith("text/html");
}

/** Keeps a copy of a page answer, with the time it was kept and its title. */
async function savePage(key, response) {
  if (!cacheableResponse(response)) {
    return;
  }
  const html = await response.text();
  const headers = new Headers(response.headers);
  headers.set(SAVED_AT, String(Date.now()));
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html);
  if (title) {
    headers.set(TITLE, encodeURIComponent(decodeEntities(title[1].trim())));
  }
  // Compression is undone already; the stored copy must not claim otherwise.
  headers.delete("content-encoding");
  headers.delete("content-length");
  const cache = await caches.open(PAGES_CACHE);
  await cache.delete(key);
  await cache.put(key, new Response(html, { status: 200, statusText: "OK", headers }));
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) {
    await cache.delete(old);
  }
}

async function navigate(event, url) {
  const request = event.request;
  let response;
  try {
    response = (await event.preloadResponse) || (await fetch(request));
  } catch {
    response = null;
  }
  const keep = keepable(url);
  if (response) {
    // A gateway that cannot reach the server is as good as no network.
    const unreachable = [502, 503, 504].includes(response.status);
    if (!unreachable || !keep) {
      if (keep && cacheableResponse(response)) {
        event.waitUntil(savePage(url.href, response.clone()));
      }
      return response;
    }
  }
  if (keep) {
    const cache = await caches.open(PAGES_CACHE);
    const saved = await cache.match(url.href);
    if (saved) {
      return withSavedNote(saved, url);
    }
  }
  return response || offlinePage(url);
}

/** The kept page with a note, at the start of `<main id="main">` (or of `<body>`), saying when
 * it was kept. The note reuses the site's `.notice` style, from the page's own CSS. */
async function withSavedNote(saved, url) {
  const html = await saved.text();
  const english = isEnglish(url);
  const when = formatTime(Number(saved.headers.get(SAVED_AT)) || Date.now(), english);
  const text = english ? `Saved copy from ${when}` : `Збережена копія від ${when}`;
  const note =
    `<p class="notice saved-copy" role="status" data-saved-copy lang="${english ? "en" : "uk"}">` +
    `${escapeHtml(text)}</p>`;
  let out = html.replace(/<main\b[^>]*\bid=["']?main["']?[^>]*>/i, (tag) => tag + note);
  if (out === html) {
    out = html.replace(/<body\b[^>]*>/i, (tag) => tag + note);
  }
  const headers = new Headers(saved.headers);
  headers.set("cache-control", "no-store");
  return new Response(out, { status: 200, statusText: "OK", headers });
}

/** /offline.html, in the page's language first, listing the pages kept for reading. */
async function offlinePage(url) {
  const cache = await caches.open(STATIC_CACHE);
  const page = await cache.match(OFFLINE_PAGE);
  let html = page
    ? await page.text()
    : "<!doctype html><meta charset=utf-8><title>Офлайн · Offline</title>" +
      "<main><h1>Немає з’єднання · You are offline</h1><!--saved-pages--></main>";
  const english = isEnglish(url);
  if (english) {
    const uk = /<section lang="uk">[\s\S]*?<\/section>/.exec(html);
    const en = /<section lang="en">[\s\S]*?<\/section>/.exec(html);
    if (uk && en && uk.index < en.index) {
      html =
        html.slice(0, uk.index) +
        en[0] +
        html.slice(uk.index + uk[0].length, en.index) +
        uk[0] +
        html.slice(en.index + en[0].length);
    }
    html = html.replace(/<html\b[^>]*>/i, '<html lang="en">');
  }
  html = html.replace("<!--saved-pages-->", await savedPagesList(english));
  return new Response(html, {
    status: 503,
    statusText: "Offline",
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

async function savedPagesList(english) {
  const cache = await caches.open(PAGES_CACHE);
  const keys = await cache.keys();
  const pages = [];
  for (const request of keys) {
    const response = await cache.match(request);
    if (!response) {
      continue;
    }
    const path = new URL(request.url);
    const title = response.headers.get(TITLE);
    pages.push({
      href: path.pathname + path.search,
      title: title ? decodeURIComponent(title) : path.pathname,
      at: Number(response.headers.get(SAVED_AT)) || 0,
    });
  }
  if (!pages.length) {
    return "";
  }
  pages.sort((a, b) => b.at - a.at);
  const heading = english ? "Pages saved for reading offline" : "Сторінки, збережені для читання офлайн";
  const items = pages
    .slice(0, 30)
    .map(
      (p) =>
        `<li><a href="${escapeHtml(p.href)}">${escapeHtml(p.title)}</a> ` +
        `<small>${escapeHtml(formatTime(p.at, english))}</small></li>`,
    )
    .join("");
  return `<section class="saved-pages"><h2>${heading}</h2><ul>${items}</ul></section>`;
}

async function cacheFirst(request) {
  const cache = await caches.open(STATIC_CACHE);
  const hit = await cache.match(request);
  if (hit) {
    return hit;
  }
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    await cache.put(request, response.clone());
  }
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(STATIC_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const hit = await cache.match(request);
    if (hit) {
      return hit;
    }
    throw error;
  }
}

async function staleWhileRevalidate(event, request) {
  const cache = await caches.open(STATIC_CACHE);
  const hit = await cache.match(request);
  const refresh = fetch(request)
    .then(async (response) => {
      if (response.ok && response.type === "basic") {
        await cache.put(request, response.clone());
      }
      return response;
    })
    .catch(() => null);
  if (hit) {
    event.waitUntil(refresh);
    return hit;
  }
  return (await refresh) || Response.error();
}

/** A moment in Kyiv time, as the site writes times: "2 грудня 2025 р. о 14:05". */
function formatTime(ms, english) {
  const options = {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  };
  const locale = english ? "en-GB" : "uk-UA";
  // Older ICU data knows Kyiv only by its former name.
  for (const timeZone of ["Europe/Kyiv", "Europe/Kiev", undefined]) {
    try {
      return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(ms);
    } catch {
      // The next name.
    }
  }
  return new Date(ms).toISOString();
}

function escapeHtml(text) {
  return String(text).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
  );
}

function decodeEntities(text) {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, "&");
}
