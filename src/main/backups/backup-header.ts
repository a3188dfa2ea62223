/**
 * What a backup holds, read from the head of the file itself: dexie-export-import writes the
 * database's name and version and every table's row count before any row
 * (`{"formatName":"dexie","formatVersion":1,"data":{…,"tables":[…],"data":[ rows ]}}`), so the
 * first few kilobytes tell, and the file stays exactly what Settings → Restore reads.
 */
import { z } from 'zod';
import { LIBRARY_DB_NAME, MAX_SCHEMA_VERSION, type BackupEntry } from '../../shared/backup-model';

/** Bytes read for the head: the table list is a few hundred bytes; this leaves ample room. */
export const HEADER_BYTES = 64 * 1024;

const headerSchema = z.object({
  formatName: z.literal('dexie'),
  formatVersion: z.literal(1),
  data: z.object({
    // Only our library's backups: what the renderer's restore would refuse is not kept either.
    databaseName: z.literal(LIBRARY_DB_NAME),
    databaseVersion: z.number().int().min(1).max(MAX_SCHEMA_VERSION),
    tables: z
      .array(
        z.object({
          name: z.string().min(1).max(200),
          schema: z.string().max(10_000),
          rowCount: z.number().int().nonnegative(),
        }),
      )
      .max(100),
  }),
});

export type BackupHeader = Pick<BackupEntry, 'schemaVersion' | 'articles' | 'images'>;

/** The head of a backup file, or undefined when it is not a Dexie export we can read. */
export function readBackupHeader(head: Uint8Array): BackupHeader | undefined {
  const text = new TextDecoder().decode(head);
  // The rows start at the inner `"data":[`; what comes before it, closed, is the whole header.
  const rowsAt = text.indexOf('"data":[');
  if (rowsAt < 0) return undefined;
  const before = text.slice(0, rowsAt).trimEnd();
  if (!before.endsWith(',')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(`${before.slice(0, -1)}}}`);
  } catch {
    return undefined;
  }
  const header = headerSchema.safeParse(parsed);
  if (!header.success) return undefined;
  const { databaseVersion, tables } = header.data.data;
  const images = tables.find((t) => t.name === 'images');
  return {
    schemaVersion: databaseVersion,
    articles: tables.find((t) => t.name === 'articles')?.rowCount ?? 0,
    // A backup made without images leaves the table out entirely (restore then keeps none).
    images: images !== undefined,
  };
}
