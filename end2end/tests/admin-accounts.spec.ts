import { expect, test, type Browser, type Page } from "@playwright/test";
import { openNavIfCollapsed, waitForHydration } from "./helpers";

/** Demo accounts from `spilno load-demo` (see the README). */
const DEMO_PASSWORD = "spilno-demo-2026";
const demo = (role: string) => `${role}@demo.spilno.org.ua`;
const BUCHA = "UA32080070000050759";
const NEW_PASSWORD = "зелений пагорб над річкою 4";

async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/signin");
  await waitForHydration(page);
  await page.getByLabel("Електронна пошта").fill(email);
  await page.getByLabel("Пароль").fill(password);
  await page.getByRole("button", { name: "Увійти" }).click();
  await expect(page).toHaveURL(/\/$/);
}

async function nav(page: Page) {
  // The phone's menu toggle works once the page has hydrated.
  await waitForHydration(page);
  await openNavIfCollapsed(page);
  return page.locator("#site-nav");
}

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

test.describe.serial("roles: admin pages hidden and refused, invitations, profile, hromada contacts", () => {
  let admin: Page;
  let inviteLink = "";
  const invitee = (project: string) => `rep-${project}@spilno.test`;

  test.beforeAll(async ({ browser }) => {
    admin = await signedInPage(browser, demo("admin"));
  });

  test.afterAll(async () => {
    await admin.context().close();
  });

  test("a visitor is not shown admin links and is refused the pages", async ({ page }) => {
    await page.goto("/");
    await waitForHydration(page);
    await expect((await nav(page)).getByRole("link", { name: "Адміністрування" })).toHaveCount(0);
    for (const path of ["/admin/accounts", "/admin/audit", "/account"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(401);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Потрібно увійти");
      await expect(page.getByRole("table")).toHaveCount(0);
    }
  });

  test("an editor is not shown admin links and is refused the pages", async ({ browser }) => {
    const editor = await signedInPage(browser, demo("editor"));
    await expect((await nav(editor)).getByRole("link", { name: "Адміністрування" })).toHaveCount(0);
    for (const path of ["/admin/accounts", "/admin/audit"]) {
      const response = await editor.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(editor.getByRole("heading", { level: 1 })).toHaveText("Немає доступу");
      await expect(editor.getByText(demo("analyst"))).toHaveCount(0);
    }
    await editor.context().close();
  });

  test("an admin finds accounts and invites a representative; mistakes are shown at their fields", async ({}, info) => {
    await admin.goto("/");
    await waitForHydration(admin);
    await (await nav(admin)).getByRole("link", { name: "Адміністрування" }).click();
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Облікові записи");
    // The invitation form is an island: sent before it hydrates, it would be a plain post.
    await waitForHydration(admin);
    await expect(admin.locator("table.accounts-table")).toContainText(demo("evaluator"));

    await admin.getByLabel("Пошук: ім’я, адреса, громада").fill("аналітик");
    await admin.getByRole("button", { name: "Застосувати" }).click();
    await expect(admin.locator("table.accounts-table tbody tr")).toHaveCount(1);
    await expect(admin.locator("table.accounts-table")).toContainText(demo("analyst"));

    const email = invitee(info.project.name);
    await admin.getByLabel("Електронна пошта").fill(email);
    await admin.getByLabel("Ім’я", { exact: true }).fill("Марко Петренко");
    await admin.getByRole("checkbox", { name: "представник громади" }).check();
    await admin.getByRole("button", { name: "Надіслати запрошення" }).click();
    await expect(admin.locator("#f-hromada-error")).toHaveText(/Представник громади має бути прив’язаний/);
    await expect(admin.getByLabel("Електронна пошта")).toHaveValue(email);

    await admin.getByLabel("Громада", { exact: true }).fill("Бучанська");
    await admin.getByRole("button", { name: "Надіслати запрошення" }).click();
    const link = admin.getByTestId("issued-link");
    await expect(link).toHaveValue(/\/account\/password\?token=[^&]+&purpose=invitation$/);
    inviteLink = await link.inputValue();
    await admin.goto("/admin/accounts?status=invited");
    await expect(admin.locator("table.accounts-table")).toContainText(email);
    await expect(admin.locator("table.accounts-table")).not.toContainText(demo("analyst"));
  });

  test("the invitee sets a password, sees their profile and renames themselves", async ({ page }, info) => {
    const url = new URL(inviteLink);
    await page.goto(url.pathname + url.search);
    await waitForHydration(page);
    await page.getByLabel("Пароль", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Пароль ще раз").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Зберегти пароль і увійти" }).click();
    await expect(page).toHaveURL(/\/$/);

    await (await nav(page)).getByRole("link", { name: /Марко Петренко/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ваш обліковий запис");
    // The profile's forms are an island: sent before it hydrates, the rename is a plain post.
    await waitForHydration(page);
    await expect(page.getByTestId("profile-email")).toHaveText(invitee(info.project.name));
    await expect(page.getByTestId("profile-roles")).toHaveText("представник громади");
    await page.getByLabel("Ім’я", { exact: true }).fill("");
    await page.getByLabel("Ім’я", { exact: true }).fill("Марко Іваненко");
    await page.getByRole("button", { name: "Зберегти", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Збережено." })).toBeVisible();
    await expect((await nav(page)).getByRole("link", { name: /Марко Іваненко/ })).toBeVisible();
  });

  test("a representative keeps their own hromada's contacts, and only theirs", async ({ page, browser }, info) => {
    await signIn(page, invitee(info.project.name), NEW_PASSWORD);
    await page.goto(`/hromadas/${BUCHA}`);
    await waitForHydration(page);
    const contacts = page.getByTestId("contacts");
    await contacts.getByLabel("Вебсайт").fill("bucha-rada");
    await contacts.getByRole("button", { name: "Зберегти контакти" }).click();
    await expect(page.locator("#c-website-error")).toHaveText(/з https:\/\//);
    await contacts.getByLabel("Вебсайт").fill("https://bucha-rada.gov.ua");
    await contacts.getByLabel("Телефон").fill("+380 4597 48342");
    await contacts.getByRole("button", { name: "Зберегти контакти" }).click();
    await expect(contacts.getByRole("status")).toHaveText("Контакти збережено.");

    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`/hromadas/${BUCHA}`);
    await expect(visitor.getByTestId("contacts").getByRole("link", { name: "https://bucha-rada.gov.ua" })).toBeVisible();
    await expect(visitor.getByTestId("contacts").getByRole("button")).toHaveCount(0);
    await visitor.context().close();

    await page.goto("/hromadas/UA46060250000025047");
    await expect(page.getByTestId("contacts").getByRole("button")).toHaveCount(0);
  });

  test("the admin changes the invitee's roles, disables them, and reads it all in the audit log", async ({}, info) => {
    const email = invitee(info.project.name);
    await admin.goto(`/admin/accounts?q=${encodeURIComponent(email)}`);
    await waitForHydration(admin);
    await admin.locator("table.accounts-table").getByRole("link", { name: "Марко Іваненко" }).click();
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Марко Іваненко");
    await expect(admin.getByTestId("account-status")).toHaveText("активний");

    await admin.getByRole("checkbox", { name: "аналітик" }).check();
    await admin.getByRole("button", { name: "Зберегти", exact: true }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Збережено." })).toBeVisible();
    await expect(admin.locator("table.audit-table")).toContainText("change-access");

    await admin.getByRole("button", { name: "Вимкнути обліковий запис" }).click();
    await expect(admin.getByTestId("account-status")).toHaveText("вимкнений");
    await expect(admin.getByRole("button", { name: "Увімкнути обліковий запис" })).toBeVisible();

    await admin.goto("/admin/audit?action=disable");
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Журнал змін");
    await expect(admin.locator("table.audit-table tbody tr").first()).toContainText("demo.spilno.org.ua");
    await expect(admin.locator("table.audit-table tbody")).not.toContainText("change-access");
    await admin.goto("/admin/audit?from=someday");
    await expect(admin.locator("#f-from-error")).toBeVisible();
  });

  test("a disabled account cannot sign in", async ({ page }, info) => {
    await page.goto("/signin");
    await waitForHydration(page);
    await page.getByLabel("Електронна пошта").fill(invitee(info.project.name));
    await page.getByLabel("Пароль").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Увійти" }).click();
    await expect(page.locator("#f-password-error")).toHaveText("Неправильна адреса або пароль.");
  });

  test("a password reset is asked for without telling who has an account", async ({ page }) => {
    await page.goto("/signin");
    await waitForHydration(page);
    await page.getByRole("link", { name: "Забули пароль?" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Новий пароль");
    // A link opens a new page: its form island hydrates anew.
    await waitForHydration(page);
    await page.getByLabel("Електронна пошта").fill("nobody-here@spilno.test");
    await page.getByRole("button", { name: "Надіслати посилання" }).click();
    await expect(page.getByRole("status")).toHaveText(/Якщо ця адреса має обліковий запис/);
  });

  test("the admin and profile pages fit a 360 px phone", async ({ viewport }) => {
    test.skip((viewport?.width ?? 0) > 360, "phone viewport only");
    for (const path of ["/admin/accounts", "/admin/audit", "/account"]) {
      await admin.goto(path);
      await waitForHydration(admin);
      const { scrollWidth, innerWidth } = await admin.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      expect(innerWidth).toBe(360);
      expect(scrollWidth, `scrollWidth of ${path}`).toBeLessThanOrEqual(innerWidth);
    }
  });

  test("sign out everywhere ends the session", async ({ browser }) => {
    // The evaluator: no other test is signed in with it (the analytics tests use the analyst).
    const evaluator = await signedInPage(browser, demo("evaluator"));
    await evaluator.goto("/account");
    await waitForHydration(evaluator);
    await evaluator.getByRole("button", { name: "Вийти всюди" }).click();
    await expect(evaluator).toHaveURL(/\/signin$/);
    const response = await evaluator.goto("/account");
    expect(response?.status()).toBe(401);
    await evaluator.context().close();
  });
});
