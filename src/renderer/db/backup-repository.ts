import Dexie from 'dexie';
import { getDb } from './database';
import type { Article, StoredImage } from './entities';
import { foldReadMarks } from './read-marks';
import { checkRow, TABLE_NAMES, type TableName, type TableRows } from './row-schemas';
import type { MessageId } from '../i18n/catalogue';
import { getLocaleState, translate } from '../i18n/current-locale';
import { formatList } from '../i18n/formats';
import { LocalizedError } from '../i18n/localized-error';
import { said, sameRef, type MessageRef } from '../lib/message-ref';
import { createDb, DB_NAME, LATEST_VERSION, type BroadsheetDb } from './schema';
import { refingerprintRecent } from './stories-repository';

/**
 * dexie-export-import is a sizeable library only backups and restores use: a chunk of its own,
 * fetched the first time one runs, not part of the first paint.
 */
const exportImport = () => import('dexie-export-import');

/**
 * Tables a backup never holds: the outbox of changes not yet sent to an account's server (a
 * backup restored later would replay stale changes over newer server state; left out, the
 * restored library takes the server's state at the next sync), and the ids retention purged
 * from accounts (bookkeeping of this library, not the reader's).
 */
const NOT_BACKED_UP = [
  'outbox',
  'purged',
  // A "mark all as read" still folding: backUpLibrary folds it first, so the rows say it all.
  'readMarks',
  // Story fingerprints are derived from the articles; a restore starts them afresh.
  'fingerprints',
  // Kept episodes are downloads: a restore fetches them again for the feeds that keep them.
  'episodes',
  'episodeParts',
];

/**
 * Every table, images as Blobs included, in one JSON file. Accounts are in it without secrets
 * (those never leave main), so a restored account syncs again once signed in. Automatic backups
 * may leave the images out (`images: false`): the file then has no images table at all, and
 * says so in its head.
 */
export async function backUpLibrary(db = getDb(), { images = true } = {}): Promise<Blob> {
  // A library opened at an older version (exportLibraryAt) has no read marks.
  if (db.tables.some((table) => table.name === 'readMarks')) await foldReadMarks(db);
  const { exportDB } = await exportImport();
  return exportDB(db, { skipTables: images ? NOT_BACKED_UP : [...NOT_BACKED_UP, 'images'] });
}

export class BackupFileError extends LocalizedError {}

/** What a restore kept, and what it left out or mended, each with its reason and count. */
export interface RestoreReport {
  restored: Record<TableName, number>;
  skipped: ReportLine[];
  repaired: ReportLine[];
}

export interface ReportLine {
  table: TableName;
  /** A `db.restore.reason.` message: "{what} with a javascript: URL", `what` being "3 articles". */
  reason: MessageRef;
  count: number;
}

const NOT_A_BACKUP = 'db.backup.error.notABackup' as const;
/** Longest stretch of checking rows before the page gets a turn. */
const SLICE_MS = 30;

/**
 * Replaces the library with a backup's, row by row through the row schemas: a row the app could
 * not show is skipped, one with a fault in what the app rebuilds by itself is repaired, and the
 * report says which and why. The whole file is read and judged before anything is cleared; the
 * clearing and the writing are one transaction, so a restore that fails leaves the library as
 * it was. (dexie-export-import's own `clearTablesBeforeImport` clears outside its transaction.)
 */
export async function restoreLibrary(file: Blob, db = getDb()): Promise<RestoreReport> {
  const { rows, version, withImages } = await readBackup(file, db);
  const report: RestoreReport = {
    restored: Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>,
    skipped: [],
    repaired: [],
  };
  const count = (lines: ReportLine[], table: TableName, reason: MessageRef) => {
    const line = lines.find((l) => l.table === table && sameRef(l.reason, reason));
    if (line) line.count++;
    else lines.push({ table, reason, count: 1 });
  };
  const kept = new Map<TableName, unknown[]>();
  let since = performance.now();
  for (const table of TABLE_NAMES) {
    const keep: unknown[] = [];
    const feedUrls = new Set<string>();
    for (const input of rows.get(table) ?? []) {
      // Sanitizing is the cost (per article: docs/bench/2026-12-06-hostile-inputs.md): a large
      // library takes seconds, and the page must keep painting meanwhile.
      if (performance.now() - since > SLICE_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        since = performance.now();
      }
      const checked = checkRow(table, input);
      if (!checked.ok) {
        count(report.skipped, table, checked.reason);
        continue;
      }
      // Feed addresses are unique on this computer (an account may share one with it, and
      // an account holds each of its subscriptions once).
      if (table === 'feeds') {
        const feed = checked.row as TableRows['feeds'];
        const key = feed.accountId
          ? `${feed.accountId}\u0000${feed.remoteId ?? feed.url}`
          : feed.url;
        if (feedUrls.has(key)) {
          count(report.skipped, table, { id: 'db.restore.reason.sameAddress' });
          continue;
        }
        feedUrls.add(key);
      }
      // The library restored may lack what the account's server sent since the backup: the
      // next sync compares every id again instead of asking only for what is new.
      if (table === 'accounts') {
        const account = checked.row as TableRows['accounts'];
        delete account.since;
        delete account.subscriptionsAt;
      }
      for (const repair of checked.repairs) count(report.repaired, table, repair);
      keep.push(checked.row);
    }
    kept.set(table, keep);
    report.restored[table] = keep.length;
  }
  // A backup an older version made holds rows as that version left them (the startup gate
  // keeps one before every upgrade): they get that upgrade now, as the library on disk would.
  const upgraded = version < LATEST_VERSION ? await upgradeRows(kept, version, db.name) : kept;
  await db.transaction('rw', db.tables, async () => {
    const articles = upgraded.get('articles') as Article[];
    // An automatic backup may hold no images: those already stored here stay for the restored
    // articles that show them, instead of leaving the reader offline with placeholders.
    const images = withImages
      ? (upgraded.get('images') as StoredImage[])
      : await storedImagesShownBy(articles, db);
    // An article kept for offline reading whose images the backup did not bring is queued
    // for the offline pass again (its text is kept; only the missing images are fetched).
    const stored = new Set(images.map((image) => image.url));
    for (const article of articles) {
      if (article.offline && article.offline !== 'pending') {
        if (article.images.some((url) => !stored.has(url))) article.offline = 'pending';
      }
    }
    for (const table of db.tables) await table.clear();
    for (const table of TABLE_NAMES) {
      await db.table(table).bulkPut(table === 'images' ? images : (upgraded.get(table) ?? []));
    }
  });
  // Backups carry no story fingerprints: the recent articles get theirs again, so what arrives
  // next still joins the stories restored.
  await refingerprintRecent(db);
  return report;
}

/** The images stored here that some restored article shows, each linked to exactly those. */
async function storedImagesShownBy(articles: Article[], db: BroadsheetDb): Promise<StoredImage[]> {
  const shownBy = new Map<string, Set<string>>();
  for (const article of articles) {
    for (const url of article.images) {
      const ids = shownBy.get(url) ?? new Set<string>();
      shownBy.set(url, ids.add(article.id));
    }
  }
  const stored = await db.images.bulkGet([...shownBy.keys()]);
  return stored.flatMap((image) =>
    image ? [{ ...image, articleIds: [...shownBy.get(image.url)!] }] : [],
  );
}

/**
 * Rows from schema version `from`, as every later version's upgrade leaves them: they pass
 * through a scratch database created at `from` and opened at the latest, so the very upgrade
 * code that moves a library on disk moves them too (SCHEMA_VERSIONS, never a second copy). A
 * table the file holds but `from` did not have is carried over as it is.
 */
async function upgradeRows(
  rows: Map<TableName, unknown[]>,
  from: number,
  name: string,
): Promise<Map<TableName, unknown[]>> {
  const scratchName = `${name}-restore-upgrade`;
  // A restore cut short may have left one behind.
  await Dexie.delete(scratchName);
  const old = createDb(scratchName, from);
  const latest = createDb(scratchName);
  try {
    const declared = new Set(old.tables.map((table) => table.name));
    await old.transaction('rw', old.tables, async () => {
      for (const table of old.tables) {
        await table.bulkPut(rows.get(table.name as TableName) ?? []);
      }
    });
    old.close();
    await latest.open();
    const upgraded = new Map<TableName, unknown[]>();
    for (const table of TABLE_NAMES) {
      upgraded.set(
        table,
        declared.has(table) ? await latest.table(table).toArray() : (rows.get(table) ?? []),
      );
    }
    return upgraded;
  } finally {
    old.close();
    latest.close();
    await Dexie.delete(scratchName);
  }
}

/**
 * Every row of the file, revived (Blobs included) but not yet judged. dexie-export-import reads
 * its own streaming format; its filter hands each row over and refuses it, so nothing is
 * written here.
 */
async function readBackup(
  file: Blob,
  db: BroadsheetDb,
): Promise<{ rows: Map<TableName, unknown[]>; version: number; withImages: boolean }> {
  const { importInto, peakImportFile } = await exportImport();
  let meta;
  try {
    meta = await peakImportFile(file);
  } catch {
    throw new BackupFileError(NOT_A_BACKUP);
  }
  // A JSON file of any other shape parses too; only Dexie's format naming our database will do.
  if (meta.formatName !== 'dexie' || meta.data?.databaseName !== DB_NAME) {
    throw new BackupFileError(NOT_A_BACKUP);
  }
  if (meta.formatVersion !== 1) {
    throw new BackupFileError('db.backup.error.formatVersion', {
      version: JSON.stringify(meta.formatVersion),
    });
  }
  const version = meta.data.databaseVersion;
  if (!Number.isInteger(version) || version < 1 || version > LATEST_VERSION) {
    if (typeof version === 'number' && version > LATEST_VERSION)
      throw new BackupFileError('db.backup.error.newer', {
        version: String(version),
        latest: String(LATEST_VERSION),
      });
    throw new BackupFileError('db.backup.error.unknownVersion', {
      version: JSON.stringify(version ?? null),
    });
  }
  const known = new Set<string>(TABLE_NAMES);
  const unknown = (meta.data.tables ?? [])
    .map((t) => t.name)
    .filter((name) => !known.has(name) && !NOT_BACKED_UP.includes(name));
  if (unknown.length > 0) {
    // The names are the file's own (code, not words): listed as they are.
    throw new BackupFileError('db.backup.error.unknownTables', { tables: unknown.join(', ') });
  }
  const rows = new Map<TableName, unknown[]>(TABLE_NAMES.map((t) => [t, []]));
  try {
    await importInto(db, file, {
      acceptVersionDiff: true,
      // The name was checked above; tests restore into databases of other names.
      acceptNameDiff: true,
      // Nothing is written, so no transaction need be held open while the file is read.
      noTransaction: true,
      skipTables: NOT_BACKED_UP,
      filter: (table, value, key) => {
        // Rows keyed outside the value cannot be ours (every table keeps its key in the row).
        if (key !== undefined) throw new BackupFileError(NOT_A_BACKUP);
        rows.get(table as TableName)?.push(value);
        return false;
      },
    });
  } catch (error) {
    if (error instanceof BackupFileError) throw error;
    throw new BackupFileError('db.backup.error.damaged', { detail: describe(error) });
  }
  // A file cut short still parses up to where it stops: the counts in its head tell.
  for (const { name, rowCount } of meta.data.tables) {
    if (NOT_BACKED_UP.includes(name)) continue;
    const read = rows.get(name as TableName)?.length ?? 0;
    if (read !== rowCount) {
      throw new BackupFileError('db.backup.error.cutShort', {
        expected: rowCount,
        table: name,
        read,
      });
    }
  }
  return { rows, version, withImages: meta.data.tables.some((t) => t.name === 'images') };
}

/** "3 articles": each table's rows counted, a plural message apiece. */
const NOUNS: Record<TableName, MessageId> = {
  feeds: 'db.restore.count.feeds',
  folders: 'db.restore.count.folders',
  articles: 'db.restore.count.articles',
  settings: 'db.restore.count.settings',
  images: 'db.restore.count.images',
  positions: 'db.restore.count.positions',
  accounts: 'db.restore.count.accounts',
  rules: 'db.restore.count.rules',
  highlights: 'db.restore.count.highlights',
  playback: 'db.restore.count.playback',
};

const noun = (table: TableName, count: number) => translate(NOUNS[table], { count });

/**
 * "Restored 2 feeds, 5 articles. Skipped 4: 3 articles with a javascript: URL, 1 feed with an
 * invalid address. Repaired 1: 1 article with no “authors” list (made empty)."
 */
export function describeRestore(report: RestoreReport): string {
  const { locale } = getLocaleState();
  const restored = TABLE_NAMES.filter((t) => report.restored[t] > 0).map((t) =>
    noun(t, report.restored[t]),
  );
  const parts = [
    restored.length > 0
      ? translate('db.restore.restored', { items: formatList(restored, locale, 'unit') })
      : translate('db.restore.restoredEmpty'),
  ];
  const list = (lines: ReportLine[]) =>
    formatList(
      lines.map((l) => said(l.reason, { what: noun(l.table, l.count) })),
      locale,
      'unit',
    );
  const total = (lines: ReportLine[]) => lines.reduce((sum, l) => sum + l.count, 0);
  if (report.skipped.length > 0) {
    parts.push(
      translate('db.restore.skipped', {
        count: total(report.skipped),
        lines: list(report.skipped),
      }),
    );
  }
  if (report.repaired.length > 0) {
    parts.push(
      translate('db.restore.repaired', {
        count: total(report.repaired),
        lines: list(report.repaired),
      }),
    );
  }
  // Sentences follow each other as the language writes them (a space, or none in Japanese).
  return parts.reduce((first, second) => translate('db.restore.nextSentence', { first, second }));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
