/**
 * A plain IndexedDB connection for reading a database that Dexie declares and owns. In a CPU
 * profile of a fresh search worker, Dexie's open cost CPU time before the first answer and its
 * per-request machinery more than the reads' own decoding (docs/bench/2026-12-06-hostile-inputs.md,
 * "Figures quoted in code that no campaign note recorded"), so the worker's hot reads go
 * through this; every write, upgrade and creation still goes through Dexie.
 */
export class ReadConnection {
  private closed = false;

  constructor(private readonly idb: IDBDatabase) {
    // Another connection wants to upgrade or delete the database: step aside.
    idb.onversionchange = () => this.close();
    idb.onclose = () => {
      this.closed = true;
    };
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  close(): void {
    this.closed = true;
    this.idb.close();
  }

  /** Values at `keys` of `store`, in order (undefined where there is none), in one transaction. */
  getMany<T>(store: string, keys: IDBValidKey[]): Promise<(T | undefined)[]> {
    return this.read([store], (tx) => {
      const objects = tx.objectStore(store);
      return keys.map((key) => objects.get(key) as IDBRequest<T | undefined>);
    });
  }

  /**
   * One read-only transaction over `stores`, its requests made at once by `issue`: a promise
   * per request, settled as soon as that request's result is in (not when all of them are).
   */
  readEach<R extends unknown[]>(
    stores: string[],
    issue: (tx: IDBTransaction) => { [K in keyof R]: IDBRequest<R[K]> },
  ): { [K in keyof R]: Promise<R[K]> } {
    const tx = this.idb.transaction(stores, 'readonly');
    const requests = issue(tx) as IDBRequest[];
    const settlers: ((error: unknown) => void)[] = [];
    const fail = () => {
      for (const reject of settlers) reject(tx.error ?? new Error('IndexedDB read aborted'));
    };
    tx.onerror = fail;
    tx.onabort = fail;
    return requests.map(
      (request) =>
        new Promise((resolve, reject) => {
          settlers.push(reject);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('IndexedDB read failed'));
        }),
    ) as { [K in keyof R]: Promise<R[K]> };
  }

  /**
   * One read-only transaction over `stores`: `issue` makes its requests at once, and the
   * promise gives their results in the same order.
   */
  async read<R extends unknown[]>(
    stores: string[],
    issue: (tx: IDBTransaction) => { [K in keyof R]: IDBRequest<R[K]> },
  ): Promise<R> {
    return (await Promise.all(this.readEach<R>(stores, issue))) as R;
  }
}

/**
 * A read connection to database `name` as it is stored, only when it already exists at exactly
 * the Dexie schema `version` (a DatabaseHandle gives both); otherwise (missing, older, newer, no
 * IndexedDB) undefined, and the caller reads through Dexie, which creates or upgrades it.
 */
export async function openForReading(db: {
  name: string;
  version: number;
}): Promise<ReadConnection | undefined> {
  const expected = Math.round(db.version * 10); // Dexie stores version n as n × 10.
  if (typeof indexedDB === 'undefined') return undefined;
  // Asked first rather than found out by opening: an open of a database that does not exist
  // creates it, and aborting that creation (so that Dexie can make it properly) left the
  // origin's store slow to open at every later launch (docs/bench/2026-11-28-search-cold-start.md,
  // "01:45, format 4").
  const listed = await indexedDB.databases().catch(() => []);
  if (!listed.some((info) => info.name === db.name && info.version === expected)) return undefined;
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(db.name);
    } catch {
      return resolve(undefined);
    }
    request.onupgradeneeded = () => {
      // Deleted since it was listed: creating it is Dexie's job.
      request.transaction?.abort();
    };
    request.onerror = (event) => {
      event.preventDefault();
      resolve(undefined);
    };
    request.onblocked = () => resolve(undefined);
    request.onsuccess = () => {
      const idb = request.result;
      if (idb.version !== expected) {
        idb.close();
        return resolve(undefined);
      }
      resolve(new ReadConnection(idb));
    };
  });
}

/** A database's plain read connection, opened on first use and handed out while usable. */
export class ReadSlot {
  private opening: Promise<ReadConnection | undefined> | undefined;

  constructor(private readonly db: { name: string; version: number }) {}

  /** The connection, or undefined: the database is not there yet, or another took it over. */
  get(): Promise<ReadConnection | undefined> {
    this.opening ??= openForReading(this.db);
    return this.opening.then((reader) => (reader?.isOpen ? reader : undefined));
  }

  close(): void {
    void this.opening?.then((reader) => reader?.close());
  }
}
