import type { MenuItemConstructorOptions } from 'electron';
import type { DesktopWords } from '../desktop/desktop-words';
import { trayMenu, trayToolTip, type TrayAction } from '../desktop/tray-menu';

/** The parts of Electron's Tray this uses (a small stand-in in tests). */
export interface TrayLike<M> {
  setToolTip(toolTip: string): void;
  setContextMenu(menu: M | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayDeps<M> {
  /** `(icon) => new Tray(icon)`. */
  createTray: () => TrayLike<M>;
  /** `Menu.buildFromTemplate`. */
  buildMenu: (template: MenuItemConstructorOptions[]) => M;
  platform: NodeJS.Platform;
  actions: Record<TrayAction, () => void>;
  /** Main's words in the interface language; a change of language rebuilds the menu. */
  words: DesktopWords;
}

export interface TrayIcon {
  setShown(shown: boolean): void;
  isShown(): boolean;
  setCount(count: number): void;
}

/**
 * The optional tray icon (Windows, Linux): the unread count in its tooltip and at the top of
 * its menu, then Open, Refresh and Quit. The menu is built anew on every change: Linux app
 * indicators take a changed menu only through setContextMenu. On Windows a click on the icon
 * opens the window, as people expect there; Linux indicators send no clicks.
 */
export function createTrayIcon<M>(deps: TrayDeps<M>): TrayIcon {
  let tray: TrayLike<M> | undefined;
  let count: number | undefined;

  const refresh = (): void => {
    if (!tray) return;
    tray.setToolTip(trayToolTip(count, deps.words.say));
    tray.setContextMenu(
      deps.buildMenu(
        trayMenu(count, deps.words.say).map((item): MenuItemConstructorOptions => {
          if (item.kind === 'separator') return { type: 'separator' };
          if (item.kind === 'label') return { label: item.label, enabled: false };
          return { label: item.label, click: () => deps.actions[item.action]() };
        }),
      ),
    );
  };

  deps.words.subscribe(refresh);

  return {
    setShown(shown) {
      if (shown && !tray) {
        tray = deps.createTray();
        if (deps.platform === 'win32') tray.on('click', () => deps.actions.open());
        refresh();
      } else if (!shown && tray) {
        tray.destroy();
        tray = undefined;
      }
    },
    isShown: () => tray !== undefined,
    setCount(next) {
      if (next === count) return;
      count = next;
      refresh();
    },
  };
}
