import { describe, expect, it } from 'vitest';
import type { RemoteItem } from '@shared/account-model';
import { applySnapshot, createAccount, storeRemoteItems } from '@renderer/db/accounts-repository';
import { storeFetchResult } from '@renderer/db/feeds-repository';
import { countUnread, listArticles } from '@renderer/db/queries';
import {
  addRule,
  applyRuleToExisting,
  deleteRule,
  expireRules,
  getRule,
  listRules,
  nextRuleExpiry,
  ruleUntil,
  showAgain,
} from '@renderer/db/rules-repository';
import { checkRow } from '@renderer/db/row-schemas';
import type { BroadsheetDb } from '@renderer/db/schema';
import { fetchedFeed, parsedItem, storedArticle, storedFeed } from './fixtures';
import { testDatabases } from './test-db';

const freshDb = testDatabases('rules');
const NOW = Date.UTC(2026, 11, 6, 12);
const DAY = 86_400_000;

async function seedFeed(db: BroadsheetDb): Promise<void> {
  await db.feeds.put(storedFeed('f1', { title: 'Tech Daily', language: 'en' }));
}

/** A refresh of f1 bringing items with these titles (ids 1, 2, …), through the real store path. */
async function refresh(db: BroadsheetDb, titles: string[], now = NOW): Promise<void> {
  const items = titles.map((title, i) =>
    parsedItem(String(i + 1), { title, published: now - (i + 1) * 60_000 }),
  );
  await storeFetchResult('f1', fetchedFeed(items), now, db);
}

const ids = (rows: { id: string }[]) => rows.map((row) => row.id).sort();

describe('adding rules', () => {
  it('refuses a rule with nothing to match, or Add tag without a tag, saying why', async () => {
    const db = freshDb();
    await expect(addRule({ query: '   ', action: 'hide' }, NOW, db)).rejects.toThrow(
      'Type what the rule should match.',
    );
    await expect(addRule({ query: '!!! ""', action: 'hide' }, NOW, db)).rejects.toThrow(
      'gives the rule nothing to match',
    );
    await expect(addRule({ query: 'crypto', action: 'tag', tag: ' ' }, NOW, db)).rejects.toThrow(
      'Type the tag the rule should add.',
    );
    expect(await db.rules.count()).toBe(0);
  });

  it('stores the query trimmed, the tag normalized and the end of a mute', async () => {
    const db = freshDb();
    await db.articles.put(storedArticle('f1|t', { tags: ['Later'], bookmarkedAt: 1 }));
    const always = await addRule({ query: ' crypto ', action: 'hide' }, NOW, db);
    expect(
      await addRule({ query: 'crypto', action: 'tag', tag: 'later' }, NOW - 1, db),
    ).toMatchObject({ tag: 'Later' });
    const tagged = await addRule(
      { query: 'rust', action: 'tag', tag: '  Rust,  lang ', for: 'week' },
      NOW + 1,
      db,
    );
    expect(always).toMatchObject({ query: 'crypto', action: 'hide', createdAt: NOW });
    expect(always.until).toBeUndefined();
    expect(tagged).toMatchObject({ tag: 'Rust lang', until: NOW + 1 + 7 * DAY });
    expect((await listRules(db)).map((rule) => rule.id).slice(1)).toEqual([always.id, tagged.id]);
    expect(await nextRuleExpiry(db)).toBe(NOW + 1 + 7 * DAY);
    expect(ruleUntil('day', NOW)).toBe(NOW + DAY);
    // A month is a calendar month, ending on the last day of a shorter one.
    expect(new Date(ruleUntil('month', new Date(2026, 0, 31, 9).getTime())!)).toEqual(
      new Date(2026, 1, 28, 9),
    );
  });
});

describe('rules on arrival', () => {
  it('hides what a rule matches from every view and count but Hidden, in the storing transaction', async () => {
    const db = freshDb();
    await seedFeed(db);
    const rule = await addRule({ query: 'crypto -bitcoin', action: 'hide' }, NOW - 10, db);
    await refresh(db, ['Crypto crash deepens', 'Bitcoin and crypto', 'Local election']);
    expect(await db.articles.get('f1|1')).toMatchObject({ hiddenAt: NOW, hiddenBy: rule.id });
    expect(await countUnread('f1', db)).toBe(2);
    expect(ids(await listArticles({ kind: 'all' }, {}, db))).toEqual(['f1|2', 'f1|3']);
    expect(ids(await listArticles({ kind: 'feed', feedId: 'f1' }, {}, db))).toEqual([
      'f1|2',
      'f1|3',
    ]);
    expect(ids(await listArticles({ kind: 'hidden' }, {}, db))).toEqual(['f1|1']);
    // An upstream edit of the hidden article keeps it hidden.
    await refresh(db, ['Crypto crash deepens further', 'Bitcoin and crypto', 'Local election']);
    expect(await db.articles.get('f1|1')).toMatchObject({ hiddenBy: rule.id });
  });

  it('marks read, bookmarks and tags; never hides a bookmarked article', async () => {
    const db = freshDb();
    await seedFeed(db);
    await addRule({ query: 'rust', action: 'hide' }, NOW - 10, db);
    await addRule({ query: 'rust', action: 'tag', tag: 'Rust' }, NOW - 9, db);
    await addRule({ query: 'feed:tech daily release', action: 'read' }, NOW - 8, db);
    await addRule({ query: '"go release"', action: 'bookmark' }, NOW - 7, db);
    await refresh(db, ['Rust 2.0 ships', 'Go release notes', 'Release of go']);
    expect(await db.articles.get('f1|1')).toMatchObject({ tags: ['Rust'], bookmarkedAt: NOW });
    expect((await db.articles.get('f1|1'))!.hiddenAt).toBeUndefined();
    expect(await db.articles.get('f1|2')).toMatchObject({
      unread: 0,
      readAt: NOW,
      bookmarkedAt: NOW,
    });
    expect(await db.articles.get('f1|3')).toMatchObject({ unread: 0 });
    expect((await db.articles.get('f1|3'))!.bookmarkedAt).toBeUndefined();
  });

  it('leaves out a mute whose time has passed', async () => {
    const db = freshDb();
    await seedFeed(db);
    await addRule({ query: 'crypto', action: 'hide', for: 'day' }, NOW - 2 * DAY, db);
    await refresh(db, ['Crypto crash']);
    expect((await db.articles.get('f1|1'))!.hiddenAt).toBeUndefined();
  });

  it("queues an account item's read, star and label changes with the item", async () => {
    const db = freshDb();
    const ACC = 'acc-1';
    await createAccount(
      {
        id: ACC,
        service: 'freshrss',
        serverUrl: 'https://rss.example',
        apiUrl: 'https://rss.example/api/greader.php',
        username: 'me',
        signedIn: true,
      },
      undefined,
      1,
      db,
    );
    await applySnapshot(
      ACC,
      {
        unreadIds: [],
        starredIds: [],
        newIds: [],
        nextSince: 500,
        requests: 3,
        subscriptions: [
          { streamId: 'feed/1', title: 'E News', url: 'https://e.com/feed', folders: [] },
        ],
        folders: [],
      },
      2,
      db,
    );
    await addRule({ query: 'sports', action: 'read' }, NOW - 10, db);
    await addRule({ query: 'sports', action: 'tag', tag: 'Later' }, NOW - 9, db);
    const remote = (n: number, title: string): RemoteItem => ({
      id: `tag:google.com,2005:reader/item/${n.toString(16).padStart(16, '0')}`,
      streamId: 'feed/1',
      title,
      authors: [],
      published: NOW - n,
      images: [],
      enclosures: [],
      categories: [],
      labels: [],
      read: false,
      starred: false,
    });
    await storeRemoteItems(
      ACC,
      [remote(1, 'Sports today'), remote(2, 'Weather')],
      { now: NOW },
      db,
    );
    const changes = (await db.outbox.toArray()).map((entry) => entry.change);
    const item1 = remote(1, '').id;
    expect(changes).toEqual(
      expect.arrayContaining([
        { kind: 'read', itemIds: [item1] },
        { kind: 'star', itemIds: [item1] },
        { kind: 'label', label: 'Later', itemIds: [item1] },
      ]),
    );
    expect(changes).toHaveLength(3);
  });
});

describe('Notify rules', () => {
  it('are stored, travel in backups, and change nothing stored, now or on arrival', async () => {
    const db = freshDb();
    await seedFeed(db);
    await db.articles.put(storedArticle('f1|old', { title: 'Rocket news' }));
    const rule = await addRule({ query: 'rocket', action: 'notify' }, NOW, db);
    expect(rule).toMatchObject({ action: 'notify', query: 'rocket' });
    expect(checkRow('rules', rule)).toMatchObject({ ok: true });
    // News is what arrives: applying it to stored articles does nothing.
    expect(await applyRuleToExisting(rule.id, NOW, db)).toBe(0);
    await refresh(db, ['Rocket launch']);
    const arrived = (await db.articles.get('f1|1'))!;
    expect(arrived).toMatchObject({ unread: 1, tags: [] });
    expect(arrived.hiddenAt).toBeUndefined();
    expect(arrived.bookmarkedAt).toBeUndefined();
  });
});

describe('rules on stored articles', () => {
  it('applies one rule to what is stored, in chunks, and says how many changed', async () => {
    const db = freshDb();
    await seedFeed(db);
    await db.articles.bulkPut([
      ...Array.from({ length: 450 }, (_, i) =>
        storedArticle(`f1|n${i}`, { title: i % 3 ? `Weather ${i}` : `Crypto ${i}` }),
      ),
      storedArticle('f1|kept', { title: 'Crypto saved', bookmarkedAt: NOW - DAY }),
    ]);
    const rule = await addRule({ query: 'crypto', action: 'hide' }, NOW, db);
    const progress: number[] = [];
    expect(
      await applyRuleToExisting(rule.id, NOW, db, { onProgress: (n) => progress.push(n) }),
    ).toBe(150);
    expect(progress).toEqual([200, 400, 451]);
    expect(await db.articles.where('hiddenAt').equals(NOW).count()).toBe(150);
    expect((await db.articles.get('f1|kept'))!.hiddenAt).toBeUndefined();
    // Again: nothing left to change.
    expect(await applyRuleToExisting(rule.id, NOW, db)).toBe(0);
    // Given candidates (the worker's matches), only they are read, and the matcher decides.
    const read = await addRule({ query: 'weather', action: 'read' }, NOW, db);
    expect(
      await applyRuleToExisting(read.id, NOW, db, { candidates: ['f1|n1', 'f1|n3', 'f1|gone'] }),
    ).toBe(1);
    expect(await db.articles.get('f1|n1')).toMatchObject({ unread: 0 });
    expect(await db.articles.get('f1|n3')).toMatchObject({ unread: 1 });
  });

  it('brings back what a rule hid when it is deleted, or one article with Show again', async () => {
    const db = freshDb();
    await seedFeed(db);
    const crypto = await addRule({ query: 'crypto', action: 'hide' }, NOW - 10, db);
    const sport = await addRule({ query: 'sport', action: 'hide' }, NOW - 9, db);
    await refresh(db, ['Crypto one', 'Crypto two', 'Sport'], NOW);
    expect(await countUnread('f1', db)).toBe(0);
    expect(await showAgain('f1|1', db)).toBe(true);
    expect(await showAgain('f1|1', db)).toBe(false);
    expect(await countUnread('f1', db)).toBe(1);
    expect(await getRule(crypto.id, db)).toMatchObject({ query: 'crypto', action: 'hide' });
    expect(await deleteRule(crypto.id, db)).toBe(1);
    expect(await getRule(crypto.id, db)).toBeUndefined();
    expect(await countUnread('f1', db)).toBe(2);
    expect((await listRules(db)).map((rule) => rule.id)).toEqual([sport.id]);
    expect(ids(await listArticles({ kind: 'hidden' }, {}, db))).toEqual(['f1|3']);
  });

  it('ends mutes whose time passed: what they hid comes back, then they go', async () => {
    const db = freshDb();
    await seedFeed(db);
    const mute = await addRule({ query: 'election', action: 'hide', for: 'day' }, NOW, db);
    const rule = await addRule({ query: 'crypto', action: 'hide' }, NOW, db);
    await refresh(db, ['Election night', 'Crypto', 'Weather'], NOW + 1);
    expect(await countUnread('f1', db)).toBe(1);
    expect(await expireRules(NOW + DAY - 1, db)).toEqual({ rules: [], shown: 0 });
    const expired = await expireRules(NOW + DAY, db);
    expect(expired.rules.map((r) => r.id)).toEqual([mute.id]);
    expect(expired.shown).toBe(1);
    expect(await countUnread('f1', db)).toBe(2);
    expect((await listRules(db)).map((r) => r.id)).toEqual([rule.id]);
    expect(await nextRuleExpiry(db)).toBeUndefined();
  });
});
