/**
 * The reader's Language choice, kept in this window's local storage rather than the library:
 * it is read before the first paint (no flash of English before IndexedDB opens) and before the
 * recovery gate, which runs when the library cannot be opened at all.
 */
import { getLocaleState, onLocaleChange, switchLocale } from './current-locale';
import { isLanguageChoice, resolveLocale, type LanguageChoice } from './locales';

const KEY = 'broadsheet.language';

export function getLanguageChoice(): LanguageChoice {
  try {
    const stored = localStorage.getItem(KEY);
    return isLanguageChoice(stored) ? stored : 'system';
  } catch {
    return 'system';
  }
}

const systemLanguages = (): readonly string[] =>
  navigator.languages?.length ? navigator.languages : [navigator.language];

function applyToDocument(): void {
  const { locale, dir } = getLocaleState();
  document.documentElement.lang = locale;
  document.documentElement.dir = dir;
}

let started = false;

/** Makes the chosen (or system) language current before the first paint, and follows it. */
export async function startLocale(): Promise<void> {
  if (!started) {
    started = true;
    onLocaleChange(applyToDocument);
    // A system language change applies at once while the reader follows the system.
    window.addEventListener('languagechange', () => {
      if (getLanguageChoice() === 'system')
        void switchLocale(resolveLocale('system', systemLanguages()));
    });
  }
  await switchLocale(resolveLocale(getLanguageChoice(), systemLanguages()));
  applyToDocument();
}

/** Keeps the reader's choice and applies it at once, without a restart. */
export async function chooseLanguage(choice: LanguageChoice): Promise<void> {
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // Storage refused (a locked-down profile): the choice still applies until the window closes.
  }
  await switchLocale(resolveLocale(choice, systemLanguages()));
}

/** The locale "System language" stands for here, for the menu to name it. */
export const systemLocale = () => resolveLocale('system', systemLanguages());
