/**
 * Downloads queued episodes ("Keep episodes offline", or "Download episode" in the reader) one
 * at a time, chunk by chunk through main (`episodes.fetch`), storing each chunk as it comes
 * (db/episodes-repository.ts): a reload or a failure loses at most the chunk in flight, and the
 * next attempt resumes from what is stored. Caps come from the `episodes` setting: one episode
 * may take `maxEpisodeBytes`, all of them together `maxTotalBytes`.
 */
import { liveQuery } from 'dexie';
import { getApi } from '../api/broadsheet-api';
import type { EpisodeRow } from '../db/entities';
import {
  countEpisodesToDownload,
  markEpisodeFailed,
  nextEpisodeToDownload,
  requeueRetryableEpisodes,
  storedEpisodeBytes,
  storeEpisodeChunk,
} from '../db/episodes-repository';
import { getArticle, getFeed } from '../db/queries';
import { getSetting } from '../db/settings-repository';
import { isQuotaError, reportStorageError } from '../lib/storage-errors';
import { getLocaleState } from '../i18n/current-locale';
import { formatBytes } from '../i18n/formats';
import { apiErrorReason, type MessageRef } from '../lib/message-ref';

let running: Promise<void> | undefined;
/** Set on a full disk: nothing more is fetched until the next retry signal. */
let waitingForSpace = false;

/**
 * Keeps downloading while episodes are queued and the network is there; failed downloads that
 * may work later are queued again when the network returns and after each refresh. Returns the
 * stop function.
 */
export function startEpisodeDownloads(): () => void {
  let pending = 0;
  const run = (): void => {
    if (navigator.onLine && pending > 0 && !waitingForSpace) void runDownloads();
  };
  const retry = (): void => {
    waitingForSpace = false;
    void requeueRetryableEpisodes()
      .catch((error: unknown) => reportStorageError(error))
      .then(run);
  };
  const queue = liveQuery(() => countEpisodesToDownload()).subscribe({
    next: (count) => {
      pending = count;
      run();
    },
    error: reportStorageError,
  });
  window.addEventListener('online', retry);
  const stopRetry = getApi().on('sync.progress', (progress) => {
    if (!progress.running) retry();
  });
  return () => {
    queue.unsubscribe();
    window.removeEventListener('online', retry);
    stopRetry();
  };
}

/** One run at a time per page; resolves when nothing is left or the network went away. */
export function runDownloads(): Promise<void> {
  running ??= (async () => {
    try {
      while (navigator.onLine && !waitingForSpace) {
        const episode = await nextEpisodeToDownload();
        if (!episode) break;
        await download(episode);
      }
    } finally {
      running = undefined;
    }
  })();
  return running;
}

/** Codes after which the same request would fail the same way. */
const FINAL_CODES = new Set(['too-large', 'forbidden', 'unsupported', 'invalid-params']);

async function download(episode: EpisodeRow): Promise<void> {
  const id = episode.articleId;
  try {
    const article = await getArticle(id);
    const allowPrivateHost =
      article?.allowPrivateHost ?? (await getFeed(episode.feedId))?.allowPrivateHost;
    let from = episode.stored;
    for (;;) {
      const caps = await getSetting('episodes');
      const room = caps.maxTotalBytes - (await storedEpisodeBytes(id));
      const maxBytes = Math.min(caps.maxEpisodeBytes, room);
      const totalBinds = room < caps.maxEpisodeBytes;
      if (
        maxBytes <= from ||
        (episode.size !== undefined && episode.size > maxBytes && from === 0)
      ) {
        await markEpisodeFailed(id, capReason(caps, totalBinds), false);
        return;
      }
      const result = await getApi().invoke('episodes.fetch', {
        url: episode.url,
        allowPrivateHost,
        from,
        maxBytes,
      });
      if (!result.ok) {
        const { code, message } = result.error;
        // Main's message id when it sent one, so the reason reads in the language in use.
        const reason =
          code === 'too-large' && totalBinds ? capReason(caps, true) : apiErrorReason(result.error);
        // A 4xx answer says the same tomorrow, except "slow down" (429) and "too slow" (408).
        const refused = code === 'http' && / 4(?!08|29)\d\d\b/.test(message);
        await markEpisodeFailed(id, reason, !FINAL_CODES.has(code) && !refused);
        return;
      }
      const stored = await storeEpisodeChunk(id, from, result.value);
      // Removed meanwhile, or another page got there first: that page carries on.
      if (!stored || result.value.done) return;
      from += result.value.bytes.byteLength;
    }
  } catch (error) {
    if (isQuotaError(error)) {
      waitingForSpace = true;
      reportStorageError(error);
    } else console.warn('Episode download failed for', id, error);
    await markEpisodeFailed(
      id,
      { id: isQuotaError(error) ? 'pipeline.episodes.diskFull' : 'pipeline.episodes.stopped' },
      true,
    ).catch(() => undefined);
  }
}

function capReason(
  caps: { maxEpisodeBytes: number; maxTotalBytes: number },
  totalBinds: boolean,
): MessageRef {
  // The size is worded now: a stored reason keeps the cap as it was then.
  const { locale } = getLocaleState();
  const max = formatBytes(totalBinds ? caps.maxTotalBytes : caps.maxEpisodeBytes, locale);
  return {
    id: totalBinds ? 'pipeline.episodes.overTotal' : 'pipeline.episodes.overOne',
    values: { max },
  };
}
