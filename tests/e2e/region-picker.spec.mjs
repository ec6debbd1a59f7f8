// The calling-region picker: an ARIA 1.2 combobox over the full list of calling regions,
// found by name, region code or +code, used by keyboard, pointer and screen reader alike.
import { test, expect } from '@playwright/test';
import { signIn, codeFor, verifyIdentity } from './support/dev-api.mjs';
import { expectAccessible, keepScreenshot, dialog, openDialog } from './support/page.mjs';

const openContactMobile = (page, name = 'Edit contact mobile number') => openDialog(page, '/developer/user-details', name);

/** The option the combobox's aria-activedescendant points at: what a screen reader reads. */
async function activeOption(page, combobox) {
  const id = await combobox.getAttribute('aria-activedescendant');
  expect(id, 'an option is active').toBeTruthy();
  return page.locator(`[id="${id}"]`);
}

test('keyboard only: type "uni", arrow down, Enter', async ({ page }, testInfo) => {
  await signIn(page, 'default');
  await openContactMobile(page);
  const picker = dialog(page).getByRole('combobox', { name: 'Country/region calling code' });
  await expect(picker).toBeFocused();
  await expect(picker).toHaveAttribute('aria-expanded', 'false');

  await page.keyboard.type('uni');
  const list = dialog(page).getByRole('listbox', { name: 'Country/region calling code' });
  await expect(list).toBeVisible();
  await expect(picker).toHaveAttribute('aria-expanded', 'true');
  await expect(list.getByRole('option')).toHaveText(['United Arab Emirates +971', 'United Kingdom +44', 'United States +1']);
  await expect(await activeOption(page, picker)).toHaveText('United Arab Emirates +971');
  await expect(list.getByRole('option', { name: 'United Arab Emirates +971' })).toHaveAttribute('aria-selected', 'true');
  await expectAccessible(page);
  await keepScreenshot(page, testInfo, 'en-region-1-typed');

  await page.keyboard.press('ArrowDown');
  const active = await activeOption(page, picker);
  await expect(active).toHaveText('United Kingdom +44');
  await expect(active).toHaveRole('option');
  await expect(active).toHaveAttribute('aria-selected', 'true');
  await expect(list.getByRole('option', { name: 'United Arab Emirates +971' })).toHaveAttribute('aria-selected', 'false');

  await page.keyboard.press('Enter');
  await expect(picker).toHaveValue('United Kingdom +44');
  await expect(list).toBeHidden();
  await expect(picker).toHaveAttribute('aria-expanded', 'false');
  await expect(picker).not.toHaveAttribute('aria-activedescendant');
  await expect(dialog(page).getByRole('heading', { name: 'Edit contact mobile number' })).toBeVisible();

  // Reopened, the list starts at the chosen region; Escape closes the list, not the dialog.
  await page.keyboard.press('ArrowDown');
  await expect(await activeOption(page, picker)).toHaveText('United Kingdom +44');
  expect(await list.getByRole('option').count()).toBeGreaterThan(240);
  await expect(list.getByRole('option', { name: 'United Kingdom +44' })).toBeInViewport();
  await page.keyboard.press('ArrowUp');
  await expect(await activeOption(page, picker)).toHaveText('United Arab Emirates +971');
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(picker).toHaveValue('United Kingdom +44');
  await expect(dialog(page)).toBeVisible();

  // Tab takes the best match of what was typed, then the number is read in that region.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('+81');
  await expect(await activeOption(page, picker)).toHaveText('Japan +81');
  await page.keyboard.press('Tab');
  await expect(picker).toHaveValue('Japan +81');
  await expect(dialog(page).getByLabel('New mobile number')).toBeFocused();
  await page.keyboard.type('090 1234 5678');
  await page.keyboard.press('Tab');
  await expect(dialog(page).getByText('wrong number of digits')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
});

test('a region code, a pointer, and a query that names nothing', async ({ page }) => {
  await signIn(page, 'default');
  await openContactMobile(page);
  const picker = dialog(page).getByRole('combobox', { name: 'Country/region calling code' });
  const list = dialog(page).getByRole('listbox');

  await picker.click();
  await expect(list).toBeVisible();
  await picker.fill('gb');
  await expect(list.getByRole('option')).toHaveText(['United Kingdom +44']);
  await picker.fill('kong');
  await list.getByRole('option', { name: 'Hong Kong (China) +852' }).click();
  await expect(picker).toHaveValue('Hong Kong (China) +852');
  await expect(picker).toBeFocused();
  await expect(list).toBeHidden();

  // Escape after typing goes back to the region chosen before.
  await picker.fill('uni');
  await expect(list.getByRole('option')).toHaveCount(3);
  await picker.press('Escape');
  await expect(picker).toHaveValue('Hong Kong (China) +852');
  await expect(dialog(page)).toBeVisible();
  // An emptied field chooses nothing when it is left, not the first region of the list.
  await picker.fill('');
  await expect(list.getByRole('option').first()).toHaveText('Afghanistan +93');
  await picker.press('Tab');
  await expect(picker).toHaveValue('');
  await dialog(page).getByRole('button', { name: 'OK' }).click();
  await expect(dialog(page).getByText('Choose a country or region from the list.')).toBeVisible();
  await expect(picker).toBeFocused();

  await picker.fill('Atlantis');
  await expect(list).toBeHidden();
  await dialog(page).getByLabel('New mobile number').fill('5123 4567');
  const message = 'No country or region matches “Atlantis”.';
  await expect(dialog(page).getByText(message)).toBeVisible();
  await expect(picker).toHaveAttribute('aria-invalid', 'true');
  await expect(picker).toHaveValue('Atlantis');
  await expectAccessible(page);
  await dialog(page).getByRole('button', { name: 'OK' }).click();
  await expect(dialog(page).getByText('Choose a country or region from the list.')).toBeVisible();
  await expect(picker).toBeFocused();
  await expect(dialog(page).getByLabel('New mobile number')).toHaveValue('5123 4567');
  await expect(dialog(page).getByRole('heading', { name: 'Edit contact mobile number' })).toBeVisible();
});

test('a +86 recovery number edited in an en-US browser starts at China mainland +86', async ({ page }, testInfo) => {
  const account = await signIn(page, 'default');
  expect(await page.evaluate(() => navigator.language)).toBe('en-US');
  await page.goto('/developer/security');
  await page.getByRole('link', { name: 'Edit recovery mobile number' }).click();
  await verifyIdentity(page, account.recovery_mobile);
  await expect(dialog(page).getByRole('heading', { name: /Step 2 of 2/ })).toBeVisible();

  const picker = dialog(page).getByRole('combobox', { name: 'Country/region calling code' });
  await expect(picker).toHaveValue('China mainland +86');
  const number = dialog(page).getByLabel('New mobile number');
  await number.fill(`139${account.account_id.slice(-8)}`);
  await number.blur();
  await expect(dialog(page).getByText('wrong number of digits')).toHaveCount(0);
  await expect(number).toHaveAttribute('aria-invalid', 'false');
  await keepScreenshot(page, testInfo, 'en-region-2-recovery-default');
});

test.describe('简体中文', () => {
  test.use({ locale: 'zh-CN' });

  test('按名称查找地区', async ({ page }, testInfo) => {
    // Two accessibility scans of the open list of 243 regions, on a phone-sized screen.
    test.slow();
    await signIn(page, 'default');
    await page.goto('/developer/user-details');
    await page.getByRole('button', { name: '修改联系手机' }).click();
    const picker = dialog(page).getByRole('combobox', { name: '国家或地区区号' });
    await expect(picker).toHaveValue('中国大陆 +86');
    await picker.press('ArrowDown');
    const list = dialog(page).getByRole('listbox', { name: '国家或地区区号' });
    await expect(await activeOption(page, picker)).toHaveText('中国大陆 +86');
    // Pinyin order: 阿 (a) before 中 (zhong).
    await expect(list.getByRole('option').first()).toHaveText(/^阿/);
    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'zh-region-1-open');
    await picker.fill('香港');
    await expect(list.getByRole('option')).toHaveText(['中国香港 +852']);
    await picker.press('Enter');
    await expect(picker).toHaveValue('中国香港 +852');
    await picker.fill('亚特兰蒂斯');
    await picker.blur();
    await expect(dialog(page).getByText('没有与“亚特兰蒂斯”匹配的国家或地区。')).toBeVisible();
    await expectAccessible(page);
    await keepScreenshot(page, testInfo, 'zh-region-2-no-match');
  });
});
