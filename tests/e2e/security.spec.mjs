// Security Settings: change the recovery mobile and email, bind or modify the login email,
// and the Recent changes list.
import { test, expect } from '@playwright/test';
import { signIn, outbox, codeFor, withDevApi, mine, verifyIdentity, sentCount } from './support/dev-api.mjs';
import { confirmCode, expectAccessible, keepScreenshot, lastFour, dialog } from './support/page.mjs';

/** Opens the dialog of `name` and passes step 1 by SMS to the recovery mobile. */
async function openAndVerify(page, account, name, shots) {
  await page.goto('/developer/security');
  await page.getByRole('link', { name }).click();
  await expect(dialog(page).getByRole('heading', { name: /Step 1 of 2/ })).toBeVisible();
  // Step 1 starts at the chosen method; with one method only (no choice), at its heading.
  if ((await dialog(page).getByRole('radio').count()) > 0) {
    await expect(dialog(page).getByRole('radio', { name: /Text message to/ })).toBeFocused();
  } else {
    await expect(dialog(page).getByRole('heading', { name: /Step 1 of 2/ })).toBeFocused();
  }
  if (shots) {
    await expectAccessible(page);
    await keepScreenshot(page, shots.testInfo, `${shots.prefix}-1-identity`);
  }
  await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
  await expect(dialog(page).getByLabel('Verification code')).toBeFocused();
  const code = await codeFor(page.request, account.recovery_mobile, 'identity');
  await dialog(page).getByLabel('Verification code').fill(code);
  await expect(dialog(page).getByRole('heading', { name: /Step 2 of 2/ })).toBeVisible();
  // Step 2 starts at its first field, and says which step it is.
  const first = name.includes('mobile')
    ? dialog(page).getByRole('combobox', { name: 'Country/region calling code' })
    : dialog(page).getByLabel('New email address');
  await expect(first).toBeFocused();
  await expect(dialog(page).getByRole('status').filter({ hasText: /Step 2 of 2/ })).toHaveText(/Step 2 of 2/);
}

async function sendToNewEmail(page, address) {
  await dialog(page).getByLabel('New email address').fill(address);
  await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
}

/** After Send Verification Code: the code field has focus once the code is on its way. */
async function expectCodeFocused(page) {
  await expect(dialog(page).getByLabel('Verification code')).toBeFocused();
}

test('change the recovery mobile number: the old number is notified and the change is listed', async ({ page }, testInfo) => {
  const account = await signIn(page, 'default');
  await openAndVerify(page, account, 'Edit recovery mobile number', { testInfo, prefix: 'en-recovery' });
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-recovery-2-new-value');
  await dialog(page).getByRole('combobox', { name: 'Country/region calling code' }).fill('HK');
  const hk = `5${account.account_id.slice(-7)}`;
  const hkMasked = `+852 5***${hk.slice(-4)}`;
  await dialog(page).getByLabel('New mobile number').fill(hk);
  await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
  await expect(dialog(page).getByText(`A verification code was sent to ${hkMasked}.`)).toBeVisible();
  await expectCodeFocused(page);
  await expect(dialog(page).getByRole('button', { name: /Resend in \d+ s/ })).toBeDisabled();
  await expect(dialog(page).getByText('6 digits, then select OK')).toBeVisible();
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-recovery-3-code-sent');
  const code = await codeFor(page.request, `+852${hk}`, 'change_recovery');
  await confirmCode(page, code);

  const oldMasked = `+86 138****${lastFour(account.recovery_mobile)}`;
  const told = `${oldMasked}, u***@example.com, l***@example.com`;
  await expect(page.getByText(`Recovery mobile number changed to ${hkMasked}. A notice was sent to ${told}.`)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Edit recovery mobile number' })).toBeFocused();
  // The number replaced reads what happened, when, how it was allowed and what to do.
  const notice = (await outbox(page.request, account.recovery_mobile)).pop();
  expect(notice).toMatchObject({ purpose: 'notify', code: null, channel: 'sms', lang: 'en' });
  expect(notice.ref).toMatch(/^[A-Z0-9]{8}$/);
  expect(notice.body).toContain(`recovery mobile number changed to ${hkMasked} on `);
  expect(notice.body).toContain(notice.ref);
  expect(notice.body).not.toContain(hk);
  const protection = page.getByRole('region', { name: 'Account protection' });
  await expect(protection.getByText(hkMasked)).toBeVisible();
  // The newest entry of Recent changes is this change: what, from and to, how it was
  // allowed, who was told, when, and the reference the notices quote.
  const newest = page.getByRole('region', { name: 'Recent changes' }).getByRole('listitem').first();
  await expect(newest.getByText('Recovery mobile number changed')).toBeVisible();
  await expect(newest.getByText(`${oldMasked} → ${hkMasked}`)).toBeVisible();
  await expect(newest.getByText(`Authorised with a code sent to ${oldMasked}`)).toBeVisible();
  await expect(newest.getByText(`Notice sent to ${told}`)).toBeVisible();
  await expect(newest.getByText(`Reference ${notice.ref}`)).toBeVisible();
  const at = Date.parse(await newest.locator('time').getAttribute('datetime'));
  expect(Math.abs(Date.now() - at)).toBeLessThan(5 * 60_000);
  await keepScreenshot(page, testInfo, 'en-recovery-4-done');
});

test('step 2 names where the code goes only once the new value is complete', async ({ page }) => {
  const account = await signIn(page, 'default');
  await openAndVerify(page, account, 'Edit recovery email address');
  const field = dialog(page).getByLabel('New email address');
  await field.fill('half.');
  await expect(dialog(page).getByText(/We will send/).filter({ visible: true })).toHaveCount(0);
  await field.fill(`whole-${account.account_id}@example.dev`);
  await expect(dialog(page).getByText(`We will send a verification code to whole-${account.account_id}@example.dev.`)).toBeVisible();
  await field.fill('');
  await expect(dialog(page).getByText(/We will send/).filter({ visible: true })).toHaveCount(0);
});

test('change the recovery email address', async ({ page }) => {
  const account = await signIn(page, 'default');
  await openAndVerify(page, account, 'Edit recovery email address');
  await sendToNewEmail(page, mine('safe', account));
  await expectCodeFocused(page);
  const code = await codeFor(page.request, mine('safe', account), 'change_recovery');
  await confirmCode(page, code, { enter: true });
  await expect(
    page.getByText(`Recovery email address changed to s***@example.dev. A notice was sent to u***@example.com, +86 138****${lastFour(account.recovery_mobile)}, l***@example.com.`),
  ).toBeVisible();
  expect((await outbox(page.request, account.recovery_email)).pop()).toMatchObject({ purpose: 'notify', channel: 'email' });
  await expect(page.getByRole('region', { name: 'Recent changes' }).getByText('u***@example.com → s***@example.dev')).toBeVisible();
});

test('an account without a recovery email binds one', async ({ page }) => {
  const account = await signIn(page, 'no-recovery-email');
  await page.goto('/developer/security');
  await page.getByRole('link', { name: 'Bind recovery email address' }).click();
  // Its recovery mobile is the one way that qualifies: no choice, no password.
  await expect(dialog(page).getByRole('radio')).toHaveCount(0);
  await expect(dialog(page).getByLabel('Password', { exact: true })).toHaveCount(0);
  await openAndVerify(page, account, 'Bind recovery email address');
  await expect(dialog(page).getByRole('heading', { name: 'Bind recovery email address · Step 2 of 2' })).toBeVisible();
  await sendToNewEmail(page, mine('backup', account));
  await confirmCode(page, await codeFor(page.request, mine('backup', account), 'change_recovery'));
  await expect(page.getByText('Recovery email address b***@example.dev is bound.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Edit recovery email address' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Recent changes' }).getByText('Recovery email address bound')).toBeVisible();
});

test('bind a login email, then modify it; an address of another account is refused', async ({ browser }, testInfo) => {
  // Binding uses the identity ticket up; the second identity code comes without a cooldown here.
  await withDevApi(browser, testInfo, ['--resend-cooldown', '0s'], async (page) => {
    const account = await signIn(page, 'no-login-email');
    await openAndVerify(page, account, 'Bind login email address', { testInfo, prefix: 'en-login-bind' });
    // A taken address gets its code like any other (no oracle); the holder who enters it
    // learns that it is bound to another account.
    await sendToNewEmail(page, 'taken@example.com');
    await expect(dialog(page).getByText('A verification code was sent to t***@example.com.')).toBeVisible();
    await confirmCode(page, await codeFor(page.request, 'taken@example.com', 'change_login_email'));
    await expect(dialog(page).getByText('This email address is already bound to another account. Use a different address.')).toBeVisible();
    await expect(dialog(page).getByLabel('New email address')).toHaveValue('taken@example.com');
    // That code is spent: OK waits for a code to another address.
    await expect(dialog(page).getByRole('button', { name: 'OK' })).toBeDisabled();
    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'en-login-already-bound');
    await sendToNewEmail(page, mine('me', account));
    const code = await codeFor(page.request, mine('me', account), 'change_login_email');
    await confirmCode(page, code);
    await expect(page.getByText('Login email address m***@example.dev is bound. You can now sign in with it.')).toBeVisible();
    const login = page.getByRole('region', { name: 'Login methods' });
    await expect(login.getByText('m***@example.dev')).toBeVisible();

    // Binding used the ticket up: Edit asks who the user is again.
    await login.getByRole('link', { name: 'Edit login email address' }).click();
    await expect(dialog(page).getByRole('heading', { name: 'Change login email address · Step 1 of 2' })).toBeVisible();
    await expect(dialog(page).getByRole('radio', { name: /Text message to/ })).toBeFocused();
    const sent = await sentCount(page.request, account.recovery_mobile, 'identity');
    await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
    await expectCodeFocused(page);
    await dialog(page).getByLabel('Verification code').fill(await codeFor(page.request, account.recovery_mobile, 'identity', sent));
    await expect(dialog(page).getByRole('heading', { name: 'Change login email address · Step 2 of 2' })).toBeVisible();
    await expect(dialog(page).getByLabel('New email address')).toBeFocused();
    await sendToNewEmail(page, mine('me2', account));
    await expectCodeFocused(page);
    const second = await codeFor(page.request, mine('me2', account), 'change_login_email');
    await confirmCode(page, second);
    await expect(
      page.getByText(`Login email address changed to m***@example.dev. A notice was sent to m***@example.dev, +86 138****${lastFour(account.recovery_mobile)}, u***@example.com.`),
    ).toBeVisible();
    expect((await outbox(page.request, mine('me', account))).pop()).toMatchObject({ purpose: 'notify' });
    await expect(page.getByRole('region', { name: 'Recent changes' }).getByText('Login email address bound')).toBeVisible();
  });
});

test('wrong, dead and expired codes for the new value', async ({ browser }, testInfo) => {
  // A second address right after the first: this dev-api has no cooldown.
  await withDevApi(browser, testInfo, ['--resend-cooldown', '0s'], async (page) => {
    const account = await signIn(page, 'default');
    await openAndVerify(page, account, 'Edit recovery email address');
    await sendToNewEmail(page, mine('new', account));
    const code = await codeFor(page.request, mine('new', account), 'change_recovery');
    const wrong = String((Number(code) + 1) % 1000000).padStart(6, '0');
    const field = dialog(page).getByLabel('Verification code');
    await confirmCode(page, wrong);
    await expect(dialog(page).getByText('That code is not correct. Attempts left: 4.')).toBeVisible();
    // Back in the emptied field, to type it again.
    await expect(field).toHaveValue('');
    await expect(field).toBeFocused();
    for (let i = 0; i < 3; i++) {
      await confirmCode(page, wrong, { enter: true });
      await expect(field).toHaveValue('');
    }
    await confirmCode(page, wrong);
    await expect(dialog(page).getByText('Too many wrong codes. This code no longer works; send a new code.')).toBeVisible();
    await expect(dialog(page).getByRole('button', { name: 'OK' })).toBeDisabled();

    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('link', { name: 'Edit recovery email address' }).click();
    await sendToNewEmail(page, mine('other', account));
    const otherCode = await codeFor(page.request, mine('other', account), 'change_recovery');
    await page.request.post('/__dev/expire/codes');
    await confirmCode(page, otherCode);
    await expect(dialog(page).getByText('This code has expired. Send a new code.')).toBeVisible();
  });
});

test('closing after a code was sent and reopening resumes the countdown; a different address starts fresh', async ({ page }) => {
  const account = await signIn(page, 'default');
  await openAndVerify(page, account, 'Edit recovery email address');
  await sendToNewEmail(page, mine('resume', account));
  const resend = dialog(page).getByRole('button', { name: /Resend in \d+ s/ });
  await expect(resend).toBeDisabled();
  const first = Number((await resend.textContent()).match(/\d+/)[0]);
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Edit recovery email address' })).toBeFocused();

  await page.getByRole('link', { name: 'Edit recovery email address' }).click();
  await expect(dialog(page).getByLabel('New email address')).toHaveValue(mine('resume', account));
  await expect(dialog(page).getByText('A verification code was sent to r***@example.dev.')).toBeVisible();
  await expect.poll(async () => Number((await dialog(page).getByRole('button', { name: /Resend in/ }).textContent()).match(/\d+/)[0])).toBeLessThan(first);
  // The code still works after the reopen.
  await dialog(page).getByLabel('New email address').fill(mine('fresh', account));
  await expect(dialog(page).getByRole('button', { name: 'Send Verification Code' })).toBeEnabled();
  await dialog(page).getByLabel('New email address').fill(mine('resume', account));
  const code = await codeFor(page.request, mine('resume', account), 'change_recovery');
  await confirmCode(page, code);
  await expect(page.getByText(/Recovery email address changed to r\*\*\*@example\.dev/)).toBeVisible();
});

test('a ticket that expires between the steps goes back to step 1, then forward with the value intact', async ({ browser }, testInfo) => {
  // Identity codes share one cooldown whatever the method: this dev-api has none.
  await withDevApi(browser, testInfo, ['--resend-cooldown', '0s'], async (page) => {
    const account = await signIn(page, 'default');
    await openAndVerify(page, account, 'Edit recovery email address');
    await page.request.post('/__dev/expire/identity');
    await sendToNewEmail(page, mine('kept', account));
    await expect(dialog(page).getByRole('heading', { name: /Step 1 of 2/ })).toBeVisible();
    await expect(dialog(page).getByText('Verify your identity to make this change.')).toBeVisible();
    // Back at step 1: focus on its first field, never on the hidden step 2.
    await expect(dialog(page).getByRole('radio', { name: /Text message to/ })).toBeFocused();
    await dialog(page).getByRole('radio', { name: /Email to/ }).check();
    await verifyIdentity(page, account.recovery_email);
    await expect(dialog(page).getByRole('heading', { name: /Step 2 of 2/ })).toBeVisible();
    await expect(dialog(page).getByLabel('New email address')).toHaveValue(mine('kept', account));
    await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
    await codeFor(page.request, mine('kept', account), 'change_recovery');
  });
});

test('a ticket past its expiry is not offered: the next change starts by verifying identity', async ({ page }) => {
  await page.clock.install();
  const account = await signIn(page, 'default');
  await page.goto('/developer/user-details');
  await page.getByRole('button', { name: 'Edit contact email address' }).click();
  await dialog(page).getByLabel('New email address').fill(mine('held', account));
  await dialog(page).getByRole('button', { name: 'OK' }).click();
  await verifyIdentity(page, account.recovery_mobile);
  await expect(dialog(page).getByText(/^Enter the code sent to h\*\*\*@example\.dev /)).toBeVisible();
  await expect(dialog(page).getByLabel('Verification code')).toBeFocused();
  await page.keyboard.press('Escape');

  // Within the ticket's lifetime, a recovery change starts at the new value.
  await page.getByRole('navigation').getByRole('link', { name: 'Security Settings' }).click();
  await page.getByRole('link', { name: 'Edit recovery email address' }).click();
  await expect(dialog(page).getByRole('heading', { name: 'Change recovery email address · Step 2 of 2' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);

  // Ten minutes on, the ticket has expired: the dialog asks who the user is first.
  await page.clock.fastForward('10:01');
  await page.getByRole('link', { name: 'Edit recovery email address' }).click();
  await expect(dialog(page).getByRole('heading', { name: 'Change recovery email address · Step 1 of 2' })).toBeVisible();
  await expect(dialog(page).getByRole('radio', { name: /Text message to/ })).toBeFocused();
});

test('an expired session mid-flow ends in the sign-in view that comes back to the same dialog', async ({ page }) => {
  const account = await signIn(page, 'default');
  await openAndVerify(page, account, 'Edit recovery mobile number');
  await page.request.post('/__dev/expire-session');
  await dialog(page).getByRole('combobox', { name: 'Country/region calling code' }).fill('CN');
  await dialog(page).getByLabel('New mobile number').fill('13912345678');
  await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
  await expect(page.getByRole('heading', { name: 'Your session has expired' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/__dev/login?redirect=/developer/security%3Fedit%3Drecovery-mobile');
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog(page).getByRole('heading', { name: /Change recovery mobile number/ })).toBeVisible();
});

test('the daily limit of codes to one address is explained', async ({ browser }, testInfo) => {
  await withDevApi(browser, testInfo, ['--daily-limit', '1', '--resend-cooldown', '0s'], async (page) => {
    const account = await signIn(page, 'default');
    await openAndVerify(page, account, 'Edit recovery email address');
    await sendToNewEmail(page, mine('limit', account));
    await codeFor(page.request, mine('limit', account), 'change_recovery');
    const limited = page.waitForResponse((r) => r.status() === 429);
    // When the limit lifts, as the browser itself writes a local date and time.
    const at = (ms) =>
      page.evaluate(
        (t) => new Date(t).toLocaleString('en-US', { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' }),
        ms,
      );
    const before = Date.now();
    await dialog(page).getByRole('button', { name: 'Resend code' }).click();
    const wait = Number((await limited).headers()['retry-after']) * 1000;
    const after = Date.now();
    const said = dialog(page).getByText(/^Too many codes were sent to this address today\. Try again after /);
    await expect(said).toBeVisible();
    const text = (await said.textContent()).replace(/[\u00a0\u202f]/g, ' ');
    // Retry-After is in whole seconds and the app counts with the server's clock: a couple
    // of seconds either way, which may cross a minute.
    const times = [await at(before + wait - 2000), await at(after + wait + 2000)].map((t) => t.replace(/[\u00a0\u202f]/g, ' '));
    expect(times.map((t) => `Too many codes were sent to this address today. Try again after ${t}.`)).toContain(text);
    await expectAccessible(page);
  });
});

test('a recovery change signs out every other session of the account, unless the box is cleared', async ({ browser }, testInfo) => {
  // Two changes in a row: no cooldown between their identity codes; each in effect at once.
  await withDevApi(browser, testInfo, ['--resend-cooldown', '0s', '--cooling-off', '0'], async (page, baseURL) => {
    const account = await signIn(page, 'default');
    // The same account in another browser.
    const laptop = await browser.newContext({ ...testInfo.project.use, baseURL });
    const elsewhere = await laptop.newPage();
    expect((await elsewhere.request.post('/__dev/login', { data: { account_id: account.account_id } })).ok()).toBeTruthy();
    await elsewhere.goto('/developer');
    await expect(elsewhere.getByRole('heading', { name: 'Account Information', level: 1 })).toBeVisible();

    // Cleared: the other session goes on.
    await openAndVerify(page, account, 'Edit recovery email address');
    await sendToNewEmail(page, mine('keep', account));
    await expectCodeFocused(page);
    const box = dialog(page).getByRole('checkbox', { name: 'Sign out of all other sessions' });
    await expect(box).toBeChecked();
    await expect(box).toHaveAccessibleDescription('Other browsers and devices signed in to this account must sign in again.');
    await box.uncheck();
    await confirmCode(page, await codeFor(page.request, mine('keep', account), 'change_recovery'));
    const saved = page.getByText('Recovery email address changed to k***@example.dev.');
    await expect(saved).toBeVisible();
    await expect(saved).not.toContainText('other sessions');
    await elsewhere.getByRole('navigation').getByRole('link', { name: 'Security Settings' }).click();
    await expect(elsewhere.getByRole('heading', { name: 'Security Settings', level: 1 })).toBeVisible();
    await expect(elsewhere.getByRole('region', { name: 'Recent changes' }).getByText('u***@example.com → k***@example.dev')).toBeVisible();

    // Left checked, as it starts: the other session must sign in again; this one goes on.
    await openAndVerify(page, account, 'Edit recovery email address');
    await sendToNewEmail(page, mine('safe', account));
    await expectCodeFocused(page);
    await expect(dialog(page).getByRole('checkbox', { name: 'Sign out of all other sessions' })).toBeChecked();
    await confirmCode(page, await codeFor(page.request, mine('safe', account), 'change_recovery'));
    await expect(page.getByText('Recovery email address changed to s***@example.dev.')).toBeVisible();
    await expect(page.getByText('All other sessions are signed out.', { exact: false })).toBeVisible();
    await elsewhere.getByRole('navigation').getByRole('link', { name: 'User Details' }).click();
    await elsewhere.getByRole('navigation').getByRole('link', { name: 'Security Settings' }).click();
    await expect(elsewhere.getByRole('heading', { name: 'Your session has expired' })).toBeVisible();
    await expect(elsewhere.getByRole('link', { name: 'Sign in' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Security Settings', level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Recent changes' }).getByText('k***@example.dev → s***@example.dev')).toBeVisible();
    await laptop.close();
  });
});

test('when signing out the other sessions fails, the change still shows as made and the message says so', async ({ page }) => {
  const account = await signIn(page, 'default');
  await page.route('**/api/v1/sessions/end-others', (route) => route.abort('connectionreset'));
  await openAndVerify(page, account, 'Edit recovery email address');
  await sendToNewEmail(page, mine('safe', account));
  await expectCodeFocused(page);
  await confirmCode(page, await codeFor(page.request, mine('safe', account), 'change_recovery'));
  await expect(page.getByText('Recovery email address changed to s***@example.dev.', { exact: false })).toContainText(
    'Other sessions could not be signed out.',
  );
  await expect(page.getByRole('region', { name: 'Account protection' }).getByText('s***@example.dev')).toBeVisible();
});

test('Recent changes tells a kind of change it does not know neutrally, never as one it knows', async ({ page }) => {
  await signIn(page, 'default');
  const event = { at: '2025-11-02T08:30:00Z', old_masked: null, new_masked: null, notified: [] };
  await page.route('**/api/v1/account/events', (route) =>
    route.fulfill({
      json: {
        events: [
          { ...event, id: 2, field: 'password', action: 'changed' },
          { ...event, id: 1, field: 'login_email', action: 'removed', old_masked: 'l***@example.com' },
        ],
      },
    }),
  );
  await page.goto('/developer/security');
  const changes = page.getByRole('region', { name: 'Recent changes' });
  await expect(changes.getByRole('listitem')).toHaveCount(2);
  await expect(changes.getByRole('listitem').first()).toContainText('An account setting changed');
  await expect(changes.getByRole('listitem').nth(1)).toContainText('Login email address updated');
  await expect(changes.getByRole('listitem').nth(1)).toContainText('l***@example.com');
});

test.describe('简体中文', () => {
  test.use({ locale: 'zh-CN' });

  test('修改密保邮箱', async ({ page }, testInfo) => {
    const account = await signIn(page, 'default');
    await page.goto('/developer/security');
    await page.getByRole('link', { name: '修改密保邮箱' }).click();
    await expect(dialog(page).getByRole('heading', { name: '修改密保邮箱 · 第 1 步，共 2 步' })).toBeVisible();
    await verifyIdentity(page, account.recovery_mobile, { send: '发送验证码', code: '验证码' });
    await expect(dialog(page).getByRole('heading', { name: '修改密保邮箱 · 第 2 步，共 2 步' })).toBeVisible();
    await dialog(page).getByLabel('新邮箱地址').fill(mine('zh', account));
    await dialog(page).getByRole('button', { name: '发送验证码' }).click();
    await expect(dialog(page).getByLabel('验证码')).toBeFocused();
    await expect(dialog(page).getByText('6 位数字，输入后请点击“确定”')).toBeVisible();
    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'zh-recovery-code-sent');
    await confirmCode(page, await codeFor(page.request, mine('zh', account), 'change_recovery'), { ok: '确定', label: '验证码' });
    await expect(
      page.getByText(`密保邮箱已修改为 z***@example.dev。已向 u***@example.com、+86 138****${lastFour(account.recovery_mobile)}、l***@example.com 发送通知。`),
    ).toBeVisible();
    // A phrase built from parts has no space inside it in Chinese.
    await expect(page.getByRole('region', { name: '最近变更' }).getByRole('listitem').first()).toContainText('密保邮箱已修改');
    await keepScreenshot(page, testInfo, 'zh-recovery-done');
  });
});

test('step 1 asks who the user is without promising a save, and the current address is refused by its name', async ({ page }) => {
  const account = await signIn(page, 'default');
  await page.goto('/developer/security?edit=recovery-email');
  await expect(dialog(page).getByText('For your security, first confirm that it is you.', { exact: true })).toBeVisible();
  await expect(dialog(page).getByText(/saved right after/)).toHaveCount(0);
  await openAndVerify(page, account, 'Edit recovery email address');
  await sendToNewEmail(page, account.recovery_email);
  await expectCodeFocused(page);
  await confirmCode(page, await codeFor(page.request, account.recovery_email, 'change_recovery'));
  await expect(dialog(page).getByText('This is already your recovery email address. Enter a different one.')).toBeVisible();
  await expect(dialog(page).getByLabel('New email address')).toHaveValue(account.recovery_email);
});
