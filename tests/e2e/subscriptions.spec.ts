import { expect, test } from './support/fixtures';
import { articleList, importOpml, openApp, putFeed, rss, sources, subscribe } from './support/app';

test('a site URL offers its feeds to choose from', async ({ page, host, feeds }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Add feed' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a feed' });
  await dialog
    .getByRole('textbox', { name: 'Feed or site URL' })
    .fill(`${feeds.url}/fixtures/pages/news-site.html`);
  await dialog.getByRole('button', { name: 'Subscribe' }).click();

  const choice = dialog.getByRole('group', { name: /several feeds/ });
  await expect(choice.getByRole('radio')).toHaveCount(2);
  await choice.getByRole('radio', { name: /Sample Times — Atom/ }).check();
  await dialog.getByRole('button', { name: 'Subscribe' }).click();
  await expect(dialog).toBeHidden();
  await expect(sources(page).getByRole('button', { name: /^Sample Atom Feed/ })).toBeVisible();
  await expect(articleList(page).getByRole('listitem')).toHaveCount(2);
});

test('subscribing twice to the same feed is refused with a message', async ({
  page,
  host,
  feeds,
}) => {
  await page.goto(host.url);
  const url = `${feeds.url}/fixtures/feeds/sample-rss.xml`;
  await subscribe(page, url);
  await page.getByRole('button', { name: 'Add feed' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a feed' });
  await dialog.getByRole('textbox', { name: 'Feed or site URL' }).fill(url);
  await dialog.getByRole('button', { name: 'Subscribe' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('You already subscribe to “Sample RSS Feed”.');
});

test('a page without feeds says so plainly', async ({ page, host, feeds }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Add feed' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a feed' });
  await dialog
    .getByRole('textbox', { name: 'Feed or site URL' })
    .fill(`${feeds.url}/fixtures/pages/no-such-page.html`);
  await dialog.getByRole('button', { name: 'Subscribe' }).click();
  await expect(dialog.getByRole('alert')).toContainText('404');
});

test('rename a feed and move it into a new folder', async ({ page, host, feeds }) => {
  await page.goto(host.url);
  await subscribe(page, `${feeds.url}/fixtures/feeds/sample-rss.xml`);
  await sources(page).getByRole('button', { name: 'Options for Sample RSS Feed' }).click();
  const dialog = page.getByRole('dialog', { name: 'Feed options' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Morning Wire');
  await dialog.getByRole('combobox', { name: 'Folder' }).selectOption({ label: 'New folder…' });
  await dialog.getByRole('textbox', { name: 'New folder name' }).fill('World');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  const folder = sources(page).getByRole('list', { name: 'World' });
  await expect(folder.getByRole('button', { name: /^Morning Wire/ })).toBeVisible();
  await sources(page).getByRole('button', { name: 'World', expanded: true }).click();
  await expect(folder).toBeHidden();
  await page.reload();
  await expect(
    sources(page)
      .getByRole('list', { name: 'World' })
      .getByRole('button', { name: /^Morning Wire/ }),
  ).toBeVisible();
});

test('unsubscribing asks first and keeps bookmarked articles', async ({ page, host, feeds }) => {
  await page.goto(host.url);
  await subscribe(page, `${feeds.url}/fixtures/feeds/sample-rss.xml`);
  await articleList(page)
    .getByRole('button', { name: /Second sample story/ })
    .click();
  await page.getByRole('article').getByRole('button', { name: 'Bookmark', exact: true }).click();
  await expect(
    page.getByRole('button', { name: 'Bookmark', exact: true, pressed: true }),
  ).toBeVisible();

  await sources(page).getByRole('button', { name: 'Options for Sample RSS Feed' }).click();
  await page
    .getByRole('dialog', { name: 'Feed options' })
    .getByRole('button', { name: 'Unsubscribe…' })
    .click();
  const confirm = page.getByRole('alertdialog', { name: /Unsubscribe from “Sample RSS Feed”/ });
  await expect(confirm).toContainText('Bookmarked articles stay.');
  await confirm.getByRole('button', { name: 'Keep subscription' }).click();
  await expect(
    sources(page)
      .getByRole('button', { name: /^Sample RSS Feed/ })
      .first(),
  ).toBeVisible();

  await page
    .getByRole('dialog', { name: 'Feed options' })
    .getByRole('button', { name: 'Unsubscribe…' })
    .click();
  await confirm.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(sources(page).getByRole('button', { name: /^Sample RSS Feed/ })).toHaveCount(0);
  // All articles also holds the starter article; Bookmarks holds exactly what was kept.
  await sources(page).getByRole('button', { name: 'Bookmarks' }).click();
  await expect(articleList(page).getByRole('listitem')).toHaveCount(1);
  await expect(
    articleList(page).getByRole('button', { name: /Second sample story/ }),
  ).toBeVisible();
});

test('OPML import makes folders, reports what it skipped, and fills feeds in', async ({
  page,
  host,
  feeds,
}) => {
  const worldUrl = await putFeed(
    feeds.url,
    'opml-world',
    rss('World Desk', [{ id: 'w1', title: 'World one' }]),
  );
  const techUrl = await putFeed(
    feeds.url,
    'opml-tech',
    rss('Tech Desk', [
      { id: 't1', title: 'Tech one' },
      { id: 't2', title: 'Tech two' },
    ]),
  );
  const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
    <outline text="News &amp; Views"><outline type="rss" text="World Desk" xmlUrl="${worldUrl}"/></outline>
    <outline type="rss" text="Tech Desk" xmlUrl="${techUrl}"/>
    <outline type="rss" text="Broken entry"/>
    <outline type="rss" text="FTP feed" xmlUrl="ftp://example.invalid/feed"/>
  </body></opml>`;

  await openApp(page, host.url);
  const report = await importOpml(page, 'mine.opml', opml);
  await expect(report.getByRole('status')).toContainText('Added 2 feeds in 1 new folder');
  const problems = report.getByRole('list', { name: 'Not imported' });
  await expect(problems.getByRole('listitem')).toHaveCount(2);
  await expect(problems).toContainText('Broken entry');
  await expect(problems).toContainText('FTP feed');
  await report.getByRole('button', { name: 'Done' }).click();

  await expect(
    sources(page)
      .getByRole('list', { name: 'News & Views' })
      .getByRole('button', { name: /^World Desk/ }),
  ).toBeVisible();
  // Three stories from the two feeds, and the starter article.
  await expect(articleList(page).getByRole('listitem')).toHaveCount(4);
});
