import { expect, test, type Page } from "@playwright/test";
import { deflateSync } from "node:zlib";
import { collectErrors, waitForHydration } from "./helpers";

/** Demo accounts from `spilno load-demo` (see the README). */
const DEMO_PASSWORD = "spilno-demo-2026";
const INITIATIVE = "Сприяння всебічному розвитку громад через аналітику, діалог та співпрацю";
const INITIATIVE_PATH = "/initiatives/spryiannia-vsebichnomu-rozvytku-hromad-cherez-analityku-dialoh-ta-spivpratsiu";

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A real PNG, `width`×`height`, of a colour gradient: made here, so no binary is committed. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      rows[row + 1 + x * 3] = (x * 255) / width;
      rows[row + 2 + x * 3] = (y * 255) / height;
      rows[row + 3 + x * 3] = 128;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

async function signInAsEditor(page: Page) {
  await page.goto("/signin");
  await waitForHydration(page);
  await page.getByLabel("Електронна пошта").fill("editor@demo.spilno.org.ua");
  await page.getByLabel("Пароль").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Увійти" }).click();
  await expect(page).toHaveURL(/\/$/);
}

test.describe.serial("editors publish news that everyone can read", () => {
  // One sign-in per viewport: sign-ins are rate-limited per account.
  let page: Page;

  test.beforeAll(async ({ browser }) => {
    page = await (await browser.newContext()).newPage();
    await signInAsEditor(page);
  });

  test.afterAll(async () => {
    await page.context().close();
  });

  test("a visitor cannot open the editor", async ({ browser }) => {
    const visitor = await browser.newPage();
    const answer = await visitor.goto("/edit/news/new");
    await visitor.close();
    expect(answer?.status()).toBe(401);
  });

  test("an editor writes an item with an image and tags; it is everywhere a reader looks", async ({ browser }, info) => {
    const errors = collectErrors(page);
    const word = `кросплатформний${info.project.name.replace(/\W/g, "")}`;
    const title = `Редактор публікує: ${word}`;
    const tag = `тест редактора ${info.project.name}`;
    await page.goto("/edit/news/new");
    await waitForHydration(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Нова новина");

    // Nothing typed is lost to a bad field: the problem shows at its field.
    await page.getByLabel("Лід (короткий виклад)").fill("Громади домовилися про спільний проєкт.");
    await page.locator("#e-body_uk").fill(`Перший абзац про **${word}**.\n\nДругий абзац.`);
    await page.getByRole("button", { name: "Опублікувати" }).click();
    const titleField = page.getByLabel("Заголовок *");
    await expect(titleField).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#e-title_uk-error")).toHaveText(/Заповніть це поле українською/);
    await expect(page.getByLabel("Лід (короткий виклад)")).toHaveValue("Громади домовилися про спільний проєкт.");

    await titleField.fill(title);
    await page.getByLabel("Теги").fill(`${tag}, аналітика`);
    await page.getByLabel("Ініціатива").selectOption({ label: INITIATIVE });
    await page.getByLabel("Освіта").check();

    // The preview is the server's sanitized rendering.
    await page.getByRole("button", { name: "Попередній перегляд" }).first().click();
    await expect(page.locator(".preview strong").first()).toHaveText(word);

    // A file that is not an image is refused by its content, whatever its name.
    const cover = page.locator("#cover-upload-file");
    const coverUpload = page
      .locator(".editor-images")
      .filter({ has: cover })
      .getByRole("button", { name: "Завантажити зображення" });
    await page.locator("#cover-upload-alt_uk").fill("Карта громад");
    await cover.setInputFiles({ name: "photo.jpg", mimeType: "image/jpeg", buffer: Buffer.from("це текст, а не фото") });
    await coverUpload.click();
    await expect(page.locator("#cover-upload-file-error")).toHaveText(/не зображення JPEG, PNG чи WebP/);

    await cover.setInputFiles({ name: "map.png", mimeType: "image/png", buffer: png(1200, 800) });
    await page.locator("#cover-upload-alt_uk").fill("Карта громад");
    await coverUpload.click();
    await expect(page.locator(".editor-image img")).toHaveAttribute("srcset", /480w.*960w/);

    await page.getByRole("button", { name: "Опублікувати" }).click();
    await expect(page).toHaveURL(/\/edit\/news\/\d+$/);
    await expect(page.locator(".editor-status")).toContainText("Опубліковано");
    const articleLink = page.locator(".editor-status a");
    const articlePath = (await articleLink.getAttribute("href")) ?? "";
    expect(articlePath).toMatch(/^\/news\/redaktor-publikuie-/);
    // The two refusals above (a missing title, a fake image) are 422 answers, which the browser
    // logs; nothing else may fail.
    expect(errors.errors.filter((e) => !e.includes("status of 422"))).toEqual([]);

    // A visitor on a phone reads it: list, tag page, feed, search, the initiative's page.
    const visitor = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await visitor.goto("/news");
    const card = visitor.locator("article.news-card").first();
    await expect(card.getByRole("heading")).toHaveText(title);
    await expect(card.locator("img")).toHaveAttribute("loading", "lazy");
    await expect(card.locator("img")).toHaveAttribute("alt", "Карта громад");

    await visitor.goto(articlePath);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(visitor.locator(".news-body strong")).toHaveText(word);
    await expect(visitor.locator(".news-author")).toHaveText("Тарас Редактор");
    await expect(visitor.locator('meta[property="og:image"]')).toHaveAttribute("content", /^http:\/\/127\.0\.0\.1:3100\/media\/\d+\/\d+\.(jpg|png)$/);
    await expect(visitor.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
    await expect(visitor.locator('meta[property="og:title"]')).toHaveAttribute("content", title);
    await expect(visitor.locator(".news-initiative a")).toHaveText(INITIATIVE);
    const width = await visitor.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);

    await visitor.locator(".news-meta").getByRole("link", { name: tag }).click();
    await expect(visitor.locator("article.news-card")).toHaveCount(1);
    const feed = await visitor.request.get(`${new URL(visitor.url()).pathname}/feed.rss`);
    expect(await feed.text()).toContain(title);
    const allFeed = await visitor.request.get("/news.rss");
    expect(await allFeed.text()).toContain(title);

    await visitor.goto(`/news?q=${encodeURIComponent(word)}`);
    await expect(visitor.locator("article.news-card")).toHaveCount(1);
    await expect(visitor.locator("article.news-card mark").first()).toHaveText(new RegExp(word, "i"));

    await visitor.goto(INITIATIVE_PATH);
    await expect(visitor.locator("#initiative-news-title + .news-cards")).toContainText(title);

    const image = await visitor.request.get((await visitor.locator("article img").first().getAttribute("src")) ?? "");
    expect(image.status()).toBe(200);
    expect(image.headers()["cache-control"]).toContain("immutable");
    await visitor.close();

    // Unpublished, it is gone for readers.
    await page.getByRole("button", { name: "Зняти з публікації" }).click();
    await expect(page.locator(".editor-status")).toContainText("Чернетка");
    const gone = await page.request.get(articlePath);
    expect(gone.status()).toBe(404);
  });

  test("what is typed survives a reload until it is saved", async () => {
    await page.goto("/edit/news/new");
    await waitForHydration(page);
    await page.getByLabel("Заголовок *").fill("Незбережений заголовок");
    await expect(page.locator(".editor-status")).toContainText("Є незбережені зміни");
    // A link inside the app asks first; staying keeps the form as it is.
    let asked = "";
    page.once("dialog", async (dialog) => {
      asked = dialog.message();
      await dialog.dismiss();
    });
    await page.getByRole("link", { name: "Спільно" }).first().click();
    await expect.poll(() => asked).toContain("Є незбережені зміни");
    await expect(page).toHaveURL(/\/edit\/news\/new$/);
    await expect(page.getByLabel("Заголовок *")).toHaveValue("Незбережений заголовок");
    page.once("dialog", (dialog) => dialog.accept());
    await page.reload();
    await waitForHydration(page);
    await expect(page.getByRole("alert").filter({ hasText: "Є незбережені зміни з попереднього редагування" })).toBeVisible();
    await page.getByRole("button", { name: "Відновити їх" }).click();
    await expect(page.getByLabel("Заголовок *")).toHaveValue("Незбережений заголовок");
  });

  test("an editor edits an initiative and the page shows the change", async ({}, info) => {
    await page.goto("/edit/initiatives");
    await waitForHydration(page);
    await page.getByRole("link", { name: INITIATIVE }).click();
    await waitForHydration(page);
    const goal = `Ціль з ${info.project.name}`;
    const goals = page.getByLabel("Мета і завдання");
    await goals.fill(`${await goals.inputValue()}\n${goal}`);
    await expect(page.locator(".editor-status")).toContainText("Є незбережені зміни");
    const n = await page.locator('input[id^="e-links-"][id$="-title"]').count();
    await page.getByRole("button", { name: "Додати посилання" }).click();
    const report = `Звіт ${info.project.name}`;
    await page.locator(`#e-links-${n}-title`).fill(report);
    await page.getByRole("button", { name: "Опублікувати" }).click();
    await expect(page.locator(`#e-links-${n}-url-error`)).toHaveText(/Заповніть це поле/);
    await page.locator(`#e-links-${n}-url`).fill("https://example.org/zvit");
    await page.getByRole("button", { name: "Опублікувати" }).click();
    await expect(page.locator(".editor-status")).toContainText("Збережено");
    await page.goto(INITIATIVE_PATH);
    await expect(page.locator("ul.goals")).toContainText(goal);
    await expect(page.getByRole("link", { name: `Звіт ${info.project.name}` })).toHaveAttribute("href", "https://example.org/zvit");
  });
});
