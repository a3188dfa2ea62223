import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import {
  fitToDisplays,
  parseWindowState,
  serializeWindowState,
  type Rect,
  type WindowState,
} from './window-state';

const FILE = 'window-state.json';

export function loadWindowState(userDataDir: string, workAreas: Rect[]): WindowState {
  let text: string | undefined;
  try {
    text = readFileSync(join(userDataDir, FILE), 'utf8');
  } catch {
    text = undefined;
  }
  return fitToDisplays(parseWindowState(text), workAreas);
}

/** Saves the normal (unmaximized) bounds, so un-maximizing next time restores a sane size. */
export function trackWindowState(window: BrowserWindow, userDataDir: string): void {
  let timer: NodeJS.Timeout | undefined;
  const save = (): void => {
    if (window.isDestroyed()) return;
    const bounds = window.getNormalBounds();
    const state: WindowState = { ...bounds, maximized: window.isMaximized() };
    try {
      writeFileSync(join(userDataDir, FILE), serializeWindowState(state));
    } catch {
      // Losing the window position is harmless; never let it break closing the app.
    }
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('close', () => {
    clearTimeout(timer);
    save();
  });
}
