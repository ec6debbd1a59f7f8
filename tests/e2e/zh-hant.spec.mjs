// Traditional Chinese: chosen from a zh-TW browser, from the shell's language switcher and
// from `locale`; every page and a dialog of each flow, in the Traditional console's terms.
import { test, expect } from '@playwright/test';
import { signIn, codeFor, verifyIdentity } from './support/dev-api.mjs';
import { confirmCode, expectAccessible, keepScreenshot, lastFour, dialog } from './support/page.mjs';

test.describe('繁體中文', () => {
  test.use({ locale: 'zh-TW' });

  test('every page in Traditional Chinese, from the browser language', async ({ page }, testInfo) => {
    const account = await signIn(page, 'diverged');
    await page.goto('/developer');
    await expect(page.getByRole('heading', { name: '帳號資訊', level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: '基本資訊' }).getByText('個人')).toBeVisible();
    await expect(page.getByRole('heading', { name: '建議密保與聯絡方式保持一致' })).toBeVisible();
    await expect(page.getByRole('region', { name: '聯絡資訊' }).getByText(`+86 139****${lastFour(account.contact_mobile)}`)).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'zh-hant-account-information');

    await page.getByRole('navigation', { name: '帳號頁面' }).getByRole('link', { name: '使用者詳情' }).click();
    await expect(page.getByRole('heading', { name: '使用者詳情', level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: '修改聯絡手機' })).toBeVisible();
    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'zh-hant-user-details');

    await page.getByRole('navigation', { name: '帳號頁面' }).getByRole('link', { name: '安全設定' }).click();
    await expect(page.getByRole('heading', { name: '安全設定', level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: '帳號保護' }).getByText('密保手機')).toBeVisible();
    await expect(page.getByRole('region', { name: '最近變更' }).getByText('暫無變更紀錄。')).toBeVisible();
    const sessions = page.getByRole('region', { name: '工作階段' });
    await expect(sessions.getByRole('listitem').first()).toContainText('目前裝置');
    await expect(sessions.getByText('沒有其他瀏覽器或裝置登入此帳號。')).toBeVisible();
    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'zh-hant-security-settings');

    await page.goto('/developer/nope');
    await expect(page.getByRole('heading', { name: '頁面不存在' })).toBeVisible();
  });

  test('a contact change: the number, the identity step and the calling region in Traditional Chinese', async ({ page }, testInfo) => {
    const account = await signIn(page, 'default');
    await page.goto('/developer/user-details');
    await page.getByRole('button', { name: '修改聯絡手機' }).click();
    const region = dialog(page).getByRole('combobox', { name: '國家或地區區號' });
    await expect(region).toHaveValue('中國大陸 +86');
    await region.fill('HK');
    await expect(dialog(page).getByRole('option', { name: /中國香港/ })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(region).toHaveValue('中國香港 +852');
    await dialog(page).getByLabel('新手機號碼').fill(`5${account.account_id.slice(-7)}`);
    await dialog(page).getByRole('button', { name: '確定' }).click();
    await expect(dialog(page).getByRole('heading', { name: '驗證身份' })).toBeVisible();
    await expect(dialog(page).getByRole('radio', { name: `透過密保手機 +86 138****${lastFour(account.recovery_mobile)} 驗證` })).toBeChecked();
    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'zh-hant-contact-identity');
  });

  test('a recovery change and Verify now in Traditional Chinese', async ({ page }, testInfo) => {
    const account = await signIn(page, 'default');
    await page.goto('/developer/security');
    await page.getByRole('link', { name: '修改密保郵箱' }).click();
    await expect(dialog(page).getByRole('heading', { name: '修改密保郵箱 · 第 1 步，共 2 步' })).toBeVisible();
    await verifyIdentity(page, account.recovery_mobile, { send: '傳送驗證碼', code: '驗證碼' });
    await expect(dialog(page).getByRole('heading', { name: '修改密保郵箱 · 第 2 步，共 2 步' })).toBeVisible();
    const address = `hant-${account.account_id}@example.dev`;
    await dialog(page).getByLabel('新郵箱地址').fill(address);
    await dialog(page).getByRole('button', { name: '傳送驗證碼' }).click();
    await expect(dialog(page).getByText('6 位數字，輸入後請點選「確定」')).toBeVisible();
    await expect(dialog(page).getByRole('checkbox', { name: '登出其他所有工作階段' })).toBeChecked();
    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'zh-hant-recovery-code-sent');
    await confirmCode(page, await codeFor(page.request, address, 'change_recovery'), { ok: '確定', label: '驗證碼' });
    await expect(
      page.getByText(`密保郵箱已修改為 h***@example.dev。已向 u***@example.com、+86 138****${lastFour(account.recovery_mobile)}、l***@example.com 傳送通知。`),
    ).toBeVisible();

    await signIn(page, 'unverified-contact');
    await page.goto('/developer');
    await page.getByRole('button', { name: '立即驗證：聯絡手機' }).click();
    await expect(dialog(page).getByRole('heading', { name: '驗證聯絡手機' })).toBeVisible();
    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'zh-hant-verify-now');
  });
});

test('the shell switches to Traditional Chinese, and a locale the app does not have falls back with a warning', async ({ page }) => {
  await signIn(page);
  await page.goto('/developer/security');
  await page.getByLabel('Language').selectOption('zh-Hant');
  await expect(page.getByRole('heading', { name: '安全設定', level: 1 })).toBeVisible();
  await expect(page.getByText('帳號中心')).toBeVisible();

  const warnings = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  const mounted = await page.evaluate(() =>
    ['zh-HK', 'ja'].map((locale) => {
      const host = document.createElement('section');
      host.id = `mount-${locale}`;
      document.body.append(host);
      try {
        window.wasmBindings.mount(host, { basePath: '/developer', locale });
        return 'mounted';
      } catch (error) {
        return error.message;
      }
    }),
  );
  expect(mounted).toEqual(['mounted', 'mounted']);
  await expect(page.locator('#mount-zh-HK').getByRole('heading', { name: '安全設定', level: 1 })).toBeVisible();
  // The browser here is en-US: the language the app falls back to.
  await expect(page.locator('#mount-ja').getByRole('heading', { name: 'Security Settings', level: 1 })).toBeVisible();
  expect(warnings.filter((w) => w.includes('"ja"'))).toHaveLength(1);
  expect(warnings.find((w) => w.includes('"ja"'))).toMatch(/en, zh-CN and zh-Hant/);
});
