import { describe, expect, it } from 'vitest';
import { articleId, feedOfArticleId, guidOfArticleId } from '@renderer/db/article-id';

describe('article keys', () => {
  it('splits at the first bar: the guid may hold bars, the feed id never does', () => {
    const id = articleId('feed-1', 'tag:example.org,2026:a|b|c');
    expect(id).toBe('feed-1|tag:example.org,2026:a|b|c');
    expect(feedOfArticleId(id)).toBe('feed-1');
    expect(guidOfArticleId(id)).toBe('tag:example.org,2026:a|b|c');
  });

  it('names no feed for what is not an article key', () => {
    expect(feedOfArticleId('no-bar')).toBeUndefined();
    expect(feedOfArticleId('|guid-without-feed')).toBeUndefined();
    expect(feedOfArticleId(['feed-1', 1, 0])).toBeUndefined();
    expect(feedOfArticleId(42)).toBeUndefined();
  });

  it('keeps an empty guid apart from its feed', () => {
    expect(feedOfArticleId(articleId('feed-1', ''))).toBe('feed-1');
    expect(guidOfArticleId(articleId('feed-1', ''))).toBe('');
  });
});
