import { expect, test } from "@playwright/test";
import { openNavIfCollapsed, summary, waitForHydration } from "./helpers";

test.describe("language switch", () => {
  test("keeps the page and its query when switching to English and back", async ({ page }) => {
    await page.goto("/hromadas?kind=rural");
    await expect(page.locator("html")).toHaveAttribute("lang", "uk");
    await waitForHydration(page);

    await openNavIfCollapsed(page);
    await page.locator("a.lang-switch").click();

    await expect(page).toHaveURL(/\/en\/hromadas\?kind=rural$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hromadas");
    await expect(summary(page)).toHaveText(/^\s*858 hromadas found\s*$/);
    await expect(page.locator("#f-oblast option").first()).toHaveText("All oblasts");
    await expect(page.locator("#f-kind")).toHaveValue("rural");
    // Links inside the English page stay English.
    await expect(page.locator("table.hromada-table tbody th a").first()).toHaveAttribute("href", /^\/en\/hromadas\/UA/);

    await openNavIfCollapsed(page);
    await page.locator("a.lang-switch").click();

    await expect(page).toHaveURL(/\/hromadas\?kind=rural$/);
    expect(new URL(page.url()).pathname).toBe("/hromadas");
    await expect(page.locator("html")).toHaveAttribute("lang", "uk");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Громади");
  });

  test("the English page is rendered by the server too", async ({ page }) => {
    const response = await page.goto("/en/hromadas?kind=rural");
    expect(response?.status()).toBe(200);
    const html = (await response?.text()) ?? "";
    expect(html).toMatch(/<html[^>]*\blang="en"/);
    expect(html).toContain("858 hromadas found");
    await expect(page.locator("a.lang-switch")).toHaveAttribute("href", "/hromadas?kind=rural");
  });
});
