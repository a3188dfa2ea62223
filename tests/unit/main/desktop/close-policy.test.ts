import { describe, expect, it } from 'vitest';
import { closeAction } from '@main/desktop/close-policy';

describe('closing the window', () => {
  it('hides it on macOS, where the app stays in the dock and keeps refreshing', () => {
    expect(closeAction({ platform: 'darwin', quitting: false, trayShown: false })).toBe('hide');
  });

  it('hides it to the tray on Windows and Linux while the tray icon shows, else closes', () => {
    for (const platform of ['win32', 'linux'] as const) {
      expect(closeAction({ platform, quitting: false, trayShown: true })).toBe('hide');
      expect(closeAction({ platform, quitting: false, trayShown: false })).toBe('close');
    }
  });

  it('closes it whenever a real quit is under way', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(closeAction({ platform, quitting: true, trayShown: true })).toBe('close');
    }
  });
});
