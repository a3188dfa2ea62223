import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '@main/api/dispatch';
import { desktopCapabilities as hostCapabilities } from '@main/desktop/capabilities';
import { preferencesHandler } from '@main/desktop/preferences-handler';
import { createPreferencesStore } from '@main/desktop/preferences-store';
import { patchSetting } from '@renderer/db/settings-repository';
import { desktopCapabilities } from '@renderer/lib/desktop-capabilities';
import { startDesktopPreferences } from '@renderer/pipeline/desktop-preferences';
import type { BroadsheetApi, Handlers } from '@shared/contract';
import { DEFAULT_DESKTOP_PREFERENCES, type DesktopPreferences } from '@shared/desktop-model';
import { testDatabases } from '../db/test-db';

const freshDb = testDatabases('desktop-preferences');
const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

/** Main's real handler and preferences store behind the real dispatcher (contract checks). */
function desktopMain(platform: NodeJS.Platform) {
  const store = createPreferencesStore();
  const heard: DesktopPreferences[] = [];
  store.subscribe((preferences) => heard.push(preferences));
  const capabilities = hostCapabilities(platform, true);
  const dispatch = createDispatcher(
    preferencesHandler(store, capabilities) as unknown as Handlers,
    () => undefined,
  );
  const api: BroadsheetApi = {
    invoke: (method, params) => dispatch(method, params) as never,
    on: () => () => undefined,
  };
  return { store, heard, capabilities, api };
}

describe('handing the desktop preferences to main', () => {
  it('sends the stored choice at start, keeps the capabilities, and sends every change', async () => {
    const db = freshDb();
    const main = desktopMain('linux');
    stops.push(startDesktopPreferences({ db, api: main.api }));
    // A library that never chose anything speaks for the defaults: main must hear something.
    await expect.poll(() => main.store.current()).toEqual(DEFAULT_DESKTOP_PREFERENCES);
    await expect.poll(() => desktopCapabilities()).toEqual(main.capabilities);

    await patchSetting('desktop', { tray: true }, db);
    await expect.poll(() => main.store.current()?.tray).toBe(true);
    await patchSetting('desktop', { badge: 'notify', openAtLogin: true }, db);
    await expect
      .poll(() => main.store.current())
      .toEqual({ updates: 'auto', badge: 'notify', tray: true, openAtLogin: true });
    // In order, each once.
    expect(main.heard.map((p) => [p.tray, p.badge])).toEqual([
      [false, 'all'],
      [true, 'all'],
      [true, 'notify'],
    ]);
  });

  it('sends only the fields the contract knows, so an old row with stray keys still speaks', async () => {
    const db = freshDb();
    await db.settings.put({
      key: 'desktop',
      value: { ...DEFAULT_DESKTOP_PREFERENCES, badge: 'none', dockBounce: true },
    });
    const main = desktopMain('win32');
    stops.push(startDesktopPreferences({ db, api: main.api }));
    await expect.poll(() => main.store.current()?.badge).toBe('none');
    expect(main.store.current()).not.toHaveProperty('dockBounce');
    await expect.poll(() => desktopCapabilities()?.badge).toBe('overlay');
  });
});
