import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { collectErrors, demo, DEMO_PASSWORD, expectNoHorizontalScroll, kyivLocal, REQUIRED, unexpected, waitForHydration } from "./helpers";

/**
 * A call's cycle as far as it is built: an admin writes and announces a call; Бучанська's
 * representative applies with Давидівська (Lviv Oblast, not a neighbour of Kyiv Oblast) and is
 * told why the pair breaks the call's rule; Давидівська's representative confirms; the admin
 * overrides the rule with a reason; the application is submitted once and locked.
 */
test.describe.serial("partnerships: a call announced, applied to, confirmed, overridden and submitted", () => {
  const contexts: BrowserContext[] = [];
  const pages: Record<string, Page> = {};
  let callId = 0;
  let applicationId = 0;

  /** Each demo account signs in once per viewport: sign-ins are rate-limited per account. */
  async function as(browser: Browser, role: string): Promise<Page> {
    if (!pages[role]) {
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      await page.goto("/signin");
      await waitForHydration(page);
      await page.getByLabel("Електронна пошта").fill(demo(role));
      await page.getByLabel("Пароль").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Увійти" }).click();
      await expect(page).toHaveURL(/\/$/);
      pages[role] = page;
    }
    return pages[role];
  }

  test.afterAll(async () => {
    for (const context of contexts) {
      await context.close();
    }
  });

  test("an admin writes a call, is told what is wrong at its field, and announces it", async ({ browser, request, viewport }, info) => {
    test.slow();
    expect((await request.get("/edit/calls/new")).status()).toBe(401);
    const admin = await as(browser, "admin");
    const errors = collectErrors(admin);
    await admin.goto("/edit/calls/new");
    await waitForHydration(admin);
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Новий конкурс");
    await admin.locator("#e-budget").fill("сто тисяч");
    await admin.locator("form.editor-form button[type=submit]").click();
    await expect(admin.locator("#e-title_uk-error")).toHaveText(REQUIRED);
    await expect(admin.locator("#e-budget-error")).toHaveText("Введіть число, наприклад 12 або 3,5.");
    await expect(admin.locator("#e-criteria-0-name_uk-error")).toHaveText(REQUIRED);
    await expect(admin).toHaveURL(/\/edit\/calls\/new$/);

    const title = `Конкурс e2e ${info.project.name} ${Date.now()}`;
    await admin.locator("#e-title_uk").fill(title);
    await admin.locator("#e-description_uk").fill("Партнерства міських і сільських громад сусідніх областей.");
    await admin.locator("#e-opens_at").fill(kyivLocal(Date.now() - 3600_000));
    await admin.locator("#e-budget").fill("5 000 000");
    await admin.locator("#e-max_grant").fill("1000000");
    await admin.locator("#e-criteria-0-name_uk").fill("Обґрунтованість потреби");
    await expect(admin.locator("#e-geography")).toHaveValue("neighbouring");
    await admin.locator("form.editor-form button[type=submit]").click();
    await expect(admin).toHaveURL(/\/edit\/calls\/\d+$/);
    callId = Number(/\/edit\/calls\/(\d+)$/.exec(admin.url())![1]);

    // A draft is the admin's only.
    expect((await request.get(`/partnerships/calls/${callId}`)).status()).toBe(404);
    await admin.goto(`/partnerships/calls/${callId}`);
    await expect(admin.locator("article header .phase")).toHaveText("Чернетка");
    await admin.getByRole("button", { name: "Оголосити конкурс" }).click();
    await expect(admin.locator("article header .phase")).toHaveText("Прийом заявок");
    await expect(admin.getByRole("button", { name: "Завершити прийом заявок" })).toBeVisible();
    expect((await request.get(`/partnerships/calls/${callId}`)).status()).toBe(200);
    const visitorView = await request.get("/partnerships");
    expect(await visitorView.text()).toContain(title);
    if ((viewport?.width ?? 0) <= 360) {
      await expectNoHorizontalScroll(admin, "the call page");
    }
    expect(unexpected(errors.errors), "browser errors").toEqual([]);
  });

  test("a representative applies with a partner and is told why the pair breaks a rule", async ({ browser, viewport }) => {
    test.slow();
    const rep = await as(browser, "representative");
    const errors = collectErrors(rep);
    await rep.goto(`/partnerships/calls/${callId}`);
    await rep.getByRole("link", { name: "Подати заявку" }).click();
    await expect(rep).toHaveURL(new RegExp(`/edit/applications/new\\?call=${callId}$`));
    await waitForHydration(rep);
    await expect(rep.locator(".answer-for")).toContainText("Бучанська");
    await rep.locator("#e-title").fill("Спільний центр послуг");
    await rep.locator("#e-partners").fill("Давидівська");
    await rep.locator("#e-summary").fill("Послуги ближче до сіл обох громад.");
    await rep.locator("#e-problem").fill("Дві години дороги до найближчого центру.");
    await rep.locator("#e-activities").fill("Угода, закупівля, навчання.");
    await rep.locator("#e-budget > button").click();
    await rep.locator("#e-budget-0-item").fill("Обладнання");
    await rep.locator("#e-budget-0-amount").fill("500000");
    await rep.locator("#e-budget-0-cofinancing").fill("900000");
    await rep.locator("#e-results > button").click();
    await rep.locator("#e-results-0-result").fill("Послуга доступна в обох громадах");
    await rep.locator("form.editor-form button[type=submit]").click();
    // More co-financing than the line costs: told at the field, nothing else lost.
    await expect(rep.locator("#e-budget-0-cofinancing-error")).toHaveText("Не більше за 500000.");
    await expect(rep.locator("#e-title")).toHaveValue("Спільний центр послуг");
    await rep.locator("#e-budget-0-cofinancing").fill("100000");
    await rep.locator("form.editor-form button[type=submit]").click();
    await expect(rep).toHaveURL(/\/edit\/applications\/\d+$/);
    applicationId = Number(/\/edit\/applications\/(\d+)$/.exec(rep.url())![1]);
    await waitForHydration(rep);
    const geography = rep.locator('li[data-rule="geography"]');
    await expect(geography).toHaveClass(/failed/);
    await expect(geography).toContainText(
      "Давидівська — з області «Львівська область», яка не межує з областю «Київська область» провідної громади Бучанська.",
    );
    if ((viewport?.width ?? 0) <= 360) {
      await expectNoHorizontalScroll(rep, "the application editor");
    }

    await rep.goto(`/partnerships/applications/${applicationId}`);
    await expect(rep.getByRole("heading", { level: 1 })).toHaveText("Спільний центр послуг");
    await expect(rep.locator(".application-members li").filter({ hasText: "Давидівська" })).toContainText("Чекає підтвердження");
    const left = rep.locator(".blockers");
    await expect(left).toContainText("Давидівська: участь ще не підтвердив представник громади.");
    await expect(left).toContainText("Розташування партнерів");
    await expect(rep.getByRole("button", { name: "Подати заявку" })).toHaveCount(0);
    if ((viewport?.width ?? 0) <= 360) {
      await expectNoHorizontalScroll(rep, "the application page");
    }
    expect(unexpected(errors.errors), "browser errors").toEqual([]);
  });

  test("the partner confirms, the admin overrides the rule with a reason, the lead submits once", async ({ browser, request }) => {
    test.slow();
    expect((await request.get(`/partnerships/applications/${applicationId}`)).status()).toBe(401);
    const partner = await as(browser, "representative2");
    await partner.goto(`/partnerships/applications/${applicationId}`);
    await partner.getByRole("button", { name: "Підтвердити участь громади" }).click();
    await expect(partner.locator(".application-members li").filter({ hasText: "Давидівська" })).toContainText("Участь підтверджено");
    await expect(partner.getByRole("button", { name: "Підтвердити участь громади" })).toHaveCount(0);

    const admin = await as(browser, "admin");
    await admin.goto(`/partnerships/applications/${applicationId}`);
    const geography = admin.locator('li[data-rule="geography"]');
    await geography.locator("summary").click();
    await geography.locator("select").selectOption("pass");
    await geography.locator("textarea").fill("Громади межують через Житомирщину спільним маршрутом постачання.");
    await geography.getByRole("button", { name: "Зберегти" }).click();
    await expect(admin.locator('li[data-rule="geography"]')).toHaveClass(/passed/);
    await expect(admin.locator('li[data-rule="geography"] .override')).toContainText("Громади межують через Житомирщину");

    const rep = await as(browser, "representative");
    await rep.goto(`/partnerships/applications/${applicationId}`);
    await expect(rep.locator(".application-readiness")).toContainText("Усе готово");
    await rep.getByRole("button", { name: "Подати заявку" }).click();
    await expect(rep.locator("article header")).toContainText("Подано");
    await expect(rep.getByRole("link", { name: "Редагувати заявку" })).toHaveCount(0);
    await expect(rep.locator(".application-readiness")).toHaveCount(0);

    // The call's page lists it for the admin as submitted.
    await admin.goto(`/partnerships/calls/${callId}`);
    const row = admin.locator("table.applications-table tbody tr").filter({ hasText: "Спільний центр послуг" });
    await expect(row).toContainText("Подано");
    await expect(row).toContainText("Відповідає умовам");
  });
});
