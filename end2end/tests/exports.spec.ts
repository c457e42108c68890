import { expect, test } from "@playwright/test";
import { LVIV_OBLAST } from "./helpers";

test.describe("exports", () => {
  test("CSV of the urban hromadas", async ({ request }) => {
    const response = await request.get("/hromadas.csv?kind=urban");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^text\/csv/);

    const lines = (await response.text()).split(/\r?\n/).filter((line) => line !== "");
    expect(lines).toHaveLength(1 + 430);
    const header = lines[0].split(",");
    expect(header[0]).toBe("katottg");
    const kindColumn = header.indexOf("kind");
    expect(kindColumn).toBeGreaterThan(0);
    for (const line of lines.slice(1)) {
      expect(line).toMatch(/^UA\d{17},/);
      expect(line.split(",")[kindColumn]).toBe("urban");
    }
  });

  test("JSON of one oblast", async ({ request }) => {
    const response = await request.get(`/hromadas.json?oblast=${LVIV_OBLAST}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^application\/json/);

    const body: unknown = await response.json();
    expect(Array.isArray(body)).toBe(true);
    const rows = body as Record<string, unknown>[];
    expect(rows).toHaveLength(73);
    for (const row of rows) {
      expect(row).toHaveProperty("katottg");
      expect(row.katottg).toEqual(expect.stringMatching(/^UA\d{17}$/));
      expect(row.oblast_katottg).toBe(LVIV_OBLAST);
    }
    expect(new Set(rows.map((row) => row.katottg)).size).toBe(73);
    const lviv = rows.find((row) => row.katottg === "UA46060250000025047");
    expect(lviv).toMatchObject({ name_uk: "Львівська", kind: "urban", population: 777234 });
  });

  test("export ignores the page number", async ({ request }) => {
    const response = await request.get(`/hromadas.json?oblast=${LVIV_OBLAST}&page=2`);
    expect(response.status()).toBe(200);
    expect(await response.json()).toHaveLength(73);
  });
});
