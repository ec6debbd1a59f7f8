// No dead ends: identity by the sign-in password, an account without recovery addresses,
// Verify now wherever an unverified contact shows, and what the shell hears of changes.
import { test, expect, request as http } from '@playwright/test';
import { signIn, codeFor, mine, outbox, sentCount, verifyIdentity, sendAndEnterCode } from './support/dev-api.mjs';
import { confirmCode, expectAccessible, keepScreenshot, lastFour, recordEvents, dialog, recordedEvents } from './support/page.mjs';

test('an account without recovery addresses binds its first with the sign-in password', async ({ page }, testInfo) => {
  await recordEvents(page, ['recovery-changed']);
  const account = await signIn(page, 'no-recovery');
  await page.goto('/developer/user-details');
  const notice = page.getByRole('complementary', { name: 'Add a recovery address' });
  await expect(notice).toBeVisible();
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-no-recovery-notice');

  await notice.getByRole('link', { name: 'Bind recovery email address' }).click();
  await expect(dialog(page).getByRole('heading', { name: 'Bind recovery email address · Step 1 of 2' })).toBeVisible();
  // The password is the only method: no choice to make, no code to send.
  await expect(dialog(page).getByRole('radio')).toHaveCount(0);
  await expect(dialog(page).getByRole('button', { name: 'Send Verification Code' })).toBeHidden();
  const password = dialog(page).getByLabel('Password', { exact: true });
  await expect(password).toBeFocused();
  await expect(password).toHaveAttribute('autocomplete', 'current-password');
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-password-step');
  await dialog(page).getByRole('button', { name: 'Verify' }).click();
  await expect(dialog(page).getByText('Enter your password.')).toBeVisible();
  await password.fill('dev-password');
  await password.press('Enter');

  await expect(dialog(page).getByRole('heading', { name: 'Bind recovery email address · Step 2 of 2' })).toBeVisible();
  await expect(dialog(page).getByLabel('New email address')).toBeFocused();
  const address = mine('first', account);
  await dialog(page).getByLabel('New email address').fill(address);
  await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
  await expect(dialog(page).getByLabel('Verification code')).toBeFocused();
  await confirmCode(page, await codeFor(page.request, address, 'change_recovery'));
  // Bound with the password alone: the address itself proves nothing about who asked, so
  // the login email and the contact values hear of it too.
  const contactMobile = `+86 138****${lastFour(account.contact_mobile)}`;
  await expect(
    page.getByText(`Recovery email address f***@example.dev is bound. A notice was sent to l***@example.com, ${contactMobile}, u***@example.com.`, { exact: true }),
  ).toBeVisible();
  const told = (await outbox(page.request, account.login_email)).filter((m) => m.purpose === 'notify').pop();
  expect(told).toMatchObject({ channel: 'email', lang: 'en' });
  expect(told.body).toContain('with the sign-in password');
  expect(told.body).not.toContain(address);
  expect(await recordedEvents(page)).toEqual([
    { name: 'recovery-changed', detail: { kind: 'email', masked: 'f***@example.dev' } },
  ]);

  // The other row is still empty, and says Bind.
  const protection = page.getByRole('region', { name: 'Account protection' });
  await expect(protection.getByRole('link', { name: 'Bind recovery mobile number' })).toBeVisible();
  await expect(protection.getByRole('link', { name: 'Edit recovery email address' })).toBeVisible();
  await page.goto('/developer/user-details');
  await expect(page.getByRole('complementary', { name: 'Add a recovery address' })).toHaveCount(0);
});

test('five wrong passwords pause identity by password and tell the recovery addresses; a code still works', async ({ page }, testInfo) => {
  const account = await signIn(page, 'default');
  // The password qualifies for a contact change (not for a recovery one).
  await page.goto('/developer/user-details?edit=email');
  await dialog(page).getByLabel('New email address').fill(`pw-${account.account_id}@example.dev`);
  await dialog(page).getByRole('button', { name: 'OK' }).click();
  await dialog(page).getByRole('radio', { name: 'Your sign-in password' }).check();
  const password = dialog(page).getByLabel('Password', { exact: true });
  for (let left = 4; left >= 1; left--) {
    await password.fill('not-the-password');
    await password.press('Enter');
    await expect(dialog(page).getByText(`The password is not correct. Attempts left: ${left}.`)).toBeVisible();
    await expect(password).toHaveValue('');
  }
  const notices = await sentCount(page.request, account.recovery_mobile, 'notify');
  await password.fill('not-the-password');
  await password.press('Enter');
  await expect(dialog(page).getByText('Too many wrong passwords. Try again in 15 min, or verify with a code.')).toBeVisible();
  await expect(dialog(page).getByRole('button', { name: 'Verify' })).toBeDisabled();
  await expect
    .poll(async () => sentCount(page.request, account.recovery_mobile, 'notify'))
    .toBe(notices + 1);
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-password-locked');

  await dialog(page).getByRole('radio', { name: /Text message to/ }).check();
  await verifyIdentity(page, account.recovery_mobile);
  await expect(page.getByText(/^Enter the code sent to p\*\*\*@example\.dev /)).toBeVisible();
});

test('the lock of an account that has only its password offers no code instead', async ({ page }) => {
  await signIn(page, 'no-recovery');
  await page.goto('/developer/security?edit=recovery-email');
  const password = dialog(page).getByLabel('Password', { exact: true });
  for (let left = 4; left >= 1; left--) {
    await password.fill('not-the-password');
    await password.press('Enter');
    await expect(dialog(page).getByText(`The password is not correct. Attempts left: ${left}.`)).toBeVisible();
  }
  await password.fill('not-the-password');
  await password.press('Enter');
  await expect(dialog(page).getByText('Too many wrong passwords. Try again in 15 min.', { exact: true })).toBeVisible();
  await expect(dialog(page).getByText(/verify with a code/)).toHaveCount(0);
});

test('a recovery change of an account with recovery addresses does not offer the password', async ({ page }) => {
  await signIn(page, 'default');
  await page.goto('/developer/security?edit=recovery-mobile');
  await expect(dialog(page).getByRole('radio')).toHaveCount(2);
  await expect(dialog(page).getByRole('radio', { name: /Text message to/ })).toBeChecked();
  await expect(dialog(page).getByRole('radio', { name: /Email to/ })).toBeVisible();
  await expect(dialog(page).getByRole('radio', { name: 'Your sign-in password' })).toHaveCount(0);
  await dialog(page).getByText("Can't receive the code?").click();
  await expect(dialog(page).getByRole('button', { name: /Email a code to/ })).toBeVisible();
  await expect(dialog(page).getByRole('button', { name: 'Use your sign-in password' })).toHaveCount(0);
});

test("Can't receive the code? offers the account's other ways, in place", async ({ page }, testInfo) => {
  const account = await signIn(page, 'default');
  await page.goto('/developer/security');
  await page.getByRole('link', { name: 'Edit recovery email address' }).click();
  await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
  await codeFor(page.request, account.recovery_mobile, 'identity');
  await dialog(page).getByText("Can't receive the code?").click();
  const email = dialog(page).getByRole('button', { name: 'Email a code to u***@example.com' });
  await expect(email).toBeVisible();
  await expect(dialog(page).getByRole('button', { name: /Text a code to/ })).toHaveCount(0);
  // Without an appealUrl from the shell there is nowhere to send the user.
  await expect(dialog(page).getByRole('link', { name: /Ask us to verify you/ })).toHaveCount(0);
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-cant-receive');
  await email.click();
  await expect(dialog(page).getByRole('radio', { name: 'Email to u***@example.com' })).toBeChecked();

  // Still open, the list now offers the ways other than email that qualify: no password here.
  await expect(dialog(page).getByRole('button', { name: /Text a code to \+86 138/ })).toBeVisible();
  await expect(dialog(page).getByRole('button', { name: 'Use your sign-in password' })).toHaveCount(0);
  // The code by SMS still works from here.
  await dialog(page).getByRole('button', { name: /Text a code to \+86 138/ }).click();
  await dialog(page).getByLabel('Verification code').fill(await codeFor(page.request, account.recovery_mobile, 'identity'));
  await expect(dialog(page).getByRole('heading', { name: /Step 2 of 2/ })).toBeVisible();
});

test('Verify now from Account Information', async ({ page }, testInfo) => {
  const account = await signIn(page, 'unverified-contact');
  await page.goto('/developer');
  const contact = page.getByRole('region', { name: 'Contact information' });
  await expect(contact.getByText('Unverified', { exact: true })).toHaveCount(2);
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-account-information-unverified');
  const notice = page.getByRole('complementary', { name: 'Verify your contact details' });
  await expect(notice.getByRole('listitem')).toHaveCount(2);
  await notice.getByRole('button', { name: 'Verify now: contact mobile number' }).click();
  await expect(dialog(page).getByRole('heading', { name: 'Verify contact mobile number' })).toBeVisible();
  await expect(page).toHaveURL(/\/developer\?verify=mobile$/);
  await sendAndEnterCode(page, account.contact_mobile, 'verify_contact');
  await expect(page.getByText('Contact mobile number verified.', { exact: true })).toBeVisible();
  await expect(contact.getByText('Unverified', { exact: true })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Verify now: contact mobile number' })).toHaveCount(0);
  await expect(notice.getByRole('listitem')).toHaveCount(1);
  await expect(contact.getByRole('link', { name: 'Edit contact mobile number' })).toBeFocused();
});

test('a link with ?verify= opens Verify now, as a notification email would; Back and Escape close it', async ({ page }, testInfo) => {
  const account = await signIn(page, 'unverified-contact');
  await page.goto('/developer/user-details?verify=email');
  await expect(dialog(page).getByRole('heading', { name: 'Verify contact email address' })).toBeVisible();
  await expect(dialog(page).getByText(`We will send a verification code to ${account.contact_email.replace(/^(.).*@/, '$1***@')}.`)).toBeVisible();
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-verify-deep-link');
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  await expect(page).toHaveURL(/\/developer\/user-details$/);
  await expect(page.getByRole('button', { name: 'Verify now: contact email address' })).toBeFocused();

  await page.getByRole('navigation').getByRole('link', { name: 'Account Information' }).click();
  await page.getByRole('button', { name: 'Verify now: contact mobile number' }).click();
  await expect(page).toHaveURL(/\/developer\?verify=mobile$/);
  await expect(dialog(page).getByRole('heading', { name: 'Verify contact mobile number' })).toBeVisible();
  await page.goBack();
  await expect(dialog(page)).toHaveCount(0);
  await expect(page).toHaveURL(/\/developer$/);

  // A link to a value that is verified already shows the page, without a dialog.
  await signIn(page, 'default');
  await page.goto('/developer/user-details?verify=mobile');
  await expect(page.getByRole('heading', { name: 'User Details', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/developer\/user-details$/);
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.getByRole('complementary', { name: 'Verify your contact details' })).toHaveCount(0);
});

test('the shell hears of a new login email, masked', async ({ page }) => {
  await recordEvents(page, ['login-email-changed', 'recovery-changed']);
  const account = await signIn(page, 'no-login-email');
  await page.goto('/developer/security?edit=login-email');
  await verifyIdentity(page, account.recovery_mobile);
  const address = mine('login', account);
  await dialog(page).getByLabel('New email address').fill(address);
  await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
  await confirmCode(page, await codeFor(page.request, address, 'change_login_email'));
  await expect(page.getByText('Login email address l***@example.dev is bound. You can now sign in with it.')).toBeVisible();
  expect(await recordedEvents(page)).toEqual([
    { name: 'login-email-changed', detail: { masked: 'l***@example.dev' } },
  ]);
});

test.describe('简体中文', () => {
  test.use({ locale: 'zh-CN' });

  test('没有密保方式的账号用登录密码绑定密保手机', async ({ page }, testInfo) => {
    const account = await signIn(page, 'no-recovery');
    await page.goto('/developer/security');
    await page.getByRole('link', { name: '绑定密保手机' }).click();
    await expect(dialog(page).getByRole('heading', { name: '绑定密保手机 · 第 1 步，共 2 步' })).toBeVisible();
    await dialog(page).getByLabel('登录密码').fill('dev-password');
    await dialog(page).getByRole('button', { name: '验证' }).click();
    await expectAccessible(page);
    const number = `139${account.account_id.slice(-8)}`;
    await dialog(page).getByLabel('新手机号码').fill(number);
    await keepScreenshot(page, testInfo, 'zh-bind-recovery-mobile');
    await dialog(page).getByRole('button', { name: '发送验证码' }).click();
    await confirmCode(page, await codeFor(page.request, `+86${number}`, 'change_recovery'), { ok: '确定', label: '验证码' });
    await expect(page.getByText(`已绑定密保手机 +86 139****${lastFour(number)}。`)).toBeVisible();
  });
});

test("a step-up whose answer never reached the browser does not sign it out", async ({ page, baseURL }) => {
  const account = await signIn(page, 'default');
  await page.goto('/developer/security');
  await expect(page.getByRole('heading', { name: 'Security Settings', level: 1 })).toBeVisible();
  // The same session steps up, and its answer (with the session's new cookies) goes
  // elsewhere: as when the connection drops, or Esc is pressed while Verify is on its way.
  const cookies = await page.context().cookies();
  const value = (name) => cookies.find((c) => c.name === name).value;
  const before = value('ac_session');
  const lost = await http.newContext({
    baseURL,
    extraHTTPHeaders: { cookie: `ac_session=${before}; csrf_token=${value('csrf_token')}`, 'x-csrf-token': value('csrf_token') },
  });
  const challenge = await (await lost.post('/api/v1/identity/challenges', { data: { method: 'sms' } })).json();
  const code = await codeFor(page.request, account.recovery_mobile, 'identity');
  expect((await lost.post(`/api/v1/identity/challenges/${challenge.challenge_id}/verify`, { data: { code } })).status()).toBe(200);
  await lost.dispose();

  // The browser, still on the old cookie, goes on, and is handed the new one.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Sessions' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Your session has expired' })).toHaveCount(0);
  const after = (await page.context().cookies()).find((c) => c.name === 'ac_session').value;
  expect(after).not.toBe(before);
  await page.getByRole('navigation').getByRole('link', { name: 'User Details' }).click();
  await expect(page.getByRole('heading', { name: 'User Details', level: 1 })).toBeVisible();
});

test('a change refused as signed out just after the step-up is sent once more, and saved', async ({ page }) => {
  const account = await signIn(page, 'default');
  let refused = 0;
  // The first answer after the step-up says "signed out", as a request that left under the
  // session's old id would have been told by a backend with no grace.
  await page.route('**/api/v1/contact/email', async (route) => {
    if (route.request().method() === 'PUT' && route.request().headers()['x-identity-ticket'] && refused === 0) {
      refused += 1;
      await route.fulfill({
        status: 401,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401, code: 'unauthenticated' }),
      });
    } else {
      await route.continue();
    }
  });
  await page.goto('/developer/user-details');
  await page.getByRole('button', { name: 'Edit contact email address' }).click();
  const billing = mine('billing', account);
  await dialog(page).getByLabel('New email address').fill(billing);
  await dialog(page).getByRole('button', { name: 'OK' }).click();
  await verifyIdentity(page, account.recovery_mobile);
  await expect(dialog(page).getByText(/^Enter the code sent to b\*\*\*@example\.dev to make it your contact email address\./)).toBeVisible();
  expect(refused).toBe(1);
  await expect(page.getByRole('heading', { name: 'Your session has expired' })).toHaveCount(0);
});
