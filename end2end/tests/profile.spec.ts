import { expect, test } from "@playwright/test";
import { LVIV_HROMADA, LVIV_OBLAST, foundUk, summary, waitForHydration } from "./helpers";

test.describe("hromada profile", () => {
  test("is reached from the list and shows the hromada's facts and related hromadas", async ({ page }) => {
    await page.goto("/hromadas");
    await waitForHydration(page);
    await page.locator("#f-q").fill("Львівська");
    await page.getByRole("button", { name: "Застосувати" }).click();
    await expect(page).toHaveURL(/[?&]q=/);
    await expect(summary(page)).toHaveText(foundUk(1));

    await page.locator("table.hromada-table tbody").getByRole("link", { name: "Львівська", exact: true }).click();

    await expect(page).toHaveURL(new RegExp(`/hromadas/${LVIV_HROMADA}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Львівська міська громада");
    // 777 234 with a NO-BREAK SPACE.
    await expect(page.getByTestId("profile-population")).toHaveText(/^\s*777\u00a0234\s*$/);
    await expect(page.locator("dl.facts code")).toHaveText(LVIV_HROMADA);

    const neighbours = page.getByRole("region", { name: "Інші громади району" });
    const similar = page.getByRole("region", { name: "Схожі громади" });
    for (const section of [neighbours, similar]) {
      await expect(section).toBeVisible();
      const links = section.getByRole("link");
      expect(await links.count()).toBeGreaterThan(0);
      // A hromada is not listed among its own neighbours or look-alikes.
      for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))) {
        expect(href).toMatch(/^\/hromadas\/UA\d{17}$/);
        expect(href).not.toBe(`/hromadas/${LVIV_HROMADA}`);
      }
    }
    // Lviv raion has 23 hromadas: the 22 others are neighbours.
    await expect(neighbours.getByRole("link")).toHaveCount(22);

    // The breadcrumbs lead back to the oblast.
    await expect(
      page.getByRole("navigation", { name: "Навігаційний ланцюжок" }).getByRole("link", { name: "Львівська область", exact: true }),
    ).toHaveAttribute("href", `/oblasts/${LVIV_OBLAST}`);
  });

  test("is rendered by the server on a direct visit", async ({ page }) => {
    const response = await page.goto(`/hromadas/${LVIV_HROMADA}`);
    expect(response?.status()).toBe(200);
    const html = (await response?.text()) ?? "";
    expect(html).toContain("Львівська міська громада");
    expect(html).toContain("777\u00a0234");
  });
});

test.describe("oblast page", () => {
  test("shows the oblast and its hromadas grouped by kind", async ({ page }) => {
    const response = await page.goto(`/oblasts/${LVIV_OBLAST}`);
    expect(response?.status()).toBe(200);

    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Львівська область");
    const kinds: [string, number][] = [
      ["Міські громади", 39],
      ["Селищні громади", 16],
      ["Сільські громади", 18],
    ];
    const headings = page.getByRole("heading", { level: 3 });
    await expect(headings).toHaveCount(kinds.length);
    for (const [index, [title, count]] of kinds.entries()) {
      const heading = headings.nth(index);
      await expect(heading).toHaveText(new RegExp(`^\\s*${title}\\s*\\(${count}\\)\\s*$`));
      const section = page.locator("section.kind-group").nth(index);
      await expect(section.getByRole("heading", { level: 3 })).toHaveText(
        new RegExp(`^\\s*${title}`),
      );
      await expect(section.locator("table.hromada-table tbody tr")).toHaveCount(count);
    }
    await expect(page.getByRole("link", { name: /Усі громади області/ })).toHaveAttribute(
      "href",
      `/hromadas?oblast=${LVIV_OBLAST}`,
    );
  });
});
