import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { ENGLISH, loadCatalogue } from '@renderer/i18n/catalogue';
import { INTERFACE_LOCALES, PSEUDO_LOCALE } from '@shared/interface-locales';

const DIR = join(__dirname, '../../../../src/shared/catalogues');
const files = readdirSync(DIR).filter((name) => name.endsWith('.json'));
const read = (name: string): Record<string, string> =>
  JSON.parse(readFileSync(join(DIR, name), 'utf8')) as Record<string, string>;

/** The placeholders and tags a message uses, and the plural/select cases it must have. */
function shape(elements: readonly MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        into.add(`{${element.value}}`);
        break;
      case TYPE.plural:
      case TYPE.select:
        into.add(`{${element.value}, ${element.type === TYPE.plural ? 'plural' : 'select'}}`);
        for (const option of Object.values(element.options)) shape(option.value, into);
        break;
      case TYPE.tag:
        into.add(`<${element.value}>`);
        shape(element.children, into);
        break;
    }
  }
  return into;
}

function missingOther(elements: readonly MessageFormatElement[]): boolean {
  return elements.some(
    (element) =>
      ((element.type === TYPE.plural || element.type === TYPE.select) &&
        (!element.options.other ||
          Object.values(element.options).some((option) => missingOther(option.value)))) ||
      (element.type === TYPE.tag && missingOther(element.children)),
  );
}

describe('catalogues', () => {
  it('one per interface language, and no other', () => {
    expect(files.sort()).toEqual(INTERFACE_LOCALES.map((locale) => `${locale}.json`).sort());
  });

  const english = read('en.json');
  const englishShapes = new Map(
    Object.entries(english).map(([id, message]) => [id, shape(parse(message))]),
  );

  for (const file of files) {
    describe(file, () => {
      const catalogue = read(file);

      it('has exactly the message ids of English', () => {
        expect(Object.keys(catalogue).sort()).toEqual(Object.keys(english).sort());
      });

      it('is valid ICU, with the placeholders, tags and cases of English', () => {
        const wrong: string[] = [];
        for (const [id, message] of Object.entries(catalogue)) {
          let elements: MessageFormatElement[];
          try {
            elements = parse(message);
          } catch (error) {
            wrong.push(`${id}: ${(error as Error).message}`);
            continue;
          }
          if (missingOther(elements)) wrong.push(`${id}: a plural or select without "other"`);
          const expected = [...(englishShapes.get(id) ?? [])].sort();
          const actual = [...shape(elements)].sort();
          if (JSON.stringify(actual) !== JSON.stringify(expected))
            wrong.push(`${id}: ${actual.join(' ')} instead of ${expected.join(' ')}`);
          if (!message.trim()) wrong.push(`${id}: empty`);
        }
        expect(wrong).toEqual([]);
      });
    });
  }

  it('loads every language, and the pseudo-locale, with every English id', async () => {
    for (const locale of [...INTERFACE_LOCALES, PSEUDO_LOCALE] as const) {
      const messages = await loadCatalogue(locale);
      expect(Object.keys(messages).sort()).toEqual(Object.keys(ENGLISH).sort());
    }
  });
});
