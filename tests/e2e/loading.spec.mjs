// First load: the account is asked for while the code downloads, and only once.
import { test, expect } from '@playwright/test';
import { signIn } from './support/dev-api.mjs';
import { watchErrors } from './support/page.mjs';

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
