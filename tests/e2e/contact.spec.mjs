// Changing and verifying contact values: the edit dialog, identity step-up, Verify now,
// and every error a user can meet on the way.
import { test, expect } from '@playwright/test';
import { signIn, codeFor, withDevApi, verifyIdentity, sentCount, deliverSubscribed } from './support/dev-api.mjs';
import { expectAccessible, keepScreenshot, lastFour, dialog, openDialog, escape, recordEvents, recordedEvents } from './support/page.mjs';

/** Picks mainland China and types the number. */
async function fillMobile(page, number) {
  await dialog(page).getByRole('combobox', { name: 'Country/region calling code' }).fill('CN');
  await dialog(page).getByLabel('New mobile number').fill(number);
}

const openEdit = (page, name) => openDialog(page, '/developer/user-details', name);

test('change the contact mobile number, verify identity, then verify the new number', async ({ page }, testInfo) => {
  await recordEvents(page, ['contact-changed']);
  const account = await signIn(page, 'default');
  // A number of this test's own: desktop and mobile runs share one dev-api and its outbox.
  const mobile = `139${account.account_id.slice(-8)}`;
  const masked = `+86 139****${mobile.slice(-4)}`;
  await openEdit(page, 'Edit contact mobile number');
  await expect(dialog(page).getByRole('heading', { name: 'Edit contact mobile number' })).toBeVisible();
  await expect(dialog(page).getByRole('combobox', { name: 'Country/region calling code' })).toBeFocused();
  // The browser is en-US; the number being replaced is +86, and that is where the picker starts.
  await expect(dialog(page).getByRole('combobox', { name: 'Country/region calling code' })).toHaveValue('China mainland +86');
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-contact-1-enter-value');

  await fillMobile(page, `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`);
  await dialog(page).getByRole('button', { name: 'OK' }).click();
  await expect(dialog(page).getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  const sms = dialog(page).getByRole('radio', { name: `Text message to +86 138****${lastFour(account.recovery_mobile)}` });
  await expect(sms).toBeChecked();
  // The new step has focus on its first field, and its title is said once.
  await expect(sms).toBeFocused();
  await expect(dialog(page).getByRole('status').filter({ hasText: 'Verify your identity' })).toHaveText('Verify your identity');
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-contact-2-identity');

  await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
  await expect(dialog(page).getByText(/A verification code was sent to \+86 138\*\*\*\*/)).toBeVisible();
  await expect(dialog(page).getByLabel('Verification code')).toBeFocused();
  await expect(dialog(page).getByText('6 digits, checked as soon as all are entered')).toBeVisible();
  await expect(dialog(page).getByRole('button', { name: /Resend in \d+ s/ })).toBeDisabled();
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-contact-3-code-sent');
  const code = await codeFor(page.request, account.recovery_mobile, 'identity');
  await dialog(page).getByLabel('Verification code').fill(code);

  // Asked for: the new value waits for its code, already sent; the same dialog goes on to it.
  const current = `+86 138****${lastFour(account.contact_mobile)}`;
  const verifyHeading = dialog(page).getByRole('heading', { name: 'Verify contact mobile number' });
  await expect(verifyHeading).toBeVisible();
  await expect(dialog(page).getByRole('status').filter({ hasText: 'Enter the code' })).toHaveText(
    new RegExp(
      `^Enter the code sent to ${escape(masked)} to make it your contact mobile number\\. ` +
        `Until you do, messages still go to ${escape(current)}; the request expires on \\w+ \\d+, \\d{4}\\.$`,
    ),
  );
  await expect(dialog(page).getByText(`A verification code was sent to ${masked}.`)).toBeVisible();
  await expect(dialog(page).getByLabel('Verification code')).toBeFocused();
  await expect(page.getByText('Identity verified. Saving your change…')).toHaveCount(0);
  await expect(page).toHaveURL(/\/developer\/user-details\?verify=mobile$/);
  expect(await sentCount(page.request, `+86${mobile}`, 'verify_contact')).toBe(1);
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-contact-4-changed');

  // Closed without the code: the current number stays, verified; the new one waits under it.
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  await expect(page).toHaveURL(/\/developer\/user-details$/);
  const contact = page.getByRole('region', { name: 'Contact information' });
  await expect(contact.getByText(current, { exact: true })).toBeVisible();
  await expect(contact.getByText(/^Pending: /)).toHaveText(
    new RegExp(`^Pending: ${escape(masked)} · messages still go to ${escape(current)} until you verify · expires \\w+ \\d+, \\d{4}$`),
  );
  await expect(contact.getByText('Unverified')).toHaveCount(0);
  await expect(page.getByRole('complementary', { name: 'Verify your contact details' })).toHaveCount(0);
  // Focus is back on what opened the dialog: the waiting value's Verify now.
  const verifyNow = contact.getByRole('button', { name: 'Verify now: contact mobile number' });
  await expect(verifyNow).toBeFocused();
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-contact-5-pending');
  // Billing reminders still go to the number that was proven.
  expect(await deliverSubscribed(page.request, 'mobile')).toBe(account.contact_mobile);

  await verifyNow.click();
  await expect(dialog(page).getByRole('heading', { name: 'Verify contact mobile number' })).toBeVisible();
  await expect(page).toHaveURL(/\/developer\/user-details\?verify=mobile$/);
  // The code sent with the request is still on its way: the field is there, with its clock.
  await expect(dialog(page).getByLabel('Verification code')).toBeFocused();
  await expect(dialog(page).getByText(/Code expires in \d+:\d\d/)).toBeVisible();
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-contact-6-verify');
  const verifyCode = await codeFor(page.request, `+86${mobile}`, 'verify_contact');
  await dialog(page).getByLabel('Verification code').fill(`${verifyCode.slice(0, 3)} ${verifyCode.slice(3)}`);
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.getByText(`Contact mobile number verified. A notice was sent to ${current}, u***@example.com, l***@example.com.`)).toBeVisible();
  // The line is gone with the verification: focus is on the row's Edit button.
  await expect(page.getByRole('button', { name: 'Edit contact mobile number' })).toBeFocused();
  await expect(contact.getByText(masked, { exact: true })).toBeVisible();
  await expect(contact.getByText(/^Pending: /)).toHaveCount(0);
  await expect(contact.getByText('Verified')).toHaveCount(2);
  await expect(page).toHaveURL(/\/developer\/user-details$/);
  expect(await deliverSubscribed(page.request, 'mobile')).toBe(`+86${mobile}`);
  // The shell heard of the change once, when it took effect.
  expect(await recordedEvents(page)).toEqual([{ name: 'contact-changed', detail: { kind: 'mobile', verified: true } }]);
});

test('change the contact email from Account Information, with the identity code by email', async ({ page }) => {
  const account = await signIn(page, 'default');
  await page.goto('/developer');
  await page.getByRole('link', { name: 'Edit contact email address' }).click();
  await expect(page).toHaveURL(/user-details\?edit=email$/);
  await expect(dialog(page).getByRole('heading', { name: 'Edit contact email address' })).toBeVisible();
  const billing = `billing-${account.account_id}@example.dev`;
  await dialog(page).getByLabel('New email address').fill(billing);
  await dialog(page).getByRole('button', { name: 'OK' }).click();
  await dialog(page).getByRole('radio', { name: /Email to u\*\*\*@example\.com/ }).check();
  await verifyIdentity(page, account.recovery_email);
  await expect(dialog(page).getByText(/^Enter the code sent to b\*\*\*@example\.dev to make it your contact email address\. Until you do, messages still go to u\*\*\*@example\.com;/)).toBeVisible();
  await expect(page).toHaveURL(/user-details\?verify=email$/);
  // The code went with the request: it is typed, not asked for again.
  const verifyCode = await codeFor(page.request, billing, 'verify_contact');
  await dialog(page).getByLabel('Verification code').fill(verifyCode);
  await expect(page.getByText(`Contact email address verified. A notice was sent to u***@example.com, +86 138****${lastFour(account.recovery_mobile)}, l***@example.com.`)).toBeVisible();
  await page.goto('/developer/security');
  const recent = page.getByRole('region', { name: 'Recent changes' });
  await expect(recent.getByText('Contact email address changed')).toBeVisible();
  await expect(recent.getByText('Contact email address change requested')).toBeVisible();
  await expect(recent.getByText('Authorised with a code sent to u***@example.com')).toHaveCount(2);
});

test('invalid values get a specific message on blur and keep what was typed', async ({ page }, testInfo) => {
  const account = await signIn(page, 'default');
  await openEdit(page, 'Edit contact mobile number');
  const number = dialog(page).getByLabel('New mobile number');
  await number.fill('1');
  await expect(dialog(page).getByText('This number has the wrong number of digits')).toHaveCount(0);
  await number.fill('12345');
  await number.blur();
  await expect(dialog(page).getByText('This number has the wrong number of digits for the selected region.')).toBeVisible();
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  await expect(number).toHaveValue('12345');
  await number.fill('+44 7700 900123');
  await expect(dialog(page).getByRole('combobox', { name: 'Country/region calling code' })).toHaveValue('United Kingdom +44');
  await expect(number).toHaveValue('7700 900123');
  await expect(dialog(page).getByText('This number has the wrong number of digits')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit contact mobile number' })).toBeFocused();

  await page.getByRole('button', { name: 'Edit contact email address' }).click();
  const email = dialog(page).getByLabel('New email address');
  await email.fill('someone@example');
  await dialog(page).getByRole('button', { name: 'OK' }).click();
  await expect(dialog(page).getByText('The part after the @ is not a valid domain, as in example.com.')).toBeVisible();
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  // With a keyboard, focus goes back to the field at fault; a tap leaves it where it was.
  if (!testInfo.project.use.isMobile) await expect(email).toBeFocused();
  // A zero-width space, as a paste from a chat or a document may carry: said, and kept.
  await email.fill('some\u200bone@example.com');
  await dialog(page).getByRole('button', { name: 'OK' }).click();
  await expect(dialog(page).getByText('This address has a character that cannot be seen or is not supported. Type it instead of pasting it.')).toBeVisible();
  await expect(email).toHaveValue('some\u200bone@example.com');
  await email.fill(account.contact_email);
  await dialog(page).getByRole('button', { name: 'OK' }).click();
  // The server compares a new value with the current one only for a verified caller.
  await expect(dialog(page).getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  await verifyIdentity(page, account.recovery_mobile);
  await expect(dialog(page).getByText('This is already your contact email address. Enter a different one.')).toBeVisible();
  await expect(email).toHaveValue(account.contact_email);
  await expectAccessible(page);
});

test('a wrong code says how many attempts are left; five wrong codes kill it', async ({ page }, testInfo) => {
  const account = await signIn(page, 'default');
  await openEdit(page, 'Edit contact mobile number');
  await fillMobile(page, '13912345678');
  await dialog(page).getByRole('button', { name: 'OK' }).click();
  await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
  const code = await codeFor(page.request, account.recovery_mobile, 'identity');
  const wrong = String((Number(code) + 1) % 1000000).padStart(6, '0');
  const field = dialog(page).getByLabel('Verification code');
  for (let left = 4; left >= 1; left--) {
    await field.fill(wrong.slice(0, 5));
    await field.fill(wrong);
    await expect(dialog(page).getByText(`That code is not correct. Attempts left: ${left}.`)).toBeVisible();
    await expect(field).toHaveValue('');
    if (left === 4) {
      await expectAccessible(page);
      await keepScreenshot(page, testInfo, 'en-contact-wrong-code');
    }
  }
  await field.fill(wrong);
  await expect(dialog(page).getByText('Too many wrong codes. This code no longer works; send a new code.')).toBeVisible();
  await expect(field).toBeDisabled();
  await expect(dialog(page).getByRole('button', { name: 'Verify' })).toBeDisabled();
});

test('an expired code asks for a new one, and Resend follows the server cooldown', async ({ page }) => {
  const account = await signIn(page, 'default');
  await openEdit(page, 'Edit contact email address');
  await dialog(page).getByLabel('New email address').fill('ops@example.dev');
  await dialog(page).getByRole('button', { name: 'OK' }).click();
  await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
  const code = await codeFor(page.request, account.recovery_mobile, 'identity');
  await page.request.post('/__dev/expire/codes');
  await dialog(page).getByLabel('Verification code').fill(code);
  await expect(dialog(page).getByText('This code has expired. Send a new code.')).toBeVisible();
  await expect(dialog(page).getByRole('button', { name: 'Verify' })).toBeDisabled();
  // The resend cooldown (60 s) is still running: the button says so, from the server's clock.
  await expect(dialog(page).getByRole('button', { name: /Resend in \d+ s/ })).toBeDisabled();
});

test('resend too soon: the countdown keeps running when the dialog is closed and reopened', async ({ page }) => {
  await signIn(page, 'default');
  await openEdit(page, 'Edit contact mobile number');
  await fillMobile(page, '13912345678');
  await dialog(page).getByRole('button', { name: 'OK' }).click();
  await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
  const resend = dialog(page).getByRole('button', { name: /Resend in \d+ s/ });
  await expect(resend).toBeDisabled();
  const first = Number((await resend.textContent()).match(/\d+/)[0]);
  expect(first).toBeGreaterThan(50);
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(dialog(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Edit contact mobile number' }).click();
  await fillMobile(page, '13912345678');
  await dialog(page).getByRole('button', { name: 'OK' }).click();
  await expect(dialog(page).getByText(/A verification code was sent to/)).toBeVisible();
  await expect(dialog(page).getByRole('button', { name: /Resend in \d+ s/ })).toBeDisabled();
  await expect.poll(async () => Number((await dialog(page).getByRole('button', { name: /Resend in/ }).textContent()).match(/\d+/)[0])).toBeLessThan(first);
});

test('an identity ticket that expires mid-flow sends the user back to verify, with input kept', async ({ browser }, testInfo) => {
  // Identity codes share one cooldown whatever the method: this dev-api has none.
  await withDevApi(browser, testInfo, ['--resend-cooldown', '0s'], async (page) => {
    const account = await signIn(page, 'default');
    await openEdit(page, 'Edit contact mobile number');
    await fillMobile(page, '13912345678');
    await dialog(page).getByRole('button', { name: 'OK' }).click();
    await verifyIdentity(page, account.recovery_mobile);
    await expect(dialog(page).getByText(/^Enter the code sent to \+86 139\*\*\*\*5678 /)).toBeVisible();
    // The Verify dialog has taken focus, on the code already sent: Esc is its.
    await expect(dialog(page).getByLabel('Verification code')).toBeFocused();
    await page.keyboard.press('Escape');

    // The ticket is still valid: a second change goes straight through.
    await page.getByRole('button', { name: 'Edit contact email address' }).click();
    await dialog(page).getByLabel('New email address').fill('first@example.dev');
    await dialog(page).getByRole('button', { name: 'OK' }).click();
    await expect(dialog(page).getByText(/^Enter the code sent to f\*\*\*@example\.dev /)).toBeVisible();
    await expect(dialog(page).getByLabel('Verification code')).toBeFocused();
    await page.keyboard.press('Escape');

    await page.request.post('/__dev/expire/identity');
    await page.getByRole('button', { name: 'Edit contact email address' }).click();
    await dialog(page).getByLabel('New email address').fill('second@example.dev');
    await dialog(page).getByRole('button', { name: 'OK' }).click();
    await expect(dialog(page).getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
    await dialog(page).getByRole('radio', { name: /Email to/ }).check();
    await verifyIdentity(page, account.recovery_email);
    await expect(page.getByText(/^Enter the code sent to s\*\*\*@example\.dev /)).toBeVisible();
    // The second address asked for replaced the first one waiting.
    const contact = page.getByRole('region', { name: 'Contact information' });
    await expect(contact.getByText(/^Pending: s\*\*\*@example\.dev /)).toBeVisible();
    await expect(contact.getByText(/f\*\*\*@example\.dev/)).toHaveCount(0);
  });
});

test('a network failure keeps the input and a retry succeeds', async ({ page }) => {
  await signIn(page, 'default');
  await openEdit(page, 'Edit contact email address');
  await page.route('**/api/v1/contact/email', (route) => route.abort('internetdisconnected'));
  await dialog(page).getByLabel('New email address').fill('kept@example.dev');
  await dialog(page).getByRole('button', { name: 'OK' }).click();
  await expect(dialog(page).getByText('Could not reach the server. Check your connection and try again; what you entered is kept.')).toBeVisible();
  await expect(dialog(page).getByLabel('New email address')).toHaveValue('kept@example.dev');
  await page.unroute('**/api/v1/contact/email');
  await dialog(page).getByRole('button', { name: 'OK' }).click();
  await expect(dialog(page).getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
});

test('a double click on OK sends exactly one request', async ({ page }) => {
  await signIn(page, 'default');
  await openEdit(page, 'Edit contact mobile number');
  const puts = [];
  page.on('request', (r) => {
    if (r.method() === 'PUT' && r.url().endsWith('/api/v1/contact/mobile')) puts.push(r);
  });
  await fillMobile(page, '13912345678');
  await dialog(page).getByRole('button', { name: 'OK' }).dblclick();
  await expect(dialog(page).getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  expect(puts).toHaveLength(1);
});

test('the same-as-recovery action on Account Information', async ({ page }) => {
  const account = await signIn(page, 'diverged');
  await page.goto('/developer');
  await page.getByRole('button', { name: /Use my recovery email address \(u\*\*\*@example\.com\) as contact/ }).click();
  await expect(page.getByText('Your contact email address is now the same as your recovery email address, and it is verified.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Contact information' }).getByText('u***@example.com')).toBeVisible();
  expect(account.recovery_email).toMatch(/^user\d+@example\.com$/);
});

test('rows with nothing bound say Bind; binding a first value announces it as bound', async ({ page }, testInfo) => {
  const account = await signIn(page, 'no-contact');
  await page.goto('/developer');
  const contact = page.getByRole('region', { name: 'Contact information' });
  await expect(contact.getByRole('link', { name: 'Bind contact email address' })).toHaveText('Bind');
  await expect(contact.getByRole('link', { name: 'Edit contact email address' })).toHaveCount(0);

  await page.goto('/developer/user-details');
  const details = page.getByRole('region', { name: 'Contact information' });
  await expect(details.getByText('Not bound')).toHaveCount(2);
  await expect(page.getByText('You have no contact mobile number.')).toBeVisible();
  await expect(page.getByText(/differs from your recovery/)).toHaveCount(0);
  await expect(details.getByRole('button', { name: /^Edit/ })).toHaveCount(0);
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-contact-bind-1-rows');
  await details.getByRole('button', { name: 'Bind contact mobile number' }).click();
  await expect(dialog(page).getByRole('heading', { name: 'Bind contact mobile number' })).toBeVisible();
  // Nothing is replaced: the picker starts at the browser's region (en-US).
  await expect(dialog(page).getByRole('combobox', { name: 'Country/region calling code' })).toHaveValue('United States +1');
  const mobile = `139${account.account_id.slice(-8)}`;
  await fillMobile(page, mobile);
  await dialog(page).getByRole('button', { name: 'OK' }).click();
  await verifyIdentity(page, account.recovery_mobile);
  const masked = `+86 139****${mobile.slice(-4)}`;
  await expect(dialog(page).getByText(new RegExp(`^Enter the code sent to ${escape(masked)} to make it your contact mobile number\\. The request expires on `))).toBeVisible();
  await expect(page.getByText(/A notice was sent/)).toHaveCount(0);
  // The Verify dialog has taken focus, on the code already sent: Esc is its.
  await expect(dialog(page).getByLabel('Verification code')).toBeFocused();
  await page.keyboard.press('Escape');
  // Nothing is bound until the code is entered: the row says so, and what waits under it.
  await expect(details.getByText(new RegExp(`^Pending: ${escape(masked)} · verify it to receive messages · expires `))).toBeVisible();
  await expect(details.getByText('Not bound')).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Verify now: contact mobile number' })).toBeFocused();
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-contact-bind-2-pending');
  await expect(details.getByRole('button', { name: 'Bind contact email address' })).toBeVisible();
});

test.describe('简体中文', () => {
  test.use({ locale: 'zh-CN' });

  test('未设置的联系方式显示“绑定”', async ({ page }, testInfo) => {
    await signIn(page, 'no-contact');
    await page.goto('/developer/user-details');
    const details = page.getByRole('region', { name: '联系信息' });
    await expect(details.getByRole('button', { name: '绑定联系手机' })).toHaveText('绑定');
    await expect(page.getByText('您尚未设置联系手机。')).toBeVisible();
    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'zh-contact-bind-1-rows');
    await details.getByRole('button', { name: '绑定联系邮箱' }).click();
    await expect(dialog(page).getByRole('heading', { name: '绑定联系邮箱' })).toBeVisible();
  });

  test('修改联系手机并验证', async ({ page }, testInfo) => {
    const account = await signIn(page, 'default');
    await openEdit(page, '修改联系手机');
    await expect(dialog(page).getByRole('heading', { name: '修改联系手机' })).toBeVisible();
    const mobile = `139${account.account_id.slice(-8)}`;
    await dialog(page).getByLabel('新手机号码').fill(mobile);
    await keepScreenshot(page, testInfo, 'zh-contact-1-enter-value');
    await dialog(page).getByRole('button', { name: '确定' }).click();
    await expect(dialog(page).getByRole('heading', { name: '验证身份' })).toBeVisible();
    await dialog(page).getByRole('button', { name: '发送验证码' }).click();
    await expect(dialog(page).getByRole('button', { name: /\d+ 秒后重新获取/ })).toBeDisabled();
    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'zh-contact-2-code-sent');
    const code = await codeFor(page.request, account.recovery_mobile, 'identity');
    await dialog(page).getByLabel('验证码').fill(code);
    const masked = `+86 139****${mobile.slice(-4)}`;
    const current = `+86 138****${lastFour(account.contact_mobile)}`;
    await expect(dialog(page).getByText(new RegExp(`^请输入发送到 ${escape(masked)} 的验证码，将其设为联系手机。在此之前，消息仍发送到 ${escape(current)}；此请求将于 .+ 失效。$`))).toBeVisible();
    const contact = page.getByRole('region', { name: '联系信息' });
    await expect(contact.getByText(new RegExp(`^待验证：${escape(masked)} · 验证前，消息仍发送到 ${escape(current)} · .+ 失效$`))).toBeVisible();
    await expect(contact.getByRole('button', { name: '重新发送验证码到新联系手机' })).toBeVisible();
    await expect(contact.getByRole('button', { name: '取消新联系手机' })).toBeVisible();
    await keepScreenshot(page, testInfo, 'zh-contact-3-saved-verify');
    const verifyCode = await codeFor(page.request, `+86${mobile}`, 'verify_contact');
    await dialog(page).getByLabel('验证码').fill(verifyCode);
    await expect(page.getByText(new RegExp(`^联系手机已验证。已向 ${escape(current)}、u\\*\\*\\*@example\\.com、l\\*\\*\\*@example\\.com 发送通知。$`))).toBeVisible();
  });
});
