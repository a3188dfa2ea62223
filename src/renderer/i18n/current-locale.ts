/**
 * The interface language now in use, for React (through use-t.ts) and for plain modules (the
 * pipeline's notices) alike. Switching loads the catalogue first and then swaps, so a screen
 * never shows message ids or a half-switched mix.
 */
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { ENGLISH, loadCatalogue, type Catalogue, type MessageId } from './catalogue';
import { DEFAULT_LOCALE, type AnyLocale } from '@shared/interface-locales';
import { directionOf } from './locales';

export interface LocaleState {
  locale: AnyLocale;
  messages: Catalogue;
  dir: 'ltr' | 'rtl';
}

const cache = createIntlCache();
let state: LocaleState = { locale: DEFAULT_LOCALE, messages: ENGLISH, dir: 'ltr' };
let plain: IntlShape<string> | undefined;
let wanted: AnyLocale = DEFAULT_LOCALE;
const listeners = new Set<() => void>();

export function getLocaleState(): LocaleState {
  return state;
}

export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Loads a locale's catalogue and makes it current. Calls that overlap end on the last one asked
 * for, whatever order their catalogues arrive in.
 */
export async function switchLocale(locale: AnyLocale): Promise<void> {
  wanted = locale;
  const messages = await loadCatalogue(locale);
  if (wanted !== locale) return;
  if (state.locale === locale && state.messages === messages) return;
  state = { locale, messages, dir: directionOf(locale) };
  plain = undefined;
  for (const listener of listeners) listener();
}

/** Plain text of a message in the current language, for modules outside React. */
export function translate(
  id: MessageId,
  values?: Record<string, string | number | Date | boolean | null | undefined>,
): string {
  plain ??= createIntl<string>(
    { locale: state.locale, messages: state.messages, defaultLocale: DEFAULT_LOCALE },
    cache,
  );
  return plain.formatMessage({ id }, values);
}
