import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import {
  collectErrors,
  demo,
  DEMO_PASSWORD,
  expectNoHorizontalScroll,
  kyivDay,
  REQUIRED,
  unexpected,
  waitForHydration,
} from "./helpers";

/** The demo survey (`app/src/analytics/demo.rs`), offered as evidence in the editor. */
const DEMO_SURVEY = "Потреби громад — 2026";
const METHOD = "Методологічний матеріал";
const SENT = "Надіслано адресатові";
const NOT_A_PDF = "Це не PDF (перевіряється вміст файлу, а не його назва). Збережіть документ як PDF.";
const TITLE_REQUIRED = "Назвіть документ: ця назва буде посиланням на нього.";

/**
 * A small, well-formed PDF of `pages` A4 pages, each with a line of text; `catalogExtra` is
 * written into its catalog (an `/OpenAction`, say, to make it unacceptable). A port of `pdf()`
 * in `app/src/media/testing.rs`: made here, so no binary is committed.
 */
function pdf(pages: number, catalogExtra = ""): Buffer {
  // Objects: 1 catalog, 2 page tree, 3 font, then a page and its content per page.
  const kids = Array.from({ length: pages }, (_, i) => `${4 + 2 * i} 0 R`).join(" ");
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>`,
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  for (let i = 0; i < pages; i++) {
    const text = `BT /F1 24 Tf 72 760 Td (Page ${i + 1}) Tj ET`;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${5 + 2 * i} 0 R ` +
        "/Resources << /Font << /F1 3 0 R >> >> >>",
    );
    objects.push(`<< /Length ${text.length} >>\nstream\n${text}\nendstream`);
  }
  // ASCII only: a character is a byte, so string lengths are the byte offsets.
  let out = "%PDF-1.7\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) {
    out += `${String(offset).padStart(10, "0")} 00000 n \n`;
  }
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "ascii");
}

/** A word no other publication holds, one token for the search: Latin letters and digits. */
function rareWord(): string {
  return `zorjanka${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** The value of a term of the publication's facts (`<dt>` then `<dd>`). */
function fact(page: Page, term: string): Locator {
  return page.locator(
    `xpath=//div[contains(@class, "initiative-facts")]//dt[normalize-space(.)="${term}"]/following-sibling::dd[1]`,
  );
}

test.describe.serial("publications: written with evidence and PDFs, followed up, filtered and searched", () => {
  // The analyst signs in once per viewport, for both tests: sign-ins are rate-limited per
  // account, and the analytics tests sign in as the analyst too.
  const contexts: BrowserContext[] = [];
  let analyst: Page | undefined;
  /** The recommendation the first test writes; the second finds it in the list. */
  let recommendation = "";

  async function newPage(browser: Browser): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    return context.newPage();
  }

  async function analystPage(browser: Browser): Promise<Page> {
    if (!analyst) {
      const page = await newPage(browser);
      await page.goto("/signin");
      await waitForHydration(page);
      await page.getByLabel("Електронна пошта").fill(demo("analyst"));
      await page.getByLabel("Пароль").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Увійти" }).click();
      await expect(page).toHaveURL(/\/$/);
      analyst = page;
    }
    return analyst;
  }

  /** Writes and saves a publication in a new editor; its id. */
  async function writePublication(
    page: Page,
    publication: { kind: string; title: string; sector: string; body: string },
  ): Promise<number> {
    await page.goto("/edit/publications/new");
    await waitForHydration(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Нова публікація");
    await page.locator("#e-kind").selectOption(publication.kind);
    await page.locator("#e-title_uk").fill(publication.title);
    await page.locator("#e-authors").fill("Олена Коваль");
    await page.locator(`#e-sectors-${publication.sector}`).check();
    await page.locator("#e-abstract_uk").fill(`Коротко про те, що в документі «${publication.title}».`);
    await page.locator("#e-body_uk").fill(publication.body);
    await page.locator("form.editor-form button[type=submit]").click();
    await expect(page).toHaveURL(/\/edit\/publications\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Редагування публікації");
    await expect(page.locator("#e-title_uk")).toHaveValue(publication.title);
    return Number(/\/edit\/publications\/(\d+)$/.exec(page.url())![1]);
  }

  test.afterAll(async () => {
    for (const context of contexts) {
      await context.close();
    }
  });

  test("an analyst writes a recommendation with evidence and a PDF, and follows it up", async ({ browser, request, viewport }, info) => {
    test.slow();
    const phone = (viewport?.width ?? 0) <= 360;
    expect((await request.get("/edit/publications/new")).status()).toBe(401);

    const page = await analystPage(browser);
    const errors = collectErrors(page);
    const today = kyivDay(Date.now());
    const title = `Рекомендація e2e ${info.project.name} ${Date.now()}`;
    recommendation = title;
    const addresseeName = "Міністерство освіти і науки України";
    const summary = "Громадам бракує фахівців з інклюзивної освіти; пропонуємо спільну програму підготовки.";
    const note = `Лист надіслано ${today}, e2e ${info.project.name}.`;

    // From the analytics page to the publications, and on to a new one.
    await page.goto("/analytics");
    await waitForHydration(page);
    await page.getByRole("link", { name: "Публікації", exact: true }).click();
    await expect(page).toHaveURL(/\/analytics\/publications$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Публікації");
    await expect(page.getByRole("search")).toBeVisible();
    if (phone) {
      await expectNoHorizontalScroll(page, "/analytics/publications");
    }
    await page.getByRole("link", { name: "Нова публікація", exact: true }).click();
    await expect(page).toHaveURL(/\/edit\/publications\/new$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Нова публікація");
    await waitForHydration(page);

    const kind = page.locator("#e-kind");
    const addressee = page.locator("#e-addressee");
    const save = page.locator("form.editor-form button[type=submit]");
    await expect(save).toHaveText("Зберегти");
    await expect(kind).toHaveValue("note");
    await expect(page.locator("#e-published_on")).toHaveValue(today);
    await expect(addressee).toHaveCount(0);
    const documents = page.locator("section.editor-documents");
    await expect(documents).toContainText("Документів не додано.");

    // Saved as it opens: each missing field says so beneath it, and nothing is lost.
    await save.click();
    await expect(page.locator("#e-title_uk-error")).toHaveText(REQUIRED);
    await expect(page.locator("#e-title_uk")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#e-authors-error")).toHaveText(REQUIRED);
    await expect(page.locator("#e-abstract_uk-error")).toHaveText(REQUIRED);
    const sectors = page.locator("fieldset.checkboxes").filter({ has: page.locator("legend", { hasText: /^Сектори$/ }) });
    await expect(sectors.locator(".field-error")).toHaveText(REQUIRED);
    await expect(page.locator("form.editor-form > p.form-notice")).toHaveText("Не збережено: виправте поля з позначками (4).");
    await expect(page).toHaveURL(/\/edit\/publications\/new$/);
    await expect(kind).toHaveValue("note");
    await expect(page.locator("#e-published_on")).toHaveValue(today);

    // A recommendation names its addressee.
    await kind.selectOption("recommendation");
    await expect(addressee).toBeVisible();
    await expect(page.locator('label[for="e-addressee"]')).toHaveText("Адресат *");

    await page.locator("#e-title_uk").fill(title);
    await page.locator("#e-authors").fill("Олена Коваль\nПетро Мельник");
    await page.locator("#e-sectors-education").check();
    await addressee.fill(addresseeName);
    await page.locator("#e-abstract_uk").fill(summary);
    await page
      .locator("#e-body_uk")
      .fill("Громадам бракує **фахівців**.\n\n<script>window.__pwned = 1</script>\n\nДругий абзац.");
    const survey = page.getByRole("checkbox", { name: DEMO_SURVEY, exact: true });
    await survey.check();
    const surveyId = /^e-surveys-(\d+)$/.exec((await survey.getAttribute("id")) ?? "")?.[1];
    expect(surveyId, "the demo survey's checkbox id").toBeTruthy();

    // The preview is the server's sanitized rendering.
    const bodyField = page.locator(".markdown-field").filter({ has: page.locator("#e-body_uk") });
    await bodyField.getByRole("button", { name: "Попередній перегляд" }).click();
    await expect(bodyField.locator(".preview strong")).toHaveText("фахівців");
    await expect(bodyField.locator(".preview script")).toHaveCount(0);

    // PDFs: a name is asked for before anything is sent; then the content is what counts.
    const file = page.locator("#document-upload-file");
    const documentTitle = page.locator("#document-upload-title");
    const fileError = page.locator("#document-upload-file-error");
    const attach = documents.getByRole("button", { name: "Додати PDF", exact: true });
    await expect(page.locator('label[for="document-upload-file"]')).toHaveText("Файл PDF");
    await expect(page.locator('label[for="document-upload-title"]')).toHaveText("Назва документа");
    await file.setInputFiles({ name: "x.pdf", mimeType: "application/pdf", buffer: Buffer.from("hello") });
    await attach.click();
    await expect(page.locator("#document-upload-title-error")).toHaveText(TITLE_REQUIRED);
    await expect(documentTitle).toHaveAttribute("aria-invalid", "true");

    await documentTitle.fill("Повний текст");
    await attach.click();
    await expect(fileError).toHaveText(NOT_A_PDF);
    await expect(fileError).toHaveAttribute("role", "alert");
    await expect(file).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#document-upload-title-error")).toHaveCount(0);

    await file.setInputFiles({
      name: "zvit.pdf",
      mimeType: "application/pdf",
      buffer: pdf(1, "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
    });
    await attach.click();
    await expect(fileError).toHaveText(/^PDF містить сценарії/);
    await expect(documents.locator("ol.document-list")).toHaveCount(0);

    const fullText = pdf(2);
    await file.setInputFiles({ name: "povnyi-tekst.pdf", mimeType: "application/pdf", buffer: fullText });
    await attach.click();
    const uploaded = documents.locator("p.form-success");
    await expect(uploaded).toHaveText("PDF додано.");
    await expect(uploaded).toHaveAttribute("role", "status");
    await expect(fileError).toHaveCount(0);
    await expect(documentTitle).toHaveValue("");
    const attached = documents.locator("ol.document-list li");
    await expect(attached).toHaveCount(1);
    await expect(attached.getByRole("link")).toHaveText("Повний текст");
    await expect(attached.getByRole("link")).toHaveAttribute("href", /^\/media\/documents\/\d+\/[^/]+\.pdf$/);
    await expect(attached.getByRole("button", { name: "Прибрати" })).toBeVisible();
    await expect(attached.getByRole("button", { name: "Вище" })).toHaveCount(0);
    await expect(documents).not.toContainText("Документів не додано.");

    // Saved: the editor opens the publication as saved, at its own address.
    await save.click();
    await expect(page).toHaveURL(/\/edit\/publications\/\d+$/);
    const id = Number(/\/edit\/publications\/(\d+)$/.exec(page.url())![1]);
    expect(id).toBeGreaterThan(0);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Редагування публікації");
    await expect(page.locator(".editor-status")).toContainText("Збережено");
    await expect(page.locator("#e-title_uk")).toHaveValue(title);
    await expect(kind).toHaveValue("recommendation");
    await expect(addressee).toHaveValue(addresseeName);
    await expect(page.locator("#e-sectors-education")).toBeChecked();
    await expect(survey).toBeChecked();
    await expect(attached.getByRole("link")).toHaveText("Повний текст");
    await expect(page.locator("form.editor-form .field-error")).toHaveCount(0);
    if (phone) {
      await expectNoHorizontalScroll(page, `/edit/publications/${id}`);
    }
    expect(unexpected(errors.errors), "browser errors in the editor").toEqual([]);

    const path = `/analytics/publications/${id}`;
    const view = page.locator(".editor-status").getByRole("link", { name: "Переглянути на сайті" });
    await expect(view).toHaveAttribute("href", path);
    await view.click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    // Loaded afresh, as the server renders it for a reader.
    await page.reload();
    await waitForHydration(page);

    const article = page.locator("article");
    await expect(article.locator("p.publication-kind")).toHaveText("Рекомендація");
    await expect(article.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(fact(page, "Дата").locator("time")).toHaveAttribute("datetime", today);
    await expect(fact(page, "Автори")).toHaveText("Олена Коваль, Петро Мельник");
    await expect(fact(page, "Сектори")).toHaveText("Освіта");
    await expect(fact(page, "Адресат")).toHaveText(addresseeName);
    const status = page.locator("dd.follow-up-status");
    await expect(status).toHaveText("Запропоновано");
    await expect(fact(page, "Стан виконання")).toHaveText("Запропоновано");
    await expect(article.locator("p.lead")).toHaveText(summary);
    const body = article.locator("div.news-body");
    await expect(body.locator("strong")).toHaveText("фахівців");
    await expect(body.locator("script")).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__pwned)).toBeUndefined();

    // The PDF: named, sized and counted, and served to anyone as the very file uploaded.
    const documentsSection = page.locator('section[aria-labelledby="publication-documents"]');
    await expect(documentsSection.getByRole("heading", { level: 2 })).toHaveText("Документи PDF");
    const listed = documentsSection.locator("ul.document-list li");
    await expect(listed).toHaveCount(1);
    await expect(listed).toHaveText(`Повний текст (PDF, ${Math.ceil(fullText.length / 1024)} КБ, 2 с.)`);
    const href = (await listed.getByRole("link").getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/media\/documents\/\d+\/[^/]+\.pdf$/);
    const served = await request.get(href);
    expect(served.status()).toBe(200);
    expect(served.headers()["content-type"]).toMatch(/^application\/pdf\b/);
    expect(Buffer.compare(await served.body(), fullText), "the served bytes are the uploaded ones").toBe(0);

    const evidenceSection = page.locator('section[aria-labelledby="publication-evidence"]');
    await expect(evidenceSection.getByRole("heading", { level: 2 })).toHaveText("На чому ґрунтується");
    const evidence = evidenceSection.locator("ul.evidence-list li");
    await expect(evidence).toHaveCount(1);
    await expect(evidence).toHaveText(`Опитування: ${DEMO_SURVEY}`);
    await expect(evidence.getByRole("link")).toHaveAttribute("href", `/analytics/surveys/${surveyId}`);

    const followUp = page.locator('section[aria-labelledby="publication-follow-up"]');
    await expect(followUp.getByRole("heading", { level: 2 })).toHaveText("Що відбулося з рекомендацією");
    await expect(followUp.locator("p.empty")).toHaveText("Подальших кроків ще не записано.");
    await expect(followUp.getByRole("heading", { level: 3 })).toHaveText("Записати крок");
    if (phone) {
      await expectNoHorizontalScroll(page, path);
    }

    // A step of the follow-up: a day to come is refused at its field; then it is recorded and
    // shown, all without the page reloading.
    await page.evaluate(() => {
      (window as unknown as Record<string, unknown>).__noReload = true;
    });
    const happened = page.locator("#e-happened_on");
    const stepStatus = page.locator("#e-status");
    const stepNote = page.locator("#e-note");
    const record = followUp.getByRole("button", { name: "Записати", exact: true });
    await expect(happened).toHaveAttribute("type", "date");
    await expect(stepStatus.locator("option")).toHaveText([
      "Виберіть…",
      "Запропоновано",
      SENT,
      "Прийнято до розгляду",
      "Виконується",
      "Виконано",
      "Відхилено",
    ]);
    await happened.fill("2999-01-01");
    await stepStatus.selectOption("sent");
    await stepNote.fill(note);
    await record.click();
    await expect(page.locator("#e-happened_on-error")).toHaveText(/^Не більше за \d{4}-\d{2}-\d{2}\.$/);
    await expect(happened).toHaveAttribute("aria-invalid", "true");
    await expect(followUp.locator("ol.follow-ups")).toHaveCount(0);
    await expect(status).toHaveText("Запропоновано");
    // A refusal keeps what was typed.
    await expect(happened).toHaveValue("2999-01-01");
    await expect(stepNote).toHaveValue(note);

    await happened.fill(today);
    await record.click();
    const recorded = followUp.locator("p.form-success");
    await expect(recorded).toHaveText("Записано.");
    await expect(recorded).toHaveAttribute("role", "status");
    const steps = followUp.locator("ol.follow-ups li");
    await expect(steps).toHaveCount(1);
    await expect(steps.locator("strong")).toHaveText(SENT);
    await expect(steps.locator("time")).toHaveAttribute("datetime", today);
    await expect(steps.locator("p")).toHaveText(note);
    await expect(status).toHaveText(SENT);
    await expect(followUp.locator("p.empty")).toHaveCount(0);
    await expect(page.locator("#e-happened_on-error")).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__noReload)).toBe(true);
    expect(unexpected(errors.errors), "browser errors").toEqual([]);

    // A reader gets the publication with its status, and no follow-up form.
    const read = await request.get(path);
    expect(read.status()).toBe(200);
    const html = await read.text();
    expect(html).toContain(title);
    expect(html).toContain(SENT);
    expect(html).not.toContain('id="e-happened_on"');
  });

  test("visitors filter and search publications", async ({ browser, viewport }, info) => {
    test.slow();
    const phone = (viewport?.width ?? 0) <= 360;
    const page = await analystPage(browser);
    const errors = collectErrors(page);
    const stamp = `${info.project.name} ${Date.now()}`;
    const word = rareWord();
    const methodTitle = `Методика e2e ${stamp}`;
    const noteTitle = `Записка e2e ${stamp}`;
    // The rare word is in one publication's text only.
    await writePublication(page, {
      kind: "method",
      title: methodTitle,
      sector: "local-economic-development",
      body: `Як рахувати потреби громад: метод ${word} крок за кроком.`,
    });
    await writePublication(page, {
      kind: "note",
      title: noteTitle,
      sector: "education",
      body: "Записка про школи громад, без рідкісних слів.",
    });
    expect(unexpected(errors.errors), "browser errors of the analyst").toEqual([]);

    const visitor = await newPage(browser);
    const visitorErrors = collectErrors(visitor);
    await visitor.goto("/analytics/publications");
    await waitForHydration(visitor);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Публікації");
    await expect(visitor.getByRole("link", { name: "Нова публікація" })).toHaveCount(0);
    const filters = visitor.getByRole("search");
    const show = filters.getByRole("button", { name: "Показати" });
    const found = visitor.locator(".publications p[role=status]");
    const cards = visitor.locator("li.publication-card");
    const card = (title: string) => cards.filter({ has: visitor.getByRole("link", { name: title, exact: true }) });
    await expect(found).toHaveText(/^Знайдено: \d+$/);
    await expect(card(methodTitle)).toHaveCount(1);
    await expect(card(noteTitle)).toHaveCount(1);
    await expect(card(noteTitle).locator("p.publication-kind")).toHaveText("Аналітична записка");
    // The recommendation of the first test, with its status.
    await expect(card(recommendation).locator("p.publication-kind")).toHaveText("Рекомендація");
    await expect(card(recommendation)).toContainText(SENT);
    if (phone) {
      await expectNoHorizontalScroll(visitor, "/analytics/publications");
    }

    const year = kyivDay(Date.now()).slice(0, 4);
    await expect(visitor.locator("#publications-kind option")).toHaveText([
      "Усі типи",
      "Аналітична записка",
      METHOD,
      "Рекомендація",
    ]);
    await expect(visitor.locator("#publications-sector option").first()).toHaveText("Усі сектори");
    await expect(visitor.locator("#publications-year option").first()).toHaveText("Усі роки");
    await expect(visitor.locator(`#publications-year option[value="${year}"]`)).toHaveText(year);

    // A search by a word of the text finds the one publication that has it.
    const search = filters.getByLabel("Пошук у тексті");
    await expect(search).toHaveAttribute("name", "q");
    await search.fill(word);
    await show.click();
    await expect(visitor).toHaveURL(new RegExp(`[?&]q=${word}(&|$)`));
    await expect(found).toHaveText("Знайдено: 1");
    await expect(cards).toHaveCount(1);
    await expect(card(methodTitle).locator("p.publication-kind")).toHaveText(METHOD);
    // The address holds the search: reloaded, the page shows the same.
    await visitor.reload();
    await waitForHydration(visitor);
    await expect(visitor.locator("#publications-q")).toHaveValue(word);
    await expect(found).toHaveText("Знайдено: 1");
    await expect(card(methodTitle)).toHaveCount(1);

    // By type and year: methodological materials only.
    await visitor.locator("#publications-q").fill("");
    await visitor.locator("#publications-kind").selectOption("method");
    await visitor.locator("#publications-year").selectOption(year);
    await show.click();
    await expect(visitor).toHaveURL(/[?&]kind=method(&|$)/);
    await expect(visitor).toHaveURL(new RegExp(`[?&]year=${year}(&|$)`));
    await waitForHydration(visitor);
    await expect(visitor.locator("#publications-kind")).toHaveValue("method");
    await expect(card(methodTitle)).toHaveCount(1);
    await expect(card(noteTitle)).toHaveCount(0);
    await expect(card(recommendation)).toHaveCount(0);
    const kinds = await cards.locator("p.publication-kind").allTextContents();
    expect(kinds.length).toBeGreaterThanOrEqual(1);
    expect(kinds.filter((k) => k.trim() !== METHOD), "kinds other than methodological").toEqual([]);

    // By sector.
    await visitor.locator("#publications-kind").selectOption("");
    await visitor.locator("#publications-year").selectOption("");
    await visitor.locator("#publications-sector").selectOption("education");
    await show.click();
    await expect(visitor).toHaveURL(/[?&]sector=education(&|$)/);
    await waitForHydration(visitor);
    await expect(visitor.locator("#publications-sector")).toHaveValue("education");
    await expect(card(noteTitle)).toHaveCount(1);
    await expect(card(recommendation)).toHaveCount(1);
    await expect(card(methodTitle)).toHaveCount(0);

    // A value that matches nothing is named and left out.
    await visitor.goto("/analytics/publications?kind=bogus");
    await waitForHydration(visitor);
    await expect(visitor.locator("#publications-kind-error")).toHaveText("Такого значення немає; показано без цього фільтра.");
    await expect(card(methodTitle)).toHaveCount(1);
    await expect(card(noteTitle)).toHaveCount(1);
    expect(visitorErrors.errors, "browser errors of the visitor").toEqual([]);
  });
});
