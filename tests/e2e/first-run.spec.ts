import { expect, test } from './support/fixtures';
import { articleList, openApp, sources, STARTER_TITLE, subscribe } from './support/app';

test('the first launch opens on a starter library, with no network beyond the app', async ({
  page,
  context,
  host,
}) => {
  // Only the app itself answers: any request to anywhere else fails.
  await context.route('**/*', (route) =>
    route.request().url().startsWith(host.origin) ? route.continue() : route.abort(),
  );
  await openApp(page, host.url);

  const reader = page.getByRole('region', { name: 'Reader' });
  const welcome = reader.getByRole('region', { name: 'Welcome to Broadsheet' });
  await expect(welcome).toBeVisible();
  await expect(welcome).toContainText('Add feed');
  await expect(welcome).toContainText('Import');
  await expect(welcome).toContainText('OPML');
  await expect(welcome).toContainText('Save URL');

  await sources(page).getByRole('button', { name: 'Saved' }).click();
  await expect(articleList(page).getByRole('listitem')).toHaveCount(1);
  await articleList(page)
    .getByRole('button', { name: new RegExp(STARTER_TITLE) })
    .click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(
    STARTER_TITLE,
  );
  await expect(page.getByRole('article')).toContainText('South Korean President Lee Jae Myung');

  // A second launch does not import it again.
  await openApp(page, host.url);
  await sources(page).getByRole('button', { name: 'Saved' }).click();
  await expect(articleList(page).getByRole('listitem')).toHaveCount(1);
});

test('no pane is ever blank: each smart view says what belongs there', async ({ page, host }) => {
  await openApp(page, host.url);
  for (const view of ['All articles', 'Unread', 'Today', 'Bookmarks', 'Saved']) {
    await sources(page).getByRole('button', { name: view }).first().click();
    const list = page.locator('.list-pane');
    await expect(list.getByRole('heading', { level: 2 })).toHaveText(view);
    // Either articles or a sentence explaining why there are none.
    await expect(list).toHaveText(/\S.*\S.*/);
    // The view's rows or its sentence, once its query has answered (neither shows before).
    const rows = articleList(page).getByRole('listitem');
    await expect(rows.or(list.locator('.empty')).first()).toBeVisible();
    if ((await rows.count()) === 0) await expect(list.locator('.empty')).not.toBeEmpty();
    const reader = page.getByRole('region', { name: 'Reader' });
    await expect(reader).not.toBeEmpty();
    expect((await reader.innerText()).trim().length).toBeGreaterThan(10);
  }
});

test('the welcome gives way to the hint once the reader subscribes', async ({
  page,
  host,
  feeds,
}) => {
  await openApp(page, host.url);
  await expect(page.getByRole('region', { name: 'Welcome to Broadsheet' })).toBeVisible();
  await subscribe(page, `${feeds.url}/fixtures/feeds/sample-rss.xml`);
  await expect(page.getByRole('region', { name: 'Welcome to Broadsheet' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Reader' })).toContainText(
    'Choose an article to read it here.',
  );
});
