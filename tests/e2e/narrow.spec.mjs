// 320 CSS pixels wide (the `narrow` project), and Windows' high-contrast mode: nothing runs
// off the side, every control stays reachable, and nothing that carries meaning disappears.
import { test, expect, request as http } from '@playwright/test';
import { signIn, codeFor, askForContact } from './support/dev-api.mjs';
import { perLocale } from './support/locales.mjs';
import { expectAccessible, keepScreenshot, dialog } from './support/page.mjs';

/** Fails naming every control of the app that is cut off sideways, and any sideways scroll. */
async function expectNothingSideways(page) {
  const report = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scroll = document.documentElement.scrollWidth;
    const cut = [];
    for (const element of document.querySelectorAll('.ac-root a, .ac-root button, .ac-root input, .ac-root select, .ac-root h1, .ac-root h2')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.left < -0.5 || box.right > width + 0.5) {
        cut.push(`${element.tagName.toLowerCase()} "${(element.textContent || element.getAttribute('aria-label') || '').trim().slice(0, 40)}" ${Math.round(box.left)}–${Math.round(box.right)}`);
      }
    }
    return { width, scroll, cut };
  });
  expect(report.cut).toEqual([]);
  expect(report.scroll).toBeLessThanOrEqual(report.width);
}

for (const [{ tag, browser, prefix }, names] of perLocale({
  en: {
    security: 'Security Settings',
    edit: 'Edit recovery mobile number',
    send: 'Send Verification Code',
    code: 'Verification code',
    resend: 'Resend the code to the new contact email address',
  },
  'zh-CN': { security: '安全设置', edit: '修改密保手机', send: '发送验证码', code: '验证码', resend: '重新发送验证码到新联系邮箱' },
  'zh-Hant': { security: '安全設定', edit: '修改密保手機', send: '傳送驗證碼', code: '驗證碼', resend: '重新傳送驗證碼到新聯絡郵箱' },
})) {
  test.describe(tag, () => {
    test.use({ locale: browser });

    test('every page and every step of a dialog fit 320 px', async ({ page, baseURL }, testInfo) => {
      const account = await signIn(page, 'default');
      // Another browser of the account, so that Sessions lists it with its Sign out.
      const elsewhere = await http.newContext({ baseURL, userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1' });
      expect((await elsewhere.post('/__dev/login', { data: { account_id: account.account_id, region: 'HK' } })).ok()).toBeTruthy();
      for (const [path, name] of [['/developer', 'account'], ['/developer/user-details', 'user-details'], ['/developer/security', 'security']]) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.locator('.ac-spinner')).toHaveCount(0);
        await expectNothingSideways(page);
        await keepScreenshot(page, testInfo, `${prefix}-320-${name}`);
      }
      await expect(page.locator('.ac-session')).toHaveCount(2);
      await elsewhere.dispose();
      await page.getByRole('link', { name: names.edit }).click();
      await expect(dialog(page).getByRole('radio').first()).toBeFocused();
      await expectNothingSideways(page);
      await dialog(page).getByRole('button', { name: names.send }).click();
      await expect(dialog(page).getByLabel(names.code)).toBeFocused();
      await expectNothingSideways(page);
      await keepScreenshot(page, testInfo, `${prefix}-320-identity-code`);
      await dialog(page).getByLabel(names.code).fill(await codeFor(page.request, account.recovery_mobile, 'identity'));
      await expect(dialog(page).getByRole('combobox')).toBeFocused();
      await expectNothingSideways(page);
      await expectAccessible(page);
      await keepScreenshot(page, testInfo, `${prefix}-320-new-value`);
    });

    test('a value waiting for its code fits 320 px, on both pages that show it', async ({ page }, testInfo) => {
      const account = await signIn(page, 'default');
      await askForContact(page, account, 'email', `narrow-${account.account_id}@example.dev`);
      for (const [path, name] of [['/developer', 'account'], ['/developer/user-details', 'user-details']]) {
        await page.goto(path);
        await expect(page.getByRole('button', { name: names.resend })).toBeVisible();
        await expectNothingSideways(page);
        await expectAccessible(page);
        await keepScreenshot(page, testInfo, `${prefix}-320-pending-${name}`);
      }
    });
  });
}

test('high contrast: controls, focus rings and the verified badges stay visible', async ({ page }, testInfo) => {
  await signIn(page, 'unverified-contact');
  await page.emulateMedia({ forcedColors: 'active' });
  await page.goto('/developer/user-details');
  const contact = page.getByRole('region', { name: 'Contact information' });
  await expect(contact.getByText('Unverified', { exact: true })).toHaveCount(2);
  // In forced colours backgrounds are dropped: a badge and a button keep a visible border.
  const borders = await page.evaluate(() =>
    [...document.querySelectorAll('.ac-badge, .ac-root .ac-button')].map((e) => {
      const style = getComputedStyle(e);
      return { text: e.textContent.trim(), width: parseFloat(style.borderTopWidth), style: style.borderTopStyle };
    }),
  );
  expect(borders.map((b) => b.text)).toEqual(expect.arrayContaining(['Unverified', 'Verify now']));
  for (const border of borders) {
    expect(border, border.text).toMatchObject({ style: expect.not.stringMatching(/none|hidden/) });
    expect(border.width, border.text).toBeGreaterThanOrEqual(1);
  }
  // The current tab alone keeps its underline.
  const underlines = await page.getByRole('navigation').getByRole('link').evaluateAll((links) =>
    links.map((l) => ({ current: l.getAttribute('aria-current') === 'page', color: getComputedStyle(l).borderBottomColor })),
  );
  const current = underlines.find((u) => u.current).color;
  for (const other of underlines.filter((u) => !u.current)) expect(other.color).not.toBe(current);
  // The focus ring of a control reached by keyboard.
  await page.keyboard.press('Tab');
  const edit = contact.getByRole('button', { name: 'Edit contact mobile number' });
  await edit.focus();
  const ring = await edit.evaluate((e) => {
    const style = getComputedStyle(e);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(ring.style).not.toBe('none');
  expect(ring.width).toBeGreaterThanOrEqual(2);
  await keepScreenshot(page, testInfo, 'en-forced-colors-user-details');
});
