// End-to-end tests: the release build served by dev-api, in Debian's Chromium.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT || 8099);
const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: '.',
  outputDir: '../../artifacts/test-results',
  timeout: 30_000,
  expect: { timeout: 7_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'en-US',
    launchOptions: { executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'desktop', testIgnore: /narrow\.spec/, use: { viewport: { width: 1280, height: 800 } } },
    {
      name: 'mobile',
      testIgnore: /narrow\.spec/,
      use: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    },
    // Every page and dialog step of the flows again in the dark (theme auto on a system that
    // prefers dark): their accessibility checks include axe's contrast rules.
    {
      name: 'dark',
      testMatch: /(pages|contact|pending|security|sessions|step-up|region-picker|notice)\.spec/,
      use: { viewport: { width: 1280, height: 800 }, colorScheme: 'dark' },
    },
    // The narrowest width the app supports: its own checks (nothing sideways, high contrast).
    {
      name: 'narrow',
      testMatch: /(narrow|notice)\.spec/,
      use: { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    },
  ],
  webServer: {
    // Factor changes take effect at once here (the wait has tests of their own, on servers of
    // their own: support/dev-api.mjs); notices and undo work as ever. Every test calls the
    // notice page from this one address: its hourly limit per client is tested over HTTP.
    command: `../../target/debug/dev-api --dist ../../dist --examples ../../examples --port ${port} --quiet --cooling-off 0 --notice-client-limit 10000`,
    url: `http://127.0.0.1:${port}/__dev/outbox`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
