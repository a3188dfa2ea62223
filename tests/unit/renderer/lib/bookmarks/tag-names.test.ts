import { describe, expect, it } from 'vitest';
import {
  MAX_TAG_LENGTH,
  MAX_TAGS_PER_ARTICLE,
  normalizeTag,
  suggestTags,
  uniqueTags,
} from '@renderer/lib/bookmarks/tag-names';

describe('tag names', () => {
  it('trims, collapses whitespace, turns commas into spaces and caps the length', () => {
    expect(normalizeTag('  climate \t  policy \n')).toBe('climate policy');
    expect(normalizeTag('a,b')).toBe('a b');
    expect(normalizeTag(' , ')).toBe('');
    const long = normalizeTag('x'.repeat(100));
    expect(long).toHaveLength(MAX_TAG_LENGTH);
    // A cut that lands on a space leaves no trailing blank.
    expect(normalizeTag(`${'y'.repeat(MAX_TAG_LENGTH - 1)} z`)).toBe(
      'y'.repeat(MAX_TAG_LENGTH - 1),
    );
  });

  it('keeps the first spelling of case-insensitive duplicates and drops empties', () => {
    expect(uniqueTags(['News', ' news ', '', 'World', 'NEWS', 'world '])).toEqual([
      'News',
      'World',
    ]);
    const many = Array.from({ length: 50 }, (_, i) => `t${i}`);
    expect(uniqueTags(many)).toHaveLength(MAX_TAGS_PER_ARTICLE);
  });

  it('suggests tags that start with the text first, then those containing it, minus those taken', () => {
    const known = ['Climate', 'economics', 'Politics', 'science', 'Space'];
    expect(suggestTags(known, 'sc', [])).toEqual(['science']);
    expect(suggestTags(known, 's', [])).toEqual(['science', 'Space', 'economics', 'Politics']);
    expect(suggestTags(known, 'S', ['SPACE'])).toEqual(['science', 'economics', 'Politics']);
    expect(suggestTags(known, '', ['Climate'], 2)).toEqual(['economics', 'Politics']);
  });
});
