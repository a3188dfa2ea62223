import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import english from '@shared/catalogues/en.json';
import { englishText, type MainMessageId } from '@shared/main-text';

const mainIds = Object.keys(english).filter((id) => id.startsWith('main.')) as MainMessageId[];

/** Every argument a message takes, with a value that fits its use (plural → number). */
function sampleValues(elements: MessageFormatElement[], into: Record<string, string | number>) {
  for (const element of elements) {
    if (element.type === TYPE.argument) into[element.value] ??= 'x';
    if (element.type === TYPE.number || element.type === TYPE.plural) into[element.value] = 2;
    if (element.type === TYPE.select || element.type === TYPE.plural) {
      if (element.type === TYPE.select) into[element.value] ??= 'other';
      for (const option of Object.values(element.options)) sampleValues(option.value, into);
    }
    if (element.type === TYPE.tag) throw new Error(`a tag <${element.value}> in main's message`);
  }
  return into;
}

describe("main's messages", () => {
  it('are many, and each parses and formats with its values', () => {
    expect(mainIds.length).toBeGreaterThan(100);
    for (const id of mainIds) {
      const values = sampleValues(parse(english[id]), {});
      const text = englishText(id, values);
      expect(text, id).not.toBe(id);
      expect(text, id).not.toMatch(/[{}]/);
    }
  });

  it('puts values in as given: a host, a count', () => {
    expect(englishText('main.net.hostNotFound', { host: 'nowhere.example' })).toBe(
      'The server nowhere.example could not be found. Check the address.',
    );
    expect(englishText('main.episode.tooManyRedirects', { max: 10 })).toBe(
      'More than 10 redirects for the episode.',
    );
  });
});
