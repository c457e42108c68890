import { expect, test } from "@playwright/test";
import { collectErrors, waitForHydration } from "./helpers";

const INITIATIVE = "Сприяння всебічному розвитку громад через аналітику, діалог та співпрацю";

test.describe("initiatives", () => {
  test("the list filters by status and partner and leads to the demo initiative", async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto("/initiatives");
    await waitForHydration(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ініціативи");
    await page.getByLabel("Стан").selectOption("active");
    await page.getByRole("button", { name: "Шукати" }).click();
    await expect(page).toHaveURL(/status=active/);
    await expect(page.locator(".initiative-card").filter({ hasText: INITIATIVE })).toHaveCount(0);
    await page.getByLabel("Стан").selectOption("completed");
    await page.getByLabel("Партнер").selectOption({ label: "Асоціація міст України" });
    await page.getByRole("button", { name: "Шукати" }).click();
    const card = page.locator(".initiative-card").filter({ hasText: INITIATIVE });
    await expect(card).toHaveCount(1);
    await expect(card.locator(".status-badge")).toHaveText("Завершено");
    await card.getByRole("link", { name: INITIATIVE }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(INITIATIVE);
    await expect(page.locator("ol.directions > li")).toHaveCount(3);
    await expect(page.locator("ol.directions h3").last()).toHaveText("День Діалогу");
    await expect(page.locator("ul.partners")).toContainText("Програма «U-LEAD з Європою» — Донорська програма");
    await expect(page.locator("#initiative-news-title + .news-cards article").first()).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
    errors.expectNone();
  });

  test("an unknown filter value is named at its field; English falls back with a note", async ({ page }) => {
    await page.goto("/initiatives?sector=nope");
    await expect(page.locator("#initiative-sector-error")).toBeVisible();
    await page.goto("/en/initiatives");
    await page.getByRole("link", { name: /Promoting the comprehensive development/ }).click();
    await expect(page.locator("ol.directions h3").last()).toHaveText("Dialogue Day");
  });

  test("news filter by initiative and sector", async ({ page }) => {
    await page.goto("/news");
    await waitForHydration(page);
    await page.getByLabel("Ініціатива").selectOption({ label: INITIATIVE });
    await page.getByRole("button", { name: "Шукати" }).click();
    await expect(page).toHaveURL(/initiative=/);
    await expect(page.locator("article.news-card").first().getByRole("heading")).toHaveText(/Сприяння всебічному розвитку/);
    await page.goto("/news?sector=no-such-sector");
    await expect(page.locator("#news-sector-error")).toBeVisible();
  });
});
