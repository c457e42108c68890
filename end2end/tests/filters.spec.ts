import { expect, test } from "@playwright/test";
import { LVIV_OBLAST, foundUk, summary, summaryCount, tableRows, waitForHydration } from "./helpers";

test.describe("filters", () => {
  test("narrow the list, live in the URL, survive a reload and follow history", async ({ page }) => {
    await page.goto("/hromadas");
    await waitForHydration(page);
    await expect(page.locator("#f-raion")).toBeDisabled();

    // After hydration, choosing an option applies it at once (no submit button needed).
    await page.locator("#f-oblast").selectOption({ label: "Львівська область" });
    await expect(page).toHaveURL(new RegExp(`[?&]oblast=${LVIV_OBLAST}(&|$)`));
    await expect(summary(page)).toHaveText(foundUk(73));
    await expect(page.locator("#f-oblast")).toHaveValue(LVIV_OBLAST);

    // The raions of the chosen oblast become available.
    const raion = page.locator("#f-raion");
    await expect(raion).toBeEnabled();
    await expect(raion.locator("option")).toHaveCount(1 + 7);
    await expect(raion.locator("option").first()).toHaveText("Усі райони");
    await expect(raion.locator("option", { hasText: "Львівський район" })).toHaveCount(1);

    await page.locator("#f-kind").selectOption("urban");
    await expect(page).toHaveURL(/[?&]kind=urban(&|$)/);
    await expect(page).toHaveURL(new RegExp(`[?&]oblast=${LVIV_OBLAST}(&|$)`));
    await expect(summary(page)).toHaveText(foundUk(39));
    await expect(tableRows(page)).toHaveCount(39);
    for (const kind of await page.locator("table.hromada-table tbody td[data-label='Тип']").allTextContents()) {
      expect(kind.trim()).toBe("міська");
    }

    await page.reload();
    await expect(summary(page)).toHaveText(foundUk(39));
    await expect(page.locator("#f-oblast")).toHaveValue(LVIV_OBLAST);
    await expect(page.locator("#f-kind")).toHaveValue("urban");
    await waitForHydration(page);

    await page.goBack();
    await expect(page).not.toHaveURL(/kind=urban/);
    await expect(summary(page)).toHaveText(foundUk(73));
    await expect(page.locator("#f-kind")).toHaveValue("");
    await expect(page.locator("#f-oblast")).toHaveValue(LVIV_OBLAST);
  });

  test("a new oblast clears the raion", async ({ page }) => {
    await page.goto(`/hromadas?oblast=${LVIV_OBLAST}`);
    await waitForHydration(page);

    await page.locator("#f-raion").selectOption({ label: "Львівський район" });
    await expect(page).toHaveURL(/[?&]raion=UA46/);
    await expect(summary(page)).toHaveText(foundUk(23));
    await expect(page.locator("#f-raion")).toHaveValue(/^UA46/);
    // The choice opened a new page: its lists act once it has hydrated.
    await waitForHydration(page);

    await page.locator("#f-oblast").selectOption({ label: "Волинська область" });
    await expect(page).not.toHaveURL(/[?&]raion=/);
    await expect(summary(page)).toHaveText(foundUk(54));
    await expect(page.locator("#f-raion")).toHaveValue("");
    await expect(page.locator("#f-raion option", { hasText: "Львівський район" })).toHaveCount(0);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server renders filtered results and the GET form works", async ({ page }) => {
    await page.goto(`/hromadas?oblast=${LVIV_OBLAST}&kind=urban`);

    await expect(summary(page)).toHaveText(foundUk(39));
    await expect(tableRows(page)).toHaveCount(39);
    await expect(page.locator("#f-oblast")).toHaveValue(LVIV_OBLAST);
    await expect(page.locator("#f-kind")).toHaveValue("urban");
    // Without the app the navigation is a plain, visible list (the menu toggle stays hidden).
    await expect(page.locator("button.menu-toggle")).toBeHidden();
    await expect(page.locator("#site-nav").getByRole("link", { name: "Громади", exact: true })).toBeVisible();

    await page.locator("#f-pop_min").fill("50000");
    await Promise.all([
      page.waitForURL(/[?&]pop_min=50000(&|$)/),
      page.getByRole("button", { name: "Застосувати" }).click(),
    ]);

    await expect(page.locator("#f-pop_min")).toHaveValue("50000");
    const count = await summaryCount(page);
    expect(count).toBeLessThan(39);
    expect(count).toBe(7);
    await expect(tableRows(page)).toHaveCount(7);
    // The other filters were submitted with the form.
    await expect(page).toHaveURL(new RegExp(`[?&]oblast=${LVIV_OBLAST}(&|$)`));
    await expect(page).toHaveURL(/[?&]kind=urban(&|$)/);
  });
});
