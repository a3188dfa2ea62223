/**
 * The words of main's own desktop interface — the application menu, the tray, the update
 * dialogs — in the interface language. At start that is the system's (chosen as the renderer
 * chooses, shared/interface-locales.ts); once the page is up it says which it uses
 * (`desktop.language`), so the reader's choice in Settings renames the menus at once.
 */
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import ar from '../../shared/catalogues/ar.json';
import de from '../../shared/catalogues/de.json';
import en from '../../shared/catalogues/en.json';
import es from '../../shared/catalogues/es.json';
import fr from '../../shared/catalogues/fr.json';
import he from '../../shared/catalogues/he.json';
import ja from '../../shared/catalogues/ja.json';
import ko from '../../shared/catalogues/ko.json';
import zhCN from '../../shared/catalogues/zh-CN.json';
import {
  DEFAULT_LOCALE,
  matchLocale,
  type AnyLocale,
  type InterfaceLocale,
} from '../../shared/interface-locales';
import type { Handlers } from '../../shared/contract';
import type { MainMessageId } from '../../shared/main-text';

export type DesktopMessageId = Extract<MainMessageId, `main.desktop.${string}`>;
export type DesktopSay = (id: DesktopMessageId, values?: Record<string, string | number>) => string;

const CATALOGUES: Record<InterfaceLocale, Record<string, string>> = {
  en,
  de,
  fr,
  es,
  ko,
  ja,
  'zh-CN': zhCN,
  ar,
  he,
};

export interface DesktopWords {
  locale(): InterfaceLocale;
  say: DesktopSay;
  /** The language the page now speaks; the pseudo-locale's menus stay English. */
  set(locale: AnyLocale): void;
  /** Called after each change of language; returns an unsubscribe. */
  subscribe(listener: () => void): () => void;
}

export function createDesktopWords(systemLanguages: readonly string[]): DesktopWords {
  const cache = createIntlCache();
  const listeners = new Set<() => void>();
  let current = matchLocale(systemLanguages);
  let intl: IntlShape<string> | undefined;

  return {
    locale: () => current,
    say(id, values) {
      intl ??= createIntl<string>(
        { locale: current, messages: CATALOGUES[current], defaultLocale: DEFAULT_LOCALE },
        cache,
      );
      return intl.formatMessage({ id }, values);
    },
    set(locale) {
      const next = locale in CATALOGUES ? (locale as InterfaceLocale) : DEFAULT_LOCALE;
      if (next === current) return;
      current = next;
      intl = undefined;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The `desktop.language` answer: main's words follow the page's language. */
export function desktopLanguageHandler(words: DesktopWords): Pick<Handlers, 'desktop.language'> {
  return {
    'desktop.language': async ({ locale }) => {
      words.set(locale);
      return null;
    },
  };
}
