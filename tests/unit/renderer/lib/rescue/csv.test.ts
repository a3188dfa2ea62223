import { describe, expect, it } from 'vitest';
import { parseCsv } from '@renderer/lib/rescue/csv';

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes, line breaks inside quotes, CRLF and a BOM', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi""\nthere"\r\n\r\nlast,')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
      ['last', ''],
    ]);
  });

  it('keeps a last row without a line end, and an empty file has no rows', () => {
    expect(parseCsv('a\nb')).toEqual([['a'], ['b']]);
    expect(parseCsv('')).toEqual([]);
  });
});
