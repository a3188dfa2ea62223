/**
 * The message catalogues: English is bundled (it is the first paint for most and the fallback
 * for all); every other language is its own chunk, fetched when chosen.
 */
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import english from '../../shared/catalogues/en.json';
import { expandMessages } from '../../shared/compact-messages';
import {
  DEFAULT_LOCALE,
  PSEUDO_LOCALE,
  type AnyLocale,
  type InterfaceLocale,
} from '@shared/interface-locales';

export type MessageId = keyof typeof english;
export type Catalogue = Record<MessageId, string> | Record<MessageId, MessageFormatElement[]>;

/** Syntax trees in a build; ICU strings in unit tests, where FormatJS parses them. */
export const ENGLISH: Readonly<Record<MessageId, string>> = expandMessages(english);

type Messages = { default: Partial<Record<MessageId, string>> };
/** Every language but English, the source, which is bundled. */
type Translation = Exclude<InterfaceLocale, 'en'>;

/**
 * One dynamic import per language, each its own chunk. Written out rather than globbed: a
 * language added to INTERFACE_LOCALES without its catalogue fails the type check, and any
 * bundler splits it (the search bench bundles this module with plain Vite settings).
 */
const others: Record<Translation, () => Promise<Messages>> = {
  de: () => import('../../shared/catalogues/de.json'),
  fr: () => import('../../shared/catalogues/fr.json'),
  es: () => import('../../shared/catalogues/es.json'),
  ko: () => import('../../shared/catalogues/ko.json'),
  ja: () => import('../../shared/catalogues/ja.json'),
  'zh-CN': () => import('../../shared/catalogues/zh-CN.json'),
  ar: () => import('../../shared/catalogues/ar.json'),
  he: () => import('../../shared/catalogues/he.json'),
};

/** A language's messages; any a catalogue lacks read in English rather than as their ids. */
export async function loadCatalogue(locale: AnyLocale): Promise<Catalogue> {
  if (locale === DEFAULT_LOCALE) return ENGLISH;
  if (locale === PSEUDO_LOCALE) {
    const { pseudoCatalogue } = await import('./pseudo-locale');
    return pseudoCatalogue(ENGLISH) as Catalogue;
  }
  const { default: messages } = await others[locale as Translation]();
  return { ...ENGLISH, ...expandMessages(messages) };
}
