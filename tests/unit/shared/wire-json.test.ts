import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64, fromWireJson, toWireJson } from '@shared/wire-json';

describe('wire JSON', () => {
  it('encodes base64 exactly as Node does, for every tail length', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 255, 1000]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + 11) & 255);
      expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect([...decodeBase64(encodeBase64(bytes))]).toEqual([...bytes]);
    }
  });

  it('round-trips byte arrays nested in results and leaves other values alone', () => {
    const value = {
      ok: true,
      value: { url: 'https://e.com/a.png', bytes: new Uint8Array([137, 80, 78, 71]), n: 3 },
    };
    const back = fromWireJson(toWireJson(value)) as typeof value;
    expect(back.value.bytes).toBeInstanceOf(Uint8Array);
    expect([...back.value.bytes]).toEqual([137, 80, 78, 71]);
    expect(back.value.n).toBe(3);
    expect(fromWireJson('{"$bytes":"x","other":1}')).toEqual({ $bytes: 'x', other: 1 });
  });
});
