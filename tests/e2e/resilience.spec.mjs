// Faults of the network, the clock and the component lifecycle: nothing freezes the app.
import { test, expect } from '@playwright/test';
import { signIn, codeFor, verifyIdentity, sendAndEnterCode } from './support/dev-api.mjs';
import { watchErrors, dialog, recordEvents, recordedEvents } from './support/page.mjs';

/**
 * Holds every request matching `url` until `release()`; `seen` resolves with the first one.
 * A request the page aborted meanwhile is simply not continued.
 */
async function hold(page, url) {
  const routes = [];
  let markSeen;
  const seen = new Promise((resolve) => (markSeen = resolve));
  await page.route(url, (route) => {
    routes.push(route);
    markSeen(route.request());
  });
  return {
    seen,
    async release() {
      await page.unroute(url);
      for (const route of routes) await route.continue().catch(() => {});
    },
    /** The request dies on its way, as the page's abort meant it to. Aborted before the
     * route goes: without a route Chromium lets paused requests go on to the backend. */
    async abandon() {
      for (const route of routes) await route.abort('aborted').catch(() => {});
      await page.unroute(url);
    },
  };
}

/** The app still answers: the tabs navigate and the page renders. */
async function expectAlive(page) {
  const tabs = page.getByRole('navigation');
  await tabs.getByRole('link', { name: 'Security Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Security Settings', level: 1 })).toBeVisible();
  await tabs.getByRole('link', { name: 'User Details' }).click();
  await expect(page.getByRole('heading', { name: 'User Details', level: 1 })).toBeVisible();
}

/** Verify now for the unverified contact mobile, with the Send button. */
async function openVerifyNow(page) {
  await signIn(page, 'unverified-contact');
  await page.goto('/developer/user-details');
  await page.getByRole('button', { name: 'Verify now: contact mobile number' }).click();
  return dialog(page).getByRole('button', { name: 'Send Verification Code' });
}

/** Clicks `button`, presses Esc once the `held` request is on its way, and lets that request
 * go on to the backend once the dialog has closed (or, with `abandon`, die on its way). */
async function escapeDuring(page, held, button, { abandon = false } = {}) {
  await button.click();
  await held.seen;
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  await (abandon ? held.abandon() : held.release());
}

test('Esc while a code is being sent: the dialog closes and the app keeps working', async ({ page }) => {
  const errors = watchErrors(page);
  const send = await openVerifyNow(page);
  // Had the send reached the backend after all, its cooldown would rightly hold the next one.
  await escapeDuring(page, await hold(page, '**/api/v1/contact/mobile/verification'), send, { abandon: true });

  await expectAlive(page);
  // Reopened, the dialog is usable again.
  await page.getByRole('button', { name: 'Verify now: contact mobile number' }).click();
  await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
  await expect(dialog(page).getByText(/A verification code was sent to \+86 137\*\*\*\*/)).toBeVisible();
  expect(errors).toEqual([]);
});

test('Esc while OK is saving: the page shows what the backend has', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, 'default');
  await page.goto('/developer/user-details');
  const contact = page.getByRole('region', { name: 'Contact information' });
  const before = await contact.textContent();
  await page.getByRole('button', { name: 'Edit contact email address' }).click();
  await dialog(page).getByLabel('New email address').fill('resilient@example.com');
  await escapeDuring(page, await hold(page, '**/api/v1/contact/email'), dialog(page).getByRole('button', { name: 'OK' }));

  await expectAlive(page);
  await expect(contact).toHaveText(before);
  await page.reload();
  await expect(contact).toHaveText(before);
  expect(errors).toEqual([]);
});

test('leaving the page (Back) while a dialog is sending a code', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, 'unverified-contact');
  await page.goto('/developer');
  await page.getByRole('navigation').getByRole('link', { name: 'User Details' }).click();
  await page.getByRole('button', { name: 'Verify now: contact mobile number' }).click();
  const send = await hold(page, '**/api/v1/contact/mobile/verification');
  await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
  await send.seen;
  // Verify now is in the address (`?verify=`): Back closes it first, then leaves the page.
  await page.goBack();
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'User Details', level: 1 })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Account Information', level: 1 })).toBeVisible();
  await send.release();

  await expectAlive(page);
  expect(errors).toEqual([]);
});

test('switching the language while the account is first loading', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, 'default');
  const account = await hold(page, '**/api/v1/account');
  await page.goto('/developer', { waitUntil: 'commit' });
  await account.seen;
  await expect(page.getByRole('status').filter({ hasText: 'Loading' }).first()).toBeVisible();
  await page.getByLabel('Language').selectOption('zh-CN');
  await account.release();

  await expect(page.getByRole('heading', { name: '账号信息', level: 1 })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: '安全设置' }).click();
  await expect(page.getByRole('heading', { name: '安全设置', level: 1 })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a request that never answers ends in "try again", and trying again works', async ({ page }) => {
  const errors = watchErrors(page);
  await page.clock.install();
  const button = await openVerifyNow(page);
  const send = await hold(page, '**/api/v1/contact/mobile/verification');
  await button.click();
  await send.seen;
  await expect(button).toBeDisabled();

  await page.clock.fastForward(15_000);
  await expect(dialog(page).getByText('The server did not answer. Try again; what you entered is kept.')).toBeVisible();
  await expect(button).toBeEnabled();

  await page.unroute('**/api/v1/contact/mobile/verification');
  await button.click();
  await expect(dialog(page).getByText(/A verification code was sent to \+86 137\*\*\*\*/)).toBeVisible();
  expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
});

test('if the module traps, the host shows a way to reload and the shell hears of it', async ({ page }) => {
  await recordEvents(page, ['crashed']);
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => (window.__wasm = e.detail.wasm), { once: true });
  });
  await signIn(page, 'default');
  await page.goto('/developer');
  await expect(page.getByRole('heading', { name: 'Account Information', level: 1 })).toBeVisible();

  // A real trap: an allocation with an impossible alignment aborts inside the module.
  await page.evaluate(() => setTimeout(() => window.__wasm.__wbindgen_malloc(8, 3)));
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { name: 'Something went wrong' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Account Information', level: 1 })).toBeHidden();
  expect((await recordedEvents(page)).map((e) => e.name)).toEqual(['crashed']);

  await alert.getByRole('link', { name: 'Reload' }).click();
  await expect(page.getByRole('heading', { name: 'Account Information', level: 1 })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('closing a dialog whose field has focus', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, 'default');
  await page.goto('/developer/user-details');
  await page.getByRole('button', { name: 'Edit contact email address' }).click();
  await dialog(page).getByLabel('New email address').fill('someone@example.com');
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit contact email address' })).toBeFocused();
  await expectAlive(page);
  expect(errors).toEqual([]);
});

for (const [form, retryAfter] of [
  ['seconds', () => '42'],
  ['an HTTP date', () => new Date(Date.now() + 42_000).toUTCString()],
]) {
  test(`a gateway 429 with Retry-After in ${form} counts down, then sending works`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.clock.install();
    const send = await openVerifyNow(page);
    await page.route(
      '**/api/v1/contact/mobile/verification',
      (route) =>
        route.fulfill({
          status: 429,
          headers: { 'Retry-After': retryAfter(), Date: new Date().toUTCString(), 'Content-Type': 'text/html' },
          body: '<html>Too Many Requests</html>',
        }),
      { times: 1 },
    );
    await send.click();
    const busy = dialog(page).getByText(/^The service is busy\. Try again in 4[0-2] s\.$/);
    await expect(busy).toBeVisible();
    await expect(dialog(page).getByRole('button', { name: /^Resend in 4[0-2] s$/ })).toBeDisabled();
    await page.clock.fastForward(20_000);
    await expect(dialog(page).getByText(/^The service is busy\. Try again in 2[0-2] s\.$/)).toBeVisible();

    await page.clock.fastForward(23_000);
    await expect(busy).toHaveCount(0);
    await send.click();
    await expect(dialog(page).getByText(/A verification code was sent to \+86 137\*\*\*\*/)).toBeVisible();
    expect(errors.filter((e) => !/status of 429/.test(e))).toEqual([]);
  });
}

for (const minutes of [11, -11]) {
  test(`a browser clock ${Math.abs(minutes)} minutes ${minutes > 0 ? 'fast' : 'slow'} changes nothing the user sees`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.clock.install({ time: Date.now() + minutes * 60_000 });
    const account = await signIn(page, 'unverified-contact');
    await page.goto('/developer/user-details');
    await page.getByRole('button', { name: 'Verify now: contact mobile number' }).click();
    await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
    await expect(dialog(page).getByText(/^Code expires in (10:00|9:[0-5]\d)$/)).toBeVisible();
    await expect(dialog(page).getByRole('button', { name: /^Resend in (60|5\d) s$/ })).toBeDisabled();
    await expect(dialog(page).getByLabel('Verification code')).toBeEnabled();

    const code = await codeFor(page.request, account.contact_mobile, 'verify_contact');
    await dialog(page).getByLabel('Verification code').fill(code);
    await expect(dialog(page)).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Contact information' }).getByText('Unverified')).toHaveCount(1);
    expect(errors).toEqual([]);
  });
}

test('fields and numbers the app does not know are ignored', async ({ page }) => {
  const errors = watchErrors(page);
  const account = await signIn(page, 'default');
  await page.route('**/api/v1/account', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    body.discount_rate = 0.25;
    body.quota = { used: 1.5e3, limits: [0.5, -2.75] };
    body.account_tier = 'platinum';
    body.account_type = 'reseller';
    body.identity_methods = ['passkey', ...body.identity_methods];
    await route.fulfill({ response, json: body });
  });
  await page.goto('/developer');
  const basic = page.getByRole('region', { name: 'Basic information' });
  await expect(basic.getByText(account.account_id)).toBeVisible();
  await expect(basic.getByText('reseller', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Contact information' }).getByText('Verified')).toHaveCount(2);

  // A method the app does not know is not offered (nor mislabelled).
  await page.getByRole('link', { name: 'Edit contact email address' }).click();
  await dialog(page).getByLabel('New email address').fill('known@example.com');
  await dialog(page).getByRole('button', { name: 'OK' }).click();
  await expect(dialog(page).getByRole('heading', { name: 'Verify your identity' })).toBeVisible();
  await expect(dialog(page).getByRole('radio')).toHaveCount(3);
  await expect(dialog(page).getByRole('radio', { name: /passkey/i })).toHaveCount(0);
  expect(errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
});

test('an answer that is not JSON is a clear error with a working retry', async ({ page }) => {
  const errors = watchErrors(page);
  const account = await signIn(page, 'default');
  await page.route('**/api/v1/account', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"account_id": "1", ' }), { times: 1 });
  await page.goto('/developer');
  const failed = page.getByRole('alert');
  await expect(failed.getByRole('heading', { name: 'Your account could not be loaded.' })).toBeVisible();
  await expect(failed.getByText("The server's answer could not be read. Try again, or reload the page.")).toBeVisible();
  await failed.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('region', { name: 'Basic information' }).getByText(account.account_id)).toBeVisible();
  expect(errors).toEqual([]);
});

/** The backend gets the request and commits it; the browser sees the connection reset. */
async function loseTheAnswer(page, url) {
  await page.route(
    url,
    async (route) => {
      await route.fetch();
      await route.abort('connectionreset');
    },
    { times: 1 },
  );
}

test('a verification whose answer is lost is found saved', async ({ page }) => {
  const errors = watchErrors(page);
  const account = await signIn(page, 'unverified-contact');
  await page.goto('/developer/user-details');
  await page.getByRole('button', { name: 'Verify now: contact mobile number' }).click();
  await dialog(page).getByRole('button', { name: 'Send Verification Code' }).click();
  const code = await codeFor(page.request, account.contact_mobile, 'verify_contact');
  await loseTheAnswer(page, '**/api/v1/contact/mobile/verification/*/verify');
  await dialog(page).getByLabel('Verification code').fill(code);

  await expect(dialog(page)).toHaveCount(0);
  await expect(page.getByText('Contact mobile number verified.')).toBeVisible();
  const contact = page.getByRole('region', { name: 'Contact information' });
  await expect(contact.getByText('Verified', { exact: true })).toHaveCount(1);
  await expect(contact.getByText('Unverified', { exact: true })).toHaveCount(1);
  expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
});

test('a copy whose answer is lost is found saved', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, 'diverged');
  await page.goto('/developer/user-details');
  await loseTheAnswer(page, '**/api/v1/contact/mobile');
  await page.getByRole('button', { name: /Use my recovery mobile number/ }).click();

  await expect(page.getByRole('button', { name: /Use my recovery mobile number/ })).toHaveCount(0);
  await expect(page.getByText('Your contact mobile number is now the same as your recovery mobile number, and it is verified.')).toBeVisible();
  expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
});

test('a copy whose answer cannot be read is found saved', async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, 'diverged');
  await page.goto('/developer/user-details');
  // The backend commits; a proxy on the way back mangles the 200's body.
  await page.route(
    '**/api/v1/contact/mobile',
    async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: '<html>Service</html>' });
    },
    { times: 1 },
  );
  await page.getByRole('button', { name: /Use my recovery mobile number/ }).click();

  await expect(page.getByText('Your contact mobile number is now the same as your recovery mobile number, and it is verified.')).toBeVisible();
  await expect(page.getByRole('button', { name: /Use my recovery mobile number/ })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the code field takes its length from the challenge', async ({ page }) => {
  const errors = watchErrors(page);
  const send = await openVerifyNow(page);
  await page.route(
    '**/api/v1/contact/mobile/verification',
    async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), code_length: 8 } });
    },
    { times: 1 },
  );
  await send.click();
  const field = dialog(page).getByLabel('Verification code');
  await expect(dialog(page).getByText('8 digits, checked as soon as all are entered', { exact: true })).toBeVisible();
  await field.fill('123456');
  await dialog(page).getByRole('button', { name: 'Verify' }).click();
  await expect(dialog(page).getByText('The code has 8 digits.')).toBeVisible();
  await expect(field).toHaveValue('123456');
  expect(errors).toEqual([]);
});

test('a change whose dialog is closed while its commit is on its way shows the committed value', async ({ page }) => {
  const account = await signIn(page, 'default');
  await page.goto('/developer/security?edit=recovery-email');
  await verifyIdentity(page, account.recovery_mobile);
  const address = `closed-${account.account_id}@example.dev`;
  await dialog(page).getByLabel('New email address').fill(address);
  await sendAndEnterCode(page, address, 'change_recovery');
  // The commit reaches dev-api (which saves it); its answer is held back from the page.
  let reached;
  const atServer = new Promise((resolve) => (reached = resolve));
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/api/v1/recovery/email', async (route) => {
    const response = await route.fetch();
    reached(response.status());
    await held;
    await route.fulfill({ response }).catch(() => {});
  });
  await dialog(page).getByRole('button', { name: 'OK' }).click();
  expect(await atServer).toBe(200);
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  const protection = page.getByRole('region', { name: 'Account protection' });
  await expect(protection.getByText('c***@example.dev')).toBeVisible();
  // The value replaced is shown only as the one that may undo the change.
  await expect(protection.getByText('u***@example.com', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Edit recovery email address' })).toBeFocused();
  release();
});
