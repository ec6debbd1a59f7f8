// The app's flows in Firefox ESR and WebKitGTK (ENGINE=firefox|webkit), against the release
// build served by dev-api: each page, each dialog to completion, the region picker by
// keyboard, Esc during a request, Back and Forward, and Chinese. Chromium runs the full
// Playwright suite (tests/e2e); this suite proves the same app works in the other engines.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startEngine } from './engines.mjs';
import { until } from './webdriver.mjs';

const ENGINE = process.env.ENGINE;
const ROOT = path.resolve(import.meta.dirname, '../..');
const SHOTS = path.join(ROOT, 'artifacts/screenshots', ENGINE);
const DIALOG = 'dialog[open]';

let engine;
let page;
let base;

before(async () => {
  engine = await startEngine(ENGINE);
  page = engine.session;
  base = engine.baseUrl;
  fs.mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await engine?.stop();
});

afterEach(async (t) => {
  // What the page looked like at the end of each test, failed or not.
  await page.screenshot(path.join(SHOTS, `${t.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`)).catch(() => {});
});

/** Signs the browser in with a fresh account of `preset`; returns its full addresses. */
async function signIn(preset = 'default', locale = 'en') {
  await page.goto(`${base}/__dev/outbox`);
  const account = await page.runAsync(async (preset, locale) => {
    localStorage.setItem('account-console.locale', locale);
    const response = await fetch('/__dev/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ preset }),
    });
    return response.json();
  }, preset, locale);
  assert.ok(account.account_id, 'signed in');
  return account;
}

/** The newest code dev-api sent to `to` for `purpose`, once there are more than `after`. */
async function codeFor(to, purpose, after = 0) {
  return until(`a ${purpose} code to ${to}`, async () => {
    const messages = (await (await fetch(`${base}/__dev/outbox?to=${encodeURIComponent(to)}`)).json()).filter((m) => m.purpose === purpose);
    return messages.length > after ? messages[messages.length - 1].code : undefined;
  });
}

async function open(pathname) {
  await page.goto(`${base}${pathname}`);
  await page.find('role', 'heading', { level: 1 });
}

/**
 * Step 2 of a security dialog: types `address` (focus is in its field), sends it a code,
 * types that code and confirms with OK.
 */
async function changeTo(address, purpose, words = {}) {
  const { field = 'New email address', send = 'Send Verification Code', code = 'Verification code', ok = 'OK' } = words;
  const email = await page.label(field, DIALOG);
  await page.focused(email, field);
  await page.fill(email, address);
  await page.click(await page.role('button', send, DIALOG));
  await page.fill(await page.label(code, DIALOG), await codeFor(address, purpose));
  if (words.screenshot) await page.screenshot(path.join(SHOTS, words.screenshot));
  await page.click(await page.role('button', ok, DIALOG));
}

async function heading(name) {
  return page.find('role', 'heading', { name, level: 1 });
}

test(`[${ENGINE}] the three pages, their tabs, Back and Forward`, async () => {
  const account = await signIn();
  await open('/developer');
  await heading('Account Information');
  await page.text(account.account_id);
  assert.equal(await page.run(() => document.title), 'Account Information · Account Console');
  await page.screenshot(path.join(SHOTS, 'page-account-information.png'));
  await page.click(await page.role('link', 'User Details'));
  await page.focused(await heading('User Details'), 'the User Details heading');
  await page.role('region', 'Contact information');
  await page.screenshot(path.join(SHOTS, 'page-user-details.png'));
  await page.click(await page.role('link', 'Security Settings'));
  await page.focused(await heading('Security Settings'), 'the Security Settings heading');
  await page.role('region', 'Recent changes');
  await page.screenshot(path.join(SHOTS, 'page-security-settings.png'));
  assert.equal(await page.run(() => document.title), 'Security Settings · Account Console');
  // The page's own history.back(): what the Back button does (WebKit's WebDriver Back skips
  // same-document entries).
  await page.run(() => history.back());
  await heading('User Details');
  assert.equal(await page.url(), '/developer/user-details');
  await page.run(() => history.back());
  await heading('Account Information');
  await page.run(() => history.forward());
  await heading('User Details');
  await open('/developer/nowhere');
  await page.role('link', 'Back to Account Information');
});

test(`[${ENGINE}] change the contact mobile number: region by keyboard, identity step-up, then Verify now`, async () => {
  const account = await signIn();
  await open('/developer/user-details');
  const edit = await page.role('button', 'Edit contact mobile number');
  await page.click(edit);
  const picker = await page.role('combobox', 'Country/region calling code', DIALOG);
  await page.focused(picker, 'the region picker');
  // Choose Hong Kong by keyboard: type, move through the list, Enter.
  await page.fill(picker, 'hong');
  await page.press('ArrowDown', 'Enter');
  await until('Hong Kong chosen', async () => /\+852/.test(await page.value(picker)));
  const hk = `6${account.account_id.slice(-7)}`;
  await page.fill(await page.label('New mobile number', DIALOG), hk);
  await page.click(await page.role('button', 'OK', DIALOG));
  const sms = await page.role('radio', '/Text message to/', DIALOG);
  await page.focused(sms, 'the identity step');
  await page.click(await page.role('button', 'Send Verification Code', DIALOG));
  const field = await page.label('Verification code', DIALOG);
  await page.focused(field, 'the code field');
  await page.screenshot(path.join(SHOTS, 'contact-identity-code.png'));
  await page.fill(field, await codeFor(account.recovery_mobile, 'identity'));
  const masked = `+852 6***${hk.slice(-4)}`;
  const current = `+86 138****${account.contact_mobile.slice(-4)}`;
  // Asked for: the same dialog goes on to the code already sent to the new value.
  await page.text(`Enter the code sent to ${masked} to make it your contact mobile number. Until you do, messages still go to ${current};`);
  await page.focused(await page.label('Verification code', DIALOG), 'the code field');
  // Closed without the code: the new value waits under its row, the current one stays.
  await page.press('Escape');
  await page.gone('role', 'dialog');
  const verifyNow = await page.role('button', 'Verify now: contact mobile number');
  await page.focused(verifyNow, 'Verify now');
  await page.text(`Pending: ${masked} · messages still go to ${current} until you verify`);
  await page.screenshot(path.join(SHOTS, 'contact-pending.png'));
  await page.click(verifyNow);
  const code = await page.label('Verification code', DIALOG);
  await page.focused(code, 'the code field');
  await page.fill(code, await codeFor(`+852${hk}`, 'verify_contact'));
  await page.text(`Contact mobile number verified. A notice was sent to ${current}, u***@example.com, l***@example.com.`);
  await page.focused(await page.role('button', 'Edit contact mobile number'), 'the Edit button');
  await page.gone('text', 'Pending:', { exact: false });
});

test(`[${ENGINE}] a new value waiting survives a reload, and Cancel drops it`, async () => {
  const account = await signIn();
  await open('/developer/user-details');
  await page.click(await page.role('button', 'Edit contact email address'));
  const address = `wait-${account.account_id}@example.dev`;
  await page.fill(await page.label('New email address', DIALOG), address);
  await page.click(await page.role('button', 'OK', DIALOG));
  await page.click(await page.role('button', 'Send Verification Code', DIALOG));
  await page.fill(await page.label('Verification code', DIALOG), await codeFor(account.recovery_mobile, 'identity'));
  await page.text('Enter the code sent to w***@example.dev');
  await open('/developer/user-details');
  await page.text('Pending: w***@example.dev · messages still go to u***@example.com until you verify');
  await page.click(await page.role('button', 'Cancel the new contact email address'));
  await page.text('The new contact email address was cancelled.');
  await page.focused(await page.role('button', 'Edit contact email address'), 'the Edit button');
  await page.gone('text', 'Pending:', { exact: false });
  await page.screenshot(path.join(SHOTS, 'contact-pending-cancelled.png'));
});

test(`[${ENGINE}] change the recovery email address: two steps, and OK confirms`, async () => {
  const account = await signIn();
  await open('/developer/security');
  await page.click(await page.role('link', 'Edit recovery email address'));
  await page.role('heading', '/Step 1 of 2/', DIALOG);
  await page.focused(await page.role('radio', '/Text message to/', DIALOG), 'the identity method');
  await page.click(await page.role('button', 'Send Verification Code', DIALOG));
  const identityCode = await page.label('Verification code', DIALOG);
  await page.focused(identityCode, 'the identity code field');
  await page.fill(identityCode, await codeFor(account.recovery_mobile, 'identity'));
  await page.role('heading', '/Step 2 of 2/', DIALOG);
  const email = await page.label('New email address', DIALOG);
  await page.focused(email, 'the new email field');
  const address = `safe-${account.account_id}@example.dev`;
  await page.fill(email, address);
  await page.click(await page.role('button', 'Send Verification Code', DIALOG));
  const field = await page.label('Verification code', DIALOG);
  await page.focused(field, 'the code field');
  await page.screenshot(path.join(SHOTS, 'recovery-code-sent.png'));
  await page.fill(field, await codeFor(address, 'change_recovery'));
  // The last digit commits nothing: the dialog waits for OK.
  await page.role('heading', '/Step 2 of 2/', DIALOG);
  assert.equal(await page.value(field), await codeFor(address, 'change_recovery'));
  await page.press('Enter');
  await page.text(`Recovery email address changed to s***@example.dev. A notice was sent to u***@example.com, +86 138****${account.recovery_mobile.slice(-4)}, l***@example.com.`);
  await page.focused(await page.role('link', 'Edit recovery email address'), 'the Edit link');
  await page.text('u***@example.com → s***@example.dev');
  // Under its row: the address it replaced may undo it from its notice, for a while.
  await page.text('u***@example.com can undo this change until');
  await page.screenshot(path.join(SHOTS, 'recovery-undoable-row.png'));
});

test(`[${ENGINE}] the notice page: the old recovery email undoes a change from its link, step by step`, async () => {
  const account = await signIn();
  await open('/developer/security');
  await page.click(await page.role('link', 'Edit recovery email address'));
  await page.click(await page.role('button', 'Send Verification Code', DIALOG));
  await page.fill(await page.label('Verification code', DIALOG), await codeFor(account.recovery_mobile, 'identity'));
  await changeTo(`other-${account.account_id}@example.dev`, 'change_recovery');
  await page.text('Recovery email address changed to o***@example.dev.');
  const notices = (await (await fetch(`${base}/__dev/outbox?to=${encodeURIComponent(account.recovery_email)}`)).json()).filter((m) => m.purpose === 'notify');
  const link = notices[notices.length - 1].link;
  assert.match(link, /\/developer\/notice#t=/);

  await page.goto(link);
  await page.find('role', 'heading', { name: 'What changed', level: 2 });
  assert.equal(await page.url(), '/developer/notice', 'the token left the address bar');
  assert.equal(await page.run(() => location.hash), '', 'and so did its fragment');
  await page.text('Recovery email address: u***@example.com → o***@example.dev');
  await page.click(await page.role('button', "No, this wasn't me"));
  const choose = await page.find('role', 'heading', { name: 'What should we do?', level: 2 });
  await page.focused(choose, 'the step heading');
  await page.screenshot(path.join(SHOTS, 'notice-choose.png'));
  await page.click(await page.role('button', 'Continue'));
  await page.focused(await page.find('role', 'heading', { name: 'Confirm it is you', level: 2 }), 'the step heading');
  await page.click(await page.role('button', 'Send Verification Code'));
  const code = await page.label('Verification code');
  await page.focused(code, 'the code field');
  await page.fill(code, await codeFor(account.recovery_email, 'notice_action'));
  await page.press('Enter');
  await page.focused(await page.find('role', 'heading', { name: 'Done', level: 2 }), 'the step heading');
  await page.text('The change was undone: Recovery email address is u***@example.com again.');
  await page.screenshot(path.join(SHOTS, 'notice-done.png'));
});

test(`[${ENGINE}] bind a login email`, async () => {
  const account = await signIn('no-login-email');
  await open('/developer/security?edit=login-email');
  await page.click(await page.role('button', 'Send Verification Code', DIALOG));
  await page.fill(await page.label('Verification code', DIALOG), await codeFor(account.recovery_mobile, 'identity'));
  await changeTo(`login-${account.account_id}@example.dev`, 'change_login_email');
  await page.text('Login email address l***@example.dev is bound. You can now sign in with it.');
});

test(`[${ENGINE}] an account without recovery addresses binds its first with the sign-in password`, async () => {
  const account = await signIn('no-recovery');
  await open('/developer/security?edit=recovery-email');
  const password = await page.label('Password', DIALOG);
  await page.focused(password, 'the password field');
  await page.fill(password, 'dev-password');
  await page.press('Enter');
  await changeTo(`first-${account.account_id}@example.dev`, 'change_recovery');
  await page.text('Recovery email address f***@example.dev is bound. A notice was sent to l***@example.com');
});

test(`[${ENGINE}] Esc during a request closes the dialog, keeps the page as it was and focus on the opener`, async () => {
  await signIn();
  await open('/developer/user-details');
  // The save never answers while the dialog is open: the page's own fetch holds it.
  await page.run(() => {
    const real = window.fetch;
    window.fetch = (input, init) =>
      String(input.url || input).includes('/contact/email') ? new Promise(() => {}) : real.call(window, input, init);
  });
  const edit = await page.role('button', 'Edit contact email address');
  await page.click(edit);
  await page.fill(await page.label('New email address', DIALOG), 'held@example.dev');
  await page.click(await page.role('button', 'OK', DIALOG));
  await page.role('button', 'Saving…', DIALOG);
  await page.press('Escape');
  await page.gone('role', 'dialog');
  await page.focused(edit, 'the Edit button');
  await page.gone('text', 'h***@example.dev');
  assert.deepEqual(await page.run(() => [...document.querySelectorAll('.ac-crash')].length), 0);
});

test(`[${ENGINE}] Sessions: another browser signed out by name; a look-alike address is refused`, async () => {
  const account = await signIn();
  // The same account signed in elsewhere: Firefox on Linux, in Hong Kong.
  const elsewhere = await fetch(`${base}/__dev/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' },
    body: JSON.stringify({ account_id: account.account_id, region: 'HK' }),
  });
  const cookie = elsewhere.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const stillIn = async () => (await fetch(`${base}/api/v1/account`, { headers: { cookie } })).status;
  assert.equal(await stillIn(), 200);
  await open('/developer/security');
  await page.text('This device');
  await page.text('Hong Kong');
  await page.click(await page.role('button', 'Sign out Firefox on Linux'));
  await page.text('Firefox on Linux is signed out.');
  await page.text('No other browser or device is signed in.');
  await page.focused(await page.role('heading', 'Sessions'), 'the Sessions heading');
  await page.screenshot(path.join(SHOTS, 'sessions-signed-out.png'));
  assert.equal(await stillIn(), 401);

  // The browser's own Unicode data sees the Cyrillic а among Latin letters.
  await open('/developer/user-details');
  await page.click(await page.role('button', 'Edit contact email address'));
  await page.fill(await page.label('New email address', DIALOG), 'user@p\u0430ypal.com');
  await page.click(await page.role('button', 'OK', DIALOG));
  await page.text('This address has look-alike letters', DIALOG);
  await page.screenshot(path.join(SHOTS, 'email-look-alike.png'));
  await page.press('Escape');
});

test(`[${ENGINE}] themes: dark on a light shell page, and auto with the shell's own scheme, followed live`, async () => {
  await signIn();
  await page.goto(`${base}/__dev/shell`);
  // Two mounts: each with its account drawn (its cards) and its background as computed.
  const backgrounds = () =>
    page.run(() => [...document.querySelectorAll('.ac-root:has(.ac-card)')].map((root) => getComputedStyle(root).backgroundColor));
  const all = (colour) => async () => {
    const seen = await backgrounds();
    return (seen.length === 2 && seen.every((c) => c === colour)) || undefined;
  };
  const choose = (theme, shellScheme) =>
    page.run(
      (theme, shellScheme) => {
        if (shellScheme) document.documentElement.style.colorScheme = shellScheme;
        const select = document.getElementById('theme');
        select.value = theme;
        select.dispatchEvent(new Event('change'));
      },
      theme,
      shellScheme,
    );
  await until('both mounts light, on the page', all('rgba(0, 0, 0, 0)'));
  await choose('dark');
  await until('both mounts dark, on their own background', all('rgb(23, 24, 28)'));
  await page.screenshot(path.join(SHOTS, 'theme-dark.png'));
  await choose('auto', 'dark');
  await until("auto in the shell's dark", all('rgb(23, 24, 28)'));
  await page.run(() => {
    document.documentElement.style.colorScheme = 'light';
  });
  await until("the shell's switch to light, followed without a remount", all('rgba(0, 0, 0, 0)'));
});

test(`[${ENGINE}] 简体中文: pages and a recovery change`, async () => {
  const account = await signIn('default', 'zh-CN');
  await open('/developer/security');
  await heading('安全设置');
  assert.equal(await page.run(() => document.title), '安全设置 · 账号中心');
  await page.click(await page.role('link', '修改密保邮箱'));
  await page.role('heading', '修改密保邮箱 · 第 1 步，共 2 步', DIALOG);
  await page.click(await page.role('button', '发送验证码', DIALOG));
  await page.fill(await page.label('验证码', DIALOG), await codeFor(account.recovery_mobile, 'identity'));
  const words = { field: '新邮箱地址', send: '发送验证码', code: '验证码', ok: '确定', screenshot: 'zh-recovery-code.png' };
  await changeTo(`zh-${account.account_id}@example.dev`, 'change_recovery', words);
  await page.text(`密保邮箱已修改为 z***@example.dev。已向 u***@example.com、+86 138****${account.recovery_mobile.slice(-4)}、l***@example.com 发送通知。`);
});
