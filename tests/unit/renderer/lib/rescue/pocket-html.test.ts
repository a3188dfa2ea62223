import { describe, expect, it } from 'vitest';
import { isPocketHtml, parsePocketHtml } from '@renderer/lib/rescue/pocket-html';
import { rescueFixture } from './rescue-fixtures';

describe('parsePocketHtml', () => {
  it('reads Unread and Read Archive links with dates and tags; odd links are named', () => {
    const html = rescueFixture('ril_export.html');
    expect(isPocketHtml(html.slice(0, 4096))).toBe(true);
    const parsed = parsePocketHtml(html);
    expect(parsed.format).toBe('pocket-html');
    expect(parsed.items.map((item) => [item.where, item.url, item.title, item.read])).toEqual([
      [
        'link 1',
        'https://example.com/long-read?utm_source=pocket',
        'The Long Read & Other Stories',
        false,
      ],
      ['link 2', 'https://example.com/untitled', '', false],
      ['link 4', 'https://example.com/bad-date', 'Bad date', false],
      ['link 5', 'https://www.example.com/long-read', 'The same page again', false],
      ['link 7', 'http://example.org/finished', 'Finished <piece>', true],
    ]);
    expect(parsed.items[0]).toMatchObject({
      savedAt: 1_600_000_000_000,
      tags: ['essays', 'science'],
    });
    expect(parsed.items[2]!.savedAt).toBeUndefined();
    expect(parsed.items[4]!.tags).toEqual(['done']);
    expect(parsed.problems).toEqual([
      { where: 'link 3', reason: 'has a javascript: URL' },
      { where: 'link 6', reason: 'has no URL' },
    ]);
  });

  it('is not any HTML page', () => {
    expect(isPocketHtml('<html><head><title>My article</title>')).toBe(false);
  });
});
