import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION, SCHEMA_VERSIONS, createDb } from '@renderer/db/schema';

const names: string[] = [];
const freshName = () => {
  const name = `schema-test-${names.length}-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  return name;
};

afterEach(async () => {
  for (const name of names.splice(0)) await createDb(name).delete();
});

describe('schema versions', () => {
  it('are declared in increasing order', () => {
    const versions = SCHEMA_VERSIONS.map((step) => step.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(LATEST_VERSION).toBe(versions.at(-1));
  });

  it.each(SCHEMA_VERSIONS.map((step) => step.version))(
    'open fresh at version %i',
    async (version) => {
      const db = createDb(freshName(), version);
      await db.open();
      expect(db.verno).toBe(version);
      db.close();
    },
  );

  /**
   * The pattern every later version follows: seed data at each older version, open the
   * latest, and assert the data survived (and was transformed, where an upgrade says so).
   */
  it.each(SCHEMA_VERSIONS.map((step) => step.version))(
    'upgrade from version %i to the latest keeps feeds and articles',
    async (from) => {
      const name = freshName();
      const old = createDb(name, from);
      await old.open();
      await old
        .table('feeds')
        .add({ id: 'f1', url: 'https://e.com/feed', title: 'E', createdAt: 1 });
      await old.table('articles').add({
        id: 'f1|a',
        feedId: 'f1',
        guid: 'a',
        title: 'A',
        authors: [],
        publishedAt: 5,
        fetchedAt: 5,
        images: [],
        categories: [],
        unread: 1,
        tags: ['x'],
        bookmarkedAt: 9,
      });
      old.close();

      const latest = createDb(name);
      await latest.open();
      expect(latest.verno).toBe(LATEST_VERSION);
      expect(await latest.feeds.get('f1')).toMatchObject({ url: 'https://e.com/feed', title: 'E' });
      expect(await latest.articles.get('f1|a')).toMatchObject({
        title: 'A',
        bookmarkedAt: 9,
        tags: ['x'],
      });
      expect(await latest.articles.where('[feedId+unread]').equals(['f1', 1]).count()).toBe(1);
      expect(await latest.articles.where('tags').equals('x').count()).toBe(1);
      latest.close();
    },
  );

  it('v1 → v2 queues existing articles for the offline pass and adds the image store', async () => {
    const name = freshName();
    const v1 = createDb(name, 1);
    await v1.open();
    await v1.table('articles').add({
      id: 'f|1',
      feedId: 'f',
      guid: '1',
      title: 'Old',
      authors: [],
      publishedAt: 1,
      fetchedAt: 1,
      images: ['https://e.com/a.png'],
      categories: [],
      unread: 1,
      tags: [],
    });
    v1.close();
    const v2 = createDb(name, 2);
    await v2.open();
    expect(await v2.articles.get('f|1')).toMatchObject({ title: 'Old', offline: 'pending' });
    expect(await v2.articles.where('offline').equals('pending').count()).toBe(1);
    await v2.images.add({
      url: 'https://e.com/a.png',
      articleIds: ['f|1'],
      status: 'ok',
      attempts: 1,
    });
    expect(await v2.images.where('articleIds').equals('f|1').count()).toBe(1);
    v2.close();
  });

  it('v2 → v3 adds the reading positions table and indexes unread articles by feed and date', async () => {
    const name = freshName();
    const v2 = createDb(name, 2);
    await v2.open();
    const base = { guid: 'g', authors: [], fetchedAt: 1, images: [], categories: [], tags: [] };
    await v2.table('articles').bulkAdd([
      { ...base, id: 'f|old', feedId: 'f', title: 'Old', publishedAt: 10, unread: 1 },
      { ...base, id: 'f|new', feedId: 'f', title: 'New', publishedAt: 90, unread: 1 },
      { ...base, id: 'f|read', feedId: 'f', title: 'Read', publishedAt: 20, unread: 0 },
      { ...base, id: 'g|old', feedId: 'g', title: 'Other', publishedAt: 10, unread: 1 },
    ]);
    v2.close();
    const v3 = createDb(name, 3);
    await v3.open();
    expect(await v3.articles.count()).toBe(4);
    // Existing rows are in the new index straight away: the upgrade needs no data moved.
    expect(
      await v3.articles
        .where('[feedId+unread+publishedAt]')
        .between(['f', 1, 0], ['f', 1, 50])
        .primaryKeys(),
    ).toEqual(['f|old']);
    await v3.positions.put({ articleId: 'f|old', fraction: 0.4, updatedAt: 5 });
    expect(await v3.positions.where('updatedAt').below(6).count()).toBe(1);
    v3.close();
  });

  it('v3 → v4 keeps the library, lets an account share a feed address, and adds accounts and the outbox', async () => {
    const name = freshName();
    const v3 = createDb(name, 3);
    await v3.open();
    await v3.table('feeds').add({ id: 'f1', url: 'https://e.com/feed', title: 'E', createdAt: 1 });
    await v3.table('folders').add({ id: 'd1', name: 'News' });
    const base = { guid: 'g', authors: [], fetchedAt: 1, images: [], categories: [], tags: [] };
    await v3.table('articles').bulkAdd([
      { ...base, id: 'f1|a', feedId: 'f1', title: 'A', publishedAt: 10, unread: 1 },
      {
        ...base,
        id: 'f1|b',
        feedId: 'f1',
        title: 'B',
        publishedAt: 20,
        unread: 0,
        bookmarkedAt: 3,
      },
    ]);
    await v3.table('positions').put({ articleId: 'f1|a', fraction: 0.5, updatedAt: 2 });
    // Under v3 the address is unique: a second row with it cannot exist yet.
    await expect(
      v3.table('feeds').add({ id: 'x', url: 'https://e.com/feed', title: 'X', createdAt: 1 }),
    ).rejects.toThrow();
    v3.close();

    const v4 = createDb(name, 4);
    await v4.open();
    expect(await v4.feeds.get('f1')).toMatchObject({ url: 'https://e.com/feed', title: 'E' });
    expect(await v4.folders.get('d1')).toMatchObject({ name: 'News' });
    expect(await v4.articles.count()).toBe(2);
    expect(await v4.articles.where('[feedId+unread]').equals(['f1', 1]).primaryKeys()).toEqual([
      'f1|a',
    ]);
    expect(await v4.positions.get('f1|a')).toMatchObject({ fraction: 0.5 });
    // Rows of this computer carry no account: the account index holds none of them.
    expect(await v4.feeds.where('accountId').equals('acc').count()).toBe(0);

    // An account may now subscribe to the same address as this computer.
    await v4.feeds.add({
      id: 'f2',
      url: 'https://e.com/feed',
      title: 'E (account)',
      createdAt: 2,
      accountId: 'acc',
      remoteId: 'feed/1',
    });
    expect(await v4.feeds.where('url').equals('https://e.com/feed').count()).toBe(2);
    expect(
      await v4.feeds.where('[accountId+remoteId]').equals(['acc', 'feed/1']).primaryKeys(),
    ).toEqual(['f2']);
    await v4.articles.add({
      ...base,
      id: 'f2|tag:google.com,2005:reader/item/1',
      feedId: 'f2',
      title: 'R',
      publishedAt: 5,
      unread: 1,
      accountId: 'acc',
      remoteId: 'tag:google.com,2005:reader/item/1',
    });
    expect(await v4.articles.where('accountId').equals('acc').count()).toBe(1);
    expect(await v4.articles.where('[accountId+unread]').equals(['acc', 1]).count()).toBe(1);
    await v4.accounts.put({
      id: 'acc',
      service: 'freshrss',
      serverUrl: 'https://rss.example',
      username: 'me',
      name: 'FreshRSS (me)',
      createdAt: 1,
      status: 'ok',
    });
    const seq = await v4.outbox.add({
      accountId: 'acc',
      change: { kind: 'read', itemIds: ['tag:google.com,2005:reader/item/1'] },
      at: 1,
    });
    expect(typeof seq).toBe('number');
    expect(await v4.outbox.where('accountId').equals('acc').count()).toBe(1);
    v4.close();
  });

  it('v4 → v5 keeps the library and adds the record of purged account items', async () => {
    const name = freshName();
    const v4 = createDb(name, 4);
    await v4.open();
    await v4.table('accounts').put({ id: 'acc', name: 'A', status: 'ok' });
    await v4.table('outbox').add({ accountId: 'acc', change: { kind: 'read', itemIds: ['x'] } });
    v4.close();
    const v5 = createDb(name, 5);
    await v5.open();
    expect(await v5.accounts.get('acc')).toMatchObject({ name: 'A' });
    expect(await v5.outbox.count()).toBe(1);
    await v5.purged.put({ accountId: 'acc', remoteId: 'x', at: 1 });
    expect(await v5.purged.where('accountId').equals('acc').count()).toBe(1);
    expect(await v5.purged.get(['acc', 'x'])).toMatchObject({ at: 1 });
    v5.close();
  });
});
