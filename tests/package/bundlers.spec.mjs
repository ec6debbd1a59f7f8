// A console shell that installed the packed `account-console` tarball and was built by Vite
// (project `vite`) or webpack 5 (project `webpack`): the bundler found the wasm through the
// module's `import.meta.url`, copied it under a fingerprinted name, and the app runs from it.
import { expect, test } from '@playwright/test';
import { signIn } from '../e2e/support/dev-api.mjs';

test('the bundled app loads its fingerprinted wasm, shows its pages and a dialog, tells the shell, and unmounts', async ({ page }, testInfo) => {
  await signIn(page, 'default');
  const wasm = page.waitForResponse((response) => response.url().endsWith('.wasm'));
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/account');

  // The build is the one this project names, and its wasm came from the bundler's output
  // under a hashed name, not from the package's own file name.
  await expect(page.getByText(`built by ${testInfo.project.name === 'vite' ? 'Vite' : 'webpack'}`)).toBeVisible();
  const loaded = await wasm;
  expect(loaded.ok()).toBeTruthy();
  expect(new URL(loaded.url()).pathname).toMatch(/^\/assets\/account-console_bg[.-][A-Za-z0-9_-]{8,}\.wasm$/);

  // Its stylesheet came with the import: the app is styled, not the browser's defaults.
  const heading = page.getByRole('heading', { level: 1, name: 'Account Information' });
  await expect(heading).toBeVisible();
  const tab = page.getByRole('link', { name: 'Security Settings' }).first();
  await expect(page.locator('.ac-root')).toHaveCSS('max-width', '1200px');

  const events = page.getByRole('region', { name: 'Events' }).getByRole('listitem');
  await expect(events.filter({ hasText: 'page-changed: Account Information' })).toHaveCount(1);

  // Another page through the shell's own menu, then the app's own tab.
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'User Details' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'User Details' })).toBeVisible();
  await expect(page).toHaveURL(/\/account\/user-details$/);
  await expect(events.filter({ hasText: 'page-changed: User Details' })).toHaveCount(1);

  // A dialog opens on its first field, and Esc gives focus back to its opener.
  const edit = page.getByRole('button', { name: 'Edit contact email' });
  await edit.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(page).toHaveURL(/\?edit=email$/);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(edit).toBeFocused();

  await tab.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Security Settings' })).toBeVisible();

  // Unmount leaves the shell's element empty and the shell alive.
  await page.getByRole('button', { name: 'Unmount' }).click();
  await expect(page.locator('#account')).toBeEmpty();
  await expect(page.getByRole('button', { name: 'Unmount' })).toBeDisabled();
  expect(errors).toEqual([]);
});

test("in Chinese the shell imports the package's catalogue as a chunk of its own, which an English page never asks for", async ({ page }) => {
  await signIn(page, 'default');
  const asked = [];
  page.on('request', (request) => asked.push(new URL(request.url()).pathname));
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1, name: 'Account Information' })).toBeVisible();
  const english = asked.length;
  await page.goto('/account/security?lang=zh-Hant');
  await expect(page.getByRole('heading', { level: 1, name: '安全設定' })).toBeVisible();
  await expect(page.locator('.ac-root')).toHaveAttribute('lang', 'zh-Hant');
  const chunks = (list) => list.filter((path) => /zh-Hant|zh-CN/.test(path));
  expect(chunks(asked.slice(0, english))).toEqual([]);
  expect(chunks(asked.slice(english))).toHaveLength(1);
});
