import type { Handlers } from '../../shared/contract';
import type { LinkQueue } from './link-queue';

export type DesktopMethod =
  | 'desktop.preferences'
  | 'desktop.badge'
  | 'desktop.notify'
  | 'desktop.takeLinks'
  | 'desktop.language'
  | 'updates.check'
  | 'updates.install'
  | 'updates.current';

export type DesktopHandlers = Pick<Handlers, DesktopMethod>;

/**
 * The browser host's (and tests') answers: the page notifies and shows its count itself (Web
 * Notifications, the title), there is no installer to update, and links come only from the
 * host's own command line (`--open`).
 */
export function browserDesktopHandlers(links: LinkQueue): DesktopHandlers {
  return {
    'desktop.preferences': async () => ({
      notifications: 'web',
      badge: 'none',
      updates: false,
      tray: false,
      openAtLogin: false,
    }),
    'desktop.badge': async () => null,
    'desktop.notify': async () => null,
    'desktop.takeLinks': async () => ({ links: links.take() }),
    // The page is the whole interface here: no menus or tray of main's own to name.
    'desktop.language': async () => null,
    'updates.check': async () => ({
      state: 'unsupported',
      reason: 'Updates come with the desktop app.',
    }),
    'updates.install': async () => null,
    'updates.current': async () => ({
      state: 'unsupported',
      reason: 'Updates come with the desktop app.',
    }),
  };
}
