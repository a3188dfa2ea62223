/**
 * The interface languages Broadsheet speaks and how one is chosen from the system's
 * preferences: the renderer's (renderer/i18n/locales.ts) and main's own desktop words
 * (main/desktop/desktop-words.ts) choose the same way.
 */

export const INTERFACE_LOCALES = ['en', 'de', 'fr', 'es', 'ko', 'ja', 'zh-CN', 'ar', 'he'] as const;

/**
 * The pseudo-locale: English accented, 40 % longer and bracketed, so a screen shows at a glance
 * what escaped translation and what a longer language would cut off. Offered only where asked
 * for (tests, a translator's build), never in the Language menu.
 */
export const PSEUDO_LOCALE = 'en-XA';

export type InterfaceLocale = (typeof INTERFACE_LOCALES)[number];
export type AnyLocale = InterfaceLocale | typeof PSEUDO_LOCALE;

export const DEFAULT_LOCALE: InterfaceLocale = 'en';

/**
 * The first of the system's preferred languages that Broadsheet speaks, by language and, for
 * Chinese, by script: a reader who prefers Traditional Chinese is not handed Simplified (the
 * next preference, or English, serves better than a script they did not ask for).
 */
export function matchLocale(preferred: readonly string[]): InterfaceLocale {
  for (const tag of preferred) {
    let locale: Intl.Locale;
    try {
      locale = new Intl.Locale(tag).maximize();
    } catch {
      continue;
    }
    if (locale.language === 'zh') {
      if (locale.script === 'Hans') return 'zh-CN';
      continue;
    }
    const match = INTERFACE_LOCALES.find((candidate) => candidate === locale.language);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}
