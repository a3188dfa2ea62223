/**
 * Where main keeps what it knows about each sync account, the sign-in token included: the only
 * place a secret lives. The renderer never sees a record (handlers return AccountSummary, built
 * without `auth`); backups are made by the renderer, so they cannot include one either.
 *
 * The bytes go through injected `read`/`write` (a private file in the browser host, a
 * safeStorage-sealed file in the desktop app), so this runs under plain Node in tests.
 */
import { z } from 'zod';
import { ACCOUNT_SERVICES } from '../../shared/account-model';
import { AppError } from '../../shared/result';

export interface AccountRecord {
  service: (typeof ACCOUNT_SERVICES)[number];
  /** What the reader typed, normalized. */
  serverUrl: string;
  /** Where the Reader API answered. */
  apiUrl: string;
  username: string;
  /**
   * The server's Auth token from ClientLogin. Absent after sign-out or once the server
   * refused it; the password itself is never kept.
   */
  auth?: string;
  /**
   * The server's host when the reader typed an address on their own network: every request of
   * this account may reach that host, and only it (see net/guarded-fetch.ts).
   */
  allowPrivateHost?: string;
}

/** Turns the store's text into bytes only this user on this computer can turn back. */
export interface Seal {
  /** Throws an AppError saying why when the computer cannot encrypt (nothing is written then). */
  encrypt(text: string): Promise<Uint8Array>;
  decrypt(bytes: Uint8Array): Promise<string>;
}

export interface CredentialStoreDeps {
  /** The stored bytes, or undefined when nothing was ever stored. */
  read(): Promise<Uint8Array | undefined>;
  /** Replaces the stored bytes as one step: a crash leaves the old bytes or the new, never half. */
  write(bytes: Uint8Array): Promise<void>;
  seal?: Seal;
}

export interface CredentialStore {
  /** Every account, in the order they were added. */
  list(): Promise<[id: string, record: AccountRecord][]>;
  get(id: string): Promise<AccountRecord | undefined>;
  put(id: string, record: AccountRecord): Promise<void>;
  /** Changes one record (undefined when there is none); `change` returns the new record. */
  update(
    id: string,
    change: (record: AccountRecord) => AccountRecord,
  ): Promise<AccountRecord | undefined>;
  /** Forgets one account; false when there was none. */
  remove(id: string): Promise<boolean>;
}

const recordSchema = z
  .object({
    service: z.enum(ACCOUNT_SERVICES),
    serverUrl: z.string().min(1),
    apiUrl: z.string().min(1),
    username: z.string().min(1),
    auth: z.string().min(1).optional(),
    allowPrivateHost: z.string().min(1).optional(),
  })
  .strict();

const fileSchema = z.object({
  version: z.literal(1),
  accounts: z.array(z.object({ id: z.string().min(1), record: recordSchema })),
});

export function createCredentialStore(deps: CredentialStoreDeps): CredentialStore {
  let cache: Map<string, AccountRecord> | undefined;
  // One operation at a time: two sign-ins finishing together must not each write a file
  // that lacks the other's account.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  // A failed load is not cached: a keyring that was locked may be open next time. Until the
  // file loads, nothing is written over it, so a damaged or unreadable store is never lost.
  const load = async (): Promise<Map<string, AccountRecord>> => {
    if (cache) return cache;
    const bytes = await deps.read();
    cache = bytes === undefined ? new Map() : await decode(bytes, deps.seal);
    return cache;
  };

  const save = async (accounts: Map<string, AccountRecord>): Promise<void> => {
    const text = JSON.stringify({
      version: 1,
      accounts: [...accounts].map(([id, record]) => ({ id, record })),
    });
    const bytes = deps.seal ? await deps.seal.encrypt(text) : new TextEncoder().encode(text);
    await deps.write(bytes);
    cache = accounts;
  };

  return {
    list: () => serial(async () => [...(await load())].map(([id, r]) => [id, { ...r }])),
    get: (id) =>
      serial(async () => {
        const record = (await load()).get(id);
        return record && { ...record };
      }),
    put: (id, record) =>
      serial(async () => {
        const next = new Map(await load());
        next.set(id, recordSchema.parse(record));
        await save(next);
      }),
    update: (id, change) =>
      serial(async () => {
        const current = await load();
        const record = current.get(id);
        if (!record) return undefined;
        const changed = recordSchema.parse(change({ ...record }));
        await save(new Map(current).set(id, changed));
        return { ...changed };
      }),
    remove: (id) =>
      serial(async () => {
        const current = await load();
        if (!current.has(id)) return false;
        const next = new Map(current);
        next.delete(id);
        await save(next);
        return true;
      }),
  };
}

/** A store that lives as long as the process: tests, and the CLI's one-off checks. */
export function createMemoryCredentialStore(): CredentialStore {
  let bytes: Uint8Array | undefined;
  return createCredentialStore({
    read: async () => bytes,
    write: async (next) => {
      bytes = next;
    },
  });
}

async function decode(
  bytes: Uint8Array,
  seal: Seal | undefined,
): Promise<Map<string, AccountRecord>> {
  let text: string;
  try {
    text = seal
      ? await seal.decrypt(bytes)
      : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    // The seal's own refusal (no keyring) already says why; anything else is a damaged file.
    if (error instanceof AppError) throw error;
    throw new AppError('internal', 'main.account.undecryptable');
  }
  let parsed: z.infer<typeof fileSchema>;
  try {
    parsed = fileSchema.parse(JSON.parse(text));
  } catch {
    // Never the parser's message: it may quote the file, and the file holds tokens.
    throw new AppError('internal', 'main.account.damaged');
  }
  return new Map(parsed.accounts.map(({ id, record }) => [id, record]));
}
