import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Dexie,
  Table,
} from 'dexie';
import type { Article, Tally, TallyKey } from './entities';

/*
 * How many articles the largest views hold, kept as numbers beside the rows. IndexedDB counts a
 * key range by walking it (in Chromium, about as long as reading the keys), so counting All
 * articles at every view switch grew with the library (docs/bench/2026-12-07-ui-growth.md). A Dexie
 * middleware under the ones that derive `crowd` and `lane` (placement.ts) sees every article
 * the database is handed, reads what each row was, and moves the tallies by the difference in
 * the same transaction as the write: a count can never disagree with the rows it counts, and
 * an aborted write moves nothing.
 */

/** The schema version that added the `tallies` table. */
export const TALLY_VERSION = 8;

const ARTICLES = 'articles';
const TALLIES = 'tallies';

/**
 * The tallies a row is counted in: each is the size of one index range (or one whole index), so
 * it equals what IndexedDB would count there.
 */
export function tallyKeysOf(article: Partial<Article> | undefined): TallyKey[] {
  if (!article) return [];
  const keys: TallyKey[] = [];
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

type Deltas = Map<TallyKey, number>;

function move(deltas: Deltas, keys: readonly TallyKey[], by: 1 | -1): void {
  for (const key of keys) deltas.set(key, (deltas.get(key) ?? 0) + by);
}

/** Where each tally's rows sit: one index range, or (no bounds) one whole index. */
const TALLY_RANGES: readonly {
  key: TallyKey;
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

/** Counts an index between two keys (inclusive), or the whole index without them. */
type IndexCounter = (index: string, lower?: unknown[], upper?: unknown[]) => Promise<number>;

async function recount(count: IndexCounter): Promise<Tally[]> {
  const counts = await Promise.all(
    TALLY_RANGES.map((tally) => count(tally.index, tally.lower, tally.upper)),
  );
  return TALLY_RANGES.map((tally, i) => ({ key: tally.key, count: counts[i]! }));
}

/**
 * Each tally counted from its index, in the caller's transaction over articles (the upgrade
 * that adds the table; tests that check the tallies against the rows).
 */
export function recountTallies(articles: Table): Promise<Tally[]> {
  return recount((index, lower, upper) =>
    lower && upper
      ? articles.where(index).between(lower, upper, true, true).count()
      : articles.orderBy(index).count(),
  );
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
type Vouched = Article & { [VOUCHED]?: readonly TallyKey[] };

/**
 * Says these rows are as stored: read in the running read-write transaction, not yet written
 * back. Call before changing them; their next write in this transaction then moves the tallies
 * without reading each row again (a pass rewriting thousands of rows it has just read).
 */
export function vouchStored(rows: readonly Article[]): void {
  for (const row of rows) (row as Vouched)[VOUCHED] = tallyKeysOf(row);
}

/** Positions of a mutate request that did not land. */
function failed(response: DBCoreMutateResponse): Set<number> {
  return new Set(Object.keys(response.failures ?? {}).map(Number));
}

/** What each article id held before a write, by tally keys. */
type Stored = Map<string, readonly TallyKey[]>;

/** Takes the vouchers off rows being written (each is used once, in its transaction). */
function takeVouchers(values: readonly Vouched[]): Stored {
  const known: Stored = new Map();
  for (const value of values) {
    const vouched = value[VOUCHED];
    if (vouched === undefined) continue;
    delete value[VOUCHED];
    if (!known.has(value.id)) known.set(value.id, vouched);
  }
  return known;
}

/**
 * Keeps the tallies on every write to the articles table, whoever makes it. Level 9 puts it
 * below the middlewares that derive fields (level 10), so it sees rows as they are stored.
 *
 * A write reads the rows it replaces with requests placed just before its own, in the same
 * call: IndexedDB runs a transaction's requests in order, so each write sees exactly what the
 * writes before it left, however many run side by side. The tallies themselves are read once
 * per transaction and kept in memory while it runs; every write puts their new values, so the
 * last put holds every write's share.
 */
export function keepTallies(db: Dexie): void {
  const counts = new WeakMap<
    DBCoreTransaction,
    { reading: Promise<(Tally | undefined)[]>; current?: Map<TallyKey, number> }
  >();

  db.use({
    stack: 'dbcore',
    name: 'Tallies',
    level: 9,
    create: (down: DBCore): DBCore => {
      const tallies = (): DBCoreTable => down.table(TALLIES);
      // Databases opened at a version before the tallies have no table to write.
      const kept = down.schema.tables.some((table) => table.name === TALLIES);

      const countsIn = async (trans: DBCoreTransaction): Promise<Map<TallyKey, number>> => {
        const keys = TALLY_RANGES.map((tally) => tally.key);
        let entry = counts.get(trans);
        if (!entry) {
          entry = { reading: tallies().getMany({ trans, keys }) };
          counts.set(trans, entry);
        }
        const rows = await entry.reading;
        entry.current ??= new Map(keys.map((key, i) => [key, rows[i]?.count ?? 0]));
        return entry.current;
      };

      const apply = async (trans: DBCoreTransaction, deltas: Deltas): Promise<void> => {
        const moved = [...deltas].filter(([, by]) => by !== 0);
        if (moved.length === 0) return;
        const current = await countsIn(trans);
        for (const [key, by] of moved) current.set(key, current.get(key)! + by);
        await tallies().mutate({
          trans,
          type: 'put',
          values: moved.map(([key]) => ({ key, count: current.get(key)! })),
        });
      };

      /** Tallies moved by rows landing where `stored` says what each id held. */
      const replace = (
        values: readonly Article[],
        response: DBCoreMutateResponse,
        stored: Stored,
      ): Deltas => {
        const deltas: Deltas = new Map();
        const current = new Map(stored);
        const lost = failed(response);
        values.forEach((value, i) => {
          if (lost.has(i)) return;
          const now = tallyKeysOf(value);
          move(deltas, current.get(value.id) ?? [], -1);
          move(deltas, now, 1);
          current.set(value.id, now);
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
        keys: readonly string[],
        known: Stored,
      ): Promise<{ stored: Stored; response: DBCoreMutateResponse }> => {
        const unknown = [...new Set(keys)].filter((key) => !known.has(key));
        const reading =
          unknown.length > 0 ? table.getMany({ trans: req.trans, keys: unknown }) : undefined;
        const writing = table.mutate(req);
        // Its failure is awaited below, once the reads placed before it have answered.
        writing.catch(() => undefined);
        const rows = ((reading && (await reading)) ?? []) as (Article | undefined)[];
        const stored = new Map(known);
        unknown.forEach((key, i) => stored.set(key, tallyKeysOf(rows[i])));
        return { stored, response: await writing };
      };

      const write = async (
        table: DBCoreTable,
        req: DBCoreMutateRequest,
      ): Promise<DBCoreMutateResponse> => {
        const { trans } = req;
        switch (req.type) {
          case 'add': {
            const values = req.values as Vouched[];
            // A new row was stored as nothing, whatever it says.
            takeVouchers(values);
            const response = await table.mutate(req);
            await apply(trans, replace(values, response, new Map()));
            return response;
          }
          case 'put': {
            const values = req.values as Vouched[];
            const ids = values.map((value) => value.id);
            const { stored, response } = await readThenWrite(table, req, ids, takeVouchers(values));
            await apply(trans, replace(values, response, stored));
            return response;
          }
          case 'delete': {
            const keys = req.keys as string[];
            const { stored, response } = await readThenWrite(table, req, keys, new Map());
            const lost = failed(response);
            const deltas: Deltas = new Map();
            const gone = new Set<string>();
            keys.forEach((key, i) => {
              if (lost.has(i) || gone.has(key)) return;
              gone.add(key);
              move(deltas, stored.get(key) ?? [], -1);
            });
            await apply(trans, deltas);
            return response;
          }
          default: {
            // A range delete (`clear()`): its rows are not known one by one, so count afresh.
            const response = await table.mutate(req);
            const recounted = await recountUnder(down, trans);
            const current = await countsIn(trans);
            for (const tally of recounted) current.set(tally.key, tally.count);
            await tallies().mutate({ trans, type: 'put', values: recounted });
            return response;
          }
        }
      };

      return {
        ...down,
        transaction: (stores, mode, options) =>
          // Every transaction that may write an article can write the tallies it moves.
          down.transaction(
            kept && mode === 'readwrite' && stores.includes(ARTICLES) && !stores.includes(TALLIES)
              ? [...stores, TALLIES]
              : stores,
            mode,
            options,
          ),
        table: (tableName) => {
          const table = down.table(tableName);
          if (tableName !== ARTICLES) return table;
          return {
            ...table,
            mutate: (req) => (holdsTallies(req.trans) ? write(table, req) : table.mutate(req)),
          };
        },
      };
    },
  });
}
