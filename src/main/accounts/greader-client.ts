/**
 * A Google Reader API client (FreshRSS, Miniflux, The Old Reader, BazQux…): sign-in, the lists,
 * item ids and contents, and the writes. It follows what server authors ask of clients
 * (FreshRSS issue #2566): ids first, contents only for what the caller lacks, in batches.
 *
 * Every request goes through the injected fetch (the app's address guard) within the limits of
 * greader-transport.ts, and every failure is an AppError whose code says what the reader can do
 * (greader-errors.ts). The write token `T` is fetched when the first write needs it and fetched
 * again once when the server calls it stale.
 */
import type {
  AccountService,
  RemoteFolder,
  RemoteItem,
  RemoteSubscription,
} from '../../shared/account-model';
import { AppError } from '../../shared/result';
import { retryAfterOf } from '../net/retry-after';
import {
  apiDisabledError,
  httpError,
  isApiDisabled,
  isBadToken,
  isRateLimited,
  notReaderApiError,
  rateLimitedError,
  serverLabel,
  signInAgainError,
  statusText,
  wrongPasswordError,
  type GReaderDoing,
} from './greader-errors';
import { toRemoteItem } from './greader-item';
import {
  arrayAt,
  isObject,
  numberAt,
  parseJsonObject,
  stringAt,
  type GReaderAnswer,
  type JsonObject,
} from './greader-json';
import { folder, splitTags, toRemoteSubscription } from './greader-lists';
import {
  DEFAULT_GREADER_LIMITS,
  sendRequest,
  type ApiResponse,
  type GReaderLimits,
} from './greader-transport';
import { normalizeItemId, parseLongItemId, toLongItemId } from './item-id';
import { READ, READING_LIST, stateName } from './stream-id';

export interface UserInfo {
  userId?: string;
  userName?: string;
  /** Miniflux repeats the user name here, which tells it apart (find-api.ts). */
  userEmail?: string;
}

export interface GReaderClient {
  /** ClientLogin: the Auth token for withAuth. */
  login(username: string, password: string): Promise<string>;
  /** A session on a signed-in account; it keeps the write token T itself. */
  withAuth(auth: string): GReaderSession;
}

export interface ItemIdsQuery {
  stream: string;
  /** A stream to leave out (`xt`), e.g. the read state for unread items. */
  exclude?: string;
  /**
   * A stream the items must also be in (`it`). FreshRSS has no `…/state/com.google/read`
   * stream (it answers the whole reading list): read ids are the reading list with `it` read.
   */
  include?: string;
  /** Epoch ms: only items that arrived since (`ot`, in seconds). */
  since?: number;
  /** The most ids to collect; continuation is followed until then. */
  max: number;
}

export interface SubscriptionEdit {
  action: 'subscribe' | 'unsubscribe' | 'edit';
  streamId: string;
  title?: string;
  addLabel?: string;
  removeLabel?: string;
}

export interface GReaderSession {
  userInfo(): Promise<UserInfo>;
  subscriptions(): Promise<RemoteSubscription[]>;
  tags(): Promise<{ folders: RemoteFolder[]; labels: string[] }>;
  unreadCount(): Promise<number>;
  /** Long-form ids, newest first, continuation followed up to `max`. */
  itemIds(query: ItemIdsQuery): Promise<string[]>;
  /** Contents in the server's batch size, sanitized; `missing`: asked for but not returned. */
  itemContents(ids: string[]): Promise<{ items: RemoteItem[]; missing: string[] }>;
  editTag(ids: string[], add?: string, remove?: string): Promise<void>;
  markAllRead(stream: string, beforeMs: number): Promise<void>;
  quickAdd(url: string): Promise<{ streamId: string }>;
  editSubscription(edit: SubscriptionEdit): Promise<void>;
  /** HTTP requests this session made, retries and token requests included. */
  requestCount(): number;
}

/** How much one request carries; servers refuse or time out on more. */
export interface GReaderBatches {
  /** Ids per `stream/items/contents` request. */
  contentsBatch: number;
  /** Ids per `edit-tag` request. */
  editBatch: number;
  /** `n` per `stream/items/ids` page. */
  idsPage: number;
}

/**
 * FreshRSS reads at most 1 MiB of a request body (about 17,000 long ids) and answers 10,000
 * ids in one page in 10 ms; Miniflux caps `n` at 10,000 and bodies at 10 MB. Contents of 250
 * items weigh about 130 KB on FreshRSS. Marking read is the slow write: FreshRSS on SQLite
 * marks one id per transaction, 11–15 ms each on a fast disk, so 250 ids keep one request far
 * inside the timeout on a slow one.
 */
export const DEFAULT_GREADER_BATCHES: GReaderBatches = {
  contentsBatch: 250,
  editBatch: 250,
  idsPage: 10_000,
};

/** Longer waits are not worth holding a sync for: the account retries at its next interval. */
export const MAX_HONOURED_RETRY_AFTER_MS = 30_000;

export interface GReaderClientDeps {
  /** FreshRSS `…/api/greader.php`, Miniflux its root: what `/accounts/ClientLogin` hangs off. */
  apiUrl: string;
  fetch: typeof globalThis.fetch;
  userAgent: string;
  now: () => number;
  /** Waits a server's short Retry-After; tests pass their own. */
  sleep?: (ms: number) => Promise<void>;
  /** Names the server in messages and picks its quirks (Miniflux has only folders). */
  service?: AccountService;
  limits?: Partial<GReaderLimits & GReaderBatches>;
}

interface Call {
  method: 'GET' | 'POST';
  /** After the apiUrl, e.g. `/reader/api/0/subscription/list`. */
  path: string;
  query?: [string, string][];
  form?: [string, string][];
  /**
   * Sends T and renews it once when the server calls it stale. Every POST does: Miniflux
   * authenticates POSTs by T alone (it equals the Auth token there), contents included.
   */
  write?: boolean;
  /** For messages: "the subscription list request". */
  doing: GReaderDoing;
}

const API = '/reader/api/0';
/** Counting unread items one id at a time stops here; a reader with more sees this number. */
const UNREAD_COUNT_MAX = 100_000;

export function createGReaderClient(deps: GReaderClientDeps): GReaderClient {
  const apiUrl = deps.apiUrl.replace(/\/+$/, '');
  const label = serverLabel(deps.service, apiUrl);
  const limits: GReaderLimits = {
    timeoutMs: deps.limits?.timeoutMs ?? DEFAULT_GREADER_LIMITS.timeoutMs,
    connectTimeoutMs: deps.limits?.connectTimeoutMs ?? DEFAULT_GREADER_LIMITS.connectTimeoutMs,
    maxBytes: deps.limits?.maxBytes ?? DEFAULT_GREADER_LIMITS.maxBytes,
  };
  const batches: GReaderBatches = {
    contentsBatch: deps.limits?.contentsBatch ?? DEFAULT_GREADER_BATCHES.contentsBatch,
    editBatch: deps.limits?.editBatch ?? DEFAULT_GREADER_BATCHES.editBatch,
    idsPage: deps.limits?.idsPage ?? DEFAULT_GREADER_BATCHES.idsPage,
  };
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const transport = { fetch: deps.fetch, userAgent: deps.userAgent, limits, label };
  /** Write tokens by Auth, shared by the sessions of one client. */
  const tokens = new Map<string, string>();
  /**
   * Which labels are folders, by Auth, shared by the sessions of one client: item contents need
   * it to tell tags from folders, and asking tag/list before every batch doubled a sync's
   * requests. A pull that lists subscriptions asks again (tags()), so it never goes stale long.
   */
  const folderNamesByAuth = new Map<string, Set<string>>();

  function urlOf(path: string, query: [string, string][] = []): string {
    const search = new URLSearchParams(query).toString();
    return `${apiUrl}${path}${search ? `?${search}` : ''}`;
  }

  /**
   * One request with the answers every call treats alike: a short Retry-After is waited out
   * once; a longer one, or none, fails as rate-limited.
   */
  async function send(
    request: Parameters<typeof sendRequest>[1],
    count: () => void,
  ): Promise<ApiResponse> {
    let waited = false;
    for (;;) {
      count();
      const response = await sendRequest(transport, request);
      if (!isRateLimited(response)) return response;
      const wait = retryAfterOf(response.headers, deps.now());
      if (waited || wait === undefined || wait > MAX_HONOURED_RETRY_AFTER_MS) {
        throw rateLimitedError(label, wait);
      }
      waited = true;
      await sleep(wait);
    }
  }

  async function login(username: string, password: string): Promise<string> {
    const url = urlOf('/accounts/ClientLogin');
    const response = await send(
      {
        method: 'POST',
        url,
        form: [
          ['Email', username],
          ['Passwd', password],
        ],
      },
      () => undefined,
    );
    if (response.status === 401 || response.status === 403) {
      throw wrongPasswordError(label);
    }
    if (isApiDisabled(response)) throw apiDisabledError(label);
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      throw notReaderApiError(
        label,
        apiUrl,
        location
          ? { why: 'redirects', detail: location }
          : { why: 'status', detail: statusText(response) },
      );
    }
    // 501 "Unsupported method" is a web server without the API, not a broken API server.
    if (response.status >= 500 && response.status !== 501) {
      throw httpError(label, response, 'signIn');
    }
    if (response.status < 200 || response.status >= 300) {
      throw notReaderApiError(label, apiUrl, {
        why: 'answered',
        detail: statusText(response),
      });
    }
    const auth = /^Auth=(.+)$/m.exec(response.body)?.[1]?.trim();
    if (!auth) {
      const why = response.body.trim().startsWith('<') ? 'webPage' : 'noAuth';
      throw notReaderApiError(label, apiUrl, { why });
    }
    return auth;
  }

  function withAuth(auth: string): GReaderSession {
    let requests = 0;
    const count = () => {
      requests += 1;
    };
    let subscriptionCache: RemoteSubscription[] | undefined;

    async function call(spec: Call): Promise<ApiResponse> {
      let renewed = false;
      for (;;) {
        // T (and the tags) before the ids: PHP keeps only the first 1000 form fields in
        // $_POST (max_input_vars), where FreshRSS reads them; the ids it reads from the body.
        const form = spec.write
          ? [['T', await token()] as [string, string], ...(spec.form ?? [])]
          : spec.form;
        const response = await send(
          { method: spec.method, url: urlOf(spec.path, spec.query), form, auth },
          count,
        );
        if (response.status === 401) {
          if (spec.write && !renewed && isBadToken(response)) {
            renewed = true;
            tokens.delete(auth);
            continue;
          }
          throw signInAgainError(label);
        }
        if (isApiDisabled(response)) throw apiDisabledError(label);
        if (response.status < 200 || response.status >= 300) {
          throw httpError(label, response, spec.doing);
        }
        return response;
      }
    }

    async function token(): Promise<string> {
      const known = tokens.get(auth);
      if (known !== undefined) return known;
      const response = await call({
        method: 'GET',
        path: `${API}/token`,
        doing: 'token',
      });
      const fresh = response.body.trim();
      if (fresh.startsWith('<') || /\s/.test(fresh)) {
        throw new AppError('parse', 'main.account.badToken', label);
      }
      tokens.set(auth, fresh);
      return fresh;
    }

    async function json(spec: Call, what: GReaderAnswer) {
      return parseJsonObject(label, await call(spec), what);
    }

    async function subscriptions(): Promise<RemoteSubscription[]> {
      const answer = await json(
        {
          method: 'GET',
          path: `${API}/subscription/list`,
          query: [['output', 'json']],
          doing: 'subscriptions',
        },
        'subscriptions',
      );
      const list = arrayAt(label, answer, 'subscriptions', 'subscriptions')
        .map((raw) => toRemoteSubscription(raw, deps.service))
        .filter((subscription) => subscription !== undefined);
      subscriptionCache = list;
      return list;
    }

    async function tags(): Promise<{ folders: RemoteFolder[]; labels: string[] }> {
      const answer = await json(
        {
          method: 'GET',
          path: `${API}/tag/list`,
          query: [['output', 'json']],
          doing: 'tags',
        },
        'tags',
      );
      const { folders, labels, untyped } = splitTags(
        arrayAt(label, answer, 'tags', 'tags'),
        deps.service,
      );
      if (untyped.length) {
        // The server does not say which labels are folders: those a subscription carries are.
        const carried = new Set(
          (subscriptionCache ?? (await subscriptions())).flatMap((s) => s.folders),
        );
        for (const name of untyped) {
          if (carried.has(name)) folders.push(folder(name));
          else labels.push(name);
        }
      }
      folderNamesByAuth.set(auth, new Set(folders.map((entry) => entry.name)));
      return { folders, labels };
    }

    async function unreadCount(): Promise<number> {
      // Miniflux has no unread-count (its fallback route answers `[]`): count the unread ids.
      if (deps.service === 'miniflux') return countUnreadIds();
      const response = await call({
        method: 'GET',
        path: `${API}/unread-count`,
        query: [['output', 'json']],
        doing: 'unread',
      });
      if (response.body.trim() === '[]') return countUnreadIds();
      const answer = parseJsonObject(label, response, 'unread');
      let feeds = 0;
      for (const entry of arrayAt(label, answer, 'unreadcounts', 'unread')) {
        if (!isObject(entry)) continue;
        const id = stringAt(entry, 'id') ?? '';
        const count = numberAt(entry, 'count') ?? 0;
        if (stateName(id) === 'reading-list') return count;
        if (id.startsWith('feed/')) feeds += count;
      }
      return feeds;
    }

    async function countUnreadIds(): Promise<number> {
      const ids = await itemIds({ stream: READING_LIST, exclude: READ, max: UNREAD_COUNT_MAX });
      return ids.length;
    }

    async function itemIds(query: ItemIdsQuery): Promise<string[]> {
      const ids: string[] = [];
      const seen = new Set<string>();
      let continuation: string | undefined;
      while (ids.length < query.max) {
        const params: [string, string][] = [
          ['output', 'json'],
          ['s', query.stream],
          ['n', String(Math.min(batches.idsPage, query.max - ids.length))],
        ];
        if (query.exclude) params.push(['xt', query.exclude]);
        if (query.include) params.push(['it', query.include]);
        if (query.since !== undefined) params.push(['ot', String(Math.floor(query.since / 1000))]);
        if (continuation) params.push(['c', continuation]);
        const answer = await json(
          {
            method: 'GET',
            path: `${API}/stream/items/ids`,
            query: params,
            doing: 'itemIds',
          },
          'itemIds',
        );
        const refs = arrayAt(label, answer, 'itemRefs', 'itemIds');
        for (const ref of refs) {
          const raw = isObject(ref) ? stringAt(ref, 'id') : undefined;
          if (raw === undefined) continue;
          const id = readRefId(raw);
          if (seen.has(id) || ids.length >= query.max) continue;
          seen.add(id);
          ids.push(id);
        }
        const next = stringAt(answer, 'continuation');
        // A server repeating its continuation would otherwise be asked for ever.
        if (!next || next === continuation || refs.length === 0) break;
        continuation = next;
      }
      return ids;
    }

    /** itemRefs carry decimal ids; a few servers send the long form there too. */
    function readRefId(raw: string): string {
      try {
        return normalizeItemId(raw);
      } catch (error) {
        if (error instanceof AppError) {
          throw new AppError('parse', 'main.account.badItemId', {
            ...label,
            detail: error.message,
          });
        }
        throw error;
      }
    }

    async function itemContents(
      ids: string[],
    ): Promise<{ items: RemoteItem[]; missing: string[] }> {
      const wanted = uniqueIds(ids);
      const isFolder = await folderTest();
      const found = new Map<string, RemoteItem>();
      for (const batch of chunks(wanted, batches.contentsBatch)) {
        const answer = await json(
          {
            method: 'POST',
            path: `${API}/stream/items/contents`,
            query: [['output', 'json']],
            form: batch.map((id) => ['i', id]),
            write: true,
            doing: 'contents',
          },
          'contents',
        );
        for (const raw of arrayAt(label, answer, 'items', 'contents')) {
          const item = toRemoteItem(raw, { now: deps.now(), isFolder, service: deps.service });
          if (item) found.set(item.id, item);
        }
      }
      const items: RemoteItem[] = [];
      const missing: string[] = [];
      for (const id of wanted) {
        const item = found.get(id);
        if (item) items.push(item);
        else missing.push(id);
      }
      return { items, missing };
    }

    /** Which labels on items are folders (not tags): Miniflux has nothing else. */
    async function folderTest(): Promise<(name: string) => boolean> {
      if (deps.service === 'miniflux') return () => true;
      if (!folderNamesByAuth.has(auth)) await tags();
      const names = folderNamesByAuth.get(auth) ?? new Set<string>();
      return (name) => names.has(name);
    }

    async function editTag(ids: string[], add?: string, remove?: string): Promise<void> {
      if (!add && !remove) return;
      for (const batch of chunks(uniqueIds(ids), batches.editBatch)) {
        const form: [string, string][] = [];
        if (add) form.push(['a', add]);
        if (remove) form.push(['r', remove]);
        // The long form: Miniflux reads a 16-character id as hex first, and FreshRSS's decimal
        // ids have 16 digits; both read the long form alike.
        for (const id of batch) form.push(['i', id]);
        await call({
          method: 'POST',
          path: `${API}/edit-tag`,
          form,
          write: true,
          doing: 'mark',
        });
      }
    }

    async function markAllRead(stream: string, beforeMs: number): Promise<void> {
      await call({
        method: 'POST',
        path: `${API}/mark-all-as-read`,
        // Microseconds: both servers compare it with their item ids, which are timestamps in µs.
        form: [
          ['s', stream],
          ['ts', `${Math.max(0, Math.floor(beforeMs))}000`],
        ],
        write: true,
        doing: 'markAll',
      });
    }

    async function quickAdd(url: string): Promise<{ streamId: string }> {
      let answer: JsonObject;
      try {
        answer = await json(
          {
            method: 'POST',
            path: `${API}/subscription/quickadd`,
            query: [['output', 'json']],
            form: [['quickadd', url]],
            write: true,
            doing: 'subscribe',
          },
          'subscribe',
        );
      } catch (error) {
        // Miniflux refuses a feed it already has with a 500.
        if (!(error instanceof AppError) || error.code !== 'http') throw error;
        const existing = await subscribedTo(url);
        if (existing) return { streamId: existing };
        throw error;
      }
      const streamId = stringAt(answer, 'streamId');
      if (!streamId || numberAt(answer, 'numResults') === 0) {
        // Replayed after a crash that followed the server's confirmation: already there.
        const existing = await subscribedTo(url);
        if (existing) return { streamId: existing };
        const said = stringAt(answer, 'error');
        if (!said)
          throw new AppError('not-a-feed', 'main.account.subscribeFailed', { ...label, url });
        throw new AppError('not-a-feed', 'main.account.subscribeFailedSaid', {
          ...label,
          url,
          said,
        });
      }
      return { streamId };
    }

    async function editSubscription(edit: SubscriptionEdit): Promise<void> {
      const form: [string, string][] = [
        ['ac', edit.action],
        ['s', edit.streamId],
      ];
      if (edit.title !== undefined) form.push(['t', edit.title]);
      if (edit.addLabel) form.push(['a', edit.addLabel]);
      if (edit.removeLabel) form.push(['r', edit.removeLabel]);
      try {
        await call({
          method: 'POST',
          path: `${API}/subscription/edit`,
          form,
          write: true,
          doing: 'edit',
        });
      } catch (error) {
        // Both servers refuse to subscribe twice or to unsubscribe from what is gone (FreshRSS
        // 400, Miniflux 500). An outbox replaying a change the server already confirmed before
        // a crash must not be stuck on it: if the server already holds the outcome, it is done.
        if (!(error instanceof AppError) || error.code !== 'http') throw error;
        if (!(await alreadyDone(edit))) throw error;
      }
    }

    async function alreadyDone(edit: SubscriptionEdit): Promise<boolean> {
      if (edit.action === 'unsubscribe') {
        return !(await subscriptions()).some((s) => s.streamId === edit.streamId);
      }
      if (edit.action === 'subscribe' && edit.streamId.startsWith('feed/')) {
        return (await subscribedTo(edit.streamId.slice(5))) !== undefined;
      }
      return false;
    }

    /** The stream id of the subscription to this feed address, if the server has one. */
    async function subscribedTo(url: string): Promise<string | undefined> {
      const wanted = url.startsWith('feed/') ? url.slice(5) : url;
      const found = (await subscriptions()).find(
        (s) => sameAddress(s.url, wanted) || s.streamId === `feed/${wanted}`,
      );
      return found?.streamId;
    }

    async function userInfo(): Promise<UserInfo> {
      const answer = await json(
        {
          method: 'GET',
          path: `${API}/user-info`,
          query: [['output', 'json']],
          doing: 'userInfo',
        },
        'userInfo',
      );
      const info: UserInfo = {};
      const userId = stringAt(answer, 'userId');
      const userName = stringAt(answer, 'userName');
      if (userId) info.userId = userId;
      if (userName) info.userName = userName;
      const userEmail = stringAt(answer, 'userEmail');
      if (userEmail) info.userEmail = userEmail;
      return info;
    }

    return {
      userInfo,
      subscriptions,
      tags,
      unreadCount,
      itemIds,
      itemContents,
      editTag,
      markAllRead,
      quickAdd,
      editSubscription,
      requestCount: () => requests,
    };
  }

  return { login, withAuth };
}

/** Each id once, in order, checked: a malformed id from the caller is its bug, said clearly. */
function uniqueIds(ids: string[]): string[] {
  const seen = new Set<string>();
  for (const id of ids) {
    let long: string;
    try {
      long = toLongItemId(parseLongItemId(id));
    } catch (error) {
      if (error instanceof AppError) {
        throw new AppError('invalid-params', error.text.id, error.text.values);
      }
      const message = error instanceof Error ? error.message : String(error);
      throw new AppError('invalid-params', 'main.error.untranslated', { message });
    }
    seen.add(long);
  }
  return [...seen];
}

function chunks<T>(values: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < values.length; start += size) {
    result.push(values.slice(start, start + size));
  }
  return result;
}

/** Two feed addresses alike but for a trailing slash or the URL parser's spelling. */
function sameAddress(a: string, b: string): boolean {
  const normal = (url: string) => {
    try {
      return new URL(url).href.replace(/\/+$/, '');
    } catch {
      return url;
    }
  };
  return normal(a) === normal(b);
}
