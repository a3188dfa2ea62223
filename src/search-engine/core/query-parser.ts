/**
 * The query language of "Search articles". Words are ANDed; `OR` between two words or phrases
 * makes either one do; `"…"` is a phrase; `-word` excludes; the last word matches as a prefix
 * while the reader is still typing it; `feed:`, `author:`, `tag:`, `lang:`, `is:bookmarked`,
 * `is:unread`, `is:read`, `before:YYYY-MM-DD` and `after:YYYY-MM-DD` filter.
 *
 * Parsing never fails: whatever cannot be understood is searched as words or dropped, and a
 * note in plain language says so.
 */

import { queryNote } from './query-notes';

export interface QueryWord {
  kind: 'word';
  text: string;
  /** The word the reader is still typing: it also matches longer words. */
  prefix: boolean;
}

export interface QueryPhrase {
  kind: 'phrase';
  text: string;
}

export type QueryAtom = QueryWord | QueryPhrase;

/** Any one of the alternatives must match (they were joined by OR). */
export interface QueryClause {
  alternatives: QueryAtom[];
}

export interface QueryFilters {
  feeds: string[];
  authors: string[];
  tags: string[];
  langs: string[];
  bookmarked?: boolean;
  unread?: boolean;
  /** Epoch ms, exclusive: published before the start of that day. */
  before?: number;
  /** Epoch ms, inclusive: published on or after the start of that day. */
  after?: number;
}

export interface ParsedQuery {
  clauses: QueryClause[];
  excludes: QueryAtom[];
  filters: QueryFilters;
  notes: string[];
}

export interface ParseOptions {
  /** Treat the last word as a prefix unless the text ends with a space (default true). */
  prefixLast?: boolean;
}

type Token =
  { type: 'atom'; atom: QueryAtom; negated: boolean; end: number } | { type: 'or'; end: number };

const FIELDS = new Set(['feed', 'author', 'tag', 'lang', 'is', 'before', 'after']);

export function emptyFilters(): QueryFilters {
  return { feeds: [], authors: [], tags: [], langs: [] };
}

export function hasFilters(filters: QueryFilters): boolean {
  return (
    filters.feeds.length > 0 ||
    filters.authors.length > 0 ||
    filters.tags.length > 0 ||
    filters.langs.length > 0 ||
    filters.bookmarked !== undefined ||
    filters.unread !== undefined ||
    filters.before !== undefined ||
    filters.after !== undefined
  );
}

/**
 * `2024-05-31`, `2024/05/31`, `2024-05` or `2024`, as the start of that period in local time:
 * `before:` excludes the period itself, `after:` includes it (as in Gmail).
 */
export function parseDay(value: string): number | undefined {
  const match = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(value.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = match[2] ? Number(match[2]) : 1;
  const day = match[3] ? Number(match[3]) : 1;
  const date = new Date(year, month - 1, day);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day)
    return undefined;
  return date.getTime();
}

function lex(input: string, notes: string[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = input.length;
  const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);
  while (i < n) {
    const ch = input[i]!;
    if (isSpace(ch)) {
      i++;
      continue;
    }
    let negated = false;
    let start = i;
    if (ch === '-' && i + 1 < n && !isSpace(input[i + 1]) && input[i + 1] !== '-') {
      negated = true;
      start = i + 1;
    }
    if (input[start] === '"') {
      const close = input.indexOf('"', start + 1);
      if (close < 0) {
        notes.push(queryNote('unclosedQuote'));
        i = start + 1;
        continue;
      }
      const text = input.slice(start + 1, close).trim();
      if (text)
        tokens.push({ type: 'atom', atom: { kind: 'phrase', text }, negated, end: close + 1 });
      else notes.push(queryNote('emptyQuotes'));
      i = close + 1;
      continue;
    }
    let end = start;
    while (end < n && !isSpace(input[end]) && input[end] !== '"') end++;
    const word = input.slice(start, end);
    i = end;
    if (!negated && (word === 'OR' || word === '|')) {
      tokens.push({ type: 'or', end });
      continue;
    }
    if (word === '-' || word === '') continue;
    tokens.push({ type: 'atom', atom: { kind: 'word', text: word, prefix: false }, negated, end });
  }
  return tokens;
}

/** Reads a `field:` value that continues as a quoted string (`author:"Jane Doe"`). */
function quotedValue(
  input: string,
  token: Extract<Token, { type: 'atom' }>,
): { value: string; end: number } | undefined {
  if (token.atom.kind !== 'word' || !token.atom.text.endsWith(':')) return undefined;
  if (input[token.end] !== '"') return undefined;
  const close = input.indexOf('"', token.end + 1);
  if (close < 0) return undefined;
  return { value: input.slice(token.end + 1, close), end: close + 1 };
}

function applyFilter(
  field: string,
  rawValue: string,
  negated: boolean,
  filters: QueryFilters,
  notes: string[],
): void {
  const value = rawValue.trim();
  const shown = `${field}:${rawValue}`;
  if (!value) {
    notes.push(queryNote('filterEmpty', { filter: shown }));
    return;
  }
  if (negated && field !== 'is') {
    notes.push(queryNote('filterExcluded', { filter: shown }));
    return;
  }
  switch (field) {
    case 'feed':
      filters.feeds.push(value);
      return;
    case 'author':
      filters.authors.push(value);
      return;
    case 'tag':
      filters.tags.push(value);
      return;
    case 'lang':
      filters.langs.push(value.toLowerCase());
      return;
    case 'is': {
      const flag = value.toLowerCase();
      if (['bookmarked', 'bookmark', 'starred', 'saved'].includes(flag))
        filters.bookmarked = !negated;
      else if (flag === 'unread') filters.unread = !negated;
      else if (flag === 'read') filters.unread = negated;
      else notes.push(queryNote('unknownFlag', { filter: shown }));
      return;
    }
    case 'before':
    case 'after': {
      const day = parseDay(value);
      if (day === undefined) {
        notes.push(queryNote('badDate', { filter: shown }));
        return;
      }
      if (field === 'before') filters.before = Math.min(filters.before ?? day, day);
      else filters.after = Math.max(filters.after ?? day, day);
      return;
    }
  }
}

export function parseQuery(input: string, options: ParseOptions = {}): ParsedQuery {
  const notes: string[] = [];
  const filters = emptyFilters();
  const tokens = lex(input, notes);
  const items: (Token & { type: 'atom' })[] = [];
  const orBefore = new Set<number>();
  let pendingOr = false;

  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (token.type === 'or') {
      if (items.length === 0 || pendingOr) notes.push(queryNote('orFirst'));
      else pendingOr = true;
      continue;
    }
    const { atom } = token;
    if (atom.kind === 'word') {
      const field = /^([A-Za-z]+):(.*)$/s.exec(atom.text);
      if (field && !field[2]!.startsWith('//')) {
        const name = field[1]!.toLowerCase();
        if (FIELDS.has(name)) {
          const quoted = quotedValue(input, token);
          let value = field[2]!;
          if (quoted) {
            value = quoted.value;
            // Skip the phrase token the lexer made of the quoted value.
            const next = tokens[t + 1];
            if (next?.type === 'atom' && next.atom.kind === 'phrase') t++;
          }
          applyFilter(name, value, token.negated, filters, notes);
          if (pendingOr) {
            notes.push(queryNote('orFilter'));
            pendingOr = false;
          }
          continue;
        }
        if (field[2]) {
          notes.push(queryNote('notAFilter', { field: field[1]!, words: atom.text }));
        }
      }
    }
    if (pendingOr) {
      if (token.negated || items.at(-1)?.negated) notes.push(queryNote('orExclusion'));
      else orBefore.add(items.length);
      pendingOr = false;
    }
    items.push(token);
  }
  if (pendingOr) notes.push(queryNote('orLast'));

  const prefixLast = options.prefixLast ?? true;
  const lastItem = items.at(-1);
  if (
    prefixLast &&
    lastItem &&
    !lastItem.negated &&
    lastItem.atom.kind === 'word' &&
    lastItem.end === input.length
  )
    lastItem.atom.prefix = true;

  const clauses: QueryClause[] = [];
  const excludes: QueryAtom[] = [];
  items.forEach((item, index) => {
    if (item.negated) excludes.push(item.atom);
    else if (orBefore.has(index) && clauses.length) clauses.at(-1)!.alternatives.push(item.atom);
    else clauses.push({ alternatives: [item.atom] });
  });
  if (
    filters.before !== undefined &&
    filters.after !== undefined &&
    filters.after >= filters.before
  )
    notes.push(queryNote('noDays'));
  return { clauses, excludes, filters, notes };
}
