/**
 * The interface languages Broadsheet speaks, how one is chosen from the system's preferences,
 * and which way each one writes. Plain data and functions: no React, no catalogue.
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

/** What the reader picked in Settings: a language, or whatever the system prefers. */
export type LanguageChoice = 'system' | AnyLocale;

export const DEFAULT_LOCALE: InterfaceLocale = 'en';

const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'sd', 'ug', 'dv', 'ckb']);

/** The writing direction of a language tag; unknown and malformed tags read left to right. */
export function directionOf(tag: string | undefined): 'ltr' | 'rtl' {
  if (!tag) return 'ltr';
  try {
    const locale = new Intl.Locale(tag);
    // Scripts decide where a language has more than one (Azeri in Arabic script, Uyghur in Latin).
    const script = locale.maximize().script;
    if (script)
      return ['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg'].includes(script)
        ? 'rtl'
        : 'ltr';
    return RIGHT_TO_LEFT.has(locale.language) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

export function isLanguageChoice(value: unknown): value is LanguageChoice {
  return (
    value === 'system' ||
    value === PSEUDO_LOCALE ||
    (INTERFACE_LOCALES as readonly unknown[]).includes(value)
  );
}

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

/** The locale a choice stands for on this system. */
export function resolveLocale(choice: LanguageChoice, preferred: readonly string[]): AnyLocale {
  return choice === 'system' ? matchLocale(preferred) : choice;
}

/** A language's own name for itself ("Deutsch", "日本語", "العربية"), for the Language menu. */
export function nativeName(locale: InterfaceLocale): string {
  // Chinese readers pick by script: "简体中文", not "中文（中国）".
  const tag = locale === 'zh-CN' ? 'zh-Hans' : locale;
  const name = new Intl.DisplayNames([locale], { type: 'language' }).of(tag) ?? locale;
  // Display names start lower case in some languages ("français"); a menu item starts upper.
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}
