/**
 * Sync accounts as main serves them: signing in (the password is used once and dropped; the
 * server's token is kept in the credential store), and pull / fetchItems / push against the
 * server on the account's behalf. No result carries a secret, and no error message repeats one.
 *
 * What is the same for every server lives here: the stored sign-in and what a refusal does to
 * it, secrets kept out of messages, a push in order that says how far it got, the pull's cursor.
 * Speaking to a server is its protocol's (sync-protocol.ts; the Google Reader API is
 * greader-protocol.ts).
 */
import type {
  AccountChange,
  AccountService,
  AccountSnapshot,
  AccountSummary,
  PushResult,
  RemoteItem,
  SignInResult,
} from '../../shared/account-model';
import { AppError, type MainText } from '../../shared/result';
import { normalizeServerUrl } from './api-location';
import type { AccountRecord, CredentialStore } from './credential-store';
import {
  RateLimitedError,
  type ProtocolConnection,
  type ProtocolSession,
  type SyncProtocol,
} from './sync-protocol';

export interface AccountServiceDeps {
  store: CredentialStore;
  /** The protocol that speaks to a service's servers (sync-protocol.ts). */
  protocolFor(service: AccountService): SyncProtocol;
  /** The fetch for an account's requests: its own host may be on the reader's network. */
  fetchFor(allowPrivateHost?: string): typeof globalThis.fetch;
  /**
   * The allowance the server address the reader typed earns: its host when that host is on
   * their own network, else none (see `typed` in core.ts).
   */
  typed(url: string): Promise<string | undefined>;
  now(): number;
  newId(): string;
  /** Unexpected failures (bugs), already free of secrets. */
  logError?(message: string, error: unknown): void;
}

/** How far back `nextSince` reaches, so items the server files late are still seen. */
export const SINCE_OVERLAP_MS = 60_000;

export interface AccountServiceApi {
  signIn(params: {
    service: AccountService;
    serverUrl: string;
    username: string;
    password: string;
    accountId?: string;
  }): Promise<SignInResult>;
  list(): Promise<AccountSummary[]>;
  signOut(accountId: string): Promise<void>;
  remove(accountId: string): Promise<void>;
  pull(params: {
    accountId: string;
    since?: number;
    subscriptions: boolean;
  }): Promise<AccountSnapshot>;
  fetchItems(params: {
    accountId: string;
    ids: string[];
  }): Promise<{ items: RemoteItem[]; missing: string[] }>;
  push(params: { accountId: string; changes: AccountChange[] }): Promise<PushResult>;
}

export function createAccountService(deps: AccountServiceDeps): AccountServiceApi {
  /** Accounts whose server asked us to wait, until when, and what it said. */
  const holds = new Map<string, { until: number; text: MainText }>();

  /**
   * Runs `work` on a signed-in session of the account. A refusal of the token (401) forgets
   * it, so the account reads "Sign in again" everywhere; the rest of the record stays.
   */
  async function withSession<T>(
    accountId: string,
    work: (session: ProtocolSession, record: AccountRecord) => Promise<T>,
  ): Promise<T> {
    const record = await deps.store.get(accountId);
    if (!record) {
      throw new AppError('unauthorized', 'main.account.noSignIn');
    }
    const { auth } = record;
    if (!auth) {
      throw new AppError('unauthorized', 'main.account.signedOut', {
        username: record.username,
        host: hostOf(record.serverUrl),
      });
    }
    // Retry-After honoured across calls: until then the server hears nothing from us, whatever
    // the reader presses.
    const held = holds.get(accountId);
    if (held && deps.now() < held.until) {
      throw new AppError('rate-limited', held.text.id, held.text.values);
    }
    holds.delete(accountId);
    const session = connectionFor(record).session(auth);
    try {
      return await work(session, record);
    } catch (error) {
      if (error instanceof RateLimitedError && error.retryAfterMs !== undefined) {
        holds.set(accountId, { until: deps.now() + error.retryAfterMs, text: error.text });
      }
      throw await afterFailure(accountId, auth, error);
    }
  }

  /**
   * One connection per account address, kept: the protocol may remember what its server lets
   * a client reuse (a write token, which labels are folders) instead of asking before every
   * batch of a sync.
   */
  const connections = new Map<string, ProtocolConnection>();
  function connectionFor(record: AccountRecord): ProtocolConnection {
    const key = JSON.stringify([record.apiUrl, record.service, record.allowPrivateHost ?? '']);
    let connection = connections.get(key);
    if (!connection) {
      connection = deps.protocolFor(record.service).connect({
        apiUrl: record.apiUrl,
        service: record.service,
        fetch: deps.fetchFor(record.allowPrivateHost),
      });
      connections.set(key, connection);
    }
    return connection;
  }

  /** What a failure does to the stored sign-in, and the error to report (free of the token). */
  async function afterFailure(accountId: string, auth: string, error: unknown): Promise<unknown> {
    if (error instanceof AppError && error.code === 'unauthorized') {
      // Only the token that was refused: a sign-in that finished meanwhile keeps its new one.
      await deps.store.update(accountId, (current) =>
        current.auth === auth ? withoutAuth(current) : current,
      );
    }
    return hideSecrets(error, [auth]);
  }

  const signIn: AccountServiceApi['signIn'] = async (params) => {
    const serverUrl = normalizeServerUrl(params.serverUrl);
    const username = params.username.trim();
    const { password } = params;
    try {
      const previous = params.accountId ? await deps.store.get(params.accountId) : undefined;
      if (params.accountId && !previous) {
        throw new AppError('invalid-params', 'main.account.unknown');
      }
      if (previous && (previous.serverUrl !== serverUrl || previous.username !== username)) {
        throw new AppError('invalid-params', 'main.account.otherAccount', {
          username: previous.username,
          server: previous.serverUrl,
        });
      }
      const allowPrivateHost = await deps.typed(serverUrl);
      const fetch = deps.fetchFor(allowPrivateHost);
      const { apiUrl, auth } = await deps.protocolFor(params.service).signIn({
        typed: serverUrl,
        service: params.service,
        username,
        password,
        fetch,
      });
      const record: AccountRecord = { service: params.service, serverUrl, apiUrl, username, auth };
      if (allowPrivateHost) record.allowPrivateHost = allowPrivateHost;
      // Adding an account main already holds (same server and user) signs that one in again:
      // two accounts would sync the same library twice.
      const id = params.accountId ?? (await sameAccount(serverUrl, username)) ?? deps.newId();
      await deps.store.put(id, record);
      const result: SignInResult = { account: summary(id, record) };
      const warning = plainHttpWarning(serverUrl);
      if (warning) result.warning = warning;
      return result;
    } catch (error) {
      throw hideSecrets(error, [password]);
    }
  };

  async function sameAccount(serverUrl: string, username: string): Promise<string | undefined> {
    const accounts = await deps.store.list();
    return accounts.find(([, r]) => r.serverUrl === serverUrl && r.username === username)?.[0];
  }

  const pull: AccountServiceApi['pull'] = ({ accountId, since, subscriptions }) =>
    withSession(accountId, async (session) => {
      // Taken before asking: items filed while this pull runs are asked for again next time.
      const startedAt = deps.now();
      const snapshot = await session.pull({ since, subscriptions });
      return {
        ...snapshot,
        nextSince: Math.max(0, startedAt - SINCE_OVERLAP_MS),
        requests: session.requestCount(),
      };
    });

  const fetchItems: AccountServiceApi['fetchItems'] = ({ accountId, ids }) =>
    withSession(accountId, (session) => session.fetchItems(ids));

  const push: AccountServiceApi['push'] = ({ accountId, changes }) =>
    withSession(accountId, async (session, record) => {
      const result: PushResult = { applied: 0, subscribed: [] };
      for (const [index, change] of changes.entries()) {
        try {
          const streamId = await session.apply(change);
          if (streamId) result.subscribed.push({ index, streamId });
          result.applied = index + 1;
        } catch (error) {
          // The changes before this one were confirmed: say so, so the renderer removes exactly
          // those from its outbox and keeps this one and the rest, in order.
          const reported = (await afterFailure(accountId, record.auth ?? '', error)) as Error;
          if (!(reported instanceof AppError)) {
            deps.logError?.(
              `Sending change ${index + 1} to ${hostOf(record.serverUrl)} failed`,
              reported,
            );
          }
          const failed =
            reported instanceof AppError ? reported : new AppError('internal', 'main.api.internal');
          result.error = { code: failed.code, message: failed.message, text: failed.text };
          break;
        }
      }
      return result;
    });

  return {
    signIn,
    list: async () => (await deps.store.list()).map(([id, record]) => summary(id, record)),
    signOut: async (accountId) => {
      await deps.store.update(accountId, withoutAuth);
    },
    remove: async (accountId) => {
      await deps.store.remove(accountId);
    },
    pull,
    fetchItems,
    push,
  };
}

function summary(id: string, record: AccountRecord): AccountSummary {
  return {
    id,
    service: record.service,
    serverUrl: record.serverUrl,
    apiUrl: record.apiUrl,
    username: record.username,
    signedIn: record.auth !== undefined,
  };
}

function withoutAuth({ auth: _forgotten, ...rest }: AccountRecord): AccountRecord {
  return rest;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Plain http beyond this computer: anyone on the way can read the password and the token. */
export function plainHttpWarning(serverUrl: string): string | undefined {
  const url = new URL(serverUrl);
  if (
    url.protocol !== 'http:' ||
    LOOPBACK.test(url.hostname) ||
    url.hostname.endsWith('.localhost')
  ) {
    return undefined;
  }
  return `${url.host} is reached over plain http: anyone on the network between here and there can read your password, sign-in and articles. Use an https address if the server has one.`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * The error with every secret blanked out of its message: a server that repeats the password
 * in its refusal must not get it into a message shown on screen or written to a log.
 * Only where the server could have echoed the secret as a whole: a one-letter password must not
 * turn "rss.example.invalid" into "rss.e•••ample.invalid" (garbled, and showing where its letters are).
 */
export function hideSecrets(error: unknown, secrets: string[]): unknown {
  if (!(error instanceof Error)) return error;
  // A server that repeats the request it refused repeats the form body: the secret as sent.
  const present = [
    ...new Set(
      secrets
        .filter((secret) => secret.length > 0)
        .flatMap((secret) => [
          secret,
          encodeURIComponent(secret),
          new URLSearchParams({ s: secret }).toString().slice(2),
        ]),
    ),
  ];
  const blank = (text: string) => present.reduce(blankSecret, text);
  const message = blank(error.message);
  const stack = error.stack === undefined ? undefined : blank(error.stack);
  // The reader's text carries the server's words as values: blanked the same way.
  const values = error instanceof AppError ? error.text.values : undefined;
  const cleanValues =
    values &&
    Object.fromEntries(
      Object.entries(values).map(([key, value]) => [
        key,
        typeof value === 'string' ? blank(value) : value,
      ]),
    );
  const valuesChanged =
    values !== undefined && JSON.stringify(values) !== JSON.stringify(cleanValues);
  if (message === error.message && stack === error.stack && !valuesChanged) return error;
  const clean =
    error instanceof AppError
      ? new AppError(error.code, error.text.id, cleanValues)
      : new Error(message);
  clean.message = message;
  clean.stack = stack ?? message;
  return clean;
}

/** A secret this long inside a word is the secret itself, not a coincidence of letters. */
const ALWAYS_BLANKED_LENGTH = 12;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * The text with each occurrence of the secret that stands as a whole token (no letter or digit
 * glued to either end: "Passwd=x&", "'x'", "x" alone) blanked; a long secret is blanked anywhere.
 */
function blankSecret(text: string, secret: string): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
    if (at < from) continue;
    const end = at + secret.length;
    const whole =
      secret.length >= ALWAYS_BLANKED_LENGTH ||
      (!WORD_CHARACTER.test(text.charAt(at - 1)) && !WORD_CHARACTER.test(text.charAt(end)));
    if (!whole) continue;
    out += text.slice(from, at) + '•••';
    from = end;
  }
  return out + text.slice(from);
}
