import { DEFAULT_DESKTOP_PREFERENCES, type DesktopPreferences } from '@shared/desktop-model';
import { DEFAULT_SYNC_SETTINGS, type SyncSettings } from '@shared/sync-model';
import { DEFAULT_EPISODE_MAX_BYTES, DEFAULT_EPISODES_TOTAL_BYTES } from '@shared/episode-limits';
import { getDb } from './database';
import type { SavedSearch } from './entities';
import { DEFAULT_LIST_OPTIONS, type ListOptions } from './queries';

/** Typed settings with their defaults; a missing or malformed row reads as the default. */
export interface SettingsMap {
  sync: SyncSettings;
  retention: RetentionSettings;
  reading: { fullTextDefault: 'auto' | 'always' | 'never' };
  /**
   * When an opened article counts as read; `onScroll`: rows the reader scrolls past the top of
   * the article list become read too (off when missing).
   */
  readState: { mode: ReadMode; onScroll?: boolean };
  /** Widths in CSS pixels of the resizable panes, as the reader left them. */
  paneWidths: PaneWidths;
  /** Order and unread-only filter of the article list, the same in every view. */
  articleList: ListOptions;
  readerStyle: ReaderStyle;
  /** Set once the first-run starter library was offered, so deleting it never brings it back. */
  onboarded: { at: number | null };
  /** Searches kept as views, in the order the reader saved them. */
  savedSearches: { items: SavedSearch[] };
  /**
   * Automatic backups (pipeline/auto-backup). Saved images are left out by default: seven
   * copies of every image would take seven times their room in the data folder.
   */
  backups: { includeImages: boolean };
  /** Updates, badge, tray, open at login: handed to main by `desktop.preferences`. */
  desktop: DesktopPreferences;
  /** Caps for episodes kept offline ("Keep episodes offline"), in bytes. */
  episodes: EpisodeSettings;
}

export interface EpisodeSettings {
  maxEpisodeBytes: number;
  maxTotalBytes: number;
}

/** Read as soon as opened, after a few seconds open, or only when the reader says so. */
export type ReadMode = 'open' | 'delay' | 'manual';

export interface PaneWidths {
  sidebar: number;
  list: number;
}

export const DEFAULT_PANE_WIDTHS: PaneWidths = { sidebar: 240, list: 360 };

export type ThemeChoice = 'system' | 'light' | 'dark' | 'sepia';

/** How the reader looks; `size` is a step from 1 (smallest) to 5. */
export interface ReaderStyle {
  theme: ThemeChoice;
  font: 'serif' | 'sans';
  size: 1 | 2 | 3 | 4 | 5;
  width: 'narrow' | 'medium' | 'wide';
  lineHeight: 'compact' | 'normal' | 'relaxed';
}

export const DEFAULT_READER_STYLE: ReaderStyle = {
  theme: 'system',
  font: 'serif',
  size: 3,
  width: 'medium',
  lineHeight: 'normal',
};

/** How long articles stay; null means forever. Bookmarked and saved articles always stay. */
export interface RetentionSettings {
  keepReadDays: number | null;
  keepUnreadDays: number | null;
  maxPerFeed: number | null;
}

export const DEFAULT_RETENTION: RetentionSettings = {
  keepReadDays: 30,
  keepUnreadDays: 90,
  maxPerFeed: 1000,
};

const DEFAULTS: SettingsMap = {
  sync: DEFAULT_SYNC_SETTINGS,
  retention: DEFAULT_RETENTION,
  reading: { fullTextDefault: 'auto' },
  readState: { mode: 'open' },
  paneWidths: DEFAULT_PANE_WIDTHS,
  articleList: DEFAULT_LIST_OPTIONS,
  readerStyle: DEFAULT_READER_STYLE,
  onboarded: { at: null },
  savedSearches: { items: [] },
  backups: { includeImages: false },
  desktop: DEFAULT_DESKTOP_PREFERENCES,
  episodes: {
    maxEpisodeBytes: DEFAULT_EPISODE_MAX_BYTES,
    maxTotalBytes: DEFAULT_EPISODES_TOTAL_BYTES,
  },
};

export async function getSetting<K extends keyof SettingsMap>(
  key: K,
  db = getDb(),
): Promise<SettingsMap[K]> {
  const row = await db.settings.get(key);
  if (!row || typeof row.value !== 'object' || row.value === null) return DEFAULTS[key];
  return { ...DEFAULTS[key], ...(row.value as Partial<SettingsMap[K]>) };
}

/**
 * Changes some fields of a setting, merged with what is stored at the moment of writing (one
 * transaction): two quick changes in a row never undo each other with a stale copy. A toggle
 * passes a function, so it flips the stored value rather than the one its button last painted.
 */
export async function patchSetting<K extends keyof SettingsMap>(
  key: K,
  patch: Partial<SettingsMap[K]> | ((current: SettingsMap[K]) => Partial<SettingsMap[K]>),
  db = getDb(),
): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const current = await getSetting(key, db);
    const change = typeof patch === 'function' ? patch(current) : patch;
    await db.settings.put({ key, value: { ...current, ...change } });
  });
}

export async function putSetting<K extends keyof SettingsMap>(
  key: K,
  value: SettingsMap[K],
  db = getDb(),
): Promise<void> {
  await db.settings.put({ key, value });
}
