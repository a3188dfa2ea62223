import { describe, expect, it } from 'vitest';
import type { Feed } from '@renderer/db/entities';
import {
  iconRetryDelay,
  listFeedsNeedingIcon,
  nextIconAttempt,
  storeIconOutcomes,
} from '@renderer/db/feed-icons-repository';
import { testDatabases } from './test-db';

const HOUR = 3600 * 1000;
const NOW = Date.UTC(2026, 10, 27);
const freshDb = testDatabases('feed-icons');
const feed = (id: string, extra: Partial<Feed> = {}): Feed => ({
  id,
  url: `https://${id}.example/feed`,
  title: id,
  createdAt: 0,
  ...extra,
});

describe('feed icon bookkeeping', () => {
  it('backs off 1 h, 2 h, 4 h… after failures in a row, never past a week', () => {
    expect([1, 2, 3, 4].map(iconRetryDelay)).toEqual([HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR]);
    expect(iconRetryDelay(40)).toBe(7 * 24 * HOUR);
  });

  it('asks again only for subscriptions without an icon whose retry is due', async () => {
    const db = freshDb();
    await db.feeds.bulkAdd([
      feed('new'),
      feed('has-icon', { icon: { dataUrl: 'data:image/png;base64,AA==', fetchedAt: 1 } }),
      feed('waiting', { iconRetry: { failures: 1, nextAttemptAt: NOW + HOUR } }),
      feed('due', { iconRetry: { failures: 3, nextAttemptAt: NOW - 1 } }),
      feed('gone', { unsubscribedAt: 5 }),
    ]);
    const due = await listFeedsNeedingIcon(NOW, db);
    expect(due.map((f) => f.id).sort()).toEqual(['due', 'new']);
    expect(nextIconAttempt(await db.feeds.toArray())).toBe(NOW - 1);
  });

  it('stores an icon and forgets past failures, or counts a failure and schedules the retry', async () => {
    const db = freshDb();
    await db.feeds.bulkAdd([
      feed('a', { iconRetry: { failures: 2, nextAttemptAt: NOW - 1 } }),
      feed('b', { iconRetry: { failures: 2, nextAttemptAt: NOW - 1 } }),
    ]);
    await storeIconOutcomes(
      [
        { feedId: 'a', dataUrl: 'data:image/png;base64,AA==' },
        { feedId: 'b', failed: true },
        { feedId: 'unknown', failed: true },
      ],
      NOW,
      db,
    );
    const [a, b] = await db.feeds.bulkGet(['a', 'b']);
    expect(a?.icon).toEqual({ dataUrl: 'data:image/png;base64,AA==', fetchedAt: NOW });
    expect(a?.iconRetry).toBeUndefined();
    expect(b?.iconRetry).toEqual({ failures: 3, nextAttemptAt: NOW + 4 * HOUR });
    expect(await db.feeds.count()).toBe(2);
    expect(await listFeedsNeedingIcon(NOW, db)).toEqual([]);
  });
});
