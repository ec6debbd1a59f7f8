// The three pages, navigation, sign-in, Not Found and the language, in a real browser.
import { test, expect } from '@playwright/test';
import { signIn } from './support/dev-api.mjs';
import { expectAccessible, keepScreenshot, watchErrors, lastFour, dialog, recordEvents, recordedEvents } from './support/page.mjs';

test.describe('signed out', () => {
  test('a visitor sees the session-expired view, signs in and comes back', async ({ page }, testInfo) => {
    await recordEvents(page, ['session-expired']);
    await page.goto('/developer/security');
    await expect(page.getByRole('heading', { name: 'Your session has expired' })).toBeVisible();
    expect(await recordedEvents(page)).toEqual([{ name: 'session-expired', detail: {} }]);
    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'en-session-expired');

    await page.getByRole('link', { name: 'Sign in' }).click();
    // dev-api's sign-in page: a link alone signs nobody in, its button does.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/developer\/security$/);
    await expect(page.getByRole('heading', { name: 'Security Settings', level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Account protection' })).toContainText('Recovery mobile number');
  });

  test('the root address goes to Account Information', async ({ page }) => {
    await signIn(page);
    await page.goto('/');
    await expect(page).toHaveURL(/\/developer$/);
    await expect(page.getByRole('heading', { name: 'Account Information', level: 1 })).toBeVisible();
  });
});

test.describe('English', () => {
  test('every tab is in sight, on a phone too', async ({ page }) => {
    await signIn(page);
    await page.goto('/developer');
    const tabs = page.getByRole('navigation').getByRole('link');
    await expect(tabs).toHaveCount(3);
    for (const name of ['Account Information', 'User Details', 'Security Settings']) {
      await expect(tabs.filter({ hasText: name })).toBeInViewport({ ratio: 1 });
    }
  });

  test('Account Information shows the account, masked', async ({ page }, testInfo) => {
    const errors = watchErrors(page);
    const account = await signIn(page, 'default');
    await page.goto('/developer');
    await expect(page.getByRole('heading', { name: 'Account Information', level: 1 })).toBeVisible();
    const basic = page.getByRole('region', { name: 'Basic information' });
    await expect(basic.getByText(account.account_id)).toBeVisible();
    await expect(basic.getByText('Individual')).toBeVisible();

    const contact = page.getByRole('region', { name: 'Contact information' });
    await expect(contact.getByText(`+86 138****${lastFour(account.contact_mobile)}`)).toBeVisible();
    await expect(contact.getByText('Verified')).toHaveCount(2);
    await expect(page.getByRole('region', { name: 'Login methods' }).getByText(/^l\*\*\*@example\.com$/)).toBeVisible();
    await expect(page.getByText(account.contact_mobile)).toHaveCount(0);
    // contact = recovery: no advice
    await expect(page.getByRole('heading', { name: 'Use the same details for recovery and contact' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Account Information' })).toHaveAttribute('aria-current', 'page');

    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'en-account-information');
    expect(errors).toEqual([]);
  });

  test('the Edit icon opens User Details for that field', async ({ page }) => {
    await signIn(page, 'default');
    await page.goto('/developer');
    await page.getByRole('link', { name: 'Edit contact mobile number' }).click();
    await expect(page).toHaveURL(/\/developer\/user-details\?edit=mobile$/);
    await expect(page.getByRole('heading', { name: 'User Details', level: 1 })).toBeVisible();
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Account Information', level: 1 })).toBeVisible();
    await page.goForward();
    await expect(page.getByRole('heading', { name: 'User Details', level: 1 })).toBeVisible();
  });

  test('User Details shows unverified contact values', async ({ page }, testInfo) => {
    const account = await signIn(page, 'unverified-contact');
    await page.goto('/developer/user-details');
    const contact = page.getByRole('region', { name: 'Contact information' });
    await expect(contact.getByText(`+86 137****${lastFour(account.contact_mobile)}`)).toBeVisible();
    await expect(contact.getByText('n***@example.net')).toBeVisible();
    await expect(contact.getByText('Unverified')).toHaveCount(2);
    await expect(contact.getByRole('button', { name: 'Edit contact email address' })).toBeVisible();
    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'en-user-details');
  });

  test('Security Settings offers Bind where nothing is bound', async ({ page }, testInfo) => {
    await signIn(page, 'no-login-email');
    await page.goto('/developer/security');
    const login = page.getByRole('region', { name: 'Login methods' });
    await expect(login.getByText('Not bound')).toBeVisible();
    await expect(login.getByRole('link', { name: 'Bind login email address' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Account protection' }).getByRole('link', { name: 'Edit recovery email address' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Recent changes' }).getByText('No changes yet.')).toBeVisible();
    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'en-security-settings');

    await signIn(page, 'no-recovery-email');
    await page.reload();
    await expect(page.getByRole('link', { name: 'Bind recovery email address' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Edit login email address' })).toBeVisible();
  });

  test('every page says Edit with the same icon for a bound value, and Not bound where the action is Bind', async ({ page }) => {
    await signIn(page, 'no-recovery');
    for (const path of ['/developer', '/developer/security']) {
      await page.goto(path);
      // The Edit icon: named for its field, no visible word, and never Modify beside it.
      const edit = page.getByRole('link', { name: 'Edit login email address' });
      await expect(edit).toBeVisible();
      await expect(edit).toHaveText('');
      await expect(edit.locator('svg')).toHaveCount(1);
      await expect(page.getByText('Modify')).toHaveCount(0);
    }
    const protection = page.getByRole('region', { name: 'Account protection' });
    await expect(protection.getByText('Not bound')).toHaveCount(2);
    await expect(protection.getByRole('link', { name: 'Bind recovery mobile number' })).toHaveText('Bind');
    await page.goto('/developer');
    await expect(page.getByRole('region', { name: 'Account protection' }).getByText('Not bound')).toHaveCount(2);
    await expect(page.getByText('Not set')).toHaveCount(0);
  });

  test('Account Information says what contact details are for', async ({ page }) => {
    await signIn(page, 'default');
    await page.goto('/developer');
    await expect(page.getByRole('region', { name: 'Contact information' })).toContainText(
      'Contact details receive subscribed messages such as overdue payments, product expiration and event notifications. They are not used for verification.',
    );
  });

  test('the same-as-recovery advice copies the recovery value in one click', async ({ page }, testInfo) => {
    await recordEvents(page, ['contact-changed']);
    const account = await signIn(page, 'diverged');
    await page.goto('/developer/user-details');
    await expect(page.getByRole('heading', { name: 'Use the same details for recovery and contact' })).toBeVisible();
    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'en-advice');

    const recoveryMasked = `+86 138****${lastFour(account.recovery_mobile)}`;
    await page.getByRole('button', { name: `Use my recovery mobile number (${recoveryMasked}) as contact` }).click();
    await expect(page.getByRole('status').getByText('Your contact mobile number is now the same as your recovery mobile number, and it is verified.')).toBeVisible();
    const contact = page.getByRole('region', { name: 'Contact information' });
    await expect(contact.getByText(recoveryMasked)).toBeVisible();
    // Only the email still differs.
    await expect(page.getByRole('button', { name: /Use my recovery mobile number/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Use my recovery email address/ })).toBeVisible();
    expect(await recordedEvents(page)).toEqual([{ name: 'contact-changed', detail: { kind: 'mobile', verified: true } }]);

    await page.goto('/developer/security');
    await expect(page.getByRole('region', { name: 'Recent changes' }).getByText('Contact mobile number changed')).toBeVisible();
  });

  test('a deep link survives a reload', async ({ page }) => {
    await signIn(page);
    await page.goto('/developer/security?edit=recovery-email');
    const title = 'Change recovery email address · Step 1 of 2';
    await expect(page.getByRole('heading', { name: 'Security Settings', level: 1 })).toBeVisible();
    await expect(dialog(page).getByRole('heading', { name: title })).toBeVisible();
    await page.reload();
    await expect(page).toHaveURL(/\/developer\/security\?edit=recovery-email$/);
    await expect(page.getByRole('heading', { name: 'Security Settings', level: 1 })).toBeVisible();
    await expect(dialog(page).getByRole('heading', { name: title })).toBeVisible();
  });

  test('an unknown address shows Not Found with a way back', async ({ page }, testInfo) => {
    await signIn(page);
    await page.goto('/developer/no-such-page');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'en-not-found');
    await page.getByRole('link', { name: 'Back to Account Information' }).click();
    await expect(page).toHaveURL(/\/developer$/);
    await expect(page.getByRole('heading', { name: 'Account Information', level: 1 })).toBeVisible();
  });

  test('an expired session mid-visit ends in the sign-in view', async ({ page }) => {
    await signIn(page);
    await page.goto('/developer/user-details');
    await expect(page.getByRole('heading', { name: 'User Details', level: 1 })).toBeVisible();
    await page.request.post('/__dev/expire-session');
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Your session has expired' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/__dev/login?redirect=/developer/user-details');
  });

  test('a backend failure shows an error with a working retry', async ({ page }) => {
    await signIn(page);
    let fail = true;
    await page.route('**/api/v1/account', (route) => (fail ? route.abort('failed') : route.continue()));
    await page.goto('/developer');
    await expect(page.getByRole('alert').getByText('Could not reach the server.', { exact: false })).toBeVisible();
    fail = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('region', { name: 'Basic information' })).toBeVisible();
  });
});

test.describe('简体中文', () => {
  test.use({ locale: 'zh-CN' });

  test('every page in Chinese, from the browser language', async ({ page }, testInfo) => {
    const account = await signIn(page, 'diverged');
    await page.goto('/developer');
    await expect(page.getByRole('heading', { name: '账号信息', level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: '基本信息' }).getByText('个人')).toBeVisible();
    await expect(page.getByRole('heading', { name: '建议密保与联系方式保持一致' })).toBeVisible();
    await expect(page.getByRole('region', { name: '联系信息' }).getByText(`+86 139****${lastFour(account.contact_mobile)}`)).toBeVisible();
    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'zh-account-information');

    await page.getByRole('navigation', { name: '账号页面' }).getByRole('link', { name: '用户详情' }).click();
    await expect(page.getByRole('heading', { name: '用户详情', level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: '修改联系手机' })).toBeVisible();
    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'zh-user-details');

    await page.getByRole('navigation', { name: '账号页面' }).getByRole('link', { name: '安全设置' }).click();
    await expect(page.getByRole('heading', { name: '安全设置', level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: '账号保护' }).getByText('密保手机')).toBeVisible();
    await expect(page.getByRole('region', { name: '最近变更' }).getByText('暂无变更记录。')).toBeVisible();
    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'zh-security-settings');
  });

  test('Not Found and sign-in in Chinese', async ({ page }, testInfo) => {
    await page.goto('/developer/nope');
    await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible();
    await page.goto('/developer');
    await expect(page.getByRole('heading', { name: '登录已过期' })).toBeVisible();
    await keepScreenshot(page, testInfo, 'zh-session-expired');
    await page.getByRole('link', { name: '重新登录' }).click();
    // dev-api's own sign-in page (English): its button signs in.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: '账号信息', level: 1 })).toBeVisible();
  });
});

test('a language chosen while the app is still loading is the one it starts in', async ({ page }) => {
  await signIn(page);
  // The wasm held back until the language is chosen: the page is there, the app is not yet.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(/_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/developer/security', { waitUntil: 'domcontentloaded' });
  await page.getByLabel('Language').selectOption('zh-Hant');
  release();
  await expect(page.getByRole('heading', { name: '安全設定', level: 1 })).toBeVisible();
  await expect(page.getByLabel('語言')).toHaveValue('zh-Hant');
  await expect(page.getByRole('heading', { name: 'Security Settings', level: 1 })).toHaveCount(0);
});

test('the language switcher remounts the app and is remembered', async ({ page }) => {
  await signIn(page);
  await page.goto('/developer/security');
  await expect(page.getByRole('heading', { name: 'Security Settings', level: 1 })).toBeVisible();
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '安全设置', level: 1 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.reload();
  await expect(page.getByRole('heading', { name: '安全设置', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Security Settings', level: 1 })).toHaveCount(0);
});
