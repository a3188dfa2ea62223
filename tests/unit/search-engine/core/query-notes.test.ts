import { describe, expect, it } from 'vitest';
import {
  QUERY_NOTES,
  queryNote,
  readQueryNote,
  type QueryNoteCode,
} from '@search-engine/core/query-notes';

const VALUES: Record<string, string> = {
  filter: 'before:tomorrowish',
  field: 'foo',
  words: 'foo:bar',
  word: 'minsiter',
  others: '"minister", "ministers"',
};

describe('query notes', () => {
  it('read back as the note that made them, with what filled its places', () => {
    for (const code of Object.keys(QUERY_NOTES) as QueryNoteCode[]) {
      const note = queryNote(code, VALUES);
      expect(note).not.toMatch(/\{\w+\}/);
      const read = readQueryNote(note);
      expect(read?.code, note).toBe(code);
      expect(queryNote(code, read!.values)).toBe(note);
    }
  });

  it('keep a value that looks like another note, or holds braces, as it was typed', () => {
    const note = queryNote('filterEmpty', { filter: 'feed:{x} Ignored empty quotes.' });
    expect(note).toBe('Ignored feed:{x} Ignored empty quotes. with nothing after it.');
    expect(readQueryNote(note)).toEqual({
      code: 'filterEmpty',
      values: { filter: 'feed:{x} Ignored empty quotes.' },
    });
  });

  it('know nothing of text no template made', () => {
    expect(readQueryNote('Ignored everything.')).toBeUndefined();
    expect(readQueryNote('')).toBeUndefined();
  });
});
