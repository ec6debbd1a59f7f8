// The app as a user and a shell meet it: its dialog and the buttons that open one, the
// events it tells the shell, its console, accessibility and screenshots.
import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import path from 'node:path';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../../artifacts/screenshots');

/** The dialog open on the page (one at a time). */
export const dialog = (page) => page.getByRole('dialog');

/** Goes to `address` and opens the dialog of the button named `name`. */
export async function openDialog(page, address, name) {
  await page.goto(address);
  await page.getByRole('button', { name }).click();
  await expect(dialog(page)).toBeVisible();
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

/** The events recorded since the page's first script, as `{ name, detail }`. */
export const recordedEvents = (page) => page.evaluate(() => window.__events);

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

/** `text` as a regular expression that matches it literally. */
export const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function lastFour(address) {
  return address.slice(-4);
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
