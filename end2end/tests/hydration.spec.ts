import { expect, test } from "@playwright/test";
import { collectErrors, foundUk, summary, tableRows, waitForHydration } from "./helpers";

test.describe("hydration", () => {
  test("the registry's islands hydrate and work without browser errors", async ({ page }) => {
    const browser = collectErrors(page);
    const failedRequests: string[] = [];
    page.on("requestfailed", (request) => failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`));
    page.on("response", (response) => {
      if (response.status() >= 400) {
        failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
      }
    });

    await page.goto("/hromadas");
    await waitForHydration(page);

    // The filter island: choosing from a list applies it at once (a new page, from the server).
    await page.locator("#f-kind").selectOption("urban");
    await expect(page).toHaveURL(/[?&]kind=urban(&|$)/);
    await expect(summary(page)).toHaveText(foundUk(430));
    await expect(tableRows(page)).toHaveCount(50);
    await expect(page.locator("#f-kind")).toHaveValue("urban");
    await waitForHydration(page);

    browser.expectNone();
    expect(failedRequests, "failed requests").toEqual([]);
  });

  test("a profile hydrates without browser errors", async ({ page }) => {
    const browser = collectErrors(page);
    await page.goto("/hromadas/UA46060250000025047");
    await waitForHydration(page);
    // Follow a link to another profile.
    await page.getByRole("region", { name: "Схожі громади" }).getByRole("link").first().click();
    await expect(page).toHaveURL(/\/hromadas\/UA\d{17}$/);
    await expect(page).not.toHaveURL(/UA46060250000025047$/);
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Львівська міська громада");
    browser.expectNone();
  });
});
