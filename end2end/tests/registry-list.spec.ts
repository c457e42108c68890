import { expect, test } from "@playwright/test";
import { PAGE_SIZE, TOTAL_HROMADAS, foundUk, summary, tableRows, waitForHydration } from "./helpers";

test.describe("registry list /hromadas", () => {
  test("shows the heading, the total count and one page of rows", async ({ page }) => {
    const response = await page.goto("/hromadas");
    expect(response?.status()).toBe(200);

    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Громади");
    await expect(summary(page)).toHaveText(foundUk(TOTAL_HROMADAS));
    // The space in "1 774" is a NO-BREAK SPACE.
    expect(await summary(page).textContent()).toContain("1\u00a0774");
    await expect(tableRows(page)).toHaveCount(PAGE_SIZE);
    // Every row names a hromada with a link to its profile.
    await expect(page.locator("table.hromada-table tbody th a[href^='/hromadas/UA']")).toHaveCount(PAGE_SIZE);
    await expect(page.locator(".pagination-status")).toHaveText("Сторінка 1 з 36");
    await expect(page.locator("a[rel=prev]")).toHaveCount(0);
  });

  test("the second page is reachable and links to the third", async ({ page }) => {
    await page.goto("/hromadas?page=2");

    await expect(page.locator(".pagination-status")).toHaveText("Сторінка 2 з 36");
    await expect(tableRows(page)).toHaveCount(PAGE_SIZE);
    const next = page.locator("a[rel=next]");
    await expect(next).toHaveCount(1);
    await expect(next).toHaveAttribute("href", /[?&]page=3(&|$)/);
    await expect(page.locator("a[rel=prev]")).toHaveCount(1);
    await expect(page.locator(".pagination a[aria-current=page]")).toHaveText("2");
    // The total does not depend on the page.
    await expect(summary(page)).toHaveText(foundUk(TOTAL_HROMADAS));
  });

  test("the last page has no next link and holds the remaining rows", async ({ page }) => {
    await page.goto("/hromadas?page=36");

    await expect(page.locator(".pagination-status")).toHaveText("Сторінка 36 з 36");
    await expect(page.locator("a[rel=next]")).toHaveCount(0);
    await expect(tableRows(page)).toHaveCount(TOTAL_HROMADAS - 35 * PAGE_SIZE);
  });

  test("name search treats apostrophe variants alike and keeps q in the URL", async ({ page }) => {
    await page.goto("/hromadas");
    await waitForHydration(page);

    // ASCII apostrophe in the query, typographic one (’) in the registry.
    await page.locator("#f-q").fill("кам'янська");
    await page.getByRole("button", { name: "Застосувати" }).click();

    await expect(page).toHaveURL(/[?&]q=/);
    await expect(summary(page)).toHaveText(foundUk(4));
    const rowLinks = page.locator("table.hromada-table tbody th a");
    await expect(rowLinks).toHaveCount(4);
    await expect(rowLinks.filter({ hasText: "Кам’янська" }).first()).toBeVisible();
    for (const name of await rowLinks.allTextContents()) {
      expect(name).toMatch(/кам['’ʼ]янська/i);
    }
    // The field keeps what was typed.
    await expect(page.locator("#f-q")).toHaveValue("кам'янська");
  });

  test("a non-numeric population bound is reported next to the field, not a server error", async ({ page }) => {
    const response = await page.goto("/hromadas?pop_min=abc");
    expect(response?.status()).toBe(200);

    const input = page.locator("#f-pop_min");
    await expect(input).toHaveValue("abc");
    await expect(input).toHaveAttribute("aria-invalid", "true");
    const fieldError = page.locator(".field", { has: input }).locator(".field-error");
    await expect(fieldError).toHaveCount(1);
    await expect(fieldError).toContainText("Введіть ціле число");
    // The error is announced with the field.
    const errorId = await fieldError.getAttribute("id");
    expect(errorId).toBeTruthy();
    await expect(input).toHaveAttribute("aria-describedby", new RegExp(`(^|\\s)${errorId}(\\s|$)`));
    // The invalid bound is ignored: the whole registry is listed.
    await expect(summary(page)).toHaveText(foundUk(TOTAL_HROMADAS));
    await expect(tableRows(page)).toHaveCount(PAGE_SIZE);
    // Other fields are not marked invalid.
    await expect(page.locator("#f-pop_max")).not.toHaveAttribute("aria-invalid", "true");
  });
});
