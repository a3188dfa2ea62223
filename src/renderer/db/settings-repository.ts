import { DEFAULT_SYNC_SETTINGS, type SyncSettings } from '@shared/sync-model';
import { getDb } from './database';

/** Typed settings with their defaults; a missing or malformed row reads as the default. */
export interface SettingsMap {
  sync: SyncSettings;
  retention: RetentionSettings;
  reading: { fullTextDefault: 'auto' | 'always' | 'never' };
}

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
};

export async function getSetting<K extends keyof SettingsMap>(
  key: K,
  db = getDb(),
): Promise<SettingsMap[K]> {
  const row = await db.settings.get(key);
  if (!row || typeof row.value !== 'object' || row.value === null) return DEFAULTS[key];
  return { ...DEFAULTS[key], ...(row.value as Partial<SettingsMap[K]>) };
}

export async function putSetting<K extends keyof SettingsMap>(
  key: K,
  value: SettingsMap[K],
  db = getDb(),
): Promise<void> {
  await db.settings.put({ key, value });
}
