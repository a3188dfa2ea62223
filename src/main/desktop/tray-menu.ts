import { PRODUCT_NAME } from './desktop-identity';

/** "No unread articles", "1 unread article", "12 unread articles". */
export function unreadPhrase(count: number): string {
  if (count <= 0) return 'No unread articles';
  return `${count} unread ${count === 1 ? 'article' : 'articles'}`;
}

/** The tray's tooltip (Windows; most Linux panels do not show one). */
export function trayToolTip(count: number | undefined): string {
  return count === undefined ? PRODUCT_NAME : `${PRODUCT_NAME}: ${unreadPhrase(count)}`;
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
export function trayMenu(count: number | undefined): TrayMenuItem[] {
  return [
    ...(count === undefined
      ? []
      : [{ kind: 'label', label: unreadPhrase(count) } as const, { kind: 'separator' } as const]),
    { kind: 'action', action: 'open', label: `Open ${PRODUCT_NAME}` },
    { kind: 'action', action: 'refresh', label: 'Refresh' },
    { kind: 'separator' },
    { kind: 'action', action: 'quit', label: `Quit ${PRODUCT_NAME}` },
  ];
}
