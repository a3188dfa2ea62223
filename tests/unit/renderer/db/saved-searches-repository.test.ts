import { describe, expect, it } from 'vitest';
import {
  addSavedSearch,
  listSavedSearches,
  removeSavedSearch,
  renameSavedSearch,
} from '@renderer/db/saved-searches-repository';
import { testDatabases } from './test-db';

const freshDb = testDatabases('saved-searches');

describe('saved searches', () => {
  it('keeps searches in the order saved, named after the query unless named', async () => {
    const db = freshDb();
    expect(await listSavedSearches(db)).toEqual([]);
    const first = await addSavedSearch({ name: '  ', query: ' ishiba ', sort: 'relevance' }, db);
    await addSavedSearch({ name: 'Bookmarked', query: 'is:bookmarked', sort: 'date' }, db);
    expect(await listSavedSearches(db)).toEqual([
      { id: first.id, name: 'ishiba', query: 'ishiba', sort: 'relevance' },
      expect.objectContaining({ name: 'Bookmarked', query: 'is:bookmarked', sort: 'date' }),
    ]);
  });

  it('renames (never to nothing) and removes', async () => {
    const db = freshDb();
    const a = await addSavedSearch({ name: 'A', query: 'a', sort: 'relevance' }, db);
    const b = await addSavedSearch({ name: 'B', query: 'b', sort: 'relevance' }, db);
    await renameSavedSearch(a.id, ' Alpha ', db);
    await renameSavedSearch(b.id, '   ', db);
    expect((await listSavedSearches(db)).map((s) => s.name)).toEqual(['Alpha', 'B']);
    await removeSavedSearch(a.id, db);
    expect((await listSavedSearches(db)).map((s) => s.name)).toEqual(['B']);
  });

  it('loses no save when two happen at once', async () => {
    const db = freshDb();
    await Promise.all(
      ['one', 'two', 'three'].map((query) =>
        addSavedSearch({ name: query, query, sort: 'relevance' }, db),
      ),
    );
    expect((await listSavedSearches(db)).map((s) => s.query).sort()).toEqual([
      'one',
      'three',
      'two',
    ]);
  });

  it('skips whatever in the row is not a saved search', async () => {
    const db = freshDb();
    await db.settings.put({ key: 'savedSearches', value: { items: 'oops' } });
    expect(await listSavedSearches(db)).toEqual([]);
    const good = { id: 'x', name: 'X', query: 'x', sort: 'date' };
    await db.settings.put({
      key: 'savedSearches',
      value: { items: [null, { id: 1, name: 'bad' }, good, { ...good, sort: 'sideways' }] },
    });
    expect(await listSavedSearches(db)).toEqual([good]);
  });
});
