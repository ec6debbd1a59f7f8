// Themes: `theme: 'light' | 'dark' | 'auto'` in the mount config. Auto takes the shell's
// color-scheme where it declares one, else the system's; dark paints the app's own
// background. (The `dark` project runs the flows' own accessibility checks in the dark.)
import { test, expect } from '@playwright/test';
import { signIn } from './support/dev-api.mjs';
import { expectAccessible, keepScreenshot, watchErrors } from './support/page.mjs';

const DARK_BACKGROUND = 'rgb(23, 24, 28)';
const DARK_SURFACE = 'rgb(35, 36, 41)';
const LIGHT_SURFACE = 'rgb(255, 255, 255)';

/** What a reader sees of the mount in `#id`: its background, a card's, and its text colour. */
async function colours(page, id) {
  const root = page.locator(`#${id} .ac-root`);
  await expect(root.getByRole('heading', { level: 1 })).toBeVisible();
  return {
    background: await root.evaluate((element) => getComputedStyle(element).backgroundColor),
    card: await root.locator('.ac-card').first().evaluate((element) => getComputedStyle(element).backgroundColor),
    text: await root.evaluate((element) => getComputedStyle(element).color),
  };
}

const DARK = { background: DARK_BACKGROUND, card: DARK_SURFACE, text: 'rgb(232, 233, 237)' };
const LIGHT = { background: 'rgba(0, 0, 0, 0)', card: LIGHT_SURFACE, text: 'rgb(29, 33, 41)' };

test('the demo shell switches the theme: dark paints its own background on a light page, light stays light on a dark system', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  await signIn(page, 'default');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/__dev/shell');
  expect(await colours(page, 'first-account')).toEqual(LIGHT);

  await page.getByLabel('Theme').selectOption('dark');
  for (const id of ['first-account', 'second-account']) {
    await expect.poll(() => colours(page, id)).toEqual(DARK);
  }
  await expectAccessible(page, { disableRules: ['landmark-unique'] });
  await keepScreenshot(page, testInfo, 'en-shell-dark');

  // A dialog in the dark: its surface, its field, its contrast.
  const first = page.locator('#first-account');
  await first.getByRole('link', { name: 'Edit contact email address' }).click();
  const dialog = first.getByRole('dialog');
  await expect(dialog.getByLabel('New email address')).toBeFocused();
  await expect(dialog).toHaveCSS('background-color', DARK_SURFACE);
  await dialog.getByLabel('New email address').fill('someone@example');
  await dialog.getByLabel('New email address').blur();
  await expect(dialog.getByLabel('New email address')).toHaveAccessibleDescription(/not a valid domain/);
  await expectAccessible(page, { disableRules: ['landmark-unique'] });
  await keepScreenshot(page, testInfo, 'en-shell-dark-dialog');
  await page.keyboard.press('Escape');

  // Light, chosen, holds on a system that prefers dark.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByLabel('Theme').selectOption('light');
  await expect.poll(() => colours(page, 'first-account')).toEqual(LIGHT);
  expect(errors).toEqual([]);
});

test('auto follows the system where the shell declares no color-scheme, as it changes', async ({ page }) => {
  await signIn(page, 'default');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/__dev/shell');
  await expect.poll(() => colours(page, 'first-account')).toEqual(DARK);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => colours(page, 'first-account')).toEqual(LIGHT);
});

test("auto follows the shell's own color-scheme over the system's, as the shell changes it", async ({ page }) => {
  await signIn(page, 'default');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/__dev/shell');
  // The shell declares dark, then mounts the app (the switch remounts it with auto).
  await page.evaluate(() => document.documentElement.style.setProperty('color-scheme', 'dark'));
  await page.getByLabel('Theme').selectOption('light');
  await page.getByLabel('Theme').selectOption('auto');
  await expect.poll(() => colours(page, 'first-account')).toEqual(DARK);
  // The shell's switch to light reaches the mounted app without a remount.
  await page.evaluate(() => document.documentElement.style.setProperty('color-scheme', 'light'));
  await expect.poll(() => colours(page, 'first-account')).toEqual(LIGHT);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => colours(page, 'first-account')).toEqual(LIGHT);
});

test('the standalone page and the app follow a system that prefers dark, the shell chrome with them', async ({ page }, testInfo) => {
  await signIn(page, 'default');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/developer/security');
  const root = page.locator('.ac-root');
  await expect(page.getByRole('heading', { level: 1, name: 'Security Settings' })).toBeVisible();
  await expect(root).toHaveCSS('background-color', DARK_BACKGROUND);
  await expect(page.locator('.shell-header')).toHaveCSS('background-color', DARK_SURFACE);
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-security-settings-dark');
});

test('a theme the app does not have makes mount throw, naming it', async ({ page }) => {
  await signIn(page, 'default');
  await page.goto('/__dev/shell');
  await expect(page.locator('#first-account').getByRole('heading', { level: 1 })).toBeVisible();
  const thrown = await page.evaluate(async () => {
    const { mount } = await import('/__dev/shell/app.js');
    try {
      mount(document.createElement('div'), { theme: 'night' });
      return null;
    } catch (error) {
      return error.message;
    }
  });
  expect(thrown).toBe('account console config: theme must be "light", "dark" or "auto"');
});
