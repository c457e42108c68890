import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { collectErrors, demo, DEMO_PASSWORD, expectNoHorizontalScroll, kyivLocal, REQUIRED, unexpected, waitForHydration } from "./helpers";

/**
 * A call's cycle, from the call to its published results: an admin writes and announces a call; Бучанська's
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
  // The demo call in evaluation: every score is in but the second demo evaluator's on the
  // third application. The desktop run completes and publishes it; the phone run, after it,
  // reads the same pages at 360 px.
  const EVALUATION_CALL = "Конкурс партнерств громад 2026 (демонстраційний, етап оцінювання)";
  const LAST_APPLICATION = "Спільне комунальне підприємство з водопостачання";

  async function evaluationCallId(page: Page): Promise<number> {
    await page.goto("/partnerships");
    await page.getByRole("link", { name: EVALUATION_CALL }).click();
    return Number(/\/partnerships\/calls\/(\d+)$/.exec(page.url())![1]);
  }

  test("an evaluator declares no conflict, is told a score's mistake at its field, submits once and then sees the others' scores; the admin's ranking follows live", async ({ browser, viewport }) => {
    test.skip((viewport?.width ?? 0) <= 360, "the desktop run changes the demo evaluation; the phone run reads it after");
    test.slow();
    const admin = await as(browser, "admin");
    const call = await evaluationCallId(admin);
    await admin.goto(`/edit/calls/${call}/evaluation`);
    await waitForHydration(admin);
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`Оцінювання: ${EVALUATION_CALL}`);
    const lastRow = admin.locator("table.ranking-table tbody tr").filter({ hasText: LAST_APPLICATION });
    await expect(lastRow).toContainText("2 (+1)");
    await expect(lastRow).toContainText("оцінювання не завершено");
    await expect(admin.locator('[data-live="confirmation"]')).toContainText("Відбір можна підтвердити, коли");
    // No evaluator is from the applicants' oblasts, and each has one stated.
    await expect(admin.locator("table.evaluators-table")).not.toContainText("не вказано");

    const evaluator = await as(browser, "evaluator2");
    const errors = collectErrors(evaluator);
    await evaluator.getByRole("link", { name: "Оцінювання" }).first().click();
    await expect(evaluator.getByRole("heading", { level: 1 })).toHaveText("Оцінювання заявок");
    const mine = evaluator.locator("table.assignments-table tbody tr").filter({ hasText: LAST_APPLICATION });
    await expect(mine).toContainText("Очікує заяви про конфлікт інтересів");
    await mine.getByRole("link").click();
    await waitForHydration(evaluator);
    await expect(evaluator.getByRole("heading", { level: 1 })).toHaveText(LAST_APPLICATION);
    await expect(evaluator.locator(".evaluated-application")).toHaveCount(0);
    await evaluator.getByRole("button", { name: "Заявляю, що не маю конфлікту інтересів" }).click();
    await expect(evaluator.getByTestId("assignment-state")).toHaveText("Оцінюється");
    await expect(evaluator.locator(".evaluated-application")).toContainText("Бучанська");

    const criteria = evaluator.locator("fieldset.criterion-score");
    await expect(criteria).toHaveCount(4);
    await evaluator.locator("#score-0").fill("11");
    await evaluator.locator("#comment-0").fill("Потребу підтверджують дані опитування.");
    await evaluator.getByRole("button", { name: "Подати оцінки" }).click();
    await expect(evaluator.locator("#score-0-error")).toHaveText("Не більше за 10.");
    await expect(evaluator.locator("#comment-1-error")).toHaveText(REQUIRED);
    await expect(evaluator.locator("#comment-0")).toHaveValue("Потребу підтверджують дані опитування.");
    for (const [i, score] of ["7,5", "7", "6", "6"].entries()) {
      await evaluator.locator(`#score-${i}`).fill(score);
      await evaluator.locator(`#comment-${i}`).fill(`Обґрунтування за критерієм ${i + 1}.`);
    }
    await evaluator.getByRole("button", { name: "Подати оцінки" }).click();
    await expect(evaluator.getByTestId("assignment-state")).toHaveText("Оцінки подано");
    const peers = evaluator.locator("table.peer-scores");
    await expect(peers.locator("thead")).toContainText("Оцінювач 2");
    await expect(peers).toContainText("7,5");
    await expect(evaluator.locator("article")).not.toContainText("Ярослав");
    await expect(evaluator.getByRole("button", { name: "Подати оцінки" })).toHaveCount(0);
    expect(unexpected(errors.errors), "browser errors").toEqual([]);

    // The admin's page, never reloaded, has the third evaluation and the confirmation.
    await expect(lastRow).toContainText("Переможець");
    await expect(lastRow).not.toContainText("(+1)");
    await expect(admin.getByRole("button", { name: "Підтвердити відбір і оприлюднити результати" })).toBeVisible();
  });

  test("the admin departs from the ranking only with a published reason, and the applicants read their scores", async ({ browser, request, viewport }) => {
    test.skip((viewport?.width ?? 0) <= 360, "the desktop run publishes the demo evaluation");
    test.slow();
    const admin = await as(browser, "admin");
    const call = await evaluationCallId(admin);
    await admin.goto(`/edit/calls/${call}/evaluation`);
    await waitForHydration(admin);
    const decision = admin.locator("fieldset.decision").filter({ hasText: LAST_APPLICATION });
    await decision.locator("select").selectOption("reserve");
    await admin.getByRole("button", { name: "Підтвердити відбір і оприлюднити результати" }).click();
    await expect(decision.locator(".field-error")).toHaveText(REQUIRED);
    await expect(decision.locator("select")).toHaveValue("reserve");
    await decision.locator("textarea").fill("Водопостачання фінансує інша програма цього року.");
    await admin.getByRole("button", { name: "Підтвердити відбір і оприлюднити результати" }).click();
    await expect(admin.locator('[data-live="confirmation"]')).not.toContainText("Підтвердження відбору");

    // Public: the ranking, the outcomes and the reason.
    const page = await (await request.get(`/partnerships/calls/${call}`)).text();
    expect(page).toContain("Результати конкурсу");
    expect(page).toContain("Водопостачання фінансує інша програма цього року.");
    const rep = await as(browser, "representative");
    await rep.goto(`/partnerships/calls/${call}`);
    const result = rep.locator("table.results-table tbody tr").filter({ hasText: LAST_APPLICATION });
    await expect(result).toContainText("Резерв");
    await rep.locator("table.applications-table").getByRole("link", { name: LAST_APPLICATION }).click();
    await expect(rep.getByTestId("review-outcome")).toHaveText("Резерв");
    await expect(rep.locator(".application-review")).toContainText("Обґрунтування за критерієм 1.");
    await expect(rep.locator(".application-review")).not.toContainText("Олена");
  });

  test("the evaluation's pages fit a 360 px phone", async ({ browser, viewport }) => {
    test.skip((viewport?.width ?? 0) > 360, "phone viewport only");
    const evaluator = await as(browser, "evaluator2");
    await evaluator.goto("/evaluation");
    await expectNoHorizontalScroll(evaluator, "the evaluator's list");
    await evaluator.locator("table.assignments-table tbody tr").filter({ hasText: LAST_APPLICATION }).getByRole("link").click();
    await expect(evaluator.getByTestId("assignment-state")).toHaveText("Оцінки подано");
    await expectNoHorizontalScroll(evaluator, "the evaluation sheet");
    const admin = await as(browser, "admin");
    const call = await evaluationCallId(admin);
    await admin.goto(`/edit/calls/${call}/evaluation`);
    await expect(admin.locator("table.ranking-table")).toBeVisible();
    await expectNoHorizontalScroll(admin, "the admin's evaluation page");
    await admin.goto(`/partnerships/calls/${call}`);
    await expect(admin.locator("table.results-table")).toBeVisible();
    await expectNoHorizontalScroll(admin, "the results");
  });
});
