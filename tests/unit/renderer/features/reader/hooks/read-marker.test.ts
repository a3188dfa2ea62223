import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '@renderer/db/entities';
import { markRead, markUnread } from '@renderer/db/articles-repository';
import type { BroadsheetDb } from '@renderer/db/schema';
import { READ_DELAY_MS, ReadMarker } from '@renderer/features/reader/hooks/read-marker';
import { testDatabases } from '../../../db/test-db';
import { storedArticle } from '../../../db/fixtures';

const freshDb = testDatabases('read-marker');

const article = (id: string): Article =>
  storedArticle(`f|${id}`, { id, title: id, publishedAt: 1, fetchedAt: 1 });

/**
 * Drives a marker as the reader pane does: every call reports what the reader shows now, read
 * back from the database, so marks by the marker and by hand are both seen.
 */
function reader(db: BroadsheetDb, delayMs = READ_DELAY_MS) {
  const writes: Promise<void>[] = [];
  const marker = new ReadMarker((id) => writes.push(markRead(id, 1, db)), delayMs);
  const unread = async (id: string) => (await db.articles.get(id))?.unread === 1;
  return {
    marker,
    unread,
    show: async (id: string | undefined, mode: 'open' | 'delay' | 'manual' | undefined) => {
      await Promise.all(writes);
      marker.update(id, id ? await unread(id) : false, mode);
      await Promise.all(writes);
    },
  };
}

describe('ReadMarker', () => {
  let db: BroadsheetDb;
  beforeEach(async () => {
    // Only the marker's own timer is faked; IndexedDB keeps its real scheduling.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    db = freshDb();
    await db.articles.bulkAdd([article('a'), article('b')]);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('"on open" marks the article read at once, and a later "mark unread" sticks', async () => {
    const r = reader(db);
    await r.show('a', 'open');
    expect(await r.unread('a')).toBe(false);
    await markUnread('a', db);
    await r.show('a', 'open');
    await r.show('a', 'open');
    expect(await r.unread('a')).toBe(true);
  });

  it('"on open" marks it again when it is opened anew', async () => {
    const r = reader(db);
    await r.show('a', 'open');
    await markUnread('a', db);
    await r.show('a', 'open');
    await r.show('b', 'open');
    await r.show('a', 'open');
    expect(await r.unread('a')).toBe(false);
  });

  it('waits for the setting before deciding', async () => {
    const r = reader(db);
    await r.show('a', undefined);
    expect(await r.unread('a')).toBe(true);
    await r.show('a', 'manual');
    expect(await r.unread('a')).toBe(true);
  });

  it('"after a few seconds" marks it read only once the delay has passed', async () => {
    const r = reader(db);
    await r.show('a', 'delay');
    vi.advanceTimersByTime(READ_DELAY_MS - 1);
    await r.show('a', 'delay');
    expect(await r.unread('a')).toBe(true);
    expect(r.marker.pending).toBe(true);
    vi.advanceTimersByTime(1);
    await r.show('a', 'delay');
    expect(await r.unread('a')).toBe(false);
    expect(r.marker.pending).toBe(false);
  });

  it('"after a few seconds" is cancelled by moving on sooner', async () => {
    const r = reader(db);
    await r.show('a', 'delay');
    vi.advanceTimersByTime(READ_DELAY_MS / 2);
    await r.show('b', 'delay');
    vi.advanceTimersByTime(READ_DELAY_MS / 2);
    await r.show('b', 'delay');
    expect(await r.unread('a')).toBe(true);
    expect(await r.unread('b')).toBe(true);
    vi.advanceTimersByTime(READ_DELAY_MS / 2);
    await r.show('b', 'delay');
    expect(await r.unread('b')).toBe(false);
    expect(await r.unread('a')).toBe(true);
  });

  it('"after a few seconds" is cancelled by closing the reader or by a mark by hand', async () => {
    const r = reader(db);
    await r.show('a', 'delay');
    await r.show(undefined, 'delay');
    vi.advanceTimersByTime(READ_DELAY_MS * 2);
    expect(await r.unread('a')).toBe(true);

    await r.show('b', 'delay');
    // m twice within the delay: read, then unread again — the reader's word is final.
    await markRead('b', 1, db);
    await r.show('b', 'delay');
    await markUnread('b', db);
    await r.show('b', 'delay');
    vi.advanceTimersByTime(READ_DELAY_MS * 2);
    await r.show('b', 'delay');
    expect(await r.unread('b')).toBe(true);
  });

  it('"manually" never marks anything read by itself', async () => {
    const r = reader(db);
    await r.show('a', 'manual');
    vi.advanceTimersByTime(READ_DELAY_MS * 10);
    await r.show('b', 'manual');
    expect(await r.unread('a')).toBe(true);
    expect(await r.unread('b')).toBe(true);
    expect(r.marker.pending).toBe(false);
  });

  it('leaves an article that is already read alone', async () => {
    const r = reader(db);
    await markRead('a', 42, db);
    await r.show('a', 'open');
    expect((await db.articles.get('a'))?.readAt).toBe(42);
  });
});
