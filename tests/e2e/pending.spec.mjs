// A new contact value waits for its code: the line under its row on every page that shows
// the row, across a reload and a deep link, with Verify now, Resend and Cancel; where
// subscribed messages go meanwhile; and what happens when it is cancelled or expires.
import { test, expect } from '@playwright/test';
import { signIn, codeFor, sentCount, withDevApi, deliverSubscribed, askForContact } from './support/dev-api.mjs';
import { perLocale } from './support/locales.mjs';
import { expectAccessible, keepScreenshot, dialog, escape } from './support/page.mjs';

const DATE = '\\w+ \\d+, \\d{4}';

/** The line of the new contact email address `masked`, waiting while `current` gets the messages. */
const emailLine = (masked, current) =>
  new RegExp(`^Pending: ${escape(masked)} · messages still go to ${escape(current)} until you verify · expires ${DATE}$`);

test('a new value waits under its row on every page, across a reload and a deep link, until its code is entered', async ({ page }, testInfo) => {
  const account = await signIn(page, 'default');
  const address = `new-${account.account_id}@example.dev`;
  await askForContact(page, account, 'email', address);

  await page.goto('/developer');
  const information = page.getByRole('region', { name: 'Contact information' });
  await expect(information.getByText(emailLine('n***@example.dev', 'u***@example.com'))).toBeVisible();
  await expect(information.getByRole('button', { name: 'Verify now: contact email address' })).toBeVisible();
  await expect(information.getByRole('button', { name: 'Resend the code to the new contact email address' })).toHaveText('Resend');
  await expect(information.getByRole('button', { name: 'Cancel the new contact email address' })).toHaveText('Cancel');
  // The value in effect is the one shown as the row's value, verified.
  await expect(information.getByText('u***@example.com', { exact: true })).toBeVisible();
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-pending-account-information');

  await page.goto('/developer/user-details');
  await page.reload();
  const details = page.getByRole('region', { name: 'Contact information' });
  await expect(details.getByText(emailLine('n***@example.dev', 'u***@example.com'))).toBeVisible();
  await expect(details.getByText('Verified')).toHaveCount(2);
  expect(await deliverSubscribed(page.request, 'email')).toBe(account.contact_email);

  // A deep link to Verify opens on the value waiting, with the code already on its way.
  await page.goto('/developer/user-details?verify=email');
  await expect(dialog(page).getByRole('heading', { name: 'Verify contact email address' })).toBeVisible();
  await expect(dialog(page).getByText('A verification code was sent to n***@example.dev.')).toBeVisible();
  await expect(dialog(page).getByLabel('Verification code')).toBeFocused();
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-pending-deep-link');
  await dialog(page).getByLabel('Verification code').fill(await codeFor(page.request, address, 'verify_contact'));
  await expect(dialog(page)).toHaveCount(0);
  await expect(
    page.getByText(
      `Contact email address verified. A notice was sent to u***@example.com, +86 138****${account.recovery_mobile.slice(-4)}, l***@example.com.`,
      { exact: true },
    ),
  ).toBeVisible();
  await expect(details.getByText(/^Pending: /)).toHaveCount(0);
  await expect(details.getByText('n***@example.dev', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit contact email address' })).toBeFocused();
  expect(await deliverSubscribed(page.request, 'email')).toBe(address);
  // The address replaced heard of it, in words that say what to do if it was not its owner.
  const told = (await (await page.request.get(`/__dev/outbox?to=${encodeURIComponent(account.contact_email)}`)).json()).filter((m) => m.purpose === 'notify');
  const notice = told.pop();
  expect(notice).toMatchObject({ channel: 'email', lang: 'en', subject: 'Contact email address changed on your account' });
  expect(notice.body).toContain('The contact email address changed from u***@example.com to n***@example.dev.');
  expect(notice.body).not.toContain(address);
});

test('Resend opens Verify now and sends a new code to the value waiting', async ({ browser }, testInfo) => {
  await withDevApi(browser, testInfo, ['--resend-cooldown', '0s'], async (page) => {
    const account = await signIn(page, 'default');
    const address = `again-${account.account_id}@example.dev`;
    await askForContact(page, account, 'email', address);
    await page.goto('/developer/user-details');
    await page.getByRole('button', { name: 'Resend the code to the new contact email address' }).click();
    await expect(dialog(page).getByRole('heading', { name: 'Verify contact email address' })).toBeVisible();
    await expect.poll(() => sentCount(page.request, address, 'verify_contact')).toBe(2);
    await expect(dialog(page).getByLabel('Verification code')).toBeFocused();
    // The first code was replaced by the second: only the newest works.
    await dialog(page).getByLabel('Verification code').fill(await codeFor(page.request, address, 'verify_contact', 1));
    await expect(page.getByText(/^Contact email address verified\. /)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Contact information' }).getByText('a***@example.dev', { exact: true })).toBeVisible();
  });
});

test('Resend within the cooldown sends nothing and says how long to wait; the first code still works', async ({ page }) => {
  const account = await signIn(page, 'default');
  const address = `soon-${account.account_id}@example.dev`;
  await askForContact(page, account, 'email', address);
  await page.goto('/developer/user-details');
  await page.getByRole('button', { name: 'Resend the code to the new contact email address' }).click();
  await expect(dialog(page).getByRole('button', { name: /Resend in \d+ s/ })).toBeDisabled();
  await expect(dialog(page).getByLabel('Verification code')).toBeVisible();
  expect(await sentCount(page.request, address, 'verify_contact')).toBe(1);
  await dialog(page).getByLabel('Verification code').fill(await codeFor(page.request, address, 'verify_contact'));
  await expect(page.getByText(/^Contact email address verified\. /)).toBeVisible();
});

test('Cancel drops the value waiting: a failed attempt keeps it, and the change is listed', async ({ page }, testInfo) => {
  const account = await signIn(page, 'default');
  await askForContact(page, account, 'email', `gone-${account.account_id}@example.dev`);
  await page.goto('/developer/user-details');
  const details = page.getByRole('region', { name: 'Contact information' });
  const cancel = details.getByRole('button', { name: 'Cancel the new contact email address' });

  // The request is lost: the line stays, and says why beside it.
  await page.route('**/api/v1/account/changes/*/cancel', (route) => route.abort('internetdisconnected'));
  await cancel.click();
  await expect(details.getByText('Could not reach the server. Check your connection and try again; what you entered is kept.')).toBeVisible();
  await expect(details.getByText(emailLine('g***@example.dev', 'u***@example.com'))).toBeVisible();
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-pending-cancel-failed');
  await page.unroute('**/api/v1/account/changes/*/cancel');

  await cancel.click();
  await expect(page.getByText('The new contact email address was cancelled.', { exact: true })).toBeVisible();
  await expect(details.getByText(/^Pending: /)).toHaveCount(0);
  // The line is gone with its buttons: focus is on the row's own action.
  await expect(page.getByRole('button', { name: 'Edit contact email address' })).toBeFocused();
  await expect(details.getByText('u***@example.com', { exact: true })).toBeVisible();
  expect(await deliverSubscribed(page.request, 'email')).toBe(account.contact_email);

  await page.goto('/developer/security');
  const recent = page.getByRole('region', { name: 'Recent changes' });
  await expect(recent.getByRole('listitem').first()).toContainText('Contact email address change cancelled');
  await expect(recent.getByRole('listitem').nth(1)).toContainText('Contact email address change requested');
  await expect(recent.getByRole('listitem').nth(1)).toContainText('u***@example.com → g***@example.dev');
});

test('a value not verified in time expires: its code then says so, the line goes, the change is listed', async ({ page }, testInfo) => {
  const account = await signIn(page, 'default');
  const address = `late-${account.account_id}@example.dev`;
  await askForContact(page, account, 'email', address);
  await page.goto('/developer/user-details?verify=email');
  await expect(dialog(page).getByLabel('Verification code')).toBeFocused();
  const code = await codeFor(page.request, address, 'verify_contact');

  // It expires while the dialog is open: the code typed then finds nothing to verify.
  expect((await page.request.post('/__dev/expire/pending_contact')).ok()).toBeTruthy();
  await dialog(page).getByLabel('Verification code').fill(code);
  await expect(dialog(page)).toHaveCount(0);
  await expect(
    page.getByText('The request to use l***@example.dev has ended: it expired, or was cancelled or replaced. To use it, ask again with Edit.', {
      exact: true,
    }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit contact email address' })).toBeFocused();
  const details = page.getByRole('region', { name: 'Contact information' });
  await expect(details.getByText(/^Pending: /)).toHaveCount(0);
  await expect(details.getByText('u***@example.com', { exact: true })).toBeVisible();
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-pending-expired');
  expect(await deliverSubscribed(page.request, 'email')).toBe(account.contact_email);
  await page.goto('/developer/security');
  await expect(page.getByRole('region', { name: 'Recent changes' }).getByRole('listitem').first()).toContainText(
    'Contact email address change expired',
  );
});

for (const [{ tag, browser, prefix }, words] of perLocale({
  en: {
    region: 'Contact information',
    line: (value, current) => `Pending: ${value} · messages still go to ${current} until you verify · expires `,
    buttons: ['Verify now: contact mobile number', 'Resend the code to the new contact mobile number', 'Cancel the new contact mobile number'],
  },
  'zh-CN': {
    region: '联系信息',
    line: (value, current) => `待验证：${value} · 验证前，消息仍发送到 ${current} · `,
    buttons: ['立即验证：联系手机', '重新发送验证码到新联系手机', '取消新联系手机'],
  },
  'zh-Hant': {
    region: '聯絡資訊',
    line: (value, current) => `待驗證：${value} · 驗證前，訊息仍傳送到 ${current} · `,
    buttons: ['立即驗證：聯絡手機', '重新傳送驗證碼到新聯絡手機', '取消新聯絡手機'],
  },
})) {
  test.describe(tag, () => {
    test.use({ locale: browser });

    test(`the line of a value waiting, in ${tag}`, async ({ page }, testInfo) => {
      const account = await signIn(page, 'default');
      const mobile = `139${account.account_id.slice(-8)}`;
      await askForContact(page, account, 'mobile', `+86${mobile}`);
      await page.goto('/developer/user-details');
      const details = page.getByRole('region', { name: words.region });
      const line = words.line(`+86 139****${mobile.slice(-4)}`, `+86 138****${account.contact_mobile.slice(-4)}`);
      await expect(details.getByText(new RegExp(`^${escape(line)}`))).toBeVisible();
      for (const name of words.buttons) {
        await expect(details.getByRole('button', { name })).toBeVisible();
      }
      await expectAccessible(page);
      await keepScreenshot(page, testInfo, `${prefix}-pending-line`);
    });
  });
}
