/**
 * What the desktop shell (Electron) and the browser host tell the renderer about living on the
 * reader's computer: preferences the renderer keeps in its settings and hands to main, what the
 * host can do with them, update status, and links the system asked us to open.
 */
import type { MainText } from './result';

/** The reader's choices, kept in the renderer's `desktop` setting and pushed to main. */
export interface DesktopPreferences {
  /** Look for new versions by itself ('auto'), or never touch the network for it ('off'). */
  updates: 'auto' | 'off';
  /** What the dock/taskbar badge and the page title count. */
  badge: 'all' | 'notify' | 'none';
  /** A tray icon with the unread count, Refresh and Quit (Windows and Linux). */
  tray: boolean;
  /** Start Broadsheet when the reader logs in. */
  openAtLogin: boolean;
}

export const DEFAULT_DESKTOP_PREFERENCES: DesktopPreferences = {
  updates: 'auto',
  badge: 'all',
  tray: false,
  openAtLogin: false,
};

/** What this host can do; the renderer shows only the options that apply. */
export interface DesktopCapabilities {
  /** Where notifications go: Electron's, the page's Web Notifications, or none. */
  notifications: 'native' | 'web' | 'none';
  /** A dock/taskbar badge ('count'), a Windows overlay icon drawn by the renderer, or none. */
  badge: 'count' | 'overlay' | 'none';
  updates: boolean;
  tray: boolean;
  openAtLogin: boolean;
}

export type UpdateStatus =
  | { state: 'unsupported'; reason: string }
  | { state: 'off' }
  | { state: 'idle'; checkedAt?: number }
  | { state: 'checking'; manual: boolean }
  | { state: 'none'; checkedAt: number; manual: boolean }
  | { state: 'available'; version: string; manual: boolean }
  | { state: 'downloading'; version: string; percent: number }
  | { state: 'ready'; version: string }
  | { state: 'error'; message: string; manual: boolean };

/** A link or file the system handed us (feed: URL, broadsheet:// link, a double-clicked .opml). */
export type DeepLink =
  | { kind: 'subscribe'; url: string }
  | { kind: 'opml'; name: string; text: string }
  /** `reason` in English (logs); `text` says it to the reader in their language. */
  | { kind: 'refused'; input: string; reason: string; text?: MainText };

/** One notification for one refresh; clicking it opens `articleId` when there is one. */
export interface NotifyRequest {
  title: string;
  body: string;
  articleId?: string;
}

export const MAX_BADGE_OVERLAY_CHARS = 65_536;
