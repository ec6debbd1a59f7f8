// First load: the account is asked for while the code downloads, and only once.
import { test, expect } from '@playwright/test';
import { signIn } from './support/dev-api.mjs';
import { recordEvents, recordedEvents, watchErrors } from './support/page.mjs';

const isAccountRequest = (request) => new URL(request.url()).pathname === '/api/v1/account';

test('the account is requested while the wasm is still downloading, and only once', async ({ page }) => {
  const errors = watchErrors(page);
  const account = await signIn(page);
  let accountRequests = 0;
  page.on('request', (request) => {
    if (isAccountRequest(request)) accountRequests += 1;
  });
  // The code is held back until the account has been asked for: a slow network for the wasm.
  let releaseWasm;
  const wasmHeld = new Promise((resolve) => (releaseWasm = resolve));
  await page.route('**/*.wasm', async (route) => {
    await wasmHeld;
    await route.continue();
  });

  const accountRequested = page.waitForRequest(isAccountRequest, { timeout: 10_000 });
  await page.goto('/developer', { waitUntil: 'commit' });
  await accountRequested;
  releaseWasm();

  await expect(page.getByRole('region', { name: 'Basic information' }).getByText(account.account_id)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Contact information' }).getByText('Verified')).toHaveCount(2);
  expect(accountRequests).toBe(1);
  expect(errors).toEqual([]);
});

test('when the early request fails, the app asks for the account itself', async ({ page }) => {
  const account = await signIn(page);
  let accountRequests = 0;
  page.on('request', (request) => {
    if (isAccountRequest(request)) accountRequests += 1;
  });
  await page.route('**/api/v1/account', (route) => route.abort('connectionreset'), { times: 1 });

  await page.goto('/developer');
  await expect(page.getByRole('region', { name: 'Basic information' }).getByText(account.account_id)).toBeVisible();
  expect(accountRequests).toBe(2);
});

test('while a page is read, its first dialog is made ready, and nothing of it shows, takes focus or is sent', async ({ page }) => {
  const errors = watchErrors(page);
  await recordEvents(page, ['page-changed', 'contact-changed', 'session-expired', 'crashed']);
  // Counts the browser's region names opened: the work a first Edit would otherwise begin with.
  await page.addInitScript(() => {
    window.__regionNamesOpened = 0;
    Intl.DisplayNames = new Proxy(Intl.DisplayNames, {
      construct(names, args) {
        window.__regionNamesOpened += 1;
        return new names(...args);
      },
    });
  });
  await signIn(page);
  await page.goto('/developer/user-details');
  await expect(page.getByRole('button', { name: 'Edit contact mobile number' })).toBeVisible();
  const requests = [];
  page.on('request', (request) => requests.push(`${request.method()} ${new URL(request.url()).pathname}`));

  await expect.poll(() => page.evaluate(() => window.__regionNamesOpened)).toBeGreaterThan(0);
  // The work is done one piece per idle period: several more idle periods see it finished.
  await page.evaluate(
    () =>
      new Promise((done) => {
        let left = 6;
        const next = () => (--left ? requestIdleCallback(next) : done());
        requestIdleCallback(next);
      }),
  );
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  expect(requests).toEqual([]);
  expect((await recordedEvents(page)).map((e) => e.name)).toEqual(['page-changed']);

  // The dialog opens as it always did.
  await page.getByRole('button', { name: 'Edit contact mobile number' }).click();
  await expect(page.getByRole('dialog').getByRole('combobox', { name: 'Country/region calling code' })).toBeFocused();
  expect(errors).toEqual([]);
});

