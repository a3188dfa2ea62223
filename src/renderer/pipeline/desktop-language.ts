import type { BroadsheetApi } from '@shared/contract';
import { getApi } from '../api/broadsheet-api';
import { getLocaleState, onLocaleChange } from '../i18n/current-locale';

/*
 * Tells main the interface language in use, at start and on every change, so its own words —
 * the application menu, the tray, the update dialogs — read as the page does
 * (main/desktop/desktop-words.ts).
 */

/** Starts telling for as long as the app is open; returns the stop function. */
export function startDesktopLanguage(api: BroadsheetApi = getApi()): () => void {
  let told: string | undefined;
  const tell = (): void => {
    const { locale } = getLocaleState();
    if (locale === told) return;
    told = locale;
    void api.invoke('desktop.language', { locale }).then((answer) => {
      // Told again with the next change or the next start; the menus keep their words meanwhile.
      if (!answer.ok) {
        if (told === locale) told = undefined;
        console.warn('Could not tell the app the interface language:', answer.error.message);
      }
    });
  };
  tell();
  return onLocaleChange(tell);
}
