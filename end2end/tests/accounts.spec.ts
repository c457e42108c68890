import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openNavIfCollapsed, waitForHydration } from "./helpers";

/** start-server.sh creates one administrator per project and leaves their one-time link. */
function adminLink(project: string): string {
  return readFileSync(join(__dirname, "..", ".run", `${project}.link`), "utf8").trim();
}

const PASSWORD = "ріка тече повільно 7";

async function header(page: Page) {
  // The menu collapses as the page hydrates: opened before that, it would close again.
  await waitForHydration(page);
  await openNavIfCollapsed(page);
  return page.locator("#site-nav");
}

test.describe("sign-in without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form posts by itself and the page comes back with the error at its field", async ({ page }, info) => {
    await page.goto("/signin");
    await page.getByLabel("Електронна пошта").fill(`nobody-${info.project.name}@spilno.test`);
    await page.getByLabel("Пароль").fill("not the password 1");
    await page.getByRole("button", { name: "Увійти" }).click();
    await expect(page).toHaveURL(/\/signin\?/);
    await expect(page.locator("#f-password-error")).toHaveText("Неправильна адреса або пароль.");
    await expect(page.getByLabel("Пароль")).toHaveAttribute("aria-invalid", "true");
  });
});

test.describe.serial("accounts: invitation, sign-in, sign-out, rate limit", () => {
  test("an invitation link sets the password, refusing a weak one next to its field", async ({ page }, info) => {
    const link = new URL(adminLink(info.project.name));
    await page.goto(link.pathname + link.search);
    await waitForHydration(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Встановлення пароля");

    await page.getByLabel("Пароль", { exact: true }).fill("1234567890");
    await page.getByLabel("Пароль ще раз").fill("1234567890");
    await page.getByRole("button", { name: "Зберегти пароль і увійти" }).click();
    await expect(page.locator("#f-password-error")).toHaveText(/надто поширений/);
    await expect(page.getByLabel("Пароль", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Пароль", { exact: true })).toHaveValue("1234567890");

    await page.getByLabel("Пароль", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Пароль ще раз").fill(PASSWORD);
    await page.getByRole("button", { name: "Зберегти пароль і увійти" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect((await header(page)).getByText(`Адміністратор ${info.project.name}`)).toBeVisible();
  });

  test("a used link is refused with a clear message", async ({ page }, info) => {
    const link = new URL(adminLink(info.project.name));
    await page.goto(link.pathname + link.search);
    await waitForHydration(page);
    await page.getByLabel("Пароль", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Пароль ще раз").fill(PASSWORD);
    await page.getByRole("button", { name: "Зберегти пароль і увійти" }).click();
    await expect(page.getByRole("alert")).toHaveText(/вже використано/);
  });

  test("a wrong password is refused; the right one signs in; sign-out ends the session", async ({ page, context }, info) => {
    const email = `e2e-${info.project.name}@spilno.test`;
    await page.goto("/signin");
    await waitForHydration(page);
    await page.evaluate(() => {
      (window as unknown as Record<string, unknown>).e2eKept = "kept";
    });
    await page.getByLabel("Електронна пошта").fill(email);
    await page.getByLabel("Пароль").fill("not the password 1");
    await page.getByRole("button", { name: "Увійти" }).click();
    await expect(page.locator("#f-password-error")).toHaveText("Неправильна адреса або пароль.");
    // Sent in place: the page did not reload, what was typed stays, the invalid field has focus.
    expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).e2eKept)).toBe("kept");
    await expect(page.getByLabel("Електронна пошта")).toHaveValue(email);
    await expect(page.getByLabel("Пароль")).toBeFocused();
    await expect(page).toHaveURL(/\/signin$/);

    await page.getByLabel("Пароль").fill(PASSWORD);
    await page.getByRole("button", { name: "Увійти" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect((await header(page)).getByText(`Адміністратор ${info.project.name}`)).toBeVisible();
    const cookie = (await context.cookies()).find((c) => c.name === "spilno_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");

    await (await header(page)).getByRole("button", { name: "Вийти" }).click();
    await expect((await header(page)).getByRole("link", { name: "Увійти" })).toBeVisible();
    await page.reload();
    await expect((await header(page)).getByRole("link", { name: "Увійти" })).toBeVisible();
  });

  test("repeated wrong passwords meet the rate limit with a wait time", async ({ page }, info) => {
    await page.goto("/signin");
    await waitForHydration(page);
    await page.getByLabel("Електронна пошта").fill(`e2e-${info.project.name}@spilno.test`);
    const notice = page.getByRole("alert");
    for (let attempt = 0; attempt < 8 && !(await notice.isVisible()); attempt++) {
      await page.getByLabel("Пароль").fill(`wrong password ${attempt}`);
      await Promise.all([
        page.waitForResponse((r) => r.url().includes("/api/") && r.request().method() === "POST"),
        page.getByRole("button", { name: "Увійти" }).click(),
      ]);
    }
    await expect(notice).toHaveText(/Забагато спроб\. Спробуйте ще раз через \d+ с\./);
  });
});
