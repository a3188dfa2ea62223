import { describe, expect, it } from 'vitest';
import { createDesktopWords } from '@main/desktop/desktop-words';
import { buildMenuTemplate } from '@main/shell/app-menu';
import { isAppUrl, safeExternalUrl } from '@main/shell/external-links';
import { buildWindowOptions } from '@main/shell/window-options';
import {
  DEFAULT_STATE,
  fitToDisplays,
  parseWindowState,
  serializeWindowState,
} from '@main/shell/window-state';

describe('window options', () => {
  const options = buildWindowOptions({
    preloadPath: '/app/out/preload/index.js',
    bounds: { x: 10, y: 20, width: 1000, height: 700 },
    devTools: false,
  });

  it('isolates the page from Node and Electron', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('never downloads spellchecker dictionaries', () => {
    expect(options.webPreferences?.spellcheck).toBe(false);
  });

  it('has developer tools only when asked for (development builds)', () => {
    expect(options.webPreferences?.devTools).toBe(false);
    const dev = buildWindowOptions({
      preloadPath: '/app/out/preload/index.js',
      bounds: { x: 0, y: 0, width: 800, height: 600 },
      devTools: true,
    });
    expect(dev.webPreferences?.devTools).toBe(true);
  });

  it('opens where it was left, hidden until ready', () => {
    expect(options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700, show: false });
  });
});

describe('external links', () => {
  it.each([
    ['https://example.com/story?id=1', 'https://example.com/story?id=1'],
    ['http://example.com', 'http://example.com/'],
  ])('lets %s go to the OS browser', (url, expected) => {
    expect(safeExternalUrl(url)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'smb://server/share',
    'ms-settings:',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'not a url',
    '',
  ])('never hands %s to the OS', (url) => {
    expect(safeExternalUrl(url)).toBeUndefined();
  });

  it('recognises only the app’s own page as in-app navigation', () => {
    const fileApp = 'file:///opt/broadsheet/out/renderer/index.html';
    expect(isAppUrl('file:///opt/broadsheet/out/renderer/index.html#x', fileApp)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', fileApp)).toBe(false);
    // The same path on another machine (a UNC path on Windows) is not our page.
    expect(isAppUrl('file://server/opt/broadsheet/out/renderer/index.html', fileApp)).toBe(false);
    expect(isAppUrl('file://127.0.0.1/opt/broadsheet/out/renderer/index.html', fileApp)).toBe(
      false,
    );
    const windowsApp = 'file:///C:/Program%20Files/Broadsheet/out/renderer/index.html';
    expect(isAppUrl(`${windowsApp}#/feeds`, windowsApp)).toBe(true);
    expect(
      isAppUrl(
        'file://evil-host/C:/Program%20Files/Broadsheet/out/renderer/index.html',
        windowsApp,
      ),
    ).toBe(false);
    // Installed on a share: only that share's page is ours.
    const shareApp = 'file://server/apps/broadsheet/out/renderer/index.html';
    expect(isAppUrl(shareApp, shareApp)).toBe(true);
    expect(isAppUrl('file://other/apps/broadsheet/out/renderer/index.html', shareApp)).toBe(false);
    expect(isAppUrl('file:///apps/broadsheet/out/renderer/index.html', shareApp)).toBe(false);
    expect(isAppUrl('https://evil.example/', fileApp)).toBe(false);
    const devApp = 'http://localhost:5173/';
    expect(isAppUrl('http://localhost:5173/index.html', devApp)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', devApp)).toBe(false);
  });
});

describe('window state', () => {
  it('round-trips what it saves', () => {
    const state = { x: 40, y: 50, width: 1200, height: 800, maximized: true };
    expect(parseWindowState(serializeWindowState(state))).toEqual(state);
  });

  it.each([undefined, '', '{', 'null', '[]', '{"width":"big"}', '{"width":50,"height":50}'])(
    'falls back to defaults for %s',
    (text) => {
      expect(parseWindowState(text)).toEqual(DEFAULT_STATE);
    },
  );

  it('drops a position that lies on a display that is gone', () => {
    const state = { x: 3000, y: 100, width: 1000, height: 700, maximized: false };
    const laptop = [{ x: 0, y: 0, width: 1440, height: 900 }];
    expect(fitToDisplays(state, laptop)).toEqual({ width: 1000, height: 700, maximized: false });
    const withMonitor = [...laptop, { x: 1440, y: 0, width: 2560, height: 1440 }];
    expect(fitToDisplays(state, withMonitor)).toEqual(state);
  });
});

describe('app menu', () => {
  const labels = (isMac: boolean) =>
    buildMenuTemplate({
      isMac,
      appName: 'Broadsheet',
      isDev: false,
      openHelp: () => undefined,
      say: createDesktopWords(['en-US']).say,
    }).map((item) => item.label ?? item.role);

  it('has the standard menus on each platform', () => {
    expect(labels(true)).toEqual(['Broadsheet', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(labels(false)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('offers developer tools only in development', () => {
    const roles = (isDev: boolean) =>
      JSON.stringify(
        buildMenuTemplate({
          isMac: false,
          appName: 'B',
          isDev,
          openHelp: () => undefined,
          say: createDesktopWords(['en-US']).say,
        }),
      );
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(false)).not.toContain('toggleDevTools');
  });
});
