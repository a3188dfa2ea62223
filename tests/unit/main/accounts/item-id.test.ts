import { describe, expect, it } from 'vitest';
import {
  normalizeItemId,
  parseDecimalItemId,
  parseLongItemId,
  toLongItemId,
  toShortItemId,
} from '@main/accounts/item-id';
import { AppError } from '@shared/result';

const LONG = 'tag:google.com,2005:reader/item/0006061c9ae06b9c';

describe('item ids', () => {
  it('converts between the long, decimal and short forms without losing bits', () => {
    // A FreshRSS id: a microsecond timestamp, beyond what a double holds exactly.
    const id = parseDecimalItemId('1796547985719964');
    expect(id).toBe(1796547985719964n);
    expect(toLongItemId(id)).toBe('tag:google.com,2005:reader/item/000661f36c82c29c');
    expect(toShortItemId(id)).toBe('000661f36c82c29c');
    expect(parseLongItemId(toLongItemId(id))).toBe(1796547985719964n);
    const big = 18446744073709551615n;
    expect(toLongItemId(big)).toBe('tag:google.com,2005:reader/item/ffffffffffffffff');
    expect(parseLongItemId(toLongItemId(big))).toBe(18446744073709551615n);
    expect(normalizeItemId('9007199254740993')).toBe(
      'tag:google.com,2005:reader/item/0020000000000001',
    );
  });

  it('reads a negative decimal as the same 64 bits (servers that print signed ids)', () => {
    expect(parseDecimalItemId('-1')).toBe(18446744073709551615n);
    expect(normalizeItemId('-2')).toBe('tag:google.com,2005:reader/item/fffffffffffffffe');
  });

  it('normalizes upper-case hex, short hex digits and decimals to one long form', () => {
    expect(
      normalizeItemId(
        LONG.toUpperCase().replace(
          'TAG:GOOGLE.COM,2005:READER/ITEM/',
          'tag:google.com,2005:reader/item/',
        ),
      ),
    ).toBe(LONG);
    expect(normalizeItemId('tag:google.com,2005:reader/item/2a')).toBe(
      'tag:google.com,2005:reader/item/000000000000002a',
    );
    expect(normalizeItemId('42')).toBe('tag:google.com,2005:reader/item/000000000000002a');
  });

  it('rejects garbage with a parse error that quotes it', () => {
    const bad = [
      () => parseLongItemId('tag:google.com,2005:reader/item/xyz'),
      () => parseLongItemId('tag:google.com,2005:reader/item/00000000000000001'),
      () => parseLongItemId('0006061c9ae06b9c'),
      () => parseDecimalItemId('12a'),
      () => parseDecimalItemId('18446744073709551616'),
      () => parseDecimalItemId(''),
      () => normalizeItemId('not an id'),
    ];
    for (const attempt of bad) {
      expect(attempt).toThrow(AppError);
      try {
        attempt();
      } catch (error) {
        expect((error as AppError).code).toBe('parse');
        expect((error as AppError).message).toMatch(/is not an item id: expected/);
      }
    }
    expect(() => toLongItemId(-1n)).toThrow(/not a Google Reader item number/);
    expect(() => toLongItemId(1n << 64n)).toThrow(/not a Google Reader item number/);
  });
});
