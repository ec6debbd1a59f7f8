// Embedding: the demo console shell (examples/, served at /__dev/shell) mounts the app
// twice and carries global rules a real shell might have.
import { test, expect } from '@playwright/test';
import { signIn, expectAccessible, keepScreenshot, watchErrors } from './helpers.mjs';

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

test('mount refuses links that are not web addresses and paths that leave the origin, naming the field', async ({ page }) => {
  await signIn(page, 'default');
  await page.goto('/developer');
  await expect(page.getByRole('heading', { name: 'Account Information', level: 1 })).toBeVisible();
  const refusal = (config) =>
    page.evaluate((config) => {
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
  expect(await refusal({ appealUrl: 'javascript:alert(document.domain)' })).toMatch(/appealUrl must be an http\(s\) address/);
  expect(await refusal({ loginUrl: 'data:text/html,<script>alert(1)</script>' })).toMatch(/loginUrl must be an http\(s\) address/);
  expect(await refusal({ basePath: '//evil.example' })).toMatch(/basePath must be a path on this origin/);
  expect(await refusal({ apiBase: '/\\evil.example' })).toMatch(/apiBase must be a path on this origin/);
  expect(await refusal({ appealUrl: 'https://support.example/verify' })).toBe('mounted');
});
