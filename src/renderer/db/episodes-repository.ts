/**
 * Episodes kept offline (schema v7 `episodes`, `episodeParts`) and where playback was left
 * (`playback`). An episode is downloaded by main in chunks (`episodes.fetch`); each chunk is one
 * part, stored in one transaction with the row's `stored` count, so a download that dies at any
 * moment resumes from exactly the bytes that are stored. A part's index is its byte offset:
 * parts read in key order are the file in order.
 */
import Dexie from 'dexie';
import type { Article, EpisodeRow, Feed, Playback } from './entities';
import { getDb } from './database';
import type { BroadsheetDb } from './schema';
import { toStore, type MessageRef } from '../lib/message-ref';

/** Turning "Keep episodes offline" on queues this many of the feed's newest episodes. */
export const EPISODES_QUEUED_ON_TURN_ON = 10;

/** A row for the article's first playable enclosure, queued; undefined when it has none. */
export function episodeFor(article: Article, now: number): EpisodeRow | undefined {
  const enclosure = article.enclosures?.[0];
  if (!enclosure) return undefined;
  const row: EpisodeRow = {
    articleId: article.id,
    feedId: article.feedId,
    url: enclosure.url,
    stored: 0,
    state: 'queued',
    updatedAt: now,
  };
  if (enclosure.type) row.type = enclosure.type;
  if (enclosure.length) row.size = enclosure.length;
  return row;
}

/**
 * Inside a storing transaction (feeds-repository.ts#putArticles): the episodes of a feed that
 * keeps them are queued as their articles arrive; an article already queued keeps its row.
 */
export async function queueArrivingEpisodes(
  db: BroadsheetDb,
  feed: Feed,
  articles: Article[],
  now: number,
): Promise<void> {
  if (!feed.keepEpisodes) return;
  const rows = articles.flatMap((article) => episodeFor(article, now) ?? []);
  if (rows.length === 0) return;
  const existing = await db.episodes.bulkGet(rows.map((row) => row.articleId));
  await db.episodes.bulkAdd(rows.filter((_, index) => existing[index] === undefined));
}

/** The reader asked for this one episode ("Download episode" in the reader). */
export async function queueEpisode(
  article: Article,
  now = Date.now(),
  db = getDb(),
): Promise<void> {
  const row = episodeFor(article, now);
  if (!row) return;
  await db.transaction('rw', db.episodes, async () => {
    const existing = await db.episodes.get(article.id);
    // Failed: try again from the bytes already kept (a too-large one is asked again too: the
    // reader may have raised the cap meanwhile).
    if (existing) {
      if (existing.state === 'failed') {
        await db.episodes.update(article.id, {
          state: 'queued',
          error: undefined,
          retryable: undefined,
          updatedAt: now,
        });
      }
      return;
    }
    await db.episodes.add(row);
  });
}

/**
 * "Keep episodes offline" for a feed: on queues its newest episodes; off stops its downloads
 * and removes what it kept (the room goes back to the other feeds).
 */
export async function setFeedKeepEpisodes(
  feedId: string,
  keep: boolean,
  now = Date.now(),
  db = getDb(),
): Promise<void> {
  await db.transaction('rw', [db.feeds, db.articles, db.episodes, db.episodeParts], async () => {
    await db.feeds.update(feedId, { keepEpisodes: keep || undefined });
    if (!keep) {
      const ids = (await db.episodes.where('feedId').equals(feedId).primaryKeys()) as string[];
      await removeEpisodes(db, ids);
      return;
    }
    const rows: EpisodeRow[] = [];
    await db.articles
      .where('[feedId+publishedAt]')
      .between([feedId, Dexie.minKey], [feedId, Dexie.maxKey])
      .reverse()
      .until(() => rows.length >= EPISODES_QUEUED_ON_TURN_ON)
      .each((article) => {
        const row = episodeFor(article, now);
        if (row) rows.push(row);
      });
    const existing = await db.episodes.bulkGet(rows.map((row) => row.articleId));
    await db.episodes.bulkAdd(rows.filter((_, index) => existing[index] === undefined));
  });
}

/** Episodes that want downloading, oldest request first (a reload resumes 'downloading' ones). */
export async function nextEpisodeToDownload(db = getDb()): Promise<EpisodeRow | undefined> {
  const rows = await db.episodes.where('state').anyOf(['queued', 'downloading']).toArray();
  return rows.sort((a, b) => a.updatedAt - b.updatedAt)[0];
}

/** How far a download is, 0–99 (100 only once complete); undefined without a known size. */
export function downloadPercent(row: EpisodeRow): number | undefined {
  if (!row.size || row.size <= 0) return undefined;
  return Math.min(99, Math.floor((row.stored / row.size) * 100));
}

/**
 * How far each episode on its way is, by article id (undefined without a known size): the list
 * words it ("Downloading 45%") in the reader's language. Only unfinished ones: a short list,
 * read as one live query.
 */
export async function episodeProgress(db = getDb()): Promise<Map<string, number | undefined>> {
  const rows = await db.episodes.where('state').anyOf(['queued', 'downloading']).toArray();
  return new Map(rows.map((row) => [row.articleId, downloadPercent(row)]));
}

export async function countEpisodesToDownload(db = getDb()): Promise<number> {
  return db.episodes.where('state').anyOf(['queued', 'downloading']).count();
}

/** Bytes kept by every episode but `except`: what the total cap leaves for that one. */
export async function storedEpisodeBytes(except?: string, db = getDb()): Promise<number> {
  let total = 0;
  await db.episodes.each((row) => {
    if (row.articleId !== except) total += row.stored;
  });
  return total;
}

/**
 * One downloaded chunk, stored with the row's count in one transaction. Refused (false) when
 * the row is gone (retention, feed option off) or no longer stopped at `from` (another page
 * stored the same chunk first): nothing is written then.
 */
export async function storeEpisodeChunk(
  articleId: string,
  from: number,
  chunk: { bytes: Uint8Array; done: boolean; total?: number; contentType?: string },
  now = Date.now(),
  db = getDb(),
): Promise<boolean> {
  return db.transaction('rw', db.episodes, db.episodeParts, async () => {
    const row = await db.episodes.get(articleId);
    if (!row || row.stored !== from || row.state === 'complete') return false;
    if (chunk.bytes.byteLength > 0) {
      await db.episodeParts.put({
        articleId,
        index: from,
        bytes: new Blob([chunk.bytes as Uint8Array<ArrayBuffer>]),
      });
    }
    const stored = from + chunk.bytes.byteLength;
    await db.episodes.update(articleId, {
      stored,
      state: chunk.done ? 'complete' : 'downloading',
      size: chunk.done ? stored : (chunk.total ?? row.size),
      type: row.type ?? chunk.contentType,
      error: undefined,
      retryable: undefined,
      updatedAt: now,
    });
    return true;
  });
}

/** A download that failed: what is stored stays, for a resume when `retryable`. */
export async function markEpisodeFailed(
  articleId: string,
  reason: string | MessageRef,
  retryable: boolean,
  now = Date.now(),
  db = getDb(),
): Promise<void> {
  const { message: error, text: errorText } = toStore(reason);
  await db.episodes.update(articleId, {
    state: 'failed',
    error,
    errorText,
    retryable,
    updatedAt: now,
  });
}

/** Failed downloads that may work now (the network is back, a refresh ran): queued again. */
export async function requeueRetryableEpisodes(now = Date.now(), db = getDb()): Promise<number> {
  return db.episodes
    .where('state')
    .equals('failed')
    .filter((row) => row.retryable === true)
    .modify({
      state: 'queued',
      error: undefined,
      errorText: undefined,
      retryable: undefined,
      updatedAt: now,
    });
}

/** The whole episode as one Blob (no network needed), or undefined until it is complete. */
export async function readEpisodeBlob(articleId: string, db = getDb()): Promise<Blob | undefined> {
  return db.transaction('r', db.episodes, db.episodeParts, async () => {
    const row = await db.episodes.get(articleId);
    if (row?.state !== 'complete') return undefined;
    const parts = await db.episodeParts
      .where('[articleId+index]')
      .between([articleId, Dexie.minKey], [articleId, Dexie.maxKey])
      .toArray();
    return new Blob(
      parts.map((part) => part.bytes),
      row.type ? { type: row.type } : {},
    );
  });
}

/** "Remove download": the episode's bytes go; the article and where playback was stay. */
export async function removeEpisode(articleId: string, db = getDb()): Promise<void> {
  await db.transaction('rw', db.episodes, db.episodeParts, () => removeEpisodes(db, [articleId]));
}

/** Inside a transaction holding `episodes` and `episodeParts`. */
export async function removeEpisodes(db: BroadsheetDb, articleIds: string[]): Promise<void> {
  if (articleIds.length === 0) return;
  await db.episodeParts.where('articleId').anyOf(articleIds).delete();
  // Only the episodes held: a purge passes thousands of articles, few with an episode, and
  // every key deleted is handed to every live query at commit (retention-repository.ts).
  await db.episodes.bulkDelete(await db.episodes.where(':id').anyOf(articleIds).primaryKeys());
}

export async function getPlayback(articleId: string, db = getDb()): Promise<Playback | undefined> {
  return db.playback.get(articleId);
}

/**
 * Where the reader is in an episode. Near the end (or the start) the row goes: a finished
 * episode plays again from its start, like a finished article reopens at its top.
 */
export async function savePlayback(
  articleId: string,
  seconds: number,
  duration: number | undefined,
  now = Date.now(),
  db = getDb(),
): Promise<void> {
  const known = duration !== undefined && Number.isFinite(duration) && duration > 0;
  const finished = known && seconds >= duration - 5;
  if (!Number.isFinite(seconds) || seconds < 3 || finished) {
    await db.playback.delete(articleId);
    return;
  }
  const row: Playback = { articleId, seconds, updatedAt: now };
  if (known) row.duration = duration;
  await db.playback.put(row);
}
