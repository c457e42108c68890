// The first load of a page: what a browser with an empty cache downloads for it, in bytes as
// served (compressed), until the page has loaded everything it loads on its own.
//
// Shared by the budget test (`tests/budget.spec.ts`, in `make test`) and `make bench`
// (`server/bench.sh` runs this file as a command):
//
//   node end2end/first-load.cjs http://127.0.0.1:3200 / /news /hromadas …
//
// prints one tab-separated line per path: path, total, HTML, CSS, JS, wasm (bytes), counted
// requests, and whether every island hydrated ("hydrated" or "NOT hydrated").
//
// What is counted: the document, stylesheets, scripts, and everything fetched from /pkg/ (the
// main wasm module, the lazy islands' loaders and their shared wasm chunks), each at its
// response's encoded body size (`request.sizes().responseBodySize`), as served: Chromium asks
// for `gzip, deflate, br, zstd`, so /pkg/ files come as their precompressed brotli copies and
// pages as the server compresses them. HTTP headers are not counted.
// Images (and icons, the web app manifest, the live dashboards' event stream, server-function
// calls) are not counted: the budget is the page's code and markup, images are their own
// matter (lazy, sized, and cached apart); they are reported as "not counted".
//
// When the page has loaded everything: after the load event, once `<html data-hydrated>` is set
// (the last island, in the footer, sets it when every island before it, lazy ones included,
// runs), and no counted request has been in flight for QUIET_MS. Playwright's "networkidle" alone
// is not enough: it can fire while the main wasm module compiles, before the lazy islands ask for
// their chunks. Event streams (the live dashboards) never finish and are not waited for.
//
// The service worker is blocked (`serviceWorkers: "block"`): what it keeps for offline reading
// after the first visit is background work of its own, and a worker that takes over the page
// mid-load would answer the lazy chunks from itself, hiding their sizes.

"use strict";

const { chromium } = require("@playwright/test");

/** Chromium for every test and measurement: Debian's, headless, no background traffic. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** 1 KB = 1024 bytes, in the budgets and in every size printed. */
const KB = 1024;

const QUIET_MS = 750;

/** What a response is, for the budget; `null` when it is not counted. */
function kindOf(request) {
  const type = request.resourceType();
  const path = new URL(request.url()).pathname;
  if (type === "document") return "html";
  if (type === "stylesheet") return "css";
  if (path.endsWith(".wasm")) return "wasm";
  if (type === "script" || path.endsWith(".js")) return "js";
  if (path.startsWith("/pkg/")) return "js"; // anything else of the app's code (the split's manifest)
  return null;
}

/**
 * Loads `url` in `page` (of a fresh context: an empty cache) and measures its first load.
 * Returns { status, total, html, css, js, wasm, requests, hydrated, uncounted, uncountedRequests,
 * encodings, failed: [requests that failed or answered >= 400], entries: [{ url, type, kind,
 * bytes, encoding }] }.
 */
async function measureFirstLoad(page, url, { timeout = 45_000 } = {}) {
  const entries = [];
  const failed = [];
  const pending = [];
  const inflight = new Set();
  let lastActivity = Date.now();
  const longLived = (request) => ["eventsource", "websocket"].includes(request.resourceType());
  const onRequest = (request) => {
    if (longLived(request)) return;
    inflight.add(request);
    lastActivity = Date.now();
  };
  const settle = (request) => {
    inflight.delete(request);
    lastActivity = Date.now();
  };
  const onFailed = (request) => {
    settle(request);
    if (!longLived(request)) failed.push(`${request.url()}: ${request.failure()?.errorText}`);
  };
  const onFinished = (request) => {
    settle(request);
    pending.push(
      (async () => {
        const response = await request.response();
        const sizes = await request.sizes();
        if ((response?.status() ?? 0) >= 400) failed.push(`${request.url()}: HTTP ${response?.status()}`);
        entries.push({
          url: request.url(),
          type: request.resourceType(),
          kind: kindOf(request),
          bytes: sizes.responseBodySize,
          encoding: response?.headers()["content-encoding"] ?? "identity",
        });
      })(),
    );
  };
  page.on("request", onRequest);
  page.on("requestfinished", onFinished);
  page.on("requestfailed", onFailed);
  try {
    const started = Date.now();
    const response = await page.goto(url, { waitUntil: "load", timeout });
    await page.waitForLoadState("networkidle", { timeout });
    const hydrated = await page
      .waitForSelector("html[data-hydrated]", { state: "attached", timeout: Math.max(1, timeout - (Date.now() - started)) })
      .then(() => true)
      .catch(() => false);
    while (inflight.size > 0 || Date.now() - lastActivity < QUIET_MS) {
      if (Date.now() - started > timeout) {
        throw new Error(`${url}: still loading after ${timeout} ms: ${[...inflight].map((r) => r.url()).join(", ")}`);
      }
      await page.waitForTimeout(100);
    }
    await Promise.all(pending);
    const sum = (kind) => entries.filter((e) => e.kind === kind).reduce((n, e) => n + e.bytes, 0);
    const counted = entries.filter((e) => e.kind !== null);
    const uncounted = entries.filter((e) => e.kind === null);
    return {
      status: response?.status() ?? 0,
      html: sum("html"),
      css: sum("css"),
      js: sum("js"),
      wasm: sum("wasm"),
      total: counted.reduce((n, e) => n + e.bytes, 0),
      requests: counted.length,
      hydrated,
      uncounted: uncounted.reduce((n, e) => n + e.bytes, 0),
      uncountedRequests: uncounted.length,
      encodings: [...new Set(counted.map((e) => e.encoding))].sort(),
      failed,
      entries,
    };
  } finally {
    page.off("request", onRequest);
    page.off("requestfinished", onFinished);
    page.off("requestfailed", onFailed);
  }
}

/** A context for one measurement: an empty cache, no service worker. */
async function measuringContext(browser, options = {}) {
  return browser.newContext({ serviceWorkers: "block", locale: "uk-UA", ...options });
}

/** "123.4 KB" */
function kb(bytes) {
  return `${(bytes / KB).toFixed(1)} KB`;
}

async function main(base, paths) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    for (const path of paths) {
      const context = await measuringContext(browser, { viewport: { width: 1280, height: 800 } });
      try {
        const page = await context.newPage();
        const m = await measureFirstLoad(page, new URL(path, base).href);
        if (m.status !== 200) {
          throw new Error(`${path}: status ${m.status}`);
        }
        for (const failure of m.failed) console.error(`${path}: failed request ${failure}`);
        const line = [path, m.total, m.html, m.css, m.js, m.wasm, m.requests, m.hydrated ? "hydrated" : "NOT hydrated"];
        console.log(line.join("\t"));
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
}

module.exports = { CHROMIUM_PATH, CHROMIUM_ARGS, KB, kindOf, measureFirstLoad, measuringContext, kb };

// Run as a command (not required by the budget test).
if (require.main === module) {
  const [base, ...paths] = process.argv.slice(2);
  if (!base || paths.length === 0) {
    console.error("usage: node first-load.cjs BASE_URL PATH…");
    process.exit(2);
  }
  main(base, paths).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
