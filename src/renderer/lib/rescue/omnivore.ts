/**
 * Omnivore's export archive (the service closed in November 2024): `metadata_<from>_to_<to>.json`
 * files, each an array of items — id, slug, title, description, author, url, state (`Archived`
 * for the archive), labels, savedAt, publishedAt, and in later exports `highlights` — with each
 * saved page in `content/<slug>.html` and, in later exports, highlights as Markdown in
 * `highlights/<slug>.md` (each highlight a `>` quote, its note the lines after it).
 * Database-free: the archive's files are handed in already read.
 */
import { translate } from '../../i18n/current-locale';
import {
  checkUrl,
  fromDateText,
  type RescueHighlight,
  type RescueItem,
  type RescueParse,
} from './rescue-item';

/** Whether an archive entry is one of Omnivore's metadata files. */
export function isOmnivoreMetadata(name: string): boolean {
  return /(?:^|\/)metadata_[^/]*\.json$/i.test(name);
}

/**
 * The items of one metadata file. `files` names the archive's entries (to find each item's page
 * and highlights), `highlightsOf` reads a highlights file when the item has one.
 */
export function parseOmnivoreMetadata(
  fileName: string,
  text: string,
  files: ReadonlySet<string>,
  highlightsOf: (path: string) => string | undefined,
): RescueParse {
  const result: RescueParse = { format: 'omnivore', items: [], problems: [] };
  const base = fileName.replace(/[^/]*$/, '');
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    result.problems.push({ where: fileName, reason: translate('rescue.problem.notJson') });
    return result;
  }
  if (!Array.isArray(list)) {
    result.problems.push({ where: fileName, reason: translate('rescue.problem.notAList') });
    return result;
  }
  list.forEach((raw: unknown, index) => {
    const where = translate('rescue.where.item', {
      file: fileName.replace(/^.*\//, ''),
      position: index + 1,
    });
    if (!raw || typeof raw !== 'object') {
      result.problems.push({ where, reason: translate('rescue.problem.notAnItem') });
      return;
    }
    const entry = raw as Record<string, unknown>;
    const checked = checkUrl(text_(entry.url));
    if ('reason' in checked) {
      result.problems.push({ where, reason: checked.reason });
      return;
    }
    const slug = text_(entry.slug)?.trim();
    const item: RescueItem = {
      where,
      url: checked.url,
      title: text_(entry.title)?.trim() ?? '',
      tags: labelsOf(entry.labels),
      read: text_(entry.state)?.toLowerCase() === 'archived',
      favourite: false,
      highlights: highlightsIn(entry.highlights),
    };
    const savedAt = fromDateText(text_(entry.savedAt));
    if (savedAt !== undefined) item.savedAt = savedAt;
    const publishedAt = fromDateText(text_(entry.publishedAt));
    if (publishedAt !== undefined) item.publishedAt = publishedAt;
    const author = text_(entry.author)?.trim();
    if (author) item.author = author;
    const description = text_(entry.description)?.trim();
    if (description) item.summary = description;
    if (slug && !slug.includes('..')) {
      const page = `${base}content/${slug}.html`;
      if (files.has(page)) item.contentPath = page;
      const notes = `${base}highlights/${slug}.md`;
      if (item.highlights.length === 0 && files.has(notes)) {
        item.highlights = highlightsFromMarkdown(highlightsOf(notes) ?? '');
      }
    }
    result.items.push(item);
  });
  return result;
}

function text_(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Labels are names, or `{ name }` objects in some exports. */
function labelsOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((label: unknown) =>
      typeof label === 'string'
        ? label
        : label && typeof label === 'object'
          ? text_((label as { name?: unknown }).name)
          : undefined,
    )
    .filter((label): label is string => !!label?.trim());
}

function highlightsIn(value: unknown): RescueHighlight[] {
  if (!Array.isArray(value)) return [];
  const highlights: RescueHighlight[] = [];
  for (const raw of value as unknown[]) {
    if (!raw || typeof raw !== 'object') continue;
    const entry = raw as Record<string, unknown>;
    const quote = text_(entry.quote)?.trim();
    if (!quote) continue;
    const highlight: RescueHighlight = { quote };
    const note = (text_(entry.annotation) ?? text_(entry.note))?.trim();
    if (note) highlight.note = note;
    const createdAt = fromDateText(text_(entry.createdAt));
    if (createdAt !== undefined) highlight.createdAt = createdAt;
    highlights.push(highlight);
  }
  return highlights;
}

/**
 * `highlights/<slug>.md`: each highlight is a block of `> ` lines (Omnivore adds a link back,
 * `[⤴️](…)`, which is dropped); the lines after it, up to the next quote, are its note.
 */
export function highlightsFromMarkdown(markdown: string): RescueHighlight[] {
  const highlights: RescueHighlight[] = [];
  let current: { quote: string[]; note: string[] } | undefined;
  const flush = (): void => {
    if (!current) return;
    const quote = current.quote
      .join(' ')
      .replace(/\s*\[[^\]]*\]\([^)]*\)\s*$/, '')
      .trim();
    const note = current.note.join('\n').trim();
    if (quote) highlights.push(note ? { quote, note } : { quote });
    current = undefined;
  };
  for (const line of markdown.split(/\r?\n/)) {
    const quoted = /^\s*>\s?(.*)$/.exec(line);
    if (quoted) {
      if (current && current.note.length > 0) flush();
      current ??= { quote: [], note: [] };
      current.quote.push(quoted[1]!);
    } else if (current) {
      // A heading is the file's own title, never a note.
      if (/^\s*#/.test(line)) flush();
      else current.note.push(line);
    }
  }
  flush();
  return highlights;
}
