import { shell, type BrowserWindow, type Session } from 'electron';
import { contentSecurityPolicy } from '../../shared/content-security-policy';
import { isAppUrl, safeExternalUrl } from './external-links';

export interface SecurityOptions {
  appUrl: string;
  devServerUrl?: string;
}

/** Session-wide rules: the CSP header, and no permission (camera, notifications, …) ever granted. */
export function hardenSession(session: Session, options: SecurityOptions): void {
  const csp = contentSecurityPolicy(
    options.devServerUrl
      ? {
          allowDevServer: true,
          connectSources: [options.devServerUrl, options.devServerUrl.replace(/^http/, 'ws')],
        }
      : {},
  );
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      // Electronegativity cannot read a computed policy; lint:electron evaluates this one.
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] }, // eng-disable CSP_GLOBAL_CHECK
    });
  });
  // The window turns spellcheck off too (window-options.ts); the session-wide switch keeps
  // Chromium from fetching Hunspell dictionaries for any page of this session.
  session.setSpellCheckerEnabled(false);
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Window-level rules: the page never navigates away and never opens windows of its own. */
export function hardenWindow(window: BrowserWindow, options: SecurityOptions): void {
  const contents = window.webContents;
  const openOutside = (url: string): void => {
    const safe = safeExternalUrl(url);
    // Only http(s) URLs with a host reach the OS (safeExternalUrl).
    if (safe) void shell.openExternal(safe); // eng-disable OPEN_EXTERNAL_JS_CHECK
  };
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, options.appUrl)) return;
    event.preventDefault();
    openOutside(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, options.appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
}
