import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./first-load.cjs";

/** An external server to test against; when unset, `start-server.sh` starts the release build. */
const externalUrl = process.env.SPILNO_E2E_URL;
const baseURL = externalUrl ?? "http://127.0.0.1:3100";

// Tests that sign in with the shared demo accounts and change data run per viewport, in turn.
const ACCOUNTS = /(accounts|editor|analytics|publications|partnerships)\.spec\.ts/;
const desktop = { viewport: { width: 1280, height: 800 } };
// Built by hand: the `devices` presets name other browsers' user agents.
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: [["list"]],
  use: {
    baseURL,
    browserName: "chromium",
    // Browsers cannot be downloaded here: Debian's Chromium is used instead.
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    locale: "uk-UA",
    trace: "off",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "desktop", use: desktop, testIgnore: ACCOUNTS },
    { name: "phone", use: phone, testIgnore: ACCOUNTS },
    // The accounts tests share the demo accounts and change them: the two viewports run one
    // after the other.
    // The server trusts 127.0.0.1 as a proxy (see start-server.sh): each project is its own client.
    // They run after the read-only tests, whose counts of demo items they would otherwise change.
    {
      name: "accounts-desktop",
      use: { ...desktop, extraHTTPHeaders: { "X-Forwarded-For": "192.0.2.1" } },
      testMatch: ACCOUNTS,
      dependencies: ["desktop", "phone"],
    },
    {
      name: "accounts-phone",
      use: { ...phone, extraHTTPHeaders: { "X-Forwarded-For": "192.0.2.2" } },
      testMatch: ACCOUNTS,
      dependencies: ["accounts-desktop"],
    },
  ],
  webServer: externalUrl
    ? undefined
    : {
        command: "bash ../end2end/start-server.sh",
        url: `${baseURL}/healthz`,
        reuseExistingServer: false,
        timeout: 120_000,
        stdout: "pipe",
        stderr: "pipe",
      },
});
