import { expect, test } from './support/fixtures';
import { articleList, openApp, sources, subscribeToSample } from './support/app';
import { writeArticleBehindApp } from './support/seed-library';

test('a view that crashes on a damaged record shows a readable message and Reload, not a white page', async ({
  page,
  host,
  feeds,
}) => {
  await openApp(page, host.url);
  await subscribeToSample(page, feeds.url);

  // A record damaged behind the app's back (a disk fault, an old build's bug): its authors are
  // no list at all, so the reader throws while rendering it.
  await writeArticleBehindApp(page, {
    like: 'First sample story',
    set: { authors: { length: 1 } },
  });
  await page.reload();
  await sources(page)
    .getByRole('button', { name: /^Sample RSS Feed/ })
    .click();
  await articleList(page)
    .getByRole('button', { name: /First sample story/ })
    .click();

  const crash = page.getByRole('alert');
  await expect(crash.getByRole('heading', { name: 'Something went wrong' })).toBeVisible();
  await expect(crash).toContainText('Your library is safe');
  // The error itself is shown too, for a bug report (the authors list could not be read).
  await expect(crash.locator('pre')).toContainText(/iterable|join/);
  await crash.getByRole('button', { name: 'Reload' }).click();
  // Reload brings the app back (the damaged row stays for the reader to deal with).
  await expect(page.getByRole('navigation', { name: 'Sources' })).toBeVisible();
});
