import { expect, test } from './support/fixtures';
import { articleList, openApp, sources, STARTER_TITLE } from './support/app';

test('reading preferences change the reader and survive a reload', async ({ page, host }) => {
  await openApp(page, host.url);
  await sources(page).getByRole('button', { name: 'Saved' }).click();
  await articleList(page)
    .getByRole('button', { name: new RegExp(STARTER_TITLE) })
    .click();
  const reader = page.getByRole('article');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(STARTER_TITLE);
  const before = await reader.evaluate((el) => getComputedStyle(el).fontSize);

  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('combobox', { name: 'Theme' }).selectOption('Sepia');
  await settings.getByRole('combobox', { name: 'Font' }).selectOption('Sans serif');
  await settings.getByRole('combobox', { name: 'Text size' }).selectOption('Largest');
  await settings.getByRole('combobox', { name: 'Line width' }).selectOption('Narrow');
  await settings.getByRole('combobox', { name: 'Line spacing' }).selectOption('Relaxed');
  await settings.getByRole('button', { name: 'Done' }).click();

  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'sepia');
  await expect(page.locator('html')).toHaveCSS('background-color', 'rgb(246, 239, 223)');
  await expect(reader).toHaveCSS('font-size', '24px');
  await expect(reader).toHaveCSS('line-height', '45.6px');
  expect(await reader.evaluate((el) => getComputedStyle(el).fontFamily)).not.toMatch(/Georgia/);
  expect(before).not.toBe('24px');

  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'sepia');
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(settings.getByRole('combobox', { name: 'Theme' })).toHaveValue('sepia');
  await expect(settings.getByRole('combobox', { name: 'Font' })).toHaveValue('sans');
  await expect(settings.getByRole('combobox', { name: 'Text size' })).toHaveValue('5');
  await expect(settings.getByRole('combobox', { name: 'Line width' })).toHaveValue('narrow');
  await expect(settings.getByRole('combobox', { name: 'Line spacing' })).toHaveValue('relaxed');
});

test('the system theme is followed until the reader picks one', async ({ page, host }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openApp(page, host.url);
  const body = page.locator('html');
  await expect(body).toHaveCSS('background-color', 'rgb(23, 24, 27)');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(body).toHaveCSS('background-color', 'rgb(251, 250, 247)');

  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('combobox', { name: 'Theme' }).selectOption('Dark');
  await expect(body).toHaveCSS('background-color', 'rgb(23, 24, 27)');
  await settings.getByRole('combobox', { name: 'Theme' }).selectOption('Match the system');
  await expect(body).toHaveCSS('background-color', 'rgb(251, 250, 247)');
});

test('the reader’s Aa button changes the text without leaving the article', async ({
  page,
  host,
}) => {
  await openApp(page, host.url);
  await sources(page).getByRole('button', { name: 'Saved' }).click();
  await articleList(page)
    .getByRole('button', { name: new RegExp(STARTER_TITLE) })
    .click();
  const reader = page.getByRole('article');
  await reader.getByRole('button', { name: 'Appearance' }).click();
  const popup = page.getByRole('dialog', { name: 'Appearance' });
  await popup.getByRole('combobox', { name: 'Text size' }).selectOption('Small');
  await popup.getByRole('combobox', { name: 'Line width' }).selectOption('Wide');
  await expect(reader).toHaveCSS('font-size', '16.5px');
  await popup.getByRole('button', { name: 'Done' }).click();
  await expect(popup).toBeHidden();
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(STARTER_TITLE);
  // Settings shows the same choice.
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(
    page.getByRole('dialog', { name: 'Settings' }).getByRole('combobox', { name: 'Text size' }),
  ).toHaveValue('2');
});
