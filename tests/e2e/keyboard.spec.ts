import { expect, test } from './support/fixtures';
import { articleList, openApp, sources, subscribe } from './support/app';

test('read with the keyboard: j/k, b, m, g u, ?, and nothing fires while typing', async ({
  page,
  host,
  feeds,
}) => {
  await openApp(page, host.url);
  await subscribe(page, `${feeds.url}/fixtures/feeds/sample-rss.xml`);
  const heading = page.getByRole('article').getByRole('heading', { level: 1 });
  await expect(articleList(page).getByRole('listitem')).toHaveCount(3);

  await page.keyboard.press('j');
  await expect(heading).toHaveText('First sample story');
  await page.keyboard.press('j');
  await expect(heading).toHaveText('Second sample story');
  await page.keyboard.press('k');
  await expect(heading).toHaveText('First sample story');

  await page.keyboard.press('b');
  await expect(
    page.getByRole('button', { name: 'Bookmark', exact: true, pressed: true }),
  ).toBeVisible();
  await page.keyboard.press('m');
  await expect(
    articleList(page).getByRole('button', { name: /First sample story/ }),
  ).toHaveAttribute('data-unread', 'true');

  await page.keyboard.press('g');
  await page.keyboard.press('u');
  await expect(page.getByRole('heading', { level: 2, name: 'Unread' })).toBeVisible();
  // Two unread stories from the feed, and the unread starter article in Saved.
  await expect(articleList(page).getByRole('listitem')).toHaveCount(3);

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Next / previous article');
  await page.keyboard.press('j');
  await help.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Add feed' }).click();
  await page.getByRole('textbox', { name: 'Feed or site URL' }).type('jjkb');
  await expect(page.getByRole('textbox', { name: 'Feed or site URL' })).toHaveValue('jjkb');
  await page.keyboard.press('Escape');
  await expect(sources(page).getByRole('button', { name: 'Unread', exact: true })).toHaveAttribute(
    'aria-current',
    'true',
  );
});
