/**
 * What the soak checks after every restart, read from raw IndexedDB in the page (no app code):
 * the library (`broadsheet`) in one read transaction, the search index (`broadsheet-search`) in
 * another.
 */
import type { Page } from '@playwright/test';
import { feedKeyOf } from './soak-server';

export interface RawArticle {
  id: string;
  feedId: string;
  guid: string;
  url?: string;
  unread: number;
  offline?: string;
  images: string[];
  /** Where it shows (src/renderer/db/placement.ts) and whether a rule hid it: what the tallies count. */
  crowd?: number;
  hidden: boolean;
}

export interface RawFeed {
  id: string;
  url: string;
  etag?: string;
  /** Set on a sync account's feed (which may share an address with a local one). */
  accountId?: string;
}

export interface RawImage {
  url: string;
  articleIds: string[];
  status: string;
  retryable?: boolean;
  hasBlob: boolean;
}

export interface LibrarySnapshot {
  articles: RawArticle[];
  feeds: RawFeed[];
  images: RawImage[];
  /** The stored tallies (src/renderer/db/tallies.ts), by key. */
  tallies: Record<string, number>;
}

export interface IndexSnapshot {
  /** Article ids of documents flagged live, with their unread flag. */
  live: Map<string, { unread: boolean }>;
  /** Live documents whose article id is missing from the doc info. */
  liveWithoutId: number;
  /** The stored counter of live documents (meta.liveCount). */
  liveCount: number;
  rebuilding: boolean;
}

/** Everything the invariants need from the library, in one read transaction. */
export function readLibrary(page: Page): Promise<LibrarySnapshot> {
  return page.evaluate(
    () =>
      new Promise<LibrarySnapshot>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['articles', 'feeds', 'images', 'tallies'], 'readonly');
          const out: LibrarySnapshot = { articles: [], feeds: [], images: [], tallies: {} };
          const articles = tx.objectStore('articles').openCursor();
          articles.onsuccess = () => {
            const at = articles.result;
            if (!at) return;
            const row = at.value as RawArticle & Record<string, unknown>;
            out.articles.push({
              id: row.id,
              feedId: row.feedId,
              guid: row.guid,
              url: row.url,
              unread: row.unread,
              offline: row.offline,
              images: Array.isArray(row.images) ? row.images : [],
              crowd: row.crowd,
              hidden: typeof row['hiddenAt'] === 'number',
            });
            at.continue();
          };
          const feeds = tx.objectStore('feeds').getAll();
          feeds.onsuccess = () => {
            out.feeds = (feeds.result as RawFeed[]).map(({ id, url, etag, accountId }) => ({
              id,
              url,
              etag,
              accountId,
            }));
          };
          const tallies = tx.objectStore('tallies').getAll();
          tallies.onsuccess = () => {
            for (const { key, count } of tallies.result as { key: string; count: number }[]) {
              out.tallies[key] = count;
            }
          };
          const images = tx.objectStore('images').openCursor();
          images.onsuccess = () => {
            const at = images.result;
            if (!at) return;
            const row = at.value as RawImage & { blob?: Blob };
            out.images.push({
              url: row.url,
              articleIds: row.articleIds,
              status: row.status,
              retryable: row.retryable,
              hasBlob: row.blob instanceof Blob && row.blob.size > 0,
            });
            at.continue();
          };
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** The search index's live documents and its stored live count, read past the engine. */
export async function readIndex(page: Page): Promise<IndexSnapshot> {
  const raw = await page.evaluate(
    () =>
      new Promise<{
        live: [string, boolean][];
        liveWithoutId: number;
        liveCount: number;
        rebuilding: boolean;
      }>((resolve, reject) => {
        const open = indexedDB.open('broadsheet-search');
        open.onerror = () => reject(open.error);
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('meta')) {
            db.close();
            return resolve({ live: [], liveWithoutId: 0, liveCount: 0, rebuilding: false });
          }
          const tx = db.transaction(['meta', 'columns', 'info'], 'readonly');
          const meta = tx.objectStore('meta').get('index');
          const columns = tx.objectStore('columns').getAll();
          const info = tx.objectStore('info').getAll();
          tx.oncomplete = () => {
            db.close();
            const value = (meta.result as { value?: { liveCount: number; rebuilding: boolean } })
              ?.value;
            const ids = new Map<number, string>();
            for (const chunk of info.result as { chunk: number; ids: string[] }[]) {
              const base = chunk.chunk * chunk.ids.length;
              chunk.ids.forEach((id, i) => id && ids.set(base + i, id));
            }
            const live: [string, boolean][] = [];
            let liveWithoutId = 0;
            for (const chunk of columns.result as { chunk: number; flags: Uint8Array }[]) {
              const base = chunk.chunk * chunk.flags.length;
              chunk.flags.forEach((flag, i) => {
                if (!(flag & 1)) return;
                const id = ids.get(base + i);
                if (id === undefined) liveWithoutId += 1;
                else live.push([id, (flag & 4) !== 0]);
              });
            }
            resolve({
              live,
              liveWithoutId,
              liveCount: value?.liveCount ?? 0,
              rebuilding: value?.rebuilding ?? false,
            });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  return {
    live: new Map(raw.live.map(([id, unread]) => [id, { unread }])),
    liveWithoutId: raw.liveWithoutId,
    liveCount: raw.liveCount,
    rebuilding: raw.rebuilding,
  };
}

export interface InvariantContext {
  /** Article ids stored before the kill that the operation does not remove. */
  mustKeep: Iterable<string>;
  /** When set, the library must hold all of these or none (a restore, of what the backup lacks). */
  allOrNone?: Set<string>;
  servedEtags: Map<string, string[]>;
}

/** The library's own invariants (not the search index: that one converges, see indexDisagreements). */
export function checkLibrary(
  snapshot: LibrarySnapshot,
  context: InvariantContext,
): { checks: number; failures: string[] } {
  const failures: string[] = [];
  let checks = 0;
  const fail = (name: string, detail: string[]) => {
    checks += 1;
    if (detail.length)
      failures.push(
        `${name}: ${detail.length} — ${detail.slice(0, 5).join('; ')}${detail.length > 5 ? ' …' : ''}`,
      );
  };
  const ids = new Set(snapshot.articles.map((article) => article.id));

  // 1. No article lost.
  fail(
    'article lost',
    [...context.mustKeep].filter((id) => !ids.has(id)),
  );
  if (context.allOrNone) {
    // A restore replaces the library in one transaction: what arrived after the backup is all
    // there (not restored yet) or all gone (restored). Articles fetched after the restart are
    // neither, and allowed.
    const present = [...context.allOrNone].filter((id) => ids.has(id));
    fail(
      'restore half-done',
      present.length === 0 || present.length === context.allOrNone.size
        ? []
        : [`${present.length} of the ${context.allOrNone.size} articles the backup lacks remain`],
    );
  }

  // 2. Nothing duplicated. An article's key is its feed and guid (`feedId|guid`), so one in
  // another form is the only way two rows could hold one item; and a subscription on this
  // computer is held once per address (the index no longer says so since schema v4: the code
  // keeps it).
  const duplicates: string[] = [];
  for (const article of snapshot.articles) {
    if (article.id !== `${article.feedId}|${article.guid}`)
      duplicates.push(`${article.id} is not its feed|guid`);
  }
  const localFeeds = new Map<string, string>();
  for (const feed of snapshot.feeds) {
    if (feed.accountId) continue;
    const other = localFeeds.get(feed.url);
    if (other) duplicates.push(`feeds ${feed.id} and ${other} both hold ${feed.url}`);
    localFeeds.set(feed.url, feed.id);
  }
  fail('article duplicated', duplicates);

  // 3. Every article belongs to a stored feed (an orphan is invisible, so lost to the reader).
  const feedIds = new Set(snapshot.feeds.map((feed) => feed.id));
  fail(
    'article without its feed',
    snapshot.articles
      .filter((a) => a.feedId !== 'saved' && !feedIds.has(a.feedId))
      .map((a) => a.id),
  );

  // 4. Conditional-GET state never ahead of the stored articles.
  const ahead: string[] = [];
  for (const feed of snapshot.feeds) {
    if (!feed.etag || !feedKeyOf(feed.url)) continue;
    const guids = context.servedEtags.get(feed.etag);
    if (!guids) {
      ahead.push(`${feed.id} holds ETag ${feed.etag} the server never sent`);
      continue;
    }
    const missing = guids.filter((guid) => !ids.has(`${feed.id}|${guid}`));
    if (missing.length) ahead.push(`${feed.id} holds ${feed.etag} without ${missing.join(', ')}`);
  }
  fail('conditional-GET state ahead of articles', ahead);

  // 5. Every stored image is referenced by an existing article that shows it.
  fail(
    'image not referenced by an existing article',
    snapshot.images
      .filter((image) => !image.articleIds.some((id) => ids.has(id)))
      .map((image) => `${image.url} (${image.articleIds.join(', ')})`),
  );
  fail(
    'stored ok image without bytes',
    snapshot.images.filter((image) => image.status === 'ok' && !image.hasBlob).map((i) => i.url),
  );

  // 6. Every offline-complete article's images present.
  const images = new Map(snapshot.images.map((image) => [image.url, image]));
  const incomplete: string[] = [];
  for (const article of snapshot.articles) {
    if (article.offline !== 'complete') continue;
    for (const url of article.images) {
      const image = images.get(url);
      const settled = image && (image.status === 'ok' || image.retryable === false);
      if (!settled || !image.articleIds.includes(article.id))
        incomplete.push(`${article.id}: ${url} ${image ? image.status : 'absent'}`);
    }
  }
  fail('offline-complete article missing an image', incomplete);

  // 7. The tallies that size All articles, Unread, Hidden and each feed agree with the rows they count
  // (they are written in the same transactions, so no kill may part them).
  const crowd = snapshot.articles.filter((article) => article.crowd === 1);
  const want: Record<string, number> = {
    crowd: crowd.length,
    'crowd+unread': crowd.filter((article) => article.unread === 1).length,
    hidden: snapshot.articles.filter((article) => article.hidden).length,
  };
  // Each feed's own tallies, where measured (absent until first asked for): its articles, its
  // unread ones its views show, and the images whose first article is one of them.
  for (const key of Object.keys(snapshot.tallies)) {
    const [kind, feedId] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (kind === 'feed') {
      want[key] = snapshot.articles.filter((article) => article.feedId === feedId).length;
    } else if (kind === 'unread') {
      // A feed's views show its rows that no rule hid (placement.ts).
      want[key] = snapshot.articles.filter(
        (article) => article.feedId === feedId && !article.hidden && article.unread === 1,
      ).length;
    } else if (kind === 'images') {
      want[key] = snapshot.images.filter((image) =>
        image.articleIds[0]?.startsWith(`${feedId}|`),
      ).length;
    }
  }
  fail(
    'tally disagrees with the rows',
    Object.entries(want)
      .filter(([key, count]) => (snapshot.tallies[key] ?? 0) !== count)
      .map(([key, count]) => `${key}: stored ${snapshot.tallies[key] ?? 0}, rows ${count}`),
  );

  return { checks, failures };
}

/**
 * The search index agrees with the library: its live documents are exactly the articles, each
 * with the article's unread flag, and its stored live count equals a recount.
 */
export function indexDisagreements(library: LibrarySnapshot, index: IndexSnapshot): string[] {
  const out: string[] = [];
  const ids = new Map(library.articles.map((article) => [article.id, article]));
  const missing = [...ids.keys()].filter((id) => !index.live.has(id));
  const orphans = [...index.live.keys()].filter((id) => !ids.has(id));
  const flags = [...index.live].filter(
    ([id, doc]) => ids.has(id) && doc.unread !== (ids.get(id)!.unread === 1),
  );
  if (missing.length) out.push(`${missing.length} articles not indexed (${missing[0]} …)`);
  if (orphans.length) out.push(`${orphans.length} indexed articles gone (${orphans[0]} …)`);
  if (flags.length) out.push(`${flags.length} unread flags differ (${flags[0]![0]} …)`);
  if (index.liveWithoutId) out.push(`${index.liveWithoutId} live documents without an id`);
  if (index.liveCount !== index.live.size + index.liveWithoutId)
    out.push(`stored liveCount ${index.liveCount} != recount ${index.live.size}`);
  if (index.rebuilding) out.push('index still marked rebuilding');
  return out;
}
