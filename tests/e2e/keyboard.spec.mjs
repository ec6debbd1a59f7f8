// Keyboard and screen-reader users: focus after every way a dialog goes away, pages that are
// announced and titled, and a control that disables itself handing focus on. Also the
// browser floor: no `AbortSignal.any`, and an API the browser lacks ends in the reload panel.
import { test, expect } from '@playwright/test';
import { signIn, codeFor, sendAndEnterCode } from './support/dev-api.mjs';
import { watchErrors, recordEvents, dialog, recordedEvents } from './support/page.mjs';

test('a dialog closed by Back gives focus back to its opener', async ({ page }) => {
  await signIn(page);
  await page.goto('/developer/security');
  const opener = page.getByRole('link', { name: 'Edit recovery email address' });
  await opener.click();
  await expect(dialog(page).getByRole('radio', { name: /Text message to/ })).toBeFocused();
  await page.goBack();
  await expect(dialog(page)).toHaveCount(0);
  await expect(opener).toBeFocused();

  // Forward opens it again, with focus inside.
  await page.goForward();
  await expect(dialog(page).getByRole('radio', { name: /Text message to/ })).toBeFocused();
});

test('pages are announced by their heading and titled by the shell', async ({ page }) => {
  await recordEvents(page, ['page-changed']);
  await signIn(page);
  await page.goto('/developer');
  await expect(page.getByRole('heading', { name: 'Account Information', level: 1 })).toBeVisible();
  await expect(page).toHaveTitle('Account Information · Account Console');

  await page.getByRole('navigation').getByRole('link', { name: 'Security Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Security Settings', level: 1 })).toBeFocused();
  await expect(page).toHaveTitle('Security Settings · Account Console');
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Account Information', level: 1 })).toBeFocused();
  expect(await recordedEvents(page)).toEqual([
    { name: 'page-changed', detail: { page: 'account-information', title: 'Account Information' } },
    { name: 'page-changed', detail: { page: 'security', title: 'Security Settings' } },
    { name: 'page-changed', detail: { page: 'account-information', title: 'Account Information' } },
  ]);

  // A deep link into a dialog on another page leaves focus in the dialog.
  await page.getByRole('link', { name: 'Edit contact email address' }).click();
  await expect(dialog(page).getByLabel('New email address')).toBeFocused();
  await expect(page).toHaveTitle('User Details · Account Console');
});

test.describe('简体中文', () => {
  test.use({ locale: 'zh-CN' });

  test('页面标题随页面变化', async ({ page }) => {
    await signIn(page);
    await page.goto('/developer/user-details');
    await expect(page).toHaveTitle('用户详情 · 账号中心');
  });
});

test('Send Verification Code hands focus to the heading while it is disabled, then to the code field', async ({ page }) => {
  const account = await signIn(page, 'unverified-contact');
  await page.goto('/developer/user-details');
  await page.getByRole('button', { name: 'Verify now: contact mobile number' }).click();
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/api/v1/contact/mobile/verification', async (route) => {
    await held;
    await route.continue();
  });
  const send = dialog(page).getByRole('button', { name: 'Send Verification Code' });
  await send.focus();
  await page.keyboard.press('Enter');
  await expect(send).toBeDisabled();
  await expect(dialog(page).getByRole('heading', { name: 'Verify contact mobile number' })).toBeFocused();
  release();
  await expect(dialog(page).getByLabel('Verification code')).toBeFocused();
  await codeFor(page.request, account.contact_mobile, 'verify_contact');
});

test('a wrong password leaves focus in the emptied password field', async ({ page }) => {
  await signIn(page, 'no-recovery');
  await page.goto('/developer/security?edit=recovery-email');
  const password = dialog(page).getByLabel('Password', { exact: true });
  await expect(password).toBeFocused();
  await password.fill('not-the-password');
  await password.press('Enter');
  await expect(dialog(page).getByText(/not correct/)).toBeVisible();
  await expect(password).toHaveValue('');
  await expect(password).toBeFocused();
});

test('without AbortSignal.any the pages load and a dialog saves', async ({ page }) => {
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    delete AbortSignal.any;
  });
  const account = await signIn(page, 'unverified-contact');
  await page.goto('/developer/user-details');
  expect(await page.evaluate(() => typeof AbortSignal.any)).toBe('undefined');
  await page.getByRole('button', { name: 'Verify now: contact mobile number' }).click();
  await sendAndEnterCode(page, account.contact_mobile, 'verify_contact');
  await expect(page.getByText('Contact mobile number verified.')).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Security Settings' }).click();
  await expect(page.getByRole('region', { name: 'Recent changes' }).getByText('Contact mobile number verified')).toBeVisible();
  expect(errors).toEqual([]);
});

test('an API the browser lacks ends in the reload panel and account:crashed, not a dead page', async ({ page }) => {
  await recordEvents(page, ['crashed']);
  await page.addInitScript(() => {
    delete Intl.DisplayNames;
  });
  await signIn(page);
  await page.goto('/developer/user-details');
  await page.getByRole('button', { name: 'Edit contact mobile number' }).click();
  const panel = page.getByRole('alert').filter({ hasText: 'Something went wrong' });
  await expect(panel.getByRole('link', { name: 'Reload' })).toBeVisible();
  const events = await recordedEvents(page);
  expect(events.map((e) => e.name)).toEqual(['crashed']);
  expect(events[0].detail.message).toMatch(/DisplayNames/);
});

test("an error of the shell's own script is not the app's crash", async ({ page }) => {
  await signIn(page);
  await page.goto('/developer');
  await expect(page.getByRole('heading', { name: 'Account Information', level: 1 })).toBeVisible();
  await page.evaluate(() => setTimeout(() => null.shellBug(), 0));
  await page.getByRole('navigation').getByRole('link', { name: 'User Details' }).click();
  await expect(page.getByRole('heading', { name: 'User Details', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Reload' })).toHaveCount(0);
});
