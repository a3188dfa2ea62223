/**
 * What a sync protocol gives the account service (account-service.ts). The service owns what is
 * the same for every server — the credential store, which token a refusal kills, secrets kept
 * out of messages, the order of a push, the pull's cursor — and asks a protocol only to speak
 * to its server. The Google Reader API (FreshRSS, Miniflux, The Old Reader, BazQux, Inoreader)
 * is greader-protocol.ts; Nextcloud News, Feedbin or Fever would each be one module beside it
 * (docs/SYNC.md says how).
 *
 * Errors are AppErrors with the contract's codes. `unauthorized` means the stored token is dead:
 * the service forgets it and the reader is asked to sign in again; every other code leaves the
 * sign-in alone.
 */
import type {
  AccountChange,
  AccountService,
  AccountSnapshot,
  RemoteItem,
} from '../../shared/account-model';
import { AppError, type MainMessageId, type MainValues } from '../../shared/result';

/**
 * The server asked us to wait (429, or 503 with Retry-After) longer than a protocol waits by
 * itself. With `retryAfterMs`, the account service sends that account nothing more until then.
 */
export class RateLimitedError extends AppError {
  constructor(
    id: MainMessageId,
    values: MainValues,
    readonly retryAfterMs?: number,
  ) {
    super('rate-limited', id, values);
  }
}

export interface SyncProtocol {
  /**
   * Finds the API from the address the reader typed and signs in there. The password is used
   * for this call only; what comes back (the API's address and a token) is all that is kept.
   */
  signIn(request: {
    typed: string;
    service: AccountService;
    username: string;
    password: string;
    fetch: typeof globalThis.fetch;
  }): Promise<{ apiUrl: string; auth: string }>;
  /**
   * A connection to one account's API. The service keeps it between calls, so it may remember
   * what a server lets a client reuse (a write token, which labels are folders).
   */
  connect(options: {
    apiUrl: string;
    service: AccountService;
    fetch: typeof globalThis.fetch;
  }): ProtocolConnection;
}

export interface ProtocolConnection {
  session(auth: string): ProtocolSession;
}

/** The server's state as the contract's snapshot, less what the service adds itself. */
export type ProtocolSnapshot = Omit<AccountSnapshot, 'nextSince' | 'requests'>;

export interface ProtocolSession {
  /**
   * Ids first (FreshRSS issue #2566): unread, starred, and what arrived since `since` (epoch
   * ms; absent on a first sync: the newest the server keeps). With `subscriptions`, also the
   * subscriptions, folders and item labels.
   */
  pull(request: { since?: number; subscriptions: boolean }): Promise<ProtocolSnapshot>;
  /** Contents of these items, in the server's batch sizes; `missing`: asked, not returned. */
  fetchItems(ids: string[]): Promise<{ items: RemoteItem[]; missing: string[] }>;
  /**
   * One change, done when this resolves. A change the server already holds (a subscribe sent
   * again after a lost answer) must count as done, or a queue would stop on it for good. A
   * subscribe answers with the subscription's stream id.
   */
  apply(change: AccountChange): Promise<string | undefined>;
  /** Requests this session made (the pull reports them). */
  requestCount(): number;
}
