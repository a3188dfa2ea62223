/**
 * The message catalogues: English is bundled (it is the first paint for most and the fallback
 * for all); every other language is its own chunk, fetched when chosen.
 */
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type english from '../../shared/catalogues/en.json';
import firstPaint from '../../shared/catalogues/en.json?first-paint';
import { DEFAULT_LOCALE, PSEUDO_LOCALE, type AnyLocale } from './locales';

export type MessageId = keyof typeof english;
export type Catalogue = Record<MessageId, string> | Record<MessageId, MessageFormatElement[]>;

/**
 * Every English message once `loadEnglish()` has settled. Until then it holds only what the
 * entry bundles (scripts/precompile-catalogues.ts says which); the page renders nothing before
 * the rest has arrived (main.tsx waits for the locale, whose loading waits for it).
 */
export const ENGLISH = { ...firstPaint } as Readonly<Record<MessageId, string>>;

let rest: Promise<Catalogue> | undefined;

/** The English messages the entry leaves out, added to ENGLISH; fetched once. */
export function loadEnglish(): Promise<Catalogue> {
  rest ??= import('../../shared/catalogues/en.json?after-first-paint').then(
    ({ default: later }) => Object.assign(ENGLISH, later) as Catalogue,
    (error: unknown) => {
      rest = undefined; // a later switch tries again
      throw error;
    },
  );
  return rest;
}

const others = import.meta.glob<{ default: Partial<Record<MessageId, string>> }>([
  '../../shared/catalogues/*.json',
  '!../../shared/catalogues/en.json',
]);

/** A language's messages; any a catalogue lacks read in English rather than as their ids. */
export async function loadCatalogue(locale: AnyLocale): Promise<Catalogue> {
  await loadEnglish();
  if (locale === DEFAULT_LOCALE) return ENGLISH;
  if (locale === PSEUDO_LOCALE) {
    const { pseudoCatalogue } = await import('./pseudo-locale');
    return pseudoCatalogue(ENGLISH) as Catalogue;
  }
  const load = others[`../../shared/catalogues/${locale}.json`];
  if (!load) return ENGLISH;
  const { default: messages } = await load();
  return { ...ENGLISH, ...messages };
}
