import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import path from 'node:path';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../artifacts/screenshots');

/** The dialog open on the page (one at a time). */
export const dialog = (page) => page.getByRole('dialog');

/** An address of this test's own: desktop and mobile runs share one dev-api. */
export const mine = (name, account) => `${name}-${account.account_id}@example.dev`;

/** Signs the page's browser context in with a fresh account; returns its full addresses. */
export async function signIn(page, preset = 'default') {
  const response = await page.request.post('/__dev/login', { data: { preset } });
  expect(response.ok()).toBeTruthy();
  return response.json();
}

/** Messages dev-api "sent" to a full address, oldest first. */
export async function outbox(request, to) {
  const response = await request.get(`/__dev/outbox?to=${encodeURIComponent(to)}`);
  return response.json();
}

/** The newest code dev-api sent to `to` for `purpose`, waiting until it is there. */
export async function codeFor(request, to, purpose, after = 0) {
  let code;
  await expect
    .poll(async () => {
      const messages = (await outbox(request, to)).filter((m) => m.purpose === purpose);
      code = messages.length > after ? messages[messages.length - 1].code : undefined;
      return code;
    })
    .toBeTruthy();
  return code;
}

/** Fails with the list of violations when axe finds any (WCAG 2.2 A and AA). */
export async function expectAccessible(page, { disableRules = [] } = {}) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .disableRules(disableRules)
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
  expect(summary).toEqual([]);
}

/** Keeps a full-page screenshot under artifacts/screenshots/<project>/<name>.png. */
export async function keepScreenshot(page, testInfo, name) {
  const dir = path.join(ARTIFACTS, testInfo.project.name);
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Records `account:<name>` events dispatched on the page, from its first script on, in `window.__events`. */
export async function recordEvents(page, names) {
  await page.addInitScript((names) => {
    window.__events = [];
    for (const name of names) {
      document.addEventListener(`account:${name}`, (e) => window.__events.push({ name, detail: e.detail }));
    }
  }, names);
}

/** Collects console errors and uncaught exceptions (a CSP violation shows up here). */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/**
 * Types the code of a step that commits a change, sees that typing alone commits nothing
 * (OK stays enabled, the code stays in its field, focus with it), then confirms with OK or,
 * with `{ enter: true }`, with Enter.
 */
export async function confirmCode(page, code, { ok = 'OK', label = 'Verification code', enter = false } = {}) {
  const dialog = page.getByRole('dialog');
  const field = dialog.getByLabel(label);
  await field.fill(code);
  await expect(field).toHaveValue(code);
  await expect(field).toBeFocused();
  await expect(dialog.getByRole('button', { name: ok })).toBeEnabled();
  if (enter) {
    await field.press('Enter');
  } else {
    await dialog.getByRole('button', { name: ok }).click();
  }
}

export function lastFour(address) {
  return address.slice(-4);
}

/**
 * Runs `fn(page)` against a dev-api of its own, started with `args` (e.g. a daily limit of
 * one), on a port derived from the worker so parallel workers never collide.
 */
export async function withDevApi(browser, testInfo, args, fn) {
  const { spawn } = await import('node:child_process');
  const port = 8300 + testInfo.parallelIndex * 10 + (testInfo.project.name === 'mobile' ? 5 : 0);
  const root = path.resolve(import.meta.dirname, '../..');
  const server = spawn(path.join(root, 'target/debug/dev-api'), ['--dist', path.join(root, 'dist'), '--port', String(port), '--quiet', ...args], {
    stdio: 'ignore',
  });
  const baseURL = `http://127.0.0.1:${port}`;
  try {
    await expect
      .poll(async () => {
        try {
          return (await fetch(`${baseURL}/__dev/outbox`)).status;
        } catch {
          return 0;
        }
      })
      .toBe(200);
    const context = await browser.newContext({ ...testInfo.project.use, baseURL });
    try {
      await fn(await context.newPage(), baseURL);
    } finally {
      await context.close();
    }
  } finally {
    // The next test of this worker binds the same port: wait until this server has let go.
    const exited = server.exitCode !== null || server.signalCode !== null;
    const gone = exited ? Promise.resolve() : new Promise((resolve) => server.once('exit', resolve));
    server.kill();
    await gone;
  }
}
