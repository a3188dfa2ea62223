import { useEffect } from 'react';
import { startDesktopLanguage } from '../../../pipeline/desktop-language';
import { startDesktopPreferences } from '../../../pipeline/desktop-preferences';
import { startUnreadBadge } from '../../../pipeline/unread-badge';

/**
 * Living on the reader's computer, for as long as the app is open: the `desktop` setting handed
 * to main at start and on every change, as is the interface language (for main's menus), and
 * the unread count in the title and on the app icon.
 */
export function useDesktopUpkeep(): void {
  useEffect(() => {
    const stopPreferences = startDesktopPreferences();
    const stopLanguage = startDesktopLanguage();
    const stopBadge = startUnreadBadge();
    return () => {
      stopPreferences();
      stopLanguage();
      stopBadge();
    };
  }, []);
}
