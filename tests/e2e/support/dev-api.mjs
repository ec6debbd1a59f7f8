// dev-api as the tests use it: fresh accounts, the outbox of codes and notices, and a
// server of a test's own with other limits.
import { expect } from '@playwright/test';
import path from 'node:path';

/** Signs the page's browser context in with a fresh account; returns its full addresses. */
export async function signIn(page, preset = 'default') {
  const response = await page.request.post('/__dev/login', { data: { preset } });
  expect(response.ok()).toBeTruthy();
  return response.json();
}

/** An address of this test's own: desktop and mobile runs share one dev-api. */
export const mine = (name, account) => `${name}-${account.account_id}@example.dev`;

/** Messages dev-api "sent" to a full address, oldest first. */
export async function outbox(request, to) {
  const response = await request.get(`/__dev/outbox?to=${encodeURIComponent(to)}`);
  return response.json();
}

/** How many messages for `purpose` dev-api has sent to `to`. */
export async function sentCount(request, to, purpose) {
  return (await outbox(request, to)).filter((m) => m.purpose === purpose).length;
}

/**
 * Sends a subscribed message (a billing reminder) of the signed-in account by `kind`
 * (`mobile` or `email`); returns the full address it went to.
 */
export async function deliverSubscribed(request, kind) {
  const response = await request.post('/__dev/deliver-subscribed', { data: { kind } });
  expect(response.status()).toBe(201);
  return (await response.json()).to;
}

/** The newest code dev-api sent to `to` for `purpose`, waiting until it is there. */
export async function codeFor(request, to, purpose, after = 0) {
  let code;
  await expect
    .poll(async () => {
      const messages = (await outbox(request, to)).filter((m) => m.purpose === purpose);
      code = messages.length > after ? messages[messages.length - 1].code : undefined;
      return code;
    })
    .toBeTruthy();
  return code;
}

/**
 * Runs `fn(page)` against a dev-api of its own, started with `args` (e.g. a daily limit of
 * one), on a port derived from the worker so parallel workers never collide.
 */
export async function withDevApi(browser, testInfo, args, fn) {
  const { spawn } = await import('node:child_process');
  const port = 8300 + testInfo.parallelIndex * 10 + (testInfo.project.name === 'mobile' ? 5 : 0);
  const root = path.resolve(import.meta.dirname, '../../..');
  const server = spawn(path.join(root, 'target/debug/dev-api'), ['--dist', path.join(root, 'dist'), '--port', String(port), '--quiet', ...args], {
    stdio: 'ignore',
  });
  const baseURL = `http://127.0.0.1:${port}`;
  try {
    await expect
      .poll(async () => {
        try {
          return (await fetch(`${baseURL}/__dev/outbox`)).status;
        } catch {
          return 0;
        }
      })
      .toBe(200);
    const context = await browser.newContext({ ...testInfo.project.use, baseURL });
    try {
      await fn(await context.newPage(), baseURL);
    } finally {
      await context.close();
    }
  } finally {
    // The next test of this worker binds the same port: wait until this server has let go.
    const exited = server.exitCode !== null || server.signalCode !== null;
    const gone = exited ? Promise.resolve() : new Promise((resolve) => server.once('exit', resolve));
    server.kill();
    await gone;
  }
}

/**
 * In the open dialog: selects Send Verification Code, then types the code dev-api sent to
 * `to` for `purpose` (a newer one than any sent before). `names` gives the button's and the
 * field's words in another language.
 */
export async function sendAndEnterCode(page, to, purpose, { send = 'Send Verification Code', code = 'Verification code' } = {}) {
  const dialog = page.getByRole('dialog');
  const before = await sentCount(page.request, to, purpose);
  await dialog.getByRole('button', { name: send }).click();
  await dialog.getByLabel(code).fill(await codeFor(page.request, to, purpose, before));
}

/** The identity step by a code to the recovery address `to` (by SMS or email). */
export async function verifyIdentity(page, to, names) {
  await sendAndEnterCode(page, to, 'identity', names);
}

/**
 * Asks for a new contact value (`kind`: `mobile` or `email`) of the signed-in account over
 * HTTP, as the app does: identity by a code to the recovery mobile, then the change with its
 * ticket. The value then waits for its code, already sent. For tests of what comes after.
 */
export async function askForContact(page, account, kind, value) {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'csrf_token');
  const headers = { 'x-csrf-token': csrf.value };
  const post = async (path, data) => {
    const response = await page.request.post(`/api/v1${path}`, { data, headers });
    expect(response.ok(), path).toBeTruthy();
    return response.json();
  };
  const before = await sentCount(page.request, account.recovery_mobile, 'identity');
  const challenge = await post('/identity/challenges', { method: 'sms' });
  const code = await codeFor(page.request, account.recovery_mobile, 'identity', before);
  const { ticket } = await post(`/identity/challenges/${challenge.challenge_id}/verify`, { code });
  const response = await page.request.put(`/api/v1/contact/${kind}`, {
    data: { value },
    headers: { ...headers, 'x-identity-ticket': ticket },
  });
  expect(response.status()).toBe(200);
  return response.json();
}
