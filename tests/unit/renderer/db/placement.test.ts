/**
 * Where an article shows is derived from its own fields on every write, by whichever repository
 * (or a restore) writes it: `lane` puts it in its feed's views and counts unless hidden, `crowd`
 * in All articles, Unread and Today unless hidden, quiet, or a story copy that does not lead.
 */
import { describe, expect, it } from 'vitest';
import type { Article } from '@renderer/db/entities';
import { place } from '@renderer/db/placement';
import { countArticles, countUnread, listArticles } from '@renderer/db/queries';
import { storedArticle, storedFeed } from './fixtures';
import { testDatabases } from './test-db';

const freshDb = testDatabases('placement');

describe('placement', () => {
  it('derives lane and crowd from hidden, quiet and story fields', () => {
    const base = storedArticle('f|1');
    const cases: [Partial<Article>, string | undefined, 1 | undefined][] = [
      [{}, 'f', 1],
      [{ hiddenAt: 1, hiddenBy: 'r' }, undefined, undefined],
      [{ quiet: 1 }, 'f', undefined],
      [{ storyId: 's' }, 'f', undefined],
      [{ storyId: 's', storyLead: 1 }, 'f', 1],
      [{ storyId: 's', storyLead: 1, quiet: 1 }, 'f', undefined],
    ];
    for (const [fields, lane, crowd] of cases) {
      // Whatever a row said before (a restored file, a stale write) is replaced.
      const row = { ...base, ...fields, lane: 'stale', crowd: 1 as const };
      place(row);
      expect([row.lane, row.crowd], JSON.stringify(fields)).toEqual([lane, crowd]);
    }
  });

  it('is applied to every write, so views and counts follow a row as it changes', async () => {
    const db = freshDb();
    await db.feeds.put(storedFeed('f'));
    await db.articles.bulkPut([storedArticle('f|1'), storedArticle('f|2')]);
    expect(await countUnread('f', db)).toBe(2);
    expect(await countArticles({ kind: 'unread' }, undefined, db)).toBe(2);

    await db.articles.update('f|1', { hiddenAt: 5, hiddenBy: 'rule' });
    expect(await countUnread('f', db)).toBe(1);
    expect((await listArticles({ kind: 'all' }, {}, db)).map((a) => a.id)).toEqual(['f|2']);
    expect((await listArticles({ kind: 'hidden' }, {}, db)).map((a) => a.id)).toEqual(['f|1']);

    await db.articles.update('f|2', { quiet: 1 });
    expect(await countArticles({ kind: 'unread' }, undefined, db)).toBe(0);
    expect((await listArticles({ kind: 'feed', feedId: 'f' }, {}, db)).map((a) => a.id)).toEqual([
      'f|2',
    ]);

    const shown = (await db.articles.get('f|1'))!;
    delete shown.hiddenAt;
    delete shown.hiddenBy;
    await db.articles.put(shown);
    expect(await countUnread('f', db)).toBe(2);
    expect(await countArticles({ kind: 'unread' }, undefined, db)).toBe(1);
  });
});
