import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { getApi } from '../../../api/broadsheet-api';
import type { ExtractedArticle } from '@shared/contract';
import { getDb } from '../../../db/database';
import type { BroadsheetDb } from '../../../db/schema';
import { saveArticle } from '../../../db/saved-repository';
import { getSetting, putSetting } from '../../../db/settings-repository';
import { reportStorageError } from '../../../lib/storage-errors';
// Bundled into the page: the renderer cannot read resources/, and first run must need no network.
import starterText from '../../../../../resources/starter/seed-article.txt?raw';

const STARTER_NAME = 'seed-article.txt';

type ImportStarter = (
  name: string,
  bytes: Uint8Array<ArrayBuffer>,
) => Promise<ExtractedArticle | undefined>;

const importThroughApi: ImportStarter = async (name, bytes) => {
  const imported = await getApi().invoke('articles.import', { name, bytes });
  if (imported.ok) return imported.value;
  console.warn('Could not add the starter article:', imported.error.message);
  return undefined;
};

/**
 * On the very first launch (no feeds, no articles, never onboarded) imports the starter article
 * into Saved through the same `articles.import` path a dropped file takes. The `onboarded` mark
 * is written first, in the transaction that checks, so a reader who deletes the starter never
 * gets it back and a second window never imports it twice. Resolves to whether it imported.
 */
export async function importStarterIfNew(
  importStarter: ImportStarter = importThroughApi,
  now = Date.now(),
  db: BroadsheetDb = getDb(),
): Promise<boolean> {
  // Every later launch ends here, without the write lock on articles that the check below
  // takes: that lock would hold back the first list query on every start.
  if ((await getSetting('onboarded', db)).at !== null) return false;
  const fresh = await db.transaction('rw', db.feeds, db.articles, db.settings, async () => {
    const onboarded = await getSetting('onboarded', db);
    if (onboarded.at !== null) return false;
    const [feeds, articles] = await Promise.all([db.feeds.count(), db.articles.count()]);
    await putSetting('onboarded', { at: now }, db);
    return feeds === 0 && articles === 0;
  });
  if (!fresh) return false;
  const extracted = await importStarter(STARTER_NAME, new TextEncoder().encode(starterText));
  if (!extracted) return false;
  await saveArticle(extracted, { fileName: STARTER_NAME, now }, db);
  return true;
}

let firstRun: Promise<void> | undefined;

/** Once per page, however often React mounts the app (StrictMode mounts it twice). */
function setUpFirstRun(): Promise<void> {
  firstRun ??= importStarterIfNew().then(() => undefined, reportStorageError);
  return firstRun;
}

/**
 * Runs first-run setup once and marks the page when the library is ready to show, so what a
 * reader (or a test) sees first never changes under them.
 */
export function useFirstRun(): void {
  useEffect(() => {
    void setUpFirstRun().finally(() => {
      document.documentElement.dataset['libraryReady'] = '';
    });
  }, []);
}

/** The welcome stays until the reader subscribes to a first feed. */
export function useShowWelcome(): boolean {
  // One read of the (small) feeds table: a filtered count would walk it with a cursor, one
  // IndexedDB round trip per feed, queued alongside the first list page on a cold start.
  const feeds = useLiveQuery(
    async () =>
      (await getDb().feeds.toArray()).filter((feed) => feed.unsubscribedAt === undefined).length,
    [],
  );
  return feeds === 0;
}
