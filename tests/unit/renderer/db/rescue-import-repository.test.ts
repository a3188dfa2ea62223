import { describe, expect, it } from 'vitest';
import { findRescued, rescueId, storeRescued } from '@renderer/db/rescue-import-repository';
import { SAVED_FEED_ID, type Article } from '@renderer/db/entities';
import type { RescueItem } from '@renderer/lib/rescue/rescue-item';
import { testDatabases } from './test-db';

const newDb = testDatabases('rescue-import');
const NOW = Date.UTC(2026, 11, 6);

function item(url: string, fields: Partial<RescueItem> = {}): RescueItem {
  return {
    where: 'row 2',
    url,
    title: '',
    tags: [],
    read: false,
    favourite: false,
    highlights: [],
    ...fields,
  };
}

describe('storeRescued', () => {
  it('stores Saved articles with date saved, tags, read and bookmark state, highlights', async () => {
    const db = newDb();
    await db.articles.put({
      id: 'f|1',
      feedId: 'f',
      guid: '1',
      title: 'x',
      authors: [],
      publishedAt: 1,
      fetchedAt: 1,
      images: [],
      categories: [],
      unread: 1,
      tags: ['Science'],
      bookmarkedAt: 1,
    } as Article);
    const summary = await storeRescued(
      [
        {
          item: item('https://example.com/a?utm_source=pocket', {
            title: 'A',
            savedAt: 1_600_000_000_000,
            tags: ['science', 'Essays'],
            read: true,
            highlights: [{ quote: 'A line', note: 'Mine' }],
          }),
        },
        { item: item('https://example.com/b', { favourite: true }) },
        { item: item('https://example.com/c') },
      ],
      NOW,
      db,
    );
    expect(summary).toEqual({ added: 3, alreadyThere: 0, queued: 3, highlights: 1 });
    const a = (await db.articles.get(rescueId('https://example.com/a')))!;
    expect(a).toMatchObject({
      id: 'saved|https://example.com/a',
      feedId: SAVED_FEED_ID,
      url: 'https://example.com/a?utm_source=pocket',
      title: 'A',
      savedAt: 1_600_000_000_000,
      publishedAt: 1_600_000_000_000,
      // The library's spelling of a tag it already has.
      tags: ['Science', 'Essays'],
      unread: 0,
      readAt: 1_600_000_000_000,
      bookmarkedAt: 1_600_000_000_000,
      fullText: 'pending',
      offline: 'pending',
    });
    expect(await db.highlights.where('articleId').equals(a.id).toArray()).toEqual([
      expect.objectContaining({
        quote: 'A line',
        prefix: '',
        suffix: '',
        note: 'Mine',
        createdAt: 1_600_000_000_000,
      }),
    ]);
    const b = (await db.articles.get('saved|https://example.com/b'))!;
    expect(b).toMatchObject({
      bookmarkedAt: NOW,
      unread: 1,
      savedAt: NOW,
      title: 'https://example.com/b',
    });
    const c = (await db.articles.get('saved|https://example.com/c'))!;
    // Nothing tagged, favourite or highlighted: saved, not bookmarked.
    expect(c.bookmarkedAt).toBeUndefined();
  });

  it('keeps content from the export and does not queue its page', async () => {
    const db = newDb();
    const summary = await storeRescued(
      [
        {
          item: item('https://example.com/o', { title: 'From the archive' }),
          content: {
            title: 'Extracted',
            contentHtml: '<p>Body text</p>',
            textContent: 'Body text',
            wordCount: 2,
            readingMinutes: 1,
            images: ['https://example.com/i.png'],
            siteName: 'Example',
          },
        },
      ],
      NOW,
      db,
    );
    expect(summary.queued).toBe(0);
    expect(await db.articles.get('saved|https://example.com/o')).toMatchObject({
      title: 'From the archive',
      contentHtml: '<p>Body text</p>',
      listText: 'Body text',
      images: ['https://example.com/i.png'],
      siteName: 'Example',
      fullText: 'done',
      offline: 'pending',
    });
  });

  it('adds nothing twice: the same page in one chunk, a stored one, or one Save URL kept', async () => {
    const db = newDb();
    await db.articles.put({
      id: 'saved|https://example.com/kept?x=1',
      feedId: SAVED_FEED_ID,
      guid: 'https://example.com/kept?x=1',
      url: 'https://example.com/kept?x=1',
      title: 'Kept',
      authors: [],
      publishedAt: 1,
      fetchedAt: 1,
      images: [],
      categories: [],
      unread: 1,
      tags: [],
      savedAt: 1,
      fullText: 'done',
      offline: 'complete',
    } as Article);
    const entries = [
      { item: item('https://example.com/one') },
      { item: item('http://www.example.com/one/#comments') },
      { item: item('https://example.com/kept?x=1') },
    ];
    expect(await storeRescued(entries, NOW, db)).toMatchObject({ added: 1, alreadyThere: 2 });
    expect(await storeRescued(entries, NOW, db)).toMatchObject({ added: 0, alreadyThere: 3 });
    expect(await db.articles.count()).toBe(2);
    expect(await db.articles.get('saved|https://example.com/kept?x=1')).toMatchObject({
      title: 'Kept',
      offline: 'complete',
    });
    expect([...(await findRescued(['https://example.com/one'], db))]).toEqual([
      'saved|https://example.com/one',
    ]);
  });
});
