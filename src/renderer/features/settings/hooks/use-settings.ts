import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { getApi } from '../../../api/broadsheet-api';
import { listFeeds } from '../../../db/queries';
import { measureStorage, purgeArticles, type StorageUse } from '../../../db/retention-repository';
import { getSetting, patchSetting, type SettingsMap } from '../../../db/settings-repository';
import type { MessageId } from '../../../i18n/catalogue';
import { whenListPainted } from '../../../lib/list-painted';
import { onStorageError, reportStorageError } from '../../../lib/storage-errors';

export function useSetting<K extends keyof SettingsMap>(key: K) {
  const value = useLiveQuery(() => getSetting(key), [key]);
  const save = useCallback(
    (patch: Partial<SettingsMap[K]>) => void patchSetting(key, patch),
    [key],
  );
  return [value, save] as const;
}

export function useFeedNames(): Map<string, string> {
  const feeds = useLiveQuery(() => listFeeds(), []);
  return new Map((feeds ?? []).map((feed) => [feed.id, feed.customTitle ?? feed.title]));
}

export interface StorageReport extends StorageUse {
  quota?: number;
  usage?: number;
  persisted?: boolean;
}

/** Measured when asked (opening Settings), not on every change: a read per source, or more for one never measured. */
export function useStorageReport(active: boolean): StorageReport | undefined {
  const [report, setReport] = useState<StorageReport>();
  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    void (async () => {
      const use = await measureStorage();
      const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
      const persisted = await navigator.storage?.persisted?.().catch(() => undefined);
      if (!cancelled)
        setReport({ ...use, quota: estimate?.quota, usage: estimate?.usage, persisted });
    })();
    return () => {
      cancelled = true;
    };
  }, [active]);
  return report;
}

/**
 * What the browser says about keeping the library under storage pressure, and a way to ask it
 * again (it may say yes later: Chromium weighs how much the site is used). Asked once at every
 * start too (useLibraryMaintenance).
 */
export function usePersistence() {
  const [asking, setAsking] = useState(false);
  /** What the browser answered when asked again here; 'unavailable' where it cannot be asked. */
  const [answered, setAnswered] = useState<boolean | 'unavailable'>();
  const askAgain = useCallback(async () => {
    if (!navigator.storage?.persist) return setAnswered('unavailable');
    setAsking(true);
    setAnswered(await navigator.storage.persist().catch(() => false));
    setAsking(false);
  }, []);
  const answer: MessageId | undefined =
    answered === undefined
      ? undefined
      : answered === 'unavailable'
        ? 'settings.storage.answerUnavailable'
        : answered
          ? 'settings.storage.answerYes'
          : 'settings.storage.answerNo';
  const granted = typeof answered === 'boolean' ? answered : undefined;
  return { answer, asking, granted, askAgain };
}

export async function cleanUpNow(): Promise<number> {
  return purgeArticles(await getSetting('retention'));
}

/**
 * Asks the browser to keep the library even under storage pressure, applies the retention
 * settings at start and after every refresh, and surfaces storage errors.
 */
export function useLibraryMaintenance(): string | undefined {
  const [error, setError] = useState<string>();
  useEffect(() => {
    void navigator.storage?.persist?.().catch(() => false);
    // Retention walks old articles feed by feed: it waits for the first list page, which it
    // would otherwise hold up in IndexedDB on every cold start.
    void whenListPainted().then(cleanUpNow).catch(reportStorageError);
    const stopErrors = onStorageError(setError);
    const stopSync = getApi().on('sync.progress', (progress) => {
      if (!progress.running) void cleanUpNow().catch(reportStorageError);
    });
    return () => {
      stopErrors();
      stopSync();
    };
  }, []);
  return error;
}

export {
  DEFAULT_RETENTION,
  type ReadMode,
  type RetentionSettings,
} from '../../../db/settings-repository';
