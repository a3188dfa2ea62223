import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, DocColumns, FLAG_LIVE, type DocValues } from '@search-engine/core/doc-columns';

const values = (extra: Partial<DocValues> = {}): DocValues => ({
  length: 600,
  date: Date.UTC(2025, 5, 1, 12, 34, 56),
  flags: FLAG_LIVE,
  feed: 3,
  lang: 1,
  ...extra,
});

describe('document columns', () => {
  it('keep dates to the minute, lengths up to 65,535, and out-of-range dates clamped', () => {
    const columns = new DocColumns();
    columns.set(0, values());
    columns.set(1, values({ length: 200_000, date: Date.UTC(9999, 0, 1) }));
    columns.set(2, values({ date: Number.NaN }));
    columns.set(3, values({ date: Date.UTC(1901, 0, 1) }));
    expect(columns.get(0)).toEqual(values({ date: Date.UTC(2025, 5, 1, 12, 34) }));
    expect(columns.get(1)!.length).toBe(65_535);
    // Clamped, not wrapped round to a date in the past.
    expect(columns.get(1)!.date).toBeGreaterThan(Date.UTC(5000, 0, 1));
    expect(columns.get(2)!.date).toBe(0);
    expect(columns.get(3)!.date).toBe(Date.UTC(1901, 0, 1));
  });

  it('widen a chunk’s feed and language columns when a number needs it, keeping the rest', () => {
    const columns = new DocColumns();
    columns.set(5, values({ feed: 65_535, lang: 255 }));
    expect(columns.chunkOf(5)!.feed).toBeInstanceOf(Uint16Array);
    expect(columns.chunkOf(5)!.lang).toBeInstanceOf(Uint8Array);
    columns.set(6, values({ feed: 70_000, lang: 300 }));
    expect(columns.chunkOf(6)!.feed).toBeInstanceOf(Uint32Array);
    expect(columns.get(5)).toMatchObject({ feed: 65_535, lang: 255 });
    expect(columns.get(6)).toMatchObject({ feed: 70_000, lang: 300 });
    // Another chunk stays narrow.
    columns.set(CHUNK_SIZE, values());
    expect(columns.chunkOf(CHUNK_SIZE)!.feed).toBeInstanceOf(Uint16Array);
  });

  it('store a chunk under IndexedDB’s 64 KiB blob threshold, even widened', () => {
    const columns = new DocColumns();
    for (let doc = 0; doc < CHUNK_SIZE; doc++)
      columns.set(doc, values({ feed: doc === 0 ? 100_000 : 7, lang: doc === 0 ? 400 : 2 }));
    const [chunk] = columns.takeDirty().put;
    expect(serialize(chunk).byteLength).toBeLessThan(64 * 1024);
  });

  it('drop a chunk with no live document left when it is persisted', () => {
    const columns = new DocColumns();
    columns.set(1, values());
    columns.set(CHUNK_SIZE + 1, values());
    columns.takeDirty();
    columns.setFlags(1, 0);
    columns.setFlags(CHUNK_SIZE + 1, FLAG_LIVE | 2);
    const dirty = columns.takeDirty();
    expect(dirty.deleted).toEqual([0]);
    expect(dirty.put.map((chunk) => chunk.chunk)).toEqual([1]);
    expect(columns.isLive(1)).toBe(false);
    expect(columns.flags(CHUNK_SIZE + 1)).toBe(FLAG_LIVE | 2);
  });
});
