import { mkdtempSync, rmSync } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Settings } from 'electron';
import { describe, expect, it, onTestFinished } from 'vitest';
import { APP_ID } from '@main/desktop/desktop-identity';
import { createLoginItem } from '@main/shell/login-item';

function fakeApp(packaged: boolean) {
  const set: Settings[] = [];
  let open = false;
  return {
    set,
    app: {
      isPackaged: packaged,
      getAppPath: () => '/src/broadsheet',
      getLoginItemSettings: () => ({ openAtLogin: open }) as never,
      setLoginItemSettings: (settings: Settings) => {
        set.push(settings);
        open = settings.openAtLogin ?? false;
      },
    },
  };
}

describe('open at login', () => {
  it('writes and removes an XDG autostart entry on Linux, starting the AppImage file', async () => {
    const home = mkdtempSync(join(tmpdir(), 'broadsheet-login-'));
    onTestFinished(() => rmSync(home, { recursive: true, force: true }));
    const config = join(home, 'config');
    const { app, set } = fakeApp(true);
    const item = createLoginItem({
      app,
      platform: 'linux',
      fs: nodeFs,
      env: { XDG_CONFIG_HOME: config, APPIMAGE: '/home/ann/Apps/Broadsheet 1.0.AppImage' },
      homeDir: home,
      execPath: '/tmp/.mount_Broad/broadsheet',
    });
    const file = join(config, 'autostart', `${APP_ID}.desktop`);
    await item.set(true);
    expect(await nodeFs.readFile(file, 'utf8')).toContain(
      'Exec="/home/ann/Apps/Broadsheet 1.0.AppImage"\n',
    );
    await item.set(false);
    await expect(nodeFs.stat(file)).rejects.toThrow();
    // Electron's login item is never asked on Linux.
    expect(set).toEqual([]);
  });

  it('uses Electron’s login item on macOS and Windows, only when the system says otherwise', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { app, set } = fakeApp(true);
      const item = createLoginItem({
        app,
        platform,
        fs: nodeFs,
        env: {},
        homeDir: '/nowhere',
        execPath: 'C:\\Broadsheet\\Broadsheet.exe',
      });
      await item.set(false);
      await item.set(true);
      await item.set(true);
      await item.set(false);
      expect(set).toEqual([{ openAtLogin: true }, { openAtLogin: false }]);
    }
  });

  it('tells an unpackaged Electron on Windows which app to open', async () => {
    const { app, set } = fakeApp(false);
    await createLoginItem({
      app,
      platform: 'win32',
      fs: nodeFs,
      env: {},
      homeDir: '/nowhere',
      execPath: 'C:\\electron\\electron.exe',
    }).set(true);
    expect(set).toEqual([
      { openAtLogin: true, path: 'C:\\electron\\electron.exe', args: ['"/src/broadsheet"'] },
    ]);
  });
});
