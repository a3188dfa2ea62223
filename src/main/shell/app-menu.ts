import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  isMac: boolean;
  appName: string;
  isDev: boolean;
  openHelp: () => void;
  /** "Check for updates…", only where this copy can update itself (shell/updater.ts). */
  checkForUpdates?: () => void;
}

/** The standard menus people expect; roles give each platform its native behaviour. */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { isMac, appName } = options;
  const template: MenuItemConstructorOptions[] = [];
  // Where each system's apps keep it: the app menu on macOS (title case, as its menus are),
  // the Help menu elsewhere.
  const updates = (label: string): MenuItemConstructorOptions[] =>
    options.checkForUpdates ? [{ label, click: options.checkForUpdates }] : [];
  if (isMac) {
    template.push({
      label: appName,
      submenu: [
        { role: 'about' },
        ...updates('Check for Updates…'),
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
    { label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: 'Edit',
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
      label: 'View',
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
      label: 'Window',
      submenu: isMac
        ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
        : [{ role: 'minimize' }, { role: 'close' }],
    },
    {
      role: 'help',
      submenu: [
        { label: `${appName} Help`, click: options.openHelp },
        ...(isMac ? [] : updates('Check for updates…')),
      ],
    },
  );
  return template;
}
