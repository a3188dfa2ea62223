/**
 * A file the reader chose, as a read-it-later service's export, or undefined when it is none
 * (then Import treats it as it always did: OPML, or an article file). Decides by the name and the
 * first bytes, then reads the whole export into items. Database-free; the Omnivore archive's
 * saved pages are not read here but named on each item (`contentPath`), for the import to read
 * one at a time through `readContent`.
 */
import { csvFormatOf, parseExportCsv } from './export-csv';
import { isOmnivoreMetadata, parseOmnivoreMetadata } from './omnivore';
import { isPocketHtml, parsePocketHtml } from './pocket-html';
import { translate } from '../../i18n/current-locale';
import { LocalizedError } from '../../i18n/localized-error';
import type { RescueParse } from './rescue-item';
import { isZip, readZipDirectory, readZipEntry, ZipError, type ZipEntry } from './zip-reader';

export interface RescueFile extends RescueParse {
  /** The saved page of an item with `contentPath`, as bytes. */
  readContent: (path: string) => Promise<Uint8Array<ArrayBuffer>>;
}

/** Whether a file looks like an export Import rescues, from its name and first 4 KB. */
export async function isRescueFile(file: Blob & { name: string }): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
  if (isZip(head)) return /\.zip$/i.test(file.name);
  const text = new TextDecoder().decode(head);
  if (/\.csv$/i.test(file.name)) return true;
  if (/\.html?$/i.test(file.name)) return isPocketHtml(text);
  return false;
}

export class RescueError extends LocalizedError {}

export async function readRescueFile(file: Blob & { name: string }): Promise<RescueFile> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  const noContent = (): Promise<Uint8Array<ArrayBuffer>> =>
    // eslint-disable-next-line no-restricted-syntax -- never shown: pageOf takes it as "no page"
    Promise.reject(new Error('no content'));
  if (isZip(head)) return readOmnivore(file);
  const text = await file.text();
  if (isPocketHtml(text.slice(0, 4096))) {
    return { ...parsePocketHtml(text), readContent: noContent };
  }
  const parsed = parseExportCsv(text);
  if (!parsed) {
    const firstLine = text.slice(0, 2000).split(/\r?\n/, 1)[0] ?? '';
    throw new RescueError(
      csvFormatOf(firstLine) === undefined && /\.csv$/i.test(file.name)
        ? 'rescue.error.unknownColumns'
        : 'rescue.error.unknownExport',
      { file: file.name },
    );
  }
  return { ...parsed, readContent: noContent };
}

async function readOmnivore(file: Blob & { name: string }): Promise<RescueFile> {
  let entries: ZipEntry[];
  try {
    entries = await readZipDirectory(file);
  } catch (error) {
    throw new RescueError('rescue.error.zip', { file: file.name, reason: zipReason(error) });
  }
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const metadata = entries.filter((entry) => isOmnivoreMetadata(entry.name));
  if (metadata.length === 0) {
    throw new RescueError('rescue.error.notOmnivore', { file: file.name });
  }
  // Highlight files are small; read the ones the items name, before parsing (which is sync).
  const highlightTexts = new Map<string, string>();
  const decoder = new TextDecoder();
  for (const entry of entries) {
    if (/(?:^|\/)highlights\/[^/]+\.md$/i.test(entry.name)) {
      highlightTexts.set(entry.name, decoder.decode(await readZipEntry(file, entry)));
    }
  }
  const files = new Set(byName.keys());
  const result: RescueFile = {
    format: 'omnivore',
    items: [],
    problems: [],
    readContent: async (path) => {
      const entry = byName.get(path);
      // eslint-disable-next-line no-restricted-syntax -- never shown: pageOf takes it as "no page"
      if (!entry) throw new Error('its saved page is missing from the archive');
      return readZipEntry(file, entry);
    },
  };
  metadata.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  for (const entry of metadata) {
    let text: string;
    try {
      text = decoder.decode(await readZipEntry(file, entry));
    } catch (error) {
      result.problems.push({ where: entry.name, reason: zipReason(error) });
      continue;
    }
    const parsed = parseOmnivoreMetadata(entry.name, text, files, (path) =>
      highlightTexts.get(path),
    );
    result.items.push(...parsed.items);
    result.problems.push(...parsed.problems);
  }
  return result;
}

function zipReason(error: unknown): string {
  return error instanceof ZipError ? error.message : translate('rescue.zip.unreadable');
}
