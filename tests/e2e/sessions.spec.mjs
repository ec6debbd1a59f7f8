// Security Settings' Sessions: the owner sees every browser signed in to the account and
// signs one out by name, or all others at once; a session signed in long ago verifies
// identity first; a thief's session is signed out from the owner's fresh sign-in.
import { test, expect } from '@playwright/test';
import { signIn, codeFor, withDevApi } from './support/dev-api.mjs';
import { expectAccessible, keepScreenshot, dialog } from './support/page.mjs';

const FIREFOX_ON_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

/** The same account signed in from another browser (Firefox on Linux, in Hong Kong). */
async function anotherBrowser(browser, testInfo, account, baseURL) {
  const context = await browser.newContext({ ...testInfo.project.use, baseURL, userAgent: FIREFOX_ON_LINUX });
  const page = await context.newPage();
  const signedIn = await page.request.post('/__dev/login', { data: { account_id: account.account_id, region: 'HK' } });
  expect(signedIn.ok()).toBeTruthy();
  return { context, page };
}

/** The other browser finds its session gone at its next request. */
async function expectSignedOut(page) {
  await page.goto('/developer/security');
  await expect(page.getByRole('heading', { name: 'Your session has expired' })).toBeVisible();
}

test('the owner sees this device and another, and signs the other out by name', async ({ page, browser, baseURL }, testInfo) => {
  const account = await signIn(page, 'default');
  const other = await anotherBrowser(browser, testInfo, account, baseURL);
  await page.goto('/developer/security');
  const sessions = page.getByRole('region', { name: 'Sessions' });
  await expect(sessions.getByRole('listitem')).toHaveCount(2);
  await expect(sessions.getByRole('listitem').first()).toContainText('This device');
  const firefox = sessions.getByRole('listitem').filter({ hasText: 'Firefox on Linux' });
  await expect(firefox).toContainText('Hong Kong');
  await expect(firefox).toContainText(/Signed in .+ · Last active /);
  // This device cannot be signed out here (that is the shell's Sign out).
  await expect(sessions.getByRole('listitem').first().getByRole('button')).toHaveCount(0);
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-sessions');

  // Signed in moments ago: no identity step.
  await sessions.getByRole('button', { name: 'Sign out Firefox on Linux' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Firefox on Linux is signed out.' })).toBeAttached();
  await expect(sessions.getByRole('heading', { name: 'Sessions' })).toBeFocused();
  await expect(sessions.getByRole('listitem')).toHaveCount(1);
  await expect(sessions.getByText('No other browser or device is signed in.')).toBeVisible();
  await expectSignedOut(other.page);
  await other.context.close();
});

test('a session signed in long ago verifies identity first, then signs every other one out', async ({ page, browser, baseURL }, testInfo) => {
  const account = await signIn(page, 'default');
  const others = [await anotherBrowser(browser, testInfo, account, baseURL), await anotherBrowser(browser, testInfo, account, baseURL)];
  expect((await page.request.post('/__dev/expire/sign_in')).status()).toBe(204);
  await page.goto('/developer/security');
  const sessions = page.getByRole('region', { name: 'Sessions' });
  await expect(sessions.getByRole('listitem')).toHaveCount(3);
  const signOutAll = sessions.getByRole('button', { name: 'Sign out of all other sessions' });
  await signOutAll.click();
  await expect(dialog(page).getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  await expect(dialog(page).getByText('Verify your identity to sign out other sessions.', { exact: false })).toBeVisible();
  // The password is not offered: where the account has a code method, it is not enough.
  await expect(dialog(page).getByRole('radio', { name: /password/i })).toHaveCount(0);
  await expect(dialog(page).getByRole('radio', { name: /Text message to/ })).toBeFocused();
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-sessions-verify');
  // Closed: nothing is signed out, and focus is back on the button.
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  await expect(signOutAll).toBeFocused();
  await expect(sessions.getByRole('listitem')).toHaveCount(3);

  await signOutAll.click();
  await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
  await expect(dialog(page).getByLabel('Verification code')).toBeFocused();
  await dialog(page).getByLabel('Verification code').fill(await codeFor(page.request, account.recovery_mobile, 'identity'));
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'All other sessions are signed out.' })).toBeAttached();
  await expect(sessions.getByRole('heading', { name: 'Sessions' })).toBeFocused();
  await expect(sessions.getByRole('listitem')).toHaveCount(1);
  for (const other of others) {
    await expectSignedOut(other.page);
    await other.context.close();
  }
});

test('a thief who used up their session\'s codes and passwords is signed out from the owner\'s fresh sign-in', async ({ browser }, testInfo) => {
  await withDevApi(browser, testInfo, ['--resend-cooldown', '0s'], async (thief, baseURL) => {
    const account = await signIn(thief, 'default');
    const csrf = (await thief.context().cookies()).find((c) => c.name === 'csrf_token').value;
    const post = (path, data) => thief.request.post(`/api/v1${path}`, { data, headers: { 'X-CSRF-Token': csrf } });
    for (let i = 0; i < 22; i++) await post('/identity/challenges', { method: i % 2 ? 'email' : 'sms' });
    expect((await post('/identity/challenges', { method: 'sms' })).status()).toBe(429);
    for (let i = 0; i < 20; i++) await post('/identity/password', { password: 'guess' });
    expect((await post('/identity/password', { password: 'dev-password' })).status()).toBe(429);

    // The owner signs in again on their own device.
    const owner = await (await browser.newContext({ ...testInfo.project.use, baseURL })).newPage();
    expect((await owner.request.post('/__dev/login', { data: { account_id: account.account_id } })).ok()).toBeTruthy();
    await owner.goto('/developer/security');
    const sessions = owner.getByRole('region', { name: 'Sessions' });
    await expect(sessions.getByRole('listitem')).toHaveCount(2);
    await sessions.getByRole('button', { name: 'Sign out of all other sessions' }).click();
    await expect(owner.getByRole('status').filter({ hasText: 'All other sessions are signed out.' })).toBeAttached();
    await expect(sessions.getByRole('listitem')).toHaveCount(1);
    await expectSignedOut(thief);

    // The owner's own step-up was never switched off.
    await owner.getByRole('link', { name: 'Edit recovery email address' }).click();
    await dialog(owner).getByRole('button', { name: 'Send Verification Code' }).click();
    await expect(dialog(owner).getByLabel('Verification code')).toBeFocused();
    await expect(dialog(owner).getByRole('alert')).toHaveCount(0);
    await owner.context().close();
  });
});

test.describe('简体中文', () => {
  test.use({ locale: 'zh-CN' });

  test('登录会话：列出当前设备和其他浏览器，并可退出', async ({ page, browser, baseURL }, testInfo) => {
    const account = await signIn(page, 'default');
    const other = await anotherBrowser(browser, testInfo, account, baseURL);
    await page.goto('/developer/security');
    const sessions = page.getByRole('region', { name: '登录会话' });
    await expect(sessions.getByRole('listitem').first()).toContainText('当前设备');
    await expect(sessions.getByRole('listitem').filter({ hasText: 'Linux 上的 Firefox' })).toContainText('香港');
    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'zh-sessions');
    await sessions.getByRole('button', { name: '退出 Linux 上的 Firefox' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Linux 上的 Firefox 已退出。' })).toBeAttached();
    await other.context.close();
  });
});
