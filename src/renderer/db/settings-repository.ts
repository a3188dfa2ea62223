import { DEFAULT_SYNC_SETTINGS, type SyncSettings } from '@shared/sync-model';
import { getDb } from './database';

/** Typed settings with their defaults; a missing or malformed row reads as the default. */
export interface SettingsMap {
  sync: SyncSettings;
}

const DEFAULTS: SettingsMap = {
  sync: DEFAULT_SYNC_SETTINGS,
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
