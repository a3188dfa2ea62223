/**
 * A backup made by an older schema version (the startup gate keeps one before every upgrade,
 * declared only up to the library's version) restores into the current app as the same
 * library that opening the old database in the current app gives: the upgrades' data changes
 * included.
 */
import { Blob as NodeBlob } from 'node:buffer';
import { afterEach, describe, expect, it } from 'vitest';
import { backUpLibrary } from '@renderer/db/backup-repository';
import { restoreLibrary } from '@renderer/db/restore-repository';
import { TABLE_NAMES } from '@renderer/db/row-schemas';
import { createDb, type BroadsheetDb } from '@renderer/db/schema';
import {
  FIXTURE_VERSIONS,
  readLibraryFixture,
  readRawLibrary,
  storesAt,
  writeRawLibrary,
} from '../../../fixtures/libraries/library-fixtures';

const names: string[] = [];
const opened: BroadsheetDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  for (const name of names.splice(0)) await createDb(name).delete();
});

function freshName(tag: string): string {
  const name = `restore-${tag}-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  return name;
}

/** Tables a backup holds, less what a restore rightly leaves out (see backup-repository.ts). */
const BACKED_UP = TABLE_NAMES;

type Row = Record<string, unknown>;
/** The backup format (JSON) has no undefined: a field stored as undefined comes back absent. */
const dropUndefined = (rows: unknown[]): Row[] =>
  JSON.parse(
    JSON.stringify(rows, (_key, value: unknown) =>
      (value as { $undefined?: boolean } | null)?.$undefined === true ? undefined : value,
    ),
  ) as Row[];
const withoutSyncMarks = (rows: Row[]) =>
  rows.map((row) => {
    // A restored account compares every id at its next sync instead of asking only for news.
    const { since: _since, subscriptionsAt: _subscriptionsAt, ...rest } = row;
    return rest;
  });

/**
 * jsdom's Blobs do not survive fake-indexeddb's structured clone, and a restore revives the
 * file's images as jsdom Blobs: here only that each image still has one (bytes: the e2e tests).
 */
const withoutBlobs = (rows: Row[]) =>
  rows.map(({ blob, ...rest }) => ({ ...rest, hasBlob: blob !== undefined }));

describe.each(FIXTURE_VERSIONS)('a backup made at schema v%i', (version) => {
  it('restores into the current app as the upgraded library', async () => {
    const fixture = readLibraryFixture(`v${version}`);
    const oldName = freshName(`v${version}`);
    const old = createDb(oldName, version);
    opened.push(old);
    await old.open();
    old.close();
    await writeRawLibrary(
      { name: oldName, version, stores: storesAt(fixture), tables: fixture.tables },
      NodeBlob as unknown as typeof Blob,
    );
    // As the startup gate takes it before an upgrade: Dexie declared only up to the version.
    const atItsVersion = createDb(oldName, version);
    opened.push(atItsVersion);
    const made = await (await backUpLibrary(atItsVersion)).text();
    atItsVersion.close();
    // Made from a test database, the file names it; the app's own is called broadsheet.
    const file = new Blob([
      made.replace(`"databaseName":"${oldName}"`, '"databaseName":"broadsheet"'),
    ]);

    const restoredName = freshName('restored');
    const restored = createDb(restoredName);
    opened.push(restored);
    const report = await restoreLibrary(file, restored);
    expect(report.skipped).toEqual([]);
    expect(report.repaired).toEqual([]);
    restored.close();

    // The same library, opened in place and upgraded.
    const upgraded = createDb(oldName);
    opened.push(upgraded);
    await upgraded.open();
    upgraded.close();

    const [want, got] = await Promise.all([readRawLibrary(oldName), readRawLibrary(restoredName)]);
    for (const table of BACKED_UP) {
      const sort = (rows: unknown[]) =>
        dropUndefined(rows).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
      const clean = (rows: unknown[]) =>
        table === 'accounts'
          ? withoutSyncMarks(sort(rows))
          : table === 'images'
            ? withoutBlobs(sort(rows))
            : sort(rows);
      expect(clean(got.stores[table]!.rows), table).toEqual(clean(want.stores[table]!.rows));
    }
  });
});
