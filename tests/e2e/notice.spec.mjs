// The notice page ({basePath}/notice), in a fresh browser with no session: from an email's
// link (its token leaves the address bar at once) or, from an SMS, by the address and a code
// to it. "Yes, this was me" needs no code; cancel, undo and secure need a fresh one. Each
// step's heading takes focus, and each is checked with axe. Also: a change authorised from
// the other channel cools off, and the change dialog says so.
import { test, expect } from '@playwright/test';
import { signIn, outbox, codeFor, withDevApi, sentCount } from './support/dev-api.mjs';
import { confirmCode, expectAccessible, keepScreenshot, lastFour, dialog, watchErrors } from './support/page.mjs';

/** Over HTTP, as the console does: identity by `method`, then `field` (`recovery/email`…) set to `value`. */
async function changeOverHttp(page, account, method, path, value) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'csrf_token').value;
  const headers = { 'x-csrf-token': csrf };
  const post = async (url, data, extra = {}) => {
    const response = await page.request.post(`/api/v1${url}`, { data, headers: { ...headers, ...extra } });
    expect(response.ok(), url).toBeTruthy();
    return response.json();
  };
  const to = method === 'sms' ? account.recovery_mobile : account.recovery_email;
  const before = await sentCount(page.request, to, 'identity');
  const challenge = await post('/identity/challenges', { method });
  const { ticket } = await post(`/identity/challenges/${challenge.challenge_id}/verify`, {
    code: await codeFor(page.request, to, 'identity', before),
  });
  headers['x-csrf-token'] = (await page.context().cookies()).find((c) => c.name === 'csrf_token').value;
  const sent = await post(`/${path}/challenges`, { value }, { 'x-identity-ticket': ticket });
  const code = await codeFor(page.request, value, path === 'login-email' ? 'change_login_email' : 'change_recovery');
  const response = await page.request.put(`/api/v1/${path}`, {
    data: { challenge_id: sent.challenge_id, code },
    headers: { ...headers, 'x-identity-ticket': ticket },
  });
  expect([200, 202]).toContain(response.status());
  return response.json();
}

/** The newest notice sent to `to`. */
async function noticeTo(request, to) {
  return (await outbox(request, to)).filter((m) => m.purpose === 'notify').pop();
}

/** A step's heading, focused once it shows. */
async function expectStep(page, name) {
  const heading = page.getByRole('heading', { level: 2, name });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
}

test('from the email link, the old recovery email cancels a change cooling off, in a browser with no session', async ({ browser }, testInfo) => {
  // dev-api's own defaults: a change by a code to the other recovery address waits 24 h.
  await withDevApi(browser, testInfo, [], async (page, baseURL) => {
    const account = await signIn(page);
    const newAddress = `thief-${account.account_id}@example.dev`;
    const done = await changeOverHttp(page, account, 'sms', 'recovery/email', newAddress);
    expect(done.state).toBe('cooling_off');
    const notice = await noticeTo(page.request, account.recovery_email);
    expect(notice.actions).toEqual(['confirm', 'cancel', 'secure']);
    expect(notice.link).toMatch(/\/developer\/notice#t=/);
    expect(notice.body).toContain(notice.link);

    // The person who got the email, on another device: no cookie at all.
    const stranger = await browser.newContext({ ...testInfo.project.use, baseURL });
    const reader = await stranger.newPage();
    const errors = watchErrors(reader);
    const requests = [];
    reader.on('request', (r) => requests.push(r));
    await reader.goto(notice.link);
    await expect(reader.getByRole('heading', { level: 1, name: 'A change to your account' })).toBeVisible();
    await expect(reader.getByRole('heading', { level: 2, name: 'What changed' })).toBeVisible();
    // The token left the address bar, and reached no other site.
    expect(reader.url()).toBe(`${baseURL}/developer/notice`);
    await expect(reader.getByText(`Recovery email address: u***@example.com → t***@example.dev`)).toBeVisible();
    await expect(reader.getByText(/^Takes effect .+ unless cancelled\.$/)).toBeVisible();
    await expect(reader.getByText(`With a code sent to +86 138****${lastFour(account.recovery_mobile)}`)).toBeVisible();
    await expect(reader.getByText(`Reference ${notice.ref}`)).toBeVisible();
    await expectAccessible(reader);
    await keepScreenshot(reader, testInfo, 'en-notice-1-summary');

    await reader.getByRole('button', { name: "No, this wasn't me" }).click();
    await expectStep(reader, 'What should we do?');
    await expect(reader.getByRole('radio', { name: 'Cancel the change' })).toBeChecked();
    await expect(reader.getByText('Recovery email address stays u***@example.com. Nothing else changes.')).toBeVisible();
    await expect(reader.getByRole('radio', { name: 'Secure my account' })).toBeVisible();
    await expect(reader.getByRole('radio', { name: 'Undo the change' })).toHaveCount(0);
    await expectAccessible(reader);
    await keepScreenshot(reader, testInfo, 'en-notice-2-choose');
    await reader.getByRole('button', { name: 'Continue' }).click();

    await expectStep(reader, 'Confirm it is you');
    await expect(reader.getByText('We send a code to u***@example.com, where this notice went.')).toBeVisible();
    await reader.getByRole('button', { name: 'Send Verification Code' }).click();
    const field = reader.getByLabel('Verification code');
    await expect(field).toBeFocused();
    await expect(reader.getByText('A verification code was sent to u***@example.com.')).toBeVisible();
    // A wrong code is said so, and what was typed stays.
    await field.fill('000000');
    await field.press('Enter');
    await expect(reader.getByRole('alert')).toHaveText(/That code is not correct\. Attempts left: \d\./);
    await expect(field).toHaveValue('000000');
    await expectAccessible(reader);
    await keepScreenshot(reader, testInfo, 'en-notice-3-code');
    await field.fill(await codeFor(page.request, account.recovery_email, 'notice_action'));
    await reader.getByRole('button', { name: 'Verify' }).click();

    await expectStep(reader, 'Done');
    await expect(reader.getByRole('status')).toHaveText('The change was cancelled: Recovery email address stays u***@example.com.');
    await expect(reader.getByText(`If you cannot sign in, appeal and quote reference ${notice.ref}.`)).toBeVisible();
    await expectAccessible(reader);
    await keepScreenshot(reader, testInfo, 'en-notice-4-done');
    // The wrong code's 422 is the browser's own line; nothing else went wrong.
    expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
    expect(requests.every((r) => r.url().startsWith(baseURL))).toBeTruthy();
    for (const request of requests) {
      expect(await request.headerValue('referer')).toBeNull();
    }

    // The owner's console: nothing waits any more; the link is used up.
    const account2 = await (await page.request.get('/api/v1/account')).json();
    expect(account2.pending).toEqual({});
    expect(account2.recovery_email.masked).toBe('u***@example.com');
    await reader.goto(notice.link);
    await expectStep(reader, 'This link can no longer be used');
    await stranger.close();
  });
});

test('from an SMS, the old recovery mobile finds its notice by its number and undoes the change; the account is secured', async ({ browser, page }, testInfo) => {
  const account = await signIn(page);
  const errors = watchErrors(page);
  await page.goto('/developer/security');
  // This server takes a change at once (--cooling-off 0); the number it replaced may undo it.
  await changeOverHttp(page, account, 'email', 'recovery/mobile', '+85251234567');
  const sms = await noticeTo(page.request, account.recovery_mobile);
  expect(sms.link).toBeNull();
  expect(sms.body).toMatch(/Within 7 days visit http:\/\/127\.0\.0\.1:\d+\/developer\/notice and enter ref [2-9A-Z]{8}\./);

  const stranger = await browser.newContext({ ...testInfo.project.use });
  const reader = await stranger.newPage();
  await reader.goto('/developer/notice');
  await expect(reader.getByRole('heading', { level: 2, name: 'Find your notice' })).toBeVisible();
  await expectAccessible(reader);
  await keepScreenshot(reader, testInfo, 'en-notice-sms-1-find');
  const address = reader.getByLabel('Mobile number or email address');
  // Bad input is said so and kept.
  await address.fill('12345');
  await reader.getByRole('button', { name: 'Send Verification Code' }).click();
  await expect(reader.getByRole('alert')).toHaveText('Enter a mobile number in international form or an email address.');
  await expect(address).toHaveValue('12345');
  await address.fill(account.recovery_mobile);
  await address.press('Enter');
  await expect(reader.getByLabel('Verification code')).toBeFocused();
  await reader.getByLabel('Verification code').fill(await codeFor(page.request, account.recovery_mobile, 'notice_lookup'));
  await reader.getByRole('button', { name: 'Verify' }).click();

  await expectStep(reader, 'What changed');
  await expect(reader.getByText(`Recovery mobile number: +86 138****${lastFour(account.recovery_mobile)} → +852 5***4567`)).toBeVisible();
  await expect(reader.getByText(/^In effect; can be undone until .+\.$/)).toBeVisible();
  await reader.getByRole('button', { name: "No, this wasn't me" }).click();
  await expectStep(reader, 'What should we do?');
  const undo = reader.getByRole('radio', { name: 'Undo the change' });
  await expect(undo).toBeChecked();
  await expect(reader.getByRole('radio', { name: 'Cancel the change' })).toHaveCount(0);
  await expectAccessible(reader);
  // The code to the number was the proof: no second code.
  await reader.getByRole('button', { name: 'Continue' }).click();
  await expectStep(reader, 'Done');
  await expect(reader.getByRole('status')).toHaveText(
    `The change was undone: Recovery mobile number is +86 138****${lastFour(account.recovery_mobile)} again.`,
  );
  await expect(reader.getByText(/^Devices signed out: 1\. Security changes are paused until .+\.$/)).toBeVisible();
  await expect(reader.getByRole('link', { name: 'Sign in and change your password' })).toBeVisible();
  await expectAccessible(reader);
  await keepScreenshot(reader, testInfo, 'en-notice-sms-2-done');
  await stranger.close();

  // The console that made the change was signed out; signed in again, its changes are held.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your session has expired' })).toBeVisible();
  await page.request.post('/__dev/login', { data: { account_id: account.account_id } });
  await page.goto('/developer/security');
  await expect(page.getByText(`+86 138****${lastFour(account.recovery_mobile)}`, { exact: true })).toBeVisible();
  const events = page.getByRole('region', { name: 'Recent changes' });
  await expect(events.getByText('secured from a notice')).toBeVisible();
  await expect(events.getByText('change undone from a notice')).toBeVisible();
  expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
});

test('from an SMS, the reference typed opens its notice first; without one, the open notices are listed', async ({ browser }, testInfo) => {
  await withDevApi(browser, testInfo, ['--resend-cooldown', '0s', '--cooling-off', '0'], async (page, baseURL) => {
    const account = await signIn(page);
    // Two changes the recovery mobile is told of: the login email (by a code to it), then the
    // recovery mobile itself (by a code to the recovery email).
    await changeOverHttp(page, account, 'sms', 'login-email', `ref-${account.account_id}@example.dev`);
    await changeOverHttp(page, account, 'email', 'recovery/mobile', '+85251234567');
    const events = (await (await page.request.get('/api/v1/account/events')).json()).events;
    const reference = events.find((e) => e.field === 'recovery_mobile').ref;

    const stranger = await browser.newContext({ ...testInfo.project.use, baseURL });
    const reader = await stranger.newPage();
    const find = async (typedRef) => {
      await reader.goto('/developer/notice');
      await reader.getByLabel('Mobile number or email address').fill(account.recovery_mobile);
      await reader.getByLabel('Reference from the message (if you have it)').fill(typedRef);
      const before = (await outbox(page.request, account.recovery_mobile)).filter((m) => m.purpose === 'notice_lookup').length;
      await reader.getByRole('button', { name: 'Send Verification Code' }).click();
      await reader.getByLabel('Verification code').fill(await codeFor(page.request, account.recovery_mobile, 'notice_lookup', before));
      await reader.getByRole('button', { name: 'Verify' }).click();
    };
    // Typed as people type it, in lower case.
    await find(reference.toLowerCase());
    await expectStep(reader, 'What changed');
    await expect(reader.getByText(`Recovery mobile number: +86 138****${lastFour(account.recovery_mobile)} → +852 5***4567`)).toBeVisible();
    await expect(reader.getByText(`Reference ${reference}`)).toBeVisible();

    await find('');
    await expectStep(reader, 'Find your notice');
    const list = reader.getByRole('listitem');
    await expect(list).toHaveCount(2);
    await expectAccessible(reader);
    await keepScreenshot(reader, testInfo, 'en-notice-sms-found');
    await reader.getByRole('button', { name: `Open: ${reference}` }).click();
    await expectStep(reader, 'What changed');
    await expect(reader.getByText(/^Recovery mobile number: /)).toBeVisible();
    await stranger.close();
  });
});

test('"Yes, this was me" needs no code, and an unusable link says so and offers the address', async ({ browser, page }, testInfo) => {
  const account = await signIn(page);
  await changeOverHttp(page, account, 'sms', 'login-email', `me-${account.account_id}@example.dev`);
  const notice = await noticeTo(page.request, account.recovery_email);
  expect(notice.actions).toEqual(['confirm', 'secure']);
  const stranger = await browser.newContext({ ...testInfo.project.use });
  const reader = await stranger.newPage();
  await reader.goto(notice.link);
  await expect(reader.getByRole('button', { name: "No, this wasn't me" })).toBeVisible();
  await reader.getByRole('button', { name: 'Yes, this was me' }).click();
  await expectStep(reader, 'Done');
  await expect(reader.getByRole('status')).toHaveText('Thank you. Nothing else needs doing.');

  await reader.goto('/developer/notice#t=not-a-token');
  await expectStep(reader, 'This link can no longer be used');
  expect(reader.url()).not.toContain('not-a-token');
  await expectAccessible(reader);
  await keepScreenshot(reader, testInfo, 'en-notice-invalid');
  await reader.getByRole('button', { name: 'Find notices by address' }).click();
  await expectStep(reader, 'Find your notice');
  await stranger.close();
});

test('from the link, another address of the account secures it: every session signed out, security changes held', async ({ browser, page }, testInfo) => {
  const account = await signIn(page);
  await changeOverHttp(page, account, 'sms', 'login-email', `sec-${account.account_id}@example.dev`);
  const notice = await noticeTo(page.request, account.recovery_email);
  const stranger = await browser.newContext({ ...testInfo.project.use });
  const reader = await stranger.newPage();
  await reader.goto(notice.link);
  await reader.getByRole('button', { name: "No, this wasn't me" }).click();
  await expectStep(reader, 'What should we do?');
  // The login email changed was not this address's: it may secure, not undo.
  await expect(reader.getByRole('radio')).toHaveCount(1);
  await expect(reader.getByRole('radio', { name: 'Secure my account' })).toBeChecked();
  await reader.getByRole('button', { name: 'Continue' }).click();
  await expectStep(reader, 'Confirm it is you');
  await reader.getByRole('button', { name: 'Send Verification Code' }).click();
  await reader.getByLabel('Verification code').fill(await codeFor(page.request, account.recovery_email, 'notice_action'));
  await reader.getByLabel('Verification code').press('Enter');
  await expectStep(reader, 'Done');
  await expect(reader.getByRole('status')).toHaveText('Your account is secured.');
  await expect(reader.getByText(/^Devices signed out: 1\. Security changes are paused until .+\.$/)).toBeVisible();
  await expectAccessible(reader);
  await keepScreenshot(reader, testInfo, 'en-notice-secured');
  await stranger.close();

  // Signed in again, the owner reads the account, and a security change is refused while held.
  await page.request.post('/__dev/login', { data: { account_id: account.account_id } });
  const held = await (await page.request.get('/api/v1/account')).json();
  expect(held.security_hold.until).toBeTruthy();
  // Every page says why, until when, and where to look and to appeal.
  const banner = /^Security changes are paused until .+ because a change was reported from a notice\. Every device was signed out\.$/;
  await page.goto('/developer');
  await expect(page.getByRole('note').getByText(banner)).toBeVisible();
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-hold-banner');
  await page.getByRole('note').getByRole('link', { name: 'What happened' }).click();
  await expect(page.getByRole('heading', { name: 'Security Settings', level: 1 })).toBeVisible();
  await expect(page.getByRole('note').getByText(banner)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Recent changes' }).getByText('Account', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Recent changes' }).getByText('secured from a notice')).toBeVisible();
  // Every Edit and Bind is disabled, and described by the banner; a click opens nothing.
  const edit = page.getByRole('link', { name: 'Edit recovery email address' });
  await expect(edit).toBeDisabled();
  await expect(edit).toHaveAccessibleDescription(banner);
  await expect(page.getByRole('link', { name: 'Edit login email address' })).toBeDisabled();
  // A click (past Playwright's own wait for an enabled target) opens nothing.
  await edit.click({ force: true });
  await expect(page).toHaveURL(/\/developer\/security$/);
  await expect(dialog(page)).toHaveCount(0);
  await page.goto('/developer/user-details');
  await expect(page.getByRole('button', { name: 'Edit contact mobile number' })).toHaveAccessibleDescription(banner);
  await expect(page.getByRole('button', { name: 'Edit contact email address' })).toBeDisabled();
  // A dialog's own address still opens it; the backend refuses the change.
  await page.goto('/developer/security?edit=recovery-email');
  await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
  await dialog(page).getByLabel('Verification code').fill(await codeFor(page.request, account.recovery_mobile, 'identity', 1));
  await dialog(page).getByLabel('New email address').fill(`x-${account.account_id}@example.dev`);
  await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
  await expect(dialog(page).getByRole('alert')).toHaveText(
    'Security changes are paused: the account was secured from a notice. Signing in and verifying still work.',
  );
});

test('in Chinese: the notice page speaks the browser\'s language', async ({ browser, page }, testInfo) => {
  const account = await signIn(page);
  await changeOverHttp(page, account, 'sms', 'login-email', `zh-${account.account_id}@example.dev`);
  const notice = await noticeTo(page.request, account.recovery_email);
  for (const [locale, title, what, yes] of [
    ['zh-CN', '您的账号有变更', '变更内容', '是的，是我本人操作'],
    ['zh-TW', '您的帳號有變更', '變更內容', '是的，是我本人操作'],
  ]) {
    const stranger = await browser.newContext({ ...testInfo.project.use, locale });
    const reader = await stranger.newPage();
    await reader.goto(notice.link);
    await expect(reader.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(reader.getByRole('heading', { level: 2, name: what })).toBeVisible();
    await expect(reader.getByRole('button', { name: yes })).toBeVisible();
    await expect(reader.locator('#notice')).toHaveAttribute('lang', locale === 'zh-CN' ? 'zh-CN' : 'zh-Hant');
    await expectAccessible(reader);
    await keepScreenshot(reader, testInfo, `${locale}-notice-summary`);
    await stranger.close();
  }
});

test('a change from the other channel cools off, and the change dialog says when it takes effect', async ({ browser }, testInfo) => {
  await withDevApi(browser, testInfo, [], async (page) => {
    const account = await signIn(page);
    await page.goto('/developer/security');
    await page.getByRole('link', { name: 'Edit recovery email address' }).click();
    await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
    await dialog(page).getByLabel('Verification code').fill(await codeFor(page.request, account.recovery_mobile, 'identity'));
    const value = `later-${account.account_id}@example.dev`;
    await dialog(page).getByLabel('New email address').fill(value);
    await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
    await confirmCode(page, await codeFor(page.request, value, 'change_recovery'));
    await expect(dialog(page)).toHaveCount(0);
    await expect(
      page.getByText(
        new RegExp(
          `^Recovery email address changes to l\\*\\*\\*@example\\.dev on .+\\. Until then codes still go to u\\*\\*\\*@example\\.com, which can cancel it\\. A notice was sent to u\\*\\*\\*@example\\.com, \\+86 138\\*\\*\\*\\*${lastFour(account.recovery_mobile)}, l\\*\\*\\*@example\\.com\\.`,
        ),
      ),
    ).toBeVisible();
    // The value in effect is still the old one, and its row says what waits, with Cancel change.
    const protection = page.getByRole('region', { name: 'Account protection' });
    await expect(protection.getByText('u***@example.com', { exact: true })).toBeVisible();
    const line = protection.getByText(
      /^Recovery email address changes to l\*\*\*@example\.dev on .+\. Until then codes still go to u\*\*\*@example\.com, which can cancel it\.$/,
    );
    await expect(line).toBeVisible();
    await keepScreenshot(page, testInfo, 'en-cooling-off-saved');
    const cancel = protection.getByRole('button', { name: 'Cancel change: Recovery email address' });
    await expect(cancel).toBeVisible();
    await expectAccessible(page);

    // A cancel whose request fails says so under the line, focus on its button; the change
    // still waits, on the page as on the server.
    await page.route('**/api/v1/account/changes/*/cancel', (route) => route.abort());
    await cancel.click();
    await expect(protection.getByRole('alert')).toHaveText(/./);
    await expect(cancel).toBeFocused();
    await expect(line).toBeVisible();
    expect((await (await page.request.get('/api/v1/account')).json()).pending.recovery_email).toBeTruthy();
    await page.unroute('**/api/v1/account/changes/*/cancel');

    await cancel.click();
    await expect(line).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'The change of Recovery email address was cancelled.' })).toHaveCount(1);
    await expect(page.getByRole('link', { name: 'Edit recovery email address' })).toBeFocused();
    expect((await (await page.request.get('/api/v1/account')).json()).pending?.recovery_email).toBeUndefined();
    await expect(protection.getByText('u***@example.com', { exact: true })).toBeVisible();
  });
});

test('a factor its previous holder may still undo says who, and until when, under its row', async ({ page }, testInfo) => {
  const account = await signIn(page);
  // This server takes a change at once; the number it replaced may undo it from its notice.
  await changeOverHttp(page, account, 'email', 'recovery/mobile', '+85251234567');
  await page.goto('/developer/security');
  const protection = page.getByRole('region', { name: 'Account protection' });
  await expect(protection.getByText('+852 5***4567', { exact: true })).toBeVisible();
  const line = protection.getByText(
    new RegExp(`^\\+86 138\\*\\*\\*\\*${lastFour(account.recovery_mobile)} can undo this change until .+\\.$`),
  );
  await expect(line).toBeVisible();
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-undoable-row');
  // Past the window, nobody can: the line goes.
  expect((await page.request.post('/__dev/expire/revert_window')).ok()).toBeTruthy();
  await page.reload();
  await expect(protection.getByText('+852 5***4567', { exact: true })).toBeVisible();
  await expect(line).toHaveCount(0);
});

test('in Chinese, the row of a change cooling off, with its Cancel change', async ({ browser }, testInfo) => {
  await withDevApi(browser, testInfo, [], async (page, baseURL) => {
    const account = await signIn(page);
    await changeOverHttp(page, account, 'sms', 'recovery/email', `zh-${account.account_id}@example.dev`);
    for (const [locale, prefix, line, cancel] of [
      ['zh-CN', 'zh', /^密保邮箱将于 .+ 改为 z\*\*\*@example\.dev。在此之前验证码仍发送到 u\*\*\*@example\.com，它可以取消此变更。$/, '取消变更：密保邮箱'],
      ['zh-TW', 'zh-hant', /^密保郵箱將於 .+ 改為 z\*\*\*@example\.dev。在此之前驗證碼仍傳送到 u\*\*\*@example\.com，它可以取消此變更。$/, '取消變更：密保郵箱'],
    ]) {
      const chinese = await browser.newContext({ ...testInfo.project.use, baseURL, locale });
      const reader = await chinese.newPage();
      await reader.request.post('/__dev/login', { data: { account_id: account.account_id } });
      await reader.goto('/developer/security');
      await expect(reader.getByText(line)).toBeVisible();
      await expect(reader.getByRole('button', { name: cancel })).toBeVisible();
      await expectAccessible(reader);
      await keepScreenshot(reader, testInfo, `${prefix}-cooling-off-row`);
      await chinese.close();
    }
  });
});

test('in Chinese, the row of a change its previous holder may undo', async ({ browser, page }, testInfo) => {
  const account = await signIn(page);
  await changeOverHttp(page, account, 'email', 'recovery/mobile', '+85251234567');
  const number = `\\+86 138\\*\\*\\*\\*${lastFour(account.recovery_mobile)}`;
  for (const [locale, prefix, line] of [
    ['zh-CN', 'zh', new RegExp(`^${number} 可在 .+ 前撤销此变更。$`)],
    ['zh-TW', 'zh-hant', new RegExp(`^${number} 可在 .+ 前撤銷此變更。$`)],
  ]) {
    const chinese = await browser.newContext({ ...testInfo.project.use, locale });
    const reader = await chinese.newPage();
    await reader.request.post('/__dev/login', { data: { account_id: account.account_id } });
    await reader.goto('/developer/security');
    await expect(reader.getByText(line)).toBeVisible();
    await expectAccessible(reader);
    await keepScreenshot(reader, testInfo, `${prefix}-undoable-row`);
    await chinese.close();
  }
});
