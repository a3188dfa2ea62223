import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Dexie,
  Table,
} from 'dexie';
import type {
  Article,
  StorageTallyKey,
  StoredImage,
  Tally,
  TallyKey,
  ViewTallyKey,
} from './entities';
import { feedOfArticleId } from './article-id';
import type { BroadsheetDb } from './schema';

/*
 * How many articles the largest views hold, and what each feed's articles and images take,
 * kept as numbers beside the rows. IndexedDB counts a key range by walking it (in Chromium,
 * about as long as reading the keys), so counting All articles at every view switch grew with
 * the library (docs/bench/2026-12-07-ui-growth.md), and the storage report read every article.
 * A Dexie middleware under the ones that derive `crowd` and `lane` (placement.ts) sees every
 * article and image the database is handed, reads what each row was, and moves the tallies by
 * the difference in the same transaction as the write: a count can never disagree with the
 * rows it counts, and an aborted write moves nothing.
 *
 * The view tallies always exist (the upgrade that added the table counted them). A per-feed
 * tally may be missing — a library from before them, a feed never measured, or one a range
 * delete left unknown — and then stays missing until it is first asked for and counted
 * (`measureFeedStorage`, `measureLaneUnread`): a write moves only tallies that exist.
 */

/** The schema version that added the `tallies` table. */
export const TALLY_VERSION = 8;

const ARTICLES = 'articles';
const IMAGES = 'images';
const TALLIES = 'tallies';

/** One row's part in one tally: it counts once, with these bytes. */
interface Share {
  key: TallyKey;
  bytes: number;
}

/**
 * The view tallies a row is counted in: each is the size of one index range (or one whole
 * index), so it equals what IndexedDB would count there.
 */
export function tallyKeysOf(article: Partial<Article> | undefined): ViewTallyKey[] {
  if (!article) return [];
  const keys: ViewTallyKey[] = [];
  const dated = typeof article.publishedAt === 'number' && !Number.isNaN(article.publishedAt);
  // `[crowd+publishedAt]` and `[crowd+unread+publishedAt]` (queries.ts viewCollection).
  if (article.crowd === 1 && dated) {
    keys.push('crowd');
    if (article.unread === 1) keys.push('crowd+unread');
  }
  // The `hiddenAt` index (the Hidden view).
  if (typeof article.hiddenAt === 'number' && !Number.isNaN(article.hiddenAt)) keys.push('hidden');
  return keys;
}

/** An article's text as the storage report weighs it: UTF-16, as it sits in memory. */
export function articleTextBytes(article: Partial<Article>): number {
  const length = (text: unknown) => (typeof text === 'string' ? text.length : 0);
  return 2 * (length(article.contentHtml) + length(article.summary) + length(article.title));
}

export const feedTallyKey = (feedId: string): StorageTallyKey => `feed:${feedId}`;
export const imageTallyKey = (feedId: string): StorageTallyKey => `images:${feedId}`;
export const unreadTallyKey = (feedId: string): StorageTallyKey => `unread:${feedId}`;

/**
 * A feed's unread rows in its views: its range of `[lane+unread+publishedAt]` (placement.ts),
 * all of it (what its tally counts), or those published in `[from, before)`.
 */
export function laneUnreadRange(
  articles: Table,
  feedId: string,
  from = -Infinity,
  before?: number,
) {
  return articles
    .where('[lane+unread+publishedAt]')
    .between([feedId, 1, from], [feedId, 1, before ?? Infinity], true, before === undefined);
}

/** The feed an image is counted against: its first article's (the report counts it once). */
export function imageFeedId(image: Partial<StoredImage>): string | undefined {
  return Array.isArray(image.articleIds) ? feedOfArticleId(image.articleIds[0]) : undefined;
}

export function imageBytes(image: Partial<StoredImage>): number {
  return typeof image.bytes === 'number' && image.bytes > 0 ? image.bytes : 0;
}

function articleShares(article: Partial<Article> | undefined): Share[] {
  if (!article) return [];
  const shares: Share[] = tallyKeysOf(article).map((key) => ({ key, bytes: 0 }));
  if (typeof article.feedId === 'string') {
    shares.push({ key: feedTallyKey(article.feedId), bytes: articleTextBytes(article) });
  }
  // In `[lane+unread+publishedAt]` under its lane, unread (what the feed's unread count counts).
  const dated = typeof article.publishedAt === 'number' && !Number.isNaN(article.publishedAt);
  if (typeof article.lane === 'string' && article.unread === 1 && dated) {
    shares.push({ key: unreadTallyKey(article.lane), bytes: 0 });
  }
  return shares;
}

function imageShares(image: Partial<StoredImage> | undefined): Share[] {
  const feedId = image && imageFeedId(image);
  return feedId ? [{ key: imageTallyKey(feedId), bytes: imageBytes(image) }] : [];
}

/** How a tallied table's rows are keyed and what each counts in. */
interface TalliedTable {
  keyOf: (row: never) => unknown;
  sharesOf: (row: never) => Share[];
}

/** The tables whose writes move tallies. */
const TALLIED = new Map<string, TalliedTable>([
  [ARTICLES, { keyOf: (row: Article) => row.id, sharesOf: articleShares }],
  [IMAGES, { keyOf: (row: StoredImage) => row.url, sharesOf: imageShares }],
]);

/** How much each tally moves: rows and bytes. */
type Deltas = Map<TallyKey, { count: number; bytes: number }>;

function move(deltas: Deltas, shares: readonly Share[], by: 1 | -1): void {
  for (const { key, bytes } of shares) {
    const delta = deltas.get(key) ?? { count: 0, bytes: 0 };
    delta.count += by;
    delta.bytes += by * bytes;
    deltas.set(key, delta);
  }
}

/** Where each view tally's rows sit: one index range, or (no bounds) one whole index. */
const TALLY_RANGES: readonly {
  key: ViewTallyKey;
  index: string;
  lower?: unknown[];
  upper?: unknown[];
}[] = [
  { key: 'crowd', index: '[crowd+publishedAt]', lower: [1, -Infinity], upper: [1, [[]]] },
  {
    key: 'crowd+unread',
    index: '[crowd+unread+publishedAt]',
    lower: [1, 1, -Infinity],
    upper: [1, 1, [[]]],
  },
  { key: 'hidden', index: 'hiddenAt' },
];

const isViewKey = (key: TallyKey): key is ViewTallyKey =>
  TALLY_RANGES.some((range) => range.key === key);

/** Counts an index between two keys (inclusive), or the whole index without them. */
type IndexCounter = (index: string, lower?: unknown[], upper?: unknown[]) => Promise<number>;

async function recount(count: IndexCounter): Promise<Tally[]> {
  const counts = await Promise.all(
    TALLY_RANGES.map((tally) => count(tally.index, tally.lower, tally.upper)),
  );
  return TALLY_RANGES.map((tally, i) => ({ key: tally.key, count: counts[i]! }));
}

/**
 * Each view tally counted from its index, in the caller's transaction over articles (the
 * upgrade that adds the table; tests that check the tallies against the rows).
 */
export function recountTallies(articles: Table): Promise<Tally[]> {
  return recount((index, lower, upper) =>
    lower && upper
      ? articles.where(index).between(lower, upper, true, true).count()
      : articles.orderBy(index).count(),
  );
}

/**
 * One feed's storage tallies counted from its rows, in the caller's read-write transaction over
 * articles, images and tallies (so no write slips between the count and its keeping), and kept.
 */
export async function measureFeedStorage(
  tables: Pick<BroadsheetDb, 'articles' | 'images' | 'tallies'>,
  feedId: string,
): Promise<{ articles: Tally; images: Tally }> {
  const articles: Tally = { key: feedTallyKey(feedId), count: 0, bytes: 0 };
  await tables.articles
    .where('feedId')
    .equals(feedId)
    .each((article) => {
      articles.count += 1;
      articles.bytes! += articleTextBytes(article);
    });
  const images: Tally = { key: imageTallyKey(feedId), count: 0, bytes: 0 };
  // Every image one of the feed's articles shows; counted here when its first one is.
  await tables.images
    .where('articleIds')
    .between(`${feedId}|`, `${feedId}|\uffff`)
    .distinct()
    .each((image) => {
      if (imageFeedId(image) !== feedId) return;
      images.count += 1;
      images.bytes! += imageBytes(image);
    });
  await tables.tallies.bulkPut([articles, images]);
  return { articles, images };
}

/**
 * Feeds' unread tallies counted from their index ranges, in the caller's read-write transaction
 * over articles and tallies, and kept: the first count of a feed's unread rows (unread-counter.ts).
 */
export async function measureLaneUnread(
  tables: Pick<BroadsheetDb, 'articles' | 'tallies'>,
  feedIds: readonly string[],
): Promise<number[]> {
  const counts = await Promise.all(
    feedIds.map((feedId) => laneUnreadRange(tables.articles, feedId).count()),
  );
  await tables.tallies.bulkPut(
    feedIds.map((feedId, i) => ({ key: unreadTallyKey(feedId), count: counts[i]! })),
  );
  return counts;
}

/** `recountTallies` inside a mutate, at the DBCore level (Dexie's Table API is above it). */
function recountUnder(down: DBCore, trans: DBCoreTransaction): Promise<Tally[]> {
  const articles = down.table(ARTICLES);
  return recount((indexName, lower, upper) => {
    const index = articles.schema.indexes.find((candidate) => candidate.name === indexName);
    // eslint-disable-next-line no-restricted-syntax -- never shown: the schema lost an index
    if (!index) throw new Error(`articles has no index ${indexName}`);
    // DBCoreRangeType is a const enum: 2 is a range, 3 the whole index.
    const range =
      lower && upper
        ? { type: 2, lower, upper, lowerOpen: false, upperOpen: false }
        : { type: 3, lower: -Infinity, upper: [[]], lowerOpen: false, upperOpen: false };
    return articles.count({ trans, query: { index, range } });
  });
}

function holdsTallies(trans: DBCoreTransaction): boolean {
  const names = (trans as unknown as Partial<IDBTransaction>).objectStoreNames;
  // Not an IndexedDB transaction (no other core is used): keep no tallies rather than guess.
  return names !== undefined && names.contains(TALLIES);
}

const VOUCHED = Symbol('tallies as stored');

/** A row that carries what it held when read (structured clone leaves symbol keys behind). */
type Vouched = Article & { [VOUCHED]?: readonly Share[] };

/**
 * Says these rows are as stored: read in the running read-write transaction, not yet written
 * back. Call before changing them; their next write in this transaction then moves the tallies
 * without reading each row again (a pass rewriting thousands of rows it has just read).
 */
export function vouchStored(rows: readonly Article[]): void {
  for (const row of rows) (row as Vouched)[VOUCHED] = articleShares(row);
}

/** Positions of a mutate request that did not land. */
function failed(response: DBCoreMutateResponse): Set<number> {
  return new Set(Object.keys(response.failures ?? {}).map(Number));
}

/** What each row held before a write, by primary key. */
type Stored = Map<unknown, readonly Share[]>;

/** Takes the vouchers off rows being written (each is used once, in its transaction). */
function takeVouchers(values: readonly Vouched[], keyOf: (row: never) => unknown): Stored {
  const known: Stored = new Map();
  for (const value of values) {
    const vouched = value[VOUCHED];
    if (vouched === undefined) continue;
    delete value[VOUCHED];
    const key = keyOf(value as never);
    if (!known.has(key)) known.set(key, vouched);
  }
  return known;
}

/**
 * A tally as the running transaction holds it: read once, then moved in memory. `undefined`
 * for a per-feed tally not measured yet (a view tally missing reads as 0).
 */
interface Held {
  reading: Promise<void>;
  current?: { count: number; bytes: number };
}

/**
 * Keeps the tallies on every write to the articles and images tables, whoever makes it. Level
 * 9 puts it below the middlewares that derive fields (level 10), so it sees rows as they are
 * stored.
 *
 * A write reads the rows it replaces with requests placed just before its own, in the same
 * call: IndexedDB runs a transaction's requests in order, so each write sees exactly what the
 * writes before it left, however many run side by side. Each tally is read once per transaction
 * and kept in memory while it runs; every write puts the new values of those it moved, so the
 * last put holds every write's share.
 */
export function keepTallies(db: Dexie): void {
  const held = new WeakMap<DBCoreTransaction, Map<TallyKey, Held>>();

  db.use({
    stack: 'dbcore',
    name: 'Tallies',
    level: 9,
    create: (down: DBCore): DBCore => {
      const tallies = (): DBCoreTable => down.table(TALLIES);
      // Databases opened at a version before the tallies have no table to write.
      const kept = down.schema.tables.some((table) => table.name === TALLIES);

      const heldIn = (trans: DBCoreTransaction): Map<TallyKey, Held> => {
        let map = held.get(trans);
        if (!map) {
          map = new Map();
          held.set(trans, map);
        }
        return map;
      };

      /** The tallies `keys` name as this transaction holds them, read the first time. */
      const currentIn = async (trans: DBCoreTransaction, keys: readonly TallyKey[]) => {
        const map = heldIn(trans);
        const unread = keys.filter((key) => !map.has(key));
        if (unread.length > 0) {
          const reading = tallies().getMany({ trans, keys: unread }) as Promise<
            (Tally | undefined)[]
          >;
          unread.forEach((key, i) => {
            const entry: Held = {
              reading: reading.then((rows) => {
                const row = rows[i];
                entry.current ??= row
                  ? { count: row.count, bytes: row.bytes ?? 0 }
                  : isViewKey(key)
                    ? { count: 0, bytes: 0 }
                    : undefined;
              }),
            };
            map.set(key, entry);
          });
        }
        await Promise.all(keys.map((key) => map.get(key)!.reading));
        return map;
      };

      const apply = async (trans: DBCoreTransaction, deltas: Deltas): Promise<void> => {
        const moved = [...deltas].filter(([, by]) => by.count !== 0 || by.bytes !== 0);
        if (moved.length === 0) return;
        const map = await currentIn(
          trans,
          moved.map(([key]) => key),
        );
        const values: Tally[] = [];
        for (const [key, by] of moved) {
          const current = map.get(key)!.current;
          // A per-feed tally not measured yet stays so.
          if (!current) continue;
          current.count += by.count;
          current.bytes += by.bytes;
          values.push(
            isViewKey(key)
              ? { key, count: current.count }
              : key.startsWith('unread:')
                ? { key, count: current.count }
                : { key, count: current.count, bytes: current.bytes },
          );
        }
        if (values.length > 0) await tallies().mutate({ trans, type: 'put', values });
      };

      /** Storage tallies of `prefix` forgotten: a range delete left them unknown. */
      const forget = async (trans: DBCoreTransaction, prefix: string): Promise<void> => {
        const map = heldIn(trans);
        for (const [key, entry] of map) {
          if (!key.startsWith(prefix)) continue;
          await entry.reading;
          entry.current = undefined;
        }
        await tallies().mutate({
          trans,
          type: 'deleteRange',
          range: {
            type: 2,
            lower: prefix,
            upper: `${prefix}\uffff`,
            lowerOpen: false,
            upperOpen: false,
          },
        });
        // Keys first read after this find no row, and so stay unknown.
      };

      /** Tallies moved by rows landing where `stored` says what each key held. */
      const replace = (
        values: readonly unknown[],
        response: DBCoreMutateResponse,
        stored: Stored,
        tally: TalliedTable,
      ): Deltas => {
        const deltas: Deltas = new Map();
        const current = new Map(stored);
        const lost = failed(response);
        values.forEach((value, i) => {
          if (lost.has(i)) return;
          const key = tally.keyOf(value as never);
          const now = tally.sharesOf(value as never);
          move(deltas, current.get(key) ?? [], -1);
          move(deltas, now, 1);
          current.set(key, now);
        });
        return deltas;
      };

      /**
       * Places the reads of the rows `keys` name (less those already `known`) and then the
       * write, in one call, and waits for both.
       */
      const readThenWrite = async (
        table: DBCoreTable,
        req: DBCoreMutateRequest,
        keys: readonly unknown[],
        known: Stored,
        tally: TalliedTable,
      ): Promise<{ stored: Stored; response: DBCoreMutateResponse }> => {
        const unknown = [...new Set(keys)].filter((key) => !known.has(key));
        const reading =
          unknown.length > 0 ? table.getMany({ trans: req.trans, keys: unknown }) : undefined;
        const writing = table.mutate(req);
        // Its failure is awaited below, once the reads placed before it have answered.
        writing.catch(() => undefined);
        const rows = ((reading && (await reading)) ?? []) as unknown[];
        const stored = new Map(known);
        unknown.forEach((key, i) => stored.set(key, tally.sharesOf(rows[i] as never)));
        return { stored, response: await writing };
      };

      const write = async (
        table: DBCoreTable,
        req: DBCoreMutateRequest,
      ): Promise<DBCoreMutateResponse> => {
        const { trans } = req;
        const tally = TALLIED.get(table.name)!;
        switch (req.type) {
          case 'add': {
            const values = req.values as Vouched[];
            // A new row was stored as nothing, whatever it says.
            takeVouchers(values, tally.keyOf);
            const response = await table.mutate(req);
            await apply(trans, replace(values, response, new Map(), tally));
            return response;
          }
          case 'put': {
            const values = req.values as Vouched[];
            const keys = values.map((value) => tally.keyOf(value as never));
            const known = takeVouchers(values, tally.keyOf);
            const { stored, response } = await readThenWrite(table, req, keys, known, tally);
            await apply(trans, replace(values, response, stored, tally));
            return response;
          }
          case 'delete': {
            const keys = req.keys as unknown[];
            const { stored, response } = await readThenWrite(table, req, keys, new Map(), tally);
            const lost = failed(response);
            const deltas: Deltas = new Map();
            const gone = new Set<unknown>();
            keys.forEach((key, i) => {
              if (lost.has(i) || gone.has(key)) return;
              gone.add(key);
              move(deltas, stored.get(key) ?? [], -1);
            });
            await apply(trans, deltas);
            return response;
          }
          default: {
            // A range delete (`clear()`): its rows are not known one by one. The view tallies
            // are counted afresh; the storage tallies become unknown, measured when next asked.
            const response = await table.mutate(req);
            if (table.name === IMAGES) {
              await forget(trans, 'images:');
              return response;
            }
            const recounted = await recountUnder(down, trans);
            const map = await currentIn(
              trans,
              recounted.map((row) => row.key),
            );
            for (const row of recounted) map.get(row.key)!.current = { count: row.count, bytes: 0 };
            await tallies().mutate({ trans, type: 'put', values: recounted });
            await forget(trans, 'feed:');
            await forget(trans, 'unread:');
            return response;
          }
        }
      };

      return {
        ...down,
        transaction: (stores, mode, options) =>
          // Every transaction that may write an article or an image can write what it moves.
          down.transaction(
            kept &&
              mode === 'readwrite' &&
              stores.some((store) => TALLIED.has(store)) &&
              !stores.includes(TALLIES)
              ? [...stores, TALLIES]
              : stores,
            mode,
            options,
          ),
        table: (tableName) => {
          const table = down.table(tableName);
          if (!TALLIED.has(tableName)) return table;
          return {
            ...table,
            mutate: (req) => (holdsTallies(req.trans) ? write(table, req) : table.mutate(req)),
          };
        },
      };
    },
  });
}
