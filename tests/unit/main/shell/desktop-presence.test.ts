import { desktopCapabilities } from '@main/desktop/capabilities';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createDesktopWords } from '@main/desktop/desktop-words';
import { createPreferencesStore } from '@main/desktop/preferences-store';
import { createDesktopPresence } from '@main/shell/desktop-presence';
import { DEFAULT_DESKTOP_PREFERENCES } from '@shared/desktop-model';

/** Small recording stand-ins for the Electron objects the presence is given. */
function electronStandIns() {
  const log: string[] = [];
  const trays: FakeTray[] = [];
  class FakeTray {
    toolTip = '';
    menu: MenuItemConstructorOptions[] = [];
    constructor(readonly image: unknown) {
      trays.push(this);
    }
    setToolTip(text: string) {
      this.toolTip = text;
    }
    setContextMenu(menu: MenuItemConstructorOptions[]) {
      this.menu = menu;
    }
    on() {}
    destroy() {
      log.push('tray destroyed');
    }
  }
  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    quit: () => log.push('quit'),
    setBadgeCount: (n: number) => (log.push(`badge ${n}`), true),
    getAppPath: () => '/app',
    getLoginItemSettings: () => ({ openAtLogin: false }),
    setLoginItemSettings: () => log.push('login item'),
  });
  const image = { resize: () => image, isEmpty: () => false };
  return {
    log,
    trays,
    app,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => template },
    nativeImage: { createFromPath: () => image, createFromDataURL: () => image },
    autoUpdater: new EventEmitter(),
  };
}

class FakeWindow extends EventEmitter {
  hidden = false;
  hide() {
    this.hidden = true;
  }
  isDestroyed() {
    return false;
  }
  setOverlayIcon() {}
}

describe('living on the Linux desktop', () => {
  it('follows the preferences: tray with the count, close to it, Quit quits, autostart written', async () => {
    const fake = electronStandIns();
    const preferences = createPreferencesStore();
    const config = mkdtempSync(join(tmpdir(), 'broadsheet-presence-'));
    onTestFinished(() => rmSync(config, { recursive: true, force: true }));
    const window = new FakeWindow();
    const refreshed: number[] = [];
    const presence = createDesktopPresence({
      app: fake.app as never,
      Tray: fake.Tray as never,
      Menu: fake.Menu as never,
      nativeImage: fake.nativeImage as never,
      autoUpdater: fake.autoUpdater as never,
      platform: 'linux',
      capabilities: desktopCapabilities('linux', true),
      env: { XDG_CONFIG_HOME: config },
      homeDir: '/nowhere',
      execPath: '/opt/Broadsheet/broadsheet',
      fs: nodeFs,
      iconPath: '/icon.png',
      preferences,
      getWindow: () => window as never,
      showWindow: () => undefined,
      refresh: () => refreshed.push(1),
      words: createDesktopWords(['en-US']),
    });
    presence.attachWindow(window as never);

    const capabilities = await presence.handlers['desktop.preferences']({
      ...DEFAULT_DESKTOP_PREFERENCES,
      tray: true,
      openAtLogin: true,
    });
    expect(capabilities).toMatchObject({ badge: 'count', tray: true, openAtLogin: true });
    expect(fake.trays).toHaveLength(1);
    await presence.handlers['desktop.badge']({ count: 7 });
    expect(fake.log).toContain('badge 7');
    expect(fake.trays[0]!.toolTip).toBe('Broadsheet: 7 unread articles');

    // The close button hides the window to the tray: the page keeps storing refreshes.
    let prevented = false;
    window.emit('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(window.hidden).toBe(true);

    const item = (label: string) =>
      fake.trays[0]!.menu.find((entry) => entry.label === label)!.click as () => void;
    item('Refresh')();
    expect(refreshed).toEqual([1]);
    item('Quit Broadsheet')();
    expect(fake.log).toContain('quit');
    await expect
      .poll(() => nodeFs.readdir(join(config, 'autostart')).catch(() => []))
      .toHaveLength(1);
  });
});
