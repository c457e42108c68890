import { expect, test } from "@playwright/test";
import { LVIV_HROMADA, LVIV_OBLAST, waitForHydration } from "./helpers";

const NAV = [
  ["Новини", "/news"],
  ["Ініціативи", "/initiatives"],
  ["Аналітика", "/analytics"],
  ["Партнерства", "/partnerships"],
  ["День Діалогу", "/dialogue"],
  ["Громади", "/hromadas"],
] as const;

const isPhoneProject = (width: number | undefined) => (width ?? 0) < 600;

test.describe("home and sections", () => {
  test("the home page has a heading and the main navigation", async ({ page }) => {
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);

    const h1 = page.getByRole("heading", { level: 1 });
    await expect(h1).toHaveCount(1);
    await expect(h1).not.toHaveText(/^\s*$/);
    const nav = page.locator("nav#site-nav");
    for (const [name, href] of NAV) {
      // includeHidden: on phones the (hydrated) menu is collapsed.
      await expect(nav.getByRole("link", { name, exact: true, includeHidden: true })).toHaveAttribute("href", href);
    }
    await expect(page.locator("html")).toHaveAttribute("lang", "uk");
  });

  test("a section that is not built yet says so", async ({ page }) => {
    const response = await page.goto("/dialogue");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("День Діалогу");
    await expect(page.locator("main")).toContainText("ще в розробці");
  });

  test("the current section is marked in the navigation", async ({ page }) => {
    await page.goto(`/oblasts/${LVIV_OBLAST}`);
    const link = page.locator("nav#site-nav").getByRole("link", { name: "Громади", exact: true, includeHidden: true });
    await expect(link).toHaveAttribute("aria-current", "page");
    await expect(
      page.locator("nav#site-nav").getByRole("link", { name: "Новини", exact: true, includeHidden: true }),
    ).not.toHaveAttribute("aria-current", "page");
  });
});

test.describe("every page has a title and a description", () => {
  const pages: [string, RegExp | null][] = [
    ["/", null],
    ["/hromadas", /Громади/],
    ["/hromadas?kind=urban&page=2", /Громади/],
    [`/hromadas/${LVIV_HROMADA}`, /Львівська міська громада/],
    [`/oblasts/${LVIV_OBLAST}`, /Львівська область/],
    ["/news", /Новини/],
    ["/initiatives", /Ініціативи/],
    ["/analytics", /Аналітика/],
    ["/partnerships", /Партнерства/],
    ["/dialogue", /День Діалогу/],
    ["/en", null],
    ["/en/hromadas", /Hromadas/],
    [`/en/hromadas/${LVIV_HROMADA}`, /Львівська/],
    ["/no-such-page", /Сторінку не знайдено/],
    ["/en/no-such-page", /Page not found/],
  ];
  for (const [path, expected] of pages) {
    test(`${path}`, async ({ page }) => {
      await page.goto(path);
      await waitForHydration(page);

      const title = await page.title();
      expect(title.trim()).not.toBe("");
      if (expected) {
        expect(title).toMatch(expected);
      }
      await expect(page.locator("title")).toHaveCount(1);
      const description = page.locator('meta[name="description"]');
      await expect(description).toHaveCount(1);
      expect(((await description.getAttribute("content")) ?? "").trim()).not.toBe("");
    });
  }
});

test.describe("phone navigation", () => {
  test.skip(({ viewport }) => !isPhoneProject(viewport?.width), "phone viewport only");

  test("the menu is collapsed behind a toggle and opens on tap", async ({ page }) => {
    await page.goto("/");
    await waitForHydration(page);

    const toggle = page.locator("button.menu-toggle");
    await expect(toggle).toBeVisible();
    await expect(toggle).toHaveText("Меню");
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(toggle).toHaveAttribute("aria-controls", "site-nav");
    const links = page.locator("#site-nav a");
    await expect(links.first()).toBeHidden();
    for (const link of await links.all()) {
      await expect(link).toBeHidden();
    }

    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    const hromadas = page.locator("#site-nav").getByRole("link", { name: "Громади", exact: true });
    await expect(hromadas).toBeVisible();

    await hromadas.click();
    await expect(page).toHaveURL(/\/hromadas$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Громади");
    // Navigating closes the menu again.
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(hromadas).toBeHidden();
  });
});

test.describe("no horizontal overflow at 360 px", () => {
  test.skip(({ viewport }) => !isPhoneProject(viewport?.width), "phone viewport only");

  for (const path of ["/", "/hromadas", `/hromadas/${LVIV_HROMADA}`, `/oblasts/${LVIV_OBLAST}`]) {
    test(`${path}`, async ({ page }) => {
      await page.goto(path);
      await waitForHydration(page);
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      expect(innerWidth).toBe(360);
      expect(scrollWidth, `scrollWidth of ${path}`).toBeLessThanOrEqual(innerWidth);
    });
  }
});
