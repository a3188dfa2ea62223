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

export class RescueError extends Error {}

export async function readRescueFile(file: Blob & { name: string }): Promise<RescueFile> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  const noContent = (): Promise<Uint8Array<ArrayBuffer>> =>
    Promise.reject(new RescueError('no content'));
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
        ? `“${file.name}” is not an export Broadsheet knows: its columns are not Pocket’s, Instapaper’s or Readwise Reader’s.`
        : `“${file.name}” is not an export Broadsheet knows.`,
    );
  }
  return { ...parsed, readContent: noContent };
}

async function readOmnivore(file: Blob & { name: string }): Promise<RescueFile> {
  let entries: ZipEntry[];
  try {
    entries = await readZipDirectory(file);
  } catch (error) {
    throw new RescueError(`“${file.name}” ${zipReason(error)}.`);
  }
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const metadata = entries.filter((entry) => isOmnivoreMetadata(entry.name));
  if (metadata.length === 0) {
    throw new RescueError(
      `“${file.name}” is not an Omnivore export: it holds no metadata_….json file.`,
    );
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
      if (!entry) throw new RescueError('its saved page is missing from the archive');
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
  return error instanceof ZipError ? error.message : 'could not be read as a zip archive';
}
