/**
 * The restore half of backups: judging a file's rows, staging them and swapping them in, and
 * the report in words. Only a restore uses it, so it is a chunk of its own, fetched when one
 * starts (features import it with `import()`), not part of the first paint.
 */
import { getDb } from './database';
import { exportImport, NOT_BACKED_UP, type OnBackupProgress } from './backup-repository';
import { dropRestoreLeftovers } from './restore-leftovers';
import {
  openStaging,
  queueMissingImages,
  RESTORE_CHUNK_BYTES,
  stagedCounts,
  stageStoredImages,
  upgradeStaging,
} from './restore-staging';
import { swapIn } from './restore-swap';
import { checkRow, TABLE_NAMES, type TableName, type TableRows } from './row-schemas';
import type { MessageId } from '../i18n/catalogue';
import { getLocaleState, translate } from '../i18n/current-locale';
import { formatList } from '../i18n/formats';
import { LocalizedError } from '../i18n/localized-error';
import { said, sameRef, type MessageRef } from '../lib/message-ref';
import { DB_NAME, LATEST_VERSION, SCHEMA_VERSIONS, type BroadsheetDb } from './schema';
import { isQuotaError } from '../lib/storage-errors';
import { refingerprintRecent } from './stories-repository';

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

export interface RestoreOptions {
  onProgress?: OnBackupProgress;
  /** Bytes of the file parsed at once (tests make it small to see many chunks). */
  chunkBytes?: number;
}

/**
 * Replaces the library with a backup's, row by row through the row schemas: a row the app could
 * not show is skipped, one with a fault in what the app rebuilds by itself is repaired, and the
 * report says which and why.
 *
 * Memory stays bounded whatever the library's size: the file is read, judged and staged a chunk
 * at a time into a scratch database (restore-staging.ts), upgraded there when an older version
 * made it, and only then copied into the library in one transaction (restore-swap.ts). A bad
 * file, a failure or a crash at any point leaves the library as it was. (dexie-export-import's
 * own `clearTablesBeforeImport` clears outside its transaction.)
 */
export async function restoreLibrary(
  file: Blob,
  db = getDb(),
  { onProgress, chunkBytes = RESTORE_CHUNK_BYTES }: RestoreOptions = {},
): Promise<RestoreReport> {
  const head = await readHead(file);
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
  // Feed addresses are unique on this computer (an account may share one with it, and an
  // account holds each of its subscriptions once): only the keys are kept, not the rows.
  const feedKeys = new Set<string>();
  const judge = (table: TableName, input: unknown): unknown => {
    const checked = checkRow(table, input);
    if (!checked.ok) {
      count(report.skipped, table, checked.reason);
      return undefined;
    }
    if (table === 'feeds') {
      const feed = checked.row as TableRows['feeds'];
      const key = feed.accountId ? `${feed.accountId}\u0000${feed.remoteId ?? feed.url}` : feed.url;
      if (feedKeys.has(key)) {
        count(report.skipped, table, { id: 'db.restore.reason.sameAddress' });
        return undefined;
      }
      feedKeys.add(key);
    }
    // The library restored may lack what the account's server sent since the backup: the
    // next sync compares every id again instead of asking only for what is new.
    if (table === 'accounts') {
      const account = checked.row as TableRows['accounts'];
      delete account.since;
      delete account.subscriptionsAt;
    }
    for (const repair of checked.repairs) count(report.repaired, table, repair);
    report.restored[table]++;
    return checked.row;
  };

  let staging = await openStaging(db.name, head.version);
  try {
    await stageRows(file, staging, head, judge, chunkBytes, onProgress);
    // A backup an older version made holds rows as that version left them (the startup gate
    // keeps one before every upgrade): they get that upgrade now, as the library on disk would.
    staging = await upgradeStaging(staging, db.name);
    // An automatic backup may hold no images: those already stored here stay for the restored
    // articles that show them.
    if (!head.withImages) await stageStoredImages(staging, db);
    await queueMissingImages(staging);
    await swapIn(staging, db, await stagedCounts(staging), (done, total) =>
      onProgress?.({ phase: 'write', done, total }),
    );
  } finally {
    staging.close();
    // Left behind by a failure here, it would be dropped at the next start anyway.
    await dropRestoreLeftovers(db.name).catch(() => undefined);
  }
  // Backups carry no story fingerprints: the recent articles get theirs again, so what arrives
  // next still joins the stories restored.
  await refingerprintRecent(db);
  // Rows are judged in the file's order; the report lists tables in the app's.
  const byTable = (a: ReportLine, b: ReportLine) =>
    TABLE_NAMES.indexOf(a.table) - TABLE_NAMES.indexOf(b.table);
  report.skipped.sort(byTable);
  report.repaired.sort(byTable);
  return report;
}

interface BackupHead {
  version: number;
  withImages: boolean;
  /** Rows per table, as the file's head counts them. */
  rowCounts: { name: string; rowCount: number }[];
}

/** The file's head, checked: our format, our database, a version this app can upgrade from. */
async function readHead(file: Blob): Promise<BackupHead> {
  const { peakImportFile } = await exportImport();
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
  const tables = meta.data.tables ?? [];
  // Rows are staged in a database declared at the file's version: a table that version did not
  // have could not be staged (and no version of the app writes one).
  const declared = new Set(
    SCHEMA_VERSIONS.filter((v) => v.version <= version).flatMap((v) => Object.keys(v.stores)),
  );
  const unknown = tables
    .map((t) => t.name)
    .filter((name) => !NOT_BACKED_UP.includes(name) && !declared.has(name));
  if (unknown.length > 0) {
    // The names are the file's own (code, not words): listed as they are.
    throw new BackupFileError('db.backup.error.unknownTables', { tables: unknown.join(', ') });
  }
  return {
    version,
    withImages: tables.some((t) => t.name === 'images'),
    rowCounts: tables.map(({ name, rowCount }) => ({ name, rowCount })),
  };
}

/**
 * Streams the file's rows into the staging database: dexie-export-import parses it
 * `chunkBytes` at a time, each row is judged as it comes (`judge` says what to keep, repaired),
 * and each chunk is written before the next is read. The staging database is scratch, so each
 * chunk is its own write (no transaction held across file reads).
 */
async function stageRows(
  file: Blob,
  staging: BroadsheetDb,
  head: BackupHead,
  judge: (table: TableName, input: unknown) => unknown,
  chunkBytes: number,
  onProgress: OnBackupProgress | undefined,
): Promise<void> {
  const { importInto } = await exportImport();
  const read = new Map<string, number>();
  // The row kept for each row read, until dexie-export-import asks for it (filter, then
  // transform, in one chunk): weak, so nothing outlives its chunk.
  const kept = new WeakMap<object, unknown>();
  try {
    await importInto(staging, file, {
      acceptVersionDiff: true,
      // The name was checked above; tests restore into databases of other names.
      acceptNameDiff: true,
      noTransaction: true,
      // A row repeated in the file replaces the first, as it would have in the library.
      overwriteValues: true,
      chunkSizeBytes: chunkBytes,
      skipTables: NOT_BACKED_UP,
      filter: (table, value, key) => {
        // Rows keyed outside the value cannot be ours (every table keeps its key in the row).
        if (key !== undefined) throw new BackupFileError(NOT_A_BACKUP);
        read.set(table, (read.get(table) ?? 0) + 1);
        const row = judge(table as TableName, value);
        if (row === undefined || typeof value !== 'object' || value === null) return false;
        kept.set(value, row);
        return true;
      },
      transform: (_table, value) => ({ value: kept.get(value as object) }),
      progressCallback: ({ completedRows, totalRows }) => {
        onProgress?.({ phase: 'read', done: completedRows, total: totalRows ?? 0 });
        return false;
      },
    });
  } catch (error) {
    if (error instanceof BackupFileError) throw error;
    // The staging database refusing a write for lack of room is not the file's fault.
    if (isQuotaError(error)) throw error;
    throw new BackupFileError('db.backup.error.damaged', { detail: describe(error) });
  }
  // A file cut short still parses up to where it stops: the counts in its head tell.
  for (const { name, rowCount } of head.rowCounts) {
    if (NOT_BACKED_UP.includes(name)) continue;
    if ((read.get(name) ?? 0) !== rowCount) {
      throw new BackupFileError('db.backup.error.cutShort', {
        expected: rowCount,
        table: name,
        read: read.get(name) ?? 0,
      });
    }
  }
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
