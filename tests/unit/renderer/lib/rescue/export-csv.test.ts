import { describe, expect, it } from 'vitest';
import { csvFormatOf, parseExportCsv } from '@renderer/lib/rescue/export-csv';
import { rescueFixture } from './rescue-fixtures';

describe('parseExportCsv', () => {
  it('reads Pocket’s CSV: quoted fields, line breaks, | tags, archive → read, odd rows named', () => {
    const parsed = parseExportCsv(rescueFixture('pocket.csv'))!;
    expect(parsed.format).toBe('pocket-csv');
    expect(parsed.items.map((item) => item.url)).toEqual([
      'https://example.com/pocket-1',
      'https://example.com/pocket-no-title',
      'https://example.com/pocket-bad-date',
      'https://example.com/pocket-2',
      'https://example.com/pocket-1#comments',
    ]);
    const [first, untitled, badDate, multiline] = parsed.items;
    expect(first).toMatchObject({
      where: 'row 2',
      title: 'Quoted, with a comma',
      savedAt: 1_700_000_000_000,
      tags: ['reading', 'later'],
      read: false,
      favourite: false,
    });
    expect(untitled).toMatchObject({ title: '', read: true });
    // A bad date is no reason to lose the item: it is just undated.
    expect(badDate!.savedAt).toBeUndefined();
    expect(multiline!.title).toBe('Line\r\nbreak');
    expect(parsed.problems).toEqual([
      { where: 'row 4', reason: 'has a ftp: URL' },
      { where: 'row 8', reason: 'has no URL' },
    ]);
  });

  it('reads Instapaper’s CSV: folders (Archive → read, Starred → favourite, others → a tag)', () => {
    const parsed = parseExportCsv(rescueFixture('instapaper-export.csv'))!;
    expect(parsed.format).toBe('instapaper');
    expect(parsed.items).toHaveLength(5);
    expect(parsed.items[0]).toMatchObject({
      title: 'First piece',
      summary: 'A selected passage, quoted',
      tags: ['science', 'long reads'],
      savedAt: 1_650_000_000_000,
      read: false,
    });
    expect(parsed.items[1]).toMatchObject({ title: '', read: true, favourite: false });
    expect(parsed.items[2]).toMatchObject({ favourite: true, read: false });
    expect(parsed.items[3]).toMatchObject({ tags: ['Recipes'] });
    expect(parsed.items[3]!.savedAt).toBeUndefined();
    expect(parsed.problems).toEqual([{ where: 'row 6', reason: 'has a mailto: URL' }]);
  });

  it('reads Readwise Reader’s CSV: list tags, archive → read, shortlist → favourite', () => {
    const parsed = parseExportCsv(rescueFixture('readwise-reader.csv'))!;
    expect(parsed.format).toBe('readwise');
    expect(parsed.items).toHaveLength(5);
    expect(parsed.items[0]).toMatchObject({
      title: 'Reader one',
      tags: ['ai', 'research'],
      savedAt: Date.UTC(2024, 2, 10, 18, 26, 21),
      read: false,
      favourite: false,
    });
    expect(parsed.items[1]).toMatchObject({ title: '', read: true });
    expect(parsed.items[2]).toMatchObject({ favourite: true, savedAt: Date.UTC(2024, 2, 12, 10) });
    expect(parsed.items[3]!.savedAt).toBeUndefined();
    expect(parsed.problems).toEqual([{ where: 'row 6', reason: 'has a data: URL' }]);
  });

  it('knows each service by its header row, whatever the column order, and nothing else', () => {
    expect(csvFormatOf('title,url,time_added,tags,status')).toBe('pocket-csv');
    expect(csvFormatOf('URL,Title,Selection,Folder,Timestamp')).toBe('instapaper');
    expect(csvFormatOf('"URL","Title","Selection","Folder","Timestamp","Tags"')).toBe('instapaper');
    expect(
      csvFormatOf('Title,URL,ID,Document tags,Saved date,Reading progress,Location,Seen'),
    ).toBe('readwise');
    expect(csvFormatOf('Title,Author,Category,Location,Saved date,Tags,URL')).toBe('readwise');
    expect(csvFormatOf('name,email')).toBeUndefined();
    expect(parseExportCsv('name,email\nA,a@example.com')).toBeUndefined();
    expect(parseExportCsv('')).toBeUndefined();
  });

  it('reads a 20,000-row export quickly and whole', () => {
    const lines = ['title,url,time_added,tags,status'];
    for (let i = 0; i < 20_000; i++) {
      lines.push(
        `"Story ${i}, part ${i % 7}",https://example.com/s/${i},${1_600_000_000 + i},t${i % 5},${i % 3 ? 'unread' : 'archive'}`,
      );
    }
    const started = performance.now();
    const parsed = parseExportCsv(lines.join('\n'))!;
    expect(performance.now() - started).toBeLessThan(5000);
    expect(parsed.items).toHaveLength(20_000);
    expect(parsed.problems).toEqual([]);
    expect(parsed.items[19_999]).toMatchObject({
      url: 'https://example.com/s/19999',
      title: 'Story 19999, part 0',
      read: false,
    });
  });
});
