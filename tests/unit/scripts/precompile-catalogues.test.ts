import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from '@formatjs/icu-messageformat-parser';
import {
  AFTER_FIRST_PAINT,
  catalogueSlice,
  catalogueSlices,
} from '../../../scripts/precompile-catalogues';

const EN = resolve(__dirname, '../../../src/shared/catalogues/en.json');
const english = JSON.parse(readFileSync(EN, 'utf8')) as Record<string, string>;

/** The module the build makes of `en.json?<slice>`, loaded. */
async function built(slice: string): Promise<Record<string, unknown>> {
  const plugin = catalogueSlices({ compile: true });
  const load = plugin.load as (id: string) => { code: string } | null;
  const file = join(mkdtempSync(join(tmpdir(), 'slice-')), 'slice.mjs');
  writeFileSync(file, load(`${EN}?${slice}`)!.code);
  return ((await import(pathToFileURL(file).href)) as { default: Record<string, unknown> }).default;
}

describe('the English catalogue split for the first paint', () => {
  it('puts every message in exactly one slice, the later ones by prefix', () => {
    const first = catalogueSlice(english, 'first-paint');
    const later = catalogueSlice(english, 'after-first-paint');
    expect({ ...first, ...later }).toEqual(english);
    expect(Object.keys(first).filter((id) => id in later)).toEqual([]);
    expect(Object.keys(later).length).toBeGreaterThan(0);
    for (const id of Object.keys(later))
      expect(AFTER_FIRST_PAINT.some((prefix) => id.startsWith(prefix))).toBe(true);
    for (const id of Object.keys(first))
      expect(AFTER_FIRST_PAINT.some((prefix) => id.startsWith(prefix))).toBe(false);
  });

  it('builds each slice as the same syntax trees the parser makes, literals included', async () => {
    const trees = { ...(await built('first-paint')), ...(await built('after-first-paint')) };
    expect(trees).toEqual(
      Object.fromEntries(Object.entries(english).map(([id, message]) => [id, parse(message)])),
    );
  });

  it('leaves other imports of a catalogue to the JSON plugin', () => {
    const load = catalogueSlices({ compile: true }).load as (id: string) => unknown;
    expect(load(EN)).toBeNull();
  });
});
