import { describe, expect, it } from 'vitest';
import {
  addTag,
  deleteTag,
  listTagCounts,
  removeTag,
  renameTag,
  restoreBookmark,
  setNote,
} from '@renderer/db/bookmarks-repository';
import { countArticles, listArticles } from '@renderer/db/queries';
import { markAllRead, setBookmarked } from '@renderer/db/articles-repository';
import { testDatabases } from './test-db';
import { storedArticle as article } from './fixtures';

const freshDb = testDatabases('bookmarks');
const NOW = Date.UTC(2026, 10, 27, 12);

describe('tags and notes', () => {
  it('adding a tag bookmarks the article, normalized and in the library’s spelling', async () => {
    const db = freshDb();
    await db.articles.bulkAdd([article('f1|a'), article('f1|b')]);
    expect(await addTag('f1|a', '  Climate   Policy ', NOW, db)).toBe('Climate Policy');
    let a = await db.articles.get('f1|a');
    expect(a?.tags).toEqual(['Climate Policy']);
    expect(a?.bookmarkedAt).toBe(NOW);

    // Another article typed in other case gets the spelling already in use.
    expect(await addTag('f1|b', 'climate policy', NOW + 1, db)).toBe('Climate Policy');
    expect((await db.articles.get('f1|b'))?.tags).toEqual(['Climate Policy']);
    // The same tag twice, in any case, is kept once; blank input adds nothing.
    await addTag('f1|a', 'CLIMATE POLICY', NOW + 2, db);
    expect(await addTag('f1|a', '   ', NOW + 2, db)).toBeUndefined();
    a = await db.articles.get('f1|a');
    expect(a?.tags).toEqual(['Climate Policy']);
    // Tagging again does not move the bookmark date.
    expect(a?.bookmarkedAt).toBe(NOW);
  });

  it('removing a tag leaves the bookmark in place', async () => {
    const db = freshDb();
    await db.articles.add(article('f1|a'));
    await addTag('f1|a', 'one', NOW, db);
    await addTag('f1|a', 'two', NOW, db);
    await removeTag('f1|a', 'ONE', db);
    const a = await db.articles.get('f1|a');
    expect(a?.tags).toEqual(['two']);
    expect(a?.bookmarkedAt).toBe(NOW);
  });

  it('writing a note bookmarks the article; clearing it keeps the bookmark', async () => {
    const db = freshDb();
    await db.articles.add(article('f1|a'));
    await setNote('f1|a', 'Follow up with the author', NOW, db);
    let a = await db.articles.get('f1|a');
    expect(a?.note).toBe('Follow up with the author');
    expect(a?.bookmarkedAt).toBe(NOW);
    await setNote('f1|a', '   ', NOW + 5, db);
    a = await db.articles.get('f1|a');
    expect(a && 'note' in a).toBe(false);
    expect(a?.bookmarkedAt).toBe(NOW);
  });

  it('removing the bookmark removes its tags and note; restoring brings all back', async () => {
    const db = freshDb();
    await db.articles.add(article('f1|a'));
    await addTag('f1|a', 'keep', NOW, db);
    await setNote('f1|a', 'why', NOW, db);
    const before = (await db.articles.get('f1|a'))!;
    await setBookmarked('f1|a', false, NOW, db);
    const after = (await db.articles.get('f1|a'))!;
    expect(after.bookmarkedAt).toBeUndefined();
    expect(after.tags).toEqual([]);
    expect(after.note).toBeUndefined();
    expect(await listTagCounts(db)).toEqual([]);
    await restoreBookmark('f1|a', before, db);
    const back = (await db.articles.get('f1|a'))!;
    expect([back.bookmarkedAt, back.tags, back.note]).toEqual([NOW, ['keep'], 'why']);
  });

  it('counts tags by name, case-insensitively sorted', async () => {
    const db = freshDb();
    await db.articles.bulkAdd([article('f1|a'), article('f1|b'), article('f1|c')]);
    await addTag('f1|a', 'zebra', NOW, db);
    await addTag('f1|a', 'Apple', NOW, db);
    await addTag('f1|b', 'apple', NOW, db);
    await addTag('f1|c', 'mango', NOW, db);
    expect(await listTagCounts(db)).toEqual([
      { tag: 'Apple', count: 2 },
      { tag: 'mango', count: 1 },
      { tag: 'zebra', count: 1 },
    ]);
  });

  it('renames a tag on every article in one go, and merges into an existing tag', async () => {
    const db = freshDb();
    await db.articles.bulkAdd([
      article('f1|a', { bookmarkedAt: NOW, tags: ['ai', 'tech'] }),
      article('f1|b', { bookmarkedAt: NOW, tags: ['ai'] }),
      article('f1|c', { bookmarkedAt: NOW, tags: ['Machine learning', 'ai'] }),
      article('f1|d', { bookmarkedAt: NOW, tags: ['Machine learning'] }),
    ]);
    // Only the case changes: the same tag, new spelling.
    expect(await renameTag('ai', 'AI', db)).toBe('AI');
    expect((await db.articles.get('f1|a'))?.tags).toEqual(['AI', 'tech']);
    // Into an existing tag, typed in another case: they merge under the existing spelling.
    expect(await renameTag('AI', '  machine   LEARNING ', db)).toBe('Machine learning');
    const tags = (await db.articles.bulkGet(['f1|a', 'f1|b', 'f1|c', 'f1|d'])).map((a) => a?.tags);
    expect(tags).toEqual([
      ['Machine learning', 'tech'],
      ['Machine learning'],
      ['Machine learning'],
      ['Machine learning'],
    ]);
    expect(await listTagCounts(db)).toEqual([
      { tag: 'Machine learning', count: 4 },
      { tag: 'tech', count: 1 },
    ]);
    await expect(renameTag('tech', '  ', db)).rejects.toThrow('A tag needs a name.');
  });

  it('deletes a tag everywhere, keeping the bookmarks', async () => {
    const db = freshDb();
    await db.articles.bulkAdd([
      article('f1|a', { bookmarkedAt: NOW, tags: ['x', 'y'] }),
      article('f1|b', { bookmarkedAt: NOW, tags: ['x'] }),
    ]);
    expect(await deleteTag('x', db)).toBe(2);
    const rows = await db.articles.bulkGet(['f1|a', 'f1|b']);
    expect(rows.map((a) => a?.tags)).toEqual([['y'], []]);
    expect(rows.every((a) => a?.bookmarkedAt === NOW)).toBe(true);
  });

  it('rolls a rename back entirely when the transaction fails', async () => {
    const db = freshDb();
    await db.articles.bulkAdd([
      article('f1|a', { bookmarkedAt: NOW, tags: ['old'] }),
      article('f1|b', { bookmarkedAt: NOW, tags: ['old'] }),
    ]);
    // A hook that refuses the second write stands in for a failure halfway (e.g. disk full).
    let writes = 0;
    const refuse = () => {
      if (++writes === 2) throw new Error('disk full');
    };
    db.articles.hook('updating', refuse);
    await expect(renameTag('old', 'new', db)).rejects.toThrow();
    db.articles.hook('updating').unsubscribe(refuse);
    const rows = await db.articles.bulkGet(['f1|a', 'f1|b']);
    expect(rows.map((a) => a?.tags)).toEqual([['old'], ['old']]);
  });
});

describe('bookmark and tag views', () => {
  const titles = (rows: { title: string }[]) => rows.map((a) => a.title);

  it('lists Bookmarks by when bookmarked, newest first (not by publication date)', async () => {
    const db = freshDb();
    await db.articles.bulkAdd([
      article('f1|old', { publishedAt: 1, bookmarkedAt: NOW + 3 }),
      article('f1|new', { publishedAt: 9, bookmarkedAt: NOW + 1 }),
      article('f1|mid', { publishedAt: 5, bookmarkedAt: NOW + 2 }),
      article('f1|none', { publishedAt: 7 }),
    ]);
    expect(titles(await listArticles({ kind: 'bookmarks' }, { limit: 10 }, db))).toEqual([
      'Title old',
      'Title mid',
      'Title new',
    ]);
  });

  it('lists a tag’s articles by bookmark date, pages and counts them, unread only too', async () => {
    const db = freshDb();
    const rows = Array.from({ length: 7 }, (_, n) =>
      article(`f1|t${n}`, {
        bookmarkedAt: NOW + ((n * 3) % 7),
        tags: n === 3 ? ['other'] : ['focus'],
        unread: n % 2 === 0 ? 1 : 0,
      }),
    );
    await db.articles.bulkAdd([...rows, article('f1|plain', { bookmarkedAt: NOW + 10 })]);
    // bookmarkedAt offsets: t0 0, t1 3, t2 6, t4 5, t5 1, t6 4 (t3 has another tag).
    const source = { kind: 'tag', tag: 'focus' } as const;
    expect(titles(await listArticles(source, { limit: 10 }, db))).toEqual([
      'Title t2',
      'Title t4',
      'Title t6',
      'Title t1',
      'Title t5',
      'Title t0',
    ]);
    expect(titles(await listArticles(source, { limit: 2, offset: 2 }, db))).toEqual([
      'Title t6',
      'Title t1',
    ]);
    expect(
      titles(await listArticles(source, { order: 'oldest', unreadOnly: false, limit: 10 }, db)),
    ).toEqual(['Title t0', 'Title t5', 'Title t1', 'Title t6', 'Title t4', 'Title t2']);
    const unread = { order: 'newest', unreadOnly: true } as const;
    expect(titles(await listArticles(source, { ...unread, limit: 10 }, db))).toEqual([
      'Title t2',
      'Title t4',
      'Title t6',
      'Title t0',
    ]);
    expect(titles(await listArticles(source, { ...unread, limit: 1, offset: 2 }, db))).toEqual([
      'Title t6',
    ]);
    expect(await countArticles(source, undefined, db)).toBe(6);
    expect(await countArticles(source, unread, db)).toBe(4);
    expect(await listArticles({ kind: 'tag', tag: 'nothing' }, { limit: 10 }, db)).toEqual([]);

    // "Mark all read" in a tag view touches that tag's articles only.
    expect(await markAllRead(source, { now: NOW }, db)).toBe(4);
    expect((await db.articles.get('f1|plain'))?.unread).toBe(1);
  });
});
