import { afterEach, describe, expect, it, vi } from 'vitest';
import { countUnread } from '@renderer/db/queries';
import { addRule } from '@renderer/db/rules-repository';
import type { BroadsheetDb } from '@renderer/db/schema';
import { RULES_CHECK_MS, startRulesUpkeep } from '@renderer/pipeline/rules-upkeep';
import { storedArticle, storedFeed } from '../db/fixtures';
import { testDatabases } from '../db/test-db';

const freshDb = testDatabases('rules-upkeep');
const DAY = 86_400_000;
const stops: (() => void)[] = [];

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  vi.useRealTimers();
});

/** A feed with one article a mute (ending at `until`) hid, and one it did not. */
async function muted(db: BroadsheetDb, createdAt: number, until: number): Promise<string> {
  await db.feeds.put(storedFeed('f1'));
  const rule = await addRule({ query: 'election', action: 'hide', for: 'day' }, createdAt, db);
  await db.rules.update(rule.id, { until });
  await db.articles.bulkPut([
    storedArticle('f1|1', { title: 'Election night', hiddenAt: createdAt, hiddenBy: rule.id }),
    storedArticle('f1|2', { title: 'Weather' }),
  ]);
  return rule.id;
}

async function waitFor(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const end = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Real timers and IndexedDB round trips: on a loaded machine each step takes its time.
describe('rules upkeep', { timeout: 20_000 }, () => {
  it('ends a mute at its time: what it hid comes back and the rule goes', async () => {
    const db = freshDb();
    // Far enough ahead that the first count below is taken before the mute ends, under load too.
    const id = await muted(db, Date.now(), Date.now() + 1_500);
    const expired: string[] = [];
    stops.push(
      startRulesUpkeep({ db, onExpired: (e) => expired.push(...e.rules.map((r) => r.id)) }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await countUnread('f1', db)).toBe(1);
    await waitFor(async () => (await countUnread('f1', db)) === 2);
    expect(await db.rules.get(id)).toBeUndefined();
    expect(expired).toEqual([id]);
  });

  it('ends at start a mute that ended while the app was closed, and re-arms for rules added later', async () => {
    const db = freshDb();
    await muted(db, Date.now() - 2 * DAY, Date.now() - DAY);
    stops.push(startRulesUpkeep({ db }));
    await waitFor(async () => (await countUnread('f1', db)) === 2);
    // A mute added after start, ending soon, is caught by the re-armed timer.
    const rule = await addRule({ query: 'weather', action: 'hide', for: 'day' }, Date.now(), db);
    await db.transaction('rw', db.rules, db.articles, async () => {
      await db.rules.update(rule.id, { until: Date.now() + 1_500 });
      await db.articles.update('f1|2', { hiddenAt: Date.now(), hiddenBy: rule.id });
    });
    expect(await countUnread('f1', db)).toBe(1);
    await waitFor(async () => (await countUnread('f1', db)) === 2);
    expect(await db.rules.count()).toBe(0);
  });

  it('arms again when its timer fires before the clock reads the end of the mute', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const db = freshDb();
    let clock = Date.UTC(2026, 11, 6, 12);
    const until = clock + 1_000;
    await muted(db, clock, until);
    stops.push(startRulesUpkeep({ db, now: () => clock }));
    // IndexedDB (fake-indexeddb) answers on setImmediate, which stays real here.
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    const armed = async () => {
      for (let n = 0; n < 200 && vi.getTimerCount() === 0; n++) await settle();
      return vi.getTimerCount();
    };
    expect(await armed()).toBe(1);
    // The timer is due, and the clock a millisecond short of the end.
    clock = until - 1;
    await vi.advanceTimersByTimeAsync(1_000);
    for (let n = 0; n < 50; n++) await settle();
    expect(await countUnread('f1', db)).toBe(1);
    // Armed again for what is left: at the end, the mute ends.
    expect(await armed()).toBe(1);
    clock = until;
    await vi.advanceTimersByTimeAsync(1);
    for (let n = 0; n < 200 && (await countUnread('f1', db)) !== 2; n++) await settle();
    expect(await countUnread('f1', db)).toBe(2);
    expect(await db.rules.count()).toBe(0);
  });

  it('notices a clock moved forward within a minute', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const db = freshDb();
    let clock = Date.UTC(2026, 11, 6, 12);
    // Ends in a day by the clock; the timer armed for that never fires in this test.
    await muted(db, clock, clock + DAY);
    stops.push(startRulesUpkeep({ db, now: () => clock }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await countUnread('f1', db)).toBe(1);
    clock += 2 * DAY;
    vi.advanceTimersByTime(RULES_CHECK_MS);
    await waitFor(async () => (await countUnread('f1', db)) === 2);
    expect(await db.rules.count()).toBe(0);
  });
});
