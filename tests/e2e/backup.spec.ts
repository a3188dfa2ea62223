import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { articleList, openApp, sources, STARTER_TITLE } from './support/app';

const IMAGE_URL = 'http://example.invalid/photo.png';

/** Reads or writes the images table directly, as the offline pass would have. */
async function imageStore(page: Page, action: 'put' | 'delete' | 'get') {
  return page.evaluate(
    async ({ action, url }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const store = db.transaction('images', 'readwrite').objectStore('images');
      const request =
        action === 'put'
          ? store.put({
              url,
              articleIds: [],
              status: 'ok',
              blob: new Blob([new Uint8Array([137, 80, 78, 71, 1, 2, 3, 4])], {
                type: 'image/png',
              }),
              attempts: 1,
            })
          : action === 'delete'
            ? store.delete(url)
            : store.get(url);
      const result = await new Promise<unknown>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      const blob = (result as { blob?: Blob } | undefined)?.blob;
      return blob
        ? { size: blob.size, type: blob.type, bytes: [...new Uint8Array(await blob.arrayBuffer())] }
        : null;
    },
    { action, url: IMAGE_URL },
  );
}

test('a backup restores the whole library, images included, after asking', async ({
  page,
  host,
}) => {
  await openApp(page, host.url);
  await sources(page).getByRole('button', { name: 'Saved' }).click();
  await articleList(page)
    .getByRole('button', { name: new RegExp(STARTER_TITLE) })
    .click();
  const bookmark = page.getByRole('article').getByRole('button', { name: 'Bookmark', exact: true });
  await bookmark.click();
  await expect(bookmark).toHaveAttribute('aria-pressed', 'true');
  await imageStore(page, 'put');

  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const downloading = page.waitForEvent('download');
  await settings.getByRole('button', { name: 'Back up library' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^broadsheet-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const backupPath = test.info().outputPath('backup.json');
  await download.saveAs(backupPath);
  await expect(settings.getByText('Backup saved.')).toBeVisible();

  // Change the library after the backup.
  await settings.getByRole('combobox', { name: 'Theme' }).selectOption('Sepia');
  await settings.getByRole('button', { name: 'Done' }).click();
  await bookmark.click();
  await expect(bookmark).toHaveAttribute('aria-pressed', 'false');
  await imageStore(page, 'delete');
  expect(await imageStore(page, 'get')).toBeNull();

  await page.getByRole('button', { name: 'Settings' }).click();
  await settings.getByLabel('Backup file to restore').setInputFiles(backupPath);
  const confirm = settings.getByRole('group', { name: /Replace your whole library/ });
  // Cancelling changes nothing.
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'sepia');

  await settings.getByLabel('Backup file to restore').setInputFiles(backupPath);
  await confirm.getByRole('button', { name: 'Replace library' }).click();
  await expect(settings.getByText('Library restored.')).toBeVisible();
  await settings.getByRole('button', { name: 'Done' }).click();

  await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'sepia');
  await expect(bookmark).toHaveAttribute('aria-pressed', 'true');
  expect(await imageStore(page, 'get')).toEqual({
    size: 8,
    type: 'image/png',
    bytes: [137, 80, 78, 71, 1, 2, 3, 4],
  });

  // And it holds after a reload.
  await page.reload();
  await sources(page).getByRole('button', { name: 'Bookmarks' }).click();
  await expect(articleList(page).getByRole('listitem')).toHaveCount(1);
});

test('a file that is not a backup is refused and the library stays', async ({ page, host }) => {
  await openApp(page, host.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Backup file to restore').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello": "world"}'),
  });
  await settings.getByRole('button', { name: 'Replace library' }).click();
  await expect(
    settings.getByText('Could not restore: This file is not a Broadsheet backup.'),
  ).toBeVisible();
  await settings.getByRole('button', { name: 'Done' }).click();
  await sources(page).getByRole('button', { name: 'Saved' }).click();
  await expect(articleList(page).getByRole('listitem')).toHaveCount(1);
});
