// Embedding: the demo console shell (examples/, served at /__dev/shell) mounts the app
// twice and carries global rules a real shell might have.
import { test, expect } from '@playwright/test';
import { signIn } from './support/dev-api.mjs';
import { expectAccessible, keepScreenshot, watchErrors } from './support/page.mjs';

const panel = (page, id) => page.locator(`#${id}`);

/** Computed styles that a shell's global rules would change, of the first match in `root`. */
async function looks(root, selector) {
  return root.locator(selector).first().evaluate((element) => {
    const style = getComputedStyle(element);
    return ['padding', 'border', 'font-size', 'font-family', 'color', 'letter-spacing', 'text-transform', 'background-color']
      .map((name) => `${name}: ${style.getPropertyValue(name)}`)
      .join('; ');
  });
}

test('two mounts on one page both work, with ids of their own', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  await signIn(page, 'default');
  await page.goto('/__dev/shell');
  for (const id of ['first-account', 'second-account']) {
    await expect(panel(page, id).getByRole('heading', { name: 'Account Information', level: 1 })).toBeVisible();
    await expect(panel(page, id).getByRole('region', { name: 'Contact information' })).toBeVisible();
  }
  const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  // Two mounts of one app necessarily repeat their landmarks' names (two "Account pages"
  // navigations); every other rule holds.
  await expectAccessible(page, { disableRules: ['landmark-unique'] });
  await keepScreenshot(page, testInfo, 'en-shell-two-mounts');

  // The second mount's dialog: its labels, its focus, its own fields.
  await panel(page, 'second-account').getByRole('link', { name: 'Edit contact email address' }).click();
  const dialog = panel(page, 'second-account').getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: 'Edit contact email address' })).toBeVisible();
  const field = dialog.getByLabel('New email address');
  await expect(field).toBeFocused();
  await field.fill('someone@example');
  await field.blur();
  await expect(field).toHaveAccessibleDescription(/not a valid domain/);
  await expect(panel(page, 'first-account').getByRole('dialog')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // A dialog open in each mount at once (the shell opens them): still no id twice, and
  // each dialog's field is labelled by its own label.
  await page.evaluate(() => {
    window.accountConsoles['first-account'].navigate('/user-details?edit=email');
    window.accountConsoles['second-account'].navigate('/user-details?edit=mobile');
  });
  const open = page.locator('dialog[open]');
  await expect(open).toHaveCount(2);
  await expect(panel(page, 'first-account').locator('dialog[open]').getByLabel('New email address')).toHaveCount(1);
  await expect(panel(page, 'second-account').locator('dialog[open]').getByLabel('New mobile number', { exact: true })).toHaveCount(1);
  const withDialogs = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
  expect(withDialogs.filter((id, i) => withDialogs.indexOf(id) !== i)).toEqual([]);
  expect(errors).toEqual([]);
});

test("a shell's global rules do not restyle the app", async ({ page }) => {
  await signIn(page, 'default');
  await page.goto('/__dev/shell');
  const app = panel(page, 'first-account');
  await app.getByRole('navigation').getByRole('link', { name: 'User Details' }).click();
  await app.getByRole('button', { name: 'Edit contact mobile number' }).click();
  await expect(app.getByRole('dialog')).toBeVisible();
  const measure = async () => ({
    button: await looks(app, '.ac-dialog .ac-button-primary'),
    input: await looks(app, '.ac-dialog input.ac-input'),
    heading: await looks(app, '.ac-dialog-title'),
    card: await looks(app, '.ac-card-title'),
  });
  const hostile = await measure();
  await page.evaluate(() => {
    document.getElementById('hostile').disabled = true;
  });
  const plain = await measure();
  expect(hostile).toEqual(plain);
  // The shell's own heading does change, so the rules were there.
  await page.evaluate(() => {
    document.getElementById('hostile').disabled = false;
  });
  await expect(page.getByRole('heading', { name: 'Account', exact: true })).toHaveCSS('text-transform', 'uppercase');
});

test("with the shell's appealUrl, Can't receive the code? says where to ask for help", async ({ page }) => {
  await signIn(page, 'default');
  await page.goto('/__dev/shell');
  const app = panel(page, 'first-account');
  await app.getByRole('navigation').getByRole('link', { name: 'Security Settings' }).click();
  await app.getByRole('link', { name: 'Edit recovery email address' }).click();
  const dialog = app.getByRole('dialog');
  await dialog.getByText("Can't receive the code?").click();
  const appeal = dialog.getByRole('link', { name: 'None of these work? Ask us to verify you another way' });
  await expect(appeal).toHaveAttribute('href', '/__dev/shell/appeal');
  await expectAccessible(page, { disableRules: ['landmark-unique'] });
});

test('an account with the password as its only way sees where to ask for help, at once after a pause', async ({ page }) => {
  await signIn(page, 'no-recovery');
  await page.goto('/__dev/shell');
  const app = panel(page, 'first-account');
  await app.getByRole('navigation').getByRole('link', { name: 'Security Settings' }).click();
  await app.getByRole('link', { name: 'Bind recovery mobile number' }).click();
  const dialog = app.getByRole('dialog');
  const password = dialog.getByLabel('Password', { exact: true });
  await expect(password).toBeVisible();
  const appeal = dialog.getByRole('link', { name: 'None of these work? Ask us to verify you another way' });
  // Under the password form, behind its own question.
  await expect(appeal).toBeHidden();
  await dialog.getByText('Forgot your password?').click();
  await expect(appeal).toHaveAttribute('href', '/__dev/shell/appeal');
  await dialog.getByText('Forgot your password?').click();
  await expect(appeal).toBeHidden();

  // Five wrong passwords pause the method: the way out is shown without asking.
  for (let n = 0; n < 5; n++) {
    await password.fill(`wrong-${n}`);
    await dialog.getByRole('button', { name: 'Verify' }).click();
    await expect(password).toHaveValue('');
  }
  await expect(dialog.getByText(/Too many wrong passwords/)).toBeVisible();
  await expect(appeal).toBeVisible();
  await expectAccessible(page, { disableRules: ['landmark-unique'] });
});

/** Mounts the app once more on `page` with `config`: `mounted`, or why `mount` refused. */
function mountOnce(page, config) {
  return page.evaluate((config) => {
    const host = document.createElement('div');
    document.body.append(host);
    try {
      window.wasmBindings.mount(host, config).unmount();
      return 'mounted';
    } catch (error) {
      return error.message;
    } finally {
      host.remove();
    }
  }, config);
}

test("Chinese takes its catalogue from the shell: without it, or with another build's, the app shows English and says what to pass", async ({ page }) => {
  await signIn(page, 'default');
  await page.goto('/developer/security');
  await expect(page.getByRole('heading', { name: 'Security Settings', level: 1 })).toBeVisible();
  const warnings = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  // Three more mounts in Simplified Chinese: with no catalogue, with one whose keys are not
  // this build's, and with the build's own `i18n/zh-CN.json`.
  await page.evaluate(async () => {
    const own = await (await fetch('/i18n/zh-CN.json')).json();
    const stale = { ...own, keys: own.keys + 1 };
    for (const [id, messages] of [['none', undefined], ['stale', { 'zh-CN': stale }], ['own', { 'zh-CN': own }]]) {
      const host = document.createElement('section');
      host.id = `mount-${id}`;
      document.body.append(host);
      window.wasmBindings.mount(host, { basePath: '/developer', routing: false, locale: 'zh-CN', messages });
    }
  });
  await expect(page.locator('#mount-none').getByRole('heading', { name: 'Account Information', level: 1 })).toBeVisible();
  await expect(page.locator('#mount-stale').getByRole('heading', { name: 'Account Information', level: 1 })).toBeVisible();
  await expect(page.locator('#mount-own').getByRole('heading', { name: '账号信息', level: 1 })).toBeVisible();
  await expect(page.locator('#mount-own .ac-root')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('#mount-none .ac-root')).toHaveAttribute('lang', 'en');
  const warning = 'account console config: no messages["zh-CN"] of this build (its i18n/zh-CN.json); showing en';
  expect(warnings).toEqual([warning, warning]);
});

test('mount refuses links that are not web addresses and paths that leave the origin, naming the field', async ({ page }) => {
  await signIn(page, 'default');
  await page.goto('/developer');
  await expect(page.getByRole('heading', { name: 'Account Information', level: 1 })).toBeVisible();
  const refusal = (config) => mountOnce(page, config);
  expect(await refusal({ appealUrl: 'javascript:alert(document.domain)' })).toMatch(/appealUrl must be an http\(s\) address/);
  expect(await refusal({ loginUrl: 'data:text/html,<script>alert(1)</script>' })).toMatch(/loginUrl must be an http\(s\) address/);
  expect(await refusal({ basePath: '//evil.example' })).toMatch(/basePath must be a path on this origin/);
  expect(await refusal({ apiBase: '/\\evil.example' })).toMatch(/apiBase must be a path on this origin/);
  expect(await refusal({ appealUrl: 'https://support.example/verify' })).toBe('mounted');
});

test('mount refuses a request deadline a timer cannot hold and a CSRF header name fetch would refuse', async ({ page }) => {
  await signIn(page, 'default');
  await page.goto('/developer');
  await expect(page.getByRole('heading', { name: 'Account Information', level: 1 })).toBeVisible();
  const refusal = (config) => mountOnce(page, config);
  for (const requestTimeoutMs of [2 ** 31, 600001, 999]) {
    expect(await refusal({ requestTimeoutMs })).toMatch(/requestTimeoutMs must be from 1000 to 600000/);
  }
  expect(await refusal({ requestTimeoutMs: 600000 })).toBe('mounted');
  expect(await refusal({ csrfHeader: 'X-CSRF Token' })).toMatch(/csrfHeader must be an HTTP header name/);
  expect(await refusal({ csrfHeader: 'X-XSRF-TOKEN' })).toBe('mounted');
});

test("what another script put on Object.prototype is not read as the shell's config or the backend's answer", async ({ page }) => {
  await signIn(page, 'unverified-contact');
  await page.addInitScript(() => {
    Object.prototype.locale = 'zh-CN';
    Object.prototype.loginUrl = 'https://evil.example/login';
    Object.prototype.matches_recovery = true;
  });
  await page.goto('/developer/user-details');
  await expect(page.getByRole('heading', { name: 'User Details', level: 1 })).toBeVisible();
  // The contact values are unverified: nothing inherited makes them match recovery.
  await expect(page.getByText('Unverified').first()).toBeVisible();
  await page.request.post('/__dev/expire-session');
  await page.getByRole('navigation').getByRole('link', { name: 'Security Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Your session has expired' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in' })).not.toHaveAttribute('href', /evil\.example/);
});

/** The address shown: path, query and hash. */
const address = (page) => page.evaluate(() => location.pathname + location.search + location.hash);

test("the shell's own query, hash and history state stay as the shell wrote them", async ({ page }) => {
  await signIn(page, 'default');
  await page.goto('/__dev/shell/security?project=42#usage');
  await page.evaluate(() => history.replaceState({ shell: 'kept' }, ''));
  const app = panel(page, 'first-account');
  await app.getByRole('link', { name: 'Edit recovery email address' }).click();
  await expect(app.getByRole('dialog')).toBeVisible();
  expect(await address(page)).toBe('/__dev/shell/security?project=42&edit=recovery-email#usage');
  expect(await page.evaluate(() => history.state)).toEqual({ shell: 'kept' });

  await page.keyboard.press('Escape');
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect.poll(() => address(page)).toBe('/__dev/shell/security?project=42#usage');
  expect(await page.evaluate(() => history.state)).toEqual({ shell: 'kept' });

  await app.getByRole('navigation').getByRole('link', { name: 'User Details' }).click();
  await expect(app.getByRole('heading', { name: 'User Details', level: 1 })).toBeVisible();
  expect(await address(page)).toBe('/__dev/shell/user-details?project=42#usage');
  expect(await page.evaluate(() => history.state)).toEqual({ shell: 'kept' });
});

test('closing a dialog the app opened goes Back, and a click on the page shown adds no entry', async ({ page }) => {
  await signIn(page, 'default');
  await page.goto('/__dev/shell');
  const app = panel(page, 'first-account');
  const tab = app.getByRole('navigation').getByRole('link', { name: 'Security Settings' });
  await tab.click();
  await expect(app.getByRole('heading', { name: 'Security Settings', level: 1 })).toBeVisible();
  const entries = await page.evaluate(() => history.length);
  await tab.click();
  expect(await page.evaluate(() => history.length)).toBe(entries);

  const dialog = app.getByRole('dialog');
  await app.getByRole('link', { name: 'Edit recovery email address' }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => address(page)).toBe('/__dev/shell/security');
  await expect(app.getByRole('link', { name: 'Edit recovery email address' })).toBeFocused();

  // Closed and, in the same task, another page shown: that page's entry waits for the Back,
  // so neither is lost.
  await app.getByRole('link', { name: 'Edit login email address' }).click();
  await expect(dialog).toBeVisible();
  await page.evaluate(() => {
    document.querySelector('#first-account dialog[open] .ac-dialog-header button').click();
    window.accountConsoles['first-account'].navigate('/user-details');
  });
  await expect(app.getByRole('heading', { name: 'User Details', level: 1 })).toBeVisible();
  await expect.poll(() => address(page)).toBe('/__dev/shell/user-details');
  // One Back leads to the page under the closed dialogs, the next to where the user began.
  await page.goBack();
  await expect(app.getByRole('heading', { name: 'Security Settings', level: 1 })).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await page.goBack();
  await expect(app.getByRole('heading', { name: 'Account Information', level: 1 })).toBeVisible();
});

test('a page change scrolls the app into view only when its top is above the window', async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 500 });
  await signIn(page, 'default');
  await page.goto('/__dev/shell');
  const app = panel(page, 'first-account');
  await expect(app.getByRole('heading', { name: 'Account Information', level: 1 })).toBeVisible();
  // Scrolled a little, the app's top still in view: the shell's header is not scrolled away.
  await page.evaluate(() => window.scrollTo(0, 40));
  await app.getByRole('navigation').getByRole('link', { name: 'User Details' }).click();
  await expect(app.getByRole('heading', { name: 'User Details', level: 1 })).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBe(40);

  // Scrolled past the app's top, then the shell's menu shows another page: it starts at the
  // app's top, not at the document's.
  const root = app.locator('.ac-root');
  const top = await root.evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
  await page.evaluate((y) => window.scrollTo(0, y), top + 200);
  await page.evaluate(() => window.accountConsoles['first-account'].navigate('/security'));
  await expect(app.getByRole('heading', { name: 'Security Settings', level: 1 })).toBeVisible();
  expect(Math.abs(await root.evaluate((element) => element.getBoundingClientRect().top))).toBeLessThan(2);
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
});

test('a base path with a space and Chinese characters works', async ({ page }) => {
  await signIn(page, 'default');
  await page.goto('/developer/my%20account/%E8%B4%A6%E5%8F%B7/security');
  // The module has loaded when its bindings are there (the page's load event does not wait).
  await page.waitForFunction(() => window.wasmBindings);
  await page.evaluate(() => {
    const host = document.createElement('div');
    host.id = 'spaced';
    document.body.append(host);
    window.spaced = window.wasmBindings.mount(host, { basePath: '/developer/my account/账号' });
  });
  const app = page.locator('#spaced');
  await expect(app.getByRole('heading', { name: 'Security Settings', level: 1 })).toBeVisible();
  await app.getByRole('navigation').getByRole('link', { name: 'User Details' }).click();
  await expect(app.getByRole('heading', { name: 'User Details', level: 1 })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/developer/my%20account/%E8%B4%A6%E5%8F%B7/user-details');
  await page.goBack();
  await expect(app.getByRole('heading', { name: 'Security Settings', level: 1 })).toBeVisible();
});

test("the shell's menu shows the app's pages without a reload; the second panel keeps its page to itself", async ({ page }) => {
  await signIn(page, 'default');
  await page.goto('/__dev/shell');
  const first = panel(page, 'first-account');
  const second = panel(page, 'second-account');
  await expect(first.getByRole('heading', { name: 'Account Information', level: 1 })).toBeVisible();
  await page.evaluate(() => {
    window.sameDocument = true;
  });
  const menu = page.getByRole('navigation', { name: 'Console' });
  await menu.getByRole('link', { name: 'Sign-in and recovery' }).click();
  await expect(first.getByRole('heading', { name: 'Security Settings', level: 1 })).toBeVisible();
  expect(await address(page)).toBe('/__dev/shell/security');
  await expect(menu.getByRole('link', { name: 'Sign-in and recovery' })).toHaveAttribute('aria-current', 'page');
  expect(await page.evaluate(() => window.sameDocument)).toBe(true);
  await expect(second.getByRole('heading', { name: 'Account Information', level: 1 })).toBeVisible();

  // The second panel's own tabs move it alone and leave the address to the first.
  await second.getByRole('navigation').getByRole('link', { name: 'User Details' }).click();
  await expect(second.getByRole('heading', { name: 'User Details', level: 1 })).toBeVisible();
  expect(await address(page)).toBe('/__dev/shell/security');
  await expect(first.getByRole('heading', { name: 'Security Settings', level: 1 })).toBeVisible();

  // A dialog, in place of the current entry.
  const entries = await page.evaluate(() => history.length);
  await page.evaluate(() => window.accountConsoles['first-account'].navigate('/security?edit=login-email', { replace: true }));
  await expect(first.getByRole('dialog').getByRole('heading', { name: 'Change login email address' })).toBeVisible();
  expect(await page.evaluate(() => history.length)).toBe(entries);
  await page.keyboard.press('Escape');
  await expect(first.getByRole('dialog')).toHaveCount(0);
  await page.goBack();
  await expect(first.getByRole('heading', { name: 'Account Information', level: 1 })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
  await expect(second.getByRole('heading', { name: 'User Details', level: 1 })).toBeVisible();

  const refusal = await page.evaluate(() => {
    try {
      window.accountConsoles['first-account'].navigate('/billing');
      return 'shown';
    } catch (error) {
      return error.message;
    }
  });
  expect(refusal).toMatch(/no page at "\/billing"/);
});
