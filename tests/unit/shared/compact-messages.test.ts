import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createIntl } from '@formatjs/intl';
import { parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import {
  compactMessage,
  expandMessage,
  expandMessages,
  type CompactNode,
} from '@shared/compact-messages';

const dir = path.resolve(__dirname, '../../../src/shared/catalogues');
const catalogues = readdirSync(dir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({
    file,
    messages: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, string>,
  }));

describe('compact message trees', () => {
  it('come back as the very trees the parser made, for every message of every catalogue', () => {
    let checked = 0;
    for (const { file, messages } of catalogues) {
      for (const [id, message] of Object.entries(messages)) {
        const tree = parse(message);
        // Through JSON, as the build ships them.
        const shipped = JSON.parse(JSON.stringify(compactMessage(tree))) as CompactNode[];
        expect(expandMessage(shipped), `${file} ${id}`).toEqual(tree);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(9 * 900);
  });

  it('keep every kind of node: plural with offset, ordinal, select, tags, #, number styles', () => {
    const source =
      '{n, plural, offset:1 =0 {none} one {<b>#</b> item} other {{n, number, percent} of {who}}}' +
      ' {rank, selectordinal, one {#st} two {#nd} other {#th}} {kind, select, a {A} other {{when, date, short} {at, time}}}';
    const tree = parse(source);
    const expanded = expandMessage(JSON.parse(JSON.stringify(compactMessage(tree))));
    expect(expanded).toEqual(tree);
    const values = {
      n: 2,
      who: 'all',
      rank: 2,
      kind: 'z',
      when: new Date(Date.UTC(2026, 0, 2, 12)),
      at: new Date(Date.UTC(2026, 0, 2, 12)),
      b: (chunks: string[]) => `[${chunks.join('')}]`,
    };
    const format = (ast: typeof tree) =>
      createIntl({ locale: 'en', messages: { m: ast } }).formatMessage({ id: 'm' }, values);
    expect(format(expanded)).toEqual(format(tree));
    expect(String(format(expanded))).toContain('2nd');
  });

  it('are smaller than FormatJS trees for the English catalogue', () => {
    const english = catalogues.find((c) => c.file === 'en.json')!.messages;
    const trees = Object.values(english).map((message) => parse(message));
    const full = JSON.stringify(trees).length;
    const compact = JSON.stringify(trees.map(compactMessage)).length;
    expect(compact).toBeLessThan(full * 0.75);
  });

  it('leave an uncompiled catalogue (ICU strings, as unit tests import it) for FormatJS to parse', () => {
    const catalogue = { 'a.plain': 'Hello {name}', 'a.compiled': ['Hi ', [1, 'name']] };
    expect(expandMessages(catalogue)).toEqual({
      'a.plain': 'Hello {name}',
      'a.compiled': [
        { type: 0, value: 'Hi ' },
        { type: 1, value: 'name' },
      ],
    });
  });
});
