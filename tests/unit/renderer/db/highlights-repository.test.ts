import { describe, expect, it } from 'vitest';
import { trackArticleChanges, type ArticleChanges } from '@renderer/db/article-changes';
import {
  HighlightError,
  createHighlight,
  deleteHighlight,
  highlightsByArticle,
  listAllHighlights,
  listArticleHighlights,
  setHighlightNote,
} from '@renderer/db/highlights-repository';
import { testDatabases } from './test-db';
import { storedArticle as article } from './fixtures';

const freshDb = testDatabases('highlights');
const NOW = Date.UTC(2026, 11, 6, 12);
const passage = (quote: string) => ({ quote, prefix: 'before ', suffix: ' after', start: 7 });

describe('highlights', () => {
  it('creating one bookmarks the article in the same transaction; notes and deletes keep it', async () => {
    const db = freshDb();
    await db.articles.bulkAdd([article('f1|a')]);
    const made = await createHighlight('f1|a', passage('  the storm  '), NOW, db);
    expect(made).toMatchObject({ articleId: 'f1|a', quote: 'the storm', start: 7, createdAt: NOW });
    expect((await db.articles.get('f1|a'))?.bookmarkedAt).toBe(NOW);

    await createHighlight('f1|a', passage('the ferry'), NOW + 5, db);
    // A second highlight does not move the bookmark date.
    expect((await db.articles.get('f1|a'))?.bookmarkedAt).toBe(NOW);

    await setHighlightNote(made.id, 'Why it matters', NOW + 10, db);
    expect(await db.highlights.get(made.id)).toMatchObject({
      note: 'Why it matters',
      updatedAt: NOW + 10,
    });
    await setHighlightNote(made.id, '   ', NOW + 11, db);
    expect((await db.highlights.get(made.id))?.note).toBeUndefined();

    await deleteHighlight(made.id, NOW + 12, db);
    expect((await listArticleHighlights('f1|a', db)).map((h) => h.quote)).toEqual(['the ferry']);
    expect((await db.articles.get('f1|a'))?.bookmarkedAt).toBe(NOW);
  });

  it('refuses a blank passage or a missing article, writing nothing', async () => {
    const db = freshDb();
    await db.articles.bulkAdd([article('f1|a')]);
    await expect(createHighlight('f1|a', passage('   '), NOW, db)).rejects.toThrow(HighlightError);
    // Said by message id, so whoever shows it says it in the language on screen then.
    await expect(createHighlight('f1|a', passage('   '), NOW, db)).rejects.toMatchObject({
      id: 'highlights.error.empty',
    });
    await expect(createHighlight('f1|gone', passage('text'), NOW, db)).rejects.toThrow(
      'This article is no longer stored.',
    );
    await expect(createHighlight('f1|a', passage('x'.repeat(100_001)), NOW, db)).rejects.toThrow(
      'too long',
    );
    expect(await db.highlights.count()).toBe(0);
    expect((await db.articles.get('f1|a'))?.bookmarkedAt).toBeUndefined();
  });

  it('an account article queues its star, like a bookmark', async () => {
    const db = freshDb();
    await db.articles.bulkAdd([article('af|1', { accountId: 'acc', remoteId: 'item-1' })]);
    await createHighlight('af|1', passage('words'), NOW, db);
    expect((await db.outbox.toArray()).map((e) => [e.accountId, e.change])).toEqual([
      ['acc', { kind: 'star', itemIds: ['item-1'] }],
    ]);
    // Already starred: another highlight queues nothing more.
    await createHighlight('af|1', passage('more words'), NOW + 1, db);
    expect(await db.outbox.count()).toBe(1);
  });

  it('every change rewrites the article row, so the search index re-reads it', async () => {
    const db = freshDb();
    const reports: ArticleChanges[] = [];
    // Installed before the database opens, as the app's getDb() does.
    trackArticleChanges(db, (changes) => reports.push(changes));
    await db.articles.bulkAdd([article('f1|a')]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    reports.length = 0;
    const made = await createHighlight('f1|a', passage('words'), NOW, db);
    await setHighlightNote(made.id, 'a note', NOW + 1, db);
    await deleteHighlight(made.id, NOW + 2, db);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reports.map((r) => r.upserted)).toEqual([['f1|a'], ['f1|a'], ['f1|a']]);
  });

  it('lists every highlight newest first with its article, and keeps ones whose article went', async () => {
    const db = freshDb();
    await db.articles.bulkAdd([article('f1|a'), article('f1|b')]);
    await createHighlight('f1|a', passage('one'), NOW, db);
    await createHighlight('f1|b', passage('two'), NOW + 1, db);
    await createHighlight('f1|a', passage('three'), NOW + 2, db);
    await db.articles.delete('f1|b');
    const all = await listAllHighlights(500, db);
    expect(all.map((e) => [e.highlight.quote, e.article?.title])).toEqual([
      ['three', 'Title a'],
      ['two', undefined],
      ['one', 'Title a'],
    ]);
    const byArticle = await highlightsByArticle(['f1|a', 'f1|b'], db);
    expect(byArticle.get('f1|a')?.map((h) => h.quote)).toEqual(['one', 'three']);
    expect(byArticle.get('f1|b')?.map((h) => h.quote)).toEqual(['two']);
  });
});
