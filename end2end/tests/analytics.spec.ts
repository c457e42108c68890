import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import {
  collectErrors,
  demo,
  DEMO_PASSWORD,
  expectNoHorizontalScroll,
  kyivLocal,
  REQUIRED,
  unexpected,
  waitForHydration,
} from "./helpers";

/** The survey's questions: one choice (required), a scale, a number from 0 to 100. */
const Q1 = "Чи має громада затверджений план відновлення?";
const Q2 = "Наскільки громаді вистачає фахівців?";
const Q3 = "Скільки проєктів громада подала цього року?";

/** The question id in an answer input's id: `answer-{question}` or `answer-{question}-{option}`. */
function questionId(inputId: string | null): string {
  const found = /^answer-(\d+)/.exec(inputId ?? "");
  expect(found, `a question id in "${inputId}"`).not.toBeNull();
  return found![1];
}

/** The digits of a text, as a number ("Усього потреб: 12" → 12). */
function digits(text: string | null): number {
  const only = (text ?? "").replace(/[^\d]/g, "");
  expect(only, `a number in "${text}"`).not.toBe("");
  return Number(only);
}

test.describe.serial("analytics: a survey built, answered and followed live; needs; sectors", () => {
  // Each demo account signs in at most once per viewport: sign-ins are rate-limited per account.
  const contexts: BrowserContext[] = [];
  let representative: Page;
  let surveyId = 0;
  let title = "";

  async function newPage(browser: Browser): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    return context.newPage();
  }

  async function signedInPage(browser: Browser, email: string): Promise<Page> {
    const page = await newPage(browser);
    await page.goto("/signin");
    await waitForHydration(page);
    await page.getByLabel("Електронна пошта").fill(email);
    await page.getByLabel("Пароль").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Увійти" }).click();
    await expect(page).toHaveURL(/\/$/);
    return page;
  }

  test.afterAll(async () => {
    for (const context of contexts) {
      await context.close();
    }
  });

  test("an analyst builds a survey, mistakes shown at their fields, and opens it", async ({ browser, request }, info) => {
    test.slow();
    expect((await request.get("/edit/surveys/new")).status()).toBe(401);

    const analyst = await signedInPage(browser, demo("analyst"));
    const errors = collectErrors(analyst);
    title = `Опитування e2e ${info.project.name} ${Date.now()}`;
    await analyst.goto("/edit/surveys/new");
    await waitForHydration(analyst);
    await expect(analyst.getByRole("heading", { level: 1 })).toHaveText("Нове опитування");

    await analyst.locator("#e-title_uk").fill(title);
    const now = Date.now();
    const opens = analyst.locator("#e-opens_at");
    const closes = analyst.locator("#e-closes_at");
    await expect(opens).toHaveAttribute("type", "datetime-local");
    await opens.fill(kyivLocal(now - 3_600_000));
    await closes.fill(kyivLocal(now + 86_400_000));

    // A question without its text is refused at its field; nothing typed is lost.
    const save = analyst.locator("form.editor-form button[type=submit]");
    await save.click();
    const firstText = analyst.locator("#e-questions-0-text_uk");
    await expect(analyst.locator("#e-questions-0-text_uk-error")).toHaveText(REQUIRED);
    await expect(firstText).toHaveAttribute("aria-invalid", "true");
    await expect(analyst.locator("#e-title_uk")).toHaveValue(title);
    await expect(opens).toHaveValue(kyivLocal(now - 3_600_000));

    await firstText.fill(Q1);
    await analyst.locator("#e-questions-0-kind").selectOption("single");
    await analyst.locator("fieldset.question-editor").nth(0).getByRole("checkbox", { name: "Обов’язкове" }).check();
    await analyst.locator("#e-questions-0-options_uk").fill("Так\nНі");

    const addQuestion = analyst.getByRole("button", { name: "Додати питання" });
    await addQuestion.click();
    await analyst.locator("#e-questions-1-kind").selectOption("scale");
    await analyst.locator("#e-questions-1-text_uk").fill(Q2);

    await addQuestion.click();
    await analyst.locator("#e-questions-2-kind").selectOption("number");
    await analyst.locator("#e-questions-2-text_uk").fill(Q3);
    await analyst.locator("#e-questions-2-min").fill("0");
    await analyst.locator("#e-questions-2-max").fill("100");
    await expect(analyst.locator("fieldset.question-editor")).toHaveCount(3);

    await save.click();
    await expect(analyst).toHaveURL(/\/edit\/surveys\/\d+$/);
    surveyId = Number(/\/edit\/surveys\/(\d+)$/.exec(analyst.url())![1]);
    expect(surveyId).toBeGreaterThan(0);
    // The saved survey is loaded back as itself.
    await expect(analyst.getByRole("heading", { level: 1 })).toHaveText("Редагування опитування");
    await expect(analyst.locator(".editor-status")).toContainText("Збережено");
    await expect(analyst.locator("#e-questions-0-options_uk")).toHaveValue("Так\nНі");
    await expect(analyst.locator("#e-questions-1-kind")).toHaveValue("scale");
    await expect(analyst.locator("#e-questions-2-max")).toHaveValue("100");

    await analyst.goto("/analytics");
    await waitForHydration(analyst);
    const card = analyst.locator("li.survey-card").filter({ hasText: title });
    await expect(card.getByRole("link", { name: title })).toHaveAttribute("href", `/analytics/surveys/${surveyId}`);
    await expect(card.locator(".status-badge")).toHaveText("Триває");
    await expect(card.locator(".survey-questions")).toHaveText("Питань: 3");
    expect(unexpected(errors.errors), "browser errors").toEqual([]);

    // Open, it is listed for everyone.
    const listed = await request.get("/analytics");
    expect(await listed.text()).toContain(title);
  });

  test("two representatives answer; a visitor's dashboard follows without reloading", async ({ browser, request }) => {
    test.slow();
    const survey = `/analytics/surveys/${surveyId}`;

    const visitor = await newPage(browser);
    const visitorErrors = collectErrors(visitor);
    await visitor.goto(survey);
    await waitForHydration(visitor);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(title);
    const total = visitor.locator(".dashboard-total");
    await expect(total).toHaveText(/відповіли 0 з \d+ громад/);
    // Gone if the page reloads.
    await visitor.evaluate(() => {
      (window as unknown as Record<string, unknown>).e2eKept = "kept";
    });

    // The first representative: the required question, then a number over its bound, then right.
    representative = await signedInPage(browser, demo("representative"));
    const repErrors = collectErrors(representative);
    await representative.goto(`${survey}/answer`);
    await waitForHydration(representative);
    await expect(representative.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(representative.locator(".answer-for")).toHaveText("Ви відповідаєте за громаду: Бучанська");
    await expect(representative.locator(".editor-status")).toContainText("Ще не надіслано");
    const questions = representative.locator("form.answer-form .question");
    await expect(questions).toHaveCount(3);
    const [single, scale, number] = [questions.nth(0), questions.nth(1), questions.nth(2)];
    await expect(single.locator("legend")).toHaveText(`1. ${Q1} *`);
    const singleId = questionId(await single.locator("input").first().getAttribute("id"));
    const numberInput = number.locator("input");
    const numberId = questionId(await numberInput.getAttribute("id"));

    const submit = representative.locator("form.answer-form button[type=submit]");
    await expect(submit).toHaveText("Надіслати відповіді");
    await submit.click();
    await expect(representative.locator(`#q${singleId}-error`)).toHaveText(REQUIRED);
    await expect(single).toHaveAttribute("aria-describedby", `q${singleId}-error`);

    await numberInput.fill("150");
    await submit.click();
    await expect(representative.locator(`#q${numberId}-error`)).toHaveText("Не більше за 100.");
    await expect(numberInput).toHaveAttribute("aria-invalid", "true");
    await expect(numberInput).toHaveValue("150");

    await single.getByRole("radio", { name: "Так", exact: true }).check();
    await scale.getByRole("radio", { name: "4", exact: true }).check();
    await numberInput.fill("12");
    await submit.click();
    await expect(representative.locator(".editor-status")).toContainText("Відповіді надіслано");
    await expect(submit).toHaveText("Зберегти зміни");
    await expect(representative.locator("form.answer-form .field-error")).toHaveCount(0);
    expect(unexpected(repErrors.errors), "browser errors of the first representative").toEqual([]);

    await expect(total).toHaveText(/відповіли 1 з \d+ громад/, { timeout: 15_000 });
    // A table opened before a live update stays open through it.
    const rates = visitor.locator("details.chart-data").first();
    await rates.locator("summary").click();
    await expect(rates).toHaveAttribute("open", "");

    // The second representative, in another oblast and of another kind of hromada.
    const representative2 = await signedInPage(browser, demo("representative2"));
    const rep2Errors = collectErrors(representative2);
    await representative2.goto(`${survey}/answer`);
    await waitForHydration(representative2);
    await expect(representative2.locator(".answer-for")).toHaveText("Ви відповідаєте за громаду: Давидівська");
    const theirs = representative2.locator("form.answer-form .question");
    await theirs.nth(0).getByRole("radio", { name: "Ні", exact: true }).check();
    await theirs.nth(1).getByRole("radio", { name: "2", exact: true }).check();
    await representative2.locator("form.answer-form button[type=submit]").click();
    await expect(representative2.locator(".editor-status")).toContainText("Відповіді надіслано");
    expect(unexpected(rep2Errors.errors), "browser errors of the second representative").toEqual([]);

    // The visitor's page counted both, by itself.
    await expect(total).toHaveText(/відповіли 2 з \d+ громад/, { timeout: 15_000 });
    await expect(visitor.locator(".progress-label strong").first()).toHaveText(/^2 \/ \d+ \(\d+ %\)$/);
    await expect(rates).toHaveAttribute("open", "");
    expect(await visitor.evaluate(() => (window as unknown as Record<string, unknown>).e2eKept)).toBe("kept");

    const result = (n: number, text: string) =>
      visitor.locator("section.question-result").filter({ has: visitor.locator("figcaption", { hasText: `${n}. ${text}` }) });
    const cells = (section: Locator, label: string) =>
      section.locator("tbody tr").filter({ has: visitor.locator("th", { hasText: new RegExp(`^${label}$`) }) }).locator("td");

    const choice = result(1, Q1);
    await expect(choice.locator(".chart-note")).toHaveText("Відповіли на питання: 2");
    // The table behind the chart is a disclosure the browser keeps, no script needed.
    const toggle = choice.locator("details.chart-data > summary");
    await expect(toggle).toHaveText("Показати таблицю", { useInnerText: true });
    await expect(choice.locator(".chart-data table")).toBeHidden();
    await toggle.click();
    await expect(choice.locator("details.chart-data")).toHaveAttribute("open", "");
    await expect(toggle).toHaveText("Сховати таблицю", { useInnerText: true });
    await expect(choice.locator(".chart-data table")).toBeVisible();
    await expect(cells(choice, "Так")).toHaveText(["1 (50 %)"]);
    await expect(cells(choice, "Ні")).toHaveText(["1 (50 %)"]);

    const scaleResult = result(2, Q2);
    await expect(scaleResult.locator(".chart-note")).toContainText("середнє: 3");
    await expect(cells(scaleResult, "4")).toHaveText(["1 (50 %)"]);
    await expect(cells(scaleResult, "2")).toHaveText(["1 (50 %)"]);
    await expect(cells(scaleResult, "5")).toHaveText(["0 (0 %)"]);

    const numberResult = result(3, Q3);
    await expect(numberResult.locator(".chart-note")).toHaveText("Відповіли на питання: 1 · середнє: 12");

    // The data as CSV, as the page shows it.
    const csv = await request.get(`${survey}/dashboard.csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text()).split(/\r?\n/);
    expect(lines[0]).toBe("section,question,question_text,label,group,count,of,percent");
    expect(lines).toContain(`answer,1,${Q1},Так,,1,2,50`);
    expect(lines).toContain(`answer,1,${Q1},Ні,,1,2,50`);
    expect(visitorErrors.errors, "browser errors of the visitor").toEqual([]);

    // Compared by kind of hromada: Буча is urban, Давидівська rural.
    await visitor.goto(`${survey}?compare=kind`);
    await waitForHydration(visitor);
    await expect(visitor.locator("#dash-compare")).toHaveValue("kind");
    const compared = result(1, Q1);
    await expect(compared.locator(".chart-legend li")).toHaveText(["Міські громади", "Селищні громади", "Сільські громади"]);
    await expect(cells(compared, "Так")).toHaveText(["1 (100 %)", "0 (0 %)", "0 (0 %)"]);
    await expect(cells(compared, "Ні")).toHaveText(["0 (0 %)", "0 (0 %)", "1 (100 %)"]);
    await expect(compared.locator(".chart-note")).toHaveText("Міські громади: 1 · Селищні громади: 0 · Сільські громади: 1");
    expect(visitorErrors.errors, "browser errors of the visitor").toEqual([]);
  });

  test("the dashboard and the answer sheet fit a 360 px phone", async ({ page, viewport }) => {
    test.skip((viewport?.width ?? 0) > 360, "phone viewport only");
    const survey = `/analytics/surveys/${surveyId}`;
    for (const path of [survey, `${survey}?compare=kind`]) {
      await page.goto(path);
      await waitForHydration(page);
      await expectNoHorizontalScroll(page, path);
      // With every chart's table shown too.
      const tables = page.locator("figure.chart details.chart-data");
      const charts = await tables.count();
      expect(charts, "the rates by oblast and one chart per question").toBe(4);
      for (let i = 0; i < charts; i++) {
        await tables.nth(i).locator("> summary").click();
        await expect(tables.nth(i)).toHaveAttribute("open", "");
        await expect(tables.nth(i).locator("table")).toBeVisible();
      }
      await expectNoHorizontalScroll(page, `${path} with its tables shown`);
    }

    await representative.goto(`${survey}/answer`);
    await waitForHydration(representative);
    await expectNoHorizontalScroll(representative, `${survey}/answer`);
  });

  test("a representative records a need for their hromada; the overview counts it live", async ({ browser, viewport }, info) => {
    test.slow();
    const visitor = await newPage(browser);
    const visitorErrors = collectErrors(visitor);
    await visitor.goto("/analytics/needs");
    await waitForHydration(visitor);
    const total = visitor.locator(".dashboard-total");
    await expect(total).toHaveText(/^Усього потреб: \d+$/);
    const before = digits(await total.textContent());
    await visitor.evaluate(() => {
      (window as unknown as Record<string, unknown>).e2eKept = "kept";
    });

    const errors = collectErrors(representative);
    await representative.goto("/analytics/needs/edit/new");
    await waitForHydration(representative);
    await expect(representative.getByRole("heading", { level: 1 })).toHaveText("Нова потреба");
    // A representative records needs for their own hromada only: it is not asked.
    await expect(representative.locator(".answer-for")).toHaveText("Громада: Бучанська");
    await expect(representative.locator("#e-hromada")).toHaveCount(0);

    const sector = representative.locator("#e-sector");
    await sector.selectOption({ index: 1 });
    const sectorValue = await sector.inputValue();
    expect(sectorValue).not.toBe("");
    await representative.locator("#e-priority").selectOption("4");
    const save = representative.locator("form.editor-form button[type=submit]");
    await save.click();
    const needTitle = representative.locator("#e-title");
    await expect(representative.locator("#e-title-error")).toHaveText(REQUIRED);
    await expect(needTitle).toHaveAttribute("aria-invalid", "true");
    await expect(sector).toHaveValue(sectorValue);
    await expect(representative.locator("#e-priority")).toHaveValue("4");

    const named = `Потреба e2e ${info.project.name} ${Date.now()}`;
    await needTitle.fill(named);
    await save.click();
    await expect(representative).toHaveURL(/\/analytics\/needs\/edit\/\d+$/);
    await expect(needTitle).toHaveValue(named);
    await expect(representative.locator("#e-priority")).toHaveValue("4");
    expect(unexpected(errors.errors), "browser errors of the representative").toEqual([]);

    await expect.poll(async () => digits(await total.textContent()), { timeout: 15_000 }).toBe(before + 1);
    await expect(visitor.locator("ul.need-list")).toContainText(named);
    await expect(visitor.locator("table.heat-table")).toContainText("Київська область");
    expect(await visitor.evaluate(() => (window as unknown as Record<string, unknown>).e2eKept)).toBe("kept");
    if ((viewport?.width ?? 0) <= 360) {
      await expectNoHorizontalScroll(visitor, "/analytics/needs");
    }
    expect(visitorErrors.errors, "browser errors of the visitor").toEqual([]);
  });

  test("an admin adds a sector; a bad or taken address is refused at its field", async ({ browser }, info) => {
    const admin = await signedInPage(browser, demo("admin"));
    const errors = collectErrors(admin);
    await admin.goto("/admin/sectors");
    await waitForHydration(admin);
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Сектори");

    const stamp = Date.now();
    const name = `Тестовий сектор ${info.project.name} ${stamp}`;
    const slugField = admin.locator("#e-slug");
    const add = admin.getByRole("button", { name: "Додати сектор" });
    await admin.locator("#e-name_uk").fill(name);
    await slugField.fill("Охорона");
    await add.click();
    await expect(admin.locator("#e-slug-error")).toHaveText(/^Лише малі латинські літери/);
    await expect(slugField).toHaveAttribute("aria-invalid", "true");
    await expect(admin.locator("#e-name_uk")).toHaveValue(name);

    const slug = `test-${stamp}`;
    await slugField.fill(slug);
    await add.click();
    const listed = admin.locator("ul.sector-admin-list > li").filter({ has: admin.locator("code", { hasText: slug }) });
    await expect(listed).toHaveCount(1);
    await expect(listed.locator(`#e-${slug}-name_uk`)).toHaveValue(name);
    await expect(admin.locator("#e-slug-error")).toHaveCount(0);

    // The same address again is taken.
    await add.click();
    await expect(admin.locator("#e-slug-error")).toHaveText("Це значення вже зайняте.");
    await expect(listed).toHaveCount(1);
    expect(unexpected(errors.errors), "browser errors").toEqual([]);
  });
});
