import { expect, test } from "@playwright/test";
import { collectErrors, waitForHydration } from "./helpers";

/** The demo news (`spilno load-demo`, run by start-server.sh) from the seed item. */
const SEED_TITLE = /^«Сприяння всебічному розвитку громад через аналітику, діалог та співпрацю»/;

test.describe("news", () => {
  test("the list shows the demo news, newest first, and links to each item", async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto("/news");
    await waitForHydration(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Новини");
    const cards = page.locator("article.news-card");
    await expect(cards).toHaveCount(5);
    await expect(cards.first().getByRole("heading")).toHaveText(/Clusters4Regions/);
    await expect(cards.last().getByRole("heading")).toHaveText(SEED_TITLE);
    await expect(cards.last().locator("time")).toHaveText("20 січня 2021");
    errors.expectNone();
  });

  test("a visitor reads an item: body, tags, source, share links and preview meta", async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto("/news");
    await page.getByRole("link", { name: SEED_TITLE }).click();
    await waitForHydration(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(SEED_TITLE);
    await expect(page.locator(".news-body li")).toHaveCount(3);
    await expect(page.getByRole("link", { name: "Програма «U-LEAD з Європою»" })).toHaveAttribute("href", "https://u-lead.org.ua");
    const url = page.url();
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", SEED_TITLE);
    await expect(page.locator('meta[property="og:url"]')).toHaveAttribute("content", new RegExp(`/news/spryiannia-`));
    await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /^Асоціація міст України/);
    const facebook = page.getByRole("link", { name: "Facebook" });
    await expect(facebook).toHaveAttribute("href", new RegExp(`sharer\\.php\\?u=${encodeURIComponent(new URL(url).pathname).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}|sharer\\.php\\?u=http`));
    await expect(page.getByRole("link", { name: "Telegram" })).toHaveAttribute("href", /^https:\/\/t\.me\/share\/url\?url=http/);
    await expect(page.getByRole("button", { name: "Копіювати посилання" })).toBeVisible();
    errors.expectNone();
  });

  test("the copy-link button puts the item's address on the clipboard and says so", async ({ page, context, baseURL }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
    const errors = collectErrors(page);
    const path = "/news/spryiannia-vsebichnomu-rozvytku-hromad-cherez-analityku-dialoh-ta-spivpratsiu";
    await page.goto(path);
    await waitForHydration(page);
    const copy = page.getByRole("button", { name: "Копіювати посилання" });
    await copy.click();
    await expect(page.getByRole("button", { name: "Посилання скопійовано" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Посилання скопійовано" })).toHaveCount(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}${path}`);
    errors.expectNone();
  });

  test("a tag leads to its page and its feed", async ({ page, request }) => {
    await page.goto("/news");
    await page.getByRole("link", { name: SEED_TITLE }).click();
    await page.locator(".news-meta").getByRole("link", { name: "АМУ" }).click();
    await expect(page).toHaveURL(/\/news\/tag\/amu$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Новини з теґом «АМУ»");
    await expect(page.locator("article.news-card")).toHaveCount(1);
    const feed = await request.get("/news/tag/amu/feed.rss");
    expect(feed.status()).toBe(200);
    expect((await feed.text()).match(/<item>/g)?.length).toBe(1);
  });

  test("search finds word forms and marks them", async ({ page }) => {
    await page.goto("/news");
    await waitForHydration(page);
    await page.getByLabel("Пошук у новинах").fill("громада");
    await page.getByRole("button", { name: "Шукати" }).click();
    await expect(page).toHaveURL(/q=/);
    await expect(page.locator(".summary-count")).toHaveText(/^Знайдено \d+ новин/);
    await expect(page.locator("article.news-card mark").first()).toHaveText(/^громад/i);

    // The demo news concern no oblast: narrowing to one finds nothing, and says so.
    await page.getByLabel("Область").selectOption({ label: "Київська область" });
    await page.getByRole("button", { name: "Шукати" }).click();
    await expect(page).toHaveURL(/oblast=UA32/);
    await expect(page.locator(".summary-count")).toHaveText("Знайдено 0 новин");
    await expect(page.getByText("Новин не знайдено.")).toBeVisible();
    await expect(page.getByLabel("Пошук у новинах")).toHaveValue("громада");
  });

  test("the English page says it falls back to Ukrainian", async ({ page }) => {
    await page.goto("/news");
    const href = await page.getByRole("link", { name: SEED_TITLE }).getAttribute("href");
    await page.goto(`/en${href}`);
    await expect(page.getByText("This item has no English version yet")).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  test("an unknown item is a 404", async ({ page }) => {
    const response = await page.goto("/news/nemaie-takoi-novyny");
    expect(response?.status()).toBe(404);
  });

  test("news pages fit a 360 px phone", async ({ page, viewport }) => {
    test.skip((viewport?.width ?? 0) > 360, "phone viewport only");
    for (const path of ["/news", "/news/tag/amu"]) {
      await page.goto(path);
      await waitForHydration(page);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, path).toBeLessThanOrEqual(360);
    }
    await page.getByRole("link", { name: SEED_TITLE }).click();
    await waitForHydration(page);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, "item page").toBeLessThanOrEqual(360);
  });
});
