import { expect, test } from "@playwright/test";
import http from "node:http";

/** A GET with the path sent as written (browsers and fetch resolve `..` before sending). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port || 80, path, method: "GET", timeout: 10_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`timeout: GET ${path}`)));
    request.on("error", reject);
    request.end();
  });
}

test.describe("not found", () => {
  test("an unknown page answers 404 with a page that says so", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Сторінку не знайдено");
    await expect(page.getByRole("link", { name: "На головну" })).toHaveAttribute("href", "/");
  });

  test("an unknown hromada code answers 404", async ({ page }) => {
    const response = await page.goto("/hromadas/UA00000000000000000");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Сторінку не знайдено");
  });

  test("an unknown oblast code answers 404", async ({ page }) => {
    const response = await page.goto("/oblasts/UA00000000000000000");
    expect(response?.status()).toBe(404);
  });

  test("the English 404 page is in English", async ({ page }) => {
    const response = await page.goto("/en/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  test("path traversal is neither a server error nor a file leak", async ({ page, baseURL }) => {
    // As a browser sends it (normalised).
    const response = await page.goto("/hromadas/../../etc");
    expect(response?.status()).toBeLessThan(500);

    // As written, with the dots on the wire.
    const paths = [
      "/hromadas/../../etc",
      "/../../../../../../../../etc/passwd",
      "/../../Cargo.toml",
      "/pkg/../../../Cargo.toml",
      "/%2e%2e/%2e%2e/Cargo.toml",
      "/hromadas/..%2F..%2Fetc",
    ];
    for (const path of paths) {
      const raw = await rawGet(baseURL!, path);
      expect(raw.status, path).toBeLessThan(500);
      expect(raw.body, path).not.toContain("root:x:0:0");
      expect(raw.body, path).not.toContain("[workspace]");
    }
  });
});
