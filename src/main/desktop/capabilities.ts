import type { DesktopCapabilities } from '../../shared/desktop-model';

/**
 * What the desktop app can do on this system. Windows has no numeric dock badge, so the
 * renderer draws an overlay icon there; macOS keeps living in its dock and menu bar, so it has
 * no tray icon. Updates need an installed package (not `npm start`).
 */
export function desktopCapabilities(
  platform: NodeJS.Platform,
  packaged: boolean,
): DesktopCapabilities {
  return {
    notifications: 'native',
    badge:
      platform === 'win32'
        ? 'overlay'
        : platform === 'darwin' || platform === 'linux'
          ? 'count'
          : 'none',
    updates: packaged && (platform === 'win32' || platform === 'darwin' || platform === 'linux'),
    tray: platform === 'win32' || platform === 'linux',
    openAtLogin: platform === 'win32' || platform === 'darwin' || platform === 'linux',
  };
}
