import type { DesktopSay } from './desktop-words';
import { PRODUCT_NAME } from './desktop-identity';

/** The tray's tooltip (Windows; most Linux panels do not show one). */
export function trayToolTip(count: number | undefined, say: DesktopSay): string {
  return count === undefined
    ? PRODUCT_NAME
    : say('main.desktop.tray.toolTip', { app: PRODUCT_NAME, count });
}

export type TrayAction = 'open' | 'refresh' | 'quit';
export type TrayMenuItem =
  | { kind: 'label'; label: string }
  | { kind: 'action'; action: TrayAction; label: string }
  | { kind: 'separator' };

/**
 * The tray's menu. The count is its first, inert line as well as the tooltip: Linux app
 * indicators show no tooltip and ignore clicks on the icon, so the menu is all they have.
 */
export function trayMenu(count: number | undefined, say: DesktopSay): TrayMenuItem[] {
  return [
    ...(count === undefined
      ? []
      : [
          { kind: 'label', label: say('main.desktop.tray.unread', { count }) } as const,
          { kind: 'separator' } as const,
        ]),
    { kind: 'action', action: 'open', label: say('main.desktop.tray.open', { app: PRODUCT_NAME }) },
    { kind: 'action', action: 'refresh', label: say('main.desktop.tray.refresh') },
    { kind: 'separator' },
    { kind: 'action', action: 'quit', label: say('main.desktop.tray.quit', { app: PRODUCT_NAME }) },
  ];
}
