import { chromium, expect, test, type BrowserContext, type Page } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { collectErrors, expectNoHorizontalScroll, waitForHydration } from "./helpers";

/** The demo news item of the seed (`spilno load-demo`). */
const SEED_TITLE = /^«Сприяння всебічному розвитку громад через аналітику, діалог та співпрацю»/;
const OFFLINE_UK = "Немає з’єднання з мережею";
const OFFLINE_EN = "You are offline";

/**
 * Waits until the page's own registration (`/sw-register.js`) has a service worker that
 * controls the page (it claims the pages open when it activates).
 */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === "activated", undefined, {
    timeout: 15_000,
  });
}

/** Whether the service worker keeps `path` (this origin) among its saved pages. */
async function isSaved(page: Page, path: string): Promise<boolean> {
  return page.evaluate(async (url) => {
    for (const name of await caches.keys()) {
      if (name.startsWith("spilno-pages-") && (await (await caches.open(name)).match(url))) {
        return true;
      }
    }
    return false;
  }, new URL(path, page.url()).href);
}

async function expectSaved(page: Page, path: string): Promise<void> {
  await expect.poll(() => isSaved(page, path), { message: `${path} is saved` }).toBe(true);
}

async function goOffline(context: BrowserContext): Promise<void> {
  await context.setOffline(true);
}

test.describe("offline reading and installation", () => {
  test("the page registers a service worker that controls it, served fresh as JavaScript", async ({ page, request }) => {
    const errors = collectErrors(page);
    await page.goto("/news");
    await waitForHydration(page);
    await waitForServiceWorker(page);
    const registration = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return { scope: reg?.scope, script: navigator.serviceWorker.controller?.scriptURL };
    });
    expect(registration.scope).toBe(new URL("/", page.url()).href);
    // The address names the build (a hash of the page's /pkg/ files), so a release installs anew.
    expect(registration.script).toMatch(/\/sw\.js\?v=[0-9a-z]+$/);

    const script = await request.get(new URL(registration.script!).pathname + new URL(registration.script!).search);
    expect(script.status()).toBe(200);
    expect(script.headers()["content-type"]).toMatch(/^(text|application)\/javascript/);
    expect(script.headers()["cache-control"]).toBe("no-cache");

    // The app's hashed CSS is kept for offline use.
    const stylesheet = await page.locator('link[rel="stylesheet"][href^="/pkg/"]').first().getAttribute("href");
    expect(stylesheet).toMatch(/^\/pkg\/[^/]+\.[A-Za-z0-9_-]{16,}\.css$/);
    await expect
      .poll(() =>
        page.evaluate(async (href) => {
          for (const name of await caches.keys()) {
            if (name.startsWith("spilno-static-") && (await (await caches.open(name)).match(href))) {
              return true;
            }
          }
          return false;
        }, stylesheet!),
      )
      .toBe(true);

    // From now on navigations go through the worker, and the page still works.
    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    expect(reload?.status()).toBe(200);
    await waitForHydration(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Новини");
    errors.expectNone();
  });

  test("a new release's worker takes over and deletes the caches of the one before", async ({ page }) => {
    await page.goto("/news");
    await waitForServiceWorker(page);
    await expectSaved(page, "/news");
    const cacheNames = async () => (await page.evaluate(() => caches.keys())).filter((n) => n.startsWith("spilno-"));
    const before = await cacheNames();
    expect(before).toHaveLength(2);
    // What /sw-register.js does once a release has changed the page's /pkg/ file names.
    await page.evaluate(() => navigator.serviceWorker.register("/sw.js?v=nextrelease", { scope: "/" }));
    await page.waitForFunction(() => navigator.serviceWorker.controller?.scriptURL.endsWith("?v=nextrelease"));
    await expect.poll(cacheNames).toEqual([expect.stringMatching(/-nextrelease$/), expect.stringMatching(/-nextrelease$/)]);
    // The open page is kept again under the new release.
    await expectSaved(page, "/news");
  });

  test("a public page read once reads offline, with a note saying when it was saved", async ({ page, context }) => {
    await page.goto("/news");
    await waitForServiceWorker(page);
    const item = await page.getByRole("link", { name: SEED_TITLE }).getAttribute("href");
    expect(item).toMatch(/^\/news\/[a-z0-9-]+$/);
    await page.goto(item!);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(SEED_TITLE);
    await expect(page.locator("[data-saved-copy]")).toHaveCount(0);
    await expectSaved(page, item!);
    // The page that registered the worker was loaded before it ran: it is kept all the same.
    await expectSaved(page, "/news");

    await goOffline(context);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(SEED_TITLE);
    await expect(page.locator(".news-body li")).toHaveCount(3);
    const note = page.getByRole("status").filter({ hasText: "Збережена копія від" });
    await expect(note).toBeVisible();
    await expect(note).toHaveText(/^Збережена копія від \d{1,2} [а-яіїєґ]+ \d{4}/);
    // The site's own CSS came from the worker's cache: the note has the `.notice` look.
    await expect(note).toHaveCSS("background-color", "rgb(255, 248, 214)");
    if ((page.viewportSize()?.width ?? 0) <= 360) {
      await expectNoHorizontalScroll(page, "a saved copy");
    }

    await page.goto("/news");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Новини");
    await expect(page.getByRole("status").filter({ hasText: "Збережена копія від" })).toBeVisible();
  });

  test("an English page's saved copy says so in English", async ({ page, context }) => {
    await page.goto("/en/hromadas");
    await waitForServiceWorker(page);
    await expectSaved(page, "/en/hromadas");
    const heading = await page.getByRole("heading", { level: 1 }).textContent();
    await goOffline(context);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading!);
    await expect(page.getByRole("status").filter({ hasText: /^Saved copy from \d{1,2} [A-Z][a-z]+ \d{4}/ })).toBeVisible();
  });

  test("a page never read shows the offline page, in the page's language, listing saved pages", async ({ page, context }) => {
    await page.goto("/news");
    await waitForServiceWorker(page);
    await expectSaved(page, "/news");
    await goOffline(context);

    await page.goto("/initiatives");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText([OFFLINE_UK, OFFLINE_EN]);
    await expect(page.locator("[data-offline-page]")).toBeVisible();
    // What was saved can still be read from here.
    const saved = page.locator(".saved-pages").getByRole("link", { name: /^Новини/ });
    await expect(saved).toHaveAttribute("href", "/news");
    if ((page.viewportSize()?.width ?? 0) <= 360) {
      await expectNoHorizontalScroll(page, "the offline page");
    }
    await saved.click();
    await expect(page).toHaveURL(/\/news$/);
    await expect(page.getByRole("status").filter({ hasText: "Збережена копія від" })).toBeVisible();

    await page.goto("/en/initiatives");
    // English first, in reading order too (not only on screen).
    await expect(page.getByRole("heading", { level: 1 })).toHaveText([OFFLINE_EN, OFFLINE_UK]);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  test("pages answered to a session and the signed-in areas are never kept", async ({ page, context }) => {
    await page.goto("/news");
    await waitForServiceWorker(page);
    // A session cookie (even one the server does not know) makes every answer private: such a
    // page names who is signed in. The worker cannot see the cookie; it sees the header.
    const origin = new URL(page.url()).origin;
    await context.addCookies([{ name: "spilno_session", value: "not-a-session", url: origin }]);
    const response = await page.goto("/initiatives");
    expect(response?.status()).toBe(200);
    expect(response?.headers()["cache-control"]).toContain("private");
    await page.goto("/signin");
    await expect(page.locator("form")).not.toHaveCount(0);
    await page.waitForTimeout(500);
    expect(await isSaved(page, "/initiatives")).toBe(false);
    expect(await isSaved(page, "/signin")).toBe(false);

    await goOffline(context);
    for (const path of ["/initiatives", "/signin"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 }).first(), path).toHaveText(OFFLINE_UK);
    }
  });

  test("the manifest makes the site installable: fields and icons that load", async ({ page, request }) => {
    test.slow(); // a second browser, with its own profile
    await page.goto("/");
    const href = await page.locator('link[rel="manifest"]').getAttribute("href");
    expect(href).toBe("/manifest.webmanifest");
    const response = await request.get(href!);
    expect(response.status()).toBe(200);
    const manifest = JSON.parse(await response.text());
    expect(manifest).toMatchObject({ id: "/", start_url: "/", scope: "/", lang: "uk" });
    expect(["standalone", "fullscreen", "minimal-ui"]).toContain(manifest.display);
    expect(manifest.name).toMatch(/Спільно/);
    expect(manifest.short_name.length).toBeLessThanOrEqual(12);
    expect(manifest.prefer_related_applications ?? false).toBe(false);

    type Icon = { src: string; sizes: string; type: string; purpose?: string };
    const icons: Icon[] = manifest.icons;
    for (const size of [192, 512]) {
      for (const purpose of ["any", "maskable"]) {
        const icon = icons.find(
          (i) => i.sizes === `${size}x${size}` && i.type === "image/png" && (i.purpose ?? "any").split(/\s+/).includes(purpose),
        );
        expect(icon, `a ${size} px PNG icon for ${purpose}`).toBeDefined();
        const image = await request.get(icon!.src);
        expect(image.status(), icon!.src).toBe(200);
        expect(image.headers()["content-type"]).toBe("image/png");
        // The PNG's own header says its size: width and height at bytes 16..24.
        const bytes = await image.body();
        expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
        expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([size, size]);
      }
    }

    // Chromium's own verdict. A test's context is incognito, where Chromium answers only
    // "in-incognito" and checks nothing else: ask a browser with a profile of its own.
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "spilno-install-"));
    const { launchOptions, viewport, baseURL } = test.info().project.use;
    const browser = await chromium.launchPersistentContext(profile, { ...launchOptions, viewport, baseURL });
    try {
      const installed = browser.pages()[0] ?? (await browser.newPage());
      await installed.goto("/news");
      await waitForServiceWorker(installed);
      const cdp = await browser.newCDPSession(installed);
      const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
      expect(installabilityErrors).toEqual([]);
      const { errors } = await cdp.send("Page.getAppManifest");
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  });
});
