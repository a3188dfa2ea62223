import { describe, expect, it } from 'vitest';
import {
  isZip,
  MAX_ENTRY_BYTES,
  readZipDirectory,
  readZipEntry,
  ZipError,
} from '@renderer/lib/rescue/zip-reader';
import { makeZip } from './rescue-fixtures';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('zip reader', () => {
  it('lists entries and reads deflated and stored ones', async () => {
    for (const store of [false, true]) {
      const zip = new Blob([
        makeZip({ 'a.txt': 'hello hello hello', 'dir/b.json': '[1,2]' }, store) as BlobPart,
      ]);
      const entries = await readZipDirectory(zip);
      expect(entries.map((e) => e.name)).toEqual(['a.txt', 'dir/b.json']);
      expect(text(await readZipEntry(zip, entries[0]!))).toBe('hello hello hello');
      expect(text(await readZipEntry(zip, entries[1]!))).toBe('[1,2]');
    }
    expect(isZip(makeZip({ a: 'b' }))).toBe(true);
  });

  it('refuses what is not a zip, a cut archive, and an entry that inflates past the cap', async () => {
    await expect(readZipDirectory(new Blob(['just text']))).rejects.toThrow(ZipError);
    const whole = makeZip({ 'a.txt': 'x'.repeat(1000) });
    await expect(readZipDirectory(new Blob([whole.slice(200) as BlobPart]))).rejects.toThrow(
      ZipError,
    );
    const bomb = new Blob([makeZip({ 'big.html': new Uint8Array(200_000) }) as BlobPart]);
    const [entry] = await readZipDirectory(bomb);
    // The directory may lie about the size: the cap counts what comes out.
    await expect(readZipEntry(bomb, { ...entry!, size: 10 }, 100_000)).rejects.toThrow(/too large/);
    await expect(readZipEntry(bomb, entry!, 100_000)).rejects.toThrow(/too large/);
    expect(MAX_ENTRY_BYTES).toBe(64 * 1024 * 1024);
  });
});
