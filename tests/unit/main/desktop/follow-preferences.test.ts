import { describe, expect, it } from 'vitest';
import { desktopCapabilities } from '@main/desktop/capabilities';
import { followPreferences } from '@main/desktop/follow-preferences';
import { createPreferencesStore } from '@main/desktop/preferences-store';
import { DEFAULT_DESKTOP_PREFERENCES } from '@shared/desktop-model';

function followers() {
  const calls: string[] = [];
  return {
    calls,
    tray: { setShown: (shown: boolean) => void calls.push(`tray ${shown}`) },
    loginItem: {
      set: async (open: boolean) => {
        calls.push(`login ${open}`);
      },
    },
  };
}

describe('the tray and the login item follow the reader’s choices', () => {
  it('does nothing before the renderer speaks, then brings the system in line once per change', async () => {
    const store = createPreferencesStore();
    const f = followers();
    followPreferences(store, desktopCapabilities('linux', true), f);
    expect(f.calls).toEqual([]);
    store.set(DEFAULT_DESKTOP_PREFERENCES);
    expect(f.calls).toEqual(['tray false', 'login false']);
    store.set({ ...DEFAULT_DESKTOP_PREFERENCES, badge: 'none' });
    store.set({ ...DEFAULT_DESKTOP_PREFERENCES, badge: 'none', tray: true });
    store.set({ ...DEFAULT_DESKTOP_PREFERENCES, badge: 'none', tray: true, openAtLogin: true });
    expect(f.calls).toEqual(['tray false', 'login false', 'tray true', 'login true']);
  });

  it('never shows a tray on macOS, where the dock keeps the app', () => {
    const store = createPreferencesStore();
    const f = followers();
    followPreferences(store, desktopCapabilities('darwin', true), f);
    store.set({ ...DEFAULT_DESKTOP_PREFERENCES, tray: true, openAtLogin: true });
    expect(f.calls).toEqual(['login true']);
  });

  it('logs a login item that could not be changed instead of failing the preferences', async () => {
    const store = createPreferencesStore();
    const errors: string[] = [];
    followPreferences(store, desktopCapabilities('linux', true), {
      loginItem: { set: () => Promise.reject(new Error('read-only home')) },
      logError: (message, error) => errors.push(`${message} ${(error as Error).message}`),
    });
    store.set({ ...DEFAULT_DESKTOP_PREFERENCES, openAtLogin: true });
    await expect.poll(() => errors).toEqual(['Could not change opening at login: read-only home']);
  });
});
