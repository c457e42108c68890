import { expect, type Locator, type Page } from "@playwright/test";

/** KATOTTG codes used across the tests (from the bundled registry). */
export const LVIV_OBLAST = "UA46000000000026241";
export const LVIV_HROMADA = "UA46060250000025047";

/** Registry counts the tests rely on (bundled registry, 2024 codifier edition). */
export const TOTAL_HROMADAS = 1774;
export const PAGE_SIZE = 50;

/**
 * Waits until every island of the page has hydrated: the server renders `button.menu-toggle`
 * with `hidden` (the first island removes it), and the last island, in the footer, marks
 * `<html data-hydrated>` once all islands before it, lazy ones included, run in the browser.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator("button.menu-toggle")).not.toHaveAttribute("hidden");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "");
}

/**
 * A number as the Ukrainian UI writes it, as a regex source: groups of three digits separated
 * by a NO-BREAK SPACE (matched by `\s`).
 */
export function ukNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "\\s");
}

/** "Знайдено 1 774 громади" with the right plural, as an exact-match regex. */
export function foundUk(n: number): RegExp {
  const mod10 = n % 10;
  const mod100 = n % 100;
  const word =
    mod10 === 1 && mod100 !== 11
      ? "громада"
      : mod10 >= 2 && mod10 <= 4 && !(mod100 >= 12 && mod100 <= 14)
        ? "громади"
        : "громад";
  return new RegExp(`^\\s*Знайдено ${ukNumber(n)} ${word}\\s*$`);
}

export function summary(page: Page): Locator {
  return page.locator("#results-summary");
}

/** The body rows of the registry table. */
export function tableRows(page: Page): Locator {
  return page.locator("table.hromada-table tbody tr");
}

/** The number in `#results-summary`, whatever the language and digit grouping. */
export async function summaryCount(page: Page): Promise<number> {
  const text = (await summary(page).textContent()) ?? "";
  const digits = text.replace(/[^\d]/g, "");
  expect(digits, `a number in the summary "${text}"`).not.toBe("");
  return Number(digits);
}

/**
 * On phones the navigation is collapsed behind `button.menu-toggle` once hydrated; opens it
 * when the toggle is visible. Does nothing on wide screens.
 */
export async function openNavIfCollapsed(page: Page): Promise<void> {
  const toggle = page.locator("button.menu-toggle");
  if (!(await toggle.isVisible())) {
    return;
  }
  if ((await toggle.getAttribute("aria-expanded")) !== "true") {
    await toggle.click();
  }
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
}

/**
 * Records browser errors (console errors and uncaught exceptions) of a page; `expectNone`
 * fails listing every one of them.
 */
export function collectErrors(page: Page): { errors: string[]; expectNone: () => void } {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") {
      const location = message.location();
      errors.push(`console.error: ${message.text()} (${location.url}:${location.lineNumber})`);
    }
  });
  page.on("pageerror", (error) => {
    errors.push(`pageerror: ${error.name}: ${error.message}`);
  });
  return {
    errors,
    expectNone: () => expect(errors, "browser errors").toEqual([]),
  };
}

/** Demo accounts from `spilno load-demo` (see the README). */
export const DEMO_PASSWORD = "spilno-demo-2026";
export const demo = (role: string) => `${role}@demo.spilno.org.ua`;

/** What an editor's form says under a required field left empty. */
export const REQUIRED = "Заповніть це поле українською.";

/** The name Kyiv's time zone has in this Node's ICU (older ones only know "Europe/Kiev"). */
const KYIV = (() => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: "Europe/Kyiv" });
    return "Europe/Kyiv";
  } catch {
    return "Europe/Kiev";
  }
})();

function kyivParts(ms: number, withTime: boolean): (type: string) => string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: KYIV,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    ...(withTime ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } : {}),
  }).formatToParts(new Date(ms));
  return (type: string) => parts.find((p) => p.type === type)?.value ?? "";
}

/** A moment's day in Kyiv, as a date field holds it: `YYYY-MM-DD`. */
export function kyivDay(ms: number): string {
  const part = kyivParts(ms, false);
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** A moment as a `datetime-local` field holds it in Kyiv: `YYYY-MM-DDTHH:MM`. */
export function kyivLocal(ms: number): string {
  const part = kyivParts(ms, true);
  return `${kyivDay(ms)}T${part("hour")}:${part("minute")}`;
}

/** The browser errors of a page but the 422 answers of the refusals a test asks for. */
export function unexpected(errors: string[]): string[] {
  return errors.filter((e) => !e.includes("status of 422"));
}

/** On a 360 px phone, the page must not scroll sideways. */
export async function expectNoHorizontalScroll(page: Page, what: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(innerWidth).toBe(360);
  expect(scrollWidth, `scrollWidth of ${what}`).toBeLessThanOrEqual(innerWidth);
}
