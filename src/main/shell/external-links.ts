import { parseWebUrl } from '../../shared/web-url';

/**
 * Only web pages may leave the app for the OS browser: a link to file:, smb:, a custom
 * protocol handler or javascript: could launch local programs, so those are dropped.
 */
export function safeExternalUrl(url: string): string | undefined {
  const parsed = parseWebUrl(url);
  if (!parsed?.hostname) return undefined;
  return parsed.toString();
}

/**
 * The renderer's own pages. Everything else a frame tries to load is a navigation away from
 * the app, which we never allow inside the window.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appUrl);
    if (app.protocol === 'file:') {
      // The host too: file://server/share/… is a file on another machine (a UNC path on
      // Windows), even when its path matches ours.
      return (
        target.protocol === 'file:' && target.host === app.host && target.pathname === app.pathname
      );
    }
    return target.origin === app.origin;
  } catch {
    return false;
  }
}
