import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowBounds } from './window-state';

export interface WindowOptionsInput {
  preloadPath: string;
  bounds: WindowBounds;
  iconPath?: string;
  /** Development builds only: a packaged app gives no way into its page's internals. */
  devTools: boolean;
}

/** The one window's options; every web preference that matters for security is explicit. */
export function buildWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const { x, y, width, height } = input.bounds;
  return {
    x,
    y,
    width,
    height,
    minWidth: 480,
    minHeight: 360,
    show: false,
    title: 'Broadsheet',
    backgroundColor: '#fbfaf7',
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: input.devTools,
      // Chromium's spellchecker downloads its dictionaries from Google: an offline reader
      // makes no request the reader did not ask for.
      spellcheck: false,
    },
  };
}
