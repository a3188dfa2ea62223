import { describe, expect, it } from 'vitest';
import { markFullTextFailed, requestFullText } from '@renderer/db/offline-repository';
import { storedArticle } from './fixtures';
import { testDatabases } from './test-db';

const freshDb = testDatabases('offline-repository');

describe('a failed full-text fetch', () => {
  it('keeps main’s message for the reader beside the English, and forgets both when asked again', async () => {
    const db = freshDb();
    await db.articles.put(storedArticle('f1|a1', { fullText: 'pending' }));
    await markFullTextFailed('f1|a1', { id: 'main.article.noText' }, db);
    expect(await db.articles.get('f1|a1')).toMatchObject({
      fullText: 'failed',
      fullTextError: 'No article text found on this page.',
      fullTextErrorText: { id: 'main.article.noText' },
    });
    await requestFullText('f1|a1', db);
    const again = await db.articles.get('f1|a1');
    expect(again?.fullTextError).toBeUndefined();
    expect(again?.fullTextErrorText).toBeUndefined();
  });
});
