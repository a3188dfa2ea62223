import { describe, expect, it } from 'vitest';
import { parseSrcset, serializeSrcset, srcsetTokens } from '@shared/srcset';

describe('srcset', () => {
  it('keeps commas inside URLs, as image CDNs write them', () => {
    expect(
      parseSrcset(
        'https://cdn.example/w_400,h_300/a.jpg 400w, https://cdn.example/w_800,h_600/a.jpg 800w',
      ),
    ).toEqual([
      { url: 'https://cdn.example/w_400,h_300/a.jpg', width: 400 },
      { url: 'https://cdn.example/w_800,h_600/a.jpg', width: 800 },
    ]);
  });

  it('separates candidates by commas at the very end of a URL or after descriptors', () => {
    expect(parseSrcset('a.jpg,, b.jpg 2x,, c.jpg,')).toEqual([
      { url: 'a.jpg' },
      { url: 'b.jpg', density: 2 },
      { url: 'c.jpg' },
    ]);
  });

  it('reads widths and densities and ignores descriptors that are neither', () => {
    expect(parseSrcset('a.jpg 1.5x, b.jpg 300w 200h, c.jpg 0x, d.jpg junk')).toEqual([
      { url: 'a.jpg', density: 1.5 },
      { url: 'b.jpg', width: 300 },
      { url: 'c.jpg' },
      { url: 'd.jpg' },
    ]);
  });

  it('gives the descriptor tokens as written, a parenthesised one whole', () => {
    expect(srcsetTokens(' a.jpg 300w 200h , b.jpg foo(1, 2) 2x,c.jpg')).toEqual([
      { url: 'a.jpg', descriptors: ['300w', '200h'] },
      { url: 'b.jpg', descriptors: ['foo(1, 2)', '2x'] },
      { url: 'c.jpg', descriptors: [] },
    ]);
    expect(srcsetTokens('')).toEqual([]);
    expect(srcsetTokens(' , ,')).toEqual([]);
  });

  it('splits only on ASCII whitespace, as the standard does', () => {
    expect(srcsetTokens('a.jpg\t2x,\nb.jpg\f300w')).toEqual([
      { url: 'a.jpg', descriptors: ['2x'] },
      { url: 'b.jpg', descriptors: ['300w'] },
    ]);
    expect(srcsetTokens('a\u00a0b.jpg 2x')).toEqual([{ url: 'a\u00a0b.jpg', descriptors: ['2x'] }]);
  });

  it('writes candidates back', () => {
    expect(
      serializeSrcset([
        { url: 'a.jpg', width: 400 },
        { url: 'b.jpg', density: 2 },
        { url: 'c.jpg' },
      ]),
    ).toBe('a.jpg 400w, b.jpg 2x, c.jpg');
  });

  // Found by srcset.fuzz.test.ts: reading what was written gave other candidates, so the
  // tracker pass (parse, strip, write) changed srcsets that had no tracker in them.
  it('reads what it wrote as what it read', () => {
    for (const srcset of [
      // Both a width and a density (browsers ignore the candidate): both were read, one written.
      'https://cdn.example/w_400,h_300/a.jpg 1w 1x',
      // A density the standard's grammar allows, and one String() writes with an exponent.
      'a.jpg 1e-7x',
      'a.jpg 0.0000001x',
      // A width past 2^53 that String() writes as 1e+22.
      'a.jpg 10000000000000000000000w',
    ]) {
      const read = parseSrcset(srcset);
      expect(parseSrcset(serializeSrcset(read))).toEqual(read);
    }
    expect(parseSrcset('a.jpg 1e-7x, b.jpg 2E1x, c.jpg 1.5w')).toEqual([
      { url: 'a.jpg', density: 1e-7 },
      { url: 'b.jpg', density: 20 },
      // A width is an integer in the standard's grammar.
      { url: 'c.jpg' },
    ]);
  });
});
