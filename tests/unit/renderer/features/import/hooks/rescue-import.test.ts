import { describe, expect, it } from 'vitest';
import {
  importRescueFile,
  RESCUE_CHUNK,
  type RescueProgress,
} from '@renderer/features/import/hooks/rescue-import';
import { rescueId } from '@renderer/db/rescue-import-repository';
import { RescueError } from '@renderer/lib/rescue/read-rescue-file';
import { testDatabases } from '../../../db/test-db';
import { fileOf, makeZip, rescueFixture } from '../../../lib/rescue/rescue-fixtures';

const newDb = testDatabases('rescue-file');
const NOW = Date.UTC(2026, 11, 6);

describe('importRescueFile', () => {
  it.each([
    ['ril_export.html', 'pocket-html', 4, 1, 2],
    ['pocket.csv', 'pocket-csv', 4, 1, 2],
    ['instapaper-export.csv', 'instapaper', 4, 1, 1],
    ['readwise-reader.csv', 'readwise', 4, 1, 1],
  ])(
    '%s: every item a Saved article queued for its page; a second import adds nothing',
    async (name, format, added, already, failed) => {
      const db = newDb();
      const file = fileOf(name, rescueFixture(name));
      const first = await importRescueFile(file, { db, now: NOW });
      expect(first).toMatchObject({ format, added, alreadyThere: already, queued: added });
      expect(first.failed).toHaveLength(failed);
      expect(await db.articles.where('offline').equals('pending').count()).toBe(added);
      const second = await importRescueFile(file, { db, now: NOW });
      expect(second).toMatchObject({ added: 0, alreadyThere: added + already });
      expect(await db.articles.count()).toBe(added);
    },
  );

  it('an Omnivore archive: pages from the archive through the importer, highlights, labels', async () => {
    const db = newDb();
    const metadata = [
      {
        id: '1',
        slug: 'with-page',
        title: 'With page',
        url: 'https://example.com/o-1',
        state: 'Archived',
        labels: ['Kept'],
        savedAt: '2024-10-30T12:00:00Z',
      },
      {
        id: '2',
        slug: 'no-page',
        title: '',
        url: 'https://example.com/o-2',
        state: 'Succeeded',
        labels: [],
        savedAt: '2024-10-31T12:00:00Z',
      },
    ];
    const zip = makeZip({
      'metadata_0_to_2.json': JSON.stringify(metadata),
      'content/with-page.html': '<div><p>The saved page’s text.</p></div>',
      'highlights/with-page.md':
        '# With page\n\n## Highlights\n\n> The saved page’s text. [⤴️](https://omnivore.app/x)\n\nWell said\n',
    });
    const seen: { name: string; text: string; url: string }[] = [];
    const report = await importRescueFile(fileOf('omnivore-export.zip', zip), {
      db,
      now: NOW,
      importContent: async (name, bytes, url) => {
        const text = new TextDecoder().decode(bytes);
        seen.push({ name, text, url });
        return {
          title: 'x',
          contentHtml: text,
          textContent: text,
          wordCount: 4,
          readingMinutes: 1,
          images: [],
        };
      },
    });
    expect(seen).toEqual([
      {
        name: 'with-page.html',
        text: '<div><p>The saved page’s text.</p></div>',
        url: 'https://example.com/o-1',
      },
    ]);
    expect(report).toMatchObject({
      format: 'omnivore',
      added: 2,
      queued: 1,
      highlights: 1,
      failed: [],
    });
    const withPage = await db.articles.get(rescueId('https://example.com/o-1'));
    expect(withPage).toMatchObject({
      title: 'With page',
      fullText: 'done',
      unread: 0,
      tags: ['Kept'],
    });
    expect(await db.articles.get(rescueId('https://example.com/o-2'))).toMatchObject({
      fullText: 'pending',
      unread: 1,
    });
    expect(await db.highlights.toArray()).toEqual([
      expect.objectContaining({
        articleId: withPage!.id,
        quote: 'The saved page’s text.',
        note: 'Well said',
      }),
    ]);
    // The second time its pages are not even read.
    seen.length = 0;
    expect(
      await importRescueFile(fileOf('omnivore-export.zip', zip), {
        db,
        now: NOW,
        importContent: () => Promise.reject(new Error('read again')),
      }),
    ).toMatchObject({ added: 0, alreadyThere: 2 });
    expect(seen).toEqual([]);
  });

  it('refuses a file that is no export it knows, writing nothing', async () => {
    const db = newDb();
    await expect(
      importRescueFile(fileOf('contacts.csv', 'name,email\nA,a@example.com\n'), { db }),
    ).rejects.toThrow(RescueError);
    await expect(
      importRescueFile(fileOf('other.zip', makeZip({ 'readme.txt': 'hi' })), { db }),
    ).rejects.toThrow(/not an Omnivore export/);
    expect(await db.articles.count()).toBe(0);
  });

  it('imports a 20,000-row export in chunks, reporting progress between them', async () => {
    const db = newDb();
    const lines = ['title,url,time_added,tags,status'];
    for (let i = 0; i < 20_000; i++)
      lines.push(`Story ${i},https://example.com/s/${i},${1_600_000_000 + i},,unread`);
    const progress: RescueProgress[] = [];
    const report = await importRescueFile(fileOf('pocket.csv', lines.join('\n')), {
      db,
      now: NOW,
      onProgress: (p) => progress.push(p),
    });
    expect(report).toMatchObject({ added: 20_000, alreadyThere: 0, failed: [] });
    expect(progress).toHaveLength(20_000 / RESCUE_CHUNK + 1);
    expect(progress.at(-1)).toEqual({ format: 'pocket-csv', done: 20_000, total: 20_000 });
    expect(await db.articles.count()).toBe(20_000);
  }, 120_000);

  it('stops on a storage failure keeping what was stored, and a second import finishes', async () => {
    const db = newDb();
    const lines = ['title,url,time_added,tags,status'];
    for (let i = 0; i < RESCUE_CHUNK * 2; i++)
      lines.push(`S${i},https://example.com/f/${i},1600000000,,unread`);
    const file = fileOf('pocket.csv', lines.join('\n'));
    const report = await importRescueFile(file, {
      db,
      now: NOW,
      // The database goes away after the first chunk, as it would on a failing disk.
      onProgress: (p) => {
        if (p.done === RESCUE_CHUNK) db.close();
      },
    });
    expect(report.added).toBe(RESCUE_CHUNK);
    expect(report.stopped).toEqual(expect.any(String));
    await db.open();
    expect(await db.articles.count()).toBe(RESCUE_CHUNK);
    const again = await importRescueFile(file, { db, now: NOW });
    expect(again).toMatchObject({ added: RESCUE_CHUNK, alreadyThere: RESCUE_CHUNK });
    expect(again.stopped).toBeUndefined();
  }, 60_000);
});
