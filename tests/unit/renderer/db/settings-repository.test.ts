import { describe, expect, it } from 'vitest';
import { getSetting, patchSetting } from '@renderer/db/settings-repository';
import { testDatabases } from './test-db';

const freshDb = testDatabases('settings');

describe('patchSetting', () => {
  it('merges with what is stored when it writes, so quick changes never undo each other', async () => {
    const db = freshDb();
    // Two selects changed back to back, each sending only its own field.
    await Promise.all([
      patchSetting('retention', { keepReadDays: 7 }, db),
      patchSetting('retention', { keepUnreadDays: 7 }, db),
    ]);
    const retention = await getSetting('retention', db);
    expect(retention.keepReadDays).toBe(7);
    expect(retention.keepUnreadDays).toBe(7);
  });

  it('keeps the other fields of the same setting', async () => {
    const db = freshDb();
    await patchSetting('retention', { maxPerFeed: 200 }, db);
    await patchSetting('retention', { keepReadDays: null }, db);
    const retention = await getSetting('retention', db);
    expect(retention).toMatchObject({ maxPerFeed: 200, keepReadDays: null });
  });

  it('flips the stored value when given a function, even several before any lands', async () => {
    const db = freshDb();
    const flip = (current: { unreadOnly: boolean }) => ({ unreadOnly: !current.unreadOnly });
    const turn = (order: 'newest' | 'oldest'): 'newest' | 'oldest' =>
      order === 'oldest' ? 'newest' : 'oldest';
    // Every click lands before the list repaints: each flips what is stored, not what it saw.
    await Promise.all([
      patchSetting('articleList', (current) => ({ order: turn(current.order) }), db),
      patchSetting('articleList', flip, db),
      patchSetting('articleList', flip, db),
      patchSetting('articleList', flip, db),
    ]);
    expect(await getSetting('articleList', db)).toEqual({ order: 'oldest', unreadOnly: true });
  });
});
