import { describe, expect, it } from 'vitest';
import { isVideo, mediaEnclosures } from '@renderer/db/enclosures';
import { articleId } from '@renderer/db/article-id';
import { addFeed, storeFetchResult } from '@renderer/db/feeds-repository';
import { articleRowSchema } from '@renderer/db/row-schemas';
import { testDatabases } from './test-db';
import { fetchedFeed as fetched, parsedItem as item } from './fixtures';

const freshDb = testDatabases('enclosures-test');

describe('media enclosures', () => {
  it('keeps audio and video, by declared type or else by the file’s ending', () => {
    expect(
      mediaEnclosures([
        { url: 'https://e.com/ep1.mp3', type: 'audio/mpeg', length: 1234 },
        { url: 'https://e.com/cover.jpg', type: 'image/jpeg' },
        { url: 'https://e.com/show.pdf', type: 'application/pdf' },
        { url: 'https://e.com/clip.webm' },
        { url: 'https://e.com/ep2.m4a?token=1', type: 'application/octet-stream' },
        { url: 'https://e.com/unknown' },
        { url: 'javascript:alert(1)//.mp3', type: 'audio/mpeg' },
        { url: 'https://e.com/ep3.ogg', type: 'Audio/Ogg', length: 0 },
      ]),
    ).toEqual([
      { url: 'https://e.com/ep1.mp3', type: 'audio/mpeg', length: 1234 },
      { url: 'https://e.com/clip.webm', type: 'video/webm' },
      { url: 'https://e.com/ep2.m4a?token=1', type: 'audio/mp4' },
      { url: 'https://e.com/ep3.ogg', type: 'audio/ogg' },
    ]);
    expect(isVideo({ url: 'https://e.com/a.mp4', type: 'video/mp4' })).toBe(true);
    expect(isVideo({ url: 'https://e.com/a.mp3', type: 'audio/mpeg' })).toBe(false);
  });

  it('refuses a flood of enclosures and lengths that are not byte counts', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({
      url: `https://e.com/${i}.mp3`,
      length: i === 0 ? Number.NaN : 10,
    }));
    const kept = mediaEnclosures(many);
    expect(kept).toHaveLength(20);
    expect(kept[0]).toEqual({ url: 'https://e.com/0.mp3', type: 'audio/mpeg' });
  });

  it('are stored on the article by a fetch and follow upstream changes; the row passes its schema', async () => {
    const db = freshDb();
    const episode = { url: 'https://e.com/ep1.mp3', type: 'audio/mpeg', length: 5000 };
    const feed = await addFeed(
      'https://e.com/feed',
      fetched([item('1', { enclosures: [episode] }), item('2')]),
      100,
      db,
    );
    const stored = async (guid: string) => (await db.articles.get(articleId(feed.id, guid)))!;
    expect((await stored('1')).enclosures).toEqual([episode]);
    expect(await stored('2')).not.toHaveProperty('enclosures');
    expect(articleRowSchema.safeParse(await stored('1')).success).toBe(true);

    const moved = { url: 'https://cdn.e.com/ep1.mp3', type: 'audio/mpeg' };
    await storeFetchResult(feed.id, fetched([item('1', { enclosures: [moved] })]), 200, db);
    expect((await stored('1')).enclosures).toEqual([moved]);
  });
});
