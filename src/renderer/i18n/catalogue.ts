/**
 * The message catalogues: English is bundled (it is the first paint for most and the fallback
 * for all); every other language is its own chunk, fetched when chosen.
 */
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import english from '../../shared/catalogues/en.json';
import { expandMessages } from '../../shared/compact-messages';
import { DEFAULT_LOCALE, PSEUDO_LOCALE, type AnyLocale } from '@shared/interface-locales';

export type MessageId = keyof typeof english;
export type Catalogue = Record<MessageId, string> | Record<MessageId, MessageFormatElement[]>;

/** Syntax trees in a build; ICU strings in unit tests, where FormatJS parses them. */
export const ENGLISH: Readonly<Record<MessageId, string>> = expandMessages(english);

const others = import.meta.glob<{ default: Partial<Record<MessageId, string>> }>([
  '../../shared/catalogues/*.json',
  '!../../shared/catalogues/en.json',
]);

/** A language's messages; any a catalogue lacks read in English rather than as their ids. */
export async function loadCatalogue(locale: AnyLocale): Promise<Catalogue> {
  if (locale === DEFAULT_LOCALE) return ENGLISH;
  if (locale === PSEUDO_LOCALE) {
    const { pseudoCatalogue } = await import('./pseudo-locale');
    return pseudoCatalogue(ENGLISH) as Catalogue;
  }
  const load = others[`../../shared/catalogues/${locale}.json`];
  if (!load) return ENGLISH;
  const { default: messages } = await load();
  return { ...ENGLISH, ...expandMessages(messages) };
}
