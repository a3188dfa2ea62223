/**
 * The CSV exports of Pocket, Instapaper and Readwise Reader, told apart by their header row:
 *
 * - Pocket (2025): `title,url,time_added,tags,status` — seconds since the epoch, tags joined by
 *   `|`, status `unread` or `archive`.
 * - Instapaper: `URL,Title,Selection,Folder,Timestamp` (newer files add `Tags`, a JSON list) —
 *   Folder is `Unread`, `Archive`, `Starred` or a folder of the reader's, kept as a tag.
 * - Readwise Reader: `Title,URL,ID,Document tags,Saved date,Reading progress,Location,Seen` —
 *   Location `new`, `later`, `shortlist`, `archive` or `feed`; tags as a list (`['a', 'b']`).
 *
 * Columns are found by name, so an export that adds or reorders columns still reads.
 */
import { translate } from '../../i18n/current-locale';
import { parseCsv } from './csv';
import {
  checkUrl,
  fromDateText,
  fromUnixSeconds,
  splitTags,
  type RescueFormat,
  type RescueItem,
  type RescueParse,
} from './rescue-item';

type CsvFormat = Extract<RescueFormat, 'pocket-csv' | 'instapaper' | 'readwise'>;

/** Which service wrote a CSV, from its header row (the first line), or undefined. */
export function csvFormatOf(headerLine: string): CsvFormat | undefined {
  const names = new Set((parseCsv(headerLine)[0] ?? []).map((name) => name.trim().toLowerCase()));
  const has = (...wanted: string[]): boolean => wanted.every((name) => names.has(name));
  // Reader's columns moved between versions (older files put URL seventh); any of its own names
  // beside Title and URL tells it apart.
  if (
    has('title', 'url') &&
    ['document tags', 'location', 'saved date'].some((n) => names.has(n))
  ) {
    return 'readwise';
  }
  if (has('url', 'title', 'selection', 'folder')) return 'instapaper';
  if (has('title', 'url', 'time_added')) return 'pocket-csv';
  return undefined;
}

/** Every item of a service's CSV export; rows that cannot be an article are named in problems. */
export function parseExportCsv(text: string): RescueParse | undefined {
  const rows = parseCsv(text);
  const header = rows[0];
  if (!header) return undefined;
  const format = csvFormatOf(header.map(quoteField).join(','));
  if (!format) return undefined;
  const columns = new Map(header.map((name, i) => [name.trim().toLowerCase(), i]));
  const result: RescueParse = { format, items: [], problems: [] };
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const cell = (name: string): string | undefined => {
      const index = columns.get(name);
      return index === undefined ? undefined : row[index];
    };
    // Row numbers as a spreadsheet shows them: the header is row 1.
    const where = translate('rescue.where.row', { row: r + 1 });
    const checked = checkUrl(cell('url'));
    if ('reason' in checked) {
      result.problems.push({ where, reason: checked.reason });
      continue;
    }
    const item = ROW_READERS[format](cell);
    result.items.push({ where, url: checked.url, highlights: [], ...item });
  }
  return result;
}

type RowFields = Omit<RescueItem, 'where' | 'url' | 'highlights'>;
type Cell = (name: string) => string | undefined;

const ROW_READERS: Record<CsvFormat, (cell: Cell) => RowFields> = {
  'pocket-csv': (cell) =>
    withDate(
      {
        title: cell('title')?.trim() ?? '',
        tags: splitTags(cell('tags'), /\|/),
        read: cell('status')?.trim().toLowerCase() === 'archive',
        favourite: false,
      },
      fromUnixSeconds(cell('time_added')),
    ),
  instapaper: (cell) => {
    const folder = cell('folder')?.trim() ?? '';
    const lower = folder.toLowerCase();
    const tags = splitTags(cell('tags'));
    // A folder of the reader's own is how Instapaper sorted things before it had tags.
    if (folder && !['unread', 'archive', 'starred'].includes(lower)) tags.unshift(folder);
    const fields: RowFields = {
      title: cell('title')?.trim() ?? '',
      tags,
      read: lower === 'archive',
      favourite: lower === 'starred',
    };
    const selection = cell('selection')?.trim();
    if (selection) fields.summary = selection;
    return withDate(fields, fromUnixSeconds(cell('timestamp')));
  },
  readwise: (cell) => {
    const location = cell('location')?.trim().toLowerCase() ?? '';
    return withDate(
      {
        title: cell('title')?.trim() ?? '',
        tags: splitTags(cell('document tags') ?? cell('tags'), /,/),
        read: location === 'archive',
        favourite: location === 'shortlist',
      },
      fromDateText(cell('saved date')),
    );
  },
};

function withDate(fields: RowFields, savedAt: number | undefined): RowFields {
  if (savedAt !== undefined) fields.savedAt = savedAt;
  return fields;
}

function quoteField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
