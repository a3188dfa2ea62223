import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { crc32, storeZip } from '@renderer/lib/zip/store-zip';

const text = (s: string) => new TextEncoder().encode(s);
const env = { ...process.env, LC_ALL: 'C.UTF-8' };

describe('store-only zip', () => {
  it('computes CRC-32 as ZIP does', () => {
    expect(crc32(text('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('writes an archive the system unzip reads back, with UTF-8 names, exact contents and CRCs', () => {
    const entries = [
      { name: 'Harbour — ferry.md', data: '# Ferry\n\n> leaves earlier\n' },
      { name: '東京の朝.md', data: 'こんにちは\n' },
      { name: 'empty.md', data: '' },
      { name: 'bytes.bin', data: Uint8Array.from({ length: 70_000 }, (_, i) => i % 251) },
    ];
    const zip = storeZip(entries, Date.UTC(2026, 11, 6, 12));
    const dir = mkdtempSync(join(tmpdir(), 'store-zip-'));
    // Removed whether or not unzip agreed: the archive and what it unpacked are of no more use.
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'a.zip');
    writeFileSync(file, zip);
    // unzip checks every entry's CRC-32 and sizes.
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8', env })).toMatch(
      /No errors detected/,
    );
    expect(
      execFileSync('unzip', ['-Z1', file], { encoding: 'utf8', env }).trim().split('\n'),
    ).toEqual(entries.map((e) => e.name));
    execFileSync('unzip', ['-q', file, '-d', join(dir, 'out')], { env });
    for (const entry of entries) {
      const back = readFileSync(join(dir, 'out', entry.name));
      const want = typeof entry.data === 'string' ? text(entry.data) : entry.data;
      // Compared as Buffers: jsdom's Uint8Array is another realm's.
      expect(back.equals(Buffer.from(want))).toBe(true);
    }
  });
});
