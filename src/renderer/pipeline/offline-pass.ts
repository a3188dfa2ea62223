import { liveQuery } from 'dexie';
import { getApi } from '../api/broadsheet-api';
import type { Article } from '../db/entities';
import {
  countPendingOffline,
  imagesToFetch,
  listPendingOffline,
  markFullTextFailed,
  requeuePartialArticles,
  setOfflineState,
  storeFullText,
  storeImages,
} from '../db/offline-repository';
import { getArticle, getFeed } from '../db/queries';
import { collectImageUrls } from '../lib/article-images';
import { isQuotaError, reportStorageError, reportStorageRecovered } from '../lib/storage-errors';
import { apiErrorReason } from '../lib/message-ref';

const BATCH = 3;
let running: Promise<void> | undefined;
/**
 * Set when storage is full: the pass stops instead of fetching the same pages and images over
 * and over for nothing, and starts again after the next refresh (or when the network returns).
 */
let waitingForSpace = false;

/**
 * Keeps working through the offline queue whenever it has work and the network is there, and
 * puts articles whose images failed for passing reasons back in the queue after each sync run.
 * Started by the offline banner the app shell mounts; returns the stop function.
 */
export function startOfflinePass(): () => void {
  let pending = 0;
  const run = (): void => {
    if (navigator.onLine && pending && !waitingForSpace) void runOfflinePass();
  };
  const retry = (): void => {
    waitingForSpace = false;
    run();
  };
  const queue = liveQuery(() => countPendingOffline()).subscribe({
    next: (count) => {
      pending = count;
      run();
    },
    error: reportStorageError,
  });
  window.addEventListener('online', retry);
  const stopRequeue = getApi().on('sync.progress', (progress) => {
    if (progress.running) return;
    // Requeueing is a write too: on a full disk it fails (and says so), and what is pending
    // stays pending.
    void requeuePartialArticles()
      .catch((error: unknown) => reportStorageError(error, 'images'))
      .then(retry);
  });
  return () => {
    queue.unsubscribe();
    window.removeEventListener('online', retry);
    stopRequeue();
  };
}

/**
 * Makes pending articles readable offline: fetch the whole text where wanted, then the images.
 * One pass at a time per page; every article leaves the pending state, whatever happens —
 * except on a full disk, where the pass stops and waits for room (waitingForSpace).
 */
function runOfflinePass(): Promise<void> {
  running ??= (async () => {
    try {
      while (navigator.onLine && !waitingForSpace) {
        const batch = await listPendingOffline(BATCH);
        if (batch.length === 0) {
          // The whole queue was stored: if the disk was full before, it no longer is.
          reportStorageRecovered('images');
          break;
        }
        await Promise.all(batch.map(processArticle));
      }
    } finally {
      running = undefined;
    }
  })();
  return running;
}

/**
 * The host the reader added from their own network, for a page saved by URL or its feed: main
 * lets this article's fetches reach that host (only) on the reader's network.
 */
async function privateHostOf(article: Article): Promise<string | undefined> {
  return article.allowPrivateHost ?? (await getFeed(article.feedId))?.allowPrivateHost;
}

async function processArticle(pending: Article): Promise<void> {
  try {
    let article = pending;
    const allowPrivateHost = await privateHostOf(article);
    if (article.fullText === 'pending') {
      if (!article.url) await markFullTextFailed(article.id, { id: 'pipeline.offline.noAddress' });
      else {
        const result = await getApi().invoke('articles.fetchFull', {
          url: article.url,
          allowPrivateHost,
        });
        if (result.ok) await storeFullText(article.id, result.value);
        else await markFullTextFailed(article.id, apiErrorReason(result.error));
      }
      article = (await getArticle(article.id)) ?? article;
    }
    const wanted = collectImageUrls(article);
    const todo = await imagesToFetch(wanted);
    let results: Awaited<ReturnType<typeof fetchImages>> = [];
    if (todo.length > 0) results = await fetchImages(todo, allowPrivateHost);
    await storeImages(article.id, wanted, results);
  } catch (error) {
    if (isQuotaError(error)) {
      // Whatever was fetched is dropped whole (storeImages is one transaction); the pass waits
      // for room, and the article, marked partial, is queued again after the next refresh.
      waitingForSpace = true;
      reportStorageError(error, 'images');
    } else console.warn('Offline pass failed for', pending.id, error);
    await setOfflineState(pending.id, 'partial').catch(() => undefined);
  }
}

async function fetchImages(urls: string[], allowPrivateHost: string | undefined) {
  const result = await getApi().invoke('images.fetch', { urls, allowPrivateHost });
  return result.ok ? result.value : [];
}
