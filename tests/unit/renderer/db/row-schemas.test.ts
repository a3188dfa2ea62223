/**
 * Counterexamples row-schemas.fuzz.test.ts found, kept as plain tests.
 */
import { describe, expect, it } from 'vitest';
import { checkRow } from '@renderer/db/row-schemas';
import { toBookmarksJson } from '@renderer/lib/bookmarks/bookmarks-json';
import { storedArticle } from './fixtures';

describe('checkRow', () => {
  // A restored article bookmarked at 8640000000000001 ms (one past what a Date holds) was
  // accepted; exporting bookmarks then threw "Invalid time value" and exported nothing.
  it('accepts no time a Date cannot hold', () => {
    for (const bookmarkedAt of [8_640_000_000_000_001, -8_640_000_000_000_001, 1e300]) {
      const result = checkRow('articles', storedArticle('f1|a1', { bookmarkedAt }));
      expect(result).toEqual({
        ok: false,
        reason: { id: 'db.restore.reason.badField', values: { field: 'bookmarkedAt' } },
      });
    }
    // Its last instant is one.
    const edge = checkRow(
      'articles',
      storedArticle('f1|a1', { bookmarkedAt: 8_640_000_000_000_000 }),
    );
    expect(edge.ok).toBe(true);
    if (!edge.ok) return;
    const row = edge.row;
    const record = {
      url: row.url ?? null,
      title: row.title,
      source: '',
      publishedAt: row.publishedAt,
      bookmarkedAt: row.bookmarkedAt ?? 0,
      tags: row.tags,
      note: '',
    };
    expect(() => toBookmarksJson([record], 0)).not.toThrow();
  });

  // Found by the long fuzz run: the contract bounds a feed's sync times by the largest safe
  // integer (9007199254740991), past what a Date holds.
  it('drops a feed’s sync time a Date cannot hold, keeping the feed', () => {
    const result = checkRow('feeds', {
      id: 'f1',
      url: 'https://example.com/f1.xml',
      title: 'f1',
      createdAt: 1,
      nextAttemptAt: 9_000_000_000_000_000,
      lastFetchedAt: 9_000_000_000_000_000,
    });
    expect(result.ok).toBe(true);
    expect(result.ok && [result.row.nextAttemptAt, result.row.lastFetchedAt]).toEqual([
      undefined,
      undefined,
    ]);
  });
});

describe('stored failures', () => {
  const feedWith = (lastError: unknown) =>
    checkRow('feeds', {
      id: 'f1',
      url: 'https://example.com/f1.xml',
      title: 'f1',
      createdAt: 1,
      lastError,
    });

  it('keep main’s text for the reader through a backup', () => {
    const lastError = {
      code: 'network',
      message: 'example.com refused the connection.',
      text: { id: 'main.net.refused', values: { host: 'example.com' } },
      at: 5,
    };
    const result = feedWith(lastError);
    expect(result.ok && result.row.lastError).toEqual(lastError);
  });

  it('drop a text that names no message of the catalogue, keeping the English', () => {
    const result = feedWith({
      code: 'network',
      message: 'refused',
      text: { id: 'main.net.noSuchMessage' },
      at: 5,
    });
    expect(result.ok && result.row.lastError).toEqual({
      code: 'network',
      message: 'refused',
      at: 5,
    });
  });
});

describe('settings rows', () => {
  // Mark as read on scroll is part of the readState setting: a backup keeps it, and a value of
  // the wrong kind is refused rather than restored as something the app does not understand.
  it('keeps readState.onScroll and refuses one that is not a boolean', () => {
    const kept = checkRow('settings', {
      key: 'readState',
      value: { mode: 'open', onScroll: true },
    });
    expect(kept).toMatchObject({ ok: true, row: { value: { mode: 'open', onScroll: true } } });
    expect(checkRow('settings', { key: 'readState', value: { onScroll: 'yes' } }).ok).toBe(false);
  });
});
