import { useEffect, useState } from 'react';
import { getApi } from '../../../api/broadsheet-api';
import type { Feed } from '../../../db/entities';
import {
  listFeedsNeedingIcon,
  nextIconAttempt,
  storeIconOutcomes,
  type IconOutcome,
} from '../../../db/feed-icons-repository';
import { toDataUrl } from '../../../lib/data-url';
import { whenListPainted } from '../../../lib/list-painted';
import { reportStorageError } from '../../../lib/storage-errors';

/** Icons asked for at once, and stored together. */
const BATCH = 6;
const webUrl = (url: string | undefined) => (url && /^https?:\/\//i.test(url) ? url : undefined);

async function fetchIcon(feed: Feed): Promise<IconOutcome> {
  const result = await getApi().invoke('feeds.icon', {
    feedUrl: feed.url,
    iconUrl: webUrl(feed.iconUrl),
    siteUrl: webUrl(feed.siteUrl),
    allowPrivateHost: feed.allowPrivateHost,
  });
  if (result.ok && result.value.ok) {
    return { feedId: feed.id, dataUrl: toDataUrl(result.value.contentType, result.value.bytes) };
  }
  return { feedId: feed.id, failed: true };
}

let running: Promise<void> | undefined;
let again = false;

/** Fetches every icon that is missing and due, a batch at a time; one pass per page at once. */
export function fetchMissingIcons(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        const due = await listFeedsNeedingIcon();
        for (let at = 0; at < due.length && navigator.onLine; at += BATCH) {
          const outcomes = await Promise.all(due.slice(at, at + BATCH).map(fetchIcon));
          await storeIconOutcomes(outcomes);
        }
      } while (again && navigator.onLine);
    } catch (error) {
      reportStorageError(error);
    } finally {
      running = undefined;
    }
  })();
  return running;
}

/**
 * Keeps the sidebar's feed icons fetched: a new subscription's at once, missing ones when the
 * network returns or a retry falls due. Waits for the article list's first paint, so a cold
 * start never waits on icons.
 */
export function useFeedIcons(feeds: readonly Feed[] | undefined): void {
  const [due, setDue] = useState(0);
  const missing = feeds?.filter((feed) => !feed.icon).length ?? 0;
  const retryAt = feeds ? nextIconAttempt(feeds) : undefined;

  useEffect(() => {
    if (missing === 0) return;
    let live = true;
    void whenListPainted().then(() => live && void fetchMissingIcons());
    const online = () => void fetchMissingIcons();
    window.addEventListener('online', online);
    return () => {
      live = false;
      window.removeEventListener('online', online);
    };
  }, [missing, due]);

  useEffect(() => {
    if (retryAt === undefined) return;
    // Timers cannot wait longer than about 24 days; a later retry is looked at again then.
    const wait = Math.min(Math.max(0, retryAt - Date.now()), 2 ** 31 - 1);
    const timer = setTimeout(() => setDue((n) => n + 1), wait);
    return () => clearTimeout(timer);
  }, [retryAt]);
}
