/**
 * Automatic backups as both processes see them: main keeps the files (main/backups), the
 * renderer makes them (the existing dexie-export-import backup) and lists and restores them.
 */

/**
 * The library database's name: what a backup file's head must name (the renderer opens it by
 * this name; main checks backups against it).
 */
export const LIBRARY_DB_NAME = 'broadsheet';

/** Why an automatic backup was made: daily, or before an upgrade from a schema version. */
export type BackupWhy = { reason: 'daily' } | { reason: 'before-upgrade'; fromVersion: number };
export type BackupReason = BackupWhy['reason'];

/** Automatic backups kept; older ones are deleted when a new one is written. */
export const KEEP_AUTOMATIC_BACKUPS = 7;

/**
 * One chunk of a backup in either direction. 4 MiB of bytes is 5.6 MB of base64 over the
 * browser host's HTTP (its body limit is 16 MB), and a small structured clone over IPC.
 */
export const MAX_BACKUP_CHUNK_BYTES = 4 * 1024 * 1024;

/** The largest backup main takes: a library of images could be large, never unbounded. */
export const MAX_BACKUP_BYTES = 8 * 1024 * 1024 * 1024;

/** Schema versions are small integers; this bounds a number that claims to be one. */
export const MAX_SCHEMA_VERSION = 1000;

/** A daily backup is due when the newest automatic backup is older than this. */
export const DAILY_BACKUP_MS = 24 * 60 * 60 * 1000;

export type BackupEntry = BackupWhy & {
  /** The file's name in the backups folder; what `backups.read` takes. */
  id: string;
  /** When it was written (epoch ms). */
  createdAt: number;
  /** Rows in the backup's articles table. */
  articles: number;
  /** Bytes of the file. */
  size: number;
  /** The schema version of the library the backup holds. */
  schemaVersion: number;
  /** Whether saved images are in it (a setting; off by default). */
  images: boolean;
};
