import type { MenuItemConstructorOptions } from 'electron';
import type { DesktopSay } from '../desktop/desktop-words';

export interface MenuOptions {
  isMac: boolean;
  appName: string;
  isDev: boolean;
  openHelp: () => void;
  /** "Check for updates…", only where this copy can update itself (shell/updater.ts). */
  checkForUpdates?: () => void;
  /** Main's words in the interface language (role items keep Electron's own labels). */
  say: DesktopSay;
}

/** The standard menus people expect; roles give each platform its native behaviour. */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { isMac, appName, say } = options;
  const template: MenuItemConstructorOptions[] = [];
  // Where each system's apps keep it: the app menu on macOS (in English in title case, as its
  // menus are), the Help menu elsewhere.
  const label = say('main.desktop.menu.checkForUpdates', { macOS: isMac ? 'yes' : 'no' });
  const updates = (): MenuItemConstructorOptions[] =>
    options.checkForUpdates ? [{ label, click: options.checkForUpdates }] : [];
  if (isMac) {
    template.push({
      label: appName,
      submenu: [
        { role: 'about' },
        ...updates(),
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(
    {
      label: say('main.desktop.menu.file'),
      submenu: [isMac ? { role: 'close' } : { role: 'quit' }],
    },
    {
      label: say('main.desktop.menu.edit'),
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: say('main.desktop.menu.view'),
      submenu: [
        { role: 'reload' },
        ...(options.isDev ? [{ role: 'toggleDevTools' } as const] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: say('main.desktop.menu.window'),
      submenu: isMac
        ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
        : [{ role: 'minimize' }, { role: 'close' }],
    },
    {
      role: 'help',
      label: say('main.desktop.menu.help'),
      submenu: [
        { label: say('main.desktop.menu.appHelp', { app: appName }), click: options.openHelp },
        ...(isMac ? [] : updates()),
      ],
    },
  );
  return template;
}
