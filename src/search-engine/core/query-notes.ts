/**
 * What the parser and the planner tell the reader about a query, each note a template. The
 * engine says them in English (tests, logs, the CLI read them as they are); the app recognises
 * a note by its template and says it in the reader's language. Notes stay plain strings so they
 * cross the worker boundary and every caller unchanged.
 */
export const QUERY_NOTES = {
  unclosedQuote: 'Ignored a quote with no closing quote; searched for the words instead.',
  emptyQuotes: 'Ignored empty quotes.',
  filterEmpty: 'Ignored {filter} with nothing after it.',
  filterExcluded: 'Ignored -{filter}: filters cannot be excluded (only is: can be).',
  unknownFlag: 'Ignored {filter}: use is:bookmarked, is:unread or is:read.',
  badDate: 'Ignored {filter}: dates look like 2024-05-31.',
  orFirst: 'Ignored an OR with nothing before it.',
  orLast: 'Ignored an OR with nothing after it.',
  orFilter: 'Ignored an OR next to a filter.',
  orExclusion: 'Ignored an OR next to an exclusion.',
  notAFilter: '"{field}:" is not a filter; searched for {words} as words.',
  noDays: 'No day is both after and before those dates.',
  typos: 'No article has "{word}"; also searched for {others}.',
  mostWords: 'No article has every word; showing those with most of them.',
} as const;

export type QueryNoteCode = keyof typeof QUERY_NOTES;
export type QueryNoteValues = Record<string, string>;

/** A note in English, its `{name}` places filled from `values`. */
export function queryNote(code: QueryNoteCode, values: QueryNoteValues = {}): string {
  return QUERY_NOTES[code].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const READERS = (Object.keys(QUERY_NOTES) as QueryNoteCode[])
  .map((code) => {
    const names: string[] = [];
    const pattern = QUERY_NOTES[code]
      .split(/(\{\w+\})/)
      .map((part) => {
        const place = /^\{(\w+)\}$/.exec(part);
        if (!place) return escape(part);
        names.push(place[1]!);
        return '([\\s\\S]*)';
      })
      .join('');
    return { code, names, pattern: new RegExp(`^${pattern}$`) };
  })
  // Notes without places first: "Ignored an OR with nothing after it." is that note, not
  // "Ignored {filter} with nothing after it." about a filter named "an OR".
  .sort((a, b) => a.names.length - b.names.length);

/** Which note this is, and what filled its places; undefined for text no template made. */
export function readQueryNote(
  note: string,
): { code: QueryNoteCode; values: QueryNoteValues } | undefined {
  for (const { code, names, pattern } of READERS) {
    const match = pattern.exec(note);
    if (match)
      return { code, values: Object.fromEntries(names.map((name, i) => [name, match[i + 1]!])) };
  }
  return undefined;
}
