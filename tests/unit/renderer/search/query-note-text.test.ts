import { describe, expect, it } from 'vitest';
import { ENGLISH } from '@renderer/i18n/catalogue';
import { switchLocale, translate } from '@renderer/i18n/current-locale';
import { queryNoteText } from '@renderer/search/query-note-text';
import { parseQuery } from '@search-engine/core/query-parser';
import { QUERY_NOTES, queryNote, type QueryNoteCode } from '@search-engine/core/query-notes';

/** Queries that make each of the parser's notes, as the reader would type them. */
const QUERIES = [
  '"unclosed budget',
  '"" budget',
  'feed: budget',
  '-feed:bbc budget',
  'is:whatever',
  'before:tomorrowish',
  'OR budget',
  'budget OR',
  'feed:bbc OR budget',
  'budget OR -cuts',
  'foo:bar',
  'after:2024-06-01 before:2024-01-01',
];

/** A translator that says which message it was asked for, and with what. */
const ids = (id: string, values?: Record<string, unknown>) =>
  `${id} ${JSON.stringify(values ?? {})}`;

describe('queryNoteText', () => {
  it('says every note the parser makes through a message of its own', () => {
    const notes = QUERIES.flatMap((query) => parseQuery(query).notes);
    expect(notes.length).toBeGreaterThanOrEqual(QUERIES.length);
    for (const note of notes) expect(queryNoteText(note, ids), note).toMatch(/^search\.note\./);
  });

  it('passes what the reader typed into the message', () => {
    const [note] = parseQuery('before:tomorrowish').notes;
    expect(queryNoteText(note!, ids)).toBe('search.note.badDate {"filter":"before:tomorrowish"}');
  });

  it('reads in English exactly as the engine wrote it', () => {
    const values = { filter: 'is:nope', field: 'foo', words: 'foo:bar', word: 'x', others: '"y"' };
    for (const code of Object.keys(QUERY_NOTES) as QueryNoteCode[]) {
      const note = queryNote(code, values);
      expect(queryNoteText(note, translate)).toBe(note);
      expect(ENGLISH).toHaveProperty(`search.note.${code}`);
    }
  });

  it("quotes the words it also searched for as the reader's language quotes and lists them", async () => {
    const note = queryNote('typos', { word: 'habour', others: '"harbour", "harbor", "arbour"' });
    expect(queryNoteText(note, translate)).toBe(note);
    await switchLocale('de');
    try {
      expect(queryNoteText(note, translate)).toBe(
        'Kein Artikel enthält „habour“; zusätzlich wurde nach „harbour“, „harbor“ und „arbour“ gesucht.',
      );
    } finally {
      await switchLocale('en');
    }
  });

  it('leaves a note it does not know as the engine wrote it', () => {
    expect(queryNoteText('Something new.', ids)).toBe('Something new.');
  });
});
