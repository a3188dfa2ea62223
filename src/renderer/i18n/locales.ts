/**
 * The reader's choice among the interface languages (shared/interface-locales.ts lists them),
 * which way each one writes, and what each calls itself. Plain data and functions: no React,
 * no catalogue.
 */

import {
  INTERFACE_LOCALES,
  matchLocale,
  PSEUDO_LOCALE,
  type AnyLocale,
  type InterfaceLocale,
} from '@shared/interface-locales';

/** What the reader picked in Settings: a language, or whatever the system prefers. */
export type LanguageChoice = 'system' | AnyLocale;

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
