import { liveQuery } from 'dexie';
import type { BroadsheetApi } from '@shared/contract';
import type { DesktopPreferences } from '@shared/desktop-model';
import { getApi } from '../api/broadsheet-api';
import { getDb } from '../db/database';
import { getSetting } from '../db/settings-repository';
import { setDesktopCapabilities } from '../lib/desktop-capabilities';
import { reportStorageError } from '../lib/storage-errors';

/*
 * Hands the reader's desktop choices (the `desktop` setting: updates, badge, tray, open at
 * login) to main at start and after every change. Main keeps no copy of its own and acts on
 * none of them before this first word (main/desktop/preferences-store.ts), so the settings in
 * the library — backed up and restored with it — stay the only truth. Main answers with what
 * this host can do; that answer is kept for the settings UI (lib/desktop-capabilities.ts).
 */

export interface DesktopPreferencesOptions {
  db?: ReturnType<typeof getDb>;
  api?: BroadsheetApi;
}

/** Starts pushing for as long as the app is open; returns the stop function. */
export function startDesktopPreferences(options: DesktopPreferencesOptions = {}): () => void {
  const db = options.db ?? getDb();
  const api = options.api ?? getApi();
  let sent: string | undefined;
  // One call at a time, in order: over HTTP two quick changes could otherwise arrive swapped,
  // and main would keep the older choice.
  let queue: Promise<unknown> = Promise.resolve();

  const push = (preferences: DesktopPreferences): void => {
    // Only the four fields the contract knows: an old row's stray keys would be refused.
    const { updates, badge, tray, openAtLogin } = preferences;
    const body = { updates, badge, tray, openAtLogin };
    const key = JSON.stringify(body);
    if (key === sent) return;
    sent = key;
    queue = queue.then(async () => {
      const answer = await api.invoke('desktop.preferences', body).catch((error: unknown) => ({
        ok: false as const,
        error: { code: 'internal', message: String(error) },
      }));
      if (answer.ok) setDesktopCapabilities(answer.value);
      else {
        // Sent again with the next change or the next start; nothing else depends on it.
        if (sent === key) sent = undefined;
        console.warn('Could not hand the desktop preferences to the app:', answer.error.message);
      }
    });
  };

  const subscription = liveQuery(() => getSetting('desktop', db)).subscribe({
    next: push,
    error: (error: unknown) => reportStorageError(error),
  });
  return () => subscription.unsubscribe();
}
