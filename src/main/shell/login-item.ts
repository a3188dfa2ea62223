import type { App } from 'electron';
import {
  autostartEntry,
  autostartPath,
  launchCommand,
  setAutostart,
  type AutostartFs,
} from '../desktop/autostart-entry';

export interface LoginItemDeps {
  app: Pick<App, 'setLoginItemSettings' | 'getLoginItemSettings' | 'isPackaged' | 'getAppPath'>;
  platform: NodeJS.Platform;
  fs: AutostartFs;
  env: NodeJS.ProcessEnv;
  homeDir: string;
  execPath: string;
}

export interface LoginItem {
  set(openAtLogin: boolean): Promise<void>;
}

/**
 * "Open at login": Electron's login item on Windows (the Run key) and macOS (SMAppService's
 * main app service on macOS 13 and later); on Linux an XDG autostart entry, since Electron has
 * none there. The system is asked only when it does not already say the same.
 */
export function createLoginItem(deps: LoginItemDeps): LoginItem {
  const { app } = deps;
  return {
    async set(openAtLogin) {
      if (deps.platform === 'linux') {
        const command = launchCommand({
          execPath: deps.execPath,
          env: deps.env,
          packaged: app.isPackaged,
          appPath: app.getAppPath(),
        });
        const file = autostartPath(deps.env, deps.homeDir);
        await setAutostart(deps.fs, file, openAtLogin ? autostartEntry(command) : undefined);
        return;
      }
      if (deps.platform !== 'win32' && deps.platform !== 'darwin') return;
      // `npm start` on Windows: Electron itself must be told which app to open (quoted, as
      // Electron's documentation asks). The installed app is its own executable.
      const where =
        deps.platform === 'win32' && !app.isPackaged
          ? { path: deps.execPath, args: [`"${app.getAppPath()}"`] }
          : {};
      if (app.getLoginItemSettings(where).openAtLogin === openAtLogin) return;
      app.setLoginItemSettings({ openAtLogin, ...where });
    },
  };
}
