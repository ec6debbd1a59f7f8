// The npm package in real bundlers: the example shell (examples/bundlers) built by Vite and
// by webpack, each build served by a dev-api of its own, in Debian's Chromium.
import { defineConfig } from '@playwright/test';
import base from '../e2e/playwright.config.mjs';

const bundlers = [
  { name: 'vite', port: Number(process.env.PACKAGE_PORT || 8096) },
  { name: 'webpack', port: Number(process.env.PACKAGE_PORT || 8096) + 1 },
];

export default defineConfig({
  ...base,
  testDir: '.',
  outputDir: '../../artifacts/package-results',
  projects: bundlers.map(({ name, port }) => ({
    name,
    use: { baseURL: `http://127.0.0.1:${port}`, viewport: { width: 1280, height: 800 } },
  })),
  webServer: bundlers.map(({ name, port }) => ({
    command: `../../target/debug/dev-api --dist ../../examples/bundlers/dist/${name} --base-path /account --port ${port} --quiet`,
    url: `http://127.0.0.1:${port}/__dev/outbox`,
    reuseExistingServer: false,
    timeout: 30_000,
  })),
});
